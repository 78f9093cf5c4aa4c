"""`safehaven gateway --decider-notice-minutes N`: through the command's own parser, the
interval reaches the gateway's configuration in seconds; a negative or non-number value is
refused with one plain-English line; the option is in the command's help."""

from __future__ import annotations

import pytest

from safehaven.cli import main
from tests.gateway.command_helpers import run_gateway_command as _gateway


@pytest.mark.parametrize(("given", "seconds"), [((), 600), (("5",), 300), (("0",), 0)])
def test_the_interval_reaches_the_gateway_in_seconds(tmp_path, started, given, seconds):
    flag = ("--decider-notice-minutes", *given) if given else ()
    assert _gateway(tmp_path, "--notify-from", "safehaven@county.gov.uk", *flag) == 4
    [config] = started
    assert config.decider_notice_interval == seconds
    assert config.notify_from == "safehaven@county.gov.uk"


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("-1", "-1 is below zero: give 0 or more minutes"),
        ("ten", "'ten' is not a whole number of minutes"),
        ("2.5", "'2.5' is not a whole number of minutes"),
        ("", "'' is not a whole number of minutes"),
    ],
)
def test_a_bad_interval_is_refused_in_plain_english(tmp_path, started, capsys, value, said):
    with pytest.raises(SystemExit) as exit_:
        _gateway(tmp_path, f"--decider-notice-minutes={value}")
    err = capsys.readouterr().err
    assert exit_.value.code == 2
    assert said in err
    assert "0 for a notice for every held message" in err or "0: a notice" in err
    assert "Traceback" not in err
    assert started == []  # nothing was started


def test_the_option_is_in_the_commands_help(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["gateway", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert exit_.value.code == 0
    assert "--decider-notice-minutes N" in out
    assert "at most once in N minutes" in out
    assert "(default 10; 0: a notice for every held message;" in out
