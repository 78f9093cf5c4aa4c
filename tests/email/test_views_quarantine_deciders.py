"""Who decides held mail that its sender may not decide: nobody releases or rejects their own
email; the only DPO's own held mail goes to another DPO or an authoriser who may review it, and
when there is none, to an administrator who decides with a reason recorded as an
administrator's; the sender's page names who can decide it. An administrator sees nothing else
in the quarantine."""

from __future__ import annotations

import pytest
from django.test import override_settings
from django.utils.html import escape

from safehaven.email.models import EmailNearMiss
from safehaven.email.views import ADMINISTRATOR_REASON
from safehaven.gateway.spool import Quarantine
from tests.email.test_views_quarantine import _hold
from tests.factories import ServiceUserFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = "/email/quarantine/"


@pytest.fixture
def quarantine(tmp_path):
    with override_settings(SAFEHAVEN_QUARANTINE_DIR=str(tmp_path / "spool")):
        yield Quarantine(tmp_path / "spool")


@pytest.fixture
def only_dpo(db):
    return UserFactory(username="dpo.only", email="dpo@county.gov.uk", role="dpo")


@pytest.fixture
def admin(db):
    return UserFactory(
        username="admin.it", email="it@county.gov.uk", role="administrator",
        first_name="Imran", last_name="Taylor",
    )  # fmt: skip


def _deciders(html: str) -> str:
    return html.split('id="own"', 1)[1].split("</div>", 1)[0]


def test_the_only_dpos_own_mail_goes_to_an_administrator_with_a_recorded_reason(
    client, only_dpo, admin, quarantine, relay
):
    qid = _hold(quarantine, sender="DPO@county.gov.uk", to="ico-case@gmail.com")
    # The DPO: no buttons, and the page says who can decide it.
    client.force_login(only_dpo)
    page = client.get(f"{LIST}{qid}/").content.decode()
    own = _deciders(page)
    assert "nobody decides their own email" in own
    assert "An administrator may" in own
    assert f"{escape(admin.get_full_name())} (Administrator)" in own
    assert qid in own
    assert "Release and send" not in page
    response = client.post(f"{LIST}{qid}/release/", {"release-reason": "my own"}, follow=True)
    assert "someone else must decide it" in response.content.decode()
    assert quarantine.get(qid).status == "held"
    # The administrator: the message in their list, a warning saying why they may decide it.
    client.force_login(admin)
    listed = client.get(LIST).content.decode()
    assert qid in listed
    detail = client.get(f"{LIST}{qid}/").content.decode()
    assert 'id="as-administrator"' in detail
    assert "Release and send" in detail
    response = client.post(f"{LIST}{qid}/release/", {"release-reason": "  "})
    assert response.status_code == 400  # a reason is required
    assert quarantine.get(qid).status == "held"
    response = client.post(
        f"{LIST}{qid}/release/", {"release-reason": "ICO case reference checked with the DPO"}
    )
    assert response.status_code == 302
    held = quarantine.get(qid)
    assert held.status == "released"
    assert held.meta["decided_by"] == admin.username
    assert held.meta["reason"] == ADMINISTRATOR_REASON + "ICO case reference checked with the DPO"
    miss = EmailNearMiss.objects.get(event="released")
    assert miss.decided_by == admin
    assert miss.reason.startswith("Decided by an administrator because no DPO or authoriser")
    assert len(relay.messages) == 1


def test_an_administrator_may_reject_the_only_dpos_mail_too(client, only_dpo, admin, quarantine):
    qid = _hold(quarantine, sender=only_dpo.email)
    client.force_login(admin)
    client.post(f"{LIST}{qid}/reject/", {"reject-reason": "Send it by secure email"})
    held = quarantine.get(qid)
    assert held.status == "rejected"
    assert held.meta["reason"] == ADMINISTRATOR_REASON + "Send it by secure email"


def test_with_a_second_dpo_the_administrator_sees_nothing(
    client, only_dpo, admin, sender, quarantine, relay
):
    second = UserFactory(username="dpo.two", email="dpo2@county.gov.uk", role="dpo")
    qid = _hold(quarantine, sender=only_dpo.email)
    officers = _hold(quarantine, sender=sender.email)
    client.force_login(only_dpo)
    own = _deciders(client.get(f"{LIST}{qid}/").content.decode())
    assert f"{escape(second.get_full_name())} (Data protection officer)" in own
    assert "administrator" not in own.lower()
    client.force_login(admin)
    listed = client.get(LIST).content.decode()
    assert qid not in listed
    assert officers not in listed
    assert client.get(f"{LIST}{qid}/").status_code == 404
    assert client.get(f"{LIST}{officers}/?body=1").status_code == 404
    assert client.post(f"{LIST}{qid}/release/", {"release-reason": "x" * 20}).status_code == 404
    assert quarantine.get(qid).status == "held"
    client.force_login(second)
    client.post(f"{LIST}{qid}/release/", {"release-reason": "Checked the recipient"})
    assert quarantine.get(qid).status == "released"
    assert len(relay.messages) == 1


def test_a_switched_off_second_dpo_does_not_count(client, only_dpo, admin, quarantine):
    UserFactory(username="dpo.gone", email="dpo.gone@county.gov.uk", role="dpo", is_active=False)
    qid = _hold(quarantine, sender=only_dpo.email)
    client.force_login(admin)
    assert client.get(f"{LIST}{qid}/").status_code == 200


def test_an_authoriser_who_shares_a_unit_decides_before_an_administrator(
    client, only_dpo, admin, school_a, school_b, quarantine, relay
):
    only_dpo.units.set([school_a])
    manager = UserFactory(
        username="mgr.a", role="authoriser", manager_title="team", units=[school_a]
    )
    child = ServiceUserFactory(unit=school_a)
    elsewhere = ServiceUserFactory(unit=school_b)
    about_a = _hold(quarantine, sender=only_dpo.email, ids=[child.pk])
    about_b = _hold(quarantine, sender=only_dpo.email, ids=[elsewhere.pk])
    client.force_login(only_dpo)
    own = _deciders(client.get(f"{LIST}{about_a}/").content.decode())
    assert f"{escape(manager.get_full_name())} (Team Manager)" in own
    # The manager at school A may not see the child at school B: that one is the
    # administrator's, and the manager never learns of it.
    own_b = _deciders(client.get(f"{LIST}{about_b}/").content.decode())
    assert "An administrator may" in own_b
    client.force_login(manager)
    assert client.get(f"{LIST}{about_b}/").status_code == 404
    client.post(f"{LIST}{about_a}/release/", {"release-reason": "Checked with the DSL"})
    assert quarantine.get(about_a).status == "released"
    client.force_login(admin)
    assert client.get(f"{LIST}{about_a}/").status_code == 404
    assert client.get(f"{LIST}{about_b}/").status_code == 200


def test_with_nobody_else_the_dpo_is_told_what_to_do(client, only_dpo, quarantine):
    qid = _hold(quarantine, sender=only_dpo.email)
    client.force_login(only_dpo)
    own = _deciders(client.get(f"{LIST}{qid}/").content.decode())
    assert "Nobody else can decide it" in own
    assert "Ask for a second DPO (or an administrator) account" in own


def test_an_authorisers_own_mail_names_the_dpo(client, school_a, dpo, quarantine):
    me = UserFactory(
        username="mgr.me", email="head@ashby.sch.uk", role="authoriser", manager_title="team",
        units=[school_a],
    )  # fmt: skip
    qid = _hold(quarantine, sender=me.email)
    client.force_login(me)
    own = _deciders(client.get(f"{LIST}{qid}/").content.decode())
    assert f"{escape(dpo.get_full_name())} (Data protection officer)" in own
    assert escape(me.get_full_name()) not in own


def test_an_officer_still_cannot_open_the_quarantine(client, officer, only_dpo, quarantine):
    qid = _hold(quarantine, sender=only_dpo.email)
    client.force_login(officer)
    assert client.get(LIST).status_code == 403
    assert client.get(f"{LIST}{qid}/").status_code == 403


def test_mail_with_no_sender_is_the_dpos_even_when_the_dpo_has_no_email(client, admin, quarantine):
    """A message with no sender address is nobody's own: a DPO account without an email
    address is not taken for its sender, so the administrator is not the last resort."""
    dpo = UserFactory(username="dpo.noemail", email="", role="dpo")
    qid = _hold(quarantine, sender="")
    client.force_login(admin)
    assert client.get(f"{LIST}{qid}/").status_code == 404
    client.force_login(dpo)
    page = client.get(f"{LIST}{qid}/").content.decode()
    assert "Release and send" in page
    assert 'id="own"' not in page


def test_with_no_dpo_at_all_an_administrator_decides_mail_from_outside(client, admin, quarantine):
    qid = _hold(quarantine, sender="someone@outside.example")
    client.force_login(admin)
    assert 'id="as-administrator"' in client.get(f"{LIST}{qid}/").content.decode()
