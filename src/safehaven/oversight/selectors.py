"""Reads for DPO oversight. Breaches are fetched through `access_breach`, which answers the
same 404 for a breach that is missing and one the user may not see."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404

from safehaven.oversight.models import Breach, NearMiss
from safehaven.register.models import Disclosure


def sees_oversight(user) -> bool:
    return bool(user.is_authenticated and (user.is_dpo or user.is_administrator))


def require_oversight(user) -> None:
    """Raises PermissionDenied unless the user is the DPO or an administrator."""
    if not sees_oversight(user):
        raise PermissionDenied("Only the DPO and administrators can see this page.")


def breaches_visible_to(user) -> QuerySet[Breach]:
    """The DPO and administrators see every breach; anyone else sees the ones they reported."""
    qs = Breach.objects.select_related("reported_by", "unit", "decided_by")
    if sees_oversight(user):
        return qs
    return qs.filter(reported_by=user)


def access_breach(*, user, pk: int) -> Breach:
    breach = breaches_visible_to(user).filter(pk=pk).first()
    if breach is None:
        raise Http404("No such breach.")
    return breach


def breaches_open() -> QuerySet[Breach]:
    """Breaches waiting for a decision, or decided "report" but not yet reported, the oldest
    clock first."""
    waiting = Q(state=Breach.State.REPORTED) | Q(state=Breach.State.DECIDED, report_to_ico=True)
    return Breach.objects.filter(waiting).select_related(
        "reported_by", "unit"
    ).order_by("aware_at", "pk")  # fmt: skip


def near_misses_filtered(
    *,
    kind: str = "",
    channel: str = "",
    unit_id: int | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[NearMiss]:
    qs = NearMiss.objects.select_related("unit", "service_user", "recorded_by")
    if kind:
        qs = qs.filter(kind=kind)
    if channel:
        qs = qs.filter(channel=channel)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if date_from:
        qs = qs.filter(occurred_at__date__gte=date_from)
    if date_to:
        qs = qs.filter(occurred_at__date__lte=date_to)
    return qs


def near_miss_counts(qs: QuerySet[NearMiss]) -> dict[str, list[tuple[str, int]]]:
    """Counts by kind and by unit (team or school), largest first, with display labels."""
    kinds = dict(NearMiss.Kind.choices)
    by_kind = [
        (kinds.get(row["kind"], row["kind"]), row["n"])
        for row in qs.order_by().values("kind").annotate(n=Count("pk")).order_by("-n", "kind")
    ]
    by_unit = [
        (row["unit__name"] or "No unit", row["n"])
        for row in qs.order_by()
        .values("unit__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "unit__name")
    ]
    return {"by_kind": by_kind, "by_unit": by_unit}


def disclosures_by_channel_and_month(*, months: int = 12, now: dt.datetime) -> list[dict]:
    """Register entries per month (the last `months` months) and channel, oldest month first."""
    start = (now.replace(day=1) - dt.timedelta(days=31 * (months - 1))).replace(
        day=1, hour=0, minute=0, second=0, microsecond=0
    )
    rows = (
        Disclosure.objects.filter(occurred_at__gte=start)
        .annotate(month=TruncMonth("occurred_at"))
        .values("month", "channel")
        .annotate(n=Count("pk"))
        .order_by("month", "channel")
    )
    return [{"month": r["month"], "channel": r["channel"], "n": r["n"]} for r in rows]


def breach_clock_for(breach: Breach, *, now: dt.datetime):
    """The breach's 72-hour clock: it stops at a decision not to report, or when the report
    to the ICO is recorded; a decision to report leaves it running until the report is made."""
    from safehaven.oversight.clock import breach_clock

    if breach.ico_reported_at is not None:
        return breach_clock(
            aware_at=breach.aware_at, now=now, decided_at=breach.ico_reported_at,
            stopped_by="Reported to the ICO",
        )  # fmt: skip
    if breach.decided_at is not None and not breach.report_to_ico:
        return breach_clock(aware_at=breach.aware_at, now=now, decided_at=breach.decided_at)
    return breach_clock(aware_at=breach.aware_at, now=now)
