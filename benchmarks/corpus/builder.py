"""Template rendering with exact span offsets.

A template is plain text with three kinds of markup:

- ``{key}`` inserts ``ctx[key]``: a ``str`` (no label), a ``Lab`` (a labelled span), or a callable
  returning either (called afresh at each use, e.g. a random meeting date).
- ``[[alt one|alt two|...]]`` picks one alternative at random; alternatives nest. An alternative
  ending in ``§health,safeguarding`` adds those special categories to the document when chosen,
  so a phrase that reveals a category and its harmless look-alike can sit side by side.
- Everything else is copied as is.

The text is built by concatenating pieces while recording offsets, and every span is checked
(``text[start:end] == value``) before the document is returned.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

SPAN_TYPES = (
    "PERSON",
    "DATE_OF_BIRTH",
    "STREET_ADDRESS",
    "UK_POSTCODE",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "UK_NHS",
    "UK_UPN",
    "UK_ULN",
    "UK_NINO",
)
CATEGORIES = (
    "health",
    "ethnicity",
    "religion",
    "sexual_orientation",
    "sex_life",
    "political_opinion",
    "trade_union",
    "criminal",
    "genetic",
    "biometric",
    "gender",
    "safeguarding",
)


@dataclass(frozen=True)
class Lab:
    """A value that becomes a labelled span of ``type`` when inserted."""

    text: str
    type: str

    def __post_init__(self) -> None:
        assert self.type in SPAN_TYPES, self.type


Value = str | Lab | Callable[[], "str | Lab"]


@dataclass
class Text:
    value: str


@dataclass
class Slot:
    key: str


@dataclass
class Choice:
    alternatives: list[tuple[list, tuple[str, ...]]]


@dataclass
class Doc:
    parts: list[str] = field(default_factory=list)
    spans: list[dict] = field(default_factory=list)
    categories: set[str] = field(default_factory=set)
    length: int = 0

    def add(self, value: str | Lab) -> None:
        if isinstance(value, Lab):
            self.spans.append(
                {"type": value.type, "start": self.length, "end": self.length + len(value.text)}
            )
            value = value.text
        self.parts.append(value)
        self.length += len(value)


def parse(template: str) -> list:
    """Parse template markup into a tree of Text, Slot and Choice nodes."""
    nodes, pos = _parse_seq(template, 0, top=True)
    assert pos == len(template)
    return nodes


def _parse_seq(s: str, pos: int, top: bool) -> tuple[list, int]:
    nodes: list = []
    buf: list[str] = []

    def flush() -> None:
        if buf:
            nodes.append(Text("".join(buf)))
            buf.clear()

    while pos < len(s):
        if s.startswith("[[", pos):
            flush()
            choice, pos = _parse_choice(s, pos + 2)
            nodes.append(choice)
        elif not top and (s.startswith("]]", pos) or s[pos] == "|"):
            break
        elif s[pos] == "{":
            end = s.index("}", pos)
            flush()
            nodes.append(Slot(s[pos + 1 : end]))
            pos = end + 1
        else:
            buf.append(s[pos])
            pos += 1
    flush()
    return nodes, pos


def _parse_choice(s: str, pos: int) -> tuple[Choice, int]:
    alternatives = []
    while True:
        seq, pos = _parse_seq(s, pos, top=False)
        cats: tuple[str, ...] = ()
        if seq and isinstance(seq[-1], Text) and "§" in seq[-1].value:
            head, _, tail = seq[-1].value.rpartition("§")
            cats = tuple(c.strip() for c in tail.split(",") if c.strip())
            for cat in cats:
                assert cat in CATEGORIES, cat
            seq[-1] = Text(head)
        alternatives.append((seq, cats))
        if s.startswith("]]", pos):
            return Choice(alternatives), pos + 2
        assert s[pos] == "|", s[pos - 20 : pos + 20]
        pos += 1


def render(nodes: list, ctx: dict[str, Value], rng: random.Random, doc: Doc) -> None:
    for node in nodes:
        if isinstance(node, Text):
            doc.add(node.value)
        elif isinstance(node, Slot):
            value = ctx[node.key]
            if callable(value):
                value = value()
            doc.add(value)
        else:
            seq, cats = rng.choice(node.alternatives)
            doc.categories.update(cats)
            render(seq, ctx, rng, doc)


def build(template: str, ctx: dict[str, Value], rng: random.Random) -> Doc:
    doc = Doc()
    render(parse(template), ctx, rng, doc)
    return doc


def finish(doc_id: str, doc: Doc, extra_categories: tuple[str, ...] = ()) -> dict:
    """The JSONL record, after checking every offset and the classification rule."""
    text = "".join(doc.parts)
    cats = set(doc.categories) | set(extra_categories)
    spans = sorted(doc.spans, key=lambda s: (s["start"], s["end"]))
    values = {}
    for span in spans:
        values[(span["start"], span["end"])] = text[span["start"] : span["end"]]
        assert text[span["start"] : span["end"]].strip() == text[span["start"] : span["end"]]
        assert span["end"] > span["start"]
    for a, b in zip(spans, spans[1:], strict=False):
        assert a["end"] <= b["start"], (doc_id, a, b, text)
    if not spans:
        assert not cats, (doc_id, cats, text)
        classification = "none"
    elif cats:
        classification = "sensitive"
    else:
        classification = "personal"
    return {
        "id": doc_id,
        "text": text,
        "spans": spans,
        "classification": classification,
        "special_categories": sorted(cats),
    }
