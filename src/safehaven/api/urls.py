"""REST API URLs, mounted at /api/ by safehaven.web.urls."""

from django.urls import path
from drf_spectacular.views import SpectacularAPIView

from safehaven.api import views

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("me/", views.MeView.as_view(), name="api-me"),
    path("service-users/", views.ServiceUserList.as_view(), name="api-service-user-list"),
    path(
        "service-users/<int:pk>/",
        views.ServiceUserAmend.as_view(),
        name="api-service-user-detail",
    ),
    path(
        "service-users/<int:pk>/changes/",
        views.ServiceUserChanges.as_view(),
        name="api-service-user-changes",
    ),
    path(
        "service-users/<int:pk>/related-people/",
        views.RelatedPersonList.as_view(),
        name="api-related-person-list",
    ),
    path(
        "service-users/<int:pk>/related-people/<int:person_pk>/",
        views.RelatedPersonDetail.as_view(),
        name="api-related-person-detail",
    ),
    path("changes.csv", views.ChangeFeedCSV.as_view(), name="api-changes-csv"),
    path(
        "service-users/<int:pk>/disclosures/",
        views.ServiceUserDisclosures.as_view(),
        name="api-service-user-disclosures",
    ),
    path("organisations/", views.OrganisationList.as_view(), name="api-organisation-list"),
    path(
        "organisations/<int:pk>/",
        views.OrganisationDetail.as_view(),
        name="api-organisation-detail",
    ),
    path("contacts/", views.ContactList.as_view(), name="api-contact-list"),
    path("contacts/<int:pk>/", views.ContactAmend.as_view(), name="api-contact-detail"),
    path("register/verify/", views.RegisterVerify.as_view(), name="api-register-verify"),
]
