"""UPN: published vectors, LA codes, temporary UPNs, UN codes, and property tests."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safehaven.core.identifiers import (
    InvalidIdentifier,
    format_upn,
    is_valid_upn,
    la_codes,
    normalise_upn,
    parse_upn,
    upn_unknown_reason,
)

TABLE = "ABCDEFGHJKLMNPQRTUVWXYZ"


def reference_check_letter(body12: str) -> str:
    """The DfE formula written out independently of the module under test."""
    weights = range(2, 14)
    total = 0
    for ch, w in zip(body12, weights, strict=True):
        total += (int(ch) if ch.isdigit() else TABLE.index(ch)) * w
    return TABLE[total % 23]


@pytest.mark.rule("SENS-1")
@pytest.mark.parametrize(
    "upn", ["B801200005001", "A950000178301", "H243278544154", "P207000016049"]
)
def test_published_valid_upns_are_accepted(upn):
    assert is_valid_upn(upn)
    parsed = parse_upn(upn)
    assert parsed.value == upn
    assert not parsed.temporary


@pytest.mark.rule("SENS-1")
@pytest.mark.parametrize("upn", ["G30340002301A", "T30340002301Z"])
def test_published_temporary_upns_are_accepted_and_marked_temporary(upn):
    assert is_valid_upn(upn)
    assert parse_upn(upn).temporary


@pytest.mark.parametrize(
    ("upn", "reason_part"),
    [
        ("A801200005001", "check letter"),
        ("X80120000A001", "digits"),
        ("E000200005001", "local authority code"),
        ("Q207000016049", "check letter"),
    ],
)
def test_published_invalid_upns_are_refused_with_the_reason(upn, reason_part):
    assert not is_valid_upn(upn)
    with pytest.raises(InvalidIdentifier) as err:
        parse_upn(upn)
    assert reason_part in err.value.reason
    assert upn not in str(err.value), "the message must not repeat the value (no PII in logs)"


def test_the_misprinted_worked_example_is_refused_and_its_correction_accepted():
    """The published worked example prints Q207000016049; the formula gives P."""
    assert reference_check_letter("207000016049") == "P"
    assert not is_valid_upn("Q207000016049")
    assert is_valid_upn("P207000016049")


def test_lower_case_and_spaces_normalise():
    assert normalise_upn(" b801 2000 0500 1 ") == "B801200005001"
    assert is_valid_upn("b801200005001")
    assert format_upn("b 801200005001") == "B801200005001"


@pytest.mark.parametrize("code", ["UN1", "UN2", "UN3", "UN4", "UN5", "un3"])
def test_upn_unknown_codes_are_recognised_but_are_not_upns(code):
    assert upn_unknown_reason(code)
    assert not is_valid_upn(code)
    with pytest.raises(InvalidIdentifier, match="UPN unknown"):
        parse_upn(code)


def test_upn_unknown_reason_is_none_for_other_text():
    assert upn_unknown_reason("UN6X") is None
    assert upn_unknown_reason("B801200005001") is None


def test_la_code_list_holds_the_published_ranges_and_parsed_upn_names_its_la():
    codes = la_codes()
    for code in ["001", "005", "201", "213", "301", "320", "420", "681", "815", "938", "943"]:
        assert code in codes
    for code in ["000", "006", "214", "999"]:
        assert code not in codes
    assert parse_upn("P207000016049").la_name == "Kensington and Chelsea"


@pytest.mark.parametrize(
    ("text", "reason_part"),
    [
        ("B80120000500", "13 characters"),
        ("I801200005001", "never I, O or S"),
        ("1801200005001", "check letter"),
        ("B80120000500S", "last character"),
    ],
)
def test_malformed_upns_get_a_plain_reason(text, reason_part):
    with pytest.raises(InvalidIdentifier) as err:
        parse_upn(text)
    assert reason_part in err.value.reason
    assert not is_valid_upn(text)


# --- properties -------------------------------------------------------------------------------

la_code = st.sampled_from(sorted(la_codes()))
digits = st.text(alphabet="0123456789", min_size=1, max_size=1)


@st.composite
def valid_upns(draw):
    body = draw(la_code) + draw(st.text(alphabet="0123456789", min_size=8, max_size=8))
    last = draw(st.sampled_from("0123456789" + TABLE))
    body += last
    return reference_check_letter(body) + body


@pytest.mark.rule("SENS-1")
@given(valid_upns())
def test_generated_upns_are_valid_and_round_trip(upn):
    assert is_valid_upn(upn)
    parsed = parse_upn(upn)
    assert parsed.temporary == upn[-1].isalpha()
    assert format_upn(parsed) == normalise_upn(upn) == upn
    spaced = f" {upn[:4].lower()} {upn[4:8]}-{upn[8:]} "
    assert normalise_upn(spaced) == upn
    assert is_valid_upn(spaced)


@pytest.mark.rule("SENS-1")
@given(valid_upns(), st.integers(min_value=0, max_value=12), st.integers(1, 22))
def test_a_upn_with_one_character_changed_is_never_a_upn(upn, position, shift):
    """Any single substitution changes the weighted sum by a non-multiple of 23."""
    ch = upn[position]
    if position == 0 or (position == 12 and ch.isalpha()):
        new = TABLE[(TABLE.index(ch) + shift) % 23]
    else:
        new = str((int(ch) + shift) % 10)
        if new == ch:
            new = str((int(ch) + 1) % 10)
    mutated = upn[:position] + new + upn[position + 1 :]
    assert not is_valid_upn(mutated)


@given(valid_upns(), st.integers(min_value=1, max_value=11))
def test_a_upn_with_two_neighbours_swapped_is_never_a_upn(upn, position):
    a, b = upn[position], upn[position + 1]
    if a == b:
        return
    mutated = upn[:position] + b + a + upn[position + 2 :]
    assert not is_valid_upn(mutated)


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", min_size=13, max_size=13))
def test_fast_check_agrees_with_parse_and_the_reference_formula(text):
    try:
        parse_upn(text)
        parsed_ok = True
    except InvalidIdentifier:
        parsed_ok = False
    assert is_valid_upn(text) == parsed_ok
    if parsed_ok:
        assert reference_check_letter(text[1:]) == text[0]
        assert text[1:4] in la_codes()
