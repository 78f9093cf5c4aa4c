"""The database itself refuses UPDATE and DELETE on the register (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction

from safehaven.register.models import Disclosure, DisclosureSubject
from tests.factories import disclosure

pytestmark = [pytest.mark.django_db, pytest.mark.rule("TEL-9")]


def _unchanged(entry):
    fresh = Disclosure.objects.get(pk=entry.pk)
    assert fresh.summary == entry.summary
    assert fresh.entry_hash == entry.entry_hash


def test_queryset_update_is_refused():
    entry = disclosure()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        Disclosure.objects.filter(pk=entry.pk).update(summary="changed")
    _unchanged(entry)


def test_save_of_an_existing_row_is_refused():
    entry = disclosure()
    original = entry.summary
    entry.summary = "changed"
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        entry.save()
    entry.summary = original
    _unchanged(entry)


def test_delete_is_refused():
    entry = disclosure()
    # The ORM stops first (protected subject rows), the trigger stops a raw DELETE.
    with pytest.raises(IntegrityError), transaction.atomic():
        Disclosure.objects.filter(pk=entry.pk).delete()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        Disclosure.objects.filter(pk=entry.pk)._raw_delete(using="default")
    _unchanged(entry)


def test_subject_rows_are_append_only_too():
    entry = disclosure()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        DisclosureSubject.objects.filter(disclosure=entry).delete()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        DisclosureSubject.objects.filter(disclosure=entry).update(service_user=entry.service_user)
    assert DisclosureSubject.objects.filter(disclosure=entry).count() == 1


def test_raw_sql_is_refused():
    entry = disclosure()
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE register_disclosure SET summary = 'x' WHERE id = %s", [entry.pk])
    _unchanged(entry)


def test_truncate_is_refused_on_postgresql(postgres_only):
    disclosure()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL safehaven.allow_truncate = 'off'")
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
            cursor.execute("TRUNCATE register_disclosure CASCADE")
    assert Disclosure.objects.count() == 1
