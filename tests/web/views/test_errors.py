"""Error pages: plain English for people, JSON under /api/."""

from __future__ import annotations

import pytest
from django.test import Client, RequestFactory

from safehaven.web.views import errors

pytestmark = pytest.mark.django_db


def test_404_page_is_plain_english_in_the_shell(client, officer):
    client.force_login(officer)
    response = client.get("/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert "govuk-generic-header" in html


def test_403_page_explains_the_role(client, officer):
    client.force_login(officer)
    response = client.get("/staff/")
    assert response.status_code == 403
    assert "You cannot see this page" in response.content.decode()


def test_500_page_renders_without_a_request_context():
    request = RequestFactory().get("/")
    response = errors.server_error(request)
    html = response.content.decode()
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in html
    assert "nonce=" not in html  # no nonce without a request, so no inline script


def test_500_under_api_is_json():
    response = errors.server_error(RequestFactory().get("/api/me/"))
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"


def test_unhandled_exception_gives_the_500_page_not_a_traceback(officer, monkeypatch):
    from safehaven.web.views import home

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(home, "service_users_visible_to", broken)
    client = Client(raise_request_exception=False)
    client.force_login(officer)
    response = client.get("/")
    assert response.status_code == 500
    assert "Traceback" not in response.content.decode()
    assert "boom" not in response.content.decode()
