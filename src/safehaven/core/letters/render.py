"""PDF pieces drawn at exact millimetre positions: letter, envelope front and back, labels.

One print job puts every piece for every record into one PDF: for each record its letter
pages, then its envelope front and back; then the label sheets. Each piece carries a small job
mark (``<job>-<item>-<piece>``) so the letter, envelope and label of one record can be matched by
eye and by the read-back check.
"""

from __future__ import annotations

import io
import re
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from safehaven.core.letters.address import (
    AddressError,
    AddressProblem,
    address_for_print,
    text_width_mm,
)
from safehaven.core.letters.model import (
    A4_HEIGHT_MM,
    A4_WIDTH_MM,
    AddressBlock,
    EnvelopeProfile,
    LabelSheet,
    LetterContent,
    LetterRecord,
    LettersError,
    Rect,
    Sender,
)
from safehaven.core.letters.typeface import HELVETICA, Typeface, typeface, typeface_for

FRONT_NOTICE = "If you are not the intended recipient please return unopened to sender"
BACK_NOTICE = "If undelivered please return to:"
PRIVATE = "PRIVATE AND CONFIDENTIAL"

MARK_SIZE_PT = 5.5
MARK_RE = re.compile(r"^([A-Z0-9]{4,12})-(\d{4,6})-(letter(\d+)of(\d+)|envfront|envback|label)$")

MARGIN_LEFT = 20.0
MARGIN_RIGHT = 20.0
BODY_TOP_CONTINUATION = 20.0
BODY_BOTTOM = 272.0
BODY_SIZE_PT = 11.0
BODY_LEADING_PT = 14.0
PARAGRAPH_GAP_MM = 3.0
SENDER_RIGHT = A4_WIDTH_MM - MARGIN_RIGHT
SENDER_TOP = 15.0
GAP_BELOW_WINDOW_MM = 6.0


def new_job_id() -> str:
    """A short random job identifier (no personal data), e.g. ``7QK2MD``."""
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(6))


def piece_mark(job_id: str, seq: int, piece: str) -> str:
    return f"{job_id}-{seq:04d}-{piece}"


def _indent(face: Typeface, size_pt: float) -> float:
    """Room (mm) left of the pen for ink that reaches past it, so the ink stays in the area."""
    return face.overhang_left * size_pt / (72 / 25.4)


def _first_top_baseline(top_mm: float, size_pt: float, face: Typeface) -> float:
    """Baseline (mm from the top) that puts a line's ink-box top edge at ``top_mm``."""
    return top_mm + size_pt * face.box_ascent / (72 / 25.4)


class _Page:
    """Draws on the canvas with millimetres measured from the page's top-left corner."""

    def __init__(self, canvas: Canvas, width_mm: float, height_mm: float, face: Typeface) -> None:
        self.c = canvas
        self.h = height_mm
        self.face = face
        self._font: tuple[str, float] | None = None
        canvas.setPageSize((width_mm * mm, height_mm * mm))

    def text(
        self,
        x: float,
        baseline: float,
        s: str,
        *,
        size: float,
        bold: bool = False,
        right: bool = False,
        centre: bool = False,
    ) -> None:
        font = self.face.bold if bold else self.face.regular
        if self._font != (font, size):
            self.c.setFont(font, size)
            self._font = (font, size)
        if centre:
            self.c.drawCentredString(x * mm, (self.h - baseline) * mm, s)
        elif right:
            self.c.drawRightString(x * mm, (self.h - baseline) * mm, s)
        else:
            self.c.drawString(x * mm, (self.h - baseline) * mm, s)

    def block(
        self, x: float, top: float, lines: Iterable[str], *, size: float, leading: float
    ) -> None:
        baseline = _first_top_baseline(top, size, self.face)
        step = leading / (72 / 25.4)
        for line in lines:
            self.text(x, baseline, line, size=size)
            baseline += step

    def tick(self, x0: float, y: float, x1: float) -> None:
        self.c.setLineWidth(0.3)
        self.c.line(x0 * mm, (self.h - y) * mm, x1 * mm, (self.h - y) * mm)

    def done(self) -> None:
        self.c.showPage()


def _wrap(text: str, width_mm: float, size_pt: float, font: str) -> list[str]:
    """Greedy word wrap; each word is measured once (Type 1 widths add up: no kerning)."""
    words = text.split()
    if not words:
        return [""]
    space = text_width_mm(" ", size_pt, font)
    lines: list[str] = []
    current: list[str] = []
    used = 0.0
    for word in words:
        w = text_width_mm(word, size_pt, font)
        if current and used + space + w > width_mm:
            lines.append(" ".join(current))
            current, used = [word], w
        else:
            used = used + space + w if current else w
            current.append(word)
    lines.append(" ".join(current))
    return lines


@dataclass(frozen=True, slots=True)
class LetterLayout:
    """Where the parts of page 1 go, in mm from the top-left of the A4 sheet.

    Built from the envelope profile by ``letter_layout``; a test may move a part with
    ``dataclasses.replace`` to prove that the read-back check catches it.
    """

    address_x: float
    address_top: float
    address_size_pt: float
    address_leading_pt: float
    private_baseline: float
    content_top: float
    fold_lines: tuple[float, ...]
    subject_top: float | None = None  # None: the subject follows the reference and date


def letter_layout(profile: EnvelopeProfile, face: Typeface = HELVETICA) -> LetterLayout:
    safe = profile.safe_area()
    exposure = profile.exposure_area()
    # "Private and confidential" sits just above what the window can ever show.
    private_baseline = exposure.top - 2.0 - face.box_descent * BODY_SIZE_PT / (72 / 25.4)
    folds = (
        (profile.panel_height, 2 * profile.panel_height)
        if profile.fold == "thirds"
        else (profile.panel_height,)
    )
    return LetterLayout(
        address_x=safe.x0 + _indent(face, profile.font_size_pt),
        address_top=safe.top,
        address_size_pt=profile.font_size_pt,
        address_leading_pt=profile.leading_pt,
        private_baseline=private_baseline,
        content_top=exposure.bottom + GAP_BELOW_WINDOW_MM,
        fold_lines=folds,
    )


def _check_sender(sender: Sender, profile: EnvelopeProfile, face: Typeface) -> None:
    for i, line in enumerate(sender.lines()):
        if not face.can_print(line):
            raise LettersError(
                f"sender line {i + 1} contains a character no letter typeface can print"
            )
    block = _sender_rect(sender, face)
    if block.x0 < MARGIN_LEFT:
        raise LettersError(
            "a line of the sender's address is too wide for the letter head; shorten it"
        )
    layout = letter_layout(profile, face)
    size_mm = BODY_SIZE_PT / (72 / 25.4)
    private = Rect(
        layout.address_x,
        layout.private_baseline - face.box_ascent * size_mm,
        layout.address_x + text_width_mm(PRIVATE, BODY_SIZE_PT, face.bold) + 2,
        layout.private_baseline + face.box_descent * size_mm,
    )
    if (
        block.overlaps(profile.exposure_area())
        or block.overlaps(private)
        or block.bottom > layout.content_top - 2
    ):
        raise LettersError(
            "the sender's address block is too long: it would reach the window or the letter's "
            "text; use fewer or shorter lines for the school's address"
        )


def _sender_rect(sender: Sender, face: Typeface) -> Rect:
    lines = sender.lines()
    width = max(
        text_width_mm(line, 10, face.bold if i == 0 else face.regular)
        for i, line in enumerate(lines)
    )
    height = ((len(lines) - 1) * 12 + (face.box_ascent + face.box_descent) * 10) / (72 / 25.4)
    return Rect(SENDER_RIGHT - width, SENDER_TOP, SENDER_RIGHT, SENDER_TOP + height)


class JobWriter:
    """Builds one print-job PDF piece by piece.

    ``print_job`` is the way to use it: it takes every piece of a record from that one record.
    The lower-level ``add_*`` methods exist so that tests and tools can draw deliberately wrong
    pieces and show that the read-back check refuses them.
    """

    def __init__(
        self,
        profile: EnvelopeProfile,
        sender: Sender,
        *,
        job_id: str | None = None,
        split: bool = False,
    ):
        self.profile = profile
        self.sender = sender
        self.job_id = job_id or new_job_id()
        if not re.fullmatch(r"[A-Z0-9]{4,12}", self.job_id):
            raise LettersError("a job ID is 4 to 12 capital letters or digits")
        # The sender must print, and fit, in Helvetica or in DejaVu Sans (for a name like
        # "Ysgol Bro Ŵy"); each record's typeface is checked again when its letter is drawn.
        sender_face = typeface_for(sender.lines())
        if sender_face is None:
            raise LettersError("the sender's address contains a character no typeface can print")
        _check_sender(sender, profile, sender_face)
        self._sender_checked = {sender_face.key}
        # One canvas for the whole job, or (split) one per kind of piece, for printers that
        # cannot change paper within a job.
        self._split = split
        self._canvases: dict[str, tuple[io.BytesIO, Canvas]] = {}
        self._labels: list[tuple[int, AddressBlock]] = []

    def _canvas(self, kind: str) -> Canvas:
        key = kind if self._split else "job"
        if key not in self._canvases:
            buf = io.BytesIO()
            c = Canvas(buf, pageCompression=0, invariant=1)
            c.setTitle(f"SafeHaven print job {self.job_id}" + (f" ({kind})" if self._split else ""))
            c.setCreator("SafeHaven")
            self._canvases[key] = (buf, c)
        return self._canvases[key][1]

    # -- letter -----------------------------------------------------------------------------

    def add_letter(
        self,
        seq: int,
        block: AddressBlock,
        content: LetterContent,
        layout: LetterLayout | None = None,
    ) -> None:
        face = typeface(block.typeface)
        if face.key not in self._sender_checked:
            _check_sender(self.sender, self.profile, face)
            self._sender_checked.add(face.key)
        layout = layout or letter_layout(self.profile, face)
        pages = self._letter_pages(content, layout, face)
        n = len(pages)
        for i, items in enumerate(pages, start=1):
            page = _Page(self._canvas("letters"), A4_WIDTH_MM, A4_HEIGHT_MM, face)
            if i == 1:
                self._letter_head(page, block, content, layout)
            for x, baseline, text, size, bold, right in items:
                page.text(x, baseline, text, size=size, bold=bold, right=right)
            if n > 1:
                page.text(A4_WIDTH_MM / 2, 287, f"Page {i} of {n}", size=9, centre=True)
            page.text(
                MARGIN_LEFT,
                290,
                piece_mark(self.job_id, seq, f"letter{i}of{n}"),
                size=MARK_SIZE_PT,
            )
            page.done()

    def _letter_head(
        self, page: _Page, block: AddressBlock, content: LetterContent, layout: LetterLayout
    ) -> None:
        lines = self.sender.lines()
        baseline = _first_top_baseline(SENDER_TOP, 10, page.face)
        for j, line in enumerate(lines):
            page.text(SENDER_RIGHT, baseline, line, size=10, bold=j == 0, right=True)
            baseline += 12 / (72 / 25.4)
        if content.private_and_confidential:
            page.text(
                layout.address_x,
                layout.private_baseline,
                PRIVATE,
                size=BODY_SIZE_PT,
                bold=True,
            )
        page.block(
            layout.address_x,
            layout.address_top,
            block.lines,
            size=layout.address_size_pt,
            leading=layout.address_leading_pt,
        )
        for y in layout.fold_lines:
            page.tick(0, y, 5)

    def _letter_pages(
        self, content: LetterContent, layout: LetterLayout, face: Typeface
    ) -> list[list[tuple[float, float, str, float, bool, bool]]]:
        step = BODY_LEADING_PT / (72 / 25.4)
        width = A4_WIDTH_MM - MARGIN_LEFT - MARGIN_RIGHT
        pages: list[list[tuple[float, float, str, float, bool, bool]]] = [[]]
        baseline = _first_top_baseline(layout.content_top, BODY_SIZE_PT, face)

        def put(
            text: str, bold: bool = False, *, x: float = MARGIN_LEFT, right: bool = False
        ) -> None:
            nonlocal baseline
            if baseline > BODY_BOTTOM:
                pages.append([])
                baseline = _first_top_baseline(BODY_TOP_CONTINUATION, BODY_SIZE_PT, face)
            pages[-1].append((x, baseline, text, BODY_SIZE_PT, bold, right))

        checks = [("the reference", content.reference), ("the date", content.date_text())]
        checks += [("the subject", content.subject or ""), ("the salutation", content.salutation)]
        checks += [(f"paragraph {k}", para) for k, para in enumerate(content.body, start=1)]
        checks += [("the sign-off", line) for line in content.sign_off]
        for what, text in checks:
            if not face.can_print(text):
                raise LettersError(
                    f"{what} of the letter contains a character no letter typeface can print"
                )
        put(f"Our ref: {content.reference}")
        put(content.date_text(), x=SENDER_RIGHT, right=True)
        baseline += step + PARAGRAPH_GAP_MM
        if content.subject:
            if layout.subject_top is not None:
                pages[-1].append(
                    (
                        MARGIN_LEFT,
                        _first_top_baseline(layout.subject_top, BODY_SIZE_PT, face),
                        content.subject,
                        BODY_SIZE_PT,
                        True,
                        False,
                    )
                )
            else:
                for line in _wrap(content.subject, width, BODY_SIZE_PT, face.bold):
                    put(line, bold=True)
                    baseline += step
                baseline += PARAGRAPH_GAP_MM
        paragraphs = [content.salutation, *content.body]
        for para in paragraphs:
            for line in _wrap(para, width, BODY_SIZE_PT, face.regular):
                put(line)
                baseline += step
            baseline += PARAGRAPH_GAP_MM
        for line in content.sign_off:
            if line:
                put(line)
            baseline += step
        return pages

    # -- envelope ---------------------------------------------------------------------------

    def add_envelope(
        self, seq: int, block: AddressBlock | None, *, face: Typeface | None = None
    ) -> None:
        """Front (return-unopened notice; the address unless the stock has a window), and back.

        ``face`` defaults to the address block's typeface, else the sender's.
        """
        p = self.profile
        if face is None:
            face = typeface(block.typeface) if block else typeface_for(self.sender.lines())
        assert face is not None  # the sender was checked printable when the writer was made
        front = _Page(self._canvas("envelopes"), p.envelope_width, p.envelope_height, face)
        front.text(10, _first_top_baseline(8, 9, face), FRONT_NOTICE, size=9, bold=True)
        if block is not None:
            area = p.window_on_envelope().grow(-p.clearance_x, -p.clearance_y)
            front.block(
                area.x0 + _indent(face, p.font_size_pt),
                area.top,
                block.lines,
                size=p.font_size_pt,
                leading=p.leading_pt,
            )
        front.text(
            p.envelope_width - 8,
            p.envelope_height - 7,
            piece_mark(self.job_id, seq, "envfront"),
            size=MARK_SIZE_PT,
            right=True,
        )
        front.done()
        back = _Page(self._canvas("envelopes"), p.envelope_width, p.envelope_height, face)
        top = p.envelope_height * 0.55
        back.text(20, _first_top_baseline(top, 10, face), BACK_NOTICE, size=10, bold=True)
        back.block(20, top + 6, self.sender.lines(), size=10, leading=12)
        back.text(
            p.envelope_width - 8,
            p.envelope_height - 7,
            piece_mark(self.job_id, seq, "envback"),
            size=MARK_SIZE_PT,
            right=True,
        )
        back.done()

    # -- labels -----------------------------------------------------------------------------

    def add_label(self, seq: int, block: AddressBlock) -> None:
        self._labels.append((seq, block))

    def _draw_labels(self, sheet: LabelSheet, start_at: int) -> None:
        slots = start_at
        page: _Page | None = None
        for seq, block in self._labels:
            index = slots % sheet.per_sheet
            if page is None or index == 0:
                if page is not None:
                    page.done()
                page = _Page(self._canvas("labels"), A4_WIDTH_MM, A4_HEIGHT_MM, HELVETICA)
            # Each label in its record's typeface.
            page.face = typeface(block.typeface)
            text = sheet.text_rect(index)
            page.block(
                text.x0 + _indent(page.face, sheet.font_size_pt),
                text.top,
                block.lines,
                size=sheet.font_size_pt,
                leading=sheet.leading_pt,
            )
            cell = sheet.label_rect(index)
            page.text(
                cell.x1 - sheet.inset_right,
                cell.bottom - 1.8,
                piece_mark(self.job_id, seq, "label"),
                size=MARK_SIZE_PT,
                right=True,
            )
            slots += 1
        if page is not None:
            page.done()

    def _finish_all(self, sheet: LabelSheet | None, label_start: int) -> dict[str, bytes]:
        if self._labels:
            if sheet is None:
                raise LettersError("labels were added but no label sheet was chosen")
            self._draw_labels(sheet, label_start)
        out = {}
        for key, (buf, c) in self._canvases.items():
            c.save()
            out[key] = buf.getvalue()
        return out

    def finish(self, sheet: LabelSheet | None = None, *, label_start: int = 0) -> bytes:
        """The job as one PDF (a writer made with ``split=False``)."""
        if self._split:
            raise LettersError("this job was split: use finish_split()")
        pdfs = self._finish_all(sheet, label_start)
        if not pdfs:
            raise LettersError("the print job has nothing in it")
        return pdfs["job"]

    def finish_split(
        self, sheet: LabelSheet | None = None, *, label_start: int = 0
    ) -> dict[str, bytes]:
        """The job as one PDF per kind of piece: "letters", "envelopes" and "labels"."""
        if not self._split:
            raise LettersError("this job was not split: use finish()")
        return self._finish_all(sheet, label_start)


def _prepared(
    records: Sequence[LetterRecord],
    profile: EnvelopeProfile,
    sender: Sender,
    sheet: LabelSheet | None,
    label_start: int,
) -> list[AddressBlock]:
    if not records:
        raise LettersError("the print job has no letters in it")
    if sheet is not None and not 0 <= label_start < sheet.per_sheet:
        raise LettersError(f"label_start must be between 0 and {sheet.per_sheet - 1}")
    blocks: list[AddressBlock] = []
    for seq, record in enumerate(records, start=1):
        try:
            also = [record.content.text(), record.content.reference, *sender.lines()]
            blocks.append(address_for_print(record.recipient, profile, sheet, also=also))
        except AddressError as exc:
            problems = [AddressProblem(f"item {seq}, {p.field}", p.message) for p in exc.problems]
            raise AddressError(problems) from None
    return blocks


def _draw(
    writer: JobWriter,
    records: Sequence[LetterRecord],
    blocks: list[AddressBlock],
    sheet: LabelSheet | None,
    envelope_address: bool,
) -> None:
    for seq, (record, block) in enumerate(zip(records, blocks, strict=True), start=1):
        writer.add_letter(seq, block, record.content)
        face = typeface(block.typeface)
        writer.add_envelope(seq, block if envelope_address else None, face=face)
        if sheet is not None:
            writer.add_label(seq, block)


def print_job(
    records: Sequence[LetterRecord],
    profile: EnvelopeProfile,
    *,
    sender: Sender,
    sheet: LabelSheet | None = None,
    job_id: str | None = None,
    envelope_address: bool = True,
    label_start: int = 0,
) -> bytes:
    """One PDF holding, for each record, its letter and envelope, then the label sheets (LET-3).

    Every piece's address comes from the same ``Recipient`` of the same record. Nothing is
    drawn unless every address fits: the first address that cannot fit raises AddressError
    naming the item and the line. ``envelope_address=False`` is for window-envelope stock,
    where the letter's address shows through the window and the front carries only the notice.
    """
    blocks = _prepared(records, profile, sender, sheet, label_start)
    writer = JobWriter(profile, sender, job_id=job_id)
    _draw(writer, records, blocks, sheet, envelope_address)
    return writer.finish(sheet, label_start=label_start)


@dataclass(frozen=True, slots=True)
class PrintBundle:
    """A print job as one PDF per kind of paper, with a manifest that holds no personal data."""

    job_id: str
    letters: bytes
    envelopes: bytes
    labels: bytes | None
    manifest: dict[str, Any]

    def pdfs(self) -> list[bytes]:
        return [p for p in (self.letters, self.envelopes, self.labels) if p is not None]


def print_bundle(
    records: Sequence[LetterRecord],
    profile: EnvelopeProfile,
    *,
    sender: Sender,
    sheet: LabelSheet | None = None,
    job_id: str | None = None,
    envelope_address: bool = True,
    label_start: int = 0,
) -> PrintBundle:
    """The same job as ``print_job``, split into letters, envelopes and labels PDFs.

    For printers that cannot change paper within a job. The job marks still tie each record's
    pieces together, and ``check_job`` accepts the list of PDFs (``bundle.pdfs()``).
    """
    blocks = _prepared(records, profile, sender, sheet, label_start)
    writer = JobWriter(profile, sender, job_id=job_id, split=True)
    _draw(writer, records, blocks, sheet, envelope_address)
    pdfs = writer.finish_split(sheet, label_start=label_start)
    items = []
    for seq, block in enumerate(blocks, start=1):
        item: dict[str, Any] = {"item": seq, "address_lines": len(block.lines)}
        if sheet is not None:
            slot = label_start + seq - 1
            item["label"] = {
                "sheet": slot // sheet.per_sheet + 1,
                "position": slot % sheet.per_sheet + 1,
            }
        items.append(item)
    manifest = {
        "job_id": writer.job_id,
        "envelope_profile": profile.name,
        "label_sheet": sheet.name if sheet else None,
        "envelope_address_printed": envelope_address,
        "items": items,
        "files": {k: f"{writer.job_id}-{k}.pdf" for k in pdfs},
    }
    return PrintBundle(
        job_id=writer.job_id,
        letters=pdfs["letters"],
        envelopes=pdfs["envelopes"],
        labels=pdfs.get("labels"),
        manifest=manifest,
    )
