"""Parallel verify (ranges in worker processes) finds the same first bad entry as one pass."""

from __future__ import annotations

import pytest
from django.db import transaction

from safehaven.register.models import Disclosure
from safehaven.register.selectors import register_verify
from tests.factories import ServiceUserFactory, UserFactory, disclosure
from tests.register.conftest import tamper

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.rule("TEL-9")]


def _thirty():
    su, staff = ServiceUserFactory(), UserFactory()
    return [disclosure(service_user=su, disclosed_by=staff, summary=f"n{i}") for i in range(30)]


def _both():
    one = register_verify()
    many = register_verify(workers=3)
    assert (one.ok, one.bad_sequence, one.checked) == (many.ok, many.bad_sequence, many.checked)
    return many


def test_parallel_verify_agrees_on_a_good_chain():
    entries = _thirty()
    result = _both()
    assert result.ok
    assert result.checked == 30
    assert result.head_hash == entries[-1].entry_hash


@pytest.mark.parametrize("victim", [1, 10, 11, 15, 21, 30])
def test_parallel_verify_finds_an_edit_at_any_position(victim):
    _thirty()
    with transaction.atomic():
        tamper("UPDATE register_disclosure SET summary = 'x' WHERE sequence = %s", [victim])
    result = _both()
    assert result.bad_sequence == victim


@pytest.mark.parametrize("victim", [10, 11, 20])
def test_parallel_verify_finds_a_deletion_at_a_range_boundary(victim):
    entries = _thirty()
    pk = entries[victim - 1].pk
    with transaction.atomic():
        tamper("DELETE FROM register_disclosuresubject WHERE disclosure_id = %s", [pk])
        tamper("DELETE FROM register_disclosure WHERE id = %s", [pk])
    result = _both()
    assert result.bad_sequence == victim
    assert Disclosure.objects.count() == 29


def test_parallel_verify_finds_a_whole_missing_range():
    entries = _thirty()
    with transaction.atomic():
        for e in entries[10:20]:
            tamper("DELETE FROM register_disclosuresubject WHERE disclosure_id = %s", [e.pk])
            tamper("DELETE FROM register_disclosure WHERE id = %s", [e.pk])
    result = _both()
    assert result.bad_sequence == 11
    assert "missing" in result.problem
