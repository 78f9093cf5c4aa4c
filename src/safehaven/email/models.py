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

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_event_display()} {self.at:%Y-%m-%d %H:%M}"
