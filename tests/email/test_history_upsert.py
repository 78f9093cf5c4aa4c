"""The gateway's send history (`DjangoHistory.record_sent`, one upsert statement): the rows the
ORM's `bulk_create(update_conflicts=True)` wrote, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from safehaven.email.gateway import DjangoHistory
from safehaven.email.models import EmailRecipientHistory

pytestmark = pytest.mark.django_db

SENDER = " Officer@Ashby.sch.uk "


def _rows() -> dict[tuple[str, str], tuple[str, dt.datetime, dt.datetime]]:
    return {
        (h.sender, h.address): (h.domain, h.first_at, h.last_at)
        for h in EmailRecipientHistory.objects.all()
    }


@pytest.mark.rule("EMAIL-4")
def test_new_addresses_are_inserted_lower_cased_with_their_domain():
    before = timezone.now()
    DjangoHistory().record_sent(
        sender=SENDER, addresses=["Sarah.Jones@Leics.gov.uk ", "duty@county.gov.uk", "no-at-sign"]
    )
    rows = _rows()
    assert set(rows) == {
        ("officer@ashby.sch.uk", "sarah.jones@leics.gov.uk"),
        ("officer@ashby.sch.uk", "duty@county.gov.uk"),
    }
    domain, first, last = rows[("officer@ashby.sch.uk", "sarah.jones@leics.gov.uk")]
    assert domain == "leics.gov.uk"
    assert before <= first == last <= timezone.now()


@pytest.mark.rule("EMAIL-4")
def test_a_known_address_keeps_its_first_time_and_moves_its_last():
    DjangoHistory().record_sent(sender=SENDER, addresses=["duty@county.gov.uk"])
    EmailRecipientHistory.objects.update(
        first_at=timezone.now() - dt.timedelta(days=3),
        last_at=timezone.now() - dt.timedelta(days=2),
    )
    (_, first, old_last) = _rows()[("officer@ashby.sch.uk", "duty@county.gov.uk")]
    DjangoHistory().record_sent(
        sender=SENDER, addresses=["DUTY@county.gov.uk", "new@county.gov.uk"]
    )
    rows = _rows()
    assert len(rows) == 2
    domain, first_after, last_after = rows[("officer@ashby.sch.uk", "duty@county.gov.uk")]
    assert first_after == first
    assert last_after > old_last


def test_the_same_address_twice_in_one_message_is_one_row():
    DjangoHistory().record_sent(
        sender=SENDER, addresses=["a@county.gov.uk", "A@County.gov.uk", " a@county.gov.uk"]
    )
    assert list(_rows()) == [("officer@ashby.sch.uk", "a@county.gov.uk")]


def test_no_sender_or_no_address_writes_nothing():
    DjangoHistory().record_sent(sender="", addresses=["a@county.gov.uk"])
    DjangoHistory().record_sent(sender=SENDER, addresses=["not an address"])
    assert _rows() == {}
