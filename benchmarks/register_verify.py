"""Register verify throughput: generate N chained entries (bulk insert), then time
`register_verify` (the code behind `safehaven register verify`).

    .venv/bin/python benchmarks/register_verify.py --entries 200000
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/register_verify.py --entries 200000

Without DATABASE_URL it uses a fresh SQLite database in a temporary folder. Target: >= 100,000
entries/s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
import uuid


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--chunk-size", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data-dir", help="reuse this SQLite folder (entries already there)")
    parser.add_argument(
        "--workers", default="1,2", help="comma-separated worker counts to time (default 1,2)"
    )
    args = parser.parse_args()

    tmp = args.data_dir or tempfile.mkdtemp(prefix="safehaven-bench-")
    os.environ.setdefault("SAFEHAVEN_DATA_DIR", tmp)
    os.environ.setdefault("SAFEHAVEN_REGISTER_KEY", "benchmark-key")
    os.environ["DJANGO_SETTINGS_MODULE"] = "safehaven.settings.local"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    call_command("migrate", verbosity=0)
    from safehaven.accounts.models import Unit, User
    from safehaven.records.models import ServiceUser
    from safehaven.register import chain
    from safehaven.register.models import Disclosure
    from safehaven.register.selectors import register_verify

    existing = Disclosure.objects.count()
    if existing and existing != args.entries:
        print(f"The database holds {existing} entries, not {args.entries}; use an empty one.")
        return 2
    unit = Unit.objects.create(name=f"Bench School {uuid.uuid4().hex[:6]}")
    staff = User.objects.create(username=f"bench-{uuid.uuid4().hex[:6]}")
    su = ServiceUser.objects.create(
        given_name="Bench",
        family_name="Mark",
        date_of_birth=dt.date(2014, 1, 1),
        reference=f"BENCH-{uuid.uuid4().hex[:8]}",
        unit=unit,
    )
    key = chain.chain_key()
    if existing:
        print(f"reusing {existing:,} entries")
        return _time_verify(args, connection, register_verify)
    started = time.perf_counter()
    prev = chain.GENESIS_HASH
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    batch = []
    with transaction.atomic():
        for i in range(1, args.entries + 1):
            d = Disclosure(
                sequence=i,
                correlation_id=uuid.uuid4(),
                occurred_at=base + dt.timedelta(seconds=i),
                channel="telephone",
                outcome="disclosed",
                service_user=su,
                service_user_ids=[su.pk],
                recipient_name=f"Recipient {i}",
                recipient_role="GP",
                recipient_number="+441164960000",
                summary="Attendance for the autumn term and dates of recent absences.",
                reason="Health assessment",
                lawful_basis="safeguarding",
                lawful_basis_justification="Section 47 enquiry",
                disclosed_by=staff,
                payload={"callback": "switchboard", "minutes": i % 60},
                chain_version=chain.CHAIN_VERSION,
                prev_hash=prev,
            )
            d.entry_hash = chain.entry_hash([getattr(d, f) for f in chain.CHAIN_FIELDS], key)
            prev = d.entry_hash
            batch.append(d)
            if len(batch) == 5000:
                _insert(batch)
                batch = []
        if batch:
            _insert(batch)
    print(
        f"generated {args.entries:,} entries on {connection.vendor} in "
        f"{time.perf_counter() - started:.1f} s"
    )
    return _time_verify(args, connection, register_verify)


def _insert(batch) -> None:
    from safehaven.register.models import Disclosure, DisclosureSubject

    created = Disclosure.objects.bulk_create(batch)
    DisclosureSubject.objects.bulk_create(
        [DisclosureSubject(disclosure_id=d.pk, service_user_id=d.service_user_id) for d in created]
    )


def _time_verify(args, connection, register_verify) -> int:
    import hmac
    import json
    import os
    import timeit

    enc = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode
    sample = [1, "a" * 32, "2026-01-01T00:00:00.000000", "telephone", "disclosed", 1, [1]]
    sample += ["Recipient", "GP", None, "", None, "", "+441164960000", "", "x" * 60, "reason"]
    sample += ["safeguarding", None, "Section 47", None, 1, "", {"a": "b", "n": 1}, 1, "0" * 64]
    ref = min(timeit.repeat(lambda: hmac.digest(b"k", enc(sample).encode(), "sha256"), number=2000))
    print(
        f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; reference "
        f"canonical-encode+HMAC {ref / 2000 * 1e6:.1f} us per entry"
    )
    rates = []
    for workers in [int(w) for w in args.workers.split(",")]:
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            result = register_verify(chunk_size=args.chunk_size, workers=workers)
            elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
            assert result.ok, result.problem
            assert result.checked == args.entries
            rates.append(args.entries / elapsed)
            extra = (
                f" (this process used {cpu:.2f} s CPU = {args.entries / cpu:,.0f} entries/CPU-s)"
                if workers == 1
                else ""
            )
            print(
                f"verify workers={workers}: {args.entries:,} entries in {elapsed:.2f} s = "
                f"{rates[-1]:,.0f} entries/s{extra}"
            )
    best = max(rates)
    print(f"best {best:,.0f} entries/s (target >= 100,000): {'OK' if best >= 100_000 else 'BELOW'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
