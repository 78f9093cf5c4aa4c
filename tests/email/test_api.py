"""POST /api/email/check: JSON draft fields or a raw message; 401/403; bad input is a 400."""

from __future__ import annotations

import pytest

from tests.email.conftest import HEALTH_BODY

pytestmark = pytest.mark.django_db

URL = "/api/email/check"

RAW = (
    b"From: officer@ashby.sch.uk\r\nTo: Sarah Jones <sarah.jones@charnwood-health.nhs.uk>\r\n"
    b"Subject: RE: Amelia\r\nIn-Reply-To: <abc@charnwood-health.nhs.uk>\r\n\r\n"
    b"Dear Sarah,\r\n\r\nAmelia Whitworth has asthma.\r\n\r\n"
    b"On Mon, 23 Nov 2026 at 09:00, Sarah Jones wrote:\r\n"
    b"> Amelia Whitworth lives at 14 Mill Lane, LE11 1AA, and was born 07/03/2014.\r\n"
)


def test_anonymous_gets_401(api):
    response = api.post(URL, {"to": ["a@b.org"]}, format="json")
    assert response.status_code == 401


def test_inactive_user_refused(api_as, sender):
    sender.is_active = False
    sender.save()
    response = api_as(sender).post(URL, {"to": ["a@b.org"]}, format="json")
    assert response.status_code in {401, 403}


@pytest.mark.rule("EMAIL-1")
def test_json_draft_to_webmail_is_held(api_as, sender, child):
    response = api_as(sender).post(
        URL,
        {"to": ["sarah@yahoo.co.uk"], "subject": "Amelia", "body": HEALTH_BODY},
        format="json",
    )
    assert response.status_code == 200
    data = response.json()
    assert data["verdict"] == "hold"
    assert {"rule", "severity", "message"} <= set(data["findings"][0])
    assert any(f["rule"] == "EMAIL-1" for f in data["findings"])
    assert data["policy_version"].startswith("defaults-1+records-")
    assert data["service_users"] == [{"id": str(child.pk), "display": "A.W."}]
    assert "desensitised_body" in data
    assert "stripped_trail_body" in data


@pytest.mark.rule("EMAIL-6")
def test_raw_message_trail_found_and_stripped(api_as, sender, child, nurse):
    response = api_as(sender).generic("POST", URL, RAW, content_type="message/rfc822")
    assert response.status_code == 200
    data = response.json()
    assert "EMAIL-5" in {f["rule"] for f in data["findings"]}
    assert "Mill Lane" not in (data["stripped_trail_body"] or "")
    assert "asthma" in data["stripped_trail_body"]


def test_raw_as_text_plain(api_as, sender, child, nurse):
    response = api_as(sender).generic("POST", URL, RAW, content_type="text/plain")
    assert response.status_code == 200
    assert response.json()["verdict"] in {"warn", "hold"}


@pytest.mark.parametrize(
    ("body", "content_type", "says"),
    [
        (b"", "message/rfc822", "empty"),
        (b"Subject: hi\r\n\r\nno recipients", "message/rfc822", "no To, Cc or Bcc"),
        (b"{not json", "application/json", "JSON"),
        (b"[1, 2]", "application/json", "JSON object"),
        (b'{"body": "x"}', "application/json", "to:"),
        (b'{"to": []}', "application/json", "to:"),
        (b'{"to": ["a@b.org"], "subject": "x\\r\\nBcc: e@x.org"}', "application/json", "subject"),
        (b'{"to": ["a@b.org\\nBcc: e@x.org"]}', "application/json", "line break"),
    ],
)
def test_bad_input_is_a_plain_400(api_as, sender, body, content_type, says):
    response = api_as(sender).generic("POST", URL, body, content_type=content_type)
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert isinstance(detail, str)
    assert says.lower() in detail.lower()


def test_unsupported_type_is_415(api_as, sender):
    response = api_as(sender).generic("POST", URL, b"x", content_type="application/pdf")
    assert response.status_code == 415


def test_malformed_mime_still_gets_a_verdict(api_as, sender):
    raw = (
        b"From: 0@\r\nTo: someone@county.gov.uk\r\nContent-Type: multipart/mixed; boundary=\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n%%%not base64%%%\r\n"
    )
    response = api_as(sender).generic("POST", URL, raw, content_type="message/rfc822")
    assert response.status_code == 200
    assert response.json()["verdict"] in {"allow", "warn", "hold", "block"}


def test_documented_in_schema(client):
    data = client.get("/api/schema/?format=json").json()
    op = data["paths"]["/api/email/check"]["post"]
    assert {"application/json", "message/rfc822", "text/plain"} <= set(op["requestBody"]["content"])
    assert {"200", "400", "401", "403"} <= set(op["responses"])
