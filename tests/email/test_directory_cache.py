"""The gateway workers' kept register links and contact restrictions (SQLite records cache):
a new register entry still links a child for the next message, restrictions kept per child come
out as the query gives them, and a message that changes nothing asks the register nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from safehaven.email.directory import DjangoDirectory
from safehaven.email.records_cache import RecordsCache
from safehaven.email.sinks import DjangoRegisterSink
from safehaven.gateway.sinks import DisclosureEntry
from tests.factories import ContactRestrictionFactory, RelatedPersonFactory, ServiceUserFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the records cache is SQLite-only"),
]

SOCIAL_WORKER = "duty.sw@county.gov.uk"


def _directory(cache: RecordsCache) -> DjangoDirectory:
    assert cache.refresh()
    return DjangoDirectory(user=None, cache=cache)


def _linked(cache: RecordsCache, child, address: str) -> frozenset[str]:
    d = _directory(cache)
    d.service_users_in(names=[f"{child.given_name} {child.family_name}"], identifiers=[])
    return d.linked_service_users(address=address)


def _disclose(child, address: str) -> None:
    DjangoRegisterSink().disclosure_record(
        entry=DisclosureEntry(
            correlation_id="3f1c1a4e-3c1b-4a51-9a57-0a0c7b1e5d11",
            at="2026-11-26T01:00:00+00:00",
            sender="officer@ashby.sch.uk",
            recipients=(address,),
            service_user_ids=(str(child.pk),),
            classification="sensitive",
            special_categories=(),
            message_id="<m1@ashby.sch.uk>",
            verdict="warn",
            policy_version="test",
        )
    )


@pytest.mark.rule("EMAIL-4")
def test_a_register_entry_written_between_two_messages_links_the_child(child, sender):
    cache = RecordsCache()
    assert str(child.pk) not in _linked(cache, child, SOCIAL_WORKER)
    _disclose(child, SOCIAL_WORKER)  # e.g. the web app's register, or this gateway's relay
    assert str(child.pk) in _linked(cache, child, SOCIAL_WORKER)


@pytest.mark.rule("EMAIL-4")
def test_an_unchanged_register_is_not_asked_again(child, django_assert_num_queries):
    cache = RecordsCache()
    _linked(cache, child, SOCIAL_WORKER)  # fills the copies
    d = _directory(cache)
    d.service_users_in(names=[f"{child.given_name} {child.family_name}"], identifiers=[])
    # Only the register's highest id: not the register itself.
    with django_assert_num_queries(1):
        assert str(child.pk) not in d.linked_service_users(address=SOCIAL_WORKER)


@pytest.mark.rule("EMAIL-4")
def test_restrictions_kept_per_child_match_the_query_and_its_order(child, school_a):
    other = ServiceUserFactory(unit=school_a, given_name="Bea", family_name="Adams")
    address = "mark.w@mail.example"
    for su in (child, other):
        person = RelatedPersonFactory(
            service_user=su, given_name="Mark", family_name="Whitworth", email=address
        )
        for start in (dt.date(2023, 1, 1), dt.date(2024, 6, 1)):
            ContactRestrictionFactory(service_user=su, related_person=person, valid_from=start)
    ContactRestrictionFactory(service_user=other, valid_to=dt.date(2023, 1, 1))  # ended
    ids = [str(child.pk), str(other.pk)]
    plain = DjangoDirectory(user=None).restrictions(address=address, service_user_ids=ids)
    cache = RecordsCache()
    _directory(cache).restrictions(address=address, service_user_ids=[str(child.pk)])
    kept = _directory(cache).restrictions(address=address, service_user_ids=ids)
    assert kept == plain
    assert [r.service_user_id for r in kept] == [str(other.pk)] * 2 + [str(child.pk)] * 2
