"""Folder helpers shared by the drivers: atomic writes and one-time reads."""

from __future__ import annotations

import datetime as dt
import json
import os
import tempfile
from pathlib import Path

from safehaven.fax.drivers.base import Confirmation, FaxDriverError, IncomingDocument


def write_atomic(path: Path, data: bytes) -> None:
    """Writes to a temporary file in the same folder, fsyncs, then renames: a reader sees
    the whole file or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".tmp-", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _done(path: Path) -> None:
    done = path.parent / "processed"
    done.mkdir(exist_ok=True)
    os.replace(path, done / path.name)


def read_confirmations(folder: Path) -> list[Confirmation]:
    """`<reference>.json` files: {"reference", "status": "ok"|"failed", "pages", "detail"}.
    A file that cannot be read is moved to `rejected/` so one bad file blocks nothing."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            status = str(data["status"]).lower()
            if status not in {"ok", "failed"}:
                raise ValueError(status)
            pages = data.get("pages")
            found.append(
                Confirmation(
                    reference=str(data.get("reference") or path.stem),
                    ok=status == "ok",
                    pages=int(pages) if pages is not None else None,
                    detail=str(data.get("detail", ""))[:300],
                )
            )
            _done(path)
        except (ValueError, KeyError, TypeError, OSError):
            rejected = folder / "rejected"
            rejected.mkdir(exist_ok=True)
            os.replace(path, rejected / path.name)
    return found


def read_inbox(folder: Path) -> list[IncomingDocument]:
    """`*.pdf` files, each with an optional `<name>.json` sidecar: {"from", "received_at"
    (ISO 8601), "to"}."""
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob("*.pdf")):
        meta = {}
        sidecar = path.with_suffix(".json")
        if sidecar.exists():
            try:
                meta = json.loads(sidecar.read_text(encoding="utf-8"))
            except (ValueError, OSError):
                meta = {}
        received = None
        if meta.get("received_at"):
            try:
                received = dt.datetime.fromisoformat(str(meta["received_at"]))
                if received.tzinfo is None:
                    received = received.replace(tzinfo=dt.UTC)
            except ValueError:
                received = None
        found.append(
            IncomingDocument(
                name=path.name,
                pdf=path.read_bytes(),
                received_at=received,
                from_number=str(meta.get("from", ""))[:40],
                addressed_to=str(meta.get("to", ""))[:200],
            )
        )
    return found


def inbox_done(folder: Path, name: str) -> None:
    path = folder / name
    if not path.exists():
        raise FaxDriverError(f"{name} is no longer in the inbox folder.")
    _done(path)
    sidecar = path.with_suffix(".json")
    if sidecar.exists():
        _done(sidecar)
