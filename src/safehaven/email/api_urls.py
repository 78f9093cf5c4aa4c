from django.urls import path

from safehaven.email import api

urlpatterns = [
    path("check", api.EmailCheckView.as_view(), name="api-email-check"),
    path("overrides", api.EmailOverrideView.as_view(), name="api-email-overrides"),
]
