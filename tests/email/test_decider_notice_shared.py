"""The decider notice's rate limit is kept in the web app's database (`DeciderNotice`), so two
gateway processes on one database, and a gateway restarted, tell each person at most once per
interval. Real SMTP on loopback: two gateways (two handlers, each with its own memory) on this
database, an aiosmtpd sink standing in for the onward relay.

Transactional: the gateway's threads use their own database connections.
"""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.utils import timezone

from safehaven.email.gateway import DjangoHeldNotice
from safehaven.email.models import DeciderNotice
from tests.email.gateway_helpers import SENSITIVE, message, send, start_gateway
from tests.email.test_gateway_held_notice import _notices
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

DECIDERS = ["dpo@county.gov.uk", "head@ashby.sch.uk"]


@pytest.fixture
def deciders(school_a):
    UserFactory(role="dpo", email="dpo@county.gov.uk")
    UserFactory(role="authoriser", email="Head@Ashby.sch.uk", units=[school_a])


def _told(sink) -> list[str]:
    time.sleep(0.3)  # sent after the SMTP answer: give a late one its chance
    return sorted(r.lower() for rcpts, _, _ in _notices(sink, want=99, timeout=0) for r in rcpts)


def _gateway(spool, sink_port):
    return start_gateway(spool, sink_port, notify_from="safehaven@county.gov.uk")


@pytest.mark.rule("EMAIL-1")
def test_two_gateways_and_a_restart_share_the_interval(
    spool, sink, sink_port, sender, nurse, child, deciders
):
    first, second = _gateway(spool, sink_port), _gateway(spool, sink_port)
    try:
        send(first, message(SENSITIVE, "parent@gmail.com"))
        _notices(sink, want=2)
        assert _told(sink) == DECIDERS
        send(second, message(SENSITIVE, "parent@gmail.com"))  # the other process: not again
        assert _told(sink) == DECIDERS
        assert first.handler is not second.handler
    finally:
        first.stop()
        second.stop()
    restarted = _gateway(spool, sink_port)
    try:
        send(restarted, message(SENSITIVE, "parent@gmail.com"))  # a restart: not again
        assert _told(sink) == DECIDERS
        # Once the interval has passed (the last notice 11 minutes ago), each is told again.
        DeciderNotice.objects.update(notified_at=timezone.now() - timedelta(minutes=11))
        send(restarted, message(SENSITIVE, "parent@gmail.com"))
        _notices(sink, want=4)
        assert _told(sink) == sorted(DECIDERS * 2)
    finally:
        restarted.stop()
    assert len(restarted.quarantine.list()) == 4
    # Only an address and a time are kept, one row per person (lower case).
    assert sorted(DeciderNotice.objects.values_list("address", flat=True)) == DECIDERS


def test_claiming_notices(db):
    notices = DjangoHeldNotice()
    assert notices.claim_notices(addresses=["A@x.org", "b@x.org"], interval=600) == [
        "A@x.org",
        "b@x.org",
    ]
    # Within the interval nobody, whatever the case of the address; a new one is due.
    assert notices.claim_notices(addresses=["a@X.org", "b@x.org", "c@x.org"], interval=600) == [
        "c@x.org"
    ]
    # A shorter interval than the time since: due again, and marked now.
    DeciderNotice.objects.filter(address="a@x.org").update(
        notified_at=timezone.now() - timedelta(minutes=2)
    )
    assert notices.claim_notices(addresses=["a@x.org", "b@x.org"], interval=60) == ["a@x.org"]
    assert notices.claim_notices(addresses=["a@x.org"], interval=60) == []
    # 0: every time.
    assert notices.claim_notices(addresses=["a@x.org", "a@x.org"], interval=0) == ["a@x.org"]
    assert notices.claim_notices(addresses=["a@x.org"], interval=0) == ["a@x.org"]


def test_without_the_database_the_process_keeps_the_interval_itself(
    spool, sink, sink_port, sender, nurse, child, deciders, monkeypatch
):
    def broken(self, **_):
        raise RuntimeError("database unreachable")

    monkeypatch.setattr(DjangoHeldNotice, "claim_notices", broken)
    gw = _gateway(spool, sink_port)
    try:
        send(gw, message(SENSITIVE, "parent@gmail.com"))
        _notices(sink, want=2)
        send(gw, message(SENSITIVE, "parent@gmail.com"))
        assert _told(sink) == DECIDERS  # once each: this process's memory
    finally:
        gw.stop()
    assert not DeciderNotice.objects.exists()
