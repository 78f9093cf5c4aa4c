"""`safehaven sweep PATH...`: discovery sweep of folders and mail archives on a Dask cluster."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import threading
import time
from contextlib import ExitStack
from dataclasses import asdict

MB = 1024 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="PATH", help="folders, files or archives")
    parser.add_argument(
        "--store",
        default="sweep.sqlite",
        help="results: a .sqlite path (default sweep.sqlite), a .parquet path, or postgresql://...",
    )
    parser.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="use this Dask cluster instead of a local one",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        help="local worker processes, one thread each (default: one per core; 0 scans in this "
        "process)",
    )
    parser.add_argument(
        "--max-size",
        type=float,
        default=64,
        metavar="MB",
        help="largest file, archive member or message scanned (default 64); larger ones are "
        "counted as too-large",
    )
    parser.add_argument("--report", metavar="DIR", help="write the HTML and CSV report here after")
    parser.add_argument(
        "--batch-mb", type=float, default=16, help="about this many MB per task (default 16)"
    )
    parser.add_argument(
        "--batch-files",
        type=int,
        default=200,
        help="at most this many files per task (default 200)",
    )
    parser.add_argument(
        "--dashboard",
        nargs="?",
        const="127.0.0.1:0",
        metavar="HOST:PORT",
        help="serve the Dask dashboard of the local cluster (off by default)",
    )
    parser.add_argument("--no-progress", action="store_true", help="no progress bar on stderr")
    parser.add_argument(
        "--no-count",
        action="store_true",
        help="do not count the files ahead of the walk (the bar then has no total or ETA until "
        "the walk ends; saves listing every folder twice)",
    )
    parser.add_argument("--json", action="store_true", help="print the summary as JSON on stdout")
    parser.add_argument(
        "--extra-terms",
        metavar="FILE",
        help="the DPO's extra special-category terms (written by `safehaven policy export-terms`)",
    )
    # Stops as an interruption would after this many files are recorded (tests, benchmarks).
    parser.add_argument("--stop-after", type=int, help=argparse.SUPPRESS)


def run(args: argparse.Namespace) -> int:
    from safehaven.sweep.runner import DaskExecutor, SerialExecutor, default_workers, sweep_run
    from safehaven.sweep.store import StoreError, database_errors, store_open
    from safehaven.sweep.worker import ScanOptions

    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    if args.workers is None:
        args.workers = default_workers()
    missing = [p for p in args.paths if not os.path.exists(p)]
    if len(missing) == len(args.paths):
        print("None of the paths given exists: check the spelling or the mount.", file=sys.stderr)
        return 2
    if args.max_size <= 0 or args.batch_mb <= 0 or args.batch_files <= 0 or args.workers < 0:
        print(
            "--max-size, --batch-mb and --batch-files must be above 0, --workers 0 or more.",
            file=sys.stderr,
        )
        return 2
    extra_terms: tuple = ()
    if args.extra_terms:
        from safehaven.core.detect.extra_terms import ExtraTermsError, load_terms_file

        try:
            extra_terms = load_terms_file(args.extra_terms)
        except ExtraTermsError as exc:
            print(f"--extra-terms {exc}", file=sys.stderr)
            return 2
    try:
        store = store_open(args.store)
    except StoreError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    options = ScanOptions(max_bytes=int(args.max_size * MB), extra_terms=extra_terms)
    location = store.location
    with ExitStack() as stack:
        stack.callback(store.close)
        try:
            executor = _executor(args, stack, DaskExecutor, SerialExecutor)
        except _ClusterError as exc:
            print(str(exc), file=sys.stderr)
            return 2
        progress = stack.enter_context(_Progress(enabled=not args.no_progress))
        try:
            summary = sweep_run(
                roots=args.paths,
                store=store,
                executor=executor,
                options=options,
                batch_bytes=int(args.batch_mb * MB),
                batch_files=args.batch_files,
                progress=progress.update,
                stop_after=args.stop_after,
                count_ahead=not args.no_count,
            )
        except ImportError as exc:
            print(
                f"The SafeHaven core engine cannot be loaded ({exc.name or exc}): "
                "reinstall with `pip install -e .`.",
                file=sys.stderr,
            )
            return 2
        except (OSError, StoreError, *database_errors()) as exc:
            # A lost scheduler, a full disk, a store that went away: finished work is committed.
            print(
                f"The sweep stopped ({type(exc).__name__}). What was finished is saved: fix the "
                "cause and run the same command again to continue.",
                file=sys.stderr,
            )
            return 1
    if args.json:
        print(json.dumps(asdict(summary), indent=2))
    else:
        _print_summary(summary, location)
    if args.report:
        from safehaven.sweep.report import report_write

        with ExitStack() as stack:
            store = store_open(args.store)
            stack.callback(store.close)
            written = report_write(store=store, out_dir=args.report)
        print(f"Report written: {written['html']}", file=sys.stderr)
    return 130 if summary.interrupted and args.stop_after is None else 0


class _ClusterError(Exception):
    pass


def _executor(args, stack: ExitStack, dask_executor, serial_executor):
    if args.scheduler is None and args.workers == 0:
        return serial_executor()
    from distributed import Client

    from safehaven.sweep.runner import local_cluster

    # Quieten distributed's INFO chatter; errors still show. After the import: importing
    # distributed sets its loggers' levels from its own configuration.
    for name in ("distributed", "distributed.scheduler", "distributed.core", "distributed.nanny"):
        logging.getLogger(name).setLevel(logging.ERROR)

    if args.scheduler:
        try:
            client = Client(args.scheduler, timeout=15)
        except (OSError, TimeoutError) as exc:
            raise _ClusterError(
                f"Cannot reach the Dask scheduler at {args.scheduler} ({type(exc).__name__}): "
                "check the address and that `dask scheduler` is running."
            ) from None
        stack.callback(client.close)
        try:
            client.wait_for_workers(1, timeout=60)
        except TimeoutError:
            raise _ClusterError(
                f"The Dask scheduler at {args.scheduler} has no workers: start `dask worker "
                f"{args.scheduler}` on the machines that can read the files."
            ) from None
    else:
        cluster = local_cluster(args.workers, dashboard_address=args.dashboard)
        stack.callback(cluster.close)
        client = Client(cluster)
        stack.callback(client.close)
        if args.dashboard:
            print(f"Dask dashboard: {client.dashboard_link}", file=sys.stderr)
    return dask_executor(client)


class _Progress:
    """A rich progress bar on stderr: files and MB done of the total, scan rate, ETA.

    The total comes from a census counting ahead of the walk (runner.Census): until it has
    finished, the bar says "counting" and the total and ETA are lower bounds. Unchanged files
    skipped on a resumed run count as done but not toward the rate, so the ETA is the time
    left to scan, at the rate scanning has actually run."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.progress = None
        self.task = None
        self.lock = threading.Lock()
        self.files_total = self.bytes_total = 0
        self.files_done = self.bytes_done = 0
        self.bytes_scanned = 0
        self.state = "walking"  # "counting" -> "counted" (census) -> "final" (walk ended)
        self.started = time.monotonic()

    def __enter__(self):
        if self.enabled:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                DownloadColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
            )

            self.progress = Progress(
                TextColumn("[bold]sweep[/bold] {task.fields[files]}"),
                BarColumn(),
                DownloadColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeElapsedColumn(),
                TextColumn("{task.fields[eta]}"),
                console=Console(stderr=True),
                transient=False,
            )
            self.progress.start()
            # Problem lines print above the bar instead of through it.
            from rich.logging import RichHandler

            root = logging.getLogger()
            root.handlers[:] = [
                RichHandler(
                    console=self.progress.console,
                    show_time=False,
                    show_path=False,
                    level=logging.WARNING,
                )
            ]
            self.task = self.progress.add_task(
                "sweep", total=None, files="walking...", rate="", eta=""
            )
        return self

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.stop()

    def update(self, event: str, files: int, nbytes: int) -> None:
        """Called by the sweep (and by the census, from its own thread)."""
        if self.progress is None:
            return
        with self.lock:
            if event in ("counting", "counted"):
                if self.state == "final":
                    return  # the walk's own count is exact
                self.files_total, self.bytes_total = files, nbytes
                self.state = event
            elif event == "walked":
                self.files_total, self.bytes_total = files, nbytes
                self.state = "final"
            else:
                self.files_done += files
                self.bytes_done += nbytes
                if event == "advance":
                    self.bytes_scanned += nbytes
            fields = self._fields()
            total = max(self.bytes_total, self.bytes_done, 1) if self.files_total else None
            self.progress.update(self.task, completed=self.bytes_done, total=total, **fields)

    def _fields(self) -> dict[str, str]:
        estimated = self.state == "counting"
        if self.files_total:
            more = "+ (counting)" if estimated else ""
            files = f"{self.files_done:,}/{self.files_total:,}{more} files"
        else:
            files = f"{self.files_done:,} files (walking, no total: --no-count)"
        elapsed = max(time.monotonic() - self.started, 1e-6)
        rate = self.bytes_scanned / elapsed
        eta = ""
        if self.files_total and rate > 0:
            left = max(self.bytes_total - self.bytes_done, 0) / rate
            eta = ("ETA at least " if estimated else "ETA ~") + _clock(left)
        return {"files": files, "rate": f"{rate / MB:.2f} MB/s scanned", "eta": eta}


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    hours, rest = divmod(seconds, 3600)
    return f"{hours}:{rest // 60:02d}:{rest % 60:02d}"


def _print_summary(summary, store_location: str) -> None:
    out = sys.stderr
    mb = summary.bytes_scanned / MB
    rate = mb / summary.wall_seconds if summary.wall_seconds else 0.0
    print(
        f"Swept {summary.sources_found:,} files ({summary.bytes_found / MB:,.1f} MB): "
        f"{summary.sources_scanned:,} scanned, {summary.sources_skipped:,} unchanged since the "
        f"last run, {summary.gone:,} gone since the last run.",
        file=out,
    )
    classes = ", ".join(f"{n:,} {k}" for k, n in summary.by_classification.items()) or "none"
    print(f"Items scanned: {summary.items:,} ({classes}).", file=out)
    if summary.problems:
        detail = ", ".join(f"{n:,} {k}" for k, n in summary.problems.items())
        print(
            f"Problems: {summary.problem_total:,} ({detail}); paths in the store's "
            "sweep_problem table.",
            file=out,
        )
    else:
        print("Problems: 0.", file=out)
    print(
        f"{summary.wall_seconds:.1f} s, {rate:.3g} MB/s on {summary.workers} worker(s), "
        f"{summary.tasks:,} tasks. Store: {store_location}",
        file=out,
    )
    if summary.interrupted:
        print("Interrupted: run the same command again to continue.", file=out)
