"""Every main page in a real Chromium, for each role: it renders, axe finds no violation,
and there is no failed request, HTTP error, console error or script error."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import (
    AddressFactory,
    ConsentFactory,
    ContactRestrictionFactory,
    OrganisationFactory,
    ProfessionalContactFactory,
    RelatedPersonFactory,
    ServiceUserFactory,
    SwitchboardFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


@pytest.fixture
def child(school_a, officer):
    """A service user with something in every section of the record page."""
    person = ServiceUserFactory(
        unit=school_a,
        given_name="Amelia",
        family_name="Whitworth",
        date_of_birth=dt.date(2014, 3, 7),
        allocated_worker=officer,
    )
    AddressFactory(
        service_user=person, valid_from=dt.date(2019, 1, 1), valid_to=dt.date(2021, 6, 30)
    )
    AddressFactory(service_user=person, confidential=True, mail_returned=True)
    RelatedPersonFactory(service_user=person)
    ContactRestrictionFactory(service_user=person)
    ConsentFactory(service_user=person)
    return person


@pytest.fixture
def organisation(dpo):
    organisation = OrganisationFactory(name="Charnwood Health Centre")
    SwitchboardFactory(organisation=organisation, verified_by=dpo)
    SwitchboardFactory(organisation=organisation, verified_at=None)
    ProfessionalContactFactory(organisation=organisation)
    return organisation


def test_sign_in_page_passes_axe_and_loads_every_asset(page, axe):
    page.goto("/login/")
    assert page.title() == "Sign in – SafeHaven"
    assert page.locator(".govuk-generic-header__homepage-link").inner_text() == "SafeHaven"
    # The inline script ran under the nonce CSP, and init.mjs ran GOV.UK Frontend's initAll.
    assert "govuk-frontend-supported" in page.locator("body").get_attribute("class")
    assert page.locator("[data-govuk-button-init]").count() == 1
    axe(page)


def test_sign_in_error_summary_passes_axe_and_takes_focus(page, axe, officer):
    page.goto("/login/")
    page.fill("#id_username", officer.username)
    page.click("button[type=submit]")
    page.wait_for_load_state()
    summary = page.locator(".govuk-error-summary")
    assert "Enter your password" in summary.inner_text()
    assert "govuk-error-summary" in page.evaluate("document.activeElement.className")
    axe(page)


def test_officer_searches_opens_the_record_and_its_register(page, axe, sign_in, officer, child):
    sign_in(page, officer.username, PASSWORD)
    assert page.locator("h1").inner_text() == f"Hello, {officer.first_name}"
    assert "Amelia Whitworth" in page.locator("main").inner_text()  # allocated to them
    axe(page)

    page.fill("#home-q", "Amelia Whitwroth")  # a typo
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#results").inner_text() == "1 result"
    axe(page)

    page.fill("#id_q", "")
    page.fill("#id_dob_day", "3")
    page.fill("#id_dob_month", "7")
    page.fill("#id_dob_year", "2014")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "Day and month swapped" in page.locator("main").inner_text()

    page.click("text=WHITWORTH, Amelia")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Amelia Whitworth"
    assert "The current address is confidential" in page.locator("main").inner_text()
    axe(page)

    page.click("text=See every register entry about Amelia")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Register entries"
    axe(page)

    page.goto(f"/service-users/{child.pk}/address/new/")
    axe(page)
    page.fill("#id_line_1", "7 Mill Lane")
    page.fill("#id_postcode", "ZZ")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "The postcode is not valid" in page.locator(".govuk-error-summary").inner_text()
    axe(page)
    page.fill("#id_postcode", "LE12 9AA")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "Address changed" in page.locator(".govuk-notification-banner--success").inner_text()
    axe(page)


def test_search_error_summary_passes_axe(page, axe, sign_in, officer):
    sign_in(page, officer.username, PASSWORD)
    page.goto("/service-users/?dob_day=31&dob_month=31&dob_year=2015")
    assert "Date of birth must be a real date" in page.locator(".govuk-error-summary").inner_text()
    axe(page)


def test_dpo_pages_pass_axe(page, axe, sign_in, dpo, child, organisation):
    sign_in(page, dpo.username, PASSWORD)
    assert "1 switchboard number has not been checked" in page.locator("main").inner_text()
    axe(page)
    page.goto(f"/service-users/{child.pk}/")
    assert "Who has looked at this record" in page.locator("main").inner_text()
    axe(page)
    page.goto(f"/service-users/{child.pk}/subject-access/")
    axe(page)
    page.goto("/register/")
    axe(page)
    page.click("text=Check the register now")
    page.wait_for_load_state()
    assert "The register is intact" in page.locator("main").inner_text()
    axe(page)
    page.goto("/organisations/")
    axe(page)
    page.click("text=Charnwood Health Centre")
    page.wait_for_load_state()
    assert "Not checked" in page.locator("main").inner_text()
    axe(page)
    unchecked = page.locator("form:has(button:has-text('Mark as checked'))").first
    unchecked.locator("input[name=verification_source]").fill("Trust website")
    unchecked.locator("button").click()
    page.wait_for_load_state()
    assert "marked as checked" in page.locator(".govuk-notification-banner--success").inner_text()
    axe(page)
    page.goto(f"/organisations/{organisation.pk}/switchboards/new/")
    page.fill("#id_number", "12")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "The phone number is not valid" in page.locator(".govuk-error-summary").inner_text()
    axe(page)
    page.goto("/contacts/")
    axe(page)
    page.goto("/contacts/new/")
    axe(page)
    page.goto("/api-documentation/")
    axe(page)


def test_administrator_pages_pass_axe(page, axe, sign_in, administrator, officer):
    sign_in(page, administrator.username, PASSWORD)
    axe(page)
    page.goto("/staff/")
    assert officer.username in page.locator("main").inner_text()
    axe(page)
    page.goto("/staff/new/")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "Enter a username" in page.locator(".govuk-error-summary").inner_text()
    axe(page)
    page.goto(f"/staff/{officer.pk}/edit/")
    axe(page)
    page.goto("/organisations/new/")
    axe(page)
    page.goto("/units/")
    axe(page)


def test_error_pages_pass_axe(page, axe, sign_in, officer):
    sign_in(page, officer.username, PASSWORD)
    page.problems.expected_error_paths.update({"/no-such-page/", "/staff/"})
    page.goto("/no-such-page/")
    assert page.locator("h1").inner_text() == "Page not found"
    axe(page)
    page.goto("/staff/")
    assert page.locator("h1").inner_text() == "You cannot see this page"
    axe(page)


def test_sign_in_search_and_sign_out_work_without_javascript(no_js_page, sign_in, officer, child):
    page = no_js_page
    sign_in(page, officer.username, PASSWORD)
    assert "govuk-frontend-supported" not in (page.locator("body").get_attribute("class") or "")
    page.fill("#home-q", "Whitworth")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.click("text=WHITWORTH, Amelia")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Amelia Whitworth"
    page.click("text=Sign out")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Sign in to SafeHaven"


def test_idle_session_warning_appears_two_minutes_before_sign_out(page, axe, sign_in, officer):
    page.clock.install()
    sign_in(page, officer.username, PASSWORD)
    warning = page.locator("#session-warning")
    assert warning.is_hidden()
    page.clock.fast_forward("27:59")
    assert warning.is_hidden()
    page.clock.fast_forward("00:02")
    assert warning.is_visible()
    assert "You will be signed out in 2 minutes" in warning.inner_text()
    axe(page)
