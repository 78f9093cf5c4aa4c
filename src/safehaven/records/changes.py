"""The change history (LET-4) and what it feeds (LET-5): every amended detail becomes one
append-only `ChangeRecord`, and in the same transaction one outbox row per webhook subscription
that wants that kind of record (the transactional outbox: a change is never committed without
its deliveries, nor a delivery without its change).

Writers serialise (a PostgreSQL advisory lock held to the end of the transaction; SQLite has one
writer anyway), so change ids become visible in increasing order and a system that reads the
feed "after change N" never skips a change that committed late.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from safehaven.records.models import ChangeRecord, ServiceUser, WebhookDelivery, WebhookSubscription
from safehaven.register.correlation import correlation_id_current

# pg_advisory_xact_lock key for change writers ("SHCHANGE" folded into a signed bigint).
CHANGE_LOCK_KEY = 0x5348_4348_414E_4745 & 0x7FFF_FFFF_FFFF_FFFF

CONFIDENTIAL_PLACEHOLDER = "[confidential address: not shared]"

# Human labels for the fields the history shows; the feed uses the field names.
FIELD_LABELS = {
    "given_name": "Given name",
    "family_name": "Family name",
    "preferred_name": "Preferred name",
    "date_of_birth": "Date of birth",
    "upn": "UPN",
    "uln": "ULN",
    "nhs_number": "NHS number",
    "reference": "Reference",
    "unit": "School or team",
    "allocated_worker": "Allocated worker",
    "address": "Address",
    "confidential": "Confidential address",
    "mail_returned": "Post came back",
    "title": "Title",
    "phone": "Phone",
    "email": "Email address",
    "line_1": "Address line 1",
    "line_2": "Address line 2",
    "line_3": "Address line 3",
    "town": "Town or city",
    "postcode": "Postcode",
    "name": "Name",
    "job_title": "Job title",
    "department": "Department",
    "direct_phone": "Direct line",
}

# The CSV change feed's columns, in this order, forever (add new ones at the end only).
FEED_COLUMNS = [
    "change_id",
    "changed_at",
    "record_type",
    "record_id",
    "record_reference",
    "service_user_id",
    "service_user_reference",
    "field",
    "old_value",
    "new_value",
    "reason",
    "changed_by",
    "source",
]


def value_text(value) -> str:
    """How a value is written in the history and the feed: dates ISO, yes/no, names of things."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    username = getattr(value, "username", None)
    if username is not None:
        return username
    name = getattr(value, "name", None)
    if isinstance(name, str):
        return name
    return str(value)


@dataclass(frozen=True)
class Diff:
    field: str
    old: object
    new: object


def _serialise_writers() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHANGE_LOCK_KEY])


def changes_record(
    *,
    record_type: str,
    record_id: int,
    diffs: Iterable[Diff],
    reason: str,
    by,
    service_user: ServiceUser | None = None,
    record_reference: str = "",
    source: str = ChangeRecord.Source.WEB,
    confidential: bool = False,
) -> list[ChangeRecord]:
    """Writes one ChangeRecord per diff and the webhook outbox rows for them.

    Must run inside the caller's transaction (the one that changed the record)."""
    if not connection.in_atomic_block:
        raise RuntimeError("changes_record must run inside the transaction that made the change")
    diffs = [d for d in diffs if value_text(d.old) != value_text(d.new)]
    if not diffs:
        return []
    _serialise_writers()
    now = timezone.now()
    by = by if by is not None and getattr(by, "is_authenticated", False) else None
    correlation = correlation_id_current()
    changes = [
        ChangeRecord.objects.create(
            at=now,
            changed_by=by,
            record_type=record_type,
            record_id=record_id,
            record_reference=record_reference[:40],
            service_user=service_user,
            field=d.field,
            old_value=value_text(d.old),
            new_value=value_text(d.new),
            confidential=confidential,
            reason=reason.strip(),
            source=source,
            correlation_id=correlation,
        )
        for d in diffs
    ]
    subscriptions = [
        s for s in WebhookSubscription.objects.filter(active=True) if s.wants(record_type)
    ]
    if subscriptions:
        WebhookDelivery.objects.bulk_create(
            [
                WebhookDelivery(subscription=s, change=c, created_at=now, next_attempt_at=now)
                for c in changes
                for s in subscriptions
            ]
        )
    return changes


def change_values_shared(change: ChangeRecord) -> tuple[str, str]:
    """Old and new value as they may leave SafeHaven: a confidential address never does."""
    if change.confidential and change.field == "address":
        return CONFIDENTIAL_PLACEHOLDER, CONFIDENTIAL_PLACEHOLDER
    return change.old_value, change.new_value


def change_as_dict(change: ChangeRecord) -> dict:
    """One change as the feed and the webhooks send it (needs service_user and changed_by)."""
    old, new = change_values_shared(change)
    return {
        "change_id": change.pk,
        "changed_at": change.at.astimezone(dt.UTC).isoformat().replace("+00:00", "Z"),
        "record_type": change.record_type,
        "record_id": change.record_id,
        "record_reference": change.record_reference,
        "service_user_id": change.service_user_id,
        "service_user_reference": change.service_user.reference if change.service_user else "",
        "field": change.field,
        "old_value": old,
        "new_value": new,
        "reason": change.reason,
        "changed_by": change.changed_by.username if change.changed_by else "",
        "source": change.source,
    }


_NUMBER = re.compile(r"^[+-]?[0-9][0-9 ]*$")


def _csv_cell(value) -> str:
    """Text a spreadsheet will not run as a formula: = @ tab CR always get a leading quote, and
    + or - unless what follows is a number (an E.164 phone number stays as it is)."""
    text = "" if value is None else str(value)
    first = text[:1]
    if first in ("=", "@", "\t", "\r") or (first in ("+", "-") and not _NUMBER.match(text)):
        return "'" + text
    return text


def changes_csv(changes: Iterable[ChangeRecord], out: io.TextIOBase | None = None) -> str:
    """The CSV change feed (header + one line per change, FEED_COLUMNS order, UTF-8 text)."""
    buffer = out if out is not None else io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(FEED_COLUMNS)
    for change in changes:
        row = change_as_dict(change)
        writer.writerow([_csv_cell(row[c]) for c in FEED_COLUMNS])
    return buffer.getvalue() if out is None else ""


class SinceError(ValueError):
    """A `since` value that is neither a change id nor an ISO 8601 timestamp."""


def parse_since(text: str | None) -> int | dt.datetime | None:
    """`since` as a change id (whole number) or a timezone-aware datetime (naive = UTC)."""
    text = (text or "").strip()
    if not text:
        return None
    if text.isdigit():
        if int(text) > 2**63 - 1:
            raise SinceError("That change id is too large: give the last id you received.")
        return int(text)
    text = text.replace("Z", "+00:00").replace("z", "+00:00")
    # An unencoded "+01:00" in a query string arrives as " 01:00".
    candidates = [text, *([text[::-1].replace(" ", "+", 1)[::-1]] if " " in text else [])]
    value = None
    for candidate in candidates:
        try:
            value = dt.datetime.fromisoformat(candidate)
            break
        except ValueError:
            continue
    if value is None:
        raise SinceError(
            "Give `since` as a change id (a whole number, e.g. 1234) or an ISO 8601 time "
            "(e.g. 2026-11-25T09:00:00Z)."
        )
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value


def changes_since(since: int | dt.datetime | None, *, limit: int | None = None):
    """Changes after change id `since` (or at or after time `since`), oldest first."""
    changes = ChangeRecord.objects.select_related("service_user", "changed_by").order_by("id")
    if isinstance(since, int):
        changes = changes.filter(id__gt=since)
    elif isinstance(since, dt.datetime):
        changes = changes.filter(at__gte=since)
    if limit is not None:
        changes = changes[:limit]
    return changes
