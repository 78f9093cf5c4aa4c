"""Amending details with history (LET-4): services validate, lock, write and record the change;
every change record puts webhook deliveries in the outbox in the same transaction (LET-5)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import transaction

from safehaven.records import services
from safehaven.records.changes import CONFIDENTIAL_PLACEHOLDER, change_as_dict
from safehaven.records.imports import import_csv
from safehaven.records.models import ChangeRecord, ServiceUser, WebhookDelivery
from safehaven.records.selectors import changes_for_service_user
from safehaven.records.services import AmendForbidden, RecordsError
from safehaven.records.webhooks import subscription_create
from tests.factories import (
    ProfessionalContactFactory,
    RelatedPersonFactory,
    ServiceUserFactory,
    UnitFactory,
    UserFactory,
    make_upn,
)

pytestmark = pytest.mark.django_db


@pytest.mark.rule("LET-4")
def test_an_officer_corrects_a_name_and_the_change_is_recorded(service_user, officer):
    old_given, old_family = service_user.given_name, service_user.family_name
    before = dt.datetime.now(dt.UTC)
    changes = services.service_user_amend(
        service_user=service_user,
        user=officer,
        reason="Mother phoned: the name is spelt wrongly",
        given_name="Zoë",
        family_name=old_family,
    )
    assert [c.field for c in changes] == ["given_name"]
    change = changes[0]
    assert change.changed_by == officer
    assert change.old_value == old_given
    assert change.new_value == "Zoë"
    assert change.reason == "Mother phoned: the name is spelt wrongly"
    assert change.record_type == ChangeRecord.RecordType.SERVICE_USER
    assert change.record_id == service_user.pk
    assert change.service_user_id == service_user.pk
    assert change.at.utcoffset() == dt.timedelta(0)
    assert change.at >= before
    assert ServiceUser.objects.get(pk=service_user.pk).given_name == "Zoë"
    assert list(changes_for_service_user(service_user=service_user)) == changes


@pytest.mark.rule("LET-4")
def test_every_changed_field_gets_its_own_record_with_text_values(service_user, officer):
    new_upn = make_upn(90001)
    changes = services.service_user_amend(
        service_user=service_user,
        user=officer,
        reason="Transfer file from the previous school",
        # Before the factory's earliest date of birth (2008-09-01), so always a change.
        date_of_birth=dt.date(2007, 2, 3),
        upn=new_upn.lower(),
        preferred_name="Jo",
    )
    by_field = {c.field: c for c in changes}
    assert set(by_field) == {"date_of_birth", "upn", "preferred_name"}
    assert by_field["date_of_birth"].new_value == "2007-02-03"
    assert by_field["upn"].new_value == new_upn  # normalised to upper case
    service_user.refresh_from_db()
    assert service_user.upn == new_upn


@pytest.mark.rule("LET-4")
def test_a_reason_is_required(service_user, officer):
    with pytest.raises(RecordsError, match="Say why") as exc:
        services.service_user_amend(
            service_user=service_user, user=officer, reason="  ", given_name="Sam"
        )
    assert exc.value.field == "reason"
    assert not ChangeRecord.objects.exists()


@pytest.mark.rule("LET-4")
def test_a_upn_with_a_wrong_check_letter_gets_a_plain_english_error(service_user, officer):
    good = make_upn(4242)
    bad = ("B" if good[0] != "B" else "C") + good[1:]
    original = service_user.upn
    with pytest.raises(RecordsError) as exc:
        services.service_user_amend(service_user=service_user, user=officer, reason="x", upn=bad)
    assert exc.value.field == "upn"
    assert exc.value.message == (
        "The UPN is not valid: the check letter does not match: a mistyped character or a "
        "made-up number"
    )
    service_user.refresh_from_db()
    assert service_user.upn == original
    assert not ChangeRecord.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("uln", "1234567890", "ULN is not valid"),
        ("nhs_number", "1234567890", "NHS number is not valid"),
        ("date_of_birth", dt.date(2099, 1, 1), "in the past"),
        ("date_of_birth", dt.date(1950, 1, 1), "more than 30 years"),
        ("given_name", "   ", "Enter the given name"),
        ("reference", "", "Enter the reference"),
        ("given_name", "x" * 101, "100 characters or fewer"),
        ("created_at", "2020-01-01", "cannot be changed here"),
    ],
)
def test_bad_values_are_refused_with_the_field_named(service_user, officer, field, value, message):
    with pytest.raises(RecordsError, match=message) as exc:
        services.service_user_amend(
            service_user=service_user, user=officer, reason="check", **{field: value}
        )
    assert exc.value.field == field
    assert not ChangeRecord.objects.exists()


def test_upn_and_reference_must_stay_unique(service_user, officer, school_a):
    other = ServiceUserFactory(unit=school_a)
    with pytest.raises(RecordsError, match="already has this UPN"):
        services.service_user_amend(
            service_user=service_user, user=officer, reason="x", upn=other.upn
        )
    with pytest.raises(RecordsError, match="already has this reference"):
        services.service_user_amend(
            service_user=service_user, user=officer, reason="x", reference=other.reference
        )


def test_nothing_changed_writes_nothing(service_user, officer):
    assert (
        services.service_user_amend(
            service_user=service_user,
            user=officer,
            reason="checked",
            given_name=service_user.given_name,
            upn=service_user.upn.lower(),
        )
        == []
    )
    assert not ChangeRecord.objects.exists()


def test_an_officer_cannot_move_a_child_to_a_unit_they_do_not_work_in(
    service_user, officer, school_b
):
    with pytest.raises(AmendForbidden, match="school or team you work in"):
        services.service_user_amend(
            service_user=service_user, user=officer, reason="moved", unit=school_b
        )
    second = UnitFactory(name="Ashby Hill Nursery")
    officer.units.add(second)
    changes = services.service_user_amend(
        service_user=service_user, user=officer, reason="moved", unit=second
    )
    assert changes[0].old_value == "Ashby Hill Primary School"
    assert changes[0].new_value == "Ashby Hill Nursery"


def test_only_managers_dpo_and_administrators_change_the_allocated_worker(
    service_user, officer, authoriser, school_a, school_b
):
    with pytest.raises(AmendForbidden, match="Only a manager"):
        services.service_user_amend(
            service_user=service_user, user=officer, reason="x", allocated_worker=officer
        )
    elsewhere = UserFactory(role="officer", units=[school_b])
    with pytest.raises(RecordsError, match="does not work at"):
        services.service_user_amend(
            service_user=service_user, user=authoriser, reason="x", allocated_worker=elsewhere
        )
    changes = services.service_user_amend(
        service_user=service_user,
        user=authoriser,
        reason="New caseload split",
        allocated_worker=officer,
    )
    assert changes[0].field == "allocated_worker"
    assert changes[0].new_value == officer.username
    service_user.refresh_from_db()
    assert service_user.allocated_worker == officer


@pytest.mark.rule("LET-4")
def test_parent_details_are_corrected_with_history(service_user, officer):
    person = RelatedPersonFactory(service_user=service_user, phone="", email="")
    changes = services.related_person_amend(
        person=person,
        user=officer,
        reason="Father gave his new mobile number",
        phone="07911 123456",
        email="dad@example.org",
        postcode="le11 3tu",
        line_1="5 Station Road",
    )
    by_field = {c.field: c for c in changes}
    assert by_field["phone"].new_value == "+447911123456"
    assert by_field["postcode"].new_value == "LE11 3TU"
    assert all(c.record_type == "related_person" for c in changes)
    assert all(c.service_user_id == service_user.pk for c in changes)
    person.refresh_from_db()
    assert person.phone == "+447911123456"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("phone", "12345", "phone number is not valid"),
        ("postcode", "NOPE", "postcode is not valid"),
        ("email", "not-an-email", "Enter an email address"),
        ("family_name", "", "Enter the family name"),
        ("relationship", "father", "cannot be changed here"),
    ],
)
def test_bad_parent_details_are_refused(service_user, officer, field, value, message):
    person = RelatedPersonFactory(service_user=service_user)
    with pytest.raises(RecordsError, match=message) as exc:
        services.related_person_amend(person=person, user=officer, reason="x", **{field: value})
    assert exc.value.field == field


@pytest.mark.rule("LET-4")
def test_professional_contacts_are_corrected_by_the_directory_keepers(officer, dpo):
    contact = ProfessionalContactFactory(email="old@example.org")
    with pytest.raises(AmendForbidden):
        services.professional_contact_amend(
            contact=contact, user=officer, reason="x", email="new@example.org"
        )
    changes = services.professional_contact_amend(
        contact=contact, user=dpo, reason="Their email changed", email="new@example.org"
    )
    assert changes[0].record_type == "professional_contact"
    assert changes[0].service_user is None
    assert (changes[0].old_value, changes[0].new_value) == ("old@example.org", "new@example.org")


def test_the_directory_edit_page_service_also_writes_history(dpo):
    contact = ProfessionalContactFactory(job_title="Nurse")
    services.professional_contact_update(contact=contact, job_title="School nurse")
    change = ChangeRecord.objects.get()
    assert (change.field, change.new_value, change.reason) == (
        "job_title",
        "School nurse",
        "Edited in the directory",
    )


@pytest.mark.rule("LET-4")
def test_an_address_amendment_is_a_change_record_too(service_user, officer):
    services.address_amend(
        service_user=service_user,
        line_1="1 Old Road",
        postcode="LE11 1AA",
        valid_from=dt.date(2020, 1, 1),
    )
    services.address_amend(
        service_user=service_user,
        line_1="2 New Road",
        town="Loughborough",
        postcode="LE11 2BB",
        valid_from=dt.date(2024, 1, 1),
        source="parent",
        source_detail="Mother at parents' evening",
        recorded_by=officer,
    )
    latest = ChangeRecord.objects.order_by("-id").first()
    assert latest.record_type == "address"
    assert latest.field == "address"
    assert latest.old_value == "1 Old Road, LE11 1AA"
    assert latest.new_value == "2 New Road, Loughborough, LE11 2BB"
    assert latest.reason == "Told by parent or carer: Mother at parents' evening"
    assert latest.changed_by == officer


@pytest.mark.rule("LET-5")
def test_a_confidential_address_never_leaves_in_the_feed(service_user, officer):
    services.address_amend(
        service_user=service_user,
        line_1="Refuge",
        postcode="LE1 1AA",
        confidential=True,
        recorded_by=officer,
        reason="Moved to a refuge",
    )
    change = ChangeRecord.objects.get(field="address")
    assert change.confidential
    shared = change_as_dict(change)
    assert shared["new_value"] == CONFIDENTIAL_PLACEHOLDER
    assert "Refuge" not in str(shared)


@pytest.mark.rule("LET-5")
def test_each_change_puts_one_delivery_per_interested_subscription_in_the_outbox(
    service_user, officer, administrator
):
    mis = subscription_create(
        name="MIS",
        url="https://mis.example.org/hook",
        record_types=["service_user"],
        user=administrator,
    )
    subscription_create(
        name="Contacts only",
        url="https://crm.example.org/hook",
        record_types=["professional_contact"],
        user=administrator,
    )
    paused = subscription_create(
        name="Paused",
        url="https://old.example.org/hook",
        record_types=["service_user"],
        user=administrator,
        active=False,
    )
    changes = services.service_user_amend(
        service_user=service_user, user=officer, reason="x", given_name="Ann", family_name="Lee"
    )
    deliveries = WebhookDelivery.objects.all()
    assert {(d.subscription_id, d.change_id) for d in deliveries} == {
        (mis.pk, c.pk) for c in changes
    }
    assert not deliveries.filter(subscription=paused).exists()


@pytest.mark.rule("LET-5")
def test_change_and_outbox_roll_back_together(service_user, officer, administrator):
    subscription_create(
        name="MIS",
        url="https://mis.example.org/hook",
        record_types=["service_user"],
        user=administrator,
    )

    class Boom(Exception):
        pass

    seen = []

    def amend_then_fail():
        with transaction.atomic():
            services.service_user_amend(
                service_user=service_user, user=officer, reason="x", given_name="Ann"
            )
            seen.append(WebhookDelivery.objects.count())
            raise Boom

    with pytest.raises(Boom):
        amend_then_fail()
    assert seen == [1]
    assert not ChangeRecord.objects.exists()
    assert not WebhookDelivery.objects.exists()


def test_change_ids_only_grow(service_user, officer):
    ids = []
    for name in ("Ann", "Bea", "Cat"):
        ids += [
            c.pk
            for c in services.service_user_amend(
                service_user=service_user, user=officer, reason="x", given_name=name
            )
        ]
    assert ids == sorted(ids)
    assert len(set(ids)) == 3


@pytest.mark.rule("LET-5")
def test_an_import_that_changes_details_writes_change_records(service_user, officer, school_a):
    data = (
        "reference,given_name,family_name,date_of_birth,unit,upn\r\n"
        f"{service_user.reference},Corrected,{service_user.family_name},"
        f"{service_user.date_of_birth:%d/%m/%Y},{school_a.name},{service_user.upn}\r\n"
    ).encode()
    report = import_csv(kind="service-users", data=data, user=officer)
    assert report.updated == 1
    change = ChangeRecord.objects.get()
    assert (change.field, change.new_value, change.source) == ("given_name", "Corrected", "import")


@pytest.mark.rule("LET-5")
def test_post_coming_back_and_the_check_after_it_are_changes_too(service_user, officer):
    address = services.address_amend(
        service_user=service_user, line_1="1 Old Road", postcode="LE11 1AA", recorded_by=officer
    )
    services.address_mark_mail_returned(address=address, user=officer)
    services.address_verify(address=address, user=officer)
    flags = list(ChangeRecord.objects.filter(field="mail_returned").order_by("id"))
    assert [(c.old_value, c.new_value) for c in flags] == [("no", "yes"), ("yes", "no")]
    assert flags[0].reason == "Post to this address came back"
    # Checking an address whose post did not come back changes nothing.
    services.address_verify(address=address, user=officer)
    assert ChangeRecord.objects.filter(field="mail_returned").count() == 2


def test_an_unchanged_worker_who_has_left_does_not_block_other_corrections(
    service_user, authoriser, school_b
):
    leaver = UserFactory(role="officer", units=[school_b], is_active=False)
    ServiceUser.objects.filter(pk=service_user.pk).update(allocated_worker=leaver)
    service_user.refresh_from_db()
    changes = services.service_user_amend(
        service_user=service_user,
        user=authoriser,
        reason="spelling",
        given_name="Ann",
        allocated_worker=leaver,
    )
    assert [c.field for c in changes] == ["given_name"]


def test_an_old_value_that_fails_todays_checks_does_not_block_other_corrections(
    service_user, officer
):
    ServiceUser.objects.filter(pk=service_user.pk).update(date_of_birth=dt.date(1990, 1, 1))
    service_user.refresh_from_db()
    changes = services.service_user_amend(
        service_user=service_user,
        user=officer,
        reason="spelling",
        given_name="Ann",
        date_of_birth=dt.date(1990, 1, 1),
    )
    assert [c.field for c in changes] == ["given_name"]
