"""Outgoing letters: prepare, query the address, print, dispatch. A letter moves only here.

Each service locks the letter, checks its state and the rule, and records who moved it and
when, in one transaction. A failed check raises `LetterError` naming its rule and what to do.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from safehaven.core.letters import (
    AddressError,
    DesensitisedLetter,
    LetterContent,
    LetterRecord,
    LettersError,
    MergeTemplate,
    Recipient,
    Sender,
    check_window,
    desensitise_letter,
    envelope_profile,
    label_sheet,
    merge,
    print_job,
    recommend_for_letter,
)
from safehaven.correspondence.models import AddressQuery, Letter
from safehaven.oversight.models import NearMiss
from safehaven.oversight.policy import post_delivery_policy
from safehaven.oversight.services import near_miss_capture
from safehaven.records.models import Address, ProfessionalContact, RelatedPerson, ServiceUser
from safehaven.records.services import address_mark_mail_returned
from safehaven.register.models import Channel, Outcome
from safehaven.register.services import DisclosureError, disclosure_record, restriction_matching
from safehaven.workflow import StepError

State = Letter.State
RECENT_ADDRESS_DAYS = 28
PROFILES = ("DL", "C5")
LABELS = {"DL": "L7160", "C5": "L7163"}
TRACKED = {Letter.Method.SIGNED_FOR, Letter.Method.SPECIAL_DELIVERY}
METHOD_ORDER = [m.value for m in Letter.Method]  # least to most secure


class LetterError(StepError):
    """A letter's check failed (see `safehaven.workflow.StepError`)."""


def recent_address_days() -> int:
    """Policy: an address changed within this many days is queried before a letter goes."""
    return int(getattr(settings, "SAFEHAVEN_LETTER_RECENT_ADDRESS_DAYS", RECENT_ADDRESS_DAYS))


@dataclass(frozen=True)
class AddressChoice:
    """The name and address read from the current record, and every contradiction found."""

    recipient: Recipient | None
    key: str  # identifies the address the answer to a query was about
    problems: tuple[dict, ...]


def _problem(code: str, message: str) -> dict:
    return {"code": code, "rule": "LET-2", "message": message}


def _recipient_from(name: str, lines: Sequence[str], town: str, postcode: str) -> Recipient:
    return Recipient(name, tuple(v for v in lines if v), town, postcode)


def address_problems(
    *,
    person: RelatedPerson,
    current: Sequence[Address],
    restricted: bool,
    today: dt.date,
    days: int,
) -> AddressChoice:
    """Chooses the address a letter to `person` goes to, from the current record (LET-1), and
    lists every contradiction that must be put to the professional first (LET-2).

    A parent or carer with an address of their own gets it; one living with the child gets the
    child's current address. `current` is every open address row of the child (there should be
    at most one; more is itself a contradiction).
    """
    problems: list[dict] = []
    name = person.full_name
    if len(current) > 1:
        problems.append(
            _problem(
                "several_current",
                f"The child's record has {len(current)} current addresses; only one can be right.",
            )
        )
    child_address = current[0] if current else None
    own = bool(person.line_1 and person.postcode)
    if own:
        recipient = _recipient_from(
            name, (person.line_1, person.line_2, person.line_3), person.town, person.postcode
        )
        key = "person:" + "|".join(person.address_lines)
        if (
            person.lives_with_service_user
            and child_address is not None
            and _norm(child_address.postcode) != _norm(person.postcode)
        ):
            problems.append(
                _problem(
                    "differs_from_child",
                    f"{name} is recorded as living with the child, but their address differs "
                    "from the child's current address.",
                )
            )
    elif person.lives_with_service_user and child_address is not None:
        a = child_address
        recipient = _recipient_from(name, (a.line_1, a.line_2, a.line_3), a.town, a.postcode)
        key = f"address:{a.pk}"
    else:
        recipient, key = None, ""
    uses_child_address = child_address is not None and (not own or person.lives_with_service_user)
    if uses_child_address:
        a = child_address
        # The date the address took effect, not when the row was written: an initial import
        # writes every row today, and that is not a change of address.
        changed = a.valid_from
        if (today - changed).days < days:
            problems.append(
                _problem(
                    "recently_changed",
                    f"The address changed on {changed:%d/%m/%Y}, within the last {days} days.",
                )
            )
        if a.mail_returned:
            problems.append(
                _problem("mail_returned", "Post to this address has come back (mail returned).")
            )
    if child_address is not None and child_address.confidential:
        problems.append(
            _problem(
                "confidential",
                "The child's address is marked confidential: confirm this letter may go.",
            )
        )
    if restricted:
        problems.append(
            _problem(
                "restriction",
                f"{name} is named in an active contact restriction for this child.",
            )
        )
    digest = hashlib.sha256(key.encode()).hexdigest()[:32] if key else ""
    return AddressChoice(recipient, digest, tuple(problems))


def _norm(postcode: str) -> str:
    return "".join(postcode.split()).upper()


def professional_address_problems(
    *, contact: ProfessionalContact, restricted: bool
) -> AddressChoice:
    """The name and postal address for a letter to a professional, from the contact and their
    organisation's record as they are now (LET-1), and what must be asked first (LET-2).

    The block is the contact's name, their department, the organisation's name and the
    organisation's postal address; an organisation with no postal address gives no recipient.
    """
    org = contact.organisation
    problems: list[dict] = []
    if not contact.active:
        problems.append(
            _problem(
                "contact_inactive",
                f"{contact.name} is no longer an active contact at {org.name}: confirm who "
                "the letter should go to.",
            )
        )
    if restricted:
        problems.append(
            _problem(
                "restriction",
                f"{contact.name} is named in an active contact restriction for this child.",
            )
        )
    if not (org.line_1 and org.postcode):
        return AddressChoice(None, "", tuple(problems))
    lines = (contact.department, org.name, org.line_1, org.line_2, org.line_3)
    recipient = _recipient_from(contact.name, lines, org.town, org.postcode)
    key = "contact:" + "|".join((contact.name, *recipient.address_lines, org.town, org.postcode))
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    return AddressChoice(recipient, digest, tuple(problems))


def _restricted(letter: Letter, name: str, person: RelatedPerson | None) -> bool:
    if restriction_matching(service_users=[letter.service_user], recipient_name=name) is not None:
        return True
    if person is None:
        return False
    return (
        letter.service_user.contact_restrictions.filter(related_person=person)
        .filter(valid_from__lte=timezone.localdate())
        .exclude(valid_to__lt=timezone.localdate())
        .exists()
    )


def address_choice(*, letter: Letter) -> AddressChoice:
    """The check of `address_problems` against the records as they are now."""
    if letter.recipient_contact_id:
        contact = ProfessionalContact.objects.select_related("organisation").get(
            pk=letter.recipient_contact_id
        )
        return professional_address_problems(
            contact=contact, restricted=_restricted(letter, contact.name, None)
        )
    person = RelatedPerson.objects.get(pk=letter.recipient_id)
    current = list(
        Address.objects.filter(service_user_id=letter.service_user_id, valid_to__isnull=True)
    )
    restricted = _restricted(letter, person.full_name, person)
    return address_problems(
        person=person,
        current=current,
        restricted=restricted,
        today=timezone.localdate(),
        days=recent_address_days(),
    )


def _template(letter: Letter) -> MergeTemplate:
    paragraphs = [p.strip() for p in letter.template_text.replace("\r\n", "\n").split("\n\n")]
    paragraphs = [" ".join(p.split()) for p in paragraphs if p]
    if not paragraphs:
        raise LetterError("Write the letter's wording.", rule="LET-1", field="template_text")
    return MergeTemplate(
        name=letter.subject or "letter",
        salutation="Dear $recipient_name",
        body=tuple(paragraphs),
        sign_off=("Yours sincerely", "$sender_name", "$school_name"),
        subject=letter.subject,
    )


def merge_fields(*, letter: Letter, sender_name: str) -> dict[str, str]:
    """The values a template may use. None of them is an address (LET-1)."""
    su = letter.service_user
    return {
        "recipient_name": letter.recipient_name,
        "child_name": su.full_name,
        "child_given_name": su.preferred_name or su.given_name,
        "school_name": su.unit.name,
        "sender_name": sender_name,
    }


def letter_content(*, letter: Letter, sender_name: str, date: dt.date) -> LetterContent:
    try:
        return merge(
            _template(letter),
            merge_fields(letter=letter, sender_name=sender_name),
            reference=f"LTR-{letter.pk}",
            date=date,
        )
    except LettersError as exc:
        raise LetterError(
            f"The wording cannot be used: {exc}.", rule="LET-1", field="template_text"
        ) from None


def _check_holds(letter: Letter, choice: AddressChoice) -> list[dict]:
    """Contradictions not already answered for this very address."""
    if choice.key and choice.key == letter.confirmed_address_key:
        return [p for p in choice.problems if p["code"] not in set(letter.confirmed_codes)]
    return list(choice.problems)


def letter_prepare(
    *,
    user,
    service_user: ServiceUser,
    recipient: RelatedPerson | None = None,
    template_text: str,
    subject: str,
    profile: str = "DL",
    contact: ProfessionalContact | None = None,
) -> Letter:
    """Creates the letter to a parent/carer (`recipient`) or to a professional (`contact`);
    holds it if the current record contradicts itself (LET-2).

    The wording is checked now (an address field is refused, LET-1); the address is not
    copied anywhere until the letter is printed.
    """
    if (recipient is None) == (contact is None):
        raise LetterError(
            "Choose who the letter is to: one parent or carer, or one professional.",
            rule="LET-1",
            field="recipient",
        )
    if recipient is not None and recipient.service_user_id != service_user.pk:
        raise LetterError(
            "Choose a parent or carer recorded for this child.", rule="LET-1", field="recipient"
        )
    if profile not in PROFILES:
        raise LetterError("Choose a DL or C5 envelope.", rule="LET-3", field="profile")
    subject = " ".join((subject or "").split())
    if not subject:
        raise LetterError("Give the letter a subject.", rule="LET-1", field="subject")
    with transaction.atomic():
        letter = Letter.objects.create(
            service_user=service_user,
            recipient=recipient,
            recipient_contact=contact,
            subject=subject,
            template_text=template_text or "",
            profile=profile,
            created_by=user,
        )
        letter_content(letter=letter, sender_name=_name(user), date=timezone.localdate())
        choice = address_choice(letter=letter)
        if choice.recipient is None:
            if contact is not None:
                raise LetterError(
                    f"No postal address is recorded for {contact.organisation.name}: the DPO "
                    "or an administrator must add it under Organisations first; it is never "
                    "typed into a letter.",
                    rule="LET-1",
                    field="contact",
                )
            raise LetterError(
                f"No address is recorded for {recipient.full_name}: add it to the record "
                "first; it is never typed into a letter.",
                rule="LET-1",
                field="recipient",
            )
        letter.hold_reasons = list(choice.problems)
        letter.state = State.HELD if choice.problems else State.READY
        letter.save()
        if choice.problems:
            _near_miss_held(letter, choice)
    return letter


def _near_miss_held(letter: Letter, choice: AddressChoice) -> None:
    """A letter held for an address query is a near miss for the DPO's log (no names)."""
    codes = ", ".join(p["code"].replace("_", " ") for p in letter.hold_reasons)
    near_miss_capture(
        channel=Channel.LETTER,
        kind=NearMiss.Kind.LETTER_ADDRESS_QUERY,
        rule="LET-2",
        summary=f"Letter {letter.pk} held before printing for an address query ({codes})."[:300],
        source_reference=f"letter:{letter.pk}:held:{choice.key[:12]}",
        service_user_id=letter.service_user_id,
    )


def _name(user) -> str:
    return user.get_full_name() or user.username


def _locked(letter: Letter) -> Letter:
    # Only inner joins here: PostgreSQL refuses FOR UPDATE on the nullable side of an outer
    # join, and the recipient is one of two nullable foreign keys.
    return Letter.objects.select_for_update().select_related("service_user__unit").get(pk=letter.pk)


def _expect(letter: Letter, *states: str, rule: str) -> None:
    if letter.state not in states:
        raise LetterError(
            f"This cannot be done now: the letter is \u201c{letter.get_state_display()}\u201d.",
            rule=rule,
        )


def address_query_raise(
    *, letter: Letter, user, professional_name: str, question: str, professional_email: str = ""
) -> AddressQuery:
    """Puts the contradiction to the professional involved (LET-2)."""
    professional_name = " ".join((professional_name or "").split())
    question = (question or "").strip()
    if not professional_name:
        raise LetterError(
            "Say which professional the query goes to.", rule="LET-2", field="professional_name"
        )
    if not question:
        raise LetterError("Write the question.", rule="LET-2", field="question")
    with transaction.atomic():
        letter = _locked(letter)
        _expect(letter, State.HELD, rule="LET-2")
        return AddressQuery.objects.create(
            letter=letter,
            professional_name=professional_name,
            professional_email=(professional_email or "").strip(),
            question=question,
            reasons=letter.hold_reasons,
            raised_by=user,
        )


def address_query_answer(*, query: AddressQuery, user, answer: str, outcome: str) -> Letter:
    """Records the professional's answer, who recorded it and when; releases or cancels.

    A release confirms the reasons for the address checked now. A contact restriction is not
    released by an answer: it must be ended on the record, or the letter cancelled.
    """
    answer = (answer or "").strip()
    if not answer:
        raise LetterError("Record the professional's answer.", rule="LET-2", field="answer")
    if outcome not in AddressQuery.Outcome.values:
        raise LetterError("Choose release or cancel.", rule="LET-2", field="outcome")
    with transaction.atomic():
        query = AddressQuery.objects.select_for_update().get(pk=query.pk)
        if not query.is_open:
            raise LetterError("This query is already answered.", rule="LET-2")
        letter = _locked(query.letter)
        _expect(letter, State.HELD, rule="LET-2")
        choice = address_choice(letter=letter)
        if outcome == AddressQuery.Outcome.RELEASE:
            if any(p["code"] == "restriction" for p in choice.problems):
                raise LetterError(
                    "The recipient is named in a contact restriction: end or correct the "
                    "restriction on the record, or cancel the letter.",
                    rule="LET-2",
                    field="outcome",
                )
            if choice.recipient is None:
                raise LetterError(
                    "No address is recorded for the recipient now: correct the record first.",
                    rule="LET-1",
                    field="outcome",
                )
            letter.confirmed_codes = [p["code"] for p in choice.problems]
            letter.confirmed_address_key = choice.key
            letter.hold_reasons = []
            letter.state = State.READY
        else:
            letter.state = State.CANCELLED
        letter.save()
        query.answer = answer
        query.outcome = outcome
        query.answered_by = user
        query.answered_at = timezone.now()
        query.save()
    return letter


def unit_sender(unit) -> Sender:
    """The school's return address (POST-2) from its record."""
    lines = tuple(v for v in (unit.line_1, unit.line_2, unit.line_3, unit.town) if v)
    if not lines or not unit.postcode:
        raise LetterError(
            f"{unit.name} has no postal address on record: an administrator must add it "
            "before letters can be printed.",
            rule="POST-2",
        )
    return Sender(unit.name, lines, unit.postcode)


Renderer = Callable[..., bytes]


def letter_print(*, letter: Letter, user, render: Renderer = print_job) -> Letter:
    """Prints letter, envelope and label from the current record and proves the window.

    The name and address are read now (LET-1); a contradiction found now holds the letter
    (LET-2). The PDF is read back: unless the window shows the whole address and nothing else
    (POST-3) and every piece carries the same address (LET-3), it is not marked printed.
    `render` is the core's `print_job` (tests pass a deliberately wrong drawing).
    """
    with transaction.atomic():
        letter = _locked(letter)
        if letter.state == State.HELD:
            raise LetterError(
                "The letter is held: answer the address query before printing.", rule="LET-2"
            )
        _expect(letter, State.READY, State.PRINTED, rule="LET-3")
        choice = address_choice(letter=letter)
        holds = _check_holds(letter, choice)
        if holds or choice.recipient is None:
            letter.hold_reasons = holds or [
                _problem("no_address", "No address is recorded for the recipient.")
            ]
            letter.state = State.HELD
            letter.save()
            _near_miss_held(letter, choice)
            hold = True
        else:
            hold = False
    if hold:
        raise LetterError(
            "The record changed: the letter is held until the address query is answered.",
            rule="LET-2",
        )
    sender = unit_sender(letter.service_user.unit)
    content = letter_content(letter=letter, sender_name=_name(user), date=timezone.localdate())
    profile = envelope_profile(letter.profile)
    sheet = label_sheet(LABELS[letter.profile])
    job_id = f"LTR{letter.pk:06d}"
    try:
        pdf = render(
            [LetterRecord(choice.recipient, content)],
            profile,
            sender=sender,
            sheet=sheet,
            job_id=job_id,
        )
    except AddressError as exc:
        raise LetterError(
            f"The address does not fit the {letter.profile} window: {exc}. Correct the record.",
            rule="POST-3",
        ) from None
    except LettersError as exc:
        raise LetterError(f"The letter cannot be printed: {exc}.", rule="LET-3") from None
    check = check_window(pdf, profile, choice.recipient, sender=sender, sheet=sheet)
    if not check.ok:
        failed = [f for f in check.findings if f.severity.name in {"HOLD", "BLOCK"}]
        rules = sorted({f.rule for f in failed})
        raise LetterError(
            "The printed PDF failed the window check: "
            + "; ".join(f.message for f in failed[:3])
            + ". It is not marked printed; do not post it.",
            rule=", ".join(rules) or "POST-3",
        )
    with transaction.atomic():
        letter = _locked(letter)
        _expect(letter, State.READY, State.PRINTED, rule="LET-3")
        r = choice.recipient
        letter.printed_name = r.name
        letter.printed_address = "\n".join((*r.address_lines, r.post_town, r.postcode))
        letter.pdf = pdf
        letter.job_id = job_id
        letter.printed_by = user
        letter.printed_at = timezone.now()
        rec = recommend_for_letter(content, policy=post_delivery_policy())  # DPO's POST-4 rules
        letter.recommended_method = rec.method
        letter.recommendation_reason = f"{rec.service}: {rec.reason}"
        letter.classification = rec.classification
        letter.state = State.PRINTED
        letter.save()
    return letter


def letter_dispatch(
    *,
    letter: Letter,
    user,
    method: str,
    tracking_number: str = "",
    override_reason: str = "",
    lawful_basis: str = "public_task",
    lawful_basis_justification: str = "",
    reason: str = "",
) -> Letter:
    """Logs how the printed letter went (POST-4) and, when it carries personal data, writes the
    register entry in the same transaction.

    A less secure method than recommended needs a recorded reason; a tracked method needs its
    tracking number.
    """
    if method not in Letter.Method.values:
        raise LetterError("Choose how the letter was sent.", rule="POST-4", field="method")
    tracking_number = " ".join((tracking_number or "").split()).upper()
    override_reason = (override_reason or "").strip()
    if method in TRACKED and not tracking_number:
        raise LetterError(
            "Enter the tracking number from the Royal Mail receipt.",
            rule="POST-4",
            field="tracking_number",
        )
    with transaction.atomic():
        letter = _locked(letter)
        _expect(letter, State.PRINTED, rule="POST-4")
        recommended = letter.recommended_method or Letter.Method.SECOND_CLASS
        if METHOD_ORDER.index(method) < METHOD_ORDER.index(recommended) and not override_reason:
            raise LetterError(
                f"{Letter.Method(method).label} is less secure than the recommended "
                f"{Letter.Method(recommended).label}: record why.",
                rule="POST-4",
                field="override_reason",
            )
        now = timezone.now()
        letter.method = method
        letter.tracking_number = tracking_number
        letter.override_reason = override_reason
        letter.dispatched_by = user
        letter.dispatched_at = now
        letter.state = State.DISPATCHED
        if letter.classification and letter.classification != "none":
            try:
                letter.disclosure = disclosure_record(
                    channel=Channel.LETTER,
                    outcome=Outcome.DISCLOSED,
                    disclosed_by=user,
                    reason=(reason or "").strip() or f"Letter: {letter.subject}",
                    service_user=letter.service_user,
                    recipient_name=letter.printed_name,
                    recipient_role=letter.recipient_description,
                    recipient_contact=letter.recipient_contact,
                    recipient_organisation=(
                        letter.recipient_contact.organisation
                        if letter.recipient_contact_id
                        else None
                    ),
                    recipient_address=letter.printed_address.replace("\n", ", "),
                    summary=(
                        f"Letter {letter.job_id} \u201c{letter.subject}\u201d sent by "
                        f"{Letter.Method(method).label}"
                        + (f", tracking {tracking_number}" if tracking_number else "")
                    ),
                    lawful_basis=lawful_basis,
                    lawful_basis_justification=lawful_basis_justification,
                    payload={
                        "letter": letter.pk,
                        "method": method,
                        "recommended": recommended,
                        "classification": letter.classification,
                        "override_reason": override_reason,
                    },
                )
            except DisclosureError as exc:
                raise LetterError(exc.message, rule=exc.rule or "POST-4", field=exc.field) from None
        letter.save()
    return letter


def letter_cancel(*, letter: Letter, user) -> Letter:
    """Stops a letter that has not gone; a dispatched letter stays as the record of what went."""
    with transaction.atomic():
        letter = _locked(letter)
        _expect(letter, State.DRAFT, State.HELD, State.READY, State.PRINTED, rule="LET-2")
        letter.state = State.CANCELLED
        letter.save()
    return letter


def letter_desensitise_offer(*, letter: Letter, user) -> DesensitisedLetter:
    """The letter as it would print, with identifying details reduced (POST-5)."""
    content = letter_content(letter=letter, sender_name=_name(user), date=timezone.localdate())
    return desensitise_letter(content)


def letter_desensitise_decide(*, letter: Letter, user, use: bool, note: str = "") -> Letter:
    """Records the person's POST-5 decision; using the offer replaces the wording with it.

    Keeping the original needs a note saying why the details are needed.
    """
    note = (note or "").strip()
    if not use and not note:
        raise LetterError("Say why the letter needs these details.", rule="POST-5", field="note")
    with transaction.atomic():
        letter = _locked(letter)
        _expect(letter, State.HELD, State.READY, rule="POST-5")
        if letter.desensitise_decision:
            raise LetterError("The decision is already recorded.", rule="POST-5")
        if use:
            offer = letter_desensitise_offer(letter=letter, user=user)
            if not offer.offered:
                raise LetterError("There is nothing to leave out of this letter.", rule="POST-5")
            # The de-sensitised text is final wording: a dollar sign in it is not a field.
            letter.template_text = "\n\n".join(p.replace("$", "$$") for p in offer.content.body)
            if offer.content.subject:
                letter.subject = offer.content.subject[:200]
        letter.desensitise_decision = "used" if use else "kept"
        letter.desensitise_note = note
        letter.desensitise_decided_by = user
        letter.desensitise_decided_at = timezone.now()
        letter.save()
    return letter


def letter_mark_returned(*, letter: Letter, user) -> Letter:
    """Records that a dispatched letter came back and flags the address it went to.

    The child's current address is flagged only if the letter went to it; the next letter to it
    is then held (LET-2). An address of the person's own has no flag in the records; the
    letter says it came back, and the person's record must be corrected by hand.
    """
    with transaction.atomic():
        letter = _locked(letter)
        _expect(letter, State.DISPATCHED, rule="LET-4")
        if letter.returned_at:
            raise LetterError("The return is already recorded.", rule="LET-4")
        letter.returned_at = timezone.now()
        letter.returned_recorded_by = user
        letter.save()
        near_miss_capture(
            channel=Channel.LETTER,
            kind=NearMiss.Kind.POST_RETURNED,
            rule="LET-2",
            summary=f"Letter {letter.job_id or letter.pk} came back undelivered; the address "
            "it went to is to be checked.",
            source_reference=f"letter:{letter.pk}:returned",
            service_user_id=letter.service_user_id,
        )
        address = (
            Address.objects.select_for_update()
            .filter(service_user_id=letter.service_user_id, valid_to__isnull=True)
            .first()
        )
        if address is not None:
            lines = [v for v in (address.line_1, address.line_2, address.line_3) if v]
            printed = letter.printed_address.splitlines()
            if (
                printed
                and _norm(printed[-1]) == _norm(address.postcode)
                and lines == printed[: len(lines)]
            ):
                address_mark_mail_returned(address=address, user=user)
    return letter
