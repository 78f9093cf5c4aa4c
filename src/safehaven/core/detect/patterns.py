"""Pattern recognisers: identifiers, contact details, dates of birth and street addresses.

Each recogniser yields `Span`s with a score decided by validity (checksums from
`safehaven.core.identifiers`) and by context words from data/context.toml: a 10-digit number that
passes the NHS mod-11 check is reported as an NHS number only when NHS words are near, and is
pushed down further by words such as "invoice" or "order".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache

from safehaven.core.detect.lexicons import register_cache, toml_table, word_list
from safehaven.core.detect.model import Span
from safehaven.core.identifiers import (
    is_valid_chi,
    is_valid_hc,
    is_valid_nhs,
    is_valid_nino,
    is_valid_postcode,
    is_valid_uln,
    is_valid_upn,
)

WINDOW = 48

EMAIL_RE = re.compile(
    r"(?<![\w.+\-'])[A-Za-z0-9][A-Za-z0-9._%+\-']*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}\b"
)
# The look-behinds come after the first character (same matches): a pattern that starts with a
# character class lets the regex engine skip quickly to the candidates instead of trying the
# look-behind at every position of the text.
TEN_DIGIT_RE = re.compile(r"(\d(?<![\w\-/.]\d)\d{2})([ \-]?)(\d{3})\2(\d{4})(?![\w\-/]|\.\d)")
UPN_RE = re.compile(r"[A-Z](?<![\w][A-Z])\d{11}[A-Z0-9](?![\w])")
NINO_RE = re.compile(
    r"(?<![\w])[A-Z]{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-D](?![\w])", re.IGNORECASE
)
POSTCODE_RE = re.compile(
    r"(?<![\w])(?:GIR ?0AA|BFPO ?\d{1,4}|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})(?![\w])", re.IGNORECASE
)
PASSPORT_RE = re.compile(r"\d(?<![\w]\d)\d{8}(?![\w])")
DRIVING_RE = re.compile(
    r"[A-Z9](?<![\w][A-Z9])[A-Z9]{4}\d{6}[A-Z9]{2}\d[A-Z]{2}(?:\s?\d{2})?(?![\w])"
)
# Phone numbers: a + or ( or digit, then digits with spaces, dots, dashes, brackets; an extension.
PHONE_RE = re.compile(
    r"(?<![\w+\-/.])(?:\+|00)?\(?\d[\d \-.()]{5,18}\d(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w\-/]|\.\d)"
)

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DATE_RE = re.compile(
    r"(?<![\w/.\-])(?:"
    r"\d{1,2}[/.\-]\d{1,2}[/.\-](?:\d{4}|\d{2})"
    r"|\d{4}-\d{2}-\d{2}"
    r"|\d{1,2}[-/]" + _MONTHS + r"[-/](?:\d{4}|\d{2})"
    r"|\d{1,2}(?:st|nd|rd|th)?(?:\s+of)?\s+" + _MONTHS + r",?\s+\d{4}"
    r"|" + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|" + _MONTHS + r"\s+\d{4}"
    r")(?![\w/])",
    re.IGNORECASE,
)
_DOB_FILLER = re.compile(
    r"^(?:[\s:\-–(),=]|is\b|was\b|on\b|the\b|of\b|in\b|\d{1,2}\s*(?:yrs?|years?)\b|aged\b)*$",
    re.IGNORECASE,
)


@register_cache
@cache
def _dob_cue_re() -> re.Pattern[str]:
    cues = toml_table("dob.toml").get("cues", [])
    return re.compile("|".join(f"(?:{c})" for c in cues), re.IGNORECASE)


@register_cache
@cache
def _context_res(entity: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    table = toml_table("context.toml").get(entity, {})

    def build(words: list[str]) -> re.Pattern[str] | None:
        if not words:
            return None
        alts = sorted({re.escape(w.lower()) for w in words}, key=len, reverse=True)
        return re.compile(r"(?<![a-z0-9])(?:" + "|".join(alts) + r")(?![a-z0-9])")

    return build(table.get("positive", [])), build(table.get("negative", []))


def _window(text: str, start: int, end: int, size: int = WINDOW) -> tuple[str, str]:
    before = text[max(0, start - size) : start].lower()
    after = text[end : end + size // 3].lower()
    return before, after


def _context(text: str, start: int, end: int, entity: str) -> tuple[str | None, str | None]:
    """The positive and the negative context word nearest the candidate, if any."""
    pos_re, neg_re = _context_res(entity)
    before, after = _window(text, start, end)
    pos = neg = None
    pos_at = neg_at = -1
    if pos_re is not None:
        for m in pos_re.finditer(before):
            pos, pos_at = m.group(), m.end()
        if pos is None:
            m = pos_re.search(after)
            pos = m.group() if m else None
    if neg_re is not None:
        for m in neg_re.finditer(before):
            neg, neg_at = m.group(), m.end()
    # The nearer word decides: "NHS number ... Invoice 9434765870" is an invoice number.
    if pos is not None and neg is not None:
        if neg_at > pos_at:
            pos = None
        else:
            neg = None
    return pos, neg


def _scored(
    text: str, m_start: int, m_end: int, entity: str, base: float, high: float, low: float, why: str
) -> Span:
    pos, neg = _context(text, m_start, m_end, entity)
    score, parts = base, [why]
    if pos is not None:
        score = high
        parts.append(f"raised by context word '{pos}'")
    elif neg is not None:
        score = low
        parts.append(f"lowered by context word '{neg}'")
    else:
        parts.append("no context words nearby")
    return Span(entity, m_start, m_end, score, text[m_start:m_end], "; ".join(parts))


def find_emails(text: str) -> Iterator[Span]:
    for m in EMAIL_RE.finditer(text):
        yield Span("EMAIL_ADDRESS", m.start(), m.end(), 0.98, m.group(), "email address pattern")


def find_upns(text: str) -> Iterator[Span]:
    for m in UPN_RE.finditer(text):
        if is_valid_upn(m.group()):
            yield _scored(
                text, m.start(), m.end(), "UK_UPN", 0.9, 0.99, 0.6, "UPN with a valid check letter"
            )


def find_ninos(text: str) -> Iterator[Span]:
    for m in NINO_RE.finditer(text):
        value = m.group()
        if value != value.upper() and value != value.lower():
            continue
        if is_valid_nino(value.upper()):
            yield _scored(
                text, m.start(), m.end(), "UK_NINO", 0.85, 0.98, 0.5, "valid NI number format"
            )


def find_ten_digit(text: str) -> Iterator[Span]:
    """NHS, ULN, CHI and H&C numbers: one 10-digit string, the type chosen by validity and context.

    Without a context word a valid number is reported only when written in the NHS's 3-3-4 spacing
    (score 0.55); a bare run of ten digits stays below the reporting threshold, so invoice and
    order numbers that happen to pass a mod-11 check are not reported.
    """
    checks = (
        ("UK_NHS", is_valid_nhs, "passes the NHS mod-11 check"),
        ("UK_ULN", is_valid_uln, "passes the ULN check"),
        ("UK_CHI", is_valid_chi, "valid CHI date and check digit"),
        ("UK_HC", is_valid_hc, "H&C number range and mod-11 check"),
    )
    for m in TEN_DIGIT_RE.finditer(text):
        digits = m.group(1) + m.group(3) + m.group(4)
        spaced = m.group(2) == " "
        best: Span | None = None
        for entity, check, why in checks:
            if not check(digits):
                continue
            base = 0.4
            if entity == "UK_NHS" and spaced:
                base = 0.55
            elif entity in ("UK_CHI", "UK_HC"):
                base = 0.3
            span = _scored(text, m.start(), m.end(), entity, base, 0.97, 0.1, why)
            if best is None or span.score > best.score:
                best = span
        if best is not None:
            yield best


def find_postcodes(text: str) -> Iterator[Span]:
    for m in POSTCODE_RE.finditer(text):
        value = m.group()
        if value != value.upper():
            # Lower-case postcodes are rare in correspondence and collide with words.
            continue
        if value.startswith("BFPO") or is_valid_postcode(value):
            base = 0.9 if " " in value else 0.6
            yield _scored(text, m.start(), m.end(), "UK_POSTCODE", base, 0.95, base, "postcode")


def find_passports(text: str) -> Iterator[Span]:
    for m in PASSPORT_RE.finditer(text):
        yield _scored(text, m.start(), m.end(), "UK_PASSPORT", 0.1, 0.9, 0.05, "nine digits")


def find_driving_licences(text: str) -> Iterator[Span]:
    for m in DRIVING_RE.finditer(text):
        yield _scored(
            text, m.start(), m.end(), "UK_DRIVING_LICENCE", 0.8, 0.95, 0.6, "DVLA licence format"
        )


def _phone_shape(value: str) -> tuple[int, float, str]:
    digits = re.sub(r"\D", "", value.split("x")[0].split("ext")[0])
    n = len(digits)
    compact = re.sub(r"[\s\-.()]", "", value)
    if value.startswith(("+44", "0044")) or (compact.startswith("+44")):
        return n, 0.85, "UK international format"
    if re.fullmatch(r"0[1-9]\d{8,9}", digits) and n in (10, 11):
        # UK national format: 01/02/03/07/08 with 10 or 11 digits.
        return n, 0.8 if digits[1] in "123789" else 0.5, "UK national format"
    if value.startswith(("+", "00")) and 8 <= n <= 15:
        return n, 0.75, "international format"
    if re.fullmatch(r"\(?\d{3}\)?[\s.\-]?\d{3}[\s.\-]\d{4}(?:\s?x\d+)?", value.strip()):
        return n, 0.6, "North American format"
    if 7 <= n <= 12:
        return n, 0.25, "digit groups"
    return n, 0.0, ""


def find_phones(text: str) -> Iterator[Span]:
    for m in PHONE_RE.finditer(text):
        value = m.group()
        # Trim unbalanced brackets at the edges.
        start, end = m.start(), m.end()
        if value.endswith(")") and value.count("(") < value.count(")"):
            end -= 1
        if value.startswith("(") and value.count("(") > value.count(")"):
            start += 1
        value = text[start:end]
        if DATE_RE.fullmatch(value) or re.fullmatch(r"\d{4}\s*[-–]\s*\d{2,4}", value):
            continue
        n, base, why = _phone_shape(value)
        if base == 0.0 or n < 7 or n > 15:
            continue
        if not re.search(r"[\s\-.()]", value) and not value.startswith("+") and base < 0.7:
            # An unbroken run of digits is a phone number only with a context word.
            base = 0.2
        high = max(base, 0.85)
        yield _scored(text, start, end, "PHONE_NUMBER", base, high, min(base, 0.2), why)


def dates_after_names(text: str, names: list[Span]) -> Iterator[Span]:
    """ "Padraig Byrne (2019-01-06)": a date in brackets right after a name is a date of birth."""
    if "(" not in text:
        return
    ends = {n.end for n in names if n.score >= 0.5}
    if not ends:
        return
    # Only a date right after "(" can count, and no date contains "(": match there, instead of
    # running the date pattern over the whole text.
    at = text.find("(")
    while at >= 0:
        m = DATE_RE.match(text, at + 1)
        if m is not None and text[m.end() : m.end() + 1] == ")":
            i = at
            while i > 0 and text[i - 1] == " ":
                i -= 1
            if i in ends:
                yield Span(
                    "DATE_OF_BIRTH",
                    m.start(),
                    m.end(),
                    0.85,
                    m.group(),
                    "date in brackets straight after a name",
                )
        at = text.find("(", at + 1)


def find_dobs(text: str) -> Iterator[Span]:
    """A date right after a birth cue ("DOB", "born on", "date of birth"), little in between."""
    seen: set[int] = set()
    for cue in _dob_cue_re().finditer(text):
        m = DATE_RE.search(text, cue.end(), min(len(text), cue.end() + 60))
        if m is None or m.start() in seen or m.start() - cue.end() > 40:
            continue
        if not _DOB_FILLER.match(text[cue.end() : m.start()]):
            continue
        seen.add(m.start())
        yield Span(
            "DATE_OF_BIRTH",
            m.start(),
            m.end(),
            0.95,
            m.group(),
            f"date after birth cue '{cue.group().strip()}'",
        )


@register_cache
@cache
def _address_re() -> re.Pattern[str]:
    shipped = word_list("street_suffixes.txt", lower=False)
    suffixes = sorted(shipped | {w.upper() for w in shipped}, key=len, reverse=True)
    alt = "|".join(re.escape(s) for s in suffixes)
    return re.compile(
        r"(?<![\w])(?:(?:Flat|FLAT|Apartment|APARTMENT|Apt\.?|APT\.?|Unit|UNIT|Room|Suite)"
        r"\s+\d{1,4}[A-Za-z]?,?\s+)?"
        r"(?:[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3}\s+(?:House|Court|Lodge|Mansions|Cottages?|"
        r"Buildings|Tower|Heights),?\s+)?"
        r"\d{1,4}[A-Za-z]?(?:\s*[-–]\s*\d{1,4})?,?\s+"
        r"(?:[A-Z][\w'’\-]*\.?\s+){0,3}(?:" + alt + r")\b\.?"
    )


def find_addresses(text: str) -> Iterator[Span]:
    for m in _address_re().finditer(text):
        value = m.group()
        end = m.end()
        if value.endswith(".") and not re.search(r"\b(?:St|Rd|Ave|Dr|Cl|Ln|Pl|Sq|Gr)\.$", value):
            end -= 1
        yield Span(
            "STREET_ADDRESS",
            m.start(),
            end,
            0.85,
            text[m.start() : end],
            "house number followed by a street name",
        )


RECOGNISERS = (
    find_emails,
    find_upns,
    find_ninos,
    find_ten_digit,
    find_postcodes,
    find_passports,
    find_driving_licences,
    find_phones,
    find_dobs,
    find_addresses,
)


def find_patterns(text: str) -> list[Span]:
    spans: list[Span] = []
    for recogniser in RECOGNISERS:
        spans.extend(recogniser(text))
    return spans
