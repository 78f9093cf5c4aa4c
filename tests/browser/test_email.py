"""The pre-send check and the quarantine review in a real browser: every page passes axe, and
the check works with JavaScript switched off."""

from __future__ import annotations

import pytest

from safehaven.gateway.spool import Quarantine
from tests.email.conftest import HEALTH_BODY
from tests.factories import (
    ConsentFactory,
    EmailDomainFactory,
    OrganisationFactory,
    ServiceUserFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


@pytest.fixture
def email_world(school_a):
    org = OrganisationFactory(name="Charnwood Health Centre")
    EmailDomainFactory(organisation=org, domain="charnwood-health.nhs.uk", security="secure")
    child = ServiceUserFactory(unit=school_a, given_name="Amelia", family_name="Whitworth")
    ConsentFactory(service_user=child, recipient_organisation=org)
    officer = UserFactory(username="officer.mail", email="officer@ashby.sch.uk", units=[school_a])
    return {"child": child, "officer": officer}


@pytest.mark.rule("EMAIL-1")
def test_check_page_shows_verdict_and_rules(page, axe, sign_in, email_world):
    sign_in(page, "officer.mail", PASSWORD)
    page.goto("/email/check/")
    axe(page)
    page.fill("#id_to", "sarah@yahoo.co.uk")
    page.fill("#id_subject", "Amelia")
    page.fill("#id_body", HEALTH_BODY)
    page.click("button:has-text('Check the email')")
    page.wait_for_load_state()
    assert "Verdict:" in page.inner_text("#verdict")
    assert "hold" in page.inner_text("#verdict")
    assert page.locator("td strong:has-text('EMAIL-1')").count() >= 1
    assert page.locator("#desensitised").count() == 1
    axe(page)
    # An empty form: the GOV.UK error summary, still accessible.
    page.goto("/email/check/")
    page.click("button:has-text('Check the email')")
    page.wait_for_load_state()
    assert "Enter at least one recipient" in page.inner_text(".govuk-error-summary")
    axe(page)


def test_check_page_works_without_javascript(no_js_page, sign_in, email_world):
    sign_in(no_js_page, "officer.mail", PASSWORD)
    no_js_page.goto("/email/check/")
    no_js_page.fill("#id_to", "sarah.jones@charnwood-health.nhs.uk")
    no_js_page.fill("#id_body", HEALTH_BODY)
    no_js_page.click("button:has-text('Check the email')")
    no_js_page.wait_for_load_state()
    assert "Verdict:" in no_js_page.inner_text("#verdict")


def test_quarantine_review_reject(page, axe, sign_in, email_world, authoriser, tmp_path, settings):
    settings.SAFEHAVEN_QUARANTINE_DIR = str(tmp_path / "spool")
    qid = Quarantine(tmp_path / "spool").store(
        b"From: officer@ashby.sch.uk\r\nTo: sarah@yahoo.co.uk\r\nSubject: A\r\n\r\nAmelia.\r\n",
        {
            "sender": "officer@ashby.sch.uk", "recipients": ["sarah@yahoo.co.uk"],
            "verdict": "hold", "rules": ["EMAIL-1"], "policy_version": "v1",
            "findings": [{"rule": "EMAIL-1", "severity": "hold", "message": "Sensitive."}],
        },
    )  # fmt: skip
    authoriser.set_password(PASSWORD)
    authoriser.save()
    sign_in(page, authoriser.username, PASSWORD)
    page.goto("/email/quarantine/")
    axe(page)
    page.click(f"a:has-text('message {qid}')")
    page.wait_for_load_state()
    axe(page)
    page.fill("#id_reject-reason", "Wrong recipient")
    page.click("button:has-text('Reject: do not send')")
    page.wait_for_load_state()
    assert "rejected" in page.inner_text(".govuk-notification-banner--success")
    axe(page)
