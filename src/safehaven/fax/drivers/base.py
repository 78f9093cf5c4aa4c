"""The driver interface. A driver hands a fax (one PDF: cover sheet + document) to something
that dials, and reads back what the machine reported and what arrived.

A HylaFAX driver would implement `submit` with `sendfax -n -d NUMBER file.pdf` (the job id it
prints is the driver reference), `confirmations` from `faxstat -d` / the `doneq` files, and
`inbox` from HylaFAX's `recvq` (see docs/fax.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Protocol


class FaxDriverError(RuntimeError):
    """The driver could not hand the fax over; `message` says what to check."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Submission:
    reference: str  # unique per attempt: the driver reference
    job_reference: str
    number: str  # E.164
    pdf: bytes
    pages: int
    recipient_name: str
    metadata: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Confirmation:
    """What the machine reported for one attempt."""

    reference: str
    ok: bool
    pages: int | None = None
    detail: str = ""


@dataclass(frozen=True)
class IncomingDocument:
    name: str  # unique per document in the driver's inbox
    pdf: bytes
    received_at: dt.datetime | None = None
    from_number: str = ""
    addressed_to: str = ""


class FaxDriver(Protocol):
    name: str

    def submit(self, submission: Submission) -> None:
        """Hands the fax over or raises FaxDriverError. Returns once handed over, not sent."""

    def confirmations(self) -> list[Confirmation]:
        """Reports not yet read; each is returned once."""

    def inbox(self) -> list[IncomingDocument]:
        """Faxes that arrived, not yet read; each is returned once after `inbox_done`."""

    def inbox_done(self, name: str) -> None:
        """Marks an incoming document as logged, so it is not read again."""
