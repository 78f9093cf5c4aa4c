"""The telephone API enforces the same steps as the pages: a later step called directly is
refused with 409 and the rule, a failed check with 400, a request about a child at another
school is not found, and anonymous calls are refused."""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from safehaven.register.models import Disclosure
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

BASE = "/api/telephone-requests/"
CALL = {
    "caller_name": "Dr Priya Shah",
    "caller_number": "07911 123456",
    "caller_job_title": "School Nurse",
    "reason": "Health assessment for the school nursing team",
    "purpose": "health",
    "given_name": "Amelia",
    "family_name": "Whitworth",
    "date_of_birth": "2014-03-07",
}


def client_for(user) -> APIClient:
    token, _ = Token.objects.get_or_create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def logged(officer, partner, child):
    response = client_for(officer).post(BASE, {**CALL, "organisation": partner.pk}, format="json")
    assert response.status_code == 201, response.content
    return response.json()


@pytest.mark.rule("TEL-1")
def test_anonymous_calls_are_refused(db):
    response = APIClient().get(BASE)
    assert response.status_code in {401, 403}
    response = APIClient().post(BASE, CALL, format="json")
    assert response.status_code in {401, 403}


@pytest.mark.rule("TEL-1")
@pytest.mark.rule("TEL-9")
def test_skipping_to_return_the_call_is_refused_with_409(officer, logged):
    response = client_for(officer).post(
        f"{BASE}{logged['id']}/return-call/",
        {"spoke_to_name": "Dr Priya Shah", "called_switchboard": True,
         "disclosed_summary": "Attendance is 92%."},
        format="json",
    )  # fmt: skip
    assert response.status_code == 409
    assert response.json()["rule"] == "TEL-8"
    assert Disclosure.objects.count() == 0


@pytest.mark.rule("TEL-6")
def test_skipping_to_the_managers_decision_is_refused(authoriser, logged):
    response = client_for(authoriser).post(
        f"{BASE}{logged['id']}/decide/", {"approve": True}, format="json"
    )
    assert response.status_code in {404, 409}


@pytest.mark.rule("TEL-5")
def test_a_mobile_callback_is_refused_with_the_rule(officer, logged, child):
    api = client_for(officer)
    identified = api.post(
        f"{BASE}{logged['id']}/identify/", {"service_user": child.pk}, format="json"
    )
    assert identified.status_code == 200, identified.content
    response = api.post(
        f"{BASE}{logged['id']}/callback/", {"number": "07911 123456"}, format="json"
    )
    assert response.status_code == 400
    body = response.json()
    assert body["rule"] == "TEL-5"
    assert "mobile" in body["detail"]


def test_a_request_is_not_found_from_another_school(officer, logged, child, school_b):
    api = client_for(officer)
    api.post(f"{BASE}{logged['id']}/identify/", {"service_user": child.pk}, format="json")
    stranger = UserFactory(role="authoriser", manager_title="team", units=[school_b])
    response = client_for(stranger).get(f"{BASE}{logged['id']}/")
    assert response.status_code == 404
    response = client_for(stranger).post(
        f"{BASE}{logged['id']}/decide/", {"approve": True}, format="json"
    )
    assert response.status_code == 404


@pytest.mark.rule("TEL-3")
def test_identifying_a_child_the_officer_cannot_see_gives_the_same_answer_as_a_mismatch(
    officer, logged, school_b
):
    from tests.factories import ServiceUserFactory

    hidden = ServiceUserFactory(unit=school_b)
    response = client_for(officer).post(
        f"{BASE}{logged['id']}/identify/", {"service_user": hidden.pk}, format="json"
    )
    assert response.status_code == 400
    assert response.json()["rule"] == "TEL-3"


@pytest.mark.rule("TEL-6")
@pytest.mark.rule("TEL-9")
def test_the_whole_request_through_the_api(officer, authoriser, logged, child, partner):
    api = client_for(officer)
    url = f"{BASE}{logged['id']}/"
    assert api.post(f"{url}identify/", {"service_user": child.pk}, format="json").status_code == 200
    board = partner.main_switchboard.pk
    assert api.post(f"{url}callback/", {"switchboard": board}, format="json").status_code == 200
    step = api.post(f"{url}consent/", {"lawful_basis": "consent"}, format="json")
    assert step.json()["state"] == "awaiting_authorisation"
    own = api.post(f"{url}decide/", {"approve": True}, format="json")
    assert own.status_code == 400  # an officer cannot authorise, least of all their own request
    decided = client_for(authoriser).post(
        f"{url}decide/", {"approve": True, "note": "Fine"}, format="json"
    )
    assert decided.json()["state"] == "authorised"
    done = api.post(
        f"{url}return-call/",
        {"spoke_to_name": "Dr Priya Shah", "called_switchboard": True,
         "disclosed_summary": "Attendance this term is 92%."},
        format="json",
    )  # fmt: skip
    assert done.status_code == 200
    assert done.json()["state"] == "disclosed"
    entry = Disclosure.objects.get()
    assert entry.authorised_by == authoriser
    assert done.json()["disclosure"] == entry.pk


def test_bad_fields_get_a_400_naming_them(officer, partner):
    response = client_for(officer).post(
        BASE, {**CALL, "date_of_birth": "31/02/2014", "organisation": partner.pk}, format="json"
    )
    assert response.status_code == 400
    assert "date_of_birth" in response.json()
