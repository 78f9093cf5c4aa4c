"""`insert_row` (the gateway's near-miss write without the ORM's insert compiler) writes the
row `objects.create` writes, on SQLite and PostgreSQL."""

from __future__ import annotations

import pytest
from django.utils import timezone

from safehaven.email.models import EmailNearMiss
from safehaven.email.sinks import insert_row

pytestmark = pytest.mark.django_db


def _row(pk: int) -> dict:
    row = EmailNearMiss.objects.filter(pk=pk).values().get()
    row.pop("id")
    return row


@pytest.mark.parametrize("decided", [False, True])
def test_insert_row_writes_what_create_writes(sender, decided):
    values = {
        "event": "held",
        "correlation_id": "3f1c1a4e3c1b4a519a570a0c7b1e5d11",
        "sender": "officer@ashby.sch.uk",
        "recipients": ["sarah.jones@leics.gov.uk", "zoë@example.org"],
        "verdict": "hold",
        "rules": ["EMAIL-1", "EMAIL-6"],
        "messages": ['sarah.jones@leics.gov.uk: "sensitive" \u2013 held', "line\nbreak"],
        "policy_version": "defaults-1+records-x",
        "quarantine_id": "20261126T010000Z-ab12cd34",
        "decided_by": sender if decided else None,
        "decided_by_name": "officer.email" if decided else "",
        "reason": "",
        "at": timezone.now(),
    }
    created = EmailNearMiss.objects.create(**values)
    insert_row(EmailNearMiss, **values)
    inserted = EmailNearMiss.objects.exclude(pk=created.pk).get()
    assert _row(inserted.pk) == _row(created.pk)
    assert inserted.messages == values["messages"]


def test_insert_row_fills_defaults_as_create_does():
    before = timezone.now()
    insert_row(EmailNearMiss, event="blocked")
    row = EmailNearMiss.objects.get()
    assert (row.recipients, row.rules, row.messages) == ([], [], [])
    assert before <= row.at <= timezone.now()
