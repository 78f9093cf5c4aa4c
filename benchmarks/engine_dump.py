"""Dump everything `analyse` and `desensitise` return, to check that a speed change keeps output.

    PYTHONHASHSEED=0 .venv/bin/python benchmarks/engine_dump.py before.jsonl   # on the old tree
    PYTHONHASHSEED=0 .venv/bin/python benchmarks/engine_dump.py after.jsonl
    cmp before.jsonl after.jsonl

Texts: the dev corpus, the presidio-research synth set (if present in ../shared/data) and the
20 KB text of engine_speed.py. PYTHONHASHSEED=0 because initials in de-sensitised text are
assigned in set order.
"""

from __future__ import annotations

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

    texts: list[str] = []
    for path in SOURCES:
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                texts.extend(json.loads(line)["text"] for line in fh if line.strip())
    texts.append(text_20k(texts))
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for text in texts:
            a = analyse(text)
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
    print(f"{len(texts)} texts written to {sys.argv[1]}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
