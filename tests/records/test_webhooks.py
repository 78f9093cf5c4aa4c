"""Pushing amendments to subscribed systems (LET-5), against a real HTTP server on loopback:
signed JSON, an idempotency key per delivery, retries with exponential backoff, failures
after N attempts, nothing lost when the receiver is down and comes back."""

from __future__ import annotations

import datetime as dt
import json
import logging
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.utils import timezone

from safehaven.records import services, webhooks
from safehaven.records.models import WebhookDelivery
from safehaven.records.webhooks import (
    DELIVERY_HEADER,
    SIGNATURE_HEADER,
    WebhookError,
    backoff,
    deliver_due,
    signature_verify,
    subscription_create,
)

pytestmark = [pytest.mark.django_db, pytest.mark.rule("LET-5")]


class Receiver:
    """A receiving system: http.server in a thread on 127.0.0.1, answering with the status
    codes queued in `answers` (then 200), and keeping what it was sent.

    `listen=False` binds the port without listening until `start()`: connections to it are
    refused meanwhile, and no other process can take the port (as it could a port found free
    and closed again)."""

    def __init__(self, port: int = 0, *, listen: bool = True):
        self.received: list[dict] = []
        self.answers: list[int] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(
                    {
                        "body": body,
                        "json": json.loads(body),
                        "delivery": self.headers[DELIVERY_HEADER],
                        "signature": self.headers[SIGNATURE_HEADER],
                        "content_type": self.headers["Content-Type"],
                    }
                )
                status = receiver.answers.pop(0) if receiver.answers else 200
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler, bind_and_activate=False)
        self.server.server_bind()
        self.port = self.server.server_address[1]
        self.thread: threading.Thread | None = None
        if listen:
            self.start()

    def start(self) -> None:
        self.server.server_activate()
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hook"

    def stop(self) -> None:
        if self.thread is not None:
            self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.stop()


@pytest.fixture
def receiver_down():
    """A receiver whose port is held but refuses connections until `start()`."""
    r = Receiver(listen=False)
    yield r
    r.stop()


def _amend(service_user, officer, **changes):
    return services.service_user_amend(
        service_user=service_user, user=officer, reason="Parent phoned", **changes
    )


def test_a_change_is_posted_as_signed_json_with_a_delivery_id(
    receiver, service_user, officer, administrator
):
    sub = subscription_create(
        name="MIS", url=receiver.url, record_types=["service_user"], user=administrator
    )
    [change] = _amend(service_user, officer, given_name="Ann")
    run = deliver_due()
    assert (run.attempted, run.delivered) == (1, 1)
    [got] = receiver.received
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == WebhookDelivery.Status.DELIVERED
    assert delivery.attempts == 1
    assert got["delivery"] == str(delivery.delivery_id)
    assert got["content_type"] == "application/json"
    assert signature_verify(sub.secret, got["body"], got["signature"])
    assert not signature_verify("wrong secret", got["body"], got["signature"])
    assert not signature_verify(sub.secret, got["body"] + b" ", got["signature"])
    payload = got["json"]
    assert payload["event"] == "record.changed"
    assert payload["delivery_id"] == str(delivery.delivery_id)
    assert payload["change"]["change_id"] == change.pk
    assert payload["change"]["field"] == "given_name"
    assert payload["change"]["new_value"] == "Ann"
    assert payload["change"]["reason"] == "Parent phoned"
    assert payload["change"]["changed_by"] == officer.username
    assert payload["change"]["service_user_reference"] == service_user.reference
    # Sent once: a second run has nothing to do.
    assert deliver_due().attempted == 0
    assert len(receiver.received) == 1


def test_an_old_signature_is_refused_by_the_verifier(receiver, service_user, officer, dpo):
    sub = subscription_create(name="MIS", url=receiver.url, record_types=["service_user"], user=dpo)
    _amend(service_user, officer, given_name="Ann")
    deliver_due()
    got = receiver.received[0]
    sent_at = int(got["signature"].split(",")[0][2:])
    assert signature_verify(sub.secret, got["body"], got["signature"], now=sent_at + 60)
    assert not signature_verify(sub.secret, got["body"], got["signature"], now=sent_at + 3600)


def test_receiver_down_then_up_retries_and_loses_nothing(
    receiver_down, service_user, officer, administrator
):
    subscription_create(
        name="MIS",
        url=receiver_down.url,
        record_types=["service_user", "related_person"],
        user=administrator,
    )
    changes = _amend(service_user, officer, given_name="Ann", family_name="Lee")
    assert len(changes) == 2
    # Nobody listens: both attempts fail and wait for the backoff.
    start = timezone.now()
    run = deliver_due(now=start)
    assert (run.attempted, run.retrying, run.delivered) == (2, 2, 0)
    for d in WebhookDelivery.objects.all():
        assert d.status == WebhookDelivery.Status.PENDING
        assert d.attempts == 1
        assert d.last_error.startswith("could not connect")
        assert d.next_attempt_at >= start + webhooks.BASE_DELAY
    assert deliver_due(now=start).attempted == 0  # not due yet
    # A change made while the receiver is down queues up too.
    _amend(service_user, officer, preferred_name="Annie")
    receiver = receiver_down
    receiver.start()
    run = deliver_due(now=start + dt.timedelta(minutes=5))
    assert (run.attempted, run.delivered) == (3, 3)
    delivered = WebhookDelivery.objects.filter(status=WebhookDelivery.Status.DELIVERED)
    assert delivered.count() == 3
    got_changes = sorted(r["json"]["change"]["change_id"] for r in receiver.received)
    assert got_changes == sorted(WebhookDelivery.objects.values_list("change_id", flat=True))
    assert len({r["delivery"] for r in receiver.received}) == 3


def test_a_500_is_retried_with_the_same_delivery_id_then_marked_failed(
    receiver, service_user, officer, administrator
):
    subscription_create(
        name="MIS", url=receiver.url, record_types=["service_user"], user=administrator
    )
    _amend(service_user, officer, given_name="Ann")
    receiver.answers = [500, 500, 500]
    now = timezone.now()
    assert deliver_due(max_attempts=3, now=now).retrying == 1
    d = WebhookDelivery.objects.get()
    assert (d.attempts, d.last_status_code, d.last_error) == (1, 500, "HTTP 500")
    first_wait = d.next_attempt_at - now
    assert deliver_due(max_attempts=3, now=d.next_attempt_at).retrying == 1
    d.refresh_from_db()
    second_wait = d.next_attempt_at - d.last_attempt_at
    assert second_wait >= first_wait * 2 - dt.timedelta(seconds=1)  # exponential
    run = deliver_due(max_attempts=3, now=d.next_attempt_at)
    assert run.failed == 1
    d.refresh_from_db()
    assert d.status == WebhookDelivery.Status.FAILED
    assert d.attempts == 3
    assert list(webhooks.deliveries_failed()) == [d]
    # Every attempt carried the same idempotency key.
    assert {r["delivery"] for r in receiver.received} == {str(d.delivery_id)}
    assert len(receiver.received) == 3
    # An administrator sends it again; the receiver is fine now.
    webhooks.delivery_retry(delivery=d)
    assert deliver_due(max_attempts=3).delivered == 1
    d.refresh_from_db()
    assert d.status == WebhookDelivery.Status.DELIVERED


def test_a_redirect_is_not_followed(receiver, service_user, officer, administrator):
    subscription_create(
        name="MIS", url=receiver.url, record_types=["service_user"], user=administrator
    )
    _amend(service_user, officer, given_name="Ann")
    receiver.answers = [302]
    run = deliver_due(max_attempts=1)
    assert run.failed == 1
    assert WebhookDelivery.objects.get().last_status_code == 302


def test_backoff_doubles_and_is_capped():
    base = dt.timedelta(seconds=30)
    assert [backoff(n, base).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert backoff(30, base) == webhooks.MAX_DELAY


def test_a_claimed_delivery_is_not_sent_by_a_second_worker(
    receiver, service_user, officer, administrator
):
    subscription_create(
        name="MIS", url=receiver.url, record_types=["service_user"], user=administrator
    )
    _amend(service_user, officer, given_name="Ann")
    now = timezone.now()
    first = webhooks._claim(10, now)
    second = webhooks._claim(10, now)
    assert len(first) == 1
    assert second == []


def test_a_paused_subscription_keeps_its_deliveries_until_switched_on(
    receiver, service_user, officer, administrator
):
    sub = subscription_create(
        name="MIS", url=receiver.url, record_types=["service_user"], user=administrator
    )
    _amend(service_user, officer, given_name="Ann")
    webhooks.subscription_update(
        subscription=sub, url=sub.url, record_types=sub.record_types, active=False
    )
    assert deliver_due().attempted == 0
    webhooks.subscription_update(
        subscription=sub, url=sub.url, record_types=sub.record_types, active=True
    )
    assert deliver_due().delivered == 1


def test_logs_hold_no_personal_data(receiver, service_user, officer, administrator, caplog):
    subscription_create(
        name="MIS", url=receiver.url, record_types=["service_user"], user=administrator
    )
    _amend(service_user, officer, given_name="Zebedee", nhs_number="9434765919")
    receiver.answers = [500]
    with caplog.at_level(logging.DEBUG):
        deliver_due()
        deliver_due(now=timezone.now() + dt.timedelta(hours=1))
    text = caplog.text
    assert "webhook delivery" in text
    for secret in ("Zebedee", "9434765919", service_user.family_name, service_user.reference):
        assert secret not in text


def test_the_command_sends_once_and_reports(receiver, service_user, officer, administrator):
    subscription_create(
        name="MIS", url=receiver.url, record_types=["service_user"], user=administrator
    )
    _amend(service_user, officer, given_name="Ann", family_name="Lee")
    receiver.answers = [200, 500]
    from io import StringIO

    out = StringIO()
    call_command("deliver-webhooks", "--once", "--max-attempts", "1", stdout=out)
    problems = list(WebhookDelivery.objects.values_list("status", "last_error"))
    assert out.getvalue().strip() == "Sent 2: 1 delivered, 0 to retry later, 1 failed.", problems
    assert WebhookDelivery.objects.filter(status="failed").count() == 1


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://mis.example.org/hook", "https://"),
        ("ftp://mis.example.org/", "starting https://"),
        ("https://user:pw@mis.example.org/", "username or password"),
        ("", "starting https://"),
        ("https://mis example.org/hook", "full web address"),
    ],
)
def test_subscription_urls_must_be_https_except_loopback(administrator, url, message):
    with pytest.raises(WebhookError, match=message):
        subscription_create(name="X", url=url, record_types=["address"], user=administrator)


def test_a_subscription_needs_record_types_and_a_unique_name(administrator):
    with pytest.raises(WebhookError, match="at least one"):
        subscription_create(
            name="X", url="https://a.example.org/", record_types=[], user=administrator
        )
    subscription_create(
        name="MIS", url="https://a.example.org/", record_types=["address"], user=administrator
    )
    with pytest.raises(WebhookError, match="already exists"):
        subscription_create(
            name="mis", url="https://b.example.org/", record_types=["address"], user=administrator
        )


def test_concurrent_sending_delivers_each_change_once(
    receiver, service_user, officer, administrator
):
    subscription_create(
        name="MIS", url=receiver.url, record_types=["service_user"], user=administrator
    )
    for n in range(6):
        _amend(service_user, officer, preferred_name=f"P{n}")
    run = deliver_due(concurrency=4)
    assert (run.attempted, run.delivered) == (6, 6)
    assert sorted(r["delivery"] for r in receiver.received) == sorted(
        str(d) for d in WebhookDelivery.objects.values_list("delivery_id", flat=True)
    )
    assert not WebhookDelivery.objects.exclude(status="delivered").exists()
