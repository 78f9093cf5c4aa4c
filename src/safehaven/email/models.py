"""The DPO's near-miss log for email: blocked, held, released and rejected messages.

No message text is stored: who sent it, to whom, the verdict, the rules and the findings'
messages (which name recipient addresses, never the content), the policy version and, for a
quarantine decision, who decided and why. Nothing else in the tree had a near-miss model when
this was written, so this one is deliberately minimal.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


class EmailNearMiss(models.Model):
    class Event(models.TextChoices):
        BLOCKED = "blocked", "Blocked"
        HELD = "held", "Held for review"
        RELEASED = "released", "Released by an authoriser"
        REJECTED = "rejected", "Rejected by an authoriser"
        CHECKED = "checked", "Pre-send check stopped it"
        UNREGISTERED = "unregistered", "Disclosure could not be written to the register"
        VIEWED = "viewed", "Held message read by a reviewer"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    event = models.CharField(max_length=14, choices=Event.choices)
    correlation_id = models.CharField(max_length=64, blank=True)
    sender = models.CharField(max_length=254, blank=True)
    recipients = models.JSONField(default=list)
    verdict = models.CharField(max_length=10, blank=True)
    rules = models.JSONField(default=list)
    messages = models.JSONField(default=list)
    policy_version = models.CharField(max_length=200, blank=True)
    quarantine_id = models.CharField(max_length=64, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by_name = models.CharField(max_length=150, blank=True)
    reason = models.TextField(blank=True)
    # `core.email.checks.content_fingerprint` (subject and body, whitespace aside; a one-way
    # digest, no text) of a draft stopped at the pre-send check and of mail the gateway held or
    # blocked: how the two stages of one message are recognised.
    content_fingerprint = models.CharField(max_length=64, blank=True, db_index=True)
    # On the gateway's `held`/`blocked` row: the pre-send `checked` row of the same draft, which
    # its sender then sent anyway (one near miss for the DPO, two stages).
    presend = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="sent_anyway"
    )
    # `safehaven.gateway.sketch` of a stopped draft's text and of mail the gateway held or
    # blocked from a sender with such a draft (keyed 16-bit word hashes; no text): how a draft
    # changed after the pre-send check is still linked to it (`presend` set, the fingerprints
    # differ).
    content_sketch = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_event_display()} {self.at:%Y-%m-%d %H:%M}"


class EmailRecipientHistory(models.Model):
    """Who has written to whom through the gateway (EMAIL-4's "first time you write to ...").

    The register already says where personal information went; this also remembers mail that
    named nobody, so that a sender's usual correspondents are not "first time" forever. One row
    per sender and address; no subject or content.
    """

    sender = models.CharField(max_length=254)
    address = models.CharField(max_length=254)
    domain = models.CharField(max_length=254)
    first_at = models.DateTimeField(default=timezone.now)
    last_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["sender", "address"], name="mail_history_unique")
        ]
        indexes = [models.Index(fields=["sender", "domain"], name="mail_history_domain")]

    def __str__(self) -> str:
        return f"history {self.pk}"


class EmailOverride(models.Model):
    """A sender went on after a `warn` verdict and said why (the overrides report reads these).

    What was checked is identified by its SHA-256 digest and subject; the recipients only by
    their domains. No message text, no addresses, no finding messages (they can name people).
    """

    class Source(models.TextChoices):
        PAGE = "page", "Pre-send page"
        API = "api", "Pre-send API"

    at = models.DateTimeField(default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    username = models.CharField(max_length=150)
    rules = models.JSONField(default=list)
    justification = models.TextField()
    message_digest = models.CharField(max_length=64)
    # `core.email.checks.content_fingerprint` of the checked subject and body: the gateway
    # finds the override of a message it relays by it (with the sender and recipients' domains).
    content_fingerprint = models.CharField(max_length=64, blank=True, db_index=True)
    subject = models.CharField(max_length=300, blank=True)
    recipient_domains = models.JSONField(default=list)
    policy_version = models.CharField(max_length=200, blank=True)
    source = models.CharField(max_length=4, choices=Source.choices)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"Override {self.pk} {self.at:%Y-%m-%d %H:%M}"

    @property
    def reference(self) -> str:
        return f"EO-{self.pk}"


class EmailOverrideMatch(models.Model):
    """The gateway relayed a message whose warning its sender had overridden at the pre-send
    check: which override, which relayed message (the gateway's correlation id, also in the
    relayed message's header and in any register entry), and whether the override named every
    rule the gateway warned about (`covered`; the gateway may know more than the page did)."""

    override = models.ForeignKey(EmailOverride, on_delete=models.CASCADE, related_name="matches")
    at = models.DateTimeField(default=timezone.now)
    correlation_id = models.CharField(max_length=64)
    message_id = models.CharField(max_length=250, blank=True)
    verdict = models.CharField(max_length=10)
    rules = models.JSONField(default=list)
    covered = models.BooleanField(default=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"Override match {self.pk}"


class RecordsStamp(models.Model):
    """A counter per group of records tables, moved by database triggers on every change.

    The gateway's check workers keep what they read from the records (contacts, consents,
    restrictions, the service-user index, the policy) between messages and read these rows
    first: a changed counter empties their copies (`safehaven.email.records_cache`). Triggers
    (not signals) so that a change from any process, a bulk update or an import is seen.
    """

    source = models.CharField(max_length=40, primary_key=True)
    n = models.BigIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.source} {self.n}"


class DeciderNotice(models.Model):
    """When a person who decides held mail was last sent the gateway's notice that mail waits
    for them, by address (lower case): every gateway process and a restarted one read and write
    it, so each person gets at most one notice per interval (`safehaven gateway
    --decider-notice-minutes`). An address and a time only: nothing of any message."""

    address = models.CharField(max_length=254, primary_key=True)
    notified_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Decider notice {self.notified_at:%Y-%m-%d %H:%M}"
