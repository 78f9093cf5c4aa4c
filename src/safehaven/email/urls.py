from django.urls import path

from safehaven.email import views

urlpatterns = [
    path("check/", views.check, name="email-check"),
    path("check/override/", views.override, name="email-override"),
    path("held/", views.held_by_me, name="email-held-by-me"),
    path("quarantine/", views.quarantine_list, name="email-quarantine"),
    path("quarantine/<str:qid>/", views.quarantine_detail, name="email-quarantine-detail"),
    path(
        "quarantine/<str:qid>/release/", views.quarantine_release, name="email-quarantine-release"
    ),
    path("quarantine/<str:qid>/reject/", views.quarantine_reject, name="email-quarantine-reject"),
    path("quarantine/<str:qid>/keep/", views.quarantine_keep, name="email-quarantine-keep"),
]
