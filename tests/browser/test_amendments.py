"""Amending a detail with a reason in a real Chromium and seeing it in the history (LET-4):
GOV.UK error summary when the reason is missing, axe on every page visited."""

from __future__ import annotations

import datetime as dt

import pytest

from safehaven.records.models import ChangeRecord
from tests.factories import RelatedPersonFactory, ServiceUserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


@pytest.mark.rule("LET-4")
def test_officer_amends_a_detail_with_a_reason_and_sees_it_in_the_history(
    page, axe, sign_in, officer, school_a
):
    child = ServiceUserFactory(
        unit=school_a,
        given_name="Amelia",
        family_name="Whitworth",
        preferred_name="",
        date_of_birth=dt.date(2014, 3, 7),
    )
    RelatedPersonFactory(service_user=child)
    sign_in(page, officer.username, PASSWORD)
    page.goto(f"/service-users/{child.pk}/")
    axe(page)
    page.get_by_role("link", name="Amend details of Amelia Whitworth").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Amend details"
    axe(page)

    # Without a reason: the error summary takes focus and links to the reason box.
    page.fill("#id_preferred_name", "Millie")
    page.get_by_role("button", name="Save the changes").click()
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    assert "Enter why you are making this change" in summary.inner_text()
    assert "govuk-error-summary" in page.evaluate("document.activeElement.className")
    assert page.title().startswith("Error: ")
    axe(page)
    assert not ChangeRecord.objects.exists()

    page.fill("#id_reason", "Amelia asked to be called Millie")
    page.get_by_role("button", name="Save the changes").click()
    page.wait_for_load_state()
    assert page.url.endswith(f"/service-users/{child.pk}/#changes")
    assert (
        "Details changed (preferred name)"
        in page.locator(".govuk-notification-banner--success").inner_text()
    )
    history = page.locator("#changes + table")
    text = history.inner_text()
    assert "Preferred name" in text
    assert "Millie" in text
    assert "Amelia asked to be called Millie" in text
    assert officer.username in text or str(officer) in text
    axe(page)


@pytest.mark.rule("LET-5")
def test_administrator_adds_a_receiving_system_and_sees_failed_deliveries(
    page, axe, sign_in, administrator, officer, service_user
):
    from safehaven.records import services
    from safehaven.records.models import WebhookDelivery

    sign_in(page, administrator.username, PASSWORD)
    page.get_by_role("link", name="Sending changes").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Sending changes to other systems"
    axe(page)
    page.get_by_role("link", name="Add a receiving system").click()
    page.wait_for_load_state()
    page.fill("#id_name", "School MIS")
    page.fill("#id_url", "https://mis.example.org/safehaven")
    page.get_by_label("Service user").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "School MIS"
    assert "X-SafeHaven-Signature" in page.locator("main").inner_text()
    axe(page)

    services.service_user_amend(
        service_user=service_user, user=officer, reason="spelling", given_name="Ann"
    )
    WebhookDelivery.objects.update(status="failed", attempts=8, last_error="HTTP 500")
    page.goto("/webhooks/")
    assert "HTTP 500" in page.locator("#failed + table").inner_text()
    axe(page)
    page.get_by_role("button", name="Send again").click()
    page.wait_for_load_state()
    assert "will be sent again" in page.locator(".govuk-notification-banner--success").inner_text()
    assert WebhookDelivery.objects.get().status == "pending"
