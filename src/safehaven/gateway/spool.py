"""The durable quarantine: held messages on disk until an authoriser releases or rejects them.

Each message is two files, `<id>.eml` (the bytes as received) and `<id>.json` (metadata), each
written to `tmp/`, fsynced and renamed into `quarantine/`, then the directory is fsynced. A message
is listed only once its metadata exists, and the metadata is written after the message, so a
crash between the two leaves an orphan .eml that `recover()` re-registers, never a lost message.

Retention (`Quarantine.purge`): a decided (released or rejected) message's bytes are removed
some days after the decision, and its metadata cut down to the record that must outlive them
(`KEPT_AFTER_PURGE`: who decided, when, the outcome, the rules) is moved to `purged/`, out of the
folder the listing reads. Held messages are never removed. Each message goes in three steps, in
this order, each made durable before the next starts: (1) its metadata rewritten in place as
the cut-down record with `purged_at` set (from then on it says its bytes are gone, and `raw()`
refuses it), (2) the .eml unlinked, (3) the record renamed into `purged/`. A crash leaves each
message whole (before 1), or with a record saying its bytes are removed (after 1, whether or
not the bytes are still there: the next purge finishes it). The metadata is never removed
before the bytes, so a purge leaves no orphan .eml; and `recover()` never re-registers an .eml
whose record is in `purged/` (it removes it).
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

STATUSES = ("held", "released", "rejected")
DECIDED = ("released", "rejected")

# Days a decided message's bytes are kept after the decision (`safehaven gateway
# --retain-decided-days`; 0 keeps them for ever): see docs/email-gaps10b.md for why 30.
RETAIN_DECIDED_DAYS = 30.0
# A message held longer than this without a decision is shown to the DPO as overdue (never
# removed).
HELD_OVERDUE_HOURS = 24.0
# What a decided message's record keeps once its bytes are removed: the decision (who, when,
# why, the outcome), what the near-miss log and the register already hold (rules, verdict,
# classification, categories, policy, correlation and message ids), and what the review pages
# check permissions by (sender, recipients, the children's ids). Not the findings' wording or
# evidence, nor the attachments' names (they may name a child).
KEPT_AFTER_PURGE = (
    "id",
    "status",
    "held_at",
    "decided_by",
    "decided_at",
    "reason",
    "correlation_id",
    "sender",
    "recipients",
    "external_recipients",
    "verdict",
    "rules",
    "policy_version",
    "classification",
    "special_categories",
    "service_user_ids",
    "message_id",
    "size",
    "retention_hold_lifted",
)
# Messages purged between two flushes of the folder (one directory fsync per step per batch).
PURGE_BATCH = 256
# A decided message's lock file older than this was left by a process that died holding it (a
# decision or an outline holds it for seconds; a purge's batch for well under a minute): the
# purge removes it rather than skip that message for ever.
STALE_LOCK_SECONDS = 3600.0


class QuarantineError(Exception):
    """A quarantine action that cannot be done; the message says why and what to do."""


def new_id() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ") + "-" + secrets.token_hex(4)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(path: Path, data: bytes, tmp_dir: Path, *, sync_dir: bool = True) -> None:
    """Writes `data` to `path` so that a reader sees the old file or the whole new one. With
    `sync_dir` False the caller fsyncs the folder itself (once for many files)."""
    tmp = tmp_dir / f"{path.name}.{secrets.token_hex(4)}.tmp"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    if sync_dir:
        _fsync_dir(path.parent)


@dataclass(frozen=True, slots=True)
class Held:
    id: str
    meta: dict[str, Any]

    @property
    def status(self) -> str:
        return str(self.meta.get("status", "held"))

    @property
    def purged(self) -> bool:
        """Whether its bytes were removed under the retention policy (the record stays)."""
        return bool(self.meta.get("purged_at"))


@dataclass(frozen=True, slots=True)
class PurgeResult:
    """What a purge removed (or, dry, would remove): ids only, never content or addresses."""

    released: tuple[str, ...] = ()
    rejected: tuple[str, ...] = ()
    # Decided messages skipped: being decided or read under their lock, or a file error.
    skipped: tuple[str, ...] = ()
    # Interrupted purges (record already cut down) finished by this one.
    finished: tuple[str, ...] = ()
    # Old enough, but under a retention hold (`retention_hold` in the metadata: kept until the
    # DPO lifts it, e.g. for a complaint or a subject access request).
    kept: tuple[str, ...] = ()
    dry_run: bool = False

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(sorted((*self.released, *self.rejected)))

    @property
    def count(self) -> int:
        return len(self.released) + len(self.rejected)


def decided_at(meta: dict[str, Any], fallback: float | None = None) -> datetime | None:
    """When a message was decided (aware, UTC): `decided_at`, else the metadata file's mtime
    (`fallback`, a decision rewrites it), else None (never purged: it cannot be dated)."""
    try:
        at = datetime.fromisoformat(str(meta.get("decided_at") or ""))
    except ValueError:
        at = None
    if at is None:
        return datetime.fromtimestamp(fallback, UTC) if fallback is not None else None
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def held_since(meta: dict[str, Any]) -> datetime | None:
    try:
        at = datetime.fromisoformat(str(meta.get("held_at") or ""))
    except ValueError:
        return None
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def is_overdue(
    meta: dict[str, Any], *, now: datetime | None = None, hours: float = HELD_OVERDUE_HOURS
) -> bool:
    """Whether a message still held has waited longer than `hours` for a decision."""
    if str(meta.get("status", "held")) != "held" or hours <= 0:
        return False
    at = held_since(meta)
    return at is not None and (now or datetime.now(UTC)) - at > timedelta(hours=hours)


class Quarantine:
    def __init__(self, spool: str | Path) -> None:
        self.root = Path(spool)
        self.dir = self.root / "quarantine"
        self.tmp = self.root / "tmp"
        # The records of decided messages whose bytes were removed (`purge`).
        self.purged_dir = self.root / "purged"
        for d in (self.root, self.dir, self.tmp, self.purged_dir):
            d.mkdir(parents=True, exist_ok=True, mode=0o700)

    def _eml(self, qid: str) -> Path:
        return self.dir / f"{qid}.eml"

    def _json(self, qid: str) -> Path:
        return self.dir / f"{qid}.json"

    def store(self, raw: bytes, meta: dict[str, Any]) -> str:
        """Stores a message durably and returns its id (the message is safe once this returns)."""
        qid = self.store_message(raw)
        self.store_meta(qid, meta)
        return qid

    def store_message(self, raw: bytes) -> str:
        """The first half of `store`: the message's bytes durably in the folder, under a new id.
        Not listed until `store_meta` has written its metadata; one left alone by a crash is
        re-registered by `recover`."""
        qid = new_id()
        atomic_write(self._eml(qid), raw, self.tmp)
        return qid

    def store_meta(self, qid: str, meta: dict[str, Any]) -> None:
        """The second half of `store`: the metadata, after the message (it is listed from now)."""
        full = {"id": qid, "status": "held", "held_at": datetime.now(UTC).isoformat(), **meta}
        atomic_write(self._json(qid), json.dumps(full, indent=1).encode("utf-8"), self.tmp)

    def _purged_json(self, qid: str) -> Path:
        return self.purged_dir / f"{qid}.json"

    def get(self, qid: str) -> Held:
        """A message's metadata; for a purged one, its kept record (`Held.purged`)."""
        if not _valid_id(qid):
            raise QuarantineError(f"{qid!r} is not a quarantine id: copy it from `quarantine list`")
        for path in (self._json(qid), self._purged_json(qid)):
            try:
                return Held(qid, json.loads(path.read_text("utf-8")))
            except FileNotFoundError:
                continue  # a purge may move it between the two reads
        raise QuarantineError(f"no held message {qid}: check the id with `quarantine list`")

    def raw(self, qid: str) -> bytes:
        held = self.get(qid)
        if held.purged:
            raise QuarantineError(
                f"the content of {qid} was removed on {str(held.meta['purged_at'])[:10]} under "
                "the retention policy for decided messages; its decision is kept"
            )
        return self._eml(qid).read_bytes()

    def list(self, *, status: str | None = "held") -> list[Held]:
        out = []
        for path in sorted(self.dir.glob("*.json")):
            try:
                held = Held(path.stem, json.loads(path.read_text("utf-8")))
            except (OSError, json.JSONDecodeError):
                continue
            if status is None or held.status == status:
                out.append(held)
        return out

    def update(self, qid: str, **changes: Any) -> Held:
        held = self.get(qid)
        if held.purged:  # its record is kept as it is (and never written back into the folder)
            raise QuarantineError(f"{qid} was decided and its content removed: nothing to change")
        meta = {**held.meta, **changes}
        atomic_write(self._json(qid), json.dumps(meta, indent=1).encode("utf-8"), self.tmp)
        return Held(qid, meta)

    def lock(self, qid: str) -> _Lock:
        """An exclusive lock on one message, so two authorisers cannot both release it."""
        return _Lock(self.dir / f"{qid}.lock")

    def purged_count(self) -> int:
        """How many decided messages' bytes were removed (their records are in `purged/`)."""
        with os.scandir(self.purged_dir) as entries:
            return sum(1 for e in entries if e.name.endswith(".json"))

    def purge(
        self,
        *,
        older_than_days: float,
        now: datetime | None = None,
        dry_run: bool = False,
        pause: float = 0.0,
    ) -> PurgeResult:
        """Removes the bytes of the messages decided (released or rejected) more than
        `older_than_days` days ago and keeps their records (`KEPT_AFTER_PURGE`, the findings as
        rule and severity only) in `purged/`; held messages are never touched. With `dry_run`,
        says what it would remove and removes nothing. Finishes purges a crash interrupted.
        A message whose lock is taken (being decided or its outline written) is skipped and
        purged next time. `pause`: seconds to wait between batches (the gateway's purge leaves
        the disk to the mail it stores). See the module's docstring for the order of the steps."""
        if older_than_days < 0:
            raise QuarantineError(f"{older_than_days:g} days is below zero: give 0 or more days")
        now = now or datetime.now(UTC)
        cutoff = now - timedelta(days=older_than_days)
        due: list[tuple[str, str]] = []
        unfinished: list[str] = []
        kept: list[str] = []
        with os.scandir(self.dir) as entries:
            for entry in entries:
                if not entry.name.endswith(".json"):
                    continue
                try:
                    with open(entry.path, encoding="utf-8") as f:
                        meta = json.loads(f.read())
                    mtime = entry.stat().st_mtime
                except (OSError, ValueError):
                    continue  # being replaced, or unreadable: never removed on a guess
                if not isinstance(meta, dict) or meta.get("status") not in DECIDED:
                    continue
                if meta.get("purged_at"):
                    unfinished.append(entry.name[:-5])
                    continue
                at = decided_at(meta, mtime)
                if at is not None and at <= cutoff:
                    if meta.get("retention_hold"):
                        kept.append(entry.name[:-5])
                    else:
                        due.append((entry.name[:-5], str(meta["status"])))
        due.sort()
        kept.sort()
        if dry_run:
            return PurgeResult(
                released=tuple(q for q, s in due if s == "released"),
                rejected=tuple(q for q, s in due if s == "rejected"),
                kept=tuple(kept),
                dry_run=True,
            )
        done: dict[str, list[str]] = {"released": [], "rejected": []}
        skipped: list[str] = []
        for start in range(0, len(due), PURGE_BATCH):
            if start and pause > 0:
                time.sleep(pause)
            batch = due[start : start + PURGE_BATCH]
            with contextlib.ExitStack() as locks:
                marked = []
                for qid, _ in batch:
                    try:
                        self._break_stale_lock(qid)
                        locks.enter_context(self.lock(qid))
                        held = self.get(qid)  # again, under the lock
                        if held.meta.get("retention_hold"):
                            kept.append(qid)  # put on hold since the scan
                            continue
                        if held.status not in DECIDED or held.purged:
                            skipped.append(qid)
                            continue
                        record = _purged_record(held, now=now, days=older_than_days)
                        # Step 1: the record says the bytes are gone before they are.
                        atomic_write(self._json(qid), record, self.tmp, sync_dir=False)
                    except (QuarantineError, OSError, ValueError):
                        skipped.append(qid)
                        continue
                    marked.append((qid, held.status))
                _fsync_dir(self.dir)
                self._finish_purge([q for q, _ in marked])
                for qid, status in marked:
                    done[status].append(qid)
        if unfinished:
            self._finish_purge(unfinished)
        return PurgeResult(
            released=tuple(done["released"]),
            rejected=tuple(done["rejected"]),
            skipped=tuple(skipped),
            finished=tuple(sorted(unfinished)),
            kept=tuple(sorted(kept)),
        )

    def _break_stale_lock(self, qid: str) -> None:
        path = self.dir / f"{qid}.lock"
        try:
            if time.time() - path.stat().st_mtime > STALE_LOCK_SECONDS:
                path.unlink(missing_ok=True)
        except FileNotFoundError:
            pass

    def _finish_purge(self, ids: list[str]) -> None:
        """Steps 2 and 3 of a purge for records already cut down (step 1 durable): the bytes
        removed (durably), then the record moved into `purged/`. Each step can be repeated."""
        if not ids:
            return
        for qid in ids:
            self._eml(qid).unlink(missing_ok=True)
        _fsync_dir(self.dir)
        for qid in ids:
            try:
                os.replace(self._json(qid), self._purged_json(qid))
            except FileNotFoundError:
                continue  # moved already (another gateway on this spool)
        _fsync_dir(self.purged_dir)
        _fsync_dir(self.dir)

    def recover(self) -> list[str]:
        """Re-registers messages whose metadata was not written (a crash mid-store). An .eml
        whose record is in `purged/` is what a purge left (its record was moved and the bytes
        not yet seen gone): removed, never re-registered as held."""
        found = []
        for eml in self.dir.glob("*.eml"):
            if not self._json(eml.stem).exists():
                if self._purged_json(eml.stem).exists():
                    eml.unlink(missing_ok=True)
                    continue
                meta = {
                    "id": eml.stem,
                    "status": "held",
                    "held_at": datetime.now(UTC).isoformat(),
                    "reasons": ["recovered after a restart: metadata was lost, check by hand"],
                    "rules": [],
                }
                atomic_write(self._json(eml.stem), json.dumps(meta).encode("utf-8"), self.tmp)
                found.append(eml.stem)
        for stale in self.tmp.glob("*.tmp"):
            stale.unlink(missing_ok=True)
        _fsync_dir(self.dir)
        return found


def _purged_record(held: Held, *, now: datetime, days: float) -> bytes:
    """A decided message's record once its bytes are removed: `KEPT_AFTER_PURGE`, the findings
    as rule and severity (their wording and evidence may quote the message), when and why."""
    record = {k: held.meta[k] for k in KEPT_AFTER_PURGE if k in held.meta}
    record["id"] = held.id
    record["findings"] = [
        {"rule": str(f.get("rule", "")), "severity": str(f.get("severity", ""))}
        for f in held.meta.get("findings", []) or []
        if isinstance(f, dict)
    ]
    record["purged_at"] = now.isoformat()
    record["purged_after_days"] = days
    return json.dumps(record, indent=1).encode("utf-8")


def _valid_id(qid: str) -> bool:
    return bool(qid) and len(qid) < 64 and all(c.isalnum() or c in "-" for c in qid)


class _Lock:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    def __enter__(self) -> _Lock:
        try:
            self.fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError as exc:
            raise QuarantineError(
                f"{self.path.stem} is being released or rejected by someone else; try again "
                f"shortly (if nobody is, delete {self.path})"
            ) from exc
        return self

    def __exit__(self, *exc: object) -> None:
        if self.fd is not None:
            os.close(self.fd)
        self.path.unlink(missing_ok=True)
