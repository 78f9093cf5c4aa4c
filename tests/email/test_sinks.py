"""Register and near-miss adapters for the gateway and the quarantine review."""

from __future__ import annotations

import pytest

from safehaven.email.models import EmailNearMiss
from safehaven.email.sinks import DjangoNearMissSink, DjangoRegisterSink
from safehaven.gateway.sinks import DisclosureEntry, NearMissEntry
from safehaven.register.models import Disclosure

pytestmark = pytest.mark.django_db


def _entry(child, **kw):
    params = {
        "correlation_id": "3f1c1a4e-3c1b-4a51-9a57-0a0c7b1e5d11",
        "at": "2026-11-25T10:00:00+00:00",
        "sender": "officer@ashby.sch.uk",
        "recipients": ("sarah.jones@charnwood-health.nhs.uk",),
        "service_user_ids": (str(child.pk),),
        "classification": "sensitive",
        "special_categories": ("health",),
        "message_id": "<m1@ashby.sch.uk>",
        "verdict": "warn",
        "policy_version": "defaults-1+records-x",
        **kw,
    }
    return DisclosureEntry(**params)


@pytest.mark.rule("TEL-9")
def test_relayed_disclosure_written_to_register_with_consent(child, nurse, sender):
    DjangoRegisterSink().disclosure_record(entry=_entry(child))
    entry = Disclosure.objects.get()
    assert entry.channel == "email"
    assert entry.service_user == child
    assert entry.recipient_email == nurse.email
    assert entry.recipient_contact == nurse
    assert entry.disclosed_by == sender
    assert entry.lawful_basis == "consent"
    assert entry.payload["basis_inferred"] is False
    assert "health" in entry.summary
    assert str(entry.correlation_id) == "3f1c1a4e-3c1b-4a51-9a57-0a0c7b1e5d11"


def test_without_consent_basis_is_marked_inferred(child, sender):
    DjangoRegisterSink().disclosure_record(
        entry=_entry(child, recipients=("sw@county.gov.uk",), correlation_id="not-a-uuid")
    )
    entry = Disclosure.objects.get()
    assert entry.lawful_basis == "public_task"
    assert entry.payload["basis_inferred"] is True
    assert "Not stated by the sender" in entry.lawful_basis_justification


def test_unknown_sender_becomes_unregistered_near_miss(child):
    DjangoRegisterSink().disclosure_record(entry=_entry(child, sender="ghost@ashby.sch.uk"))
    assert not Disclosure.objects.exists()
    miss = EmailNearMiss.objects.get()
    assert miss.event == "unregistered"
    assert "no staff account" in miss.messages[0]


def test_restricted_recipient_refused_by_register_is_kept(child, sender, restricted_father):
    DjangoRegisterSink().disclosure_record(entry=_entry(child, recipients=("mark.w@gmail.com",)))
    # The register accepts it unless the recipient name matches a restriction; either way the
    # fact that mail went is kept somewhere.
    assert Disclosure.objects.count() + EmailNearMiss.objects.count() == 1


def test_near_miss_recorded(authoriser):
    DjangoNearMissSink().near_miss_record(
        entry=NearMissEntry(
            correlation_id="c1", at="2026-11-25T10:00:00+00:00", event="rejected",
            sender="officer@ashby.sch.uk", recipients=("a@b.org",), verdict="hold",
            rules=("EMAIL-1",), messages=("held",), policy_version="v",
            quarantine_id="20261125T100000Z-abcd1234", decided_by=authoriser.username,
            reason="wrong child",
        )
    )  # fmt: skip
    miss = EmailNearMiss.objects.get()
    assert miss.event == "rejected"
    assert miss.decided_by == authoriser
    assert miss.rules == ["EMAIL-1"]
    assert miss.reason == "wrong child"


def test_held_and_blocked_also_go_to_the_oversight_log(db):
    from safehaven.oversight.models import NearMiss

    def entry(event, qid=""):
        return NearMissEntry(
            correlation_id="3f1c1a4e-3c1b-4a51-9a57-0a0c7b1e5d11", at="2026-11-25T10:00:00+00:00",
            event=event, sender="officer@ashby.sch.uk", recipients=("a@yahoo.co.uk",),
            verdict=event if event == "blocked" else "hold", rules=("EMAIL-1", "EMAIL-4"),
            messages=("Sensitive information to a@yahoo.co.uk",), policy_version="v",
            quarantine_id=qid,
        )  # fmt: skip

    sink = DjangoNearMissSink()
    sink.near_miss_record(entry=entry("held", "20261125T100000Z-abcd1234"))
    sink.near_miss_record(entry=entry("held", "20261125T100000Z-abcd1234"))  # a retry
    sink.near_miss_record(entry=entry("rejected", "20261125T100000Z-abcd1234"))
    held = NearMiss.objects.get()
    assert held.kind == "email_held"
    assert held.channel == "email"
    assert held.rule == "EMAIL-1"
    assert "yahoo" not in held.summary
    assert EmailNearMiss.objects.count() == 3


def test_a_retried_held_message_gives_one_dpo_near_miss_the_model_order_would_pick():
    """The capture's look-up of an earlier entry with the same source and kind (a prepared
    query) returns what `NearMiss.objects.filter(...).first()` returns."""
    import datetime as dt

    from django.utils import timezone

    from safehaven.oversight.models import NearMiss
    from safehaven.oversight.services import near_miss_capture, near_miss_record

    held = NearMissEntry(
        correlation_id="3f1c1a4e-3c1b-4a51-9a57-0a0c7b1e5d11",
        at="2026-11-25T10:00:00+00:00",
        event="held",
        sender="officer@ashby.sch.uk",
        recipients=("x@webmail.example",),
        verdict="hold",
        rules=("EMAIL-1",),
        messages=("held",),
        policy_version="p1",
        quarantine_id="q-1",
    )
    DjangoNearMissSink().near_miss_record(entry=held)
    DjangoNearMissSink().near_miss_record(entry=held)
    assert NearMiss.objects.filter(source_reference="email:q-1").count() == 1

    now = timezone.now()
    for minutes in (5, 1, 3):  # two more with one source: the latest is the one returned
        near_miss_record(
            channel="email", kind="email_held", summary="Email held", source_reference="email:q-2",
            occurred_at=now - dt.timedelta(minutes=minutes),
        )  # fmt: skip
    near_miss_record(
        channel="email", kind="email_blocked", summary="b", source_reference="email:q-2"
    )
    expected = NearMiss.objects.filter(source_reference="email:q-2", kind="email_held").first()
    got = near_miss_capture(
        channel="email", kind="email_held", rule="", summary="again", source_reference="email:q-2"
    )
    assert got.pk == expected.pk
    assert got.occurred_at == now - dt.timedelta(minutes=1)
    assert NearMiss.objects.filter(source_reference="email:q-2").count() == 4
