"""Every step of a fax, rule by rule (FAX-1..FAX-14): each check refuses, and nothing moves."""

from __future__ import annotations

import datetime as dt
import io
import json

import pdfplumber
import pytest
from django.utils import timezone

from safehaven.core.fax import STATEMENT
from safehaven.fax import services
from safehaven.fax.models import FaxJob, IncomingFax, SpeedDial
from safehaven.fax.selectors import (
    fax_nav_text,
    incoming_queue,
    incoming_unattended,
    speed_dial_suggestions,
    speed_dials_usable,
)
from safehaven.register.models import Disclosure
from tests.factories import FaxNumberFactory, UserFactory
from tests.fax.conftest import blank_pdf, confirm

pytestmark = pytest.mark.django_db
State = FaxJob.State


@pytest.mark.rule("FAX-1")
def test_fax_is_off_by_default_and_every_service_refuses(officer, child, partner, fax_dirs):
    assert services.fax_enabled() is False
    with pytest.raises(services.FaxError, match="switched off") as err:
        services.fax_job_create(
            officer=officer, service_user=child, recipient_name="Dr Shah",
            recipient_organisation=partner, reason="r", summary="s", document=blank_pdf(1),
            lawful_basis="consent",
        )  # fmt: skip
    assert err.value.rule == "FAX-1"
    assert FaxJob.objects.count() == 0


@pytest.mark.rule("FAX-1")
def test_only_dpo_or_administrator_switches_fax_on_and_must_say_why(officer, dpo):
    with pytest.raises(services.FaxError, match="Only the DPO"):
        services.fax_policy_set(user=officer, enabled=True, reason="because")
    with pytest.raises(services.FaxError, match="Say why"):
        services.fax_policy_set(user=dpo, enabled=True, reason=" ")
    assert services.fax_policy_set(user=dpo, enabled=True, reason="Partner needs it").enabled


@pytest.mark.rule("FAX-1")
@pytest.mark.rule("FAX-3")
def test_a_number_never_assessed_cannot_be_used(new_job, officer, partner):
    number = FaxNumberFactory(organisation=partner, number="+441164960777")
    job = services.fax_job_number(job=new_job(), officer=officer, fax_number=number)
    with pytest.raises(services.FaxError, match="three questions") as err:
        services.fax_job_safe_haven(job=job, officer=officer, receipt_requested_from="Dr Shah")
    assert err.value.rule == "FAX-3"
    job.refresh_from_db()
    assert job.state == State.NUMBER_ENTERED


@pytest.mark.rule("FAX-1")
def test_an_assessment_past_its_review_date_no_longer_counts(new_job, officer, safe_number):
    safe_number.assessments.update(review_due=timezone.localdate() - dt.timedelta(days=1))
    job = services.fax_job_number(job=new_job(), officer=officer, fax_number=safe_number)
    with pytest.raises(services.FaxError) as err:
        services.fax_job_safe_haven(job=job, officer=officer, receipt_requested_from="Dr Shah")
    assert err.value.rule == "FAX-3"


@pytest.mark.rule("FAX-2")
@pytest.mark.parametrize(
    ("secure", "shared", "collectors", "policy", "safe"),
    [
        (True, False, True, True, True),
        (False, False, True, True, False),
        (True, True, True, True, False),
        (True, False, False, True, False),
        (True, False, True, False, False),
    ],
)
def test_safe_haven_needs_every_criterion(
    partner, fax_on, officer, secure, shared, collectors, policy, safe
):
    number = FaxNumberFactory(organisation=partner)
    assessment = services.safe_haven_assess(
        fax_number=number, recorded_by=officer, answered_by_name="Jo Reception",
        secure_office=secure, shared_departments=shared, designated_collectors=collectors,
        written_policy=policy,
    )  # fmt: skip
    assert assessment.safe_haven is safe
    number.refresh_from_db()
    assert number.safe_haven == ("yes" if safe else "no")
    assert number.assessed_by == officer


@pytest.mark.rule("FAX-3")
def test_assessment_records_who_answered_at_the_recipient(partner, fax_on, officer):
    number = FaxNumberFactory(organisation=partner)
    with pytest.raises(services.FaxError, match="person at the recipient") as err:
        services.safe_haven_assess(
            fax_number=number, recorded_by=officer, answered_by_name="", secure_office=True,
            shared_departments=False, designated_collectors=True, written_policy=True,
        )  # fmt: skip
    assert err.value.field == "answered_by_name"


@pytest.mark.rule("FAX-4")
def test_not_a_safe_haven_needs_the_warning_call_first(new_job, officer, unsafe_number):
    job = services.fax_job_number(job=new_job(), officer=officer, fax_number=unsafe_number)
    with pytest.raises(services.FaxError, match="not a safe haven") as err:
        services.fax_job_safe_haven(job=job, officer=officer, receipt_requested_from="Dr Shah")
    assert err.value.rule == "FAX-4"
    job = services.fax_job_safe_haven(
        job=job, officer=officer, receipt_requested_from="Dr Shah", warning_call_made=True,
        warning_call_spoke_to="Dr Priya Shah",
    )  # fmt: skip
    assert job.state == State.READY
    assert job.warning_call_spoke_to == "Dr Priya Shah"
    assert job.warning_call_at is not None


@pytest.mark.rule("FAX-5")
def test_a_keyed_number_must_be_keyed_twice_the_same(new_job, officer):
    job = new_job()
    with pytest.raises(services.FaxError, match="second time"):
        services.fax_job_number(job=job, officer=officer, number="0116 496 0555")
    with pytest.raises(services.FaxError, match="do not match") as err:
        services.fax_job_number(
            job=job, officer=officer, number="0116 496 0555", number_again="0116 496 0556"
        )
    assert err.value.field == "number_again"
    job = services.fax_job_number(
        job=job, officer=officer, number="0116 496 0555", number_again="+44 116 496 0555"
    )
    assert job.number == "+441164960555"
    assert job.fax_number.organisation == job.recipient_organisation


@pytest.mark.rule("FAX-5")
def test_a_number_from_another_organisation_is_refused(new_job, officer, fax_on):
    other = FaxNumberFactory()
    with pytest.raises(services.FaxError, match="belongs to"):
        services.fax_job_number(job=new_job(), officer=officer, fax_number=other)


@pytest.mark.rule("FAX-6")
def test_receipt_is_requested_and_an_overdue_one_is_reminded(ready_job, officer, fax_dirs):
    with pytest.raises(services.FaxError):
        services.fax_job_safe_haven(job=ready_job, officer=officer, receipt_requested_from="")
    job = services.fax_job_send(job=ready_job, officer=officer, number_checked="01164960999")
    confirm(fax_dirs, job.attempts.get().driver_reference, pages=3)
    services.fax_poll()
    job.refresh_from_db()
    assert job.state == State.TRANSMITTED
    assert job.receipt_due_at is not None
    later = job.receipt_due_at + dt.timedelta(minutes=1)
    assert services.fax_receipt_reminders(now=job.receipt_due_at - dt.timedelta(minutes=1)) == []
    assert [j.pk for j in services.fax_receipt_reminders(now=later)] == [job.pk]
    assert services.fax_receipt_reminders(now=later) == []  # reminded once
    with pytest.raises(services.FaxError, match="who confirmed"):
        services.fax_job_receipt(job=job, officer=officer, confirmed_by_name=" ")
    job = services.fax_job_receipt(job=job, officer=officer, confirmed_by_name="Dr Priya Shah")
    assert job.state == State.RECEIPTED


@pytest.mark.rule("FAX-6")
def test_no_receipt_request_no_sending(new_job, officer, safe_number):
    job = services.fax_job_number(job=new_job(), officer=officer, fax_number=safe_number)
    with pytest.raises(services.FaxError) as err:
        services.fax_job_safe_haven(job=job, officer=officer, receipt_requested_from="")
    assert err.value.rule == "FAX-6"


@pytest.mark.rule("FAX-7")
def test_the_fax_sent_starts_with_the_cover_sheet_word_for_word(ready_job, officer, fax_dirs):
    job = services.fax_job_send(job=ready_job, officer=officer, number_checked="0116 496 0999")
    reference = job.attempts.get().driver_reference
    pdf = (fax_dirs["outbox"] / f"{reference}.pdf").read_bytes()
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 3
        text = doc.pages[0].extract_text()
    assert STATEMENT in " ".join(text.split())
    assert "To: Dr Priya Shah" in text
    assert "Number of pages (including this one): 3" in text
    assert officer.get_full_name() in text


@pytest.mark.rule("FAX-8")
def test_the_number_must_be_typed_back_before_sending(ready_job, officer):
    with pytest.raises(services.FaxError, match="does not match") as err:
        services.fax_job_send(job=ready_job, officer=officer, number_checked="0116 496 0998")
    assert err.value.rule == "FAX-8"
    ready_job.refresh_from_db()
    assert ready_job.state == State.READY
    assert Disclosure.objects.count() == 0


@pytest.mark.rule("FAX-8")
def test_sending_skipping_the_safe_haven_step_is_refused(new_job, officer, safe_number):
    job = services.fax_job_number(job=new_job(), officer=officer, fax_number=safe_number)
    with pytest.raises(services.FaxError) as err:
        services.fax_job_send(job=job, officer=officer, number_checked="0116 496 0999")
    assert err.value.out_of_order


@pytest.mark.rule("TEL-9")
def test_register_entry_is_written_with_the_move_to_sent(ready_job, officer):
    job = services.fax_job_send(job=ready_job, officer=officer, number_checked="01164960999")
    entry = job.disclosure
    assert entry.channel == "fax"
    assert entry.recipient_number == "+441164960999"
    assert entry.recipient_name == "Dr Priya Shah"
    assert entry.correlation_id == job.correlation_id
    assert entry.payload["pages"] == 3


@pytest.mark.rule("FAX-9")
def test_a_regularly_used_number_is_suggested_as_a_speed_dial(ready_job, officer, new_job):
    number = ready_job.fax_number
    for _ in range(2):
        job = services.fax_job_number(job=new_job(), officer=officer, fax_number=number)
        job = services.fax_job_safe_haven(job=job, officer=officer, receipt_requested_from="X")
        services.fax_job_send(job=job, officer=officer, number_checked="01164960999")
    assert speed_dial_suggestions() == []
    services.fax_job_send(job=ready_job, officer=officer, number_checked="01164960999")
    assert [n.pk for n in speed_dial_suggestions()] == [number.pk]
    services.speed_dial_create(fax_number=number, position=1, user=officer)
    assert speed_dial_suggestions() == []


@pytest.mark.rule("FAX-10")
def test_a_speed_dial_is_usable_only_after_its_test_is_confirmed(
    safe_number, officer, new_job, fax_dirs
):
    dial = services.speed_dial_create(fax_number=safe_number, position=4, user=officer)
    job = new_job()
    with pytest.raises(services.FaxError, match="not been tested") as err:
        services.fax_job_number(job=job, officer=officer, speed_dial=dial)
    assert err.value.rule == "FAX-10"
    with pytest.raises(services.FaxError, match="Send the test"):
        services.speed_dial_confirm_test(speed_dial=dial, user=officer, confirmed_by_name="Jo")
    test = services.speed_dial_send_test(speed_dial=dial, user=officer, recipient_name="Jo")
    assert test.total_pages == 1
    assert test.disclosure is None
    with pytest.raises(services.FaxError, match="not confirmed"):
        services.speed_dial_confirm_test(speed_dial=dial, user=officer, confirmed_by_name="Jo")
    assert list(speed_dials_usable()) == []
    confirm(fax_dirs, test.attempts.get().driver_reference, pages=1)
    services.fax_poll()
    dial = services.speed_dial_confirm_test(
        speed_dial=dial, user=officer, confirmed_by_name="Jo Reception"
    )
    assert list(speed_dials_usable()) == [dial]
    job = services.fax_job_number(job=job, officer=officer, speed_dial=dial)
    assert job.number_source == "speed_dial"


@pytest.mark.rule("FAX-11")
def test_the_job_waits_for_the_machine_and_failures_are_retried(ready_job, officer, fax_dirs):
    job = services.fax_job_send(job=ready_job, officer=officer, number_checked="01164960999")
    assert job.state == State.SENT
    with pytest.raises(services.FaxError) as err:
        services.fax_job_receipt(job=job, officer=officer, confirmed_by_name="Dr Shah")
    assert err.value.out_of_order
    confirm(fax_dirs, job.attempts.get().driver_reference, ok=False)
    services.fax_poll()
    job.refresh_from_db()
    assert job.state == State.FAILED
    job = services.fax_job_retry(job=job, officer=officer)
    assert job.state == State.SENT
    assert job.attempts.count() == 2
    # A "success" with a page short is a failure.
    confirm(fax_dirs, job.attempts.get(number=2).driver_reference, ok=True, pages=2)
    services.fax_poll()
    job.refresh_from_db()
    assert job.state == State.FAILED
    assert "Only 2 of 3" in job.attempts.get(number=2).detail
    job = services.fax_job_retry(job=job, officer=officer)
    confirm(fax_dirs, job.attempts.get(number=3).driver_reference, ok=False)
    services.fax_poll()
    with pytest.raises(services.FaxError, match="failed 3 times"):
        services.fax_job_retry(job=job, officer=officer)
    job = services.fax_job_stop(job=job, user=officer, reason="Recipient's machine is broken")
    outcomes = list(
        Disclosure.objects.filter(correlation_id=job.correlation_id)
        .order_by("sequence")
        .values_list("outcome", flat=True)
    )
    assert outcomes == ["disclosed", "not_shared"]


@pytest.mark.rule("FAX-11")
def test_a_driver_that_cannot_write_records_a_failed_attempt(
    ready_job, officer, settings, tmp_path
):
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    settings.SAFEHAVEN_FAX = {**settings.SAFEHAVEN_FAX, "OUTBOX_DIR": str(blocked / "outbox")}
    job = services.fax_job_send(job=ready_job, officer=officer, number_checked="01164960999")
    assert job.state == State.FAILED
    assert "outbox folder" in job.attempts.get().detail


def _incoming(fax_dirs, name: str, pdf: bytes, **meta) -> None:
    fax_dirs["inbox"].mkdir(parents=True, exist_ok=True)
    (fax_dirs["inbox"] / f"{name}.pdf").write_bytes(pdf)
    if meta:
        (fax_dirs["inbox"] / f"{name}.json").write_text(json.dumps(meta))


def _cover_and_pages(declared: int, sent: int, to: str) -> bytes:
    from safehaven.core.fax import CoverSheet, merge_pdfs, render_cover_sheet

    cover = render_cover_sheet(
        CoverSheet(
            recipient_name=to, recipient_fax="0116 496 0001", sender_name="Dr Shah",
            sender_organisation="Charnwood Health Centre", sender_phone="0116 496 0100",
            date=dt.date(2026, 11, 25), total_pages=declared, reference="THEIRS-1",
        )
    )  # fmt: skip
    return merge_pdfs(cover, blank_pdf(sent - 1)) if sent > 1 else cover


@pytest.mark.rule("FAX-12")
def test_an_incoming_fax_goes_straight_to_its_named_recipient(fax_on, fax_dirs, school_a, dpo):
    # A surname Faker never draws: a random user of the same name would make it ambiguous.
    sam = UserFactory(first_name="Sam", last_name="Quennell", units=[school_a])
    _incoming(fax_dirs, "in-1", _cover_and_pages(2, 2, "Sam Quennell"), **{"from": "01164960100"})
    _incoming(fax_dirs, "in-2", _cover_and_pages(1, 1, "Nobody Known"))
    result = services.fax_poll()
    assert len(result["received"]) == 2
    assert [f.addressed_to for f in incoming_queue(user=sam)] == ["Sam Quennell"]
    assert fax_nav_text(user=sam) == "Fax (1 waiting)"
    # Unmatched: the collectors' queue (DPO), never lost.
    assert "Nobody Known" in [f.addressed_to for f in incoming_queue(user=dpo)]
    # Read once: a second poll logs nothing new.
    assert services.fax_poll()["received"] == []
    assert IncomingFax.objects.count() == 2


@pytest.mark.rule("FAX-12")
def test_a_fax_left_uncollected_is_flagged_until_collected(fax_on, dpo):
    fax = services.incoming_fax_log(source_name="u.pdf", pdf=_cover_and_pages(1, 1, "X Y"))
    soon = fax.received_at + dt.timedelta(minutes=10)
    later = fax.received_at + dt.timedelta(minutes=31)
    assert list(incoming_unattended(now=soon)) == []
    assert list(incoming_unattended(now=later)) == [fax]
    services.incoming_fax_collect(fax=fax, user=dpo, legible=True)
    assert list(incoming_unattended(now=later)) == []


@pytest.mark.rule("FAX-13")
def test_collector_must_record_legibility_and_illegible_means_resend(fax_on, fax_dirs, dpo):
    fax = services.incoming_fax_log(source_name="a.pdf", pdf=_cover_and_pages(2, 2, "X Y"))
    with pytest.raises(services.FaxError, match="legible") as err:
        services.incoming_fax_collect(fax=fax, user=dpo, legible=None)
    assert err.value.rule == "FAX-13"
    with pytest.raises(services.FaxError, match="resend"):
        services.incoming_fax_collect(fax=fax, user=dpo, legible=False)
    fax = services.incoming_fax_collect(
        fax=fax, user=dpo, legible=False, note="Asked Dr Shah to resend page 2 darker"
    )
    assert fax.state == IncomingFax.State.RESEND_REQUESTED
    fax = services.incoming_fax_collect(fax=fax, user=dpo, legible=True)
    assert fax.state == IncomingFax.State.COLLECTED
    assert fax.legible is True


@pytest.mark.rule("FAX-14")
def test_a_missing_page_raises_an_alert_and_blocks_a_clean_collection(fax_on, fax_dirs, dpo):
    fax = services.incoming_fax_log(source_name="b.pdf", pdf=_cover_and_pages(4, 3, "X Y"))
    assert (fax.pages_declared, fax.pages_received, fax.reconciliation) == (4, 3, "missing")
    assert fax.alert
    with pytest.raises(services.FaxError) as err:
        services.incoming_fax_collect(fax=fax, user=dpo, legible=True)
    assert err.value.rule == "FAX-14"
    fax = services.incoming_fax_collect(
        fax=fax, user=dpo, legible=True, note="Asked the sender for page 4"
    )
    assert fax.state == IncomingFax.State.RESEND_REQUESTED
    fax = services.incoming_fax_collect(fax=fax, user=dpo, legible=True, pages_resolved=True)
    assert fax.state == IncomingFax.State.COLLECTED


def test_bad_documents_get_plain_messages(new_job):
    with pytest.raises(services.FaxError, match="not a readable PDF"):
        new_job(document=b"%PDF-1.4 broken")
    with pytest.raises(services.FaxError, match="Attach"):
        new_job(document=b"")
    with pytest.raises(services.FaxError, match="name of the person"):
        new_job(recipient_name="")


def test_a_speed_dial_position_is_unique(safe_number, unsafe_number, officer):
    services.speed_dial_create(fax_number=safe_number, position=2, user=officer)
    with pytest.raises(services.FaxError, match="taken"):
        services.speed_dial_create(fax_number=unsafe_number, position=2, user=officer)
    assert SpeedDial.objects.count() == 1


@pytest.mark.rule("TEL-9")
def test_a_refused_register_entry_leaves_the_job_unsent(ready_job, officer, child, fax_dirs):
    """The register entry and the move to `sent` are one transaction: the register refuses a
    recipient named in a contact restriction, so nothing is sent and nothing changes."""
    from tests.factories import ContactRestrictionFactory

    ContactRestrictionFactory(service_user=child, person_name="Dr Priya Shah")
    with pytest.raises(services.FaxError):
        services.fax_job_send(job=ready_job, officer=officer, number_checked="01164960999")
    ready_job.refresh_from_db()
    assert ready_job.state == State.READY
    assert not ready_job.fax_pdf
    assert ready_job.attempts.count() == 0
    assert Disclosure.objects.count() == 0
    assert not fax_dirs["outbox"].exists() or list(fax_dirs["outbox"].iterdir()) == []


def test_a_recipient_named_in_a_contact_restriction_is_refused_at_once(new_job, child):
    from tests.factories import ContactRestrictionFactory

    ContactRestrictionFactory(service_user=child, person_name="Dr Priya Shah")
    with pytest.raises(services.FaxError, match="must not receive") as err:
        new_job()
    assert err.value.field == "recipient_name"
