"""Incoming-post matching (POST-1): latency of `match_post` over realistic reads, with
1,000,000 service users on PostgreSQL. Target (issue 5): p95 <= 100 ms.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/safehaven migrate
    DATABASE_URL=... .venv/bin/python -m benchmarks.pg_fill --service-users 1000000
    DATABASE_URL=... .venv/bin/python -m benchmarks.post_matching --prepare --queries 400

`--prepare` (once) gives the filled rows what pg_fill leaves out and matching needs: a valid,
unique UPN and NHS number for each child and a realistic spread of current postcodes (about
20 children a postcode), in set-based SQL from a COPY. Then each query reads the details of a
randomly chosen child as staff might read them off an envelope or form, in eight shapes (exact
UPN; NHS number; reference; misspelt name + date of birth; name + day and month swapped;
postcode only; name + postcode; misspelt name only), and times `match_post` over every service
user (the DPO's view: the widest). It also checks the answers: where the right child ranks
and what the outcome was. `--service` also times the whole `post_log` service (sensitivity
check, match, insert, routing) inside a transaction that is rolled back.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import time
from collections import defaultdict

KINDS = [
    "upn",
    "nhs",
    "reference",
    "misspelt_name_dob",
    "swapped_dob",
    "postcode_only",
    "name_postcode",
    "misspelt_name_only",
]
LA_CODES = ["855", "856", "857", "830", "831"]
DISTRICTS = [f"LE{n}" for n in (1, 2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19)]
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def _postcode(i: int) -> str:
    district = DISTRICTS[i % len(DISTRICTS)]
    j = i // len(DISTRICTS)
    sector = j % 10
    k = j // 10
    return f"{district} {sector}{INWARD_LETTERS[k % 20]}{INWARD_LETTERS[(k // 20) % 20]}"


def prepare(conn) -> None:
    from safehaven.core.identifiers import nhs_check_digit, upn_check_letter

    done = conn.execute("SELECT count(*) FROM records_serviceuser WHERE upn <> ''").fetchone()[0]
    if done:
        print(f"already prepared ({done:,} UPNs)")
        return
    ids = [r[0] for r in conn.execute("SELECT id FROM records_serviceuser ORDER BY id")]
    rng = random.Random(11)
    pool = 50_000
    started = time.perf_counter()
    conn.execute("CREATE TEMP TABLE prep (id bigint, upn text, nhs text, postcode text)")
    with conn.cursor().copy("COPY prep (id, upn, nhs, postcode) FROM STDIN") as copy:
        for n, pk in enumerate(ids):
            la = LA_CODES[n % len(LA_CODES)]
            body = f"{la}{2000 + n // 100_000:04d}{n % 100_000:05d}"
            upn = upn_check_letter(body) + body
            first = f"{400_000_000 + n * 3:09d}"
            d = nhs_check_digit(first)
            nhs = f"{first}{d}" if d is not None else ""
            copy.write_row((pk, upn, nhs, _postcode(rng.randrange(pool))))
    print(f"{time.perf_counter() - started:6.1f} s  generated {len(ids):,} rows")
    for sql in (
        "UPDATE records_serviceuser s SET upn = p.upn, nhs_number = p.nhs FROM prep p "
        "WHERE s.id = p.id",
        "UPDATE records_address a SET postcode = p.postcode FROM prep p "
        "WHERE a.service_user_id = p.id AND a.valid_to IS NULL",
        "VACUUM ANALYZE records_serviceuser",
        "VACUUM ANALYZE records_address",
    ):
        started = time.perf_counter()
        conn.execute(sql)
        print(f"{time.perf_counter() - started:6.1f} s  {' '.join(sql.split()[:3])}")


def _misspell(rng: random.Random, word: str) -> str:
    """One typo away: a letter dropped, doubled, swapped with the next or replaced (never the
    first letter, which people rarely get wrong)."""
    if len(word) < 4:
        return word
    i = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(4)
    if kind == 0:
        return word[:i] + word[i + 1 :]
    if kind == 1:
        return word[:i] + word[i] + word[i:]
    if kind == 2:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return word[:i] + rng.choice("aeiourstln") + word[i + 1 :]


def _swapped(d: dt.date) -> dt.date | None:
    if d.day > 12 or d.day == d.month:
        return None
    return d.replace(day=d.month, month=d.day)


def build_queries(n: int, rng: random.Random):
    from safehaven.correspondence.matching import ReadDetails
    from safehaven.records.models import Address, ServiceUser

    lo, hi = (
        ServiceUser.objects.order_by("pk").values_list("pk", flat=True)[:1][0],
        (ServiceUser.objects.order_by("-pk").values_list("pk", flat=True)[:1][0]),
    )
    queries = []
    while len(queries) < n:
        kind = KINDS[len(queries) % len(KINDS)]
        su = ServiceUser.objects.filter(pk__gte=rng.randint(lo, hi)).order_by("pk").first()
        if su is None:
            continue
        pc = (
            Address.objects.filter(service_user=su, valid_to__isnull=True)
            .values_list("postcode", flat=True)
            .first()
        )
        name = f"{su.given_name} {su.family_name}"
        if kind == "upn":
            read = ReadDetails(upn=su.upn)
        elif kind == "nhs":
            if not su.nhs_number:
                continue
            read = ReadDetails(
                nhs_number=f"{su.nhs_number[:3]} {su.nhs_number[3:6]} {su.nhs_number[6:]}"
            )
        elif kind == "reference":
            read = ReadDetails(reference=su.reference.lower(), child_name=name)
        elif kind == "misspelt_name_dob":
            read = ReadDetails(
                child_name=f"{su.given_name} {_misspell(rng, su.family_name)}",
                date_of_birth=su.date_of_birth,
            )
        elif kind == "swapped_dob":
            swapped = _swapped(su.date_of_birth)
            if swapped is None:
                continue
            read = ReadDetails(child_name=name, date_of_birth=swapped)
        elif kind == "postcode_only":
            read = ReadDetails(postcode=pc.replace(" ", "").lower())
        elif kind == "name_postcode":
            read = ReadDetails(child_name=name, postcode=pc)
        else:
            read = ReadDetails(child_name=f"{_misspell(rng, su.given_name)} {su.family_name}")
        queries.append((kind, su.pk, read))
    return queries


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, round(p / 100 * len(values)) - 1))]


def _line(label: str, values: list[float]) -> str:
    return (
        f"{label:<20} n={len(values):4d}  p50 {statistics.median(values):6.1f} ms  "
        f"p95 {_pct(values, 95):6.1f} ms  p99 {_pct(values, 99):6.1f} ms  "
        f"max {max(values):6.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--prepare", action="store_true", help="add UPNs, NHS numbers, postcodes")
    parser.add_argument("--service", type=int, default=0, help="also time N post_log calls")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        raise SystemExit("Set DATABASE_URL to a PostgreSQL database filled by benchmarks.pg_fill.")
    if args.prepare:
        import psycopg

        with psycopg.connect(url, autocommit=True) as conn:
            prepare(conn)
    os.environ.setdefault("SAFEHAVEN_REGISTER_KEY", "benchmark-key")
    os.environ["DJANGO_SETTINGS_MODULE"] = "safehaven.settings.local"
    import django

    django.setup()
    import logging

    logging.getLogger("safehaven").setLevel(logging.WARNING)
    from django.db import connection, transaction

    from safehaven.correspondence.matching import match_post
    from safehaven.records.models import ServiceUser

    total = ServiceUser.objects.count()
    rng = random.Random(args.seed)
    queries = build_queries(args.queries, rng)
    print(f"{total:,} service users on {connection.vendor}; {len(queries)} queries")
    within = ServiceUser.objects.all()
    for _kind, _pk, read in queries[:8]:  # warm the connection and caches once per shape
        match_post(read=read, within=within)
    timings: dict[str, list[float]] = defaultdict(list)
    outcomes: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    cpu: list[float] = []
    for kind, pk, read in queries:
        started, cpu_started = time.perf_counter(), time.process_time()
        result = match_post(read=read, within=within)
        timings[kind].append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        ids = [c.service_user_id for c in result.candidates]
        rank = ids.index(pk) + 1 if pk in ids else 0
        right = result.outcome in {"deterministic", "confident"} and rank == 1
        wrong = result.outcome in {"deterministic", "confident"} and rank != 1
        outcomes[kind][
            "routed right" if right else "routed WRONG" if wrong else result.outcome
        ] += 1
        outcomes[kind]["listed"] += bool(rank)
    every = [v for values in timings.values() for v in values]
    print(_line("all", every))
    print(_line("all, CPU of this process", cpu) + "  (the rest is the database and waiting)")
    for kind in KINDS:
        if timings[kind]:
            summary = ", ".join(
                f"{k} {v}" for k, v in sorted(outcomes[kind].items()) if v and k != "listed"
            )
            print(_line(kind, timings[kind]) + f"  | right child listed {outcomes[kind]['listed']}"
                  f"/{len(timings[kind])}; {summary}")  # fmt: skip
    if args.service:
        from safehaven.accounts.models import Unit, User
        from safehaven.correspondence.post_services import post_log

        unit = Unit.objects.order_by("pk").first()
        dpo, _ = User.objects.get_or_create(username="bench-dpo", defaults={"role": "dpo"})
        spent = []
        for _kind, _pk, read in queries[: args.service]:
            started = time.perf_counter()
            with transaction.atomic():
                post_log(
                    user=dpo, unit=unit, sender_organisation="Bench Health Trust",
                    subject="Appointment letter about a clinic visit", upn=read.upn,
                    nhs_number=read.nhs_number, reference=read.reference,
                    child_name=read.child_name, date_of_birth=read.date_of_birth,
                    postcode=read.postcode,
                )  # fmt: skip
                transaction.set_rollback(True)
            spent.append((time.perf_counter() - started) * 1000)
        print(_line("post_log service", spent))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
