"""`find_patterns` on a text without a digit runs only the email, birth-date and address
recognisers; what it returns is what every recogniser in turn returns.

Every other recogniser's pattern needs a digit (`\\d`), and its candidates are looked for only at
runs of digits. Compared here with each recogniser run in turn over the whole text (find_patterns
as first written) on digit-free texts built from the pieces that matter (emails, birth cues,
street and house words, "+" and "(" where phone numbers start, NI-number and postcode letters,
Unicode letters), on the digit-free documents of the corpora, and on the corpora with the digits
taken out.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from safehaven.core.detect import patterns

ROOT = Path(__file__).resolve().parents[3]
CORPORA = [
    ROOT / "benchmarks" / "data" / "uk-cs-dev.jsonl",
    ROOT.parent / "shared" / "data" / "presidio-research-synth-v2.jsonl",
]

PIECES = [
    " ", "  ", "\n", "\t", ",", ".", ":", ";", "-", "–", "'", "’", "(", ")", "+", "+(", "/", "|",
    "a@b.org", "jane.smith@example.co.uk", "x@y", "@", "DOB", "DOB:", "D.O.B.", "born on",
    "date of birth", "Date of Birth:", "the fifth of May", "May", "March", "Flat", "Flat A",
    "Apartment", "The Old Rectory", "Ty Gwyn", "Heol y Bryn", "Church Lane", "High Street",
    "Road", "Close", "House", "Cottage", "Mill", "Lane", "Weavers Quay", "Bridge End", "AB",
    "QQ", "SW", "LE", "BFPO", "bfpo", "NHS", "UPN", "A", "Z", "X", "Jane", "Smith", "Mr", "Ms",
    "ext", "x", "٣", "é", "ß", "Ω", "Я", "½", "²", "Ⅻ",
]  # fmt: skip
no_digit_texts = (
    st.lists(st.sampled_from(PIECES), max_size=40)
    .map("".join)
    .filter(lambda t: re.search(r"\d", t) is None)
)


def each_recogniser(text: str) -> list:
    return [span for recogniser in patterns.RECOGNISERS for span in recogniser(text)]


@given(no_digit_texts)
@settings(max_examples=1000, deadline=None)
def test_no_digit_texts_give_what_each_recogniser_gives(text):
    assert patterns.find_patterns(text) == each_recogniser(text)


@given(st.text(alphabet=st.characters(blacklist_categories=("Nd",)), max_size=120))
@settings(max_examples=500, deadline=None)
def test_any_text_without_a_decimal_digit(text):
    assert patterns.find_patterns(text) == each_recogniser(text)


def _corpus_texts() -> list[str]:
    out: list[str] = []
    for path in CORPORA:
        if path.exists():
            with path.open(encoding="utf-8") as fh:
                out.extend(json.loads(line)["text"] for line in fh if line.strip())
    return out


def test_corpus_documents_without_digits_and_with_digits_taken_out():
    texts = _corpus_texts()
    assert texts
    no_digits = [t for t in texts if re.search(r"\d", t) is None]
    stripped = [re.sub(r"\d", "", t) for t in texts[:400]]
    found = 0
    for text in no_digits + stripped:
        got = patterns.find_patterns(text)
        assert got == each_recogniser(text)
        found += len(got)
    assert found > 0  # the texts hold emails and addresses to find


def test_a_text_with_a_digit_takes_the_full_path():
    text = "Call Jane on +44 7700 900123 or jane@example.org, DOB 01/02/2010."
    spans = patterns.find_patterns(text)
    assert {s.type for s in spans} >= {"PHONE_NUMBER", "EMAIL_ADDRESS", "DATE_OF_BIRTH"}
    assert spans == each_recogniser(text)
