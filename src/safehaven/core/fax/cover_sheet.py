"""The fax cover sheet (FAX-7): recipient, sender, date, page count and, word for word, the
guidance's confidentiality statement. One A4 page, Helvetica (no font file to embed)."""

from __future__ import annotations

import datetime as dt
import io
from dataclasses import dataclass

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

# Copied from the guidance (section 4 b, Faxes). It must never be reworded: FAX-7 requires it
# word for word, and tests read it back from the PDF.
STATEMENT = (
    "The information contained in this fax is STRICTLY PRIVATE AND CONFIDENTIAL and intended "
    "for the named recipient only. If you are not the named recipient you must not copy, "
    "distribute or disseminate this information, nor disclose its contents to any person. If "
    "you have received this fax in error, please notify the sender immediately. Thank you."
)

PAGE_W, PAGE_H = A4
MARGIN = 20 * mm
BODY = "Helvetica"
BOLD = "Helvetica-Bold"


@dataclass(frozen=True)
class CoverSheet:
    """What the cover sheet says. `total_pages` counts the cover sheet itself."""

    recipient_name: str
    recipient_fax: str
    sender_name: str
    sender_organisation: str
    sender_phone: str
    date: dt.date
    total_pages: int
    reference: str
    recipient_organisation: str = ""
    sender_fax: str = ""
    receipt_request: str = ""
    is_test: bool = False


def _wrap(text: str, font: str, size: float, width: float) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and stringWidth(candidate, font, size) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def render_cover_sheet(sheet: CoverSheet) -> bytes:
    """One-page PDF. Refuses a sheet without a recipient or a page count below one."""
    if not sheet.recipient_name.strip():
        raise ValueError("The cover sheet must name the recipient (FAX-7).")
    if sheet.total_pages < 1:
        raise ValueError("The page count includes the cover sheet, so it is at least 1.")
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, pageCompression=0)
    canvas.setTitle(f"Fax cover sheet {sheet.reference}")
    canvas.setAuthor(sheet.sender_organisation or "SafeHaven")
    width = PAGE_W - 2 * MARGIN
    y = PAGE_H - MARGIN - 24

    canvas.setFont(BOLD, 24)
    canvas.drawString(MARGIN, y, "TEST FAX" if sheet.is_test else "FAX")
    canvas.setFont(BODY, 10)
    canvas.drawRightString(PAGE_W - MARGIN, y, f"Reference: {sheet.reference}")
    y -= 14 * mm

    rows = [
        ("To:", sheet.recipient_name),
        ("Organisation:", sheet.recipient_organisation),
        ("Fax number:", sheet.recipient_fax),
        ("From:", sheet.sender_name),
        ("Sender organisation:", sheet.sender_organisation),
        ("Sender telephone:", sheet.sender_phone),
        ("Sender fax:", sheet.sender_fax),
        ("Date:", sheet.date.strftime("%d %B %Y")),
        ("Number of pages (including this one):", str(sheet.total_pages)),
    ]
    for label, value in rows:
        if not value:
            continue
        canvas.setFont(BOLD, 12)
        canvas.drawString(MARGIN, y, label)
        canvas.setFont(BODY, 12)
        label_w = stringWidth(label, BOLD, 12) + 4 * mm
        for i, line in enumerate(_wrap(value, BODY, 12, width - label_w)):
            canvas.drawString(MARGIN + label_w, y - i * 16, line)
            if i:
                y -= 16
        y -= 9 * mm

    if sheet.receipt_request:
        y -= 2 * mm
        canvas.setFont(BOLD, 12)
        for line in _wrap(sheet.receipt_request, BOLD, 12, width):
            canvas.drawString(MARGIN, y, line)
            y -= 16
        y -= 4 * mm

    # The statement in a ruled box, 11 pt, so it reads clearly after fax compression.
    lines = _wrap(STATEMENT, BOLD, 11, width - 8 * mm)
    box_h = len(lines) * 15 + 8 * mm
    y -= 4 * mm
    canvas.setLineWidth(1.5)
    canvas.rect(MARGIN, y - box_h + 11, width, box_h, stroke=1, fill=0)
    y -= 4 * mm
    canvas.setFont(BOLD, 11)
    for line in lines:
        canvas.drawString(MARGIN + 4 * mm, y, line)
        y -= 15
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
