"""A message whose `warn` the sender overrode at the pre-send check is recognised when the
gateway relays it: the relayed header names the override, the link is recorded
(`EmailOverrideMatch`) and the register entry carries it. Real SMTP on loopback: the API check
and override, then an smtplib client sending the same message (as a mail program would,
re-encoded) through the gateway to an aiosmtpd sink."""

from __future__ import annotations

import smtplib
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default

import pytest

from safehaven.core.email.checks import content_fingerprint
from safehaven.email.models import EmailOverride, EmailOverrideMatch
from safehaven.email.selectors import override_rows
from safehaven.register.models import Disclosure
from tests.email.conftest import HEALTH_BODY
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

SUBJECT = "Camp inhaler"
REASON = "Sarah is the school nurse; I phoned her this morning to confirm."


def override_by_api(api_as, user, nurse, *, body=HEALTH_BODY) -> EmailOverride:
    client = api_as(user)
    data = client.post(
        "/api/email/check", {"to": [nurse.email], "subject": SUBJECT, "body": body}, format="json"
    ).json()
    assert data["verdict"] == "warn"
    made = client.post(
        "/api/email/overrides",
        {"token": data["override"]["token"], "justification": REASON},
        format="json",
    )
    assert made.status_code == 201
    return EmailOverride.objects.get(pk=made.json()["id"])


def sent_by_mail_program(to: str, body: str, sender: str = "officer@ashby.sch.uk") -> bytes:
    """The message as a mail program sends it: its own headers, quoted-printable, CRLF."""
    m = EmailMessage()
    m["From"] = f"Ashby Office <{sender}>"
    m["To"] = to
    m["Subject"] = SUBJECT
    m["Message-ID"] = "<draft-1@ashby.sch.uk>"
    m.set_content(body, cte="quoted-printable")
    return m.as_bytes(policy=default.clone(linesep="\r\n"))


def smtp_send(gateway, raw: bytes, sender: str, to: str) -> None:  # noqa: ANN001
    with smtplib.SMTP(*gateway.config.listen, timeout=30) as client:
        client.sendmail(sender, [to], raw)


def verdict_header(raw: bytes) -> str:
    return str(message_from_bytes(raw, policy=default)["X-SafeHaven-Verdict"])


@pytest.mark.rule("EMAIL-4")
def test_the_relayed_message_is_matched_to_the_override(
    gateway, sink, api_as, sender, nurse, child
):
    override = override_by_api(api_as, sender, nurse)
    assert override.content_fingerprint
    smtp_send(gateway, sent_by_mail_program(nurse.email, HEALTH_BODY), sender.email, nurse.email)
    [(_, _, relayed)] = sink.messages
    header = verdict_header(relayed)
    assert header.startswith("warn;")
    assert f"override=EO-{override.pk}" in header
    match = EmailOverrideMatch.objects.get()
    assert match.override == override
    assert match.correlation_id == header.rsplit("id=", 1)[1].split(";")[0].strip()
    assert match.message_id == "<draft-1@ashby.sch.uk>"
    assert match.covered  # the gateway warned about nothing the sender had not overridden
    entry = Disclosure.objects.get()
    assert entry.payload["override"] == f"EO-{override.pk}"
    # The DPO's overrides report says the message went through the gateway.
    [row] = list(override_rows())
    assert "the gateway relayed 1 matching message" in row.justification


@pytest.mark.rule("EMAIL-4")
def test_an_edited_message_is_not_matched(gateway, sink, api_as, sender, nurse, child):
    override_by_api(api_as, sender, nurse)
    edited = HEALTH_BODY.replace("school camp", "the residential trip")
    smtp_send(gateway, sent_by_mail_program(nurse.email, edited), sender.email, nurse.email)
    [(_, _, relayed)] = sink.messages
    assert "override=" not in verdict_header(relayed)
    assert not EmailOverrideMatch.objects.exists()
    assert "override" not in Disclosure.objects.get().payload


@pytest.mark.rule("EMAIL-4")
def test_someone_elses_override_does_not_cover_the_same_text(
    gateway, sink, api_as, sender, nurse, child, school_a
):
    override_by_api(api_as, sender, nurse)
    colleague = UserFactory(
        username="officer.colleague", email="colleague@ashby.sch.uk", units=[school_a]
    )
    raw = sent_by_mail_program(nurse.email, HEALTH_BODY, sender=colleague.email)
    smtp_send(gateway, raw, colleague.email, nurse.email)
    [(_, _, relayed)] = sink.messages
    assert "override=" not in verdict_header(relayed)
    assert not EmailOverrideMatch.objects.exists()


def test_the_fingerprint_ignores_wrapping_and_line_endings_not_words():
    a = content_fingerprint(subject="Camp  inhaler", body="Dear Sarah,\n\nAmelia has asthma.\n")
    b = content_fingerprint(subject="Camp inhaler", body="Dear Sarah,\r\n\r\nAmelia has\r\nasthma.")
    c = content_fingerprint(subject="Camp inhaler", body="Dear Sarah,\n\nAmelia has a cold.\n")
    assert a == b
    assert a != c
