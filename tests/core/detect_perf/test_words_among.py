"""`names._Words.among(words)` is `_Words.get() & words` for alphabetic words.

The lower-case first names step asks which of the lower-case first names are whole runs of
letters and digits in the text; `among` answers without building the set of every run (an
alphabetic word between white space is a run already; the other runs are in the pieces that hold
other characters).
"""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from safehaven.core.detect import names

ROOT = Path(__file__).resolve().parents[3]
WORDS = ["mykola", "bogdan", "sagal", "ana", "zoë", "hodan", "mei", "ab", "x"]
PIECES = [
    *WORDS, " ", "  ", "\n", "\t", "\u00a0", "\u2028", ",", ".", "'", "’", "'s", "-", "_", "0",
    "7", "²", "٣", "(", ")", "é", "ß", "Mykola", "MYKOLA", "mykola2", "2mykola", "x_y", "🙂",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
word_sets = st.sets(st.sampled_from([w for w in WORDS if w.isalpha()]), max_size=6).map(frozenset)


def reference(text: str, words: frozenset[str]) -> set[str]:
    return set(names._Words(text).get().intersection(words))


@given(texts, word_sets)
@settings(max_examples=1000, deadline=None)
def test_among_is_the_runs_among_the_words(text, words):
    assert names._Words(text).among(words) == reference(text, words)


@given(st.text(max_size=80), st.sets(st.text(min_size=1, max_size=5).filter(str.isalpha)))
@settings(max_examples=600, deadline=None)
def test_among_on_any_text(text, words):
    words = frozenset(words)
    text = text + " " + " ".join(sorted(words)[:2]) + ","
    assert names._Words(text).among(words) == reference(text, words)


def test_among_after_get_uses_the_set():
    w = names._Words("hi mykola, and bogdan.")
    full = w.get()
    assert w.among(frozenset({"mykola", "bogdan", "sagal"})) == {"mykola", "bogdan"}
    assert w.get() is full


def test_among_with_the_lower_case_first_names_on_the_corpora():
    firsts = names._lower_first_names()
    paths = [
        ROOT / "benchmarks" / "data" / "uk-cs-dev.jsonl",
        ROOT.parent / "shared" / "data" / "presidio-research-synth-v2.jsonl",
    ]
    found = 0
    for path in paths:
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line)["text"].lower()
                got = names._Words(text).among(firsts)
                assert got == reference(text, firsts)
                found += len(got)
    assert found > 0
