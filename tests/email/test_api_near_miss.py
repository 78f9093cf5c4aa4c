"""`POST /api/email/check` records a stopped draft as a near miss, as the pre-send page does."""

from __future__ import annotations

import pytest

from tests.email.conftest import HEALTH_BODY

pytestmark = pytest.mark.django_db

URL = "/api/email/check"
PAGE = "/email/check/"
# The answer's fields before this change: none renamed or removed.
CONTRACT = {
    "verdict", "findings", "policy_version", "classification", "special_categories",
    "service_users", "desensitised_body", "stripped_trail_body", "summary", "override",
}  # fmt: skip


def _stopped_rows():
    from safehaven.email.models import EmailNearMiss
    from safehaven.oversight.models import NearMiss

    return (
        list(EmailNearMiss.objects.filter(event="checked")),
        list(NearMiss.objects.filter(channel="email")),
    )


@pytest.mark.rule("EMAIL-1")
def test_a_held_json_draft_is_a_near_miss_without_its_text(api_as, sender, child, school_a):
    response = api_as(sender).post(
        URL,
        {"to": ["Sarah Smith <sarah@yahoo.co.uk>"], "subject": "Amelia camp", "body": HEALTH_BODY},
        format="json",
    )
    assert response.status_code == 200
    data = response.json()
    assert data["verdict"] == "hold"
    assert set(data) == CONTRACT
    (miss,), (logged,) = _stopped_rows()
    assert miss.verdict == "hold"
    assert miss.sender == sender.email
    assert miss.recipients == ["sarah@yahoo.co.uk"]  # bare, as the page keeps them
    assert "EMAIL-1" in miss.rules
    assert miss.decided_by == sender
    assert miss.reason == "Stopped at the pre-send check (API): not sent"
    stored = repr([miss.sender, miss.recipients, miss.rules, miss.messages, miss.reason])
    for text in ("Whitworth", "Amelia", "asthma", "inhaler", "camp", "Smith"):
        assert text not in stored
    assert logged.kind == "email_held"
    assert logged.summary.startswith("Stopped at the pre-send check, not sent")
    assert "yahoo" not in logged.summary
    assert logged.recorded_by == sender
    assert logged.unit == school_a


@pytest.mark.rule("EMAIL-4")
def test_a_blocked_raw_message_is_a_blocked_near_miss(api_as, sender, child, restricted_father):
    raw = (
        b"From: officer@ashby.sch.uk\r\nTo: Mark <mark.w@gmail.com>\r\nCc: x@ashby.sch.uk\r\n"
        b"Subject: Amelia\r\n\r\nDear Mark,\r\n\r\nAmelia Whitworth did well.\r\n"
    )
    response = api_as(sender).generic("POST", URL, raw, content_type="message/rfc822")
    assert response.status_code == 200
    assert response.json()["verdict"] == "block"
    (miss,), (logged,) = _stopped_rows()
    assert miss.verdict == "block"
    assert miss.recipients == ["mark.w@gmail.com", "x@ashby.sch.uk"]
    assert miss.sender == "officer@ashby.sch.uk"
    assert logged.kind == "email_blocked"


def test_the_same_draft_on_the_page_and_through_the_api_is_one_near_miss(
    client, api_as, sender, child
):
    client.force_login(sender)
    client.post(PAGE, {"to": "sarah@yahoo.co.uk", "subject": "Amelia", "body": HEALTH_BODY})
    api = api_as(sender)
    for _ in range(2):
        api.post(
            URL,
            {"to": ["sarah@yahoo.co.uk"], "subject": "Amelia", "body": HEALTH_BODY},
            format="json",
        )
    assert [len(rows) for rows in _stopped_rows()] == [1, 1]


def test_a_draft_that_only_warns_or_can_go_is_no_near_miss(api_as, sender, child, nurse):
    api = api_as(sender)
    for body in ("Hello Sarah, see you at the meeting.\n", HEALTH_BODY):
        data = api.post(URL, {"to": [nurse.email], "body": body}, format="json").json()
        assert data["verdict"] in {"allow", "warn"}
        assert set(data) == CONTRACT
    assert _stopped_rows() == ([], [])


def test_a_refused_request_records_nothing(api_as, sender):
    response = api_as(sender).post(URL, {"to": ["a@"]}, format="json")
    assert response.status_code == 400
    assert _stopped_rows() == ([], [])
