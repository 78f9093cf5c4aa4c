"""`analyse`: every recogniser over one text, overlaps resolved, classified per SENS-1/SENS-2."""

from __future__ import annotations

from bisect import bisect_left
from operator import attrgetter

from safehaven.core.detect.categories import find_categories
from safehaven.core.detect.model import DEFAULT_POLICY, Analysis, Policy, Span
from safehaven.core.detect.names import find_names
from safehaven.core.detect.patterns import dates_after_names, find_patterns
from safehaven.core.detect.recache import compile_cached

# When two findings overlap, the more specific type wins at equal score.
_PRIORITY = {
    "EMAIL_ADDRESS": 10,
    "UK_UPN": 9,
    "UK_NINO": 9,
    "UK_NHS": 8,
    "UK_ULN": 8,
    "UK_CHI": 8,
    "UK_HC": 8,
    "UK_DRIVING_LICENCE": 8,
    "UK_PASSPORT": 7,
    "DATE_OF_BIRTH": 7,
    "UK_POSTCODE": 6,
    "STREET_ADDRESS": 5,
    "PHONE_NUMBER": 4,
    "PERSON": 3,
}

# Identifiers that single out a person even without a name beside them.
STRONG_IDENTIFIERS = frozenset(
    {
        "UK_UPN",
        "UK_ULN",
        "UK_NHS",
        "UK_NINO",
        "UK_CHI",
        "UK_HC",
        "UK_PASSPORT",
        "UK_DRIVING_LICENCE",
    }
)
# A phone number, an email address or an address alone is often an office's: personal only
# together with a name or one of the identifiers above.

_START_END = attrgetter("start", "end")


def _resolve(spans: list[Span]) -> list[Span]:
    """Keep the best of overlapping spans: score, then type priority, then length."""
    # Spans that overlap nothing are kept as they are (unless empty); only each group of
    # spans linked by overlaps (a connected component, found by one sweep in order of start)
    # is ranked, and the best of it kept greedily. Overlaps never link two groups, so this
    # keeps what ranking all spans at once keeps, in the same order (by start).
    n = len(spans)
    if n < 2:
        return [s for s in spans if s.start != s.end]
    bounds = list(map(_START_END, spans))
    order = sorted(range(n), key=bounds.__getitem__)
    kept: list[Span] = []
    i = 0
    while i < n:
        k = order[i]
        start, hi = bounds[k]
        j = i + 1
        while j < n:
            s, e = bounds[order[j]]
            if s >= hi:
                break
            if e > hi:
                hi = e
            j += 1
        if j == i + 1:
            if start != hi:
                kept.append(spans[k])
        else:
            kept.extend(_resolve_group([spans[x] for x in sorted(order[i:j])]))
        i = j
    return kept


def _resolve_group(spans: list[Span]) -> list[Span]:
    """The greedy choice over spans in their original order: the best ranked first (the
    index last keeps a stable sort's order for equal keys), each kept unless it is empty or
    overlaps a span kept before; the kept spans in order of start."""
    get = _PRIORITY.get
    ranked = [(-s.score, -get(s.type, 0), s.start - s.end, s.start, i) for i, s in enumerate(spans)]
    ranked.sort()
    # Kept spans never overlap, so sorted by start their ends are sorted too: one bisect
    # finds the only kept span that could overlap a new one.
    starts: list[int] = []
    ends: list[int] = []
    kept: list[Span] = []
    for rank in ranked:
        span = spans[rank[4]]
        start, end = span.start, span.end
        i = bisect_left(starts, end)
        if (i > 0 and ends[i - 1] > start) or start == end:
            continue
        starts.insert(i, start)
        ends.insert(i, end)
        kept.insert(i, span)
    return kept


_TOWN_GAP = compile_cached(r"[ \t]*,?[ \t]*\n?[ \t]*")


def _drop_towns(text: str, spans: list[Span]) -> list[Span]:
    """A lone word between a street address and a postcode is the town, not a person:
    "7 Bramble Close, Loughborough LE11 3QT", or the line before the postcode line."""
    out: list[Span] = []
    for i, span in enumerate(spans):
        if span.type == "PERSON" and span.score < 0.85 and " " not in span.text:
            nxt = spans[i + 1] if i + 1 < len(spans) else None
            prev = spans[i - 1] if i else None
            before_postcode = (
                nxt is not None
                and nxt.type == "UK_POSTCODE"
                and _TOWN_GAP.fullmatch(text, span.end, nxt.start)
            )
            after_street = (
                prev is not None
                and prev.type == "STREET_ADDRESS"
                and _TOWN_GAP.fullmatch(text, prev.end, span.start)
            )
            if before_postcode or after_street:
                continue
        out.append(span)
    return out


def _protect_structured(text: str, pattern_spans: list[Span], names: list[Span]) -> list[Span]:
    """Drop name candidates inside an email, an address or an identifier found with confidence."""
    solid = [s for s in pattern_spans if s.score >= 0.5]
    if not solid or not names:
        return names
    covered = bytearray(len(text))
    for s in solid:
        covered[s.start : s.end] = b"\x01" * (s.end - s.start)
    return [n for n in names if covered.find(1, n.start, n.end) < 0]


def classify(spans: list[Span], evidence_categories: list[str]) -> tuple[str, list[str]]:
    """`none`, `personal` or `sensitive` with the reasons (SENS-1, SENS-2)."""
    reasons: list[str] = []
    types = {s.type for s in spans}
    persons = [s for s in spans if s.type == "PERSON"]
    identifying = False
    if persons:
        others = sorted(types - {"PERSON"})
        if others:
            reasons.append(f"SENS-1: a name with another identifier ({', '.join(others)})")
        else:
            reasons.append(f"SENS-1: a person's name ('{persons[0].text}')")
        identifying = True
    strong = sorted(types & STRONG_IDENTIFIERS)
    if strong and not persons:
        reasons.append(f"SENS-1: an identifier that singles out a person ({', '.join(strong)})")
        identifying = True
    if not identifying:
        if evidence_categories:
            reasons.append(
                "special category terms ("
                + ", ".join(evidence_categories)
                + ") but nobody is identified"
            )
        return "none", reasons
    if evidence_categories:
        reasons.append(
            "SENS-2: special category data about the person ("
            + ", ".join(evidence_categories)
            + ")"
        )
        return "sensitive", reasons
    return "personal", reasons


def analyse(text: str, *, policy: Policy | None = None) -> Analysis:
    """Find personal data and special categories in `text`, explain each finding, classify it.

    Never raises on any string; spans satisfy `text[span.start:span.end] == span.text`.
    """
    policy = policy or DEFAULT_POLICY
    if not isinstance(text, str):
        raise TypeError("analyse() needs a str")
    pattern_spans = find_patterns(text)
    names = _protect_structured(text, pattern_spans, find_names(text))
    pattern_spans.extend(dates_after_names(text, names))
    resolved = _drop_towns(text, _resolve(pattern_spans + names))
    wanted = policy.entities
    reported = [
        s for s in resolved if s.score >= policy.threshold and (wanted is None or s.type in wanted)
    ]
    low = [s for s in resolved if s.score < policy.threshold]
    persons = [s for s in reported if s.type == "PERSON"]
    evidence = find_categories(text, persons, require_link=policy.require_person_link)
    categories = sorted({e.category for e in evidence if e.linked})
    classification, reasons = classify(reported, categories)
    return Analysis(
        text=text,
        spans=tuple(reported),
        special_categories=tuple(categories),
        evidence=tuple(evidence),
        classification=classification,
        reasons=tuple(reasons),
        low_confidence=tuple(low),
    )
