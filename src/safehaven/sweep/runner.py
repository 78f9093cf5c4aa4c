"""The sweep itself: walk, skip what is already done, batch, scan on workers, record.

Everything streams, so the driver's memory does not grow with the estate:
- the walk is a generator (one folder listed at a time);
- walked files are looked up in the store a few hundred at a time (unchanged ones skipped);
- the rest go out in batches of about `batch_bytes` or `batch_files`, and only a few batches per
  worker are in flight: the walk is pulled forward only when a worker frees a slot
  (backpressure), so it runs at most a window of batches ahead of the scan;
- each batch's results are written to the store as soon as they arrive.
Files that disappeared are marked gone only after a walk that finished (`sources_mark_unseen`).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict

from safehaven.sweep.model import BatchResult, Problem, Source, SourceResult, SweepSummary
from safehaven.sweep.store import SqlStore
from safehaven.sweep.walk import Walker
from safehaven.sweep.worker import ScanOptions, scan_batch

log = logging.getLogger("safehaven.sweep")

MB = 1024 * 1024


# Set to a file name, the sweep appends one JSON line per task to it: when it was recorded, the
# worker, its CPU and wall time inside the worker, files and bytes by kind (file-name extension;
# no path, no content). For measuring where the time goes on a real estate.
TASK_LOG_ENV = "SAFEHAVEN_SWEEP_TASK_LOG"


def source_kind(path: str) -> str:
    """A file's kind for the task log: 'maildir' inside cur/new/tmp, else its extension."""
    folder, name = os.path.split(path)
    if os.path.basename(folder) in ("cur", "new", "tmp"):
        return "maildir"
    ext = os.path.splitext(name)[1].lower().lstrip(".")
    return ext if ext.isalnum() and len(ext) <= 8 else "other"


def task_log_line(batch: BatchResult) -> str:
    kinds: dict[str, list[int]] = {}
    for result in batch.results:
        entry = kinds.setdefault(source_kind(result.source.path), [0, 0])
        entry[0] += 1
        entry[1] += result.source.size
    return json.dumps(
        {
            "t": round(time.time(), 3),
            "worker": batch.worker,
            "cpu_s": round(batch.cpu_seconds, 3),
            "wall_s": round(batch.seconds, 3),
            "files": len(batch.results),
            "bytes": sum(v[1] for v in kinds.values()),
            "by_kind": kinds,
        },
        sort_keys=True,
    )


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
LOOKUP = 256  # walked files looked up in the store at a time (the walk runs this far ahead)


def batches_stream(
    sources: Iterable[Source], *, workers: int, batch_bytes: int, batch_files: int
) -> Iterator[list[Source]]:
    """Batches from a stream of unknown length, holding a bounded look-ahead.

    Up to about `workers * TASKS_PER_WORKER` full batches are buffered. While the stream goes
    on, full batches leave from the front. When it ends, what is left is cut so every worker
    gets about TASKS_PER_WORKER tasks (`batch_limits`): a small sweep is balanced, and a large
    one ends without one worker finishing a big last batch alone."""
    want = max(1, workers * TASKS_PER_WORKER)
    buf: deque[Source] = deque()
    buf_bytes = 0
    for source in sources:
        buf.append(source)
        buf_bytes += source.size
        while len(buf) >= want * batch_files or buf_bytes >= want * batch_bytes:
            batch: list[Source] = []
            size = 0
            while buf and size < batch_bytes and len(batch) < batch_files:
                s = buf.popleft()
                batch.append(s)
                size += s.size
            buf_bytes -= size
            yield batch
    rest = list(buf)
    buf.clear()
    nbytes, nfiles = batch_limits(
        rest, workers=workers, batch_bytes=batch_bytes, batch_files=batch_files
    )
    yield from batches_make(rest, batch_bytes=nbytes, batch_files=nfiles)


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


def default_workers() -> int:
    """The cores this process may run on (its CPU affinity), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def local_cluster(n_workers: int | None = None, *, dashboard_address: str | None = None):
    """The sweep's default Dask cluster: one worker *process* per core, one thread each.

    Processes, not threads: the engine is pure Python, and threads in one process would take
    turns on the GIL, so a threaded worker scans no faster than one thread. Spawned processes:
    a script using this needs an `if __name__ == "__main__":` guard."""
    import warnings

    from distributed import LocalCluster

    with warnings.catch_warnings():
        # Without a dashboard the scheduler still serves /health on loopback, port 8787 or,
        # when another cluster holds it, a free one: that fallback is not worth a warning.
        warnings.filterwarnings("ignore", message="Port .* is already in use")
        return LocalCluster(
            n_workers=n_workers or default_workers(),
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=dashboard_address,
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
        self.max_in_flight = 0  # the most futures ever pending at once (never above window)

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
            del batch
            # Refill the freed slot, then hand the result over to be recorded: the walk moves
            # on only when a slot frees (backpressure), and workers stay fed while the driver
            # records.
            self._submit(batches, options, pending)
            yield result

    def _submit(self, batches: Iterator[list[Source]], options: ScanOptions, pending) -> bool:
        batch = next(batches, None)
        if batch is None:
            return False
        future = self.client.submit(scan_batch, batch, options, pure=False)
        self._futures[future] = batch
        pending.add(future)
        self.max_in_flight = max(self.max_in_flight, len(self._futures))
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


class Census:
    """Counts files and bytes under the roots in a background thread, ahead of the real walk,
    so the progress bar has a total (an estimate until the count finishes) and an ETA. It
    holds nothing but two numbers and the walker's folder identities, and stops with the sweep.
    It reads folder listings a second time; `count_ahead=False` switches it off."""

    def __init__(self, roots: list[str], report: Callable[[str, int, int], None]) -> None:
        self.roots = roots
        self.report = report
        self.files = 0
        self.bytes = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sweep-census", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        last = time.monotonic()
        for source in Walker(self.roots).files():
            if self._stop.is_set():
                return
            self.files += 1
            self.bytes += source.size
            if time.monotonic() - last > 0.5:
                self.report("counting", self.files, self.bytes)
                last = time.monotonic()
        if not self._stop.is_set():
            self.report("counted", self.files, self.bytes)


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
    count_ahead: bool = False,
) -> SweepSummary:
    """Sweep `roots` into `store`, streaming (see the module docstring); returns the summary.

    `progress(event, files, bytes)` is called with "counting" and "counted" (running and final
    totals from the census, `count_ahead=True`, in another thread), "walked" (the walk's own
    total, once it ends: exact), "skip" (unchanged files passed over) and "advance" (files
    recorded). `stop_after` stops once that
    many sources are recorded, as an interruption would (used to prove resuming). `on_batch`
    sees each task's result after it is recorded (benchmarks use its in-worker timings).
    """
    options = options or ScanOptions()
    options.engine.check()
    roots = [os.path.abspath(r) for r in roots]
    summary = SweepSummary(workers=executor.workers)
    started = time.perf_counter()
    summary.run_id = run_id = store.run_begin(roots=roots)
    report = progress or (lambda _e, _f, _b: None)
    problems: Counter[str] = Counter()
    pending_problems: list[Problem] = []  # walk problems not yet written to the store
    unlisted: list[str] = []  # folders that could not be listed: nothing under them is gone
    unstatted: list[str] = []  # entries seen but not stat-able: not gone either
    walk_done = False

    def on_walk_problem(problem: Problem) -> None:
        problems[problem.kind] += 1
        log_problem(problem)
        pending_problems.append(problem)
        if problem.kind == "walk-error":
            unlisted.append(problem.path)
        elif problem.kind == "unreadable":
            unstatted.append(problem.path)

    def flush_walk_problems() -> None:
        if pending_problems:
            store.results_record(run_id=run_id, results=[], extra_problems=pending_problems)
            pending_problems.clear()
        if unstatted:
            store.sources_lookup(run_id=run_id, paths=unstatted)
            unstatted.clear()

    def decide(chunk: list[Source]) -> Iterator[Source]:
        known = store.sources_lookup(run_id=run_id, paths=[s.path for s in chunk])
        skipped = skipped_bytes = 0
        for source in chunk:
            fp = known.get(source.path)
            if (
                fp
                and fp.status == "done"
                and (fp.size, fp.mtime_ns) == (source.size, source.mtime_ns)
            ):
                skipped += 1
                skipped_bytes += source.size
            else:
                yield source
        if skipped:
            summary.sources_skipped += skipped
            report("skip", skipped, skipped_bytes)
        flush_walk_problems()

    def todo() -> Iterator[Source]:
        nonlocal walk_done
        chunk: list[Source] = []
        for source in walker.files():
            summary.sources_found += 1
            summary.bytes_found += source.size
            chunk.append(source)
            if len(chunk) >= LOOKUP:
                yield from decide(chunk)
                chunk = []
        yield from decide(chunk)
        walk_done = True
        report("walked", summary.sources_found, summary.bytes_found)

    walker = Walker(roots, on_problem=on_walk_problem)
    census = Census(roots, report) if count_ahead and progress else None
    if census:
        census.start()
    classes: Counter[str] = Counter()
    first_submit = time.perf_counter()
    batches = batches_stream(
        todo(), workers=executor.workers, batch_bytes=batch_bytes, batch_files=batch_files
    )
    recorded = 0
    task_log = open(os.environ[TASK_LOG_ENV], "a") if os.environ.get(TASK_LOG_ENV) else None  # noqa: SIM115
    try:
        for batch_result in executor.run(batches, options):
            store.results_record(run_id=run_id, results=batch_result.results)
            if on_batch:
                on_batch(batch_result)
            if task_log:
                task_log.write(task_log_line(batch_result) + "\n")
                task_log.flush()
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
            report(
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
        if task_log:
            task_log.close()
        executor.stop()
        if census:
            census.stop()
        batches.close()
    flush_walk_problems()
    if walk_done and not summary.interrupted:
        # Only a finished walk knows what is missing; an interrupted one marks nothing gone.
        summary.gone = store.sources_mark_unseen(run_id=run_id, roots=roots, unlisted=unlisted)
    summary.wall_seconds = time.perf_counter() - started
    summary.by_classification = dict(sorted(classes.items()))
    summary.problems = dict(sorted(problems.items()))
    summary.walk_tracked = walker.tracked
    scan_wall = time.perf_counter() - first_submit
    summary_dict = asdict(summary) | {"scan_wall_seconds": scan_wall}
    store.run_finish(run_id, summary=summary_dict)
    store.finish()
    return summary
