"""Pagination refuses bad values with a message naming the parameter."""

from __future__ import annotations

import pytest

from tests.factories import ServiceUserFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"limit": "abc"}, "limit"),
        ({"limit": "0"}, "limit"),
        ({"limit": "501"}, "limit"),
        ({"offset": "-1"}, "offset"),
        ({"offset": "1.5"}, "offset"),
    ],
)
def test_bad_limit_or_offset_gets_400(api_as, officer, params, field):
    response = api_as(officer).get("/api/service-users/", params)
    assert response.status_code == 400
    assert list(response.json()) == [field]


def test_limit_and_offset_page_through_results(api_as, officer, school_a):
    for _ in range(3):
        ServiceUserFactory(unit=school_a)
    client = api_as(officer)
    first = client.get("/api/service-users/", {"limit": 2}).json()
    second = client.get("/api/service-users/", {"limit": 2, "offset": 2}).json()
    assert first["count"] == 3
    assert len(first["results"]) == 2
    assert len(second["results"]) == 1
    assert first["next"] is not None
