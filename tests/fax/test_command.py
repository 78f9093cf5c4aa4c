"""`safehaven fax poll` and `safehaven fax speed-dials --export`."""

from __future__ import annotations

import csv

import pytest
from django.core.management import CommandError, call_command

from safehaven.fax import services
from tests.fax.conftest import confirm

pytestmark = pytest.mark.django_db


def test_commands_refuse_when_fax_is_off(fax_dirs, tmp_path):
    with pytest.raises(CommandError, match="switched off"):
        call_command("fax", "poll")


@pytest.mark.rule("FAX-10")
def test_export_lists_only_tested_speed_dials(safe_number, unsafe_number, officer, fax_dirs,
                                              tmp_path, capsys):  # fmt: skip
    tested = services.speed_dial_create(fax_number=safe_number, position=1, user=officer)
    services.speed_dial_create(fax_number=unsafe_number, position=2, user=officer)
    job = services.speed_dial_send_test(speed_dial=tested, user=officer, recipient_name="Jo")
    confirm(fax_dirs, job.attempts.get().driver_reference, pages=1)
    call_command("fax", "poll")
    assert "1 confirmation(s)" in capsys.readouterr().out
    services.speed_dial_confirm_test(speed_dial=tested, user=officer, confirmed_by_name="Jo")
    out = tmp_path / "dials.csv"
    call_command("fax", "speed-dials", "--export", str(out))
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [(r["position"], r["dial"]) for r in rows] == [("1", "01164960999")]


def test_poll_output_has_no_names_or_numbers(ready_job, officer, fax_dirs, capsys):
    job = services.fax_job_send(job=ready_job, officer=officer, number_checked="01164960999")
    confirm(fax_dirs, job.attempts.get().driver_reference, pages=3)
    call_command("fax", "poll")
    out = capsys.readouterr().out
    assert "Shah" not in out
    assert "496" not in out
