"""The gateway's own retention purge: at its tick, at most once an hour, in a thread of its own
that never holds up the SMTP answer; off with `retain_decided_days=0`; the setting written
beside the spool for `safehaven quarantine purge` and the web pages."""

from __future__ import annotations

import json
import smtplib
import threading
import time
from datetime import UTC, datetime, timedelta

from safehaven.gateway.spool import Quarantine
from tests.gateway.conftest import make_gateway
from tests.waiting import wait_until

RAW = b"From: a@ashby.sch.uk\r\nTo: b@agency.org.uk\r\nSubject: x\r\n\r\nbody\r\n"


def _decided(spool, days: float) -> str:
    q = Quarantine(spool)
    qid = q.store(RAW, {"sender": "a@ashby.sch.uk", "recipients": ["b@agency.org.uk"]})
    at = (datetime.now(UTC) - timedelta(days=days)).isoformat()
    q.update(qid, status="rejected", decided_by="head", decided_at=at)
    return qid


def test_the_gateway_purges_at_its_tick_at_most_once_an_hour(gateway_files, sink_port):
    spool = gateway_files["spool"]
    first = _decided(spool, days=31)
    kept = _decided(spool, days=29)
    gw = make_gateway(gateway_files, sink_port, outbox_interval=0.05, retain_decided_days=30)
    try:
        q = Quarantine(spool)
        settings = json.loads((spool / "gateway.json").read_text())
        assert settings["retain_decided_days"] == 30
        assert wait_until(lambda: q.get(first).purged)
        assert not q.get(kept).purged
        second = _decided(spool, days=31)
        time.sleep(0.5)  # ten ticks: within the hour, no second purge
        assert not q.get(second).purged
        gw._last_purge -= 3600  # an hour later
        assert wait_until(lambda: q.get(second).purged)
    finally:
        gw.stop()


def test_no_purge_when_retention_is_off(gateway_files, sink_port):
    spool = gateway_files["spool"]
    qid = _decided(spool, days=3650)
    gw = make_gateway(gateway_files, sink_port, outbox_interval=0.05, retain_decided_days=0)
    try:
        time.sleep(0.5)
        assert not Quarantine(spool).get(qid).purged
        assert json.loads((spool / "gateway.json").read_text())["retain_decided_days"] == 0
    finally:
        gw.stop()


def test_a_slow_purge_holds_up_no_smtp_answer(gateway_files, sink_port, monkeypatch, sink):
    started, release = threading.Event(), threading.Event()
    where = []

    def slow_purge(self, **kwargs):
        where.append(threading.current_thread().name)
        started.set()
        release.wait(30)
        return real(self, **kwargs)

    real = Quarantine.purge
    monkeypatch.setattr(Quarantine, "purge", slow_purge)
    gw = make_gateway(gateway_files, sink_port, outbox_interval=0.05)
    try:
        assert started.wait(10)
        t0 = time.monotonic()
        with smtplib.SMTP(*gw.config.listen, timeout=20) as client:
            refused = client.sendmail(
                "officer@ashby.sch.uk",
                ["office@ashby.sch.uk"],
                b"From: officer@ashby.sch.uk\r\nTo: office@ashby.sch.uk\r\n"
                b"Subject: Staff meeting\r\n\r\nThe meeting is at four.\r\n",
            )
        assert refused == {}
        assert time.monotonic() - t0 < 10
        assert where == ["safehaven-purge"]
    finally:
        release.set()
        gw.stop()
