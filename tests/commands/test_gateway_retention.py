"""`safehaven gateway --retain-decided-days`: a number of days, 0 or more, refused in plain
English otherwise (before anything starts)."""

from __future__ import annotations

import pytest

from safehaven.cli import main


@pytest.mark.parametrize(
    ("value", "said"),
    [("-1", "-1 is not 0 or more days"), ("abc", "'abc' is not a number of days")],
)
def test_bad_retention_is_refused_before_the_gateway_starts(tmp_path, capsys, value, said):
    with pytest.raises(SystemExit) as stopped:
        main(
            [
                "gateway",
                "--records",
                "files",
                "--listen",
                "127.0.0.1:1",
                "--relay",
                "127.0.0.1:2",
                "--spool",
                str(tmp_path / "spool"),
                "--retain-decided-days",
                value,
            ]
        )
    assert stopped.value.code == 2
    err = capsys.readouterr().err
    assert said in err
    assert "Traceback" not in err
    assert not (tmp_path / "spool").exists()


def test_the_default_is_30_days_and_the_environment_can_change_it(monkeypatch):
    import argparse

    from safehaven.commands.gateway import add_arguments

    def parsed():
        parser = argparse.ArgumentParser()
        add_arguments(parser)
        return parser.parse_args(["--listen", "127.0.0.1:1", "--relay", "127.0.0.1:2"])

    monkeypatch.delenv("SAFEHAVEN_GATEWAY_RETAIN_DECIDED_DAYS", raising=False)
    assert parsed().retain_decided_days == 30
    monkeypatch.setenv("SAFEHAVEN_GATEWAY_RETAIN_DECIDED_DAYS", "0")
    assert parsed().retain_decided_days == 0
