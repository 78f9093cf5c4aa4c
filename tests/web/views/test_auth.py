"""Sign in and out, the session-timeout notice, CSRF and throttling."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from safehaven.web.views.auth import SIGNED_IN_COOKIE

PASSWORD = "correct horse battery"


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_sign_in_with_next(client):
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next=/"


def test_sign_in_page_uses_govuk_form_and_generic_header(client, db):
    response = client.get(reverse("login"))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="govuk-generic-header"' in html
    assert "govuk-header__logotype" not in html  # no GOV.UK logotype or crown
    assert "govuk-footer__crown" not in html
    assert 'autocomplete="username"' in html
    assert 'autocomplete="current-password"' in html


def test_wrong_password_shows_error_summary_and_field_link(client, officer):
    response = client.post(reverse("login"), {"username": officer.username, "password": "nope"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "Enter a correct username and password" in html
    assert '<a href="#id_username">' in html
    assert "<title>Error: Sign in" in html


def test_empty_form_names_each_missing_field(client, db):
    response = client.post(reverse("login"), {"username": "", "password": ""})
    html = response.content.decode()
    assert "Enter your username" in html
    assert "Enter your password" in html
    assert 'aria-describedby=" id_username-error"' in html or "id_username-error" in html


def test_sign_in_goes_home_and_sets_signed_in_marker(client, officer):
    response = client.post(reverse("login"), {"username": officer.username, "password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert response.cookies[SIGNED_IN_COOKIE].value == "1"
    assert response.cookies[SIGNED_IN_COOKIE]["httponly"]


def test_sign_in_follows_safe_next_but_not_an_external_one(client, officer):
    data = {"username": officer.username, "password": PASSWORD}
    response = client.post(reverse("login") + "?next=/organisations/", data)
    assert response["Location"] == "/organisations/"
    client.logout()
    response = client.post(reverse("login") + "?next=https://evil.example/", data)
    assert response["Location"] == reverse("home")


def test_sign_out_needs_post_and_clears_marker(client, officer):
    client.force_login(officer)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert response.cookies[SIGNED_IN_COOKIE].value == ""
    assert client.get(reverse("home")).status_code == 302


def test_expired_session_shows_timeout_notice_once(client, db):
    """The marker cookie without a session means the session timed out."""
    client.cookies[SIGNED_IN_COOKIE] = "1"
    response = client.get(reverse("login"))
    assert "You were signed out because you did nothing for 30 minutes" in response.content.decode()
    assert response.cookies[SIGNED_IN_COOKIE].value == ""
    response = client.get(reverse("login"))
    assert "You were signed out" not in response.content.decode()


def test_plain_visit_to_sign_in_shows_no_timeout_notice(client, db):
    assert "You were signed out" not in client.get(reverse("login")).content.decode()


def test_sign_in_form_is_refused_without_csrf_token(officer):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": officer.username, "password": PASSWORD})
    assert response.status_code == 403
    assert "The form had expired" in response.content.decode()


def test_sign_out_is_refused_without_csrf_token(officer):
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    assert client.post(reverse("logout")).status_code == 403
    assert client.get(reverse("home")).status_code == 200


def test_session_expires_after_thirty_idle_minutes(settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_SAVE_EVERY_REQUEST is True


@pytest.mark.django_db
def test_five_wrong_passwords_lock_the_account_out(client, officer, settings):
    settings.AXES_ENABLED = True
    for _ in range(5):
        client.post(reverse("login"), {"username": officer.username, "password": "wrong"})
    response = client.post(reverse("login"), {"username": officer.username, "password": PASSWORD})
    assert response.status_code == 429
    assert "Too many attempts to sign in" in response.content.decode()
