"""The engine's spans on a committed sample are what they were when the golden file was written.

The speed work on names.py and patterns.py must not change a single span. If a change of results
is deliberate (better name recall, a new recogniser), write the file again with
`.venv/bin/python -m tests.core.detect_perf.golden --write` and say so in the commit.
"""

from __future__ import annotations

import json

import pytest
from tests.core.detect_perf.golden import GOLDEN, record

with GOLDEN.open(encoding="utf-8") as _fh:
    ROWS = [json.loads(line) for line in _fh if line.strip()]


def test_the_golden_file_covers_names_patterns_and_long_text():
    assert len(ROWS) >= 35
    assert sum(len(r["names"]) for r in ROWS) > 100
    assert {s[0] for r in ROWS for s in r["patterns"]} >= {
        "EMAIL_ADDRESS",
        "PHONE_NUMBER",
        "UK_POSTCODE",
        "UK_NINO",
        "STREET_ADDRESS",
        "DATE_OF_BIRTH",
    }
    assert max(len(r["text"]) for r in ROWS) > 10_000


@pytest.mark.parametrize("row", ROWS, ids=[f"text{i}" for i in range(len(ROWS))])
def test_spans_are_unchanged(row):
    now = record(row["text"])
    assert now["names"] == row["names"]
    assert now["patterns"] == row["patterns"]
    assert now["spans"] == row["spans"]
