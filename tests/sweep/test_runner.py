"""The sweep end to end: resuming, rescanning changes, marking deletions, and a real cluster."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
import warnings
from pathlib import Path

import pytest

from safehaven.sweep.runner import DaskExecutor, SerialExecutor, batches_make, sweep_run
from safehaven.sweep.store import store_open
from safehaven.sweep.walk import walk
from tests.sweep.helpers import (
    NEUTRAL,
    PERSONAL,
    SENSITIVE,
    make_maildir,
    make_mbox,
    make_zip,
    touch_later,
    write,
)


def _estate(root: Path, n: int = 12) -> None:
    texts = [NEUTRAL, PERSONAL, SENSITIVE]
    for i in range(n):
        write(root / f"team{i % 3}" / f"doc{i:02d}.txt", texts[i % 3] * (i + 1))
    make_mbox(root / "mail" / "archive.mbox", [PERSONAL, NEUTRAL])
    make_maildir(root / "mail" / "inbox", [SENSITIVE])
    make_zip(root / "exports" / "e.zip", {"a.txt": PERSONAL, "b.txt": NEUTRAL})


def _sweep(root: Path, store_path: Path, **kwargs):
    store = store_open(str(store_path))
    try:
        return sweep_run(
            roots=[str(root)],
            store=store,
            executor=kwargs.pop("executor", SerialExecutor()),
            batch_files=kwargs.pop("batch_files", 3),
            **kwargs,
        )
    finally:
        store.close()


def _items(store_path: Path) -> dict[tuple[str, str], tuple]:
    with sqlite3.connect(store_path) as conn:
        rows = conn.execute(
            "SELECT path, member, classification, status, run_id FROM sweep_item"
        ).fetchall()
    return {(p, m): (c, s, r) for p, m, c, s, r in rows}


def test_batches_close_at_the_byte_or_file_limit(tmp_path):
    for i in range(5):
        write(tmp_path / f"{i}.txt", "x" * 100)
    sources = list(walk([str(tmp_path)]))
    assert [len(b) for b in batches_make(sources, batch_bytes=250, batch_files=10)] == [3, 2]
    assert [len(b) for b in batches_make(sources, batch_bytes=10**9, batch_files=2)] == [2, 2, 1]


@pytest.mark.rule("SENS-1")
@pytest.mark.rule("SENS-2")
def test_sweep_classifies_with_the_real_engine(tmp_path):
    """Personal data (a named child with a date of birth and NHS number) is "personal"; add a
    child-protection plan and a diagnosis and it is "sensitive"; a menu is "none"."""
    write(tmp_path / "share" / "menu.txt", NEUTRAL)
    write(tmp_path / "share" / "referral.txt", PERSONAL)
    write(tmp_path / "share" / "case-note.txt", SENSITIVE)
    summary = _sweep(tmp_path / "share", tmp_path / "s.sqlite")
    assert summary.by_classification == {"none": 1, "personal": 1, "sensitive": 1}
    store = store_open(str(tmp_path / "s.sqlite"))
    items = {Path(i["path"]).name: i for i in store.items_live()}
    store.close()
    assert items["menu.txt"]["classification"] == "none"
    assert items["referral.txt"]["classification"] == "personal"
    assert '"UK_NHS": 1' in items["referral.txt"]["counts"]
    assert items["case-note.txt"]["classification"] == "sensitive"
    assert "safeguarding" in items["case-note.txt"]["categories"].split(",")


def test_interrupted_sweep_resumes_without_rescanning_or_double_counting(tmp_path):
    _estate(tmp_path / "share")
    store_path = tmp_path / "s.sqlite"
    first = _sweep(tmp_path / "share", store_path, stop_after=6)
    assert first.interrupted
    after_first = _items(store_path)
    second = _sweep(tmp_path / "share", store_path)
    assert not second.interrupted
    assert second.sources_skipped == first.sources_scanned
    assert second.sources_scanned == second.sources_found - first.sources_scanned
    after_second = _items(store_path)
    # Items recorded by the first run were not touched by the second.
    assert {k: after_second[k] for k in after_first} == after_first
    expected = 12 + 2 + 1 + 2  # text files, mbox messages, Maildir message, zip members
    assert len(after_second) == expected
    third = _sweep(tmp_path / "share", store_path)
    assert (third.sources_scanned, third.items) == (0, 0)
    assert _items(store_path) == after_second


def test_changed_file_is_rescanned_deleted_file_marked_gone(tmp_path):
    _estate(tmp_path / "share")
    store_path = tmp_path / "s.sqlite"
    _sweep(tmp_path / "share", store_path)
    menu = tmp_path / "share" / "team0" / "doc00.txt"
    menu.write_text(SENSITIVE)
    touch_later(menu)
    (tmp_path / "share" / "team1" / "doc01.txt").unlink()
    make_zip(tmp_path / "share" / "exports" / "e.zip", {"a.txt": PERSONAL})
    touch_later(tmp_path / "share" / "exports" / "e.zip")
    summary = _sweep(tmp_path / "share", store_path)
    assert summary.sources_scanned == 2
    assert summary.gone == 1
    items = _items(store_path)
    assert items[(str(menu), "")][:2] == ("sensitive", "ok")
    assert items[(str(tmp_path / "share" / "team1" / "doc01.txt"), "")][1] == "gone"
    zip_path = str(tmp_path / "share" / "exports" / "e.zip")
    assert items[(zip_path, "b.txt")][1] == "gone"
    assert items[(zip_path, "a.txt")][1] == "ok"


def test_unlistable_folder_does_not_mark_its_files_gone(tmp_path):
    _estate(tmp_path / "share", n=3)
    store_path = tmp_path / "s.sqlite"
    _sweep(tmp_path / "share", store_path)
    # Replace the folder by a file of the same name: listing it now fails like a lost mount.
    store = store_open(str(store_path))
    missing_root = tmp_path / "elsewhere"
    summary = sweep_run(roots=[str(missing_root)], store=store, executor=SerialExecutor())
    store.close()
    assert summary.gone == 0
    assert summary.problems == {"walk-error": 1}


def test_real_local_cluster_gives_the_same_items_as_a_serial_sweep(tmp_path):
    from distributed import Client, LocalCluster

    _estate(tmp_path / "share")
    _sweep(tmp_path / "share", tmp_path / "serial.sqlite")
    with warnings.catch_warnings():
        # Port 8787 (health endpoint) may be held by another cluster; Dask then picks another.
        warnings.filterwarnings("ignore", message="Port .* is already in use")
        cluster = LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
        )
    with cluster, Client(cluster) as client:
        summary = _sweep(
            tmp_path / "share", tmp_path / "dask.sqlite", executor=DaskExecutor(client)
        )
    assert summary.workers == 2
    assert summary.tasks >= 2
    assert summary.task_seconds > 0
    strip = lambda items: {k: v[:2] for k, v in items.items()}  # noqa: E731
    assert strip(_items(tmp_path / "dask.sqlite")) == strip(_items(tmp_path / "serial.sqlite"))


def test_kill_9_mid_sweep_then_rerun_finishes_without_double_counting(tmp_path):
    """A real SIGKILL of the CLI process while it is committing batches."""
    root = tmp_path / "share"
    for i in range(80):
        write(root / f"d{i // 20}" / f"{i:03d}.txt", (PERSONAL if i % 2 else NEUTRAL) * 20)
    store_path = tmp_path / "s.sqlite"
    cmd = [
        sys.executable,
        "-m",
        "safehaven",
        "sweep",
        str(root),
        "--store",
        str(store_path),
        "--workers",
        "0",
        "--batch-files",
        "2",
        "--no-progress",
    ]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 60
    done = 0
    while time.time() < deadline and proc.poll() is None:
        if store_path.exists():
            try:
                with sqlite3.connect(store_path, timeout=1) as conn:
                    done = conn.execute(
                        "SELECT COUNT(*) FROM sweep_source WHERE status = 'done'"
                    ).fetchone()[0]
            except sqlite3.OperationalError:
                done = 0
            if done >= 10:
                break
        time.sleep(0.02)
    assert proc.poll() is None, "the sweep finished before it could be killed: make it longer"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    killed_at = _items(store_path)
    assert 10 <= len(killed_at) < 80
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    final = _items(store_path)
    assert len(final) == 80
    # Everything recorded before the kill kept its first run's id: nothing was scanned twice.
    assert all(final[k] == v for k, v in killed_at.items())
    assert {v[2] for k, v in final.items() if k not in killed_at} == {2}


def test_small_sweeps_get_smaller_batches_so_every_worker_has_work(tmp_path):
    from safehaven.sweep.runner import batch_limits

    for i in range(40):
        write(tmp_path / f"{i:02d}.txt", "x" * 1000)
    sources = list(walk([str(tmp_path)]))
    nbytes, nfiles = batch_limits(sources, workers=2, batch_bytes=16 << 20, batch_files=200)
    assert (nbytes, nfiles) == (40_000 // 16, 40 // 16)
    assert len(list(batches_make(sources, batch_bytes=nbytes, batch_files=nfiles))) == 20
    big = batch_limits(sources * 10_000, workers=2, batch_bytes=16 << 20, batch_files=200)
    assert big == (16 << 20, 200)


def test_task_log_has_one_line_per_task_with_kinds_and_no_paths(tmp_path, monkeypatch):
    """SAFEHAVEN_SWEEP_TASK_LOG: per-task CPU and bytes by kind, for measuring; no paths."""
    import json

    from safehaven.sweep.runner import TASK_LOG_ENV, source_kind

    root = tmp_path / "Zorblax-share"
    _estate(root)
    log_file = tmp_path / "tasks.jsonl"
    monkeypatch.setenv(TASK_LOG_ENV, str(log_file))
    store = store_open(str(tmp_path / "s.sqlite"))
    summary = sweep_run(roots=[str(root)], store=store, executor=SerialExecutor(), batch_files=3)
    store.close()
    text = log_file.read_text()
    lines = [json.loads(line) for line in text.splitlines()]
    assert len(lines) == summary.tasks >= 2
    assert sum(t["files"] for t in lines) == summary.sources_scanned
    kinds: dict[str, int] = {}
    for t in lines:
        assert t["bytes"] == sum(b for _f, b in t["by_kind"].values())
        assert t["cpu_s"] >= 0
        assert t["wall_s"] >= 0
        for kind, (files, _b) in t["by_kind"].items():
            kinds[kind] = kinds.get(kind, 0) + files
    assert kinds == {"txt": 12, "mbox": 1, "maildir": 1, "zip": 1}
    assert "Zorblax" not in text
    assert "doc0" not in text
    assert source_kind("/m/inbox/cur/1700.M1:2,S") == "maildir"
    assert source_kind("/share/README") == "other"
