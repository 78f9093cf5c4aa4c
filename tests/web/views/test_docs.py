from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_api_documentation_page_links_the_schema(client, officer):
    client.force_login(officer)
    html = client.get(reverse("api-docs")).content.decode()
    assert reverse("api-schema") in html
    assert "Authorization: Token" in html


def test_api_documentation_needs_sign_in(client):
    assert client.get(reverse("api-docs")).status_code == 302
