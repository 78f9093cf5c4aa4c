"""Page counting, merging and reconciliation of pages received with pages declared (FAX-14)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safehaven.core.fax import (
    CoverSheet,
    declared_page_count,
    merge_pdfs,
    page_count,
    pdf_text_first_page,
    reconcile,
    render_cover_sheet,
)
from safehaven.core.fax.pages import NotAPdf


def blank_pages(n: int) -> bytes:
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(n):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def cover(total: int) -> bytes:
    return render_cover_sheet(
        CoverSheet(
            recipient_name="A Person", recipient_fax="0116 496 0999", sender_name="B",
            sender_organisation="C", sender_phone="0116 496 0001", date=dt.date(2026, 1, 2),
            total_pages=total, reference="R1",
        )
    )  # fmt: skip


def test_merge_counts_cover_and_document_pages():
    merged = merge_pdfs(cover(4), blank_pages(3))
    assert page_count(merged) == 4
    assert declared_page_count(pdf_text_first_page(merged)) == 4


def test_not_a_pdf_is_refused_plainly():
    with pytest.raises(NotAPdf, match="not a readable PDF"):
        page_count(b"hello, this is not a pdf")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Number of pages (including this one): 4", 4),
        ("Pages: 3", 3),
        ("5 pages including cover", 5),
        ("Page 1 of 6", 6),
        ("Nothing about a count here", None),
    ],
)
def test_declared_page_count_reads_common_cover_sheets(text, expected):
    assert declared_page_count(text) == expected


@pytest.mark.rule("FAX-14")
def test_a_missing_page_raises_an_alert():
    result = reconcile(declared=4, received=3)
    assert result.status == "missing"
    assert result.alert
    assert "1 page(s) missing" in result.message


@pytest.mark.rule("FAX-14")
def test_extra_pages_and_no_count_raise_alerts_too():
    assert reconcile(declared=2, received=3).status == "extra"
    assert reconcile(declared=None, received=3).alert


@given(st.integers(1, 500), st.integers(0, 500))
def test_reconcile_alerts_exactly_when_counts_differ(declared, received):
    assert reconcile(declared=declared, received=received).alert == (declared != received)
