"""CPU of the held-email list page (`/email/quarantine/`) with a spool that kept its history.

    .venv/bin/python -m benchmarks.email_held_list                  # 2,000 messages, 100 held
    .venv/bin/python -m benchmarks.email_held_list --messages 10000 --held 50
    .venv/bin/python -m benchmarks.email_held_list --memory --messages 10000   # memory only
    .venv/bin/python -m benchmarks.email_held_list --memory --messages 10000 --purge-days 0

A temporary SQLite database (migrated) and quarantine with N messages as the gateway stores them
(metadata with findings), all but `--held` of them decided (a spool keeps released and rejected
messages). The whole page through Django's test client, signed in as the DPO and as an
authoriser of the senders' school, default view (still held, newest first, page 1). Each round
interleaves two ways of reading the spool:

- "every file": the page's read of every status through `Quarantine.list` (what the page did
  before it used the kept listing: every metadata file read and parsed on each page; the
  navigation's count kept its listing, as it already did);
- "kept listing": as the page is now, once the folder has been still for a second;

and then the page just after one new message (the folder changed: listed again, one file read).
CPU (`time.process_time`) per page, best and median over rounds. `--query` asks for another view
(e.g. `status=all&page=40`).

`--memory`: what the kept listing holds in memory (`tracemalloc`), per message and in all, for a
spool of N messages with metadata as the gateway writes it (correlation id, message id, sender,
one or two recipients, two findings, children, sizes; decided ones with who, when and why),
written straight to the folder (no fsync): the listing of every status read once and, where the
tree has it, the 25 rows of a page read whole (`held_mail_shown`). Works on an older tree too
(PYTHONPATH=<tree>/src).

`--purge-days D` (either mode): before measuring, the retention purge (`Quarantine.purge`)
removes every message decided more than D days ago (0: every decided message), as the gateway's
hourly purge would have: the listing then holds the held messages and the recent decisions only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from datetime import date

from benchmarks.email_held_nav import fill_spool


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--held", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--query", default="", help="the page's query string, e.g. status=all")
    parser.add_argument("--memory", action="store_true", help="the kept listing's memory only")
    parser.add_argument(
        "--purge-days",
        type=float,
        default=None,
        help="first purge the messages decided more than this many days ago (retention)",
    )
    parser.add_argument(
        "--as-is",
        action="store_true",
        help="only the page as this tree has it (for a tree before spool_listing: PYTHONPATH)",
    )
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="safehaven-held-list-")
    try:
        memory(args, tmp) if args.memory else run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(args, tmp: str) -> None:
    os.environ["SAFEHAVEN_DATA_DIR"] = tmp
    os.environ.setdefault("SAFEHAVEN_REGISTER_KEY", "benchmark-key")
    os.environ["SAFEHAVEN_QUARANTINE_DIR"] = os.path.join(tmp, "spool")
    os.environ["DJANGO_SETTINGS_MODULE"] = "safehaven.settings.local"
    import django

    django.setup()
    import logging

    logging.getLogger("safehaven").setLevel(logging.WARNING)
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from safehaven.accounts.models import Unit, User
    from safehaven.email import selectors
    from safehaven.gateway.spool import Quarantine
    from safehaven.records.models import ServiceUser

    settings.ALLOWED_HOSTS = ["testserver"]
    setup_test_environment()  # the response's context, to check the rows
    call_command("migrate", verbosity=0)
    unit = Unit.objects.create(name="Ashby Hill Primary School")
    child = ServiceUser.objects.create(
        unit=unit, given_name="Amelia", family_name="Whitworth", date_of_birth=date(2016, 3, 1)
    )
    officer = User.objects.create(username="officer", email="officer@ashby.sch.uk", role="officer")
    officer.units.set([unit])
    dpo = User.objects.create(username="dpo", email="dpo@county.gov.uk", role="dpo")
    head = User.objects.create(
        username="head", email="head@ashby.sch.uk", role="authoriser", manager_title="team"
    )
    head.units.set([unit])

    q = Quarantine(os.environ["SAFEHAVEN_QUARANTINE_DIR"])
    meta = fill_spool(
        q,
        messages=args.messages,
        held=args.held,
        service_user_ids=[str(child.pk)],
        decided_by="dpo",
    )
    purge(q, args)
    old = time.time() - 60

    def still() -> None:
        os.utime(q.dir, (old, old))

    kept_listing = getattr(selectors, "spool_listing", None)

    def every_file(*, quarantine, status="held"):
        # The list page read every file (it asks for every status); the navigation's count
        # (status "held") already had the kept listing before this change.
        if status is None:
            return quarantine.list(status=None)
        return kept_listing(quarantine=quarantine, status=status)

    results: dict[tuple[str, str], list[float]] = {}
    for who, user in (("DPO", dpo), ("authoriser", head)):
        client = Client()
        client.force_login(user)
        still()
        url = "/email/quarantine/" + (f"?{args.query}" if args.query else "")
        page = client.get(url)
        assert page.status_code == 200
        if not args.query:
            assert len(page.context["items"]) == min(25, args.held), len(page.context["items"])
        for _ in range(args.rounds):
            if args.as_is:
                client.get(url)
                t0 = time.process_time()
                client.get(url)
                results.setdefault((who, "this tree as it is"), []).append(time.process_time() - t0)
                continue
            selectors.spool_listing = every_file
            t0 = time.process_time()
            client.get(url)
            results.setdefault((who, "every file (before)"), []).append(time.process_time() - t0)
            selectors.spool_listing = kept_listing
            client.get(url)  # the listing kept (the folder still)
            t0 = time.process_time()
            client.get(url)
            results.setdefault((who, "kept listing (now)"), []).append(time.process_time() - t0)
            new = q.store(b"From: a@b\r\n\r\nx\r\n", meta)  # the folder changes
            t0 = time.process_time()
            client.get(url)
            results.setdefault((who, "one new message since"), []).append(time.process_time() - t0)
            q.update(new, status="rejected", decided_by="dpo")
            still()
    print(
        f"load average {os.getloadavg()[0]:.1f}; {args.messages:,} messages, {args.held} held, "
        f"{args.rounds} rounds, CPU per page (whole page, test client) {args.query or ''}"
    )
    for (who, label), series in results.items():
        best, median = min(series) * 1e3, statistics.median(series) * 1e3
        print(f"{who:10} {label:24} best {best:8.1f} ms  median {median:8.1f} ms")


def gateway_like_meta(i: int, *, held: bool) -> dict:
    """Metadata as the gateway and a decision leave it (~850 bytes as JSON), varied per message."""
    import uuid
    from datetime import UTC, datetime, timedelta

    at = datetime(2026, 11, 1, tzinfo=UTC) + timedelta(seconds=37 * i)
    to = [f"parent{i % 200}@gmail.com"] + ([f"dad{i % 50}@outlook.com"] if i % 3 == 0 else [])
    meta = {
        "id": "",
        "status": "held",
        "held_at": at.isoformat(),
        "correlation_id": uuid.uuid4().hex,
        "sender": f"officer{i % 20}@ashby.sch.uk",
        "recipients": to,
        "external_recipients": to,
        "verdict": "hold",
        "rules": ["EMAIL-1", "EMAIL-3"],
        "findings": [
            {
                "rule": "EMAIL-1",
                "severity": "hold",
                "message": f"{to[0]} is not a secure domain: the message names a child with a "
                "child protection plan (special category: health).",
            },
            {
                "rule": "EMAIL-3",
                "severity": "warn",
                "message": "First time this sender writes to this address: check it.",
            },
        ],
        "policy_version": "dpo-2026-11-20",
        "classification": "special",
        "special_categories": ["health"],
        "service_user_ids": [str(1 + i % 300)] + ([str(301 + i % 50)] if i % 4 == 0 else []),
        "message_id": f"<{uuid.uuid4().hex}@ashby.sch.uk>",
        "size": 4000 + i % 5000,
    }
    if not held:
        meta.update(
            status="released" if i % 4 else "rejected",
            decided_by=f"head{i % 5}",
            decided_at=(at + timedelta(hours=2)).isoformat(timespec="seconds"),
            reason="Checked with the family worker." if i % 2 else "",
        )
    return meta


def purge(q, args) -> None:
    """The retention purge before measuring (`--purge-days`), reported by counts."""
    if args.purge_days is None:
        return
    t0, c0 = time.perf_counter(), time.process_time()
    done = q.purge(older_than_days=args.purge_days)
    print(
        f"retention purge (older than {args.purge_days:g} days): {done.count:,} decided "
        f"messages' content removed in {time.perf_counter() - t0:.2f} s "
        f"({time.process_time() - c0:.2f} s CPU)"
    )


def memory(args, tmp: str) -> None:
    """What the kept listing holds, per message (see the module's docstring)."""
    import gc
    import json
    import tracemalloc

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "safehaven.settings.test")
    import django

    django.setup()
    from safehaven.email import selectors
    from safehaven.gateway.spool import Quarantine

    q = Quarantine(os.path.join(tmp, "spool"))
    for i in range(args.messages):
        qid = f"2026110{1 + i // 100000}T{i:06d}Z-{i:08x}"
        meta = gateway_like_meta(i, held=i >= args.messages - args.held)
        meta["id"] = qid
        (q.dir / f"{qid}.json").write_text(json.dumps(meta, indent=1), "utf-8")
    sizes = [p.stat().st_size for p in q.dir.glob("*.json")]
    purge(q, args)
    listed = len(list(q.dir.glob("*.json")))
    old = time.time() - 60
    os.utime(q.dir, (old, old))
    shown = getattr(selectors, "held_mail_shown", None)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    every = selectors.spool_listing(quarantine=q, status=None)
    assert len(every) == listed, len(every)
    if shown is not None:
        rows = shown(quarantine=q, items=every[-25:])
        assert all("findings" in h.meta for h in rows)
        del rows
    del every
    gc.collect()
    kept, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    kept -= before
    print(
        f"{args.messages:,} messages ({args.held} held), metadata files "
        f"{statistics.mean(sizes):.0f} bytes on average; "
        f"{'listed fields + full cache' if shown else 'every metadata kept whole'}"
    )
    if listed != args.messages:
        print(f"after the retention purge: {listed:,} messages listed")
    print(
        f"kept: {kept / 1e6:.2f} MB, {kept / args.messages / 1e3:.2f} KB a message; "
        f"peak while reading {(peak - before) / 1e6:.2f} MB"
    )
    caches = [getattr(selectors, n, None) for n in ("_LISTING", "_FILES", "_FULL")]
    if all(c is not None for c in caches):
        # The listing read cold (a web process's first page, or after a restart): CPU.
        cold_reads = []
        for _ in range(3):
            for c in caches:
                c.clear()
            t0 = time.process_time()
            selectors.spool_listing(quarantine=q, status=None)
            cold_reads.append(time.process_time() - t0)
        best = min(cold_reads) * 1e3
        print(f"the listing read cold (every metadata file): best {best:.1f} ms CPU")
    if shown is not None:
        # A page's 25 rows not in the full cache (the oldest messages) read from their files,
        # then again from the cache; CPU.
        every = selectors.spool_listing(quarantine=q, status=None)
        cold, warm = [], []
        for r in range(min(7, args.messages // 25)):
            rows = every[25 * r : 25 * (r + 1)]
            t0 = time.process_time()
            shown(quarantine=q, items=rows)
            cold.append(time.process_time() - t0)
            t0 = time.process_time()
            shown(quarantine=q, items=rows)
            warm.append(time.process_time() - t0)
        print(
            f"a page's 25 rows read whole: from their files best {min(cold) * 1e3:.2f} ms "
            f"(median {statistics.median(cold) * 1e3:.2f}), from the cache best "
            f"{min(warm) * 1e3:.3f} ms"
        )


if __name__ == "__main__":
    main()
