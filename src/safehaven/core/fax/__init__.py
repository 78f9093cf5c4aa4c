"""Fax in plain Python: the cover sheet (FAX-7), page counting and reconciliation (FAX-14)."""

from safehaven.core.fax.cover_sheet import STATEMENT, CoverSheet, render_cover_sheet
from safehaven.core.fax.pages import (
    Reconciliation,
    declared_page_count,
    merge_pdfs,
    page_count,
    pdf_text_first_page,
    reconcile,
)

__all__ = [
    "STATEMENT",
    "CoverSheet",
    "Reconciliation",
    "declared_page_count",
    "merge_pdfs",
    "page_count",
    "pdf_text_first_page",
    "reconcile",
    "render_cover_sheet",
]
