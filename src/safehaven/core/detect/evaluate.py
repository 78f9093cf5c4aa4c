"""Quick accuracy check of the engine on a labelled JSONL file (a developer tool).

    python -m safehaven.core.detect.evaluate FILE.jsonl [--types PERSON,PHONE_NUMBER] [--errors N]

Each line: {"id", "text", "spans": [{"type", "start", "end"}], optional "classification" and
"special_categories"}. A prediction matches a gold span of the same type when they overlap
(each gold span matched once); "exact" counts only identical offsets. The benchmark in
benchmarks/ is the reference measurement; this is for quick iteration on the dev corpus.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict

from safehaven.core.detect import analyse


def _match(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> tuple[int, int]:
    used: set[int] = set()
    tp = exact = 0
    for ps, pe in pred:
        for i, (gs, ge) in enumerate(gold):
            if i in used:
                continue
            if ps < ge and gs < pe:
                used.add(i)
                tp += 1
                exact += (ps, pe) == (gs, ge)
                break
    return tp, exact


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("path")
    parser.add_argument("--types", default="")
    parser.add_argument("--errors", type=int, default=0, help="print N errors per type")
    parser.add_argument("--error-type", default="")
    args = parser.parse_args(argv)
    only = set(filter(None, args.types.split(",")))
    counts: dict[str, Counter] = defaultdict(Counter)
    cls_ok = cls_n = 0
    cat_counts: Counter = Counter()
    per_cat: dict[str, Counter] = defaultdict(Counter)
    errors: list[str] = []
    with open(args.path, encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            text = doc["text"]
            result = analyse(text)
            types = {s["type"] for s in doc["spans"]} | {s.type for s in result.spans}
            for t in types:
                if only and t not in only:
                    continue
                gold = [(s["start"], s["end"]) for s in doc["spans"] if s["type"] == t]
                pred = [(s.start, s.end) for s in result.spans if s.type == t]
                tp, exact = _match(gold, pred)
                c = counts[t]
                c["tp"] += tp
                c["fp"] += len(pred) - tp
                c["fn"] += len(gold) - tp
                c["exact"] += exact
                c["gold"] += len(gold)
                want = args.error_type
                if (tp < len(gold) or tp < len(pred)) and (not want or want == t):
                    g = [text[a:b] for a, b in gold]
                    p = [text[a:b] for a, b in pred]
                    errors.append(f"{doc['id']} {t}: gold={g} pred={p}")
            if "classification" in doc:
                cls_n += 1
                cls_ok += doc["classification"] == result.classification
                if doc["classification"] != result.classification and args.error_type == "CLASS":
                    errors.append(
                        f"{doc['id']} CLASS gold={doc['classification']} "
                        f"pred={result.classification} {result.reasons} "
                        f"{doc.get('special_categories')}"
                    )
            if "special_categories" in doc:
                gold_c = set(doc["special_categories"])
                pred_c = set(result.special_categories)
                cat_counts["tp"] += len(gold_c & pred_c)
                cat_counts["fp"] += len(pred_c - gold_c)
                cat_counts["fn"] += len(gold_c - pred_c)
                for c in gold_c | pred_c:
                    per_cat[c]["tp"] += c in gold_c and c in pred_c
                    per_cat[c]["fp"] += c in pred_c and c not in gold_c
                    per_cat[c]["fn"] += c in gold_c and c not in pred_c
                    per_cat[c]["gold"] += c in gold_c
                if gold_c != pred_c and args.error_type == "CAT":
                    ev = [(e.category, e.text, e.linked) for e in result.evidence]
                    errors.append(
                        f"{doc['id']} {doc.get('template', '')} CAT gold={sorted(gold_c)} "
                        f"pred={sorted(pred_c)} {ev}"
                    )
    total = Counter()
    print(f"{'type':<22}{'P':>7}{'R':>7}{'F1':>7}{'exact':>7}{'gold':>7}")
    for t in sorted(counts):
        c = counts[t]
        total.update(c)
        print(_row(t, c))
    print(_row("micro", total))
    if cls_n:
        print(f"classification accuracy {cls_ok / cls_n:.3f} ({cls_ok}/{cls_n})")
    if cat_counts:
        print(_row("special categories", cat_counts))
        for c in sorted(per_cat):
            print(_row(f"  {c}", per_cat[c]))
    for e in errors[: args.errors]:
        print(e)
    return 0


def _row(name: str, c: Counter) -> str:
    p = c["tp"] / (c["tp"] + c["fp"]) if c["tp"] + c["fp"] else 0.0
    r = c["tp"] / (c["tp"] + c["fn"]) if c["tp"] + c["fn"] else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    ex = c["exact"] / c["tp"] if c["tp"] else 0.0
    return f"{name:<22}{p:>7.3f}{r:>7.3f}{f:>7.3f}{ex:>7.3f}{c['gold']:>7}"


if __name__ == "__main__":
    raise SystemExit(main())
