"""POST /api/email/check: a malformed address in the JSON fields is a 400 naming the field and
the text; a raw message with malformed headers still gets a verdict (issue 6, "Bad input")."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db

URL = "/api/email/check"


def _post_json(client, data):
    return client.post(URL, data, format="json")


@pytest.mark.parametrize(
    ("data", "field", "value"),
    [
        ({"to": ["a@b@c"]}, "to", "a@b@c"),
        ({"to": ["a@"]}, "to", "a@"),
        ({"to": ["@"]}, "to", "@"),
        ({"to": ["ok@charnwood-health.nhs.uk", "no-at-sign"]}, "to", "no-at-sign"),
        ({"to": ["ok@charnwood-health.nhs.uk"], "cc": ["@"]}, "cc", "@"),
        ({"to": ["ok@charnwood-health.nhs.uk"], "cc": ["", "x@y@z"]}, "cc", "x@y@z"),
        ({"to": ["ok@charnwood-health.nhs.uk"], "sender": "a@"}, "sender", "a@"),
        ({"to": ["Smith, Jane <j@charnwood-health.nhs.uk>"]}, "to", "Smith, Jane"),
        ({"to": ["a@charnwood-health"]}, "to", "a@charnwood-health"),
    ],
)
def test_a_malformed_address_is_a_400_naming_field_and_value(api_as, sender, data, field, value):
    response = _post_json(api_as(sender), data)
    assert response.status_code == 400
    body = response.json()
    assert set(body) == {"detail"}  # the shape of the API's other 400s
    detail = body["detail"]
    assert detail.startswith(f"{field}: ")
    assert f"'{value}" in detail
    assert "enter it like name@school.sch.uk" in detail
    assert "\n" not in detail


def test_two_senders_are_a_400(api_as, sender):
    response = _post_json(
        api_as(sender), {"to": ["ok@charnwood-health.nhs.uk"], "sender": "a@b.org, c@d.org"}
    )
    assert response.status_code == 400
    assert response.json()["detail"].startswith("sender: give one address")


@pytest.mark.parametrize(
    "to",
    [
        ["sarah.jones@charnwood-health.nhs.uk"],
        ["Sarah Jones <sarah.jones@charnwood-health.nhs.uk>"],
        ['"Jones, Sarah" <sarah.jones@charnwood-health.nhs.uk>'],
        ["é@ü.de"],
    ],
)
def test_real_addresses_are_checked(api_as, sender, nurse, to):
    response = _post_json(api_as(sender), {"to": to, "cc": [""], "body": "See you at 3."})
    assert response.status_code == 200
    assert response.json()["verdict"] in {"allow", "warn", "hold", "block"}


@pytest.mark.parametrize(
    "headers",
    [
        b"To: a@\r\n",
        b"To: a@b@c\r\n",
        b"To: @\r\n",
        b"To: sarah.jones@charnwood-health.nhs.uk\r\nCc: @\r\n",
        b"To: Smith, Jane <sarah.jones@charnwood-health.nhs.uk>\r\n",
    ],
)
def test_a_raw_message_with_malformed_addresses_still_gets_a_verdict(api_as, sender, headers):
    raw = b"From: officer@ashby.sch.uk\r\n" + headers + b"Subject: hi\r\n\r\nSee you at 3.\r\n"
    response = api_as(sender).generic("POST", URL, raw, content_type="message/rfc822")
    assert response.status_code == 200
    assert response.json()["verdict"] in {"allow", "warn", "hold", "block"}


def test_the_schema_says_what_an_address_is(client):
    data = client.get("/api/schema/?format=json").json()
    schema = data["components"]["schemas"]["CheckRequestRequest"]["properties"]
    assert "a 400 naming the field" in schema["to"]["items"]["description"]
    assert "400" in data["paths"]["/api/email/check"]["post"]["responses"]
