"""The durable quarantine: held messages on disk until an authoriser releases or rejects them.

Each message is two files, `<id>.eml` (the bytes as received) and `<id>.json` (metadata), each
written to `tmp/`, fsynced and renamed into `quarantine/`, then the directory is fsynced. A message
is listed only once its metadata exists, and the metadata is written after the message, so a
crash between the two leaves an orphan .eml that `recover()` re-registers, never a lost message.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

STATUSES = ("held", "released", "rejected")


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


def atomic_write(path: Path, data: bytes, tmp_dir: Path) -> None:
    """Writes `data` to `path` so that a reader sees the old file or the whole new one."""
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
    _fsync_dir(path.parent)


@dataclass(frozen=True, slots=True)
class Held:
    id: str
    meta: dict[str, Any]

    @property
    def status(self) -> str:
        return str(self.meta.get("status", "held"))


class Quarantine:
    def __init__(self, spool: str | Path) -> None:
        self.root = Path(spool)
        self.dir = self.root / "quarantine"
        self.tmp = self.root / "tmp"
        for d in (self.root, self.dir, self.tmp):
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

    def get(self, qid: str) -> Held:
        if not _valid_id(qid):
            raise QuarantineError(f"{qid!r} is not a quarantine id: copy it from `quarantine list`")
        path = self._json(qid)
        if not path.exists():
            raise QuarantineError(f"no held message {qid}: check the id with `quarantine list`")
        return Held(qid, json.loads(path.read_text("utf-8")))

    def raw(self, qid: str) -> bytes:
        self.get(qid)
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
        meta = {**held.meta, **changes}
        atomic_write(self._json(qid), json.dumps(meta, indent=1).encode("utf-8"), self.tmp)
        return Held(qid, meta)

    def lock(self, qid: str) -> _Lock:
        """An exclusive lock on one message, so two authorisers cannot both release it."""
        return _Lock(self.dir / f"{qid}.lock")

    def recover(self) -> list[str]:
        """Re-registers messages whose metadata was not written (a crash mid-store)."""
        found = []
        for eml in self.dir.glob("*.eml"):
            if not self._json(eml.stem).exists():
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
        return found


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
