"""The home page per role: real data only, and "nothing waiting" rather than invented work."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import ServiceUserFactory, SwitchboardFactory, disclosure

pytestmark = pytest.mark.django_db


def test_officer_sees_recent_records_and_allocated_children_of_own_units_only(
    client, officer, school_a, school_b
):
    ServiceUserFactory(unit=school_a, allocated_worker=officer, given_name="Allie")
    moved_away = ServiceUserFactory(unit=school_a, given_name="Movedaway")
    client.force_login(officer)
    client.get(reverse("service-user-record", args=[moved_away.pk]))
    moved_away.unit = school_b  # the child moved school: no longer visible
    moved_away.save()
    html = client.get(reverse("home")).content.decode()
    assert "Allie" in html
    assert "Movedaway" not in html
    assert "You can see 1 service user." in html
    assert "Waiting for your approval" not in html
    assert "The disclosure register" not in html
    assert "Administration" not in html


def test_recently_viewed_lists_the_latest_first(client, officer, school_a):
    first = ServiceUserFactory(unit=school_a, given_name="Firstviewed")
    second = ServiceUserFactory(unit=school_a, given_name="Secondviewed")
    client.force_login(officer)
    client.get(reverse("service-user-record", args=[first.pk]))
    client.get(reverse("service-user-record", args=[second.pk]))
    html = client.get(reverse("home")).content.decode()
    assert html.index("Secondviewed") < html.index("Firstviewed")


def test_authoriser_sees_an_empty_approvals_queue_and_what_they_authorised(
    client, authoriser, service_user
):
    disclosure(service_user=service_user, authorised_by=authoriser, recipient_name="Dr Approved")
    client.force_login(authoriser)
    html = client.get(reverse("home")).content.decode()
    assert "Nothing is waiting for your approval." in html
    assert "Disclosures you authorised recently" in html
    assert "Dr Approved" in html


def test_dpo_sees_register_size_recent_disclosures_and_unchecked_switchboards(
    client, dpo, service_user
):
    disclosure(service_user=service_user, recipient_name="Recent Recipient")
    SwitchboardFactory(verified_at=None)
    client.force_login(dpo)
    html = client.get(reverse("home")).content.decode()
    assert "The register holds 1 entry." in html
    assert "Checked just now: all 1 entry match" in html
    assert "Check the register now" in html
    assert "Recent Recipient" in html
    assert "1 switchboard number has not been checked" in html


def test_administrator_sees_administration_links_with_counts(client, administrator, officer):
    client.force_login(administrator)
    html = client.get(reverse("home")).content.decode()
    assert reverse("staff-list") in html
    assert "(2 active accounts)" in html
    assert reverse("unit-list") in html


def test_header_shows_the_users_units_and_navigation_by_role(client, officer, school_a):
    client.force_login(officer)
    html = client.get(reverse("home")).content.decode()
    assert school_a.name in html
    assert 'href="/register/"' not in html
    assert 'href="/staff/"' not in html
    assert 'aria-current="page"' in html


@pytest.fixture
def call_awaiting_manager(officer, school_a, dpo):
    """A telephone request taken by the officer, waiting for a manager (TEL-6)."""
    import datetime as dt

    from safehaven.telephone import services
    from tests.factories import (
        AddressFactory,
        ConsentFactory,
        OrganisationFactory,
        ServiceUserFactory,
    )

    partner = OrganisationFactory(name="Charnwood Health Centre")
    board = SwitchboardFactory(organisation=partner, number="+441164960100", verified_by=dpo)
    child = ServiceUserFactory(
        unit=school_a,
        given_name="Amelia",
        family_name="Whitworth",
        date_of_birth=dt.date(2014, 3, 7),
    )
    AddressFactory(service_user=child)
    ConsentFactory(service_user=child, recipient_organisation=partner, purpose="health")
    tel = services.telephone_request_log(
        officer=officer,
        caller_name="Dr Priya Shah",
        caller_number="07911 123456",
        caller_job_title="School Nurse",
        organisation=partner,
        reason="Health assessment",
        purpose="health",
        given_name="Amelia",
        family_name="Whitworth",
        date_of_birth=dt.date(2014, 3, 7),
    )
    tel = services.telephone_request_identify(request=tel, officer=officer, service_user=child)
    tel = services.telephone_request_callback(request=tel, officer=officer, switchboard=board)
    return services.telephone_request_consent(request=tel, officer=officer, lawful_basis="consent")


@pytest.mark.rule("TEL-6")
def test_authoriser_queue_lists_calls_waiting_for_a_manager(
    client, authoriser, call_awaiting_manager
):
    client.force_login(authoriser)
    html = client.get(reverse("home")).content.decode()
    assert "Nothing is waiting for your approval." not in html
    assert reverse("telephone-authorise", args=[call_awaiting_manager.pk]) in html
    assert call_awaiting_manager.short_reference in html


def test_officer_sees_their_open_telephone_requests_not_the_approval_queue(
    client, officer, call_awaiting_manager
):
    client.force_login(officer)
    html = client.get(reverse("home")).content.decode()
    assert reverse("telephone-detail", args=[call_awaiting_manager.pk]) in html
    assert "Waiting for a manager" in html
    assert "Waiting for your approval" not in html
