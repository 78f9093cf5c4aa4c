"""The access log (issue 3: every view of a record is logged) and the change history (LET-4)
are append-only in the database itself: triggers refuse UPDATE and DELETE on SQLite and
PostgreSQL (run this file with --ds=safehaven.settings.test_postgres for the second)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError

from safehaven.records import services
from safehaven.records.access import access_log_record, access_service_user
from safehaven.records.models import AccessLog, ChangeRecord, ServiceUser

pytestmark = pytest.mark.django_db


@pytest.fixture
def log_row(service_user, officer):
    access_service_user(user=officer, pk=service_user.pk)
    return AccessLog.objects.get()


@pytest.fixture
def change(service_user, officer):
    [change] = services.service_user_amend(
        service_user=service_user, user=officer, reason="spelling", given_name="Ann"
    )
    return change


def test_access_log_update_is_refused(log_row):
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AccessLog.objects.filter(pk=log_row.pk).update(detail="edited")
    log_row.detail = "edited"
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        log_row.save()
    assert AccessLog.objects.get(pk=log_row.pk).detail == ""


def test_access_log_delete_is_refused(log_row):
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AccessLog.objects.filter(pk=log_row.pk).delete()
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        AccessLog.objects.all()._raw_delete(using="default")
    assert AccessLog.objects.filter(pk=log_row.pk).exists()


def test_raw_sql_cannot_change_the_access_log(log_row):
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE records_accesslog SET action = 'search' WHERE id = %s", [log_row.pk])
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM records_accesslog WHERE id = %s", [log_row.pk])
    assert AccessLog.objects.get(pk=log_row.pk).action == "view"


def test_inserting_still_works(officer):
    access_log_record(user=officer, action=AccessLog.Action.SEARCH, detail="results=0")
    access_log_record(user=officer, action=AccessLog.Action.SEARCH, detail="results=1")
    assert AccessLog.objects.count() == 2


def test_a_logged_service_user_or_member_of_staff_cannot_be_deleted(log_row, officer):
    with pytest.raises(ProtectedError):
        ServiceUser.objects.get(pk=log_row.service_user_id).delete()
    with pytest.raises(ProtectedError):
        officer.delete()


@pytest.mark.rule("LET-4")
def test_change_history_update_and_delete_are_refused(change):
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        ChangeRecord.objects.filter(pk=change.pk).update(new_value="forged")
    with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
        ChangeRecord.objects.all()._raw_delete(using="default")
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE records_changerecord SET reason = 'x' WHERE id = %s", [change.pk])
    fresh = ChangeRecord.objects.get(pk=change.pk)
    assert (fresh.new_value, fresh.reason) == ("Ann", "spelling")


def test_the_triggers_are_installed_on_this_database():
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        else:
            cursor.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")
        names = {row[0] for row in cursor.fetchall()}
    for table in ("records_accesslog", "records_changerecord"):
        if connection.vendor == "sqlite":
            assert {f"{table}_no_update", f"{table}_no_delete"} <= names
        else:
            assert {f"{table}_append_only", f"{table}_no_truncate"} <= names
