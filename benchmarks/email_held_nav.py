"""CPU of the navigation's held-email count's spool read, with a spool that kept its history.

    .venv/bin/python -m benchmarks.email_held_nav                  # 2,000 messages, 100 held
    .venv/bin/python -m benchmarks.email_held_nav --messages 10000 --held 50

A temporary quarantine with N messages as the gateway stores them (metadata with findings), all
but `--held` of them decided (a spool keeps released and rejected messages). Each round: the
spool read as every page would do it without the kept listing (`Quarantine.list(status="held")`,
every metadata file read and parsed) and `held_waiting` once the folder has been still (the
kept listing: one stat). The per-user filter after it (`held_mail_reviewable`: none for the
DPO, two queries for an authoriser) is not in this figure. CPU (`time.process_time`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time


def fill_spool(
    q, *, messages: int, held: int, service_user_ids: list[str], decided_by: str = "someone"
) -> dict:
    """`messages` small held messages in the quarantine `q`, all but the first `held` released;
    returns their metadata (to store more like them)."""
    meta = {
        "sender": "officer@ashby.sch.uk",
        "recipients": ["mum@gmail.com"],
        "rules": ["EMAIL-1", "EMAIL-3"],
        "findings": [
            {"rule": "EMAIL-1", "severity": "hold", "message": "Not a secure domain." * 3},
            {"rule": "EMAIL-3", "severity": "warn", "message": "Phone the recipient." * 3},
        ],
        "service_user_ids": service_user_ids,
    }
    for i in range(messages):
        qid = q.store(b"From: a@b\r\n\r\nx\r\n", meta)
        if i >= held:
            q.update(qid, status="released", decided_by=decided_by)
    return meta


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--held", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safehaven.settings.test")
    import django

    django.setup()
    from safehaven.email.selectors import held_waiting
    from safehaven.gateway.spool import Quarantine

    with tempfile.TemporaryDirectory() as tmp:
        q = Quarantine(tmp)
        meta = fill_spool(q, messages=args.messages, held=args.held, service_user_ids=["1", "2"])
        old = time.time() - 60
        os.utime(q.dir, (old, old))
        assert len(held_waiting(quarantine=q)) == args.held
        held_waiting(quarantine=q)
        full, kept, changed = [], [], []
        for _ in range(args.rounds):
            t0 = time.process_time()
            q.list(status="held")
            full.append(time.process_time() - t0)
            t0 = time.process_time()
            for _ in range(100):
                held_waiting(quarantine=q)
            kept.append((time.process_time() - t0) / 100)
            qid = q.store(b"From: a@b\r\n\r\nx\r\n", meta)  # the folder changes
            t0 = time.process_time()
            held_waiting(quarantine=q)
            changed.append(time.process_time() - t0)
            q.update(qid, status="rejected")
            held_waiting(quarantine=q)
            os.utime(q.dir, (old, old))
            held_waiting(quarantine=q)  # the listing kept again
    print(
        f"load average {os.getloadavg()[0]:.1f}; {args.messages:,} messages, {args.held} held, "
        f"{args.rounds} rounds, CPU per page"
    )
    for label, series in (
        ("read every metadata file", full),
        ("kept listing (folder still)", kept),
        ("one new message since", changed),
    ):
        best, median = min(series) * 1e3, statistics.median(series) * 1e3
        print(f"{label:30} best {best:8.3f} ms  median {median:8.3f} ms")


if __name__ == "__main__":
    main()
