"""The fax API enforces the same steps as the pages: a later step called directly answers 409
with the rule, a failed check 400, another school's job 404, anonymous 401/403."""

from __future__ import annotations

import base64

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from safehaven.fax.models import FaxJob
from safehaven.register.models import Disclosure
from tests.factories import UserFactory
from tests.fax.conftest import blank_pdf

pytestmark = pytest.mark.django_db
BASE = "/api/fax-jobs/"


def client_for(user) -> APIClient:
    token, _ = Token.objects.get_or_create(user=user)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def body(child, partner):
    return {
        "service_user": child.pk,
        "recipient_name": "Dr Priya Shah",
        "recipient_organisation": partner.pk,
        "reason": "Health assessment",
        "summary": "Medical needs summary",
        "lawful_basis": "consent",
        "document_pdf_base64": base64.b64encode(blank_pdf(1)).decode(),
    }


@pytest.fixture
def created(officer, body, fax_on):
    response = client_for(officer).post(BASE, body, format="json")
    assert response.status_code == 201, response.content
    return response.json()


@pytest.mark.rule("FAX-1")
def test_fax_off_answers_400_with_the_rule(officer, body, fax_dirs):
    response = client_for(officer).post(BASE, body, format="json")
    assert response.status_code == 400
    assert response.json()["rule"] == "FAX-1"


def test_anonymous_is_refused(db):
    assert APIClient().get(BASE).status_code in {401, 403}


@pytest.mark.rule("FAX-8")
def test_sending_before_the_number_and_safe_haven_steps_is_409(officer, created):
    response = client_for(officer).post(
        f"{BASE}{created['id']}/send/", {"number_checked": "0116 496 0999"}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["rule"] == "FAX-8"
    assert Disclosure.objects.count() == 0


@pytest.mark.rule("FAX-4")
def test_skipping_the_warning_call_is_400_then_the_full_flow_works(
    officer, created, unsafe_number, fax_dirs
):
    client = client_for(officer)
    url = f"{BASE}{created['id']}/"
    r = client.post(url + "number/", {"number": "01164960888"}, format="json")
    assert r.status_code == 400
    assert r.json()["rule"] == "FAX-5"
    r = client.post(
        url + "number/", {"number": "01164960888", "number_again": "01164960888"}, format="json"
    )
    assert r.status_code == 200, r.content
    r = client.post(url + "safe-haven/", {"receipt_requested_from": "Dr Shah"}, format="json")
    assert r.status_code == 400
    assert r.json()["rule"] == "FAX-4"
    r = client.post(url + "receipt/", {"confirmed_by_name": "Dr Shah"}, format="json")
    assert r.status_code == 409
    r = client.post(
        url + "safe-haven/",
        {"receipt_requested_from": "Dr Shah", "warning_call_made": True,
         "warning_call_spoke_to": "Dr Priya Shah"},
        format="json",
    )  # fmt: skip
    assert r.status_code == 200, r.content
    r = client.post(url + "send/", {"number_checked": "0116 496 0888"}, format="json")
    assert r.status_code == 200, r.content
    assert r.json()["state"] == "sent"
    assert r.json()["disclosure"] is not None


def test_another_schools_officer_gets_404(created, school_b):
    stranger = UserFactory(role="officer", units=[school_b])
    assert client_for(stranger).get(f"{BASE}{created['id']}/").status_code == 404
    assert client_for(stranger).post(f"{BASE}{created['id']}/stop/", {"reason": "x"},
                                     format="json").status_code == 404  # fmt: skip


def test_bad_base64_and_bad_pdf_are_400_not_500(officer, body, fax_on):
    client = client_for(officer)
    r = client.post(BASE, {**body, "document_pdf_base64": "***"}, format="json")
    assert r.status_code == 400
    assert "base64" in str(r.json())
    r = client.post(
        BASE, {**body, "document_pdf_base64": base64.b64encode(b"nope").decode()}, format="json"
    )
    assert r.status_code == 400
    assert "PDF" in r.json()["detail"]
    assert FaxJob.objects.count() == 0
