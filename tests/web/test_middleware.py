"""Security headers on every page: no caching once signed in, CSP with this response's nonce."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_signed_in_pages_are_not_stored(client, officer, service_user):
    client.force_login(officer)
    response = client.get(reverse("service-user-record", args=[service_user.pk]))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_api_responses_for_a_token_user_are_not_stored(client, officer):
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=officer)
    response = client.get("/api/me/", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert "no-store" in response["Cache-Control"]


def test_anonymous_api_error_is_left_alone(client):
    response = client.get("/api/me/")
    assert response.status_code == 401
    assert "no-store" not in response.get("Cache-Control", "")


def test_inline_script_carries_the_nonce_in_the_csp_header(client):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    nonce = re.search(r'<script nonce="([^"]+)">', response.content.decode()).group(1)
    assert f"'nonce-{nonce}'" in csp
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
