"""A telephone request in a real Chromium: the happy path from the call to the recorded
disclosure, and each refusal path (mobile callback, no consent, self-authorisation, ambiguous
child). Every page passes axe and the browser reports no error."""

from __future__ import annotations

import datetime as dt

import pytest

from safehaven.register.models import Disclosure
from safehaven.telephone.models import TelephoneRequest
from tests.factories import (
    AddressFactory,
    ConsentFactory,
    OrganisationFactory,
    ServiceUserFactory,
    SwitchboardFactory,
    UserFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


@pytest.fixture
def partner(dpo):
    organisation = OrganisationFactory(name="Charnwood Health Centre")
    SwitchboardFactory(organisation=organisation, number="+441164960100", verified_by=dpo)
    return organisation


@pytest.fixture
def child(school_a, partner):
    person = ServiceUserFactory(
        unit=school_a, given_name="Amelia", family_name="Whitworth",
        date_of_birth=dt.date(2014, 3, 7),
    )  # fmt: skip
    AddressFactory(service_user=person)
    ConsentFactory(service_user=person, recipient_organisation=partner, purpose="health")
    return person


def log_the_call(page, partner, *, day="7", month="3", year="2014") -> None:
    page.goto("/telephone/new/")
    page.fill("#id_caller_name", "Dr Priya Shah")
    page.fill("#id_caller_job_title", "School Nurse")
    page.select_option("#id_organisation", str(partner.pk))
    page.fill("#id_caller_number", "07911 123456")
    page.fill("#id_given_name", "Amelia")
    page.fill("#id_family_name", "Whitworth")
    page.fill("#id_dob_day", day)
    page.fill("#id_dob_month", month)
    page.fill("#id_dob_year", year)
    page.select_option("#id_purpose", "health")
    page.fill("#id_reason", "Health assessment for the school nursing team")
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def submit(page) -> None:
    page.click("main form button[type=submit]")
    page.wait_for_load_state()


@pytest.mark.rule("TEL-1")
@pytest.mark.rule("TEL-9")
def test_a_request_from_the_call_to_the_recorded_disclosure(
    page, axe, sign_in, officer, authoriser, child, partner
):
    sign_in(page, officer.username, PASSWORD)
    page.goto("/telephone/new/")
    axe(page)
    log_the_call(page, partner)
    assert page.locator("h1").inner_text() == "Identify the child"
    axe(page)
    submit(page)  # the single exact match is preselected
    assert page.locator("h1").inner_text() == "Where will you call back?"
    axe(page)
    submit(page)  # the verified switchboard is preselected
    assert page.locator("h1").inner_text().startswith("Is there consent to share")
    assert "Consent on record" in page.locator("main").inner_text()
    axe(page)
    submit(page)
    assert page.locator("h1").inner_text() == "Waiting for a manager"
    axe(page)
    tel = TelephoneRequest.objects.get()

    page.context.clear_cookies()
    sign_in(page, authoriser.username, PASSWORD)
    page.goto("/telephone/")
    assert "Waiting for your decision" in page.locator("main").inner_text()
    axe(page)
    page.goto(f"/telephone/{tel.pk}/authorise/")
    axe(page)
    page.select_option("#id_decision", "approve")
    page.fill("#id_note", "Fine to share attendance only.")
    submit(page)
    assert page.locator("h1").inner_text() == "Telephone requests"

    page.context.clear_cookies()
    sign_in(page, officer.username, PASSWORD)
    page.goto(f"/telephone/{tel.pk}/return-call/")
    assert "0116 496 0100" in page.locator(".govuk-panel").inner_text()
    axe(page)
    page.check("#id_called_switchboard")
    page.fill("#id_spoke_to_name", "Dr Priya Shah")
    page.fill("#id_disclosed_summary", "Attendance this term is 92%.")
    submit(page)
    assert page.locator("h1").inner_text() == "Call returned and disclosure recorded"
    axe(page)
    entry = Disclosure.objects.get()
    assert entry.authorised_by == authoriser
    assert entry.recipient_number == "+441164960100"


@pytest.mark.rule("TEL-5")
def test_a_mobile_callback_number_is_refused_on_screen(page, axe, sign_in, officer, child, partner):
    sign_in(page, officer.username, PASSWORD)
    log_the_call(page, partner)
    submit(page)
    page.fill("#id_number", "07911 123456")
    submit(page)
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "is a mobile number" in summary
    assert "(TEL-5)" in summary
    axe(page)


@pytest.mark.rule("TEL-7")
def test_without_consent_the_officer_must_justify_an_exemption_or_stop(
    page, axe, sign_in, officer, child, partner
):
    child.consents.all().delete()
    sign_in(page, officer.username, PASSWORD)
    log_the_call(page, partner)
    submit(page)
    submit(page)
    assert "No current consent covers sharing" in page.locator("main").inner_text()
    submit(page)
    assert "(TEL-7)" in page.locator(".govuk-error-summary").inner_text()
    axe(page)
    page.click("text=Stop this request: nothing is shared")
    page.wait_for_load_state()
    axe(page)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Stopped: nothing shared"
    entry = Disclosure.objects.get()
    assert entry.outcome == "refused"


@pytest.mark.rule("TEL-6")
def test_a_manager_cannot_authorise_their_own_request(page, axe, sign_in, school_a, child, partner):
    manager = UserFactory(role="authoriser", manager_title="team", units=[school_a])
    sign_in(page, manager.username, PASSWORD)
    log_the_call(page, partner)
    submit(page)
    submit(page)
    submit(page)
    assert "other than you must agree" in page.locator("main").inner_text()
    tel = TelephoneRequest.objects.get()
    page.goto(f"/telephone/{tel.pk}/authorise/")
    page.fill("#id_note", "Looks fine")
    submit(page)
    assert (
        "Nobody authorises their own request" in page.locator(".govuk-error-summary").inner_text()
    )
    axe(page)
    tel.refresh_from_db()
    assert tel.state == TelephoneRequest.State.AWAITING_AUTHORISATION


@pytest.mark.rule("TEL-3")
def test_an_ambiguous_child_cannot_be_chosen(page, axe, sign_in, officer, school_a, child, partner):
    ServiceUserFactory(
        unit=school_a, given_name="Amelia", family_name="Whitworth",
        date_of_birth=child.date_of_birth,
    )  # fmt: skip
    sign_in(page, officer.username, PASSWORD)
    log_the_call(page, partner)
    assert "2 records match exactly" in page.locator("main").inner_text()
    axe(page)
    page.locator("input[name=service_user]").first.check()
    submit(page)
    assert (
        "Ask the caller for the child's reference"
        in page.locator(".govuk-error-summary").inner_text()
    )
    axe(page)
    assert TelephoneRequest.objects.get().state == TelephoneRequest.State.LOGGED
