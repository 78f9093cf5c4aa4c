"""Cost of the gateway's hourly scan for overdue held mail (`safehaven.gateway.reminders`).

    .venv/bin/python -m benchmarks.overdue_reminders --messages 10000 --overdue 20 --rounds 3

Builds a quarantine folder of `--messages` metadata files (a third released, the rest held; the
first `--overdue` held 30 hours ago, the others 2 hours ago), then, each round, a new
`OverdueScan` (a gateway process's first scan reads every metadata file once) and a second scan
on it (later scans list the folder and re-read only new or changed files). CPU and wall time of
each; the scan runs in the notice thread once an hour, never on a message's path.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from safehaven.gateway.reminders import OverdueScan
from safehaven.gateway.spool import new_id


def build(root: Path, messages: int, overdue: int) -> None:
    now = datetime.now(UTC)
    for i in range(messages):
        qid = new_id() + f"{i:05d}"
        old = i < overdue
        meta = {
            "id": qid,
            "status": "held" if (old or i % 3) else "released",
            "held_at": (now - timedelta(hours=30 if old else 2)).isoformat(),
            "sender": "officer@ashby.sch.uk",
            "recipients": ["someone@example.org"],
            "findings": [{"rule": "EMAIL-1", "message": "m" * 600}],
        }
        (root / f"{qid}.json").write_text(json.dumps(meta, indent=1))
        (root / f"{qid}.eml").write_bytes(b"x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--overdue", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    ns = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        build(root, ns.messages, ns.overdue)
        for r in range(ns.rounds):
            scan = OverdueScan(root)
            t0, c0 = time.perf_counter(), time.process_time()
            first = scan.overdue(hours=24)
            t1, c1 = time.perf_counter(), time.process_time()
            later = scan.overdue(hours=24)
            t2, c2 = time.perf_counter(), time.process_time()
            if not len(first) == len(later) == ns.overdue:
                raise SystemExit(f"found {len(first)}/{len(later)} overdue, not {ns.overdue}")
            print(
                f"round {r + 1}: first scan {1000 * (c1 - c0):.1f} ms CPU "
                f"({1000 * (t1 - t0):.1f} wall); later scan {1000 * (c2 - c1):.1f} ms CPU "
                f"({1000 * (t2 - t1):.1f} wall)"
            )
    print(f"load average {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
