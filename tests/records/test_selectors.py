"""Records selectors: current address, consent, search, matching."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from safehaven.records.selectors import (
    address_current,
    consent_current,
    service_user_match,
    service_user_search,
)
from tests.factories import (
    AddressFactory,
    ConsentFactory,
    OrganisationFactory,
    ProfessionalContactFactory,
    ServiceUserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.rule("LET-1")
def test_current_address_is_the_open_one_not_an_earlier_one(service_user):
    AddressFactory(
        service_user=service_user,
        valid_from=dt.date(2019, 1, 1),
        valid_to=dt.date(2021, 1, 1),
        line_1="1 Old Road",
    )
    current = AddressFactory(
        service_user=service_user, valid_from=dt.date(2021, 1, 2), line_1="2 New Road"
    )
    assert address_current(service_user=service_user) == current


def test_consent_to_organisation_covers_its_contacts_but_not_the_reverse(service_user):
    org = OrganisationFactory()
    contact = ProfessionalContactFactory(organisation=org)
    other_contact = ProfessionalContactFactory(organisation=org)
    org_consent = ConsentFactory(service_user=service_user, recipient_organisation=org)
    assert consent_current(service_user=service_user, contact=contact) == org_consent
    org_consent.withdrawn_at = timezone.now()
    org_consent.save()
    personal = ConsentFactory(
        service_user=service_user, recipient_organisation=None, recipient_contact=contact
    )
    assert consent_current(service_user=service_user, contact=contact) == personal
    assert consent_current(service_user=service_user, contact=other_contact) is None
    assert consent_current(service_user=service_user, organisation=org) is None


def test_consent_purpose_expiry_and_time(service_user):
    org = OrganisationFactory()
    c = ConsentFactory(
        service_user=service_user,
        recipient_organisation=org,
        purpose="health",
        expires_at=timezone.localdate() + dt.timedelta(days=10),
    )
    assert consent_current(service_user=service_user, organisation=org, purpose="health") == c
    assert consent_current(service_user=service_user, organisation=org, purpose="education") is None
    later = timezone.now() + dt.timedelta(days=11)
    assert consent_current(service_user=service_user, organisation=org, at=later) is None
    earlier = c.given_at - dt.timedelta(days=1)
    assert consent_current(service_user=service_user, organisation=org, at=earlier) is None


def test_search_tolerates_typos_and_swapped_dates(officer, school_a):
    su = ServiceUserFactory(
        unit=school_a,
        given_name="Olivia",
        family_name="Henderson",
        date_of_birth=dt.date(2014, 3, 7),
    )
    # A date of birth of its own: a random one could be the date searched for below.
    ServiceUserFactory(
        unit=school_a, given_name="Noah", family_name="Patel", date_of_birth=dt.date(2013, 11, 30)
    )
    assert list(service_user_search(user=officer, text="Olivia Hendersen")) == [su]
    assert list(service_user_search(user=officer, text="henderson")) == [su]
    assert su in service_user_search(user=officer, text="Olvia Henderson 03/07/2014")
    assert list(service_user_search(user=officer, text="", dob=dt.date(2014, 7, 3))) == [su]
    assert list(service_user_search(user=officer, text=su.upn)) == [su]


def test_search_never_returns_another_schools_children(officer, school_b):
    ServiceUserFactory(unit=school_b, given_name="Olivia", family_name="Henderson")
    assert list(service_user_search(user=officer, text="Olivia Henderson")) == []


def test_search_list_uses_a_fixed_number_of_queries(officer, school_a, django_assert_num_queries):
    for _ in range(20):
        ServiceUserFactory(unit=school_a, family_name="Smith")
    with django_assert_num_queries(2):
        found = list(service_user_search(user=officer, text="smith"))
        assert all(su.unit.name for su in found)
    assert len(found) == 20


@pytest.mark.rule("TEL-3")
def test_match_to_primary_record(officer, school_a):
    su = ServiceUserFactory(
        unit=school_a, given_name="Amelia", family_name="Clarke", date_of_birth=dt.date(2012, 5, 9)
    )
    exact = service_user_match(
        user=officer,
        given_name="Amelia",
        family_name="Clarke",
        date_of_birth=dt.date(2012, 5, 9),
        reference=su.upn,
    )
    assert exact[0].service_user == su
    assert exact[0].exact
    swapped = service_user_match(
        user=officer, given_name="Amelia", family_name="Clarke", date_of_birth=dt.date(2012, 9, 5)
    )
    assert swapped[0].service_user == su
    assert not swapped[0].exact
    assert "swapped" in swapped[0].reasons[0]
    wrong_ref = service_user_match(
        user=officer,
        given_name="Amelia",
        family_name="Clarke",
        date_of_birth=dt.date(2012, 5, 9),
        reference="NOPE",
    )
    assert not wrong_ref[0].exact
