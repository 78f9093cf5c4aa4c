"""Trail detection measured on the hand-written reply/forward fixtures (precision and recall).

    .venv/bin/python -m benchmarks.gateway_trails [--verbose]

A case is one body part (text/plain or text/html) of one fixture. It counts as found correctly when
the detected trail's text begins with the line the manifest names; a trail found in a message that
has none, or found at the wrong place, is a false positive (the wrong place is also a miss).
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from email import message_from_bytes
from email.policy import default
from pathlib import Path

from safehaven.core.email.htmltext import html_to_text
from safehaven.core.email.trails import find_trail_html, find_trail_text

FIXTURES = Path(__file__).resolve().parent.parent / "tests/core/email/fixtures/trails"


@dataclass
class Case:
    name: str
    part: str
    expected: str | None
    detected: str | None  # the first 40 characters of the detected trail's text


def cases(folder: Path = FIXTURES) -> list[Case]:
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    out = []
    for name, spec in sorted(manifest.items()):
        msg = message_from_bytes((folder / f"{name}.eml").read_bytes(), policy=default)
        for part in msg.walk():
            ctype = part.get_content_type()
            if ctype not in {"text/plain", "text/html"}:
                continue
            body = part.get_content()
            if ctype == "text/plain":
                t = find_trail_text(body)
                detected = body[t.start :].strip()[:40] if t else None
            else:
                t = find_trail_html(body)
                detected = html_to_text(body[t.start :]).strip()[:40] if t else None
            expected = spec["trail_starts_with"]
            if ctype == "text/html":
                expected = spec.get("html_trail_starts_with", expected)
            out.append(Case(name, ctype, expected, detected))
    return out


def score(all_cases: list[Case]) -> dict[str, float | int]:
    tp = fp = fn = tn = 0
    for c in all_cases:
        if c.expected is None:
            if c.detected is None:
                tn += 1
            else:
                fp += 1
        elif c.detected is None:
            fn += 1
        elif c.detected.startswith(c.expected[:40]) or c.expected.startswith(c.detected):
            tp += 1
        else:
            fp += 1
            fn += 1
    return {
        "cases": len(all_cases),
        "tp": tp,
        "fp": fp,
        "fn": fn,
        "tn": tn,
        "precision": tp / (tp + fp) if tp + fp else 1.0,
        "recall": tp / (tp + fn) if tp + fn else 1.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument("--folder", type=Path, default=FIXTURES, help="fixtures + manifest.json")
    args = parser.parse_args()
    all_cases = cases(args.folder)
    if args.verbose:
        for c in all_cases:
            print(f"{c.name:<36} {c.part:<10} expected={c.expected!r:<40.40} got={c.detected!r}")
    print(json.dumps(score(all_cases), indent=1))


if __name__ == "__main__":
    main()
