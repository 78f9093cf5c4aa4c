"""The notices of a held message survive the gateway's death, deciders' included, over real SMTP
on loopback with the gateway on the web app's database (as tests/email/test_held_notice_retry.py):
a first gateway holds the message and dies (its notice thread never reaches the message, or it
dies after claiming the deciders' rate limit and before sending); the next one tells the sender
and every decider. Notices sent are not sent again; a message decided meanwhile gets none; the
relay down at the restart keeps them as today; two gateways starting at once tell each person
once.

The first test kills a real gateway process (SIGKILL) on the test database. Elsewhere "dies"
is a gateway stopped with its notice thread held back: for the notices' log that is a death
(no line written, the process's lock let go).

Transactional: the gateway's threads use their own database connections.
"""

from __future__ import annotations

import pickle
import signal
import smtplib
import subprocess
import sys
import textwrap
import threading
import time

import pytest
from aiosmtpd.controller import Controller

from safehaven.email.models import DeciderNotice
from safehaven.gateway import server
from safehaven.gateway.spool import Quarantine
from tests.email import conftest as email_fixtures
from tests.email.gateway_helpers import SENSITIVE, message, send, start_gateway
from tests.email.test_gateway_held_notice import SUBJECT
from tests.factories import UserFactory
from tests.gateway.conftest import Sink, free_port
from tests.waiting import wait_until

pytestmark = pytest.mark.django_db(transaction=True)

# The web app's school, child, sender and spool, as in tests/email (fixtures of its conftest).
spool = email_fixtures.spool
sender = email_fixtures.sender
health = email_fixtures.health
nurse = email_fixtures.nurse
child = email_fixtures.child

NOTIFY_FROM = "safehaven@county.gov.uk"
DECIDERS = ["dpo@county.gov.uk", "head@ashby.sch.uk"]
HOLD_SUBJECT = b"Your email is held for review"


class Died(BaseException):
    """The gateway process dying at this point (nothing after it runs)."""


@pytest.fixture
def deciders(school_a):
    UserFactory(role="dpo", email="dpo@county.gov.uk")
    UserFactory(role="authoriser", email="head@ashby.sch.uk", units=[school_a])


def _decider_notices(sink) -> list[tuple[str, bytes]]:
    return [(rcpts[0], raw) for _, rcpts, raw in list(sink.messages) if SUBJECT.encode() in raw]


def _hold_notices(sink) -> list[tuple[str, bytes]]:
    return [(rcpts[0], raw) for _, rcpts, raw in list(sink.messages) if HOLD_SUBJECT in raw]


def _dies_before_any_notice(spool, sink_port, monkeypatch, *, messages: int = 1) -> list[str]:
    """A gateway holds `messages` messages and dies before its notice thread reaches them."""
    with monkeypatch.context() as m:
        m.setattr(server.GatewayHandler, "_notify_after_hold", lambda *args: None)
        gw = start_gateway(spool, sink_port, notify_from=NOTIFY_FROM)
        try:
            for _ in range(messages):
                send(gw, message(SENSITIVE, "parent@gmail.com"))  # 250: held
        finally:
            gw.stop()
    held = Quarantine(spool).list()
    assert len(held) == messages
    assert all(h.meta.get("notices_by") for h in held)
    return [h.id for h in held]


def _wait_settled(gw, qids) -> bool:
    return wait_until(lambda: all(gw.handler.owed.is_marked(q) for q in qids))


@pytest.mark.rule("EMAIL-1")
def test_the_sender_and_the_deciders_are_told_after_a_death_before_any_notice(
    spool, sink, sink_port, sender, nurse, child, deciders, monkeypatch
):
    [qid] = _dies_before_any_notice(spool, sink_port, monkeypatch)
    assert sink.messages == []  # nobody was told
    gw = start_gateway(spool, sink_port, notify_from=NOTIFY_FROM)
    try:
        assert wait_until(lambda: len(_decider_notices(sink)) == 2 and _hold_notices(sink))
        assert _wait_settled(gw, [qid])
        time.sleep(0.3)
    finally:
        gw.stop()
    assert sorted(to for to, _ in _decider_notices(sink)) == DECIDERS
    assert [to for to, _ in _hold_notices(sink)] == [sender.email]
    assert all(qid.encode() in raw for _, _, raw in sink.messages)
    # The rate limit counts from these notices.
    assert sorted(DeciderNotice.objects.values_list("address", flat=True)) == DECIDERS


# A gateway on this (test) database in a process of its own, whose notice thread never
# reaches the held message: it is killed in that window.
CHILD = textwrap.dedent(
    """
    import os, pickle, sys, time
    from pathlib import Path

    port, relay, spool, backend_state = sys.argv[1:5]
    with open(backend_state, "rb") as fh:
        state = pickle.load(fh)
    os.environ["DJANGO_SETTINGS_MODULE"] = state["settings_module"]
    from safehaven.email.gateway import DjangoBackend
    from safehaven.gateway import server
    from safehaven.gateway.server import Gateway, GatewayConfig

    backend = DjangoBackend.__new__(DjangoBackend)
    backend.__setstate__(state)
    backend.init_worker()  # Django on the test database
    server.GatewayHandler._notify_after_hold = lambda *args: time.sleep(3600)
    gw = Gateway(GatewayConfig(
        listen=("127.0.0.1", int(port)), relay=("127.0.0.1", int(relay)), spool=Path(spool),
        records="django", executor="thread", workers=1, relay_timeout=5,
        notify_from="safehaven@county.gov.uk",
    ), backend=backend)
    gw.start()
    print("ready", flush=True)
    time.sleep(3600)
    """
)


@pytest.mark.rule("EMAIL-1")
def test_a_gateway_process_killed_after_the_250_tells_sender_and_deciders_at_the_next_start(
    spool, sink, sink_port, sender, nurse, child, deciders, tmp_path
):
    from safehaven.email.gateway import DjangoBackend

    script, state = tmp_path / "child_gateway.py", tmp_path / "backend.pickle"
    script.write_text(CHILD)
    state.write_bytes(pickle.dumps(DjangoBackend().__getstate__()))
    port = free_port()
    proc = subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, str(script), str(port), str(sink_port), str(spool), str(state)],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout.readline().strip() == "ready"
        with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
            client.send_message(message(SENSITIVE, "parent@gmail.com"))  # 250: held
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        proc.stdout.close()
    [held] = Quarantine(spool).list()
    assert held.meta["notices_by"]
    assert sink.messages == []  # nobody was told
    gw = start_gateway(spool, sink_port, notify_from=NOTIFY_FROM)
    try:
        assert wait_until(lambda: len(_decider_notices(sink)) == 2 and _hold_notices(sink))
        assert _wait_settled(gw, [held.id])
        time.sleep(0.3)
    finally:
        gw.stop()
    assert sorted(to for to, _ in _decider_notices(sink)) == DECIDERS
    assert [to for to, _ in _hold_notices(sink)] == [sender.email]
    assert all(held.id.encode() in raw for _, _, raw in sink.messages)


@pytest.mark.rule("EMAIL-1")
def test_the_deciders_are_told_after_a_death_between_their_claim_and_the_send(
    spool, sink, sink_port, sender, nurse, child, deciders, monkeypatch
):
    """The rate limit was claimed in the database for notices that never went: the recovery
    tells them anyway (the sender, told before the death, is told a second time: at least
    once)."""
    real = server.GatewayHandler._send_or_keep

    def dies_at_the_deciders(self, key, notice):
        if notice["what"] == "decider notice":
            raise Died
        return real(self, key, notice)

    with monkeypatch.context() as m:
        m.setattr(server.GatewayHandler, "_send_or_keep", dies_at_the_deciders)
        gw = start_gateway(spool, sink_port, notify_from=NOTIFY_FROM)
        try:
            send(gw, message(SENSITIVE, "parent@gmail.com"))
            assert wait_until(lambda: DeciderNotice.objects.count() == 2)  # claimed
            assert wait_until(lambda: _hold_notices(sink))
            time.sleep(0.2)
        finally:
            gw.stop()
    assert _decider_notices(sink) == []
    [held] = Quarantine(spool).list()
    gw = start_gateway(spool, sink_port, notify_from=NOTIFY_FROM)
    try:
        assert wait_until(lambda: len(_decider_notices(sink)) == 2)
        assert _wait_settled(gw, [held.id])
        time.sleep(0.3)
    finally:
        gw.stop()
    assert sorted(to for to, _ in _decider_notices(sink)) == DECIDERS
    assert len(_hold_notices(sink)) == 2


@pytest.mark.rule("EMAIL-1")
def test_notices_sent_are_not_sent_again_after_a_restart(
    spool, sink, sink_port, sender, nurse, child, deciders
):
    gw = start_gateway(spool, sink_port, notify_from=NOTIFY_FROM)
    try:
        send(gw, message(SENSITIVE, "parent@gmail.com"))
        [held] = gw.quarantine.list()
        assert wait_until(lambda: len(_decider_notices(sink)) == 2 and _hold_notices(sink))
        assert _wait_settled(gw, [held.id])
    finally:
        gw.stop()
    DeciderNotice.objects.all().delete()  # no rate limit in the way: only the marker stops it
    gw = start_gateway(spool, sink_port, notify_from=NOTIFY_FROM, outbox_interval=0.1)
    try:
        time.sleep(0.8)  # the start's scan and several ticks
    finally:
        gw.stop()
    assert len(_decider_notices(sink)) == 2
    assert len(_hold_notices(sink)) == 1


@pytest.mark.rule("EMAIL-1")
def test_a_message_released_before_the_restart_gets_no_notice(
    spool, sink, sink_port, sender, nurse, child, deciders, monkeypatch
):
    [qid] = _dies_before_any_notice(spool, sink_port, monkeypatch)
    Quarantine(spool).update(qid, status="released")
    gw = start_gateway(spool, sink_port, notify_from=NOTIFY_FROM, outbox_interval=0.1)
    try:
        assert _wait_settled(gw, [qid])
        time.sleep(0.3)
    finally:
        gw.stop()
    assert sink.messages == []


@pytest.mark.rule("EMAIL-1")
def test_the_relay_down_at_the_restart_keeps_the_owed_notices_and_sends_them_once(
    spool, sink_port, sender, nurse, child, deciders, monkeypatch
):
    monkeypatch.setattr(server, "NOTICE_RETRY_PAUSE", 0.0)
    [qid] = _dies_before_any_notice(spool, sink_port, monkeypatch)
    gw = start_gateway(spool, sink_port, notify_from=NOTIFY_FROM, outbox_interval=0.2)
    kept = spool / "notices"
    sink, relay = Sink(), None
    try:
        # The sender's and both deciders' notices kept, as for any notice the relay refuses.
        assert wait_until(lambda: len(list(kept.glob("*.json"))) == 3)
        assert _wait_settled(gw, [qid])
        relay = Controller(sink, hostname="127.0.0.1", port=sink_port)
        relay.start()
        assert wait_until(lambda: len(sink.messages) >= 3)
        assert wait_until(lambda: list(kept.glob("*.json")) == [])
        time.sleep(0.6)  # more ticks: nothing twice
    finally:
        gw.stop()
        if relay is not None:
            relay.stop()
    assert sorted(to for to, _ in _decider_notices(sink)) == DECIDERS
    assert [to for to, _ in _hold_notices(sink)] == [sender.email]


@pytest.mark.rule("EMAIL-1")
def test_two_gateways_starting_at_once_tell_each_person_once(
    spool, sink, sink_port, sender, nurse, child, deciders, monkeypatch
):
    qids = _dies_before_any_notice(spool, sink_port, monkeypatch, messages=3)
    gateways, errors = [], []

    def start():
        try:
            gateways.append(start_gateway(spool, sink_port, notify_from=NOTIFY_FROM))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    try:
        assert errors == []
        assert len(gateways) == 2
        assert wait_until(lambda: len(_hold_notices(sink)) >= 3)
        assert _wait_settled(gateways[0], qids)
        time.sleep(0.5)
    finally:
        for gw in gateways:
            gw.stop()
    # Each decider once (pointing at the newest of the three), each sender's notice once.
    decider = _decider_notices(sink)
    assert sorted(to for to, _ in decider) == DECIDERS
    newest = max(qids)
    assert all(newest.encode() in raw for _, raw in decider)
    assert len(_hold_notices(sink)) == 3
    assert sorted(qid for qid in qids for _, raw in _hold_notices(sink) if qid.encode() in raw) == (
        sorted(qids)
    )
