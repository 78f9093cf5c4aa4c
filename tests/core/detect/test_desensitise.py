"""desensitise(): initials, placeholders, UPN kept, DOB to year, addresses removed."""

import pytest

from safehaven.core.detect import DesensitiseOptions, analyse, desensitise

LETTER = (
    "Dear Mrs Smith,\n\nJayden Smith (DOB 03/04/2015, UPN B801200005001) lives at Flat 2, "
    "14 Mill Lane, Leicester LE3 5EU. NHS number 943 476 5870. Call 07700 900123 or email "
    "jane.smith@example.org. NI number AB 12 34 56 C. Jayden has settled well."
)


@pytest.mark.rule("EMAIL-2")
def test_names_become_consistent_initials_and_upn_stays():
    out = desensitise(LETTER).text
    assert "Jayden" not in out
    assert out.count("J.S.") == 2
    assert "B801200005001" in out
    assert "Dear Mrs S.," in out


@pytest.mark.rule("EMAIL-6")
def test_identifiers_become_labelled_placeholders():
    out = desensitise(LETTER).text
    for placeholder in (
        "[NHS number]",
        "[phone]",
        "[email]",
        "[NI number]",
        "[postcode]",
        "[address]",
    ):
        assert placeholder in out
    for secret in (
        "943 476 5870",
        "07700 900123",
        "jane.smith@example.org",
        "AB 12 34 56 C",
        "LE3 5EU",
        "Mill Lane",
    ):
        assert secret not in out


@pytest.mark.rule("POST-5")
def test_date_of_birth_becomes_the_year_or_goes():
    assert "(DOB 2015," in desensitise(LETTER).text
    removed = desensitise(LETTER, options=DesensitiseOptions(dob="remove")).text
    assert "2015" not in removed
    assert "[date of birth]" in removed


@pytest.mark.rule("EMAIL-2")
def test_options_replace_the_upn_and_names():
    out = desensitise(LETTER, options=DesensitiseOptions(keep_upn=False, names="placeholder")).text
    assert "B801200005001" not in out
    assert "[UPN]" in out
    assert "[name]" in out


def test_changes_record_original_offsets():
    result = desensitise(LETTER)
    assert result.changes
    for change in result.changes:
        assert LETTER[change.start : change.end] == change.original
        assert change.replacement


def test_reuses_a_given_analysis():
    analysis = analyse(LETTER)
    assert desensitise(LETTER, analysis=analysis) == desensitise(LETTER)


@pytest.mark.rule("EMAIL-6")
def test_leak_of_identifying_characters_is_at_most_one_percent():
    """Every character of every identifier in the letter is gone after de-sensitising."""
    secrets = [
        "Jayden",
        "Smith",
        "03/04/2015",
        "Flat 2, 14 Mill Lane",
        "LE3 5EU",
        "943 476 5870",
        "07700 900123",
        "jane.smith@example.org",
        "AB 12 34 56 C",
    ]
    out = desensitise(LETTER).text
    leaked = sum(len(s) for s in secrets if s in out)
    assert leaked / sum(len(s) for s in secrets) <= 0.01


def test_text_without_personal_data_is_unchanged():
    text = "The health and safety inspection is on Monday."
    result = desensitise(text)
    assert result.text == text
    assert result.changes == ()
