"""Where the gateway reports disclosures (the register) and near misses (the DPO's log).

Two narrow interfaces, each with a JSONL-file implementation; the Django register adapter will
implement the same `disclosure_record` / `near_miss_record` methods later.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol


def utc_now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class DisclosureEntry:
    """Email that told a recipient outside the organisation about service users (TEL-9's record)."""

    correlation_id: str
    at: str
    sender: str
    recipients: tuple[str, ...]
    service_user_ids: tuple[str, ...]
    classification: str
    special_categories: tuple[str, ...]
    message_id: str
    verdict: str
    policy_version: str
    authorised_by: str = ""  # set when an authoriser released it from quarantine
    channel: str = "email"
    # The sender's override of the pre-send warning ("EO-<id>"), when the gateway matched one.
    override: str = ""


@dataclass(frozen=True, slots=True)
class NearMissEntry:
    """A message blocked, held, released or rejected, for the DPO's near-miss review."""

    correlation_id: str
    at: str
    event: str  # "blocked" | "held" | "released" | "rejected"
    sender: str
    recipients: tuple[str, ...]
    verdict: str
    rules: tuple[str, ...]
    messages: tuple[str, ...]
    policy_version: str
    quarantine_id: str = ""
    decided_by: str = ""
    reason: str = ""
    channel: str = "email"
    # The content fingerprint of a held or blocked message (subject and body, whitespace aside;
    # no text): the web app links it to the same draft stopped at the pre-send check.
    fingerprint: str = ""
    # `safehaven.gateway.sketch` of a held or blocked message whose sender has a draft stopped
    # at the pre-send check in the last day (keyed word hashes, no text): links it to that draft
    # when it was changed after the check. "" otherwise.
    sketch: str = ""


class RegisterSink(Protocol):
    def disclosure_record(self, *, entry: DisclosureEntry) -> None: ...


class NearMissSink(Protocol):
    def near_miss_record(self, *, entry: NearMissEntry) -> None: ...


class _JsonlFile:
    """Appends one JSON object per line and fsyncs, so an entry survives a crash once written."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()

    def append(self, obj: dict) -> None:
        line = (json.dumps(obj, ensure_ascii=False, sort_keys=True) + "\n").encode("utf-8")
        with self._lock:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)

    def read(self) -> list[dict]:
        if not self.path.exists():
            return []
        return [json.loads(ln) for ln in self.path.read_text("utf-8").splitlines() if ln.strip()]


class JsonlRegisterSink(_JsonlFile):
    def disclosure_record(self, *, entry: DisclosureEntry) -> None:
        self.append(asdict(entry))


class JsonlNearMissSink(_JsonlFile):
    def near_miss_record(self, *, entry: NearMissEntry) -> None:
        row = asdict(entry)
        if not row["sketch"]:
            del row["sketch"]  # the file's lines as before (a standalone gateway has none)
        self.append(row)
