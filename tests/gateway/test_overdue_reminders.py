"""Reminders of overdue held mail, over real SMTP on loopback with the gateway on the web app's
database (as tests/gateway/test_notice_recovery_deciders.py): a message held longer than
SAFEHAVEN_HELD_OVERDUE_HOURS (its `held_at` set 30 hours back) gets one reminder to each person
who may decide it at the gateway's tick; a message not yet overdue, released or rejected gets
none; a second tick and a restart within the day send nothing; the reminder carries nothing of
the message; `--overdue-reminder-hours 0` sends none. The hourly scan is made to run at every
tick here (`REMINDER_SCAN_EVERY` = 0), so the per-person limit is what is tested.

Transactional: the gateway's threads use their own database connections.
"""

from __future__ import annotations

import email
import email.policy
import json
import threading
from datetime import UTC, datetime, timedelta

import pytest

from safehaven.gateway import reminders, server
from safehaven.gateway.reminders import ReminderLog, reminder_key
from safehaven.gateway.spool import Quarantine
from tests.email import conftest as email_fixtures
from tests.email.gateway_helpers import SENSITIVE, message, send, start_gateway
from tests.factories import UserFactory
from tests.waiting import wait_until

pytestmark = pytest.mark.django_db(transaction=True)

spool = email_fixtures.spool
sender = email_fixtures.sender
health = email_fixtures.health
nurse = email_fixtures.nurse
child = email_fixtures.child

NOTIFY_FROM = "safehaven@county.gov.uk"
DECIDERS = ["dpo@county.gov.uk", "head@ashby.sch.uk"]
REMINDER = b"Held email overdue for your review in SafeHaven"


@pytest.fixture
def deciders(school_a):
    UserFactory(role="dpo", email="dpo@county.gov.uk")
    UserFactory(role="authoriser", email="head@ashby.sch.uk", units=[school_a])


@pytest.fixture
def scans(monkeypatch):
    """The overdue scan at every tick; the list of how many reminders each scan sent now."""
    monkeypatch.setattr(reminders, "REMINDER_SCAN_EVERY", 0.0)
    done: list[int] = []
    real = server.GatewayHandler.send_overdue_reminders

    def counted(self):
        sent = real(self)
        done.append(sent)
        return sent

    monkeypatch.setattr(server.GatewayHandler, "send_overdue_reminders", counted)
    return done


def _text(raw: bytes) -> str:
    """A reminder's headers and body, decoded."""
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    head = "\n".join(f"{k}: {v}" for k, v in msg.items())
    return head + "\n" + msg.get_content()


def _reminders(sink) -> list[tuple[str, bytes]]:
    return [(rcpts[0], raw) for _, rcpts, raw in list(sink.messages) if REMINDER in raw]


def _hold(spool, sink, sink_port, *, count: int = 1, hours_ago: float = 30) -> list[str]:
    """`count` messages held by a gateway with notices on (its decider notices then dropped
    from the sink), their `held_at` set `hours_ago` back."""
    before = {h.id for h in Quarantine(spool).list()}
    gw = start_gateway(spool, sink_port, notify_from=NOTIFY_FROM, overdue_reminder_hours=0)
    try:
        for _ in range(count):
            send(gw, message(SENSITIVE, "parent@gmail.com"))  # 250: held
        held = [h for h in Quarantine(spool).list() if h.id not in before]
        assert len(held) == count
        assert wait_until(lambda: all(gw.handler.owed.is_marked(h.id) for h in held))
    finally:
        gw.stop()
    q = Quarantine(spool)
    at = (datetime.now(UTC) - timedelta(hours=hours_ago)).isoformat()
    for h in held:
        q.update(h.id, held_at=at)
    with sink.lock:
        sink.messages.clear()
    return [h.id for h in held]


def _run(spool, sink_port, scans, *, ticks: int = 3, **options) -> None:
    """A gateway with a fast tick, until `ticks` overdue scans have run."""
    start = len(scans)
    gw = start_gateway(spool, sink_port, notify_from=NOTIFY_FROM, outbox_interval=0.1, **options)
    try:
        assert wait_until(lambda: len(scans) >= start + ticks)
    finally:
        gw.stop()


@pytest.mark.rule("EMAIL-1")
def test_an_overdue_message_is_reminded_once_a_day_over_ticks_and_a_restart(
    spool, sink, sink_port, sender, nurse, child, deciders, scans
):
    [old] = _hold(spool, sink, sink_port, hours_ago=30)
    [new] = _hold(spool, sink, sink_port, hours_ago=1)
    _run(spool, sink_port, scans, ticks=4)
    got = _reminders(sink)
    assert sorted(to for to, _ in got) == DECIDERS  # one each, over four ticks
    assert scans[0] == 2
    assert not any(scans[1:])
    for _, raw in got:
        text = _text(raw)
        assert old in text
        assert f"/email/quarantine/{old}/" in text
        assert new not in text  # not yet overdue
        assert "1 email sent through SafeHaven's mail gateway has been held for more than 24" in (
            " ".join(text.split())
        )
        # Nothing of the message: no sender, recipient, subject, text or rule.
        for secret in (sender.email, "parent@gmail.com", "Amelia", "Whitworth", "CAMHS", "EMAIL-"):
            assert secret not in text
    # A restart within the day: nothing more.
    _run(spool, sink_port, scans, ticks=2)
    assert len(_reminders(sink)) == 2
    # The log: hashed keys only, no address.
    log_text = (spool / "reminders.json").read_text()
    assert "@" not in log_text
    assert sorted(json.loads(log_text)) == sorted(reminder_key(a) for a in DECIDERS)


@pytest.mark.rule("EMAIL-1")
def test_a_message_not_yet_overdue_is_not_reminded(
    spool, sink, sink_port, sender, nurse, child, deciders, scans
):
    _hold(spool, sink, sink_port, hours_ago=23)
    _run(spool, sink_port, scans, ticks=3)
    assert _reminders(sink) == []
    assert not any(scans)


@pytest.mark.rule("EMAIL-1")
@pytest.mark.parametrize("status", ["released", "rejected"])
def test_a_decided_message_is_not_reminded(
    spool, sink, sink_port, sender, nurse, child, deciders, scans, status
):
    [qid] = _hold(spool, sink, sink_port, hours_ago=30)
    Quarantine(spool).update(qid, status=status, decided_at=datetime.now(UTC).isoformat())
    _run(spool, sink_port, scans, ticks=3)
    assert _reminders(sink) == []


@pytest.mark.rule("EMAIL-1")
def test_several_overdue_messages_make_one_reminder_per_person_listing_each(
    spool, sink, sink_port, sender, nurse, child, deciders, scans
):
    qids = _hold(spool, sink, sink_port, count=3, hours_ago=30)
    _run(spool, sink_port, scans, ticks=3)
    got = _reminders(sink)
    assert sorted(to for to, _ in got) == DECIDERS
    for _, raw in got:
        text = " ".join(_text(raw).split())
        assert "3 emails sent through SafeHaven's mail gateway have been held" in text
        assert all(f"Reference: {q}" in text for q in qids)


@pytest.mark.rule("EMAIL-1")
def test_reminders_off_with_zero_hours(
    spool, sink, sink_port, sender, nurse, child, deciders, scans
):
    _hold(spool, sink, sink_port, hours_ago=30)
    gw = start_gateway(
        spool, sink_port, notify_from=NOTIFY_FROM, outbox_interval=0.1, overdue_reminder_hours=0
    )
    try:
        assert not wait_until(lambda: scans, timeout=1.5)  # ~15 ticks, no scan asked for
    finally:
        gw.stop()
    assert _reminders(sink) == []
    assert not (spool / "reminders.json").exists()


@pytest.mark.rule("EMAIL-1")
def test_a_reminder_the_relay_refuses_is_kept_and_sent_once_it_is_back(
    spool, sink, sink_port, sender, nurse, child, deciders, scans, monkeypatch
):
    [qid] = _hold(spool, sink, sink_port, hours_ago=30)
    refused = []
    real = server.GatewayHandler._notice

    def relay_down(self, cid, to, subject, lines, what):
        if "reminder" in what and not refused:
            refused.append(what)
            self._relay_rest_until = 0.0
            return False
        return real(self, cid, to, subject, lines, what)

    monkeypatch.setattr(server.GatewayHandler, "_notice", relay_down)
    gw = start_gateway(spool, sink_port, notify_from=NOTIFY_FROM, outbox_interval=0.1)
    try:
        assert wait_until(lambda: len(_reminders(sink)) == 2)
        assert wait_until(lambda: not list((spool / "notices").glob("reminder-*")))
        assert wait_until(lambda: len(scans) >= 3)
    finally:
        gw.stop()
    assert refused == ["overdue reminder"]
    got = _reminders(sink)
    assert sorted(to for to, _ in got) == DECIDERS  # the kept one once, the other once
    assert all(qid in _text(raw) for _, raw in got)


def test_two_processes_claiming_at_once_remind_a_person_once(tmp_path):
    """The claim is made under an flock: of several claimers (each with its own file
    descriptor, as separate processes), one gets each person."""
    keys = [reminder_key(a) for a in DECIDERS]
    got: list[dict] = []
    barrier = threading.Barrier(4)

    def claim():
        log = ReminderLog(tmp_path)
        barrier.wait()
        got.append(log.claim(keys, every=86400, now=1_000_000.0))

    threads = [threading.Thread(target=claim) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(k for g in got for k in g) == sorted(keys)
    # A day later, due again; a claim given back is due at once.
    log = ReminderLog(tmp_path)
    assert log.claim(keys, every=86400, now=1_000_000.0 + 3600) == {}
    again = log.claim(keys[:1], every=86400, now=1_000_000.0 + 86400)
    assert again == {keys[0]: 1_000_000.0}
    log.unclaim(again, claimed_at=1_000_000.0 + 86400)
    assert log.last()[keys[0]] == 1_000_000.0
