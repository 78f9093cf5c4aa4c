"""Envelope profiles and label sheets: the data loads, the fold geometry holds."""

from __future__ import annotations

import copy

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safehaven.core.letters import (
    LettersError,
    ProfileError,
    Rect,
    envelope_profile,
    label_sheet,
    load_label_sheets,
    load_profiles,
)
from safehaven.core.letters.model import _read_data


def test_shipped_profiles_are_dl_and_c5_with_iso_269_sizes():
    profiles = load_profiles()
    assert set(profiles) >= {"DL", "C5"}
    assert (profiles["DL"].envelope_width, profiles["DL"].envelope_height) == (220, 110)
    assert (profiles["C5"].envelope_width, profiles["C5"].envelope_height) == (229, 162)


def test_dl_window_lands_where_a_hand_calculation_puts_it_on_the_letter():
    """A4 in thirds (99 mm panel) centred in 220 x 110: 5 mm slack at each side, 5.5 mm at the
    bottom; a window 20 mm from the left and 15 mm from the bottom, 90 x 35, is therefore
    15..105 mm across and 99 + 5.5 - 50 = 54.5 .. 89.5 mm down the sheet."""
    window = envelope_profile("DL").window_on_letter()
    assert window == pytest.approx(Rect(15.0, 54.5, 105.0, 89.5))


@pytest.mark.parametrize("name", ["DL", "C5"])
def test_the_fold_maps_the_letters_window_back_onto_the_envelope_window(name):
    profile = envelope_profile(name)
    back = profile.letter_to_envelope(profile.window_on_letter())
    assert back == pytest.approx(profile.window_on_envelope())


@pytest.mark.parametrize("name", ["DL", "C5"])
@given(fx=st.floats(-1, 1), fy=st.floats(-1, 1))
def test_the_safe_area_stays_in_the_window_wherever_the_insert_moves_within_clearance(name, fx, fy):
    profile = envelope_profile(name)
    shift = (fx * profile.clearance_x, fy * profile.clearance_y)
    landed = profile.letter_to_envelope(profile.safe_area(), shift)
    assert profile.window_on_envelope().contains(landed, tol=1e-9)


@pytest.mark.parametrize("name", ["DL", "C5"])
def test_a_line_just_outside_the_exposure_area_never_reaches_the_window(name):
    profile = envelope_profile(name)
    exposure = profile.exposure_area()
    below = Rect(exposure.x0, exposure.bottom + 0.01, exposure.x1, exposure.bottom + 4)
    for fx in (-1, 0, 1):
        for fy in (-1, 0, 1):
            shift = (fx * profile.clearance_x, fy * profile.clearance_y)
            landed = profile.letter_to_envelope(below, shift)
            assert not profile.window_on_envelope().overlaps(landed)


def _dl_data() -> dict:
    data = copy.deepcopy(_read_data("envelopes.json"))
    data["profiles"] = [p for p in data["profiles"] if p["name"] == "DL"]
    return data


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (lambda p: p["window_mm"].update(left=150), "runs off the envelope"),
        (lambda p: p["clearance_mm"].update(y=20), "no room in the window"),
        (lambda p: p.update(fold="quarters"), "fold must be"),
        (lambda p: p["envelope_mm"].update(width=200), "does not fit"),
        (lambda p: p["window_mm"].update(bottom=70), "past the folded panel"),
    ],
)
def test_an_inconsistent_profile_is_refused_with_a_reason(change, words):
    data = _dl_data()
    change(data["profiles"][0])
    with pytest.raises(ProfileError, match=words):
        load_profiles(data)


def test_an_unknown_profile_name_lists_the_choices():
    with pytest.raises(LettersError, match="choose one of C5, DL"):
        envelope_profile("C4")


@pytest.mark.parametrize(("name", "count"), [("L7160", 21), ("L7163", 14)])
def test_label_sheets_fit_a4_with_even_margins(name, count):
    sheet = label_sheet(name)
    assert sheet.per_sheet == count
    first, last = sheet.label_rect(0), sheet.label_rect(count - 1)
    assert first.x0 == pytest.approx(210 - last.x1, abs=0.2)
    assert first.top == pytest.approx(297 - last.bottom, abs=0.2)
    # Neighbouring labels never overlap.
    assert sheet.label_rect(1).x0 >= first.x1


def test_label_index_wraps_to_the_next_sheet():
    sheet = load_label_sheets()["L7160"]
    assert sheet.label_rect(21) == sheet.label_rect(0)
    assert sheet.label_rect(3).top > sheet.label_rect(2).top
