"""A telephone request for service-user information and the log of every step it took."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from safehaven.records.models import Consent, Organisation, ServiceUser, Switchboard
from safehaven.register.models import Disclosure, LawfulBasis


class TelephoneRequest(models.Model):
    """One caller asking about one child. States move only through `telephone.services`."""

    class State(models.TextChoices):
        LOGGED = "logged", "Call logged"
        IDENTIFIED = "identified", "Service user identified"
        CALLBACK_CHECKED = "callback_checked", "Callback number checked"
        AWAITING_AUTHORISATION = "awaiting_authorisation", "Waiting for a manager"
        AUTHORISED = "authorised", "Authorised: return the call"
        DISCLOSED = "disclosed", "Call returned and disclosure recorded"
        REFUSED = "refused", "Stopped: nothing shared"

    class CallerKind(models.TextChoices):
        PARTNER = "partner", "External partner or provider"

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    correlation_id = models.UUIDField(default=uuid.uuid4, editable=False)
    state = models.CharField(max_length=30, choices=State.choices, default=State.LOGGED)
    received_at = models.DateTimeField(help_text="Set by the server when the call is logged.")
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="telephone_requests"
    )
    # TEL-2: who is calling.
    caller_kind = models.CharField(
        max_length=20, choices=CallerKind.choices, default=CallerKind.PARTNER
    )
    caller_name = models.CharField(max_length=200)
    caller_number = models.CharField(max_length=20, help_text="As given by the caller (E.164).")
    caller_job_title = models.CharField(max_length=200, blank=True)
    caller_department = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    organisation_name = models.CharField(
        max_length=200, blank=True, help_text="As given, when the organisation is not listed."
    )
    # TEL-4: why.
    reason = models.TextField()
    purpose = models.CharField(max_length=20, choices=Consent.Purpose.choices)
    information_requested = models.TextField(blank=True)
    # TEL-3: who the caller says the child is, and who we matched.
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    date_of_birth = models.DateField()
    given_reference = models.CharField(max_length=40, blank=True)
    service_user = models.ForeignKey(
        ServiceUser, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    match_evidence = models.CharField(max_length=300, blank=True)
    # TEL-5: where the call goes back to.
    switchboard = models.ForeignKey(
        Switchboard, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    callback_number = models.CharField(max_length=20, blank=True)
    # TEL-7: on what basis.
    lawful_basis = models.CharField(
        max_length=20, choices=LawfulBasis.choices, default=LawfulBasis.NONE
    )
    consent = models.ForeignKey(
        Consent, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    lawful_basis_justification = models.TextField(blank=True)
    # TEL-6: who agreed.
    authoriser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="telephone_authorisations",
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(blank=True)
    # TEL-8 and TEL-9: the call returned and what was said.
    returned_at = models.DateTimeField(null=True, blank=True)
    spoke_to_name = models.CharField(max_length=200, blank=True)
    disclosed_summary = models.TextField(blank=True)
    disclosure = models.ForeignKey(
        Disclosure, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A stop at any step.
    refused_at = models.DateTimeField(null=True, blank=True)
    refusal_reason = models.TextField(blank=True)
    refusal_rule = models.CharField(max_length=10, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "received_at"], name="tel_state_received"),
            models.Index(fields=["received_by", "received_at"], name="tel_officer_received"),
        ]

    def __str__(self) -> str:
        return f"Telephone request {str(self.reference)[:8]}"

    @property
    def short_reference(self) -> str:
        return str(self.reference)[:8].upper()

    @property
    def is_open(self) -> bool:
        return self.state not in {self.State.DISCLOSED, self.State.REFUSED}

    @property
    def recipient_organisation_name(self) -> str:
        return self.organisation.name if self.organisation else self.organisation_name


class TelephoneRequestEvent(models.Model):
    """Who moved a request from one state to another, when, why, and under which rule."""

    request = models.ForeignKey(TelephoneRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    from_state = models.CharField(max_length=30, choices=TelephoneRequest.State.choices, blank=True)
    to_state = models.CharField(max_length=30, choices=TelephoneRequest.State.choices)
    rule = models.CharField(max_length=10)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_state or 'new'} -> {self.to_state} ({self.rule})"
