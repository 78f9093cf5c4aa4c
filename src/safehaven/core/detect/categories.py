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

from safehaven.core.detect.lexicons import toml_table
from safehaven.core.detect.model import SPECIAL_CATEGORIES, CategoryEvidence, Span

LINK_WINDOW = 160

PERSON_WORDS = re.compile(
    r"(?<![\w])(?:he|she|him|his|her|hers|himself|herself|they|them|their|i|i'm|i've|my|me|mine|"
    r"myself|you|your|child|children|son|daughter|pupil|pupils|student|students|learner|"
    r"boy|girl|baby|sibling|siblings|brother|sister|mum|mother|dad|father|parent|parents|carer|"
    r"carers|grandmother|grandfather|nan|uncle|aunt|stepfather|stepmother|stepdad|stepmum|"
    r"young person|service user|client|patient|family|husband|wife|partner|colleague|"
    r"member of staff|staff member|employee|teacher|mr|mrs|ms|miss|dr)(?![\w])",
    re.IGNORECASE,
)
SENTENCE_BREAK = re.compile(r"(?:[.!?](?:\s|$)|\n\s*\n)")


def _term_pattern(term: str) -> str:
    wildcard = term.endswith("*")
    core = term[:-1] if wildcard else term
    body = r"\s+".join(re.escape(part) for part in core.split())
    tail = r"[\w'-]*" if wildcard else ""
    return body + tail


@cache
def _compiled() -> dict[
    str, tuple[re.Pattern[str] | None, re.Pattern[str] | None, re.Pattern[str] | None, bool]
]:
    table = toml_table("categories.toml")
    out = {}
    for category in SPECIAL_CATEGORIES:
        entry = table.get(category, {})
        terms = sorted(set(entry.get("terms", [])), key=len, reverse=True)
        terms_cs = sorted(set(entry.get("terms_cs", [])), key=len, reverse=True)
        negatives = sorted(set(entry.get("negatives", [])), key=len, reverse=True)

        def build(words: list[str], flags: int) -> re.Pattern[str] | None:
            if not words:
                return None
            alts = "|".join(_term_pattern(w) for w in words)
            return re.compile(r"(?<![\w&])(?:" + alts + r")(?![\w&])", flags)

        out[category] = (
            build(terms, re.IGNORECASE),
            build(terms_cs, 0),
            build(negatives, re.IGNORECASE),
            bool(entry.get("needs_person", True)),
        )
    return out


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
    evidence: list[CategoryEvidence] = []
    person_ranges = [(p.start, p.end) for p in persons]
    for category, (ci, cs, neg, needs_person) in _compiled().items():
        matches: list[re.Match[str]] = []
        if ci is not None:
            matches.extend(ci.finditer(text))
        if cs is not None:
            matches.extend(cs.finditer(text))
        if not matches:
            continue
        blocked = [(m.start(), m.end()) for m in neg.finditer(text)] if neg is not None else []
        seen: set[tuple[int, int]] = set()
        for m in sorted(matches, key=lambda x: x.start()):
            a, b = m.start(), m.end()
            if (a, b) in seen:
                continue
            seen.add((a, b))
            if any(x <= a and b <= y for x, y in blocked):
                continue
            if any(x < b and a < y for x, y in person_ranges):
                continue  # "Christian" the name, not the faith
            why = _link(text, a, b, persons)
            linked = why is not None or not (needs_person and require_link)
            evidence.append(
                CategoryEvidence(
                    category=category,
                    start=a,
                    end=b,
                    text=m.group(),
                    term=m.group().lower(),
                    linked=linked,
                    explanation=(f"term '{m.group()}'; " + (why or "no person mentioned nearby")),
                )
            )
    evidence.sort(key=lambda ev: (ev.start, ev.category))
    return evidence
