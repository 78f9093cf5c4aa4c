"""CSV import: bad input gets row-numbered reasons; files are all or nothing; re-import is
idempotent and turns a changed address into history (LET-4)."""

from __future__ import annotations

import datetime as dt

import pytest

from safehaven.records import imports
from safehaven.records.imports import ImportFileError, import_csv
from safehaven.records.models import Address, RelatedPerson, ServiceUser
from tests.factories import UnitFactory, make_upn

pytestmark = pytest.mark.django_db

HEADER = "reference,given_name,family_name,date_of_birth,unit,upn\n"


@pytest.fixture
def unit():
    return UnitFactory(name="Ashby Hill Primary School", dfe_number="855/2101")


def su_csv(*rows: str) -> bytes:
    return (HEADER + "".join(r + "\n" for r in rows)).encode("utf-8")


def test_valid_file_imports_and_reimport_changes_nothing(unit):
    data = su_csv(
        f"R1,Olivia,Henderson,07/03/2014,Ashby Hill Primary School,{make_upn(1)}",
        "R2,Noah,Patel,2013-11-30,855/2101,",
    )
    first = import_csv(kind="service-users", data=data)
    assert (first.created, first.rejected, first.written) == (2, [], True)
    again = import_csv(kind="service-users", data=data)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    assert ServiceUser.objects.count() == 2


def test_bad_rows_are_named_by_row_and_nothing_is_written(unit):
    bad_upn = make_upn(2)[:-1] + ("1" if make_upn(2)[-1] != "1" else "2")
    data = su_csv(
        "R1,Olivia,Henderson,07/03/2014,Ashby Hill Primary School,",
        f"R2,Noah,Patel,07/03/2014,Ashby Hill Primary School,{bad_upn}",
        "R3,Amelia,Clarke,31/02/2014,Ashby Hill Primary School,",
        f"R4,Isla,Ward,01/01/2014,Ashby Hill Primary School,{make_upn(5)}",
        f"R5,Ava,Shaw,01/01/2014,Ashby Hill Primary School,{make_upn(5)}",
        "R6,Mia,Khan,01/01/2014,Nowhere School,",
        "R7,Leo,Hill,01/01/2099,Ashby Hill Primary School,",
        "R8,too,few,fields",
    )
    report = import_csv(kind="service-users", data=data)
    by_row = {p.row: p.message for p in report.rejected}
    assert "check letter" in by_row[3]
    assert "not a real date" in by_row[4]
    assert "duplicate UPN" in by_row[6]
    assert "row 5" in by_row[6]
    assert "not a known school" in by_row[7]
    assert "in the future" in by_row[8]
    assert "fields" in by_row[9]
    assert not report.written
    assert ServiceUser.objects.count() == 0


def test_accept_valid_writes_only_valid_rows(unit):
    data = su_csv(
        "R1,Olivia,Henderson,07/03/2014,Ashby Hill Primary School,",
        "R3,Amelia,Clarke,31/02/2014,Ashby Hill Primary School,",
    )
    report = import_csv(kind="service-users", data=data, accept_valid=True)
    assert report.written
    assert len(report.rejected) == 1
    assert list(ServiceUser.objects.values_list("reference", flat=True)) == ["R1"]


def test_upn_held_by_another_record_is_refused(unit):
    import_csv(kind="service-users", data=su_csv(f"R1,A,B,01/01/2014,{unit.name},{make_upn(9)}"))
    report = import_csv(
        kind="service-users", data=su_csv(f"R2,C,D,01/01/2014,{unit.name},{make_upn(9)}")
    )
    assert "already belongs to service user R1" in report.rejected[0].message


def test_windows_1252_file_is_read_and_said_so(unit):
    data = su_csv("R1,Zoë,Brontë,01/01/2014,Ashby Hill Primary School,").decode().encode("cp1252")
    report = import_csv(kind="service-users", data=data)
    assert report.encoding == "cp1252"
    assert "Windows-1252" in report.encoding_note
    assert ServiceUser.objects.get().given_name == "Zoë"


def test_unreadable_encoding_and_missing_columns_are_plain_errors(unit):
    with pytest.raises(ImportFileError, match="CSV UTF-8"):
        import_csv(kind="service-users", data=HEADER.encode() + b"R1,\x81\x8d,x\n")
    with pytest.raises(ImportFileError, match="lacks the column"):
        import_csv(kind="service-users", data=b"reference,given_name\nR1,A\n")
    with pytest.raises(ImportFileError, match="empty"):
        import_csv(kind="service-users", data=b"")


def test_dry_run_reports_but_writes_nothing(unit):
    report = import_csv(
        kind="service-users",
        data=su_csv("R1,Olivia,Henderson,07/03/2014,Ashby Hill Primary School,"),
        dry_run=True,
    )
    assert report.created == 1
    assert not report.written
    assert ServiceUser.objects.count() == 0


def test_interrupted_import_leaves_nothing_half_written(unit, monkeypatch):
    calls = {"n": 0}
    real = imports._service_user_row

    def crash_on_third(*args):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(*args)

    monkeypatch.setattr(imports, "_service_user_row", crash_on_third)
    data = su_csv(*[f"R{i},Given,Family{i},01/01/2014,{unit.name}," for i in range(5)])
    with pytest.raises(KeyboardInterrupt):
        import_csv(kind="service-users", data=data)
    assert ServiceUser.objects.count() == 0


def test_likely_duplicates_are_reported(unit):
    report = import_csv(
        kind="service-users",
        data=su_csv(
            "R1,Zoë,Adams,03/04/2015,Ashby Hill Primary School,",
            "R2,Zoe,Adms,03/04/2015,Ashby Hill Primary School,",
            "R3,Jack,Adams,04/04/2015,Ashby Hill Primary School,",
        ),
    )
    assert [(d[1], d[2]) for d in report.likely_duplicates] == [("R1", "R2")]


@pytest.mark.rule("LET-4")
def test_changed_address_becomes_history_not_an_overwrite(unit):
    import_csv(kind="service-users", data=su_csv(f"R1,A,B,01/01/2014,{unit.name},"))
    head = "reference,line_1,town,postcode,valid_from\n"
    import_csv(
        kind="addresses",
        data=(head + "R1,1 Main Street,Loughborough,le11 1aa,01/09/2020\n").encode(),
    )
    again = import_csv(
        kind="addresses",
        data=(head + "R1,1 Main Street,Loughborough,LE11 1AA,01/09/2020\n").encode(),
    )
    assert again.unchanged == 1
    moved = import_csv(
        kind="addresses", data=(head + "R1,9 Park Road,Coalville,LE67 3FJ,01/02/2024\n").encode()
    )
    assert moved.updated == 1
    assert moved.addresses_closed == 1
    history = list(Address.objects.order_by("valid_from"))
    assert [a.line_1 for a in history] == ["1 Main Street", "9 Park Road"]
    assert history[0].valid_to == dt.date(2024, 1, 31)
    assert history[1].is_current
    assert history[0].postcode == "LE11 1AA"


def test_address_rows_with_bad_postcode_or_unknown_reference(unit):
    head = "reference,line_1,postcode\n"
    report = import_csv(kind="addresses", data=(head + "NOPE,1 A St,LE1 1AA\n").encode())
    assert "no service user" in report.rejected[0].message
    import_csv(kind="service-users", data=su_csv(f"R1,A,B,01/01/2014,{unit.name},"))
    report = import_csv(kind="addresses", data=(head + "R1,1 A St,NOT A CODE\n").encode())
    assert report.rejected[0].row == 2
    assert "postcode" in report.rejected[0].message


def test_contacts_import_and_update(unit):
    import_csv(kind="service-users", data=su_csv(f"R1,A,B,01/01/2014,{unit.name},"))
    head = (
        "reference,contact_reference,given_name,family_name,relationship,parental_responsibility\n"
    )
    import_csv(kind="contacts", data=(head + "R1,C1,Jane,B,Mother,yes\n").encode())
    report = import_csv(kind="contacts", data=(head + "R1,C1,Jane,B,Mother,no\n").encode())
    assert report.updated == 1
    person = RelatedPerson.objects.get()
    assert person.relationship == "mother"
    assert not person.parental_responsibility
    bad = import_csv(kind="contacts", data=(head + "R1,C2,Tom,B,uncle-ish,yes\n").encode())
    assert "relationship" in bad.rejected[0].message


def test_import_command_exit_status_and_messages(unit, tmp_path, capsys):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    good = tmp_path / "good.csv"
    good.write_bytes(su_csv("R1,Olivia,Henderson,07/03/2014,Ashby Hill Primary School,"))
    call_command("import", "service-users", str(good))
    assert "1 new" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_bytes(su_csv("R2,Noah,Patel,31/02/2014,Ashby Hill Primary School,"))
    with pytest.raises(SystemExit) as exit_info:
        call_command("import", "service-users", str(bad))
    assert exit_info.value.code == 1
    assert "row 2: date_of_birth" in capsys.readouterr().out
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import", "service-users", str(tmp_path / "missing.csv"))
