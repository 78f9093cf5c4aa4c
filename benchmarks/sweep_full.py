"""The issue's headline figure: the real `safehaven sweep` over a whole generated corpus.

Usage (from the repository root; corpus from benchmarks.sweep_corpus, outside the repository):
    .venv/bin/python -m benchmarks.sweep_full --corpus /tmp/sweep-corpus \
        --work /tmp/sweep-full --out benchmarks/results/sweep_full_2gb.json

It runs `python -m safehaven sweep CORPUS --store WORK/sweep.sqlite --json --no-progress` (the
default LocalCluster, `--workers` to change it) as a child process and, while it runs, watches
the child's whole process tree through /proc every 2 s: each process's peak RSS (`VmHWM`, the
kernel's own high-water mark, so no peak between samples is missed) and CPU time (user + system).
The CPU of the whole tree is also taken from `getrusage(RUSAGE_CHILDREN)` when the child exits
(exact for every descendant that was waited for); the larger of the two is reported. Once a
minute the load average and the store's progress (files and bytes recorded) go to
WORK/load.tsv.

Resumable like the sweep: interrupt it (Ctrl-C, kill) and run the same command again; each
invocation is a *segment* appended to WORK/segments.json, the sweep resumes from its store, and
the JSON result sums the segments (wall, CPU) and takes the largest peaks. A segment killed from
outside loses only its own measurements (the last sample of its processes is kept).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from safehaven.sweep.runner import TASK_LOG_ENV, source_kind

MB = 1024 * 1024
CLK = os.sysconf("SC_CLK_TCK")
PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024


def corpus_census(root: Path) -> dict:
    """Files and bytes by kind, from names (what the generator writes)."""
    kinds: dict[str, dict[str, int]] = {}
    for folder, _dirs, files in os.walk(root):
        for name in files:
            kind = source_kind(os.path.join(folder, name))
            size = os.stat(os.path.join(folder, name)).st_size
            entry = kinds.setdefault(kind, {"files": 0, "bytes": 0})
            entry["files"] += 1
            entry["bytes"] += size
    total_files = sum(k["files"] for k in kinds.values())
    total_bytes = sum(k["bytes"] for k in kinds.values())
    return {"files": total_files, "bytes": total_bytes, "by_kind": kinds}


def _children_map() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                stat = fh.read()
        except OSError:
            continue
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(ppid, []).append(int(entry))
    return tree


def _descendants(pid: int) -> list[tuple[int, int]]:
    """(pid, depth) for pid and every process below it."""
    tree = _children_map()
    out, todo = [], [(pid, 0)]
    while todo:
        p, depth = todo.pop()
        out.append((p, depth))
        todo.extend((c, depth + 1) for c in tree.get(p, []))
    return out


def _sample(pid: int) -> dict | None:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        with open(f"/proc/{pid}/status") as fh:
            status = dict(line.split(":", 1) for line in fh if ":" in line)
        with open(f"/proc/{pid}/cmdline", "rb") as fh:
            cmd = fh.read().replace(b"\0", b" ").decode(errors="replace").strip()
    except (OSError, ValueError):
        return None
    return {
        "cpu_s": (int(fields[11]) + int(fields[12])) / CLK,
        "hwm_mb": int(status.get("VmHWM", "0 kB").split()[0]) / 1024,
        "rss_mb": int(status.get("VmRSS", "0 kB").split()[0]) / 1024,
        "cmd": cmd[:160],
    }


class Watcher(threading.Thread):
    def __init__(self, pid: int, store: Path | None, load_log: Path | None, interval: float = 2.0):
        super().__init__(daemon=True)
        self.pid, self.store, self.load_log, self.interval = pid, store, load_log, interval
        self.procs: dict[int, dict] = {}
        self.loads: list[float] = []
        self.stop = threading.Event()

    def run(self) -> None:
        next_minute = 0.0
        while not self.stop.is_set():
            for pid, depth in _descendants(self.pid):
                s = _sample(pid)
                if s is None:
                    continue
                seen = self.procs.setdefault(pid, {"depth": depth, "hwm_mb": 0.0, "cpu_s": 0.0})
                seen["cmd"] = s["cmd"]
                seen["cpu_s"] = max(seen["cpu_s"], s["cpu_s"])
                seen["hwm_mb"] = max(seen["hwm_mb"], s["hwm_mb"])
            now = time.monotonic()
            if self.load_log is not None and now >= next_minute:
                next_minute = now + 60
                self._log_load()
            self.stop.wait(self.interval)

    def cpu_now(self) -> float:
        return sum(p["cpu_s"] for p in self.procs.values())

    def _log_load(self) -> None:
        load = os.getloadavg()
        self.loads.append(load[0])
        files = mb = -1.0
        if self.store.exists():
            try:
                conn = sqlite3.connect(f"file:{self.store}?mode=ro", uri=True, timeout=5)
                files, size = conn.execute(
                    "SELECT count(*), coalesce(sum(size), 0) FROM sweep_source"
                ).fetchone()
                mb = size / MB
                conn.close()
            except sqlite3.Error:
                pass
        with open(self.load_log, "a") as fh:
            fh.write(
                f"{time.strftime('%H:%M:%S', time.gmtime())}\t{load[0]:.2f}\t{load[1]:.2f}\t"
                f"{load[2]:.2f}\t{int(files)}\t{mb:.1f}\t{self.cpu_now():.1f}\n"
            )


def run_segment(args: argparse.Namespace, work: Path) -> dict:
    store = work / "sweep.sqlite"
    cmd = [
        sys.executable,
        "-m",
        "safehaven",
        "sweep",
        *([str(r) for r in args.roots] if args.roots else [str(args.corpus)]),
        "--store",
        str(store),
        "--json",
        "--no-progress",
    ]
    if args.workers is not None:
        cmd += ["--workers", str(args.workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.time()
    t0 = time.monotonic()
    env = dict(os.environ, **{TASK_LOG_ENV: str(work / "tasks.jsonl")})
    # Started with `&` from a script, a process inherits SIGINT ignored (and Python keeps it so):
    # give the sweep the default, so Ctrl-C and --stop-at interrupt it as in a terminal.
    child = subprocess.Popen(
        cmd,
        stdout=subprocess.PIPE,
        text=True,
        env=env,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),  # noqa: PLW1509
    )
    watcher = Watcher(child.pid, store, work / "load.tsv")
    watcher.start()
    stopped_by = None
    timeout = None
    if args.stop_at:
        # Stop it as Ctrl-C would at this UTC time (HH:MM): a deadline, resumed later.
        now = time.gmtime()
        hh, mm = (int(x) for x in args.stop_at.split(":"))
        timeout = (hh * 3600 + mm * 60) - (now.tm_hour * 3600 + now.tm_min * 60 + now.tm_sec)
        if timeout <= 0:
            timeout += 24 * 3600  # a time already past today is tomorrow's (00:10 at 23:50)
    try:
        out, _ = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        stopped_by = f"SIGINT at {args.stop_at} UTC (--stop-at)"
        child.send_signal(signal.SIGINT)
        out, _ = child.communicate()
    except KeyboardInterrupt:
        stopped_by = "SIGINT (Ctrl-C)"
        child.send_signal(signal.SIGINT)
        out, _ = child.communicate()
    wall = time.monotonic() - t0
    watcher.stop.set()
    watcher.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    rusage_cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    sampled_cpu = sum(p["cpu_s"] for p in watcher.procs.values())
    try:
        summary = json.loads(out)
    except json.JSONDecodeError:
        summary = None
    procs = sorted(watcher.procs.items(), key=lambda kv: (kv[1]["depth"], kv[0]))
    client = watcher.procs.get(child.pid, {})
    workers = [
        {"pid": pid, **p}
        for pid, p in procs
        if pid != child.pid and "spawn_main" in p.get("cmd", "")
    ]
    return {
        "started_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(started)),
        "command": " ".join(cmd),
        "exit_status": child.returncode,
        "stopped_by": stopped_by,
        "wall_s": round(wall, 1),
        "cpu_s_rusage_children": round(rusage_cpu, 1),
        "cpu_s_sampled": round(sampled_cpu, 1),
        "cpu_s": round(max(rusage_cpu, sampled_cpu), 1),
        "client_peak_rss_mb": round(client.get("hwm_mb", 0.0), 1),
        "client_cpu_s": round(client.get("cpu_s", 0.0), 1),
        "workers": [
            {"pid": w["pid"], "peak_rss_mb": round(w["hwm_mb"], 1), "cpu_s": round(w["cpu_s"], 1)}
            for w in workers
        ],
        "processes": [
            {
                "pid": pid,
                "depth": p["depth"],
                "peak_rss_mb": round(p["hwm_mb"], 1),
                "cpu_s": round(p["cpu_s"], 1),
                "cmd": p.get("cmd", ""),
            }
            for pid, p in procs
        ],
        "load_1min_samples": [round(x, 2) for x in watcher.loads],
        "summary": summary,
    }


def aggregate(census: dict, segments: list[dict], store: Path) -> dict:
    conn = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    by_status = dict(
        conn.execute("SELECT status, count(*) FROM sweep_source GROUP BY status").fetchall()
    )
    recorded_files, recorded_bytes = conn.execute(
        "SELECT count(*), coalesce(sum(size), 0) FROM sweep_source"
    ).fetchone()
    items = conn.execute("SELECT count(*) FROM sweep_item").fetchone()[0]
    by_class = dict(
        conn.execute(
            "SELECT classification, count(*) FROM sweep_item GROUP BY classification"
        ).fetchall()
    )
    recorded_by_kind: dict[str, dict[str, int]] = {}
    for path, size in conn.execute("SELECT path, size FROM sweep_source WHERE status = 'done'"):
        entry = recorded_by_kind.setdefault(source_kind(path), {"files": 0, "bytes": 0})
        entry["files"] += 1
        entry["bytes"] += size
    conn.close()
    wall = sum(s["wall_s"] for s in segments)
    cpu = sum(s["cpu_s"] for s in segments)
    task_cpu = sum((s["summary"] or {}).get("task_cpu_seconds", 0.0) for s in segments)
    loads = [x for s in segments for x in s["load_1min_samples"]]
    mb = census["bytes"] / MB
    finished = (
        bool(segments)
        and segments[-1]["summary"] is not None
        and not segments[-1]["summary"].get("interrupted", True)
    )
    finished = finished and recorded_files >= census["files"]
    workers = [w for s in segments for w in s["workers"]]
    rates = kind_rates(store.parent / "tasks.jsonl")
    projection = None
    if not finished and rates and cpu:
        # Overhead from the segments that logged their tasks (a killed segment logged none).
        logged_cpu = sum(s["cpu_s"] for s in segments if (s["summary"] or {}).get("tasks"))
        projection = project(census, recorded_by_kind, rates, cpu, task_cpu, logged_cpu)
    return {
        "corpus": census,
        "finished": finished,
        "recorded_by_kind": recorded_by_kind,
        "task_cpu_by_kind": rates,
        "projection_if_unfinished": projection,
        "segments": len(segments),
        "recorded": {
            "files": recorded_files,
            "bytes": recorded_bytes,
            "by_status": by_status,
            "items": items,
            "items_by_classification": by_class,
        },
        "wall_s": round(wall, 1),
        "cpu_s_all_processes": round(cpu, 1),
        "cpu_s_in_tasks": round(task_cpu, 1),
        "mb": round(mb, 1),
        "mb_per_s_wall": round(mb / wall, 4) if wall else None,
        "files_per_s_wall": round(census["files"] / wall, 3) if wall else None,
        "mb_per_cpu_s": round(mb / cpu, 4) if cpu else None,
        "files_per_cpu_s": round(census["files"] / cpu, 4) if cpu else None,
        # What the same work would run at with two cores free for it (CPU-bound, 2 workers).
        "mb_per_s_on_2_free_cores": round(2 * mb / cpu, 4) if cpu else None,
        "files_per_s_on_2_free_cores": round(2 * census["files"] / cpu, 3) if cpu else None,
        "client_peak_rss_mb": max((s["client_peak_rss_mb"] for s in segments), default=0),
        "worker_peak_rss_mb": [w["peak_rss_mb"] for w in workers],
        "load_1min": {
            "min": min(loads, default=None),
            "mean": round(sum(loads) / len(loads), 2) if loads else None,
            "max": max(loads, default=None),
            "samples": len(loads),
        },
        "nproc": os.cpu_count(),
    }


def kind_rates(task_log: Path) -> dict | None:
    """CPU seconds per MB of each kind, inside the tasks: a least-squares fit of every task's
    CPU time to the bytes of each kind it held (most tasks hold one or two kinds)."""
    import numpy as np

    if not task_log.exists():
        return None
    tasks = [json.loads(line) for line in task_log.read_text().splitlines() if line.strip()]
    kinds = sorted({k for t in tasks for k in t["by_kind"]})
    if not tasks or not kinds:
        return None
    a = np.array([[t["by_kind"].get(k, [0, 0])[1] / MB for k in kinds] for t in tasks])
    b = np.array([t["cpu_s"] for t in tasks])
    coef, *_ = np.linalg.lstsq(a, b, rcond=None)
    out = {}
    for i, k in enumerate(kinds):
        mb = float(a[:, i].sum())
        # Tasks holding this kind only: the direct figure, when there are any.
        pure = [t for t in tasks if list(t["by_kind"]) == [k]]
        pure_mb = sum(t["bytes"] for t in pure) / MB
        pure_cpu = sum(t["cpu_s"] for t in pure)
        out[k] = {
            "mb_in_tasks": round(mb, 1),
            "cpu_s_per_mb_fit": round(float(coef[i]), 3),
            "tasks_of_this_kind_only": len(pure),
            "cpu_s_per_mb_single_kind_tasks": round(pure_cpu / pure_mb, 3) if pure_mb else None,
        }
    out["_tasks"] = len(tasks)
    out["_task_cpu_s"] = round(float(b.sum()), 1)
    out["_task_mb"] = round(float(a.sum()), 1)
    return out


def project(
    census: dict, recorded: dict, rates: dict, cpu: float, task_cpu: float, logged_cpu: float
) -> dict:
    """What the rest of the corpus would cost, at the rates the tasks so far ran at per kind
    (kinds not yet seen: the mean rate so far). Labelled a projection, not a measurement."""
    mean = rates["_task_cpu_s"] / rates["_task_mb"] if rates["_task_mb"] else 0.0
    # Client, Dask, start-up and interrupted tasks around the tasks' own CPU.
    overhead = logged_cpu / task_cpu if task_cpu else 1.0
    rest_cpu, rest_mb, used = 0.0, 0.0, {}
    for kind, c in census["by_kind"].items():
        left = max(0, c["bytes"] - recorded.get(kind, {}).get("bytes", 0)) / MB
        r = rates.get(kind, {})
        per_mb = r.get("cpu_s_per_mb_single_kind_tasks") or r.get("cpu_s_per_mb_fit") or mean
        if per_mb <= 0:
            per_mb = mean
        used[kind] = {"mb_left": round(left, 1), "cpu_s_per_mb": round(per_mb, 3)}
        rest_cpu += left * per_mb * overhead
        rest_mb += left
    total_cpu = cpu + rest_cpu
    mb = census["bytes"] / MB
    return {
        "mb_left": round(rest_mb, 1),
        "cpu_s_left": round(rest_cpu, 1),
        "overhead_factor_all_processes_over_tasks": round(overhead, 3),
        "by_kind": used,
        "cpu_s_whole_corpus": round(total_cpu, 1),
        "mb_per_cpu_s_whole_corpus": round(mb / total_cpu, 4),
        "mb_per_s_on_2_free_cores": round(2 * mb / total_cpu, 4),
        "files_per_s_on_2_free_cores": round(2 * census["files"] / total_cpu, 3),
        "hours_on_2_free_cores": round(total_cpu / 2 / 3600, 2),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True, help="store, segments and load log")
    parser.add_argument("--out", type=Path, help="JSON result (benchmarks/results/sweep_*.json)")
    parser.add_argument("--workers", type=int, help="as `safehaven sweep --workers`")
    parser.add_argument(
        "--roots",
        type=Path,
        nargs="+",
        help="sweep these paths (together the whole corpus) instead of the corpus folder: the "
        "order they are walked in, e.g. shares before mail",
    )
    parser.add_argument(
        "--aggregate-only", action="store_true", help="recompute the JSON from WORK, run nothing"
    )
    parser.add_argument("--stop-at", metavar="HH:MM", help="interrupt the sweep at this UTC time")
    args = parser.parse_args(argv)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    args.work.mkdir(parents=True, exist_ok=True)
    census_file = args.work / "census.json"
    if census_file.exists():
        census = json.loads(census_file.read_text())
    else:
        census = corpus_census(args.corpus)
        census_file.write_text(json.dumps(census, indent=2))
    print(json.dumps(census), file=sys.stderr)
    seg_file = args.work / "segments.json"
    segments = json.loads(seg_file.read_text()) if seg_file.exists() else []
    if not args.aggregate_only:
        segments.append(run_segment(args, args.work))
        seg_file.write_text(json.dumps(segments, indent=2))
    result = aggregate(census, segments, args.work / "sweep.sqlite")
    result["segment_details"] = segments
    text = json.dumps(result, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n")
    return 0 if result["finished"] else 1


if __name__ == "__main__":
    sys.exit(main())
