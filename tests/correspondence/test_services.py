"""Letters: the address comes from the current record (LET-1), contradictions hold the letter
(LET-2), the printed PDF is read back (LET-3, POST-3), and dispatch is logged (POST-4)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pypdfium2 as pdfium
import pytest
from django.utils import timezone

from safehaven.core.letters import JobWriter, format_address, letter_layout
from safehaven.correspondence import services
from safehaven.correspondence.models import AddressQuery, Letter
from safehaven.records.models import Address
from safehaven.records.services import address_amend, address_mark_mail_returned
from safehaven.register.models import Disclosure
from tests.factories import AddressFactory, ContactRestrictionFactory, RelatedPersonFactory

pytestmark = pytest.mark.django_db
State = Letter.State


def _text(pdf: bytes, page: int = 0) -> str:
    doc = pdfium.PdfDocument(pdf)
    try:
        return doc[page].get_textpage().get_text_range()
    finally:
        doc.close()


def _hold_codes(letter) -> set[str]:
    return {r["code"] for r in letter.hold_reasons}


@pytest.mark.rule("LET-1")
def test_a_clean_record_gives_a_ready_letter_and_the_address_is_read_at_printing(
    prepare, officer, child
):
    letter = prepare()
    assert letter.state == State.READY
    assert letter.printed_address == ""
    # The record changes after the letter is written (the change itself is old enough).
    current = Address.objects.get(service_user=child, valid_to__isnull=True)
    current.valid_to = dt.date(2021, 12, 31)
    current.save()
    AddressFactory(
        service_user=child, line_1="3 Forest Road", town="Loughborough", postcode="LE11 3NP",
        valid_from=dt.date(2022, 1, 1), recorded_at=dt.datetime(2022, 1, 1, tzinfo=dt.UTC),
    )  # fmt: skip
    letter = services.letter_print(letter=letter, user=officer)
    assert letter.state == State.PRINTED
    assert "3 Forest Road" in letter.printed_address
    assert "14 Mill Lane" not in letter.printed_address
    text = _text(bytes(letter.pdf))
    assert "3 Forest Road" in text
    assert "LOUGHBOROUGH" in text
    assert "LE11 3NP" in text
    assert "Mill Lane" not in text
    assert "Dear Mrs Sarah Whitworth" in text


@pytest.mark.rule("LET-1")
def test_a_template_with_an_address_field_is_refused(prepare):
    with pytest.raises(services.LetterError) as exc:
        prepare(template_text="We will visit you at $postcode next week.")
    assert exc.value.rule == "LET-1"
    assert "postcode" in exc.value.message
    assert not Letter.objects.exists()


@pytest.mark.rule("LET-1")
def test_a_recipient_with_no_address_on_record_is_refused(prepare, child):
    father = RelatedPersonFactory(service_user=child, relationship="father")
    with pytest.raises(services.LetterError) as exc:
        prepare(recipient=father)
    assert "No address is recorded" in exc.value.message
    assert not Letter.objects.exists()


def test_a_recipient_of_another_child_is_refused(prepare):
    stranger = RelatedPersonFactory()
    with pytest.raises(services.LetterError, match="recorded for this child"):
        prepare(recipient=stranger)


@pytest.mark.rule("LET-2")
def test_a_recently_changed_address_holds_the_letter(prepare, child, officer):
    address_amend(
        service_user=child, recorded_by=officer, line_1="3 Forest Road", town="Loughborough",
        postcode="LE11 3NP",
    )  # fmt: skip
    letter = prepare()
    assert letter.state == State.HELD
    assert _hold_codes(letter) == {"recently_changed"}
    assert all(r["rule"] == "LET-2" for r in letter.hold_reasons)
    with pytest.raises(services.LetterError) as exc:
        services.letter_print(letter=letter, user=officer)
    assert exc.value.rule == "LET-2"


@pytest.mark.rule("LET-2")
def test_the_recent_change_window_is_policy(prepare, child, officer, settings):
    address = Address.objects.get(service_user=child, valid_to__isnull=True)
    address.valid_from = timezone.localdate() - dt.timedelta(days=10)
    address.recorded_at = timezone.now() - dt.timedelta(days=10)
    address.save()
    settings.SAFEHAVEN_LETTER_RECENT_ADDRESS_DAYS = 7
    assert prepare().state == State.READY
    settings.SAFEHAVEN_LETTER_RECENT_ADDRESS_DAYS = 28
    assert prepare().state == State.HELD


@pytest.mark.rule("LET-2")
def test_mail_returned_and_confidential_markers_hold_the_letter(prepare, child, officer):
    address = Address.objects.get(service_user=child, valid_to__isnull=True)
    address_mark_mail_returned(address=address, user=officer)
    Address.objects.filter(pk=address.pk).update(confidential=True)
    letter = prepare()
    assert letter.state == State.HELD
    assert {"mail_returned", "confidential"} <= _hold_codes(letter)


@pytest.mark.rule("LET-2")
def test_a_contact_restriction_on_the_recipient_holds_and_cannot_be_released(
    prepare, child, mother, officer
):
    ContactRestrictionFactory(service_user=child, related_person=mother, person_name="S Whitworth")
    letter = prepare()
    assert "restriction" in _hold_codes(letter)
    query = services.address_query_raise(
        letter=letter, user=officer, professional_name="Jo Patel (social worker)",
        question="Is Mrs Whitworth allowed to receive this letter?",
    )  # fmt: skip
    with pytest.raises(services.LetterError, match="contact restriction"):
        services.address_query_answer(
            query=query, user=officer, answer="Yes", outcome=AddressQuery.Outcome.RELEASE
        )
    letter = services.address_query_answer(
        query=query, user=officer, answer="No: court order", outcome=AddressQuery.Outcome.CANCEL
    )
    assert letter.state == State.CANCELLED


@pytest.mark.rule("LET-2")
def test_more_than_one_current_address_is_a_contradiction(mother):
    # The database forbids two open rows, so the check is shown on rows built in memory.
    rows = [
        Address(line_1="1 A Street", postcode="LE11 1AA", valid_from=dt.date(2020, 1, 1),
                recorded_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)),
        Address(line_1="2 B Street", postcode="LE11 2BB", valid_from=dt.date(2020, 1, 1),
                recorded_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)),
    ]  # fmt: skip
    choice = services.address_problems(
        person=mother, current=rows, restricted=False, today=dt.date(2026, 1, 1), days=28
    )
    assert [p["code"] for p in choice.problems] == ["several_current"]


@pytest.mark.rule("LET-2")
def test_answering_the_query_records_who_and_when_and_releases_the_letter(
    prepare, child, officer, authoriser
):
    address = Address.objects.get(service_user=child, valid_to__isnull=True)
    address_mark_mail_returned(address=address, user=officer)
    letter = prepare()
    query = services.address_query_raise(
        letter=letter, user=officer, professional_name="Jo Patel",
        professional_email="jo.patel@example.org", question="Is 14 Mill Lane still right?",
    )  # fmt: skip
    assert query.reasons == letter.hold_reasons
    letter = services.address_query_answer(
        query=query, user=authoriser, answer="Yes, confirmed with mum today.",
        outcome=AddressQuery.Outcome.RELEASE,
    )  # fmt: skip
    query.refresh_from_db()
    assert letter.state == State.READY
    assert query.answered_by == authoriser
    assert query.answered_at is not None
    assert query.answer == "Yes, confirmed with mum today."
    printed = services.letter_print(letter=letter, user=officer)
    assert printed.state == State.PRINTED


@pytest.mark.rule("LET-2")
def test_a_release_does_not_cover_an_address_changed_afterwards(prepare, child, officer):
    address = Address.objects.get(service_user=child, valid_to__isnull=True)
    address_mark_mail_returned(address=address, user=officer)
    letter = prepare()
    query = services.address_query_raise(
        letter=letter, user=officer, professional_name="Jo Patel", question="Still right?"
    )
    letter = services.address_query_answer(
        query=query, user=officer, answer="Yes", outcome=AddressQuery.Outcome.RELEASE
    )
    address_amend(
        service_user=child, recorded_by=officer, line_1="3 Forest Road", town="Loughborough",
        postcode="LE11 3NP",
    )  # fmt: skip
    with pytest.raises(services.LetterError):
        services.letter_print(letter=letter, user=officer)
    letter.refresh_from_db()
    assert letter.state == State.HELD
    assert "recently_changed" in _hold_codes(letter)


@pytest.mark.rule("LET-3")
@pytest.mark.rule("POST-3")
@pytest.mark.parametrize("profile", ["DL", "C5"])
def test_the_printed_pdf_passes_the_window_check_on_every_piece(prepare, officer, profile):
    from safehaven.core.letters import check_job, envelope_profile, label_sheet

    letter = services.letter_print(letter=prepare(profile=profile), user=officer)
    sender = services.unit_sender(letter.service_user.unit)
    recipient = services.address_choice(letter=letter).recipient
    results = check_job(
        bytes(letter.pdf), envelope_profile(profile), [recipient], sender=sender,
        sheet=label_sheet(services.LABELS[profile]),
    )  # fmt: skip
    assert all(r.ok for r in results), [f.message for r in results for f in r.findings]
    doc = pdfium.PdfDocument(bytes(letter.pdf))
    assert len(doc) == 4  # letter, envelope front, envelope back, label sheet
    doc.close()
    assert "If undelivered please return to:" in _text(bytes(letter.pdf), 2)


def _subject_in_window(records, profile, *, sender, sheet=None, job_id=None):
    """A faulty renderer: the subject line drawn where it shows through the window."""
    record = records[0]
    content = dataclasses.replace(record.content, subject="Re: Amelia Whitworth DOB 07/03/2014")
    layout = dataclasses.replace(
        letter_layout(profile), subject_top=profile.window_on_letter().bottom - 4
    )
    block = format_address(record.recipient)
    writer = JobWriter(profile, sender, job_id=job_id)
    writer.add_letter(1, block, content, layout)
    writer.add_envelope(1, block)
    return writer.finish(None)


@pytest.mark.rule("POST-3")
def test_a_pdf_that_fails_the_window_check_is_not_marked_printed(prepare, officer):
    letter = prepare()
    with pytest.raises(services.LetterError) as exc:
        services.letter_print(letter=letter, user=officer, render=_subject_in_window)
    assert "POST-3" in exc.value.rule
    assert "would show through the window" in exc.value.message
    letter.refresh_from_db()
    assert letter.state == State.READY
    assert letter.pdf is None
    assert letter.printed_address == ""


@pytest.mark.rule("POST-3")
def test_an_address_too_long_for_the_window_is_refused_naming_the_rule(prepare, child, mother):
    mother.lives_with_service_user = False
    mother.line_1 = "Flat 12, The Old Mill Buildings and Warehouse Conversion Development Site"
    mother.line_2 = "Nottingham Road"
    mother.town = "Loughborough"
    mother.postcode = "LE11 1EU"
    mother.save()
    letter = prepare()
    with pytest.raises(services.LetterError) as exc:
        services.letter_print(letter=letter, user=letter.created_by)
    assert exc.value.rule == "POST-3"


def _printed(prepare, officer, wording=None):
    letter = prepare(**({"template_text": wording} if wording else {}))
    return services.letter_print(letter=letter, user=officer)


SENSITIVE = (
    "Following the child protection conference, $child_given_name remains subject to a "
    "child protection plan under the category of neglect, and the social worker will visit."
)


@pytest.mark.rule("POST-4")
def test_sensitive_post_is_recommended_tracked_with_its_reason(prepare, officer):
    letter = _printed(prepare, officer, SENSITIVE)
    assert letter.classification == "sensitive"
    assert letter.recommended_method in {"signed_for", "special_delivery"}
    assert letter.recommendation_reason


@pytest.mark.rule("POST-4")
def test_a_less_secure_method_needs_a_recorded_reason(prepare, officer):
    letter = _printed(prepare, officer, SENSITIVE)
    with pytest.raises(services.LetterError) as exc:
        services.letter_dispatch(
            letter=letter, user=officer, method="first_class",
            lawful_basis_justification="Safeguarding duty to keep the parent informed",
        )  # fmt: skip
    assert exc.value.rule == "POST-4"
    assert exc.value.field == "override_reason"
    letter.refresh_from_db()
    assert letter.state == State.PRINTED
    assert not Disclosure.objects.exists()
    letter = services.letter_dispatch(
        letter=letter, user=officer, method="first_class",
        override_reason="Post office closed; parent asked for it today",
        lawful_basis_justification="Safeguarding duty to keep the parent informed",
    )  # fmt: skip
    assert letter.state == State.DISPATCHED
    assert letter.override_reason.startswith("Post office closed")


@pytest.mark.rule("POST-4")
def test_a_tracked_method_needs_its_tracking_number(prepare, officer):
    letter = _printed(prepare, officer, SENSITIVE)
    with pytest.raises(services.LetterError) as exc:
        services.letter_dispatch(letter=letter, user=officer, method="special_delivery")
    assert exc.value.field == "tracking_number"


@pytest.mark.rule("POST-4")
def test_dispatch_with_personal_data_writes_the_register_entry_with_the_printed_address(
    prepare, officer
):
    letter = _printed(prepare, officer, SENSITIVE)
    letter = services.letter_dispatch(
        letter=letter, user=officer, method="special_delivery", tracking_number="ab 1234 5678 9gb",
        lawful_basis_justification="Safeguarding duty to keep the parent informed",
    )  # fmt: skip
    entry = letter.disclosure
    assert entry is not None
    assert entry.channel == "letter"
    assert entry.outcome == "disclosed"
    assert entry.recipient_name == "Mrs Sarah Whitworth"
    assert "14 Mill Lane" in entry.recipient_address
    assert "LE11 1AA" in entry.recipient_address
    assert "AB 1234 5678 9GB" in entry.summary
    assert letter.dispatched_by == officer
    assert letter.dispatched_at is not None


@pytest.mark.rule("POST-4")
def test_a_register_refusal_leaves_the_letter_undispatched(prepare, officer):
    letter = _printed(prepare, officer, SENSITIVE)
    with pytest.raises(services.LetterError) as exc:
        services.letter_dispatch(
            letter=letter, user=officer, method="special_delivery", tracking_number="AB1",
            lawful_basis="none",
        )  # fmt: skip
    assert exc.value.field == "lawful_basis"
    letter.refresh_from_db()
    assert letter.state == State.PRINTED
    assert letter.method == ""
    assert not Disclosure.objects.exists()


def test_a_letter_cannot_be_dispatched_before_it_is_printed(prepare, officer):
    with pytest.raises(services.LetterError, match="Ready to print"):
        services.letter_dispatch(letter=prepare(), user=officer, method="second_class")


@pytest.mark.rule("LET-2")
def test_an_old_address_imported_today_is_not_a_recent_change(prepare, child):
    Address.objects.filter(service_user=child).update(recorded_at=timezone.now())
    assert prepare().state == State.READY


DETAILED = (
    "Amelia Whitworth (date of birth 07/03/2014) has been absent for ten days this term.\n\n"
    "Please contact the school office."
)


@pytest.mark.rule("POST-5")
def test_using_the_desensitised_version_replaces_the_wording_and_records_who(prepare, officer):
    letter = prepare(template_text=DETAILED)
    offer = services.letter_desensitise_offer(letter=letter, user=officer)
    assert offer.offered
    letter = services.letter_desensitise_decide(letter=letter, user=officer, use=True)
    assert letter.desensitise_decision == "used"
    assert letter.desensitise_decided_by == officer
    assert "07/03/2014" not in letter.template_text
    printed = services.letter_print(letter=letter, user=officer)
    text = _text(bytes(printed.pdf))
    assert "07/03/2014" not in text
    assert "absent for ten days" in text


@pytest.mark.rule("POST-5")
def test_keeping_the_original_needs_a_reason(prepare, officer):
    letter = prepare(template_text=DETAILED)
    with pytest.raises(services.LetterError) as exc:
        services.letter_desensitise_decide(letter=letter, user=officer, use=False)
    assert exc.value.rule == "POST-5"
    letter = services.letter_desensitise_decide(
        letter=letter, user=officer, use=False, note="The attendance officer needs the DOB"
    )
    assert letter.desensitise_decision == "kept"
    assert "07/03/2014" in letter.template_text


@pytest.mark.rule("LET-2")
def test_a_returned_letter_flags_the_address_and_the_next_letter_is_held(prepare, officer, child):
    letter = _printed(prepare, officer)
    letter = services.letter_dispatch(
        letter=letter, user=officer, method="first_class",
        lawful_basis_justification="School keeping the parent informed of support",
    )  # fmt: skip
    services.letter_mark_returned(letter=letter, user=officer)
    address = Address.objects.get(service_user=child, valid_to__isnull=True)
    assert address.mail_returned
    assert "mail_returned" in _hold_codes(prepare())
    with pytest.raises(services.LetterError, match="already recorded"):
        services.letter_mark_returned(letter=letter, user=officer)


def test_a_returned_letter_to_an_address_since_replaced_flags_nothing(prepare, officer, child):
    letter = _printed(prepare, officer)
    letter = services.letter_dispatch(
        letter=letter, user=officer, method="first_class",
        lawful_basis_justification="School keeping the parent informed of support",
    )  # fmt: skip
    address_amend(
        service_user=child, recorded_by=officer, line_1="3 Forest Road", town="Loughborough",
        postcode="LE11 3NP",
    )  # fmt: skip
    services.letter_mark_returned(letter=letter, user=officer)
    assert not Address.objects.get(service_user=child, valid_to__isnull=True).mail_returned
