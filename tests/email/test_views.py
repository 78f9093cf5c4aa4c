"""The pre-send check page and the quarantine review pages."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from safehaven.email.models import EmailNearMiss
from safehaven.gateway.spool import Quarantine
from safehaven.register.models import Disclosure
from tests.email.conftest import HEALTH_BODY
from tests.email.test_api import RAW
from tests.factories import UserFactory
from tests.gateway.conftest import free_port

pytestmark = pytest.mark.django_db


def test_check_page_needs_sign_in(client):
    response = client.get("/email/check/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_check_page_form_prefilled_with_sender(client, sender):
    client.force_login(sender)
    response = client.get("/email/check/")
    assert response.status_code == 200
    assert b'value="officer@ashby.sch.uk"' in response.content


@pytest.mark.rule("EMAIL-1")
def test_check_draft_shows_verdict_findings_and_desensitised(client, sender, child):
    client.force_login(sender)
    response = client.post(
        "/email/check/",
        {"sender": sender.email, "to": "sarah@yahoo.co.uk", "subject": "A", "body": HEALTH_BODY},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Verdict:" in html
    assert ">hold<" in html
    assert "<strong>EMAIL-1</strong>" in html
    assert "De-sensitised version" in html


@pytest.mark.rule("EMAIL-6")
def test_check_uploaded_eml_shows_trail_stripped(client, sender, child, nurse):
    client.force_login(sender)
    upload = SimpleUploadedFile("draft.eml", RAW, content_type="message/rfc822")
    response = client.post("/email/check/", {"to": "", "eml": upload})
    html = response.content.decode()
    assert "Without the earlier messages" in html
    assert "<strong>EMAIL-5</strong>" in html


def test_check_without_recipient_is_a_form_error(client, sender):
    client.force_login(sender)
    response = client.post("/email/check/", {"to": "", "body": "hello"})
    assert "Enter at least one recipient" in response.content.decode()
    assert "There is a problem" in response.content.decode()


def test_check_header_injection_is_a_form_error(client, sender):
    client.force_login(sender)
    response = client.post("/email/check/", {"to": "a@b.org", "subject": "x\r\nBcc: e@x.org"})
    assert "line break" in response.content.decode()


# Quarantine.


@pytest.fixture
def spool(tmp_path):
    with override_settings(SAFEHAVEN_QUARANTINE_DIR=str(tmp_path / "spool")):
        yield Quarantine(tmp_path / "spool")


@pytest.fixture
def held(spool, child, sender):
    return spool.store(
        RAW,
        {
            "correlation_id": "c0ffee00-0000-4000-8000-000000000001",
            "sender": sender.email,
            "recipients": ["sarah@yahoo.co.uk"],
            "external_recipients": ["sarah@yahoo.co.uk"],
            "verdict": "hold",
            "rules": ["EMAIL-1"],
            "findings": [
                {"rule": "EMAIL-1", "severity": "hold", "message": "Sensitive to webmail."}
            ],
            "policy_version": "v1",
            "classification": "sensitive",
            "special_categories": ["health"],
            "service_user_ids": [str(child.pk)],
            "message_id": "<m1@ashby.sch.uk>",
        },
    )


def test_officer_cannot_review(client, officer, held):
    client.force_login(officer)
    assert client.get("/email/quarantine/").status_code == 403
    response = client.post(f"/email/quarantine/{held}/reject/", {"reject-reason": "x"})
    assert response.status_code == 403


def test_list_and_detail_show_findings_not_body(client, authoriser, held):
    client.force_login(authoriser)
    listing = client.get("/email/quarantine/").content.decode()
    assert held in listing
    assert "EMAIL-1" in listing
    detail = client.get(f"/email/quarantine/{held}/").content.decode()
    assert "Sensitive to webmail." in detail
    assert "asthma" not in detail
    assert not EmailNearMiss.objects.exists()


def test_reading_the_body_is_recorded(client, authoriser, held):
    client.force_login(authoriser)
    detail = client.get(f"/email/quarantine/{held}/?body=1").content.decode()
    assert "asthma" in detail
    miss = EmailNearMiss.objects.get()
    assert miss.event == "viewed"
    assert miss.decided_by == authoriser


def test_unknown_or_bad_id_is_404(client, authoriser, spool):
    client.force_login(authoriser)
    assert client.get("/email/quarantine/20261125T000000Z-deadbeef/").status_code == 404
    assert client.get("/email/quarantine/..%2Fx/").status_code == 404


def test_reject_needs_reason_then_records(client, authoriser, held, spool):
    client.force_login(authoriser)
    response = client.post(f"/email/quarantine/{held}/reject/", {"reject-reason": ""})
    assert response.status_code == 400
    assert "Enter the reason" in response.content.decode()
    response = client.post(f"/email/quarantine/{held}/reject/", {"reject-reason": "wrong child"})
    assert response.status_code == 302
    assert spool.get(held).status == "rejected"
    miss = EmailNearMiss.objects.get()
    assert miss.event == "rejected"
    assert miss.reason == "wrong child"
    assert miss.decided_by == authoriser


@pytest.mark.rule("TEL-9")
def test_release_relays_and_writes_register(client, dpo, held, spool, relay):
    client.force_login(dpo)
    response = client.post(f"/email/quarantine/{held}/release/", {"release-reason": "checked"})
    assert response.status_code == 302
    assert spool.get(held).status == "released"
    assert len(relay.messages) == 1
    assert b"X-SafeHaven-Verdict: released" in relay.messages[0][2]
    # The sender has a staff account: the disclosure is in the register, authorised by the DPO.
    entry = Disclosure.objects.get()
    assert entry.channel == "email"
    assert entry.authorised_by == dpo
    assert EmailNearMiss.objects.filter(event="released", decided_by=dpo).exists()


def test_release_with_relay_down_stays_held(client, dpo, held, spool, settings):
    settings.SAFEHAVEN_EMAIL_RELAY = f"127.0.0.1:{free_port()}"
    client.force_login(dpo)
    url = f"/email/quarantine/{held}/release/"
    response = client.post(url, {"release-reason": "checked with the DSL"}, follow=True)
    assert "still held" in response.content.decode()
    assert spool.get(held).status == "held"


def test_sender_cannot_release_own_message(client, held, spool, school_a, relay):
    me = UserFactory(
        username="mgr", email="officer@ashby.sch.uk", role="authoriser", manager_title="team",
        units=[school_a],
    )  # fmt: skip
    client.force_login(me)
    response = client.post(f"/email/quarantine/{held}/release/", {}, follow=True)
    assert "someone else must decide it" in response.content.decode()
    assert spool.get(held).status == "held"
    assert relay.messages == []


def test_authoriser_at_another_school_does_not_see_it(client, school_b, held):
    other = UserFactory(role="authoriser", manager_title="team", units=[school_b])
    client.force_login(other)
    assert held not in client.get("/email/quarantine/").content.decode()
    assert client.get(f"/email/quarantine/{held}/").status_code == 404
    response = client.post(f"/email/quarantine/{held}/reject/", {"reject-reason": "x"})
    assert response.status_code == 404


def test_mail_from_unknown_sender_only_for_the_dpo(client, authoriser, dpo, spool):
    qid = spool.store(RAW, {"sender": "stranger@elsewhere.org", "recipients": ["a@b.org"]})
    client.force_login(authoriser)
    assert client.get(f"/email/quarantine/{qid}/").status_code == 404
    client.force_login(dpo)
    assert client.get(f"/email/quarantine/{qid}/").status_code == 200
