"""Reads of the register: per-service-user history, the chain head, verification."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.db.models import QuerySet

from safehaven.records.access import service_users_visible_to
from safehaven.records.models import ServiceUser
from safehaven.register import chain
from safehaven.register.models import Disclosure


def _with_related(qs: QuerySet[Disclosure]) -> QuerySet[Disclosure]:
    return qs.select_related(
        "service_user", "disclosed_by", "authorised_by", "recipient_organisation", "consent"
    )


def disclosures_for_service_user(*, service_user: ServiceUser) -> QuerySet[Disclosure]:
    """Every register entry about this service user (also multi-child entries), newest first."""
    return _with_related(
        Disclosure.objects.filter(subjects__service_user=service_user).order_by("-sequence")
    )


def disclosures_visible_to(user) -> QuerySet[Disclosure]:
    """The register as this user may read it: all for DPO/administrator, else entries whose
    primary service user is in their units."""
    qs = Disclosure.objects.all()
    if not (user.is_authenticated and user.sees_all):
        qs = qs.filter(service_user__in=service_users_visible_to(user))
    return _with_related(qs.order_by("-sequence"))


def _raw_rows(chunk_size: int, lo: int | None = None, hi: int | None = None):
    """The chain columns as the database stores them, streamed in sequence order. Raw rows
    skip the ORM's per-value conversion, which would cost more than the hashing itself."""
    qn = connection.ops.quote_name
    columns = [qn(Disclosure._meta.get_field(f).column) for f in chain.CHAIN_FIELDS]
    # Timestamps and UUIDs as text straight from the database: no per-row conversion.
    occurred = chain.CHAIN_FIELDS.index("occurred_at")
    correlation = chain.CHAIN_FIELDS.index("correlation_id")
    if connection.vendor == "postgresql":
        columns[occurred] = (
            "to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')"
        )
        columns[correlation] = "replace(correlation_id::text, '-', '')"
    elif connection.vendor == "sqlite":
        columns[occurred] = "CAST(occurred_at AS TEXT)"
    where, params = "", []
    if lo is not None:
        where, params = f"WHERE {qn('sequence')} BETWEEN %s AND %s ", [lo, hi]
    sql = (
        f"SELECT {', '.join([*columns, qn('entry_hash')])} "  # noqa: S608 - fixed names
        f"FROM {qn(Disclosure._meta.db_table)} {where}ORDER BY {qn('sequence')}"
    )
    # One statement reads one consistent snapshot (SQLite WAL, PostgreSQL MVCC), so no
    # transaction is opened: on SQLite an IMMEDIATE one would block writers meanwhile.
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while True:
            rows = cursor.fetchmany(chunk_size)
            if not rows:
                return
            yield from rows


def register_head() -> tuple[int, str]:
    """(sequence, entry_hash) of the last entry; (0, genesis hash) for an empty register."""
    head = Disclosure.objects.order_by("-sequence").values_list("sequence", "entry_hash").first()
    return head if head else (0, chain.GENESIS_HASH)


def _verify_range(lo: int, hi: int, chunk_size: int) -> chain.VerifyResult:
    """Runs in a worker process: verifies entries lo..hi, accepting entry lo's prev_hash."""
    return chain.verify_rows(_raw_rows(chunk_size, lo, hi), first_sequence=lo, prev_hash=None)


def _verify_parallel(workers: int, chunk_size: int) -> chain.VerifyResult:
    """Splits the sequence into ranges verified by `workers` processes, then checks that each
    range's first entry follows the previous range's last. Same result as one pass."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    from django.conf import settings

    from safehaven.register import verify_worker

    last = Disclosure.objects.order_by("-sequence").values_list("sequence", flat=True).first()
    if not last:
        return chain.VerifyResult(True)
    step = -(-last // workers)
    ranges = [(lo, min(lo + step - 1, last)) for lo in range(1, last + 1, step)]
    # Workers open their own connections to the same database (the test database in tests).
    database = {
        key: connection.settings_dict[key]
        for key in ("NAME", "USER", "PASSWORD", "HOST", "PORT", "OPTIONS")
        if key in connection.settings_dict
    }
    with ProcessPoolExecutor(
        max_workers=len(ranges),
        mp_context=multiprocessing.get_context("forkserver"),
        initializer=verify_worker.worker_setup,
        initargs=(
            os.environ.get("DJANGO_SETTINGS_MODULE", "safehaven.settings.local"),
            database,
            settings.REGISTER_CHAIN_KEY,
        ),
    ) as pool:
        parts = list(
            pool.map(
                verify_worker.verify_range,
                [r[0] for r in ranges],
                [r[1] for r in ranges],
                [chunk_size] * len(ranges),
            )
        )
    checked = 0
    prev = chain.GENESIS_HASH
    for (lo, hi), part in zip(ranges, parts, strict=True):
        if part.ok and part.checked == 0:
            return chain.VerifyResult(
                False,
                checked,
                lo - 1,
                prev,
                lo,
                f"entries {lo} to {hi} are missing (deleted)",
            )
        first_prev = part.notes[0] if part.notes else None
        if first_prev is not None and first_prev != "" and first_prev != prev:
            return chain.VerifyResult(
                False,
                checked,
                lo - 1,
                prev,
                lo,
                f"entry {lo} does not follow entry {lo - 1} (reordered, replaced, or the "
                f"entry before it was altered)",
            )
        if not part.ok:
            part.checked += checked
            return part
        checked += part.checked
        if part.head_sequence != hi:
            gone = part.head_sequence + 1
            missing = (
                f"entry {gone} is missing"
                if gone == hi
                else (f"entries {gone} to {hi} are missing")
            )
            return chain.VerifyResult(
                False,
                checked,
                part.head_sequence,
                part.head_hash,
                gone,
                f"{missing} (deleted): the sequence jumps past {hi}",
            )
        prev = part.head_hash
    return chain.VerifyResult(True, checked, last, prev)


def register_verify(
    *,
    chunk_size: int = 20_000,
    checkpoint: dict | None = None,
    progress: Callable[[int], None] | None = None,
    workers: int = 1,
    subjects: bool = True,
) -> chain.VerifyResult:
    """Recomputes every entry's hash in sequence order, streaming; stops at the first bad entry.

    With a checkpoint, also finds truncation: the checkpointed entry must still be there with
    the same hash. `workers` > 1 verifies ranges in parallel processes (fork; not inside a
    transaction, since the parent's connections are closed first). `subjects` also checks
    the DisclosureSubject lookup rows against each entry's hashed service_user_ids.
    """
    key = chain.chain_key()
    cp = None
    if checkpoint is not None:
        cp = chain.checkpoint_read(checkpoint, key=key)
    if workers > 1:
        result = _verify_parallel(workers, chunk_size)
    else:
        result = chain.verify_rows(_raw_rows(chunk_size), key=key, progress=progress)
    if result.ok and subjects:
        bad = _subjects_check(chunk_size)
        if bad is not None:
            result.ok = False
            result.bad_sequence, result.problem = bad
    if cp is None or not result.ok:
        return result
    cp_sequence, cp_hash = cp
    result.checkpoint_sequence = cp_sequence
    if result.head_sequence < cp_sequence:
        result.ok = False
        result.bad_sequence = result.head_sequence + 1
        result.problem = (
            f"the register has been truncated: the checkpoint names entry {cp_sequence} but "
            f"the register ends at entry {result.head_sequence}"
        )
        return result
    if cp_sequence > 0:
        stored = (
            Disclosure.objects.filter(sequence=cp_sequence)
            .values_list("entry_hash", flat=True)
            .first()
        )
        if stored != cp_hash:
            result.ok = False
            result.bad_sequence = cp_sequence
            result.problem = (
                f"entry {cp_sequence} is not the entry the checkpoint recorded: the register "
                f"was rewritten from there on"
            )
    return result


def _subjects_check(chunk_size: int) -> tuple[int, str] | None:
    """Compares the DisclosureSubject lookup rows with the hashed service_user_ids of each
    entry (merge of two streams in id order). Returns (sequence, problem) for the first
    entry whose lookup rows differ, else None."""
    import json

    def entries():
        with connection.chunked_cursor() as cursor:
            cursor.execute(
                "SELECT id, sequence, service_user_ids FROM register_disclosure ORDER BY id"
            )
            while rows := cursor.fetchmany(chunk_size):
                yield from rows

    def subjects():
        with connection.chunked_cursor() as cursor:
            cursor.execute(
                "SELECT disclosure_id, service_user_id FROM register_disclosuresubject "
                "ORDER BY disclosure_id"
            )
            while rows := cursor.fetchmany(chunk_size):
                yield from rows

    sub = subjects()
    pending = next(sub, None)
    for pk, sequence, ids in entries():
        if isinstance(ids, str):
            ids = json.loads(ids)
        found = set()
        if pending is not None and pending[0] < pk:
            return sequence, (
                f"lookup rows before entry {sequence} name an entry that does not exist"
            )
        while pending is not None and pending[0] == pk:
            found.add(pending[1])
            pending = next(sub, None)
        if found != set(ids):
            return sequence, (
                f"entry {sequence}'s list of service users does not match its lookup rows "
                f"(rows deleted or added; a subject access export would be incomplete)"
            )
    if pending is not None:
        return 0, "lookup rows name a register entry that does not exist"
    return None


def register_checkpoint() -> dict:
    """A signed checkpoint of the current chain head (after verifying the chain)."""
    sequence, head_hash = register_head()
    return chain.checkpoint_create(sequence, head_hash)
