"""Text out of files for scanning: plain text, email (.eml), PDF, DOCX, XLSX, PPTX and HTML.

``extract_text(path)`` returns the whole text with its parts and notes; ``iter_text_chunks``
yields overlapping chunks so a large plain-text file is scanned in bounded memory;
``extract_message_bytes`` reads a MIME message (the mail gateway's entry point). Anything that
cannot be read raises ``ExtractionError`` whose ``reason`` is one plain-English line.
"""

from __future__ import annotations

import codecs
import io
import os
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from email.parser import BytesParser
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
DEFAULT_CHUNK_CHARS = 1_000_000
DEFAULT_OVERLAP = 400
DEFAULT_MAX_DEPTH = 5  # nested messages and attachments inside attachments
# DOCX, XLSX and PPTX are ZIPs of XML; these caps stop a small file from expanding into
# gigabytes. Word and Excel parts are parsed as a stream (a 34 MB document.xml peaks at 98 MB
# RSS, most of it the text itself; parsed whole it took 189 MB), and one part is capped at
# 40 MB so that the text of a single part stays well inside the scanner's memory budget.
DOCX_MAX_UNCOMPRESSED = 100 * 1024 * 1024
DOCX_MAX_XML_PART = 40 * 1024 * 1024
DOCX_MAX_RATIO = 200
DOCX_MAX_ENTRIES = 5000

_SNIFF_BYTES = 8192
# What reading a damaged ZIP entry can raise: bad headers, bad deflate data, an unknown
# compression method, an encrypted entry, a short read.
_ZIP_READ_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    NotImplementedError,
    RuntimeError,
    EOFError,
    OSError,
    ValueError,
    struct.error,
)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")
# Control characters that do not occur in text (tab, newline, CR, form feed, ESC excluded).
_CONTROL = bytes(c for c in range(32) if c not in (8, 9, 10, 12, 13, 27))
_HEADER_LINE = re.compile(rb"[A-Za-z][A-Za-z0-9-]{0,76}:[ \t]")
_MAIL_HEADERS = (
    b"from:",
    b"to:",
    b"subject:",
    b"received:",
    b"return-path:",
    b"message-id:",
    b"mime-version:",
    b"delivered-to:",
    b"date:",
)
_TEXT_SUFFIXES = {".txt", ".csv", ".tsv", ".log", ".md", ".json", ".xml", ".ics", ".vcf", ""}


class ExtractionError(Exception):
    """A file whose text cannot be read. ``str()`` is ``"<path>: <reason>"``, one line."""

    def __init__(self, path: str | os.PathLike[str], reason: str) -> None:
        self.path = str(path)
        self.reason = reason
        # A file name may hold a line break; the message must stay on one line.
        shown = self.path.replace("\r", "\\r").replace("\n", "\\n")
        super().__init__(f"{shown}: {reason}")


@dataclass(frozen=True, slots=True)
class Part:
    """One readable piece of a file: the body, a header block, an attachment, a DOCX header.

    ``start`` is where this part's text begins in ``Extracted.text``.
    """

    name: str
    kind: str  # "text", "html", "pdf", "docx", "email-headers", "email-body"
    text: str
    start: int = 0


@dataclass(frozen=True, slots=True)
class Extracted:
    text: str
    parts: list[Part] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class TextChunk:
    """A slice of a file's text. ``start`` is its offset in the whole text; the first
    ``overlap`` characters repeat the end of the previous chunk (0 for the first chunk), so a
    match that straddles a boundary is seen whole. Keep a match from this chunk only if it
    ends after ``start + overlap`` (or the chunk is the first) to avoid counting it twice.
    ``notes`` (first chunk only) say how the file was read, e.g. an encoding fallback."""

    text: str
    start: int
    overlap: int
    notes: tuple[str, ...] = ()

    @property
    def end(self) -> int:
        return self.start + len(self.text)


def _mb(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.3g} MB"
    if n >= 1024:
        return f"{n / 1024:.3g} KB"
    return f"{n} bytes"


def _too_big(path: str, max_bytes: int) -> ExtractionError:
    return ExtractionError(path, f"file larger than {_mb(max_bytes)} limit: raise --max-size")


# --- plain text -------------------------------------------------------------------------------


def _looks_utf16(sample: bytes) -> str | None:
    """'utf-16-le' or 'utf-16-be' when a BOM-less sample looks like UTF-16 text."""
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _is_binary(sample: bytes) -> bool:
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL))
    return controls > 0.1 * len(sample)


_CONTROL_CHARS = re.compile("[" + re.escape(_CONTROL.decode("ascii")) + "]")


def _controls_in(text: str) -> bool:
    return len(_CONTROL_CHARS.findall(text)) > 0.1 * max(1, len(text))


def _choose_encoding(sample: bytes, path: str) -> tuple[str, int, list[str]]:
    """(codec, bytes of BOM to skip, notes) for a plain-text sample; raises on binary."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8", 3, []
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        codec = "utf-16-le" if sample.startswith(codecs.BOM_UTF16_LE) else "utf-16-be"
        if _controls_in(sample[2 : len(sample) // 2 * 2].decode(codec, errors="replace")):
            raise ExtractionError(path, "not a text file (binary content)")
        return codec, 2, []
    guess = _looks_utf16(sample)
    if guess:
        if _controls_in(sample[: len(sample) // 2 * 2].decode(guess, errors="replace")):
            raise ExtractionError(path, "not a text file (binary content)")
        return guess, 0, [f"no byte-order mark: read as {guess.upper()}"]
    if _is_binary(sample):
        raise ExtractionError(path, "not a text file (binary content)")
    return "utf-8", 0, []


def _decode_text(data: bytes, path: str) -> tuple[str, list[str]]:
    codec, skip, notes = _choose_encoding(data[:_SNIFF_BYTES], path)
    body = data[skip:]
    try:
        return body.decode(codec), notes
    except UnicodeDecodeError:
        if codec != "utf-8":
            return body.decode(codec, errors="replace"), [
                *notes,
                f"some bytes are not valid {codec.upper()}: replaced with \ufffd",
            ]
    return body.decode("cp1252", errors="replace"), [
        *notes,
        "not valid UTF-8: read as Windows-1252 (cp1252)",
    ]


def _utf8_valid_stream(fh: io.BufferedReader, block: int, path: str) -> bool:
    """True when the rest of the file is valid UTF-8; raises on a NUL byte (binary content),
    so a binary tail is refused before any chunk is handed out."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    valid = True
    while data := fh.read(block):
        if b"\x00" in data:
            raise ExtractionError(path, "not a text file (binary content)")
        if valid:
            try:
                decoder.decode(data)
            except UnicodeDecodeError:
                valid = False
    if valid:
        try:
            decoder.decode(b"", final=True)
        except UnicodeDecodeError:
            valid = False
    return valid


def _iter_plain_chunks(
    path: str, chunk_chars: int, overlap: int, max_stream_bytes: int | None
) -> Iterator[TextChunk]:
    size = os.path.getsize(path)
    if max_stream_bytes is not None and size > max_stream_bytes:
        raise _too_big(path, max_stream_bytes)
    block = max(64 * 1024, chunk_chars)  # bytes read per step; UTF-8 is up to 4 per char
    with open(path, "rb") as fh:
        sample = fh.read(_SNIFF_BYTES)
        if not sample:
            yield TextChunk("", 0, 0, ("empty file: nothing to scan",))
            return
        codec, skip, notes = _choose_encoding(sample, path)
        errors = "strict"
        if codec == "utf-8":
            fh.seek(skip)
            if not _utf8_valid_stream(fh, block, path):
                codec, errors = "cp1252", "replace"
                notes = [*notes, "not valid UTF-8: read as Windows-1252 (cp1252)"]
        else:
            errors = "replace"
        fh.seek(skip)
        decoder = codecs.getincrementaldecoder(codec)(errors=errors)
        pending = ""
        emitted = 0  # offset of the first character of ``pending`` in the whole text
        tail = ""  # last ``overlap`` characters already emitted
        while True:
            data = fh.read(block)
            final = not data
            pending += decoder.decode(data, final=final)
            while len(pending) >= chunk_chars or (final and pending):
                piece, pending = pending[:chunk_chars], pending[chunk_chars:]
                yield TextChunk(
                    tail + piece,
                    emitted - len(tail),
                    len(tail),
                    tuple(notes) if not emitted else (),
                )
                emitted += len(piece)
                tail = piece[-overlap:] if overlap else ""
            if final:
                return


def iter_text_chunks(
    path: str | os.PathLike[str],
    *,
    chunk_chars: int = DEFAULT_CHUNK_CHARS,
    overlap: int = DEFAULT_OVERLAP,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_stream_bytes: int | None = None,
) -> Iterator[TextChunk]:
    """Yields a file's text in chunks of at most ``chunk_chars`` new characters, each
    preceded by the last ``overlap`` characters of the one before.

    Plain text is streamed (memory stays near ``chunk_chars`` whatever the file size, up to
    ``max_stream_bytes`` if given); other formats are extracted whole (within ``max_bytes``)
    and then sliced. An empty file yields one empty chunk whose note says so.
    """
    if overlap >= chunk_chars:
        raise ValueError("overlap must be smaller than chunk_chars")
    p = os.fspath(path)
    _check_readable(p)
    kind = _sniff_file(p)
    if kind == "text":
        yield from _iter_plain_chunks(p, chunk_chars, overlap, max_stream_bytes)
        return
    extracted = extract_text(p, max_bytes=max_bytes)
    text = extracted.text
    if not text:
        yield TextChunk("", 0, 0, tuple(extracted.notes))
        return
    emitted = 0
    while emitted < len(text):
        lead = min(overlap, emitted)
        piece = text[emitted - lead : emitted + chunk_chars]
        yield TextChunk(piece, emitted - lead, lead, () if emitted else tuple(extracted.notes))
        emitted += chunk_chars


# --- HTML -------------------------------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tr",
        "ul",
        "title",
    }
)  # fmt: skip
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head"})


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0
        self.in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in _SKIP_TAGS:
            self.skip += 1
        elif tag in ("td", "th"):
            self.out.append("\t")
        elif tag in _BLOCK_TAGS:
            self.out.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
            self.out.append("\n")
        elif tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK_TAGS:
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skip and not self.in_title:
            return
        self.out.append(data)


_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BLANK_LINES = re.compile(r"\n\s*\n+")


def html_to_text(html: str) -> str:
    """Visible text of an HTML document: script and style dropped, blocks on their own lines,
    runs of spaces collapsed, entities decoded."""
    parser = _HtmlText()
    parser.feed(html)
    parser.close()
    text = "".join(parser.out)
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


# --- PDF --------------------------------------------------------------------------------------


def _pdf_text(data: bytes, name: str) -> tuple[str, list[str]]:
    import pypdfium2 as pdfium  # imported here: start-up time matters to the CLI
    import pypdfium2.raw as pdfium_c

    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ExtractionError(
                name, "encrypted PDF: ask the owner for an unencrypted copy"
            ) from None
        raise ExtractionError(name, "corrupt PDF (cannot be opened)") from None
    notes: list[str] = []
    pages: list[str] = []
    unreadable: list[int] = []
    scanned: list[int] = []  # pages with images but no text: likely scans
    try:
        for index in range(len(pdf)):
            try:
                page = pdf[index]
            except pdfium.PdfiumError:
                unreadable.append(index + 1)
                pages.append("")
                continue
            textpage = page.get_textpage()
            try:
                text = textpage.get_text_range().replace("\r\n", "\n").replace("\r", "\n")
                if not text.strip() and any(
                    True
                    for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=2)
                ):
                    scanned.append(index + 1)
                pages.append(text)
            except pdfium.PdfiumError:
                unreadable.append(index + 1)
                pages.append("")
            finally:
                textpage.close()
                page.close()
    finally:
        pdf.close()
    if unreadable:
        notes.append(f"page(s) {_page_list(unreadable)} cannot be read: not checked")
    if scanned:
        notes.append(
            f"page(s) {_page_list(scanned)} of {len(pages)} are images without a text layer "
            "(scanned?): their content was not checked"
        )
    text = "\n\f\n".join(pages)
    if pages and not text.strip() and not scanned and not unreadable:
        notes.append(f"PDF of {len(pages)} page(s) has no text")
    return text, notes


def _page_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10])
    return shown + (f" and {len(numbers) - 10} more" if len(numbers) > 10 else "")


# --- DOCX -------------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_WORD_EVENTS = ("start", "end")
# Relationship types (last path segment) of the parts read after the main document, in order.
_DOCX_RELATED = ("header", "footer", "footnotes", "endnotes", "comments")


def _check_zip(data: bytes, name: str, *, what: str) -> None:
    """Refuses archives that would expand beyond the caps, before anything is decompressed."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
    except _ZIP_READ_ERRORS:
        raise ExtractionError(name, f"corrupt {what} (not a ZIP archive)") from None
    if len(infos) > DOCX_MAX_ENTRIES:
        raise ExtractionError(name, f"{what} has {len(infos)} parts: refused as a ZIP bomb")
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > DOCX_MAX_UNCOMPRESSED or total / packed > DOCX_MAX_RATIO:
        raise ExtractionError(
            name,
            f"{what} would expand to {_mb(total)} from {_mb(len(data))}: refused as a ZIP bomb",
        )
    for info in infos:
        if info.filename.endswith((".xml", ".rels")) and info.file_size > DOCX_MAX_XML_PART:
            raise ExtractionError(
                name,
                f"{what} part {info.filename} holds {_mb(info.file_size)} of XML, over the "
                f"{_mb(DOCX_MAX_XML_PART)} that can be read safely: split the file",
            )


def _iter_xml(
    zf: zipfile.ZipFile, member: str, name: str, what: str, events: tuple[str, ...]
) -> Iterator[tuple[str, Any]]:
    """Parse events of one ZIP member, streamed: memory follows what the caller keeps, not the
    size of the part. Entities and network access are off."""
    from lxml import etree

    try:
        fh = zf.open(member)
    except KeyError:
        raise ExtractionError(name, f"corrupt {what} ({member} is missing)") from None
    except _ZIP_READ_ERRORS:
        raise ExtractionError(name, f"corrupt {what} (damaged ZIP entry)") from None
    with fh:
        try:
            yield from etree.iterparse(
                fh, events=events, resolve_entities=False, no_network=True, huge_tree=False
            )
        except etree.XMLSyntaxError:
            raise ExtractionError(name, f"corrupt {what} (damaged XML)") from None
        except _ZIP_READ_ERRORS:
            raise ExtractionError(name, f"corrupt {what} (damaged ZIP entry)") from None


def _release(el: Any) -> None:
    """Frees a processed element and the processed siblings before it."""
    el.clear(keep_tail=True)
    parent = el.getparent()
    if parent is not None:
        while el.getprevious() is not None:
            del parent[0]


def _wordml_text(events: Iterator[tuple[str, Any]]) -> str:
    """Text of a WordprocessingML part in document order, including text boxes, tables and
    tracked deletions (deleted text is still in the file), one paragraph per line."""
    out: list[str] = []
    skip_depth = 0
    for event, el in events:
        tag = el.tag
        if tag == _MC_FALLBACK:  # duplicate of the mc:Choice content, for old readers
            skip_depth += 1 if event == "start" else -1
            continue
        if event == "start" or skip_depth:
            continue
        if tag in (f"{_W}t", f"{_W}delText"):
            if el.text:
                out.append(el.text)
        elif tag == f"{_W}tab":
            out.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            out.append("\n")
        elif tag == f"{_W}p":
            out.append("\n")
            _release(el)
        elif tag == f"{_W}tc":  # cells of a row on one line, separated by tabs
            if out and out[-1] == "\n":
                out[-1] = "\t"
            else:
                out.append("\t")
        elif tag == f"{_W}tr":
            if out and out[-1] == "\t":
                out[-1] = "\n"
            _release(el)
    return "".join(out)


def _parse_xml(blob: bytes, name: str, what: str = "DOCX") -> Any:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(blob, parser)  # noqa: S320 - entities and network are off
    except etree.XMLSyntaxError:
        raise ExtractionError(name, f"corrupt {what} (damaged XML)") from None


def _rels(
    zf: zipfile.ZipFile, members: set[str], part: str, name: str, what: str
) -> list[tuple[str, str]]:
    """(type, member) of a part's internal relationships, targets resolved to ZIP members."""
    folder, _, base = part.rpartition("/")
    rels_member = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
    if rels_member not in members:
        return []
    found = []
    for rel in _zip_xml(zf, rels_member, name, what).iter(f"{_REL}Relationship"):
        if rel.get("TargetMode") == "External":
            continue
        target = rel.get("Target", "")
        if target.startswith("/"):
            member = target.lstrip("/")
        else:
            member = posixpath.normpath(posixpath.join(folder, target))
        found.append((rel.get("Type", "").rsplit("/", 1)[-1], member))
    return found


def _docx_parts(data: bytes, name: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The main document, then headers, footers, footnotes, endnotes and comments, found
    through the package relationships and read straight from the ZIP with lxml (16 times
    faster than opening the file with python-docx, which also parses styles and themes)."""
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_PACKAGE in data:
            raise ExtractionError(
                name, "encrypted DOCX (password-protected): ask the owner for an unprotected copy"
            )
        raise ExtractionError(name, "old Word format (.doc), not DOCX: save it as .docx first")
    with _open_ooxml(data, name, "DOCX", "Word (.doc)") as zf:
        members = set(zf.namelist())
        main = next(
            (m for kind, m in _rels(zf, members, "", name, "DOCX") if kind == "officeDocument"),
            "word/document.xml",
        )
        if main not in members:
            raise ExtractionError(name, "corrupt DOCX (not a Word document inside)")
        related: dict[str, list[str]] = {}
        for kind, member in _rels(zf, members, main, name, "DOCX"):
            if member in members:
                related.setdefault(kind, []).append(member)
        parts: list[tuple[str, str]] = []
        seen: set[str] = set()
        text = _wordml_text(_iter_xml(zf, main, name, "DOCX", _WORD_EVENTS)).strip("\n")
        if text.strip():
            parts.append(("document", text))
        for kind in _DOCX_RELATED:
            for member in _by_number(sorted(set(related.get(kind, [])))):
                events = _iter_xml(zf, member, name, "DOCX", _WORD_EVENTS)
                text = _wordml_text(events).strip("\n")
                # The same header or footer is often repeated by every section: keep it once.
                if text.strip() and text not in seen:
                    seen.add(text)
                    parts.append((member.rsplit("/", 1)[-1], text))
    return parts, []


# --- XLSX and PPTX ---------------------------------------------------------------------------

_S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_NUMBERED = re.compile(r"(\d+)\.xml$")


def _ole_refusal(data: bytes, name: str, what: str, old: str) -> ExtractionError:
    if _ENCRYPTED_PACKAGE in data:
        return ExtractionError(
            name,
            f"encrypted {what} (password-protected): ask the owner for an unprotected copy",
        )
    return ExtractionError(name, f"old {old} format, not {what}: save it as .{what.lower()} first")


def _open_ooxml(data: bytes, name: str, what: str, old: str) -> zipfile.ZipFile:
    if data.startswith(_OLE_MAGIC):
        raise _ole_refusal(data, name, what, old)
    _check_zip(data, name, what=what)
    return zipfile.ZipFile(io.BytesIO(data))


def _zip_xml(zf: zipfile.ZipFile, member: str, name: str, what: str) -> Any:
    try:
        blob = zf.read(member)
    except KeyError:
        raise ExtractionError(name, f"corrupt {what} ({member} is missing)") from None
    except _ZIP_READ_ERRORS:
        raise ExtractionError(name, f"corrupt {what} (damaged ZIP entry)") from None
    return _parse_xml(blob, name, what)


def _by_number(names: list[str]) -> list[str]:
    return sorted(names, key=lambda n: int(m.group(1)) if (m := _NUMBERED.search(n)) else 0)


def _xlsx_cell(cell: Any, shared: list[str]) -> str:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        return "".join(t.text or "" for t in cell.iter(f"{_S}t"))
    value = cell.find(f"{_S}v")
    if value is None or value.text is None:
        return ""
    if kind == "s":
        index = int(value.text) if value.text.isdigit() else -1
        return shared[index] if 0 <= index < len(shared) else ""
    return value.text


def _xlsx_parts(data: bytes, name: str) -> list[tuple[str, str]]:
    """One part per worksheet, a row per line, cells separated by tabs. Numbers are kept as
    stored (so an NHS number typed as a number is found); dates stay Excel serial numbers."""
    with _open_ooxml(data, name, "XLSX", "Excel (.xls)") as zf:
        members = set(zf.namelist())
        if "xl/workbook.xml" not in members:
            raise ExtractionError(name, "corrupt XLSX (not an Excel workbook inside)")
        shared: list[str] = []
        if "xl/sharedStrings.xml" in members:
            for _event, si in _iter_xml(zf, "xl/sharedStrings.xml", name, "XLSX", ("end",)):
                if si.tag != f"{_S}si":
                    continue
                # Phonetic guides (rPh) repeat the text in another script: leave them out.
                texts = (t.text or "" for t in si.iter(f"{_S}t") if t.getparent().tag != f"{_S}rPh")
                shared.append("".join(texts))
                _release(si)
        targets: dict[str, str] = {}
        if "xl/_rels/workbook.xml.rels" in members:
            for rel in _zip_xml(zf, "xl/_rels/workbook.xml.rels", name, "XLSX").iter(
                f"{_REL}Relationship"
            ):
                target = rel.get("Target", "").lstrip("/")
                targets[rel.get("Id", "")] = target if target.startswith("xl/") else f"xl/{target}"
        sheets: list[tuple[str, str]] = []
        for sheet in _zip_xml(zf, "xl/workbook.xml", name, "XLSX").iter(f"{_S}sheet"):
            member = targets.get(sheet.get(_R_ID, ""), "")
            if member in members:
                sheets.append((sheet.get("name", member), member))
        if not sheets:  # no usable relationships: fall back to the files themselves
            found = [m for m in members if m.startswith("xl/worksheets/sheet")]
            sheets = [(m.rsplit("/", 1)[-1], m) for m in _by_number(found)]
        parts = []
        for sheet_name, member in sheets:
            rows = []
            cells: list[str] = []
            for _event, el in _iter_xml(zf, member, name, "XLSX", ("end",)):
                if el.tag == f"{_S}c":
                    cells.append(_xlsx_cell(el, shared))
                elif el.tag == f"{_S}row":
                    if any(cells):
                        rows.append("\t".join(c for c in cells if c))
                    cells = []
                    _release(el)
            if rows:
                parts.append((f"sheet {sheet_name}", "\n".join(rows)))
        return parts


def _drawingml_text(root: Any) -> str:
    lines = []
    for paragraph in root.iter(f"{_A}p"):
        line = "".join(
            (t.text or "") if t.tag == f"{_A}t" else "\n"
            for t in paragraph.iter(f"{_A}t", f"{_A}br")
        )
        if line.strip():
            lines.append(line)
    return "\n".join(lines)


def _pptx_parts(data: bytes, name: str) -> list[tuple[str, str]]:
    """One part per slide and per speaker-notes page, in slide order."""
    with _open_ooxml(data, name, "PPTX", "PowerPoint (.ppt)") as zf:
        members = zf.namelist()
        if "ppt/presentation.xml" not in members:
            raise ExtractionError(name, "corrupt PPTX (not a PowerPoint presentation inside)")
        parts = []
        for prefix, label in (
            ("ppt/slides/slide", "slide"),
            ("ppt/notesSlides/notesSlide", "notes"),
        ):
            for member in _by_number(
                [m for m in members if m.startswith(prefix) and m.endswith(".xml")]
            ):
                text = _drawingml_text(_zip_xml(zf, member, name, "PPTX"))
                if text:
                    number = _NUMBERED.search(member)
                    parts.append((f"{label} {number.group(1) if number else member}", text))
        return parts


# --- email ------------------------------------------------------------------------------------

_SHOWN_HEADERS = ("From", "To", "Cc", "Bcc", "Reply-To", "Subject")


_FOLDING = re.compile(r"\r?\n[ \t]+")


def _header_text(msg: Message) -> str:
    """The shown headers in a fixed order, decoded; a header too damaged to decode is kept as
    written (unfolded), so its content is still scanned."""
    wanted = {h.lower(): h for h in _SHOWN_HEADERS}
    found: dict[str, list[str]] = {h: [] for h in _SHOWN_HEADERS}
    for key, raw in msg.raw_items():
        header = wanted.get(key.lower())
        if header is None:
            continue
        try:
            value = str(msg.policy.header_fetch_parse(key, raw))
        except Exception:  # noqa: BLE001 - a damaged header raises assorted parser errors
            value = _FOLDING.sub(" ", str(raw)).strip()
        found[header].append(value)
    return "\n".join(f"{h}: {v}" for h in _SHOWN_HEADERS for v in found[h])


def _decoded_text_part(part: Message) -> str:
    payload = part.get_payload(decode=True) or b""
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:  # an unknown charset name in the header
        return payload.decode("cp1252", errors="replace")


class _MessageWalker:
    def __init__(self, max_bytes: int, max_depth: int) -> None:
        self.parts: list[tuple[str, str, str]] = []
        self.notes: list[str] = []
        self.max_bytes = max_bytes
        self.max_depth = max_depth

    def message(self, msg: Message, label: str, depth: int) -> None:
        headers = _header_text(msg)
        if headers:
            self.parts.append((f"{label} headers", "email-headers", headers))
        self.entity(msg, label, depth)

    def safe_entity(self, part: Message, label: str, depth: int) -> None:
        """``entity``, with a damaged MIME part noted and skipped so the others are read."""
        try:
            self.entity(part, label, depth)
        except ExtractionError:
            raise
        except Exception:  # noqa: BLE001 - the email parser raises assorted errors lazily
            self.notes.append(f"{label}: a damaged MIME part could not be read and was skipped")

    def one_alternative(self, children: list[Message], label: str) -> list[Message]:
        """The version of an alternative body to scan: the plain text, unless the HTML says
        much more (a "view this email in your browser" stub), else the last, richest one."""
        plain = [c for c in children if c.get_content_type() == "text/plain"]
        html = [c for c in children if c.get_content_type() == "text/html"]
        chosen = plain[:1] or children[-1:]
        if plain and html:
            plain_len = len(_decoded_text_part(plain[0]).strip())
            html_len = len(html_to_text(_decoded_text_part(html[0])))
            if html_len > 2 * plain_len + 100:
                chosen = html[:1]
        if len(children) > 1 and chosen:
            self.notes.append(
                f"{label}: body sent in {len(children)} versions, scanned the "
                f"{chosen[0].get_content_type()} one"
            )
        return chosen

    def entity(self, part: Message, label: str, depth: int) -> None:
        ctype = part.get_content_type()
        if ctype == "message/rfc822":
            inner = part.get_payload()
            inner_msg = inner[0] if isinstance(inner, list) and inner else None
            if depth >= self.max_depth:
                self.notes.append(f"{label}: message nested deeper than {self.max_depth} skipped")
            elif isinstance(inner_msg, Message):
                self.message(inner_msg, f"{label} > attached message", depth + 1)
            return
        if part.is_multipart():
            children = part.get_payload()
            assert isinstance(children, list)
            if ctype == "multipart/alternative":
                children = self.one_alternative(children, label)
            for child in children:
                self.safe_entity(child, label, depth)
            return
        filename = part.get_filename()
        attachment = filename is not None or part.get_content_disposition() == "attachment"
        if not attachment and ctype == "text/plain":
            self.parts.append((f"{label} body", "email-body", _decoded_text_part(part)))
            return
        if not attachment and ctype == "text/html":
            self.parts.append((f"{label} body", "html", html_to_text(_decoded_text_part(part))))
            return
        name = filename or f"unnamed {ctype} part"
        where = f"{label} > {name}"
        if ctype.startswith(("image/", "audio/", "video/")):
            self.notes.append(f"{where}: {ctype} attachment not scanned (no text to read)")
            return
        if depth >= self.max_depth:
            self.notes.append(f"{where}: nested deeper than {self.max_depth}, skipped")
            return
        payload = part.get_payload(decode=True) or b""
        if ctype.startswith("text/") and not filename:
            kind = "html" if ctype == "text/html" else "text"
            text = _decoded_text_part(part)
            self.parts.append((where, kind, html_to_text(text) if kind == "html" else text))
            return
        try:
            inner = _extract_bytes(payload, name, self.max_bytes, depth + 1, self.max_depth)
        except ExtractionError as exc:
            self.notes.append(f"{where}: {exc.reason}")
            return
        for p in inner.parts:
            self.parts.append(
                (f"{where}" + (f" > {p.name}" if p.name != name else ""), p.kind, p.text)
            )
        self.notes.extend(f"{where}: {n}" for n in inner.notes)


def _message_from_bytes(raw: bytes) -> EmailMessage:
    msg = BytesParser(policy=policy.default).parsebytes(raw)
    assert isinstance(msg, EmailMessage)
    return msg


def _extract_message(
    raw: bytes, name: str, max_bytes: int, depth: int, max_depth: int
) -> Extracted:
    msg = _message_from_bytes(raw)
    walker = _MessageWalker(max_bytes, max_depth)
    try:
        walker.message(msg, "message", depth)
    except ExtractionError:
        raise
    except Exception:  # noqa: BLE001 - the email parser raises assorted errors lazily
        raise ExtractionError(name, "corrupt email (its MIME structure cannot be read)") from None
    if msg.defects:
        walker.notes.append(
            f"message has {len(msg.defects)} MIME defect(s): read as far as possible"
        )
    return _assemble(walker.parts, walker.notes)


def extract_message_bytes(
    raw: bytes,
    *,
    name: str = "message",
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Extracted:
    """Text of a MIME message: From/To/Cc/Reply-To/Subject, text and HTML bodies, and the text
    of attachments (text, HTML, PDF, DOCX, attached messages) down to ``max_depth`` levels.

    An unreadable attachment becomes a note, not an error: the rest is still scanned.
    """
    if len(raw) > max_bytes:
        raise _too_big(name, max_bytes)
    return _extract_message(raw, name, max_bytes, 0, max_depth)


# --- dispatch ---------------------------------------------------------------------------------


def _assemble(pieces: list[tuple[str, str, str]], notes: list[str]) -> Extracted:
    parts: list[Part] = []
    texts: list[str] = []
    offset = 0
    for name, kind, text in pieces:
        if texts:
            offset += 2  # the "\n\n" separator
        parts.append(Part(name, kind, text, offset))
        texts.append(text)
        offset += len(text)
    return Extracted("\n\n".join(texts), parts, notes)


def _looks_like_message(head: bytes) -> bool:
    lines = head.lstrip().split(b"\n", 20)[:20]
    if not lines or not _HEADER_LINE.match(lines[0]):
        return False
    known = sum(1 for line in lines if line.lower().startswith(_MAIL_HEADERS))
    return known >= 2


def _sniff(head: bytes, name: str) -> str:
    suffix = Path(name).suffix.lower()
    if head.startswith(b"%PDF-") or (suffix == ".pdf" and b"%PDF-" in head[:1024]):
        return "pdf"
    if suffix == ".pdf":
        return "pdf"  # no header: reported as corrupt by the PDF reader
    if suffix in (".docx", ".docm", ".dotx"):
        return "docx"
    if suffix in (".xlsx", ".xlsm"):
        return "xlsx"
    if suffix in (".pptx", ".pptm"):
        return "pptx"
    if head.startswith(b"PK\x03\x04"):
        return "zip"
    if head.startswith(_OLE_MAGIC):
        return "ole"
    if suffix in (".eml", ".mht") or (
        suffix not in _TEXT_SUFFIXES - {""} and _looks_like_message(head)
    ):
        return "email"
    if suffix in (".html", ".htm"):
        return "html"
    return "text"


def _sniff_file(path: str) -> str:
    with open(path, "rb") as fh:
        head = fh.read(_SNIFF_BYTES)
    return _sniff(head, path)


def _extract_bytes(data: bytes, name: str, max_bytes: int, depth: int, max_depth: int) -> Extracted:
    if len(data) > max_bytes:
        raise _too_big(name, max_bytes)
    if not data:
        return Extracted("", [], ["empty file: nothing to scan"])
    kind = _sniff(data[:_SNIFF_BYTES], name)
    short = Path(name).name
    if kind == "pdf":
        text, notes = _pdf_text(data, name)
        return _assemble([(short, "pdf", text)], notes)
    if kind == "zip":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as zf:
                members = set(zf.namelist())
        except _ZIP_READ_ERRORS:
            raise ExtractionError(name, "corrupt ZIP archive") from None
        if "word/document.xml" in members:
            kind = "docx"
        elif "xl/workbook.xml" in members:
            kind = "xlsx"
        elif "ppt/presentation.xml" in members:
            kind = "pptx"
        else:
            raise ExtractionError(name, "ZIP archive: unpack it and scan the files inside")
    if kind == "docx":
        parts, notes = _docx_parts(data, name)
        return _assemble([(label, "docx", text) for label, text in parts], notes)
    if kind == "xlsx":
        return _assemble([(label, "xlsx", text) for label, text in _xlsx_parts(data, name)], [])
    if kind == "pptx":
        return _assemble([(label, "pptx", text) for label, text in _pptx_parts(data, name)], [])
    if kind == "ole":
        if _ENCRYPTED_PACKAGE in data:
            raise ExtractionError(
                name, "encrypted Office file (password-protected): ask for an unprotected copy"
            )
        raise ExtractionError(
            name, "old Office or Outlook .msg format: save it as .docx, .pdf or .eml first"
        )
    if kind == "email":
        if depth > max_depth:
            return Extracted("", [], [f"message nested deeper than {max_depth} skipped"])
        return _extract_message(data, name, max_bytes, depth, max_depth)
    text, notes = _decode_text(data, name)
    if kind == "html":
        return _assemble([(short, "html", html_to_text(text))], notes)
    return _assemble([(short, "text", text)], notes)


def _check_readable(path: str) -> None:
    if not os.path.exists(path):
        raise ExtractionError(path, "no such file")
    if os.path.isdir(path):
        raise ExtractionError(path, "is a folder, not a file")
    if not os.access(path, os.R_OK):
        raise ExtractionError(path, "permission denied: cannot read the file")


def extract_text(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Extracted:
    """All the text of a file, by content type (PDF, DOCX, XLSX, PPTX, email, HTML, text).

    Raises ExtractionError (one plain-English line) for a file over ``max_bytes``, binary
    content, an encrypted or corrupt PDF/DOCX, or an unsupported format. An empty file gives
    empty text and a note.
    """
    p = os.fspath(path)
    _check_readable(p)
    size = os.path.getsize(p)
    if size > max_bytes:
        raise _too_big(p, max_bytes)
    with open(p, "rb") as fh:
        data = fh.read(max_bytes + 1)
    return _extract_bytes(data, p, max_bytes, 0, max_depth)


def extract_bytes(
    data: bytes,
    *,
    name: str,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> Extracted:
    """Like ``extract_text`` for content already in memory; ``name`` gives the file suffix
    used for sniffing and the name used in errors."""
    return _extract_bytes(data, name, max_bytes, 0, max_depth)
