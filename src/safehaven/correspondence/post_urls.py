from django.urls import path

from safehaven.correspondence import post_views as views

urlpatterns = [
    path("", views.post_home, name="post-home"),
    path("new/", views.post_new, name="post-new"),
    path("triage/", views.post_triage, name="post-triage"),
    path("<int:pk>/", views.post_detail, name="post-detail"),
    path("<int:pk>/route/", views.post_route, name="post-route"),
    path("<int:pk>/misdirected/", views.post_misdirected, name="post-misdirected"),
    path("<int:pk>/actioned/", views.post_actioned, name="post-actioned"),
    path("<int:pk>/send-back/", views.post_send_back, name="post-send-back"),
]
