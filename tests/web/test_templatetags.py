from __future__ import annotations

import pytest

from safehaven.web.templatetags.govuk import dash_if_empty, phone


@pytest.mark.parametrize(
    ("stored", "shown"),
    [("+441162323232", "0116 232 3232"), ("", ""), ("not a number", "not a number")],
)
def test_phone_shows_uk_numbers_nationally_and_leaves_others(stored, shown):
    assert phone(stored) == shown


def test_empty_values_read_not_recorded():
    assert dash_if_empty("") == "Not recorded"
    assert dash_if_empty(None) == "Not recorded"
    assert dash_if_empty("x") == "x"
