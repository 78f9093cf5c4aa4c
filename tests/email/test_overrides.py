"""`warn` means the sender may go on with a recorded justification: the pre-send page and the
API offer it, `EmailOverride` records it (no message text), the DPO's overrides report lists it.
Only a warning can be overridden this way: held mail needs an authoriser, blocked mail must not
go."""

from __future__ import annotations

import re

import pytest

from safehaven.email import services
from safehaven.email.models import EmailOverride
from tests.email.conftest import HEALTH_BODY
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

CHECK = "/api/email/check"
OVERRIDES = "/api/email/overrides"
REASON = "Sarah is the school nurse; I phoned her this morning to confirm."


def _warn_check(client, nurse):
    response = client.post(
        CHECK, {"to": [nurse.email], "subject": "Camp inhaler", "body": HEALTH_BODY}, format="json"
    )
    assert response.status_code == 200
    data = response.json()
    assert data["verdict"] == "warn"
    return data


@pytest.mark.rule("EMAIL-4")
@pytest.mark.rule("EMAIL-3")
def test_api_warn_offers_an_override_and_records_the_justification(api_as, sender, nurse, child):
    client = api_as(sender)
    data = _warn_check(client, nurse)
    warned = {f["rule"] for f in data["findings"] if f["severity"] == "warn"}
    assert data["override"]["url"] == OVERRIDES
    response = client.post(
        OVERRIDES,
        {"token": data["override"]["token"], "justification": REASON},
        format="json",
    )
    assert response.status_code == 201
    body = response.json()
    o = EmailOverride.objects.get(pk=body["id"])
    assert o.user == sender
    assert set(o.rules) == warned
    assert o.justification == REASON
    assert o.subject == "Camp inhaler"
    assert o.recipient_domains == ["charnwood-health.nhs.uk"]
    assert re.fullmatch(r"[0-9a-f]{64}", o.message_digest)
    assert o.source == "api"
    assert o.policy_version == data["policy_version"]
    # No message text and no addresses are kept.
    stored = " ".join(str(v) for v in EmailOverride.objects.values().get().values())
    assert "asthma" not in stored
    assert nurse.email not in stored


@pytest.mark.rule("EMAIL-1")
def test_hold_cannot_be_overridden_by_the_sender(api_as, sender, child):
    response = api_as(sender).post(
        CHECK, {"to": ["sarah@yahoo.co.uk"], "subject": "A", "body": HEALTH_BODY}, format="json"
    )
    assert response.json()["verdict"] == "hold"
    assert response.json()["override"] is None


@pytest.mark.rule("EMAIL-4")
def test_override_refused_with_bad_old_or_borrowed_token_or_no_reason(
    api_as, sender, nurse, child, monkeypatch, school_a
):
    client = api_as(sender)
    token = _warn_check(client, nurse)["override"]["token"]

    def post(c, **payload):
        return c.post(OVERRIDES, payload, format="json")

    short = post(client, token=token, justification="ok")
    assert short.status_code == 400
    assert "reason" in short.json()["detail"]
    missing = post(client, token=token)
    assert missing.status_code == 400
    assert "justification" in missing.json()["detail"]
    forged = post(client, token=token[:-3] + "abc", justification=REASON)
    assert forged.status_code == 400
    assert "check the email again" in forged.json()["detail"]
    colleague = UserFactory(email="colleague@ashby.sch.uk", units=[school_a])
    borrowed = post(api_as(colleague), token=token, justification=REASON)
    assert borrowed.status_code == 400
    assert "someone else" in borrowed.json()["detail"]
    monkeypatch.setattr(services, "OVERRIDE_MAX_AGE", -1)
    old = post(client, token=token, justification=REASON)
    assert old.status_code == 400
    assert "more than an hour old" in old.json()["detail"]
    assert not EmailOverride.objects.exists()


def test_override_needs_sign_in(api):
    response = api.post(OVERRIDES, {"token": "x", "justification": REASON}, format="json")
    assert response.status_code == 401


@pytest.mark.rule("EMAIL-4")
def test_page_offers_send_anyway_and_records_the_reason(client, sender, nurse, child):
    client.force_login(sender)
    page = client.post(
        "/email/check/",
        {"sender": sender.email, "to": nurse.email, "subject": "Camp", "body": HEALTH_BODY},
    )
    html = page.content.decode()
    assert "Send it anyway" in html
    token = page.context["override_form"].initial["token"]
    empty = client.post("/email/check/override/", {"token": token, "justification": ""})
    assert empty.status_code == 400
    assert "Give your reason for sending it anyway" in empty.content.decode()
    assert f'value="{token}"' in empty.content.decode()  # the form keeps the check
    done = client.post("/email/check/override/", {"token": token, "justification": REASON})
    assert done.status_code == 200
    o = EmailOverride.objects.get()
    assert f"EO-{o.pk}" in done.content.decode()
    assert o.source == "page"
    assert o.subject == "Camp"


@pytest.mark.rule("EMAIL-1")
def test_page_does_not_offer_send_anyway_for_held_mail(client, sender, child):
    client.force_login(sender)
    page = client.post(
        "/email/check/",
        {"sender": sender.email, "to": "sarah@yahoo.co.uk", "subject": "A", "body": HEALTH_BODY},
    )
    assert "Send it anyway" not in page.content.decode()
    bad = client.post("/email/check/override/", {"token": "nonsense", "justification": REASON})
    assert bad.status_code == 400
    assert not EmailOverride.objects.exists()


def test_overrides_report_lists_email_overrides_without_names(api_as, sender, nurse, child):
    from safehaven.oversight.overrides import overrides_collected

    client = api_as(sender)
    token = _warn_check(client, nurse)["override"]["token"]
    client.post(OVERRIDES, {"token": token, "justification": REASON}, format="json")
    o = EmailOverride.objects.get()
    [row] = [r for r in overrides_collected(channel="email") if r.reference.startswith("email-o")]
    assert row.reference == f"email-override:{o.pk}"
    assert row.when == o.at
    assert REASON in row.justification
    assert "charnwood-health.nhs.uk" in row.justification
    assert "Camp" not in row.justification  # the subject may name a child: not in the report
    assert set(row.rule.split(", ")) == set(o.rules)
