"""Pushing amendments to subscribed systems (LET-5): subscriptions, signing and delivery.

Delivery is at-least-once. `changes_record` puts one `WebhookDelivery` row per change per
active subscription in the outbox, in the transaction that made the change. `deliver_due()`
(the `safehaven deliver-webhooks` command, or the administrators' "Send now" button) claims
due rows, POSTs each change as JSON signed with HMAC-SHA256, and marks it delivered on a 2xx
answer. Anything else (refused connection, timeout, 3xx/4xx/5xx) is retried with exponential
backoff until `max_attempts`, then marked failed for an administrator to see and retry.

A receiver must treat `X-SafeHaven-Delivery` as an idempotency key (the same delivery can
arrive twice if SafeHaven stops between sending and recording the answer) and may order
changes by `change_id`. Logs name delivery ids and status codes only, never the payload.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress
import json
import logging
import secrets
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from safehaven.records.changes import change_as_dict
from safehaven.records.models import ChangeRecord, WebhookDelivery, WebhookSubscription

logger = logging.getLogger("safehaven.records.webhooks")

SIGNATURE_HEADER = "X-SafeHaven-Signature"
DELIVERY_HEADER = "X-SafeHaven-Delivery"
TIMESTAMP_HEADER = "X-SafeHaven-Timestamp"
EVENT = "record.changed"
DEFAULT_MAX_ATTEMPTS = 8
BASE_DELAY = dt.timedelta(seconds=30)
MAX_DELAY = dt.timedelta(hours=6)
CLAIM_LEASE = dt.timedelta(minutes=2)
TIMEOUT_SECONDS = 10.0
SIGNATURE_TOLERANCE = dt.timedelta(minutes=5)


class WebhookError(ValueError):
    """Bad subscription input; `field` names the field."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


# Subscriptions (administrators).


def _is_local_host(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def clean_url(url: str) -> str:
    url = (url or "").strip()
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise WebhookError("Enter the receiving system's address, starting https://", field="url")
    if parts.scheme == "http" and not _is_local_host(parts.hostname):
        raise WebhookError(
            "Use an https:// address: personal details must not cross the network "
            "unencrypted (http:// is allowed only for this machine).",
            field="url",
        )
    if parts.username or parts.password:
        raise WebhookError(
            "Do not put a username or password in the address; the signature proves who "
            "is sending.",
            field="url",
        )
    if len(url) > 500:
        raise WebhookError("The address must be 500 characters or fewer.", field="url")
    try:
        URLValidator(schemes=["https", "http"])(url)
    except ValidationError:
        raise WebhookError(
            "Enter a full web address, like https://mis.example.org/safehaven", field="url"
        ) from None
    return url


def _record_types(values) -> list[str]:
    values = list(dict.fromkeys(values or []))
    bad = [v for v in values if v not in ChangeRecord.RecordType.values]
    if bad or not values:
        raise WebhookError("Choose at least one kind of record to send.", field="record_types")
    return values


def subscription_create(
    *, name: str, url: str, record_types, user, active: bool = True, secret: str = ""
) -> WebhookSubscription:
    name = " ".join((name or "").split())
    if not name:
        raise WebhookError("Enter a name for the receiving system.", field="name")
    if len(name) > 100:
        raise WebhookError("The name must be 100 characters or fewer.", field="name")
    if WebhookSubscription.objects.filter(name__iexact=name).exists():
        raise WebhookError("A subscription with this name already exists.", field="name")
    return WebhookSubscription.objects.create(
        name=name,
        url=clean_url(url),
        record_types=_record_types(record_types),
        active=active,
        secret=secret or secrets.token_urlsafe(32),
        created_by=user,
    )


def subscription_update(
    *, subscription: WebhookSubscription, url: str, record_types, active: bool
) -> WebhookSubscription:
    subscription.url = clean_url(url)
    subscription.record_types = _record_types(record_types)
    subscription.active = active
    subscription.updated_at = timezone.now()
    subscription.save(update_fields=["url", "record_types", "active", "updated_at"])
    return subscription


def subscription_new_secret(*, subscription: WebhookSubscription) -> WebhookSubscription:
    subscription.secret = secrets.token_urlsafe(32)
    subscription.updated_at = timezone.now()
    subscription.save(update_fields=["secret", "updated_at"])
    return subscription


def delivery_retry(*, delivery: WebhookDelivery) -> WebhookDelivery:
    """An administrator sends a failed delivery again (the attempt count starts again)."""
    if delivery.status != WebhookDelivery.Status.FAILED:
        raise WebhookError("Only a failed delivery can be sent again.")
    delivery.status = WebhookDelivery.Status.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
    return delivery


# Signing.


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """`t=<unix time>,sha256=<hex HMAC-SHA256 of "<t>." + body>`."""
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},sha256={mac.hexdigest()}"


def signature_verify(
    secret: str, body: bytes, header: str, *, now: float | None = None, tolerance=None
) -> bool:
    """What a receiver does: recompute the HMAC and refuse old timestamps (replays)."""
    try:
        parts = dict(p.split("=", 1) for p in header.split(","))
        timestamp = int(parts["t"])
        given = parts["sha256"]
    except (KeyError, ValueError):
        return False
    tolerance = tolerance or SIGNATURE_TOLERANCE
    now = time.time() if now is None else now
    if abs(now - timestamp) > tolerance.total_seconds():
        return False
    expected = sign(secret, timestamp, body).split("sha256=", 1)[1]
    return hmac.compare_digest(expected, given)


def payload(delivery: WebhookDelivery) -> dict:
    return {
        "event": EVENT,
        "delivery_id": str(delivery.delivery_id),
        "subscription": delivery.subscription.name,
        "attempt": delivery.attempts + 1,
        "change": change_as_dict(delivery.change),
    }


# Delivery.


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is a failure: following it could send personal details somewhere else."""

    def redirect_request(self, *args, **kwargs):
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def backoff(attempts: int, base: dt.timedelta = BASE_DELAY) -> dt.timedelta:
    """Wait before the next attempt after `attempts` failures: base x 2^(attempts-1), capped."""
    return min(base * (2 ** max(attempts - 1, 0)), MAX_DELAY)


@dataclass
class DeliveryRun:
    attempted: int = 0
    delivered: int = 0
    retrying: int = 0
    failed: int = 0
    problems: list[str] = field(default_factory=list)


def _post(url: str, body: bytes, headers: dict, timeout: float) -> tuple[int | None, str]:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")  # noqa: S310 (https, or http to loopback: clean_url)
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            response.read(1024)
            return response.status, ""
    except urllib.error.HTTPError as exc:
        return exc.code, f"HTTP {exc.code}"
    except urllib.error.URLError as exc:
        return None, f"could not connect: {type(exc.reason).__name__}"[:200]
    except (TimeoutError, OSError, ValueError) as exc:
        return None, f"network error: {type(exc).__name__}"[:200]


def _claim(
    limit: int, now: dt.datetime, lease: dt.timedelta = CLAIM_LEASE
) -> list[WebhookDelivery]:
    """Due deliveries this worker now owns: each row is moved forward by a lease with a
    conditional UPDATE, so two workers never send the same row at once (any database)."""
    candidates = list(
        WebhookDelivery.objects.filter(
            status=WebhookDelivery.Status.PENDING,
            next_attempt_at__lte=now,
            subscription__active=True,
        )
        .order_by("next_attempt_at", "id")
        .values_list("pk", "next_attempt_at")[:limit]
    )
    claimed = []
    lease_until = now + lease
    for pk, due in candidates:
        won = WebhookDelivery.objects.filter(
            pk=pk, status=WebhookDelivery.Status.PENDING, next_attempt_at=due
        ).update(next_attempt_at=lease_until)
        if won:
            claimed.append(pk)
    return list(
        WebhookDelivery.objects.filter(pk__in=claimed)
        .select_related("subscription", "change__service_user", "change__changed_by")
        .order_by("change_id", "id")
    )


def _request(delivery: WebhookDelivery) -> tuple[str, bytes, dict]:
    sub = delivery.subscription
    body = json.dumps(payload(delivery), separators=(",", ":"), sort_keys=True).encode()
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "SafeHaven-webhooks/1",
        DELIVERY_HEADER: str(delivery.delivery_id),
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: sign(sub.secret, timestamp, body),
    }
    return sub.url, body, headers


def deliver_due(
    *,
    max_attempts: int = DEFAULT_MAX_ATTEMPTS,
    limit: int = 100,
    timeout: float = TIMEOUT_SECONDS,
    base_delay: dt.timedelta = BASE_DELAY,
    now: dt.datetime | None = None,
    concurrency: int = 1,
) -> DeliveryRun:
    """Sends every delivery due now (at most `limit`), once each. Safe to call from several
    processes at once, and from the web process (the administrators' "Send now" button).

    With `concurrency` > 1 the POSTs of a round go out from that many threads at once; the
    database is read and written by the calling thread only."""
    if max_attempts < 1:
        raise ValueError("max_attempts must be at least 1")
    if concurrency < 1:
        raise ValueError("concurrency must be at least 1")
    run = DeliveryRun()
    now = now or timezone.now()
    # The lease outlasts the slowest possible round, so no other worker takes these rows
    # while this one is still sending them.
    rounds = -(-limit // concurrency)
    lease = max(CLAIM_LEASE, dt.timedelta(seconds=timeout * rounds + 30))
    claimed = _claim(limit, now, lease)
    requests = [_request(d) for d in claimed]
    if concurrency == 1 or len(claimed) < 2:
        answers = [_post(url, body, headers, timeout) for url, body, headers in requests]
    else:
        with ThreadPoolExecutor(max_workers=min(concurrency, len(claimed))) as pool:
            answers = list(pool.map(lambda r: _post(*r, timeout), requests))
    for delivery, (status, error) in zip(claimed, answers, strict=True):
        run.attempted += 1
        attempted_at = timezone.now()
        attempts = delivery.attempts + 1
        update = {
            "attempts": F("attempts") + 1,
            "last_attempt_at": attempted_at,
            "last_status_code": status,
            "last_error": error,
        }
        if status is not None and 200 <= status < 300:
            update |= {"status": WebhookDelivery.Status.DELIVERED, "delivered_at": attempted_at}
            run.delivered += 1
            outcome = "delivered"
        elif attempts >= max_attempts:
            update |= {"status": WebhookDelivery.Status.FAILED}
            run.failed += 1
            outcome = "failed"
        else:
            wait = backoff(attempts, base_delay)
            update |= {"next_attempt_at": max(attempted_at, now) + wait}
            run.retrying += 1
            outcome = "retrying"
        if not error and outcome != "delivered":
            update["last_error"] = f"HTTP {status}"
        with transaction.atomic():
            WebhookDelivery.objects.filter(pk=delivery.pk).update(**update)
        # Ids and status codes only: no personal data in logs.
        logger.log(
            logging.DEBUG if outcome == "delivered" else logging.WARNING,
            "webhook delivery %s to subscription %s attempt %s: %s (%s)",
            delivery.delivery_id,
            delivery.subscription_id,
            attempts,
            outcome,
            status if status is not None else update["last_error"],
        )
        if outcome != "delivered":
            run.problems.append(f"{delivery.delivery_id}: {update['last_error']}")
    return run


def deliveries_failed():
    return (
        WebhookDelivery.objects.filter(status=WebhookDelivery.Status.FAILED)
        .select_related("subscription", "change")
        .order_by("-last_attempt_at", "-id")
    )


def delivery_counts() -> dict[str, int]:
    from django.db.models import Count

    rows = WebhookDelivery.objects.values("status").annotate(n=Count("id"))
    counts = {s: 0 for s in WebhookDelivery.Status.values}
    counts.update({r["status"]: r["n"] for r in rows})
    return counts
