"""The sweep itself: walk, skip what is already done, batch, scan on workers, record.

The driver walks the folders and writes the store; workers only read files and return counts.
Work goes out in batches of about `batch_bytes` or `batch_files` so per-task scheduling cost
stays small beside the scan, and only a few batches per worker are in flight at once so memory
stays flat however large the estate.
"""

from __future__ import annotations

import hashlib
import logging
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict

from safehaven.sweep.model import BatchResult, Problem, Source, SourceResult, SweepSummary
from safehaven.sweep.store import SqlStore
from safehaven.sweep.walk import walk
from safehaven.sweep.worker import ScanOptions, scan_batch

log = logging.getLogger("safehaven.sweep")

MB = 1024 * 1024


def problem_ref(path: str) -> str:
    """A short stable reference for a path, so logs can point at a problem without naming it."""
    return hashlib.sha256(path.encode("utf-8", "surrogateescape")).hexdigest()[:12]


def log_problem(problem: Problem) -> None:
    # The path may name a child: logs carry a reference; the store's sweep_problem table has it.
    log.warning("%s: %s (ref %s)", problem.kind, problem.reason, problem_ref(problem.path))


def batches_make(
    sources: Iterable[Source], *, batch_bytes: int = 16 * MB, batch_files: int = 200
) -> Iterator[list[Source]]:
    """Group sources in walk order into batches of about `batch_bytes` or `batch_files`."""
    batch: list[Source] = []
    size = 0
    for source in sources:
        batch.append(source)
        size += source.size
        if size >= batch_bytes or len(batch) >= batch_files:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


TASKS_PER_WORKER = 8


def batch_limits(
    sources: list[Source], *, workers: int, batch_bytes: int, batch_files: int
) -> tuple[int, int]:
    """Shrink the batch limits for a small sweep so every worker gets about TASKS_PER_WORKER
    tasks (load balance beats the tiny per-task cost there); large sweeps keep the limits."""
    want = max(1, workers * TASKS_PER_WORKER)
    total = sum(s.size for s in sources)
    return (
        max(1, min(batch_bytes, total // want)),
        max(1, min(batch_files, len(sources) // want)),
    )


class SerialExecutor:
    """Scans batches in this process, one after another (`--workers 0`, tests, debugging)."""

    workers = 1

    def run(self, batches: Iterator[list[Source]], options: ScanOptions) -> Iterator[BatchResult]:
        for batch in batches:
            yield scan_batch(batch, options)

    def stop(self) -> None:
        """Nothing is in flight between batches."""


class DaskExecutor:
    """Scans batches on a Dask cluster through `client`, a bounded window of tasks at a time."""

    def __init__(self, client, *, window_per_worker: int = 3) -> None:
        self.client = client
        info = client.scheduler_info(n_workers=-1)
        self.workers = max(1, len(info.get("workers", {})))
        self.window = max(2, window_per_worker * self.workers)
        self._futures: dict = {}

    def run(self, batches: Iterator[list[Source]], options: ScanOptions) -> Iterator[BatchResult]:
        from distributed import as_completed

        pending = as_completed()
        for _ in range(self.window):
            if not self._submit(batches, options, pending):
                break
        for future in pending:
            batch = self._futures.pop(future)
            try:
                result = future.result()
            except Exception as exc:  # noqa: BLE001 - a worker that died takes only its batch
                result = _failed_batch(batch, type(exc).__name__)
            future.release()
            self._submit(batches, options, pending)
            yield result

    def _submit(self, batches: Iterator[list[Source]], options: ScanOptions, pending) -> bool:
        batch = next(batches, None)
        if batch is None:
            return False
        future = self.client.submit(scan_batch, batch, options, pure=False)
        self._futures[future] = batch
        pending.add(future)
        return True

    def stop(self) -> None:
        if self._futures:
            self.client.cancel(list(self._futures))
            self._futures.clear()


def _failed_batch(batch: list[Source], reason: str) -> BatchResult:
    results = [
        SourceResult(
            source=s,
            status="error",
            problems=[Problem("scan-failed", s.path, reason=f"worker failed: {reason}")],
        )
        for s in batch
    ]
    return BatchResult(results=results, worker="", started=time.time(), seconds=0.0)


def sweep_run(
    *,
    roots: list[str],
    store: SqlStore,
    executor: SerialExecutor | DaskExecutor,
    options: ScanOptions | None = None,
    batch_bytes: int = 16 * MB,
    batch_files: int = 200,
    progress: Callable[[str, int, int], None] | None = None,
    stop_after: int | None = None,
    on_batch: Callable[[BatchResult], None] | None = None,
) -> SweepSummary:
    """Sweep `roots` into `store`; returns the run's summary.

    `progress(event, files, bytes)` is called with "total" once the walk is done and "advance"
    after each batch is recorded. `stop_after` stops once that many sources are recorded, as an
    interruption would (used to prove resuming). `on_batch` sees each task's result after it is
    recorded (benchmarks use its in-worker timings).
    """
    options = options or ScanOptions()
    options.engine.check()
    roots = [os.path.abspath(r) for r in roots]
    summary = SweepSummary(workers=executor.workers)
    started = time.perf_counter()
    summary.run_id = run_id = store.run_begin(roots=roots)
    problems: Counter[str] = Counter()
    walk_problems: list[Problem] = []

    def on_walk_problem(problem: Problem) -> None:
        walk_problems.append(problem)
        problems[problem.kind] += 1
        log_problem(problem)

    sources = list(walk(roots, on_problem=on_walk_problem))
    summary.sources_found = len(sources)
    summary.bytes_found = sum(s.size for s in sources)
    known = store.fingerprints(roots)
    seen = {s.path for s in sources}
    # A folder that could not be listed says nothing about whether its files still exist.
    unlisted_paths = {p.path for p in walk_problems if p.kind == "walk-error"}
    unlisted = tuple(p.rstrip(os.sep) + os.sep for p in unlisted_paths)
    vanished = [
        path
        for path, fp in known.items()
        if path not in seen
        and fp.status != "gone"
        and path not in unlisted_paths
        and not path.startswith(unlisted)
    ]
    summary.gone = store.sources_mark_gone(run_id=run_id, paths=vanished)
    todo = []
    for source in sources:
        fp = known.get(source.path)
        if fp and fp.status == "done" and (fp.size, fp.mtime_ns) == (source.size, source.mtime_ns):
            summary.sources_skipped += 1
        else:
            todo.append(source)
    store.results_record(run_id=run_id, results=[], extra_problems=walk_problems)
    if progress:
        progress("total", len(todo), sum(s.size for s in todo))

    classes: Counter[str] = Counter()
    first_submit = time.perf_counter()
    batch_bytes, batch_files = batch_limits(
        todo, workers=executor.workers, batch_bytes=batch_bytes, batch_files=batch_files
    )
    batches = batches_make(todo, batch_bytes=batch_bytes, batch_files=batch_files)
    recorded = 0
    try:
        for batch_result in executor.run(batches, options):
            store.results_record(run_id=run_id, results=batch_result.results)
            if on_batch:
                on_batch(batch_result)
            summary.tasks += 1
            summary.task_seconds += batch_result.seconds
            summary.task_cpu_seconds += batch_result.cpu_seconds
            for result in batch_result.results:
                for problem in result.problems:
                    problems[problem.kind] += 1
                    log_problem(problem)
                if result.status == "done":
                    summary.sources_scanned += 1
                    summary.bytes_scanned += result.size
                    for item in result.items:
                        summary.items += 1
                        classes[item.classification or "error"] += 1
            recorded += len(batch_result.results)
            if progress:
                progress(
                    "advance",
                    len(batch_result.results),
                    sum(r.source.size for r in batch_result.results),
                )
            if stop_after is not None and recorded >= stop_after:
                summary.interrupted = True
                break
    except KeyboardInterrupt:
        summary.interrupted = True
    finally:
        executor.stop()
    summary.wall_seconds = time.perf_counter() - started
    summary.by_classification = dict(sorted(classes.items()))
    summary.problems = dict(sorted(problems.items()))
    scan_wall = time.perf_counter() - first_submit
    summary_dict = asdict(summary) | {"scan_wall_seconds": scan_wall}
    store.run_finish(run_id, summary=summary_dict)
    store.finish()
    return summary
