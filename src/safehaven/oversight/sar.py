"""Subject access requests (UK GDPR Art. 15) with the one-month clock of Art. 12(3).

Services change a request and write a `SarEvent` in the same transaction; the DPO and
administrators handle requests (others: `NotAllowed`). The clock is `clock.sar_clock`, fed from
the request's pauses; time comes from `clock.today()`, so tests move it by patching
`django.utils.timezone.now`.

The bundle for the person: the register's subject-access export (`register.sar.sar_export`:
every disclosure about them) and the access log of who viewed or exported their record, as one
PDF, or as two CSV files.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from xml.sax.saxutils import escape

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404

from safehaven.oversight import clock
from safehaven.oversight.models import SarEvent, SubjectAccessRequest
from safehaven.oversight.services import NotAllowed, OversightError
from safehaven.records.models import AccessLog, ServiceUser

State = SubjectAccessRequest.State
PAUSE_STATES = {"identity": State.AWAITING_ID, "clarification": State.AWAITING_CLARIFICATION}


def _require(user) -> None:
    if not (user.is_dpo or user.is_administrator):
        raise NotAllowed("Only the DPO or an administrator can handle subject access requests.")


def _event(sar, *, by, action: str, from_state: str, note: str = "") -> None:
    SarEvent.objects.create(
        sar=sar, at=clock.now(), by=by, action=action, from_state=from_state,
        to_state=sar.state, note=note,
    )  # fmt: skip


def _locked(sar: SubjectAccessRequest) -> SubjectAccessRequest:
    return SubjectAccessRequest.objects.select_for_update().get(pk=sar.pk)


def _day(value: dt.date | None, *, field: str, not_before: dt.date | None = None) -> dt.date:
    day = value or clock.today()
    if day > clock.today():
        raise OversightError("The date cannot be in the future.", field=field)
    if not_before is not None and day < not_before:
        raise OversightError(
            f"The date cannot be before {not_before:%d/%m/%Y}, when the request arrived.",
            field=field,
        )
    return day


def _open(sar: SubjectAccessRequest) -> None:
    if not sar.is_open:
        raise OversightError(
            f"This request is closed ({sar.get_state_display().lower()}).", field=None
        )


def _pauses(sar: SubjectAccessRequest) -> list[clock.Pause]:
    return [
        clock.Pause(
            kind=p["kind"],
            start=dt.date.fromisoformat(p["from"]),
            end=dt.date.fromisoformat(p["to"]) if p.get("to") else None,
        )
        for p in sar.pauses
    ]


def sar_clock_for(sar: SubjectAccessRequest, *, today: dt.date | None = None) -> clock.SarClock:
    return clock.sar_clock(
        received_on=sar.received_on,
        today=today or clock.today(),
        pauses=_pauses(sar),
        extension_months=sar.extension_months,
        completed_on=sar.completed_on,
    )


def sar_create(
    *,
    user,
    received_on: dt.date | None,
    requester_name: str,
    requester_kind: str = SubjectAccessRequest.RequesterKind.SUBJECT,
    requester_contact: str = "",
    description: str = "",
    service_user: ServiceUser | None = None,
    identity_needed: bool = False,
) -> SubjectAccessRequest:
    """Logs a request on the day it arrived. With `identity_needed`, the clock waits for proof
    of identity and starts on the day it arrives (ICO guidance)."""
    _require(user)
    received_on = _day(received_on, field="received_on")
    if received_on < clock.today() - dt.timedelta(days=366):
        raise OversightError(
            "The request arrived more than a year ago: check the date.", field="received_on"
        )
    requester_name = (requester_name or "").strip()
    if not requester_name:
        raise OversightError("Enter the name of the person making the request.",
                             field="requester_name")  # fmt: skip
    if requester_kind not in SubjectAccessRequest.RequesterKind.values:
        raise OversightError("Choose who is making the request.", field="requester_kind")
    with transaction.atomic():
        sar = SubjectAccessRequest.objects.create(
            received_on=received_on,
            requester_name=requester_name[:200],
            requester_kind=requester_kind,
            requester_contact=(requester_contact or "").strip()[:300],
            description=(description or "").strip(),
            service_user=service_user,
            state=State.AWAITING_ID if identity_needed else State.OPEN,
            pauses=(
                [{"kind": "identity", "from": received_on.isoformat(), "to": None, "note": ""}]
                if identity_needed
                else []
            ),
            created_by=user,
            created_at=clock.now(),
        )
        _event(
            sar, by=user, action="received", from_state="",
            note="Waiting for proof of identity" if identity_needed else "",
        )  # fmt: skip
    return sar


def sar_pause(*, sar: SubjectAccessRequest, user, kind: str, on: dt.date | None = None,
              note: str = "") -> SubjectAccessRequest:  # fmt: skip
    """Stops the clock while the requester is asked for proof of identity or to clarify
    what they want. Ask promptly: the note says what was asked."""
    _require(user)
    if kind not in PAUSE_STATES:
        raise OversightError("Choose what you are waiting for.", field="kind")
    note = (note or "").strip()
    if not note:
        raise OversightError("Say what you asked the requester for.", field="note")
    with transaction.atomic():
        sar = _locked(sar)
        _open(sar)
        if sar.is_paused:
            raise OversightError("The clock is already paused: record the answer first.")
        if kind == "identity" and sar.identity_verified_on is not None:
            raise OversightError("Identity is already verified.", field="kind")
        on = _day(on, field="on", not_before=sar.received_on)
        latest_end = max(
            (dt.date.fromisoformat(p["to"]) for p in sar.pauses if p.get("to")), default=None
        )
        if latest_end is not None and on < latest_end:
            raise OversightError(
                f"The pause cannot start before the last one ended ({latest_end:%d/%m/%Y}).",
                field="on",
            )
        due = sar_clock_for(sar, today=on).due
        if kind == "clarification" and due is not None and on > due:
            raise OversightError(
                "The response was already due on that date: the clock cannot be paused after "
                "the deadline.",
                field="on",
            )
        from_state = sar.state
        sar.pauses = [
            *sar.pauses,
            {"kind": kind, "from": on.isoformat(), "to": None, "note": note[:300]},
        ]
        sar.state = PAUSE_STATES[kind]
        sar.save()
        _event(sar, by=user, action=f"paused_{kind}", from_state=from_state, note=note)
    return sar


def sar_resume(*, sar: SubjectAccessRequest, user, on: dt.date | None = None,
               evidence: str = "") -> SubjectAccessRequest:  # fmt: skip
    """The requester answered: proof of identity arrived (the clock starts that day; say what
    proof it was) or the clarification did (the clock runs again, the days paused added)."""
    _require(user)
    with transaction.atomic():
        sar = _locked(sar)
        _open(sar)
        if not sar.is_paused:
            raise OversightError("The clock is not paused.")
        pause = sar.pauses[-1]
        start = dt.date.fromisoformat(pause["from"])
        on = _day(on, field="on", not_before=start)
        evidence = (evidence or "").strip()
        if pause["kind"] == "identity":
            if not evidence:
                raise OversightError(
                    "Say what proof of identity was seen (for example: passport checked in "
                    "person).",
                    field="evidence",
                )
            sar.identity_verified_on = on
            sar.identity_evidence = evidence[:300]
        pauses = list(sar.pauses)
        pauses[-1] = {**pause, "to": on.isoformat()}
        sar.pauses = pauses
        from_state = sar.state
        sar.state = State.OPEN
        sar.save()
        _event(
            sar, by=user, action=f"resumed_{pause['kind']}", from_state=from_state,
            note=evidence or f"Answer received {on:%d/%m/%Y}",
        )  # fmt: skip
    return sar


def sar_extend(*, sar: SubjectAccessRequest, user, months: int, reason: str,
               on: dt.date | None = None) -> SubjectAccessRequest:  # fmt: skip
    """Extends the time by one or two further months (Art. 12(3): the request is complex or
    one of several), with the reason. Decided, and the requester told, within the first
    month."""
    _require(user)
    reason = (reason or "").strip()
    if months not in (1, 2):
        raise OversightError("Choose an extension of one or two further months.", field="months",
                             rule="Art. 12(3)")  # fmt: skip
    if not reason:
        raise OversightError(
            "Give the reason for the extension (for example: complex, or several requests).",
            field="reason", rule="Art. 12(3)",
        )  # fmt: skip
    with transaction.atomic():
        sar = _locked(sar)
        _open(sar)
        on = _day(on, field="on", not_before=sar.received_on)
        if months <= sar.extension_months:
            raise OversightError(
                f"The request is already extended by {sar.extension_months} month(s).",
                field="months",
            )
        original_due = clock.sar_clock(
            received_on=sar.received_on, today=on, pauses=_pauses(sar), extension_months=0
        ).due
        if original_due is None:
            raise OversightError(
                "The clock has not started: record the proof of identity first.", field="months"
            )
        if on > original_due:
            raise OversightError(
                f"An extension must be decided, and the requester told, within the first month "
                f"(by {original_due:%d/%m/%Y}).",
                field="months",
                rule="Art. 12(3)",
            )
        sar.extension_months = months
        sar.extension_reason = reason
        sar.save()
        _event(sar, by=user, action="extended", from_state=sar.state,
               note=f"{months} further month(s): {reason}")  # fmt: skip
    return sar


def sar_link_service_user(*, sar: SubjectAccessRequest, user, reference: str):
    """Links the request to the child or young person it is about, by their record reference
    (or UPN). The register and access log for the bundle come from that record."""
    _require(user)
    reference = (reference or "").strip()
    if not reference:
        raise OversightError("Enter the record reference or UPN.", field="reference")
    found = list(
        ServiceUser.objects.filter(Q(reference__iexact=reference) | Q(upn__iexact=reference))[:2]
    )
    if len(found) != 1:
        raise OversightError(
            "No record has that reference or UPN: check it on the person's record page.",
            field="reference",
        )
    with transaction.atomic():
        sar = _locked(sar)
        sar.service_user = found[0]
        sar.save()
        _event(sar, by=user, action="linked", from_state=sar.state,
               note=f"Record {found[0].reference}")  # fmt: skip
    return sar


def sar_complete(*, sar: SubjectAccessRequest, user, on: dt.date | None = None,
                 note: str = "") -> SubjectAccessRequest:  # fmt: skip
    """Records that the response was sent (the clock stops; on time or late, in words)."""
    _require(user)
    with transaction.atomic():
        sar = _locked(sar)
        _open(sar)
        if sar.is_paused:
            raise OversightError(
                "The clock is paused: record the requester's answer before completing."
            )
        on = _day(on, field="on", not_before=sar.received_on)
        from_state = sar.state
        sar.completed_on = on
        sar.completion_note = (note or "").strip()
        sar.state = State.COMPLETED
        sar.save()
        _event(sar, by=user, action="completed", from_state=from_state,
               note=sar_clock_for(sar).text)  # fmt: skip
    return sar


def sar_withdraw(*, sar: SubjectAccessRequest, user, reason: str) -> SubjectAccessRequest:
    _require(user)
    reason = (reason or "").strip()
    if not reason:
        raise OversightError("Say how the requester withdrew the request.", field="reason")
    with transaction.atomic():
        sar = _locked(sar)
        _open(sar)
        from_state = sar.state
        sar.state = State.WITHDRAWN
        sar.completion_note = reason
        sar.save()
        _event(sar, by=user, action="withdrawn", from_state=from_state, note=reason)
    return sar


# Reads.


def sars_visible_to(user) -> QuerySet[SubjectAccessRequest]:
    if not (user.is_authenticated and (user.is_dpo or user.is_administrator)):
        return SubjectAccessRequest.objects.none()
    return SubjectAccessRequest.objects.select_related("service_user", "created_by")


def access_sar(*, user, pk: int) -> SubjectAccessRequest:
    sar = sars_visible_to(user).filter(pk=pk).first()
    if sar is None:
        raise Http404("No such request.")
    return sar


def sars_open() -> QuerySet[SubjectAccessRequest]:
    return SubjectAccessRequest.objects.exclude(
        state__in=[State.COMPLETED, State.WITHDRAWN]
    ).order_by("received_on", "pk")


# The bundle.


def access_log_rows(service_user: ServiceUser) -> list[AccessLog]:
    return list(
        AccessLog.objects.filter(service_user=service_user)
        .select_related("user")
        .order_by("at", "pk")
    )


def _who(entry: AccessLog) -> str:
    if entry.user is None:
        return "System"
    name = entry.user.get_full_name() or entry.user.username
    return f"{name} ({entry.user.get_role_display()})"


ACCESS_COLUMNS = ("Date and time (UTC)", "Who", "What", "Detail")


def _access_values(entry: AccessLog) -> list[str]:
    return [
        entry.at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M"),
        _who(entry),
        entry.get_action_display(),
        entry.detail,
    ]


def access_log_csv(service_user: ServiceUser) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(ACCESS_COLUMNS)
    for entry in access_log_rows(service_user):
        writer.writerow(["'" + v if v[:1] in "=+-@\t\r" else v for v in _access_values(entry)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _access_log_pdf(sar: SubjectAccessRequest, entries: list[AccessLog]) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf, pagesize=A4, leftMargin=15 * mm, rightMargin=15 * mm, topMargin=15 * mm,
        bottomMargin=15 * mm, title=f"Subject access {sar.short_reference}: access log",
    )  # fmt: skip
    styles = getSampleStyleSheet()
    small = styles["BodyText"].clone("small", fontSize=8, leading=10)
    su = sar.service_user
    story = [
        Paragraph(f"Subject access request {sar.short_reference}", styles["Title"]),
        Paragraph(
            escape(
                f"Requested by {sar.requester_name} ({sar.get_requester_kind_display()}), "
                f"received {sar.received_on:%d/%m/%Y}. About: {su.given_name} {su.family_name}, "
                f"record {su.reference}. Produced {clock.now().astimezone(dt.UTC):%d/%m/%Y %H:%M}"
                " UTC."
            ),
            styles["BodyText"],
        ),
        Paragraph(
            "This bundle holds: (1) every view, search result and export of the record by "
            "staff (the access log), below; (2) every disclosure of the person's information "
            "recorded in the register, on the following pages.",
            styles["BodyText"],
        ),
        Spacer(1, 4 * mm),
        Paragraph("Who viewed or exported the record", styles["Heading2"]),
    ]
    rows: list[list] = [[Paragraph(f"<b>{c}</b>", small) for c in ACCESS_COLUMNS]]
    # Short values go in as plain strings (a Paragraph per cell costs ~0.5 ms); only a value
    # too long for its column is wrapped.
    fits = (24, 38, 26, 30)
    for entry in entries:
        rows.append([
            v if len(v) <= width else Paragraph(escape(v), small)
            for v, width in zip(_access_values(entry), fits, strict=True)
        ])  # fmt: skip
    if not entries:
        rows.append([Paragraph("No access is recorded.", small), "", "", ""])
    table = Table(rows, colWidths=[32 * mm, 60 * mm, 40 * mm, 48 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTSIZE", (0, 1), (-1, -1), 8),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f3f2f1")),
            ]
        )
    )
    story.append(table)
    doc.build(story)
    return buf.getvalue()


def _need_person(sar: SubjectAccessRequest) -> ServiceUser:
    if sar.service_user is None:
        raise OversightError(
            "Link the request to the person's record first (their reference or UPN).",
            field="reference",
        )
    return sar.service_user


def sar_bundle_pdf(*, sar: SubjectAccessRequest, user) -> bytes:
    """One PDF: the access log, then the register's disclosures about the person. Producing
    it is itself logged (the register export writes a subject access export row)."""
    _require(user)
    from safehaven.core.fax import merge_pdfs
    from safehaven.register.sar import sar_export

    person = _need_person(sar)
    entries = access_log_rows(person)
    disclosures = sar_export(service_user=person, fmt="pdf", user=user)
    return merge_pdfs(_access_log_pdf(sar, entries), disclosures)


def sar_disclosures_csv(*, sar: SubjectAccessRequest, user) -> bytes:
    _require(user)
    from safehaven.register.sar import sar_export

    return sar_export(service_user=_need_person(sar), fmt="csv", user=user)


def sar_access_log_csv(*, sar: SubjectAccessRequest, user) -> bytes:
    _require(user)
    return access_log_csv(_need_person(sar))
