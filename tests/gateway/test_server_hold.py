"""Held mail: the message file first, then its metadata and the near-miss entry at the same
time, all before the 250; a failed write is a 451 that loses nothing."""

from __future__ import annotations

import json
import smtplib
from email.message import EmailMessage

import pytest

from safehaven.gateway.spool import Quarantine

SENSITIVE = "Jane Smith (DOB 12/03/2014) has a child protection plan and sees CAMHS."


def _held_message() -> EmailMessage:
    m = EmailMessage()
    m["From"] = "officer@ashby.sch.uk"
    m["To"] = "parent@gmail.com"
    m["Subject"] = "Update"
    m.set_content(SENSITIVE)
    return m


def _send(gw, m: EmailMessage) -> None:  # noqa: ANN001
    with smtplib.SMTP(*gw.config.listen, timeout=30) as client:
        client.send_message(m)


def _near_misses(gw) -> list[dict]:  # noqa: ANN001
    path = gw.near_miss.path
    return [json.loads(line) for line in path.read_text().splitlines()] if path.exists() else []


def _no_space(*_args, **_kwargs):  # noqa: ANN002, ANN003, ANN202
    raise OSError(28, "No space left on device")


@pytest.mark.rule("EMAIL-1")
def test_held_mail_has_its_metadata_and_near_miss_before_the_250(gateway, sink):
    for _ in range(3):
        _send(gateway, _held_message())
    held = {h.id: h for h in gateway.quarantine.list()}
    assert len(held) == 3
    assert all(
        h.meta["rules"] and h.meta["recipients"] == ["parent@gmail.com"] for h in held.values()
    )
    assert {n["quarantine_id"] for n in _near_misses(gateway)} == set(held)
    assert sink.messages == []


@pytest.mark.rule("EMAIL-1")
def test_a_message_file_that_cannot_be_written_is_a_451_and_no_near_miss(
    gateway, sink, monkeypatch
):
    monkeypatch.setattr(gateway.quarantine, "store_message", _no_space)
    with pytest.raises(smtplib.SMTPDataError) as err:
        _send(gateway, _held_message())
    assert err.value.smtp_code == 451
    assert _near_misses(gateway) == []
    assert gateway.quarantine.list() == []


@pytest.mark.rule("EMAIL-1")
def test_metadata_that_cannot_be_written_is_a_451_and_the_message_is_recovered_at_start(
    gateway, sink, monkeypatch
):
    monkeypatch.setattr(gateway.quarantine, "store_meta", _no_space)
    with pytest.raises(smtplib.SMTPDataError) as err:
        _send(gateway, _held_message())
    assert err.value.smtp_code == 451  # the sender's server retries
    assert gateway.quarantine.list() == []
    recovered = Quarantine(gateway.config.spool).recover()  # what the next start does
    assert len(recovered) == 1
    assert [n["quarantine_id"] for n in _near_misses(gateway)] == recovered
    assert sink.messages == []
