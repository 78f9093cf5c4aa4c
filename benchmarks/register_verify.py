"""Register verify throughput: generate N chained entries, then time `register_verify` (the code
behind `safehaven register verify`) and split one entry's cost into fetch, canonical form and MAC.

    .venv/bin/python benchmarks/register_verify.py --entries 1000000 --data-dir /tmp/rv
    DATABASE_URL=postgres://... .venv/bin/python benchmarks/register_verify.py --entries 1000000

Without DATABASE_URL it uses SQLite in --data-dir (default: a fresh temporary folder); a
database that already holds exactly N entries is reused. Entries are written in the current
chain format (`--format 1` writes the old format-1 entries, to time a legacy chain). Rows are
inserted with Django's own per-field conversion (`get_db_prep_save`), so the stored text is
what `disclosure_record` would store. Target: >= 100,000 entries/s.
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
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--chunk-size", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--data-dir", help="SQLite folder (reused when it holds N entries)")
    parser.add_argument(
        "--workers", default="1,2", help="comma-separated worker counts to time (default 1,2)"
    )
    parser.add_argument("--format", type=int, default=0, help="chain format to write (1 or 2)")
    parser.add_argument("--breakdown", action="store_true", help="split the per-entry cost")
    parser.add_argument("--profile", action="store_true", help="cProfile one 1-worker verify")
    parser.add_argument("--generate-only", action="store_true", help="fill the database, exit")
    parser.add_argument(
        "--copy-from",
        metavar="POSTGRES_URL",
        help="fill this (SQLite) database by copying a PostgreSQL register row by row, hashes "
        "untouched: a register moved between databases, which must still verify",
    )
    args = parser.parse_args()

    tmp = args.data_dir or tempfile.mkdtemp(prefix="safehaven-bench-")
    os.environ.setdefault("SAFEHAVEN_DATA_DIR", tmp)
    os.environ.setdefault("SAFEHAVEN_REGISTER_KEY", "benchmark-key")
    os.environ["DJANGO_SETTINGS_MODULE"] = "safehaven.settings.local"
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    from safehaven.register import chain
    from safehaven.register.models import Disclosure
    from safehaven.register.selectors import register_verify

    existing = Disclosure.objects.count()
    if existing and existing != args.entries:
        print(f"The database holds {existing} entries, not {args.entries}; use an empty one.")
        return 2
    if existing:
        versions = sorted(set(Disclosure.objects.values_list("chain_version", flat=True)[:1000]))
        print(f"reusing {existing:,} entries on {connection.vendor} (chain format {versions})")
    elif args.copy_from:
        _copy_from(args)
    else:
        _generate(args, args.format or chain.CHAIN_VERSION)
    if args.generate_only:
        return 0
    _reference(chain)
    if args.breakdown:
        _breakdown(args, connection)
    if args.profile:
        _profile(args, register_verify)
    return _time_verify(args, register_verify)


def _generate(args, version: int) -> None:
    """N chained entries in one transaction, converted field by field as Django does."""
    from django.db import connection, transaction

    from safehaven.accounts.models import Unit, User
    from safehaven.records.models import ServiceUser
    from safehaven.register import chain
    from safehaven.register.models import Disclosure, DisclosureSubject

    started = time.perf_counter()
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
    fields = [f for f in Disclosure._meta.concrete_fields if not f.primary_key]
    names = [f.attname for f in fields]
    qn = connection.ops.quote_name
    insert = (
        f"INSERT INTO {qn(Disclosure._meta.db_table)} "  # noqa: S608 - fixed names
        f"({', '.join(qn(f.column) for f in fields)}) VALUES ({', '.join(['%s'] * len(fields))})"
    )
    index = {name: i for i, name in enumerate(chain.CHAIN_FIELDS)}
    convert = [
        i
        for i, name in enumerate(names)
        if name in ("correlation_id", "occurred_at", "service_user_ids", "payload")
    ]
    base = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    prev = chain.GENESIS_HASH
    rows = []
    with transaction.atomic(), connection.cursor() as cursor:
        for i in range(1, args.entries + 1):
            values = {
                "sequence": i,
                "correlation_id": uuid.uuid4(),
                # A whole second every 10th entry: Django stores those without microseconds.
                "occurred_at": base + dt.timedelta(seconds=i, microseconds=(i % 10) * 12_345),
                "channel": ("telephone", "letter", "email", "fax")[i % 4],
                "outcome": "disclosed",
                "service_user_id": su.pk,
                "service_user_ids": [su.pk],
                "recipient_name": f"Recipient {i}" + (" Zoë Łukasz" if i % 7 == 0 else ""),
                "recipient_role": "GP",
                "recipient_organisation_id": None,
                "recipient_organisation_name": "",
                "recipient_contact_id": None,
                "recipient_address": "",
                "recipient_number": "+441164960000",
                "recipient_email": "",
                "summary": "Attendance for the autumn term and dates of recent absences.",
                "reason": "Health assessment",
                "lawful_basis": "safeguarding",
                "consent_id": None,
                "lawful_basis_justification": "Section 47 enquiry",
                "authorised_by_id": None,
                "disclosed_by_id": staff.pk,
                "refusal_reason": "",
                "payload": {"telephone_request": str(uuid.UUID(int=i)), "minutes": i % 60},
                "chain_version": version,
                "prev_hash": prev,
            }
            prev = values["entry_hash"] = chain.entry_hash([values[name] for name in index], key)
            row = [values[name] for name in names]
            for i in convert:  # text, whole numbers and NULL go to the driver as they are
                row[i] = fields[i].get_db_prep_save(row[i], connection)
            rows.append(row)
            if len(rows) == 5000:
                cursor.executemany(insert, rows)
                rows = []
        if rows:
            cursor.executemany(insert, rows)
        ids = Disclosure.objects.values_list("id", flat=True).iterator(chunk_size=20_000)
        batch = []
        for pk in ids:
            batch.append(DisclosureSubject(disclosure_id=pk, service_user_id=su.pk))
            if len(batch) == 20_000:
                DisclosureSubject.objects.bulk_create(batch)
                batch = []
        DisclosureSubject.objects.bulk_create(batch)
    print(
        f"generated {args.entries:,} format-{version} entries on {connection.vendor} in "
        f"{time.perf_counter() - started:.1f} s"
    )


def _copy_from(args) -> None:
    """Copies a PostgreSQL register (and the staff and service user rows it names, same ids)
    into this database through Django's field conversion; the hashes are copied, not made."""
    import psycopg
    from django.db import connection, transaction

    from safehaven.accounts.models import Unit, User
    from safehaven.records.models import ServiceUser
    from safehaven.register.models import Disclosure, DisclosureSubject

    started = time.perf_counter()
    source = psycopg.connect(args.copy_from)
    fields = [f for f in Disclosure._meta.concrete_fields if not f.primary_key]
    columns = ", ".join(f.column for f in fields)
    convert = [
        i
        for i, f in enumerate(fields)
        if f.name in ("correlation_id", "occurred_at", "service_user_ids", "payload")
    ]
    qn = connection.ops.quote_name
    insert = (
        f"INSERT INTO {qn(Disclosure._meta.db_table)} "  # noqa: S608 - fixed names
        f"({', '.join(qn(f.column) for f in fields)}) VALUES ({', '.join(['%s'] * len(fields))})"
    )
    with transaction.atomic():
        unit = Unit.objects.create(name=f"Bench School {uuid.uuid4().hex[:6]}")
        su_ids = [
            r[0] for r in source.execute("SELECT DISTINCT service_user_id FROM register_disclosure")
        ]
        staff_ids = [
            r[0] for r in source.execute("SELECT DISTINCT disclosed_by_id FROM register_disclosure")
        ]
        for pk in staff_ids:
            User.objects.create(pk=pk, username=f"bench-copy-{pk}")
        for pk in su_ids:
            ServiceUser.objects.create(
                pk=pk,
                given_name="Bench",
                family_name="Mark",
                date_of_birth=dt.date(2014, 1, 1),
                reference=f"BENCH-{uuid.uuid4().hex[:8]}",
                unit=unit,
            )
        with source.cursor(name="copy") as found, connection.cursor() as cursor:
            found.execute(f"SELECT {columns} FROM register_disclosure ORDER BY sequence")  # noqa: S608
            while batch := found.fetchmany(5000):
                rows = [list(row) for row in batch]
                for row in rows:
                    for i in convert:  # text, whole numbers and NULL go as they are
                        row[i] = fields[i].get_db_prep_save(row[i], connection)
                cursor.executemany(insert, rows)
        subjects = []
        for pk, su in Disclosure.objects.values_list("id", "service_user_id").iterator(20_000):
            subjects.append(DisclosureSubject(disclosure_id=pk, service_user_id=su))
            if len(subjects) == 20_000:
                DisclosureSubject.objects.bulk_create(subjects)
                subjects = []
        DisclosureSubject.objects.bulk_create(subjects)
    count = Disclosure.objects.count()
    print(
        f"copied {count:,} entries from PostgreSQL to {connection.vendor} in "
        f"{time.perf_counter() - started:.1f} s"
    )


def _reference(chain) -> None:
    """A machine reference: format-1 canonical JSON + HMAC, and format-2 MAC, of one entry."""
    import hashlib
    import hmac
    import json
    import timeit

    enc = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode
    sample = [1, "a" * 32, "2026-01-01T00:00:00.000000", "telephone", "disclosed", 1, [1]]
    sample += ["Recipient", "GP", None, "", None, "", "+441164960000", "", "x" * 60, "reason"]
    sample += ["safeguarding", None, "Section 47", None, 1, "", {"a": "b", "n": 1}, 1, "0" * 64]
    v1 = min(timeit.repeat(lambda: hmac.digest(b"k", enc(sample).encode(), "sha256"), number=2000))
    message = b"x" * 420
    mac = hashlib.blake2b(key=b"k" * 32, digest_size=32)

    def v2():
        h = mac.copy()
        h.update(message)
        return h.hexdigest()

    v2_time = min(timeit.repeat(v2, number=2000))
    print(
        f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}; reference "
        f"format-1 JSON encode+HMAC {v1 / 2000 * 1e6:.1f} us, format-2 BLAKE2b MAC of 420 bytes "
        f"{v2_time / 2000 * 1e6:.2f} us per entry"
    )


def _breakdown(args, connection) -> None:
    """Per-entry µs: fetch (the bare columns), canonical form (the database building the
    format-2 text, or format 1 in Python), MAC, the walk, the lookup-row check."""
    import hashlib
    import hmac

    from safehaven.register import chain
    from safehaven.register.selectors import _fast_rows, _raw_rows, _subjects_check

    n = args.entries
    key = chain.chain_key()

    def timed(label, fn):
        s0 = _server_cpu()
        t0, c0 = time.perf_counter(), time.process_time()
        out = fn()
        wall, cpu = time.perf_counter() - t0, time.process_time() - c0
        server = _server_cpu() - s0
        print(
            f"  {label:<58} {wall / n * 1e6:6.2f} us/entry wall, {cpu / n * 1e6:6.2f} "
            f"us/entry CPU of this process"
            + (f", {server / n * 1e6:6.2f} of the PostgreSQL backend" if server else "")
        )
        return out

    def bare():
        with connection.chunked_cursor() as cursor:
            cursor.execute(
                "SELECT sequence, chain_version, prev_hash, entry_hash FROM register_disclosure "
                "ORDER BY sequence"
            )
            while cursor.fetchmany(args.chunk_size):
                pass

    def raw():
        for _ in _raw_rows(args.chunk_size):
            pass

    messages = []

    def fast():
        for chunk in _fast_rows(args.chunk_size):
            if len(messages) < 200_000:
                messages.extend(chunk[: 200_000 - len(messages)])

    print(f"breakdown on {connection.vendor}, {n:,} entries:")
    timed("fetch: sequence, format, prev_hash, entry_hash", bare)
    timed("fetch: all 27 chain columns raw (format-1 path)", raw)
    timed("fetch + canonical: the database builds the format-2 text", fast)
    sample = messages[:200_000]
    m = len(sample)
    base = hashlib.blake2b(key=chain.mac_key_v2(key), digest_size=32)
    encoded = [r[2] if isinstance(r[2], bytes) else r[2].encode() for r in sample]

    def mac_only():
        copy = base.copy
        for message in encoded:
            h = copy()
            h.update(message)
            h.hexdigest()

    t0 = time.perf_counter()
    mac_only()
    print(f"  MAC: keyed BLAKE2b-256 of the text {(time.perf_counter() - t0) / m * 1e6:6.2f} us")
    t0 = time.perf_counter()
    for message in encoded:
        hmac.digest(key, message, "sha256").hex()
    print(
        f"  (HMAC-SHA256 of the same text instead {(time.perf_counter() - t0) / m * 1e6:6.2f} us)"
    )
    t0 = time.perf_counter()
    chain.verify_messages([sample], key=key)
    walk = (time.perf_counter() - t0) / m * 1e6
    print(f"  walk: sequence/link checks + encode + MAC + compare {walk:6.2f} us")
    raws = []
    for row in _raw_rows(args.chunk_size):
        raws.append(row)
        if len(raws) == 50_000:
            break
    t0 = time.perf_counter()
    for row in raws:
        chain.canonical(list(row[:-1]))
    v1 = (time.perf_counter() - t0) / len(raws) * 1e6
    print(f"  (format-1 canonical JSON of a raw row in Python {v1:6.2f} us; ", end="")
    print("format-2 text in Python: ", end="")
    t0 = time.perf_counter()
    for row in raws:
        chain.canonical_v2(list(row[:-1]))
    print(f"{(time.perf_counter() - t0) / len(raws) * 1e6:6.2f} us)")
    timed("lookup-row cross-check (one query + candidates)", lambda: _subjects_check(20_000))


def _profile(args, register_verify) -> None:
    import cProfile
    import pstats

    profile = cProfile.Profile()
    profile.enable()
    result = register_verify(chunk_size=args.chunk_size, workers=1)
    profile.disable()
    assert result.ok, result.problem
    pstats.Stats(profile).sort_stats("tottime").print_stats(12)


def _server_cpu() -> float:
    """CPU seconds used so far by this connection's PostgreSQL backend (0 on SQLite, where
    the database work is in this process's own CPU time)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()  # noqa: SIM115
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _time_verify(args, register_verify) -> int:
    rates = []
    for workers in [int(w) for w in args.workers.split(",")]:
        for _ in range(args.repeat):
            s0 = _server_cpu()
            t0, c0 = time.perf_counter(), time.process_time()
            result = register_verify(chunk_size=args.chunk_size, workers=workers)
            elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
            server = _server_cpu() - s0
            assert result.ok, result.problem
            assert result.checked == args.entries
            rates.append(args.entries / elapsed)
            extra = (
                f" (this process used {cpu:.2f} s CPU = {args.entries / cpu:,.0f} entries/CPU-s"
                + (f"; its PostgreSQL backend {server:.2f} s CPU" if server else "")
                + ")"
                if workers == 1
                else ""
            )
            print(
                f"verify workers={workers}: {args.entries:,} entries in {elapsed:.2f} s = "
                f"{rates[-1]:,.0f} entries/s{extra}; load average {os.getloadavg()[0]:.1f}"
            )
    best = max(rates)
    print(f"best {best:,.0f} entries/s (target >= 100,000): {'OK' if best >= 100_000 else 'BELOW'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
