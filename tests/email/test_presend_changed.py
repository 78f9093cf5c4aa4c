"""A draft stopped at the pre-send check, changed a little, then sent through the gateway is one
near miss for the DPO ("stopped, changed, then held"), linked by its sketch; a different draft
from the same sender to the same people is never linked. The page or the API (Django's test
client), then real SMTP on loopback to the gateway on this database.

Transactional: the gateway's threads use their own database connections.
"""

from __future__ import annotations

import smtplib
from datetime import timedelta

import pytest
from django.utils import timezone

from safehaven.email.models import EmailNearMiss
from tests.email.gateway_helpers import message, send
from tests.factories import ServiceUserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PAGE = "/email/check/"
TO = "parent@gmail.com"
DRAFT = (
    "Dear Mrs Whitworth,\n\n"
    "Amelia Whitworth (DOB 12/03/2014) has a child protection plan and sees CAMHS every "
    "fortnight. She was upset on Monday after contact and told her teacher she was frightened.\n\n"
    "Can we meet on Thursday to talk about her attendance, the support plan and the next "
    "review meeting with the social worker?\n\n"
    "The school nurse will join us if she can.\n"
)
SIGNATURE = "\nKind regards\n\nJo Bloggs\nDesignated Safeguarding Lead\nAshby School\n"


def _logged():
    from safehaven.oversight.models import NearMiss

    return list(NearMiss.objects.filter(channel="email").order_by("pk"))


def _check_on_the_page(client, user, *, body=DRAFT, to=TO, subject="Amelia"):
    client.force_login(user)
    html = client.post(PAGE, {"to": to, "subject": subject, "body": body}).content.decode()
    assert "<title>Verdict hold" in html or "<title>Verdict block" in html
    return EmailNearMiss.objects.filter(event="checked").latest("pk")


def _held():
    return EmailNearMiss.objects.filter(event="held").latest("pk")


@pytest.mark.rule("EMAIL-1")
def test_a_signature_and_a_bcc_added_after_the_check_is_one_near_miss(
    gateway, sink, client, sender, dpo
):
    checked = _check_on_the_page(client, sender)
    assert checked.content_sketch.startswith("s1:")
    assert "Amelia" not in checked.content_sketch
    m = message(DRAFT + SIGNATURE, TO)
    m["Bcc"] = "head@ashby.sch.uk"
    send(gateway, m)
    [held] = gateway.quarantine.list()
    sent = _held()
    assert sent.presend_id == checked.pk
    assert sent.content_fingerprint != checked.content_fingerprint  # not the exact link
    checked.refresh_from_db()
    assert checked.quarantine_id == held.id
    [row] = _logged()
    assert row.kind == "email_held"
    assert row.summary.startswith(
        "Stopped at the pre-send check, changed after the check, then sent: the gateway held it "
        "for review (EMAIL-1"
    )
    assert "Amelia" not in row.summary
    assert "gmail" not in row.summary
    client.force_login(dpo)
    page = client.get("/oversight/near-misses/").content.decode()
    assert page.count("Stopped at the pre-send check") == 1
    assert "changed after the check, then sent" in page
    detail = client.get(f"/email/quarantine/{held.id}/").content.decode()
    assert "Pre-send check stopped it (the draft was changed after the check, then sent)" in detail
    assert "Held for review" in detail


def test_the_same_text_with_a_bcc_added_is_linked_and_said_changed(gateway, sink, client, sender):
    checked = _check_on_the_page(client, sender)
    m = message(DRAFT, TO)
    m["Bcc"] = "head@ashby.sch.uk"
    send(gateway, m)
    sent = _held()
    assert sent.presend_id == checked.pk
    assert sent.content_fingerprint == checked.content_fingerprint
    [row] = _logged()
    assert "changed after the check, then sent" in row.summary
    assert row.summary.endswith("; 2 recipient(s).")


def test_the_exact_draft_is_not_said_to_be_changed(gateway, sink, client, sender, dpo):
    _check_on_the_page(client, sender)
    send(gateway, message(DRAFT, TO))
    [held] = gateway.quarantine.list()
    [row] = _logged()
    assert "then sent anyway" in row.summary
    client.force_login(dpo)
    detail = client.get(f"/email/quarantine/{held.id}/").content.decode()
    assert "Pre-send check stopped it" in detail
    assert "changed after the check" not in detail


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda t: t.replace("frightened", "frightend"), id="typo"),
        pytest.param(
            lambda t: t.replace("The school nurse will join us if she can.\n", ""),
            id="paragraph-removed",
        ),
        pytest.param(lambda t: t.replace("every fortnight", "every two weeks"), id="words-changed"),
        pytest.param(lambda t: t + "\n-- \nJo Bloggs, DSL\n", id="signature-separator"),
    ],
)
def test_small_edits_through_the_api_are_linked(gateway, sink, api_as, sender, edit):
    answer = api_as(sender).post(
        "/api/email/check",
        {"to": [TO], "subject": "Amelia", "body": DRAFT},
        format="json",
    )
    assert answer.json()["verdict"] in {"hold", "block"}
    checked = EmailNearMiss.objects.get(event="checked")
    send(gateway, message(edit(DRAFT), TO))
    assert _held().presend_id == checked.pk
    assert len(_logged()) == 1


def test_another_childs_name_in_the_same_words_is_not_linked(
    gateway, sink, client, sender, school_a
):
    ServiceUserFactory(unit=school_a, given_name="Oliver", family_name="Brennan")
    _check_on_the_page(client, sender)
    other = DRAFT.replace("Amelia Whitworth", "Oliver Brennan").replace("Whitworth", "Brennan")
    send(gateway, message(other.replace("She ", "He ").replace(" her ", " his "), TO))
    assert _held().presend is None
    assert len(_logged()) == 2


def test_another_child_named_only_by_first_name_is_not_linked(gateway, sink, client, sender):
    _check_on_the_page(client, sender)
    send(gateway, message(DRAFT.replace("Amelia Whitworth", "Amelia Whitworth and Zara"), TO))
    # More names than the checked draft is still the same draft (a name added)...
    assert _held().presend is not None
    _check_on_the_page(client, sender, body=DRAFT.replace("Amelia Whitworth", "Zara Whitworth"))
    send(gateway, message(DRAFT.replace("Amelia Whitworth", "Poppy Whitworth"), TO))
    # ...but one name swapped for another is not.
    assert _held().presend is None


def test_another_matter_to_the_same_people_is_not_linked(gateway, sink, client, sender):
    _check_on_the_page(client, sender)
    other = (
        "Dear Mrs Whitworth,\n\nAmelia Whitworth has a child protection plan, so the school "
        "trip form needs your signature before Friday; the coach leaves at eight.\n"
    )
    send(gateway, message(other, TO))
    assert _held().presend is None
    assert len(_logged()) == 2


def test_another_sender_other_recipients_or_an_old_check_are_not_linked(
    gateway, sink, client, sender, authoriser
):
    authoriser.email = "head@ashby.sch.uk"
    authoriser.save()
    _check_on_the_page(client, authoriser)  # another person's stopped draft
    send(gateway, message(DRAFT + SIGNATURE, TO))
    assert _held().presend is None
    checked = _check_on_the_page(client, sender)
    send(gateway, message(DRAFT + SIGNATURE, "someone.else@gmail.com"))  # no recipient shared
    assert _held().presend is None
    EmailNearMiss.objects.filter(pk=checked.pk).update(at=timezone.now() - timedelta(hours=25))
    send(gateway, message(DRAFT + SIGNATURE, TO))
    assert _held().presend is None
    assert not EmailNearMiss.objects.filter(presend__isnull=False).exists()


def test_a_changed_draft_sent_twice_links_only_the_first(gateway, sink, client, sender):
    checked = _check_on_the_page(client, sender)
    send(gateway, message(DRAFT + SIGNATURE, TO))
    send(gateway, message(DRAFT + SIGNATURE, TO))
    first, second = EmailNearMiss.objects.filter(event="held").order_by("pk")
    assert first.presend_id == checked.pk
    assert second.presend_id is None
    # Once the draft is followed, the sender has no stopped draft waiting: no sketch is made.
    assert second.content_sketch == ""


def test_no_sketch_is_made_for_a_sender_with_no_stopped_draft(gateway, sink, sender):
    send(gateway, message(DRAFT, TO))
    assert _held().content_sketch == ""


@pytest.mark.rule("EMAIL-4")
def test_a_changed_draft_blocked_at_both_stages_is_one_blocked_near_miss(
    gateway, sink, client, sender, child, restricted_father
):
    body = "Dear Mark,\n\nAmelia Whitworth did well in her maths test this week and in art.\n"
    _check_on_the_page(client, sender, to=restricted_father.email, body=body)
    with pytest.raises(smtplib.SMTPDataError):
        send(gateway, message(body + SIGNATURE, restricted_father.email))
    [row] = _logged()
    assert row.kind == "email_blocked"
    assert "changed after the check, then sent: the gateway blocked it (EMAIL-4" in row.summary


def test_an_uploaded_message_checked_through_the_api_is_linked_when_changed(
    gateway, sink, api_as, sender
):
    raw = bytes(message(DRAFT, TO))  # From: officer@ashby.sch.uk, the sender's address
    answer = api_as(sender).generic("POST", "/api/email/check", raw, content_type="message/rfc822")
    assert answer.json()["verdict"] in {"hold", "block"}
    checked = EmailNearMiss.objects.get(event="checked")
    assert checked.content_sketch.startswith("s1:")
    send(gateway, message(DRAFT.replace("frightened", "scared") + SIGNATURE, TO))
    assert _held().presend_id == checked.pk
