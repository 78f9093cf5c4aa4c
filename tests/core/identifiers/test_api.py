"""The package's uniform API: four functions per kind, and no surprise exceptions."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import safehaven.core.identifiers as ids

KINDS = ["upn", "uln", "nhs", "chi", "hc", "nino", "postcode", "phone"]


@pytest.mark.parametrize("kind", KINDS)
def test_every_kind_has_parse_is_valid_normalise_and_format(kind):
    for verb in ("parse", "is_valid", "normalise", "format"):
        assert callable(getattr(ids, f"{verb}_{kind}"))


# Text shaped like identifiers, plus arbitrary Unicode (other scripts' digits, odd spaces).
shaped = st.text(
    alphabet="0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabc +-()\u00a0\u0663\u00df", max_size=20
)


@settings(max_examples=150)
@given(st.one_of(shaped, st.text(max_size=20)))
@pytest.mark.parametrize("kind", KINDS)
def test_is_valid_never_raises_and_agrees_with_parse(kind, text):
    is_valid = getattr(ids, f"is_valid_{kind}")
    parse = getattr(ids, f"parse_{kind}")
    normalise = getattr(ids, f"normalise_{kind}")
    fmt = getattr(ids, f"format_{kind}")
    result = is_valid(text)
    assert isinstance(result, bool)
    parsed, reason = None, ""
    try:
        parsed = parse(text)
    except ids.InvalidIdentifier as err:
        reason = err.reason
    if parsed is None:
        assert not result
        assert reason
        assert "\n" not in reason
        return
    assert result
    # Round trip: the printed form normalises back to the same canonical value.
    assert normalise(fmt(parsed)) == normalise(text)
