"""Discovery-sweep benchmarks: driver memory, 1 -> 2 worker scaling, scheduler overhead on a
multi-worker cluster, and the pipeline's ceiling with detection switched off.

Usage (from the repository root):
    # 1 -> 2 workers on the sweep's own LocalCluster, one command, a table (about 70 s quiet)
    .venv/bin/python -m benchmarks.sweep_bench scaling [--own-sessions] [--keep]
    # the driver's peak RSS on 200,000 small files written under /tmp and deleted after
    .venv/bin/python -m benchmarks.sweep_bench rss --files 200000 [--src OTHER/src]
    # a separate `dask scheduler` and N `dask worker` processes: scheduler overhead per file
    PYTHONPATH=. .venv/bin/python -m benchmarks.sweep_bench cluster --root DIR --workers 4
    # the big mixed corpus (benchmarks/sweep_corpus.py), a sample of it, detection switched off
    .venv/bin/python -m benchmarks.sweep_bench sample --corpus /tmp/sweep-corpus \
        --out /tmp/sweep-sample --mb 6
    PYTHONPATH=. .venv/bin/python -m benchmarks.sweep_bench plumbing --root /tmp/sweep-corpus

Each run uses a fresh store in /tmp and prints one JSON line per measurement. Timing lives here,
never in tests. Figures depend on what else the machine is doing: note the load average.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

from safehaven.sweep.engine import Engine
from safehaven.sweep.runner import DaskExecutor, SerialExecutor, local_cluster, sweep_run
from safehaven.sweep.store import store_open
from safehaven.sweep.worker import ScanOptions

MB = 1024 * 1024


class ExtractOnlyEngine(Engine):
    """Real extraction, no detection: measures walk + textio + Dask + store, the ceiling the
    pipeline would reach with an infinitely fast detector. Benchmarks only."""

    def analyse(self, text: str):
        return SimpleNamespace(classification="none", special_categories=(), spans=())


def _engine(extract_only: bool) -> Engine:
    # Imported by module name: run as `-m`, this file is __main__, which workers cannot import.
    from benchmarks.sweep_bench import ExtractOnlyEngine as Imported

    return Imported() if extract_only else Engine()


def _kind(path: Path) -> str:
    if path.parent.name in ("cur", "new"):
        return "maildir"
    return path.suffix.lstrip(".") or "file"


def cmd_sample(args) -> int:
    """Hard-link a random sample of the corpus, in proportion to its bytes by kind."""
    corpus, out = Path(args.corpus), Path(args.out)
    if out.exists():
        shutil.rmtree(out)
    by_kind: dict[str, list[Path]] = {}
    for dirpath, _dirs, files in os.walk(corpus):
        for name in files:
            p = Path(dirpath) / name
            by_kind.setdefault(_kind(p), []).append(p)
    total = sum(p.stat().st_size for ps in by_kind.values() for p in ps)
    rng = random.Random(args.seed)
    picked: dict[str, dict[str, int]] = {}
    for kind, paths in sorted(by_kind.items()):
        share = sum(p.stat().st_size for p in paths) / total
        budget = args.mb * MB * share
        rng.shuffle(paths)
        # Small files first, so no single archive dominates the sample (and its tail).
        paths.sort(key=lambda p: max(p.stat().st_size, budget / 8))
        used = n = 0
        for p in paths:
            size = p.stat().st_size
            if used + size > budget * 1.2 and n > 0:
                continue
            dest = out / p.relative_to(corpus)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.link(p, dest)
            used += size
            n += 1
            if used >= budget:
                break
        picked[kind] = {"files": n, "bytes": used}
        if kind == "maildir":
            for dirpath, dirs, _files in os.walk(out / "mail" / "maildir"):
                if "cur" in dirs:
                    for part in ("new", "tmp"):
                        (Path(dirpath) / part).mkdir(exist_ok=True)
    print(
        json.dumps(
            {
                "sample": str(out),
                "by_kind": picked,
                "bytes": sum(v["bytes"] for v in picked.values()),
                "files": sum(v["files"] for v in picked.values()),
            }
        )
    )
    return 0


def _measure(root: str, executor, options: ScanOptions, label: str, extra: dict) -> dict:
    store_path = tempfile.mktemp(prefix="sweep-bench-", suffix=".sqlite", dir="/tmp")
    store = store_open(store_path)
    batches = []
    t0 = time.perf_counter()
    summary = sweep_run(
        roots=[root], store=store, executor=executor, options=options, on_batch=batches.append
    )
    wall = time.perf_counter() - t0
    scan_wall = store.runs()[-1]["summary"]["scan_wall_seconds"]
    store.close()
    store_bytes = sum(
        os.path.getsize(p) for p in (store_path, store_path + "-wal") if os.path.exists(p)
    )
    busy = summary.task_seconds / (scan_wall * summary.workers) if scan_wall else 0.0
    files = summary.sources_scanned
    row = {
        "label": label,
        "workers": summary.workers,
        "files": files,
        "items": summary.items,
        "mb": round(summary.bytes_scanned / MB, 2),
        "wall_s": round(wall, 2),
        "scan_wall_s": round(scan_wall, 2),
        "mb_per_s": round(summary.bytes_scanned / MB / scan_wall, 4),
        "files_per_s": round(files / scan_wall, 2),
        "tasks": summary.tasks,
        "task_seconds_sum": round(summary.task_seconds, 2),
        "task_cpu_seconds_sum": round(summary.task_cpu_seconds, 2),
        # MB per CPU-second inside tasks: flat from 1 to N workers means the sweep itself scales
        # and any shortfall in mb_per_s is cores taken by other processes.
        "mb_per_cpu_s": round(summary.bytes_scanned / MB / max(summary.task_cpu_seconds, 1e-9), 4),
        "worker_busy_fraction": round(busy, 4),
        # Time per file outside the scan itself (scheduling, transfer, store writes, idle tail)
        # as a share of the scan time per file.
        "overhead_vs_scan": round((1 / busy - 1) if busy else 0.0, 4),
        **_gaps(batches),
        "store_bytes": store_bytes,
        "store_bytes_per_item": round(store_bytes / max(summary.items, 1), 1),
        "problems": summary.problems,
        "by_classification": summary.by_classification,
        "loadavg": os.getloadavg(),
        **extra,
    }
    os.remove(store_path)
    print(json.dumps(row), flush=True)
    return row


def _gaps(batches) -> dict:
    """Per-file scheduler overhead in steady state: on each worker, the idle gap between one
    task's end and the next task's start (scheduling, transfer, result handling), against the
    scan time inside tasks. The idle tail after a worker's last task is reported apart: it is
    load balance at the end of the run, not per-file cost."""
    by_worker: dict[str, list] = {}
    for b in batches:
        by_worker.setdefault(b.worker, []).append(b)
    gap = 0.0
    files = sum(len(b.results) for b in batches)
    last_end = max((b.started + b.seconds for b in batches), default=0.0)
    tail = 0.0
    for runs in by_worker.values():
        runs.sort(key=lambda b: b.started)
        for before, after in zip(runs, runs[1:], strict=False):
            gap += max(0.0, after.started - (before.started + before.seconds))
        tail += last_end - (runs[-1].started + runs[-1].seconds)
    scan = sum(b.seconds for b in batches)
    return {
        "gap_seconds_sum": round(gap, 4),
        "gap_ms_per_file": round(1000 * gap / max(files, 1), 3),
        "scan_ms_per_file": round(1000 * scan / max(files, 1), 1),
        "scheduler_overhead_per_file_pct": round(100 * gap / scan, 4) if scan else 0.0,
        "end_tail_idle_seconds_sum": round(tail, 2),
    }


def _local(workers: int):
    """The same LocalCluster `safehaven sweep` starts: processes, one thread each."""
    from distributed import Client

    cluster = local_cluster(workers)
    return cluster, Client(cluster)


def cmd_plumbing(args) -> int:
    options = ScanOptions(engine=_engine(args.extract_only))
    rows = []
    for n in args.workers:
        if n == 0:
            rows.append(_measure(args.root, SerialExecutor(), options, "in-process", {}))
            continue
        cluster, client = _local(n)
        try:
            rows.append(
                _measure(
                    args.root,
                    DaskExecutor(client),
                    options,
                    "LocalCluster",
                    {"extract_only": args.extract_only},
                )
            )
        finally:
            client.close()
            cluster.close()
    if len(rows) >= 2:
        base = rows[0]["mb_per_s"]
        print(json.dumps({"speedup": [round(r["mb_per_s"] / base, 3) for r in rows]}))
    return 0


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cmd_cluster(args) -> int:
    """`dask scheduler` and N `dask worker` processes on loopback: a cluster, on one machine."""
    from distributed import Client

    bindir = Path(sys.executable).parent
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = dict(os.environ, PYTHONPATH=os.environ.get("PYTHONPATH") or os.getcwd())
    if args.no_queue:
        # Tasks go to workers as soon as they are submitted, instead of Dask's default of
        # holding them on the scheduler until a worker thread is free (worker-saturation 1.1).
        env["DASK_DISTRIBUTED__SCHEDULER__WORKER_SATURATION"] = "inf"
    procs = [
        subprocess.Popen(
            [
                str(bindir / "dask"),
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--no-dashboard",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
    ]
    try:
        time.sleep(2)
        for _ in range(args.workers):
            # Each worker in its own session: with the kernel's autogroup scheduling (on here)
            # CPU is shared between sessions, so workers in one session share one slice of the
            # machine, unlike workers on separate machines.
            procs.append(
                subprocess.Popen(
                    [
                        str(bindir / "dask"),
                        "worker",
                        address,
                        "--nworkers",
                        "1",
                        "--nthreads",
                        "1",
                        "--no-dashboard",
                        "--host",
                        "127.0.0.1",
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                    env=env,
                    start_new_session=True,
                )
            )
        with Client(address, timeout=30) as client:
            client.wait_for_workers(args.workers, timeout=120)
            options = ScanOptions(engine=_engine(args.extract_only))
            _measure(
                args.root,
                DaskExecutor(client),
                options,
                "dask scheduler + workers",
                {
                    "scheduler": "separate process",
                    "extract_only": args.extract_only,
                    "worker_saturation": "inf" if args.no_queue else "Dask default (1.1)",
                },
            )
    finally:
        for p in reversed(procs):
            p.terminate()
        for p in procs:
            p.wait(timeout=30)
    return 0


def cmd_store(args) -> int:
    """How fast the driver can record results: synthetic items, real store, batches of 200."""
    from safehaven.sweep.model import ItemResult, Source, SourceResult

    store_path = tempfile.mktemp(prefix="sweep-store-", suffix=".sqlite", dir="/tmp")
    store = store_open(args.url or store_path)
    run = store.run_begin(roots=["/bench"])
    counts = {"PERSON": 12, "UK_NHS": 2, "UK_POSTCODE": 3, "DATE_OF_BIRTH": 1}
    t0 = time.perf_counter()
    for b in range(args.items // 200):
        results = []
        for i in range(200):
            path = f"/bench/share/team{b % 50}/case-{b:06d}/notes-{i:03d}.txt"
            src = Source(path=path, size=50_000, mtime_ns=1, owner="alice")
            item = ItemResult(
                path=path,
                member="",
                kind="txt",
                size=50_000,
                mtime_ns=1,
                classification="sensitive",
                categories=("health", "safeguarding"),
                counts=counts,
            )
            results.append(
                SourceResult(source=src, status="done", items=[item], size=50_000, mtime_ns=1)
            )
        store.results_record(run_id=run, results=results)
    seconds = time.perf_counter() - t0
    store.close()
    size = sum(os.path.getsize(p) for p in (store_path, store_path + "-wal") if os.path.exists(p))
    print(
        json.dumps(
            {
                "items": args.items,
                "seconds": round(seconds, 2),
                "items_per_s": round(args.items / seconds),
                "store_bytes": size,
                "bytes_per_item": round(size / args.items, 1),
                "loadavg": os.getloadavg(),
            }
        )
    )
    for p in (store_path, store_path + "-wal", store_path + "-shm"):
        if os.path.exists(p):
            os.remove(p)
    return 0


# -- report: time and memory of `sweep-report` on a big store ------------------------------------

_REPORT_CHILD = r"""
import json, os, resource, sys, time
from safehaven.sweep.report import report_write
from safehaven.sweep.store import store_open

store_path, out_dir = sys.argv[1], sys.argv[2]
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
store = store_open(store_path)
items = store.execute("SELECT COUNT(*) FROM sweep_item WHERE status <> 'gone'")[0][0]
folders = store.execute("SELECT COUNT(DISTINCT folder) FROM sweep_item")[0][0]
t0, c0 = time.perf_counter(), time.process_time()
written = report_write(store=store, out_dir=out_dir)
wall, cpu = time.perf_counter() - t0, time.process_time() - c0
store.close()
print(json.dumps({
    "items": items, "folders": folders, "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
    "rss_before_mb": round(base / 1024, 1),
    "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    "html_kb": round(os.path.getsize(written["html"]) / 1024, 1),
    "items_csv_mb": round(os.path.getsize(written["items"]) / MB, 1),
}))
""".replace("MB", str(MB))


def _synthetic_store(path: str, items: int, folders: int) -> None:
    """A store of `items` items in `folders` folders, classes and counts varied like a sweep's."""
    from safehaven.sweep.model import ItemResult, Source, SourceResult

    rng = random.Random(9)
    store = store_open(path)
    run = store.run_begin(roots=["/bench"])
    cats = ["health", "safeguarding", "ethnicity", "religion", "sexual-life"]
    kinds = ["PERSON", "UK_NHS", "UK_POSTCODE", "DATE_OF_BIRTH", "PHONE", "EMAIL", "UK_UPN"]
    for b in range(items // 200):
        results = []
        for i in range(200):
            n = b * 200 + i
            folder = n % folders
            path_ = f"/bench/team{folder % 40:02d}/case-{folder:07d}/doc-{n:09d}.txt"
            roll = rng.random()
            cls = "sensitive" if roll < 0.3 else "personal" if roll < 0.7 else "none"
            counts = {k: rng.randint(1, 20) for k in rng.sample(kinds, 3)} if cls != "none" else {}
            item = ItemResult(
                path=path_,
                member="",
                kind="txt",
                size=20_000,
                mtime_ns=1,
                classification=cls,
                categories=tuple(rng.sample(cats, 2)) if cls == "sensitive" else (),
                counts=counts,
            )
            src = Source(path=path_, size=20_000, mtime_ns=1, owner=f"user{folder % 300}")
            results.append(
                SourceResult(source=src, status="done", items=[item], size=20_000, mtime_ns=1)
            )
        store.results_record(run_id=run, results=results)
    store.run_finish(run, summary={})
    store.close()


def cmd_report(args) -> int:
    """Wall, CPU and peak RSS of writing the report (HTML and CSV) from a store, in a child."""
    store_path = args.store
    made = None
    if store_path is None:
        store_path = f"/tmp/sweep-report-{args.synthetic_items}.sqlite"
        if not os.path.exists(store_path):
            t0 = time.perf_counter()
            _synthetic_store(store_path, args.synthetic_items, args.folders)
            made = round(time.perf_counter() - t0, 1)
    src = (
        os.path.abspath(args.src) if args.src else str(Path(__file__).resolve().parents[1] / "src")
    )
    out_dir = tempfile.mkdtemp(prefix="sweep-report-", dir="/tmp")
    try:
        out = subprocess.run(
            [sys.executable, "-c", _REPORT_CHILD, store_path, out_dir],
            env=dict(os.environ, PYTHONPATH=src),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        shutil.rmtree(out_dir, ignore_errors=True)
    row = json.loads(out.strip().splitlines()[-1])
    row |= {"store": store_path, "store_made_s": made, "src": src, "loadavg": os.getloadavg()}
    print(json.dumps(row))
    if args.out:
        Path(args.out).write_text(json.dumps(row, indent=2) + "\n")
    return 0


# -- scaling: 1 -> 2 workers on the product's own LocalCluster ------------------------------------


def _scaling_corpus(root: Path, files: int, docs_per_file: int) -> None:
    """`files` text files of `docs_per_file` generated children's-services documents each
    (about 20 KB at 48): all CPU-bound for the engine, of similar cost, so workers balance."""
    stamp = f"{files}x{docs_per_file}"
    done = Path(str(root) + ".complete")
    if done.exists() and done.read_text() == stamp:
        return
    if root.exists():
        shutil.rmtree(root)
    from benchmarks.corpus.generate_uk import generate

    pool = [d["text"] for d in generate("dev", 400, seed=20261125)]
    rng = random.Random(5)
    for i in range(files):
        folder = root / f"team{i % 8}"
        folder.mkdir(parents=True, exist_ok=True)
        text = "\n\n".join(rng.choice(pool) for _ in range(docs_per_file))
        (folder / f"case-{i:05d}.txt").write_text(text, encoding="utf-8")
    warm = Path(str(root) + ".warm")
    warm.mkdir(exist_ok=True)
    (warm / "warm-up.txt").write_text("\n\n".join(pool[:docs_per_file]), encoding="utf-8")
    done.write_text(stamp)


def _uptime() -> str:
    try:
        return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    except OSError:  # pragma: no cover
        return "load average: " + ", ".join(f"{x:.2f}" for x in os.getloadavg())


def _scaling_run(root: str, warm: str, workers: int, batch_files: int, own_sessions: bool) -> dict:
    from distributed import Client

    from safehaven.sweep.walk import walk
    from safehaven.sweep.worker import scan_batch

    t0 = time.perf_counter()
    cluster = local_cluster(workers)
    client = Client(cluster)
    try:
        client.wait_for_workers(workers, timeout=120)
        started = time.perf_counter() - t0
        if own_sessions:
            # Each worker process leaves the command's session for one of its own. With the
            # kernel's autogroup scheduling (on here) CPU is shared between sessions, so all
            # local workers otherwise share one session's slice of a busy machine; workers on
            # separate machines, or on a machine the sweep has to itself, do not.
            client.run(os.setsid)
        # Warm-up, not timed: every worker imports the engine and scans one document.
        options = ScanOptions()
        warm_sources = list(itertools.islice(walk([warm]), 1))
        t1 = time.perf_counter()
        client.run(scan_batch, warm_sources, options)
        warm_s = time.perf_counter() - t1
        before = _uptime()
        store_path = tempfile.mktemp(prefix="sweep-scaling-", suffix=".sqlite", dir="/tmp")
        store = store_open(store_path)
        batches = []
        summary = sweep_run(
            roots=[root],
            store=store,
            executor=DaskExecutor(client),
            options=options,
            batch_files=batch_files,
            on_batch=batches.append,
        )
        scan_wall = store.runs()[-1]["summary"]["scan_wall_seconds"]
        store.close()
        for p in (store_path, store_path + "-wal", store_path + "-shm"):
            if os.path.exists(p):
                os.remove(p)
    finally:
        client.close()
        cluster.close()
    per_worker: dict[str, dict[str, float]] = {}
    for b in batches:
        w = per_worker.setdefault(b.worker, {"files": 0, "cpu_s": 0.0, "busy_s": 0.0})
        w["files"] += len(b.results)
        w["cpu_s"] += b.cpu_seconds
        w["busy_s"] += b.seconds
    files = summary.sources_scanned
    return {
        "workers": workers,
        "files": files,
        "mb": round(summary.bytes_scanned / MB, 2),
        "tasks": summary.tasks,
        "wall_s": round(scan_wall, 2),
        "files_per_s": round(files / scan_wall, 2),
        "mb_per_s": round(summary.bytes_scanned / MB / scan_wall, 4),
        "cpu_s": round(summary.task_cpu_seconds, 2),
        "cpu_ms_per_file": round(1000 * summary.task_cpu_seconds / max(files, 1), 1),
        "per_worker": [
            {
                "files": w["files"],
                "cpu_s": round(w["cpu_s"], 2),
                "busy_s": round(w["busy_s"], 2),
                # CPU the worker got while running tasks: 1.0 is a core of its own.
                "cpu_per_busy": round(w["cpu_s"] / max(w["busy_s"], 1e-9), 3),
            }
            for w in per_worker.values()
        ],
        **_gaps(batches),
        "cluster_start_s": round(started, 1),
        "warm_up_s": round(warm_s, 1),
        "problems": summary.problems,
        "uptime_before": before,
        "uptime_after": _uptime(),
    }


def cmd_scaling(args) -> int:
    """One command, a table: the same corpus swept on a LocalCluster of 1, then 2 worker
    processes (one thread each, as `safehaven sweep` starts them), warm-up excluded."""
    if args.root:
        root, warm, made = os.path.abspath(args.root), None, False
    else:
        base = Path(f"/tmp/sweep-scaling-{args.files}")
        t0 = time.perf_counter()
        _scaling_corpus(base, args.files, args.docs_per_file)
        print(f"corpus ready in {time.perf_counter() - t0:.0f} s: {base}", file=sys.stderr)
        root, warm, made = str(base), str(base) + ".warm", True
    if warm is None:
        warm = root  # warm up on the first file of the folder itself
    rows = []
    try:
        for n in args.workers:
            row = _scaling_run(root, warm, n, args.batch_files, args.own_sessions)
            row["own_sessions"] = args.own_sessions
            rows.append(row)
            print(json.dumps(row), flush=True)
    finally:
        if made and not args.keep:
            shutil.rmtree(root, ignore_errors=True)
            shutil.rmtree(warm, ignore_errors=True)
            Path(root + ".complete").unlink(missing_ok=True)
    base = rows[0]
    print()
    print(
        f"{'workers':>7} {'files':>6} {'MB':>6} {'wall s':>7} {'files/s':>8} {'speed-up':>8} "
        f"{'CPU s':>7} {'CPU ms/file':>11} {'CPU/busy per worker':>20} {'sched. gap %':>12}"
    )
    for r in rows:
        speedup = r["files_per_s"] / base["files_per_s"] if base["files_per_s"] else 0.0
        shares = " ".join(f"{w['cpu_per_busy']:.2f}" for w in r["per_worker"])
        print(
            f"{r['workers']:>7} {r['files']:>6} {r['mb']:>6} {r['wall_s']:>7} "
            f"{r['files_per_s']:>8} {speedup:>7.2f}x {r['cpu_s']:>7} {r['cpu_ms_per_file']:>11} "
            f"{shares:>20} {r['scheduler_overhead_per_file_pct']:>12}"
        )
    for r in rows:
        print(f"  {r['workers']} worker(s): before {r['uptime_before']}")
        print(f"  {' ' * len(str(r['workers']))}             after  {r['uptime_after']}")
    print(
        "speed-up = files/s over the first row; CPU/busy = CPU seconds a worker got per second "
        "it was running tasks (1.00 = a core to itself; less = other processes took the core)."
    )
    return 0


# The driver's peak memory on many small files. The child process sweeps with detection and
# extraction switched off (a file is opened and its size read, nothing else), in-process, so
# its peak RSS is the driver's own bookkeeping: the walk, the resume lookups, the batches in
# flight and the store writes. `--src` points the child at another checkout's `src` (the
# committed code before a change, exported with `git archive`), to compare before and after.
_RSS_CHILD = r"""
import json, os, resource, sys, time
from types import SimpleNamespace
from safehaven.sweep.engine import Chunk, Engine
from safehaven.sweep.runner import SerialExecutor, sweep_run
from safehaven.sweep.store import store_open
from safehaven.sweep.worker import ScanOptions

class OpenOnly(Engine):
    def check(self):
        pass
    def chunks_file(self, path, max_bytes):
        with open(path, "rb") as fh:
            yield Chunk(fh.read(64).decode("latin-1"), 0)
    def analyse(self, text):
        return SimpleNamespace(classification="none", special_categories=(), spans=())

def main():
    root, store_path, workers = sys.argv[1], sys.argv[2], int(sys.argv[3])
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    store = store_open(store_path)
    engine, cluster, client = OpenOnly(), None, None
    executor = SerialExecutor()
    if workers:
        # Workers must import the engine's class: the same one, from an importable module.
        from distributed import Client
        from benchmarks.sweep_bench import OpenOnlyEngine
        from safehaven.sweep.runner import DaskExecutor, local_cluster
        cluster = local_cluster(workers)
        client = Client(cluster)
        executor, engine = DaskExecutor(client), OpenOnlyEngine()
    t0 = time.perf_counter()
    summary = sweep_run(roots=[root], store=store, executor=executor,
                        options=ScanOptions(engine=engine))
    wall = time.perf_counter() - t0
    store.close()
    if client is not None:
        client.close()
        cluster.close()
    print(json.dumps({"files": summary.sources_scanned, "skipped": summary.sources_skipped,
                      "wall_s": round(wall, 1), "workers": workers,
                      "rss_before_sweep_mb": round(base / 1024, 1),
                      "walk_tracked": getattr(summary, "walk_tracked", None),
                      "peak_rss_mb": round(
                          resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}))

if __name__ == "__main__":
    main()
"""


class OpenOnlyEngine(Engine):
    """Open the file, read 64 bytes, find nothing: the `rss` benchmark's engine, importable so
    that Dask workers can unpickle it. Benchmarks only."""

    def check(self):
        pass

    def chunks_file(self, path, max_bytes):
        from safehaven.sweep.engine import Chunk

        with open(path, "rb") as fh:
            yield Chunk(fh.read(64).decode("latin-1"), 0)

    def analyse(self, text: str):
        return SimpleNamespace(classification="none", special_categories=(), spans=())


def _small_files(root: Path, files: int) -> None:
    """`files` small text files, 1,000 to a folder, written once and reused."""
    done = Path(str(root) + ".complete")
    if done.exists() and done.read_text() == str(files):
        return
    if root.exists():
        shutil.rmtree(root)
    body = "Minutes of the estates meeting: the boiler in block {n} is serviced on Tuesday.\n"
    for n in range(files):
        folder = root / f"team{n // 10_000:03d}" / f"box{(n // 1_000) % 10:02d}"
        if n % 1_000 == 0:
            folder.mkdir(parents=True, exist_ok=True)
        (folder / f"note-{n:07d}.txt").write_text(body.format(n=n) * (1 + n % 4))
    done.write_text(str(files))


def cmd_rss(args) -> int:
    """Peak RSS of the driver sweeping `--files` small files, a first run and a resumed one."""
    root = Path(args.root or f"/tmp/sweep-rss-{args.files}")
    t0 = time.perf_counter()
    _small_files(root, args.files)
    made = time.perf_counter() - t0
    src = (
        os.path.abspath(args.src) if args.src else str(Path(__file__).resolve().parents[1] / "src")
    )
    repo = str(Path(__file__).resolve().parents[1])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([src, repo]))
    store_path = tempfile.mktemp(prefix="sweep-rss-", suffix=".sqlite", dir="/tmp")
    child_file = tempfile.mktemp(prefix="sweep-rss-child-", suffix=".py", dir="/tmp")
    Path(child_file).write_text(_RSS_CHILD)
    rows = []
    try:
        for label in ("first run", "second run (all unchanged)"):
            row = _rss_child(child_file, root, store_path, args.workers, env)
            row |= {"run": label, "src": src, "loadavg": os.getloadavg()}
            rows.append(row)
            print(json.dumps(row), flush=True)
    finally:
        Path(child_file).unlink(missing_ok=True)
        for p in (store_path, store_path + "-wal", store_path + "-shm"):
            if os.path.exists(p):
                os.remove(p)
        if not args.keep:
            shutil.rmtree(root, ignore_errors=True)
            Path(str(root) + ".complete").unlink(missing_ok=True)
    print(
        f"corpus: {args.files:,} files in {root} (made in {made:.0f} s, "
        f"{'kept' if args.keep else 'deleted'})"
    )
    print(
        f"{'run':<28} {'files':>9} {'skipped':>9} {'wall s':>8} {'CPU s':>8} "
        f"{'peak RSS MB':>12} {'workers peak RSS MB':>20}"
    )
    for r in rows:
        print(
            f"{r['run']:<28} {r['files']:>9,} {r['skipped']:>9,} {r['wall_s']:>8} "
            f"{r['cpu_s_all_processes']:>8} {r['peak_rss_mb']:>12} "
            f"{' '.join(str(w) for w in r['worker_peak_rss_mb']) or '-':>20}"
        )
    if args.out:
        Path(args.out).write_text(json.dumps({"files": args.files, "runs": rows}, indent=2) + "\n")
    return 0


def _rss_child(child_file: str, root: Path, store_path: str, workers: int, env: dict) -> dict:
    """Run the child sweep; its peak RSS (ru_maxrss) and, watched through /proc, every worker's
    peak RSS (VmHWM) and the CPU time of the whole tree."""
    import resource

    from benchmarks.sweep_full import Watcher

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    child = subprocess.Popen(
        [sys.executable, child_file, str(root), store_path, str(workers)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    watcher = Watcher(child.pid, None, None, interval=1.0)
    watcher.start()
    out, _ = child.communicate()
    watcher.stop.set()
    watcher.join()
    if child.returncode:
        raise SystemExit(f"the child sweep failed with status {child.returncode}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    row = json.loads(out.strip().splitlines()[-1])
    row["cpu_s_all_processes"] = round(cpu, 1)
    row["client_peak_rss_mb_proc"] = round(watcher.procs.get(child.pid, {}).get("hwm_mb", 0), 1)
    row["worker_peak_rss_mb"] = [
        round(p["hwm_mb"], 1) for p in watcher.procs.values() if "spawn_main" in p.get("cmd", "")
    ]
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("sample")
    p.add_argument("--corpus", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--mb", type=float, default=6)
    p.add_argument("--seed", type=int, default=7)
    p = sub.add_parser("plumbing")
    p.add_argument("--root", required=True)
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    p.set_defaults(extract_only=True)
    p = sub.add_parser("scaling", help="1 -> 2 worker scaling on a LocalCluster, as a table")
    p.add_argument("--root", help="sweep this folder instead of the generated corpus")
    p.add_argument("--files", type=int, default=480, help="generated files (default 480)")
    p.add_argument("--docs-per-file", type=int, default=48, help="about 20 KB a file")
    p.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    p.add_argument("--batch-files", type=int, default=4, help="files per task (default 4)")
    p.add_argument("--keep", action="store_true", help="keep the generated corpus")
    p.add_argument(
        "--own-sessions",
        action="store_true",
        help="move each worker process into its own session (autogroup: see docs/sweep.md)",
    )
    p = sub.add_parser("cluster")
    p.add_argument("--root", required=True)
    p.add_argument("--workers", type=int, default=4)
    p.add_argument("--extract-only", action="store_true")
    p.add_argument(
        "--no-queue", action="store_true", help="scheduler without task queuing (saturation inf)"
    )
    p = sub.add_parser("store")
    p.add_argument("--items", type=int, default=200_000)
    p.add_argument("--url", help="a postgresql:// URL instead of a temporary SQLite file")
    p = sub.add_parser("rss")
    p.add_argument("--files", type=int, default=200_000)
    p.add_argument("--root", help="where to write the files (default /tmp/sweep-rss-N)")
    p.add_argument("--src", help="the src folder of the code to measure (default this checkout)")
    p.add_argument("--keep", action="store_true", help="keep the files for another run")
    p.add_argument(
        "--workers",
        type=int,
        default=0,
        help="0 (default): scan in the child itself; N: the sweep's LocalCluster of N workers",
    )
    p.add_argument("--out", help="write the rows as JSON here (benchmarks/results/sweep_*.json)")
    p = sub.add_parser("report", help="time and peak RSS of writing the report from a store")
    p.add_argument("--store", help="an existing store (default: a synthetic one in /tmp)")
    p.add_argument("--synthetic-items", type=int, default=1_000_000)
    p.add_argument("--folders", type=int, default=50_000)
    p.add_argument("--src", help="the src folder of the code to measure (default this checkout)")
    p.add_argument("--out", help="write the row as JSON here")
    args = parser.parse_args(argv)
    if args.cmd == "report":
        return cmd_report(args)
    if args.cmd == "rss":
        return cmd_rss(args)
    if args.cmd == "store":
        return cmd_store(args)
    if args.cmd == "sample":
        return cmd_sample(args)
    if args.cmd == "cluster":
        return cmd_cluster(args)
    if args.cmd == "plumbing":
        return cmd_plumbing(args)
    return cmd_scaling(args)


if __name__ == "__main__":
    raise SystemExit(main())
