"""Findings read as sentences: initials that end in a full stop ("Z.B.") never give "..", nor
does a recipient, a domain or a reason that ends in one."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.core.email.conftest import DIRECTORY

from safehaven.core.email import InMemoryDirectory, check_message
from safehaven.core.email.draft import draft_message

BODY = "Jane Smith (DOB 12/03/2014) lives at 14 Mill Lane, LE11 1AA."


def _directory(display: str) -> InMemoryDirectory:
    data = copy.deepcopy(DIRECTORY)
    data["service_users"][0]["display"] = display
    return InMemoryDirectory.from_dict(data)


def _email2(result) -> list[str]:
    return [f.message for f in result.findings if f.rule == "EMAIL-2"]


@pytest.mark.rule("EMAIL-2")
def test_initials_ending_in_a_dot_end_the_sentence_once(policy):
    """The reported finding: '... the records know them as Z.B..'"""
    msg = draft_message(sender="officer@ashby.sch.uk", to=["amy.hill@nhs.net"], body=BODY)
    result = check_message(msg, policy=policy, directory=_directory("Z.B."))
    (message,) = _email2(result)
    assert message.endswith("the records know them as Z.B.")
    assert ".." not in message


@pytest.mark.rule("EMAIL-2")
def test_a_display_without_a_dot_still_gets_one(policy):
    msg = draft_message(sender="officer@ashby.sch.uk", to=["amy.hill@nhs.net"], body=BODY)
    result = check_message(msg, policy=policy, directory=_directory("UPN A123456789012"))
    (message,) = _email2(result)
    assert message.endswith("the records know them as UPN A123456789012.")


_DISPLAYS = st.lists(st.sampled_from("ABJSZ"), min_size=1, max_size=3).flatmap(
    lambda letters: st.sampled_from(
        [".".join(letters) + ".", ".".join(letters), "".join(letters), " ".join(letters) + "."]
    )
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(display=_DISPLAYS, to=st.sampled_from(["amy.hill@nhs.net", "someone@new-agency.org.uk"]))
def test_no_finding_has_two_full_stops_in_a_row(policy, display, to):
    msg = draft_message(sender="officer@ashby.sch.uk", to=[to], body=BODY)
    result = check_message(msg, policy=policy, directory=_directory(display))
    assert _email2(result)
    for f in result.findings:
        assert ".." not in f.message, f.message


@pytest.mark.rule("EMAIL-2")
def test_detail_counts_read_as_english(policy):
    """'2 full names, 1 UK postcode', not '2 full name, 1 uk postcode'; the counts' keys (read by
    tools) stay as they were."""
    body = (
        "Jane Smith (DOB 12/03/2014) and Tom Smith (DOB 01/02/2016) live at 14 Mill Lane, LE11 1AA."
    )
    msg = draft_message(sender="officer@ashby.sch.uk", to=["amy.hill@nhs.net"], body=body)
    result = check_message(msg, policy=policy, directory=_directory("J.S."))
    (finding,) = [f for f in result.findings if f.rule == "EMAIL-2"]
    assert "2 dates of birth" in finding.message
    assert "2 full names" in finding.message
    assert "1 street address" in finding.message
    assert "1 UK postcode" in finding.message
    assert finding.evidence["counts"] == {
        "date of birth": 2,
        "full name": 2,
        "street address": 1,
        "uk postcode": 1,
    }
