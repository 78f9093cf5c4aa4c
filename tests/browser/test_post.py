"""Letters and post end to end in a real browser (issue 5): a letter to a professional is
composed, printed with the read-back window check and dispatched; an incoming item is logged,
goes to triage because it is sensitive, a manager routes it, and the worker sees the notice
and marks it actioned. Every page passes axe."""

from __future__ import annotations

import pytest

from safehaven.correspondence.models import IncomingPost, Letter
from tests.correspondence.conftest import child  # noqa: F401
from tests.factories import OrganisationFactory, ProfessionalContactFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery"


def _submit(page, text: str) -> None:
    page.click(f"main button:has-text('{text}')")
    page.wait_for_load_state()


@pytest.mark.rule("LET-1")
@pytest.mark.rule("LET-3")
@pytest.mark.rule("POST-1")
@pytest.mark.rule("POST-3")
@pytest.mark.rule("POST-4")
def test_letter_to_a_professional_and_incoming_post_through_triage(
    page,
    axe,
    sign_in,
    officer,
    authoriser,
    child,  # noqa: F811
):
    org = OrganisationFactory(
        name="Charnwood School Nursing Team", line_1="Loughborough Hospital",
        town="Loughborough", postcode="LE11 5JY",
    )  # fmt: skip
    nurse = ProfessionalContactFactory(organisation=org, name="Priya Shah")

    # A letter: compose, print with the read-back check, dispatch.
    sign_in(page, officer.username, PASSWORD)
    page.goto(f"/letters/new/?service_user={child.pk}")
    axe(page)
    page.select_option("#id_contact", str(nurse.pk))
    page.fill("#id_subject", "Health plan review")
    page.fill("#id_template_text", "I am writing about $child_given_name's health plan.")
    _submit(page, "Check the address and save")
    letter = Letter.objects.get()
    assert page.url.endswith(f"/letters/{letter.pk}/"), page.inner_text("main")[:500]
    axe(page)
    _submit(page, "Print and check")
    axe(page)
    assert page.locator("text=window check passed").count() == 1
    page.check("input[name=method][value=special_delivery]")
    page.fill("#id_tracking_number", "AB123456789GB")
    page.fill("#id_lawful_basis_justification", "Health plan review with the school nurse")
    _submit(page, "Record the dispatch")
    axe(page)
    letter.refresh_from_db()
    assert letter.state == Letter.State.DISPATCHED
    assert letter.printed_name == "Priya Shah"
    assert letter.disclosure.recipient_contact == nurse

    # Incoming post: logged (server time), sensitive, so it waits for triage.
    page.goto("/post/new/")
    axe(page)
    page.fill("#id_sender_organisation", "Leicestershire Children's Social Care")
    page.fill("#id_subject", "Child protection conference minutes")
    page.fill("#id_child_name", "Amelia Whitworth")
    page.fill("#id_dob_day", "7")
    page.fill("#id_dob_month", "3")
    page.fill("#id_dob_year", "2014")
    _submit(page, "Log and route")
    item = IncomingPost.objects.get()
    assert item.state == IncomingPost.State.TRIAGE
    assert page.url.endswith(f"/post/{item.pk}/")
    assert page.locator("text=This item needs a person to decide where it goes.").count() == 1
    axe(page)

    # A manager of the school routes it to the officer, saying why.
    page.context.clear_cookies()
    sign_in(page, authoriser.username, PASSWORD)
    page.goto("/post/triage/")
    axe(page)
    page.click(f"a[href='/post/{item.pk}/']")
    page.wait_for_load_state()
    axe(page)
    page.check(f"input[name=service_user][value='{child.pk}']")
    page.select_option("#id_worker", str(officer.pk))
    page.fill("#id_reason", "Conference minutes for the school's lead")
    _submit(page, "Route it")
    axe(page)
    item.refresh_from_db()
    assert item.state == IncomingPost.State.ROUTED
    assert item.routed_to == officer
    assert item.routings.last().by == authoriser

    # The officer sees the notice in the navigation and deals with it.
    page.context.clear_cookies()
    sign_in(page, officer.username, PASSWORD)
    page.goto("/post/")
    assert page.locator("text=Post (1 new)").count() >= 1
    axe(page)
    page.click(f"main a[href='/post/{item.pk}/']")
    page.wait_for_load_state()
    page.fill("#id_note", "Filed and actions noted")
    _submit(page, "Mark as actioned")
    axe(page)
    item.refresh_from_db()
    assert item.state == IncomingPost.State.ACTIONED
