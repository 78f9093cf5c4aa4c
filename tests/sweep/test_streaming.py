"""The streaming sweep: the walk is lazy and bounded, work goes out under backpressure, results
are recorded as they arrive, and a sweep killed mid-walk resumes without rescanning or double
counting. Bad input met while walking (loops, permissions, changing files) is counted."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from safehaven.sweep import runner
from safehaven.sweep.model import Source
from safehaven.sweep.runner import DaskExecutor, SerialExecutor, batches_stream, sweep_run
from safehaven.sweep.store import store_open
from safehaven.sweep.walk import Walker
from safehaven.sweep.worker import ScanOptions
from tests.sweep.helpers import NEUTRAL, PERSONAL, CheapEngine, touch_later, write

CHEAP = ScanOptions(engine=CheapEngine())


def _tree(root: Path, folders: int, per_folder: int) -> list[Path]:
    made = []
    for f in range(folders):
        for i in range(per_folder):
            text = PERSONAL if (f + i) % 3 == 0 else NEUTRAL
            made.append(write(root / f"f{f:03d}" / f"{i:04d}.txt", text))
    return made


def _sweep(root: Path, store_path: Path, **kwargs):
    store = store_open(str(store_path))
    try:
        return sweep_run(
            roots=[str(root)],
            store=store,
            executor=kwargs.pop("executor", SerialExecutor()),
            options=kwargs.pop("options", CHEAP),
            batch_files=kwargs.pop("batch_files", 2),
            **kwargs,
        )
    finally:
        store.close()


def _rows(store_path: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(store_path) as conn:
        return conn.execute(sql).fetchall()


# -- the walk ---------------------------------------------------------------------------------


def test_walker_remembers_folders_and_hard_links_not_every_file(tmp_path):
    _tree(tmp_path, folders=3, per_folder=50)
    os.link(tmp_path / "f000" / "0000.txt", tmp_path / "f001" / "zz-hardlink.txt")
    walker = Walker([str(tmp_path)])
    files = list(walker.files())
    assert len(files) == 150  # the hard link is the same file: counted once
    # The root, three folders and the one file with two links: not 150 file identities.
    assert walker.tracked == 5


def test_walk_is_lazy_one_folder_at_a_time(tmp_path):
    _tree(tmp_path, folders=2, per_folder=3)
    files = Walker([str(tmp_path)]).files()
    first = next(files)
    assert first.path.endswith("f000/0000.txt")
    # A file added to a folder the walk has not entered yet is found: nothing was listed ahead.
    write(tmp_path / "f001" / "zzz-late.txt", NEUTRAL)
    assert [Path(s.path).name for s in files][-1] == "zzz-late.txt"


def test_file_symlink_inside_the_roots_is_swept_at_its_own_path(tmp_path):
    share, outside = tmp_path / "share", tmp_path / "outside"
    real = write(share / "real.txt", PERSONAL)
    elsewhere = write(outside / "kept-elsewhere.txt", PERSONAL)
    os.symlink(real, share / "a-link-to-real.txt")  # sorts first, but is not the identity
    os.symlink(elsewhere, share / "b-link-out.txt")
    os.symlink(elsewhere, share / "c-second-link-out.txt")
    paths = [s.path for s in Walker([str(share)]).files()]
    assert paths == [str(share / "b-link-out.txt"), str(real)]


def test_symlink_loop_in_a_sweep_is_counted_once_and_the_sweep_finishes(tmp_path):
    _tree(tmp_path / "share", folders=2, per_folder=2)
    os.symlink(tmp_path / "share", tmp_path / "share" / "f001" / "back-to-top")
    summary = _sweep(tmp_path / "share", tmp_path / "s.sqlite")
    assert summary.problems == {"symlink-loop": 1}
    assert summary.sources_scanned == 4
    assert _rows(tmp_path / "s.sqlite", "SELECT kind, path FROM sweep_problem") == [
        ("symlink-loop", str(tmp_path / "share" / "f001" / "back-to-top"))
    ]


# -- batching and backpressure ------------------------------------------------------------------


def test_batches_stream_holds_a_bounded_look_ahead_and_balances_the_tail():
    pulled = 0

    def sources():
        nonlocal pulled
        for i in range(1_000):
            pulled += 1
            yield Source(path=f"/s/{i:04d}", size=10, mtime_ns=1, owner="x")

    emitted = 0
    ahead = []
    batches = []
    for batch in batches_stream(sources(), workers=2, batch_bytes=10**9, batch_files=10):
        emitted += len(batch)
        ahead.append(pulled - emitted)
        batches.append(batch)
    assert [s.path for b in batches for s in b] == [f"/s/{i:04d}" for i in range(1_000)]
    # 2 workers x 8 tasks x 10 files buffered at most, never the whole stream.
    assert max(ahead) <= 2 * runner.TASKS_PER_WORKER * 10
    assert {len(b) for b in batches[:-17]} == {10}
    # The last buffer is cut smaller so both workers finish together.
    assert max(len(b) for b in batches[-16:]) < 10


def test_dask_executor_keeps_in_flight_futures_bounded_and_pulls_work_only_as_slots_free(
    tmp_path,
):
    from distributed import Client

    _tree(tmp_path / "share", folders=4, per_folder=10)
    sources = list(Walker([str(tmp_path / "share")]).files())
    pulled = 0

    def batches():
        nonlocal pulled
        for i in range(0, len(sources), 2):
            pulled += 1
            yield sources[i : i + 2]

    cluster = runner.local_cluster(1)
    with cluster, Client(cluster) as client:
        executor = DaskExecutor(client, window_per_worker=3)
        assert executor.window == 3
        done = 0
        most_ahead = 0
        for result in executor.run(batches(), CHEAP):
            done += 1
            most_ahead = max(most_ahead, pulled - done)
            assert result.results
    assert done == 20
    assert executor.max_in_flight == 3
    # Never more batches taken from the walk than results handed back plus the window.
    assert most_ahead <= executor.window


def test_default_cluster_is_one_single_threaded_process_per_core():
    """The engine is pure Python: threads would share one GIL, so workers are processes."""
    from distributed import Client

    assert runner.default_workers() == len(os.sched_getaffinity(0))
    cluster = runner.local_cluster()
    with cluster, Client(cluster) as client:
        nthreads = client.nthreads()
        pids = client.run(os.getpid)
    assert len(nthreads) == runner.default_workers()
    assert set(nthreads.values()) == {1}
    assert len(set(pids.values())) == len(pids)
    assert os.getpid() not in pids.values()


# -- streaming sweeps, resuming, changes ---------------------------------------------------------


def test_scanning_starts_before_the_walk_ends(tmp_path, monkeypatch):
    """A file created during the sweep, in a folder the walk has not reached yet, is swept by
    the same run: the walk had not finished when the first results were recorded."""
    monkeypatch.setattr(runner, "LOOKUP", 4)
    _tree(tmp_path / "share", folders=3, per_folder=20)
    late = tmp_path / "share" / "f002" / "zzz-late.txt"  # the last folder the walk enters
    first_results = []

    def on_batch(result):
        if not first_results:
            first_results.append(result)
            write(late, PERSONAL)

    summary = _sweep(tmp_path / "share", tmp_path / "s.sqlite", on_batch=on_batch)
    assert summary.sources_scanned == 61
    assert (str(late), "personal") in _rows(
        tmp_path / "s.sqlite", "SELECT path, classification FROM sweep_item"
    )


def test_interrupted_walk_marks_nothing_gone_a_finished_one_does(tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "LOOKUP", 4)
    files = _tree(tmp_path / "share", folders=3, per_folder=10)
    store_path = tmp_path / "s.sqlite"
    _sweep(tmp_path / "share", store_path)
    files[-1].unlink()  # in the last folder the walk reaches
    stopped = _sweep(tmp_path / "share", store_path, stop_after=1)
    # Nothing was rescanned (all unchanged) and nothing recorded: stop_after never fired, the
    # walk finished, and the deletion is seen.
    assert (stopped.sources_scanned, stopped.gone) == (0, 1)
    files[0].write_text(PERSONAL + "more")
    touch_later(files[0])
    files[-2].unlink()
    interrupted = _sweep(tmp_path / "share", store_path, stop_after=1)
    assert interrupted.interrupted
    assert interrupted.gone == 0  # the walk was cut short: absence proves nothing yet
    live = _rows(store_path, "SELECT COUNT(*) FROM sweep_source WHERE status = 'done'")
    assert live == [(29,)]
    final = _sweep(tmp_path / "share", store_path)
    assert (final.sources_scanned, final.gone) == (0, 1)
    assert _rows(store_path, "SELECT COUNT(*) FROM sweep_source WHERE status = 'done'") == [(28,)]


def test_file_changing_during_the_sweep_is_recorded_as_read_and_rescanned_only_if_needed(
    tmp_path,
):
    """A file changed after it was scanned is rescanned next run; one changed after the walk
    found it but before it was scanned is scanned as it now is, and not again."""
    share = tmp_path / "share"
    early = write(share / "a" / "early.txt", NEUTRAL)
    for i in range(6):
        write(share / "b" / f"{i}.txt", NEUTRAL)
    late = write(share / "c" / "late.txt", NEUTRAL)
    changed = []

    def on_batch(result):
        if not changed:  # early.txt was in the first batch; late.txt is walked, not scanned
            early.write_text(PERSONAL)
            touch_later(early)
            late.write_text(PERSONAL)
            touch_later(late)
            changed.append(True)

    store_path = tmp_path / "s.sqlite"
    _sweep(share, store_path, on_batch=on_batch, batch_files=1)
    rows = dict(_rows(store_path, "SELECT path, classification FROM sweep_item"))
    assert rows[str(early)] == "none"  # as it was when read
    assert rows[str(late)] == "personal"  # as it was when read, after the change
    again = _sweep(share, store_path)
    assert again.sources_scanned == 1
    rows = dict(_rows(store_path, "SELECT path, classification FROM sweep_item"))
    assert rows[str(early)] == "personal"
    assert _rows(store_path, "SELECT COUNT(*) FROM sweep_item") == [(8,)]


def test_permission_errors_met_by_the_walk_are_counted_and_mark_nothing_gone(tmp_path):
    """As `nobody` (root ignores file modes): a folder that cannot be listed is a walk-error,
    entries of a folder that can be listed but not entered are unreadable; files recorded
    under them by an earlier run are not marked gone, and the sweep goes on."""
    top = tempfile.mkdtemp(prefix="sweep-walkperm-", dir="/tmp")
    share = Path(top) / "share"
    try:
        os.chmod(top, 0o777)
        write(share / "open" / "a.txt", PERSONAL)
        write(share / "locked" / "b.txt", PERSONAL)
        write(share / "listonly" / "c.txt", PERSONAL)
        store_path = Path(top) / "s.sqlite"
        first = _sweep(share, store_path)
        assert first.sources_scanned == 3
        for dirpath, dirs, names in os.walk(top):
            for name in dirs + names:
                os.chmod(os.path.join(dirpath, name), 0o777)
        os.chmod(share / "locked", 0o000)
        os.chmod(share / "listonly", 0o444)  # read (list) but no search: stat fails
        read_fd, write_fd = os.pipe()
        pid = os.fork()
        if pid == 0:  # child: drop privileges, sweep again, send the summary back
            try:
                os.setgid(65534)
                os.setuid(65534)
                summary = _sweep(share, store_path)
                os.write(write_fd, pickle.dumps((os.geteuid(), summary)))
            finally:
                os._exit(0)
        os.close(write_fd)
        with os.fdopen(read_fd, "rb") as fh:
            euid, summary = pickle.loads(fh.read())
        os.waitpid(pid, 0)
        status = dict(_rows(store_path, "SELECT path, status FROM sweep_source"))
    finally:
        os.chmod(share / "locked", 0o755)
        os.chmod(share / "listonly", 0o755)
        shutil.rmtree(top)
    assert euid == 65534
    assert summary.problems == {"unreadable": 1, "walk-error": 1}
    assert (summary.sources_skipped, summary.sources_scanned, summary.gone) == (1, 0, 0)
    assert set(status.values()) == {"done"}


KILL_CHILD = """
import sys
from safehaven.sweep import runner
from safehaven.sweep.runner import SerialExecutor, sweep_run
from safehaven.sweep.store import store_open
from safehaven.sweep.worker import ScanOptions
from tests.sweep.helpers import CheapEngine

runner.LOOKUP = 8
def progress(event, files, nbytes):
    print(event, files, flush=True)
store = store_open(sys.argv[2])
summary = sweep_run(roots=[sys.argv[1]], store=store, executor=SerialExecutor(),
                    options=ScanOptions(engine=CheapEngine()), batch_files=2, progress=progress)
print("finished", summary.sources_scanned, summary.sources_skipped, summary.gone, flush=True)
"""


def test_kill_9_during_the_streaming_walk_then_rerun_continues_without_double_counting(tmp_path):
    root = tmp_path / "share"
    _tree(root, folders=40, per_folder=10)
    store_path = tmp_path / "s.sqlite"
    cmd = [sys.executable, "-c", KILL_CHILD, str(root), str(store_path)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, text=True, cwd=os.getcwd())
    advanced = 0
    events = []
    deadline = time.time() + 60
    while time.time() < deadline and advanced < 20:
        line = proc.stdout.readline()
        if not line:
            break
        events.append(line.split()[0])
        if line.startswith("advance"):
            advanced += int(line.split()[1])
    assert advanced >= 20, "the sweep ended before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    proc.stdout.close()
    assert "walked" not in events  # killed while the walk was still going
    killed_at = dict(_rows(store_path, "SELECT path, run_id FROM sweep_item"))
    assert 20 <= len(killed_at) < 400
    assert _rows(store_path, "SELECT finished FROM sweep_run") == [(None,)]

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=120, cwd=os.getcwd())
    assert rerun.returncode == 0, rerun.stderr
    last = rerun.stdout.strip().splitlines()[-1].split()
    scanned, skipped, gone = map(int, last[1:])
    assert skipped == len(_rows(store_path, "SELECT 1 FROM sweep_source WHERE run_id = 1"))
    assert scanned + skipped == 400
    assert gone == 0
    final = dict(_rows(store_path, "SELECT path, run_id FROM sweep_item"))
    assert len(final) == 400
    assert all(final[p] == run for p, run in killed_at.items())  # nothing scanned twice
    summary = json.loads(_rows(store_path, "SELECT summary FROM sweep_run WHERE id = 2")[0][0])
    assert summary["items"] == scanned


def test_cli_progress_says_when_the_total_is_still_being_counted():
    from safehaven.commands.sweep import _Progress

    bar = _Progress(enabled=False)
    bar.state, bar.files_total, bar.bytes_total = "counting", 1_000, 10_000_000
    bar.files_done, bar.bytes_done, bar.bytes_scanned = 100, 1_000_000, 1_000_000
    bar.started -= 10  # 0.1 MB/s so far
    fields = bar._fields()
    assert fields["files"] == "100/1,000+ (counting) files"
    assert fields["eta"].startswith("ETA at least 0:01:")
    bar.state = "final"
    assert bar._fields()["eta"].startswith("ETA ~0:01:")


@pytest.mark.parametrize("count_ahead", [True, False])
def test_progress_events_reach_the_totals_and_the_counts_agree(tmp_path, count_ahead):
    _tree(tmp_path / "share", folders=2, per_folder=5)
    events = []
    _sweep(
        tmp_path / "share",
        tmp_path / "s.sqlite",
        progress=lambda e, f, b: events.append((e, f)),
        count_ahead=count_ahead,
    )
    assert sum(f for e, f in events if e == "advance") == 10
    assert ("walked", 10) in events
    again = []
    _sweep(tmp_path / "share", tmp_path / "s.sqlite", progress=lambda e, f, b: again.append((e, f)))
    assert sum(f for e, f in again if e == "skip") == 10
