"""Professional contacts: read by everyone, changed by the DPO and administrators."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safehaven.records.models import ProfessionalContact
from tests.factories import OrganisationFactory, ProfessionalContactFactory

pytestmark = pytest.mark.django_db


def test_anonymous_is_sent_to_sign_in(client):
    assert client.get(reverse("contact-list"))["Location"].startswith(reverse("login"))


def test_officer_searches_contacts_but_cannot_change_them(client, officer):
    contact = ProfessionalContactFactory(name="Priya Sharma")
    ProfessionalContactFactory(name="Someone Else")
    client.force_login(officer)
    html = client.get(reverse("contact-list"), {"q": "priya"}).content.decode()
    assert "Priya Sharma" in html
    assert "Someone Else" not in html
    assert "Add a contact" not in html
    assert client.get(reverse("contact-edit", args=[contact.pk])).status_code == 403
    assert client.get(reverse("contact-create")).status_code == 403


def test_dpo_adds_a_contact_with_a_normalised_direct_line(client, dpo):
    organisation = OrganisationFactory()
    client.force_login(dpo)
    response = client.post(
        reverse("contact-create"),
        {
            "organisation": organisation.pk,
            "name": "Dr Helen Carter",
            "direct_phone": "0116 225 4000",
        },
    )
    assert response.status_code == 302
    contact = ProfessionalContact.objects.get(name="Dr Helen Carter")
    assert contact.direct_phone == "+441162254000"


def test_contact_form_errors_link_to_fields(client, dpo):
    client.force_login(dpo)
    html = client.post(reverse("contact-create"), {"name": ""}).content.decode()
    assert '<a href="#id_organisation">Select the organisation</a>' in html
    assert '<a href="#id_name">Enter the contact&#x27;s full name</a>' in html


def test_administrator_edits_a_contact(client, administrator):
    contact = ProfessionalContactFactory(name="Old Name")
    client.force_login(administrator)
    client.post(
        reverse("contact-edit", args=[contact.pk]),
        {
            "organisation": contact.organisation_id,
            "name": "New Name",
            "job_title": "Nurse",
            "reason": "Married name",
        },
    )
    contact.refresh_from_db()
    assert contact.name == "New Name"
