"""The step pages: each shows only when its step is open, puts a failed check on the form with
its rule, and a request about a child at another school is not found."""

from __future__ import annotations

import pytest

from safehaven.telephone.models import TelephoneRequest
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "correct horse battery"


def test_pages_need_a_signed_in_user(client, log_call):
    tel = log_call()
    response = client.get(f"/telephone/{tel.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


def test_a_later_step_page_sends_the_officer_back_to_the_open_step(client, officer, log_call):
    tel = log_call()
    client.force_login(officer)
    response = client.get(f"/telephone/{tel.pk}/return-call/")
    assert response.status_code == 302
    assert response["Location"] == f"/telephone/{tel.pk}/identify/"
    response = client.post(
        f"/telephone/{tel.pk}/return-call/",
        {"called_switchboard": "on", "spoke_to_name": "Dr Priya Shah", "disclosed_summary": "x"},
    )
    assert response.status_code == 302
    tel.refresh_from_db()
    assert tel.state == TelephoneRequest.State.LOGGED


@pytest.mark.rule("TEL-5")
def test_a_refused_callback_number_is_shown_with_its_rule(client, officer, log_call, walk):
    tel = walk(log_call(), "callback")
    client.force_login(officer)
    response = client.post(f"/telephone/{tel.pk}/callback/", {"number": "07911 123456"})
    assert response.status_code == 200
    assert "is a mobile number" in response.content.decode()
    assert "(TEL-5)" in response.content.decode()


def test_the_stop_page_keeps_the_rule_it_was_opened_with(client, officer, log_call, walk):
    tel = walk(log_call(), "consent")
    client.force_login(officer)
    page = client.get(f"/telephone/{tel.pk}/stop/?rule=TEL-7&reason=No+consent")
    assert page.status_code == 200
    assert 'value="TEL-7"' in page.content.decode()
    client.post(f"/telephone/{tel.pk}/stop/", {"rule": "TEL-7", "reason": "No consent"})
    tel.refresh_from_db()
    assert tel.state == TelephoneRequest.State.REFUSED
    assert tel.refusal_rule == "TEL-7"


def test_a_request_about_a_child_at_another_school_is_not_found(client, log_call, walk, school_b):
    tel = walk(log_call(), "callback")
    client.force_login(UserFactory(role="authoriser", manager_title="team", units=[school_b]))
    assert client.get(f"/telephone/{tel.pk}/").status_code == 404
    assert client.get(f"/telephone/{tel.pk}/authorise/").status_code == 404


def test_the_log_form_names_what_is_missing(client, officer):
    client.force_login(officer)
    response = client.post("/telephone/new/", {"caller_name": "Dr Priya Shah"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in body
    assert "Enter the child&#x27;s date of birth" in body
    assert TelephoneRequest.objects.count() == 0
