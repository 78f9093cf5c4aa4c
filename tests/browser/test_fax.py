"""A fax to a number that is not a safe haven, through every step in a real browser, and an
incoming fax with a missing page: every page passes axe."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from safehaven.core.fax import CoverSheet, merge_pdfs, render_cover_sheet
from safehaven.fax import services
from safehaven.fax.models import FaxJob, IncomingFax
from safehaven.register.models import Disclosure
from tests.factories import (
    ConsentFactory,
    FaxNumberFactory,
    OrganisationFactory,
    ServiceUserFactory,
)
from tests.fax.conftest import blank_pdf

PASSWORD = "correct horse battery"


@pytest.fixture
def fax_world(tmp_path, settings, dpo, officer, school_a):
    dirs = {name: tmp_path / name for name in ("outbox", "confirmations", "inbox")}
    settings.SAFEHAVEN_FAX = {
        "DRIVER": "outbox", **{f"{k.upper()}_DIR": str(v) for k, v in dirs.items()},
    }  # fmt: skip
    services.fax_policy_set(user=dpo, enabled=True, reason="Partner receives faxes only",
                            sender_phone="0116 496 0001")  # fmt: skip
    partner = OrganisationFactory(name="Charnwood Health Centre")
    number = FaxNumberFactory(organisation=partner, number="+441164960888", department="Open")
    services.safe_haven_assess(
        fax_number=number, recorded_by=officer, answered_by_name="Jo Reception",
        secure_office=False, shared_departments=True, designated_collectors=False,
        written_policy=False,
    )  # fmt: skip
    child = ServiceUserFactory(unit=school_a, given_name="Amelia", family_name="Whitworth")
    ConsentFactory(service_user=child, recipient_organisation=partner, purpose="health")
    document = tmp_path / "report.pdf"
    document.write_bytes(blank_pdf(2))
    return {"dirs": dirs, "partner": partner, "child": child, "document": document}


def test_send_to_a_non_safe_haven_and_receive_a_fax_with_a_missing_page(
    page, axe, sign_in, officer, fax_world
):
    sign_in(page, officer.username, PASSWORD)
    page.goto("/fax/")
    axe(page)
    page.goto(f"/fax/new/{fax_world['child'].pk}/")
    axe(page)
    page.fill("#id_recipient_name", "Dr Priya Shah")
    page.select_option("#id_recipient_organisation", str(fax_world["partner"].pk))
    page.fill("#id_reason", "Health assessment requested by the school nurse")
    page.fill("#id_summary", "Medical needs summary")
    page.select_option("#id_lawful_basis", "consent")
    page.set_input_files("#id_document", str(fax_world["document"]))
    page.click("main button[type=submit]")

    # FAX-5: keyed twice; a mismatch is refused with the error summary.
    page.wait_for_url("**/number/")
    page.fill("#id_number", "0116 496 0888")
    page.fill("#id_number_again", "0116 496 0889")
    page.click("main button[type=submit]")
    assert "do not match" in page.inner_text(".govuk-error-summary")
    axe(page)
    page.fill("#id_number_again", "0116 496 0888")
    page.click("main button[type=submit]")

    # FAX-4: not a safe haven, so the warning call must be recorded.
    page.wait_for_url("**/safe-haven/")
    assert "Not a safe haven" in page.inner_text("main")
    axe(page)
    page.click("main button[type=submit]")
    assert "(FAX-4)" in page.inner_text(".govuk-error-summary")
    page.check("#id_warning_call_made")
    page.fill("#id_warning_call_spoke_to", "Dr Priya Shah")
    page.click("main button[type=submit]")

    # FAX-8: the number is shown back and typed again.
    page.wait_for_url("**/send/")
    assert "0116 496 0888" in page.inner_text(".govuk-panel")
    axe(page)
    page.fill("#id_number_checked", "0116 496 0888")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "waiting for the machine" in page.inner_text("main")
    axe(page)

    job = FaxJob.objects.get()
    assert Disclosure.objects.filter(correlation_id=job.correlation_id).count() == 1
    # FAX-11: the machine reports success through the confirmations folder.
    reference = job.attempts.get().driver_reference
    folder = fax_world["dirs"]["confirmations"]
    folder.mkdir()
    (folder / f"{reference}.json").write_text(json.dumps({"reference": reference, "status": "ok"}))
    services.fax_poll()
    page.reload()
    page.fill("#id_confirmed_by_name", "Dr Priya Shah")
    page.click("form[action$='/receipt/'] button")
    page.wait_for_load_state()
    assert "Confirmed by Dr Priya Shah" in page.inner_text("main")
    axe(page)

    # FAX-12, FAX-14: a fax for this officer arrives with one page of three missing.
    cover = render_cover_sheet(CoverSheet(
        recipient_name=officer.get_full_name(), recipient_fax="0116 496 0001",
        sender_name="Dr Shah", sender_organisation="Charnwood Health Centre",
        sender_phone="0116 496 0100", date=dt.date(2026, 11, 25), total_pages=3,
        reference="THEIRS-1",
    ))  # fmt: skip
    inbox = fax_world["dirs"]["inbox"]
    inbox.mkdir()
    (inbox / "incoming-1.pdf").write_bytes(merge_pdfs(cover, blank_pdf(1)))
    services.fax_poll()
    page.goto("/")
    assert "Fax (1 waiting)" in page.inner_text(".govuk-service-navigation")
    page.goto("/fax/")
    assert "Pages: missing" in page.inner_text("#incoming ~ table")
    axe(page)
    page.click("#incoming ~ table a")
    assert "1 page(s) missing" in page.inner_text(".govuk-warning-text")
    axe(page)
    page.select_option("#id_legible", "yes")
    page.click("main button[type=submit]")
    assert "(FAX-14)" in page.inner_text(".govuk-error-summary")
    axe(page)
    page.fill("#id_note", "Asked Dr Shah to resend page 3")
    page.click("main button[type=submit]")
    page.wait_for_url("**/fax/")
    assert IncomingFax.objects.get().state == IncomingFax.State.RESEND_REQUESTED
