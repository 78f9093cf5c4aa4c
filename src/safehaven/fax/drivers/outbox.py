"""The default driver: each fax is written to an outbox folder for a fax server or a
multifunction device (PDF, then its metadata JSON, both written atomically: a device that
watches for `*.json` always finds the whole PDF beside it). Confirmations come back as JSON
files in a confirmations folder; incoming faxes as PDFs in an inbox folder."""

from __future__ import annotations

import json
from pathlib import Path

from safehaven.fax.drivers import folders
from safehaven.fax.drivers.base import (
    Confirmation,
    FaxDriverError,
    IncomingDocument,
    Submission,
)


class OutboxDriver:
    name = "outbox"

    def __init__(self, *, outbox: Path, confirmations: Path, inbox: Path):
        self.outbox = Path(outbox)
        self.confirmations_dir = Path(confirmations)
        self.inbox_dir = Path(inbox)

    def submit(self, submission: Submission) -> None:
        metadata = {
            "reference": submission.reference,
            "job": submission.job_reference,
            "number": submission.number,
            "dial": submission.number.replace("+44", "0", 1),
            "pages": submission.pages,
            "recipient": submission.recipient_name,
            "pdf": f"{submission.reference}.pdf",
            **submission.metadata,
        }
        try:
            folders.write_atomic(self.outbox / f"{submission.reference}.pdf", submission.pdf)
            folders.write_atomic(
                self.outbox / f"{submission.reference}.json",
                json.dumps(metadata, indent=2, sort_keys=True).encode("utf-8"),
            )
        except OSError as exc:
            raise FaxDriverError(
                f"Could not write to the fax outbox folder {self.outbox}: {exc.strerror}. "
                "Check the folder exists and SafeHaven may write to it."
            ) from exc

    def confirmations(self) -> list[Confirmation]:
        return folders.read_confirmations(self.confirmations_dir)

    def inbox(self) -> list[IncomingDocument]:
        return folders.read_inbox(self.inbox_dir)

    def inbox_done(self, name: str) -> None:
        folders.inbox_done(self.inbox_dir, name)
