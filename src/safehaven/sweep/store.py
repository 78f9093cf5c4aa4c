"""Where a sweep's results live: SQLite by default, PostgreSQL for a shared or large sweep,
Parquet as an export a DPO can load into other tools.

Resuming rests on three rules:
- a source (one file on disk) and all its items are written in one transaction, with the
  (size, mtime_ns) fingerprint the worker read; a killed sweep loses at most the uncommitted
  batch, which the next run scans again;
- items are upserted by identity (path, member), so scanning again never counts twice;
- a source whose fingerprint is unchanged and whose status is "done" is skipped next run.

The walk streams, so the driver never holds the estate's file list: fingerprints are looked up
for a few hundred walked files at a time, and each lookup stamps those rows `seen_run` = this
run. Once a walk has finished, rows under the roots not stamped by it are the files that are
gone (`sources_mark_unseen`), found by one pass over the table in path order.

Nothing stored is content: paths, owners, sizes, dates, classifications, category names and
counts by identifier type. Paths are what a DPO needs to find a file again, and may themselves
name people, so the store is to be kept as carefully as the data it points to.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from safehaven.sweep.model import Problem, SourceResult

SCHEMA = [
    """CREATE TABLE IF NOT EXISTS sweep_run (
        id INTEGER PRIMARY KEY,
        started DOUBLE PRECISION NOT NULL,
        finished DOUBLE PRECISION,
        roots TEXT NOT NULL,
        summary TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS sweep_source (
        path TEXT PRIMARY KEY,
        size BIGINT NOT NULL,
        mtime_ns BIGINT NOT NULL,
        owner TEXT NOT NULL,
        status TEXT NOT NULL,
        items INTEGER NOT NULL,
        run_id INTEGER NOT NULL,
        scanned_at DOUBLE PRECISION NOT NULL,
        seen_run INTEGER
    )""",
    """CREATE TABLE IF NOT EXISTS sweep_item (
        path TEXT NOT NULL,
        member TEXT NOT NULL,
        source TEXT NOT NULL,
        folder TEXT NOT NULL,
        kind TEXT NOT NULL,
        owner TEXT NOT NULL,
        size BIGINT NOT NULL,
        mtime_ns BIGINT NOT NULL,
        classification TEXT NOT NULL,
        categories TEXT NOT NULL,
        counts TEXT NOT NULL,
        identifiers INTEGER NOT NULL,
        status TEXT NOT NULL,
        reason TEXT NOT NULL,
        run_id INTEGER NOT NULL,
        scanned_at DOUBLE PRECISION NOT NULL,
        PRIMARY KEY (path, member)
    )""",
    "CREATE INDEX IF NOT EXISTS sweep_item_source ON sweep_item (source)",
    """CREATE TABLE IF NOT EXISTS sweep_problem (
        run_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        path TEXT NOT NULL,
        member TEXT NOT NULL,
        reason TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS sweep_problem_run ON sweep_problem (run_id)",
]

ITEM_COLUMNS = (
    "path",
    "member",
    "source",
    "folder",
    "kind",
    "owner",
    "size",
    "mtime_ns",
    "classification",
    "categories",
    "counts",
    "identifiers",
    "status",
    "reason",
    "run_id",
    "scanned_at",
)


# Column names are this module's constants, never input.
ITEM_UPSERT = (
    "INSERT INTO sweep_item ("  # noqa: S608
    + ", ".join(ITEM_COLUMNS)
    + ") VALUES ("
    + ", ".join("?" for _ in ITEM_COLUMNS)
    + ") ON CONFLICT (path, member) DO UPDATE SET "
    + ", ".join(c + " = excluded." + c for c in ITEM_COLUMNS[2:])
)


LOOKUP_CHUNK = 500  # paths per IN (...) lookup: under SQLite's oldest variable limit (999)
GONE_CHUNK = 2_000  # sources read per step of the pass that marks unseen files gone


class StoreError(Exception):
    """A store that cannot be opened or used; the message says what to do."""


def database_errors() -> tuple[type[BaseException], ...]:
    """The exceptions a store's database can raise mid-sweep (disk full, server gone)."""
    errors: list[type[BaseException]] = [sqlite3.Error]
    try:
        import psycopg

        errors.append(psycopg.Error)
    except ImportError:  # pragma: no cover
        pass
    return tuple(errors)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    size: int
    mtime_ns: int
    status: str


class SqlStore:
    """The sweep store over a DB-API connection (sqlite3 or psycopg)."""

    def __init__(self, conn: Any, *, dialect: str, location: str) -> None:
        self.conn = conn
        self.dialect = dialect
        self.location = location
        with self._tx() as cur:
            for statement in SCHEMA:
                if dialect == "postgresql":
                    statement = statement.replace("id INTEGER PRIMARY KEY", "id SERIAL PRIMARY KEY")
                cur.execute(statement)
            # Stores written before the walk streamed have no seen_run column: add it.
            if dialect == "postgresql":
                cur.execute("ALTER TABLE sweep_source ADD COLUMN IF NOT EXISTS seen_run INTEGER")
            else:
                cur.execute("PRAGMA table_info(sweep_source)")
                if "seen_run" not in {row[1] for row in cur.fetchall()}:
                    cur.execute("ALTER TABLE sweep_source ADD COLUMN seen_run INTEGER")

    # -- plumbing ---------------------------------------------------------------------------
    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgresql" else sql

    def _tx(self):
        return _Transaction(self)

    def execute(self, sql: str, params: Iterable[Any] = ()) -> list[tuple]:
        with self._tx() as cur:
            cur.execute(self._sql(sql), tuple(params))
            return list(cur.fetchall()) if cur.description else []

    def close(self) -> None:
        self.conn.close()

    def finish(self) -> None:
        """Called when a sweep ends; exports (Parquet) happen here."""

    # -- runs ---------------------------------------------------------------------------------
    def run_begin(self, *, roots: list[str]) -> int:
        with self._tx() as cur:
            cur.execute(
                self._sql("INSERT INTO sweep_run (started, roots) VALUES (?, ?) RETURNING id"),
                (time.time(), json.dumps(roots)),
            )
            return int(cur.fetchone()[0])

    def run_finish(self, run_id: int, *, summary: dict[str, Any]) -> None:
        self.execute(
            "UPDATE sweep_run SET finished = ?, summary = ? WHERE id = ?",
            (time.time(), json.dumps(summary), run_id),
        )

    # -- resume -------------------------------------------------------------------------------
    def fingerprints(self, roots: list[str]) -> dict[str, Fingerprint]:
        """Every source recorded under `roots` (a root may be a file)."""
        out: dict[str, Fingerprint] = {}
        for root in roots:
            prefix = root.rstrip(os.sep) + os.sep
            rows = self.execute(
                "SELECT path, size, mtime_ns, status FROM sweep_source"
                " WHERE path = ? OR substr(path, 1, ?) = ?",
                (root, len(prefix), prefix),
            )
            for path, size, mtime_ns, status in rows:
                out[path] = Fingerprint(int(size), int(mtime_ns), status)
        return out

    def sources_lookup(self, *, run_id: int, paths: list[str]) -> dict[str, Fingerprint]:
        """Fingerprints of these walked paths (those the store knows), in one transaction that
        also stamps them seen by `run_id`. Called for a few hundred paths at a time."""
        out: dict[str, Fingerprint] = {}
        with self._tx() as cur:
            for start in range(0, len(paths), LOOKUP_CHUNK):
                chunk = paths[start : start + LOOKUP_CHUNK]
                marks = ", ".join("?" for _ in chunk)
                cur.execute(
                    self._sql(
                        "SELECT path, size, mtime_ns, status FROM sweep_source"  # noqa: S608
                        f" WHERE path IN ({marks})"
                    ),
                    tuple(chunk),
                )
                found = cur.fetchall()
                for path, size, mtime_ns, status in found:
                    out[path] = Fingerprint(int(size), int(mtime_ns), status)
                if found:
                    cur.execute(
                        self._sql(
                            "UPDATE sweep_source SET seen_run = ?"  # noqa: S608
                            f" WHERE path IN ({marks})"
                        ),
                        (run_id, *chunk),
                    )
        return out

    def sources_mark_unseen(
        self, *, run_id: int, roots: list[str], unlisted: Iterable[str] = ()
    ) -> int:
        """After a complete walk: every source under `roots` that the walk did not see (not
        stamped `seen_run` = `run_id`) is gone, unless it lies in a folder that could not be
        listed (`unlisted`: an unmounted share is not a deleted one). One pass in path order,
        a chunk at a time, so memory stays flat however many files there are."""
        skip = tuple(p.rstrip(os.sep) + os.sep for p in unlisted)
        skip_exact = set(unlisted)
        total = 0
        for root in roots:
            prefix = root.rstrip(os.sep) + os.sep
            last = ""
            while True:
                rows = self.execute(
                    "SELECT path, seen_run, status FROM sweep_source"
                    " WHERE path > ? AND (path = ? OR substr(path, 1, ?) = ?)"
                    " ORDER BY path LIMIT ?",
                    (last, root, len(prefix), prefix, GONE_CHUNK),
                )
                if not rows:
                    break
                last = rows[-1][0]
                gone = [
                    path
                    for path, seen_run, status in rows
                    if seen_run != run_id
                    and status != "gone"
                    and path not in skip_exact
                    and not path.startswith(skip)
                ]
                total += self.sources_mark_gone(run_id=run_id, paths=gone)
        return total

    def sources_mark_gone(self, *, run_id: int, paths: Iterable[str]) -> int:
        """Sources no longer on disk: their items stay, marked gone, out of the live counts."""
        now = time.time()
        n = 0
        batch = list(paths)
        with self._tx() as cur:
            for path in batch:
                cur.execute(
                    self._sql(
                        "UPDATE sweep_source SET status = 'gone', run_id = ?, scanned_at = ?"
                        " WHERE path = ? AND status <> 'gone'"
                    ),
                    (run_id, now, path),
                )
                n += max(cur.rowcount, 0)
                cur.execute(
                    self._sql("UPDATE sweep_item SET status = 'gone', run_id = ? WHERE source = ?"),
                    (run_id, path),
                )
        return n

    # -- results ------------------------------------------------------------------------------
    def results_record(
        self, *, run_id: int, results: list[SourceResult], extra_problems: Iterable[Problem] = ()
    ) -> None:
        """Write a batch of source results in one transaction (see the module docstring)."""
        now = time.time()
        item_sql = self._sql(ITEM_UPSERT)
        source_sql = self._sql(
            "INSERT INTO sweep_source (path, size, mtime_ns, owner, status, items, run_id,"
            " scanned_at, seen_run) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (path) DO"
            " UPDATE SET size = excluded.size, mtime_ns = excluded.mtime_ns,"
            " owner = excluded.owner, status = excluded.status, items = excluded.items,"
            " run_id = excluded.run_id, scanned_at = excluded.scanned_at,"
            " seen_run = excluded.seen_run"
        )
        problem_sql = self._sql(
            "INSERT INTO sweep_problem (run_id, kind, path, member, reason) VALUES (?, ?, ?, ?, ?)"
        )
        with self._tx() as cur:
            for result in results:
                src = result.source
                problems = [(run_id, p.kind, p.path, p.member, p.reason) for p in result.problems]
                if problems:
                    cur.executemany(problem_sql, problems)
                if result.status == "vanished":
                    cur.execute(
                        self._sql("UPDATE sweep_source SET status = 'gone' WHERE path = ?"),
                        (src.path,),
                    )
                    cur.execute(
                        self._sql("UPDATE sweep_item SET status = 'gone' WHERE source = ?"),
                        (src.path,),
                    )
                    continue
                if result.status != "done":
                    # Unreadable or changed mid-read: remember the failure so the next run retries.
                    cur.execute(
                        source_sql,
                        (src.path, -1, -1, src.owner, result.status, 0, run_id, now, run_id),
                    )
                    continue
                rows = [
                    (
                        it.path,
                        it.member,
                        src.path,
                        os.path.dirname(it.path),
                        it.kind,
                        src.owner,
                        it.size,
                        it.mtime_ns,
                        it.classification,
                        ",".join(it.categories),
                        json.dumps(it.counts, sort_keys=True),
                        sum(it.counts.values()),
                        it.status,
                        it.reason,
                        run_id,
                        now,
                    )
                    for it in result.items
                ]
                # Members that were in an earlier version of this archive but are no longer.
                keep = {(r[0], r[1]) for r in rows}
                cur.execute(
                    self._sql(
                        "SELECT path, member FROM sweep_item WHERE source = ? AND status <> 'gone'"
                    ),
                    (src.path,),
                )
                stale = [pm for pm in cur.fetchall() if (pm[0], pm[1]) not in keep]
                if stale:
                    cur.executemany(
                        self._sql(
                            "UPDATE sweep_item SET status = 'gone', run_id = ?"
                            " WHERE path = ? AND member = ?"
                        ),
                        [(run_id, p, m) for p, m in stale],
                    )
                if rows:
                    cur.executemany(item_sql, rows)
                cur.execute(
                    source_sql,
                    (
                        src.path,
                        result.size,
                        result.mtime_ns,
                        src.owner,
                        "done",
                        len(rows),
                        run_id,
                        now,
                        run_id,
                    ),
                )
            extra = [(run_id, p.kind, p.path, p.member, p.reason) for p in extra_problems]
            if extra:
                cur.executemany(problem_sql, extra)

    # -- selectors for the report --------------------------------------------------------------
    def items_live(self, *, worst_first: bool = False) -> Iterator[dict[str, Any]]:
        """Every item currently on disk (not gone), as a dict, streamed from the database.

        `worst_first`: sensitive, then personal, then nothing found, then errors; within each,
        most identifiers first, then by path and member (code-point order on both databases).
        The database sorts (on disk when it must), so the order costs no memory here."""
        sql = f"SELECT {', '.join(ITEM_COLUMNS)} FROM sweep_item WHERE status <> 'gone'"  # noqa: S608
        if worst_first:
            # SQLite compares TEXT bytewise (UTF-8: code-point order); PostgreSQL needs "C".
            collate = ' COLLATE "C"' if self.dialect == "postgresql" else ""
            sql += (
                " ORDER BY CASE classification WHEN 'sensitive' THEN 0 WHEN 'personal' THEN 1"
                f" WHEN 'none' THEN 2 ELSE 3 END, identifiers DESC, path{collate}, member{collate}"
            )
        yield from self._stream(sql, (), ITEM_COLUMNS)

    def problems_of_run(self, run_id: int | None = None) -> Iterator[tuple[str, str, str, str]]:
        """(kind, path, member, reason) of one run's problems (default the latest), streamed."""
        if run_id is None:
            rows = self.execute("SELECT MAX(id) FROM sweep_run")
            run_id = rows[0][0] if rows and rows[0][0] is not None else 0
        collate = ' COLLATE "C"' if self.dialect == "postgresql" else ""
        sql = (
            "SELECT kind, path, member, reason FROM sweep_problem WHERE run_id = ?"  # noqa: S608
            f" ORDER BY kind, path{collate}, member{collate}"
        )
        for row in self._stream(sql, (run_id,), None):
            yield tuple(row)

    def _stream(self, sql: str, params: tuple, columns: tuple[str, ...] | None) -> Iterator[Any]:
        if self.dialect == "postgresql":
            cur = self.conn.cursor(name="sweep_stream")  # server-side: streams
        else:
            cur = self.conn.cursor()
        try:
            cur.execute(self._sql(sql), params)
            for row in cur:
                yield dict(zip(columns, row, strict=True)) if columns else row
        finally:
            cur.close()
            if self.dialect == "postgresql":
                self.conn.commit()

    def problems_by_kind(self, run_id: int | None = None) -> dict[str, int]:
        if run_id is None:
            rows = self.execute("SELECT MAX(id) FROM sweep_run")
            run_id = rows[0][0] if rows and rows[0][0] is not None else 0
        rows = self.execute(
            "SELECT kind, COUNT(*) FROM sweep_problem WHERE run_id = ? GROUP BY kind ORDER BY kind",
            (run_id,),
        )
        return {k: int(n) for k, n in rows}

    def runs(self) -> list[dict[str, Any]]:
        rows = self.execute(
            "SELECT id, started, finished, roots, summary FROM sweep_run ORDER BY id"
        )
        return [
            {
                "id": r[0],
                "started": r[1],
                "finished": r[2],
                "roots": json.loads(r[3]),
                "summary": json.loads(r[4]) if r[4] else None,
            }
            for r in rows
        ]


class _Transaction:
    def __init__(self, store: SqlStore) -> None:
        self.store = store

    def __enter__(self):
        self.cur = self.store.conn.cursor()
        if self.store.dialect == "sqlite":
            self.cur.execute("BEGIN IMMEDIATE")
        return self.cur

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.store.conn.commit()
        else:
            self.store.conn.rollback()
        self.cur.close()


INT_COLUMNS = frozenset({"size", "mtime_ns", "identifiers", "run_id"})
PARQUET_ROWS = 50_000


class ParquetStore(SqlStore):
    """Resume state in a SQLite file beside the Parquet file; the Parquet file is rewritten
    from it whenever a sweep ends, so it always holds the complete, de-duplicated result."""

    def __init__(self, parquet_path: str) -> None:
        self.parquet_path = parquet_path
        state = parquet_path + ".state.sqlite"
        super().__init__(_sqlite_connect(state), dialect="sqlite", location=state)

    def finish(self) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:  # pragma: no cover - pyarrow is pinned in requirements.txt
            raise StoreError(
                "Parquet output needs pyarrow: run `pip install -r requirements.txt`."
            ) from None
        # Written a row group at a time from a streaming cursor: memory stays flat.
        schema = pa.schema(
            [
                (
                    c,
                    pa.int64()
                    if c in INT_COLUMNS
                    else pa.float64()
                    if c == "scanned_at"
                    else pa.string(),
                )
                for c in ITEM_COLUMNS
            ]
        )
        tmp = self.parquet_path + ".tmp"
        with pq.ParquetWriter(tmp, schema) as writer:
            rows: list[dict[str, Any]] = []
            for row in self.items_live():
                rows.append(row)
                if len(rows) >= PARQUET_ROWS:
                    writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                    rows = []
            if rows:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
        os.replace(tmp, self.parquet_path)


def _sqlite_connect(path: str) -> sqlite3.Connection:
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isdir(folder):
        raise StoreError(f"The folder for the store does not exist: create {folder} first.")
    try:
        conn = sqlite3.connect(path, isolation_level=None, timeout=30)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
    except sqlite3.DatabaseError as exc:
        raise StoreError(
            f"Cannot open {path} as a SQLite store ({exc}): give another --store path."
        ) from None
    return conn


def store_open(location: str) -> SqlStore:
    """Open (creating if needed) the store named by a path or a postgresql:// URL."""
    if location.startswith(("postgresql://", "postgres://")):
        try:
            import psycopg
        except ImportError:  # pragma: no cover
            raise StoreError(
                "PostgreSQL stores need psycopg: pip install psycopg[binary]."
            ) from None
        try:
            conn = psycopg.connect(location)
        except psycopg.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(
                f"Cannot connect to the PostgreSQL store ({first}): check the URL and server."
            ) from None
        return SqlStore(conn, dialect="postgresql", location="postgresql")
    if location.endswith(".parquet"):
        return ParquetStore(location)
    return SqlStore(_sqlite_connect(location), dialect="sqlite", location=location)
