"""Royal Mail style address blocks and the fit checks that refuse an overflowing address."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safehaven.core.identifiers.postcode import is_valid_postcode
from safehaven.core.letters import (
    AddressError,
    Recipient,
    address_for_print,
    envelope_profile,
    format_address,
    label_sheet,
)


def test_formats_royal_mail_style(parent):
    block = format_address(parent)
    assert block.lines == (
        "Mrs Amanda Jones",
        "Flat 2",
        "14 Acacia Avenue",
        "Headingley",
        "LEEDS",
        "LS6 3AB",
    )
    assert block.fields[0] == "name"
    assert block.fields[-2:] == ("post town", "postcode")


def test_drops_punctuation_at_line_ends_and_repeated_town_or_postcode():
    r = Recipient("Mr  Ali Khan,", ("12 High Street,", "Leeds", "LS1 4AP", ""), "leeds.", "LS14AP")
    assert format_address(r).lines == ("Mr Ali Khan", "12 High Street", "LEEDS", "LS1 4AP")


def test_drops_a_line_that_repeats_the_line_before_it():
    r = Recipient("Mr A Khan", ("Flat 2", "flat 2", "Mill Street", "Flat 2"), "Leeds", "LS1 4AP")
    assert format_address(r).lines[1:4] == ("Flat 2", "Mill Street", "Flat 2")


@pytest.mark.parametrize(
    ("postcode", "field"),
    [("", "postcode"), ("LS6 3CI", "postcode"), ("QS1 1AA", "postcode")],
)
def test_a_missing_or_invalid_postcode_is_refused_without_quoting_it(postcode, field):
    r = Recipient("Mrs A Jones", ("1 Road",), "Leeds", postcode)
    with pytest.raises(AddressError) as caught:
        format_address(r)
    assert caught.value.problems[0].field == field
    if postcode:
        assert postcode not in str(caught.value)


def test_missing_name_town_and_street_are_each_named():
    with pytest.raises(AddressError) as caught:
        format_address(Recipient("", (), "", "LS6 3AB"))
    assert {p.field for p in caught.value.problems} == {"name", "post town", "address line 1"}


def test_a_name_helvetica_cannot_print_is_set_in_dejavu_sans():
    block = format_address(
        Recipient("Pani Żaneta Wiśniewska", ("12 Łódź Court",), "Leeds", "LS6 3AB")
    )
    assert block.typeface == "dejavu"
    assert block.lines[0] == "Pani Żaneta Wiśniewska"
    assert format_address(Recipient("Mr José Núñez", ("1 Road",), "Leeds", "LS6 3AB")).typeface == (
        "helvetica"
    )


def test_a_character_no_typeface_can_print_is_refused_rather_than_mangled():
    with pytest.raises(AddressError, match="address line 1: contains a character no letter"):
        format_address(Recipient("Mr Chen", ("12 陈 Street",), "Leeds", "LS6 3AB"))


def test_the_letter_text_decides_the_typeface_of_the_whole_record():
    r = Recipient("Mrs A Jones", ("1 Road",), "Leeds", "LS6 3AB")
    profile = envelope_profile("DL")
    assert address_for_print(r, profile).typeface == "helvetica"
    assert address_for_print(r, profile, also=["Łucja has settled in well."]).typeface == "dejavu"


def test_dejavu_needs_more_height_so_seven_lines_fit_c5_but_not_dl():
    r = Recipient(
        "Pani Ż Nowak", ("Flat 9", "Block C", "Mill Court", "Armley"), "Leeds", "LS12 2AB"
    )
    with pytest.raises(AddressError, match="the 7 lines need .* mm and the DL window has 29.0 mm"):
        address_for_print(r, envelope_profile("DL"))
    assert len(address_for_print(r, envelope_profile("C5")).lines) == 7


def test_too_many_lines_for_the_window_names_the_first_line_that_does_not_fit():
    r = Recipient(
        "Ms B Green",
        ("Flat 9", "Block C", "Mill Court", "Canal Road", "Armley"),
        "Leeds",
        "LS12 2AB",
    )
    with pytest.raises(AddressError) as caught:
        address_for_print(r, envelope_profile("DL"))
    problem = caught.value.problems[0]
    assert problem.field == "postcode"  # the eighth line, the first beyond the seven allowed
    assert "has 8 lines" in problem.message
    assert "at most 7" in problem.message


def test_a_line_too_long_for_the_window_is_named_and_not_quoted():
    street = "The Old Coach House at the Back of Saint Bartholomew's Vicarage Gardens"
    r = Recipient("Ms B Green", (street,), "Leeds", "LS12 2AB")
    with pytest.raises(AddressError) as caught:
        address_for_print(r, envelope_profile("DL"))
    message = str(caught.value)
    assert message.startswith("address line 1: is ")
    assert "DL window allows 81.7 mm" in message  # 82 mm less 0.08 em (0.28 mm) of overhang
    assert street not in message


def test_a_line_that_fits_the_window_but_not_the_small_label_is_named():
    r = Recipient(
        "Ms B Green", ("Apartment 19 Saint Bartholomew's Court West",), "Leeds", "LS12 2AB"
    )
    profile = envelope_profile("DL")
    assert address_for_print(r, profile)  # fits the window alone
    with pytest.raises(AddressError, match="L7160 label"):
        address_for_print(r, profile, label_sheet("L7160"))
    assert address_for_print(r, profile, label_sheet("L7163"))


# Words start with a letter: a lone "-" or "'" is punctuation, which Royal Mail style strips.
_word = st.tuples(
    st.sampled_from("abcdefghijABCDEFGHIJ"),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJ'-", max_size=11),
).map("".join)
_line = st.lists(_word, min_size=1, max_size=5).map(" ".join)
_punct = st.sampled_from(["", ",", ".", " ,", ";"])


@given(
    name=_line,
    # Street lines start with a house number, so none can repeat the post town and be dropped.
    lines=st.lists(
        st.tuples(st.integers(1, 999).map(str), _line, _punct).map(
            lambda t: f"{t[0]} {t[1]}{t[2]}"
        ),
        min_size=1,
        max_size=6,
    ),
    town=_line,
    postcode=st.sampled_from(["ls6 3ab", "SW1A1AA", "yo1 7hh", "M1 1AE", "BFPO 801"]),
)
def test_any_formatted_address_is_royal_mail_style(name, lines, town, postcode):
    block = format_address(Recipient(name, tuple(lines), town, postcode))
    assert is_valid_postcode(block.lines[-1])
    assert block.lines[-2] == block.lines[-2].upper()
    assert all(line and line[-1] not in ",.;: " for line in block.lines)
    assert len(block.lines) == len(block.fields)
