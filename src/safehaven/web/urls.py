"""Every URL of the web app; the REST API lives under /api/ (safehaven.api.urls)."""

from django.urls import include, path

from safehaven.web.views import (
    addresses,
    amendments,
    auth,
    contacts,
    docs,
    home,
    organisations,
    register,
    service_users,
    staff,
    units,
    webhooks,
)

urlpatterns = [
    path("", home.home, name="home"),
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    # Service users: search, record, register entries, subject access export.
    path("service-users/", service_users.search, name="service-user-search"),
    path("service-users/<int:pk>/", service_users.record, name="service-user-record"),
    path("service-users/<int:pk>/address/new/", addresses.address_new, name="address-new"),
    path(
        "service-users/<int:pk>/address/<int:address_pk>/mail-returned/",
        addresses.address_mail_returned,
        name="address-mail-returned",
    ),
    path(
        "service-users/<int:pk>/address/<int:address_pk>/checked/",
        addresses.address_checked,
        name="address-checked",
    ),
    # Amending details with history (LET-4).
    path(
        "service-users/<int:pk>/amend/",
        amendments.service_user_amend,
        name="service-user-amend",
    ),
    path(
        "service-users/<int:pk>/people/<int:person_pk>/amend/",
        amendments.related_person_amend,
        name="related-person-amend",
    ),
    path(
        "service-users/<int:pk>/changes/",
        amendments.change_history,
        name="service-user-changes",
    ),
    path(
        "service-users/<int:pk>/register/",
        service_users.disclosures,
        name="service-user-register",
    ),
    path(
        "service-users/<int:pk>/subject-access/",
        service_users.subject_access,
        name="service-user-subject-access",
    ),
    path(
        "service-users/<int:pk>/subject-access.<slug:fmt>",
        service_users.subject_access_download,
        name="service-user-subject-access-download",
    ),
    # The register as a whole (DPO, administrators).
    path("register/", register.overview, name="register-overview"),
    path("register/verify/", register.verify, name="register-verify"),
    # Administration: organisations and their numbers and domains, contacts, staff.
    path("organisations/", organisations.organisation_list, name="organisation-list"),
    path("organisations/new/", organisations.organisation_create, name="organisation-create"),
    path("organisations/<int:pk>/", organisations.organisation_detail, name="organisation-detail"),
    path(
        "organisations/<int:pk>/edit/",
        organisations.organisation_edit,
        name="organisation-edit",
    ),
    path(
        "organisations/<int:pk>/switchboards/new/",
        organisations.switchboard_create,
        name="switchboard-create",
    ),
    path(
        "organisations/<int:pk>/switchboards/<int:switchboard_pk>/verify/",
        organisations.switchboard_verify,
        name="switchboard-verify",
    ),
    path(
        "organisations/<int:pk>/email-domains/new/",
        organisations.email_domain_create,
        name="email-domain-create",
    ),
    path(
        "organisations/<int:pk>/fax-numbers/new/",
        organisations.fax_number_create,
        name="fax-number-create",
    ),
    path("contacts/", contacts.contact_list, name="contact-list"),
    path("contacts/new/", contacts.contact_create, name="contact-create"),
    path("contacts/<int:pk>/edit/", contacts.contact_edit, name="contact-edit"),
    path("contacts/<int:pk>/changes/", contacts.contact_changes, name="contact-changes"),
    path("units/", units.unit_list, name="unit-list"),
    path("staff/", staff.staff_list, name="staff-list"),
    path("staff/new/", staff.staff_create, name="staff-create"),
    path("staff/<int:pk>/edit/", staff.staff_edit, name="staff-edit"),
    # Sending amendments to other systems (LET-5): administrators.
    path("webhooks/", webhooks.webhook_list, name="webhook-list"),
    path("webhooks/new/", webhooks.webhook_create, name="webhook-create"),
    path("webhooks/send-now/", webhooks.deliver_now, name="webhook-deliver-now"),
    path("webhooks/<int:pk>/", webhooks.webhook_detail, name="webhook-detail"),
    path("webhooks/<int:pk>/new-secret/", webhooks.webhook_new_secret, name="webhook-new-secret"),
    path(
        "webhooks/deliveries/<int:pk>/retry/",
        webhooks.delivery_retry,
        name="webhook-delivery-retry",
    ),
    path("api-documentation/", docs.api_docs, name="api-docs"),
    path("telephone/", include("safehaven.telephone.urls")),
    path("api/telephone-requests/", include("safehaven.telephone.api_urls")),
    path("fax/", include("safehaven.fax.urls")),
    path("api/fax-jobs/", include("safehaven.fax.api_urls")),
    path("oversight/", include("safehaven.oversight.urls")),
    path("letters/", include("safehaven.correspondence.urls")),
    path("post/", include("safehaven.correspondence.post_urls")),
    path("api/post/", include("safehaven.correspondence.post_api_urls")),
    path("email/", include("safehaven.email.urls")),
    path("api/email/", include("safehaven.email.api_urls")),
    path("api/", include("safehaven.api.urls")),
]

handler400 = "safehaven.web.views.errors.bad_request"
handler403 = "safehaven.web.views.errors.permission_denied"
handler404 = "safehaven.web.views.errors.not_found"
handler500 = "safehaven.web.views.errors.server_error"
