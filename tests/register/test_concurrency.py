"""Concurrent writers cannot fork the chain: two threads appending on PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from django.db import connections, transaction

from safehaven.register.models import Disclosure
from safehaven.register.selectors import register_verify
from tests.factories import ServiceUserFactory, UserFactory, disclosure

PER_WRITER = 15


@pytest.mark.django_db(transaction=True)
@pytest.mark.rule("TEL-9")
def test_two_writers_keep_one_linear_chain(postgres_only):
    su = ServiceUserFactory()
    staff = UserFactory()
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def writer(tag: str) -> None:
        try:
            barrier.wait(timeout=30)
            for i in range(PER_WRITER):
                # As a channel would: its own transaction around the register write.
                with transaction.atomic():
                    disclosure(service_user=su, disclosed_by=staff, summary=f"{tag} {i}")
        except BaseException as exc:  # noqa: BLE001 - reported to the main thread
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(t,)) for t in ("A", "B")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors, errors
    sequences = list(Disclosure.objects.order_by("sequence").values_list("sequence", flat=True))
    assert sequences == list(range(1, 2 * PER_WRITER + 1))
    summaries = set(Disclosure.objects.values_list("summary", flat=True))
    assert {s[0] for s in summaries} == {"A", "B"}
    result = register_verify()
    assert result.ok, result.problem
    assert result.checked == 2 * PER_WRITER


@pytest.mark.django_db(transaction=True)
def test_register_rows_do_not_break_transactional_test_teardown():
    """The flush after a transactional test must not trip over the append-only triggers."""
    disclosure()
    assert Disclosure.objects.count() == 1
