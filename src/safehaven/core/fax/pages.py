"""Counting pages, joining the cover sheet to the document, and reconciling pages received
with the count the cover sheet declares (FAX-14)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError

PAGE_COUNT_PATTERNS = [
    re.compile(r"number\s+of\s+pages[^:\d]{0,40}:?\s*(\d{1,4})", re.IGNORECASE),
    re.compile(r"\bpages?\s*(?:\(incl[^)]*\))?\s*[:=]\s*(\d{1,4})", re.IGNORECASE),
    re.compile(r"\b(\d{1,4})\s+pages?\s+(?:in\s+total|including)", re.IGNORECASE),
    re.compile(r"\bpage\s+1\s+of\s+(\d{1,4})\b", re.IGNORECASE),
]


class NotAPdf(ValueError):
    """The bytes are not a readable PDF."""


def _reader(data: bytes) -> PdfReader:
    try:
        return PdfReader(io.BytesIO(data))
    except (PdfReadError, ValueError, OSError) as exc:
        raise NotAPdf("The file is not a readable PDF.") from exc


def page_count(data: bytes) -> int:
    """Pages in a PDF; NotAPdf when it cannot be read."""
    try:
        return len(_reader(data).pages)
    except (PdfReadError, ValueError, OSError, KeyError) as exc:
        raise NotAPdf("The file is not a readable PDF.") from exc


def merge_pdfs(*documents: bytes) -> bytes:
    """The documents one after another, as one PDF."""
    writer = PdfWriter()
    for data in documents:
        for page in _reader(data).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_text_first_page(data: bytes) -> str:
    """The text of page 1 ('' for a scanned image without text)."""
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            if not pdf.pages:
                return ""
            return pdf.pages[0].extract_text() or ""
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many unrelated types on bad input
        raise NotAPdf("The file is not a readable PDF.") from exc


def declared_page_count(cover_text: str) -> int | None:
    """The page count a cover sheet declares ("Number of pages (including this one): 4",
    "Pages: 4", "4 pages including cover", "Page 1 of 4"), or None when it declares none."""
    for pattern in PAGE_COUNT_PATTERNS:
        match = pattern.search(cover_text)
        if match:
            value = int(match.group(1))
            if value >= 1:
                return value
    return None


@dataclass(frozen=True)
class Reconciliation:
    """Pages received against pages declared (FAX-14). `status`: match, missing, extra or
    undeclared (the cover sheet gives no count: a person must check with the sender)."""

    status: str
    declared: int | None
    received: int
    message: str

    @property
    def alert(self) -> bool:
        return self.status != "match"


def reconcile(*, declared: int | None, received: int) -> Reconciliation:
    if declared is None:
        return Reconciliation(
            "undeclared",
            None,
            received,
            f"{received} page(s) arrived but the cover sheet gives no page count: telephone "
            "the sender and ask how many pages they sent.",
        )
    if received < declared:
        missing = declared - received
        return Reconciliation(
            "missing",
            declared,
            received,
            f"{missing} page(s) missing: the cover sheet says {declared}, {received} arrived. "
            "Check the machine has paper and ask the sender to resend the missing pages.",
        )
    if received > declared:
        return Reconciliation(
            "extra",
            declared,
            received,
            f"{received - declared} page(s) more than the cover sheet says ({declared}): "
            "check whether pages from another fax are mixed in.",
        )
    return Reconciliation("match", declared, received, f"All {received} page(s) arrived.")
