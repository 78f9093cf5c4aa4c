"""Staff administration: administrators only, through the accounts services."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safehaven.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("role", ["officer", "authoriser", "dpo"])
def test_only_administrators_see_staff(client, role, request):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("staff-list")).status_code == 403
    assert client.get(reverse("staff-create")).status_code == 403


def test_administrator_lists_staff_with_roles_and_units(client, administrator, officer, school_a):
    client.force_login(administrator)
    html = client.get(reverse("staff-list")).content.decode()
    assert officer.username in html
    assert school_a.name in html
    assert "All units" in html  # the administrator's own row


def test_administrator_creates_an_authoriser(client, administrator, school_a):
    client.force_login(administrator)
    response = client.post(
        reverse("staff-create"),
        {
            "username": "tmanager",
            "first_name": "Tess",
            "last_name": "Manager",
            "role": "authoriser",
            "manager_title": "team",
            "units": [school_a.pk],
            "is_active": "on",
            "password": "a long enough passphrase",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="tmanager")
    assert user.is_authoriser
    assert user.check_password("a long enough passphrase")
    assert list(user.units.all()) == [school_a]


def test_authoriser_without_manager_title_is_refused_with_the_service_message(
    client, administrator, school_a
):
    client.force_login(administrator)
    response = client.post(
        reverse("staff-create"),
        {
            "username": "nomgr",
            "first_name": "No",
            "last_name": "Title",
            "role": "authoriser",
            "units": [school_a.pk],
            "password": "a long enough passphrase",
        },
    )
    html = response.content.decode()
    assert 'href="#id_manager_title"' in html
    assert "Team, Line or Service Manager" in html
    assert not User.objects.filter(username="nomgr").exists()


def test_weak_password_and_officer_without_unit_are_refused(client, administrator):
    client.force_login(administrator)
    html = client.post(
        reverse("staff-create"),
        {
            "username": "weak",
            "first_name": "Weak",
            "last_name": "Password",
            "role": "officer",
            "password": "short",
        },
    ).content.decode()
    assert "Select at least one school or team for an officer" in html
    assert not User.objects.filter(username="weak").exists()


def test_administrator_switches_an_account_off(client, administrator, officer, school_a):
    client.force_login(administrator)
    response = client.post(
        reverse("staff-edit", args=[officer.pk]),
        {
            "first_name": officer.first_name,
            "last_name": officer.last_name,
            "role": "officer",
            "units": [school_a.pk],
        },
    )
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.is_active is False


def test_administrator_cannot_switch_off_own_account(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("staff-edit", args=[administrator.pk]),
        {"first_name": "A", "last_name": "B", "role": "administrator"},
    )
    assert "You cannot switch off your own account" in response.content.decode()
    administrator.refresh_from_db()
    assert administrator.is_active
