"""Every step of a fax (FAX-1..FAX-14). A job, a speed dial or an incoming fax changes only here.

Each service locks the row, checks the job is at the step the service belongs to, applies the
step's rule and records who moved it and why, in one transaction. A failed check raises
`FaxError` naming its rule; nothing changes. Register entries: written in the same
transaction as the move to `sent` (the fax is handed to the machine: from then on pages may
reach the recipient), and, if every retry fails, a second `not_shared` entry with the same
correlation ID when the job is stopped.
"""

from __future__ import annotations

import datetime as dt
import functools

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from safehaven.core.fax import CoverSheet, merge_pdfs, page_count, render_cover_sheet
from safehaven.core.fax.pages import NotAPdf, declared_page_count, pdf_text_first_page, reconcile
from safehaven.core.identifiers import InvalidIdentifier, parse_phone
from safehaven.fax.drivers import FaxDriverError, Submission, driver_current
from safehaven.fax.models import (
    FaxJob,
    FaxJobEvent,
    FaxPolicy,
    IncomingFax,
    SafeHavenAssessment,
    SpeedDial,
    TransmissionAttempt,
)
from safehaven.records.models import FaxNumber, Organisation, ServiceUser
from safehaven.records.selectors import consent_current
from safehaven.register.models import Channel, LawfulBasis, Outcome
from safehaven.register.services import (
    DisclosureError,
    disclosure_record,
    restriction_matching,
)
from safehaven.workflow import StepError

State = FaxJob.State
ASSESSMENT_VALID_DAYS = 365
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024

NEXT_STEP = {
    State.CREATED: "enter and confirm the fax number",
    State.NUMBER_ENTERED: "check the safe haven (and warn the recipient if it is not one)",
    State.READY: "check the number shown back and send",
    State.SENT: "wait for the machine to confirm transmission",
    State.FAILED: "retry the transmission or stop the job",
    State.TRANSMITTED: "record the recipient's receipt",
    State.RECEIPTED: "nothing: the receipt is recorded",
    State.ABANDONED: "nothing: the job was stopped",
}


class FaxError(StepError):
    """A fax step's check failed (see `safehaven.workflow.StepError`)."""


# The DPO's policy (safehaven.oversight, when installed) and the near-miss log.


def _assessment_valid_days() -> int:
    """How long a safe-haven assessment lasts: the DPO's policy, else ASSESSMENT_VALID_DAYS."""
    if not apps.is_installed("safehaven.oversight"):
        return ASSESSMENT_VALID_DAYS
    from safehaven.oversight.policy import assessment_valid_days

    return assessment_valid_days()


def _consent_too_old(consent) -> bool:
    if consent is None or not apps.is_installed("safehaven.oversight"):
        return False
    from safehaven.oversight.policy import consent_within_policy

    return not consent_within_policy(consent)


def _near_miss(job: FaxJob, *, kind: str, rule: str, summary: str, suffix: str = "") -> None:
    """A check stopped or caught something on this fax: one row in the DPO's near-miss log
    (no personal data in the summary; the child is linked by id)."""
    if not apps.is_installed("safehaven.oversight"):
        return
    from safehaven.oversight.services import near_miss_capture

    near_miss_capture(
        channel=Channel.FAX,
        kind=kind,
        rule=rule,
        summary=summary,
        source_reference=f"fax:{job.reference}{suffix}",
        service_user_id=job.service_user_id,
        unit_id=job.service_user.unit_id if job.service_user_id else None,
        correlation_id=job.correlation_id,
    )


def _refusals_are_near_misses(caught):
    """Decorator: when the service refuses with one of the checks in `caught` (a function of
    the error returning (kind, summary) or None), the refusal goes into the near-miss log after
    the service's transaction has rolled back, then the error is raised as before."""

    def wrap(func):
        @functools.wraps(func)
        def inner(*args, **kwargs):
            try:
                return func(*args, **kwargs)
            except FaxError as exc:
                job = kwargs.get("job")
                found = caught(exc) if job is not None else None
                if found is not None:
                    kind, summary = found
                    _near_miss(job, kind=kind, rule=exc.rule, summary=summary)
                raise

        return inner

    return wrap


def _number_refusals(exc: FaxError):
    if exc.rule == "FAX-5" and (exc.field == "fax_number" or "do not match" in exc.message):
        return "fax_number_mismatch", f"Fax number did not match ({exc.rule})"
    if exc.rule == "FAX-8" and exc.field == "number_checked":
        return "fax_number_mismatch", "Number typed back before sending did not match (FAX-8)"
    return None


def _safe_haven_refusals(exc: FaxError):
    if exc.rule in {"FAX-3", "FAX-4"}:
        return "fax_not_safe_haven", f"Fax stopped: no safe haven or no warning call ({exc.rule})"
    return None


# The switch.


def fax_policy() -> FaxPolicy:
    policy = FaxPolicy.objects.order_by("pk").first()
    return policy if policy is not None else FaxPolicy(enabled=False)


def fax_enabled() -> bool:
    return fax_policy().enabled


def fax_policy_set(*, user, enabled: bool, reason: str = "", **fields) -> FaxPolicy:
    """The DPO or an administrator switches fax on or off, saying why."""
    if not (user.is_dpo or user.is_administrator):
        raise FaxError("Only the DPO or an administrator can switch fax on or off.", rule="FAX-1")
    reason = (reason or "").strip()
    if enabled and not reason:
        raise FaxError(
            "Say why fax is being switched on (for example, which partner still needs it).",
            rule="FAX-1",
            field="reason",
        )
    with transaction.atomic():
        policy = FaxPolicy.objects.select_for_update().order_by("pk").first() or FaxPolicy()
        policy.enabled = enabled
        policy.changed_by = user
        policy.changed_at = timezone.now()
        policy.reason = reason
        for name, value in fields.items():
            setattr(policy, name, value)
        policy.save()
        if apps.is_installed("safehaven.oversight"):
            from safehaven.oversight.policy import policy_note_fax_switch

            policy_note_fax_switch(user=user, enabled=enabled, reason=reason)
    return policy


def _require_enabled() -> FaxPolicy:
    policy = fax_policy()
    if not policy.enabled:
        raise FaxError(
            "Fax is switched off for this organisation. Use secure email or post; the DPO or an "
            "administrator can switch fax on if a partner can only receive faxes.",
            rule="FAX-1",
        )
    return policy


# The directory: safe-haven assessments (FAX-1..FAX-3).


def _e164(number: str, field: str) -> str:
    number = (number or "").strip()
    if not number:
        raise FaxError("Enter the fax number.", rule="FAX-5", field=field)
    try:
        return parse_phone(number).e164
    except InvalidIdentifier as exc:
        raise FaxError(
            f"That is not a UK fax number: {exc.reason}.", rule="FAX-5", field=field
        ) from exc


def assessment_current(fax_number: FaxNumber) -> SafeHavenAssessment | None:
    """The latest assessment if it is not past its review date, else None."""
    latest = fax_number.assessments.order_by("-recorded_at", "-pk").first()
    if latest is None or latest.review_due < timezone.localdate():
        return None
    age = timezone.localdate() - timezone.localdate(latest.recorded_at)
    if age.days > _assessment_valid_days():
        return None  # older than the DPO's policy allows, whatever review date it was given
    return latest


def safe_haven_assess(
    *,
    fax_number: FaxNumber,
    recorded_by,
    answered_by_name: str,
    secure_office: bool,
    shared_departments: bool,
    designated_collectors: bool,
    written_policy: bool,
    answered_by_role: str = "",
    review_due: dt.date | None = None,
    notes: str = "",
) -> SafeHavenAssessment:
    """Records the answers someone at the recipient gave (FAX-3) and the result (FAX-2): a
    safe haven only if the machine is in a secure office, not shared between departments,
    with designated collectors and a written policy. The directory shows the latest result."""
    _require_enabled()
    answered_by_name = (answered_by_name or "").strip()
    if not answered_by_name:
        raise FaxError(
            "Enter the name of the person at the recipient who answered the questions.",
            rule="FAX-3",
            field="answered_by_name",
        )
    today = timezone.localdate()
    review_due = review_due or today + dt.timedelta(days=_assessment_valid_days())
    if review_due <= today:
        raise FaxError("The review date must be in the future.", rule="FAX-2", field="review_due")
    if review_due > today + dt.timedelta(days=2 * ASSESSMENT_VALID_DAYS):
        raise FaxError("Review the assessment within two years.", rule="FAX-2", field="review_due")
    safe = bool(
        secure_office and not shared_departments and designated_collectors and written_policy
    )
    with transaction.atomic():
        assessment = SafeHavenAssessment.objects.create(
            fax_number=fax_number,
            secure_office=secure_office,
            shared_departments=shared_departments,
            designated_collectors=designated_collectors,
            written_policy=written_policy,
            answered_by_name=answered_by_name,
            answered_by_role=(answered_by_role or "").strip(),
            recorded_by=recorded_by,
            recorded_at=timezone.now(),
            review_due=review_due,
            safe_haven=safe,
            notes=(notes or "").strip(),
        )
        # Keep the directory's summary (records.FaxNumber) in step with the latest answer.
        FaxNumber.objects.filter(pk=fax_number.pk).update(
            safe_haven=FaxNumber.SafeHaven.YES if safe else FaxNumber.SafeHaven.NO,
            assessed_by=recorded_by,
            assessed_at=assessment.recorded_at,
            assessment_notes=f"Answered by {answered_by_name}. {assessment.notes}".strip(),
        )
    return assessment


# Sending.


def _locked(job: FaxJob) -> FaxJob:
    return FaxJob.objects.select_for_update().get(pk=job.pk)


def _expect(job: FaxJob, *states: str, rule: str) -> None:
    if job.state not in states:
        raise FaxError(
            f"This step is not open: the fax is at \u201c{job.get_state_display()}\u201d. "
            f"Next: {NEXT_STEP[State(job.state)]}.",
            rule=rule,
            out_of_order=True,
        )


def _move(job: FaxJob, to: str, *, by, rule: str, note: str = "") -> None:
    FaxJobEvent.objects.create(
        job=job, at=timezone.now(), by=by, from_state=job.state, to_state=to, rule=rule, note=note
    )
    job.state = to
    job.save()


def fax_job_create(
    *,
    officer,
    service_user: ServiceUser,
    recipient_name: str,
    reason: str,
    summary: str,
    document: bytes,
    lawful_basis: str,
    recipient_organisation: Organisation | None = None,
    recipient_organisation_name: str = "",
    lawful_basis_justification: str = "",
) -> FaxJob:
    """Starts a fax about one service user to a named recipient: the document (a PDF), why,
    on what basis. Nothing is sent until every later step passes."""
    _require_enabled()
    recipient_name = (recipient_name or "").strip()
    if not recipient_name:
        raise FaxError(
            "Enter the name of the person the fax is for: the cover sheet names them.",
            rule="FAX-7",
            field="recipient_name",
        )
    if recipient_organisation is None and not (recipient_organisation_name or "").strip():
        raise FaxError(
            "Choose the recipient's organisation, or enter its name.",
            rule="FAX-7",
            field="recipient_organisation",
        )
    if not (reason or "").strip():
        raise FaxError("Record the reason for sending.", rule="TEL-9", field="reason")
    if not (summary or "").strip():
        raise FaxError(
            "Say briefly what the fax contains (for the register).", rule="TEL-9", field="summary"
        )
    if lawful_basis not in LawfulBasis.values or lawful_basis == LawfulBasis.NONE:
        raise FaxError("Choose the lawful basis for sharing.", rule="TEL-9", field="lawful_basis")
    restriction = restriction_matching(service_users=[service_user], recipient_name=recipient_name)
    if restriction is not None:
        raise FaxError(
            f"{recipient_name} must not receive information about this service user "
            f"({restriction.get_reason_display().lower()}). Do not send.",
            rule="TEL-7",
            field="recipient_name",
        )
    consent = (
        consent_current(service_user=service_user, organisation=recipient_organisation)
        if lawful_basis == LawfulBasis.CONSENT
        else None
    )
    if lawful_basis == LawfulBasis.CONSENT and (consent is None or _consent_too_old(consent)):
        raise FaxError(
            "No current consent covers sharing with this organisation. Record a lawful "
            "exemption with its justification, or do not send.",
            rule="TEL-7",
            field="lawful_basis",
        )
    if not document:
        raise FaxError("Attach the document to fax, as a PDF.", rule="FAX-14", field="document")
    if len(document) > MAX_DOCUMENT_BYTES:
        raise FaxError(
            "The document is over 20 MB: fax fewer pages.", rule="FAX-14", field="document"
        )
    try:
        pages = page_count(document)
    except NotAPdf as exc:
        raise FaxError(
            "The document is not a readable PDF: save or print it as PDF and attach it again.",
            rule="FAX-14",
            field="document",
        ) from exc
    if pages < 1:
        raise FaxError("The PDF has no pages.", rule="FAX-14", field="document")
    with transaction.atomic():
        job = FaxJob.objects.create(
            created_at=timezone.now(),
            created_by=officer,
            service_user=service_user,
            recipient_name=recipient_name,
            recipient_organisation=recipient_organisation,
            recipient_organisation_name=(
                "" if recipient_organisation else recipient_organisation_name.strip()
            ),
            reason=reason.strip(),
            summary=summary.strip(),
            lawful_basis=lawful_basis,
            lawful_basis_justification=(lawful_basis_justification or "").strip(),
            document=document,
            document_pages=pages,
        )
        FaxJobEvent.objects.create(
            job=job, at=job.created_at, by=officer, to_state=State.CREATED, rule="FAX-1",
            note=f"{pages} page(s) to fax",
        )  # fmt: skip
    return job


@_refusals_are_near_misses(_number_refusals)
def fax_job_number(
    *,
    job: FaxJob,
    officer,
    fax_number: FaxNumber | None = None,
    speed_dial: SpeedDial | None = None,
    number: str = "",
    number_again: str = "",
) -> FaxJob:
    """Sets the number (FAX-5): from the directory, from a tested speed dial (FAX-10), or
    keyed twice, the two entries matching. A keyed number joins the directory under the
    recipient's organisation, so it is assessed like any other."""
    _require_enabled()
    with transaction.atomic():
        job = _locked(job)
        _expect(job, State.CREATED, rule="FAX-5")
        if speed_dial is not None:
            if not speed_dial.is_tested:
                raise FaxError(
                    f"Speed dial {speed_dial.position} has not been tested. Send it a test "
                    "cover sheet and record that the recipient confirmed it arrived first.",
                    rule="FAX-10",
                    field="speed_dial",
                )
            fax_number, source = speed_dial.fax_number, FaxJob.NumberSource.SPEED_DIAL
        elif fax_number is not None:
            source = FaxJob.NumberSource.DIRECTORY
        else:
            first = _e164(number, "number")
            if not (number_again or "").strip():
                raise FaxError(
                    "Key the fax number a second time to confirm it.",
                    rule="FAX-5",
                    field="number_again",
                )
            second = _e164(number_again, "number_again")
            if first != second:
                raise FaxError(
                    "The two fax numbers you keyed do not match. Check the number with the "
                    "recipient and key it again.",
                    rule="FAX-5",
                    field="number_again",
                )
            if job.recipient_organisation is None:
                raise FaxError(
                    "Add the recipient's organisation to the directory before keying a new "
                    "number, so its safe haven can be assessed.",
                    rule="FAX-1",
                    field="number",
                )
            fax_number, _ = FaxNumber.objects.get_or_create(
                organisation=job.recipient_organisation,
                number=first,
                defaults={"label": "Keyed for a fax", "department": ""},
            )
            source = FaxJob.NumberSource.KEYED
        if (
            job.recipient_organisation is not None
            and fax_number.organisation_id != job.recipient_organisation_id
        ):
            raise FaxError(
                f"That number belongs to {fax_number.organisation.name}, not "
                f"{job.recipient_organisation.name}.",
                rule="FAX-5",
                field="fax_number",
            )
        job.fax_number = fax_number
        job.number = fax_number.number
        job.number_source = source
        _move(
            job,
            State.NUMBER_ENTERED,
            by=officer,
            rule="FAX-5",
            note=job.get_number_source_display(),
        )
    return job


@_refusals_are_near_misses(_safe_haven_refusals)
def fax_job_safe_haven(
    *,
    job: FaxJob,
    officer,
    receipt_requested_from: str,
    warning_call_made: bool = False,
    warning_call_spoke_to: str = "",
    warning_call_note: str = "",
) -> FaxJob:
    """Checks the number's current safe-haven assessment (FAX-1); with none, the recipient
    must be telephoned and the three questions asked first (FAX-3). Not a safe haven: the
    officer records the call that warned the recipient (FAX-4). A receipt is requested
    from a named person in every case (FAX-6)."""
    _require_enabled()
    with transaction.atomic():
        job = _locked(job)
        _expect(job, State.NUMBER_ENTERED, rule="FAX-1")
        assessment = assessment_current(job.fax_number)
        if assessment is None:
            raise FaxError(
                "This number has no current safe-haven assessment. Telephone the recipient, "
                "ask the three questions (secure office? shared by more than one department? "
                "designated collectors?) and record the answers first.",
                rule="FAX-3",
                field="assessment",
            )
        receipt_from = (receipt_requested_from or "").strip()
        if not receipt_from:
            raise FaxError(
                "Name the person you asked to confirm receipt.",
                rule="FAX-6",
                field="receipt_requested_from",
            )
        note = "Safe haven"
        if not assessment.safe_haven:
            spoke_to = (warning_call_spoke_to or "").strip()
            if not warning_call_made or not spoke_to:
                raise FaxError(
                    "This number is not a safe haven. Telephone the recipient first to say that "
                    "confidential service-user information is about to be sent, and record who "
                    "you spoke to.",
                    rule="FAX-4",
                    field="warning_call_spoke_to",
                )
            job.warning_call_at = timezone.now()
            job.warning_call_spoke_to = spoke_to
            job.warning_call_note = (warning_call_note or "").strip()
            note = f"Not a safe haven: {spoke_to} warned by telephone"
        job.assessment = assessment
        job.receipt_requested_from = receipt_from
        _move(job, State.READY, by=officer, rule="FAX-4" if not assessment.safe_haven else "FAX-1",
              note=note)  # fmt: skip
    return job


def _cover(job: FaxJob, officer, policy: FaxPolicy, *, total: int, test: bool) -> bytes:
    number = parse_phone(job.number).national
    sender_phone = policy.sender_phone or getattr(officer, "phone", "") or ""
    return render_cover_sheet(
        CoverSheet(
            recipient_name=job.recipient_name,
            recipient_organisation=job.organisation_name,
            recipient_fax=number,
            sender_name=officer.get_full_name() or officer.username,
            sender_organisation=policy.sender_organisation,
            sender_phone=sender_phone,
            sender_fax=policy.sender_fax,
            date=timezone.localdate(),
            total_pages=total,
            reference=job.short_reference,
            receipt_request=(
                f"Please confirm receipt: telephone {sender_phone or 'the sender'} quoting "
                f"{job.short_reference}."
                if not test
                else f"Test of a speed dial: please telephone {sender_phone or 'the sender'} to "
                "confirm this page arrived."
            ),
            is_test=test,
        )
    )


@_refusals_are_near_misses(_number_refusals)
def fax_job_send(*, job: FaxJob, officer, number_checked: str) -> FaxJob:
    """Sends after the number dialled is double-checked (FAX-8): the officer types back the
    number shown. Builds the cover sheet (FAX-7) and writes the register entry in the same
    transaction as the move to `sent`; hands the fax to the driver after commit (FAX-11)."""
    policy = _require_enabled()
    with transaction.atomic():
        job = _locked(job)
        _expect(job, State.READY, rule="FAX-8")
        try:
            typed = parse_phone((number_checked or "").strip()).e164
        except InvalidIdentifier:
            typed = None
        if typed != job.number:
            raise FaxError(
                f"The number you typed does not match {parse_phone(job.number).national}. Check "
                "the number against the directory and type it exactly as shown.",
                rule="FAX-8",
                field="number_checked",
            )
        if job.assessment is None or job.assessment.fax_number_id != job.fax_number_id:
            raise FaxError("Check the safe haven first.", rule="FAX-1", out_of_order=True)
        total = job.document_pages + 1
        cover = _cover(job, officer, policy, total=total, test=False)
        job.fax_pdf = merge_pdfs(cover, bytes(job.document))
        job.total_pages = total
        job.number_confirmed_at = timezone.now()
        job.sent_at = job.number_confirmed_at
        try:
            job.disclosure = disclosure_record(
                channel=Channel.FAX,
                outcome=Outcome.DISCLOSED,
                disclosed_by=officer,
                reason=job.reason,
                service_user=job.service_user,
                recipient_name=job.recipient_name,
                recipient_organisation=job.recipient_organisation,
                recipient_number=job.number,
                summary=job.summary,
                lawful_basis=job.lawful_basis,
                consent=(
                    consent_current(
                        service_user=job.service_user, organisation=job.recipient_organisation
                    )
                    if job.lawful_basis == LawfulBasis.CONSENT
                    else None
                ),
                lawful_basis_justification=job.lawful_basis_justification,
                correlation_id=job.correlation_id,
                payload={
                    "fax_job": str(job.reference),
                    "pages": total,
                    "safe_haven": job.assessment.safe_haven,
                    "warned": job.warning_call_spoke_to or None,
                },
            )
        except DisclosureError as exc:
            raise FaxError(exc.message, rule=exc.rule or "TEL-9") from exc
        _move(job, State.SENT, by=officer, rule="FAX-8", note=f"{total} page(s) incl. cover")
        attempt = _attempt_new(job)
    _transmit(job, attempt)
    job.refresh_from_db()
    return job


def _attempt_new(job: FaxJob) -> TransmissionAttempt:
    number = job.attempts.count() + 1
    return TransmissionAttempt.objects.create(
        job=job,
        number=number,
        driver=driver_current().name,
        driver_reference=f"{job.short_reference}-{number}",
        submitted_at=timezone.now(),
    )


def _transmit(job: FaxJob, attempt: TransmissionAttempt) -> None:
    """Hands the fax over; a driver failure is recorded as a failed attempt (retry allowed)."""
    driver = driver_current()
    try:
        driver.submit(
            Submission(
                reference=attempt.driver_reference,
                job_reference=job.short_reference,
                number=job.number,
                pdf=bytes(job.fax_pdf),
                pages=job.total_pages,
                recipient_name=job.recipient_name,
            )
        )
    except FaxDriverError as exc:
        fax_transmission_report(reference=attempt.driver_reference, ok=False, detail=exc.message)


def fax_transmission_report(
    *, reference: str, ok: bool, pages: int | None = None, detail: str = ""
) -> FaxJob | None:
    """What the machine reported for one attempt (FAX-11). Confirmed with every page: the job
    waits for the receipt (FAX-6). Failed, or fewer pages than sent: the job can be retried."""
    with transaction.atomic():
        attempt = (
            TransmissionAttempt.objects.select_for_update()
            .filter(driver_reference=reference)
            .first()
        )
        if attempt is None or attempt.status != TransmissionAttempt.Status.PENDING:
            return None
        job = _locked(attempt.job)
        if job.total_pages and pages is not None and pages < job.total_pages and ok:
            ok = False
            detail = f"Only {pages} of {job.total_pages} page(s) transmitted. {detail}".strip()
            _near_miss(
                job, kind="fax_page_mismatch", rule="FAX-11",
                summary=f"Fax transmitted {pages} of {job.total_pages} pages (FAX-11)",
                suffix=f":attempt-{attempt.number}",
            )  # fmt: skip
        attempt.status = (
            TransmissionAttempt.Status.CONFIRMED if ok else TransmissionAttempt.Status.FAILED
        )
        attempt.reported_at = timezone.now()
        attempt.pages = pages
        attempt.detail = (detail or "")[:300]
        attempt.save()
        if job.state != State.SENT:
            return job
        if ok:
            job.transmitted_at = attempt.reported_at
            job.pages_transmitted = pages if pages is not None else job.total_pages
            if job.kind == FaxJob.Kind.DISCLOSURE:
                hours = fax_policy().receipt_due_hours
                job.receipt_due_at = attempt.reported_at + dt.timedelta(hours=hours)
            _move(job, State.TRANSMITTED, by=None, rule="FAX-11", note="Machine confirmed")
        else:
            _move(job, State.FAILED, by=None, rule="FAX-11", note=attempt.detail or "Failed")
    return job


def fax_job_retry(*, job: FaxJob, officer) -> FaxJob:
    """Sends a failed fax again, to the same confirmed number, up to the policy's limit."""
    _require_enabled()
    policy = fax_policy()
    with transaction.atomic():
        job = _locked(job)
        _expect(job, State.FAILED, rule="FAX-11")
        if job.attempts.count() >= policy.max_attempts:
            raise FaxError(
                f"The fax failed {policy.max_attempts} times: stop this job, telephone the "
                "recipient and check the number and their machine.",
                rule="FAX-11",
            )
        _move(job, State.SENT, by=officer, rule="FAX-11", note="Retry")
        attempt = _attempt_new(job)
    _transmit(job, attempt)
    job.refresh_from_db()
    return job


def fax_job_receipt(*, job: FaxJob, officer, confirmed_by_name: str) -> FaxJob:
    """Records that the intended recipient confirmed receipt (FAX-6)."""
    with transaction.atomic():
        job = _locked(job)
        _expect(job, State.TRANSMITTED, rule="FAX-6")
        name = (confirmed_by_name or "").strip()
        if not name:
            raise FaxError(
                "Enter the name of the person who confirmed receipt.",
                rule="FAX-6",
                field="confirmed_by_name",
            )
        job.receipt_confirmed_at = timezone.now()
        job.receipt_confirmed_by_name = name
        _move(job, State.RECEIPTED, by=officer, rule="FAX-6", note=f"Receipt confirmed by {name}")
    return job


def fax_job_stop(*, job: FaxJob, user, reason: str) -> FaxJob:
    """Stops a job that has not been transmitted. If it was already handed to the machine
    (a register entry exists), a `not_shared` entry records that it never got through."""
    with transaction.atomic():
        job = _locked(job)
        _expect(job, State.CREATED, State.NUMBER_ENTERED, State.READY, State.FAILED, rule="FAX-11")
        reason = (reason or "").strip()
        if not reason:
            raise FaxError("Say why the fax is stopped.", rule="FAX-11", field="reason")
        job.stopped_reason = reason
        if job.disclosure_id is not None and job.kind == FaxJob.Kind.DISCLOSURE:
            disclosure_record(
                channel=Channel.FAX,
                outcome=Outcome.NOT_SHARED,
                disclosed_by=user,
                reason=job.reason,
                service_user=job.service_user,
                recipient_name=job.recipient_name,
                recipient_organisation=job.recipient_organisation,
                recipient_number=job.number,
                refusal_reason=f"Fax not transmitted: {reason}",
                correlation_id=job.correlation_id,
                payload={"fax_job": str(job.reference), "attempts": job.attempts.count()},
            )
        _move(job, State.ABANDONED, by=user, rule="FAX-11", note=reason)
        if job.kind == FaxJob.Kind.DISCLOSURE:
            _near_miss(job, kind="fax_stopped", rule="FAX-11", summary="Fax stopped before it got "
                       "through (FAX-11)")  # fmt: skip
    return job


def fax_receipt_reminders(*, now: dt.datetime | None = None) -> list[FaxJob]:
    """Jobs whose receipt is overdue and not yet reminded: marks them reminded and returns
    them (the poll command prints them; the sender's fax page lists every overdue one)."""
    now = now or timezone.now()
    with transaction.atomic():
        jobs = list(
            FaxJob.objects.select_for_update()
            .filter(state=State.TRANSMITTED, receipt_due_at__lt=now, receipt_reminded_at=None)
            .order_by("receipt_due_at")
        )
        for job in jobs:
            job.receipt_reminded_at = now
            job.save(update_fields=["receipt_reminded_at"])
            FaxJobEvent.objects.create(
                job=job, at=now, by=None, from_state=job.state, to_state=job.state,
                rule="FAX-6", note="Receipt overdue: sender reminded",
            )  # fmt: skip
    return jobs


def fax_poll() -> dict:
    """Reads the driver's confirmations and inbox, then sends receipt reminders."""
    driver = driver_current()
    confirmed = [
        fax_transmission_report(reference=c.reference, ok=c.ok, pages=c.pages, detail=c.detail)
        for c in driver.confirmations()
    ]
    received = []
    for document in driver.inbox():
        received.append(
            incoming_fax_log(
                source_name=document.name,
                pdf=document.pdf,
                received_at=document.received_at,
                from_number=document.from_number,
                addressed_to=document.addressed_to,
            )
        )
        driver.inbox_done(document.name)
    return {
        "confirmations": [j for j in confirmed if j is not None],
        "received": received,
        "reminded": fax_receipt_reminders(),
    }


# Speed dials (FAX-9, FAX-10).


def speed_dial_create(*, fax_number: FaxNumber, position: int, user) -> SpeedDial:
    """Programmes a number as a speed dial. It stays unusable until its test is confirmed."""
    _require_enabled()
    if not 1 <= int(position) <= 99:
        raise FaxError("Choose a speed-dial position from 1 to 99.", rule="FAX-9", field="position")
    if SpeedDial.objects.filter(position=position).exists():
        raise FaxError(f"Speed dial {position} is taken.", rule="FAX-9", field="position")
    if SpeedDial.objects.filter(fax_number=fax_number).exists():
        raise FaxError("That number already has a speed dial.", rule="FAX-9", field="fax_number")
    return SpeedDial.objects.create(
        fax_number=fax_number, position=position, created_by=user, created_at=timezone.now()
    )


def speed_dial_send_test(*, speed_dial: SpeedDial, user, recipient_name: str) -> FaxJob:
    """Sends the test cover sheet (FAX-10): one page, no service-user information."""
    policy = _require_enabled()
    recipient_name = (recipient_name or "").strip()
    if not recipient_name:
        raise FaxError(
            "Name the person at the recipient who will confirm the test page arrived.",
            rule="FAX-10",
            field="recipient_name",
        )
    with transaction.atomic():
        dial = SpeedDial.objects.select_for_update().get(pk=speed_dial.pk)
        number = dial.fax_number
        job = FaxJob.objects.create(
            kind=FaxJob.Kind.SPEED_DIAL_TEST,
            created_at=timezone.now(),
            created_by=user,
            recipient_name=recipient_name,
            recipient_organisation=number.organisation,
            reason="Speed-dial test",
            fax_number=number,
            number=number.number,
            number_source=FaxJob.NumberSource.SPEED_DIAL,
            total_pages=1,
            state=State.CREATED,
        )
        job.fax_pdf = _cover(job, user, policy, total=1, test=True)
        job.sent_at = timezone.now()
        _move(job, State.SENT, by=user, rule="FAX-10", note=f"Test of speed dial {dial.position}")
        dial.test_job = job
        dial.save(update_fields=["test_job"])
        attempt = _attempt_new(job)
    _transmit(job, attempt)
    job.refresh_from_db()
    return job


def speed_dial_confirm_test(*, speed_dial: SpeedDial, user, confirmed_by_name: str) -> SpeedDial:
    """Records that the recipient confirmed the test page arrived; only then is the speed
    dial usable and exported (FAX-10)."""
    with transaction.atomic():
        dial = SpeedDial.objects.select_for_update().get(pk=speed_dial.pk)
        job = dial.test_job
        if job is None:
            raise FaxError("Send the test cover sheet first.", rule="FAX-10", out_of_order=True)
        if job.state != State.TRANSMITTED:
            raise FaxError(
                "The machine has not confirmed the test page was transmitted yet "
                f"({job.get_state_display().lower()}).",
                rule="FAX-10",
                out_of_order=True,
            )
        name = (confirmed_by_name or "").strip()
        if not name:
            raise FaxError(
                "Enter who at the recipient confirmed the test page arrived.",
                rule="FAX-10",
                field="confirmed_by_name",
            )
        job.receipt_confirmed_at = timezone.now()
        job.receipt_confirmed_by_name = name
        _move(job, State.RECEIPTED, by=user, rule="FAX-10", note=f"Arrival confirmed by {name}")
        dial.tested_at = job.receipt_confirmed_at
        dial.arrival_confirmed_by_name = name
        dial.tested_recorded_by = user
        dial.save()
    return dial


# Receiving (FAX-12..FAX-14).


def _recipient_for(name: str):
    from django.contrib.auth import get_user_model
    from django.db.models import Value
    from django.db.models.functions import Concat, Lower

    name = " ".join((name or "").split()).casefold()
    if not name:
        return None
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .annotate(full=Lower(Concat("first_name", Value(" "), "last_name")))
        .filter(full=name)
    )
    found = list(users[:2])
    return found[0] if len(found) == 1 else None


def incoming_fax_log(
    *,
    source_name: str,
    pdf: bytes,
    received_at: dt.datetime | None = None,
    from_number: str = "",
    addressed_to: str = "",
) -> IncomingFax:
    """Logs a fax that arrived (FAX-12): routed at once to the staff member the cover sheet
    names (else to the fax collectors' queue), its pages reconciled with the count the cover
    sheet declares (FAX-14)."""
    existing = IncomingFax.objects.filter(source_name=source_name).first()
    if existing is not None:
        return existing
    try:
        received = page_count(pdf)
        text = pdf_text_first_page(pdf)
    except NotAPdf:
        received, text = 0, ""
    declared = declared_page_count(text)
    result = reconcile(declared=declared, received=received)
    if not addressed_to:
        for line in text.splitlines():
            if line.lower().startswith(("to:", "for:", "fao:", "attention:")):
                addressed_to = line.split(":", 1)[1].strip()
                break
    incoming = IncomingFax.objects.create(
        source_name=source_name[:200],
        received_at=received_at or timezone.now(),
        from_number=from_number,
        addressed_to=addressed_to[:200],
        recipient=_recipient_for(addressed_to),
        pages_received=received,
        pages_declared=declared,
        reconciliation=result.status,
        reconciliation_message=result.message[:300],
        pdf=pdf,
    )
    if incoming.alert and apps.is_installed("safehaven.oversight"):
        from safehaven.oversight.services import near_miss_capture

        near_miss_capture(
            channel=Channel.FAX, kind="fax_page_mismatch", rule="FAX-14",
            summary=f"Incoming fax pages did not match the cover sheet ({result.status}, FAX-14)",
            source_reference=f"fax-in:{incoming.pk}", occurred_at=incoming.received_at,
        )  # fmt: skip
    return incoming


def incoming_fax_collect(
    *, fax: IncomingFax, user, legible: bool | None, note: str = "", pages_resolved: bool = False
) -> IncomingFax:
    """The person collecting records whether the print is legible (FAX-13). Illegible, or a
    page-count alert not resolved (FAX-14): the sender is asked to resend, and the fax stays
    open until a legible, complete copy is collected."""
    with transaction.atomic():
        fax = IncomingFax.objects.select_for_update().get(pk=fax.pk)
        if fax.state == IncomingFax.State.COLLECTED:
            raise FaxError("This fax has already been collected.", rule="FAX-12", out_of_order=True)
        if (
            fax.recipient_id is not None
            and fax.recipient_id != user.pk
            and not (user.is_dpo or user.is_administrator)
        ):
            raise FaxError("This fax is for someone else.", rule="FAX-12")
        if legible is None:
            raise FaxError(
                "Say whether every page is legible enough to read without guessing.",
                rule="FAX-13",
                field="legible",
            )
        note = (note or "").strip()
        fax.collected_by = user
        fax.collected_at = timezone.now()
        fax.legible = legible
        fax.collection_note = note
        if not legible or (fax.alert and not pages_resolved):
            if not note:
                raise FaxError(
                    "Record what you asked the sender to resend (illegible or missing pages).",
                    rule="FAX-13" if not legible else "FAX-14",
                    field="note",
                )
            fax.state = IncomingFax.State.RESEND_REQUESTED
        else:
            fax.state = IncomingFax.State.COLLECTED
        fax.save()
    return fax
