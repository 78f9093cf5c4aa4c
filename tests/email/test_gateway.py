"""The gateway on the web app's database, over real SMTP on loopback: an smtplib client, the
gateway (`records="django"`), and an aiosmtpd sink standing in for the onward relay.

Transactional tests: the gateway's threads and worker processes use their own database
connections, so they must see committed rows.
"""

from __future__ import annotations

import smtplib
import threading

import pytest
from aiosmtpd.controller import Controller
from django.db import OperationalError

from safehaven.email.models import EmailNearMiss, EmailRecipientHistory
from safehaven.register.models import Disclosure
from tests.email.gateway_helpers import (
    CONSENTED,
    SENSITIVE,
    header_id,
    message,
    send,
    start_gateway,
)
from tests.gateway.conftest import Sink

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.rule("TEL-9")
def test_relayed_disclosure_appears_in_the_register(gateway, sink, child, nurse, sender):
    send(gateway, message(CONSENTED, nurse.email))
    [(_, rcpts, raw)] = sink.messages
    assert rcpts == [nurse.email]
    entry = Disclosure.objects.get()
    assert entry.channel == "email"
    assert entry.service_user == child
    assert entry.recipient_email == nurse.email
    assert entry.disclosed_by == sender
    assert entry.lawful_basis == "consent"
    # The register entry and the relayed message carry the same correlation id.
    assert entry.correlation_id.hex == header_id(raw)
    assert "Amelia" not in entry.summary


@pytest.mark.rule("EMAIL-1")
def test_held_message_is_in_the_web_quarantine_and_the_near_miss_logs(
    gateway, sink, spool, client, dpo
):
    from safehaven.oversight.models import NearMiss

    send(gateway, message(SENSITIVE, "parent@gmail.com"))
    assert sink.messages == []
    client.force_login(dpo)
    page = client.get("/email/quarantine/")
    assert page.status_code == 200
    [held] = page.context["items"]
    assert "EMAIL-1" in held.meta["rules"]
    assert client.get(f"/email/quarantine/{held.id}/").status_code == 200
    miss = EmailNearMiss.objects.get(event="held")
    assert miss.quarantine_id == held.id
    assert "EMAIL-1" in miss.rules
    dpo_log = NearMiss.objects.get(kind="email_held")
    assert dpo_log.source_reference == f"email:{held.id}"
    assert "gmail" not in dpo_log.summary
    assert not Disclosure.objects.exists()


@pytest.mark.rule("EMAIL-4")
def test_blocked_message_is_refused_and_logged_for_the_dpo(gateway, sink, restricted_father, child):
    with pytest.raises(smtplib.SMTPDataError) as err:
        send(gateway, message(SENSITIVE, restricted_father.email))
    assert err.value.smtp_code == 550
    assert b"EMAIL-4" in err.value.smtp_error
    assert sink.messages == []
    miss = EmailNearMiss.objects.get(event="blocked")
    assert "EMAIL-4" in miss.rules
    assert miss.recipients == [restricted_father.email]


@pytest.mark.rule("TEL-9")
def test_relay_down_gives_451_and_the_retry_is_registered_once(
    spool, sink_port, sender, nurse, child
):
    gw = start_gateway(spool, sink_port)  # nothing listens on sink_port yet
    try:
        with pytest.raises(smtplib.SMTPDataError) as err:
            send(gw, message(CONSENTED, nurse.email))
        assert err.value.smtp_code == 451
        assert not Disclosure.objects.exists()
        assert gw.quarantine.list(status=None) == []
        relay = Sink()
        c = Controller(relay, hostname="127.0.0.1", port=sink_port)
        c.start()
        try:
            send(gw, message(CONSENTED, nurse.email))  # the sending server's retry
        finally:
            c.stop()
        assert len(relay.messages) == 1
        assert Disclosure.objects.count() == 1
    finally:
        gw.stop()


@pytest.mark.rule("TEL-9")
def test_restart_loses_nothing_held_mail_is_released_from_the_web(
    spool, sink, sink_port, sender, nurse, child, client, dpo
):
    first = start_gateway(spool, sink_port)
    try:
        send(first, message(SENSITIVE, "parent@gmail.com"))
    finally:
        first.stop()
    # A new gateway process on the same folder, with check workers in forkserver processes
    # that set Django up on the same (test) database.
    second = start_gateway(spool, sink_port, executor="process")
    try:
        client.force_login(dpo)
        [held] = client.get("/email/quarantine/").context["items"]
        response = client.post(f"/email/quarantine/{held.id}/release/", {"release-reason": "ok"})
        assert response.status_code == 302
        assert len(sink.messages) == 1
        released = Disclosure.objects.get()
        assert released.authorised_by == dpo
        assert released.recipient_email == "parent@gmail.com"
        # The worker processes read the records: the child is found and the disclosure written.
        send(second, message(CONSENTED, nurse.email))
        assert len(sink.messages) == 2
        assert Disclosure.objects.filter(recipient_email=nurse.email, service_user=child).exists()
    finally:
        second.stop()


@pytest.mark.rule("TEL-9")
def test_database_unavailable_the_disclosure_waits_in_the_outbox(
    gateway, sink, nurse, child, monkeypatch
):
    from safehaven.email.sinks import DjangoRegisterSink

    real = DjangoRegisterSink.disclosure_record

    def down(self, *, entry):
        raise OperationalError("database is locked")

    monkeypatch.setattr(DjangoRegisterSink, "disclosure_record", down)
    send(gateway, message(CONSENTED, nurse.email))  # relayed and answered 250
    assert len(sink.messages) == 1
    assert not Disclosure.objects.exists()
    assert len(gateway.outbox.pending()) == 1
    monkeypatch.setattr(DjangoRegisterSink, "disclosure_record", real)
    assert gateway.drain_outbox() == (1, 0)
    entry = Disclosure.objects.get()
    assert entry.service_user == child
    assert entry.correlation_id.hex == header_id(sink.messages[0][2])
    assert gateway.outbox.pending() == []


@pytest.mark.rule("TEL-9")
def test_neither_database_nor_outbox_gives_451_not_an_unrecorded_250(
    gateway, sink, nurse, monkeypatch
):
    from safehaven.email.sinks import DjangoRegisterSink

    def down(self, *, entry):
        raise OperationalError("no database")

    def full(entry):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(DjangoRegisterSink, "disclosure_record", down)
    monkeypatch.setattr(gateway.outbox, "put", full)
    with pytest.raises(smtplib.SMTPDataError) as err:
        send(gateway, message(CONSENTED, nurse.email))
    assert err.value.smtp_code == 451


@pytest.mark.rule("EMAIL-4")
def test_relayed_mail_is_remembered_so_the_second_message_is_not_first_time(gateway, sink):
    plain = "The meeting has moved to Thursday."
    send(gateway, message(plain, "new.person@partner.org.uk", subject="Meeting"))
    assert EmailRecipientHistory.objects.filter(
        sender="officer@ashby.sch.uk", address="new.person@partner.org.uk"
    ).exists()
    send(gateway, message(plain, "new.person@partner.org.uk", subject="Meeting"))
    first, second = (raw for _, _, raw in sink.messages)
    assert first.startswith(b"X-SafeHaven-Verdict: warn")
    assert second.startswith(b"X-SafeHaven-Verdict: allow")


def test_a_slow_database_write_does_not_stop_other_connections(gateway, sink, nurse, monkeypatch):
    """Database writes run in the gateway's thread pool, never on the event loop: while one
    message's register write waits, another client is served to the end."""
    from safehaven.email.sinks import DjangoRegisterSink

    real = DjangoRegisterSink.disclosure_record
    entered, release = threading.Event(), threading.Event()

    def slow(self, *, entry):
        entered.set()
        assert release.wait(30)
        real(self, entry=entry)

    monkeypatch.setattr(DjangoRegisterSink, "disclosure_record", slow)
    first = threading.Thread(target=send, args=(gateway, message(CONSENTED, nurse.email)))
    first.start()
    try:
        assert entered.wait(30)
        send(gateway, message("No names here.", "head@partner.org.uk", subject="Rota"))
        assert len(sink.messages) == 2  # the second was relayed while the first waited
    finally:
        release.set()
        first.join(30)
    assert Disclosure.objects.count() == 1


def test_records_files_options_are_refused_with_the_database(capsys):
    from safehaven.cli import main

    code = main(
        [
            "gateway",
            "--listen",
            "127.0.0.1:1",
            "--relay",
            "127.0.0.1:2",
            "--directory",
            "x.json",
        ]
    )
    assert code == 4
    assert "--records files" in capsys.readouterr().err


@pytest.mark.rule("TEL-9")
def test_a_broken_database_connection_in_a_check_is_replaced_and_the_check_retried(
    gateway, sink, nurse, child, monkeypatch
):
    from safehaven.email.directory import DjangoDirectory

    real = DjangoDirectory.service_users_in
    calls = []

    def once_broken(self, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(self, **kwargs)

    monkeypatch.setattr(DjangoDirectory, "service_users_in", once_broken)
    send(gateway, message(CONSENTED, nurse.email))
    assert len(calls) == 2
    assert len(sink.messages) == 1  # relayed, not held as "could not be checked"
    assert Disclosure.objects.get().service_user == child


@pytest.mark.rule("TEL-9")
def test_quarantine_command_uses_the_web_folder_and_the_register(
    gateway, sink, sink_port, spool, dpo, capsys
):
    import json

    from safehaven.cli import main

    send(gateway, message(SENSITIVE, "parent@gmail.com"))
    assert main(["quarantine", "list", "--json"]) == 0
    [held] = json.loads(capsys.readouterr().out)
    assert held["recipients"] == ["parent@gmail.com"]
    assert main(["quarantine", "release", held["id"], "--by", "nobody.here"]) == 4
    assert "not an active user" in capsys.readouterr().err
    assert main(["quarantine", "release", held["id"], "--by", dpo.username]) == 0
    assert len(sink.messages) == 1
    entry = Disclosure.objects.get()
    assert entry.authorised_by == dpo
    assert EmailNearMiss.objects.filter(event="released", quarantine_id=held["id"]).exists()
