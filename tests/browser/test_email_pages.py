"""The pre-send page and the held-email pages in a real browser, as staff use them: the safer
version copied with the button (JavaScript) or checked again (without), an uploaded .eml, and
a reviewer's whole round without JavaScript. axe runs on every page state."""

from __future__ import annotations

from email.message import EmailMessage

import pytest

from safehaven.email.models import EmailNearMiss
from safehaven.gateway.spool import Quarantine
from tests.factories import (
    ConsentFactory,
    EmailDomainFactory,
    OrganisationFactory,
    ProfessionalContactFactory,
    ServiceUserFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"
IDENTIFIABLE = (
    "Dear Sarah,\n\nAmelia Whitworth (born 07/03/2014) of 14 Mill Lane, LE11 1AA has asthma "
    "and needs her inhaler at school camp.\n\nThanks\n"
)


@pytest.fixture
def world(school_a):
    health = OrganisationFactory(name="Charnwood Health Centre")
    EmailDomainFactory(organisation=health, domain="charnwood-health.nhs.uk", security="secure")
    nurse = ProfessionalContactFactory(
        organisation=health, name="Sarah Jones", email="sarah.jones@charnwood-health.nhs.uk"
    )
    child = ServiceUserFactory(unit=school_a, given_name="Amelia", family_name="Whitworth")
    ConsentFactory(service_user=child, recipient_organisation=health)
    officer = UserFactory(username="officer.pages", email="officer@ashby.sch.uk", units=[school_a])
    manager = UserFactory(
        username="manager.pages", email="manager@ashby.sch.uk", role="authoriser",
        manager_title="team", units=[school_a],
    )  # fmt: skip
    return {"nurse": nurse, "child": child, "officer": officer, "manager": manager}


@pytest.mark.rule("EMAIL-2")
def test_desensitised_version_copied_with_the_button(page, axe, sign_in, world):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in(page, "officer.pages", PASSWORD)
    page.goto("/email/check/")
    page.fill("#id_to", f"Sarah Jones <{world['nurse'].email}>")
    page.fill("#id_subject", "Camp")
    page.fill("#id_body", IDENTIFIABLE)
    page.click("button:has-text('Check the email')")
    page.wait_for_load_state()
    assert "Verdict" in page.title()
    axe(page)
    page.click("button:has-text('Copy this version')")
    page.wait_for_selector("#desensitised-copied:has-text('Copied')")
    copied = page.evaluate("navigator.clipboard.readText()")
    assert copied.strip() == page.input_value("#desensitised-text").strip()
    assert "Whitworth" not in copied
    assert "07/03/2014" not in copied


@pytest.mark.rule("EMAIL-2")
def test_without_javascript_the_safer_version_is_checked_again(no_js_page, sign_in, world):
    page = no_js_page
    sign_in(page, "officer.pages", PASSWORD)
    page.goto("/email/check/")
    page.fill("#id_to", world["nurse"].email)
    page.fill("#id_body", IDENTIFIABLE)
    page.click("button:has-text('Check the email')")
    page.wait_for_load_state()
    assert page.locator("button:has-text('Copy this version')").count() == 0
    assert "easily identifiable details" in page.inner_text("table")
    page.click("#desensitised-recheck")
    page.wait_for_load_state()
    assert "Verdict" in page.inner_text("#verdict")
    assert "easily identifiable details" not in page.inner_text("main")


def test_uploaded_eml_without_javascript(no_js_page, sign_in, world, tmp_path):
    msg = EmailMessage()
    msg["From"] = "officer@ashby.sch.uk"
    msg["To"] = "mum@gmail.com"
    msg["Subject"] = "Amelia"
    msg.set_content("<p>Amelia Whitworth has asthma.</p><script>alert(1)</script>", "html")
    msg.add_attachment(b"%PDF-1.4 x", maintype="application", subtype="pdf", filename="p.pdf")
    path = tmp_path / "draft.eml"
    path.write_bytes(bytes(msg))
    page = no_js_page
    sign_in(page, "officer.pages", PASSWORD)
    page.goto("/email/check/")
    page.set_input_files("#id_eml", str(path))
    page.click("button:has-text('Check the email')")
    page.wait_for_load_state()
    assert "hold" in page.inner_text("#verdict")
    assert "draft.eml" in page.inner_text("#result")
    assert "p.pdf (PDF" in page.inner_text("#attachments")


def _held(world, tmp_path, settings, n=1) -> list[str]:
    settings.SAFEHAVEN_QUARANTINE_DIR = str(tmp_path / "spool")
    quarantine = Quarantine(tmp_path / "spool")
    raw = (
        b"From: officer@ashby.sch.uk\r\nTo: mum@gmail.com\r\nSubject: Amelia\r\n"
        b"Content-Type: text/html\r\n\r\n<p>Amelia has asthma.</p><script>alert(1)</script>"
    )
    return [
        quarantine.store(
            raw,
            {
                "sender": "officer@ashby.sch.uk",
                "recipients": [f"mum{i}@gmail.com"],
                "external_recipients": [f"mum{i}@gmail.com"],
                "verdict": "hold",
                "rules": ["EMAIL-1", "EMAIL-3"],
                "policy_version": "v1",
                "service_user_ids": [str(world["child"].pk)],
                "findings": [
                    {"rule": "EMAIL-3", "severity": "warn", "message": "Phone them."},
                    {"rule": "EMAIL-1", "severity": "hold", "message": "Webmail."},
                ],
            },
        )  # fmt: skip
        for i in range(n)
    ]


def test_reviewer_round_with_axe(page, axe, sign_in, world, tmp_path, settings, relay):
    qids = _held(world, tmp_path, settings, n=27)
    sign_in(page, "manager.pages", PASSWORD)
    page.goto("/email/quarantine/")
    assert "27 messages waiting" in page.inner_text("#held-count")
    axe(page)
    page.click("a[rel=next]")
    page.wait_for_load_state()
    assert "Showing 26 to 27 of 27" in page.inner_text("#result-count")
    axe(page)
    page.goto(f"/email/quarantine/{qids[0]}/")
    axe(page)
    page.click("#show-body")
    page.wait_for_load_state()
    assert "Amelia has asthma." in page.input_value("#body-text")
    axe(page)
    page.problems.expected_error_paths.add(f"/email/quarantine/{qids[0]}/release/")
    page.click("button:has-text('Release and send')")
    page.wait_for_load_state()
    assert "Enter the reason it can go" in page.inner_text(".govuk-error-summary")
    axe(page)
    page.fill("#id_release-reason", "Mum's address confirmed by phone")
    page.click("button:has-text('Release and send')")
    page.wait_for_load_state()
    assert "released and sent on" in page.inner_text(".govuk-notification-banner--success")
    assert len(relay.messages) == 1
    axe(page)


def test_reviewer_round_without_javascript(no_js_page, sign_in, world, tmp_path, settings, relay):
    qids = _held(world, tmp_path, settings, n=3)
    page = no_js_page
    sign_in(page, "manager.pages", PASSWORD)
    page.goto("/email/quarantine/")
    page.fill("#filter-q", "mum1@")
    page.select_option("#filter-sort", "oldest")
    page.click("button:has-text('Apply filters')")
    page.wait_for_load_state()
    assert "Showing 1 to 1 of 1" in page.inner_text("#result-count")
    page.click(f"a:has-text('message {qids[1]}')")
    page.wait_for_load_state()
    assert "EMAIL-1: Webmail." in page.inner_text("main")
    page.fill("#id_reject-reason", "Not to a personal address")
    page.click("button:has-text('Reject: do not send')")
    page.wait_for_load_state()
    assert "rejected" in page.inner_text(".govuk-notification-banner--success")
    assert relay.messages == []
    assert EmailNearMiss.objects.get(event="rejected").reason == "Not to a personal address"


def test_sender_finds_their_held_mail_from_the_check_page(page, axe, sign_in, world, tmp_path,
                                                         settings):  # fmt: skip
    qids = _held(world, tmp_path, settings, n=2)
    sign_in(page, "officer.pages", PASSWORD)
    page.goto("/email/check/")
    page.click("a:has-text('See your held email')")
    page.wait_for_load_state()
    assert "2 of yours waiting" in page.inner_text("#waiting-count")
    assert f"Reference {qids[0]}" in page.inner_text("table")
    axe(page)
