"""Session 7: the social care record patterns run at their anchor words through `_anchored`
(the helper the sentence rules use) instead of a second helper of their own. At the scanned
anchors they must find what a scan of the whole text finds."""

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from safehaven.core.detect import categories as c

DEV = Path(__file__).parents[3] / "benchmarks" / "data" / "uk-cs-dev.jsonl"

EDGES = [
    "Present: Dawn Little (SW), Mustafe (15)\n\nSW: Who lives at home?\n  SW :  And school?",
    "\tSW\t: Who lives at home?\n((SW)) asked again. (sw) lower case.",
    "Mia cried.\nPassed it on to the Deputy Head (DSL) at 1pm. Shared with DSL.",
    "Logged onto the CPOMS today. MyConcern entry made. Updated CPOMS.",
    "Request - Children's Advice and Duty Service; families duty and advice team; "
    "Duty and Advice Service.",
    "   Case notes - 3 May\n  Allocated social worker: Jo Bennett\nSaw Mia.",
    "Interview transcript\nDuty worker : Sam\n\nTranscript of interview\nFamily time record",
    "Home visit record 4 May\nchildrens social care attended. Senior Practitioner: Al.",
    "Voice of the child\nFamily Support Worker Priya\nChronology\nDirect work session",
    "A case note template. Home visits are on Fridays. Visit record kept.",
    "Statutory visit\nSupervised contact\nCase recording",
]


def _marks(text: str):
    prepared = c._words_lower(text)
    assert prepared is not None
    low, enc = prepared
    marks: list = []
    assert c._scan(text, low, enc, set(enc.split(b" ")) - {b""}, marks) is not None
    return low, enc, marks


def _same(text: str) -> None:
    low, enc, marks = _marks(text)
    anchored = sorted(c._social_care_record(text, low, enc, marks))
    whole = sorted(c._social_care_record(text, low))  # no marks: whole-text scan
    assert anchored == whole, text
    # the worker pattern alone (it decides whether a heading counts)
    worker = c._anchored(
        c._RECORD_WORKER, text, low, enc, c._WORKER_ANCHORS, marks, 17, c._WORKER_FIRST, " \t("
    )
    assert [m.span() for m in c._leftmost(worker)] == [
        m.span() for m in c._RECORD_WORKER.finditer(text)
    ], text


def test_records_at_their_anchors_are_what_the_whole_text_scan_finds():
    texts = EDGES + [json.loads(line)["text"] for line in DEV.read_text("utf-8").splitlines()]
    found = 0
    for text in texts:
        _same(text)
        low, enc, marks = _marks(text)
        found += len(c._social_care_record(text, low, enc, marks))
    assert found >= 20


def test_edge_records_are_found():
    low, enc, marks = _marks(EDGES[0])
    spans = [(a, b) for a, b, _ in c._social_care_record(EDGES[0], low, enc, marks)]
    assert [EDGES[0][a:b] for a, b in sorted(spans)] == ["(SW)", "SW:", "  SW :"]


_PIECES = st.sampled_from(
    [
        "SW",
        "sw",
        "(SW)",
        "(",
        ":",
        "DSL",
        "passed",
        "to",
        "the",
        "Mr",
        "Holt",
        "logged",
        "on",
        "CPOMS",
        "MyConcern",
        "entry",
        "Children's",
        "families",
        "Advice",
        "and",
        "Duty",
        "Service",
        "Case",
        "note",
        "Home",
        "visit",
        "record",
        "Interview",
        "transcript",
        "Worker",
        "social",
        "care",
        "worker",
        "senior",
        "practitioner",
        "health",
        "visitor",
        "Mia",
        "\u00e9",
    ]
)
_GLUE = st.sampled_from([" ", "  ", "\t", "\n", "\n  ", "\n\t", ". ", ": ", "(", ")", "-"])
_TEXT = st.lists(st.tuples(_GLUE, _PIECES), max_size=40).map(
    lambda pairs: "".join(a + b for a, b in pairs)
)


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_records_at_anchors_equal_the_whole_text_scan_on_generated_text(text):
    _same(text)
