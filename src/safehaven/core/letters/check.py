"""The read-back check: proves from the PDF itself what the envelope window will show.

It reads the generated PDF with pypdfium2 (words with their boxes), finds each record's pieces
by their job marks, and, with the fold applied (``EnvelopeProfile.safe_area`` and
``exposure_area`` are the window carried back onto the unfolded A4 sheet):

(a) every line of the expected address is on page 1 of the letter, wholly inside the window
    shrunk by the insert's movement, in order, post town in capitals, postcode alone on the last
    line (POST-3, LET-3);
(b) nothing else on page 1 reaches into the window grown by that movement (POST-3);
(c) the address printed on the envelope and on the label equals the letter's (LET-3); the
    envelope carries the return-unopened notice on the front and the return address on the
    back (POST-2).
"""

from __future__ import annotations

import ctypes
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from safehaven.core.findings import Finding, Severity, worst
from safehaven.core.letters.address import AddressError, format_address
from safehaven.core.letters.model import (
    AddressBlock,
    EnvelopeProfile,
    LabelSheet,
    Recipient,
    Rect,
    Sender,
    load_label_sheets,
)
from safehaven.core.letters.render import BACK_NOTICE, FRONT_NOTICE, MARK_RE, MARK_SIZE_PT
from safehaven.core.letters.typeface import box_for_font

MM_PER_PT = 25.4 / 72
# Words further apart than this on one line are separate pieces of text (a space is ~1 mm).
_GAP_MM = 2.5
# mm: rounding in the PDF's coordinates, and glyph overhang past the pen position (Helvetica's
# "j" reaches 0.02 em left of it, 0.07 mm at 11 pt), which the layout does not model.
_TOL = 0.1


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of words on one line of a page, with its box in mm from the page's top-left."""

    text: str
    rect: Rect
    size: float


@dataclass(frozen=True, slots=True)
class PageText:
    segments: tuple[Segment, ...]
    images: tuple[Rect, ...]
    marks: tuple[tuple[str, int, str, Rect], ...]  # (job, item, piece, rect)


@dataclass(frozen=True, slots=True)
class WindowCheck:
    """The result for one record: ``ok`` when no finding would stop the post going out."""

    ok: bool
    findings: tuple[Finding, ...]
    job_id: str | None = None
    item: int | None = None
    window_lines: tuple[str, ...] = field(default=())

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "job_id": self.job_id,
            "item": self.item,
            "findings": [f.as_dict() for f in self.findings],
        }


@dataclass
class _Pieces:
    letter: list[PageText] = field(default_factory=list)
    front: PageText | None = None
    back: PageText | None = None
    labels: list[tuple[PageText, Rect]] = field(default_factory=list)


def _segments(words: list[dict[str, Any]]) -> list[Segment]:
    rows: dict[tuple[float, float], list[dict[str, Any]]] = defaultdict(list)
    for w in words:
        rows[(round(w["top"], 1), round(w["size"], 1))].append(w)
    out: list[Segment] = []
    for (_top, size), row in sorted(rows.items()):
        row.sort(key=lambda w: w["x0"])
        run = [row[0]]
        for w in row[1:]:
            if (w["x0"] - run[-1]["x1"]) * MM_PER_PT > _GAP_MM:
                out.append(_segment(run, size))
                run = [w]
            else:
                run.append(w)
        out.append(_segment(run, size))
    return out


def _segment(run: list[dict[str, Any]], size: float) -> Segment:
    rect = Rect(
        min(w["x0"] for w in run) * MM_PER_PT,
        min(w["top"] for w in run) * MM_PER_PT,
        max(w["x1"] for w in run) * MM_PER_PT,
        max(w["bottom"] for w in run) * MM_PER_PT,
    )
    return Segment(" ".join(w["text"] for w in run), rect, size)


def _page_words(textpage: Any, page_height: float) -> list[dict[str, Any]]:
    """Words with boxes in pt from the top-left, as pdfplumber's ``extract_words`` shapes them.

    Across: pdfium's loose box, from the pen position (or the ink, if it reaches further left)
    of the first character to the advance of the last. Up and down: the typeface's ink box
    around the baseline (``typeface.box_for_font``), the same box the layout uses.
    """
    n = pdfium_c.FPDFText_CountChars(textpage)
    if n <= 0:
        return []
    buf = ctypes.create_string_buffer((n + 1) * 2)
    got = pdfium_c.FPDFText_GetText(
        textpage, 0, n, ctypes.cast(buf, ctypes.POINTER(ctypes.c_ushort))
    )
    text = buf.raw[: max(got - 1, 0) * 2].decode("utf-16-le", errors="replace")
    soft = [ch == "\ufffe" for ch in text]
    box = pdfium_c.FS_RECTF()
    ox, oy = ctypes.c_double(), ctypes.c_double()
    name = ctypes.create_string_buffer(256)
    flags = ctypes.c_int()
    boxes: dict[bytes, tuple[float, float]] = {}
    words: list[dict[str, Any]] = []

    def word(first: int, last: int) -> None:
        pdfium_c.FPDFText_GetLooseCharBox(textpage, first, ctypes.byref(box))
        x0 = box.left
        pdfium_c.FPDFText_GetLooseCharBox(textpage, last, ctypes.byref(box))
        x1 = box.right
        pdfium_c.FPDFText_GetCharOrigin(textpage, first, ctypes.byref(ox), ctypes.byref(oy))
        size = pdfium_c.FPDFText_GetFontSize(textpage, first)
        n_name = pdfium_c.FPDFText_GetFontInfo(textpage, first, name, 256, ctypes.byref(flags))
        key = name.raw[: max(n_name - 1, 0)]
        if key not in boxes:
            boxes[key] = box_for_font(key.decode("latin-1"))
        ascent, descent = boxes[key]
        baseline = page_height - oy.value
        words.append(
            {
                "text": text[first : last + 1],
                "x0": x0,
                "x1": x1,
                "top": baseline - ascent * size,
                "bottom": baseline + descent * size,
                "size": size,
            }
        )

    # pdfium reports a hyphen at the end of a line as U+FFFE and joins the next line on: put
    # the hyphen back and end the word there.
    text = text.replace("\ufffe", "-")
    start = -1
    for i, ch in enumerate(text):
        if ch.isspace():
            if start >= 0:
                word(start, i - 1)
                start = -1
            continue
        if start < 0:
            start = i
        if ch == "-" and soft[i]:
            word(start, i)
            start = -1
    if start >= 0:
        word(start, len(text) - 1)
    return words


def read_pages(pdf_bytes: bytes | Sequence[bytes]) -> list[PageText]:
    """Every page's text runs, images and job marks, in mm (read with pypdfium2).

    Several PDFs (a split print bundle) are read one after the other as one run of pages.
    """
    if not isinstance(pdf_bytes, bytes | bytearray):
        return [page for pdf in pdf_bytes for page in read_pages(pdf)]
    pages: list[PageText] = []
    doc = pdfium.PdfDocument(pdf_bytes)
    try:
        for index in range(len(doc)):
            page = doc[index]
            height = page.get_height()
            textpage = page.get_textpage()
            words = _page_words(textpage.raw, height)
            textpage.close()
            marks = []
            rest = []
            for w in words:
                m = MARK_RE.match(w["text"]) if abs(w["size"] - MARK_SIZE_PT) < 0.05 else None
                if m:
                    rect = Rect(
                        w["x0"] * MM_PER_PT,
                        w["top"] * MM_PER_PT,
                        w["x1"] * MM_PER_PT,
                        w["bottom"] * MM_PER_PT,
                    )
                    marks.append((m.group(1), int(m.group(2)), m.group(3), rect))
                else:
                    rest.append(w)
            images = []
            for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE]):
                left, bottom, right, top = obj.get_pos()
                images.append(
                    Rect(
                        left * MM_PER_PT,
                        (height - top) * MM_PER_PT,
                        right * MM_PER_PT,
                        (height - bottom) * MM_PER_PT,
                    )
                )
            page.close()
            pages.append(
                PageText(tuple(_segments(rest)) if rest else (), tuple(images), tuple(marks))
            )
    finally:
        doc.close()
    return pages


def _label_cell(mark: Rect, sheets: Sequence[LabelSheet]) -> tuple[LabelSheet, Rect] | None:
    """The label a job mark belongs to: the mark is right-aligned in its label's bottom inset."""
    cy = (mark.top + mark.bottom) / 2
    for sheet in sheets:
        for i in range(sheet.per_sheet):
            cell = sheet.label_rect(i)
            right = cell.x1 - sheet.inset_right
            if abs(mark.x1 - right) < 0.2 and cell.bottom - sheet.inset_bottom <= cy <= cell.bottom:
                return sheet, sheet.text_rect(i).grow(0.5, 0.5)
    return None


def _group(pages: list[PageText], sheet: LabelSheet | None) -> dict[tuple[str, int], _Pieces]:
    sheets = [sheet] if sheet is not None else list(load_label_sheets().values())
    items: dict[tuple[str, int], _Pieces] = defaultdict(_Pieces)
    for page in pages:
        for job, item, piece, rect in page.marks:
            pieces = items[(job, item)]
            if piece.startswith("letter"):
                pieces.letter.append(page)
            elif piece == "envfront":
                pieces.front = page
            elif piece == "envback":
                pieces.back = page
            else:
                found = _label_cell(rect, sheets)
                if found is not None:
                    pieces.labels.append((page, found[1]))
    return items


def _block(rule: str, message: str, **evidence: Any) -> Finding:
    return Finding(rule=rule, severity=Severity.BLOCK, message=message, evidence=evidence)


def _check_window_address(
    page: PageText, profile: EnvelopeProfile, expected: AddressBlock
) -> tuple[list[Finding], list[Segment]]:
    """(a) and (b) on page 1 of the letter; returns the findings and the matched lines."""
    findings: list[Finding] = []
    safe = profile.safe_area()
    exposure = profile.exposure_area()
    matched: list[Segment] = []
    last_top = -1.0
    n = len(expected.lines)
    for i, (fld, want) in enumerate(zip(expected.fields, expected.lines, strict=True)):
        # A segment stands for one address line only, so a repeated line must be printed twice.
        candidates = [
            s for s in page.segments if s.text.casefold() == want.casefold() and s not in matched
        ]
        if not candidates:
            contains = [s for s in page.segments if want.casefold() in s.text.casefold()]
            if fld == "postcode" and contains:
                findings.append(
                    _block(
                        "POST-3",
                        "the postcode is not alone on the last line of the address "
                        "(Royal Mail style)",
                        field=fld,
                    )
                )
            else:
                findings.append(
                    _block("POST-3", f"the {fld} is missing from the letter's address", field=fld)
                )
            continue
        # Prefer the copy inside the window and below the previous line.
        candidates.sort(
            key=lambda s: (
                not exposure.overlaps(s.rect),
                s.rect.top <= last_top,
                s.text != want,
                s.rect.top,
            )
        )
        seg = candidates[0]
        if fld == "post town" and seg.text != want:
            findings.append(
                _block("POST-3", "the post town is not in capitals (Royal Mail style)", field=fld)
            )
        elif seg.text != want:
            findings.append(
                _block("LET-3", f"the {fld} on the letter differs from the record", field=fld)
            )
        if not safe.contains(seg.rect, _TOL):
            findings.append(
                _block(
                    "POST-3",
                    f"the {fld} is not wholly inside the {profile.name} window, allowing "
                    f"{profile.clearance_x:g} mm across and {profile.clearance_y:g} mm up or down "
                    "for the letter moving in the envelope",
                    field=fld,
                    line=seg.rect.as_dict(),
                    safe_area=safe.as_dict(),
                )
            )
        if seg.rect.top <= last_top:
            findings.append(
                _block("POST-3", f"the {fld} is out of order in the address", field=fld)
            )
        last_top = max(last_top, seg.rect.top)
        matched.append(seg)
        if i == n - 1:
            below = [
                s
                for s in page.segments
                if s not in matched
                and exposure.overlaps(s.rect)
                and s.rect.top > seg.rect.top
                and abs(s.rect.x0 - seg.rect.x0) < 1.0
            ]
            if below:
                findings.append(
                    _block("POST-3", "the postcode is not the last line of the address", field=fld)
                )
    for seg in page.segments:
        if seg in matched or not exposure.overlaps(seg.rect):
            continue
        findings.append(
            _block(
                "POST-3",
                f"a line of {len(seg.text)} characters, {seg.rect.top:.1f} mm from the top of the "
                "letter, would show through the window besides the address: move it out of the "
                "window area",
                line=seg.rect.as_dict(),
                exposure_area=exposure.as_dict(),
            )
        )
    for img in page.images:
        if exposure.overlaps(img):
            findings.append(
                _block(
                    "POST-3",
                    "an image would show through the window: move it out of the window area",
                    image=img.as_dict(),
                )
            )
    return findings, matched


def _lines_in(page: PageText, area: Rect) -> list[str]:
    segs = [s for s in page.segments if area.overlaps(s.rect)]
    segs.sort(key=lambda s: (round(s.rect.top, 1), s.rect.x0))
    return [s.text for s in segs]


def _compare(piece: str, got: list[str], expected: AddressBlock) -> list[Finding]:
    if got == list(expected.lines):
        return []
    for i, (fld, want) in enumerate(zip(expected.fields, expected.lines, strict=True)):
        if i >= len(got):
            return [_block("LET-3", f"the {piece} address has no {fld}", piece=piece, field=fld)]
        if got[i] != want:
            return [
                _block(
                    "LET-3",
                    f"the {piece} address differs from the letter's window address at the {fld}",
                    piece=piece,
                    field=fld,
                )
            ]
    return [
        _block(
            "LET-3",
            f"the {piece} address has {len(got) - len(expected.lines)} extra line(s)",
            piece=piece,
        )
    ]


def _page_text(page: PageText) -> str:
    segs = sorted(page.segments, key=lambda s: (round(s.rect.top, 1), s.rect.x0))
    return "\n".join(s.text for s in segs)


def _check_envelope(
    pieces: _Pieces, profile: EnvelopeProfile, expected: AddressBlock, sender: Sender | None
) -> list[Finding]:
    findings: list[Finding] = []
    if pieces.front is None:
        findings.append(
            Finding(
                rule="LET-3",
                severity=Severity.INFO,
                message="no envelope in this PDF: only the letter's window was checked",
            )
        )
    else:
        if FRONT_NOTICE.casefold() not in _page_text(pieces.front).casefold():
            findings.append(
                _block(
                    "POST-2",
                    "the envelope front lacks the return-unopened notice",
                    piece="envelope",
                )
            )
        window = profile.window_on_envelope().grow(profile.clearance_x, profile.clearance_y)
        got = _lines_in(pieces.front, window)
        if got:  # an address printed on a plain envelope: it must be the letter's
            findings += _compare("envelope", got, expected)
    if pieces.front is not None:
        if pieces.back is None:
            findings.append(_block("POST-2", "the envelope has no back printed", piece="envelope"))
        else:
            back = _page_text(pieces.back)
            if BACK_NOTICE.casefold() not in back.casefold():
                findings.append(
                    _block("POST-2", "the envelope back lacks 'If undelivered please return to:'")
                )
            elif sender is not None:
                after = back.split(BACK_NOTICE, 1)[-1].splitlines()
                lines = [line for line in after if line.strip()][: len(sender.lines())]
                if lines != list(sender.lines()):
                    findings.append(
                        _block(
                            "POST-2", "the return address on the envelope back is not the sender's"
                        )
                    )
    for page, area in pieces.labels:
        findings += _compare("label", _lines_in(page, area), expected)
    return findings


def _verdict(findings: list[Finding]) -> bool:
    return worst(findings).rank < Severity.HOLD.rank


def _check_item(
    pieces: _Pieces,
    profile: EnvelopeProfile,
    recipient: Recipient,
    sender: Sender | None,
    job_id: str | None,
    item: int | None,
) -> WindowCheck:
    try:
        expected = format_address(recipient)
    except AddressError as exc:
        finding = _block("LET-3", f"the record's address cannot be printed: {exc}")
        return WindowCheck(False, (finding,), job_id, item)
    if not pieces.letter:
        finding = _block("LET-3", "the letter for this record is not in the PDF")
        return WindowCheck(False, (finding,), job_id, item)
    findings, matched = _check_window_address(pieces.letter[0], profile, expected)
    findings += _check_envelope(pieces, profile, expected, sender)
    return WindowCheck(
        _verdict(findings), tuple(findings), job_id, item, tuple(s.text for s in matched)
    )


def check_window(
    pdf_bytes: bytes | Sequence[bytes],
    profile: EnvelopeProfile,
    expected_recipient: Recipient,
    *,
    sender: Sender | None = None,
    sheet: LabelSheet | None = None,
) -> WindowCheck:
    """Checks the first record in the PDF (a one-letter job, or a letter without job marks)."""
    pages = read_pages(pdf_bytes)
    if not pages:
        return WindowCheck(False, (_block("LET-3", "the PDF has no pages"),))
    items = _group(pages, sheet)
    if not items:
        # A letter from elsewhere, without job marks: page 1 is the letter.
        return _check_item(
            _Pieces(letter=[pages[0]]), profile, expected_recipient, sender, None, None
        )
    job_id, item = min(items, key=lambda k: k[1])
    return _check_item(items[(job_id, item)], profile, expected_recipient, sender, job_id, item)


def check_job(
    pdf_bytes: bytes | Sequence[bytes],
    profile: EnvelopeProfile,
    recipients: Sequence[Recipient],
    *,
    sender: Sender | None = None,
    sheet: LabelSheet | None = None,
) -> list[WindowCheck]:
    """Checks every record of a print job; ``recipients[i]`` is the record of item i + 1."""
    items = _group(read_pages(pdf_bytes), sheet)
    jobs = {job for job, _ in items}
    results: list[WindowCheck] = []
    if len(jobs) > 1:
        finding = _block("LET-3", "the PDF mixes pieces from more than one print job")
        return [WindowCheck(False, (finding,))]
    job_id = next(iter(jobs), None)
    for n, recipient in enumerate(recipients, start=1):
        pieces = items.get((job_id, n), _Pieces()) if job_id else _Pieces()
        results.append(_check_item(pieces, profile, recipient, sender, job_id, n))
    extra = sorted(item for _, item in items if item > len(recipients))
    if extra:
        finding = _block("LET-3", f"the PDF holds {len(extra)} item(s) with no matching record")
        results.append(WindowCheck(False, (finding,), job_id))
    return results
