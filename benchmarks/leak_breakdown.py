"""Where the engine's leak comes from, and which documents it misclassifies, for a JSONL corpus.

    .venv/bin/python benchmarks/leak_breakdown.py benchmarks/data/uk-cs-dev.jsonl
    .venv/bin/python benchmarks/leak_breakdown.py /tmp/fresh-dev.jsonl --examples 20
    .venv/bin/python benchmarks/leak_breakdown.py ../shared/data/presidio-research-synth-v2.jsonl \
        --types PERSON,PHONE_NUMBER

Leak is computed as in ``benchmarks/scoring.py`` (non-space characters inside labelled spans that
no prediction of any type covers). Each labelled span with readable characters is put under one
cause:

- ``missed``: no prediction touches it;
- ``start cut`` / ``end cut`` / ``both ends cut``: a prediction covers part of it and the readable
  characters are before it, after it, or on both sides (an address without its flat number, a
  name without its surname);
- ``gap``: covered at both ends, readable in the middle.

Then the classification confusions, and the false PERSON spans in documents labelled ``none``
(the false names that turn a document with no personal data into a personal one). Do not run
this on the holdout corpus: the holdout is only read by ``engine_vs_presidio.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

UK_TYPES = [
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
]


def cause(text: str, start: int, end: int, covered: bytearray) -> str | None:
    """The cause of readable characters in text[start:end], or None when nothing is readable."""
    marks = [covered[i] for i in range(start, end) if not text[i].isspace()]
    if not marks or all(marks):
        return None
    if not any(marks):
        return "missed"
    first, last = marks[0], marks[-1]
    if not first and not last:
        return "both ends cut"
    if not first:
        return "start cut"
    if not last:
        return "end cut"
    return "gap"


def breakdown(docs: list[dict], predicted: dict[str, list[dict]], types: list[str]) -> dict:
    wanted = set(types)
    total: Counter = Counter()
    readable: Counter = Counter()
    by_cause: Counter = Counter()
    examples: dict[tuple[str, str], list[str]] = defaultdict(list)
    for doc in docs:
        text = doc["text"]
        covered = bytearray(len(text))
        for p in predicted.get(doc["id"], ()):
            for i in range(max(0, p["start"]), min(len(text), p["end"])):
                covered[i] = 1
        for g in doc["spans"]:
            t = g["type"]
            if t not in wanted:
                continue
            s, e = g["start"], g["end"]
            chars = [i for i in range(s, e) if not text[i].isspace()]
            left = sum(1 for i in chars if not covered[i])
            total[t] += len(chars)
            if not left:
                continue
            readable[t] += left
            c = cause(text, s, e, covered)
            by_cause[(t, c)] += left
            got = [
                text[p["start"] : p["end"]]
                for p in predicted.get(doc["id"], ())
                if p["start"] < e and p["end"] > s
            ]
            ctx = text[max(0, s - 40) : e + 30].replace("\n", " / ")
            examples[(t, c)].append(f"{doc['id']}: {text[s:e]!r} got {got} | {ctx}")
    return {"total": total, "readable": readable, "by_cause": by_cause, "examples": examples}


def run_engine(docs: list[dict]) -> tuple[dict, dict]:
    from safehaven.core.detect import analyse

    spans: dict[str, list[dict]] = {}
    classes: dict[str, str] = {}
    for doc in docs:
        a = analyse(doc["text"])
        spans[doc["id"]] = [{"type": s.type, "start": s.start, "end": s.end} for s in a.spans]
        classes[doc["id"]] = a.classification
    return spans, classes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("jsonl", type=Path)
    parser.add_argument("--types", default=",".join(UK_TYPES), help="comma-separated types")
    parser.add_argument("--examples", type=int, default=8, help="examples per cause (default 8)")
    args = parser.parse_args(argv)
    if "holdout" in args.jsonl.name:
        parser.error("the holdout corpus is read only by engine_vs_presidio.py")
    types = [t for t in args.types.split(",") if t]
    with args.jsonl.open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    spans, classes = run_engine(docs)
    res = breakdown(docs, spans, types)
    all_chars = sum(res["total"].values())
    all_left = sum(res["readable"].values())
    print(f"{args.jsonl}: {len(docs)} documents")
    print(f"leak {all_left}/{all_chars} = {100 * all_left / max(1, all_chars):.3f}%")
    print("\nby type (readable / labelled chars):")
    for t in types:
        if res["total"][t]:
            print(f"  {t:16} {res['readable'][t]:6} / {res['total'][t]:7}")
    print("\nby type and cause (readable chars):")
    for (t, c), n in res["by_cause"].most_common():
        print(f"  {t:16} {c:14} {n:6}")
    for (t, c), n in res["by_cause"].most_common():
        print(f"\n-- {t} {c} ({n} chars)")
        for line in res["examples"][(t, c)][: args.examples]:
            print("   ", line)
    if "classification" in docs[0]:
        conf = Counter((d["classification"], classes[d["id"]]) for d in docs)
        ok = sum(n for (g, p), n in conf.items() if g == p)
        print(f"\nclassification accuracy {ok}/{len(docs)} = {ok / len(docs):.4f}")
        for (g, p), n in sorted(conf.items()):
            if g != p:
                print(f"  labelled {g:9} -> {p:9} {n}")
    false_names = []
    for d in docs:
        gold = {(g["start"], g["end"]) for g in d["spans"] if g["type"] == "PERSON"}
        for p in spans[d["id"]]:
            if p["type"] != "PERSON":
                continue
            if not any(p["start"] < e and p["end"] > s for s, e in gold):
                label = d.get("classification", "?")
                ctx = d["text"][max(0, p["start"] - 40) : p["end"] + 30].replace("\n", " / ")
                false_names.append((label, d["id"], d["text"][p["start"] : p["end"]], ctx))
    print(f"\nfalse PERSON spans: {len(false_names)}")
    for label, did, name, ctx in sorted(false_names, key=lambda x: x[0] != "none")[
        : max(args.examples * 3, 10)
    ]:
        print(f"  [{label}] {did}: {name!r} | {ctx}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
