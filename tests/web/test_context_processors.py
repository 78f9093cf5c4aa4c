from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory

from safehaven.web.context_processors import shell

pytestmark = pytest.mark.django_db


def _request(user, path="/"):
    request = RequestFactory().get(path)
    request.user = user
    return request


def test_anonymous_gets_no_navigation():
    context = shell(_request(AnonymousUser()))
    assert "nav_items" not in context
    assert context["session_minutes"] == 30


def test_officer_navigation_marks_the_current_section(officer, school_a):
    context = shell(_request(officer, "/service-users/12/"))
    items = {item.text: item.active for item in context["nav_items"]}
    assert items["Find a service user"] is True
    assert [text for text, active in items.items() if active] == ["Find a service user"]
    assert {"Home", "Organisations", "Professional contacts"} <= set(items)
    assert "Register" not in items
    assert "Staff" not in items
    assert context["header_units"] == school_a.name


def test_dpo_gets_the_register_and_sees_all_units(dpo):
    context = shell(_request(dpo))
    assert "Register" in [item.text for item in context["nav_items"]]
    assert context["header_units"] == "All units"


def test_administrator_gets_staff(administrator):
    assert "Staff" in [item.text for item in shell(_request(administrator))["nav_items"]]


def test_held_email_is_in_the_navigation_of_those_who_may_decide_it(
    officer, authoriser, dpo, administrator
):
    # An administrator decides held mail only as the last resort (the only DPO's own), but must
    # be able to reach it without knowing the address.
    def texts(user):
        return [item.text for item in shell(_request(user))["nav_items"]]

    assert "Held email" not in texts(officer)
    for user in (authoriser, dpo, administrator):
        assert "Held email" in texts(user), user.role
