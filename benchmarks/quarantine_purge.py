"""Cost of the quarantine's retention purge (`Quarantine.purge`) on a spool of decided messages.

    .venv/bin/python -m benchmarks.quarantine_purge                      # 10,000 decided, 100 held
    .venv/bin/python -m benchmarks.quarantine_purge --messages 2000 --bytes 20000

A spool in a temporary folder (on the same disk as /tmp: the purge's cost is mostly its
fsyncs) with N messages as the gateway and a decision leave them: an .eml of `--bytes` and the
metadata of `benchmarks.email_held_list.gateway_like_meta` (~1 KB), written straight to the
folder (no fsync: setting up is not what is measured), all but `--held` decided 31-40 days
ago. Then, timed: a dry run (the scan only), the purge of every decided message older than
30 days (records cut down, bytes removed, records moved; one fsync per message and three folder
fsyncs per batch of `PURGE_BATCH`), and a second purge with nothing left to do (the hourly cost
once the spool is clean). Wall and CPU time (`time.process_time`) of each; `--rounds` repeats
the whole on a fresh spool.

`--store-latency`: what the purge does to the gateway's answer to held mail, which waits for
the message to be stored durably (`Quarantine.store`: two files, each fsynced, and the folder):
a thread of this process (as the gateway's purge is a thread of the gateway's) stores 20 KB
messages one after another into the same spool, first with nothing else running, then while the
purge runs; the store's wall time, p50 / p90 / p99 / max, each way.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from datetime import UTC, datetime, timedelta


def fill(q, *, messages: int, held: int, size: int) -> None:
    from benchmarks.email_held_list import gateway_like_meta

    now = datetime.now(UTC)
    body = b"From: officer@ashby.sch.uk\r\nTo: mum@gmail.com\r\nSubject: x\r\n\r\n"
    body += b"x" * max(0, size - len(body))
    for i in range(messages):
        qid = f"20261001T{i:06d}Z-{i:08x}"
        meta = gateway_like_meta(i, held=i >= messages - held)
        meta["id"] = qid
        if meta["status"] != "held":
            meta["decided_at"] = (now - timedelta(days=31 + i % 10)).isoformat()
        (q.dir / f"{qid}.eml").write_bytes(body)
        (q.dir / f"{qid}.json").write_text(json.dumps(meta, indent=1), "utf-8")


def timed(fn):
    w0, c0 = time.perf_counter(), time.process_time()
    out = fn()
    return out, time.perf_counter() - w0, time.process_time() - c0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--held", type=int, default=100)
    parser.add_argument("--bytes", type=int, default=20_000, help="size of each message")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--dir", default=None, help="where to make the spool (default: /tmp)")
    parser.add_argument("--store-latency", action="store_true")
    parser.add_argument("--pause", type=float, default=0.0, help="seconds between batches")
    parser.add_argument("--batch", type=int, default=None, help="messages a batch")
    args = parser.parse_args()
    if args.store_latency:
        store_latency(args)
        return
    from safehaven.gateway.spool import PURGE_BATCH, Quarantine

    results: dict[str, list[tuple[float, float]]] = {}
    for _ in range(args.rounds):
        tmp = tempfile.mkdtemp(prefix="safehaven-purge-", dir=args.dir)
        try:
            q = Quarantine(os.path.join(tmp, "spool"))
            fill(q, messages=args.messages, held=args.held, size=args.bytes)
            os.sync()  # the setup's writes out of the way of the purge's fsyncs
            dry, wall, cpu = timed(lambda q=q: q.purge(older_than_days=30, dry_run=True))
            assert dry.count == args.messages - args.held, dry.count
            results.setdefault("dry run (scan only)", []).append((wall, cpu))
            done, wall, cpu = timed(lambda q=q: q.purge(older_than_days=30))
            assert done.count == args.messages - args.held, done.count
            assert not done.skipped
            results.setdefault("purge", []).append((wall, cpu))
            again, wall, cpu = timed(lambda q=q: q.purge(older_than_days=30))
            assert again.count == 0
            results.setdefault("purge again (nothing to do)", []).append((wall, cpu))
            assert len(list(q.dir.glob("*.eml"))) == args.held
            assert q.purged_count() == args.messages - args.held
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
    decided = args.messages - args.held
    print(
        f"load average {os.getloadavg()[0]:.1f}; {args.messages:,} messages ({decided:,} decided, "
        f"{args.held} held), {args.bytes:,}-byte messages, batch {PURGE_BATCH}, "
        f"{args.rounds} rounds (best / median)"
    )
    for label, series in results.items():
        walls = [w for w, _ in series]
        cpus = [c for _, c in series]
        print(
            f"{label:28} wall {min(walls):7.2f} / {statistics.median(walls):7.2f} s   "
            f"CPU {min(cpus):6.2f} / {statistics.median(cpus):6.2f} s   "
            f"({min(walls) / max(1, decided) * 1e3:.3f} ms wall a decided message)"
        )


def store_latency(args) -> None:
    import threading

    from safehaven.gateway import spool
    from safehaven.gateway.spool import Quarantine

    if args.batch:
        spool.PURGE_BATCH = args.batch

    def percentiles(series: list[float]) -> str:
        s = sorted(series)
        at = [s[min(len(s) - 1, int(len(s) * p))] * 1e3 for p in (0.5, 0.9, 0.99)]
        return (
            f"{len(s):5d} stores  p50 {at[0]:6.2f}  p90 {at[1]:6.2f}  p99 {at[2]:6.2f}  "
            f"max {s[-1] * 1e3:7.2f} ms"
        )

    tmp = tempfile.mkdtemp(prefix="safehaven-purge-", dir=args.dir)
    try:
        q = Quarantine(os.path.join(tmp, "spool"))
        fill(q, messages=args.messages, held=args.held, size=args.bytes)
        os.sync()
        raw = b"From: officer@ashby.sch.uk\r\nSubject: x\r\n\r\n" + b"x" * 20_000
        meta = {"sender": "officer@ashby.sch.uk", "recipients": ["mum@gmail.com"]}

        def stores(until) -> list[float]:
            out = []
            while not until():
                t0 = time.perf_counter()
                q.store(raw, meta)
                out.append(time.perf_counter() - t0)
            return out

        end = time.monotonic() + 5
        idle = stores(lambda: time.monotonic() > end)
        finished = threading.Event()
        during: list[float] = []
        writer = threading.Thread(target=lambda: during.extend(stores(finished.is_set)))
        writer.start()
        done, wall, cpu = timed(lambda: q.purge(older_than_days=30, pause=args.pause))
        finished.set()
        writer.join()
        print(
            f"load average {os.getloadavg()[0]:.1f}; purge of {done.count:,} in {wall:.2f} s "
            f"({cpu:.2f} s CPU, this process)"
        )
        print(f"store, nothing else running: {percentiles(idle)}")
        print(f"store, during the purge:     {percentiles(during)}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
