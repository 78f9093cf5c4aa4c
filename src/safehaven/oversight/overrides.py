"""Overrides with their justifications, across channels, for the DPO's report.

An *override* is a place where a person went on although a check would have stopped them, and
recorded why: sharing on an exemption instead of consent (telephone, fax), faxing to a machine
that is not a safe haven after a warning call (FAX-4), posting by a less secure method than
recommended (POST-4), releasing a held email from quarantine. Each channel contributes a
*source*: a callable that yields `OverrideRow`s. The report reads every source in
`OVERRIDE_SOURCES` and sorts the rows newest first.

Contract for a source (another app may append one, e.g. from its `AppConfig.ready()`):

    from safehaven.oversight.overrides import OVERRIDE_SOURCES, OverrideRow

    def my_overrides(*, since=None, until=None):
        for x in MyModel.objects.filter(...):
            yield OverrideRow(when=x.at, channel="email", user=x.by_name, rule="EMAIL-4",
                              justification=x.reason, reference=f"email:{x.pk}")

    OVERRIDE_SOURCES.append(my_overrides)

`since` and `until` (aware datetimes or None) are hints a source should use to filter in the
database; the report filters again, so a source that takes no arguments at all also works.
A row carries no message text and no child's name: the justification is the person's own words
about why they went on, the reference points at the record.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.apps import apps


@dataclass(frozen=True)
class OverrideRow:
    when: dt.datetime
    channel: str  # a `register.models.Channel` value: telephone, letter, email, fax
    user: str  # who went on (display name or username)
    rule: str  # the rule the check enforces, e.g. "TEL-7", "POST-4"
    justification: str  # their recorded reason
    reference: str  # where it came from, e.g. "telephone:<uuid>"


OverrideSource = Callable[..., Iterable[OverrideRow]]

# Appended to by other apps; the report reads it at request time.
OVERRIDE_SOURCES: list[OverrideSource] = []


def override_source(func: OverrideSource) -> OverrideSource:
    """Decorator: register a source (idempotent)."""
    if func not in OVERRIDE_SOURCES:
        OVERRIDE_SOURCES.append(func)
    return func


def _name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.username


def _window(qs, field: str, since, until):
    if since is not None:
        qs = qs.filter(**{f"{field}__gte": since})
    if until is not None:
        qs = qs.filter(**{f"{field}__lt": until})
    return qs


# The sources for what exists now.


@override_source
def telephone_exemptions(*, since=None, until=None) -> Iterable[OverrideRow]:
    """TEL-7: a phone request sent to a manager on an exemption instead of consent, with the
    officer's justification (the moment the officer recorded it)."""
    if not apps.is_installed("safehaven.telephone"):
        return
    from safehaven.register.models import LawfulBasis
    from safehaven.telephone.models import TelephoneRequest, TelephoneRequestEvent

    events = (
        TelephoneRequestEvent.objects.filter(
            rule="TEL-7",
            to_state=TelephoneRequest.State.AWAITING_AUTHORISATION,
        )
        .exclude(request__lawful_basis__in=[LawfulBasis.CONSENT, LawfulBasis.NONE])
        .exclude(request__lawful_basis_justification="")
        .select_related("request", "by")
    )
    for event in _window(events, "at", since, until).iterator(chunk_size=1000):
        request = event.request
        yield OverrideRow(
            when=event.at,
            channel="telephone",
            user=_name(event.by),
            rule="TEL-7",
            justification=(
                f"{LawfulBasis(request.lawful_basis).label}: {request.lawful_basis_justification}"
            ),
            reference=f"telephone:{request.reference}",
        )


@override_source
def fax_overrides(*, since=None, until=None) -> Iterable[OverrideRow]:
    """Fax: sharing on an exemption instead of consent (TEL-7), and sending to a number that is
    not a safe haven after warning the recipient by telephone (FAX-4)."""
    if not apps.is_installed("safehaven.fax"):
        return
    from safehaven.fax.models import FaxJob
    from safehaven.register.models import LawfulBasis

    exemptions = (
        FaxJob.objects.exclude(lawful_basis__in=[LawfulBasis.CONSENT, LawfulBasis.NONE])
        .exclude(lawful_basis_justification="")
        .select_related("created_by")
    )
    for job in _window(exemptions, "created_at", since, until).iterator(chunk_size=1000):
        yield OverrideRow(
            when=job.created_at,
            channel="fax",
            user=_name(job.created_by),
            rule="TEL-7",
            justification=(
                f"{LawfulBasis(job.lawful_basis).label}: {job.lawful_basis_justification}"
            ),
            reference=f"fax:{job.reference}",
        )
    warned = FaxJob.objects.filter(warning_call_at__isnull=False).select_related("created_by")
    for job in _window(warned, "warning_call_at", since, until).iterator(chunk_size=1000):
        note = f": {job.warning_call_note}" if job.warning_call_note else ""
        yield OverrideRow(
            when=job.warning_call_at,
            channel="fax",
            user=_name(job.created_by),
            rule="FAX-4",
            justification=(
                f"Not a safe haven; recipient warned by telephone ({job.warning_call_spoke_to})"
                f"{note}"
            ),
            reference=f"fax:{job.reference}",
        )


@override_source
def email_quarantine_releases(*, since=None, until=None) -> Iterable[OverrideRow]:
    """Email: a held message released from quarantine by an authoriser, with their reason."""
    if not apps.is_installed("safehaven.email"):
        return
    from safehaven.email.models import EmailNearMiss

    released = EmailNearMiss.objects.filter(event=EmailNearMiss.Event.RELEASED).select_related(
        "decided_by"
    )
    for row in _window(released, "at", since, until).iterator(chunk_size=1000):
        yield OverrideRow(
            when=row.at,
            channel="email",
            user=_name(row.decided_by) or row.decided_by_name,
            rule=", ".join(row.rules or []),
            justification=row.reason,
            reference=f"email:{row.quarantine_id or row.correlation_id}",
        )


@override_source
def letter_method_overrides(*, since=None, until=None) -> Iterable[OverrideRow]:
    """POST-4: a letter posted by a less secure method than recommended, with the reason."""
    if not apps.is_installed("safehaven.correspondence"):
        return
    from safehaven.correspondence.models import Letter

    letters = (
        Letter.objects.filter(dispatched_at__isnull=False)
        .exclude(override_reason="")
        .select_related("dispatched_by")
    )
    for letter in _window(letters, "dispatched_at", since, until).iterator(chunk_size=1000):
        methods = dict(Letter.Method.choices)
        yield OverrideRow(
            when=letter.dispatched_at,
            channel="letter",
            user=_name(letter.dispatched_by),
            rule="POST-4",
            justification=(
                f"Sent {methods.get(letter.method, letter.method)} instead of "
                f"{methods.get(letter.recommended_method, letter.recommended_method)}: "
                f"{letter.override_reason}"
            ),
            reference=f"letter:{letter.pk}",
        )


def _call(source: OverrideSource, since, until) -> Iterable[OverrideRow]:
    try:
        params = inspect.signature(source).parameters
    except (TypeError, ValueError):
        params = {}
    accepts = any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values()) or (
        "since" in params and "until" in params
    )
    return source(since=since, until=until) if accepts else source()


def overrides_collected(
    *,
    since: dt.datetime | None = None,
    until: dt.datetime | None = None,
    channel: str = "",
    sources: Iterable[OverrideSource] | None = None,
) -> list[OverrideRow]:
    """Every override from every source in the window [since, until), newest first."""
    rows: list[OverrideRow] = []
    for source in list(OVERRIDE_SOURCES if sources is None else sources):
        for row in _call(source, since, until):
            if since is not None and row.when < since:
                continue
            if until is not None and row.when >= until:
                continue
            if channel and row.channel != channel:
                continue
            rows.append(row)
    rows.sort(key=lambda r: (r.when, r.reference), reverse=True)
    return rows
