"""The held-email pages and the retention policy: a purged message leaves the list (the list
says how long decided mail is kept) and its page shows the decision with its content removed;
who may see it does not change; the near-miss log is untouched; held mail waiting too long is
flagged overdue to the people who decide it."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.test import override_settings
from django.utils.html import escape

from safehaven.email.models import EmailNearMiss
from tests.email.test_views_quarantine import LIST, _hold, _ids_in_list
from tests.factories import ServiceUserFactory, UserFactory

pytestmark = pytest.mark.django_db

LATER = datetime.now(UTC) + timedelta(days=31)


@pytest.fixture
def quarantine(tmp_path):
    from safehaven.gateway.spool import Quarantine

    with override_settings(SAFEHAVEN_QUARANTINE_DIR=str(tmp_path / "spool")):
        yield Quarantine(tmp_path / "spool")


def _decide(client, user, qid, how="reject"):
    client.force_login(user)
    response = client.post(f"{LIST}{qid}/{how}/", {f"{how}-reason": "Not to a personal address"})
    assert response.status_code == 302


@pytest.mark.rule("EMAIL-6")
def test_after_a_purge_the_list_drops_the_message_and_its_page_keeps_the_decision(
    client, authoriser, dpo, sender, child, quarantine
):
    kept = _hold(quarantine, sender=sender.email, ids=[child.pk])
    gone = _hold(quarantine, sender=sender.email, ids=[child.pk])
    _decide(client, authoriser, gone)
    quarantine.purge(older_than_days=30, now=LATER)
    # `kept` was decided later than `gone`: here, still held (never removed).
    assert quarantine.raw(kept)
    client.force_login(dpo)
    html = client.get(f"{LIST}?status=all").content.decode()
    assert _ids_in_list(html) == [kept]
    assert "kept for 30 days after the decision" in html
    page = client.get(f"{LIST}{gone}/")
    assert page.status_code == 200
    detail = page.content.decode()
    decision = detail.split('id="decision"', 1)[1].split("</div>", 1)[0]
    assert "rejected" in decision
    assert "Not to a personal address" in decision
    removed = detail.split('id="content-removed"', 1)[1].split("</div>", 1)[0]
    assert "removed on" in removed
    assert "retention policy" in removed
    assert "Removed with the message's content" in detail
    assert "Held by EMAIL-1." not in detail  # the findings' wording went with the content
    assert 'id="show-body"' not in detail
    assert "Reject: do not send" not in detail
    # Asking for the text gives the page, no text and no access-log row.
    from safehaven.records.models import AccessLog

    response = client.get(f"{LIST}{gone}/?body=1")
    assert response.status_code == 200
    assert "Amelia Whitworth has asthma." not in response.content.decode()
    assert not AccessLog.objects.exists()


def test_the_list_says_the_gateways_retention(client, dpo, sender, quarantine):
    _hold(quarantine, sender=sender.email)
    client.force_login(dpo)
    (quarantine.root / "gateway.json").write_text(json.dumps({"retain_decided_days": 7}))
    assert "kept for 7 days after the decision" in client.get(LIST).content.decode()
    (quarantine.root / "gateway.json").write_text(json.dumps({"retain_decided_days": 0}))
    assert "kept for ever" in client.get(LIST).content.decode()
    (quarantine.root / "gateway.json").write_text("{not json")  # damaged: the default, no error
    assert "kept for 30 days after the decision" in client.get(LIST).content.decode()


@pytest.mark.rule("EMAIL-1")
def test_who_may_see_a_message_is_the_same_after_its_content_is_removed(
    client, authoriser, dpo, sender, officer, school_b, quarantine
):
    other_child = ServiceUserFactory(unit=school_b)
    own_child = ServiceUserFactory(unit=authoriser.units.first())
    hidden = _hold(quarantine, sender=sender.email, ids=[other_child.pk])
    shown = _hold(quarantine, sender=sender.email, ids=[own_child.pk])
    elsewhere = UserFactory(role="authoriser", email="head@other.sch.uk", units=[school_b])
    _decide(client, dpo, hidden)
    _decide(client, dpo, shown, how="reject")

    def seen():
        out = {}
        for user in (authoriser, elsewhere, dpo, officer):
            client.force_login(user)
            out[user.username] = tuple(
                client.get(f"{LIST}{qid}/").status_code for qid in (hidden, shown)
            )
        return out

    before = seen()
    assert before[authoriser.username] == (404, 200)
    assert before[elsewhere.username] == (404, 404)
    assert before[dpo.username] == (200, 200)
    assert before[officer.username] == (403, 403)
    done = quarantine.purge(older_than_days=30, now=LATER)
    assert set(done.ids) == {hidden, shown}
    assert seen() == before
    client.force_login(authoriser)
    assert client.get(f"{LIST}{hidden}/?body=1").status_code == 404


def test_the_near_miss_log_is_unchanged_by_a_purge(client, authoriser, sender, child, quarantine):
    qid = _hold(quarantine, sender=sender.email, ids=[child.pk])
    _decide(client, authoriser, qid)
    rows = list(EmailNearMiss.objects.order_by("pk").values())
    assert [r["event"] for r in rows] == ["rejected"]
    assert rows[0]["quarantine_id"] == qid
    quarantine.purge(older_than_days=30, now=LATER)
    assert list(EmailNearMiss.objects.order_by("pk").values()) == rows
    # The page still lists the recorded action.
    client.force_login(authoriser)
    detail = client.get(f"{LIST}{qid}/").content.decode()
    actions = detail.split('id="recorded-actions"', 1)[1]
    assert "Not to a personal address" in actions


def test_held_mail_waiting_too_long_is_flagged_overdue(
    client, dpo, authoriser, sender, school_b, quarantine
):
    now = datetime.now(UTC)
    other_child = ServiceUserFactory(unit=school_b)
    late = _hold(
        quarantine, sender=sender.email, ids=[other_child.pk], at=now - timedelta(hours=30)
    )
    fresh = _hold(quarantine, sender=sender.email, at=now - timedelta(hours=2))
    client.force_login(dpo)
    html = client.get(LIST).content.decode()
    warning = html.split('id="held-overdue"', 1)[1].split("</div>", 1)[0]
    assert "1 message has waited longer than 24 hours for a decision (overdue)" in warning
    rows = html.split("<tbody", 1)[1].split("</tr>")
    flagged = {qid for qid in (late, fresh) for row in rows if qid in row and "overdue" in row}
    assert flagged == {late}
    with override_settings(SAFEHAVEN_HELD_OVERDUE_HOURS=48):
        assert 'id="held-overdue"' not in client.get(LIST).content.decode()
    # An authoriser who may not review the late message is not told about it.
    client.force_login(authoriser)
    assert 'id="held-overdue"' not in client.get(LIST).content.decode()


@pytest.mark.rule("EMAIL-6")
def test_the_dpo_keeps_a_message_past_the_retention_period_and_lifts_the_hold(
    client, authoriser, dpo, sender, child, quarantine
):
    qid = _hold(quarantine, sender=sender.email, ids=[child.pk])
    _decide(client, authoriser, qid)
    # Only the DPO is offered it, and only the DPO may.
    assert 'id="keep"' not in client.get(f"{LIST}{qid}/").content.decode()
    response = client.post(f"{LIST}{qid}/keep/", {"keep-reason": "complaint"})
    assert response.status_code == 403
    client.force_login(dpo)
    assert 'id="keep"' in client.get(f"{LIST}{qid}/").content.decode()
    response = client.post(f"{LIST}{qid}/keep/", {"keep-reason": " "})
    assert response.status_code == 400
    assert "Enter the reason for keeping the message" in response.content.decode()
    response = client.post(f"{LIST}{qid}/keep/", {"keep-reason": "Complaint 2026/14"})
    assert response.status_code == 302
    assert quarantine.purge(older_than_days=30, now=LATER).kept == (qid,)
    detail = client.get(f"{LIST}{qid}/").content.decode()
    hold = detail.split('id="retention-hold"', 1)[1].split("</div>", 1)[0]
    assert "Complaint 2026/14" in hold
    assert escape(dpo.get_full_name()) in hold
    assert client.post(f"{LIST}{qid}/keep/", {"lift": "1"}).status_code == 302
    assert quarantine.purge(older_than_days=30, now=LATER).ids == (qid,)
    detail = client.get(f"{LIST}{qid}/").content.decode()
    assert 'id="keep"' not in detail  # nothing left to keep
    assert 'id="content-removed"' in detail
