"""The quarantine's retention policy (`Quarantine.purge`): decided messages' bytes removed some
days after the decision with their record kept, held messages never removed, a dry run that
removes nothing, and a purge interrupted between its file operations that leaves each message
whole or with a record saying its bytes are gone (and nothing `recover()` re-registers)."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from safehaven.gateway import spool as spool_module
from safehaven.gateway.spool import Quarantine, QuarantineError, is_overdue

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)
RAW = b"From: a@ashby.sch.uk\r\nTo: b@agency.org.uk\r\nSubject: Amelia\r\n\r\nAmelia W.\r\n"


def _message(q: Quarantine, *, status: str = "held", days: float = 40, held_days: float = 41):
    qid = q.store(
        RAW,
        {
            "correlation_id": "cid-1",
            "sender": "a@ashby.sch.uk",
            "recipients": ["b@agency.org.uk"],
            "external_recipients": ["b@agency.org.uk"],
            "verdict": "hold",
            "rules": ["EMAIL-1"],
            "findings": [
                {
                    "rule": "EMAIL-1",
                    "severity": "hold",
                    "message": "Amelia Whitworth's health to an insecure domain.",
                    "evidence": {"names": ["Amelia Whitworth"]},
                }
            ],
            "outline": {"v": 1, "attachments": [{"name": "Amelia-EHCP.pdf"}]},
            "policy_version": "p1",
            "classification": "sensitive",
            "special_categories": ["health"],
            "service_user_ids": ["7"],
            "message_id": "<m1@ashby.sch.uk>",
            "size": len(RAW),
        },
    )
    q.update(qid, held_at=(NOW - timedelta(days=held_days)).isoformat())
    if status != "held":
        q.update(
            qid,
            status=status,
            decided_by="head.teacher",
            reason="checked with the family",
            decided_at=(NOW - timedelta(days=days)).isoformat(),
        )
    return qid


def _files(q: Quarantine) -> dict[str, bytes]:
    return {
        str(p.relative_to(q.root)): p.read_bytes()
        for d in (q.dir, q.purged_dir)
        for p in sorted(d.iterdir())
    }


@pytest.mark.rule("EMAIL-6")
def test_only_decided_messages_older_than_the_limit_lose_their_bytes(tmp_path):
    q = Quarantine(tmp_path)
    old_released = _message(q, status="released", days=31)
    old_rejected = _message(q, status="rejected", days=45)
    recent = _message(q, status="released", days=29)
    held = _message(q, held_days=400)
    done = q.purge(older_than_days=30, now=NOW)
    assert done.released == (old_released,)
    assert done.rejected == (old_rejected,)
    assert not done.skipped
    for qid in (old_released, old_rejected):
        assert not (q.dir / f"{qid}.eml").exists()
        assert not (q.dir / f"{qid}.json").exists()
        assert (q.purged_dir / f"{qid}.json").exists()
    for qid in (recent, held):
        assert q.raw(qid) == RAW
    assert [h.id for h in q.list(status=None)] == sorted([recent, held])
    assert q.purged_count() == 2


def test_held_messages_are_never_removed_whatever_the_limit(tmp_path):
    q = Quarantine(tmp_path)
    held = [_message(q, held_days=d) for d in (0, 31, 3650)]
    before = _files(q)
    done = q.purge(older_than_days=0, now=NOW)
    assert done.count == 0
    assert _files(q) == before
    assert all(q.raw(qid) == RAW for qid in held)


def test_a_dry_run_says_what_would_go_and_removes_nothing(tmp_path):
    q = Quarantine(tmp_path)
    gone = _message(q, status="rejected", days=60)
    _message(q, status="released", days=1)
    before = _files(q)
    done = q.purge(older_than_days=30, now=NOW, dry_run=True)
    assert done.dry_run
    assert done.ids == (gone,)
    assert _files(q) == before


def test_the_kept_record_has_the_decision_and_not_the_content(tmp_path):
    q = Quarantine(tmp_path)
    qid = _message(q, status="released", days=31)
    q.purge(older_than_days=30, now=NOW)
    held = q.get(qid)
    assert held.purged
    m = held.meta
    assert (m["status"], m["decided_by"], m["reason"]) == (
        "released",
        "head.teacher",
        "checked with the family",
    )
    assert m["decided_at"] == (NOW - timedelta(days=31)).isoformat()
    assert m["rules"] == ["EMAIL-1"]
    assert m["findings"] == [{"rule": "EMAIL-1", "severity": "hold"}]
    assert m["sender"] == "a@ashby.sch.uk"
    assert m["service_user_ids"] == ["7"]
    assert m["purged_at"] == NOW.isoformat()
    text = (q.purged_dir / f"{qid}.json").read_text()
    assert "Amelia" not in text  # not the findings' wording, evidence or attachments' names
    assert "outline" not in m
    with pytest.raises(QuarantineError, match="removed on 2026-11-26 under the retention"):
        q.raw(qid)
    with pytest.raises(QuarantineError, match="content removed"):
        q.update(qid, outline={})
    assert not (q.dir / f"{qid}.json").exists()  # never written back into the folder


def test_an_undated_decision_is_dated_by_its_metadata_file(tmp_path):
    q = Quarantine(tmp_path)
    qid = _message(q, status="held")
    q.update(qid, status="rejected")  # no decided_at (an older gateway's record)
    path = q.dir / f"{qid}.json"
    stamp = (NOW - timedelta(days=5)).timestamp()
    os.utime(path, (stamp, stamp))
    assert q.purge(older_than_days=10, now=NOW).count == 0
    assert q.purge(older_than_days=4, now=NOW).ids == (qid,)


def test_a_message_being_decided_or_read_is_skipped_then_purged_later(tmp_path):
    q = Quarantine(tmp_path)
    qid = _message(q, status="released", days=31)
    with q.lock(qid):
        done = q.purge(older_than_days=30, now=NOW)
    assert done.skipped == (qid,)
    assert q.raw(qid) == RAW
    assert q.purge(older_than_days=30, now=NOW).ids == (qid,)


def test_negative_days_are_refused_in_plain_words(tmp_path):
    with pytest.raises(QuarantineError, match="below zero"):
        Quarantine(tmp_path).purge(older_than_days=-1)


class Crash(BaseException):
    """The process dying at this point (not an error anything would catch)."""


def _state(q: Quarantine, qid: str) -> str:
    """ "whole", "removed" (the record says the bytes are gone) or what is wrong."""
    eml = (q.dir / f"{qid}.eml").exists()
    record = q.dir / f"{qid}.json"
    if not record.exists():
        record = q.purged_dir / f"{qid}.json"
    if not record.exists():
        return "orphan bytes" if eml else "lost"
    meta = json.loads(record.read_text())
    if meta.get("purged_at"):
        return "removed"
    return "whole" if eml else "record pointing at missing bytes"


@pytest.mark.parametrize("crash_at", ["unlink", "replace"])
def test_a_purge_interrupted_between_its_file_operations_recovers(tmp_path, monkeypatch, crash_at):
    """A crash after the records were cut down and before the bytes went ("unlink"), or after
    the bytes went and before the records moved ("replace"): every message is whole or says its
    bytes are removed; `recover()` re-registers nothing; the next purge finishes the job."""
    q = Quarantine(tmp_path)
    decided = [_message(q, status="released", days=40) for _ in range(3)]
    held = _message(q)
    real = Path.unlink if crash_at == "unlink" else os.replace
    calls = {"n": 0}

    def dying(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:  # half-way through the batch's second step
            raise Crash
        return real(*args, **kwargs)

    if crash_at == "unlink":
        monkeypatch.setattr(Path, "unlink", dying)
    else:
        monkeypatch.setattr(spool_module.os, "replace", _only_into_purged(real, dying))
    with pytest.raises(Crash):
        q.purge(older_than_days=30, now=NOW)
    monkeypatch.undo()
    states = {qid: _state(q, qid) for qid in decided}
    assert set(states.values()) <= {"whole", "removed"}, states
    assert "removed" in states.values()
    # A restart: nothing is re-registered as held, the held message is untouched.
    restarted = Quarantine(tmp_path)
    assert restarted.recover() == []
    assert [h.id for h in restarted.list()] == [held]
    for qid in decided:
        held_now = restarted.get(qid)
        assert held_now.status == "released"
        if held_now.purged:
            with pytest.raises(QuarantineError):
                restarted.raw(qid)
        else:
            assert restarted.raw(qid) == RAW
    # The next purge finishes what was interrupted.
    restarted.purge(older_than_days=30, now=NOW)
    assert {_state(restarted, qid) for qid in decided} == {"removed"}
    assert [p.stem for p in restarted.dir.glob("*.eml")] == [held]
    assert restarted.raw(held) == RAW
    assert sorted(p.stem for p in restarted.purged_dir.glob("*.json")) == sorted(decided)


def _only_into_purged(real, dying):
    """`os.replace` that dies on a move into `purged/` (atomic writes still work)."""

    def replace(src, dst, *args, **kwargs):
        if Path(dst).parent.name == "purged":
            return dying(src, dst, *args, **kwargs)
        return real(src, dst, *args, **kwargs)

    return replace


def test_bytes_left_beside_a_purged_record_are_removed_not_re_registered(tmp_path):
    q = Quarantine(tmp_path)
    qid = _message(q, status="rejected", days=40)
    q.purge(older_than_days=30, now=NOW)
    (q.dir / f"{qid}.eml").write_bytes(RAW)  # as if the unlink had not reached the disk
    orphan = q.store_message(b"a message whose metadata was never written")
    assert q.recover() == [orphan]
    assert not (q.dir / f"{qid}.eml").exists()
    assert q.get(qid).purged
    assert [h.id for h in q.list()] == [orphan]


def test_held_messages_waiting_longer_than_the_threshold_are_overdue():
    now = NOW
    held = {"status": "held", "held_at": (now - timedelta(hours=25)).isoformat()}
    assert is_overdue(held, now=now, hours=24)
    assert not is_overdue(held, now=now, hours=26)
    assert not is_overdue(held, now=now, hours=0)  # 0: never flagged
    assert not is_overdue({**held, "status": "released"}, now=now, hours=24)
    assert not is_overdue({"status": "held"}, now=now, hours=24)  # no time recorded


def test_a_lock_left_by_a_dead_process_does_not_stop_the_purge_for_ever(tmp_path):
    q = Quarantine(tmp_path)
    stale = _message(q, status="released", days=31)
    fresh = _message(q, status="released", days=31)
    for qid, age in ((stale, 2 * 3600), (fresh, 60)):
        lock = q.dir / f"{qid}.lock"
        lock.touch()
        stamp = datetime.now(UTC).timestamp() - age
        os.utime(lock, (stamp, stamp))
    done = q.purge(older_than_days=30, now=NOW)
    assert done.ids == (stale,)
    assert done.skipped == (fresh,)
    assert not (q.dir / f"{stale}.lock").exists()
    assert (q.dir / f"{fresh}.lock").exists()


@pytest.mark.rule("EMAIL-6")
def test_a_retention_hold_keeps_a_message_until_it_is_lifted(tmp_path):
    from safehaven.gateway.review import quarantine_retention_hold

    q = Quarantine(tmp_path)
    complaint = _message(q, status="released", days=40)
    other = _message(q, status="released", days=40)
    quarantine_retention_hold(quarantine=q, qid=complaint, by="dpo", reason="complaint 2026/14")
    dry = q.purge(older_than_days=30, now=NOW, dry_run=True)
    assert (dry.ids, dry.kept) == ((other,), (complaint,))
    done = q.purge(older_than_days=30, now=NOW)
    assert (done.ids, done.kept) == ((other,), (complaint,))
    assert q.raw(complaint) == RAW
    hold = q.get(complaint).meta["retention_hold"]
    assert (hold["by"], hold["reason"]) == ("dpo", "complaint 2026/14")
    quarantine_retention_hold(quarantine=q, qid=complaint, by="dpo2", hold=False)
    assert q.purge(older_than_days=30, now=NOW).ids == (complaint,)
    lifted = q.get(complaint).meta["retention_hold_lifted"]  # kept in the record
    assert (lifted["by"], lifted["lifted_by"]) == ("dpo", "dpo2")
    with pytest.raises(QuarantineError, match="already removed"):
        quarantine_retention_hold(quarantine=q, qid=other, by="dpo", reason="too late")


def test_a_hold_needs_a_name_and_a_reason_and_a_lift_needs_a_hold(tmp_path):
    from safehaven.gateway.review import quarantine_retention_hold

    q = Quarantine(tmp_path)
    qid = _message(q, status="rejected", days=1)
    with pytest.raises(QuarantineError, match="say who"):
        quarantine_retention_hold(quarantine=q, qid=qid, by=" ", reason="x")
    with pytest.raises(QuarantineError, match="give the reason"):
        quarantine_retention_hold(quarantine=q, qid=qid, by="dpo", reason=" ")
    with pytest.raises(QuarantineError, match="not under a retention hold"):
        quarantine_retention_hold(quarantine=q, qid=qid, by="dpo", hold=False)
