"""A warning overridden in a real browser: the pre-send page offers "Send it anyway" only for a
`warn`, asks for a reason with the GOV.UK error summary when it is missing, records it, and the
DPO finds it in the overrides report. axe runs on every page."""

from __future__ import annotations

import pytest

from safehaven.email.models import EmailOverride
from tests.email.conftest import HEALTH_BODY
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
REASON = "Sarah is the school nurse; I phoned her this morning to confirm the address."


@pytest.mark.rule("EMAIL-4")
def test_officer_overrides_a_warning_with_a_reason_and_the_dpo_sees_it(
    page, axe, sign_in, school_a
):
    health = OrganisationFactory(name="Charnwood Health Centre")
    EmailDomainFactory(organisation=health, domain="charnwood-health.nhs.uk", security="secure")
    nurse = ProfessionalContactFactory(
        organisation=health, name="Sarah Jones", email="sarah.jones@charnwood-health.nhs.uk"
    )
    child = ServiceUserFactory(unit=school_a, given_name="Amelia", family_name="Whitworth")
    ConsentFactory(service_user=child, recipient_organisation=health)
    UserFactory(username="officer.warn", email="officer@ashby.sch.uk", units=[school_a])
    UserFactory(username="dpo.warn", role="dpo")

    sign_in(page, "officer.warn", PASSWORD)
    page.goto("/email/check/")
    page.fill("#id_to", nurse.email)
    page.fill("#id_subject", "Camp inhaler")
    page.fill("#id_body", HEALTH_BODY)
    page.click("button:has-text('Check the email')")
    page.wait_for_load_state()
    assert "warn" in page.inner_text("#verdict")
    assert page.locator("#send-anyway").count() == 1
    axe(page)

    # No reason: nothing is recorded and the error summary says what to do (an HTTP 400 page).
    page.problems.expected_error_paths.add("/email/check/override/")
    page.click("button:has-text('Record my reason')")
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").count() == 1
    assert EmailOverride.objects.count() == 0
    axe(page)

    page.fill("textarea[name='justification']", REASON)
    page.click("button:has-text('Record my reason')")
    page.wait_for_load_state()
    assert "Your reason is recorded" in page.inner_text("h1")
    axe(page)
    override = EmailOverride.objects.get()
    assert override.justification == REASON
    assert override.user.username == "officer.warn"

    page.context.clear_cookies()
    sign_in(page, "dpo.warn", PASSWORD)
    page.goto("/oversight/overrides/")
    assert REASON in page.inner_text("table")
    axe(page)
