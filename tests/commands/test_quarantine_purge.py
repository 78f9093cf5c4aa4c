"""`safehaven quarantine purge` and the overdue flag of `quarantine list`, standalone
(`--records files`) over a real spool: ids and counts only, plain-English errors, exit codes."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from safehaven.cli import main
from safehaven.gateway.spool import Quarantine

RAW = b"From: a@ashby.sch.uk\r\nTo: b@agency.org.uk\r\nSubject: Amelia\r\n\r\nbody\r\n"


def _message(q: Quarantine, *, status="held", decided_days=40.0, held_hours=1.0) -> str:
    now = datetime.now(UTC)
    qid = q.store(
        RAW,
        {"sender": "a@ashby.sch.uk", "recipients": ["b@agency.org.uk"], "rules": ["EMAIL-1"]},
    )
    q.update(qid, held_at=(now - timedelta(hours=held_hours)).isoformat())
    if status != "held":
        q.update(
            qid,
            status=status,
            decided_by="head",
            decided_at=(now - timedelta(days=decided_days)).isoformat(),
        )
    return qid


@pytest.fixture
def spool(tmp_path):
    return tmp_path / "spool"


def _run(spool, *args) -> int:
    return main(["quarantine", "--records", "files", "--spool", str(spool), *args])


def test_purge_prints_counts_and_ids_and_removes_only_old_decided_mail(spool, capsys):
    q = Quarantine(spool)
    old = sorted([_message(q, status="released"), _message(q, status="rejected")])
    recent = _message(q, status="released", decided_days=2)
    held = _message(q, held_hours=24 * 400)
    assert _run(spool, "purge") == 0
    out = capsys.readouterr().out
    assert "Removed the content of 2 decided message(s) decided more than 30 day(s) ago" in out
    assert "(1 released, 1 rejected)" in out
    assert [line.strip() for line in out.splitlines()[1:]] == old
    assert "a@ashby.sch.uk" not in out  # no personal data
    assert "Amelia" not in out
    assert {h.id for h in q.list(status=None)} == {recent, held}


def test_purge_dry_run_removes_nothing(spool, capsys):
    q = Quarantine(spool)
    qid = _message(q, status="rejected")
    assert _run(spool, "purge", "--dry-run", "--older-than", "10") == 0
    out = capsys.readouterr().out
    assert out.startswith("Would remove the content of 1 decided message(s)")
    assert qid in out
    assert q.raw(qid) == RAW


def test_purge_follows_the_gateways_retention_unless_told(spool, capsys):
    q = Quarantine(spool)
    qid = _message(q, status="released", decided_days=10)
    (spool / "gateway.json").write_text(json.dumps({"retain_decided_days": 7}))
    assert _run(spool, "purge", "--dry-run") == 0
    assert "more than 7 day(s) ago" in capsys.readouterr().out
    (spool / "gateway.json").write_text(json.dumps({"retain_decided_days": 0}))
    assert _run(spool, "purge") == 0
    assert "Retention is off for this spool" in capsys.readouterr().out
    assert q.raw(qid) == RAW
    assert _run(spool, "purge", "--older-than", "0") == 0
    assert q.get(qid).purged


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("-3", "--older-than -3 is not 0 or more days"),
        ("thirty", "--older-than 'thirty' is not a number of days"),
        ("nan", "is not 0 or more days"),
    ],
)
def test_bad_days_are_refused_in_plain_english(spool, capsys, value, said):
    Quarantine(spool)
    assert _run(spool, "purge", "--older-than", value) == 4
    err = capsys.readouterr().err
    assert said in err
    assert "Traceback" not in err


def test_an_unknown_spool_is_refused_in_plain_english(tmp_path, capsys):
    assert _run(tmp_path / "nowhere", "purge") == 4
    err = capsys.readouterr().err
    assert "is not a gateway spool (no quarantine folder)" in err
    assert "Traceback" not in err
    assert not (tmp_path / "nowhere").exists()  # nothing created


def test_a_message_in_use_is_reported_and_the_exit_code_says_so(spool, capsys):
    q = Quarantine(spool)
    qid = _message(q, status="released")
    with q.lock(qid):
        assert _run(spool, "purge") == 3
    captured = capsys.readouterr()
    assert "Skipped 1 message(s) in use" in captured.err
    assert qid in captured.err


def test_list_flags_overdue_held_mail_and_counts_removed_content(spool, capsys):
    q = Quarantine(spool)
    late = _message(q, held_hours=30)
    fresh = _message(q, held_hours=2)
    _message(q, status="released")
    assert _run(spool, "purge") == 0
    capsys.readouterr()
    assert _run(spool, "list") == 0
    out = capsys.readouterr().out
    lines = {line.split()[0]: line for line in out.splitlines() if line[:1].isdigit()}
    assert lines[late].endswith("OVERDUE")
    assert "OVERDUE" not in lines[fresh]
    assert "1 held longer than 24 hours without a decision (OVERDUE)" in out
    assert _run(spool, "list", "--overdue-hours", "48") == 0
    assert "OVERDUE" not in capsys.readouterr().out
    assert _run(spool, "list", "--all") == 0
    assert "1 more decided message(s) had their content removed" in capsys.readouterr().out
    assert _run(spool, "list", "--json") == 0
    rows = {r["id"]: r["overdue"] for r in json.loads(capsys.readouterr().out)}
    assert rows == {late: True, fresh: False}


def test_a_spool_that_cannot_be_written_is_said_in_plain_english(spool, capsys):
    Quarantine(spool)
    (spool / "purged").rmdir()
    (spool / "purged").write_text("not a folder")  # a spool damaged by hand
    assert _run(spool, "purge") == 4
    err = capsys.readouterr().err
    assert "could not be read or written" in err
    assert "Traceback" not in err


def test_keep_holds_a_message_past_the_purge_and_lift_lets_it_go(spool, capsys):
    q = Quarantine(spool)
    qid = _message(q, status="released")
    assert _run(spool, "keep", qid, "--by", "dpo") == 4
    assert "give the reason to keep it" in capsys.readouterr().err
    assert _run(spool, "keep", qid, "--by", "dpo", "--reason", "complaint 2026/14") == 0
    assert "Kept" in capsys.readouterr().out
    assert _run(spool, "purge") == 0
    out = capsys.readouterr().out
    assert "content of 0 decided message(s)" in out
    assert f"Kept 1 message(s) under a retention hold (`quarantine keep`):\n  {qid}" in out
    assert _run(spool, "list", "--all") == 0
    assert "KEPT (retention hold)" in capsys.readouterr().out
    assert _run(spool, "keep", qid, "--by", "dpo", "--lift") == 0
    assert _run(spool, "purge") == 0
    assert qid in capsys.readouterr().out
    assert q.get(qid).purged
