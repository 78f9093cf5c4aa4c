"""Reads for fax: fetch-and-authorise in one step, the queues, the directory's status."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from safehaven.fax.models import FaxJob, IncomingFax, SpeedDial
from safehaven.records.access import NotFound, can_see_service_user
from safehaven.records.models import FaxNumber

State = FaxJob.State
SPEED_DIAL_SUGGEST_USES = 3
SPEED_DIAL_SUGGEST_DAYS = 90


def access_fax_job(*, user, pk) -> FaxJob:
    """The job if `user` may see it, else NotFound (the same for missing and forbidden)."""
    try:
        job = FaxJob.objects.select_related(
            "created_by", "service_user", "recipient_organisation", "fax_number", "assessment",
        ).get(pk=int(pk))  # fmt: skip
    except (FaxJob.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise NotFound("No such fax.") from exc
    if job.created_by_id == user.pk or user.sees_all:
        return job
    if job.service_user is not None and can_see_service_user(user, job.service_user):
        return job
    raise NotFound("No such fax.")


def fax_jobs_for(*, user) -> QuerySet[FaxJob]:
    jobs = FaxJob.objects.select_related("service_user", "recipient_organisation")
    if not user.sees_all:
        jobs = jobs.filter(created_by=user)
    return jobs.order_by("-created_at", "-pk")


def fax_jobs_receipt_overdue(*, user, now: dt.datetime | None = None) -> QuerySet[FaxJob]:
    """Transmitted faxes whose receipt has not come by its due time (FAX-6)."""
    now = now or timezone.now()
    return fax_jobs_for(user=user).filter(state=State.TRANSMITTED, receipt_due_at__lt=now)


def incoming_queue(*, user) -> QuerySet[IncomingFax]:
    """Faxes waiting for this person (FAX-12). The DPO and administrators, as the fax
    collectors, also see every fax whose recipient could not be matched."""
    q = Q(recipient=user)
    if user.is_dpo or user.is_administrator:
        q |= Q(recipient__isnull=True)
    return (
        IncomingFax.objects.filter(q)
        .exclude(state=IncomingFax.State.COLLECTED)
        .select_related("recipient")
        .defer("pdf")
        .order_by("received_at")
    )


UNATTENDED_MINUTES = 30


def incoming_unattended(*, now: dt.datetime | None = None) -> QuerySet[IncomingFax]:
    """Faxes nobody has collected within 30 minutes of arriving (FAX-12): shown to the fax
    collectors (DPO, administrators) and printed by `safehaven fax poll`."""
    now = now or timezone.now()
    return (
        IncomingFax.objects.filter(
            state=IncomingFax.State.WAITING,
            received_at__lt=now - dt.timedelta(minutes=UNATTENDED_MINUTES),
        )
        .defer("pdf")
        .order_by("received_at")
    )


def access_incoming_fax(*, user, pk) -> IncomingFax:
    try:
        fax = IncomingFax.objects.select_related("recipient", "collected_by").get(pk=int(pk))
    except (IncomingFax.DoesNotExist, TypeError, ValueError, OverflowError) as exc:
        raise NotFound("No such fax.") from exc
    if fax.recipient_id == user.pk or user.is_dpo or user.is_administrator:
        return fax
    raise NotFound("No such fax.")


def fax_directory() -> QuerySet[FaxNumber]:
    return FaxNumber.objects.select_related("organisation", "assessed_by").order_by(
        "organisation__name", "number"
    )


def speed_dials() -> QuerySet[SpeedDial]:
    return SpeedDial.objects.select_related("fax_number__organisation", "test_job").order_by(
        "position"
    )


def speed_dials_usable() -> QuerySet[SpeedDial]:
    """Tested speed dials only: the list exported to the machine (FAX-10)."""
    return speed_dials().filter(tested_at__isnull=False)


def speed_dial_suggestions(*, now: dt.datetime | None = None) -> list[FaxNumber]:
    """Numbers faxed regularly (3+ times in 90 days) without a speed dial (FAX-9)."""
    now = now or timezone.now()
    since = now - dt.timedelta(days=SPEED_DIAL_SUGGEST_DAYS)
    dialled = SpeedDial.objects.values("fax_number_id")
    return _suggest(since, dialled)


def _suggest(since, dialled) -> list[FaxNumber]:
    counts = (
        FaxJob.objects.filter(
            kind=FaxJob.Kind.DISCLOSURE, sent_at__gte=since, fax_number__isnull=False
        )
        .exclude(fax_number_id__in=dialled)
        .values("fax_number_id")
        .annotate(uses=Count("pk"))
        .filter(uses__gte=SPEED_DIAL_SUGGEST_USES)
    )
    ids = {row["fax_number_id"]: row["uses"] for row in counts}
    numbers = list(FaxNumber.objects.filter(pk__in=ids).select_related("organisation"))
    for number in numbers:
        number.uses = ids[number.pk]
    return sorted(numbers, key=lambda n: -n.uses)


def fax_nav_text(*, user) -> str | None:
    """The navigation item: absent while fax is off; with faxes waiting for this person, the
    count, so a new fax is noticed on whatever page they are on (FAX-12)."""
    from safehaven.fax.services import fax_enabled

    if not fax_enabled():
        return None
    waiting = incoming_queue(user=user).count()
    return f"Fax ({waiting} waiting)" if waiting else "Fax"
