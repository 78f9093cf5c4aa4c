"""The shortcuts the gateway's checks take give the answers of the full work they skip."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from safehaven.core.email import check_message
from safehaven.core.email.checks import _first_nonblank_lines, content_fingerprint

# Every line break str.splitlines knows, blanks, and long runs (so the prefix is cut anywhere).
_PIECES = ["\r\n", "\n", "\r", "\x0b", "\x0c", "\x1c", "\x85", "\u2028", " ", "\t", "Dear Jo,"]
_PIECES += ["x" * 700, "y" * 1500, "z"]


@given(st.lists(st.sampled_from(_PIECES), max_size=60), st.integers(1, 4))
def test_the_first_nonblank_lines_are_those_of_splitting_the_whole_text(pieces, n):
    text = "".join(pieces)
    assert _first_nonblank_lines(text, n) == [ln for ln in text.splitlines() if ln.strip()][:n]


def test_the_first_nonblank_lines_of_a_long_text_cut_inside_a_crlf():
    text = "a" * 2047 + "\r\n" + "b\r\n" * 3000
    assert _first_nonblank_lines(text, 3) == ["a" * 2047, "b", "b"]


@pytest.mark.rule("EMAIL-4")
def test_a_greeting_far_into_a_long_body_is_still_read(policy, directory, message):
    body = "\n" * 3000 + "Dear Michael,\n\n" + "The meeting has moved to Thursday.\n" * 600
    result = check_message(message(body), policy=policy, directory=directory)
    assert any("greeting" in f.message for f in result.findings if f.rule == "EMAIL-4")


SUBJECT = "Update"
PLAIN = "Jane Smith (DOB 01/02/2015) lives at 4 Elm Road, LE1 2AB. She has ADHD.\n"


@pytest.mark.parametrize(
    "to", ["sarah.jones@leics.gov.uk", "someone@gmail.com", "staff@ashby.sch.uk"]
)
def test_the_fingerprint_is_given_for_the_verdicts_asked_for_and_nothing_else_changes(
    policy, directory, message, to
):
    raw = message(PLAIN, to=to, subject=SUBJECT).as_bytes()
    full = check_message(raw, policy=policy, directory=directory, offer_rewrites=False)
    assert full.fingerprint == content_fingerprint(subject=SUBJECT, body=PLAIN)
    for wanted in ((full.verdict,), ("warn",), ("block",), ()):
        part = check_message(
            raw, policy=policy, directory=directory, offer_rewrites=False,
            fingerprint_verdicts=wanted,
        )  # fmt: skip
        assert part.fingerprint == (full.fingerprint if full.verdict in wanted else "")
        assert part.as_dict() == full.as_dict()
