"""The navigation tells the people who decide held mail how many messages wait for them: only
the messages each may decide (an authoriser: their units' senders and children they may see; an
administrator: the last-resort ones; nobody: their own), only those still held."""

from __future__ import annotations

import os
import re
import time

import pytest
from django.test import override_settings

from safehaven.email.selectors import held_mail_waiting_for, held_waiting
from safehaven.gateway.spool import Quarantine
from tests.email.test_views_quarantine import _hold
from tests.factories import ServiceUserFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def quarantine(tmp_path):
    with override_settings(SAFEHAVEN_QUARANTINE_DIR=str(tmp_path / "spool")):
        yield Quarantine(tmp_path / "spool")


def _nav(client, user) -> str:
    client.force_login(user)
    html = client.get("/").content.decode()
    found = re.findall(r">\s*(Held email[^<]*?)\s*<", html)
    return found[0] if found else ""


@pytest.mark.rule("EMAIL-1")
def test_each_decider_sees_the_count_of_what_they_may_decide(
    client, quarantine, sender, school_a, school_b, dpo
):
    ours = UserFactory(role="authoriser", email="head@ashby.sch.uk", units=[school_a])
    theirs = UserFactory(role="authoriser", email="head@other.sch.uk", units=[school_b])
    officer = UserFactory(role="officer", units=[school_a])
    child_b = ServiceUserFactory(unit=school_b)
    _hold(quarantine, sender=sender.email)
    _hold(quarantine, sender=sender.email.upper())
    # About another school's child: the DPO's and that school's (who shares no unit with the
    # sender: so the DPO's only).
    _hold(quarantine, sender=sender.email, ids=[child_b.pk])
    decided = _hold(quarantine, sender=sender.email)
    quarantine.update(decided, status="released")
    _hold(quarantine, sender="nobody@elsewhere.org")  # no staff account: the DPO's
    assert _nav(client, dpo) == "Held email (4 waiting)"
    assert _nav(client, ours) == "Held email (2 waiting)"
    assert _nav(client, theirs) == "Held email"
    assert _nav(client, officer) == ""  # officers decide nothing and have no item


def test_nobody_counts_their_own_mail(client, quarantine, school_a, dpo):
    head = UserFactory(role="authoriser", email="head@ashby.sch.uk", units=[school_a])
    _hold(quarantine, sender=dpo.email)
    _hold(quarantine, sender="Head@Ashby.sch.uk")
    assert _nav(client, dpo) == "Held email (1 waiting)"  # the head's, not the DPO's own
    assert _nav(client, head) == "Held email"  # the DPO's is not theirs; their own never


def test_an_administrator_counts_only_the_last_resort_messages(client, quarantine, sender):
    only_dpo = UserFactory(role="dpo", email="dpo@county.gov.uk")
    admin = UserFactory(role="administrator", email="it@county.gov.uk")
    _hold(quarantine, sender=sender.email)
    assert _nav(client, admin) == "Held email"
    _hold(quarantine, sender=only_dpo.email)
    assert _nav(client, admin) == "Held email (1 waiting)"
    assert _nav(client, only_dpo) == "Held email (1 waiting)"  # the officer's, not their own


def test_a_switched_off_account_counts_nothing(quarantine, sender, dpo):
    _hold(quarantine, sender=sender.email)
    dpo.is_active = False
    assert held_mail_waiting_for(user=dpo, quarantine=quarantine) == []


def test_the_count_follows_a_decision_made_on_the_page(client, quarantine, sender, dpo, relay):
    qid = _hold(quarantine, sender=sender.email)
    _hold(quarantine, sender=sender.email)
    assert _nav(client, dpo) == "Held email (2 waiting)"
    response = client.post(
        f"/email/quarantine/{qid}/reject/", {"reject-reason": "Wrong parent address"}
    )
    assert response.status_code == 302
    assert _nav(client, dpo) == "Held email (1 waiting)"


def test_an_unreadable_folder_shows_the_item_without_a_count(client, tmp_path, dpo):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("")
    with override_settings(SAFEHAVEN_QUARANTINE_DIR=str(blocked)):
        assert _nav(client, dpo) == "Held email"


def _ids(items) -> list[str]:
    return [h.id for h in items]


def test_only_what_changed_is_read_again(quarantine, sender, metadata_reads):
    reads = metadata_reads
    first = _hold(quarantine, sender=sender.email)
    second = _hold(quarantine, sender=sender.email)
    assert _ids(held_waiting(quarantine=quarantine)) == sorted([first, second])
    assert len(reads) == 2
    old = time.time() - 60
    os.utime(quarantine.dir, (old, old))  # the folder still for a minute
    held_waiting(quarantine=quarantine)
    assert _ids(held_waiting(quarantine=quarantine)) == sorted([first, second])
    assert len(reads) == 2  # one stat: the listing kept
    # A decision and a new message: those two files are read again, not the third.
    quarantine.update(first, status="rejected")
    third = _hold(quarantine, sender=sender.email)
    assert _ids(held_waiting(quarantine=quarantine)) == sorted([second, third])
    assert len(reads) == 4
    # Changed within the last second: the folder is listed again, but nothing is re-read.
    assert _ids(held_waiting(quarantine=quarantine)) == sorted([second, third])
    assert len(reads) == 4
    # A message gone from the folder is gone from the count.
    (quarantine.dir / f"{second}.json").unlink()
    assert _ids(held_waiting(quarantine=quarantine)) == [third]
    # The same answers as reading everything.
    assert _ids(held_waiting(quarantine=quarantine)) == _ids(quarantine.list(status="held"))
