"""The pre-send page in Chromium: a paste over the form limit is answered on the page, and a
rule name ("EMAIL-1") in the findings table stays on one line in a narrow window."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"
SAYS = "The message is too large to paste: save it as an .eml and upload it (up to 25 MB)"


@pytest.fixture
def officer(school_a):
    return UserFactory(username="officer.limits", email="officer@ashby.sch.uk", units=[school_a])


def test_a_paste_over_the_form_limit_says_to_upload_the_eml(page, axe, sign_in, officer):
    page.problems.expected_error_paths.add("/email/check/")  # answered with 413
    sign_in(page, "officer.limits", PASSWORD)
    page.goto("/email/check/")
    page.fill("#id_to", "someone@charnwood-health.nhs.uk")
    page.fill("#id_body", "Amelia has asthma. " * 160_000)  # 3 MB
    page.click("button:has-text('Check the email')")
    page.wait_for_load_state()
    assert page.title().startswith("Error: ")
    assert page.inner_text(".govuk-error-summary__list").strip() == SAYS
    assert SAYS in page.inner_text("#id_body-error")
    axe(page)


@pytest.mark.rule("EMAIL-1")
def test_rule_names_do_not_wrap_at_the_hyphen(page, sign_in, officer):
    page.set_viewport_size({"width": 320, "height": 800})
    sign_in(page, "officer.limits", PASSWORD)
    page.goto("/email/check/")
    page.fill("#id_to", "someone@gmail.com")
    page.fill(
        "#id_body",
        "Amelia Whitworth (born 07/03/2014) of 14 Mill Lane, LE11 1AA is on a child protection "
        "plan and has asthma.",
    )
    page.click("button:has-text('Check the email')")
    page.wait_for_load_state()
    rules = page.locator("table.govuk-table tbody tr td:first-child strong")
    assert rules.count() >= 2
    names = rules.all_inner_texts()
    assert any("-" in n for n in names)
    # One line box per rule name: "EMAIL-" on one line and "1" on the next gives two.
    lines = rules.evaluate_all("els => els.map(e => e.getClientRects().length)")
    assert lines == [1] * len(names), dict(zip(names, lines, strict=True))
