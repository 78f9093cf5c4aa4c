"""disclosure_record: validation, chaining, subjects (TEL-9)."""

from __future__ import annotations

import pytest

from safehaven.register import chain
from safehaven.register.models import Disclosure
from safehaven.register.selectors import register_verify
from safehaven.register.services import DisclosureError, disclosure_record
from tests.factories import (
    ConsentFactory,
    ContactRestrictionFactory,
    ServiceUserFactory,
    UserFactory,
    disclosure,
)

pytestmark = pytest.mark.django_db


@pytest.mark.rule("TEL-9")
def test_entry_records_staff_time_reason_authoriser_and_recipient(officer, authoriser):
    su = ServiceUserFactory()
    entry = disclosure_record(
        service_user=su,
        channel="telephone",
        outcome="disclosed",
        disclosed_by=officer,
        authorised_by=authoriser,
        recipient_name="Dr Priya Shah",
        recipient_role="GP",
        recipient_number="+441162000000",
        summary="Attendance figures",
        reason="Health assessment",
        lawful_basis="safeguarding",
        lawful_basis_justification="Section 47 enquiry",
    )
    entry.refresh_from_db()
    assert entry.sequence == 1
    assert entry.disclosed_by == officer
    assert entry.authorised_by == authoriser
    assert entry.reason == "Health assessment"
    assert entry.recipient_name == "Dr Priya Shah"
    assert entry.recipient_number == "+441162000000"
    assert entry.occurred_at is not None
    assert entry.prev_hash == chain.GENESIS_HASH
    assert len(entry.entry_hash) == 64


def test_entries_chain_and_verify():
    first = disclosure()
    second = disclosure()
    assert second.sequence == first.sequence + 1
    assert second.prev_hash == first.entry_hash
    result = register_verify()
    assert result.ok, result.problem
    assert result.checked == 2


def test_multi_child_entry_lists_every_child_and_is_found_for_each():
    from safehaven.register.selectors import disclosures_for_service_user

    a, b = ServiceUserFactory(), ServiceUserFactory()
    entry = disclosure(service_users=[a, b])
    assert entry.service_user == a
    assert entry.service_user_ids == [a.pk, b.pk]
    assert list(disclosures_for_service_user(service_user=b)) == [entry]


def test_refusal_needs_reason():
    with pytest.raises(DisclosureError, match="not shared"):
        disclosure(outcome="refused", lawful_basis="none")
    entry = disclosure(outcome="refused", lawful_basis="none", refusal_reason="Caller unverified")
    assert entry.outcome == "refused"


def test_disclosure_needs_lawful_basis():
    with pytest.raises(DisclosureError, match="lawful basis"):
        disclosure(lawful_basis="none")


def test_exemption_needs_justification():
    with pytest.raises(DisclosureError, match="justification"):
        disclosure(lawful_basis="safeguarding", lawful_basis_justification="")


@pytest.mark.rule("TEL-7")
def test_consent_basis_needs_current_consent_about_this_child():
    from django.utils import timezone

    su = ServiceUserFactory()
    with pytest.raises(DisclosureError, match="which consent"):
        disclosure(service_user=su, lawful_basis="consent")
    other = ConsentFactory()
    with pytest.raises(DisclosureError, match="different service user"):
        disclosure(service_user=su, lawful_basis="consent", consent=other)
    withdrawn = ConsentFactory(service_user=su, withdrawn_at=timezone.now())
    with pytest.raises(DisclosureError, match="withdrawn or expired"):
        disclosure(service_user=su, lawful_basis="consent", consent=withdrawn)
    good = ConsentFactory(service_user=su)
    assert disclosure(service_user=su, lawful_basis="consent", consent=good).consent == good


def test_restricted_person_cannot_be_recipient():
    su = ServiceUserFactory()
    ContactRestrictionFactory(service_user=su, person_name="Mark Example")
    with pytest.raises(DisclosureError, match="contact restriction"):
        disclosure(service_user=su, recipient_name="  mark   EXAMPLE ")
    assert Disclosure.objects.count() == 0


@pytest.mark.rule("TEL-6")
def test_only_managers_or_dpo_authorise():
    officer = UserFactory(role="officer")
    with pytest.raises(DisclosureError, match="Team, Line or Service Manager"):
        disclosure(authorised_by=officer)


def test_payload_refuses_floats_and_nul():
    with pytest.raises(DisclosureError, match="float"):
        disclosure(payload={"pages": 1.5})
    with pytest.raises(DisclosureError, match="NUL"):
        disclosure(summary="a\x00b")


def test_same_correlation_id_within_one_action():
    from safehaven.register.correlation import correlation

    with correlation() as cid:
        a = disclosure()
        b = disclosure()
    assert a.correlation_id == b.correlation_id == cid
    assert disclosure().correlation_id != cid
