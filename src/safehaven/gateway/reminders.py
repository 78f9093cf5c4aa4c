"""Reminders of overdue held mail: which held messages are overdue, and who was reminded when.

A held message nobody decided within `SAFEHAVEN_HELD_OVERDUE_HOURS` (default 24) is "overdue"
(`spool.is_overdue`, as the held-email page and `safehaven quarantine list` say). The gateway's
notice thread, at most once every `REMINDER_SCAN_EVERY` seconds (at the periodic tick), finds
them (`OverdueScan`) and sends each person who may decide at least one of them one reminder
(`GatewayHandler.send_overdue_reminders`), at most once per `--overdue-reminder-hours` per person
(`ReminderLog`, in the spool: shared by every gateway process on it and kept over a restart).

Nothing here names a person in a file name or a log line: the log is keyed by the same digest of
the address as a decider's waiting notice (`notices.decider_key`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from safehaven.gateway.notices import decider_key
from safehaven.gateway.spool import HELD_OVERDUE_HOURS, atomic_write, held_since

log = logging.getLogger("safehaven.gateway")

# The overdue scan runs at most this often per process (seconds), at the gateway's tick.
REMINDER_SCAN_EVERY = 3600.0
# A person is reminded at most once in this many hours (`--overdue-reminder-hours`; 0: off).
OVERDUE_REMINDER_HOURS = 24.0
# At most this many references are listed in one reminder (the Held email page lists them all).
REMINDER_LISTED = 50


def overdue_hours() -> float:
    """Hours after which a held message is overdue (the held-email page and the reminders read
    it here): `SAFEHAVEN_HELD_OVERDUE_HOURS`, the Django setting when Django is set up, else the
    environment; 0: never; a bad value: the default."""
    configured: Any = None
    try:
        from django.conf import settings

        if settings.configured:
            configured = getattr(settings, "SAFEHAVEN_HELD_OVERDUE_HOURS", None)
    except ImportError:  # a standalone gateway without Django installed
        pass
    if configured is None:
        configured = os.environ.get("SAFEHAVEN_HELD_OVERDUE_HOURS")
    try:
        hours = float(configured) if configured is not None else HELD_OVERDUE_HOURS
    except (TypeError, ValueError):
        return HELD_OVERDUE_HOURS
    return hours if hours >= 0 else HELD_OVERDUE_HOURS


def reminder_key(address: str) -> str:
    """The key of a person's reminder (in the log, and in the notice queue while it waits for the
    relay): the same digest of the address as `decider_key` (no address in a name)."""
    return "reminder-" + decider_key(address).removeprefix("decider-")


class OverdueScan:
    """The overdue held messages of a quarantine folder, cheaply at each scan: the folder is
    listed with each metadata file's time (`os.scandir` + `stat`), and a metadata file is read
    only when it is new or changed since the last scan (a decision rewrites it). What is kept
    per message: its time, status and held_at (not the metadata: a message found overdue is
    read again for its look-up)."""

    def __init__(self, quarantine_dir: Path) -> None:
        self.dir = quarantine_dir
        # qid -> (mtime_ns, size, status, held_at)
        self._seen: dict[str, tuple[int, int, str, datetime | None]] = {}
        self.reads = 0  # metadata files read over this object's life (for the benchmark)

    def _entries(self) -> Iterator[tuple[str, int, int, str]]:
        with os.scandir(self.dir) as it:
            for entry in it:
                if not entry.name.endswith(".json"):
                    continue
                try:
                    st = entry.stat()
                except FileNotFoundError:
                    continue
                yield entry.name[:-5], st.st_mtime_ns, st.st_size, entry.path

    def overdue(self, *, hours: float, now: datetime | None = None) -> list[tuple[str, dict]]:
        """The held messages waiting longer than `hours` (`spool.is_overdue`), oldest first, each
        with its metadata as read now. Unreadable files are skipped (tried at the next scan)."""
        if hours <= 0:
            return []
        now = now or datetime.now(UTC)
        limit = now - timedelta(hours=hours)
        seen: dict[str, tuple[int, int, str, datetime | None]] = {}
        candidates: list[tuple[datetime, str, str]] = []
        for qid, mtime, size, path in self._entries():
            known = self._seen.get(qid)
            meta: dict | None = None
            if known is None or known[0] != mtime or known[1] != size:
                meta = self._read(path)
                if meta is None:
                    continue
                known = (mtime, size, str(meta.get("status", "held")), held_since(meta))
            seen[qid] = known
            _, _, status, held_at = known
            if status == "held" and held_at is not None and held_at < limit:
                candidates.append((held_at, qid, path))
        self._seen = seen
        out = []
        for _, qid, path in sorted(candidates):
            meta = self._read(path)  # read again: it may have been decided since
            if meta is None or str(meta.get("status", "held")) != "held":
                continue
            out.append((qid, meta))
        return out

    def _read(self, path: str) -> dict | None:
        self.reads += 1
        try:
            with open(path, "rb") as fh:
                meta = json.loads(fh.read())
        except (OSError, ValueError):
            return None
        return meta if isinstance(meta, dict) else None


class ReminderLog:
    """When each person was last reminded, `<spool>/reminders.json` ({key: unix time}), keyed by
    `reminder_key`. Read and written under an exclusive `flock` on `<spool>/reminders.lock`
    (held only while the file is read and rewritten, never over a send), written atomically
    (`atomic_write`, fsynced): several gateway processes on one spool remind a person once,
    and a restart does not remind them again. Entries too old to matter are dropped at each
    write."""

    def __init__(self, spool: str | Path) -> None:
        self.path = Path(spool) / "reminders.json"
        self.lock_path = Path(spool) / "reminders.lock"
        self.tmp = Path(spool) / "tmp"
        self.tmp.mkdir(parents=True, exist_ok=True, mode=0o700)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        import fcntl

        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # lets go of the lock

    def _read(self) -> dict[str, float]:
        try:
            data = json.loads(self.path.read_text("utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError):
            log.warning("reminder times unreadable; started again (a person may be reminded twice)")
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(k): float(v) for k, v in data.items() if isinstance(v, int | float)}

    def last(self) -> dict[str, float]:
        """Every key's last reminder time (for tests and the benchmark)."""
        with self._locked():
            return self._read()

    def claim(self, keys: list[str], *, every: float, now: float) -> dict[str, float | None]:
        """Of `keys`, those not reminded in the last `every` seconds, each marked as reminded
        `now`: {key: its previous time, or None}. Raises OSError (nobody is then reminded)."""
        with self._locked():
            times = self._read()
            due = {
                k: times.get(k) for k in dict.fromkeys(keys) if now - times.get(k, -1e18) >= every
            }
            if due:
                kept = {k: t for k, t in times.items() if now - t < every}
                kept.update(dict.fromkeys(due, now))
                atomic_write(self.path, json.dumps(kept).encode("utf-8"), self.tmp)
        return due

    def unclaim(self, previous: dict[str, float | None], *, claimed_at: float) -> None:
        """Gives back claims whose reminder was neither sent nor kept (unless claimed again)."""
        with self._locked():
            times = self._read()
            for key, before in previous.items():
                if times.get(key) != claimed_at:
                    continue
                if before is None:
                    times.pop(key, None)
                else:
                    times[key] = before
            atomic_write(self.path, json.dumps(times).encode("utf-8"), self.tmp)
