"""Postcodes: the six formats, letter rules by position, specials, properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safehaven.core.identifiers import (
    InvalidIdentifier,
    format_postcode,
    is_valid_postcode,
    normalise_postcode,
    parse_postcode,
)

POS1 = "ABCDEFGHIJKLMNOPRSTUWYZ"  # not Q V X
POS2 = "ABCDEFGHKLMNOPQRSTUVWXY"  # not I J Z
POS3 = "ABCDEFGHJKPSTUW"  # A9A
POS4 = "ABEHMNPRVWXY"  # AA9A
INWARD = "ABDEFGHJLNPQRSTUWXYZ"  # not C I K M O V


@pytest.mark.rule("SENS-1")
@pytest.mark.parametrize(
    ("text", "normal"),
    [
        ("M1 1AE", "M1 1AE"),  # A9
        ("b33 8th", "B33 8TH"),  # A99
        ("W1A0AX", "W1A 0AX"),  # A9A
        ("CR2  6XH", "CR2 6XH"),  # AA9
        ("DN55 1PT", "DN55 1PT"),  # AA99
        (" ec1a 1bb ", "EC1A 1BB"),  # AA9A
        ("GIR0AA", "GIR 0AA"),
        ("bfpo 801", "BFPO 801"),
        ("STHL 1ZZ", "STHL 1ZZ"),
    ],
)
def test_every_format_and_special_is_accepted_and_normalised(text, normal):
    assert is_valid_postcode(text)
    assert normalise_postcode(text) == normal
    assert format_postcode(text) == normal


@pytest.mark.parametrize(
    ("text", "reason_part"),
    [
        ("QA1 1AA", "other than Q, V or X"),
        ("VA1 1AA", "other than Q, V or X"),
        ("XA1 1AA", "other than Q, V or X"),
        ("AI1 1AA", "never I, J or Z"),
        ("AJ1 1AA", "never I, J or Z"),
        ("AZ1 1AA", "never I, J or Z"),
        ("A1I 1AA", "patterns"),  # third position letter not allowed in A9A
        ("AA1C 1AA", "patterns"),  # fourth position letter not allowed in AA9A
        ("SW1A 1AC", "never C, I, K, M, O or V"),
        ("SW1A 1KA", "never C, I, K, M, O or V"),
        ("SW1A AAA", "digit and two letters"),
        ("SW1", "5 to 7"),
        ("ABCD 1ZZ", "patterns"),  # not an overseas territory
    ],
)
def test_letter_rules_by_position_refuse_with_a_reason(text, reason_part):
    assert not is_valid_postcode(text)
    with pytest.raises(InvalidIdentifier) as err:
        parse_postcode(text)
    assert reason_part in err.value.reason


def test_parsed_postcode_knows_its_parts():
    pc = parse_postcode("sw1a1aa")
    assert (pc.outward, pc.inward, pc.area, pc.sector, pc.kind) == (
        "SW1A",
        "1AA",
        "SW",
        "SW1A 1",
        "standard",
    )
    assert parse_postcode("M1 1AE").area == "M"
    assert parse_postcode("BFPO 0801").value == "BFPO 801"


letters = st.sampled_from
outward = st.one_of(
    st.tuples(letters(POS1), st.integers(0, 9).map(str)),
    st.tuples(letters(POS1), st.integers(10, 99).map(str)),
    st.tuples(letters(POS1), st.integers(0, 9).map(str), letters(POS3)),
    st.tuples(letters(POS1), letters(POS2), st.integers(0, 9).map(str)),
    st.tuples(letters(POS1), letters(POS2), st.integers(10, 99).map(str)),
    st.tuples(letters(POS1), letters(POS2), st.integers(0, 9).map(str), letters(POS4)),
).map("".join)
inward = st.tuples(st.integers(0, 9).map(str), letters(INWARD), letters(INWARD)).map("".join)
postcodes = st.tuples(outward, inward).map(" ".join)


@pytest.mark.rule("SENS-1")
@given(postcodes, st.sampled_from(["", " ", "  "]), st.booleans())
def test_generated_postcodes_are_valid_and_round_trip(postcode, gap, lower):
    out, inw = postcode.split(" ")
    text = f"{out}{gap}{inw}"
    text = text.lower() if lower else text
    assert is_valid_postcode(text)
    assert format_postcode(parse_postcode(text)) == normalise_postcode(text) == postcode


@given(postcodes, st.sampled_from("CIKMOV"), st.integers(1, 2))
def test_a_forbidden_inward_letter_is_never_a_postcode(postcode, bad, position):
    out, inw = postcode.split(" ")
    inw = inw[:position] + bad + inw[position + 1 :]
    assert not is_valid_postcode(f"{out} {inw}")


@given(postcodes, st.sampled_from("QVX"))
def test_a_forbidden_first_letter_is_never_a_postcode(postcode, bad):
    assert not is_valid_postcode(bad + postcode[1:])
