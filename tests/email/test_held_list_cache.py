"""The held-email list page and the sender's own page read the spool through the kept listing
(`spool_listing`), not every metadata file: each role sees exactly the rows, counts and rule
choices it saw when every file was read, on a spool of mixed senders, children, rules and
statuses, with the listing trusted and after the folder changed."""

from __future__ import annotations

import json
import os
import time
from datetime import timedelta

import pytest
from django.test import override_settings

from safehaven.email import selectors
from safehaven.gateway.spool import Quarantine
from tests.email.test_views_quarantine import LIST, T0, _hold
from tests.factories import ServiceUserFactory, UserFactory

pytestmark = pytest.mark.django_db

FILTERS = [
    {},
    {"status": "all"},
    {"status": "released"},
    {"status": "rejected"},
    {"status": "all", "sort": "oldest"},
    {"rule": "EMAIL-2"},
    {"q": "gmail"},
    {"q": "ashby", "status": "all"},
    {"status": "all", "page": "2"},
]


@pytest.fixture
def quarantine(tmp_path):
    with override_settings(SAFEHAVEN_QUARANTINE_DIR=str(tmp_path / "spool")):
        yield Quarantine(tmp_path / "spool")


def _every_file(*, quarantine, status="held"):
    """What the pages read before the kept listing: every metadata file."""
    return quarantine.list(status=status)


def _seen(client, user, params) -> tuple:
    client.force_login(user)
    response = client.get(LIST, params)
    if response.status_code != 200:
        return (response.status_code,)
    c = response.context
    return (
        [h.id for h in c["items"]],
        [{k: str(v) for k, v in row.items()} for row in c["rows"]],
        c["counts"],
        c["total"],
        c["rule_choices"],
    )


def _own(client, user, params) -> tuple:
    client.force_login(user)
    response = client.get("/email/held/", params)
    c = response.context
    return ([{k: str(v) for k, v in row.items()} for row in c["rows"]], c["total"], c["waiting"])


@pytest.fixture
def people(sender, school_a, school_b):
    dpo = UserFactory(role="dpo", email="dpo@county.gov.uk")
    return {
        "dpo": dpo,
        "ours": UserFactory(role="authoriser", email="head@ashby.sch.uk", units=[school_a]),
        "theirs": UserFactory(role="authoriser", email="head@other.sch.uk", units=[school_b]),
        "admin": UserFactory(role="administrator", email="it@county.gov.uk"),
        "officer": UserFactory(role="officer", units=[school_a]),
        "sender": sender,
    }


def _mixed_spool(quarantine, people, school_a, school_b) -> list[str]:
    child_a = ServiceUserFactory(unit=school_a)
    child_b = ServiceUserFactory(unit=school_b)
    officer_b = UserFactory(role="officer", email="teacher@other.sch.uk", units=[school_b])
    sender = people["sender"].email
    qids = []
    for i in range(40):
        kind = i % 8
        at = T0 + timedelta(minutes=(i * 37) % 90)  # some share a time: the id breaks the tie
        if kind == 0:
            qid = _hold(quarantine, sender=sender, ids=[child_a.pk], at=at)
        elif kind == 1:
            qid = _hold(quarantine, sender=sender.upper(), ids=[child_b.pk], at=at)
        elif kind == 2:
            qid = _hold(quarantine, sender="nobody@elsewhere.org", to="dad@ashby.sch.uk", at=at)
        elif kind == 3:
            qid = _hold(quarantine, sender=people["dpo"].email, at=at)  # the only DPO's own
        elif kind == 4:
            qid = _hold(quarantine, sender=officer_b.email, ids=[child_b.pk], at=at)
        elif kind == 5:
            qid = _hold(quarantine, sender=sender, rules=("EMAIL-2",), at=at)
        elif kind == 6:
            qid = _hold(quarantine, sender=people["ours"].email, at=at)
        else:
            qid = _hold(quarantine, sender=sender, to="x@gmail.com", ids=[999999], at=at)
        if i % 3 == 1:
            quarantine.update(qid, status="released", decided_by=people["dpo"].username)
        elif i % 5 == 2:
            quarantine.update(qid, status="rejected", decided_by=people["ours"].username)
        qids.append(qid)
    return qids


def _still(quarantine):
    old = time.time() - 60
    os.utime(quarantine.dir, (old, old))


def _compare(client, people, monkeypatch) -> int:
    compared = 0
    for name, user in people.items():
        for params in FILTERS:
            kept = _seen(client, user, params)
            own_kept = _own(client, user, params)
            with monkeypatch.context() as m:
                m.setattr(selectors, "spool_listing", _every_file)
                every = _seen(client, user, params)
                own_every = _own(client, user, params)
            assert kept == every, (name, params)
            assert own_kept == own_every, (name, params)
            compared += 1
    return compared


@pytest.mark.rule("EMAIL-1")
def test_every_role_sees_the_same_rows_as_when_every_file_was_read(
    client, quarantine, people, school_a, school_b, monkeypatch
):
    qids = _mixed_spool(quarantine, people, school_a, school_b)
    _still(quarantine)
    selectors.spool_listing(quarantine=quarantine)  # the listing kept, then trusted
    assert _compare(client, people, monkeypatch) == len(people) * len(FILTERS)
    # What each sees is not trivially empty: the comparison has rows to compare.
    assert len(_seen(client, people["dpo"], {"status": "all"})[0]) == 25
    assert 0 < len(_seen(client, people["ours"], {"status": "all"})[0]) < 25
    assert 0 < len(_seen(client, people["admin"], {"status": "all"})[0]) < 10
    assert _seen(client, people["officer"], {}) == (403,)
    assert _own(client, people["sender"], {})[1] > 0

    # The folder changes (a decision, a new message, a removed one, a rewritten one): the pages
    # follow it, still the same as reading every file.
    quarantine.update(qids[0], status="rejected", decided_by=people["dpo"].username)
    _hold(quarantine, sender=people["sender"].email, rules=("EMAIL-2",))
    (quarantine.dir / f"{qids[3]}.json").unlink()
    path = quarantine.dir / f"{qids[4]}.json"
    meta = json.loads(path.read_text("utf-8"))
    path.write_text(json.dumps({**meta, "rules": ["EMAIL-9"]}), "utf-8")
    _compare(client, people, monkeypatch)
    _still(quarantine)
    _compare(client, people, monkeypatch)


def test_the_list_page_does_not_read_every_file_again(
    client, quarantine, people, school_a, school_b, monkeypatch, metadata_reads
):
    _mixed_spool(quarantine, people, school_a, school_b)
    _still(quarantine)
    client.force_login(people["dpo"])
    client.get(LIST)  # the listing kept
    metadata_reads.clear()
    reads = metadata_reads
    monkeypatch.setattr(Quarantine, "list", None)  # the page must not call it
    assert client.get(LIST, {"status": "all"}).status_code == 200
    assert client.get("/email/held/").status_code == 200
    assert reads == []
    qid = _hold(quarantine, sender=people["sender"].email)
    assert qid in [h.id for h in client.get(LIST).context["items"]]
    assert len(reads) == 1  # only the new message's metadata


def test_a_small_full_cache_gives_every_role_the_same_rows(
    client, quarantine, people, school_a, school_b, monkeypatch
):
    """The listing keeps only the fields the pages filter, count, order and check permissions
    by; the rows shown are read whole, from a cache of at most FULL_KEPT messages."""
    monkeypatch.setattr(selectors, "FULL_KEPT", 5)
    qids = _mixed_spool(quarantine, people, school_a, school_b)
    _still(quarantine)
    every = selectors.spool_listing(quarantine=quarantine, status=None)
    assert len(every) == 40
    for h in every:
        assert isinstance(h, selectors.ListedHeld)
        assert set(h.meta) <= set(selectors.LISTED_FIELDS)
        assert "findings" not in h.meta
    assert _compare(client, people, monkeypatch) == len(people) * len(FILTERS)
    assert len(selectors._FULL) <= 5
    # A message removed from the folder is forgotten by the listing and by the cache.
    (quarantine.dir / f"{qids[39]}.json").unlink()
    _compare(client, people, monkeypatch)
    key = str(quarantine.dir)
    assert qids[39] not in selectors._FILES[key]
    assert (key, qids[39]) not in selectors._FULL


def test_without_the_full_cache_a_page_reads_only_its_rows(
    client, quarantine, people, school_a, school_b, monkeypatch, metadata_reads
):
    monkeypatch.setattr(selectors, "FULL_KEPT", 0)
    _mixed_spool(quarantine, people, school_a, school_b)
    _still(quarantine)
    client.force_login(people["dpo"])
    client.get(LIST)  # the listing kept
    metadata_reads.clear()
    response = client.get(LIST, {"status": "all"})
    assert len(response.context["rows"]) == 25
    assert len(metadata_reads) == 25  # the rows shown, not the 40 messages
    assert all("findings" in h.meta for h in response.context["items"])


def test_a_few_folders_are_kept(tmp_path):
    for i in range(selectors.FOLDERS_KEPT + 3):
        q = Quarantine(tmp_path / f"spool{i}")
        _hold(q, sender="officer@ashby.sch.uk")
        selectors.spool_listing(quarantine=q)
    assert len(selectors._LISTING) <= selectors.FOLDERS_KEPT
    assert set(selectors._FILES) <= set(selectors._LISTING)
    assert {folder for folder, _ in selectors._FULL} <= set(selectors._LISTING)
    assert str(q.dir) in selectors._LISTING  # the last one read
