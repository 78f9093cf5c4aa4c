"""The people who may decide a held message are told it waits for them, over real SMTP on
loopback: an smtplib client, the gateway on this database with notices on, and an aiosmtpd sink
standing in for the onward relay (which carries the notices too). The notice carries a link and
the reference, nothing of the message.

Transactional: the gateway's threads use their own database connections.
"""

from __future__ import annotations

import time
from email import message_from_bytes
from email.policy import default

import pytest
from django.test import override_settings

from tests.email.gateway_helpers import SENSITIVE, message, send, start_gateway
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

SUBJECT = "Email waiting for your review in SafeHaven"


def _notices(sink, *, want: int, timeout: float = 10.0) -> list[tuple[list[str], str, str]]:
    """The decider notices the relay received (sent after the SMTP answer): (to, subject, body)."""
    deadline = time.monotonic() + timeout
    while True:
        found = []
        for _, rcpts, raw in list(sink.messages):
            msg = message_from_bytes(raw, policy=default)
            if msg["Subject"] == SUBJECT:
                found.append((rcpts, str(msg["Subject"]), msg.get_content()))
        if len(found) >= want or time.monotonic() > deadline:
            return found
        time.sleep(0.05)


@pytest.fixture
def deciders(school_a, school_b):
    return {
        "dpo": UserFactory(role="dpo", email="dpo@county.gov.uk"),
        "ours": UserFactory(role="authoriser", email="head@ashby.sch.uk", units=[school_a]),
        "theirs": UserFactory(role="authoriser", email="head@other.sch.uk", units=[school_b]),
        "off": UserFactory(role="dpo", email="old.dpo@county.gov.uk", is_active=False),
        "admin": UserFactory(role="administrator", email="it@county.gov.uk"),
    }


@pytest.mark.rule("EMAIL-1")
@override_settings(SAFEHAVEN_SITE_URL="https://safehaven.county.gov.uk/")
def test_the_deciders_are_told_with_a_link_and_nothing_of_the_message(
    spool, sink, sink_port, sender, nurse, child, deciders
):
    gw = start_gateway(spool, sink_port, notify_from="safehaven@county.gov.uk")
    try:
        send(gw, message(SENSITIVE, "parent@gmail.com", subject="Amelia CP plan"))
        [held] = gw.quarantine.list()
        notices = _notices(sink, want=2)
    finally:
        gw.stop()
    # The DPO and the authoriser of the sender's unit who may see the child; not another
    # school's authoriser, a switched-off account, an administrator or the sender.
    assert sorted(r for rcpts, _, _ in notices for r in rcpts) == [
        "dpo@county.gov.uk",
        "head@ashby.sch.uk",
    ]
    for _, _, body in notices:
        assert "at most one notice every 10 minutes." in " ".join(body.split())
        assert f"https://safehaven.county.gov.uk/email/quarantine/{held.id}/" in body
        assert held.id in body
        for secret in ("Amelia", "Whitworth", "CP plan", "child protection", "CAMHS", "gmail",
                       "parent@", "officer@", "ashby", "EMAIL-1", "2014"):  # fmt: skip
            assert secret not in body
    # The sender's own notice is still sent, to the sender only, and it too carries nothing
    # of the message: the rules and the reference, and where to read why.
    [(rcpts, raw)] = [
        (rcpts, raw) for _, rcpts, raw in sink.messages if b"Your email is held for review" in raw
    ]
    assert rcpts == [sender.email]
    body = message_from_bytes(raw, policy=default).get_content()
    assert held.id in body
    assert "EMAIL-1" in body
    assert "https://safehaven.county.gov.uk/email/held/" in body
    for secret in ("Amelia", "Whitworth", "CP plan", "child protection", "CAMHS", "gmail",
                   "parent@", "2014", "health", "special categor"):  # fmt: skip
        assert secret not in body


@pytest.mark.rule("EMAIL-1")
def test_the_only_dpos_own_mail_is_notified_to_the_administrator(
    spool, sink, sink_port, nurse, child
):
    UserFactory(role="dpo", email="officer@ashby.sch.uk")  # the only DPO sends it
    admin = UserFactory(role="administrator", email="it@county.gov.uk")
    gw = start_gateway(spool, sink_port, notify_from="safehaven@county.gov.uk")
    try:
        send(gw, message(SENSITIVE, "parent@gmail.com"))
        [held] = gw.quarantine.list()
        [(rcpts, _, body)] = _notices(sink, want=1)
        time.sleep(0.3)  # nobody else is told later either
        assert len(_notices(sink, want=2, timeout=0)) == 1
    finally:
        gw.stop()
    assert rcpts == [admin.email]
    # No site address configured: the page named, with its path.
    assert f"/email/quarantine/{held.id}/" in body


def test_a_decider_is_told_once_while_messages_keep_arriving(
    spool, sink, sink_port, sender, nurse, child, deciders
):
    gw = start_gateway(spool, sink_port, notify_from="safehaven@county.gov.uk")
    try:
        for _ in range(3):
            send(gw, message(SENSITIVE, "parent@gmail.com"))
        assert len(gw.quarantine.list()) == 3
        _notices(sink, want=2)
        time.sleep(0.3)
        notices = _notices(sink, want=99, timeout=0)
    finally:
        gw.stop()
    assert sorted(r for rcpts, _, _ in notices for r in rcpts) == [
        "dpo@county.gov.uk",
        "head@ashby.sch.uk",
    ]


def test_interval_zero_tells_the_deciders_of_every_held_message(
    spool, sink, sink_port, sender, nurse, child, deciders
):
    gw = start_gateway(
        spool, sink_port, notify_from="safehaven@county.gov.uk", decider_notice_interval=0
    )
    try:
        for _ in range(3):
            send(gw, message(SENSITIVE, "parent@gmail.com"))
        held = {h.id for h in gw.quarantine.list()}
        notices = _notices(sink, want=6)
    finally:
        gw.stop()
    assert sorted(r for rcpts, _, _ in notices for r in rcpts) == sorted(
        ["dpo@county.gov.uk", "head@ashby.sch.uk"] * 3
    )
    assert {qid for qid in held for _, _, body in notices if qid in body} == held
    for _, _, body in notices:
        assert "at most one notice" not in body  # the default's sentence would be untrue


def test_no_notices_unless_they_are_switched_on(spool, sink, sink_port, sender, child, deciders):
    gw = start_gateway(spool, sink_port)
    try:
        send(gw, message(SENSITIVE, "parent@gmail.com"))
        assert len(gw.quarantine.list()) == 1
        time.sleep(0.3)
    finally:
        gw.stop()
    assert sink.messages == []
