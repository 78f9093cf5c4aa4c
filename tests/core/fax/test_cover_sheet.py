"""The cover sheet, read back with pdfplumber: it names the recipient, sender, date and page
count and carries the guidance's confidentiality statement word for word (FAX-7)."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pdfplumber
import pytest

from safehaven.core.fax import STATEMENT, CoverSheet, declared_page_count, render_cover_sheet

# The guidance ships with the repository (docs/guidance/, a copy of ../shared/guidance/).
GUIDANCE = (
    Path(__file__).resolve().parents[3]
    / "docs/guidance/information-security-practical-guidance.txt"
)


def sheet(**overrides) -> CoverSheet:
    values = {
        "recipient_name": "Dr Priya Shah",
        "recipient_organisation": "Charnwood Health Centre",
        "recipient_fax": "0116 496 0999",
        "sender_name": "Sam Officer",
        "sender_organisation": "Ashby Hill Primary School",
        "sender_phone": "0116 496 0001",
        "date": dt.date(2026, 11, 25),
        "total_pages": 4,
        "reference": "FX-1A2B3C4D",
        "receipt_request": "Please confirm receipt by telephoning 0116 496 0001.",
    }
    values.update(overrides)
    return CoverSheet(**values)


def read_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        assert len(doc.pages) == 1
        return doc.pages[0].extract_text()


def test_statement_constant_is_the_guidance_text_word_for_word():
    """The constant is checked against the guidance file itself, not a copy in the test."""
    text = GUIDANCE.read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("The information contained in this"))
    assert line.strip() == STATEMENT


@pytest.mark.rule("FAX-7")
def test_cover_sheet_carries_the_statement_word_for_word():
    text = read_text(render_cover_sheet(sheet()))
    flat = " ".join(text.split())
    assert STATEMENT in flat
    # Word for word: the words between the box's first and last line are exactly the statement.
    start = flat.index("The information contained")
    assert flat[start : start + len(STATEMENT)] == STATEMENT


@pytest.mark.rule("FAX-7")
def test_cover_sheet_names_recipient_sender_date_and_pages():
    text = read_text(render_cover_sheet(sheet(total_pages=7)))
    assert "To: Dr Priya Shah" in text
    assert "From: Sam Officer" in text
    assert "Date: 25 November 2026" in text
    assert "Number of pages (including this one): 7" in text
    assert "Please confirm receipt" in text
    assert declared_page_count(text) == 7


@pytest.mark.rule("FAX-7")
def test_cover_sheet_without_a_recipient_is_refused():
    with pytest.raises(ValueError, match="name the recipient"):
        render_cover_sheet(sheet(recipient_name="  "))


def test_a_long_recipient_name_wraps_and_the_statement_still_reads_whole():
    long_name = "Designated Safeguarding Lead " * 6
    text = read_text(render_cover_sheet(sheet(recipient_name=long_name.strip())))
    assert STATEMENT in " ".join(text.split())
    assert re.search(r"Number of pages \(including this one\): 4", text)


def test_test_sheet_is_labelled():
    assert read_text(render_cover_sheet(sheet(is_test=True))).startswith("TEST FAX")
