from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_only_administrators_see_units(client, officer, dpo):
    for user in (officer, dpo):
        client.force_login(user)
        assert client.get(reverse("unit-list")).status_code == 403


def test_units_list_counts_staff_and_service_users(client, administrator, officer, service_user):
    client.force_login(administrator)
    html = client.get(reverse("unit-list")).content.decode()
    assert service_user.unit.name in html
    assert ">1</td>" in html
