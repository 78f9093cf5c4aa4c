from django.urls import path

from safehaven.telephone import views

urlpatterns = [
    path("", views.request_list, name="telephone-list"),
    path("new/", views.log_call, name="telephone-new"),
    path("<int:pk>/", views.detail, name="telephone-detail"),
    path("<int:pk>/identify/", views.identify, name="telephone-identify"),
    path("<int:pk>/callback/", views.callback, name="telephone-callback"),
    path("<int:pk>/consent/", views.consent, name="telephone-consent"),
    path("<int:pk>/authorise/", views.authorise, name="telephone-authorise"),
    path("<int:pk>/return-call/", views.return_call, name="telephone-return-call"),
    path("<int:pk>/stop/", views.refuse, name="telephone-refuse"),
]
