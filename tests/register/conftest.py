"""Helpers that get past the append-only guard to simulate an attacker with database access."""

from __future__ import annotations

import importlib

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
