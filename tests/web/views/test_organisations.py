"""Organisations: everyone reads them, only the DPO and administrators change them, through
the records services; CSRF on every form."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from safehaven.records.models import EmailDomain, FaxNumber, Organisation, Switchboard
from tests.factories import OrganisationFactory, SwitchboardFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Charnwood Health Centre")


def test_anonymous_is_sent_to_sign_in(client, organisation):
    for url in [
        reverse("organisation-list"),
        reverse("organisation-detail", args=[organisation.pk]),
    ]:
        assert client.get(url)["Location"].startswith(reverse("login"))


def test_officer_reads_list_and_detail_without_change_links(client, officer, organisation, dpo):
    SwitchboardFactory(organisation=organisation, number="+441509111111", verified_by=dpo)
    SwitchboardFactory(organisation=organisation, number="+441509222222", verified_at=None)
    client.force_login(officer)
    listing = client.get(reverse("organisation-list"), {"q": "charnwood"}).content.decode()
    assert "Charnwood Health Centre" in listing
    assert "Add an organisation" not in listing
    html = client.get(reverse("organisation-detail", args=[organisation.pk])).content.decode()
    assert "01509 111111" in html  # stored as E.164, shown as people write it
    assert f"by {escape(str(dpo))}" in html  # as the page writes it: O'Neill is O&#x27;Neill
    assert "Not checked" in html
    assert "Mark as checked" not in html
    assert "Check again" not in html
    assert "Change details" not in html


@pytest.mark.parametrize(
    "name", ["organisation-create", "organisation-edit", "switchboard-create", "fax-number-create"]
)
def test_officer_cannot_open_change_pages(client, officer, organisation, name):
    client.force_login(officer)
    args = [] if name == "organisation-create" else [organisation.pk]
    assert client.get(reverse(name, args=args)).status_code == 403


def test_officer_cannot_mark_a_switchboard_checked(client, officer, organisation):
    board = SwitchboardFactory(organisation=organisation, verified_at=None)
    client.force_login(officer)
    url = reverse("switchboard-verify", args=[organisation.pk, board.pk])
    assert client.post(url, {"verification_source": "website"}).status_code == 403
    board.refresh_from_db()
    assert board.verified_at is None


def test_dpo_adds_an_organisation(client, dpo):
    client.force_login(dpo)
    response = client.post(
        reverse("organisation-create"),
        {"name": "Loughborough Police Station", "kind": "police", "postcode": "le11 1aa"},
    )
    organisation = Organisation.objects.get(name="Loughborough Police Station")
    assert response["Location"] == reverse("organisation-detail", args=[organisation.pk])
    assert organisation.postcode == "LE11 1AA"


def test_bad_postcode_is_named_in_the_error_summary(client, dpo):
    client.force_login(dpo)
    response = client.post(
        reverse("organisation-create"), {"name": "Somewhere", "kind": "other", "postcode": "123"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert '<a href="#id_postcode">The postcode is not valid' in html
    assert not Organisation.objects.filter(name="Somewhere").exists()


def test_administrator_edits_an_organisation(client, administrator, organisation):
    client.force_login(administrator)
    response = client.post(
        reverse("organisation-edit", args=[organisation.pk]),
        {"name": "Charnwood Health Centre", "kind": "health", "email": "reception@chc.nhs.uk"},
    )
    assert response.status_code == 302
    organisation.refresh_from_db()
    assert organisation.email == "reception@chc.nhs.uk"


def test_dpo_adds_a_switchboard_and_who_checked_it_is_recorded(client, dpo, organisation):
    client.force_login(dpo)
    client.post(
        reverse("switchboard-create", args=[organisation.pk]),
        {"number": "01509 611 600", "label": "Main", "verification_source": "Trust website"},
    )
    board = Switchboard.objects.get(organisation=organisation)
    assert board.number == "+441509611600"
    assert board.verified_by == dpo
    assert board.verified_at is not None


def test_unchecked_switchboard_can_be_marked_checked(client, dpo, organisation):
    board = SwitchboardFactory(organisation=organisation, verified_at=None)
    client.force_login(dpo)
    url = reverse("switchboard-verify", args=[organisation.pk, board.pk])
    response = client.post(url, {"verification_source": "Letter on headed paper"})
    assert response.status_code == 302
    board.refresh_from_db()
    assert board.verified_by == dpo
    assert board.verification_source == "Letter on headed paper"


def test_marking_checked_needs_a_source(client, dpo, organisation):
    board = SwitchboardFactory(organisation=organisation, verified_at=None)
    client.force_login(dpo)
    url = reverse("switchboard-verify", args=[organisation.pk, board.pk])
    response = client.post(url, {"verification_source": ""})
    assert response.status_code == 400
    assert "Enter where you checked the number" in response.content.decode()


def test_switchboard_of_another_organisation_is_not_found(client, dpo, organisation):
    other = SwitchboardFactory()
    client.force_login(dpo)
    url = reverse("switchboard-verify", args=[organisation.pk, other.pk])
    assert client.post(url, {"verification_source": "x"}).status_code == 404


def test_bad_switchboard_number_gets_a_plain_message(client, dpo, organisation):
    client.force_login(dpo)
    response = client.post(reverse("switchboard-create", args=[organisation.pk]), {"number": "12"})
    assert "The phone number is not valid" in response.content.decode()
    assert not Switchboard.objects.exists()


def test_dpo_adds_an_email_domain_and_a_fax_number(client, dpo, organisation):
    client.force_login(dpo)
    client.post(
        reverse("email-domain-create", args=[organisation.pk]),
        {"domain": "@CHC.nhs.uk", "security": "secure", "source": "NHS directory"},
    )
    client.post(
        reverse("fax-number-create", args=[organisation.pk]),
        {"number": "0116 258 5000", "safe_haven": "yes", "department": "Records"},
    )
    domain = EmailDomain.objects.get(organisation=organisation)
    assert domain.domain == "chc.nhs.uk"
    assert domain.assessed_by == dpo
    fax = FaxNumber.objects.get(organisation=organisation)
    assert fax.number == "+441162585000"
    assert fax.assessed_by == dpo
    html = client.get(reverse("organisation-detail", args=[organisation.pk])).content.decode()
    assert "chc.nhs.uk" in html
    assert ">Safe haven</strong>" in html


def test_organisation_form_is_refused_without_csrf_token(dpo):
    client = Client(enforce_csrf_checks=True)
    client.force_login(dpo)
    response = client.post(reverse("organisation-create"), {"name": "No Token", "kind": "other"})
    assert response.status_code == 403
    assert not Organisation.objects.filter(name="No Token").exists()


def test_missing_organisation_is_not_found(client, officer):
    client.force_login(officer)
    assert client.get(reverse("organisation-detail", args=[424242])).status_code == 404
