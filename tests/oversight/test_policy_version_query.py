"""`policy_version_in_force` (one prepared query) answers what the ORM query it replaced does."""

from __future__ import annotations

import copy

import pytest

from safehaven.oversight import policy
from safehaven.oversight.models import PolicyCurrent

pytestmark = pytest.mark.django_db


def _orm_answer():
    return PolicyCurrent.objects.filter(pk=1).values_list("version__number", flat=True).first()


def _save(user, months):
    data = copy.deepcopy(policy.policy_in_force().data)
    data["validity"]["consent_months"] = months
    return policy.policy_save(user=user, data=data, reason="Review")


def test_the_version_in_force_is_the_orm_answer_before_and_after_saves(dpo):
    assert policy.policy_version_in_force() is None
    assert _orm_answer() is None
    first = _save(dpo, 6)
    assert policy.policy_version_in_force() == _orm_answer() == first.number == 1
    second = _save(dpo, 9)
    assert policy.policy_version_in_force() == _orm_answer() == second.number == 2
    # The pointer moved back to the first version (as a restore would, without a new row).
    PolicyCurrent.objects.filter(pk=1).update(version=first)
    assert policy.policy_version_in_force() == _orm_answer() == 1
