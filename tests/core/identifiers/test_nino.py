"""National Insurance numbers: HMRC prefix rules, suffix, formatting, properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safehaven.core.identifiers import (
    InvalidIdentifier,
    format_nino,
    is_valid_nino,
    normalise_nino,
    parse_nino,
)

FIRST_OK = "ABCEGHJKLMNOPRSTWXYZ"
SECOND_OK = "ABCEGHJKLMNPRSTWXYZ"
NEVER = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


@pytest.mark.rule("SENS-1")
@pytest.mark.parametrize("text", ["AB123456C", "ab 12 34 56 c", "JG 10 37 59 A", "OA123456D"])
def test_well_formed_ninos_are_accepted(text):
    assert is_valid_nino(text)
    assert normalise_nino(text) == text.replace(" ", "").upper()


def test_hmrc_example_qq_is_invalid_by_design():
    assert not is_valid_nino("QQ 12 34 56 A")
    with pytest.raises(InvalidIdentifier, match="first letter"):
        parse_nino("QQ 12 34 56 A")


@pytest.mark.parametrize("prefix", sorted(NEVER))
def test_never_issued_prefixes_are_refused(prefix):
    assert not is_valid_nino(f"{prefix}123456A")
    with pytest.raises(InvalidIdentifier):
        parse_nino(f"{prefix}123456A")


@pytest.mark.parametrize(
    ("text", "reason_part"),
    [
        ("DA123456A", "first letter"),
        ("AO123456A", "second letter"),
        ("AB123456E", "A, B, C or D"),
        ("AB1234A", "characters"),
        ("AB12E456A", "six digits"),
        ("1B123456A", "two letters"),
        ("AB123456", "missing"),
    ],
)
def test_malformed_ninos_get_a_plain_reason(text, reason_part):
    assert not is_valid_nino(text)
    with pytest.raises(InvalidIdentifier) as err:
        parse_nino(text)
    assert reason_part in err.value.reason


def test_suffix_may_be_omitted_when_asked():
    assert not is_valid_nino("AB 12 34 56")
    assert is_valid_nino("AB 12 34 56", require_suffix=False)
    assert format_nino("ab123456") == "AB 12 34 56"


def test_format_uses_hmrc_spacing():
    assert format_nino("ab123456c") == "AB 12 34 56 C"


@st.composite
def valid_ninos(draw):
    prefix = draw(
        st.tuples(st.sampled_from(FIRST_OK), st.sampled_from(SECOND_OK))
        .map("".join)
        .filter(lambda p: p not in NEVER)
    )
    return f"{prefix}{draw(st.integers(0, 999999)):06d}{draw(st.sampled_from('ABCD'))}"


@pytest.mark.rule("SENS-1")
@given(valid_ninos())
def test_generated_ninos_are_valid_and_round_trip(nino):
    assert is_valid_nino(nino)
    assert normalise_nino(format_nino(parse_nino(nino))) == normalise_nino(nino) == nino


@given(
    st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=2, max_size=2),
    st.integers(0, 999999),
    st.sampled_from("ABCDEFZ"),
)
def test_validity_follows_the_hmrc_rules_exactly(prefix, number, suffix):
    text = f"{prefix}{number:06d}{suffix}"
    expected = (
        prefix[0] in FIRST_OK
        and prefix[1] in SECOND_OK
        and prefix not in NEVER
        and suffix in "ABCD"
    )
    assert is_valid_nino(text) == expected
