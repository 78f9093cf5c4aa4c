"""What a gateway check worker keeps from the records between messages, and when it lets go.

Each message used to ask the records ~8 questions (~17 ms of CPU a 20 KB message, most of it the
ORM building queries). Most answers do not change from one message to the next: the people
behind an address, the consents to them, the restrictions on a child, the service-user index,
the DPO's policy. A worker keeps them here and, before each message, reads the records stamp
(`RecordsStamp`: one row per group of tables, moved by database triggers on every insert,
update and delete, from any process) in one small query. A changed stamp empties the copies;
they refill on demand.

Correctness: the stamp is read before anything it guards, so a copy is never older than the
stamp it is filed under (a change committed in between only causes one refill too many).
Time-dependent rules (a consent's age under the DPO's period, its expiry and withdrawal, a
restriction's dates) are applied to the kept rows for every message, never cached.

What is not kept: the register and the send history, which grow with every relayed message.
Their answers only grow (the register is append-only; history rows are never deleted), so a
"yes" (this sender has written to this address; this recipient is linked to this child) is
kept and a "no" is asked again.

Only on SQLite (the triggers are SQLite's; the migration creates them). On another database,
or if the triggers are missing, `refresh()` answers False and the directory asks the records
every time, as before.
"""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger("safehaven.gateway")

STAMP_TABLE = "mail_recordsstamp"
TRIGGER_PREFIX = "mail_stamp_"


def _expected_triggers() -> int:
    from importlib import import_module

    migration = import_module("safehaven.email.migrations.0004_recordsstamp")
    return len(migration.WATCHED) * len(migration.OPERATIONS)


class RecordsCache:
    """One per worker process. Not thread-safe: one check at a time uses it."""

    def __init__(self) -> None:
        self.stamp: dict[str, int] | None = None
        self.enabled = False
        self._triggers_ok: bool | None = None
        self.hits = 0
        self.refills = 0
        self._clear_records()
        self.service_users: Any = None

    def _clear_records(self) -> None:
        self.contacts: dict[str, list] = {}
        self.related: dict[str, list] = {}
        self.organisations: dict[str, Any] = {}
        self.consents_to: dict[str, list[tuple]] = {}
        self.generic_consents: dict[str, list[tuple]] = {}
        # Contact restrictions by service user (all dates: they are applied per message).
        self.restrictions: dict[int, list] = {}
        self.linked_register: dict[str, set[int]] = {}
        # The register's highest subject id when `linked_register[address]` was last read.
        self.linked_register_mark: dict[str, int] = {}
        self.written: dict[tuple[str, str], set[str]] = {}
        self.consent_valid_days: int | None = None
        self.policy: Any = None
        self.known_domains: frozenset[str] | None = None

    def clear(self) -> None:
        self._clear_records()
        self.service_users = None

    def _triggers_present(self) -> bool:
        from django.db import connection

        if self._triggers_ok is None:
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name LIKE %s",
                    [TRIGGER_PREFIX + "%"],
                )
                found = cursor.fetchone()[0]
            self._triggers_ok = found >= _expected_triggers()
            if not self._triggers_ok:
                log.warning("records stamp triggers missing: the checks read the records each time")
        return self._triggers_ok

    def refresh(self) -> bool:
        """Reads the stamp (one query); empties what changed. True when the copies may be used."""
        from django.db import connection

        if connection.vendor != "sqlite" or not self._triggers_present():
            if self.enabled or self.stamp is not None:
                self.clear()
            self.enabled = False
            self.stamp = None
            return False
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT source, n FROM {STAMP_TABLE}")  # noqa: S608 - a constant
            stamp = {source: int(n) for source, n in cursor.fetchall()}
        if stamp != self.stamp:
            old = self.stamp or {}
            if old.get("serviceuser") != stamp.get("serviceuser") or self.stamp is None:
                self.service_users = None
            if old.get("records") != stamp.get("records") or self.stamp is None:
                self._clear_records()
            self.stamp = stamp
            self.refills += 1
        else:
            self.hits += 1
        self.enabled = True
        return True

    def reset(self) -> None:
        """After a database error: forget everything, including whether the triggers exist."""
        self.clear()
        self.stamp = None
        self.enabled = False
        self._triggers_ok = None


class ServiceUserIndex:
    """Every service user by (first name, family name) and by UPN/ULN/NHS number."""

    def __init__(self, rows) -> None:  # noqa: ANN001 - values_list rows
        self.by_pair: dict[tuple[str, str], list[tuple[int, str]]] = {}
        self.by_id: dict[str, list[tuple[int, str]]] = {}
        from safehaven.email.directory import _initials

        for pk, given, preferred, family, upn, uln, nhs in rows:
            entry = (pk, _initials(given, preferred, family))
            last = family.lower()
            self.by_pair.setdefault((given.lower(), last), []).append(entry)
            if preferred and preferred.lower() != given.lower():
                self.by_pair.setdefault((preferred.lower(), last), []).append(entry)
            for value in {upn, uln, nhs} - {"", None}:
                self.by_id.setdefault(value, []).append(entry)

    def find(self, pairs, ids) -> list[tuple[int, str]]:  # noqa: ANN001
        found: dict[int, str] = {}
        for pair in pairs:
            for pk, display in self.by_pair.get(pair, ()):
                found[pk] = display
        for value in ids:
            for pk, display in self.by_id.get(value, ()):
                found[pk] = display
        return sorted(found.items())
