"""A Directory in a SQLite file, so the gateway runs without the web app and remembers who wrote to
whom across restarts. It is seeded from the same JSON shape as `InMemoryDirectory`.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from pathlib import Path

from safehaven.core.email.directory import Contact, InMemoryDirectory, Restriction, ServiceUserRef

_SCHEMA = """
CREATE TABLE IF NOT EXISTS contact (address TEXT PRIMARY KEY, name TEXT, organisation TEXT,
    secure_address TEXT);
CREATE TABLE IF NOT EXISTS history (sender TEXT, address TEXT, domain TEXT,
    PRIMARY KEY (sender, address));
CREATE INDEX IF NOT EXISTS history_domain ON history (sender, domain);
CREATE TABLE IF NOT EXISTS service_user (id TEXT PRIMARY KEY, display TEXT);
CREATE TABLE IF NOT EXISTS service_user_key (id TEXT, kind TEXT, value TEXT);
CREATE INDEX IF NOT EXISTS service_user_key_value ON service_user_key (kind, value);
CREATE TABLE IF NOT EXISTS link (target TEXT, service_user_id TEXT);
CREATE TABLE IF NOT EXISTS consent (target TEXT, service_user_id TEXT);
CREATE TABLE IF NOT EXISTS restriction (target TEXT, reason TEXT, service_user_id TEXT);
"""


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[-1].lower()


def _name_key(name: str) -> str:
    return " ".join(name.lower().replace(",", " ").split())


def _id_key(value: str) -> str:
    return value.replace(" ", "").upper()


class SqliteDirectory:
    """Directory and SendHistory over one SQLite file (one connection per thread)."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        self._local = threading.local()
        with self._conn() as conn:
            conn.executescript(_SCHEMA)

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn = conn
        return conn

    def __getstate__(self) -> dict:
        return {"path": self.path}

    def __setstate__(self, state: dict) -> None:
        self.path = state["path"]
        self._local = threading.local()

    # Directory
    def contact(self, *, address: str) -> Contact | None:
        row = (
            self._conn()
            .execute(
                "SELECT address, name, organisation, secure_address FROM contact WHERE address=?",
                (address.lower(),),
            )
            .fetchone()
        )
        return Contact(*row) if row else None

    def known_domains(self) -> frozenset[str]:
        conn = self._conn()
        domains = {_domain(a) for (a,) in conn.execute("SELECT address FROM contact")}
        domains |= {d for (d,) in conn.execute("SELECT DISTINCT domain FROM history")}
        return frozenset(domains)

    def has_written_to(self, *, sender: str, address: str) -> bool:
        row = (
            self._conn()
            .execute(
                "SELECT 1 FROM history WHERE sender=? AND address=?",
                (sender.lower(), address.lower()),
            )
            .fetchone()
        )
        return row is not None

    def has_written_to_domain(self, *, sender: str, domain: str) -> bool:
        row = (
            self._conn()
            .execute(
                "SELECT 1 FROM history WHERE sender=? AND domain=? LIMIT 1",
                (sender.lower(), domain.lower()),
            )
            .fetchone()
        )
        return row is not None

    def service_users_in(
        self, *, names: Sequence[str], identifiers: Sequence[str]
    ) -> list[ServiceUserRef]:
        keys = [("name", _name_key(n)) for n in names] + [("id", _id_key(i)) for i in identifiers]
        if not keys:
            return []
        found: dict[str, str] = {}
        conn = self._conn()
        for kind, value in keys:
            for sid, display in conn.execute(
                "SELECT s.id, s.display FROM service_user_key k JOIN service_user s ON s.id=k.id "
                "WHERE k.kind=? AND k.value=?",
                (kind, value),
            ):
                found[sid] = display
        return [ServiceUserRef(id=k, display=v) for k, v in sorted(found.items())]

    def _targets(self, address: str) -> tuple[str, str]:
        return address.lower(), "@" + _domain(address)

    def linked_service_users(self, *, address: str) -> frozenset[str]:
        rows = self._conn().execute(
            "SELECT service_user_id FROM link WHERE target IN (?, ?)", self._targets(address)
        )
        return frozenset(r[0] for r in rows)

    def restrictions(self, *, address: str, service_user_ids: Sequence[str]) -> list[Restriction]:
        rows = self._conn().execute(
            "SELECT target, reason, service_user_id FROM restriction WHERE target IN (?, ?)",
            self._targets(address),
        )
        return [Restriction(t, r, s or "") for t, r, s in rows if not s or s in service_user_ids]

    def generic_consent(self, *, address: str, service_user_ids: Sequence[str]) -> bool:
        granted = {
            r[0]
            for r in self._conn().execute(
                "SELECT service_user_id FROM consent WHERE target IN (?, ?)",
                self._targets(address),
            )
        }
        if "*" in granted:
            return True
        return bool(service_user_ids) and set(service_user_ids) <= granted

    # SendHistory
    def record_sent(self, *, sender: str, addresses: Iterable[str]) -> None:
        rows = [(sender.lower(), a.lower(), _domain(a)) for a in addresses]
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.executemany("INSERT OR IGNORE INTO history VALUES (?, ?, ?)", rows)
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def load(self, source: InMemoryDirectory) -> None:
        """Adds everything in an in-memory directory (e.g. one read from JSON) to this file."""
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            for c in source.contacts.values():
                conn.execute(
                    "INSERT OR REPLACE INTO contact VALUES (?, ?, ?, ?)",
                    (c.address, c.name, c.organisation, c.secure_address),
                )
            for sender, addrs in source.history.items():
                conn.executemany(
                    "INSERT OR IGNORE INTO history VALUES (?, ?, ?)",
                    [(sender, a, _domain(a)) for a in addrs],
                )
            for sid, (display, names, idents) in source.service_users.items():
                conn.execute("INSERT OR REPLACE INTO service_user VALUES (?, ?)", (sid, display))
                conn.execute("DELETE FROM service_user_key WHERE id=?", (sid,))
                conn.executemany(
                    "INSERT INTO service_user_key VALUES (?, ?, ?)",
                    [(sid, "name", _name_key(n)) for n in names]
                    + [(sid, "id", _id_key(i)) for i in idents],
                )
            for target, ids in source.links.items():
                conn.executemany("INSERT INTO link VALUES (?, ?)", [(target, i) for i in ids])
            for target, ids in source.consents.items():
                conn.executemany("INSERT INTO consent VALUES (?, ?)", [(target, i) for i in ids])
            for r in source.restriction_list:
                conn.execute(
                    "INSERT INTO restriction VALUES (?, ?, ?)",
                    (r.target, r.reason, r.service_user_id),
                )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise


def open_directory(path: str | Path | None, *, default: Path) -> SqliteDirectory:
    """A .json seed is loaded into the SQLite file `default`; a .sqlite path is used as it is."""
    if path is None:
        return SqliteDirectory(default)
    p = Path(path)
    if p.suffix == ".json":
        directory = SqliteDirectory(default)
        directory.load(InMemoryDirectory.from_dict(json.loads(p.read_text("utf-8"))))
        return directory
    return SqliteDirectory(p)
