"""The SQLite directory answers the same questions as the in-memory one."""

from __future__ import annotations

import pickle

import pytest

from safehaven.core.email import Directory, InMemoryDirectory
from safehaven.gateway.records import SqliteDirectory
from tests.gateway.conftest import DIRECTORY


@pytest.fixture(params=["memory", "sqlite"])
def directory(request, tmp_path):
    memory = InMemoryDirectory.from_dict(DIRECTORY)
    if request.param == "memory":
        return memory
    d = SqliteDirectory(tmp_path / "records.sqlite")
    d.load(memory)
    return d


def test_both_implement_the_protocol(directory):
    assert isinstance(directory, Directory)


def test_contacts_history_and_domains(directory):
    assert directory.contact(address="Sarah.Jones@leics.gov.uk").name == "Sarah Jones"
    assert directory.contact(address="nobody@x.org") is None
    assert directory.has_written_to(
        sender="officer@ashby.sch.uk", address="sarah.jones@leics.gov.uk"
    )
    assert directory.has_written_to_domain(sender="officer@ashby.sch.uk", domain="leics.gov.uk")
    assert not directory.has_written_to_domain(sender="officer@ashby.sch.uk", domain="x.org")
    assert "leics.gov.uk" in directory.known_domains()


def test_service_users_links_restrictions_and_history_writes(directory):
    [su] = directory.service_users_in(names=["jane  smith"], identifiers=[])
    assert su.id == "su-1"
    assert directory.linked_service_users(address="anyone@leics.gov.uk") == {"su-1"}
    assert directory.linked_service_users(address="x@other.org") == frozenset()
    [r] = directory.restrictions(address="x@banned.example.org", service_user_ids=[])
    assert "court order" in r.reason
    directory.record_sent(sender="officer@ashby.sch.uk", addresses=["New@Place.org"])
    assert directory.has_written_to(sender="officer@ashby.sch.uk", address="new@place.org")


def test_sqlite_directory_survives_pickling_into_a_worker(tmp_path):
    d = SqliteDirectory(tmp_path / "r.sqlite")
    d.record_sent(sender="a@b.org", addresses=["c@d.org"])
    again = pickle.loads(pickle.dumps(d))
    assert again.has_written_to(sender="a@b.org", address="c@d.org")
