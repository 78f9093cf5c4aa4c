"""A letter end to end in a real browser: compose from the record, print, download, dispatch;
every page passes axe. Lives beside the other browser tests so that it shares their one
Playwright session (a second sync Playwright in the same run fails)."""

from __future__ import annotations

import pytest

from safehaven.correspondence.models import Letter
from tests.correspondence.conftest import child, mother  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct horse battery"


@pytest.mark.rule("LET-1")
@pytest.mark.rule("POST-3")
@pytest.mark.rule("POST-4")
def test_a_letter_from_compose_to_dispatch(page, axe, sign_in, officer, child, mother):  # noqa: F811
    sign_in(page, officer.username, PASSWORD)
    page.goto(f"/letters/new/?service_user={child.pk}")
    axe(page)
    page.check("#id_recipient")
    page.fill("#id_subject", "Reading support")
    page.fill("#id_template_text", "I am writing about $child_given_name's reading.")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert Letter.objects.exists(), page.url + page.inner_text("main")[:500]
    letter = Letter.objects.get()
    assert page.url.endswith(f"/letters/{letter.pk}/")
    axe(page)
    page.click("text=Print and check")
    page.wait_for_load_state()
    axe(page)
    assert page.locator("text=window check passed").count() == 1
    pdf = page.request.get(f"/letters/{letter.pk}/letter.pdf")
    assert pdf.status == 200
    assert pdf.body().startswith(b"%PDF")
    page.check("input[name=method][value=first_class]")
    page.fill("#id_lawful_basis_justification", "School keeping the parent informed")
    page.click("text=Record the dispatch")
    page.wait_for_load_state()
    axe(page)
    letter.refresh_from_db()
    assert letter.state == Letter.State.DISPATCHED
    assert letter.disclosure is not None
