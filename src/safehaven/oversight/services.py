"""Writes for DPO oversight: the near-miss log and breach records.

Every breach change writes a `BreachEvent` in the same transaction. Errors carry a one-line
message and the field (or article) they concern; views put them on the form.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import connection, transaction
from django.utils import timezone

from safehaven.accounts.models import Unit
from safehaven.oversight.clock import REPORTING_WINDOW
from safehaven.oversight.models import Breach, BreachEvent, NearMiss
from safehaven.records.models import ServiceUser
from safehaven.register.correlation import correlation_id_current
from safehaven.register.models import Channel

State = Breach.State
Action = BreachEvent.Action


class OversightError(ValueError):
    """A check failed: `message` says what is wrong and what to do; `rule` names the article
    or rule behind it (e.g. "Art. 33(1)")."""

    def __init__(self, message: str, *, field: str | None = None, rule: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.rule = rule


class NotAllowed(OversightError):
    """The user's role may not do this (views answer 403)."""


def _may_decide(user) -> bool:
    return bool(user.is_dpo or user.is_administrator)


def _text(value: str | None, message: str, *, field: str, rule: str = "") -> str:
    value = (value or "").strip()
    if not value:
        raise OversightError(message, field=field, rule=rule)
    return value


# Near misses.


def near_miss_record(
    *,
    channel: str,
    kind: str,
    rule: str = "",
    summary: str,
    service_user: ServiceUser | None = None,
    unit: Unit | None = None,
    occurred_at: dt.datetime | None = None,
    recorded_by=None,
    source_reference: str = "",
    correlation_id: uuid.UUID | None = None,
) -> NearMiss:
    """Records that a check stopped or held something. Call it inside the caller's
    transaction so the near miss and the state change commit together. `summary` must not
    name anyone: link the child through `service_user`. The unit defaults to the child's."""
    if channel not in Channel.values:
        raise OversightError(f"Unknown channel \u201c{channel}\u201d.", field="channel")
    if kind not in NearMiss.Kind.values:
        raise OversightError(f"Unknown near-miss kind \u201c{kind}\u201d.", field="kind")
    summary = _text(summary, "Say briefly what the check stopped.", field="summary")
    if len(summary) > 300:
        raise OversightError("Keep the summary to 300 characters.", field="summary")
    rule = (rule or "").strip()
    if len(rule) > 10:
        raise OversightError("A rule ID is at most 10 characters, e.g. TEL-5.", field="rule")
    if unit is None and service_user is not None:
        unit = service_user.unit
    return NearMiss.objects.create(
        channel=channel,
        kind=kind,
        rule=rule,
        summary=summary,
        service_user=service_user,
        unit=unit,
        occurred_at=occurred_at or timezone.now(),
        recorded_by=recorded_by,
        source_reference=source_reference[:100],
        correlation_id=correlation_id or correlation_id_current(),
        policy_version=_policy_version(),
    )


def _policy_version() -> int | None:
    from safehaven.oversight.policy import policy_version_in_force

    return policy_version_in_force()


def _near_miss_from_source(source_reference: str, kind: str) -> NearMiss | None:
    """The latest near miss (the model's ordering) with this source and kind, or None.

    `NearMiss.objects.filter(...).first()` in one prepared query: nearly every capture finds
    nothing (a retry is rare), and building the ORM query was ~1 ms of a held email's ~2.6 ms
    here; the (source_reference, kind) index answers it without scanning the log."""
    meta = NearMiss._meta
    quote = connection.ops.quote_name
    column = {f: quote(meta.get_field(f).column) for f in ("source_reference", "kind")}
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote(meta.pk.column)} FROM {quote(meta.db_table)} "  # noqa: S608 - names from the model
            f"WHERE {column['source_reference']} = %s AND {column['kind']} = %s "
            f"ORDER BY {quote(meta.get_field('occurred_at').column)} DESC, "
            f"{quote(meta.pk.column)} DESC LIMIT 1",
            [source_reference, kind],
        )
        row = cursor.fetchone()
    return NearMiss.objects.get(pk=row[0]) if row else None


def near_miss_capture(
    *,
    channel: str,
    kind: str,
    rule: str,
    summary: str,
    source_reference: str,
    service_user_id: int | None = None,
    unit_id: int | None = None,
    occurred_at: dt.datetime | None = None,
    correlation_id: uuid.UUID | str | None = None,
) -> NearMiss:
    """The adapter for channels that hold plain data (the SMTP gateway, the letters and fax
    jobs, the returned-post scan): ids and strings in, one near miss out, in its own
    transaction unless the caller already has one. A capture repeated with the same
    `source_reference` and kind returns the first record (gateways retry)."""
    with transaction.atomic():
        if source_reference:
            existing = _near_miss_from_source(source_reference[:100], kind)
            if existing is not None:
                return existing
        service_user = (
            ServiceUser.objects.filter(pk=service_user_id).first() if service_user_id else None
        )
        unit = Unit.objects.filter(pk=unit_id).first() if unit_id else None
        if isinstance(correlation_id, str):
            try:
                correlation_id = uuid.UUID(correlation_id)
            except ValueError as exc:
                raise OversightError(
                    "The correlation id is not a UUID.", field="correlation_id"
                ) from exc
        return near_miss_record(
            channel=channel,
            kind=kind,
            rule=rule,
            summary=summary,
            service_user=service_user,
            unit=unit,
            occurred_at=occurred_at,
            source_reference=source_reference,
            correlation_id=correlation_id,
        )


# Breaches.


def _event(breach: Breach, *, by, action: str, from_state: str, note: str = "") -> None:
    BreachEvent.objects.create(
        breach=breach,
        at=timezone.now(),
        by=by,
        action=action,
        from_state=from_state,
        to_state=breach.state,
        note=note,
    )


def _locked(breach: Breach) -> Breach:
    return Breach.objects.select_for_update().get(pk=breach.pk)


def breach_report(
    *,
    user,
    category: str,
    description: str,
    people_affected: int | None = None,
    records_affected: int | None = None,
    measures_taken: str = "",
    unit: Unit | None = None,
) -> Breach:
    """Any member of staff reports a suspected breach. The organisation is aware from now
    (server time), which starts the 72-hour clock; the DPO can correct it with a reason."""
    if category not in Breach.Category.values:
        raise OversightError("Choose what kind of breach it is.", field="category")
    description = _text(
        description, "Say what happened, without more personal detail than needed.",
        field="description",
    )  # fmt: skip
    if unit is None:
        unit = user.units.order_by("name").first()
    now = timezone.now()
    with transaction.atomic():
        breach = Breach.objects.create(
            category=category,
            description=description,
            reported_by=user,
            reported_at=now,
            aware_at=now,
            unit=unit,
            people_affected=people_affected,
            records_affected=records_affected,
            measures_taken=(measures_taken or "").strip(),
        )
        _event(breach, by=user, action=Action.REPORTED, from_state="")
    return breach


def breach_facts_record(
    *,
    breach: Breach,
    user,
    nature: str,
    people_affected: int | None,
    records_affected: int | None,
    likely_consequences: str,
    measures_taken: str,
    measures_proposed: str = "",
) -> Breach:
    """The DPO records the Art. 33(3) facts. Nature, likely consequences and measures are
    required: Art. 33(5) asks for them whether or not the breach is reported."""
    if not _may_decide(user):
        raise NotAllowed("Only the DPO or an administrator can record the facts of a breach.")
    nature = _text(
        nature, "Describe the nature of the breach.", field="nature", rule="Art. 33(3)(a)"
    )
    likely_consequences = _text(
        likely_consequences, "Describe the likely consequences for the people affected.",
        field="likely_consequences", rule="Art. 33(3)(c)",
    )  # fmt: skip
    measures_taken = _text(
        measures_taken, "Describe the measures taken to deal with the breach.",
        field="measures_taken", rule="Art. 33(3)(d)",
    )  # fmt: skip
    with transaction.atomic():
        breach = _locked(breach)
        breach.nature = nature
        breach.people_affected = people_affected
        breach.records_affected = records_affected
        breach.likely_consequences = likely_consequences
        breach.measures_taken = measures_taken
        breach.measures_proposed = (measures_proposed or "").strip()
        breach.save()
        _event(breach, by=user, action=Action.FACTS, from_state=breach.state)
    return breach


def breach_aware_change(*, breach: Breach, user, aware_at: dt.datetime, reason: str) -> Breach:
    """The DPO corrects when the organisation became aware (e.g. the officer noticed the
    day before reporting). Not in the future, not after the report; the old and new times and
    the reason are kept."""
    if not _may_decide(user):
        raise NotAllowed("Only the DPO or an administrator can change when we became aware.")
    reason = _text(reason, "Say why the time of awareness is changing.", field="reason")
    if timezone.is_naive(aware_at):
        aware_at = timezone.make_aware(aware_at)
    with transaction.atomic():
        breach = _locked(breach)
        if aware_at > timezone.now():
            raise OversightError("The time of awareness cannot be in the future.", field="aware_at")
        if aware_at > breach.reported_at:
            raise OversightError(
                "The organisation was aware by the time the breach was reported: enter a time "
                "no later than the report.",
                field="aware_at",
            )
        old = breach.aware_at
        breach.aware_at = aware_at
        breach.save()
        _event(
            breach, by=user, action=Action.AWARE_CHANGED, from_state=breach.state,
            note=f"From {old.isoformat()} to {aware_at.isoformat()}: {reason}",
        )  # fmt: skip
    return breach


def breach_decide(
    *,
    breach: Breach,
    user,
    report_to_ico: bool,
    report_to_ico_reason: str,
    tell_people: bool,
    tell_people_reason: str,
    late_reason: str = "",
) -> Breach:
    """The DPO decides whether to report to the ICO (Art. 33) and whether to tell the people
    affected (Art. 34), each with reasons. Needs the Art. 33(3) facts first. Telling the people
    (high risk) without reporting (any risk) is refused; a report after 72 hours needs the
    reasons for the delay. The decision is recorded once."""
    if not _may_decide(user):
        raise NotAllowed("Only the DPO or an administrator can decide about a breach.")
    report_to_ico_reason = _text(
        report_to_ico_reason, "Give the reasons for reporting or not reporting to the ICO.",
        field="report_to_ico_reason", rule="Art. 33(5)",
    )  # fmt: skip
    tell_people_reason = _text(
        tell_people_reason, "Give the reasons for telling or not telling the people affected.",
        field="tell_people_reason", rule="Art. 34",
    )  # fmt: skip
    if tell_people and not report_to_ico:
        raise OversightError(
            "A breach serious enough to tell the people affected (high risk, Art. 34) must "
            "also be reported to the ICO (Art. 33): choose Yes for the ICO or No for telling.",
            field="report_to_ico",
            rule="Art. 34(1)",
        )
    with transaction.atomic():
        breach = _locked(breach)
        if not breach.is_open:
            raise OversightError(
                "A decision is already recorded for this breach.", field=None, rule="Art. 33(5)"
            )
        if not (breach.nature and breach.likely_consequences and breach.measures_taken):
            raise OversightError(
                "Record the facts first: nature, likely consequences and measures.",
                field=None,
                rule="Art. 33(3)",
            )
        now = timezone.now()
        late = now > breach.aware_at + REPORTING_WINDOW
        late_reason = (late_reason or "").strip()
        if report_to_ico and late and not late_reason:
            raise OversightError(
                "More than 72 hours have passed since we became aware: give the reasons for "
                "the delay.",
                field="late_reason",
                rule="Art. 33(1)",
            )
        breach.report_to_ico = report_to_ico
        breach.report_to_ico_reason = report_to_ico_reason
        breach.tell_people = tell_people
        breach.tell_people_reason = tell_people_reason
        breach.late_reason = late_reason
        breach.decided_by = user
        breach.decided_at = now
        from_state = breach.state
        breach.state = State.DECIDED
        breach.save()
        _event(
            breach, by=user, action=Action.DECIDED, from_state=from_state,
            note=(
                f"Report to the ICO: {'yes' if report_to_ico else 'no'}. "
                f"Tell the people affected: {'yes' if tell_people else 'no'}."
            ),
        )  # fmt: skip
    return breach


def near_miss_from_telephone_refusal(*, request, by, rule: str) -> NearMiss:
    """Called by `telephone.services._refuse` inside its transaction: a stopped phone request
    is a near miss. The summary names the rule only; the child is linked, not named."""
    unit = request.service_user.unit if request.service_user else None
    return near_miss_record(
        channel=Channel.TELEPHONE,
        kind=NearMiss.Kind.REFUSED_REQUEST,
        rule=rule,
        summary=f"Telephone request stopped ({rule})",
        service_user=request.service_user,
        unit=unit or request.received_by.units.order_by("name").first(),
        occurred_at=request.refused_at,
        recorded_by=by,
        source_reference=f"telephone:{request.reference}",
        correlation_id=request.correlation_id,
    )


def breach_ico_report_record(
    *, breach: Breach, user, reported_at: dt.datetime, ico_reference: str, late_reason: str = ""
) -> Breach:
    """The DPO records that the report to the ICO was made (when, and the ICO's reference).
    Only after a decision to report; not before awareness, not in the future; a report made
    after 72 hours needs the reasons for the delay (Art. 33(1))."""
    if not _may_decide(user):
        raise NotAllowed("Only the DPO or an administrator can record a report to the ICO.")
    ico_reference = _text(
        ico_reference, "Enter the reference the ICO gave for the report.", field="ico_reference"
    )
    if timezone.is_naive(reported_at):
        reported_at = timezone.make_aware(reported_at)
    with transaction.atomic():
        breach = _locked(breach)
        if not breach.awaits_ico_report:
            raise OversightError(
                "Record the decision to report to the ICO first.", rule="Art. 33(1)"
            )
        if reported_at > timezone.now():
            raise OversightError("The report cannot be in the future.", field="reported_at")
        if reported_at < breach.aware_at:
            raise OversightError(
                "The report cannot be before we became aware of the breach.", field="reported_at"
            )
        late_reason = (late_reason or "").strip() or breach.late_reason
        if reported_at > breach.aware_at + REPORTING_WINDOW and not late_reason:
            raise OversightError(
                "The report was made more than 72 hours after we became aware: give the "
                "reasons for the delay.",
                field="late_reason",
                rule="Art. 33(1)",
            )
        breach.ico_reported_at = reported_at
        breach.ico_reference = ico_reference
        breach.late_reason = late_reason
        from_state = breach.state
        breach.state = State.ICO_REPORTED
        breach.save()
        _event(
            breach, by=user, action=Action.ICO_REPORTED, from_state=from_state,
            note=f"ICO reference {ico_reference}, reported {reported_at.isoformat()}",
        )  # fmt: skip
    return breach
