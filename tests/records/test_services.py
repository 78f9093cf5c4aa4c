"""Records services: amendments keep history (LET-4), identifiers normalised, plain errors."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError

from safehaven.records import services
from safehaven.records.models import Address
from safehaven.records.selectors import address_current, address_history
from safehaven.records.services import RecordsError
from tests.factories import AddressFactory, ConsentFactory, OrganisationFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.mark.rule("LET-4")
def test_amending_an_address_closes_the_old_one_and_keeps_it(service_user, officer):
    old = services.address_amend(
        service_user=service_user,
        line_1="1 Old Road",
        postcode="le11 1aa",
        valid_from=dt.date(2020, 1, 1),
    )
    new = services.address_amend(
        service_user=service_user,
        line_1="2 New Road",
        postcode="LE67 3FJ",
        valid_from=dt.date(2024, 5, 1),
        recorded_by=officer,
        verified=True,
    )
    old.refresh_from_db()
    assert old.valid_to == dt.date(2024, 4, 30)
    assert old.line_1 == "1 Old Road"
    assert address_current(service_user=service_user) == new
    assert new.verified_by == officer
    assert list(address_history(service_user=service_user)) == [new, old]
    same = services.address_amend(
        service_user=service_user,
        line_1="2 new road",
        postcode="le67 3fj",
        valid_from=dt.date(2025, 1, 1),
    )
    assert same == new
    assert Address.objects.count() == 2


def test_address_amend_refuses_bad_postcode_and_backdating(service_user):
    with pytest.raises(RecordsError, match="postcode"):
        services.address_amend(service_user=service_user, line_1="1 A St", postcode="NOPE")
    services.address_amend(
        service_user=service_user,
        line_1="1 A St",
        postcode="LE1 1AA",
        valid_from=dt.date(2024, 1, 1),
    )
    with pytest.raises(RecordsError, match="must start after"):
        services.address_amend(
            service_user=service_user,
            line_1="2 B St",
            postcode="LE1 1AA",
            valid_from=dt.date(2023, 1, 1),
        )


@pytest.mark.rule("LET-1")
def test_the_database_allows_only_one_current_address(service_user):
    AddressFactory(service_user=service_user)
    with pytest.raises(IntegrityError):
        AddressFactory(service_user=service_user)


def test_mail_returned_and_verification(service_user, officer):
    address = AddressFactory(service_user=service_user)
    services.address_mark_mail_returned(address=address)
    assert address.mail_returned
    services.address_verify(address=address, user=officer)
    address.refresh_from_db()
    assert not address.mail_returned
    assert address.verified_by == officer


def test_switchboard_is_stored_in_e164_with_who_verified(dpo):
    org = OrganisationFactory()
    sb = services.switchboard_record(
        organisation=org, number="0116 496 0100", verified_by=dpo, verification_source="Website"
    )
    assert sb.number == "+441164960100"
    assert sb.is_verified
    with pytest.raises(RecordsError, match="phone number is not valid"):
        services.switchboard_record(
            organisation=org, number="12345", verified_by=None, verification_source=""
        )
    with pytest.raises(RecordsError, match="where the number was verified"):
        services.switchboard_record(
            organisation=org, number="0116 496 0101", verified_by=dpo, verification_source=" "
        )


def test_email_domain_belongs_to_one_organisation():
    a, b = OrganisationFactory(), OrganisationFactory()
    services.email_domain_record(organisation=a, domain="@Example.NHS.uk", security="secure")
    with pytest.raises(RecordsError, match="another organisation"):
        services.email_domain_record(organisation=b, domain="example.nhs.uk")


def test_service_user_create_checks_identifiers():
    unit = UnitFactory()
    with pytest.raises(RecordsError, match="UPN"):
        services.service_user_create(
            given_name="A",
            family_name="B",
            date_of_birth=dt.date(2014, 1, 1),
            reference="R1",
            unit=unit,
            upn="A123",
        )
    with pytest.raises(RecordsError, match="future"):
        services.service_user_create(
            given_name="A",
            family_name="B",
            date_of_birth=dt.date(2999, 1, 1),
            reference="R1",
            unit=unit,
        )


def test_consent_withdrawal_needs_reason(service_user, officer):
    consent = ConsentFactory(service_user=service_user)
    with pytest.raises(RecordsError, match="why"):
        services.consent_withdraw(consent=consent, reason=" ", user=officer)
    services.consent_withdraw(consent=consent, reason="Parent asked", user=officer)
    assert not consent.is_current()
    with pytest.raises(RecordsError, match="already"):
        services.consent_withdraw(consent=consent, reason="again", user=officer)


def test_consent_needs_a_recipient(service_user, officer):
    with pytest.raises(RecordsError, match="who consent is for"):
        services.consent_record(
            service_user=service_user,
            given_by_name="Jane",
            given_by_relationship="mother",
            method="verbal",
            recorded_by=officer,
        )
