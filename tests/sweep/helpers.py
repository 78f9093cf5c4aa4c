"""Small real files for the sweep tests: documents, mail archives and zips."""

from __future__ import annotations

import email.message
import mailbox
import os
import zipfile
from pathlib import Path
from types import SimpleNamespace

from safehaven.sweep.engine import Engine

# Text the real engine classifies (see test_runner's SENS tests for the proof).
PERSONAL = (
    "Referral received for Jane Smith, date of birth 14/03/2012, NHS number 943 476 5919. "
    "She lives at 12 Oak Road, Leeds LS6 4AZ; mother's phone 0113 496 0123.\n"
)
SENSITIVE = (
    "Case note: Jane Smith (DOB 14/03/2012, NHS number 943 476 5919) is subject to a child "
    "protection plan. She has a diagnosis of epilepsy and her father has a conviction for "
    "assault.\n"
)
NEUTRAL = "The canteen menu for next week: pasta bake on Tuesday and fish on Friday.\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def message_bytes(subject: str, body: str) -> bytes:
    msg = email.message.EmailMessage()
    # No From/To: addresses are personal data themselves, and these tests control content.
    msg["Subject"] = subject
    msg.set_content(body)
    return bytes(msg)


def make_mbox(path: Path, bodies: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    box = mailbox.mbox(str(path))
    for i, body in enumerate(bodies):
        box.add(message_bytes(f"message {i}", body))
    box.flush()
    box.close()
    return path


def make_maildir(path: Path, bodies: list[str]) -> list[str]:
    box = mailbox.Maildir(str(path), create=True)
    keys = [box.add(message_bytes(f"message {i}", body)) for i, body in enumerate(bodies)]
    box.close()
    return keys


def make_zip(path: Path, members: dict[str, bytes | str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


def touch_later(path: Path, seconds: int = 5) -> None:
    """Move mtime forward so a change is seen even within the clock's resolution."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + seconds * 1_000_000_000))


class CheapEngine(Engine):
    """Real text extraction, a trivial detector: "personal" when the text names Jane Smith.

    For tests about walking, scheduling and resuming, where the real detector's cost (and
    another team's changes to it) would only slow them down. The real engine's verdicts are
    proven in test_runner and test_worker."""

    def check(self) -> None:
        """Nothing to import."""

    def analyse(self, text: str):
        personal = "Jane Smith" in text
        spans = (SimpleNamespace(type="PERSON", end=len(text)),) if personal else ()
        return SimpleNamespace(
            classification="personal" if personal else "none", special_categories=(), spans=spans
        )
