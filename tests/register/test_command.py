"""`safehaven register verify|checkpoint|export-sar`."""

from __future__ import annotations

import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from tests.factories import ServiceUserFactory, disclosure
from tests.register.conftest import tamper

pytestmark = pytest.mark.django_db


def test_verify_ok_then_names_the_first_bad_entry(capsys):
    for _ in range(3):
        disclosure()
    call_command("register", "verify")
    assert "Register OK: 3 entries verified" in capsys.readouterr().out
    tamper("UPDATE register_disclosure SET summary = 'x' WHERE sequence = 2")
    with pytest.raises(SystemExit) as exit_info:
        call_command("register", "verify")
    assert exit_info.value.code == 1
    assert "FAILED at entry 2" in capsys.readouterr().err


def test_checkpoint_then_truncation_is_found(tmp_path, capsys):
    entries = [disclosure() for _ in range(3)]
    cp = tmp_path / "cp.json"
    call_command("register", "checkpoint", "-o", str(cp))
    assert json.loads(cp.read_text())["sequence"] == 3
    call_command("register", "verify", "--checkpoint", str(cp))
    tamper("DELETE FROM register_disclosuresubject WHERE disclosure_id = %s", [entries[-1].pk])
    tamper("DELETE FROM register_disclosure WHERE id = %s", [entries[-1].pk])
    with pytest.raises(SystemExit):
        call_command("register", "verify", "--checkpoint", str(cp))
    assert "truncated" in capsys.readouterr().err
    (tmp_path / "junk.json").write_text("{not json")
    with pytest.raises(CommandError, match="Cannot read the checkpoint"):
        call_command("register", "verify", "--checkpoint", str(tmp_path / "junk.json"))


def test_export_sar_pdf_and_csv(tmp_path):
    import pdfplumber

    su = ServiceUserFactory(given_name="Amelia", family_name="Clarke")
    other = ServiceUserFactory(given_name="Oscar", family_name="Zed")
    disclosure(service_users=[su, other], summary="Dates of recent absences")
    disclosure(service_user=other, summary="Only about Oscar")
    call_command(
        "register", "export-sar", su.reference, "--format", "csv", "-o", str(tmp_path / "s.csv")
    )
    text = (tmp_path / "s.csv").read_text(encoding="utf-8-sig")
    assert "Dates of recent absences" in text
    assert "Only about Oscar" not in text
    assert "Oscar" not in text
    call_command("register", "export-sar", su.upn, "--format", "pdf", "-o", str(tmp_path / "s.pdf"))
    with pdfplumber.open(tmp_path / "s.pdf") as pdf:
        words = " ".join(page.extract_text() for page in pdf.pages)
    assert "Amelia Clarke" in words
    assert "absences" in words
    with pytest.raises(CommandError, match="No service user"):
        call_command("register", "export-sar", "NOPE", "-o", str(tmp_path / "x.pdf"))
