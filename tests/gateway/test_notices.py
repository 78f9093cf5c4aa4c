"""Notices the relay did not take (`safehaven.gateway.notices`): one waiting per key, taken by
one process only, put back unless a newer one replaced it, recovered after a crash; and a
standalone gateway (`--records files`) keeps the sender's notice while the relay is down and
sends it at its next tick (real SMTP on loopback)."""

from __future__ import annotations

import os
import time

import pytest
from aiosmtpd.controller import Controller

from safehaven.gateway import server
from safehaven.gateway.notices import NoticeQueue, decider_key, sender_key
from tests.gateway.conftest import Sink, make_gateway
from tests.gateway.test_server import SENSITIVE, _message, _send


def _notice(qid: str = "q1", to: str = "a@x.org") -> dict:
    return {"what": "decider notice", "cid": "c", "qid": qid, "to": to, "lines": ["x"]}


def test_one_notice_waits_per_key_and_the_newer_replaces_it(tmp_path):
    q = NoticeQueue(tmp_path)
    q.put(decider_key("A@x.org"), _notice("q1"))
    q.put(decider_key("a@X.org "), _notice("q2"))  # the same person
    q.put(sender_key("q1"), _notice("q1"))
    assert len(q.pending()) == 2
    assert q.waiting(decider_key("a@x.org"))["qid"] == "q2"
    assert all("@" not in p.name for p in q.pending())


def test_a_notice_is_taken_by_one_process_only(tmp_path):
    first, second = NoticeQueue(tmp_path), NoticeQueue(tmp_path)  # two gateways, one spool
    first.put("decider-1", _notice())
    [path] = first.pending()
    got = first.take(path)
    assert got is not None
    assert got[1]["qid"] == "q1"
    assert second.take(path) is None
    assert second.pending() == []
    first.done(got[0])
    assert list(first.dir.iterdir()) == []


def test_a_notice_given_back_yields_to_a_newer_one(tmp_path):
    q = NoticeQueue(tmp_path)
    q.put("decider-1", _notice("old"))
    taken, _ = q.take(q.pending()[0])
    q.give_back(taken)  # the relay did not take it
    assert q.waiting("decider-1")["qid"] == "old"
    taken, _ = q.take(q.pending()[0])
    q.put("decider-1", _notice("new"))  # a newer one while it was being sent
    q.give_back(taken)
    assert q.waiting("decider-1")["qid"] == "new"
    assert [p.name for p in q.dir.iterdir()] == ["decider-1.json"]


def test_a_notice_left_by_a_dead_process_is_recovered_once_old(tmp_path):
    q = NoticeQueue(tmp_path)
    q.put("sender-q1", _notice())
    taken, _ = q.take(q.pending()[0])  # ... and the process died
    assert q.recover(older_than=300) == 0  # it may still be sending
    os.utime(taken, (time.time() - 600, time.time() - 600))
    assert q.recover(older_than=300) == 1
    assert [p.name for p in q.pending()] == ["sender-q1.json"]


def test_an_unreadable_notice_is_set_aside(tmp_path):
    q = NoticeQueue(tmp_path)
    (q.dir / "sender-q1.json").write_text("{not json")
    assert q.take(q.pending()[0]) is None
    assert [p.name for p in q.dir.iterdir()] == ["sender-q1.unreadable"]


@pytest.mark.rule("EMAIL-1")
def test_a_standalone_gateway_sends_the_senders_notice_once_the_relay_is_back(
    gateway_files, sink_port, monkeypatch
):
    monkeypatch.setattr(server, "NOTICE_RETRY_PAUSE", 0.0)
    gw = make_gateway(
        gateway_files, sink_port, notify_from="safehaven@ashby.sch.uk", outbox_interval=0.2
    )
    notices = gateway_files["spool"] / "notices"
    sink, relay = Sink(), None
    try:
        _send(gw, _message(SENSITIVE, to="parent@gmail.com"))  # held; the relay is down
        [held] = gw.quarantine.list()
        deadline = time.monotonic() + 10
        while not list(notices.glob("*.json")) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert [p.name for p in notices.glob("*.json")] == [f"sender-{held.id}.json"]
        relay = Controller(sink, hostname="127.0.0.1", port=sink_port)
        relay.start()
        deadline = time.monotonic() + 10
        while not sink.messages and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # more ticks: not sent again
    finally:
        gw.stop()
        if relay is not None:
            relay.stop()
    [(_, rcpts, raw)] = sink.messages
    assert rcpts == ["officer@ashby.sch.uk"]
    assert held.id.encode() in raw
    assert list(notices.iterdir()) == []
