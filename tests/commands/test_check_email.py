"""`safehaven check-email`: JSON shape, readable output and exit status."""

from __future__ import annotations

import json
from email.message import EmailMessage

import pytest

from safehaven.cli import main


def _eml(tmp_path, body, to="colleague@ashby.sch.uk", subject="Hello"):
    m = EmailMessage()
    m["From"] = "officer@ashby.sch.uk"
    m["To"] = to
    m["Subject"] = subject
    m.set_content(body)
    path = tmp_path / "draft.eml"
    path.write_bytes(m.as_bytes())
    return path


@pytest.fixture
def policy_file(tmp_path):
    p = tmp_path / "policy.json"
    p.write_text(json.dumps({"version": "cli-1", "internal_domains": ["ashby.sch.uk"]}))
    return p


@pytest.mark.rule("EMAIL-1")
def test_json_output_has_the_documented_shape_and_exit_status_hold(tmp_path, policy_file, capsys):
    eml = _eml(
        tmp_path, "Jane Smith (DOB 12/03/2014) has a child protection plan.", to="parent@gmail.com"
    )
    code = main(["check-email", str(eml), "--json", "--policy", str(policy_file)])
    out = json.loads(capsys.readouterr().out)
    assert code == 2
    assert out["verdict"] == "hold"
    assert out["policy_version"] == "cli-1"
    assert any(f["rule"] == "EMAIL-1" for f in out["findings"])
    for f in out["findings"]:
        assert {"rule", "severity", "message"} <= set(f)


def test_allow_exits_zero_with_readable_output(tmp_path, policy_file, capsys):
    eml = _eml(tmp_path, "Room 4 on Thursday.")
    code = main(["check-email", str(eml), "--policy", str(policy_file)])
    assert code == 0
    assert "Verdict: ALLOW" in capsys.readouterr().out


@pytest.mark.rule("EMAIL-4")
def test_block_exits_three(tmp_path, policy_file, capsys):
    directory = tmp_path / "dir.json"
    directory.write_text(json.dumps({"restrictions": [{"target": "@x.org", "reason": "order"}]}))
    eml = _eml(tmp_path, "Hello", to="a@x.org")
    code = main(
        ["check-email", str(eml), "--policy", str(policy_file), "--directory", str(directory)]
    )
    assert code == 3
    assert "BLOCK" in capsys.readouterr().out


@pytest.mark.rule("EMAIL-6")
def test_readable_output_offers_the_stripped_body(tmp_path, policy_file, capsys):
    body = (
        "Noted.\n\n-----Original Message-----\nFrom: A\nSent: B\n\n"
        "Jane Smith (DOB 12/03/2014) has a child protection plan.\n"
    )
    eml = _eml(tmp_path, body, to="worker@agency.org.uk", subject="RE: x")
    main(["check-email", str(eml), "--policy", str(policy_file)])
    out = capsys.readouterr().out
    assert "without the quoted trail" in out


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["missing.eml"], "is not a file"),
        (["EMPTY"], "is empty"),
        (["GOOD", "--policy", "nope.json"], "does not exist"),
    ],
)
def test_errors_exit_four_with_one_plain_line(tmp_path, capsys, args, words, policy_file):
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    good = _eml(tmp_path, "hi")
    args = [
        {
            "EMPTY": str(empty),
            "GOOD": str(good),
            "missing.eml": str(tmp_path / "m.eml"),
            "nope.json": str(tmp_path / "nope.json"),
        }.get(a, a)
        for a in args
    ]
    code = main(["check-email", *args])
    err = capsys.readouterr().err
    assert code == 4
    assert words in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1
