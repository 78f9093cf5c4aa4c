"""Every main page in a real Chromium: renders, passes axe, no failed request or script error."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


def test_sign_in_page_passes_axe_and_loads_every_asset(page, axe):
    page.goto("/login/")
    assert page.title() == "Sign in – SafeHaven"
    assert page.locator(".govuk-generic-header__homepage-link").inner_text() == "SafeHaven"
    # GOV.UK Frontend's JavaScript ran under the nonce CSP.
    assert "govuk-frontend-supported" in page.locator("body").get_attribute("class")
    axe(page)


def test_sign_in_error_summary_passes_axe_and_takes_focus(page, axe, officer):
    page.goto("/login/")
    page.fill("#id_username", officer.username)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    assert "Enter your password" in summary.inner_text()
    focused = page.evaluate("document.activeElement.className")
    assert "govuk-error-summary" in focused
    axe(page)
