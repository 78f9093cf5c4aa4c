"""Reads of the register: per-service-user history, the chain head, verification."""

from __future__ import annotations

import operator
from collections.abc import Callable
from contextlib import contextmanager

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, QuerySet

from safehaven.records.access import service_users_visible_to
from safehaven.records.models import ServiceUser
from safehaven.register import chain
from safehaven.register.models import Disclosure, DisclosureSubject


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


def _raw_rows(
    chunk_size: int, lo: int | None = None, hi: int | None = None, *, version: int | None = None
):
    """The chain columns as the database stores them, streamed in sequence order (the
    reference path, and format-1 entries in the fast path). Raw rows skip the ORM's per-value
    conversion, which would cost more than the hashing itself."""
    qn = connection.ops.quote_name
    columns = [qn(Disclosure._meta.get_field(f).column) for f in chain.CHAIN_FIELDS]
    # Timestamps and UUIDs as text straight from the database: no per-row conversion.
    occurred = chain.CHAIN_FIELDS.index("occurred_at")
    correlation = chain.CHAIN_FIELDS.index("correlation_id")
    if connection.vendor == "postgresql":
        # The text SQLite holds: 'YYYY-MM-DD HH:MM:SS.ffffff', UTC; UUID as 32 hex digits.
        columns[occurred] = _PG_TIMESTAMP.format(column=qn("occurred_at"))
        columns[correlation] = "replace(correlation_id::text, '-', '')"
    elif connection.vendor == "sqlite":
        columns[occurred] = "CAST(occurred_at AS TEXT)"
    where, params = [], []
    if lo is not None:
        where.append(f"{qn('sequence')} BETWEEN %s AND %s")
        params += [lo, hi]
    if version is not None:
        where.append(f"{qn('chain_version')} = %s")
        params.append(version)
    sql = (
        f"SELECT {', '.join([*columns, qn('entry_hash')])} "  # noqa: S608 - fixed names
        f"FROM {qn(Disclosure._meta.db_table)} "
        f"{'WHERE ' + ' AND '.join(where) if where else ''} ORDER BY {qn('sequence')}"
    )
    # One statement reads one consistent snapshot (SQLite WAL, PostgreSQL MVCC); see _snapshot.
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while True:
            rows = cursor.fetchmany(chunk_size)
            if not rows:
                return
            yield from rows


_PG_TIMESTAMP = "to_char({column} AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')"
_INTEGER_FIELDS = {
    "sequence",
    "service_user_id",
    "recipient_organisation_id",
    "recipient_contact_id",
    "consent_id",
    "authorised_by_id",
    "disclosed_by_id",
    "chain_version",
}


def _message_sql(vendor: str) -> str:
    """SQL that builds an entry's format-2 canonical text (`chain.canonical_v2`) in the
    database, one formatting call per row: the values' text joined by U+001F. The database
    already holds every piece as that text (JSON columns hold `chain.json_text`), so nothing
    is parsed per entry."""
    texts = []
    for name in chain.CHAIN_FIELDS:
        field = Disclosure._meta.get_field(name)
        column = connection.ops.quote_name(field.column)
        if vendor == "postgresql":
            if name == "occurred_at":
                text = _PG_TIMESTAMP.format(column=column)
            elif name == "correlation_id":
                text = f"replace({column}::text, '-', '')"
            elif name in _INTEGER_FIELDS or name in ("service_user_ids", "payload"):
                text = f"{column}::text"
            else:
                text = column
            if field.null:
                text = f"coalesce({text}, '')"
        elif name == "occurred_at":
            # Django stores UTC on SQLite as 'YYYY-MM-DD HH:MM:SS[.ffffff]'.
            text = f"substr({column} || '.000000', 1, 26)"
        else:
            text = column  # printf's %s prints NULL as the empty text; UUIDs are hex already
        texts.append(text)
    if vendor == "postgresql":
        # concat_ws skips NULLs: every nullable value is coalesced above.
        return f"concat_ws(chr(31), {', '.join(texts)})"
    # printf's format '%s<US>%s<US>...%s', spelt with char() so that no '%s' reaches the
    # driver's placeholder handling; SQLite computes the constant once per statement.
    pattern = ", ".join(["37, 115"] * len(texts)).replace("115, 37", "115, 31, 37")
    # Cast to a blob: Python then gets the UTF-8 bytes the MAC needs, without decoding them.
    return f"CAST(printf(char({pattern}), {', '.join(texts)}) AS BLOB)"


_version_of = operator.itemgetter(1)
_CURRENT = {chain.CHAIN_VERSION}


def _fast_rows(chunk_size: int, lo: int | None = None, hi: int | None = None):
    """Lists of (sequence, chain_version, message, prev_hash, entry_hash) in sequence order:
    the database builds each format-2 entry's canonical text; a format-1 entry gets its
    canonical bytes from its raw columns (`chain.canonical`)."""
    qn = connection.ops.quote_name
    where, params = "", []
    if lo is not None:
        where, params = f"WHERE {qn('sequence')} BETWEEN %s AND %s ", [lo, hi]
    sql = (
        f"SELECT {qn('sequence')}, {qn('chain_version')}, {_message_sql(connection.vendor)}, "  # noqa: S608 - fixed names
        f"{qn('prev_hash')}, {qn('entry_hash')} "
        f"FROM {qn(Disclosure._meta.db_table)} {where}ORDER BY {qn('sequence')}"
    )
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while rows := cursor.fetchmany(chunk_size):
            if set(map(_version_of, rows)) != _CURRENT:  # C speed; a generator costs more
                rows = _with_format_1(rows, chunk_size)
            yield rows


def _with_format_1(rows: list, chunk_size: int) -> list:
    """Replaces the message of this chunk's format-1 entries by their format-1 canonical bytes,
    computed from their raw columns (one query for the chunk's range)."""
    legacy = {
        raw[0]: chain.canonical(list(raw[:-1]))
        for raw in _raw_rows(chunk_size, rows[0][0], rows[-1][0], version=1)
    }
    return [(r[0], 1, legacy.get(r[0], b""), r[3], r[4]) if r[1] == 1 else r for r in rows]


@contextmanager
def _snapshot():
    """PostgreSQL: one REPEATABLE READ, READ ONLY transaction around a verify, so its queries
    see one snapshot and the server-side cursor streams (outside a transaction Django declares
    it WITH HOLD, which makes the server build and store every row before the first FETCH).
    SQLite: nothing (one statement already reads one snapshot; a transaction would take the
    write lock, as the settings ask for IMMEDIATE ones)."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def register_head() -> tuple[int, str]:
    """(sequence, entry_hash) of the last entry; (0, genesis hash) for an empty register."""
    head = Disclosure.objects.order_by("-sequence").values_list("sequence", "entry_hash").first()
    return head if head else (0, chain.GENESIS_HASH)


def _verify_range(lo: int, hi: int, chunk_size: int) -> chain.VerifyResult:
    """Runs in a worker process: verifies entries lo..hi, accepting entry lo's prev_hash."""
    with _snapshot():
        return chain.verify_messages(
            _fast_rows(chunk_size, lo, hi), first_sequence=lo, prev_hash=None
        )


def _verify_parallel(workers: int, chunk_size: int, meanwhile=None) -> chain.VerifyResult:
    """Splits the sequence into ranges verified by `workers` processes, then checks that each
    range's first entry follows the previous range's last. Same result as one pass.
    `meanwhile()` runs in this process while the workers hash; its result is in `notes`."""
    import multiprocessing
    import os
    from concurrent.futures import ProcessPoolExecutor

    from django.conf import settings

    from safehaven.register import verify_worker

    last = Disclosure.objects.order_by("-sequence").values_list("sequence", flat=True).first()
    if not last:
        result = chain.VerifyResult(True)
        result.notes.append(meanwhile() if meanwhile is not None else None)
        return result
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
        futures = [pool.submit(verify_worker.verify_range, lo, hi, chunk_size) for lo, hi in ranges]
        side = meanwhile() if meanwhile is not None else None
        parts = [f.result() for f in futures]
    result = _join_ranges(ranges, parts, last)
    result.notes = [side]
    return result


def _join_ranges(ranges, parts, last) -> chain.VerifyResult:
    """One result from the ranges' results: the first bad entry, or the whole chain's head."""
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
    the same hash. `workers` > 1 verifies ranges in parallel processes (started from a
    forkserver, never forked from this process; they open their own connections, so not
    inside a transaction). `subjects` also checks the DisclosureSubject lookup rows against
    each entry's hashed service_user_ids (in parallel mode, while the workers hash).
    """
    key = chain.chain_key()
    cp = None
    if checkpoint is not None:
        cp = chain.checkpoint_read(checkpoint, key=key)
    bad = None
    if workers > 1:
        # The lookup-row check runs here while the workers hash.
        def check():
            with _snapshot():
                return _subjects_check(chunk_size)

        result = _verify_parallel(workers, chunk_size, meanwhile=check if subjects else None)
        bad = result.notes[0] if result.notes else None
        result.notes = []
    else:
        with _snapshot():
            result = chain.verify_messages(_fast_rows(chunk_size), key=key, progress=progress)
            if result.ok and subjects:
                bad = _subjects_check(chunk_size)
    if result.ok and bad is not None:
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
    entry. Returns (sequence, problem) for the first entry whose lookup rows differ, else None.

    The database lists the entries whose stored ids text differs from their lookup rows
    printed the same way (`[a, b]`); only those few are compared here exactly, as sets (a
    multi-child entry's rows can come back in another order than its list)."""
    import json

    qn = connection.ops.quote_name
    d, s = qn(Disclosure._meta.db_table), qn(DisclosureSubject._meta.db_table)
    if connection.vendor == "postgresql":
        candidates = (
            f"SELECT e.sequence, e.id, e.service_user_ids FROM {d} e "  # noqa: S608 - fixed names
            f"LEFT JOIN (SELECT disclosure_id, string_agg(service_user_id::text, ', ') AS ids "
            f"FROM {s} GROUP BY disclosure_id) l ON l.disclosure_id = e.id "
            f"WHERE e.service_user_ids::text IS DISTINCT FROM '[' || coalesce(l.ids, '') || ']'"
        )
    else:
        candidates = (
            f"SELECT e.sequence, e.id, e.service_user_ids FROM {d} e "  # noqa: S608 - fixed names
            f"LEFT JOIN {s} l ON l.disclosure_id = e.id GROUP BY e.id "
            f"HAVING e.service_user_ids IS NOT "
            f"'[' || coalesce(group_concat(l.service_user_id, ', '), '') || ']'"
        )
    with connection.cursor() as cursor:
        cursor.execute(candidates)
        # Few rows: multi-child entries whose rows came back in another order, or damage.
        rows = sorted(cursor.fetchall())
    for start in range(0, len(rows), 500):
        batch = rows[start : start + 500]
        found: dict[int, set] = {pk: set() for _, pk, _ in batch}
        for pk, service_user in DisclosureSubject.objects.filter(
            disclosure_id__in=list(found)
        ).values_list("disclosure_id", "service_user_id"):
            found[pk].add(service_user)
        for sequence, pk, ids in batch:
            if isinstance(ids, str):
                try:
                    ids = json.loads(ids)
                except ValueError:
                    ids = None
            if (
                not isinstance(ids, list)
                or not all(isinstance(i, int) for i in ids)
                or found[pk] != set(ids)
            ):
                return sequence, (
                    f"entry {sequence}'s list of service users does not match its lookup rows "
                    f"(rows deleted or added; a subject access export would be incomplete)"
                )
    # Lookup rows naming no entry. PostgreSQL: an anti-join (NOT EXISTS), since it runs NOT IN
    # over a million ids as a nested loop; SQLite: NOT IN, one rowid probe per row (faster).
    entries = Disclosure.objects.values("id")
    if connection.vendor == "postgresql":
        entries = Exists(Disclosure.objects.filter(pk=OuterRef("disclosure_id")))
        dangling = DisclosureSubject.objects.exclude(entries)
    else:
        dangling = DisclosureSubject.objects.exclude(disclosure_id__in=entries)
    orphan = next(iter(dangling.order_by().values_list("disclosure_id", flat=True)[:1]), None)
    if orphan is not None:
        return 0, "lookup rows name a register entry that does not exist"
    return None


def register_checkpoint() -> dict:
    """A signed checkpoint of the current chain head (after verifying the chain)."""
    sequence, head_hash = register_head()
    return chain.checkpoint_create(sequence, head_hash)
