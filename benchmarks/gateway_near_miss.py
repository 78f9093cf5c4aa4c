"""What a held or blocked email's DPO near-miss entry costs as the near-miss log grows, with and
without the (source_reference, kind) index, in the same process, rounds interleaved.

    .venv/bin/python -m benchmarks.gateway_near_miss [--rows 0 10000 100000] [--captures 200]

SQLite in a fresh temporary folder (`safehaven.settings.local`), migrated. For each log size the
table is filled with that many email near misses (kinds, sources and times spread as the
gateway writes them), then `near_miss_capture` is called as the gateway's sink calls it
(`safehaven.email.sinks._oversight_capture`: a new source reference, so the de-duplication look-up
finds nothing and the entry is inserted) `--captures` times with the index and as many times
with it dropped, alternating in rounds of 20. Prints CPU and wall milliseconds a capture (the
minimum over rounds of each round's mean) and SQLite's query plan for the look-up.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import tempfile
import time
import uuid


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[0, 10_000, 100_000])
    parser.add_argument("--captures", type=int, default=200)
    args = parser.parse_args()

    tmp = tempfile.mkdtemp(prefix="safehaven-nearmiss-")
    os.environ["SAFEHAVEN_DATA_DIR"] = tmp
    os.environ.setdefault("SAFEHAVEN_REGISTER_KEY", "benchmark-key")
    os.environ["DJANGO_SETTINGS_MODULE"] = "safehaven.settings.local"
    import logging

    import django

    django.setup()
    logging.disable(logging.INFO)
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from safehaven.oversight.models import NearMiss
    from safehaven.oversight.services import near_miss_capture

    call_command("migrate", verbosity=0)
    have_index = "nearmiss_source_kind" in {
        i.name for i in NearMiss._meta.indexes
    }  # the old tree (no index) measures the unindexed look-up only
    index_sql = (
        'CREATE INDEX "nearmiss_source_kind" ON "oversight_nearmiss" ("source_reference", "kind")'
    )

    def capture() -> None:
        near_miss_capture(
            channel="email",
            kind="email_held",
            rule="EMAIL-1",
            summary="Email held for review by the gateway (EMAIL-1); 1 recipient(s).",
            source_reference=f"email:{uuid.uuid4().hex}",
            correlation_id=uuid.uuid4().hex,
        )

    def rounds(n: int) -> tuple[float, float]:
        w, c = time.perf_counter(), time.process_time()
        for _ in range(n):
            capture()
        return (
            (time.process_time() - c) * 1000 / n,
            (time.perf_counter() - w) * 1000 / n,
        )

    capture()  # warm: imports, the policy version, the connection
    results = []
    filled = NearMiss.objects.count()
    for rows in sorted(args.rows):
        now = timezone.now()
        batch = [
            NearMiss(
                channel="email",
                kind="email_held" if i % 3 else "email_blocked",
                rule="EMAIL-1",
                summary="Email held for review by the gateway (EMAIL-1); 1 recipient(s).",
                occurred_at=now - dt.timedelta(seconds=i),
                source_reference=f"email:{uuid.uuid4().hex}",
                correlation_id=uuid.uuid4(),
            )
            for i in range(max(0, rows - filled))
        ]
        NearMiss.objects.bulk_create(batch, batch_size=2000)
        filled = NearMiss.objects.count()
        with connection.cursor() as cur:
            cur.execute("ANALYZE")

        def set_index(cur, variant: str) -> None:
            if variant == "index":
                cur.execute(index_sql.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS"))
            else:
                cur.execute('DROP INDEX IF EXISTS "nearmiss_source_kind"')

        timings: dict[str, list[tuple[float, float]]] = {"index": [], "no_index": []}
        per_round = 20
        for _ in range(max(1, args.captures // per_round)):
            for variant in ("index", "no_index") if have_index else ("no_index",):
                with connection.cursor() as cur:
                    set_index(cur, variant)
                timings[variant].append(rounds(per_round))
        qs = NearMiss.objects.filter(source_reference="email:x", kind="email_held")
        sql, params = qs[:1].query.sql_with_params()
        plans = {}
        for variant in ("index", "no_index") if have_index else ("no_index",):
            with connection.cursor() as cur:
                set_index(cur, variant)
                # A distinct statement per variant: not the one prepared before the change.
                cur.execute(f"EXPLAIN QUERY PLAN {sql} -- {variant}", params)
                plans[variant] = " | ".join(str(r[-1]) for r in cur.fetchall())
        results.append(
            {
                "rows": filled,
                **{
                    f"{variant}_cpu_ms": round(min(t[0] for t in ts), 3)
                    for variant, ts in timings.items()
                    if ts
                },
                **{
                    f"{variant}_wall_ms": round(min(t[1] for t in ts), 3)
                    for variant, ts in timings.items()
                    if ts
                },
                "plans": plans,
            }
        )
        print(json.dumps(results[-1]), flush=True)
    with connection.cursor() as cur:  # leave the schema as migrated
        if have_index:
            cur.execute(index_sql.replace("CREATE INDEX", "CREATE INDEX IF NOT EXISTS"))
    print(
        json.dumps(
            {"load_average": os.getloadavg(), "at": time.strftime("%H:%M:%SZ", time.gmtime())}
        )
    )


if __name__ == "__main__":
    main()
