"""Dump everything `analyse` and `desensitise` return, to check that a speed change keeps output.

    PYTHONHASHSEED=0 .venv/bin/python benchmarks/engine_dump.py before.jsonl   # on the old tree
    PYTHONHASHSEED=0 .venv/bin/python benchmarks/engine_dump.py after.jsonl
    cmp before.jsonl after.jsonl

Texts: the dev corpus, the presidio-research synth set (if present in ../shared/data) and the
20 KB text of engine_speed.py. PYTHONHASHSEED=0 because initials in de-sensitised text are
assigned in set order.

    --spans-only    write only the spans and low-confidence candidates (type, start, end, score,
                    explanation) and the de-sensitised text: the names and patterns steps' output,
                    unaffected by work on the special-category step going on at the same time
    --dataset FILE  a further JSONL file of texts (repeatable), e.g. a generated corpus
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.engine_speed import ROOT, text_20k  # noqa: E402

SOURCES = [
    ROOT / "benchmarks" / "data" / "uk-cs-dev.jsonl",
    ROOT.parent / "shared" / "data" / "presidio-research-synth-v2.jsonl",
]


def _span(s) -> list[str]:
    return [str(x) for x in (s.type, s.start, s.end, s.score, s.explanation)]


def main() -> int:
    from safehaven.core.detect import analyse, desensitise

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--spans-only", action="store_true")
    parser.add_argument("--dataset", action="append", default=[], type=Path)
    args = parser.parse_args()
    texts: list[str] = []
    for path in [*SOURCES, *args.dataset]:
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                texts.extend(json.loads(line)["text"] for line in fh if line.strip())
    texts.append(text_20k(texts))
    with open(args.out, "w", encoding="utf-8") as out:
        for text in texts:
            a = analyse(text)
            if args.spans_only:
                spans = [[_span(s) for s in a.spans], [_span(s) for s in a.low_confidence]]
                out.write(json.dumps([*spans, desensitise(text, analysis=a).text]) + "\n")
                continue
            record = [
                [_span(s) for s in a.spans],
                [_span(s) for s in a.low_confidence],
                [str(e) for e in a.evidence],
                a.classification,
                list(a.reasons),
                list(a.special_categories),
                desensitise(text, analysis=a).text,
            ]
            out.write(json.dumps(record) + "\n")
    print(f"{len(texts)} texts written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
