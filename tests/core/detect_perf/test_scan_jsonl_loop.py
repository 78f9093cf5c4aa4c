"""`safehaven scan --jsonl`'s loop, made cheaper, writes what the plain loop writes.

The plain loop (kept below as the reference): each non-blank line through `jsonl_record`, written
with `json.dumps(record, ensure_ascii=False)` and a newline. The loop holds the cyclic garbage
collector back until the first document has been analysed and then freezes what the start built;
collection is on again afterwards, and the output is the same byte for byte.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import sys
from pathlib import Path

import pytest

from safehaven.commands import scan

DEV = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "uk-cs-dev.jsonl"

ODD_LINES = [
    b'{"id": 1, "text": "Jane Smith, DOB 01/02/2010, lives at 7 Bramble Close LE11 3QT"}',
    b"",
    b"   ",
    b'{"id": "x", "text": "caf\xc3\xa9 \xe2\x80\x99 Mr O\xe2\x80\x99Brien \\ud800"}\r',
    b"\xff\xfe not utf8",
    b"not json",
    b"[1,2]",
    b'{"id": null}',
    b'{"id": [1, {"a": 2}], "text": 5}',
    b'{"id": 1.5e3, "text": ""}',
    b'{"text": "no id; Tom Jones 07700 900123"}',
    b'{"id": "nan", "text": "NaN", "extra": NaN}',
    b'{"id": "\\u00e9\\u2028", "text": "Line\\u2028sep \\u0000 nul Peter Parker"}',
    b'"just a string"',
    b'{"id": true, "text": "UPN A123456789012 NHS 943 476 5919"}\r',
    b'{"id": 12345678901234567890123, "text": "x"}',
    b'{"id":"t","text":"tab\there"} trailing',
    b'{"id":"last","text":"no newline at end"}',
]


def reference_output(data: bytes, threshold: float = 0.5) -> tuple[bytes, int]:
    """The loop as it was: one `jsonl_record` per non-blank line, written with json.dumps."""
    policy = scan._policy(threshold)
    out = []
    status = scan.EXIT_CLEAN
    for line_no, raw in enumerate(io.BytesIO(data), start=1):
        if not raw.strip():
            continue
        record = scan.jsonl_record(raw.rstrip(b"\r\n"), line_no, policy=policy)
        if "error" in record:
            status = max(status, scan.EXIT_ERROR) if status != scan.EXIT_FOUND else status
        elif record["classification"] != "none":
            status = scan.EXIT_FOUND
        out.append(json.dumps(record, ensure_ascii=False) + "\n")
    return "".join(out).encode("utf-8"), status


def run_scan(tmp_path, data: bytes, threshold: float = 0.5) -> tuple[bytes, int]:
    source = tmp_path / "in.jsonl"
    source.write_bytes(data)
    args = argparse.Namespace(
        paths=[str(source)], jsonl=True, json=False, threshold=threshold, max_size=20.0,
        explain=False, no_progress=True, extra_terms=None,
    )  # fmt: skip
    buffer = io.BytesIO()
    text = io.TextIOWrapper(buffer, encoding="utf-8", newline="\n", write_through=True)
    real = sys.stdout
    sys.stdout = text
    try:
        status = scan.run(args)
    finally:
        sys.stdout = real
    text.flush()
    return buffer.getvalue(), status


@pytest.fixture
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    gc.unfreeze()
    if not was:
        gc.disable()


def test_dev_corpus_output_is_the_plain_loops(tmp_path, collector_on):
    data = DEV.read_bytes()[:200_000]
    data = data[: data.rfind(b"\n") + 1]
    assert run_scan(tmp_path, data) == reference_output(data)
    assert gc.isenabled()


def test_odd_lines_output_is_the_plain_loops(tmp_path, collector_on):
    data = b"\n".join(ODD_LINES)
    got = run_scan(tmp_path, data)
    assert got == reference_output(data)
    assert got[1] == scan.EXIT_FOUND
    assert gc.isenabled()


def test_a_threshold_is_passed_on(tmp_path, collector_on):
    data = b"\n".join(ODD_LINES[:1] * 3)
    assert run_scan(tmp_path, data, 0.95) == reference_output(data, 0.95)


def test_collection_is_back_on_after_a_long_run_of_bad_lines(tmp_path, collector_on, monkeypatch):
    seen = []
    real = scan.jsonl_record

    def record(raw, line_no, *, policy=None):
        seen.append((line_no, gc.isenabled()))
        return real(raw, line_no, policy=policy)

    monkeypatch.setattr(scan, "jsonl_record", record)
    data = b"\n".join([b"not json"] * 150 + [b'{"id": 1, "text": "Jane Smith"}'] * 3)
    out, status = run_scan(tmp_path, data)
    assert out.count(b"\n") == 153
    assert status == scan.EXIT_FOUND
    assert [on for n, on in seen if n <= 101] == [False] * 101
    assert all(on for n, on in seen if n > 101)
    assert gc.isenabled()


def test_collection_is_back_on_after_the_first_document(tmp_path, collector_on, monkeypatch):
    seen = []
    real = scan.jsonl_record

    def record(raw, line_no, *, policy=None):
        seen.append(gc.isenabled())
        return real(raw, line_no, policy=policy)

    monkeypatch.setattr(scan, "jsonl_record", record)
    run_scan(tmp_path, b'{"id": 1, "text": "a"}\n{"id": 2, "text": "b"}\n{"id": 3, "text": "c"}\n')
    assert seen == [False, True, True]
    assert gc.get_freeze_count() > 0


def test_collection_stays_off_when_it_was_off(tmp_path, collector_on):
    gc.disable()
    try:
        run_scan(tmp_path, b'{"id": 1, "text": "Jane Smith"}\n')
        assert not gc.isenabled()
    finally:
        gc.enable()
