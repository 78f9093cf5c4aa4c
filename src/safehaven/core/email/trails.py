"""Reply and forward detection (EMAIL-5) and quoted trails in plain text and HTML (EMAIL-6).

Two opinions are combined: quotequail's reply/forward header patterns and talon-style markers
written here for what clients actually send (Outlook's "-----Original Message-----" and
"From: ... Sent: ..." block, Gmail's "On ... wrote:" and gmail_quote, Apple Mail's "Begin
forwarded message:" and blockquote type=cite, Outlook on the web's divRplyFwdMsg). The earliest
marker wins: everything from there to the end is the trail.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from email.message import EmailMessage

import quotequail

from safehaven.core.email.htmltext import html_to_text

SUBJECT_PREFIX = re.compile(
    r"^\s*(?:\[[^\]]{0,40}\]\s*)?(re|fw|fwd|aw|wg|sv|vs|tr|rif|antw|doorst)\s*(\[\d+\])?\s*:",
    re.IGNORECASE,
)
FORWARD_PREFIXES = {"fw", "fwd", "wg", "tr", "doorst", "vs"}

_TEXT_MARKERS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    (
        "outlook-original",
        "reply",
        re.compile(r"^[ \t>]*-{2,}[ \t]*Original Message[ \t]*-{2,}", re.M | re.I),
    ),
    (
        "forwarded-message",
        "forward",
        re.compile(r"^[ \t>]*-{2,}[ \t]*Forwarded message[ \t]*-{2,}", re.M | re.I),
    ),
    ("apple-forward", "forward", re.compile(r"^[ \t]*Begin forwarded message:", re.M | re.I)),
    (
        "on-wrote",
        "reply",
        re.compile(r"^[ \t]*On[ \t][^\n]{1,250}(?:\n[^\n]{1,200}){0,2}?[ \t]wrote:[ \t]*$", re.M),
    ),
    (
        "foreign-wrote",
        "reply",
        re.compile(
            r"^[ \t]*(?:Am|El|Le|Il|Op|Den)[ \t][^\n]{1,250}(?:\n[^\n]{1,200})?"
            r"(?:schrieb|escribió|a écrit|ha scritto|schreef|skrev)[^\n]{0,120}:[ \t]*$",
            re.M,
        ),
    ),
    (
        "outlook-header-block",
        "reply",
        re.compile(
            r"^[ \t]*(?:_{10,}[ \t]*\n\s*)?\*?(?:From|Von|De)\*?:\*?[ \t][^\n]+\n"
            r"(?:[ \t]*\*?(?:Sent|Date|Gesendet|Datum|Envoyé)\*?:\*?[ \t])",
            re.M,
        ),
    ),
    ("underscore-rule", "reply", re.compile(r"^[ \t]*_{20,}[ \t]*\n(?=[ \t]*\*?From)", re.M)),
)

# Lines with a hint word handed to quotequail (each with its neighbours), and the lines after a
# match it reads to tell a forward from a reply.
QUOTEQUAIL_MAX_HINTS = 200
QUOTEQUAIL_UNWRAP_LINES = 40

_QUOTED_RUN = re.compile(r"(?:^[ \t]*>[^\n]*(?:\n|\Z)){2,}", re.M)
_ATTRIBUTION = re.compile(r"^[^\n]{1,200}:[ \t]*\n(?:[ \t]*\n)?\Z", re.M)

_HTML_MARKERS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("gmail_quote", "reply", re.compile(r"<div[^>]*class=[\"']?[^\"'>]*gmail_quote", re.I)),
    (
        "divRplyFwdMsg",
        "reply",
        re.compile(r"<(?:div|hr)[^>]*id=[\"']?(?:divRplyFwdMsg|appendonsend|stopSpelling)", re.I),
    ),
    (
        "outlook-border",
        "reply",
        re.compile(
            r"<div[^>]*style=[\"'][^\"']*border-top:\s*solid\s*#?[0-9a-f]{6}\s*1\.0pt", re.I
        ),
    ),
    (
        "quoted-class",
        "reply",
        re.compile(
            r"<div[^>]*class=[\"']?[^\"'>]*(?:yahoo_quoted|moz-cite-prefix|OutlookMessageHeader)",
            re.I,
        ),
    ),
    ("blockquote", "reply", re.compile(r"<blockquote\b", re.I)),
    ("zimbra-rule", "reply", re.compile(r"<hr[^>]*id=[\"']?zwchr", re.I)),
    (
        "html-quoted-lines",
        "quote",
        re.compile(r"&gt;[^<\n]*(?:<br\s*/?>|\n)\s*&gt;[^<\n]*(?:<br\s*/?>|\n)", re.I),
    ),
    (
        "html-original",
        "reply",
        re.compile(r"-{2,}\s*(?:Original Message|Forwarded message)\s*-{2,}", re.I),
    ),
    ("html-forward", "forward", re.compile(r"Begin forwarded message:", re.I)),
    (
        "html-on-wrote",
        "reply",
        re.compile(r"\bOn\s[^<>]{1,250}?(?:<[^>]{0,300}>[^<>]{0,200}?){0,6}wrote:", re.I),
    ),
    (
        "html-from-sent",
        "reply",
        re.compile(r"<b>\s*From:\s*</b>[^\n]{0,600}?<b>\s*(?:Sent|Date):\s*</b>", re.I | re.S),
    ),
)

# Tags whose opening should carry the trail's start back to them (so that stripping at the
# offset leaves no half of an attribution behind).
_OPEN_TAG_BEFORE = re.compile(r"<(?:div|p|span|font)\b[^<>]*>\s*(?:<[^<>/]+>\s*)*\Z", re.I)


@dataclass(frozen=True, slots=True)
class Trail:
    """A quoted trail: `start`..`end` are offsets in the part's text (or HTML source)."""

    start: int
    end: int
    marker: str
    kind: str  # "reply" | "forward" | "quote"


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


# What each text marker's pattern cannot match without (the pattern is then not run: the same
# answer, without the ~0.2 ms each of Python's re trying a line-anchored pattern at every
# position of a 20 KB body). (case-insensitive?, any of these substrings).
_TEXT_MARKER_NEEDS: dict[str, tuple[bool, tuple[str, ...]]] = {
    "outlook-original": (True, ("original message",)),
    "forwarded-message": (True, ("forwarded message",)),
    "apple-forward": (True, ("begin forwarded message:",)),
    "on-wrote": (False, ("wrote:",)),
    "foreign-wrote": (False, ("schrieb", "escribió", "a écrit", "ha scritto", "schreef", "skrev")),
    "underscore-rule": (False, ("_" * 20,)),
}
# outlook-header-block's second line: a line starting (after blanks and a '*') with one of its
# field names. Unanchored and starting with a literal newline, so re finds it quickly.
_HEADER_BLOCK_NEEDS = re.compile(r"\n[ \t]*\*?(?:Sent|Date|Gesendet|Datum|Envoyé)\*?:")
# The only characters that Python's re.IGNORECASE matches to an ASCII letter without being one
# (İ ı ſ and the Kelvin sign): where one is present, the lower-cased text is no guide and the
# case-insensitive patterns are all run (a test checks the list against every code point).
_IGNORECASE_ODD = ("\u0130", "\u0131", "\u017f", "\u212a")


def _needs_met(name: str, text: str, lowered: str | None) -> bool:
    need = _TEXT_MARKER_NEEDS.get(name)
    if need is None:
        if name == "outlook-header-block":
            return _HEADER_BLOCK_NEEDS.search(text) is not None
        return True
    folded, words = need
    if folded:
        if lowered is None:
            return True
        return any(w in lowered for w in words)
    return any(w in text for w in words)


def _first_quoted_line(text: str) -> int:
    """The start of the first line that begins (after blanks) with '>', or -1 (0 after many
    '>' inside lines: the search then simply starts at the beginning)."""
    i = text.find(">")
    for _ in range(1000):
        if i == -1:
            return -1
        j = i
        while j > 0 and text[j - 1] in " \t":
            j -= 1
        if j == 0 or text[j - 1] == "\n":
            return j
        i = text.find(">", i + 1)
    return 0


def find_trail_text(text: str) -> Trail | None:
    """The earliest quoted trail in a plain-text body, or None.

    A marker's pattern runs only where the text holds what it needs (`_TEXT_MARKER_NEEDS`), and
    the quoted-lines search starts at the first line that begins with '>': the same result as
    running every pattern over the whole text (tests compare the two on fixtures and generated
    bodies), at a fraction of the cost.
    """
    lowered = None if any(c in text for c in _IGNORECASE_ODD) else text.lower()
    candidates: list[Trail] = []
    for name, kind, pattern in _TEXT_MARKERS:
        if not _needs_met(name, text, lowered):
            continue
        m = pattern.search(text)
        if m:
            start = _line_start(text, m.start())
            if start == 0 and name == "outlook-header-block" and not text[m.end() :].strip():
                continue
            candidates.append(Trail(start, len(text), name, kind))
    first_quoted = _first_quoted_line(text)
    m = _QUOTED_RUN.search(text, first_quoted) if first_quoted >= 0 else None
    if m:
        start = m.start()
        before = text[:start]
        # The attribution is the one line ending in ':' just before the quote; only one within
        # 300 characters counts, so the search need not start earlier ('^' and '\Z' are the
        # text's own line starts and end, whatever the start position).
        attribution = _ATTRIBUTION.search(before, max(0, len(before) - 300))
        if attribution and len(before) - attribution.start() < 300:
            start = attribution.start()
        candidates.append(Trail(start, len(text), "quoted-lines", "quote"))
    if not candidates:
        found = _quotequail_start(text)
        if found is not None:
            candidates.append(found)
    if not candidates:
        return None
    return min(candidates, key=lambda t: t.start)


# quotequail.quote's patterns (quotequail/_patterns.py: REPLY_PATTERNS, FORWARD_PATTERNS) each
# need one of these on the line or the next (it joins two): "On ... wrote:", "Am ... schrieb",
# "---- Original Message ----", "Begin forwarded message:", a 32-underscore rule, Gmail's
# "2026/11/25 Name <a@b>". Without any of them it is not asked. (A "From:" line is not one of
# its patterns: header blocks are our own `outlook-header-block` marker.)
_HINT_WORDS = (
    "wrote", "schrieb", "écrit", "escribi", "написал", "skrev", "escreveu", "schreef",
    "geschreven", "forwarded", "weitergeleitet", "réexpédié", "reenviado", "doorgestuurd",
    "vidarebefordrat", "original", "ursprüngliche", "oorspronkelijk", "origineel", "transféré",
    "пересылаемое", "_" * 32,
)  # fmt: skip
_GMAIL_DATE = re.compile(r"\d{4}/\d{1,2}/\d{1,2}")
# The same as one regular expression: used when lower-casing changes the text's length. (As the
# main test it took ~10 ms on a 20 KB body: Python's re is slow on a long case-insensitive
# alternation; str.find on the lower-cased text takes ~0.4 ms.)
_QUOTEQUAIL_HINT = re.compile(
    "|".join(re.escape(w) for w in _HINT_WORDS) + r"|\d{4}/\d{1,2}/\d{1,2}", re.I
)


def _quotequail_hints(text: str) -> list[int]:
    """Offsets of the words quotequail's patterns need (at most QUOTEQUAIL_MAX_HINTS)."""
    lowered = text.lower()
    if len(lowered) != len(text):
        return [m.start() for m in _QUOTEQUAIL_HINT.finditer(text)][:QUOTEQUAIL_MAX_HINTS]
    found: list[int] = []
    for word in _HINT_WORDS:
        i = lowered.find(word)
        while i != -1 and len(found) < 4 * QUOTEQUAIL_MAX_HINTS:
            found.append(i)
            i = lowered.find(word, i + 1)
    i = text.find("/")
    while i != -1 and len(found) < 4 * QUOTEQUAIL_MAX_HINTS:
        if i >= 4 and _GMAIL_DATE.match(text, i - 4):
            found.append(i - 4)
        i = text.find("/", i + 1)
    return sorted(found)[:QUOTEQUAIL_MAX_HINTS]


def _quotequail_start(text: str) -> Trail | None:
    """quotequail's reply/forward patterns, asked only where they can match.

    quotequail tries every pattern on every line, joined with the next one (MAX_WRAP_LINES = 2):
    a 20 KB body took ~100 ms. A match on line n needs a hint word on line n or n + 1, so it
    is given, in order, only the three lines around each line with a hint word: the first
    window that matches gives the same (earliest) line as a run over the whole text.
    """
    hints = _quotequail_hints(text)
    if not hints:
        return None
    lines = text.split("\n")
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    for h in sorted({bisect.bisect_right(offsets, pos) - 1 for pos in hints}):
        lo = max(0, h - 1)
        window = "\n".join(lines[lo : h + 2])
        try:
            parts = quotequail.quote(window, limit=10**9, quote_intro_line=True)
        except Exception:  # noqa: BLE001 - a third-party parser must not stop the check
            return None
        if len(parts) < 2:
            continue
        start = offsets[lo] + len(window) - len(parts[1][1])
        kind = "reply"
        try:
            following = text[start:].split("\n", QUOTEQUAIL_UNWRAP_LINES)[:QUOTEQUAIL_UNWRAP_LINES]
            unwrapped = quotequail.unwrap("\n".join(following))
        except Exception:  # noqa: BLE001
            unwrapped = None
        if unwrapped and unwrapped.get("type") == "forward":
            kind = "forward"
        return Trail(min(start, len(text)), len(text), "quotequail", kind)
    return None


def find_trail_html(html: str) -> Trail | None:
    """The earliest quoted trail in an HTML body (offsets into the HTML source), or None."""
    best: Trail | None = None
    for name, kind, pattern in _HTML_MARKERS:
        m = pattern.search(html)
        if m and (best is None or m.start() < best.start):
            start = m.start()
            if html[start] != "<":
                # Text marker: move back to the opening tag of the element that holds it.
                back = _OPEN_TAG_BEFORE.search(html, max(0, start - 400), start)
                if back:
                    start = back.start()
            best = Trail(start, len(html), name, kind)
    return best


def subject_prefix(subject: str) -> str | None:
    """ "re", "fw", ... when the subject starts with a reply or forward prefix."""
    m = SUBJECT_PREFIX.match(subject or "")
    return m.group(1).lower() if m else None


@dataclass(frozen=True, slots=True)
class ReplyForward:
    is_reply: bool
    is_forward: bool
    reasons: tuple[str, ...]


def reply_or_forward(msg: EmailMessage, trail: Trail | None) -> ReplyForward:
    """Whether the message replies to or forwards another, and how that was seen."""
    reasons = []
    reply = forward = False
    if msg.get("In-Reply-To"):
        reply = True
        reasons.append("In-Reply-To header")
    if msg.get("References"):
        reply = True
        reasons.append("References header")
    prefix = subject_prefix(str(msg.get("Subject", "") or ""))
    if prefix:
        if prefix in FORWARD_PREFIXES:
            forward = True
        else:
            reply = True
        reasons.append(f"subject starts with {prefix.upper()}:")
    if trail is not None:
        if trail.kind == "forward":
            forward = True
        else:
            reply = True
        reasons.append(f"quoted trail ({trail.marker})")
    return ReplyForward(reply, forward, tuple(reasons))


_HEADER_LINE = re.compile(
    r"^[\s>*]*(?:from|sent|to|cc|bcc|date|subject|reply-to|von|gesendet|an|betreff|datum|de|"
    r"envoyé|à|objet)\*?\s*:",
    re.I,
)


def trail_content(trail_text: str) -> str:
    """The quoted text without its attribution line and From/Sent/To header block.

    Those name the correspondents, who are professionals; what EMAIL-6 cares about is what the
    trail says about service users.
    """
    lines = trail_text.splitlines()
    i = 1 if lines else 0  # the marker or attribution line
    while i < len(lines) and (not lines[i].strip(" >\t") or _HEADER_LINE.match(lines[i])):
        i += 1
    return "\n".join(lines[i:])


def strip_html_trail(html: str, trail: Trail) -> str:
    return html[: trail.start]


def html_parts_text(html: str, trail: Trail | None) -> tuple[str, str]:
    """(text above the trail, text of the trail) of an HTML body."""
    if trail is None:
        return html_to_text(html), ""
    return html_to_text(html[: trail.start]), html_to_text(html[trail.start :])
