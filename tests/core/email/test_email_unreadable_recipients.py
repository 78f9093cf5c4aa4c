"""A draft or an uploaded message whose To, Cc or Bcc line cannot be read is held with the
reason (issue 6, bad input: a verdict is still reached); it was allowed with no recipient."""

from __future__ import annotations

import subprocess
import sys

import pytest

from safehaven.core.email import InMemoryDirectory, check_message, load_policy

BODY = b"\r\nJayden Smith has a child protection plan.\r\n"


def _check(headers: bytes, **kw):
    raw = b"From: officer@ashby.sch.uk\r\n" + headers + b"Subject: test\r\n" + BODY
    return check_message(raw, policy=load_policy(None), directory=InMemoryDirectory(), **kw)


@pytest.mark.rule("EMAIL-4")
@pytest.mark.parametrize(
    ("headers", "quoted"),
    [
        (b"To: a@\r\n", "'a@'"),
        (b"To: sarah.jones@leics.gov.uk\r\nCc: a@b@c\r\n", "'a@b@c'"),
        (b"To: Sarah <sarah.jones@leics.gov.uk>, @\r\n", "@"),
        (b"Bcc: not an address\r\n", "'not an address'"),
    ],
)
def test_an_unreadable_recipient_line_is_held_with_the_reason(headers, quoted):
    result = _check(headers)
    assert result.verdict == "hold"
    held = [f for f in result.findings if f.rule == "EMAIL-4" and f.severity == "hold"]
    assert held
    assert quoted in held[0].message
    assert "cannot be read" in held[0].message


@pytest.mark.rule("EMAIL-4")
@pytest.mark.parametrize(
    "headers",
    [
        b"To: sarah.jones@leics.gov.uk\r\n",
        b'To: "Jones, Sarah" <sarah.jones@leics.gov.uk>\r\n',
        b"To: undisclosed-recipients:;\r\nBcc: sarah.jones@leics.gov.uk\r\n",
        b"To: =?utf-8?q?J=C3=B6rg_M=C3=BCller?= <jorg@leics.gov.uk>\r\n",
        b"To: Sarah Jones <sarah.jones@leics.gov.uk>,\r\n Ann Lee <ann.lee@leics.gov.uk>\r\n",
    ],
)
def test_readable_recipient_lines_raise_nothing(headers):
    result = _check(headers)
    assert not [f for f in result.findings if "cannot be read" in f.message]


def test_the_gateway_s_envelope_recipients_are_what_count():
    # the gateway passes the SMTP envelope: a bad header is not a reason to hold there
    result = _check(b"To: a@\r\n", recipients=["sarah.jones@leics.gov.uk"])
    assert not [f for f in result.findings if "cannot be read" in f.message]


def test_check_email_prints_hold_and_exits_2(tmp_path):
    eml = tmp_path / "bad.eml"
    eml.write_bytes(b"From: officer@ashby.sch.uk\r\nTo: a@\r\nSubject: t\r\n" + BODY)
    done = subprocess.run(
        [sys.executable, "-m", "safehaven", "check-email", str(eml)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2, done.stderr
    assert "cannot be read" in done.stdout
