"""Helpers that get past the append-only guard to simulate an attacker with database access."""

from __future__ import annotations

import importlib
import uuid

import pytest
from django.db import connection


def tamper(sql: str, params: list | tuple = ()) -> None:
    """Runs a statement on the register with the guard lifted (inside the test transaction)."""
    triggers = importlib.import_module("safehaven.register.migrations.0002_append_only_triggers")
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            for s in triggers.SQLITE_DROP:
                cursor.execute(s)
            cursor.execute(sql, params)
            for s in triggers.SQLITE_CREATE:
                cursor.execute(s)
        else:
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute(sql, params)
            cursor.execute("SET LOCAL session_replication_role = DEFAULT")


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (runs in the PostgreSQL stage of scripts/test)")


def write_format_1(count: int, **overrides):
    """Appends `count` entries in the old chain format 1 (HMAC-SHA256 of canonical JSON), as
    SafeHaven wrote them before format 2: a register that existed before the upgrade."""
    from django.utils import timezone

    from safehaven.register import chain
    from safehaven.register.models import Disclosure, DisclosureSubject
    from safehaven.register.selectors import register_head
    from tests.factories import ServiceUserFactory, UserFactory

    su = overrides.pop("service_user", None) or ServiceUserFactory()
    staff = overrides.pop("disclosed_by", None) or UserFactory()
    written = []
    for i in range(count):
        sequence, prev = register_head()
        entry = Disclosure(
            sequence=sequence + 1,
            correlation_id=uuid.uuid4(),
            occurred_at=timezone.now(),
            channel="telephone",
            outcome="disclosed",
            service_user=su,
            service_user_ids=[su.pk],
            recipient_name=f"Legacy recipient {i}",
            summary="Attendance for the autumn term.",
            reason="Health assessment",
            lawful_basis="safeguarding",
            lawful_basis_justification="Section 47 enquiry",
            disclosed_by=staff,
            payload={"zeta": "Zoë", "alpha": i},
            chain_version=1,
            prev_hash=prev,
            **overrides,
        )
        entry.entry_hash = chain.entry_hash([getattr(entry, f) for f in chain.CHAIN_FIELDS])
        entry.save(force_insert=True)
        DisclosureSubject.objects.create(disclosure=entry, service_user=su)
        written.append(entry)
    return written
