"""The one place the email checks call the sensitivity engine and the text extractors.

Documents (PDF, DOCX, XLSX, PPTX, HTML, text) are read by `safehaven.core.textio`; zip archives
are opened here with ZIP-bomb limits. Text is analysed by `safehaven.core.detect`; a small built-in
regex detector with the same result shape stands in when that is not importable or when
SAFEHAVEN_EMAIL_ENGINE=fallback (the benchmarks use it to measure the gateway apart from the
engine). `ENGINE` says which one is in use and is recorded in each result's summary.
"""

from __future__ import annotations

import importlib
import io
import os
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any, Protocol

# Limits that keep one message from taking the process down (zip bombs, huge PDFs).
MAX_UNCOMPRESSED = 50 * 1024 * 1024
MAX_RATIO = 200
MAX_ZIP_MEMBERS = 500


class Unreadable(Exception):
    """An attachment whose content cannot be checked; the message says why."""


class Unsupported(Unreadable):
    """An attachment of a type the checks do not read (not damaged, just not inspected)."""


@dataclass(frozen=True, slots=True)
class EngineSpan:
    type: str
    start: int
    end: int
    text: str
    score: float = 1.0


class SpanLike(Protocol):
    """What the checks read of a span: `EngineSpan` (fallback) or the engine's own `Span`."""

    @property
    def type(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def text(self) -> str: ...
    @property
    def score(self) -> float: ...


@dataclass(frozen=True, slots=True)
class EngineAnalysis:
    spans: tuple[SpanLike, ...]
    special_categories: tuple[str, ...]
    classification: str  # none | personal | sensitive
    reasons: tuple[str, ...] = field(default=())
    # The engine's own result, handed back to `desensitise` so the text is not analysed twice.
    raw: Any = field(default=None, compare=False, repr=False)


def _real(module: str, name: str):
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    return getattr(mod, name, None)


# SAFEHAVEN_EMAIL_ENGINE=fallback forces the built-in detector (benchmarks use it to measure the
# gateway's own cost apart from the engine's).
_FORCE_FALLBACK = os.environ.get("SAFEHAVEN_EMAIL_ENGINE") == "fallback"
_REAL_ANALYSE = None if _FORCE_FALLBACK else _real("safehaven.core.detect", "analyse")
_REAL_DESENSITISE = None if _FORCE_FALLBACK else _real("safehaven.core.detect", "desensitise")
ENGINE = "safehaven.core.detect" if _REAL_ANALYSE is not None else "email-fallback"


# --- built-in fallback detector -------------------------------------------------------------

_NAME = r"[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?"
_TITLE = re.compile(rf"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.?\s+({_NAME}(?:\s+{_NAME})?)")
_CUE = re.compile(
    rf"\b(?:pupil|child|student|son|daughter|young person|service user|mother|father|"
    rf"mum|dad|carer|name)\s*:?\s+({_NAME}\s+{_NAME})"
)
_FULLNAME_BEFORE_DOB = re.compile(rf"\b({_NAME}\s+{_NAME})\s*[,(]\s*(?:DOB|D\.O\.B|born)")
_DATE = r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}|\d{1,2}(?:st|nd|rd|th)?\s+[A-Z][a-z]{2,8}\s+\d{4}"
_DOB = re.compile(rf"\b(?:DOB|D\.O\.B\.?|date of birth|born(?: on)?)\s*[:\-]?\s*({_DATE})", re.I)
_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b")
_STREET = re.compile(
    r"\b\d{1,4}[A-Za-z]?\s+(?:[A-Z][a-z]+\s+){1,3}"
    r"(?:Road|Rd|Street|St|Avenue|Ave|Lane|Close|Drive|Way|Crescent|Place|Gardens|Court|Terrace)\b"
)
_UPN = re.compile(r"\b[A-HJ-NP-RT-Z]\d{11}[0-9A-HJ-NP-RT-Z]\b")
_NHS = re.compile(r"\b\d{3}[ -]?\d{3}[ -]?\d{4}\b")
_PHONE = re.compile(r"(?<!\d)(?:\+44\s?|0)(?:\d\s?){9,10}(?!\d)")
_SPECIAL = {
    "safeguarding": r"child protection|safeguarding concern|looked[- ]after|child in need|"
    r"section 47|s47|strategy meeting|social care|social worker|LADO|MASH referral|CP plan",
    "health": r"diagnos\w+|ADHD|autis\w+|mental health|self[- ]harm|CAMHS|medication|"
    r"disabilit\w+|epilep\w+|diabet\w+|pregnan\w+|eating disorder",
    "criminal": r"arrested|conviction|police caution|youth offending|criminal",
    "religion": r"muslim|christian|jewish|hindu|sikh|buddhist|religio\w+",
    "ethnicity": r"ethnicity|traveller|gypsy|roma\b|asylum",
    "sexual_orientation": r"\bgay\b|lesbian|bisexual|sexual orientation",
    "gender": r"transgender|gender identity|non-binary",
    "trade_union": r"trade union",
    "political_opinion": r"political opinion|political party member",
}
_SPECIAL_RE = {k: re.compile(rf"\b(?:{v})", re.I) for k, v in _SPECIAL.items()}


def _nhs_ok(digits: str) -> bool:
    d = re.sub(r"\D", "", digits)
    if len(d) != 10:
        return False
    total = sum(int(c) * w for c, w in zip(d[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(d[9])


def _fallback_analyse(text: str) -> EngineAnalysis:
    spans: list[EngineSpan] = []

    def add(kind: str, m: re.Match[str], group: int = 0) -> None:
        spans.append(EngineSpan(kind, m.start(group), m.end(group), m.group(group)))

    for pattern in (_TITLE, _CUE, _FULLNAME_BEFORE_DOB):
        for m in pattern.finditer(text):
            add("PERSON", m, 1)
    for m in _DOB.finditer(text):
        add("DATE_OF_BIRTH", m, 1)
    for m in _POSTCODE.finditer(text):
        add("UK_POSTCODE", m)
    for m in _STREET.finditer(text):
        add("STREET_ADDRESS", m)
    for m in _UPN.finditer(text):
        add("UK_UPN", m)
    for m in _NHS.finditer(text):
        if _nhs_ok(m.group()):
            add("UK_NHS", m)
    spans.sort(key=lambda s: (s.start, -s.end))
    categories = tuple(sorted(k for k, r in _SPECIAL_RE.items() if r.search(text)))
    if spans and categories:
        classification = "sensitive"
    elif spans:
        classification = "personal"
    else:
        classification = "none"
    return EngineAnalysis(tuple(spans), categories if spans else (), classification)


def _fallback_desensitise(text: str) -> str:
    analysis = _fallback_analyse(text)
    out, pos = [], 0
    for s in analysis.spans:
        if s.start < pos:
            continue
        out.append(text[pos : s.start])
        if s.type == "PERSON":
            out.append(".".join(w[0] for w in s.text.split()) + ".")
        elif s.type == "UK_UPN":
            out.append(s.text)
        elif s.type == "DATE_OF_BIRTH":
            year = re.search(r"\d{4}", s.text)
            out.append(f"[born {year.group()}]" if year else "[date of birth]")
        else:
            out.append("[" + s.type.lower().replace("uk_", "").replace("_", " ") + "]")
        pos = s.end
    out.append(text[pos:])
    return "".join(out)


# --- the interface the checks use ------------------------------------------------------------


def analyse(text: str) -> EngineAnalysis:
    """Spans, special categories and classification of `text`."""
    if _REAL_ANALYSE is None:
        return _fallback_analyse(text)
    a = _REAL_ANALYSE(text)
    # The engine's own spans (frozen, with the same fields): copying ~300 spans of a 20 KB
    # message into EngineSpans was ~0.7 ms of CPU a message.
    return EngineAnalysis(
        spans=a.spans if isinstance(a.spans, tuple) else tuple(a.spans),
        special_categories=tuple(a.special_categories),
        classification=str(a.classification),
        reasons=tuple(a.reasons),
        raw=a,
    )


def desensitise(text: str, analysis: EngineAnalysis | None = None) -> str:
    """`text` with names cut to initials, dates of birth to the year, addresses removed."""
    if _REAL_DESENSITISE is None:
        return _fallback_desensitise(text)
    raw = analysis.raw if analysis is not None else None
    return _REAL_DESENSITISE(text, analysis=raw).text


def _check_zip(data: bytes, label: str) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise Unreadable(f"{label} is not a readable zip/Office file (corrupt)") from exc
    infos = zf.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise Unreadable(f"{label} holds {len(infos)} files, more than {MAX_ZIP_MEMBERS}")
    total = sum(i.file_size for i in infos)
    packed = max(1, sum(i.compress_size for i in infos))
    if total > MAX_UNCOMPRESSED or total / packed > MAX_RATIO:
        raise Unreadable(
            f"{label} expands to {total // (1024 * 1024)} MB "
            f"({total // packed}x its size): a possible zip bomb"
        )
    if any(i.flag_bits & 0x1 for i in infos):
        raise Unreadable(f"{label} is password-protected (encrypted zip)")
    return zf


def _zip_text(data: bytes, label: str, depth: int) -> tuple[str, list[str]]:
    zf = _check_zip(data, label)
    out: list[str] = []
    notes: list[str] = []
    for info in zf.infolist():
        if info.is_dir():
            continue
        text, inner_notes = attachment_text(info.filename, "", zf.read(info), depth=depth + 1)
        out.append(text)
        notes.extend(inner_notes)
    return "\n".join(out), notes


_READ_WITH_TEXTIO = (".pdf", ".docx", ".docm", ".dotx", ".xlsx", ".xlsm", ".pptx", ".pptm")
_SERIOUS = ("encrypted", "password", "corrupt", "bomb", "larger than", "damaged", "missing")


def _textio_text(data: bytes, name: str, label: str) -> tuple[str, list[str]]:
    """Documents read by safehaven.core.textio; its notes come back as non-serious notes."""
    from safehaven.core import textio

    try:
        extracted = textio.extract_bytes(data, name=name, max_bytes=MAX_UNCOMPRESSED)
    except textio.ExtractionError as exc:
        reason = f"{label}: {exc.reason}"
        if any(word in exc.reason.lower() for word in _SERIOUS):
            raise Unreadable(reason) from None
        raise Unsupported(reason) from None
    return extracted.text, [f"{label}: {n}" for n in extracted.notes]


def _suffix_for(name: str, ctype: str) -> str:
    if "." in name:
        return name
    return {
        "application/pdf": "attachment.pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "a.docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "a.xlsx",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation": "a.pptx",
        "text/html": "a.html",
    }.get(ctype, name or "attachment")


def attachment_text(
    filename: str, content_type: str, data: bytes, *, depth: int = 0
) -> tuple[str, list[str]]:
    """(text, notes) of an attachment. Raises Unreadable (encrypted, corrupt, oversized) or
    Unsupported (a type the checks do not read)."""
    name = (filename or "").lower()
    ctype = (content_type or "").lower()
    label = f"attachment {filename or '(no name)'}"
    if depth > 3:
        raise Unreadable(f"{label} is nested too deeply in archives to check")
    if ctype.startswith("image/") or name.endswith((".png", ".jpg", ".jpeg", ".gif")):
        return "", [f"{label} is an image: its content was not checked"]
    probe = _suffix_for(name, ctype)
    is_document = probe.endswith(_READ_WITH_TEXTIO) or data.startswith(b"%PDF")
    is_zip = name.endswith(".zip") or ctype in {"application/zip", "application/x-zip-compressed"}
    if is_zip and not is_document:
        return _zip_text(data, label, depth)
    if is_document or ctype.startswith("text/") or probe.endswith((".html", ".htm", ".txt")):
        return _textio_text(data, probe, label)
    kind = content_type or "unknown type"
    raise Unsupported(f"{label} ({kind}) is of a type that cannot be checked")
