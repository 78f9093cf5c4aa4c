"""Span-level scoring for the engine benchmark: pure functions, unit-tested in tests/benchmarks/.

Matching rules (a predicted span can match at most one gold span and vice versa):

- ``exact``: same type, same start and end.
- ``overlap``: same type and Jaccard overlap (intersection / union of the character ranges) of at
  least 0.5. Pairs are matched greedily from the highest overlap down.

A document is ``{"id", "text", "spans": [{"type", "start", "end"}], ...}``; predictions are
``{"type", "start", "end", ...}`` per document id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

OVERLAP_THRESHOLD = 0.5
RULES = ("exact", "overlap")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean; 0.0 when there was something to find or something found but no hit."""
        if self.tp:
            p, r = self.precision, self.recall
            return 2 * p * r / (p + r)
        return 0.0 if (self.fp or self.fn) else None

    def as_dict(self) -> dict:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": self.precision,
            "recall": self.recall,
            "f1": self.f1,
        }


def jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    if inter <= 0:
        return 0.0
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union


def match(
    gold: Sequence[Mapping], pred: Sequence[Mapping], rule: str
) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """One-to-one matching of same-type spans: (index pairs, missed gold, spurious predictions)."""
    if rule not in RULES:
        raise ValueError(f"unknown matching rule {rule!r}; use one of {RULES}")
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if g["type"] != p["type"]:
                continue
            if rule == "exact":
                if g["start"] == p["start"] and g["end"] == p["end"]:
                    candidates.append((1.0, gi, pi))
            else:
                j = jaccard((g["start"], g["end"]), (p["start"], p["end"]))
                if j >= OVERLAP_THRESHOLD:
                    candidates.append((j, gi, pi))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    missed = [i for i in range(len(gold)) if i not in used_g]
    spurious = [i for i in range(len(pred)) if i not in used_p]
    return pairs, missed, spurious


def map_predictions(
    pred: Iterable[Mapping],
    gold: Sequence[Mapping],
    direct: Mapping[str, str],
    lenient: Mapping[str, str] | None = None,
) -> list[dict]:
    """Rename predicted types into the benchmark's types.

    ``direct`` renames always. ``lenient`` renames only a span that overlaps a gold span of the
    target type (any overlap); otherwise the span is dropped from the per-type scores. This is for
    a system without that type at all (Presidio's DATE_TIME has no notion of a birth date), so it
    is not charged for every other date it finds. Types in neither map are dropped.
    """
    lenient = lenient or {}
    out = []
    for p in pred:
        t = p["type"]
        if t in direct:
            out.append({**p, "type": direct[t]})
        elif t in lenient:
            target = lenient[t]
            if any(
                g["type"] == target and g["start"] < p["end"] and p["start"] < g["end"]
                for g in gold
            ):
                out.append({**p, "type": target})
    return out


@dataclass
class SpanScores:
    per_type: dict[str, Counts] = field(default_factory=dict)
    micro: Counts = field(default_factory=Counts)
    misses: list[dict] = field(default_factory=list)
    false_alarms: list[dict] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {
            "per_type": {t: c.as_dict() for t, c in sorted(self.per_type.items())},
            "micro": self.micro.as_dict(),
        }


def score_spans(
    docs: Sequence[Mapping],
    predictions: Mapping[str, Sequence[Mapping]],
    types: Sequence[str],
    rule: str,
    keep_examples: int = 0,
) -> SpanScores:
    """Per-type and micro counts over ``types``; spans of other types are ignored on both sides.

    ``predictions`` must already use the benchmark's type names (see map_predictions).
    ``keep_examples`` keeps up to that many missed and false spans per type, with context.
    """
    wanted = set(types)
    scores = SpanScores(per_type={t: Counts() for t in types})
    for doc in docs:
        gold = [s for s in doc["spans"] if s["type"] in wanted]
        pred = [p for p in predictions.get(doc["id"], ()) if p["type"] in wanted]
        pairs, missed, spurious = match(gold, pred, rule)
        for gi, _ in pairs:
            scores.per_type[gold[gi]["type"]].tp += 1
        for gi in missed:
            scores.per_type[gold[gi]["type"]].fn += 1
            if sum(m["type"] == gold[gi]["type"] for m in scores.misses) < keep_examples:
                scores.misses.append(_example(doc, gold[gi]))
        for pi in spurious:
            scores.per_type[pred[pi]["type"]].fp += 1
            if sum(f["type"] == pred[pi]["type"] for f in scores.false_alarms) < keep_examples:
                scores.false_alarms.append(_example(doc, pred[pi]))
    for c in scores.per_type.values():
        scores.micro.add(c)
    return scores


def _example(doc: Mapping, span: Mapping) -> dict:
    text = doc["text"]
    s, e = span["start"], span["end"]
    return {
        "id": doc["id"],
        "type": span["type"],
        "span": text[s:e],
        "context": text[max(0, s - 40) : e + 40].replace("\n", " "),
    }


def leak(
    docs: Sequence[Mapping],
    predictions: Mapping[str, Sequence[Mapping]],
    types: Sequence[str],
) -> dict:
    """Share of labelled identifying characters (non-space, spans of ``types``) that no predicted
    span of any type covers, i.e. that would stay readable after redacting every prediction."""
    wanted = set(types)
    total = 0
    left = 0
    for doc in docs:
        text = doc["text"]
        covered = bytearray(len(text))
        for p in predictions.get(doc["id"], ()):
            for i in range(max(0, p["start"]), min(len(text), p["end"])):
                covered[i] = 1
        labelled: set[int] = set()
        for g in doc["spans"]:
            if g["type"] in wanted:
                labelled.update(i for i in range(g["start"], g["end"]) if not text[i].isspace())
        total += len(labelled)
        left += sum(1 for i in labelled if not covered[i])
    return {"chars": total, "readable": left, "leak": left / total if total else None}


def classification_accuracy(docs: Sequence[Mapping], predicted: Mapping[str, str | None]) -> dict:
    """Share of documents whose predicted classification equals the label; missing counts wrong."""
    confusion: Counter = Counter()
    right = 0
    for doc in docs:
        got = predicted.get(doc["id"])
        confusion[(doc["classification"], got)] += 1
        right += got == doc["classification"]
    return {
        "accuracy": right / len(docs) if docs else None,
        "n": len(docs),
        "confusion": {f"{g}->{p}": n for (g, p), n in sorted(confusion.items(), key=str)},
    }


def category_scores(docs: Sequence[Mapping], predicted: Mapping[str, Iterable[str]]) -> dict:
    """Micro F1 over (document, special category) pairs, with per-category counts."""
    per: dict[str, Counts] = {}
    micro = Counts()
    for doc in docs:
        gold = set(doc.get("special_categories", ()))
        got = set(predicted.get(doc["id"], ()))
        for cat in gold | got:
            c = per.setdefault(cat, Counts())
            if cat in gold and cat in got:
                c.tp += 1
                micro.tp += 1
            elif cat in got:
                c.fp += 1
                micro.fp += 1
            else:
                c.fn += 1
                micro.fn += 1
    return {
        "micro": micro.as_dict(),
        "per_category": {k: v.as_dict() for k, v in sorted(per.items())},
    }


def confusions(
    docs: Sequence[Mapping], predictions: Mapping[str, Sequence[Mapping]]
) -> dict[str, int]:
    """How often a raw predicted type overlaps a gold span of a different type (e.g. a phone
    number reported as DATE_TIME), counted as ``"PRED->GOLD"``."""
    out: Counter = Counter()
    for doc in docs:
        for p in predictions.get(doc["id"], ()):
            for g in doc["spans"]:
                if g["type"] != p["type"] and g["start"] < p["end"] and p["start"] < g["end"]:
                    out[f"{p['type']}->{g['type']}"] += 1
    return dict(out.most_common())
