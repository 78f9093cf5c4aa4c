"""UK phone numbers through libphonenumber: validity, categories, Crown Dependencies, formats."""

import phonenumbers
import pytest
from hypothesis import given
from hypothesis import strategies as st

from safehaven.core.identifiers import (
    InvalidIdentifier,
    format_phone,
    is_valid_phone,
    normalise_phone,
    parse_phone,
)


@pytest.mark.rule("SENS-1")
@pytest.mark.parametrize(
    ("text", "e164", "category"),
    [
        ("020 7946 0123", "+442079460123", "geographic"),
        ("0113 496 0000", "+441134960000", "geographic"),
        ("(0161) 496 0999", "+441614960999", "geographic"),
        ("07123 456789", "+447123456789", "mobile"),
        ("+44 7912 345678", "+447912345678", "mobile"),
        ("0300 123 4567", "+443001234567", "non_geographic"),
        ("0800 123 4567", "+448001234567", "freephone"),
        ("0900 123 4567", "+449001234567", "premium"),
        ("070 1234 5678", "+447012345678", "personal"),
        ("056 0123 4567", "+445601234567", "voip"),
    ],
)
def test_uk_numbers_are_valid_and_classified(text, e164, category):
    assert is_valid_phone(text)
    number = parse_phone(text)
    assert number.e164 == e164
    assert number.category == category
    assert number.region == "GB"
    assert number.is_mobile == (category == "mobile")
    assert number.is_geographic == (category == "geographic")
    assert number.is_non_geographic == (category not in {"mobile", "geographic"})


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("01481 712345", "GG"),
        ("07781 123456", "GG"),
        ("01534 712345", "JE"),
        ("01624 612345", "IM"),
        ("07624 123456", "IM"),
    ],
)
def test_crown_dependency_numbers_are_uk_numbers_with_their_region(text, region):
    assert is_valid_phone(text)
    number = parse_phone(text)
    assert number.region == region
    assert number.is_crown_dependency


@pytest.mark.parametrize("text", ["07700 900123", "01632 960123"])
def test_ofcom_drama_numbers_that_libphonenumber_rejects_are_invalid(text):
    assert not is_valid_phone(text)
    with pytest.raises(InvalidIdentifier, match="drama"):
        parse_phone(text)


def test_drama_ranges_libphonenumber_accepts_are_valid_but_marked():
    assert parse_phone("020 7946 0123").drama_range
    assert parse_phone("0161 496 0000").drama_range
    assert not parse_phone("020 7123 4567").drama_range


@pytest.mark.parametrize(
    ("text", "reason_part"),
    [
        ("+33 1 42 68 53 00", "outside the UK"),
        ("076 1234 5678", "no UK number"),
        ("12345", "10 or 11 digits"),
        ("call me", "10 or 11 digits"),
        ("020 7946 012", "no UK number"),
    ],
)
def test_invalid_numbers_get_a_plain_reason(text, reason_part):
    assert not is_valid_phone(text)
    with pytest.raises(InvalidIdentifier) as err:
        parse_phone(text)
    assert reason_part in err.value.reason


def test_formats():
    assert format_phone("02079460123") == "020 7946 0123"
    assert format_phone("02079460123", style="international") == "+44 20 7946 0123"
    assert format_phone("02079460123", style="e164") == "+442079460123"
    assert normalise_phone("+44 (0)20 7946 0123") == "+442079460123"
    assert normalise_phone("0044 20 7946 0123") == "+442079460123"
    assert normalise_phone("0044 (0)20 7946 0123") == "+442079460123"
    with pytest.raises(ValueError, match="style"):
        format_phone("02079460123", style="fancy")


REGIONS = ["GB", "GG", "JE", "IM"]
TYPES = [
    phonenumbers.PhoneNumberType.MOBILE,
    phonenumbers.PhoneNumberType.FIXED_LINE,
    phonenumbers.PhoneNumberType.TOLL_FREE,
    phonenumbers.PhoneNumberType.PREMIUM_RATE,
    phonenumbers.PhoneNumberType.UAN,
]


@pytest.mark.rule("SENS-1")
@given(
    st.sampled_from(REGIONS),
    st.sampled_from(TYPES),
    st.sampled_from(["national", "international", "e164"]),
)
def test_library_example_numbers_round_trip_in_every_style(region, kind, style):
    example = phonenumbers.example_number_for_type(region, kind)
    if example is None:
        return
    e164 = phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.E164)
    shown = format_phone(e164, style=style)
    assert normalise_phone(shown) == e164
    # The region is the library's, which gives shared ranges (premium, 03, some 079xx) to GB.
    assert parse_phone(shown).region == phonenumbers.region_code_for_number(example)


@given(st.integers(0, 999_999_999))
def test_fast_check_agrees_with_parse_on_random_mobile_shaped_numbers(n):
    text = f"07{n:09d}"
    try:
        parse_phone(text)
        parsed = True
    except InvalidIdentifier:
        parsed = False
    assert is_valid_phone(text) == parsed
