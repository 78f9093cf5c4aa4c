"""Special categories (SENS-2): lexicon terms, hard negatives and the link to a person.

Terms live in data/categories.toml. A term inside a negative phrase ("health and safety",
"Religious Education") is ignored, and a term counts only when a person is mentioned in the same
sentence or close by: a name found by the engine, a personal pronoun or possessive ("he", "her",
"my"), or a word for a person ("the child", "pupil", "mum").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache

from safehaven.core.detect.lexicons import register_cache, toml_table
from safehaven.core.detect.model import SPECIAL_CATEGORIES, CategoryEvidence, Span

LINK_WINDOW = 160

PERSON_WORDS = re.compile(
    r"(?<![\w])(?:he|she|him|his|her|hers|himself|herself|they|them|their|i|i'm|i've|my|me|mine|"
    r"myself|you|your|child|children|son|daughter|pupil|pupils|student|students|learner|"
    r"boy|girl|baby|sibling|siblings|brother|sister|mum|mother|dad|father|parent|parents|carer|"
    r"carers|grandmother|grandfather|nan|uncle|aunt|stepfather|stepmother|stepdad|stepmum|"
    r"young person|service user|client|patient|the family|husband|wife|partner|colleague|"
    r"member of staff|staff member|employee|teacher|mr|mrs|ms|miss|dr)(?![\w])",
    re.IGNORECASE,
)
# The same words, case-sensitive, for lower-cased ASCII text: about five times faster than the
# case-insensitive pattern (whose alternatives the regex engine cannot skip by first letter), and
# for ASCII text it finds exactly the same matches.
_PERSON_WORDS_LOWER = re.compile(PERSON_WORDS.pattern)


def _person_word(text: str, start: int, end: int) -> str | None:
    """The first person word in text[start:end] (as PERSON_WORDS.search(text, start, end))."""
    lo = start - 1 if start > 0 else 0  # one character before, for the look-behind
    chunk = text[lo:end]
    if chunk.isascii():
        m = _PERSON_WORDS_LOWER.search(chunk.lower(), start - lo)
        return text[lo + m.start() : lo + m.end()] if m else None
    m = PERSON_WORDS.search(text, start, end)
    return m.group() if m else None


# A negation just before the term, with no punctuation in between.
_NEGATED = re.compile(r"\b(?:no|not|nil|none|without|never|denies|denied)\b[^.;:,!?\n]*$", re.I)
SENTENCE_BREAK = re.compile(r"(?:[.!?](?:\s|$)|\n\s*\n)")


WORD_RE = re.compile(r"\w+")
# Between two words of a term: at most a few separators ("self-harm", "A&E", "they/them").
_MAX_GAP = 3


class _Term:
    """One lexicon entry as a sequence of words, matched word by word against the text."""

    __slots__ = ("category", "cs", "negative", "wildcard", "words")

    def __init__(self, term: str, category: str, negative: bool, cs: bool) -> None:
        self.wildcard = term.endswith("*")
        core = term[:-1] if self.wildcard else term
        words = WORD_RE.findall(core)
        self.words = tuple(words if cs else (w.lower() for w in words))
        self.category = category
        self.negative = negative
        self.cs = cs


def _key(term: str) -> str:
    """The term's first word in lower case; for "medicine*" the prefix "medi" and a "*" mark."""
    m = WORD_RE.search(term)
    first = (m.group() if m else term).lower()
    if term.endswith("*") and len(WORD_RE.findall(term)) == 1:
        return first[:4] + "*"
    return first


@register_cache
@cache
def _index() -> dict[str, list[_Term]]:
    """First word of a term (lower case) -> the terms starting with it, longest first.

    Scanning looks up each word of the text here and compares only the few terms that can start
    with it: no large regular expression runs over the text, and nothing is compiled at start-up.
    """
    table = toml_table("categories.toml")
    index: dict[str, list[_Term]] = {}
    for category in SPECIAL_CATEGORIES:
        entry = table.get(category, {})
        for field, negative, cs in (
            ("terms", False, False),
            ("terms_cs", False, True),
            ("negatives", True, False),
        ):
            for term in set(entry.get(field, [])):
                parsed = _Term(term, category, negative, cs)
                if parsed.words:
                    index.setdefault(_key(term), []).append(parsed)
    for terms in index.values():
        terms.sort(key=lambda t: -len(t.words))
    return index


@register_cache
@cache
def _index2() -> dict[str, tuple[list[_Term], dict[str, list[_Term]]]]:
    """_index split by the second word, so that "the", "a" and "in" try only a few terms."""
    out: dict[str, tuple[list[_Term], dict[str, list[_Term]]]] = {}
    for key, terms in _index().items():
        singles: list[_Term] = []
        by_second: dict[str, list[_Term]] = {}
        for t in terms:
            if len(t.words) == 1 or key.endswith("*") or (t.wildcard and len(t.words) == 2):
                singles.append(t)
            else:
                by_second.setdefault(t.words[1].lower(), []).append(t)
        out[key] = (singles, by_second)
    return out


@register_cache
@cache
def _wild_prefixes() -> frozenset[str]:
    return frozenset(key[:-1] for key in _index2() if key.endswith("*"))


def _hot_words(distinct: set[str], index: dict) -> set[str]:
    """The distinct words of a text that can start a term (exact first word or wildcard prefix)."""
    hot = distinct.intersection(index)
    wild = _wild_prefixes()
    if wild:
        hot.update(w for w in distinct if len(w) >= 4 and w[:4] in wild)
    return hot


def _match_at(
    term: _Term, i: int, spans: list, words: list[str], lows: list[str], text: str
) -> int:
    """Index of the last text word of `term` matched from word i, or -1."""
    n = len(term.words)
    if i + n > len(spans):
        return -1
    for j, want in enumerate(term.words):
        got = words[i + j] if term.cs else lows[i + j]
        if term.wildcard and j == n - 1:
            if not got.startswith(want):
                return -1
        elif got != want:
            return -1
        if j:
            gap_start, gap_end = spans[i + j - 1][1], spans[i + j][0]
            if gap_end - gap_start > _MAX_GAP or "\n\n" in text[gap_start:gap_end]:
                return -1
    end = spans[i + n - 1][1]
    if text[end : end + 1] == "-" and text[end + 1 : end + 2].isdigit():
        return -1  # "MASH-65154" is a reference, not a MASH referral
    if text[end : end + 1] == "&":
        return -1
    return i + n - 1


@register_cache
@cache
def _needs_person() -> dict[str, bool]:
    table = toml_table("categories.toml")
    return {c: bool(table.get(c, {}).get("needs_person", True)) for c in SPECIAL_CATEGORIES}


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(0, start - LINK_WINDOW)
    right = min(len(text), end + LINK_WINDOW)
    s = left
    for m in SENTENCE_BREAK.finditer(text, left, start):
        s = m.end()
    m = SENTENCE_BREAK.search(text, end, right)
    e = m.start() + 1 if m else right
    return s, e


class _People:
    """The persons found, for "is there a name between these offsets?" in logarithmic time."""

    def __init__(self, persons: Sequence[Span]) -> None:
        self.items = sorted(persons, key=lambda p: p.start)
        self.starts = [p.start for p in self.items]
        self.max_end: list[int] = []
        top = -1
        for p in self.items:
            top = max(top, p.end)
            self.max_end.append(top)

    def overlapping(self, lo: int, hi: int) -> Span | None:
        i = bisect_left(self.starts, hi) - 1
        if i < 0 or self.max_end[i] <= lo:
            return None
        while i >= 0 and self.max_end[i] > lo:
            if self.items[i].end > lo:
                return self.items[i]
            i -= 1
        return None


def _link(text: str, start: int, end: int, people: _People) -> str | None:
    """Why the term is about a person, or None."""
    s, e = _sentence_bounds(text, start, end)
    p = people.overlapping(s, e)
    if p is not None:
        return f"same sentence as the name '{p.text}'"
    p = people.overlapping(start - LINK_WINDOW - 1, end + LINK_WINDOW + 1)
    if p is not None:
        return f"near the name '{p.text}'"
    word = _person_word(text, s, e)
    if word is not None:
        return f"same sentence as '{word}'"
    return None


def _mask(length: int, ranges) -> bytearray:
    mask = bytearray(length)
    for a, b in ranges:
        mask[a:b] = b"\x01" * (b - a)
    return mask


def find_categories(
    text: str, persons: Sequence[Span], *, require_link: bool = True
) -> list[CategoryEvidence]:
    """Evidence of each special category in the text, linked or not to a person."""
    index = _index2()
    hits: dict[str, list[tuple[int, int, str]]] = {}
    blocked: dict[str, list[tuple[int, int]]] = {}
    get = index.get
    words = WORD_RE.findall(text)
    lows = [w.lower() for w in words]
    spans: list[tuple[int, int]] | None = None
    n_words = len(words)
    hot = _hot_words(set(lows), index)
    for i in [i for i, low in enumerate(lows) if low in hot] if hot else ():
        low = lows[i]
        entries = get(low)
        wild = get(low[:4] + "*") if len(low) >= 4 else None
        if entries is None and wild is None:
            continue
        candidates: list[_Term] = []
        for group in (entries, wild):
            if group is None:
                continue
            singles, by_second = group
            if by_second and i + 1 < n_words:
                candidates.extend(by_second.get(lows[i + 1], ()))
            candidates.extend(singles)
        if not candidates:
            continue
        if spans is None:
            spans = [m.span() for m in WORD_RE.finditer(text)]
        start = spans[i][0]
        if start and text[start - 1] == "&":
            continue
        candidates.sort(key=lambda t: -len(t.words))
        done: set[tuple[str, bool]] = set()
        for term in candidates:
            key = (term.category, term.negative)
            if key in done:
                continue  # a longer term of this category already matched here
            last = _match_at(term, i, spans, words, lows, text)
            if last < 0:
                continue
            done.add(key)
            end = spans[last][1]
            if term.negative:
                blocked.setdefault(term.category, []).append((start, end))
            else:
                hits.setdefault(term.category, []).append((start, end, text[start:end]))
    if not hits:
        return []
    # A term inside a longer term of another category belongs to that one: "criminal" in
    # "child criminal exploitation" is safeguarding, not a criminal record.
    n = len(text)
    masks = {c: _mask(n, ((a, b) for a, b, _ in found)) for c, found in hits.items()}
    if len(masks) > 1:
        # Only a term touching another category's term can be inside it: check those alone.
        every = _mask(n, ((a, b) for found in hits.values() for a, b, _ in found))
        for category, found in hits.items():
            hits[category] = [
                h
                for h in found
                if not (
                    ((h[0] > 0 and every[h[0] - 1]) or (h[1] < n and every[h[1]]))
                    and any(
                        c != category
                        and m.find(0, h[0], h[1]) < 0
                        and ((h[0] > 0 and m[h[0] - 1]) or (h[1] < n and m[h[1]]))
                        for c, m in masks.items()
                    )
                )
            ]
    needs = _needs_person()
    people = _People(persons)
    person_mask = _mask(n, ((p.start, p.end) for p in persons)) if persons else None
    evidence: list[CategoryEvidence] = []
    for category, found in hits.items():
        cat_blocked = blocked.get(category)
        blocked_mask = _mask(n, cat_blocked) if cat_blocked else None
        last_end = -1
        for a, b, matched in sorted(found):
            if a < last_end:
                continue  # overlaps a term of this category already taken
            last_end = b
            if blocked_mask is not None and blocked_mask.find(0, a, b) < 0:
                continue  # inside a negative phrase: "health and safety"
            if person_mask is not None and person_mask.find(1, a, b) >= 0:
                continue  # "Christian" the name, not the faith
            if _NEGATED.search(text, max(0, a - 24), a):
                continue  # "There are no medical needs recorded"
            why = _link(text, a, b, people)
            linked = why is not None or not (needs[category] and require_link)
            evidence.append(
                CategoryEvidence(
                    category=category,
                    start=a,
                    end=b,
                    text=matched,
                    term=matched.lower(),
                    linked=linked,
                    explanation=(f"term '{matched}'; " + (why or "no person mentioned nearby")),
                )
            )
    evidence.sort(key=lambda ev: (ev.start, ev.category))
    return evidence
