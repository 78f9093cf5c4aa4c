"""The held-email pages as authorisers and the DPO use them: the list (count, filters, order by
held time, pages), the detail (why it was held, who to whom, attachments, the text never
rendered as HTML), release and reject with a reason and a name, a second reviewer after the
first, and who may see and decide what."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage

import pytest
from django.test import override_settings
from django.utils.html import escape

from safehaven.email.models import EmailNearMiss
from safehaven.gateway.spool import Quarantine
from tests.factories import ServiceUserFactory, UserFactory

pytestmark = pytest.mark.django_db

LIST = "/email/quarantine/"
T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def _raw(*, sender="officer@ashby.sch.uk", to="mum@gmail.com", subject="Amelia", html=None):
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    if html is not None:
        msg.set_content(html, subtype="html")
    else:
        msg.set_content("Amelia Whitworth has asthma.")
    return msg


def _meta(*, sender, to="mum@gmail.com", at=T0, ids=(), rules=("EMAIL-1",), **more):
    return {
        "correlation_id": "c0ffee00-0000-4000-8000-000000000001",
        "sender": sender,
        "recipients": [to],
        "external_recipients": [to],
        "verdict": "hold",
        "rules": [*rules, "EMAIL-3"],
        "findings": [
            {"rule": "EMAIL-3", "severity": "warn", "message": "Phone the recipient."},
            *({"rule": r, "severity": "hold", "message": f"Held by {r}."} for r in rules),
            {"rule": "SENS-2", "severity": "info", "message": "Sensitive."},
        ],
        "policy_version": "v1",
        "classification": "sensitive",
        "special_categories": ["health"],
        "service_user_ids": [str(i) for i in ids],
        "message_id": "<m1@ashby.sch.uk>",
        **more,
    }


@pytest.fixture
def quarantine(tmp_path):
    with override_settings(SAFEHAVEN_QUARANTINE_DIR=str(tmp_path / "spool")):
        yield Quarantine(tmp_path / "spool")


def _hold(quarantine, raw=None, **meta) -> str:
    """A held message as the gateway leaves it, with `held_at` set (the gateway's own time)."""
    at = meta.pop("at", T0)
    qid = quarantine.store(bytes(raw or _raw()), _meta(**meta))
    quarantine.update(qid, held_at=at.isoformat())
    return qid


def _ids_in_list(html: str) -> list[str]:
    return re.findall(r"<span class=\"govuk-visually-hidden\"> message ([^<]+)</span>", html)


# The list.


def test_list_counts_pages_and_orders_by_held_time(client, authoriser, sender, quarantine):
    qids = [_hold(quarantine, sender=sender.email, at=T0 + timedelta(minutes=i)) for i in range(30)]
    client.force_login(authoriser)
    first = client.get(LIST).content.decode()
    assert "<strong>30</strong> messages waiting for a decision" in first
    assert "Showing 1 to 25 of 30 messages." in first
    assert _ids_in_list(first) == list(reversed(qids))[:25]  # newest first
    second = client.get(LIST, {"page": 2}).content.decode()
    assert "Showing 26 to 30 of 30 messages." in second
    assert _ids_in_list(second) == list(reversed(qids))[25:]
    oldest = client.get(LIST, {"sort": "oldest"}).content.decode()
    assert _ids_in_list(oldest) == qids[:25]
    # The pages keep the order: page 2 of "oldest first" goes on from page 1.
    assert 'href="?sort=oldest&amp;page=2"' in oldest
    assert (
        _ids_in_list(client.get(LIST, {"sort": "oldest", "page": 2}).content.decode())
        == (qids[25:])
    )
    assert 'aria-sort="ascending"' in oldest
    # The held time is shown as people read it, in UK time, not as an ISO stamp.
    assert "20 Nov 2026, 09:00" in oldest
    assert "2026-11-20T09:00" not in oldest


def test_list_filters_by_status_rule_and_address(client, dpo, sender, quarantine):
    a = _hold(quarantine, sender=sender.email, to="mum@gmail.com", rules=("EMAIL-1",))
    b = _hold(quarantine, sender=sender.email, to="info@council.gov.uk", rules=("EMAIL-4",))
    c = _hold(quarantine, sender=sender.email, to="dad@yahoo.co.uk")
    quarantine.update(c, status="rejected", decided_by=dpo.username, reason="wrong")
    client.force_login(dpo)
    assert set(_ids_in_list(client.get(LIST).content.decode())) == {a, b}
    assert _ids_in_list(client.get(LIST, {"rule": "EMAIL-4"}).content.decode()) == [b]
    assert _ids_in_list(client.get(LIST, {"q": "GMAIL"}).content.decode()) == [a]
    rejected = client.get(LIST, {"status": "rejected"}).content.decode()
    assert _ids_in_list(rejected) == [c]
    assert f"by {escape(dpo.get_full_name())}" in rejected
    # The first version's link still works.
    assert set(_ids_in_list(client.get(LIST, {"show": "all"}).content.decode())) == {a, b, c}
    nothing = client.get(LIST, {"q": "nobody"}).content.decode()
    assert "No messages match these filters." in nothing


def test_why_held_shows_the_rules_that_held_it(client, dpo, sender, quarantine):
    _hold(quarantine, sender=sender.email, rules=("EMAIL-4",))
    client.force_login(dpo)
    html = client.get(LIST).content.decode()
    row = html.split('class="govuk-table__body"', 1)[1]
    assert ">EMAIL-4<" in row
    assert "EMAIL-3" not in row  # a warning did not hold it


def test_list_queries_do_not_grow_with_the_messages(
    client, authoriser, sender, quarantine, django_assert_max_num_queries
):
    child = ServiceUserFactory(unit=authoriser.units.first())
    for i in range(3):
        _hold(quarantine, sender=sender.email, ids=[child.pk], at=T0 + timedelta(minutes=i))
    client.force_login(authoriser)
    client.get(LIST)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for i in range(30):
        _hold(quarantine, sender=sender.email, ids=[child.pk], at=T0 + timedelta(hours=i))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(LIST)


# Who may see what.


def test_authoriser_does_not_see_mail_about_a_child_at_another_school(
    client, authoriser, sender, dpo, school_b, quarantine
):
    """The sender shares the authoriser's school, but the child named is at another school: the
    message (and that the child exists) goes to that school's authoriser or the DPO."""
    other_child = ServiceUserFactory(unit=school_b)
    own_child = ServiceUserFactory(unit=authoriser.units.first())
    hidden = _hold(quarantine, sender=sender.email, ids=[other_child.pk])
    shown = _hold(quarantine, sender=sender.email, ids=[own_child.pk])
    client.force_login(authoriser)
    assert _ids_in_list(client.get(LIST).content.decode()) == [shown]
    assert client.get(f"{LIST}{hidden}/").status_code == 404
    assert client.get(f"{LIST}{hidden}/?body=1").status_code == 404
    response = client.post(f"{LIST}{hidden}/reject/", {"reject-reason": "not mine to decide"})
    assert response.status_code == 404
    assert quarantine.get(hidden).status == "held"
    assert not EmailNearMiss.objects.exists()
    client.force_login(dpo)
    assert client.get(f"{LIST}{hidden}/").status_code == 200
    # That school's authoriser, who shares a unit with the sender, sees it.
    sender.units.add(school_b)
    theirs = UserFactory(role="authoriser", manager_title="team", units=[school_b])
    client.force_login(theirs)
    assert client.get(f"{LIST}{hidden}/").status_code == 200


def test_officer_cannot_open_the_quarantine_even_for_own_mail(client, sender, quarantine):
    qid = _hold(quarantine, sender=sender.email)
    client.force_login(sender)
    assert client.get(LIST).status_code == 403
    assert client.get(f"{LIST}{qid}/").status_code == 403
    assert client.post(f"{LIST}{qid}/release/", {"release-reason": "mine"}).status_code == 403


def test_sender_who_is_an_authoriser_can_neither_release_nor_reject_it(
    client, school_a, quarantine, relay
):
    me = UserFactory(
        username="mgr.own", email="head@ashby.sch.uk", role="authoriser", manager_title="team",
        units=[school_a],
    )  # fmt: skip
    qid = _hold(quarantine, sender="Head@Ashby.sch.uk")
    client.force_login(me)
    page = client.get(f"{LIST}{qid}/").content.decode()
    assert 'id="own"' in page
    assert "Release and send" not in page
    for action, field in (("release", "release-reason"), ("reject", "reject-reason")):
        response = client.post(f"{LIST}{qid}/{action}/", {field: "fine"}, follow=True)
        assert "someone else must decide it: see who below" in response.content.decode()
    assert quarantine.get(qid).status == "held"
    assert relay.messages == []
    assert not EmailNearMiss.objects.exists()


# The detail.


def test_detail_says_why_who_to_whom_and_lists_attachments(client, authoriser, sender, quarantine):
    raw = _raw()
    raw.add_attachment(b"%PDF-1.4 x", maintype="application", subtype="pdf", filename="plan.pdf")
    qid = _hold(quarantine, raw=raw, sender=sender.email, rules=("EMAIL-1", "EMAIL-4"))
    client.force_login(authoriser)
    html = client.get(f"{LIST}{qid}/").content.decode()
    why = html.split('id="why-held"', 1)[1].split("What the check found", 1)[0]
    assert "EMAIL-1: Held by EMAIL-1." in why
    assert "EMAIL-4: Held by EMAIL-4." in why
    assert "Phone the recipient" not in why
    assert f"{sender.email} ({escape(sender.get_full_name())}, staff)" in html
    recipients = html.split('id="recipients"', 1)[1].split("</ul>", 1)[0]
    assert "mum@gmail.com" in recipients
    assert "external" in recipients
    assert "plan.pdf (PDF, 10" in html.split('id="attachments"', 1)[1].split("</ul>", 1)[0]
    # Worst first in the table too.
    table = html.split("What the check found", 1)[1].split("</table>", 1)[0]
    severities = re.findall(r'govuk-tag[^"]*">(block|hold|warn|info)</strong>', table)
    assert severities == ["hold", "hold", "warn", "info"]
    # The text only on request: not the body, and not the subject.
    assert "asthma" not in html
    assert "Subject:" not in html
    assert not EmailNearMiss.objects.exists()


def test_html_only_mail_is_shown_as_text_and_never_runs(client, dpo, sender, quarantine):
    html_body = (
        "<p onclick=\"alert('p')\">Amelia Whitworth has asthma.</p>"
        "<script>alert('x')</script><img src='http://tracker.example/t.png'>"
        "<iframe src='http://evil.example/'></iframe>"
    )
    qid = _hold(quarantine, raw=_raw(html=html_body), sender=sender.email)
    client.force_login(dpo)
    response = client.get(f"{LIST}{qid}/?body=1")
    html = response.content.decode()
    text = html.split('id="body-text"', 1)[1].split("</textarea>", 1)[0]
    assert "Amelia Whitworth has asthma." in text
    assert "alert(" not in text
    assert "<script" not in html.split("<main", 1)[1].split("</main>", 1)[0].replace(
        "<script nonce=", ""
    )
    assert "<img src='http://tracker" not in html
    assert "<iframe" not in html
    assert "shown here as plain text" in html
    csp = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp
    assert EmailNearMiss.objects.get().event == "viewed"


def test_a_message_the_parser_cannot_read_is_shown_as_escaped_source(client, dpo, quarantine):
    raw = b"From: x@y.org\r\nContent-Type: multipart/mixed\r\n\r\n<script>alert(1)</script>"
    qid = quarantine.store(raw, {"sender": "x@y.org", "recipients": ["a@gmail.com"]})
    client.force_login(dpo)
    response = client.get(f"{LIST}{qid}/?body=1")
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


# Release and reject.


def test_release_needs_a_reason_and_records_who_and_why(
    client, authoriser, sender, child, quarantine, relay
):
    qid = _hold(quarantine, sender=sender.email, ids=[child.pk])
    client.force_login(authoriser)
    response = client.post(f"{LIST}{qid}/release/", {"release-reason": "  "})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter the reason it can go" in html.split("govuk-error-summary", 1)[1]
    assert 'href="#id_release-reason"' in html
    assert quarantine.get(qid).status == "held"
    assert relay.messages == []
    response = client.post(f"{LIST}{qid}/release/", {"release-reason": "Mum's address checked"})
    assert response.status_code == 302
    held = quarantine.get(qid)
    assert held.status == "released"
    assert held.meta["decided_by"] == authoriser.username
    assert held.meta["reason"] == "Mum's address checked"
    miss = EmailNearMiss.objects.get(event="released")
    assert miss.decided_by == authoriser
    assert miss.reason == "Mum's address checked"
    detail = client.get(f"{LIST}{qid}/").content.decode()
    decision = detail.split('id="decision"', 1)[1].split("</div>", 1)[0]
    assert escape(authoriser.get_full_name()) in decision
    assert "Mum&#x27;s address checked" in decision
    assert "Release and send" not in detail


def test_second_reviewer_cannot_release_what_the_first_rejected(
    client, authoriser, dpo, sender, quarantine, relay
):
    """Two reviewers open the same message; the first rejects it, the second's release (from
    the page still open in their browser) does nothing and says who decided it."""
    qid = _hold(quarantine, sender=sender.email)
    client.force_login(authoriser)
    client.post(f"{LIST}{qid}/reject/", {"reject-reason": "wrong family"})
    client.force_login(dpo)
    response = client.post(f"{LIST}{qid}/release/", {"release-reason": "looks fine"}, follow=True)
    html = response.content.decode()
    assert f"already rejected by {escape(authoriser.get_full_name())}" in html
    assert quarantine.get(qid).status == "rejected"
    assert quarantine.get(qid).meta["decided_by"] == authoriser.username
    assert relay.messages == []
    assert list(EmailNearMiss.objects.values_list("event", flat=True)) == ["rejected"]


def test_second_release_sends_nothing_more(client, authoriser, dpo, sender, quarantine, relay):
    qid = _hold(quarantine, sender=sender.email)
    client.force_login(authoriser)
    client.post(f"{LIST}{qid}/release/", {"release-reason": "checked with DSL"})
    client.force_login(dpo)
    response = client.post(f"{LIST}{qid}/release/", {"release-reason": "again"}, follow=True)
    assert "already released" in response.content.decode()
    response = client.post(f"{LIST}{qid}/reject/", {"reject-reason": "too late"}, follow=True)
    assert "already released" in response.content.decode()
    assert len(relay.messages) == 1
    assert EmailNearMiss.objects.filter(event="released").count() == 1
    assert not EmailNearMiss.objects.filter(event="rejected").exists()


def test_reject_reason_error_keeps_the_page_usable(client, authoriser, sender, quarantine):
    qid = _hold(quarantine, sender=sender.email)
    client.force_login(authoriser)
    response = client.post(f"{LIST}{qid}/reject/", {"reject-reason": "x" * 2001})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Keep the reason under 2,000 characters" in html
    assert "<title>Error: " in html
    assert 'id="why-held"' in html


# The sender's own view.


def test_sender_sees_own_held_mail_and_the_decision_not_colleagues(
    client, sender, officer, authoriser, quarantine
):
    mine = _hold(quarantine, sender=sender.email.upper(), rules=("EMAIL-1",))
    decided = _hold(quarantine, sender=sender.email, at=T0 + timedelta(hours=1))
    quarantine.update(
        decided, status="rejected", decided_by=authoriser.username, reason="Use secure email"
    )
    theirs = _hold(quarantine, sender=officer.email)
    client.force_login(sender)
    html = client.get("/email/held/").content.decode()
    assert f"Reference {mine}" in html
    assert f"Reference {decided}" in html
    assert theirs not in html
    assert "<strong>1</strong> of yours waiting" in html
    assert "<strong>EMAIL-1</strong>: Held by EMAIL-1." in html
    assert f"by {escape(authoriser.get_full_name())}" in html
    assert "Use secure email" in html
    assert "Phone the recipient" not in html  # a warning did not hold it
    assert "Release and send" not in html
    assert "asthma" not in html  # never the text
    assert 'href="/email/held/"' in client.get("/email/check/").content.decode()


def test_sender_without_held_mail_is_told_so(client, officer, quarantine):
    client.force_login(officer)
    html = client.get("/email/held/").content.decode()
    assert "The gateway has not held any email of yours." in html


# How the held text is read for the reviewer (safehaven.email.selectors.message_text).


@pytest.mark.parametrize(
    ("raw", "text", "how"),
    [
        (bytes(_raw()), "Amelia Whitworth has asthma.", "plain"),
        (bytes(_raw(html="<p>Amelia <b>has</b> asthma.</p><script>x()</script>")),
         "Amelia has asthma.", "html"),
        (b"From: a@b.org\r\nTo: c@d.org\r\nContent-Type: text/plain; charset=klingon\r\n\r\n"
         b"Amelia has asthma.\r\n", "Amelia has asthma.", "plain"),
        (b"From: a@b.org\r\nContent-Type: multipart/mixed\r\n\r\n<script>x</script>",
         "<script>x</script>", "source"),
    ],
)  # fmt: skip
def test_message_text_for_the_reviewer(raw, text, how):
    from safehaven.email.selectors import message_text

    got, got_how = message_text(raw)
    assert got.strip().endswith(text)
    assert got_how == how


# Reading the held text is a view of each child named: the access log, as a record view is.


def test_reading_the_held_text_writes_an_access_log_row_per_child_named(
    client, authoriser, sender, child, quarantine
):
    from safehaven.oversight.sar import access_log_csv
    from safehaven.records.models import AccessLog

    sibling = ServiceUserFactory(unit=child.unit)
    qid = _hold(quarantine, sender=sender.email, ids=[child.pk, sibling.pk])
    client.force_login(authoriser)
    client.get(f"{LIST}{qid}/")  # the findings only: no text read, nothing logged
    assert not AccessLog.objects.exists()
    html = client.get(f"{LIST}{qid}/?body=1").content.decode()
    assert "Amelia Whitworth has asthma." in html
    rows = list(AccessLog.objects.order_by("service_user_id"))
    assert [r.service_user_id for r in rows] == sorted([child.pk, sibling.pk])
    assert {r.user_id for r in rows} == {authoriser.pk}
    assert {r.action for r in rows} == {AccessLog.Action.VIEW}
    assert rows[0].detail == f"Held email text read by a reviewer (quarantine {qid})"
    # One action, one correlation ID; no name or text in the detail.
    assert rows[0].correlation_id is not None
    assert rows[0].correlation_id == rows[1].correlation_id
    assert child.family_name not in rows[0].detail
    assert EmailNearMiss.objects.get().event == "viewed"
    # It is in the child's subject-access log.
    log = access_log_csv(child).decode("utf-8-sig")
    assert f"quarantine {qid}" in log
    assert escape(authoriser.get_full_name()) in escape(log)


def test_reading_text_naming_no_child_or_a_removed_one_logs_no_access(
    client, dpo, sender, quarantine
):
    from safehaven.records.models import AccessLog

    nobody = _hold(quarantine, sender=sender.email)
    gone = _hold(quarantine, sender=sender.email, ids=[999999])
    client.force_login(dpo)
    client.get(f"{LIST}{nobody}/?body=1")
    client.get(f"{LIST}{gone}/?body=1")
    assert not AccessLog.objects.exists()
    assert EmailNearMiss.objects.filter(event="viewed").count() == 2


# The attachment list is kept with the held message after it is first read.


def _with_attachment():
    raw = _raw()
    raw.add_attachment(b"%PDF-1.4 x", maintype="application", subtype="pdf", filename="plan.pdf")
    return raw


def test_attachments_are_read_once_then_from_the_stored_outline(
    client, authoriser, sender, quarantine, monkeypatch
):
    """A message held before the outline was kept (no `outline` in its metadata) is read on
    its first view; later views do not parse the message (1 s of CPU for 25 MB)."""
    qid = _hold(quarantine, raw=_with_attachment(), sender=sender.email)
    assert "outline" not in quarantine.get(qid).meta
    client.force_login(authoriser)
    first = client.get(f"{LIST}{qid}/").content.decode()
    assert "plan.pdf (PDF, 10" in first
    assert quarantine.get(qid).meta["outline"] == {
        "v": 1,
        "readable": True,
        "attachments": [{"name": "plan.pdf", "type": "application/pdf", "size": 10}],
    }
    assert quarantine.get(qid).status == "held"

    def parse_again(raw):
        raise AssertionError("the message was parsed again for its outline")

    monkeypatch.setattr("safehaven.email.selectors.message_outline", parse_again)
    again = client.get(f"{LIST}{qid}/").content.decode()
    assert "plan.pdf (PDF, 10" in again


def test_an_outline_is_not_stored_while_a_decision_holds_the_lock(
    client, authoriser, sender, quarantine
):
    qid = _hold(quarantine, raw=_with_attachment(), sender=sender.email)
    client.force_login(authoriser)
    with quarantine.lock(qid):
        html = client.get(f"{LIST}{qid}/").content.decode()
    assert "plan.pdf (PDF, 10" in html
    assert "outline" not in quarantine.get(qid).meta
    client.get(f"{LIST}{qid}/")
    assert "outline" in quarantine.get(qid).meta


def test_storing_the_outline_keeps_a_decision_made_meanwhile(sender, quarantine):
    """The page read the message as held; a reviewer rejected it before the outline was
    written: the outline is added to the metadata as it is now, not as the page read it."""
    from safehaven.email.selectors import held_mail_outline

    qid = _hold(quarantine, raw=_with_attachment(), sender=sender.email)
    stale = quarantine.get(qid)
    quarantine.update(qid, status="rejected", decided_by="someone", reason="no")
    outline = held_mail_outline(quarantine=quarantine, held=stale)
    assert [a.name for a in outline.attachments] == ["plan.pdf"]
    now = quarantine.get(qid).meta
    assert now["status"] == "rejected"
    assert now["reason"] == "no"
    assert now["outline"]["attachments"][0]["name"] == "plan.pdf"


def test_a_missing_message_file_is_said_and_not_stored_as_an_outline(
    client, dpo, sender, quarantine
):
    qid = _hold(quarantine, raw=_with_attachment(), sender=sender.email)
    eml = quarantine.dir / f"{qid}.eml"
    kept = eml.read_bytes()
    eml.unlink()
    client.force_login(dpo)
    assert "could not be read to list them" in client.get(f"{LIST}{qid}/").content.decode()
    assert "outline" not in quarantine.get(qid).meta
    eml.write_bytes(kept)  # back (a restored backup): read and listed
    assert "plan.pdf (PDF, 10" in client.get(f"{LIST}{qid}/").content.decode()


@pytest.mark.parametrize("extra", [0, 1, 2])  # the three base64 paddings
def test_the_outline_of_a_large_message_matches_the_standard_parsers(extra):
    """A message as the gateway stores it (CRLF, over 256 KB) is read with the core's parser,
    which sets large base64 attachments aside: the names, types and decoded sizes are those the
    standard library's parser gives."""
    from email import message_from_bytes
    from email.policy import SMTP
    from email.policy import default as default_policy

    from safehaven.email.selectors import message_outline

    msg = _raw()
    msg.add_attachment(
        bytes(range(256)) * 1200 + b"x" * extra,
        maintype="application", subtype="pdf", filename="Care plan (final).pdf",
    )  # fmt: skip
    msg.add_attachment(b"small", maintype="image", subtype="png", filename="logo.png")
    msg.add_attachment("notes " * 60000, subtype="plain", filename="notes.txt")
    raw = msg.as_bytes(policy=SMTP)
    assert len(raw) > 256 * 1024
    expected = [
        (p.get_filename(), p.get_content_type(), len(p.get_payload(decode=True)))
        for p in message_from_bytes(raw, policy=default_policy).iter_attachments()
    ]
    got = message_outline(raw)
    assert [(a.name, a.content_type, a.size) for a in got.attachments] == expected
    assert expected[0][2] == 256 * 1200 + extra
    assert got.subject == "Amelia"
    assert got.to == ("mum@gmail.com",)


@pytest.mark.parametrize("html", [None, "<p>Amelia <b>has</b> asthma.</p><script>x()</script>"])
def test_the_text_of_a_large_message_is_the_standard_parsers(html):
    """The text shown of a message as the gateway stores it, with a large attachment the core's
    parser sets aside unread, is the body the standard library's parser reads."""
    from email import message_from_bytes
    from email.policy import SMTP
    from email.policy import default as default_policy

    from safehaven.email.selectors import message_text

    msg = _raw(html=html)
    msg.add_attachment(
        bytes(range(256)) * 1200, maintype="application", subtype="pdf", filename="plan.pdf"
    )
    raw = msg.as_bytes(policy=SMTP)
    body = message_from_bytes(raw, policy=default_policy).get_body(("plain", "html"))
    text, how = message_text(raw)
    assert how == ("plain" if html is None else "html")
    if html is None:
        assert text == body.get_content()
    else:
        assert text.strip() == "Amelia has asthma."
