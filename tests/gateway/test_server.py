"""The gateway over real SMTP on loopback: smtplib client -> gateway -> aiosmtpd sink."""

from __future__ import annotations

import json
import smtplib
import time
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from email.utils import make_msgid

import pytest
from aiosmtpd.controller import Controller

from safehaven.gateway.review import quarantine_release, spool_settings
from safehaven.gateway.spool import Quarantine
from tests.gateway.conftest import Sink, make_gateway

SENSITIVE = "Jane Smith (DOB 12/03/2014) has a child protection plan and sees CAMHS."


def _message(body="The meeting has moved to Thursday.", to="sarah.jones@leics.gov.uk", **hdrs):
    m = EmailMessage()
    m["From"] = "officer@ashby.sch.uk"
    m["To"] = to
    m["Subject"] = hdrs.pop("subject", "Update")
    for k, v in hdrs.items():
        m[k] = v
    m.set_content(body)
    return m


def _send_raw(gw, raw: bytes, to: list[str], sender="officer@ashby.sch.uk"):
    with smtplib.SMTP(*gw.config.listen, timeout=30) as client:
        client.sendmail(sender, to, raw)


def _send(gw, m: EmailMessage):
    with smtplib.SMTP(*gw.config.listen, timeout=30) as client:
        client.send_message(m)


def _jsonl(path):
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_allowed_mail_is_relayed_with_the_verdict_header_on_top(gateway, sink):
    _send(gateway, _message())
    assert len(sink.messages) == 1
    sender, rcpts, raw = sink.messages[0]
    assert sender == "officer@ashby.sch.uk"
    assert rcpts == ["sarah.jones@leics.gov.uk"]
    assert raw.startswith(b"X-SafeHaven-Verdict: allow; policy=test-policy-1")
    relayed = message_from_bytes(raw, policy=default)
    assert relayed.get_content().strip() == "The meeting has moved to Thursday."


def test_a_forged_verdict_header_from_the_sender_is_removed(gateway, sink):
    m = _message()
    m["X-SafeHaven-Verdict"] = "allow; forged"
    _send(gateway, m)
    relayed = message_from_bytes(sink.messages[0][2], policy=default)
    assert relayed.get_all("X-SafeHaven-Verdict") == [relayed["X-SafeHaven-Verdict"]]
    assert "forged" not in relayed["X-SafeHaven-Verdict"]


@pytest.mark.rule("EMAIL-4")
def test_blocked_mail_gets_a_550_naming_the_rule_and_what_to_do(gateway, sink):
    with pytest.raises(smtplib.SMTPDataError) as err:
        _send(gateway, _message(to="someone@banned.example.org"))
    assert err.value.smtp_code == 550
    text = err.value.smtp_error.decode()
    assert "EMAIL-4" in text
    assert "send it again" in text
    assert sink.messages == []
    near = _jsonl(gateway.near_miss.path)
    assert near[-1]["event"] == "blocked"
    assert "EMAIL-4" in near[-1]["rules"]


@pytest.mark.rule("EMAIL-1")
def test_held_mail_is_stored_durably_and_answered_250(gateway, sink):
    _send(gateway, _message(SENSITIVE, to="parent@gmail.com"))
    assert sink.messages == []
    held = gateway.quarantine.list()
    assert len(held) == 1
    meta = held[0].meta
    assert "EMAIL-1" in meta["rules"]
    assert meta["recipients"] == ["parent@gmail.com"]
    assert gateway.quarantine.raw(held[0].id).count(b"child protection") == 1
    near = _jsonl(gateway.near_miss.path)
    assert near[-1]["event"] == "held"
    assert near[-1]["quarantine_id"] == held[0].id


def test_relay_down_gives_451_and_keeps_nothing_half_done(gateway_files, sink_port):
    gw = make_gateway(gateway_files, sink_port)  # no sink listening on sink_port
    try:
        with pytest.raises(smtplib.SMTPDataError) as err:
            _send(gw, _message())
        assert err.value.smtp_code == 451
        assert gw.quarantine.list(status=None) == []
        # The relay comes back: the sender's retry goes through.
        sink = Sink()
        c = Controller(sink, hostname="127.0.0.1", port=sink_port)
        c.start()
        try:
            _send(gw, _message())
            assert len(sink.messages) == 1
        finally:
            c.stop()
    finally:
        gw.stop()


@pytest.mark.rule("EMAIL-1")
def test_restart_loses_nothing_and_release_relays_and_registers(gateway_files, sink, sink_port):
    gw = make_gateway(gateway_files, sink_port)
    _send(gw, _message(SENSITIVE, to="worker@agency.org.uk"))
    port = gw.config.listen[1]
    gw.stop()

    again = make_gateway(gateway_files, sink_port, port=port)
    try:
        held = again.quarantine.list()
        assert len(held) == 1
        settings = spool_settings(gateway_files["spool"])
        quarantine_release(
            quarantine=again.quarantine,
            qid=held[0].id,
            released_by="Team Manager T. Ward",
            reason="partner confirmed by phone",
            relay_at=settings.relay,
            register=settings.register,
            near_miss=settings.near_miss,
        )
        assert len(sink.messages) == 1
        assert sink.messages[0][2].startswith(b"X-SafeHaven-Verdict: released; by=Team Manager")
        assert again.quarantine.get(held[0].id).status == "released"
        entry = _jsonl(again.register.path)[-1]
        assert entry["service_user_ids"] == ["su-1"]
        assert entry["authorised_by"] == "Team Manager T. Ward"
        assert "Jane" not in json.dumps(entry)
        # Mail sent after the restart still flows.
        _send(again, _message())
        assert len(sink.messages) == 2
    finally:
        again.stop()


def test_disclosure_to_an_external_partner_writes_a_register_entry(gateway, sink):
    m = _message("Jane Smith will start at the new school on Monday.")
    m["Message-ID"] = make_msgid(domain="ashby.sch.uk")
    _send(gateway, m)
    assert len(sink.messages) == 1
    entries = _jsonl(gateway.register.path)
    assert len(entries) == 1
    assert entries[0]["service_user_ids"] == ["su-1"]
    assert entries[0]["recipients"] == ["sarah.jones@leics.gov.uk"]
    assert entries[0]["message_id"] == m["Message-ID"]
    assert "Jane" not in json.dumps(entries[0])


def test_internal_mail_writes_no_register_entry(gateway, sink):
    _send(gateway, _message("Jane Smith starts on Monday.", to="head@ashby.sch.uk"))
    assert len(sink.messages) == 1
    assert _jsonl(gateway.register.path) == []


@pytest.mark.rule("EMAIL-4")
def test_relayed_mail_is_remembered_so_the_second_message_is_not_first_time(gateway, sink):
    assert not gateway.backend.directory().has_written_to(
        sender="officer@ashby.sch.uk", address="new.person@leics.gov.uk"
    )
    _send(gateway, _message(to="new.person@leics.gov.uk"))
    assert sink.messages[0][2].startswith(b"X-SafeHaven-Verdict: warn")
    assert gateway.backend.directory().has_written_to(
        sender="officer@ashby.sch.uk", address="new.person@leics.gov.uk"
    )
    _send(gateway, _message(to="new.person@leics.gov.uk"))
    assert sink.messages[1][2].startswith(b"X-SafeHaven-Verdict: allow")


def test_short_bare_lf_message_is_relayed_with_crlf(gateway, sink):
    # aiosmtpd accepts bare-LF data under 1001 bytes as one "line" (MACHINE-NOTES 7): the gateway
    # must still hand on proper CRLF lines.
    raw = b"From: officer@ashby.sch.uk\nTo: sarah.jones@leics.gov.uk\nSubject: t\n\nHi\nBye\n"
    _send_raw(gateway, raw, ["sarah.jones@leics.gov.uk"])
    relayed = sink.messages[0][2]
    assert b"\n" not in relayed.replace(b"\r\n", b"")
    assert message_from_bytes(relayed, policy=default)["Subject"] == "t"


def test_long_bare_lf_message_is_refused_permanently_not_dropped(gateway, sink):
    body = b"\n".join([b"Line of an ordinary long message about timetables."] * 60)
    raw = b"From: officer@ashby.sch.uk\nTo: sarah.jones@leics.gov.uk\n\n" + body + b"\n"
    with pytest.raises(smtplib.SMTPDataError) as err:
        _send_raw(gateway, raw, ["sarah.jones@leics.gov.uk"])
    assert err.value.smtp_code == 500
    assert sink.messages == []


def test_header_injection_with_a_bare_cr_does_not_create_a_header(gateway, sink):
    raw = (
        b"From: officer@ashby.sch.uk\r\nTo: sarah.jones@leics.gov.uk\r\n"
        b"Subject: hello\rBcc: attacker@evil.example\r\n\r\nHi\r\n"
    )
    _send_raw(gateway, raw, ["sarah.jones@leics.gov.uk"])
    relayed = message_from_bytes(sink.messages[-1][2], policy=default)
    assert relayed["Bcc"] is None
    assert sink.messages[-1][1] == ["sarah.jones@leics.gov.uk"]


def test_encoded_header_injection_reaches_a_verdict_and_the_gateway_keeps_serving(gateway, sink):
    raw = (
        b"From: officer@ashby.sch.uk\r\nTo: sarah.jones@leics.gov.uk\r\n"
        b"Subject: =?utf-8?q?x=0D=0ABcc:_attacker@evil.example?=\r\n\r\nHi\r\n"
    )
    _send_raw(gateway, raw, ["sarah.jones@leics.gov.uk"])
    relayed = message_from_bytes(sink.messages[-1][2], policy=default)
    assert relayed["Bcc"] is None
    _send(gateway, _message())
    assert len(sink.messages) == 2


def test_malformed_mime_is_held_not_dropped(gateway, sink):
    raw = (
        b"From: officer@ashby.sch.uk\r\nTo: sarah.jones@leics.gov.uk\r\nSubject: x\r\n"
        b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="abc"\r\n\r\n'
        b"no boundary\r\n"
    )
    _send_raw(gateway, raw, ["sarah.jones@leics.gov.uk"])
    assert sink.messages == []
    assert len(gateway.quarantine.list()) == 1


def test_process_pool_executor_checks_and_relays(gateway_files, sink, sink_port):
    gw = make_gateway(gateway_files, sink_port, executor="process")
    try:
        _send(gw, _message())
        with pytest.raises(smtplib.SMTPDataError):
            _send(gw, _message(to="x@banned.example.org"))
        assert len(sink.messages) == 1
    finally:
        gw.stop()


def test_orphaned_message_from_a_crash_mid_store_is_recovered(gateway_files, sink, sink_port):
    q = Quarantine(gateway_files["spool"])
    (q.dir / "20260101T000000Z-deadbeef.eml").write_bytes(b"Subject: x\r\n\r\nbody\r\n")
    gw = make_gateway(gateway_files, sink_port)
    try:
        held = gw.quarantine.list()
        assert [h.id for h in held] == ["20260101T000000Z-deadbeef"]
        assert "recovered" in held[0].meta["reasons"][0]
    finally:
        gw.stop()


def test_message_over_the_size_limit_gets_552_and_the_gateway_keeps_serving(
    gateway_files, sink, sink_port
):
    gw = make_gateway(gateway_files, sink_port, max_message_bytes=100_000)
    try:
        big = _message("x" * 60 + "\n" + ("Attendance figures for the term.\n" * 6000))
        with pytest.raises((smtplib.SMTPSenderRefused, smtplib.SMTPDataError)) as err:
            _send(gw, big)
        assert err.value.smtp_code == 552
        _send(gw, _message())
        assert len(sink.messages) == 1
    finally:
        gw.stop()


@pytest.mark.rule("EMAIL-1")
def test_a_check_that_takes_too_long_is_held_not_passed(
    gateway_files, sink, sink_port, monkeypatch
):
    from safehaven.gateway import server

    real = server.check_raw

    def slow(*args):
        time.sleep(1.5)
        return real(*args)

    monkeypatch.setattr(server, "check_raw", slow)
    gw = make_gateway(gateway_files, sink_port, check_timeout=0.3)
    try:
        _send(gw, _message())
        assert sink.messages == []
        [held] = gw.quarantine.list()
        assert "too long" in held.meta["findings"][0]["message"]
    finally:
        gw.stop()


def test_dead_check_workers_give_a_hold_and_are_replaced(gateway_files, sink, sink_port):
    import os
    import signal

    gw = make_gateway(gateway_files, sink_port, executor="process")
    try:
        for pid in list(gw.handler.pool._processes):
            os.kill(pid, signal.SIGKILL)
        time.sleep(1.0)  # the pool's manager notices and marks itself broken
        _send(gw, _message())
        assert sink.messages == []
        [held] = gw.quarantine.list()
        assert "check failed" in held.meta["findings"][0]["message"]
        _send(gw, _message())  # new workers take over
        assert len(sink.messages) == 1
    finally:
        gw.stop()


@pytest.mark.rule("EMAIL-4")
def test_a_reason_with_line_breaks_cannot_inject_an_smtp_reply(gateway_files, sink, sink_port):
    directory = json.loads(gateway_files["directory"].read_text())
    directory["restrictions"].append(
        {"target": "@evil.example.org", "reason": "order\r\n250 2.0.0 OK"}
    )
    gateway_files["directory"].write_text(json.dumps(directory))
    gw = make_gateway(gateway_files, sink_port)
    try:
        with pytest.raises(smtplib.SMTPDataError) as err:
            _send(gw, _message(to="x@evil.example.org"))
        assert err.value.smtp_code == 550
        assert b"\n" not in err.value.smtp_error
        _send(gw, _message())
        assert len(sink.messages) == 1
    finally:
        gw.stop()


@pytest.mark.rule("EMAIL-1")
def test_gateway_picks_up_a_rewritten_policy_without_a_restart(gateway_files, sink, sink_port):
    import os

    gw = make_gateway(gateway_files, sink_port)
    # About someone the records do not know, so only the domain's security decides.
    text = "Tom Wilkins (DOB 02/05/2013) has a child protection plan."
    try:
        _send(gw, _message(text, to="worker@agency.org.uk"))
        assert len(gw.quarantine.list()) == 1  # not secure: held
        policy = json.loads(gateway_files["policy"].read_text())
        policy["version"] = "test-policy-2"
        policy["transport"] = [{"domain": "agency.org.uk", "mta_sts": "enforce"}]
        gateway_files["policy"].write_text(json.dumps(policy))
        st = gateway_files["policy"].stat()
        os.utime(gateway_files["policy"], (st.st_atime, st.st_mtime + 5))
        _send(gw, _message(text, to="worker@agency.org.uk"))
        assert len(gw.quarantine.list()) == 1  # the second one was relayed
        assert sink.messages[-1][2].startswith(b"X-SafeHaven-Verdict: warn; policy=test-policy-2")
    finally:
        gw.stop()


@pytest.mark.rule("EMAIL-1")
def test_sender_of_held_mail_is_told_when_notices_are_on(gateway_files, sink, sink_port):
    gw = make_gateway(gateway_files, sink_port, notify_from="safehaven@ashby.sch.uk")
    try:
        _send(gw, _message(SENSITIVE, to="parent@gmail.com"))
        [held] = gw.quarantine.list()
        # Sent after the answer, from the notice thread.
        deadline = time.monotonic() + 10
        while not sink.messages and time.monotonic() < deadline:
            time.sleep(0.05)
        [(mail_from, rcpts, raw)] = sink.messages
        assert mail_from in {"", "<>"}  # null sender: a notice never bounces back
        assert rcpts == ["officer@ashby.sch.uk"]
        notice = message_from_bytes(raw, policy=default)
        assert notice["Auto-Submitted"] == "auto-generated"
        body = notice.get_content()
        assert held.id in body
        assert "EMAIL-1" in body
        assert "child protection" not in body  # the notice carries no message content
        # nor any personal data: no recipient, none of the findings' messages
        assert "parent@gmail.com" not in body
        assert "gmail" not in body
        assert "giving the reference" in body  # a standalone gateway has no page to point to
    finally:
        gw.stop()


def test_relay_connection_is_reused_and_replaced_when_the_relay_restarts(gateway_files, sink_port):
    first = Sink()
    c = Controller(first, hostname="127.0.0.1", port=sink_port)
    c.start()
    gw = make_gateway(gateway_files, sink_port)
    try:
        _send(gw, _message())
        _send(gw, _message())
        assert len(first.messages) == 2
        c.stop()  # the relay restarts: the gateway's idle connection is now dead
        second = Sink()
        c = Controller(second, hostname="127.0.0.1", port=sink_port)
        c.start()
        _send(gw, _message())
        assert len(second.messages) == 1
    finally:
        gw.stop()
        c.stop()


@pytest.mark.parametrize(
    "body",
    [
        b"no line starts with a dot.\r\nx.y\r\n",
        b".leading dot\r\n..two dots\r\nend.\r\n.\r\nx\r\n",
        b"bare LF before a dot\n.hidden line\r\nend\r\n",
    ],
    ids=["no-dot-lines", "dot-lines", "dot-after-bare-lf"],
)
def test_relayed_bytes_are_the_received_ones_with_or_without_lines_starting_with_a_dot(
    gateway, sink, body
):
    """The relay skips its dot-stuffing search only when the receiver saw no such line; either
    way the relay receives exactly what was checked: what the client sent, dot-stuffed by
    smtplib (also after a bare LF) and unstuffed after CRLF only (RFC 5321), line endings
    repaired."""
    from safehaven.gateway.relay import normalise_line_endings

    head = b"From: officer@ashby.sch.uk\r\nTo: sarah.jones@leics.gov.uk\r\nSubject: dots\r\n\r\n"
    _send_raw(gateway, head + body, ["sarah.jones@leics.gov.uk"])
    assert len(sink.messages) == 1
    relayed = sink.messages[0][2]
    first_line_end = relayed.index(b"\r\n") + 2
    assert relayed[:first_line_end].startswith(b"X-SafeHaven-Verdict: ")
    received = smtplib._quote_periods(head + body).replace(b"\r\n..", b"\r\n.")
    assert relayed[first_line_end:] == normalise_line_endings(received)
