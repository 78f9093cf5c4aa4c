"""The check workers keep what they read from the records between messages; every change to the
records must still reach the next message. Real SMTP on loopback (client, gateway on the web
app's database, aiosmtpd sink as the relay), changes made between two messages."""

from __future__ import annotations

import datetime as dt
import smtplib

import pytest
from django.db import connection
from django.utils import timezone

from safehaven.email.directory import DjangoDirectory
from safehaven.email.models import RecordsStamp
from safehaven.email.records_cache import RecordsCache
from safehaven.records.models import Consent, EmailDomain
from tests.email.gateway_helpers import CONSENTED, SENSITIVE, message, send
from tests.factories import ContactRestrictionFactory, ServiceUserFactory

pytestmark = pytest.mark.django_db(transaction=True)

# The records stamp, its triggers and the kept copies exist on SQLite only. On PostgreSQL the
# workers read the records and the policy for every message (the known domains used for
# lookalikes are kept 30 s). A domain marked not secure holds the next message on both.
sqlite_stamp = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="the records stamp is SQLite-only; PostgreSQL is covered by "
    "test_postgresql_keeps_no_records_between_messages",
)


def worker_cache(gw) -> RecordsCache:  # noqa: ANN001
    return gw.handler.backend.cache  # thread executor: the worker's backend is this one


@sqlite_stamp
def test_the_triggers_move_the_stamp_on_every_kind_of_change(child):
    before = dict(RecordsStamp.objects.values_list("source", "n"))
    consent = Consent.objects.filter(service_user=child).get()
    Consent.objects.filter(pk=consent.pk).update(withdrawn_at=timezone.now())  # bulk update
    after_update = dict(RecordsStamp.objects.values_list("source", "n"))
    assert after_update["records"] != before["records"]
    Consent.objects.filter(pk=consent.pk).delete()
    assert (
        dict(RecordsStamp.objects.values_list("source", "n"))["records"]
        != (after_update["records"])
    )
    su_before = after_update["serviceuser"]
    with connection.cursor() as cursor:  # any process, even raw SQL
        cursor.execute(
            "UPDATE records_serviceuser SET preferred_name = 'Milly' WHERE id = %s", [child.pk]
        )
    assert RecordsStamp.objects.get(source="serviceuser").n != su_before


@sqlite_stamp
def test_the_records_are_kept_between_messages(gateway, sink, nurse):
    send(gateway, message(CONSENTED, nurse.email))
    send(gateway, message(CONSENTED, nurse.email))
    cache = worker_cache(gateway)
    assert cache.enabled
    assert cache.contacts  # the nurse, read once
    assert cache.hits >= 1 or cache.refills >= 2  # the register entry of the first moves nothing
    assert len(sink.messages) == 2


@pytest.mark.rule("EMAIL-4")
def test_a_restriction_recorded_between_two_messages_blocks_the_second(gateway, sink, nurse, child):
    send(gateway, message(CONSENTED, nurse.email))
    assert len(sink.messages) == 1
    ContactRestrictionFactory(service_user=child, person_name=nurse.name)
    with pytest.raises(smtplib.SMTPDataError) as err:
        send(gateway, message(CONSENTED, nurse.email))
    assert err.value.smtp_code == 550
    assert b"EMAIL-4" in err.value.smtp_error
    assert len(sink.messages) == 1


@pytest.mark.rule("EMAIL-4")
def test_a_restriction_that_has_ended_no_longer_blocks(gateway, sink, nurse, child):
    restriction = ContactRestrictionFactory(service_user=child, person_name=nurse.name)
    with pytest.raises(smtplib.SMTPDataError):
        send(gateway, message(CONSENTED, nurse.email))
    type(restriction).objects.filter(pk=restriction.pk).update(
        valid_to=timezone.localdate() - dt.timedelta(days=1)
    )
    send(gateway, message(CONSENTED, nurse.email))
    assert len(sink.messages) == 1


@pytest.mark.rule("EMAIL-1")
def test_a_domain_no_longer_secure_holds_the_next_sensitive_message(
    gateway, sink, nurse, health, spool
):
    send(gateway, message(SENSITIVE, nurse.email))
    assert len(sink.messages) == 1
    EmailDomain.objects.filter(domain="charnwood-health.nhs.uk").update(
        security=EmailDomain.Security.NOT_SECURE
    )
    send(gateway, message(SENSITIVE, nurse.email))  # 250 "held"
    assert len(sink.messages) == 1
    held = list((spool / "quarantine").glob("*.json"))
    assert len(held) == 1
    assert "EMAIL-1" in held[0].read_text()


@sqlite_stamp
@pytest.mark.rule("EMAIL-4")
def test_a_withdrawn_consent_unlinks_the_child_for_the_next_message(
    gateway, sink, nurse, child, school_a, spool
):
    # A first message about another child (held: no link) makes the worker keep the consents
    # to the nurse's side, Amelia's among them; no register entry is written for a held message.
    ServiceUserFactory(unit=school_a, given_name="Oliver", family_name="Twistleton")
    send(gateway, message("Oliver Twistleton has a child protection plan.", nurse.email))
    assert worker_cache(gateway).consents_to
    Consent.objects.filter(service_user=child).update(withdrawn_at=timezone.now())
    send(gateway, message(SENSITIVE, nurse.email))
    assert sink.messages == []  # held too: Amelia has no link to the recipient any more
    held = [p.read_text() for p in (spool / "quarantine").glob("*.json")]
    assert len(held) == 2
    assert any("no link on record to A.W." in h for h in held)


@sqlite_stamp
def test_the_cached_name_index_finds_what_the_query_finds(db, child):
    ServiceUserFactory(given_name="Olusegun", preferred_name="Segun", family_name="Adeyemi")
    ServiceUserFactory(given_name="Zoë", family_name="Ó Briain", upn="A123456789012")
    names = [
        "Amelia Whitworth",
        "Segun Adeyemi",
        "Olusegun Adeyemi",
        "Nobody Here",
        "amelia whitworth",
    ]
    identifiers = ["A123456789012"]
    plain = DjangoDirectory(user=None).service_users_in(names=names, identifiers=identifiers)
    cache = RecordsCache()
    assert cache.refresh()
    kept = DjangoDirectory(user=None, cache=cache).service_users_in(
        names=names, identifiers=identifiers
    )
    assert kept == plain
    assert len(kept) == 3


@pytest.mark.skipif(connection.vendor == "sqlite", reason="the PostgreSQL path")
def test_postgresql_keeps_no_records_between_messages(gateway, sink, nurse):
    send(gateway, message(CONSENTED, nurse.email))
    cache = worker_cache(gateway)
    assert not cache.enabled
    assert not cache.contacts
    assert RecordsCache().refresh() is False
    assert len(sink.messages) == 1
