"""Special categories: evidence, hard negatives and the link to a person (SENS-2)."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safehaven.core.detect import analyse, lexicons


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Jayden has an EHCP for his autism.", "health"),
        ("She takes medication for epilepsy.", "health"),
        ("He is White British.", "ethnicity"),
        ("Her family are Muslim and she fasts.", "religion"),
        ("He told me he is gay.", "sexual_orientation"),
        ("She said she is sexually active.", "sex_life"),
        ("Her father is a Labour Party member.", "political_opinion"),
        ("Mrs Smith is a trade union representative.", "trade_union"),
        ("He was arrested last week.", "criminal"),
        ("She had a genetic test for the condition.", "genetic"),
        ("His fingerprint is used for lunch payments.", "biometric"),
        ("Sam is transgender and uses they/them pronouns.", "gender"),
        ("Jayden is subject to a child protection plan.", "safeguarding"),
        ("She is a looked after child.", "safeguarding"),
        ("A MASH referral was made about him.", "safeguarding"),
        ("His social worker visited.", "safeguarding"),
        ("We are worried about CCE and county lines; he was seen with older boys.", "safeguarding"),
    ],
)
def test_categories_found(text, category):
    assert category in analyse(text).special_categories


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    "text",
    [
        "The health and safety inspection is on Monday; he will show them round.",
        "Please complete your Religious Education homework, she said.",
        "We took the union of two data sets.",
        "Remember your PE kit on Tuesday, he reminded them.",
        "The school council election is next week, and she is standing.",
        "Child protection training for all staff is on Friday.",
        "Please send him the timetable.",
        "There are no medical needs recorded for Andre.",
        "In Science week his class will take fingerprints with ink pads.",
        "She asked about the homework on the Sikh gurus.",
    ],
)
def test_hard_negatives_do_not_fire(text):
    assert analyse(text).special_categories == ()


@pytest.mark.rule("SENS-2")
def test_a_term_with_no_person_is_evidence_but_not_a_category():
    result = analyse("Autism awareness week starts on Monday.")
    assert result.special_categories == ()
    assert any(e.category == "health" and not e.linked for e in result.evidence)


def test_evidence_spans_slice_the_text():
    text = "Amelia Patel is on a child protection plan and has asthma."
    result = analyse(text)
    assert {e.category for e in result.evidence if e.linked} >= {"safeguarding", "health"}
    for e in result.evidence:
        assert text[e.start : e.end] == e.text


def test_a_dpo_can_extend_a_lexicon(tmp_path, monkeypatch):
    (tmp_path / "categories.toml").write_text('[health]\nterms = ["zorblax syndrome"]\n')
    monkeypatch.setenv("SAFEHAVEN_LEXICON_DIR", str(tmp_path))
    lexicons.clear_caches()
    try:
        assert "health" in analyse("He has zorblax syndrome.").special_categories
    finally:
        monkeypatch.delenv("SAFEHAVEN_LEXICON_DIR")
        lexicons.clear_caches()
    assert "health" not in analyse("He has zorblax syndrome.").special_categories


@given(st.text(alphabet="hesmyiHEMYo’' .\nİſKchildpupilmr", max_size=60), st.data())
def test_person_word_fast_path_finds_what_the_pattern_finds(text, data):
    from safehaven.core.detect.categories import PERSON_WORDS, _person_word

    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    m = PERSON_WORDS.search(text, start, end)
    assert _person_word(text, start, end) == (m.group() if m else None)
