"""Audit a labelled corpus: offsets, types, identifier validity, classification rule, and labelled
strings that also occur unlabelled elsewhere in the same document (for a person to review).

    .venv/bin/python -m benchmarks.corpus.check benchmarks/data/uk-cs-dev.jsonl
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

from benchmarks.corpus import ukids
from benchmarks.corpus.builder import CATEGORIES, SPAN_TYPES

POSTCODE = re.compile(r"^[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}$")
VALIDATORS = {
    "UK_UPN": ukids.upn_is_valid,
    "UK_NHS": lambda s: ukids.nhs_is_valid(s.replace(" ", "").replace("-", "")),
    "UK_ULN": ukids.uln_is_valid,
    "UK_NINO": ukids.nino_is_valid,
    "UK_POSTCODE": lambda s: bool(POSTCODE.match(s)),
    "PHONE_NUMBER": ukids.phone_is_valid,
    "EMAIL_ADDRESS": lambda s: bool(re.fullmatch(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", s)),
}


def audit(path: Path) -> tuple[list[str], Counter]:
    problems: list[str] = []
    unlabelled: Counter = Counter()
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        text = doc["text"]
        covered = bytearray(len(text))
        for s in doc["spans"]:
            value = text[s["start"] : s["end"]]
            if s["type"] not in SPAN_TYPES:
                problems.append(f"{doc['id']}: unknown type {s['type']}")
            check = VALIDATORS.get(s["type"])
            if check and not check(value):
                problems.append(f"{doc['id']}: invalid {s['type']} {value!r}")
            for i in range(s["start"], s["end"]):
                covered[i] = 1
        ordered = sorted(doc["spans"], key=lambda s: s["start"])
        for x, y in zip(ordered, ordered[1:], strict=False):
            if x["type"] == y["type"] == "PERSON" and text[x["end"] : y["start"]] in (" ", ""):
                problems.append(f"{doc['id']}: one name split in two spans near {x['start']}")
        cats = doc["special_categories"]
        if any(c not in CATEGORIES for c in cats):
            problems.append(f"{doc['id']}: unknown category in {cats}")
        expected = "none" if not doc["spans"] else ("sensitive" if cats else "personal")
        if doc["classification"] != expected:
            problems.append(f"{doc['id']}: classification {doc['classification']} != {expected}")
        for s in doc["spans"]:
            value = text[s["start"] : s["end"]]
            for m in re.finditer(r"(?<!\w)" + re.escape(value) + r"(?!\w)", text):
                if not any(covered[m.start() : m.end()]):
                    unlabelled[(s["type"], value)] += 1
    return problems, unlabelled


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    status = 0
    for name in argv:
        problems, unlabelled = audit(Path(name))
        print(f"{name}: {len(problems)} problems")
        for p in problems[:50]:
            print("  " + p)
        if unlabelled:
            print(f"  labelled strings also found unlabelled: {sum(unlabelled.values())}")
            for (t, v), n in unlabelled.most_common(15):
                print(f"    {t} {v!r} x{n}")
        status |= bool(problems)
    return status


if __name__ == "__main__":
    raise SystemExit(main())
