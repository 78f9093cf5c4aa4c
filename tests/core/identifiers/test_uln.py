"""ULN: published vectors and property tests."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safehaven.core.identifiers import (
    InvalidIdentifier,
    format_uln,
    is_valid_nhs,
    is_valid_uln,
    normalise_uln,
    parse_uln,
    uln_check_digit,
)


def reference_uln_ok(text: str) -> bool:
    return (
        len(text) == 10
        and text.isdigit()
        and text[0] != "0"
        and sum(int(d) * w for d, w in zip(text, range(10, 0, -1), strict=True)) % 11 == 10
    )


@pytest.mark.rule("SENS-1")
@pytest.mark.parametrize("uln", ["9276308686", "1000000019", "1000000027"])
def test_published_ulns_are_valid_and_not_nhs_numbers(uln):
    assert is_valid_uln(uln)
    assert parse_uln(uln).value == uln
    assert not is_valid_nhs(uln)


@pytest.mark.parametrize(
    ("text", "reason_part"),
    [
        ("9276308687", "check digit"),
        ("0276308686", "never starts with 0"),
        ("927630868", "10 digits"),
        ("92763O8686", "digits only"),
    ],
)
def test_invalid_ulns_get_a_plain_reason(text, reason_part):
    assert not is_valid_uln(text)
    with pytest.raises(InvalidIdentifier) as err:
        parse_uln(text)
    assert reason_part in err.value.reason


def test_spaces_are_ignored_and_format_is_unbroken():
    assert normalise_uln("927 630 8686") == "9276308686"
    assert format_uln(" 9276-308-686") == "9276308686"
    assert is_valid_uln("9276 308 686")


@st.composite
def valid_ulns(draw):
    first = draw(st.integers(1, 9))
    rest = draw(st.text(alphabet="0123456789", min_size=8, max_size=8))
    nine = f"{first}{rest}"
    if uln_check_digit(nine) is None:  # nudge the ninth digit (weight 2) off the bad remainder
        nine = nine[:8] + str((int(nine[8]) + 1) % 10)
    return nine + str(uln_check_digit(nine))


@pytest.mark.rule("SENS-1")
@given(valid_ulns())
def test_generated_ulns_are_valid_and_round_trip(uln):
    assert reference_uln_ok(uln)
    assert is_valid_uln(uln)
    assert format_uln(parse_uln(uln)) == normalise_uln(uln) == uln


@pytest.mark.rule("SENS-1")
@given(valid_ulns(), st.integers(0, 9), st.integers(1, 9))
def test_a_uln_with_one_digit_changed_is_never_a_uln(uln, position, shift):
    new = str((int(uln[position]) + shift) % 10)
    assert not is_valid_uln(uln[:position] + new + uln[position + 1 :])


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_fast_check_agrees_with_the_reference_and_no_number_is_both_uln_and_nhs(text):
    assert is_valid_uln(text) == reference_uln_ok(text)
    assert not (is_valid_uln(text) and is_valid_nhs(text))
