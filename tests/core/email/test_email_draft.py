"""Drafts from a form or JSON become messages the checks read."""

from __future__ import annotations

import pytest

from safehaven.core.email import check_message
from safehaven.core.email.draft import DraftError, draft_message


@pytest.mark.rule("EMAIL-5")
def test_a_json_draft_is_checked_like_a_message(policy, directory):
    msg = draft_message(
        sender="officer@ashby.sch.uk",
        to=["info@agency.org.uk"],
        subject="RE: Referral",
        body="Jane Smith (DOB 12/03/2014) has a child protection plan.",
        in_reply_to="<abc@agency.org.uk>",
    )
    result = check_message(msg, policy=policy, directory=directory)
    assert {"EMAIL-1", "EMAIL-4", "EMAIL-5"} <= result.rules()


def test_attachments_are_read(policy, directory):
    msg = draft_message(
        sender="officer@ashby.sch.uk",
        to="colleague@ashby.sch.uk",
        body="See attached.",
        attachments=[("notes.txt", "text/plain", b"Jane Smith, DOB 12/03/2014")],
    )
    result = check_message(msg, policy=policy, directory=directory)
    assert result.summary["attachments"] == 1
    assert any("attachment" in f.message for f in result.findings if f.rule == "EMAIL-2")


@pytest.mark.parametrize(
    ("fields", "words"),
    [
        ({"to": []}, "at least one recipient"),
        ({"to": ["a@b.org\r\nBcc: x@y.org"]}, "line break"),
        ({"to": ["a@b.org"], "subject": "x\nBcc: y"}, "line break"),
    ],
)
def test_bad_fields_are_refused_with_the_field_named(fields, words):
    with pytest.raises(DraftError, match=words):
        draft_message(sender="officer@ashby.sch.uk", **fields)
