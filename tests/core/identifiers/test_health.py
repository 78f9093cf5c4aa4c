"""NHS, CHI and Health & Care numbers: published vectors and property tests."""

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from safehaven.core.identifiers import (
    InvalidIdentifier,
    format_chi,
    format_hc,
    format_nhs,
    health_number_issuer,
    is_valid_chi,
    is_valid_hc,
    is_valid_nhs,
    nhs_check_digit,
    normalise_chi,
    normalise_hc,
    normalise_nhs,
    parse_chi,
    parse_hc,
    parse_nhs,
)

NHS_VALID = [
    "9990000018",
    "9990000026",
    "9990000034",
    "9990000042",
    "9990000050",
    "9990000069",
    "9990000077",
    "9990000085",
    "9990000093",
    "9990000107",
    "9434765870",
]


def reference_mod11_ok(text: str) -> bool:
    """The NHS Data Dictionary check written out independently."""
    if len(text) != 10 or not text.isdigit():
        return False
    remainder = sum(int(d) * w for d, w in zip(text[:9], range(10, 1, -1), strict=True)) % 11
    check = 11 - remainder
    if check == 11:
        check = 0
    placeholder = len(set(text)) == 1
    return check != 10 and check == int(text[9]) and not placeholder


@pytest.mark.rule("SENS-1")
@pytest.mark.parametrize("nhs", NHS_VALID)
def test_published_nhs_numbers_are_valid(nhs):
    assert is_valid_nhs(nhs)
    assert parse_nhs(nhs).value == nhs


def test_the_999_range_is_marked_as_test_numbers():
    assert parse_nhs("9990000018").is_test_number
    assert not parse_nhs("9434765870").is_test_number


def test_published_invalid_nhs_number_is_refused():
    assert not is_valid_nhs("9434765871")
    with pytest.raises(InvalidIdentifier, match="check digit"):
        parse_nhs("9434765871")


def test_a_number_with_no_possible_check_digit_is_refused_with_that_reason():
    nine = next(
        f"{n:09d}" for n in range(400000000, 400001000) if nhs_check_digit(f"{n:09d}") is None
    )
    for last in "0123456789":
        assert not is_valid_nhs(nine + last)
    with pytest.raises(InvalidIdentifier, match="never issued"):
        parse_nhs(nine + "0")


@pytest.mark.parametrize("digit", "0123456789")
def test_ten_copies_of_one_digit_pass_the_check_but_are_refused_as_placeholders(digit):
    number = digit * 10
    assert nhs_check_digit(number[:9]) == int(digit)  # the arithmetic alone would accept it
    assert not is_valid_nhs(number)
    assert not is_valid_chi(number)
    assert not is_valid_hc(number)
    with pytest.raises(InvalidIdentifier, match="placeholder"):
        parse_nhs(number)


def test_nhs_spacing_normalises_and_formats_3_3_4():
    assert normalise_nhs("943 476 5870") == "9434765870"
    assert normalise_nhs("943-476-5870") == "9434765870"
    assert is_valid_nhs("943 476 5870")
    assert format_nhs("9434765870") == "943 476 5870"
    with pytest.raises(InvalidIdentifier, match="10 digits"):
        parse_nhs("943 476 587")


@pytest.mark.parametrize(
    ("number", "issuer_part"),
    [("9990000018", "test"), ("3811178008", "Northern Ireland"), ("0211165794", "Scotland")],
)
def test_issuer_names_the_range(number, issuer_part):
    assert issuer_part in health_number_issuer(number)
    assert issuer_part in parse_nhs(number).issuer


def complete(nine: str) -> str:
    """Appends the check digit, first nudging the ninth digit when none exists (weight 2 moves
    the remainder off the one bad value)."""
    if nhs_check_digit(nine) is None:
        nine = nine[:8] + str((int(nine[8]) + 1) % 10)
    return nine + str(nhs_check_digit(nine))


@st.composite
def valid_nhs_numbers(draw, prefix=""):
    size = 9 - len(prefix)
    number = complete(prefix + f"{draw(st.integers(0, 10**size - 1)):0{size}d}")
    assume(len(set(number)) > 1)  # ten copies of one digit are placeholders
    return number


@pytest.mark.rule("SENS-1")
@given(valid_nhs_numbers())
def test_generated_nhs_numbers_are_valid_and_round_trip(nhs):
    assert reference_mod11_ok(nhs)
    assert is_valid_nhs(nhs)
    assert normalise_nhs(format_nhs(parse_nhs(nhs))) == normalise_nhs(nhs) == nhs


@pytest.mark.rule("SENS-1")
@given(valid_nhs_numbers(), st.integers(0, 9), st.integers(1, 9))
def test_an_nhs_number_with_one_digit_changed_is_never_an_nhs_number(nhs, position, shift):
    new = str((int(nhs[position]) + shift) % 10)
    assert not is_valid_nhs(nhs[:position] + new + nhs[position + 1 :])


@given(valid_nhs_numbers(), st.integers(0, 8))
def test_an_nhs_number_with_two_neighbours_swapped_is_never_an_nhs_number(nhs, position):
    a, b = nhs[position], nhs[position + 1]
    if a != b:
        assert not is_valid_nhs(nhs[:position] + b + a + nhs[position + 2 :])


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_fast_nhs_check_agrees_with_the_reference_and_with_parse(text):
    expected = reference_mod11_ok(text)
    assert is_valid_nhs(text) == expected
    try:
        parse_nhs(text)
        parsed = True
    except InvalidIdentifier:
        parsed = False
    assert parsed == expected


# --- CHI --------------------------------------------------------------------------------------


@pytest.mark.rule("SENS-1")
@pytest.mark.parametrize("chi", ["0211165794", "0402070763"])
def test_published_chi_numbers_are_valid(chi):
    assert is_valid_chi(chi)
    parsed = parse_chi(chi)
    assert parsed.value == chi
    assert (parsed.date_of_birth.day, parsed.date_of_birth.month) == (int(chi[:2]), int(chi[2:4]))


def test_published_invalid_chi_is_refused():
    assert not is_valid_chi("0101010000")
    with pytest.raises(InvalidIdentifier, match="check digit"):
        parse_chi("0101010000")


def test_chi_with_an_impossible_date_is_refused_even_when_the_check_passes():
    nine = "3102" + "00" + "123"  # 31 February
    chi = nine + str(nhs_check_digit(nine))
    assert is_valid_nhs(chi)
    assert not is_valid_chi(chi)
    with pytest.raises(InvalidIdentifier, match="real date"):
        parse_chi(chi)


def test_chi_29_february_needs_a_leap_year():
    leap = "290200" + "123"
    leap_chi = leap + str(nhs_check_digit(leap))
    assert parse_chi(leap_chi).date_of_birth == dt.date(2000, 2, 29)
    non_leap = "290201" + "123"
    check = nhs_check_digit(non_leap)
    if check is None:
        non_leap = "290201" + "125"
        check = nhs_check_digit(non_leap)
    assert not is_valid_chi(non_leap + str(check))


def test_chi_sex_digit_is_read():
    assert parse_chi("0211165794").sex == "male"  # ninth digit 9: odd
    assert parse_chi("0402070763").sex == "female"  # ninth digit 6: even


@st.composite
def valid_chis(draw):
    born = dt.date(1930, 1, 1) + dt.timedelta(days=draw(st.integers(0, 35000)))
    serial = f"{draw(st.integers(0, 999)):03d}"
    number = complete(born.strftime("%d%m%y") + serial)
    assume(len(set(number)) > 1)
    return number


@pytest.mark.rule("SENS-1")
@given(valid_chis())
def test_generated_chis_are_valid_and_round_trip(chi):
    assert is_valid_chi(chi)
    assert format_chi(parse_chi(chi)) == normalise_chi(f"{chi[:6]} {chi[6:]}") == chi


@pytest.mark.rule("SENS-1")
@given(valid_chis(), st.integers(0, 9), st.integers(1, 9))
def test_a_chi_with_one_digit_changed_is_never_a_chi(chi, position, shift):
    new = str((int(chi[position]) + shift) % 10)
    assert not is_valid_chi(chi[:position] + new + chi[position + 1 :])


# --- Health and Care number (Northern Ireland) ------------------------------------------------


@pytest.mark.rule("SENS-1")
def test_published_hc_number_is_valid():
    assert is_valid_hc("3811178008")
    assert format_hc(parse_hc("381 117 8008")) == "381 117 8008"
    assert normalise_hc("381 117 8008") == "3811178008"


def test_hc_outside_its_range_is_refused_even_when_the_check_passes():
    assert is_valid_nhs("9434765870")
    assert not is_valid_hc("9434765870")
    with pytest.raises(InvalidIdentifier, match="320 000 0000"):
        parse_hc("9434765870")


@pytest.mark.rule("SENS-1")
@given(st.integers(320, 399).flatmap(lambda p: valid_nhs_numbers(prefix=str(p))))
def test_generated_hc_numbers_are_valid_and_round_trip(hc):
    assert is_valid_hc(hc)
    assert normalise_hc(format_hc(hc)) == hc


@pytest.mark.rule("SENS-1")
@given(
    st.integers(320, 399).flatmap(lambda p: valid_nhs_numbers(prefix=str(p))),
    st.integers(0, 9),
    st.integers(1, 9),
)
def test_an_hc_number_with_one_digit_changed_is_never_an_hc_number(hc, position, shift):
    new = str((int(hc[position]) + shift) % 10)
    assert not is_valid_hc(hc[:position] + new + hc[position + 1 :])
