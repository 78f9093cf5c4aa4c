from django.urls import path

from safehaven.fax import api

urlpatterns = [
    path("", api.FaxJobListView.as_view(), name="api-fax-list"),
    path("<int:pk>/", api.FaxJobDetailView.as_view(), name="api-fax-detail"),
    path("<int:pk>/number/", api.NumberView.as_view(), name="api-fax-number"),
    path("<int:pk>/safe-haven/", api.SafeHavenView.as_view(), name="api-fax-safe-haven"),
    path("<int:pk>/send/", api.SendView.as_view(), name="api-fax-send"),
    path("<int:pk>/retry/", api.RetryView.as_view(), name="api-fax-retry"),
    path("<int:pk>/receipt/", api.ReceiptView.as_view(), name="api-fax-receipt"),
    path("<int:pk>/stop/", api.StopView.as_view(), name="api-fax-stop"),
]
