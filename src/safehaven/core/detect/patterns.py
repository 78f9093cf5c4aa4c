"""Pattern recognisers: identifiers, contact details, dates of birth and street addresses.

Each recogniser yields `Span`s with a score decided by validity (checksums from
`safehaven.core.identifiers`) and by context words from data/context.toml: a 10-digit number that
passes the NHS mod-11 check is reported as an NHS number only when NHS words are near, and is
pushed down further by words such as "invoice" or "order".
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from functools import cache
from itertools import accumulate, chain, zip_longest

from safehaven.core.detect.lexicons import (
    register_cache,
    toml_table,
    trie_alternation,
    word_list,
)
from safehaven.core.detect.model import Span
from safehaven.core.detect.recache import compile_cached
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

EMAIL_RE = compile_cached(
    r"(?<![\w.+\-'])[A-Za-z0-9][A-Za-z0-9._%+\-']*@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}\b"
)
# The look-behinds come after the first character (same matches): a pattern that starts with a
# character class lets the regex engine skip quickly to the candidates instead of trying the
# look-behind at every position of the text.
TEN_DIGIT_RE = compile_cached(r"(\d(?<![\w\-/.]\d)\d{2})([ \-]?)(\d{3})\2(\d{4})(?![\w\-/]|\.\d)")
UPN_RE = compile_cached(r"[A-Z](?<![\w][A-Z])\d{11}[A-Z0-9](?![\w])")
NINO_RE = compile_cached(
    r"(?<![\w])[A-Z]{2}[ ]?\d{2}[ ]?\d{2}[ ]?\d{2}[ ]?[A-D](?![\w])", re.IGNORECASE
)
POSTCODE_RE = compile_cached(
    r"(?<![\w])(?:GIR ?0AA|BFPO ?\d{1,4}|[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})(?![\w])", re.IGNORECASE
)
PASSPORT_RE = compile_cached(r"\d(?<![\w]\d)\d{8}(?![\w])")
DRIVING_RE = compile_cached(
    r"[A-Z9](?<![\w][A-Z9])[A-Z9]{4}\d{6}[A-Z9]{2}\d[A-Z]{2}(?:\s?\d{2})?(?![\w])"
)
# Phone numbers: a + or ( or digit, then digits with spaces, dots, dashes, brackets; an extension.
PHONE_RE = compile_cached(
    r"(?<![\w+\-/.])(?:\+|00)?\(?\d[\d \-.()]{5,18}\d(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w\-/]|\.\d)"
)
# The same matches, written to start with a character class so that the regex engine skips to
# "+", "(" and digits in C instead of trying the look-behind at every position: the first
# character is taken, then each way PHONE_RE can begin is tried in PHONE_RE's own order ("+",
# "00", "(", a digit). tests/core/detect_perf checks the two agree.
_PHONE_FAST_RE = compile_cached(
    r"[+(\d](?<![\w+\-/.].)"
    r"(?:(?<=\+)\(?\d|(?<=0)0\(?\d|(?<=\()\d|(?<=\d))"
    r"[\d \-.()]{5,18}\d(?:\s?(?:x|ext\.?)\s?\d{1,5})?(?![\w\-/]|\.\d)"
)

_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DATE_RE = compile_cached(
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
_DOB_FILLER = compile_cached(
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
def _dob_cue_starts() -> re.Pattern[str] | None:
    """Where a birth cue can start, when every cue is "\\b" and a plain letter ("\\bborn\\b"):
    that letter, in either case, not after a word character. None when a cue is written any
    other way (then the cue pattern runs over the whole text). The letters i, k and s are left
    out on purpose: case-insensitive matching also takes "ı", "K" (kelvin) and "ſ" for them."""
    letters: set[str] = set()
    for cue in toml_table("dob.toml").get("cues", []):
        if (
            len(cue) < 4
            or not cue.startswith("\\b")
            or not ("a" <= cue[2].lower() <= "z")
            or cue[2].lower() in "iks"
            or cue[3] in "?*+{"
            or "|" in cue
        ):
            return None
        letters.update((cue[2].lower(), cue[2].upper()))
    if not letters:
        return None
    return compile_cached("[" + "".join(sorted(letters)) + "](?<![\\w].)")


@register_cache
@cache
def _dob_cue_fast_re() -> re.Pattern[str] | None:
    """_dob_cue_re() written to start with the class of the cues' first letters (when every
    cue is "\\b" and a plain letter, see _dob_cue_starts; None otherwise): the regex engine
    skips in C to those letters, and each cue is then tried in its own order with its first
    letter already taken ("(?<=d)\\.?\\s?o..." for "\\bd\\.?\\s?o..."), the "\\b" being the
    look-behind after the class. The same matches as _dob_cue_re(), found in one scan instead
    of a regex match at every word starting with one of those letters."""
    starts = _dob_cue_starts()
    if starts is None:
        return None
    cues = toml_table("dob.toml").get("cues", [])
    letters = starts.pattern[: starts.pattern.index("]") + 1]
    alts = "|".join(f"(?<={cue[2]})(?:{cue[3:]})" for cue in cues)
    return compile_cached(f"(?-i:{letters})(?<![\\w].)(?:{alts})", re.IGNORECASE)


@register_cache
@cache
def _dob_cue_letter_res() -> tuple[re.Pattern[str], ...] | None:
    """_dob_cue_fast_re() split by its first letter: one pattern for each letter (as it is
    written, "d" and "D" apart), each with all the cues in their order. A pattern that starts
    with one plain character is searched for as fast as a string (a class of several costs the
    regex engine a test at every character), so these scans together cost less than one."""
    fast = _dob_cue_fast_re()
    starts = _dob_cue_starts()
    if fast is None or starts is None:
        return None
    letters = starts.pattern[1 : starts.pattern.index("]")]
    rest = fast.pattern[fast.pattern.index("(?<![\\w].)") :]
    return tuple(compile_cached(f"(?-i:{c}){rest}", re.IGNORECASE) for c in letters)


def _dob_cues(text: str) -> Iterator[re.Match[str]]:
    """_dob_cue_re().finditer(text), tried only where a cue can start."""
    fast = _dob_cue_fast_re()
    if fast is not None:
        yield from _dob_cues_by_letter(text, fast)
        return
    cue_re = _dob_cue_re()
    starts = _dob_cue_starts()
    if starts is None:
        yield from cue_re.finditer(text)
        return
    match = cue_re.match
    last_end = 0
    for s in starts.finditer(text):
        at = s.start()
        if at >= last_end and (m := match(text, at)) is not None:
            yield m
            last_end = m.end()


# Shorter texts are scanned once with the class: each scan has a fixed cost, and several
# literal-led scans cost less than one class-led scan only over a few thousand characters.
_BY_LETTER_FROM = 3000


def _dob_cues_by_letter(text: str, fast: re.Pattern[str]) -> list[re.Match[str]]:
    """fast.finditer(text), from one scan for each first letter (_dob_cue_letter_res).

    Each letter's scan finds, left to right, that letter's matches, skipping places inside
    its own last match. Put in order, they are fast.finditer's matches unless one overlaps
    another: each match in order is then the first place where the pattern matches after the
    one before (a place of the same letter skipped by its scan lies inside a match of that
    letter, found and kept). When two overlap ("b." inside "d.o.b."), the matches are taken
    one at a time: the first, after the last one's end, of each letter's next match."""
    per_letter = _dob_cue_letter_res()
    if per_letter is None or len(text) < _BY_LETTER_FROM:
        return list(fast.finditer(text))
    found: list[re.Match[str]] = []
    for pattern in per_letter:
        found.extend(pattern.finditer(text))
    found.sort(key=_match_start)
    end = 0
    for m in found:
        if m.start() < end:
            return _first_of_each(text, per_letter)
        end = m.end()
    return found


def _first_of_each(text: str, patterns: tuple[re.Pattern[str], ...]) -> list[re.Match[str]]:
    """The matches finditer finds for the alternation of `patterns`, each of which matches
    only where the others do not (a different first character) and never matches empty:
    from each place, the first match of any of them."""
    nxt = [p.search(text) for p in patterns]
    out: list[re.Match[str]] = []
    while True:
        first = None
        for m in nxt:
            if m is not None and (first is None or m.start() < first.start()):
                first = m
        if first is None:
            return out
        out.append(first)
        pos = first.end()
        for i, m in enumerate(nxt):
            if m is not None and m.start() < pos:
                nxt[i] = patterns[i].search(text, pos)


def _match_start(m: re.Match[str]) -> int:
    return m.start()


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


@register_cache
@cache
def _context_fast_res(entity: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    """_context_res(entity), same matches, faster: the class of the words' first characters
    comes first, so the regex engine skips in C to the places a word can start, and the words
    are a trie (`lexicons.trie_alternation`: the longest word whose continuation succeeds wins,
    as in the plain alternation sorted longest first), so each place is read once instead of
    trying every word in turn. tests/core/detect_perf/test_patterns_fast.py checks they agree."""
    table = toml_table("context.toml").get(entity, {})

    def build(words: list[str], which: int) -> re.Pattern[str] | None:
        if not words:
            return None  # as _context_res (which would compile the other list's pattern too)
        if not all(words):
            # an empty word (a mistake in the file) matches as it always did; the plain
            # patterns are compiled only then (they were compiled at every start, unused)
            return _context_res(entity)[which]
        by_first: dict[str, list[str]] = {}
        for w in sorted({w.lower() for w in words}):
            by_first.setdefault(w[0], []).append(w[1:])
        firsts = "".join(re.escape(c) for c in by_first)
        alts = "|".join(
            f"(?<={re.escape(c)}){trie_alternation(rests)}" for c, rests in by_first.items()
        )
        # kept between processes (the words are sorted: the same text in every process)
        return compile_cached(f"[{firsts}](?<![a-z0-9].)(?:{alts})(?![a-z0-9])")

    return build(table.get("positive", []), 0), build(table.get("negative", []), 1)


def _window(text: str, start: int, end: int, size: int = WINDOW) -> tuple[str, str]:
    before = text[max(0, start - size) : start].lower()
    after = text[end : end + size // 3].lower()
    return before, after


def _context(text: str, start: int, end: int, entity: str) -> tuple[str | None, str | None]:
    """The positive and the negative context word nearest the candidate, if any."""
    pos_re, neg_re = _context_fast_res(entity)
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


# A candidate scored by its context words: start, end, entity, base score, score with a
# positive word, score with a negative word, and why it is a candidate.
Candidate = tuple[int, int, str, float, float, float, str]


def _span(text: str, c: Candidate, pos: str | None, neg: str | None) -> Span:
    start, end, entity, base, high, low, why = c
    if pos is not None:
        score, why = high, f"{why}; raised by context word '{pos}'"
    elif neg is not None:
        score, why = low, f"{why}; lowered by context word '{neg}'"
    else:
        score, why = base, f"{why}; no context words nearby"
    return Span(entity, start, end, score, text[start:end], why)


def _scored(
    text: str, m_start: int, m_end: int, entity: str, base: float, high: float, low: float, why: str
) -> Span:
    c = (m_start, m_end, entity, base, high, low, why)
    return _span(text, c, *_context(text, m_start, m_end, entity))


def _scored_each(text: str, candidates: Iterator[Candidate]) -> Iterator[Span]:
    for c in candidates:
        yield _span(text, c, *_context(text, c[0], c[1], c[2]))


@register_cache
@cache
def _context_batchable(entity: str) -> bool:
    """Whether _contexts may look for `entity`'s words in all its windows at once, the windows
    joined by NUL characters: the fast patterns are tries (no empty word) and no word holds
    a NUL, so no match runs across two windows and a NUL is, to the patterns, what the start
    or the end of a window is."""
    table = toml_table("context.toml").get(entity, {})
    words = [*table.get("positive", []), *table.get("negative", [])]
    return all(w and "\x00" not in w for w in words)


def _score_all(text: str, candidates: list[Candidate]) -> list[Span]:
    """[_scored(text, *c) for c in candidates], the context words of each entity's candidates
    looked for in one pass over their windows joined (see _contexts)."""
    by_entity: dict[str, list[int]] = {}
    for i, c in enumerate(candidates):
        by_entity.setdefault(c[2], []).append(i)
    found: list[tuple[str | None, str | None]] = [(None, None)] * len(candidates)
    for entity, idxs in by_entity.items():
        cands = [candidates[i] for i in idxs]
        contexts = None
        if len(idxs) > 1 and _context_batchable(entity):
            contexts = _contexts(text, [(c[0], c[1]) for c in cands], entity)
        if contexts is None:
            contexts = [_context(text, c[0], c[1], entity) for c in cands]
        for i, ctx in zip(idxs, contexts, strict=True):
            found[i] = ctx
    return [_span(text, c, pos, neg) for c, (pos, neg) in zip(candidates, found, strict=True)]


def _joined_lower(parts: list[str]) -> tuple[str, list[int]] | None:
    """The parts joined by NULs and lower-cased, and where each part starts; None when
    lower-casing changes a length ("İ"), so that positions would not carry over. Otherwise
    the result is the parts lower-cased one by one and joined: case mappings act character
    by character, and the one that looks at neighbours (a final sigma) sees a NUL as it sees
    the start or the end of a string."""
    joined = "\x00".join(parts)
    low = joined.lower()
    if len(low) != len(joined):
        return None
    starts = []
    at = 0
    for part in parts:
        starts.append(at)
        at += len(part) + 1
    return low, starts


def _contexts(
    text: str, spans: list[tuple[int, int]], entity: str
) -> list[tuple[str | None, str | None]] | None:
    """[_context(text, start, end, entity) for start, end in spans], each pattern run once over
    all the windows joined instead of once per window (the per-call overhead was most of the
    cost); None when the windows cannot be joined (see _joined_lower)."""
    pos_re, neg_re = _context_fast_res(entity)
    before = _joined_lower([text[max(0, s - WINDOW) : s] for s, _ in spans])
    if before is None:
        return None
    low, starts = before
    n = len(spans)
    pos_m: list[re.Match[str] | None] = [None] * n
    neg_m: list[re.Match[str] | None] = [None] * n
    # The last match in each window (finditer, as _context does, window by window).
    if pos_re is not None:
        for m in pos_re.finditer(low):
            pos_m[bisect_right(starts, m.start()) - 1] = m
    if neg_re is not None:
        for m in neg_re.finditer(low):
            neg_m[bisect_right(starts, m.start()) - 1] = m
    # Where no positive word comes before, the first one after the candidate.
    after_m: dict[int, re.Match[str]] = {}
    need = [k for k in range(n) if pos_m[k] is None] if pos_re is not None else []
    if need:
        after = _joined_lower([text[spans[k][1] : spans[k][1] + WINDOW // 3] for k in need])
        if after is None:
            return None
        low_after, after_starts = after
        for m in pos_re.finditer(low_after):  # type: ignore[union-attr]
            k = need[bisect_right(after_starts, m.start()) - 1]
            after_m.setdefault(k, m)
    out: list[tuple[str | None, str | None]] = []
    for k in range(n):
        pos = neg = None
        pos_at = neg_at = -1
        if (pm := pos_m[k]) is not None:
            pos, pos_at = pm.group(), pm.end() - starts[k]
        elif (am := after_m.get(k)) is not None:
            pos = am.group()
        if (nm := neg_m[k]) is not None:
            neg, neg_at = nm.group(), nm.end() - starts[k]
        if pos is not None and neg is not None:
            if neg_at > pos_at:
                pos = None
            else:
                neg = None
        out.append((pos, neg))
    return out


def find_emails(text: str) -> Iterator[Span]:
    for m in _email_matches(text):
        yield Span("EMAIL_ADDRESS", m.start(), m.end(), 0.98, m.group(), "email address pattern")


_LOCAL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._%+-'")


def _email_matches(text: str) -> Iterator[re.Match[str]]:
    """EMAIL_RE.finditer(text), tried only just before each "@".

    A match holds exactly one "@", and everything before it is a run of _LOCAL_CHARS, so it
    starts inside the run that ends at that "@": at the run's start or right after a "%" (the
    only local character the look-behind allows before a match). The first of those places where
    EMAIL_RE matches is where finditer would find it; none matching, no match holds that "@".
    """
    pos = 0
    at = text.find("@")
    match = EMAIL_RE.match
    while at >= 0:
        start = at
        while start > pos and text[start - 1] in _LOCAL_CHARS:
            start -= 1
        found = None
        for q in range(start, at):
            if (q == start or text[q - 1] == "%") and (found := match(text, q)) is not None:
                break
        if found is not None:
            yield found
            pos = found.end()
        else:
            pos = at + 1
        at = text.find("@", pos)


# Runs of six or more digits: each is found whole (finditer reaches a run at its first digit and
# the repeat is greedy). A passport number is such a run of nine digits, a UPN's digits one of
# eleven or twelve, a driving licence's six digits lie in one.
_LONG_DIGITS_RE = compile_cached(r"\d{6,}")

# Every run of digits, found whole: `\d+`'s matches. Written to start with a class of two plain
# ranges (ASCII digits, and everything from U+0660, the first decimal digit after them), which
# the regex engine tests much faster than `\d`; the look-behind then keeps real digits only.
# One scan of this replaces the whole-text scans of the ten-digit, phone, house-number and NI
# number/postcode anchor patterns: each of their matches starts at a run's first or last digit
# (see _digit_anchors). tests/core/detect_perf/test_patterns_fast.py checks the two agree.
_DIGIT_RUN_RE = compile_cached(r"[0-9\u0660-\U0010ffff](?<=\d)\d*")


# The digit runs of a text of one byte a character (see _one_byte_a_char): in it every digit
# becomes "0" and everything else a space (_RUN_TABLE), or every digit a space and everything
# else an "x" (_GAP_TABLE); splitting each at its spaces gives the lengths of the runs and of
# the gaps between them, all in C.
_RUN_TABLE = bytes(0x30 if 0x30 <= i <= 0x39 else 0x20 for i in range(256))
_GAP_TABLE = bytes(0x20 if 0x30 <= i <= 0x39 else 0x78 for i in range(256))
# The high bytes (UTF-16) of U+0000 to U+05FF and U+2000 to U+20FF (typographic quotes and
# dashes, the euro sign), where the only decimal digits are the ASCII ones; the first decimal
# digit beyond them is U+0660. tests/core/detect_perf/test_patterns_fast.py checks this.
_HIGH_BYTES_WITHOUT_DIGITS = bytes(range(6)) + b"\x20"


def _one_byte_a_char(text: str) -> bytes | None:
    """`text` as bytes of one byte a character in which the decimal digits are the bytes of
    "0" to "9", or None: Latin-1 (no decimal digit beyond ASCII in it) or, when every character
    lies in U+0000 to U+05FF or U+2000 to U+20FF, ASCII with "?" for the others."""
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        pass
    try:
        high = text.encode("utf-16-le")[1::2]  # (a character beyond U+FFFF: a surrogate's byte)
    except UnicodeEncodeError:  # a lone surrogate
        return None
    if high.translate(None, _HIGH_BYTES_WITHOUT_DIGITS):
        return None
    return text.encode("ascii", "replace")


# "Not computed" (the empty text's bytes are b"" too: they are then computed again, harmlessly).
_NO_BYTES = b""


def _digit_runs(text: str, enc: bytes | None = _NO_BYTES) -> list[tuple[int, int]]:
    """Every run of digits, as (start, end): `\\d+`'s matches. For most texts in C (see
    _one_byte_a_char, whose result `enc` is, when given): the lengths of the runs and of the
    gaps between them, interleaved in the order of the text and added up, are the runs'
    starts and ends."""
    if enc is _NO_BYTES:
        enc = _one_byte_a_char(text)
    if enc is None:
        return [m.span() for m in _DIGIT_RUN_RE.finditer(text)]
    runs = list(map(len, enc.translate(_RUN_TABLE).split()))
    if not runs:
        return []
    gaps = map(len, enc.translate(_GAP_TABLE).split())
    if 0x30 <= enc[0] <= 0x39:
        ends = accumulate(chain.from_iterable(zip_longest(runs, gaps, fillvalue=0)), initial=0)
    else:
        ends = accumulate(chain.from_iterable(zip_longest(gaps, runs, fillvalue=0)))
    bounds = list(ends)
    return list(zip(bounds[0::2], bounds[1::2], strict=False))[: len(runs)]


def _digit_runs_plain(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _DIGIT_RUN_RE.finditer(text)]


def _long_digit_runs(text: str, runs: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    if runs is None:
        return [m.span() for m in _LONG_DIGITS_RE.finditer(text)]
    return [r for r in runs if r[1] - r[0] >= 6]


def find_upns(text: str, *, runs: list[tuple[int, int]] | None = None) -> Iterator[Span]:
    if runs is None:
        runs = _long_digit_runs(text)
    return _scored_each(text, _upn_candidates(text, runs))


def _upn_candidates(text: str, runs: list[tuple[int, int]]) -> Iterator[Candidate]:
    # The capital before eleven or twelve digits; the match (13 characters) and its look-ahead.
    anchors = [s - 1 for s, e in runs if e - s in (11, 12) and s]
    for m in _near(UPN_RE, text, anchors, 0, 14):
        if is_valid_upn(m.group()):
            yield (m.start(), m.end(), "UK_UPN", 0.9, 0.99, 0.6, "UPN with a valid check letter")


# Where a NI number or a postcode can be: six digits (spaces between pairs) after a letter or a
# letter and a space for a NI number, a digit and two letters (the inward code, "0AA" of
# "GIR 0AA") for a postcode. Look-arounds, so that every such place is found (none hides the
# next); a digit first, so that the regex engine skips to digits in C.
_NINO_OR_INWARD_RE = compile_cached(
    r"\d(?:(?=[^\W\d_]{2})"
    r"|(?<=[^\W\d_]\d)(?=(\d) ?\d\d ?\d\d)"
    r"|(?<=[^\W\d_] \d)(?=(\d) ?\d\d ?\d\d))"
)
_BFPO_RE = compile_cached(r"[Bb][Ff][Pp][Oo]")


def _anchors(
    text: str, runs: list[tuple[int, int]] | None = None, enc: bytes | None = _NO_BYTES
) -> tuple[list[int], list[int]]:
    """Places where a NI number's digits or a postcode's inward code (or "BFPO") start.

    The NI number and inward-code places are those _NINO_OR_INWARD_RE.finditer finds, tried only
    at the digit runs' ends, and only when the characters next to the run allow it: the NI
    number branches need a letter (perhaps then a space) before the run's first digit and two,
    four (each then a space) or six or more digits in the run; the inward code's digit ends a
    run and has two letters after it (a letter here is str.isalnum, which takes in
    `[^\\W\\d_]`). "BFPO" (any case) is a place only when a digit follows it, perhaps after
    a space, as in every postcode it starts: checked at each run, not by lower-casing the text.
    """
    if runs is None:
        runs = _digit_runs(text)
    if enc is _NO_BYTES:
        enc = _one_byte_a_char(text)
    if enc is not None:
        return _anchors_from_bytes(text, enc)
    match = _NINO_OR_INWARD_RE.match
    # A run of two or more digits: a match at its first digit is a NI number's (the inward
    # code's branch needs letters after that digit), one at its last digit an inward code's
    # (the NI number's branches need a letter or a space before it). A run of one digit can
    # only be an inward code's.
    nino = [
        s
        for s, e in runs
        if s
        and (e - s >= 6 or ((e - s == 2 or e - s == 4) and text[e : e + 1] == " "))
        and ((b := text[s - 1]) == " " or b.isalnum())
        and match(text, s) is not None
    ]
    inward = [e - 1 for _, e in runs if text[e : e + 1].isalnum() and match(text, e - 1)]
    bfpo = _BFPO_RE.match
    before_digits = [
        s - 4 if b != " " else s - 5
        for s, _ in runs
        if s >= 4
        and ((b := text[s - 1]) in "oO" or (b == " " and s >= 5 and text[s - 2] in "oO"))
        and bfpo(text, s - 4 if b != " " else s - 5)
    ]
    if before_digits:
        inward = sorted(inward + before_digits)
    return nino, inward


# _one_byte_a_char's bytes with each byte replaced by its kind: an ASCII digit "0", a space
# " ", anything that may be a letter "a" (ASCII letters, and every byte beyond ASCII or "?",
# which may stand for a letter beyond Latin-1), anything else ".".
_KIND_TABLE = bytes(
    0x30
    if 0x30 <= i <= 0x39
    else 0x20
    if i == 0x20
    else 0x61
    if (0x41 <= i <= 0x5A or 0x61 <= i <= 0x7A or i >= 0x80 or i == 0x3F)
    else 0x2E
    for i in range(256)
)
# In those kinds, a superset of _NINO_OR_INWARD_RE's places: a digit before two letters (an
# inward code), or the first digit of a NI number's six (after a letter, or a letter and a
# space), marked by the empty group. Each begins with the literal "0", which the regex engine
# searches for as fast as a string.
_NINO_OR_INWARD_KINDS_RE = compile_cached(rb"0(?:(?=aa)|(?:(?<=a0)|(?<=a 0))(?=0 ?00 ?00)())")


def _anchors_from_bytes(text: str, enc: bytes) -> tuple[list[int], list[int]]:
    """_anchors(text), from the text's bytes (_one_byte_a_char, in which the decimal digits are
    ASCII): each place the kinds pattern finds is kept when _NINO_OR_INWARD_RE matches there
    (a place of its inward-code branch is the last digit of a run before a letter, one of its NI
    number branches the first digit of a run after a letter or a letter and a space, which
    takes two, four (each then a space) or six or more digits: the places _anchors keeps);
    "BFPO" is looked for only when the text holds it."""
    match = _NINO_OR_INWARD_RE.match
    nino: list[int] = []
    inward: list[int] = []
    for m in _NINO_OR_INWARD_KINDS_RE.finditer(enc.translate(_KIND_TABLE)):
        at = m.start()
        if match(text, at) is not None:
            (inward if m.lastindex is None else nino).append(at)
    low = enc.lower()  # (ASCII letters only: "BFPO" is written in ASCII letters)
    at = low.find(b"bfpo")
    if at < 0:
        return nino, inward
    more: list[int] = []
    bfpo = _BFPO_RE.match
    while at >= 0:
        digit = at + 5 if low[at + 4 : at + 5] == b" " else at + 4
        if digit < len(low) and 0x30 <= low[digit] <= 0x39 and bfpo(text, at):
            more.append(at)
        at = low.find(b"bfpo", at + 1)
    if more:
        inward = sorted(inward + more)
    return nino, inward


def _near(
    pattern: re.Pattern[str], text: str, anchors: list[int], before: int, after: int
) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), searched only around `anchors` (sorted positions).

    For a pattern each of whose matches holds an anchor (a place its anchor regex matches),
    starting at most `before` characters before it and ending, look-ahead included, at most
    `after` characters after it. Each window (an anchor widened by those margins, overlapping
    windows joined) then holds every match starting in it, with all the text the match and its
    look-arounds read (look-behinds see the text before a window), and no match starts outside
    the windows: the same matches in the same order, without trying every position of the text.
    """
    lo = hi = -1
    for at in anchors:
        if at - before <= hi:
            hi = at + after
            continue
        if hi >= 0:
            yield from pattern.finditer(text, lo, hi)
        lo, hi = max(0, at - before), at + after
    if hi >= 0:
        yield from pattern.finditer(text, lo, hi)


def find_ninos(text: str, *, anchors: list[int] | None = None) -> Iterator[Span]:
    if anchors is None:
        anchors = _anchors(text)[0]
    return _scored_each(text, _nino_candidates(text, anchors))


def _nino_candidates(text: str, anchors: list[int]) -> Iterator[Candidate]:
    # Two letters and a space before the digits; the digits, a space, the letter, the look-ahead.
    for m in _near(NINO_RE, text, anchors, 3, 11):
        value = m.group()
        if value != value.upper() and value != value.lower():
            continue
        if is_valid_nino(value.upper()):
            yield (m.start(), m.end(), "UK_NINO", 0.85, 0.98, 0.5, "valid NI number format")


def _at_starts(pattern: re.Pattern[str], text: str, starts: list[int]) -> Iterator[re.Match[str]]:
    """pattern.finditer(text), for a pattern that matches only at `starts` (sorted positions)
    and never matches empty: tried at each start left to right, skipping those inside the last
    match, which is where finditer, reading on from each match's end, would find its matches."""
    match = pattern.match
    pos = 0
    for at in starts:
        if at >= pos and (m := match(text, at)) is not None:
            yield m
            pos = m.end()


def _ten_digit_starts(runs: list[tuple[int, int]]) -> list[int]:
    """Where TEN_DIGIT_RE can match: the first digit of a run (no word character before it) of
    three digits (then a space or a dash) or of exactly ten (the look-ahead takes no digit)."""
    return [s for s, e in runs if e - s == 3 or e - s == 10]


def find_ten_digit(text: str, *, runs: list[tuple[int, int]] | None = None) -> Iterator[Span]:
    """NHS, ULN, CHI and H&C numbers: one 10-digit string, the type chosen by validity and context.

    Without a context word a valid number is reported only when written in the NHS's 3-3-4 spacing
    (score 0.55); a bare run of ten digits stays below the reporting threshold, so invoice and
    order numbers that happen to pass a mod-11 check are not reported.
    """
    if runs is None:
        runs = _digit_runs(text)
    for group in _ten_digit_candidates(text, runs):
        yield _best(_scored(text, *c) for c in group)


def _best(spans: Iterable[Span]) -> Span:
    """The first of the highest-scored spans."""
    best: Span | None = None
    for span in spans:
        if best is None or span.score > best.score:
            best = span
    assert best is not None
    return best


_TEN_DIGIT_CHECKS = (
    ("UK_NHS", is_valid_nhs, "passes the NHS mod-11 check"),
    ("UK_ULN", is_valid_uln, "passes the ULN check"),
    ("UK_CHI", is_valid_chi, "valid CHI date and check digit"),
    ("UK_HC", is_valid_hc, "H&C number range and mod-11 check"),
)


def _ten_digit_candidates(text: str, runs: list[tuple[int, int]]) -> Iterator[list[Candidate]]:
    """For each ten-digit string that passes a check, one candidate per check it passes (the
    best scored is kept)."""
    for m in _at_starts(TEN_DIGIT_RE, text, _ten_digit_starts(runs)):
        digits = m.group(1) + m.group(3) + m.group(4)
        spaced = m.group(2) == " "
        group: list[Candidate] = []
        for entity, check, why in _TEN_DIGIT_CHECKS:
            if not check(digits):
                continue
            base = 0.4
            if entity == "UK_NHS" and spaced:
                base = 0.55
            elif entity in ("UK_CHI", "UK_HC"):
                base = 0.3
            group.append((m.start(), m.end(), entity, base, 0.97, 0.1, why))
        if group:
            yield group


def find_postcodes(text: str, *, anchors: list[int] | None = None) -> Iterator[Span]:
    # "AB1C " before the inward code at most; "BFPO 1234" and the look-ahead after "BFPO".
    if anchors is None:
        anchors = _anchors(text)[1]
    return _scored_each(text, _postcode_candidates(text, anchors))


def _postcode_candidates(text: str, anchors: list[int]) -> Iterator[Candidate]:
    for m in _near(POSTCODE_RE, text, anchors, 5, 10):
        value = m.group()
        if value != value.upper():
            # Lower-case postcodes are rare in correspondence and collide with words.
            continue
        if value.startswith("BFPO") or is_valid_postcode(value):
            base = 0.9 if " " in value else 0.6
            yield (m.start(), m.end(), "UK_POSTCODE", base, 0.95, base, "postcode")


def find_passports(text: str, *, runs: list[tuple[int, int]] | None = None) -> Iterator[Span]:
    if runs is None:
        runs = _long_digit_runs(text)
    return _scored_each(text, _passport_candidates(text, runs))


def _passport_candidates(text: str, runs: list[tuple[int, int]]) -> Iterator[Candidate]:
    # A match is a whole run of nine digits (no word character on either side).
    anchors = [s for s, e in runs if e - s == 9]
    for m in _near(PASSPORT_RE, text, anchors, 0, 10):
        yield (m.start(), m.end(), "UK_PASSPORT", 0.1, 0.9, 0.05, "nine digits")


def find_driving_licences(
    text: str, *, runs: list[tuple[int, int]] | None = None
) -> Iterator[Span]:
    if runs is None:
        runs = _long_digit_runs(text)
    return _scored_each(text, _driving_candidates(text, runs))


def _driving_candidates(text: str, runs: list[tuple[int, int]]) -> Iterator[Candidate]:
    # The run holding the six digits starts at most five characters after the match (the five
    # letters or 9s before them); the match is at most 19 characters, then its look-ahead.
    anchors = [s for s, e in runs]
    for m in _near(DRIVING_RE, text, anchors, 5, 20):
        yield (m.start(), m.end(), "UK_DRIVING_LICENCE", 0.8, 0.95, 0.6, "DVLA licence format")


_NON_DIGIT = compile_cached(r"\D")
_PHONE_PUNCT = compile_cached(r"[\s\-.()]")
_UK_NATIONAL = compile_cached(r"0[1-9]\d{8,9}")
_NORTH_AMERICAN = compile_cached(r"\(?\d{3}\)?[\s.\-]?\d{3}[\s.\-]\d{4}(?:\s?x\d+)?")
_YEAR_RANGE = compile_cached(r"\d{4}\s*[-–]\s*\d{2,4}")


def _phone_shape(value: str) -> tuple[int, float, str]:
    # (what comes before an "x"; "ext" holds an "x", so it never remains to cut at)
    digits = _NON_DIGIT.sub("", value.partition("x")[0])
    n = len(digits)
    if value.startswith(("+44", "0044")) or (
        "+" in value and _PHONE_PUNCT.sub("", value).startswith("+44")
    ):
        return n, 0.85, "UK international format"
    if _UK_NATIONAL.fullmatch(digits) and n in (10, 11):
        # UK national format: 01/02/03/07/08 with 10 or 11 digits.
        return n, 0.8 if digits[1] in "123789" else 0.5, "UK national format"
    if value.startswith(("+", "00")) and 8 <= n <= 15:
        return n, 0.75, "international format"
    if _NORTH_AMERICAN.fullmatch(value.strip()):
        return n, 0.6, "North American format"
    if 7 <= n <= 12:
        return n, 0.25, "digit groups"
    return n, 0.0, ""


def _may_be_date(value: str) -> bool:
    """False when DATE_RE cannot match at the start of `value`, a phone candidate (digits,
    spaces, dashes, dots and brackets, perhaps "x" or "ext" and digits at the end; at least
    five characters): its month names need a letter the value cannot hold, so a date here is
    one or two digits and a separator ("12/", "1.") or four digits and a dash ("2019-")."""
    return value[1] in "/.-" or value[2] in "/.-" or value[4] == "-"


def _is_date_or_date_time(value: str) -> bool:
    """A date ("2019-01-06"), or a date, a space and more ("08.09.2025 13:30" is a date and
    a time): not a phone number."""
    if DATE_RE.fullmatch(value):
        return True
    dm = DATE_RE.match(value)
    return dm is not None and value[dm.end() : dm.end() + 1].isspace()


def _phone_starts(text: str, runs: list[tuple[int, int]]) -> list[int]:
    """Where _PHONE_FAST_RE can match: a "+", a "(" or a run's first digit (a digit after a
    digit has a word character before it, which the look-behind refuses)."""
    starts = [s for s, _ in runs]
    extra: list[int] = []
    for ch in "+(":
        at = text.find(ch)
        while at >= 0:
            extra.append(at)
            at = text.find(ch, at + 1)
    if extra:
        starts = sorted(starts + extra)
    return starts


def find_phones(text: str, *, runs: list[tuple[int, int]] | None = None) -> Iterator[Span]:
    if runs is None:
        runs = _digit_runs(text)
    return _scored_each(text, _phone_candidates(text, runs))


def _phone_candidates(text: str, runs: list[tuple[int, int]]) -> Iterator[Candidate]:
    for m in _at_starts(_PHONE_FAST_RE, text, _phone_starts(text, runs)):
        value = m.group()
        # Trim unbalanced brackets at the edges.
        start, end = m.start(), m.end()
        if value.endswith(")") and value.count("(") < value.count(")"):
            end -= 1
        if value.startswith("(") and value.count("(") > value.count(")"):
            start += 1
        value = text[start:end]
        # (at least five characters: seven matched, at most two brackets trimmed)
        fifth = value[4]
        if (fifth in "-–" or fifth.isspace()) and _YEAR_RANGE.fullmatch(value):
            continue
        if _may_be_date(value) and _is_date_or_date_time(value):
            continue
        n, base, why = _phone_shape(value)
        if base == 0.0 or n < 7 or n > 15:
            continue
        if not _PHONE_PUNCT.search(value) and not value.startswith("+") and base < 0.7:
            # An unbroken run of digits is a phone number only with a context word.
            base = 0.2
        high = max(base, 0.85)
        yield (start, end, "PHONE_NUMBER", base, high, min(base, 0.2), why)


def dates_after_names(text: str, names: list[Span]) -> Iterator[Span]:
    """ "Padraig Byrne (2019-01-06)": a date in brackets right after a name is a date of birth."""
    if "(" not in text:
        return
    ends = {n.end for n in names if n.score >= 0.5}
    if not ends:
        return
    # Only a date right after "(" can count, and no date contains "(": match there, instead of
    # running the date pattern over the whole text.
    # (the name is looked for first: a set lookup is cheaper than the date pattern)
    at = text.find("(")
    while at >= 0:
        i = at
        while i > 0 and text[i - 1] == " ":
            i -= 1
        if i in ends:
            m = DATE_RE.match(text, at + 1)
            if m is not None and text[m.end() : m.end() + 1] == ")":
                yield Span(
                    "DATE_OF_BIRTH",
                    m.start(),
                    m.end(),
                    0.85,
                    m.group(),
                    "date in brackets straight after a name",
                )
        at = text.find("(", at + 1)


_DOB_HEADER = compile_cached(r"\s*(?:dob|d\.o\.b\.?|date of birth|birth ?date|born)\s*", re.I)


def _table_dobs(text: str) -> Iterator[Span]:
    """Dates in the "DOB" column of a table written with "|" or tabs ("Name | Relationship |
    DOB" then "Marcia Bennett | Mother | 03/01/1976"), in the rows right below its header."""
    column = -1
    sep = ""
    pos = 0
    for line in text.splitlines(keepends=True):
        start = pos
        pos += len(line)
        body = line.rstrip("\r\n")
        if sep and sep in body and column >= 0:
            cells = body.split(sep)
            if len(cells) > column:
                offset = start + sum(len(c) + len(sep) for c in cells[:column])
                cell = cells[column]
                m = DATE_RE.search(cell)
                if m is not None and not cell[: m.start()].strip() and not cell[m.end() :].strip():
                    yield Span(
                        "DATE_OF_BIRTH",
                        offset + m.start(),
                        offset + m.end(),
                        0.9,
                        m.group(),
                        "date in a table's date-of-birth column",
                    )
            continue
        column = -1
        sep = "|" if "|" in body else "\t" if "\t" in body else ""
        if sep:
            for i, cell in enumerate(body.split(sep)):
                if _DOB_HEADER.fullmatch(cell):
                    column = i
                    break


def find_dobs(text: str, *, runs: list[tuple[int, int]] | None = None) -> Iterator[Span]:
    """A date right after a birth cue ("DOB", "born on", "date of birth"), little in between;
    a date in a table's date-of-birth column."""
    seen: set[int] = set()
    if "|" in text or "\t" in text:
        for span in _table_dobs(text):
            seen.add(span.start)
            yield span
    if runs is None:
        runs = _digit_runs(text)
    run_ends = [e for _, e in runs]
    for cue in _dob_cues(text):
        at, until = cue.end(), min(len(text), cue.end() + 60)
        # Every date holds a digit: no run of digits in the window, no date (and the date
        # pattern, tried at each of the 60 places, is not run for nothing).
        i = bisect_right(run_ends, at)
        if i == len(runs) or runs[i][0] >= until:
            continue
        m = DATE_RE.search(text, at, until)
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


# Between the house number and the street, and between the street's words: spaces on one line
# ("2026\n\nMr Thomas Hill" is a letter's date and the addressee, not an address). A title is
# not a word of a street name ("12 Mr Kyle Hill").
_SAME_LINE = r"[^\S\r\n]+"
_STREET_WORDS = r"(?:(?!(?:Mr|Mrs|Ms|Miss|Mx|Dr)\b)[A-Z][\w'’\-]*\.?[^\S\r\n]+){0,3}"


# A flat named by its floor ("Ground Floor Flat", "Top Flat"), before the house number.
_FLOOR_FLAT = r"(?:Ground|First|Second|Third|Top|Basement|Lower|Upper|Garden)(?:[ ]Floor)?[ ]Flat"


@register_cache
@cache
def _address_re() -> re.Pattern[str]:
    shipped = word_list("street_suffixes.txt", lower=False)
    suffixes = sorted(shipped | {w.upper() for w in shipped}, key=len, reverse=True)
    alt = "|".join(re.escape(s) for s in suffixes)
    return re.compile(
        r"(?<![\w])(?:(?:(?:Flat|FLAT|Apartment|APARTMENT|Apt\.?|APT\.?|Unit|UNIT|Room|Suite|"
        r"Caravan|Plot|Maisonette|Studio)"
        r"\s+(?:\d{1,4}[A-Za-z]?(?:/\d{1,2})?|[A-Z])|" + _FLOOR_FLAT + r"),?\s+)?"
        r"(?:[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+){0,3}\s+(?:House|Court|Lodge|Mansions|Cottages?|"
        r"Buildings|Tower|Heights),?\s+)?"
        r"\d{1,4}[A-Za-z]?(?:\s*[-–]\s*\d{1,4})?,?"
        + _SAME_LINE
        + _STREET_WORDS
        + r"(?:"
        + alt
        + r")\b\.?"
    )


@register_cache
@cache
def _address_fast_re() -> re.Pattern[str]:
    """_address_re, same matches, faster.

    It starts with a character class (a capital or a digit, as every address does), so the regex
    engine skips to those in C; the three ways an address can begin (a flat, a building name, the
    house number) are then tried in _address_re's order with that character already taken. Word
    and space runs are possessive (`++`) where what follows can never match a character given
    back (a word is always followed by a space, a space by a capital or a digit), which saves the
    backtracking through every capitalised word. tests/core/detect_perf checks the two agree.
    """
    shipped = word_list("street_suffixes.txt", lower=False)
    # The street words as a trie: the same preference as the list sorted longest first.
    alt = _alternation(shipped | {w.upper() for w in shipped}, trie=True)
    building = r"\s++(?:House|Court|Lodge|Mansions|Cottages?|Buildings|Tower|Heights),?\s++"
    number_rest = r"[A-Za-z]?(?:\s*[-–]\s*\d{1,4})?,?" + _SAME_LINE
    return compile_cached(
        r"[A-Z\d](?<![\w].)"
        r"(?:"
        # a flat: "Flat 3, " (then perhaps a building), then the house number
        r"(?:(?<=F)lat|(?<=F)LAT|(?<=A)partment|(?<=A)PARTMENT|(?<=A)pt\.?|(?<=A)PT\.?"
        r"|(?<=U)nit|(?<=U)NIT|(?<=R)oom|(?<=S)uite"
        r"|(?<=C)aravan|(?<=P)lot|(?<=M)aisonette|(?<=S)tudio)"
        r"\s++(?:\d{1,4}[A-Za-z]?(?:/\d{1,2})?|[A-Z]),?\s++"
        r"(?:[A-Z][\w'’\-]++(?:\s++[A-Z][\w'’\-]++){0,3}" + building + r")?"
        r"\d{1,4}" + number_rest + r"|"
        # a flat named by its floor: "Ground Floor Flat, ", "Top Flat, "
        r"(?:(?<=G)round|(?<=F)irst|(?<=S)econd|(?<=T)hird|(?<=T)op|(?<=B)asement|(?<=L)ower"
        r"|(?<=U)pper|(?<=G)arden)(?:[ ]Floor)?[ ]Flat,?\s++"
        r"(?:[A-Z][\w'’\-]++(?:\s++[A-Z][\w'’\-]++){0,3}" + building + r")?"
        r"\d{1,4}" + number_rest + r"|"
        # a building: "Sovereign House, " then the house number
        r"(?<=[A-Z])[\w'’\-]++(?:\s++[A-Z][\w'’\-]++){0,3}"
        + building
        + r"\d{1,4}"
        + number_rest
        + r"|"
        # the house number
        r"(?<=\d)\d{0,3}" + number_rest + r")" + _STREET_WORDS + r"(?:" + alt + r")\b\.?"
    )


# Where an address can start (a superset, see _address_matches): a house number (a digit not
# after a word character, then what must follow it: spaces on the line and a capital), the
# words that open a flat ("Flat", "Apt", "Ground Floor Flat") and the building words that end a
# building's name ("Sovereign House").
_HOUSE_NUMBER_RE = compile_cached(
    r"\d(?<![\w]\d)(?=\d{0,3}[A-Za-z]?(?:\s*[-–]\s*\d{1,4})?,?[^\S\r\n]+[A-Z])"
)
_ADDRESS_WORD_RE = compile_cached(
    r"[FAURSCPMGTBLH](?<![\w].)(?:"
    r"lat|LAT|partment|PARTMENT|pt|PT|nit|NIT|oom|uite|aravan|lot|aisonette|tudio"
    r"|round|irst|econd|hird|op|asement|ower|pper|arden"
    r"|(ouse|ourt|odge|ansions|ottages?|uildings|ower|eights))\b"
)
_NAME_CHARS = compile_cached(r"[\w'’\-]")


def _house_numbers(text: str, runs: list[tuple[int, int]] | None = None) -> list[int]:
    """_HOUSE_NUMBER_RE's places: a house number is a run's first digit (no word character
    before it) and the run has at most four digits (after them comes a letter, a dash, a comma
    or a space, never a fifth digit). Its `\\d{0,3}` must then take the rest of the run (a
    digit cannot start what follows), so the look-ahead's remainder is matched at the run's end
    instead of backtracking through the digits."""
    if runs is None:
        return [m.start() for m in _HOUSE_NUMBER_RE.finditer(text)]
    tail = _HOUSE_NUMBER_TAIL_RE.match
    after = _AFTER_HOUSE_NUMBER
    return [
        s
        for s, e in runs
        if e - s <= 4
        and ((c := text[e : e + 1]) in after or c.isspace())
        and tail(text, e) is not None
        and (s == 0 or not ((b := text[s - 1]).isalnum() or b == "_"))
    ]


_HOUSE_NUMBER_TAIL_RE = compile_cached(r"[A-Za-z]?(?:\s*[-–]\s*\d{1,4})?,?[^\S\r\n]+[A-Z]")
# What can follow a house number's digits: a letter ("12a"), a dash ("12-14"), a comma or a space.
_AFTER_HOUSE_NUMBER = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-–,")


def _building_starts(text: str, at: int) -> list[int]:
    """Where a building's name before the building word at `at` can start: the starts of the
    (up to) four words before it, each a run of word characters, apostrophes and hyphens
    separated from the next by spaces only."""
    out: list[int] = []
    i = at
    for _ in range(4):
        j = i
        while j > 0 and text[j - 1].isspace():
            j -= 1
        if j == i:
            break
        k = j
        while k > 0 and _NAME_CHARS.match(text, k - 1):
            k -= 1
        if k == j:
            break
        out.append(k)
        i = k
    return out


def _address_matches(
    text: str, anchors: tuple[list[int], list[re.Match[str]]] | None = None
) -> Iterator[re.Match[str]]:
    """_address_fast_re().finditer(text), tried only where an address can start.

    Every match starts at one of: a house number (its first digit, not after a word
    character); a flat's or floor's word ("Flat", "Apartment", "Ground"); or, in a building
    branch, one of the four words before a building word ("Sovereign House"). Trying the
    pattern at those places (a superset), left to right, skipping places inside the last match,
    gives finditer's matches: it would find the same leftmost match from each position.
    """
    numbers, words = anchors if anchors is not None else _address_anchors(text)
    starts = list(numbers)
    for m in words:
        starts.append(m.start())
        if m.lastindex:  # a building word: the name before it
            starts.extend(_building_starts(text, m.start()))
    if not starts:
        return
    starts.sort()
    match = _address_fast_re().match
    pos = 0
    for at in starts:
        if at < pos:
            continue
        m = match(text, at)
        if m is not None:
            yield m
            pos = m.end()


# Words that end a house's name ("Rose Cottage, Back Lane", "Hillside Farm, 4 Mill Hill").
_HOUSE_WORDS = (
    "Cottage|Cottages|House|Farm|Farmhouse|Rectory|Vicarage|Lodge|Barn|Mill|Grange|Manor|"
    "View|Villa|Bungalow|Croft|Nook|Orchard|Stables|Cabin|Chalet"
)
# Street words written before the name (Welsh and most of Europe): "12 Heol y Bryn", "4 Via Roma".
_STREET_PREFIX_SKIP = frozenset({"apt", "apartment", "suite", "unit", "box", "po", "p.o.", "flat"})
_LINK_WORDS = r"(?:y|yr|'r|’r|de|la|del|della|des|du|di|da|do|dos|das|of|the)"


@register_cache
@cache
def _address_extra_re() -> re.Pattern[str]:
    """Address shapes the main pattern has no room for: a flat or room in a building of any
    name ("Apartment 14, Weavers Quay, 5 Bridge End"), a house's name and its street ("The Old
    Rectory, Church Lane", "Ty Gwyn, 4 Heol Las") and streets named after their street word
    ("12 Heol y Bryn", "Flat 1/3, 54 Heol y Bryn")."""
    return _build_address_extra(trie=True)


def _alternation(words: set[str] | frozenset[str], *, trie: bool) -> str:
    """`words` as a regex alternation, longest first: as a trie (`lexicons.trie_alternation`,
    the same preference, each character read once) or as the plain list."""
    if trie:
        return trie_alternation(sorted(words))
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _build_address_extra(*, trie: bool) -> re.Pattern[str]:
    """_address_extra_re, its word lists as tries or (trie=False, for the tests) as plain
    alternations sorted longest first."""
    shipped = word_list("street_suffixes.txt", lower=False)
    alt = _alternation(shipped | {w.upper() for w in shipped}, trie=trie)
    prefixes = [
        w
        for w in word_list("street_prefixes.txt", lower=False)
        if w.lower() not in _STREET_PREFIX_SKIP
    ]
    pre = _alternation(set(prefixes) | {w.upper() for w in prefixes}, trie=trie)
    sp = r"[^\S\r\n]+"
    word = r"[A-Z][\w'’\-]*"
    # A street named after its prefix word (Welsh "Heol y Bryn"): the prefix, then one or two
    # words, with a linking word ("y", "yr") allowed before each.
    prefixed = rf"(?:{pre})(?:{sp}(?:(?i:{_LINK_WORDS}){sp})?{word}){{1,2}}"
    street = (
        r"(?:(?:(?!(?:Mr|Mrs|Ms|Miss|Mx|Dr)\b)" + word + r"\.?" + sp + r"){0,3}(?:" + alt + r")\b"
        r"|" + prefixed + r")"
    )
    number = r"\d{1,4}[A-Za-z]?(?:\s*[-–]\s*\d{1,4})?,?" + sp
    flat = (
        r"(?:Flat|FLAT|Apartment|APARTMENT|Apt\.?|APT\.?|Unit|UNIT|Room|ROOM|Suite|Studio)"
        r"\s+(?:\d{1,4}[A-Za-z]?(?:/\d{1,2})?|[A-Z]),?\s+"
    )
    # (a house's name does not take in a sentence's first words: "And Rose Cottage")
    name_word = r"(?!(?:And|But|At|In|To|Of|For|With|From|On|By|Or|Then|Mr|Mrs|Ms|Miss|Dr)\b)"
    name_word += word
    house = rf"(?:(?:The|THE|Ty|TY){sp}(?:{name_word}{sp}){{0,3}}{name_word}"
    house += rf"|(?:{name_word}{sp}){{0,3}}(?:{_HOUSE_WORDS}))"
    return compile_cached(
        r"(?<![\w'’\-])(?:"  # tried only where _extra_starts says an address can start
        + flat
        + r"(?:(?:"
        + word
        + sp
        + r"){0,3}"
        + word
        + r","
        + sp
        + r")?"
        + number
        + street
        + r"|"
        + house
        + r","
        + sp
        + r"(?:"
        + number
        + r")?"
        + street
        + r"|"
        + number
        + r"(?:"
        + prefixed
        + r"))"
    )


def _starting_with(words: list[str]) -> re.Pattern[str]:
    """`words` (capitalised) as whole words, written to start with a character class and the
    look-behind after it, so that the regex engine skips in C to the places they can start."""
    firsts = sorted({w[0] for w in words})
    alts = "|".join(f"(?<={w[0]}){re.escape(w[1:])}" for w in sorted(words, key=len, reverse=True))
    return compile_cached("[" + "".join(firsts) + r"](?<![\w'’\-].)(?:" + alts + r")\b")


_THE_TY_RE = _starting_with(["The", "THE", "Ty", "TY"])
_HOUSE_WORD_COMMA_RE = compile_cached(_starting_with(_HOUSE_WORDS.split("|")).pattern + ",")


def _comma_after(words: list[str]) -> re.Pattern[str]:
    """_HOUSE_WORD_COMMA_RE's matches, found from their comma: the comma, then a look-behind
    for each length of word (Python's look-behinds have a fixed width), the word captured. The
    regex engine finds commas as fast as a plain string search, instead of trying every capital
    that can start a house word. A word is not after a word character, an apostrophe or a
    hyphen, as in _HOUSE_WORD_COMMA_RE; a comma ends at most one such word (a shorter word
    ending there would be after a letter), so the matches are the same, one per comma."""
    by_length: dict[int, list[str]] = {}
    for w in words:
        by_length.setdefault(len(w), []).append(re.escape(w))
    alts = "|".join(
        rf"(?<=(?<![\w'’\-])({'|'.join(sorted(ws))}),)"
        for _, ws in sorted(by_length.items(), reverse=True)
    )
    return compile_cached(",(?:" + alts + ")")


_COMMA_AFTER_HOUSE_WORD_RE = _comma_after(_HOUSE_WORDS.split("|"))


def _house_word_commas(text: str) -> list[int]:
    """Where _HOUSE_WORD_COMMA_RE's matches start."""
    return [m.start(m.lastindex or 0) for m in _COMMA_AFTER_HOUSE_WORD_RE.finditer(text)]


def _extra_starts(text: str, numbers: list[int], flat_words: list[int]) -> list[int]:
    """Where _address_extra_re can match: a flat's word, a house number, "The" or "Ty" (a
    house's name), or one of the four words before a house word and a comma."""
    starts = numbers + flat_words + [m.start() for m in _THE_TY_RE.finditer(text)]
    for at in _house_word_commas(text):
        starts.append(at)
        starts.extend(_building_starts(text, at))
    starts.sort()
    return starts


def _extra_addresses(
    text: str, numbers: list[int] | None = None, flat_words: list[int] | None = None
) -> Iterator[Span]:
    if numbers is None:
        numbers = [m.start() for m in _HOUSE_NUMBER_RE.finditer(text)]
    if flat_words is None:
        flat_words = [m.start() for m in _ADDRESS_WORD_RE.finditer(text) if not m.lastindex]
    org = _org_words()
    match = _address_extra_re().match
    pos = 0
    found: list[re.Match[str]] = []
    for at in _extra_starts(text, numbers, flat_words):
        if at < pos:
            continue
        m = match(text, at)
        if m is not None:
            found.append(m)
            pos = m.end()
    for m in found:
        value = m.group()
        if any(w.lower().strip(",") in org for w in value.split(",")[0].split()):
            continue  # "Town Hall, High Street", "Leisure Centre, Brook Way": a building's
        yield Span(
            "STREET_ADDRESS",
            m.start(),
            m.end(),
            0.85,
            value,
            "house, flat or building name with a street",
        )


@register_cache
@cache
def _org_words() -> frozenset[str]:
    return word_list("org_words.txt") - {"house", "lodge"}


def _address_anchors(
    text: str, runs: list[tuple[int, int]] | None = None
) -> tuple[list[int], list[re.Match[str]]]:
    return _house_numbers(text, runs), list(_ADDRESS_WORD_RE.finditer(text))


def find_addresses(text: str, *, runs: list[tuple[int, int]] | None = None) -> Iterator[Span]:
    anchors = _address_anchors(text, runs)
    numbers, words = anchors
    yield from _extra_addresses(text, numbers, [m.start() for m in words if not m.lastindex])
    for m in _address_matches(text, anchors):
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
    """Every recogniser's spans, in RECOGNISERS' order; the same as running each in turn."""
    # One scan for the runs of digits; most recognisers are then tried only near them.
    enc = _one_byte_a_char(text)
    runs = _digit_runs(text, enc)
    if not runs:
        # No digit (`\d`) in the text (about half of short texts): every other recogniser's
        # pattern needs one (a NI number, a postcode's inward code, a phone number, the ten-digit
        # numbers, UPN, passport and licence numbers), and its candidates are looked for only at
        # runs of digits, so the email, birth-date and address recognisers alone can find
        # anything, in RECOGNISERS' order. tests/core/detect_perf/test_patterns_no_digits.py
        return [*find_emails(text), *find_dobs(text, runs=runs), *find_addresses(text, runs=runs)]
    nino, inward = _anchors(text, runs, enc)
    long_runs = _long_digit_runs(text, runs)
    # The spans of the recognisers without context words; for the others, how many candidates
    # each finding has (one, or several of which the best is kept), its candidates put in
    # `candidates` and scored at the end in one pass (_score_all).
    found: list[Span | int] = []
    candidates: list[Candidate] = []
    for recogniser in RECOGNISERS:
        if recogniser is find_ten_digit:
            for group in _ten_digit_candidates(text, runs):
                found.append(len(group))
                candidates.extend(group)
            continue
        if recogniser is find_ninos:
            more = list(_nino_candidates(text, nino))
        elif recogniser is find_postcodes:
            more = list(_postcode_candidates(text, inward))
        elif recogniser is find_upns:
            more = list(_upn_candidates(text, long_runs))
        elif recogniser is find_passports:
            more = list(_passport_candidates(text, long_runs))
        elif recogniser is find_driving_licences:
            more = list(_driving_candidates(text, long_runs))
        elif recogniser is find_phones:
            more = list(_phone_candidates(text, runs))
        elif recogniser is find_addresses:
            found.extend(find_addresses(text, runs=runs))
            continue
        elif recogniser is find_dobs:
            found.extend(find_dobs(text, runs=runs))
            continue
        else:
            found.extend(recogniser(text))
            continue
        found.extend([1] * len(more))
        candidates.extend(more)
    if not candidates:
        return found  # type: ignore[return-value]
    scored = iter(_score_all(text, candidates))
    spans: list[Span] = []
    for item in found:
        if item.__class__ is not int:
            spans.append(item)  # type: ignore[arg-type]
        elif item == 1:
            spans.append(next(scored))
        else:
            spans.append(_best([next(scored) for _ in range(item)]))  # type: ignore[call-overload]
    return spans
