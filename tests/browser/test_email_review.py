"""The session's review gaps in a real browser, as their users click through them (Chromium,
axe on every page state): the only DPO's own held mail decided by an administrator, a reviewer
reading the held text and the DPO finding it in the child's access log, and an officer's draft
to an internationalised address that the check stops, found by the DPO in the near misses.

The browser fixtures are this folder's (Playwright with Debian's Chromium). A module elsewhere
that imports them starts a second Playwright beside the session's one, which fails.
"""

from __future__ import annotations

import pytest

from safehaven.email.models import EmailNearMiss
from safehaven.gateway.spool import Quarantine
from tests.factories import ServiceUserFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"
RAW = (
    b"From: dpo@county.gov.uk\r\nTo: case@gmail.com\r\nSubject: Amelia\r\n"
    b"Content-Type: text/plain\r\n\r\nAmelia Whitworth has asthma.\r\n"
)


def _store(tmp_path, settings, *, sender, ids=()) -> str:
    settings.SAFEHAVEN_QUARANTINE_DIR = str(tmp_path / "spool")
    return Quarantine(tmp_path / "spool").store(
        RAW.replace(b"dpo@county.gov.uk", sender.encode()),
        {
            "sender": sender,
            "recipients": ["case@gmail.com"],
            "external_recipients": ["case@gmail.com"],
            "verdict": "hold",
            "rules": ["EMAIL-1"],
            "policy_version": "v1",
            "service_user_ids": [str(i) for i in ids],
            "findings": [{"rule": "EMAIL-1", "severity": "hold", "message": "Webmail."}],
        },
    )


def test_only_dpos_own_mail_is_decided_by_an_administrator(
    page, no_js_page, axe, sign_in, tmp_path, settings, relay
):
    UserFactory(username="dpo.only", email="dpo@county.gov.uk", role="dpo")
    admin = UserFactory(
        username="admin.it", email="it@county.gov.uk", role="administrator",
        first_name="Imran", last_name="Taylor",
    )  # fmt: skip
    qid = _store(tmp_path, settings, sender="dpo@county.gov.uk")
    # The DPO opens their own held mail from the list: no buttons, and who can decide it.
    sign_in(page, "dpo.only", PASSWORD)
    page.goto("/email/quarantine/")
    page.click(f"a:has-text('message {qid}')")
    page.wait_for_load_state()
    own = page.inner_text("#own")
    assert "nobody decides their own email" in own
    assert "Imran Taylor (Administrator)" in own
    assert page.locator("button:has-text('Release and send')").count() == 0
    axe(page)
    # The administrator, without JavaScript, releases it with a reason.
    admin_page = no_js_page
    sign_in(admin_page, admin.username, PASSWORD)
    admin_page.goto("/email/quarantine/")
    admin_page.click(f"a:has-text('message {qid}')")
    admin_page.wait_for_load_state()
    assert "only because nobody else can" in admin_page.inner_text("#as-administrator")
    admin_page.fill("#id_release-reason", "Recipient confirmed with the ICO case officer")
    admin_page.click("button:has-text('Release and send')")
    admin_page.wait_for_load_state()
    assert "released and sent on" in admin_page.inner_text(".govuk-notification-banner--success")
    assert len(relay.messages) == 1
    # The DPO sees who released it and that it was an administrator's decision.
    page.reload()
    decision = page.inner_text("#decision")
    assert "released by Imran Taylor" in decision
    assert "Decided by an administrator because no DPO or authoriser" in decision
    axe(page)


def test_reading_held_text_shows_in_the_childs_access_log(
    page, axe, sign_in, tmp_path, settings, school_a
):
    child = ServiceUserFactory(unit=school_a, given_name="Amelia", family_name="Whitworth")
    UserFactory(username="officer.b", email="officer@ashby.sch.uk", units=[school_a])
    UserFactory(
        username="manager.b", role="authoriser", manager_title="team", units=[school_a],
        first_name="Priya", last_name="Desai",
    )  # fmt: skip
    UserFactory(username="dpo.b", role="dpo")
    qid = _store(tmp_path, settings, sender="officer@ashby.sch.uk", ids=[child.pk])
    sign_in(page, "manager.b", PASSWORD)
    page.goto(f"/email/quarantine/{qid}/")
    page.click("#show-body")
    page.wait_for_load_state()
    assert "Amelia Whitworth has asthma." in page.input_value("#body-text")
    page.click("button:has-text('Sign out')")
    page.wait_for_load_state()
    sign_in(page, "dpo.b", PASSWORD)
    page.goto(f"/service-users/{child.pk}/")
    log = page.inner_text("#access-log + p + table")
    assert f"Held email text read by a reviewer (quarantine {qid})" in log
    assert "Priya Desai" in log
    axe(page)


def test_stopped_draft_to_an_internationalised_address_is_a_near_miss(page, axe, sign_in, school_a):
    ServiceUserFactory(unit=school_a, given_name="Amelia", family_name="Whitworth")
    UserFactory(username="officer.c", email="officer@ashby.sch.uk", units=[school_a])
    UserFactory(username="dpo.c", role="dpo")
    sign_in(page, "officer.c", PASSWORD)
    page.goto("/email/check/")
    page.fill("#id_to", "Renée <renée@gmail.com>")
    page.fill("#id_subject", "Camp")
    page.fill("#id_body", "Amelia Whitworth has asthma and needs her inhaler at camp.\n")
    page.click("button:has-text('Check the email')")
    page.wait_for_load_state()
    assert "hold" in page.inner_text("#verdict")
    assert "renée@gmail.com" in page.inner_text("#result")
    axe(page)
    assert EmailNearMiss.objects.get(event="checked").recipients == ["renée@gmail.com"]
    page.click("button:has-text('Sign out')")
    page.wait_for_load_state()
    sign_in(page, "dpo.c", PASSWORD)
    page.goto("/oversight/near-misses/")
    assert "Stopped at the pre-send check, not sent" in page.inner_text("main")
    axe(page)
