"""The change history table (LET-4) for a service user's record page and history page."""

from __future__ import annotations

from dataclasses import dataclass

from django import template

from safehaven.records.changes import FIELD_LABELS
from safehaven.records.models import ChangeRecord, RelatedPerson
from safehaven.records.selectors import changes_for_service_user

register = template.Library()


@dataclass(frozen=True)
class HistoryRow:
    change: ChangeRecord
    what: str
    field: str


def history_rows(changes) -> list[HistoryRow]:
    """Rows with plain labels: the person a parent/carer change is about, the field's name."""
    changes = list(changes)
    person_ids = {
        c.record_id for c in changes if c.record_type == ChangeRecord.RecordType.RELATED_PERSON
    }
    people = {p.pk: p.full_name for p in RelatedPerson.objects.filter(pk__in=person_ids)}
    rows = []
    for c in changes:
        if c.record_type == ChangeRecord.RecordType.RELATED_PERSON:
            what = people.get(c.record_id, "Parent or carer (no longer held)")
        else:
            what = c.get_record_type_display()
        rows.append(HistoryRow(change=c, what=what, field=FIELD_LABELS.get(c.field, c.field)))
    return rows


@register.inclusion_tag("web/amendments/history_table.html")
def change_history_table(service_user, limit: int = 10, caption: str = "") -> dict:
    changes = changes_for_service_user(service_user=service_user)
    rows = history_rows(changes[: limit + 1])
    return {
        "rows": rows[:limit],
        "more": len(rows) > limit,
        "service_user": service_user,
        "caption": caption or "Changes to these details, newest first",
    }


@register.inclusion_tag("web/amendments/history_table.html")
def change_history_page(page) -> dict:
    """One page of the full history (the paginator's page of ChangeRecords)."""
    return {
        "rows": history_rows(page.object_list),
        "more": False,
        "caption": f"Changes, newest first, page {page.number} of {page.paginator.num_pages}",
    }
