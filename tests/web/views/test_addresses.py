"""Amending an address keeps the old one as history (LET-4); post that came back is flagged
(LET-2); only for service users the member of staff can see."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from safehaven.records.models import Address
from tests.factories import AddressFactory, ServiceUserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.rule("LET-4")
def test_officer_amends_the_address_and_the_old_one_becomes_history(client, officer, service_user):
    old = AddressFactory(service_user=service_user, valid_from=dt.date(2020, 1, 1))
    client.force_login(officer)
    response = client.post(
        reverse("address-new", args=[service_user.pk]),
        {
            "line_1": "7 Mill Lane",
            "town": "Shepshed",
            "postcode": "le12 9aa",
            "valid_from": "01/09/2026",
            "source": "parent",
            "verified": "on",
        },
    )
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.valid_to == dt.date(2026, 8, 31)
    current = Address.objects.get(service_user=service_user, valid_to__isnull=True)
    assert current.line_1 == "7 Mill Lane"
    assert current.postcode == "LE12 9AA"
    assert current.recorded_by == officer
    assert current.verified_by == officer
    html = client.get(reverse("service-user-record", args=[service_user.pk])).content.decode()
    assert "7 Mill Lane" in html
    assert old.line_1 in html


def test_bad_postcode_and_missing_line_are_named(client, officer, service_user):
    client.force_login(officer)
    html = client.post(
        reverse("address-new", args=[service_user.pk]),
        {"line_1": "", "postcode": "ZZ", "source": "staff"},
    ).content.decode()
    assert '<a href="#id_line_1">Enter the first line of the address</a>' in html
    assert not Address.objects.filter(service_user=service_user).exists()
    html = client.post(
        reverse("address-new", args=[service_user.pk]),
        {"line_1": "1 Road", "postcode": "ZZ", "source": "staff"},
    ).content.decode()
    assert '<a href="#id_postcode">The postcode is not valid' in html


def test_new_address_cannot_start_before_the_current_one(client, officer, service_user):
    AddressFactory(service_user=service_user, valid_from=dt.date(2025, 1, 1))
    client.force_login(officer)
    html = client.post(
        reverse("address-new", args=[service_user.pk]),
        {"line_1": "1 Road", "postcode": "LE1 1AA", "source": "staff", "valid_from": "1/1/2024"},
    ).content.decode()
    assert "The new address must start after the current one started" in html


@pytest.mark.rule("LET-2")
def test_post_came_back_then_checked(client, officer, service_user):
    address = AddressFactory(service_user=service_user)
    client.force_login(officer)
    client.post(reverse("address-mail-returned", args=[service_user.pk, address.pk]))
    address.refresh_from_db()
    assert address.mail_returned
    html = client.get(reverse("service-user-record", args=[service_user.pk])).content.decode()
    assert "Post to the current address came back" in html
    client.post(reverse("address-checked", args=[service_user.pk, address.pk]))
    address.refresh_from_db()
    assert not address.mail_returned
    assert address.verified_by == officer


def test_school_b_child_address_cannot_be_changed_from_school_a(client, officer, school_b):
    child_b = ServiceUserFactory(unit=school_b)
    address = AddressFactory(service_user=child_b)
    client.force_login(officer)
    assert client.get(reverse("address-new", args=[child_b.pk])).status_code == 404
    url = reverse("address-mail-returned", args=[child_b.pk, address.pk])
    assert client.post(url).status_code == 404
    address.refresh_from_db()
    assert not address.mail_returned


def test_an_address_of_another_child_is_not_found(client, officer, service_user, school_a):
    other = AddressFactory(service_user=ServiceUserFactory(unit=school_a))
    client.force_login(officer)
    url = reverse("address-checked", args=[service_user.pk, other.pk])
    assert client.post(url).status_code == 404


def test_address_actions_need_post(client, officer, service_user):
    address = AddressFactory(service_user=service_user)
    client.force_login(officer)
    url = reverse("address-mail-returned", args=[service_user.pk, address.pk])
    assert client.get(url).status_code == 405
