"""Register selectors: per-service-user history, visibility, fixed query counts."""

from __future__ import annotations

import pytest

from safehaven.register.chain import GENESIS_HASH
from safehaven.register.selectors import (
    disclosures_for_service_user,
    disclosures_visible_to,
    register_head,
)
from tests.factories import ServiceUserFactory, disclosure

pytestmark = pytest.mark.django_db


def test_history_is_newest_first_and_one_query(service_user, django_assert_num_queries):
    entries = [disclosure(service_user=service_user) for _ in range(5)]
    disclosure()  # someone else's
    with django_assert_num_queries(1):
        found = list(disclosures_for_service_user(service_user=service_user))
        assert [d.disclosed_by.username for d in found]
    assert found == entries[::-1]


def test_register_is_visible_by_unit(officer, dpo, school_b, service_user):
    mine = disclosure(service_user=service_user)
    disclosure(service_user=ServiceUserFactory(unit=school_b))
    assert list(disclosures_visible_to(officer)) == [mine]
    assert disclosures_visible_to(dpo).count() == 2


def test_head_of_empty_and_filled_register():
    assert register_head() == (0, GENESIS_HASH)
    entry = disclosure()
    assert register_head() == (1, entry.entry_hash)
