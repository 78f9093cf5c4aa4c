"""A durable outbox for register and near-miss entries the database could not take at once.

The gateway writes a disclosure (relayed mail that names service users) or a near miss before it
answers the client. If the database is busy or down at that moment, the entry goes into this
outbox instead: one file per entry, written to `tmp/`, fsynced and renamed into `outbox/`. A
background task and every start hand the entries to the database and delete each one once it is
written. If neither the database nor the outbox can take a disclosure, the gateway answers 451
(the client's retry may deliver twice, but the disclosure is then recorded: never zero).
"""

from __future__ import annotations

import json
import logging
import secrets
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from safehaven.gateway.sinks import DisclosureEntry, NearMissEntry, NearMissSink, RegisterSink
from safehaven.gateway.spool import atomic_write

log = logging.getLogger("safehaven.gateway")

_TUPLE_FIELDS = {"recipients", "service_user_ids", "special_categories", "rules", "messages"}


def _entry(kind: str, data: dict):
    fields = {k: tuple(v) if k in _TUPLE_FIELDS else v for k, v in data.items()}
    return DisclosureEntry(**fields) if kind == "disclosure" else NearMissEntry(**fields)


class Outbox:
    def __init__(self, spool: str | Path) -> None:
        self.dir = Path(spool) / "outbox"
        self.tmp = Path(spool) / "tmp"
        for d in (self.dir, self.tmp):
            d.mkdir(parents=True, exist_ok=True, mode=0o700)

    def put(self, entry: DisclosureEntry | NearMissEntry) -> Path:
        """Durably keeps one entry (raises OSError if the disk cannot take it)."""
        kind = "disclosure" if isinstance(entry, DisclosureEntry) else "near-miss"
        name = f"{datetime.now(UTC):%Y%m%dT%H%M%S%fZ}-{kind}-{secrets.token_hex(4)}.json"
        path = self.dir / name
        data = json.dumps({"kind": kind, "entry": asdict(entry)}).encode("utf-8")
        atomic_write(path, data, self.tmp)
        return path

    def pending(self) -> list[Path]:
        return sorted(self.dir.glob("*.json"))

    def drain(self, *, register: RegisterSink, near_miss: NearMissSink) -> tuple[int, int]:
        """Hands every pending entry to the sinks, oldest first; (written, still pending).

        Stops at the first failure (the database is probably still down) and keeps the rest.
        """
        written = 0
        pending = self.pending()
        for i, path in enumerate(pending):
            try:
                item = json.loads(path.read_text("utf-8"))
                entry = _entry(item["kind"], item["entry"])
            except (OSError, ValueError, KeyError, TypeError):
                log.error("outbox entry %s is unreadable; left for a person to look at", path.name)
                bad = path.with_suffix(".unreadable")
                path.rename(bad)
                continue
            try:
                if isinstance(entry, DisclosureEntry):
                    register.disclosure_record(entry=entry)
                else:
                    near_miss.near_miss_record(entry=entry)
            except Exception:  # noqa: BLE001 - the database is still unavailable: try later
                log.warning("outbox: %d entries still waiting for the database", len(pending) - i)
                return written, len(pending) - i
            path.unlink(missing_ok=True)
            written += 1
        return written, 0
