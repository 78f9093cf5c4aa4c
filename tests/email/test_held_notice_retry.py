"""Notices of held mail are kept while the onward relay is down and sent once it is back, over
real SMTP on loopback: the gateway on this database with notices on, and the relay (an aiosmtpd
sink) started only later, on the port the gateway relays to. A decider is still told at most
once per interval; the sender once per held message; holding mail never waits for a notice.

Transactional: the gateway's threads use their own database connections.
"""

from __future__ import annotations

import socket
import threading
import time
from datetime import timedelta

import pytest
from aiosmtpd.controller import Controller
from django.utils import timezone

from safehaven.email.models import DeciderNotice
from safehaven.gateway import server
from tests.email.gateway_helpers import SENSITIVE, message, send, start_gateway
from tests.email.test_gateway_held_notice import SUBJECT
from tests.factories import UserFactory
from tests.gateway.conftest import Sink, free_port
from tests.waiting import wait_until

pytestmark = pytest.mark.django_db(transaction=True)

DECIDERS = ["dpo@county.gov.uk", "head@ashby.sch.uk"]
HOLD_SUBJECT = b"Your email is held for review"


@pytest.fixture
def deciders(school_a):
    UserFactory(role="dpo", email="dpo@county.gov.uk")
    UserFactory(role="authoriser", email="head@ashby.sch.uk", units=[school_a])


@pytest.fixture
def no_pause(monkeypatch):
    """The relay may be tried again at once after a failure (the default rests it 30 s)."""
    monkeypatch.setattr(server, "NOTICE_RETRY_PAUSE", 0.0)


@pytest.fixture
def late_relay(sink_port):
    """The onward relay, down until the test calls `start()`."""
    started = []

    class Late:
        sink = Sink()

        def start(self):
            c = Controller(self.sink, hostname="127.0.0.1", port=sink_port)
            c.start()
            started.append(c)

    yield Late()
    for c in started:
        c.stop()


def _kept(gw) -> list[str]:
    return sorted(p.name for p in (gw.config.spool / "notices").iterdir())


def _by_time(gw) -> list[str]:
    """The held messages' ids, oldest first (two ids of one second sort at random)."""
    return [h.id for h in sorted(gw.quarantine.list(), key=lambda h: h.meta["held_at"])]


def _decider_notices(sink) -> list[tuple[str, bytes]]:
    return [(rcpts[0], raw) for _, rcpts, raw in list(sink.messages) if SUBJECT.encode() in raw]


def _hold_notices(sink) -> list[tuple[str, bytes]]:
    return [(rcpts[0], raw) for _, rcpts, raw in list(sink.messages) if HOLD_SUBJECT in raw]


@pytest.mark.rule("EMAIL-1")
def test_notices_kept_while_the_relay_is_down_go_once_at_the_next_tick(
    spool, sink_port, late_relay, sender, nurse, child, deciders, no_pause
):
    gw = start_gateway(spool, sink_port, notify_from="safehaven@county.gov.uk", outbox_interval=0.2)
    try:
        send(gw, message(SENSITIVE, "parent@gmail.com"))  # held, although the relay is down
        [held] = gw.quarantine.list()
        # The sender's notice and one per decider, kept in the spool.
        assert wait_until(lambda: len(_kept(gw)) == 3), _kept(gw)
        claimed = dict(DeciderNotice.objects.values_list("address", "notified_at"))
        assert sorted(claimed) == DECIDERS
        late_relay.start()
        assert wait_until(lambda: len(late_relay.sink.messages) >= 3)
        assert wait_until(lambda: _kept(gw) == [])
        time.sleep(0.5)  # more ticks: nothing is sent twice
        sink = late_relay.sink
        assert sorted(to for to, _ in _decider_notices(sink)) == DECIDERS
        assert [to for to, _ in _hold_notices(sink)] == [sender.email]
        assert all(held.id.encode() in raw for _, _, raw in sink.messages)
        # Sent late: each decider's interval counts from when the notice went.
        for address, at in DeciderNotice.objects.values_list("address", "notified_at"):
            assert at > claimed[address]
        # Another held message within the interval: the sender is told, the deciders not again.
        send(gw, message(SENSITIVE, "parent@gmail.com"))
        assert wait_until(lambda: len(_hold_notices(sink)) == 2)
        time.sleep(0.5)
        assert sorted(to for to, _ in _decider_notices(sink)) == DECIDERS
    finally:
        gw.stop()


@pytest.mark.rule("EMAIL-1")
def test_a_decider_waits_for_one_notice_that_links_the_newest_message(
    spool, sink_port, late_relay, sender, nurse, child, deciders, no_pause
):
    # No tick during the test: the kept notices go at the next held message.
    gw = start_gateway(spool, sink_port, notify_from="safehaven@county.gov.uk")
    try:
        for _ in range(3):
            send(gw, message(SENSITIVE, "parent@gmail.com"))
        first, second, third = _by_time(gw)
        # Three senders' notices; one per decider, however many messages were held.
        assert wait_until(lambda: len(_kept(gw)) == 5), _kept(gw)
        assert sum(name.startswith("decider-") for name in _kept(gw)) == 2
        assert not any("@" in name for name in _kept(gw))  # no address in a file's name
        late_relay.start()
        send(gw, message(SENSITIVE, "parent@gmail.com"))
        fourth = _by_time(gw)[-1]
        sink = late_relay.sink
        assert wait_until(lambda: len(sink.messages) >= 6)
        time.sleep(0.5)
    finally:
        gw.stop()
    decider = _decider_notices(sink)
    assert sorted(to for to, _ in decider) == DECIDERS
    for _, raw in decider:  # the newest message held while they waited
        assert third.encode() in raw
        assert first.encode() not in raw
        assert second.encode() not in raw
    held = _hold_notices(sink)
    assert len(held) == 4
    for qid in (first, second, third, fourth):
        assert sum(qid.encode() in raw for _, raw in held) == 1
    assert _kept(gw) == []


def test_a_kept_notice_of_a_message_decided_meanwhile_is_dropped(
    spool, sink_port, late_relay, sender, nurse, child, deciders, no_pause
):
    gw = start_gateway(spool, sink_port, notify_from="safehaven@county.gov.uk", outbox_interval=0.2)
    try:
        send(gw, message(SENSITIVE, "parent@gmail.com"))
        [held] = gw.quarantine.list()
        assert wait_until(lambda: len(_kept(gw)) == 3)
        gw.quarantine.update(held.id, status="rejected", decided_by="dpo")
        late_relay.start()
        assert wait_until(lambda: _kept(gw) == [])
        time.sleep(0.3)
    finally:
        gw.stop()
    assert late_relay.sink.messages == []  # "not sent yet" and "waits for you" are untrue now


def test_a_kept_notice_older_than_a_day_is_dropped(
    spool, sink_port, late_relay, sender, nurse, child, deciders, no_pause
):
    gw = start_gateway(spool, sink_port, notify_from="safehaven@county.gov.uk")
    try:
        send(gw, message(SENSITIVE, "parent@gmail.com"))
        assert wait_until(lambda: len(_kept(gw)) == 3)
        for path in gw.handler.notices.pending():
            key = path.stem
            notice = gw.handler.notices.waiting(key)
            gw.handler.notices.put(key, {**notice, "kept_at": time.time() - 25 * 3600})
        late_relay.start()
        DeciderNotice.objects.update(notified_at=timezone.now() - timedelta(hours=1))
        send(gw, message(SENSITIVE, "parent@gmail.com"))  # its own notices go; not the old ones
        assert wait_until(lambda: len(late_relay.sink.messages) >= 3)
        time.sleep(0.3)
    finally:
        gw.stop()
    old, new = _by_time(gw)
    sent = late_relay.sink.messages
    assert len(sent) == 3
    assert all(new.encode() in raw for _, _, raw in sent)
    assert not any(old.encode() in raw for _, _, raw in sent)
    assert _kept(gw) == []


class _SilentRelay:
    """Accepts connections and never answers (a relay that hangs)."""

    def __init__(self, port: int) -> None:
        self.sock = socket.create_server(("127.0.0.1", port))
        self.conns: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)

    def close(self) -> None:
        self.sock.close()
        for c in self.conns:
            c.close()


@pytest.mark.rule("EMAIL-1")
def test_held_mail_is_answered_while_a_notice_waits_on_a_hanging_relay(
    spool, sender, nurse, child, deciders
):
    port = free_port()
    relay = _SilentRelay(port)
    gw = start_gateway(spool, port, relay_timeout=60, notify_from="safehaven@county.gov.uk")
    try:
        send(gw, message(SENSITIVE, "parent@gmail.com"))
        # The notice thread is now stuck in the relay's greeting, for up to 60 s.
        assert wait_until(lambda: len(relay.conns) == 1)
        send(gw, message(SENSITIVE, "parent@gmail.com"))
        send(gw, message(SENSITIVE, "parent@gmail.com"))
        # Both answered (held) while the first notice still waits: nothing on the message's
        # path waited for it, and the relay was not asked again meanwhile.
        assert len(gw.quarantine.list()) == 3
        assert len(relay.conns) == 1
    finally:
        relay.close()  # the stuck notice fails now, and is kept
        gw.stop()
    kept = sorted(p.name for p in (spool / "notices").iterdir())
    assert sum(name.startswith("sender-") for name in kept) == 3
    assert sum(name.startswith("decider-") for name in kept) == 2
