"""A breach in a real Chromium: an officer reports it, the DPO records the facts and the
decision; every page passes axe and the browser reports no error. The DPO's dashboard and
near-miss page (with an inline SVG chart) pass axe too."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.utils import timezone

from safehaven.oversight.models import Breach, NearMiss
from safehaven.oversight.services import near_miss_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery"


def test_an_officer_reports_a_breach_and_the_dpo_records_the_decision(
    page, axe, sign_in, officer, dpo
):
    sign_in(page, officer.username, PASSWORD)
    page.click("text=Report a breach")
    page.wait_for_load_state()
    axe(page)
    page.click("main a:has-text('Report a breach')")
    page.wait_for_load_state()
    axe(page)
    # An empty form shows the error summary.
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    axe(page)
    page.select_option("#id_category", "email_wrong_recipient")
    page.fill("#id_description", "I emailed a report card to the wrong parent (J.S.).")
    page.fill("#id_people_affected", "1")
    page.fill("#id_measures_taken", "Asked the parent to delete it.")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    breach = Breach.objects.get()
    assert page.url.endswith(f"/oversight/breaches/{breach.pk}/")
    clock = page.locator("#clock").inner_text()
    assert "hours" in clock
    assert "left" in clock
    assert page.get_by_text("Record the decision").count() == 0
    axe(page)

    page.context.clear_cookies()
    sign_in(page, dpo.username, PASSWORD)
    page.goto("/oversight/")
    axe(page)
    page.get_by_role("link", name=re.compile(f"breach {breach.short_reference}")).click()
    page.wait_for_load_state()
    page.click("main a:has-text('Record the facts')")
    page.wait_for_load_state()
    axe(page)
    page.fill("#id_nature", "A report card was emailed to another parent.")
    page.fill("#id_records_affected", "1")
    page.fill("#id_likely_consequences", "Another family learns one child's attainment.")
    page.fill("#id_measures_proposed", "Check the address book before sending.")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    page.click("main a:has-text('Record the decision')")
    page.wait_for_load_state()
    axe(page)
    page.select_option("#id_report_to_ico", "no")
    page.fill("#id_report_to_ico_reason", "Unlikely to result in a risk: deleted within minutes.")
    page.select_option("#id_tell_people", "no")
    page.fill("#id_tell_people_reason", "No risk to the child or family.")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("#clock").inner_text().count("Decided within 72 hours") == 1
    axe(page)
    breach.refresh_from_db()
    assert breach.state == Breach.State.DECIDED
    assert breach.decided_by == dpo
    assert list(breach.events.values_list("action", flat=True)) == [
        "reported",
        "facts",
        "decided",
    ]


def test_the_near_miss_page_and_dashboard_chart_pass_axe(page, axe, sign_in, dpo, service_user):
    near_miss_record(
        channel="telephone", kind=NearMiss.Kind.REFUSED_REQUEST, rule="TEL-5",
        summary="Telephone request stopped (TEL-5)", service_user=service_user,
    )  # fmt: skip
    sign_in(page, dpo.username, PASSWORD)
    page.goto("/oversight/near-misses/")
    assert "1 near miss" in page.inner_text("main")
    axe(page)
    page.goto("/oversight/")
    assert page.locator("main svg[role=img]").count() >= 1
    axe(page)


def test_the_dpo_records_the_report_to_the_ico_in_the_browser(page, axe, sign_in, officer, dpo):
    from safehaven.oversight import services

    breach = services.breach_report(
        user=officer, category="failure_to_redact", description="A sibling's name left in."
    )
    services.breach_aware_change(
        breach=breach, user=dpo, aware_at=breach.reported_at - dt.timedelta(hours=1),
        reason="Noticed an hour before the report",
    )  # fmt: skip
    services.breach_facts_record(
        breach=breach, user=dpo, nature="Unredacted report", people_affected=2,
        records_affected=1, likely_consequences="Distress", measures_taken="Recalled",
    )  # fmt: skip
    services.breach_decide(
        breach=breach, user=dpo, report_to_ico=True, report_to_ico_reason="Risk to a child",
        tell_people=True, tell_people_reason="High risk: the family must know",
    )  # fmt: skip
    sign_in(page, dpo.username, PASSWORD)
    page.goto(f"/oversight/breaches/{breach.pk}/")
    assert "left" in page.locator("#clock").inner_text()
    page.click("main a:has-text('Record the report to the ICO')")
    page.wait_for_load_state()
    axe(page)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.locator(".govuk-error-summary").is_visible()
    axe(page)
    # Date and time from one moment: in the first minute after midnight, today's date with the
    # time a minute ago would be a report made in the future.
    reported = timezone.localtime() - dt.timedelta(minutes=1)
    page.fill("#id_reported_date", reported.strftime("%d/%m/%Y"))
    page.fill("#id_reported_time", reported.strftime("%H:%M"))
    page.fill("#id_ico_reference", "IC-0001")
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert "Reported to the ICO within 72 hours" in page.locator("#clock").inner_text()
    axe(page)
