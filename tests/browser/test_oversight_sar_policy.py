"""Subject access requests and policy settings in a real Chromium: the DPO logs a request
(error summary first), links the record, pauses and restarts the clock, downloads the bundle
and records the response; then changes the policy (error summary first), sees the new version
in the history and rolls back. Every page passes axe and the browser reports no error."""

from __future__ import annotations

import pytest

from safehaven.oversight.models import PolicyVersion, SubjectAccessRequest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


def _submit(page) -> None:
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def test_the_dpo_handles_a_subject_access_request(page, axe, sign_in, dpo, service_user):
    sign_in(page, dpo.username, PASSWORD)
    page.goto("/oversight/")
    axe(page)
    page.click("main a:has-text('Subject access requests')")
    page.wait_for_load_state()
    axe(page)
    page.click("main a:has-text('Log a subject access request')")
    page.wait_for_load_state()
    axe(page)
    page.fill("#id_received_on", "")
    _submit(page)
    assert page.locator(".govuk-error-summary").is_visible()
    assert "Enter the date the request was received" in page.inner_text(".govuk-error-summary")
    axe(page)
    page.fill("#id_received_on", page.evaluate(
        "(() => { const d = new Date(); return String(d.getDate()).padStart(2, '0') + '/' + "
        "String(d.getMonth() + 1).padStart(2, '0') + '/' + d.getFullYear(); })()"))  # fmt: skip
    page.fill("#id_requester_name", "Sam Parent")
    page.select_option("#id_requester_kind", "parent")
    page.select_option("#id_identity_needed", "yes")
    _submit(page)
    sar = SubjectAccessRequest.objects.get()
    assert page.url.endswith(f"/oversight/sars/{sar.pk}/")
    assert "Not started: waiting for proof of identity" in page.inner_text("#clock")
    axe(page)

    page.click("main a:has-text('Record the answer')")
    page.wait_for_load_state()
    _submit(page)  # no evidence of identity given
    assert "what proof of identity was seen" in page.inner_text(".govuk-error-summary")
    axe(page)
    page.fill("#id_evidence", "Passport seen at reception")
    _submit(page)
    assert "left" in page.inner_text("#clock")

    page.click("main a:has-text('Link the record')")
    page.wait_for_load_state()
    axe(page)
    page.fill("#id_reference", service_user.reference)
    _submit(page)
    with page.expect_download() as download:
        page.click("main a:has-text('Download the bundle (PDF)')")
    assert download.value.suggested_filename == f"{sar.short_reference}-bundle.pdf"

    page.click("main a:has-text('Record the response')")
    page.wait_for_load_state()
    axe(page)
    _submit(page)
    assert "Answered on time" in page.inner_text("#clock")
    axe(page)
    sar.refresh_from_db()
    assert sar.state == SubjectAccessRequest.State.COMPLETED
    assert list(sar.events.values_list("action", flat=True)) == [
        "received", "resumed_identity", "linked", "completed",
    ]  # fmt: skip


def test_the_dpo_changes_the_policy_and_rolls_it_back(page, axe, sign_in, dpo):
    sign_in(page, dpo.username, PASSWORD)
    page.goto("/oversight/policy/")
    axe(page)
    page.click("main a:has-text('Change the policy')")
    page.wait_for_load_state()
    axe(page)
    page.fill("#id_validity__consent_months", "600")
    _submit(page)  # no reason given
    assert "Say why the policy is changing" in page.inner_text(".govuk-error-summary")
    axe(page)
    page.fill("#id_reason", "Shorter consent")
    _submit(page)
    assert "must be between 1 and 60" in page.inner_text(".govuk-error-summary")
    page.fill("#id_validity__consent_months", "6")
    page.select_option("#id_channels__fax", "on")
    page.fill("#id_reason", "The health centre still only takes faxes")
    _submit(page)
    assert "Version 1 is in force" in page.inner_text("#policy-in-force")
    page.goto("/oversight/policy/edit/")
    page.fill("#id_validity__consent_months", "12")
    page.fill("#id_reason", "Back to a year")
    _submit(page)
    page.click("main a:has-text('History of versions')")
    page.wait_for_load_state()
    axe(page)
    page.click("main a:has-text('Version 1')")
    page.wait_for_load_state()
    assert "validity.consent_months" in page.inner_text("#diff")
    axe(page)
    page.fill("#id_reason", "Six months was right after all")
    page.click("main button:has-text('Go back to version 1')")
    page.wait_for_load_state()
    assert "Version 3 is in force" in page.inner_text("#policy-in-force")
    axe(page)
    assert PolicyVersion.objects.get(number=3).restored_from == 1
