"""Form validation: plain messages, and the date of birth read the way a person meant it."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safehaven.web.forms import SearchForm


def _search(**data) -> SearchForm:
    form = SearchForm(data={"q": "", "dob_day": "", "dob_month": "", "dob_year": "", **data})
    form.is_valid()
    return form


def test_name_alone_is_enough():
    form = _search(q="Jo Bloggs")
    assert form.is_valid()
    assert form.cleaned_data["dob"] is None


def test_nothing_entered_asks_for_a_name_or_date():
    assert _search().errors == {"q": ["Enter a name, UPN or reference, or a date of birth"]}


@pytest.mark.parametrize(
    ("day", "month", "year", "error"),
    [
        ("31", "31", "2015", "Date of birth must be a real date"),
        ("x", "3", "2015", "with a day, month and year in numbers"),
        ("1", "3", "15", "Enter the year of birth with 4 digits"),
        ("1", "", "2015", "with a day, month and year in numbers"),
    ],
)
def test_bad_dates_get_one_plain_message_on_the_day_box(day, month, year, error):
    form = _search(dob_day=day, dob_month=month, dob_year=year)
    assert not form.is_valid()
    assert error in form.errors["dob_day"][0]


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_any_real_date_is_read_as_entered(date):
    form = _search(dob_day=str(date.day), dob_month=str(date.month), dob_year=str(date.year))
    assert form.is_valid()
    assert form.cleaned_data["dob"] == date
    assert form.cleaned_data["dob_swapped"] is False


@given(st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31)))
def test_a_month_over_twelve_is_read_swapped(date):
    if date.day <= 12:
        return
    form = _search(dob_day=str(date.month), dob_month=str(date.day), dob_year=str(date.year))
    assert form.is_valid()
    assert form.cleaned_data["dob"] == date
    assert form.cleaned_data["dob_swapped"] is True
