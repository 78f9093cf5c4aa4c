"""Migrations: none missing; the append-only triggers are reversible and come back."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor

from safehaven.register.models import Disclosure
from tests.factories import disclosure


@pytest.mark.django_db
def test_no_missing_migrations():
    call_command("makemigrations", "accounts", "records", "register", "--check", "--dry-run")


@pytest.mark.django_db(transaction=True)
def test_trigger_migration_reverses_and_reapplies():
    entry = disclosure()

    def migrate(target):
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate([("register", target)])

    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes("register")[0][1]
    try:
        migrate("0001_initial")
        Disclosure.objects.filter(pk=entry.pk).update(summary="allowed without triggers")
    finally:
        migrate(latest)
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        Disclosure.objects.filter(pk=entry.pk).update(summary="refused again")
