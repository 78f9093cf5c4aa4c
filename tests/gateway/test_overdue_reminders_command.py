"""`safehaven gateway --overdue-reminder-hours N`: through the command's own parser, the value
reaches the gateway's configuration; a negative or non-number value is refused with one
plain-English line; the option is in the command's help."""

from __future__ import annotations

import pytest

from safehaven.cli import main
from tests.gateway.command_helpers import run_gateway_command as _gateway


@pytest.mark.rule("EMAIL-1")
@pytest.mark.parametrize(
    ("given", "hours"), [((), 24), (("12",), 12), (("0",), 0), (("1.5",), 1.5)]
)
def test_the_hours_reach_the_gateway(tmp_path, started, given, hours):
    flag = ("--overdue-reminder-hours", *given) if given else ()
    assert _gateway(tmp_path, "--notify-from", "safehaven@county.gov.uk", *flag) == 4
    [config] = started
    assert config.overdue_reminder_hours == hours


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("-1", "-1 is not 0 or more hours"),
        ("day", "'day' is not a number of hours"),
        ("nan", "nan is not 0 or more hours"),
    ],
)
def test_a_bad_value_is_refused_in_plain_english(tmp_path, started, capsys, value, said):
    with pytest.raises(SystemExit) as exit_:
        _gateway(tmp_path, f"--overdue-reminder-hours={value}")
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert said in err
    assert "0 for no reminders" in err
    assert "Traceback" not in err
    assert started == []


def test_the_option_is_in_the_commands_help(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["gateway", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert exit_.value.code == 0
    assert "--overdue-reminder-hours N" in out
    assert "(default 24; 0: no reminders)" in out
