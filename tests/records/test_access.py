"""Fetch-and-authorise: a user of school A gets "not found" for a child at school B, exactly as
for a child who does not exist; every permitted view is logged."""

from __future__ import annotations

import pytest

from safehaven.records.access import (
    NotFound,
    access_service_user,
    can_see_service_user,
    service_users_visible_to,
)
from safehaven.records.models import AccessLog
from safehaven.records.selectors import access_log_for_service_user
from tests.factories import ServiceUserFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_officer_sees_own_school_and_the_view_is_logged(officer, service_user):
    assert access_service_user(user=officer, pk=service_user.pk) == service_user
    log = AccessLog.objects.get()
    assert (log.user, log.service_user, log.action) == (officer, service_user, "view")
    assert list(access_log_for_service_user(service_user=service_user)) == [log]


def test_other_school_is_not_found_exactly_like_a_missing_record(officer, school_b):
    elsewhere = ServiceUserFactory(unit=school_b)
    with pytest.raises(NotFound) as forbidden:
        access_service_user(user=officer, pk=elsewhere.pk)
    with pytest.raises(NotFound) as missing:
        access_service_user(user=officer, pk=elsewhere.pk + 1000)
    assert str(forbidden.value) == str(missing.value)
    assert not AccessLog.objects.exists()
    assert not can_see_service_user(officer, elsewhere)


@pytest.mark.parametrize("pk", ["abc", None, "1; DROP TABLE x", -1])
def test_junk_ids_are_not_found(officer, pk):
    with pytest.raises(NotFound):
        access_service_user(user=officer, pk=pk)


@pytest.mark.parametrize("role", ["dpo", "administrator"])
def test_dpo_and_administrator_see_every_unit(role, school_a, school_b):
    a, b = ServiceUserFactory(unit=school_a), ServiceUserFactory(unit=school_b)
    user = UserFactory(role=role)
    assert user.sees_all
    assert set(service_users_visible_to(user)) == {a, b}


def test_authoriser_sees_only_their_units(authoriser, school_b, service_user):
    ServiceUserFactory(unit=school_b)
    assert list(service_users_visible_to(authoriser)) == [service_user]


def test_inactive_or_anonymous_users_see_nothing(officer, service_user):
    from django.contrib.auth.models import AnonymousUser

    assert not service_users_visible_to(AnonymousUser()).exists()
    officer.is_active = False
    assert not service_users_visible_to(officer).exists()
    with pytest.raises(NotFound):
        access_service_user(user=officer, pk=service_user.pk)


def test_visible_list_is_one_query(officer, school_a, django_assert_num_queries):
    for _ in range(5):
        ServiceUserFactory(unit=school_a)
    with django_assert_num_queries(1):
        assert len(list(service_users_visible_to(officer))) == 5
