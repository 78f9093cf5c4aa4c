"""The fast term scan (encoded bytes, compiled groups, field lines) finds exactly what the plain
word-by-word scan finds: the speed work on categories.py must not change a single finding."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safehaven.core.detect import analyse
from safehaven.core.detect import categories as cat

DEV = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "uk-cs-dev.jsonl"

EDGE_CASES = [
    "The child has asthma and attends the mosque; his mum is a Labour councillor.",
    "MASH-65154 was logged. A MASH referral was made about him.",
    "She went to A&E. SEN&D review; LAC-2 and LAC-² are references.",
    "self - harm, self -  harm, self\n\nharm, SELF-HARMING, Self Harm",
    "Genetic Testing&MARXIST; ABSENCE SEIZURES&antihistamine; FOSTER CARERS'",
    "Sinn Féin, bahá'í, Bahá'í faith, naïve café, ΑΣ'Β, ſeizure",
    "İSTANBUL MEDİCAL report: he has epilepsy",
    "Faith: Sikh  Ethnic group: Black - Somali; Religion - none | Ethnicity: Mixed |",
    "relıgion: Islam\nfaith: Christian",
    "Cllr Amanda Reed (Lab) and Councillor Jo Fox (Grn) met the child protection team.",
    "the the the child child protection plans under the the care of the local authority",
    "",
    "&",
    "medicine",
    "medication medicines medic",
]

# Texts where the case-insensitive negation pattern sees a negation word that the scanned words
# do not ("ſ" is an "s" to it, "ı" an "i"): the term must still be negated.
NEGATION_CASES = [
    "Jayden Smith: he denieſ any self-harm.",
    "Jayden Smith has nıl medical needs.",
    "Jayden Smith has no medical needs.",
    "Jayden Smith has medical needs.",
]


def _dev_sample() -> list[str]:
    if not DEV.exists():
        return []
    with DEV.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()][:60]


def _normal(hits, blocked):
    return (
        {c: sorted(v) for c, v in hits.items() if v},
        {c: sorted(v) for c, v in blocked.items() if v},
    )


def _same_as_word_by_word(text: str) -> None:
    slow_hits, slow_blocked, _ = cat._scan_by_words(text)
    prepared = cat._words_lower(text)
    if prepared is None:
        return  # the word-by-word scan is the one used
    low, enc = prepared
    fast = cat._scan(text, low, enc, set(enc.split()))
    if fast is None:
        return  # the slow path decides
    assert _normal(*fast) == _normal(slow_hits, slow_blocked)


@pytest.mark.parametrize("text", EDGE_CASES + _dev_sample())
def test_fast_scan_finds_what_the_word_by_word_scan_finds(text):
    _same_as_word_by_word(text)


_PIECES = st.sampled_from(
    [
        "child",
        "protection",
        "plan",
        "the",
        "his",
        "mum",
        "medicine",
        "medicines",
        "self",
        "harm",
        "LAC",
        "Lac",
        "SEN",
        "Labour",
        "labour",
        "market",
        "social",
        "worker",
        "workers",
        "health",
        "and",
        "safety",
        "é",
        "İ",
        "ß",
        "2",
        "²",
    ]
)
_GLUE = st.sampled_from([" ", "  ", "   ", "    ", "-", " - ", "&", "\n", "\n\n", ". ", "'", "’"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_PIECES, _GLUE), max_size=12))
def test_fast_scan_agrees_on_generated_text(pairs):
    _same_as_word_by_word("".join(a + b for a, b in pairs))


def _fields_whole_text(text: str) -> list[tuple[str, int, int, str]]:
    """The field pattern over the whole text, as before the scan was limited to lines."""
    out = []
    for m in cat._FIELD.finditer(text):
        value = m.group("value").strip()
        if not value or cat._EMPTY_VALUE.fullmatch(value):
            continue
        category = "ethnicity" if m.group("label").lower().startswith("e") else "religion"
        a = m.start("value") + (len(m.group("value")) - len(m.group("value").lstrip()))
        out.append((category, a, a + len(value), value))
    return out


@pytest.mark.parametrize(
    "text",
    [
        "Name: Jo\nEthnicity: White British  Religion: none\nnotes\nFaith - Hindu; x",
        "Ethnic group: Black - Somali | Religion/belief: Muslim | faith:Sikh\n\nEthnicity:",
        "ethnicity and faith were discussed\nReligion: Christian",
        "x\n  Religious affiliation - Jewish  Ethnic origin: Irish Traveller",
        *EDGE_CASES,
    ],
)
def test_field_lines_find_what_a_whole_text_scan_finds(text):
    if any(stem in text.lower() for stem in ("ethnic", "religi", "faith")):
        assert cat._field_hits(text, text.lower()) == _fields_whole_text(text)


@pytest.mark.parametrize("text", NEGATION_CASES)
def test_negation_seen_as_the_pattern_sees_it(text):
    found = analyse(text).special_categories
    assert ("health" in found) == (text == "Jayden Smith has medical needs.")


def test_a_dotless_i_in_a_field_label_does_not_raise():
    result = analyse("relıgion: Islam\nfaith: Christian\nPupil: Jayden Smith")
    assert "religion" in result.special_categories
