"""The CSV change feed for the MIS (LET-5): stable columns, oldest first, resumable by change
id or time, the same from the API and from `safehaven export-changes`."""

from __future__ import annotations

import csv
import datetime as dt
import io
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from safehaven.records import services
from safehaven.records.changes import (
    FEED_COLUMNS,
    SinceError,
    changes_csv,
    changes_since,
    parse_since,
)

pytestmark = [pytest.mark.django_db, pytest.mark.rule("LET-5")]

EXPECTED_COLUMNS = [
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


def _rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.fixture
def three_changes(service_user, officer):
    out = []
    for name in ("Ann", "Bea", "Cat"):
        out += services.service_user_amend(
            service_user=service_user, user=officer, reason=f"now {name}", given_name=name
        )
    return out


def test_the_columns_never_move():
    assert FEED_COLUMNS == EXPECTED_COLUMNS
    assert changes_csv([]).splitlines() == [",".join(EXPECTED_COLUMNS)]


def test_the_feed_is_oldest_first_and_resumes_after_a_change_id(three_changes, service_user):
    first, second, third = three_changes
    rows = _rows(changes_csv(changes_since(None)))
    assert [int(r["change_id"]) for r in rows] == [first.pk, second.pk, third.pk]
    assert rows[0]["changed_at"].endswith("Z")
    assert rows[1]["old_value"] == "Ann"
    assert rows[1]["new_value"] == "Bea"
    assert rows[1]["service_user_reference"] == service_user.reference
    assert rows[1]["source"] == "web"
    after = _rows(changes_csv(changes_since(parse_since(str(first.pk)))))
    assert [int(r["change_id"]) for r in after] == [second.pk, third.pk]


def test_since_accepts_iso_times_and_refuses_nonsense(three_changes):
    assert parse_since("2026-11-25T09:00:00Z") == dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC)
    assert parse_since("2026-11-25T10:00:00 01:00") == dt.datetime(2026, 11, 25, 9, tzinfo=dt.UTC)
    assert parse_since("2026-11-25") == dt.datetime(2026, 11, 25, tzinfo=dt.UTC)
    assert parse_since("") is None
    with pytest.raises(SinceError, match="change id"):
        parse_since("yesterday")
    with pytest.raises(SinceError, match="too large"):
        parse_since("9" * 40)
    cut = three_changes[1].at
    assert [c.pk for c in changes_since(cut)] == [c.pk for c in three_changes if c.at >= cut]


def test_spreadsheet_formulas_are_defused_but_phone_numbers_are_not(service_user, officer):
    services.service_user_amend(
        service_user=service_user, user=officer, reason='=HYPERLINK("x")', preferred_name="Jo"
    )
    from tests.factories import RelatedPersonFactory

    person = RelatedPersonFactory(service_user=service_user, phone="")
    services.related_person_amend(
        person=person, user=officer, reason="new mobile", phone="07911 123456"
    )
    rows = _rows(changes_csv(changes_since(None)))
    assert rows[0]["reason"] == '\'=HYPERLINK("x")'
    assert rows[1]["new_value"] == "+447911123456"
    assert rows[1]["old_value"] == ""  # an empty value stays empty, no leading quote


def test_export_changes_writes_the_file_and_says_where_to_resume(three_changes, tmp_path):
    out_file = tmp_path / "changes.csv"
    out = StringIO()
    call_command("export-changes", "--since", "0", "--out", str(out_file), stdout=out)
    rows = _rows(out_file.read_text(encoding="utf-8"))
    assert len(rows) == 3
    last = three_changes[-1].pk
    assert f"Next time use --since {last}." in out.getvalue()
    out = StringIO()
    call_command("export-changes", "--since", str(last), "--out", str(out_file), stdout=out)
    assert _rows(out_file.read_text(encoding="utf-8")) == []
    assert "No changes since" in out.getvalue()


def test_export_changes_refuses_a_bad_since(tmp_path):
    with pytest.raises(CommandError, match="change id"):
        call_command("export-changes", "--since", "last week", "--out", str(tmp_path / "x.csv"))
