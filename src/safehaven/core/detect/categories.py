"""Special categories (SENS-2): lexicon terms, hard negatives and the link to a person.

Terms live in data/categories.toml. A term inside a negative phrase ("health and safety",
"Religious Education") is ignored, and a term counts only when a person is mentioned in the same
sentence or close by: a name found by the engine, a personal pronoun or possessive ("he", "her",
"my"), or a word for a person ("the child", "pupil", "mum").
"""

from __future__ import annotations

import re
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
# A negation just before the term, with no punctuation in between.
_NEGATED = re.compile(r"\b(?:no|not|nil|none|without|never|denies|denied)\b[^.;:,!?\n]*$", re.I)
SENTENCE_BREAK = re.compile(r"(?:[.!?](?:\s|$)|\n\s*\n)")


def _term_pattern(term: str) -> str:
    wildcard = term.endswith("*")
    core = term[:-1] if wildcard else term
    body = r"\s+".join(re.escape(part) for part in core.split())
    tail = r"[\w'-]*" if wildcard else ""
    return body + tail


WORD_RE = re.compile(r"\w+")


def _key(term: str) -> str:
    """The term's first word in lower case; for "medicine*" the prefix "medi" and a "*" mark."""
    m = WORD_RE.search(term)
    first = (m.group() if m else term).lower()
    if term.endswith("*") and " " not in term.strip():
        return first[:4] + "*"
    return first


@register_cache
@cache
def _index() -> dict[str, list[tuple[str, bool, _LazyPattern]]]:
    """First three letters of a term -> [(category, is_negative, pattern anchored at a word)].

    Scanning looks up each word of the text here and tries only the few patterns that can start
    with it, instead of running one large alternation per category over the whole text.
    """
    table = toml_table("categories.toml")
    groups: dict[tuple[str, str, bool, bool], list[str]] = {}
    for category in SPECIAL_CATEGORIES:
        entry = table.get(category, {})
        for field, negative, cs in (
            ("terms", False, False),
            ("terms_cs", False, True),
            ("negatives", True, False),
        ):
            for term in entry.get(field, []):
                groups.setdefault((_key(term), category, negative, cs), []).append(term)
    index: dict[str, list[tuple[str, bool, _LazyPattern]]] = {}
    for (key, category, negative, cs), terms in groups.items():
        alts = "|".join(_term_pattern(t) for t in sorted(set(terms), key=len, reverse=True))
        # "MASH-65154" is a reference, not a MASH referral: a hyphen and a digit end no term.
        source = r"(?:" + alts + r")(?![\w&]|-\d)"
        index.setdefault(key, []).append(
            (category, negative, _LazyPattern(source, 0 if cs else re.IGNORECASE))
        )
    return index


class _LazyPattern:
    """A regular expression compiled the first time a text needs it (keeps start-up short)."""

    __slots__ = ("_compiled", "flags", "source")

    def __init__(self, source: str, flags: int) -> None:
        self.source = source
        self.flags = flags
        self._compiled: re.Pattern[str] | None = None

    def match(self, text: str, pos: int) -> re.Match[str] | None:
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return self._compiled.match(text, pos)


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


def _link(text: str, start: int, end: int, persons: Sequence[Span]) -> str | None:
    """Why the term is about a person, or None."""
    s, e = _sentence_bounds(text, start, end)
    for p in persons:
        if p.start < e and p.end > s:
            return f"same sentence as the name '{p.text}'"
    for p in persons:
        if abs(p.start - end) <= LINK_WINDOW or abs(start - p.end) <= LINK_WINDOW:
            return f"near the name '{p.text}'"
    m = PERSON_WORDS.search(text, s, e)
    if m:
        return f"same sentence as '{m.group()}'"
    return None


def find_categories(
    text: str, persons: Sequence[Span], *, require_link: bool = True
) -> list[CategoryEvidence]:
    """Evidence of each special category in the text, linked or not to a person."""
    index = _index()
    hits: dict[str, list[tuple[int, int, str]]] = {}
    blocked: dict[str, list[tuple[int, int]]] = {}
    get = index.get
    for w in WORD_RE.finditer(text):
        low = w.group().lower()
        entries = get(low)
        wild = get(low[:4] + "*") if len(low) >= 4 else None
        if entries is None and wild is None:
            continue
        pos = w.start()
        if pos and text[pos - 1] == "&":
            continue
        for group in (entries, wild):
            if not group:
                continue
            for category, negative, pattern in group:
                m = pattern.match(text, pos)
                if m is None:
                    continue
                if negative:
                    blocked.setdefault(category, []).append((m.start(), m.end()))
                else:
                    hits.setdefault(category, []).append((m.start(), m.end(), m.group()))
    if not hits:
        return []
    # A term inside a longer term of another category belongs to that one: "criminal" in
    # "child criminal exploitation" is safeguarding, not a criminal record.
    spans_all = [(a, b, c) for c, found in hits.items() for a, b, _ in found]
    for category, found in hits.items():
        hits[category] = [
            h
            for h in found
            if not any(
                c != category and a <= h[0] and h[1] <= b and (b - a) > (h[1] - h[0])
                for a, b, c in spans_all
            )
        ]
    needs = _needs_person()
    evidence: list[CategoryEvidence] = []
    person_ranges = [(p.start, p.end) for p in persons]
    for category, found in hits.items():
        cat_blocked = blocked.get(category, [])
        seen: set[tuple[int, int]] = set()
        for a, b, matched in sorted(found):
            if (a, b) in seen or any(x < b and a < y and (x, y) != (a, b) for x, y in seen):
                continue
            seen.add((a, b))
            if any(x <= a and b <= y for x, y in cat_blocked):
                continue
            if any(x < b and a < y for x, y in person_ranges):
                continue  # "Christian" the name, not the faith
            if _NEGATED.search(text, max(0, a - 24), a):
                continue  # "There are no medical needs recorded"
            why = _link(text, a, b, persons)
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
