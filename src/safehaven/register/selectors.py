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


def _raw_rows(chunk_size: int):
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
    sql = (
        f"SELECT {', '.join([*columns, qn('entry_hash')])} "  # noqa: S608 - fixed names
        f"FROM {qn(Disclosure._meta.db_table)} ORDER BY {qn('sequence')}"
    )
    # One statement reads one consistent snapshot (SQLite WAL, PostgreSQL MVCC), so no
    # transaction is opened: on SQLite an IMMEDIATE one would block writers meanwhile.
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql)
        while True:
            rows = cursor.fetchmany(chunk_size)
            if not rows:
                return
            yield from rows


def register_head() -> tuple[int, str]:
    """(sequence, entry_hash) of the last entry; (0, genesis hash) for an empty register."""
    head = Disclosure.objects.order_by("-sequence").values_list("sequence", "entry_hash").first()
    return head if head else (0, chain.GENESIS_HASH)


def register_verify(
    *,
    chunk_size: int = 20_000,
    checkpoint: dict | None = None,
    progress: Callable[[int], None] | None = None,
) -> chain.VerifyResult:
    """Recomputes every entry's hash in sequence order, streaming; stops at the first bad entry.

    With a checkpoint, also finds truncation: the checkpointed entry must still be there with
    the same hash.
    """
    key = chain.chain_key()
    cp = None
    if checkpoint is not None:
        cp = chain.checkpoint_read(checkpoint, key=key)
    result = chain.verify_rows(_raw_rows(chunk_size), key=key, progress=progress)
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


def register_checkpoint() -> dict:
    """A signed checkpoint of the current chain head (after verifying the chain)."""
    sequence, head_hash = register_head()
    return chain.checkpoint_create(sequence, head_hash)
