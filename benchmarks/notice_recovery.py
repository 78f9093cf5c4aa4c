"""Cost of the crash-safe held-mail notices (`safehaven.gateway.notices.OwedNotices`).

    .venv/bin/python -m benchmarks.notice_recovery                    # 10,000 held, 20 owed
    .venv/bin/python -m benchmarks.notice_recovery --messages 2000 --owed 0 --rounds 5

Two parts, CPU (`time.process_time`) and wall time, best and median of `--rounds`:

- **per held message** (the gateway's hot path and its notice thread): what the feature adds to
  each held message: the `notices_by` field in the metadata written before the 250 (the same
  `store_meta`, timed with and without the field, interleaved), the in-flight set, and the
  line logged once its notices are settled (`OwedNotices.mark`: one append, no fsync).
  `--per-message` messages.
- **the recovery scan** (at start, and at each tick): a spool of `--messages` held messages
  (metadata as the gateway writes it, ~1 KB, written straight to the folder), all logged but
  `--owed` (owned by a dead process), then: a fresh `OwedNotices` and its first `owed()` plus
  `other_owners()` (the start-up scan, nothing cached), a second `owed()` (a tick), the dead
  owner's log compacted into this process's, and the first scan of a spool held before this
  existed (no log, no `notices_by`: each metadata file read once and logged: the upgrade's
  one-off cost), then a scan of that spool by a fresh process.
  The notices themselves (relay, database) are not counted: they are the same as before.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from safehaven.gateway.spool import Quarantine


def gateway_like_meta(i: int) -> dict:
    """Metadata as `GatewayHandler._hold` writes it (~1 KB as JSON), varied per message."""
    return {
        "correlation_id": f"{i:032x}",
        "sender": f"officer{i % 40}@ashby.sch.uk",
        "recipients": [f"parent{i}@gmail.com", "sarah.jones@leics.gov.uk"],
        "external_recipients": [f"parent{i}@gmail.com"],
        "verdict": "hold",
        "rules": ["EMAIL-1", "EMAIL-2"],
        "findings": [
            {
                "rule": "EMAIL-1",
                "severity": "hold",
                "message": "Special-category information about a child to an address outside "
                "the organisation that is not a secure partner: held for an authoriser.",
            },
            {
                "rule": "EMAIL-2",
                "severity": "warn",
                "message": "A full name and a date of birth: use initials or the UPN.",
            },
        ],
        "policy_version": "county-2026-11",
        "classification": "special",
        "special_categories": ["health", "safeguarding"],
        "service_user_ids": [f"su-{i % 500}"],
        "message_id": f"<{i:016x}@ashby.sch.uk>",
        "size": 20_000 + i % 977,
    }


def _timed(fn):  # noqa: ANN001, ANN202
    c0, w0 = time.process_time(), time.perf_counter()
    out = fn()
    return out, time.process_time() - c0, time.perf_counter() - w0


def hold_path(root: Path, n: int) -> dict[str, float]:
    """CPU of this process per held message through `GatewayHandler._hold` (metadata, store,
    near-miss entry, answer) and its notice thread (the sender's notice through the relay, a
    sink in another process, and, with this feature, the log line), with notices on; runs on
    any tree (PYTHONPATH=<tree>/src) for a before/after comparison."""
    import asyncio
    import subprocess
    import sys
    import uuid

    from benchmarks.gateway_throughput import POLICY, free_port, wait_for_port
    from safehaven.gateway.server import Gateway, GatewayConfig, GatewayHandler

    sink_port = free_port()
    sink = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "benchmarks.gateway_throughput", "--serve-sink", str(sink_port)]
    )
    try:
        wait_for_port(sink_port)
        policy = root / "policy.json"
        policy.write_text(json.dumps(POLICY))
        config = GatewayConfig(
            listen=("127.0.0.1", free_port()),
            relay=("127.0.0.1", sink_port),
            spool=root / "spool",
            records="files",
            policy_path=str(policy),
            executor="thread",
            workers=1,
            notify_from="safehaven@ashby.sch.uk",
        )
        gateway = Gateway(config)
        handler = GatewayHandler(
            config=config,
            backend=gateway.backend,
            quarantine=gateway.quarantine,
            sinks=gateway.sinks,
            outbox=gateway.outbox,
        )
        body = ("Jane Smith (DOB 12/03/2014) has a child protection plan. " * 350)[:20_000]
        raw = (
            "From: officer@ashby.sch.uk\r\nTo: parent@gmail.com\r\nSubject: Update\r\n"
            f"Message-ID: <{uuid.uuid4().hex}@ashby.sch.uk>\r\n\r\n{body}\r\n"
        ).encode()
        meta = gateway_like_meta(0)
        res = {
            "verdict": "hold",
            "findings": meta["findings"],
            "policy_version": "county-2026-11",
            "classification": "special",
            "special_categories": ["health"],
            "service_users": [{"id": "su-1"}],
            "external": ["parent@gmail.com"],
        }
        sender, rcpts, rules = "officer@ashby.sch.uk", ["parent@gmail.com"], ("EMAIL-1",)

        async def hold_all(count: int) -> None:
            loop = asyncio.get_running_loop()
            for _ in range(count):
                reply = await handler._hold(uuid.uuid4().hex, raw, res, sender, rcpts, rules)  # noqa: SLF001
                assert reply.startswith("250"), reply
                # Its notice sent (the notice thread is done with it) before the next.
                await loop.run_in_executor(None, handler.notice_io.submit(lambda: None).result)

        asyncio.run(hold_all(5))  # warm: connections, imports
        c0, w0 = time.process_time(), time.perf_counter()
        asyncio.run(hold_all(n))
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        handler.close()
        return {
            "hold_path_cpu_ms_per_msg": cpu * 1000 / n,
            "hold_path_wall_ms_per_msg": wall * 1000 / n,
        }
    finally:
        sink.terminate()
        sink.wait(timeout=30)


def _spool(root: Path, n: int, *, owed: int, dead: str, with_owner: bool) -> None:
    from safehaven.gateway.notices import OwedNotices

    q = Quarantine(root)
    ledger = OwedNotices(root, q.dir)
    told = []
    for i in range(n):
        qid = f"20261126T{i // 3600 % 24:02d}{i // 60 % 60:02d}{i % 60:02d}Z-{i:08x}"
        meta = gateway_like_meta(i)
        meta.update(id=qid, status="held")
        if with_owner:
            meta["notices_by"] = dead
        (q.dir / f"{qid}.eml").write_bytes(b"Subject: x\r\n\r\nx\r\n")
        (q.dir / f"{qid}.json").write_text(json.dumps(meta, indent=1), "utf-8")
        if with_owner and i >= owed:
            told.append(qid)
    # The dead process's log (its lock file is there, unlocked).
    (ledger.dir / f"{dead}.told").write_text("".join(f"{q}\n" for q in told), "ascii")
    (ledger.dir / f"{dead}.lock").touch()


def scan(root: Path, n: int, owed: int) -> dict[str, float]:
    from safehaven.gateway.notices import OwedNotices

    dead = "0123456789abcdef"
    _spool(root / "marked", n, owed=owed, dead=dead, with_owner=True)
    q = Quarantine(root / "marked")
    out: dict[str, float] = {}

    def first():  # noqa: ANN202
        ledger = OwedNotices(root / "marked", q.dir)
        found = ledger.owed()
        ledger.other_owners()
        return ledger, found

    (ledger, found), out["start_cpu"], out["start_wall"] = _timed(first)
    assert sum(map(len, found.values())) == owed, found
    found.setdefault(dead, [])
    _, out["tick_cpu"], out["tick_wall"] = _timed(ledger.owed)
    # Recovering the dead owner once its owed messages are settled: its log compacted into
    # this process's (the notices themselves not counted).
    ledger.start()

    def recover():  # noqa: ANN202
        fd = ledger.take_owner(dead)
        assert fd is not None
        ledger.mark(*found[dead])
        ledger.release_owner(dead, fd, settled=True)

    _, out["compact_cpu"], out["compact_wall"] = _timed(recover)
    ledger.close()
    _spool(root / "old", n, owed=0, dead=dead, with_owner=False)
    q_old = Quarantine(root / "old")
    old = OwedNotices(root / "old", q_old.dir)
    old.start()
    found, out["upgrade_cpu"], out["upgrade_wall"] = _timed(old.owed)
    assert found == {}
    old.close()
    _, out["after_upgrade_cpu"], out["after_upgrade_wall"] = _timed(
        lambda: OwedNotices(root / "old", q_old.dir).owed()
    )
    return out


def per_message(root: Path, n: int) -> dict[str, float]:
    from safehaven.gateway.notices import OwedNotices

    q = Quarantine(root)
    ledger = OwedNotices(root, q.dir)
    ledger.start()
    flying: set[str] = set()
    plain, owned, mark = [], [], []
    for i in range(n):
        meta = gateway_like_meta(i)
        for with_owner in (i % 2 == 0, i % 2 == 1):  # interleaved, alternating first
            qid = q.store_message(b"Subject: x\r\n\r\nx\r\n")
            m = dict(meta)
            c0 = time.process_time()
            if with_owner:
                m["notices_by"] = ledger.token
                flying.add(qid)
            q.store_meta(qid, m)
            spent = time.process_time() - c0
            if with_owner:
                owned.append(spent)
                c0 = time.process_time()
                ledger.mark(qid)
                flying.discard(qid)
                mark.append(time.process_time() - c0)
            else:
                plain.append(spent)
    ledger.close()
    ms = 1000.0
    return {
        "store_meta_plain_ms_median": statistics.median(plain) * ms,
        "store_meta_owned_ms_median": statistics.median(owned) * ms,
        "store_meta_added_ms_median": (statistics.median(owned) - statistics.median(plain)) * ms,
        "mark_ms_median": statistics.median(mark) * ms,
        "mark_ms_mean": statistics.fmean(mark) * ms,
        "added_ms_per_held_message": (
            statistics.median(owned) - statistics.median(plain) + statistics.median(mark)
        )
        * ms,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--owed", type=int, default=20)
    parser.add_argument("--per-message", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--hold-path",
        type=int,
        metavar="N",
        help="only the CPU per held message through the gateway's hold and notice (N messages)",
    )
    args = parser.parse_args()
    if args.hold_path:
        rows = []
        for _ in range(args.rounds):
            with tempfile.TemporaryDirectory(prefix="notice-recovery-") as tmp:
                rows.append(hold_path(Path(tmp), args.hold_path))
        print(
            json.dumps(
                {
                    "messages": args.hold_path,
                    "rounds": args.rounds,
                    "load_average": os.getloadavg(),
                    **{k: [round(r[k], 3) for r in rows] for k in rows[0]},
                }
            )
        )
        return
    scans, pers = [], []
    for _ in range(args.rounds):
        with tempfile.TemporaryDirectory(prefix="notice-recovery-") as tmp:
            scans.append(scan(Path(tmp), args.messages, args.owed))
        with tempfile.TemporaryDirectory(prefix="notice-recovery-") as tmp:
            pers.append(per_message(Path(tmp), args.per_message))

    def summary(rows: list[dict[str, float]], scale: float) -> dict[str, list[float]]:
        return {
            k: [
                round(min(r[k] for r in rows) * scale, 3),
                round(statistics.median(r[k] for r in rows) * scale, 3),
            ]
            for k in rows[0]
        }

    print(
        json.dumps(
            {
                "messages": args.messages,
                "owed": args.owed,
                "per_message_samples": args.per_message,
                "rounds": args.rounds,
                "load_average": os.getloadavg(),
                "scan_ms_best_median": summary(scans, 1000.0),
                "per_held_message_ms_best_median": summary(pers, 1.0),
            },
            indent=1,
        )
    )


if __name__ == "__main__":
    main()
