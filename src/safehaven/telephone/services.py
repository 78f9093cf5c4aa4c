"""Every step of a telephone request (TEL-1..TEL-9). A request moves forward only here.

Each service locks the request row, checks that the request is at the step the service
belongs to, applies the step's rule and records who moved it and why, in one transaction.
A check that fails raises `TelephoneError` naming its rule and what to do; nothing changes.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone
from rapidfuzz import fuzz

from safehaven.core.identifiers import InvalidIdentifier, parse_phone
from safehaven.oversight.policy import consent_valid_days, consent_within_policy
from safehaven.records.access import can_see_service_user
from safehaven.records.models import Consent, Organisation, ServiceUser, Switchboard
from safehaven.records.selectors import address_current, consent_current, service_user_match
from safehaven.register.models import Channel, LawfulBasis, Outcome
from safehaven.register.services import DisclosureError, disclosure_record, restriction_matching
from safehaven.telephone.models import TelephoneRequest, TelephoneRequestEvent
from safehaven.workflow import StepError

State = TelephoneRequest.State

EXEMPTIONS = {
    LawfulBasis.SAFEGUARDING,
    LawfulBasis.CRIME_PREVENTION,
    LawfulBasis.LEGAL_OBLIGATION,
    LawfulBasis.COURT_ORDER,
    LawfulBasis.VITAL_INTERESTS,
    LawfulBasis.PUBLIC_TASK,
}
MIN_JUSTIFICATION = 20
SAME_PERSON_SCORE = 90

# What the officer should do next, by state: shown when a step is tried out of order.
NEXT_STEP = {
    State.LOGGED: "identify the service user",
    State.IDENTIFIED: "check the callback number",
    State.CALLBACK_CHECKED: "confirm consent or a lawful exemption",
    State.AWAITING_AUTHORISATION: "wait for a manager to authorise",
    State.AUTHORISED: "return the call",
    State.DISCLOSED: "nothing: the disclosure is recorded",
    State.REFUSED: "nothing: the request was stopped",
}


class TelephoneError(StepError):
    """A telephone step's check failed (see `safehaven.workflow.StepError`)."""


def _same_person(a: str, b: str) -> bool:
    a, b = " ".join(a.casefold().split()), " ".join(b.casefold().split())
    return bool(a) and (a == b or fuzz.token_sort_ratio(a, b) >= SAME_PERSON_SCORE)


def _locked(request: TelephoneRequest) -> TelephoneRequest:
    return TelephoneRequest.objects.select_for_update().get(pk=request.pk)


def _expect(request: TelephoneRequest, state: str, *, rule: str) -> None:
    if request.state != state:
        raise TelephoneError(
            f"This step is not open: the request is at \u201c{request.get_state_display()}\u201d."
            f" Next: {NEXT_STEP[State(request.state)]}.",
            rule=rule,
            out_of_order=True,
        )


def _move(request: TelephoneRequest, to: str, *, by, rule: str, note: str = "") -> None:
    TelephoneRequestEvent.objects.create(
        request=request,
        at=timezone.now(),
        by=by,
        from_state=request.state,
        to_state=to,
        rule=rule,
        note=note,
    )
    request.state = to
    request.save()


def _required(value: str, message: str, *, rule: str, field: str) -> str:
    value = (value or "").strip()
    if not value:
        raise TelephoneError(message, rule=rule, field=field)
    return value


def telephone_request_log(
    *,
    officer,
    caller_name: str,
    caller_number: str,
    reason: str,
    purpose: str,
    given_name: str,
    family_name: str,
    date_of_birth: dt.date,
    caller_job_title: str = "",
    caller_department: str = "",
    organisation: Organisation | None = None,
    organisation_name: str = "",
    information_requested: str = "",
    given_reference: str = "",
) -> TelephoneRequest:
    """Logs the call (TEL-1, TEL-2, TEL-4): who is calling, from where, why, about whom.

    The received time is the server's. Nothing can be shared until the later steps pass.
    """
    caller_name = _required(
        caller_name, "Enter the caller's name (TEL-2).", rule="TEL-2", field="caller_name"
    )
    number = _required(
        caller_number, "Enter the caller's contact number (TEL-2).", rule="TEL-2",
        field="caller_number",
    )  # fmt: skip
    try:
        number = parse_phone(number).e164
    except InvalidIdentifier as exc:
        raise TelephoneError(
            f"The contact number is not a UK phone number: {exc.reason}.",
            rule="TEL-2",
            field="caller_number",
        ) from exc
    if organisation is None and not organisation_name.strip():
        raise TelephoneError(
            "Choose the caller's organisation, or enter its name if it is not listed (TEL-2).",
            rule="TEL-2",
            field="organisation",
        )
    reason = _required(
        reason, "Record the reason for the request (TEL-4).", rule="TEL-4", field="reason"
    )
    if purpose not in Consent.Purpose.values:
        raise TelephoneError("Choose the purpose of the request.", rule="TEL-4", field="purpose")
    given_name = _required(
        given_name, "Enter the child's first name (TEL-3).", rule="TEL-3", field="given_name"
    )
    family_name = _required(
        family_name, "Enter the child's last name (TEL-3).", rule="TEL-3", field="family_name"
    )
    if date_of_birth is None:
        raise TelephoneError(
            "Enter the child's date of birth (TEL-3).", rule="TEL-3", field="date_of_birth"
        )
    if date_of_birth > timezone.localdate():
        raise TelephoneError(
            "The date of birth is in the future: check it with the caller.",
            rule="TEL-3",
            field="date_of_birth",
        )
    with transaction.atomic():
        request = TelephoneRequest.objects.create(
            received_at=timezone.now(),
            received_by=officer,
            caller_name=caller_name,
            caller_number=number,
            caller_job_title=caller_job_title.strip(),
            caller_department=caller_department.strip(),
            organisation=organisation,
            organisation_name="" if organisation else organisation_name.strip(),
            reason=reason,
            purpose=purpose,
            information_requested=information_requested.strip(),
            given_name=given_name,
            family_name=family_name,
            date_of_birth=date_of_birth,
            given_reference=given_reference.strip(),
        )
        TelephoneRequestEvent.objects.create(
            request=request,
            at=request.received_at,
            by=officer,
            from_state="",
            to_state=State.LOGGED,
            rule="TEL-1",
            note="Call logged.",
        )
    return request


def telephone_request_candidates(*, request: TelephoneRequest, user) -> list:
    """Records matching the caller's details (TEL-3), best first, with what differs."""
    return service_user_match(
        user=user,
        given_name=request.given_name,
        family_name=request.family_name,
        date_of_birth=request.date_of_birth,
        reference=request.given_reference,
    )


def telephone_request_identify(
    *, request: TelephoneRequest, officer, service_user: ServiceUser
) -> TelephoneRequest:
    """Matches the request to one primary record (TEL-3).

    Refuses a record whose name, date of birth or reference differs from what the caller
    gave, and refuses to choose while more than one record matches exactly.
    """
    with transaction.atomic():
        request = _locked(request)
        _expect(request, State.LOGGED, rule="TEL-3")
        matches = telephone_request_candidates(request=request, user=officer)
        chosen = next((m for m in matches if m.service_user.pk == service_user.pk), None)
        if chosen is None:
            raise TelephoneError(
                "That record does not match the caller's details. Choose one of the records "
                "listed, or stop the request.",
                rule="TEL-3",
                field="service_user",
            )
        if not chosen.exact:
            raise TelephoneError(
                f"The record differs from what the caller gave ({', '.join(chosen.reasons)}). "
                "Check the details with the caller; nothing can be shared until they match.",
                rule="TEL-3",
                field="service_user",
            )
        exact = [m for m in matches if m.exact]
        if len(exact) > 1:
            raise TelephoneError(
                f"{len(exact)} records match these details exactly. Ask the caller for the "
                "child's reference number or UPN before going on.",
                rule="TEL-3",
                field="service_user",
            )
        request.service_user = chosen.service_user
        request.match_evidence = f"Name and date of birth match (score {chosen.score:.0f})" + (
            " and the reference matches" if request.given_reference else ""
        )
        _move(request, State.IDENTIFIED, by=officer, rule="TEL-3", note=request.match_evidence)
    return request


def _phone_text(number: str) -> str:
    try:
        return parse_phone(number).national
    except InvalidIdentifier:
        return number


def telephone_request_callback(
    *,
    request: TelephoneRequest,
    officer,
    organisation: Organisation | None = None,
    switchboard: Switchboard | None = None,
    number: str = "",
) -> TelephoneRequest:
    """Fixes the callback number (TEL-5): the organisation's verified switchboard, never a
    direct line or mobile the caller offers, and never for an organisation not in the
    directory."""
    with transaction.atomic():
        request = _locked(request)
        _expect(request, State.IDENTIFIED, rule="TEL-5")
        organisation = organisation or request.organisation
        if organisation is None:
            raise TelephoneError(
                f"\u201c{request.organisation_name}\u201d is not in the directory. Add it with a "
                "switchboard number verified from an independent source (its website or a "
                "letter, never the caller), then choose it here.",
                rule="TEL-5",
                field="organisation",
            )
        verified = list(organisation.switchboards.filter(verified_at__isnull=False))
        if number.strip():
            try:
                offered = parse_phone(number)
            except InvalidIdentifier as exc:
                raise TelephoneError(
                    f"That is not a UK phone number: {exc.reason}.", rule="TEL-5", field="number"
                ) from exc
            if offered.is_mobile:
                raise TelephoneError(
                    f"{offered.national} is a mobile number. A caller from a partner "
                    f"organisation is called back on {organisation.name}'s switchboard, never "
                    "a mobile, so that their identity is confirmed.",
                    rule="TEL-5",
                    field="number",
                )
            switchboard = next((s for s in verified if s.number == offered.e164), None)
            if switchboard is None:
                raise TelephoneError(
                    f"{offered.national} is not a verified switchboard number for "
                    f"{organisation.name}. Call back on the switchboard held in the directory, "
                    "never a direct line the caller gives.",
                    rule="TEL-5",
                    field="number",
                )
        if switchboard is None:
            raise TelephoneError(
                "Choose the switchboard number you will call back on.",
                rule="TEL-5",
                field="switchboard",
            )
        if switchboard.organisation_id != organisation.pk:
            raise TelephoneError(
                f"That switchboard belongs to {switchboard.organisation.name}, not "
                f"{organisation.name}.",
                rule="TEL-5",
                field="switchboard",
            )
        if not switchboard.is_verified:
            raise TelephoneError(
                f"{organisation.name}'s switchboard {_phone_text(switchboard.number)} has not "
                "been verified. Verify it from an independent source before calling back.",
                rule="TEL-5",
                field="switchboard",
            )
        request.organisation = organisation
        request.switchboard = switchboard
        request.callback_number = switchboard.number
        verifier = switchboard.verified_by.get_full_name() if switchboard.verified_by else "?"
        source = switchboard.verification_source
        _move(
            request,
            State.CALLBACK_CHECKED,
            by=officer,
            rule="TEL-5",
            note=(
                f"Switchboard {_phone_text(switchboard.number)} verified by {verifier} on "
                f"{timezone.localtime(switchboard.verified_at):%d %b %Y}"
                + (f" ({source})" if source else "")
            ),
        )
    return request


def telephone_request_consent(
    *,
    request: TelephoneRequest,
    officer,
    lawful_basis: str,
    justification: str = "",
) -> TelephoneRequest:
    """Confirms the basis for sharing (TEL-7) and sends the request to a manager (TEL-6).

    Consent: a current consent must cover this organisation and purpose. An exemption
    (e.g. safeguarding) needs its justification. A contact restriction naming the caller
    stops the request whatever the basis.
    """
    with transaction.atomic():
        request = _locked(request)
        _expect(request, State.CALLBACK_CHECKED, rule="TEL-7")
        restriction = restriction_matching(
            service_users=[request.service_user], recipient_name=request.caller_name
        )
        if restriction is not None:
            raise TelephoneError(
                f"{request.caller_name} must not receive information about this child "
                f"({restriction.get_reason_display().lower()}). Stop the request.",
                rule="TEL-7",
            )
        consent = None
        justification = (justification or "").strip()
        if lawful_basis == LawfulBasis.CONSENT:
            consent = consent_current(
                service_user=request.service_user,
                organisation=request.organisation,
                purpose=request.purpose,
            )
            if consent is not None and not consent_within_policy(consent):
                raise TelephoneError(
                    f"The consent was given on {consent.given_at:%d/%m/%Y}, longer ago than the "
                    f"DPO's policy allows ({consent_valid_days()} days). Ask for consent again, "
                    "record a lawful exemption with its justification, or stop the request.",
                    rule="TEL-7",
                    field="lawful_basis",
                )
            if consent is None:
                raise TelephoneError(
                    f"No current consent covers sharing with {request.organisation.name} for "
                    f"{request.get_purpose_display().lower()}. Record a lawful exemption with "
                    "its justification, or stop the request.",
                    rule="TEL-7",
                    field="lawful_basis",
                )
            note = f"Consent {str(consent.reference)[:8]} given by {consent.given_by_name}"
        elif lawful_basis in EXEMPTIONS:
            if len(justification) < MIN_JUSTIFICATION:
                raise TelephoneError(
                    "Explain why sharing without consent is justified here (at least "
                    f"{MIN_JUSTIFICATION} characters): a manager and the DPO will read it.",
                    rule="TEL-7",
                    field="justification",
                )
            note = f"Exemption: {LawfulBasis(lawful_basis).label}"
        else:
            raise TelephoneError(
                "Choose consent or a lawful exemption.", rule="TEL-7", field="lawful_basis"
            )
        request.lawful_basis = lawful_basis
        request.consent = consent
        request.lawful_basis_justification = justification
        _move(request, State.AWAITING_AUTHORISATION, by=officer, rule="TEL-7", note=note)
    return request


def telephone_request_decide(
    *, request: TelephoneRequest, authoriser, approve: bool, note: str = ""
) -> TelephoneRequest:
    """A Team, Line or Service Manager approves or refuses sharing (TEL-6).

    Nobody authorises their own request; a refusal needs its reason and is recorded in the
    register (TEL-9).
    """
    with transaction.atomic():
        request = _locked(request)
        _expect(request, State.AWAITING_AUTHORISATION, rule="TEL-6")
        if not (authoriser.is_authoriser or authoriser.is_dpo):
            raise TelephoneError(
                "Only a Team, Line or Service Manager can authorise sharing.", rule="TEL-6"
            )
        if authoriser.pk == request.received_by_id:
            raise TelephoneError(
                "Nobody authorises their own request: ask another manager.", rule="TEL-6"
            )
        if not can_see_service_user(authoriser, request.service_user):
            raise TelephoneError(
                "You cannot authorise for a child outside your schools and teams.", rule="TEL-6"
            )
        note = (note or "").strip()
        request.authoriser = authoriser
        request.decided_at = timezone.now()
        request.decision_note = note
        if approve:
            _move(request, State.AUTHORISED, by=authoriser, rule="TEL-6", note=note or "Approved")
        else:
            if not note:
                raise TelephoneError(
                    "Say why sharing is refused: the officer will tell the caller.",
                    rule="TEL-6",
                    field="note",
                )
            _refuse(request, by=authoriser, reason=f"Refused by a manager: {note}", rule="TEL-6")
    return request


def _confidential_address_leak(request: TelephoneRequest, summary: str) -> bool:
    """True when the child's address is confidential and the summary gives an address."""
    address = address_current(service_user=request.service_user)
    if address is None or not address.confidential:
        return False
    from safehaven.core.detect import analyse

    found = {span.type for span in analyse(summary).spans}
    folded = summary.casefold().replace(" ", "")
    pieces = [address.postcode, address.line_1]
    return bool(found & {"STREET_ADDRESS", "UK_POSTCODE"}) or any(
        p and p.casefold().replace(" ", "") in folded for p in pieces
    )


def telephone_request_return_call(
    *,
    request: TelephoneRequest,
    officer,
    spoke_to_name: str,
    called_switchboard: bool,
    disclosed_summary: str,
) -> TelephoneRequest:
    """Records the returned call (TEL-8) and writes the register entry (TEL-9) in the same
    transaction: the call went to the switchboard and to the person who asked."""
    with transaction.atomic():
        request = _locked(request)
        _expect(request, State.AUTHORISED, rule="TEL-8")
        if not called_switchboard:
            raise TelephoneError(
                f"Call back through the switchboard, {_phone_text(request.callback_number)}, "
                "and ask for the caller by name.",
                rule="TEL-5",
                field="called_switchboard",
            )
        spoke_to_name = _required(
            spoke_to_name, "Enter the name of the person you spoke to.", rule="TEL-8",
            field="spoke_to_name",
        )  # fmt: skip
        if not _same_person(spoke_to_name, request.caller_name):
            raise TelephoneError(
                f"The request came from {request.caller_name}, not {spoke_to_name}. Return "
                "the call only to the person who asked; if they are not available, call again "
                "later.",
                rule="TEL-8",
                field="spoke_to_name",
            )
        summary = _required(
            disclosed_summary, "Record what you told the caller (TEL-9).", rule="TEL-9",
            field="disclosed_summary",
        )  # fmt: skip
        if _confidential_address_leak(request, summary):
            raise TelephoneError(
                "The child's address is confidential: it must not be disclosed. Take the "
                "address out of what you tell the caller.",
                rule="TEL-7",
                field="disclosed_summary",
            )
        request.returned_at = timezone.now()
        request.spoke_to_name = spoke_to_name
        request.disclosed_summary = summary
        try:
            request.disclosure = disclosure_record(
                channel=Channel.TELEPHONE,
                outcome=Outcome.DISCLOSED,
                disclosed_by=officer,
                reason=request.reason,
                service_user=request.service_user,
                recipient_name=request.caller_name,
                recipient_role=", ".join(
                    p for p in (request.caller_job_title, request.caller_department) if p
                ),
                recipient_organisation=request.organisation,
                recipient_number=request.callback_number,
                summary=summary,
                lawful_basis=request.lawful_basis,
                consent=request.consent,
                lawful_basis_justification=request.lawful_basis_justification,
                authorised_by=request.authoriser,
                correlation_id=request.correlation_id,
                payload={"telephone_request": str(request.reference), "purpose": request.purpose},
            )
        except DisclosureError as exc:
            raise TelephoneError(exc.message, rule=exc.rule, field=None) from exc
        _move(request, State.DISCLOSED, by=officer, rule="TEL-9", note="Disclosure recorded")
    return request


def _refuse(request: TelephoneRequest, *, by, reason: str, rule: str) -> None:
    request.refused_at = timezone.now()
    request.refusal_reason = reason
    request.refusal_rule = rule
    if request.service_user is not None:
        request.disclosure = disclosure_record(
            channel=Channel.TELEPHONE,
            outcome=Outcome.REFUSED,
            disclosed_by=request.received_by,
            reason=request.reason,
            service_user=request.service_user,
            recipient_name=request.caller_name,
            recipient_organisation=request.organisation,
            recipient_number=request.callback_number or request.caller_number,
            refusal_reason=reason,
            authorised_by=request.authoriser if rule == "TEL-6" else None,
            correlation_id=request.correlation_id,
            payload={"telephone_request": str(request.reference), "rule": rule},
        )
    _move(request, State.REFUSED, by=by, rule=rule, note=reason)
    from safehaven.oversight.services import near_miss_from_telephone_refusal

    near_miss_from_telephone_refusal(request=request, by=by, rule=rule)


def telephone_request_refuse(
    *, request: TelephoneRequest, user, reason: str, rule: str = "TEL-1"
) -> TelephoneRequest:
    """Stops a request at any open step; nothing is shared and the refusal is recorded, in
    the register too once the child is identified (TEL-9)."""
    with transaction.atomic():
        request = _locked(request)
        if not request.is_open:
            raise TelephoneError(
                f"The request is already closed ({request.get_state_display().lower()}).",
                rule=rule,
            )
        reason = _required(reason, "Say why the request is stopped.", rule=rule, field="reason")
        _refuse(request, by=user, reason=reason, rule=rule)
    return request
