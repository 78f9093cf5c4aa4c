"""Roles: who authorises (TEL-6) and who sees every unit."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from safehaven.accounts.models import User
from safehaven.accounts.selectors import authorisers_for
from safehaven.accounts.services import AccountsError, user_create, user_update
from tests.factories import UnitFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.rule("TEL-6")
def test_only_managers_are_authorisers():
    manager = UserFactory(role="authoriser", manager_title="line")
    assert manager.is_authoriser
    assert manager.display_role == "Line Manager"
    assert not UserFactory(role="officer").is_authoriser
    assert not UserFactory(role="dpo").is_authoriser


def test_manager_title_only_for_authorisers_in_the_database():
    with pytest.raises(IntegrityError):
        User.objects.create(username="x", role="officer", manager_title="team")


def test_user_create_checks_role_title_and_password():
    unit = UnitFactory()
    with pytest.raises(AccountsError, match="Team, Line or Service"):
        user_create(username="m1", role="authoriser")
    with pytest.raises(AccountsError, match="password"):
        user_create(username="m2", role="officer", password="short")
    user = user_create(
        username="m3",
        role="authoriser",
        manager_title="service",
        units=[unit],
        password="a-long-enough-passphrase",
    )
    assert user.check_password("a-long-enough-passphrase")
    assert list(authorisers_for(unit=unit)) == [user]
    with pytest.raises(AccountsError, match="taken"):
        user_create(username="M3", role="officer")
    no_password = user_create(username="m4", role="officer")
    assert not no_password.has_usable_password()


def test_user_update_drops_title_when_no_longer_authoriser():
    user = UserFactory(role="authoriser", manager_title="team")
    user_update(user=user, role="officer")
    user.refresh_from_db()
    assert (user.role, user.manager_title) == ("officer", "")
    with pytest.raises(AccountsError, match="Cannot change"):
        user_update(user=user, is_superuser=True)
