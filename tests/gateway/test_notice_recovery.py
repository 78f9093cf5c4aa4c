"""Notices of held mail survive a crash (`safehaven.gateway.notices.OwedNotices`): a held
message whose notices were never sent nor kept is owed them until its marker is written; a
dead gateway's owed messages are recovered by one process only (its lock). The standalone
gateway (`--records files`, the sender's notice only) over real SMTP on loopback, one of them
in a real process killed with SIGKILL after its 250 and before any notice was tried."""

from __future__ import annotations

import json
import os
import signal
import smtplib
import subprocess
import sys
import textwrap
import time

import pytest
from aiosmtpd.controller import Controller

from safehaven.gateway import server
from safehaven.gateway.notices import OwedNotices, sender_key
from safehaven.gateway.spool import Quarantine
from tests.gateway.conftest import Sink, free_port, make_gateway
from tests.gateway.test_server import SENSITIVE, _message, _send
from tests.waiting import wait_until

NOTIFY_FROM = "safehaven@ashby.sch.uk"
HOLD_SUBJECT = b"Your email is held for review"


def _hold_notices(sink: Sink) -> list[tuple[list[str], bytes]]:
    return [(rcpts, raw) for _, rcpts, raw in list(sink.messages) if HOLD_SUBJECT in raw]


def _held(spool, *, notices_by: str | None, status: str = "held") -> str:
    meta = {"sender": "officer@ashby.sch.uk", "status": status}
    if notices_by is not None:
        meta["notices_by"] = notices_by
    q = Quarantine(spool)
    qid = q.store(b"Subject: x\r\n\r\nx\r\n", meta)
    if status != "held":
        q.update(qid, status=status)
    return qid


# --- the ledger ----------------------------------------------------------------------------------


def test_a_held_message_is_owed_until_logged_and_only_by_its_dead_owner(tmp_path):
    q = Quarantine(tmp_path)
    alive, other, dead = (OwedNotices(tmp_path, q.dir) for _ in range(3))
    alive.start()
    dead.start()
    mine = _held(tmp_path, notices_by=alive.token)
    theirs = _held(tmp_path, notices_by=dead.token)
    assert other.owed() == {alive.token: [mine], dead.token: [theirs]}
    assert other.owed(in_flight={mine}) == {dead.token: [theirs]}
    # The owner is alive: nobody else may recover its messages.
    assert other.take_owner(alive.token) is None
    assert other.take_owner(dead.token) is None
    dead.close()  # the process died (the kernel drops its lock)
    other.start()
    fd = other.take_owner(dead.token)
    assert fd is not None
    assert OwedNotices(tmp_path, q.dir).take_owner(dead.token) is None  # one recoverer only
    assert other.mark(theirs)
    other.release_owner(dead.token, fd, settled=True)
    assert other.owed() == {alive.token: [mine]}
    assert OwedNotices(tmp_path, q.dir).owed() == {alive.token: [mine]}  # logged on disk
    assert sorted(os.listdir(other.dir)) == sorted(
        f"{t}.{ext}" for t in (alive.token, other.token) for ext in ("lock", "told")
    )
    alive.close()
    other.close()


def test_the_in_flight_set_is_read_after_the_quarantine_is_listed(tmp_path, monkeypatch):
    """The owner adds a message to its in-flight set before writing its metadata: a scan that
    read the set before listing the folder could find that message owed and send its notices
    beside the owner's own notice thread."""
    from safehaven.gateway import notices

    q = Quarantine(tmp_path)
    owner = OwedNotices(tmp_path, q.dir)
    flying: set[str] = set()
    qid = _held(tmp_path, notices_by=owner.token)
    real_listdir = os.listdir

    def listdir(path):
        names = real_listdir(path)
        if path == q.dir:
            flying.add(qid)  # held just as the folder was read
        return names

    monkeypatch.setattr(notices.os, "listdir", listdir)
    assert owner.owed(in_flight=flying) == {}


def test_messages_held_without_notices_or_decided_owe_nothing_and_are_read_once(
    tmp_path, monkeypatch
):
    q = Quarantine(tmp_path)
    before = _held(tmp_path, notices_by=None)  # notices off, or held before this existed
    released = _held(tmp_path, notices_by="deadbeef", status="released")
    owed = OwedNotices(tmp_path, q.dir)
    owed.start()
    assert owed.owed() == {}
    assert owed.is_marked(before)
    assert owed.is_marked(released)
    reads = []
    real = OwedNotices._read_owner
    monkeypatch.setattr(
        OwedNotices, "_read_owner", lambda self, qid: reads.append(qid) or real(self, qid)
    )
    waiting = _held(tmp_path, notices_by="deadbeef")
    assert OwedNotices(tmp_path, q.dir).owed() == {"deadbeef": [waiting]}  # from the log
    assert owed.owed() == {"deadbeef": [waiting]}
    assert owed.owed() == {"deadbeef": [waiting]}  # its owner cached: read by each scanner once
    assert reads == [waiting, waiting]
    owed.close()


def test_a_dead_log_is_compacted_into_the_recoverers_and_deleted(tmp_path):
    q = Quarantine(tmp_path)
    dead = OwedNotices(tmp_path, q.dir)
    dead.start()
    kept, purged = (_held(tmp_path, notices_by=dead.token) for _ in range(2))
    dead.mark(kept, purged)
    dead.close()
    for suffix in (".json", ".eml"):
        (q.dir / f"{purged}{suffix}").unlink()  # purged since
    other = OwedNotices(tmp_path, q.dir)
    other.start()
    assert other.owed() == {}
    fd = other.take_owner(dead.token)
    other.release_owner(dead.token, fd, settled=True)
    assert not (other.dir / f"{dead.token}.told").exists()
    assert not (other.dir / f"{dead.token}.lock").exists()
    assert (other.dir / f"{other.token}.told").read_text().split() == [kept]
    other.close()


def test_a_line_being_written_is_read_once_whole(tmp_path):
    q = Quarantine(tmp_path)
    writer, reader = OwedNotices(tmp_path, q.dir), OwedNotices(tmp_path, q.dir)
    writer.start()
    qid = _held(tmp_path, notices_by=writer.token)
    with open(writer.dir / f"{writer.token}.told", "a") as fh:
        fh.write(qid[:10])  # half a line so far
    assert not reader.is_marked(qid)
    with open(writer.dir / f"{writer.token}.told", "a") as fh:
        fh.write(qid[10:] + "\n")
    assert reader.is_marked(qid)
    writer.close()


def test_nothing_in_the_ledger_names_a_person(tmp_path):
    q = Quarantine(tmp_path)
    owed = OwedNotices(tmp_path, q.dir)
    owed.start()
    qid = _held(tmp_path, notices_by=owed.token)
    owed.mark(qid)
    names = os.listdir(owed.dir)
    assert sorted(names) == [f"{owed.token}.lock", f"{owed.token}.told"]
    assert (owed.dir / f"{owed.token}.told").read_text() == f"{qid}\n"
    owed.close()


# --- the gateway ---------------------------------------------------------------------------------

# A gateway in a process of its own whose notice thread never reaches the held message (it is
# killed in that window).
CHILD = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    from safehaven.gateway import server
    from safehaven.gateway.server import Gateway, GatewayConfig

    server.GatewayHandler._notify_after_hold = lambda *args: time.sleep(3600)
    port, relay, spool, policy, directory = sys.argv[1:6]
    gw = Gateway(GatewayConfig(
        listen=("127.0.0.1", int(port)), relay=("127.0.0.1", int(relay)), spool=Path(spool),
        records="files", policy_path=policy, directory_path=directory, executor="thread",
        workers=1, relay_timeout=5, notify_from="safehaven@ashby.sch.uk",
    ))
    gw.start()
    print("ready", flush=True)
    time.sleep(3600)
    """
)


def _killed_after_the_answer(gateway_files, sink_port, tmp_path, while_alive=None) -> str:
    """Holds one message in a child gateway, then (after `while_alive()`, if given) SIGKILLs
    it before any notice; its id."""
    script = tmp_path / "child_gateway.py"
    script.write_text(CHILD)
    port = free_port()
    child = subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [
            sys.executable, str(script), str(port), str(sink_port), str(gateway_files["spool"]),
            str(gateway_files["policy"]), str(gateway_files["directory"]),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )  # fmt: skip
    try:
        assert child.stdout.readline().strip() == "ready"
        with smtplib.SMTP("127.0.0.1", port, timeout=30) as client:
            refused = client.sendmail(
                "officer@ashby.sch.uk",
                ["parent@gmail.com"],
                _message(SENSITIVE, to="parent@gmail.com").as_bytes(),
            )
        assert refused == {}  # 250: held, durably
        if while_alive is not None:
            while_alive()
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        child.stdout.close()
    [held] = Quarantine(gateway_files["spool"]).list()
    assert held.meta["notices_by"]
    return held.id


@pytest.mark.rule("EMAIL-1")
def test_a_gateway_killed_after_the_250_tells_the_sender_at_the_next_start(
    gateway_files, sink, sink_port, tmp_path
):
    qid = _killed_after_the_answer(gateway_files, sink_port, tmp_path)
    assert sink.messages == []  # nobody was told
    gw = make_gateway(gateway_files, sink_port, notify_from=NOTIFY_FROM)
    try:
        assert wait_until(lambda: _hold_notices(sink))
        owed = gw.handler.owed
        assert wait_until(lambda: owed.is_marked(qid))
        # The dead process's files are gone once everything it owed is settled.
        mine = [f"{owed.token}.lock", f"{owed.token}.told"]
        assert wait_until(lambda: sorted(os.listdir(owed.dir)) == mine)
        time.sleep(0.3)
    finally:
        gw.stop()
    [(rcpts, raw)] = _hold_notices(sink)
    assert rcpts == ["officer@ashby.sch.uk"]
    assert qid.encode() in raw


@pytest.mark.rule("EMAIL-1")
def test_notices_already_sent_are_not_sent_again_after_a_restart(gateway_files, sink, sink_port):
    gw = make_gateway(gateway_files, sink_port, notify_from=NOTIFY_FROM)
    try:
        _send(gw, _message(SENSITIVE, to="parent@gmail.com"))
        assert wait_until(lambda: _hold_notices(sink))
        [held] = gw.quarantine.list()
        assert wait_until(lambda: gw.handler.owed.is_marked(held.id))
    finally:
        gw.stop()
    for _ in range(2):  # two restarts, with ticks
        gw = make_gateway(gateway_files, sink_port, notify_from=NOTIFY_FROM, outbox_interval=0.1)
        try:
            time.sleep(0.6)
        finally:
            gw.stop()
    assert len(_hold_notices(sink)) == 1


@pytest.mark.rule("EMAIL-1")
def test_a_message_released_before_the_restart_gets_no_notice(
    gateway_files, sink, sink_port, tmp_path
):
    qid = _killed_after_the_answer(gateway_files, sink_port, tmp_path)
    Quarantine(gateway_files["spool"]).update(qid, status="released")
    gw = make_gateway(gateway_files, sink_port, notify_from=NOTIFY_FROM, outbox_interval=0.1)
    try:
        owed = gw.handler.owed
        assert wait_until(lambda: owed.is_marked(qid))  # settled: nothing is owed
        time.sleep(0.3)
    finally:
        gw.stop()
    assert _hold_notices(sink) == []


@pytest.mark.rule("EMAIL-1")
def test_the_relay_down_at_the_restart_keeps_the_owed_notice_and_sends_it_once_back(
    gateway_files, sink_port, tmp_path, monkeypatch
):
    monkeypatch.setattr(server, "NOTICE_RETRY_PAUSE", 0.0)
    qid = _killed_after_the_answer(gateway_files, sink_port, tmp_path)
    gw = make_gateway(gateway_files, sink_port, notify_from=NOTIFY_FROM, outbox_interval=0.2)
    notices = gateway_files["spool"] / "notices"
    sink, relay = Sink(), None
    try:
        # Kept as today, and the message marked as settled (the kept notice is the promise).
        assert wait_until(lambda: (notices / f"{sender_key(qid)}.json").exists())
        assert wait_until(lambda: gw.handler.owed.is_marked(qid))
        relay = Controller(sink, hostname="127.0.0.1", port=sink_port)
        relay.start()
        assert wait_until(lambda: _hold_notices(sink))
        time.sleep(0.6)  # more ticks: not sent again
    finally:
        gw.stop()
        if relay is not None:
            relay.stop()
    [(rcpts, raw)] = _hold_notices(sink)
    assert rcpts == ["officer@ashby.sch.uk"]
    assert qid.encode() in raw
    assert list(notices.glob("*.json")) == []


@pytest.mark.rule("EMAIL-1")
def test_a_notice_neither_sent_nor_kept_is_tried_again_at_the_tick(
    gateway_files, sink, sink_port, monkeypatch
):
    """Not a crash: the relay refused and the spool could not keep the notice. The message
    stays owed and this process sends it at a later tick."""
    from safehaven.gateway.notices import NoticeQueue

    monkeypatch.setattr(server, "NOTICE_RETRY_PAUSE", 0.0)
    failures = [1]
    real_notice = server.GatewayHandler._notice

    def refused_once(self, *args):
        if failures:
            failures.pop()
            return False
        return real_notice(self, *args)

    def no_space(self, key, notice):
        raise OSError("no space left on device")

    monkeypatch.setattr(server.GatewayHandler, "_notice", refused_once)
    monkeypatch.setattr(NoticeQueue, "put", no_space)
    gw = make_gateway(gateway_files, sink_port, notify_from=NOTIFY_FROM, outbox_interval=0.2)
    try:
        _send(gw, _message(SENSITIVE, to="parent@gmail.com"))
        [held] = gw.quarantine.list()
        assert wait_until(lambda: _hold_notices(sink))
        assert wait_until(lambda: gw.handler.owed.is_marked(held.id))
        time.sleep(0.6)
    finally:
        gw.stop()
    assert len(_hold_notices(sink)) == 1


def test_gateway_json_meta_carries_the_owner_only_with_notices_on(gateway_files, sink, sink_port):
    gw = make_gateway(gateway_files, sink_port)
    try:
        _send(gw, _message(SENSITIVE, to="parent@gmail.com"))
        assert gw.handler.owed is None
    finally:
        gw.stop()
    [held] = Quarantine(gateway_files["spool"]).list()
    assert "notices_by" not in held.meta
    assert not (gateway_files["spool"] / "notices-owed").exists()
    assert json.loads((gateway_files["spool"] / "quarantine" / f"{held.id}.json").read_text())


@pytest.mark.rule("EMAIL-1")
def test_a_running_gateway_tells_what_a_peer_on_its_spool_owed_when_it_died(
    gateway_files, sink, sink_port, tmp_path
):
    """Two gateways on one spool: the other is killed after its 250; this one, running all
    along, sends the owed notice at its next tick (and never while the other lived)."""
    gw = make_gateway(gateway_files, sink_port, notify_from=NOTIFY_FROM, outbox_interval=0.2)

    def ticks_pass_and_nothing_is_sent():
        time.sleep(1.0)  # five ticks: the other gateway is alive, its message is its own
        assert _hold_notices(sink) == []

    try:
        qid = _killed_after_the_answer(
            gateway_files, sink_port, tmp_path, while_alive=ticks_pass_and_nothing_is_sent
        )
        assert wait_until(lambda: _hold_notices(sink))
        assert wait_until(lambda: gw.handler.owed.is_marked(qid))
        time.sleep(0.6)  # more ticks: not sent again
    finally:
        gw.stop()
    [(rcpts, raw)] = _hold_notices(sink)
    assert rcpts == ["officer@ashby.sch.uk"]
    assert qid.encode() in raw
