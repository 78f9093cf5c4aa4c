"""The committed golden file for the engine's spans: write it, read it, compare with it.

    .venv/bin/python -m tests.core.detect_perf.golden --write   # after a deliberate change

The texts are kept in the file itself (dev-corpus documents, edge cases and one long
concatenation), so a regenerated dev corpus does not move them. What is kept per text: the
PERSON candidates of the names step (start, end, score), the pattern recognisers' spans (type,
start, end, score) and the spans `analyse` reports (type, start, end, score). Classification and
special categories are left out on purpose: they are being tuned for accuracy, which is not what
this file guards (it guards speed work that must not change results).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

GOLDEN = Path(__file__).with_name("golden.jsonl")
DEV = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "uk-cs-dev.jsonl"

EDGE_CASES = [
    "Ahmed al-Hassan and Mr al-Hassan met Maria de la Cruz and Jan van der Berg.",
    "Dear Mrs O'Neill,\n\nJayden's mother, Holly THOMPSON, called. Later Jayden went home.",
    "Pupil: Jayden Smith (2014-03-02)\nMORGAN, Marcus\nSubject: Riley Green DOB 05/06/10",
    "NI: AB 12 34 56 C, QQ123456C; BFPO 801; GIR 0AA; SW1A 1AA; LE1 6HL",
    "Flat 3, Sovereign House, 22 Mill Lane, Leicester LE2 1AB. Also 7 Bramble Close, Loughborough",
    "Call +44 (0)7700 900123 ext. 12 or 0116 496 0000; NHS number 943 476 5919; UPN A123456789012",
    "d.o.b 01/02/2010, born on 3rd May 2011, DOB: 2012-03-04, b. 5.6.2013; Invoice 9434765870",
    "jayden%smith@example.org a.b@c.co.uk @handle x@y; ſO'Neill; ωX-Ray; Ζωή Παπαδοπούλου",
    "Kind regards,\nSarah\n\nMy name is Abdullahi. I'm Folake. Signed: Padraig Byrne",
]


def texts() -> list[str]:
    """The texts of the golden file: read from it when it exists."""
    if GOLDEN.exists():
        with GOLDEN.open(encoding="utf-8") as fh:
            return [json.loads(line)["text"] for line in fh if line.strip()]
    with DEV.open(encoding="utf-8") as fh:
        docs = [json.loads(line) for line in fh if line.strip()]
    # One document of each dev template (the first 30 templates met), then the edge cases and
    # 30 documents run together (names found in one propagate to the others).
    picked: dict[str, str] = {}
    for d in docs:
        picked.setdefault(d.get("template", d["id"]), d["text"])
    sample = list(picked.values())[:30]
    return [*sample, *EDGE_CASES, "\n\n".join(d["text"] for d in docs[:30])]


def record(text: str) -> dict:
    from safehaven.core.detect import analyse
    from safehaven.core.detect.names import find_names
    from safehaven.core.detect.patterns import dates_after_names, find_patterns

    names = find_names(text)
    found = [*find_patterns(text), *dates_after_names(text, names)]
    return {
        "names": [[s.start, s.end, s.score] for s in names],
        "patterns": [[s.type, s.start, s.end, s.score] for s in found],
        "spans": [[s.type, s.start, s.end, s.score] for s in analyse(text).spans],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write the golden file again")
    args = parser.parse_args(argv)
    if not args.write:
        parser.print_help()
        return 2
    rows = [{"text": t, **record(t)} for t in texts()]
    with GOLDEN.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(rows)} texts written to {GOLDEN}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
