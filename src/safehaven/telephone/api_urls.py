from django.urls import path

from safehaven.telephone import api

urlpatterns = [
    path("", api.TelephoneRequestListView.as_view(), name="api-telephone-list"),
    path("<int:pk>/", api.TelephoneRequestDetailView.as_view(), name="api-telephone-detail"),
    path("<int:pk>/identify/", api.IdentifyView.as_view(), name="api-telephone-identify"),
    path("<int:pk>/callback/", api.CallbackView.as_view(), name="api-telephone-callback"),
    path("<int:pk>/consent/", api.ConsentView.as_view(), name="api-telephone-consent"),
    path("<int:pk>/decide/", api.DecideView.as_view(), name="api-telephone-decide"),
    path("<int:pk>/return-call/", api.ReturnCallView.as_view(), name="api-telephone-return-call"),
    path("<int:pk>/stop/", api.StopView.as_view(), name="api-telephone-stop"),
]
