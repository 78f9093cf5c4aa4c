"""`DeciderNotice` rows that can no longer matter are deleted when a notice is claimed: those
older than a day (or the interval in use, if longer), at most once an hour per gateway process."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from safehaven.email import gateway as email_gateway
from safehaven.email.gateway import DjangoHeldNotice
from safehaven.email.models import DeciderNotice

pytestmark = pytest.mark.django_db


def _row(address: str, *, ago: timedelta) -> None:
    DeciderNotice.objects.create(address=address, notified_at=timezone.now() - ago)


def _addresses() -> list[str]:
    return sorted(DeciderNotice.objects.values_list("address", flat=True))


def test_rows_older_than_a_day_are_deleted_when_a_notice_is_claimed():
    _row("gone@x.org", ago=timedelta(hours=25))
    _row("recent@x.org", ago=timedelta(hours=23))
    _row("just@x.org", ago=timedelta(minutes=5))
    notices = DjangoHeldNotice()
    assert notices.claim_notices(addresses=["new@x.org"], interval=600) == ["new@x.org"]
    assert _addresses() == ["just@x.org", "new@x.org", "recent@x.org"]


def test_a_longer_interval_keeps_its_rows():
    _row("two-days@x.org", ago=timedelta(hours=47))
    _row("three-days@x.org", ago=timedelta(hours=73))
    # An interval of 48 hours: the 47-hour-old row still refuses a notice, so it is kept.
    assert DjangoHeldNotice().claim_notices(addresses=["two-days@x.org"], interval=48 * 3600) == []
    assert _addresses() == ["two-days@x.org"]


def test_at_most_once_an_hour(monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(email_gateway.time, "monotonic", lambda: clock[0])
    notices = DjangoHeldNotice()
    _row("first@x.org", ago=timedelta(days=2))
    notices.claim_notices(addresses=["a@x.org"], interval=600)
    assert _addresses() == ["a@x.org"]
    _row("second@x.org", ago=timedelta(days=2))
    clock[0] += 3599
    notices.claim_notices(addresses=["b@x.org"], interval=600)
    assert "second@x.org" in _addresses()  # not within the hour
    clock[0] += 2
    notices.claim_notices(addresses=["c@x.org"], interval=600)
    assert _addresses() == ["a@x.org", "b@x.org", "c@x.org"]


def test_pruning_is_one_delete_of_old_rows_only(django_assert_num_queries):
    for i in range(50):
        _row(f"old{i}@x.org", ago=timedelta(days=3))
    notices = DjangoHeldNotice()
    with django_assert_num_queries(1):  # one DELETE, whatever the count
        assert notices.prune_notices(interval=600) == 50
    with django_assert_num_queries(0):  # the hour has not passed
        assert notices.prune_notices(interval=600) == 0
    assert not DeciderNotice.objects.exists()


def test_a_late_notice_moves_the_time_forward_only():
    now = timezone.now()
    _row("a@x.org", ago=timedelta(minutes=20))
    DeciderNotice.objects.create(address="b@x.org", notified_at=now + timedelta(minutes=1))
    DjangoHeldNotice().notice_sent(addresses=["A@x.org", "b@x.org", ""])
    times = dict(DeciderNotice.objects.values_list("address", "notified_at"))
    assert times["a@x.org"] >= now
    assert times["b@x.org"] == now + timedelta(minutes=1)  # never moved back
