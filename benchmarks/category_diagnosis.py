"""Why the engine's special categories differ from the labels: counts of the engine's own
decisions, never the documents' text.

    .venv/bin/python -m benchmarks.category_diagnosis --family dev-cats2 [--n 600] [--seed S]
    .venv/bin/python -m benchmarks.category_diagnosis --jsonl FILE

For each labelled category the engine misses in a document (a false negative), the engine's own
evidence for that category in the document is put in one bucket:

- `no term`: no lexicon term, field or rule of that category matched anywhere;
- `found, not linked: <why>`: a term matched but was not linked to a person; <why> is the kind of
  explanation ("no person mentioned nearby", "names a course or a topic", "the content of a
  lesson", "an offer or a right");
- `dropped`: a term was found and then set aside before linking (negated, inside a name or an
  organisation's name, a venue, a job...): the engine keeps no evidence of these, so they show as
  `no term` unless the term is also found elsewhere.

For each category the engine gives that the labels do not (a false positive), the kind of link that
made it: same sentence as a name, near a name, a person word in the sentence, a form field, the
document's subject. And a document-level table: the documents whose classification is wrong, by
(label, engine) and by whether the engine found any person.

Only counts and explanation kinds are printed (no document text, no term), so it may be run on
a corpus whose text must not be read.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

_KINDS = (
    ("same sentence as the name", "same sentence as a name"),
    ("near the name", "near a name"),
    ("same sentence as '", "a person word in the sentence"),
    ("in a document about", "the document's subject"),
    ("form field", "a form field"),
    ("field", "a form field"),
    ("no person mentioned nearby", "no person mentioned nearby"),
    ("names a course or a topic", "a course or a topic"),
    ("the content of a lesson", "the content of a lesson"),
    ("an offer or a right", "an offer or a right"),
)


def explanation_kind(explanation: str) -> str:
    """The explanation's kind, without the term or the name it quotes."""
    _, _, why = explanation.partition("; ")
    for prefix, kind in _KINDS:
        if why.startswith(prefix) or prefix in why:
            return kind
    return re.sub(r"'[^']*'", "'…'", why)[:60] or "(none)"


def _before_evidence(text: str, category: str) -> str:
    """Where a category with no evidence was lost: no term of it matched at all, every match
    was inside one of its look-alike phrases, or a match was dropped by a rule (negated, inside
    a name or an organisation's name, a venue, a job, an empty form answer)."""
    from safehaven.core.detect import categories as c

    hits, blocked, _ = c._scan_by_words(text)
    found = hits.get(category) or []
    if not found:
        return "no term"
    look_alikes = blocked.get(category) or []
    free = [(a, b) for a, b, _ in found if not any(x <= a and b <= y for x, y in look_alikes)]
    if not free:
        return "term inside a look-alike phrase"
    return "term dropped by a rule"


def diagnose(docs: list[dict]) -> dict:
    from safehaven.core.detect import analyse

    fn: dict[str, Counter] = {}
    fp: dict[str, Counter] = {}
    docs_wrong: Counter = Counter()
    n_fn_docs = Counter()
    for doc in docs:
        a = analyse(doc["text"])
        gold = set(doc.get("special_categories") or [])
        got = set(a.special_categories)
        has_person = any(s.type == "PERSON" for s in a.spans)
        if a.classification != doc["classification"]:
            docs_wrong[
                f"{doc['classification']} -> {a.classification}"
                f" ({'person found' if has_person else 'no person found'})"
            ] += 1
        for cat in sorted(gold - got):
            n_fn_docs[cat] += 1
            evidence = [e for e in a.evidence if e.category == cat]
            bucket = fn.setdefault(cat, Counter())
            if not evidence:
                bucket[_before_evidence(doc["text"], cat)] += 1
            else:
                kinds = sorted({explanation_kind(e.explanation) for e in evidence})
                bucket["found, not linked: " + " / ".join(kinds)] += 1
        for cat in sorted(got - gold):
            linked = [e for e in a.evidence if e.category == cat and e.linked]
            kinds = sorted({explanation_kind(e.explanation) for e in linked})
            fp.setdefault(cat, Counter())[" / ".join(kinds)] += 1
    return {
        "documents": len(docs),
        "classification_errors": dict(docs_wrong.most_common()),
        "false_negatives": {c: dict(v.most_common()) for c, v in sorted(fn.items())},
        "false_positives": {c: dict(v.most_common()) for c, v in sorted(fp.items())},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    src = parser.add_mutually_exclusive_group(required=True)
    src.add_argument("--family", help="a generated family (benchmarks/corpus/generate_uk.py)")
    src.add_argument("--jsonl", type=Path, help="a labelled JSONL file")
    parser.add_argument("--n", type=int, default=600)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args(argv)
    if args.jsonl:
        with args.jsonl.open(encoding="utf-8") as fh:
            docs = [json.loads(line) for line in fh if line.strip()]
    else:
        from benchmarks.corpus.generate_uk import FAMILIES, generate

        if args.family not in FAMILIES:
            parser.error(f"unknown family {args.family!r}: one of {', '.join(sorted(FAMILIES))}")
        docs = generate(args.family, args.n, args.seed)
    json.dump(diagnose(docs), sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
