"""Fax: the switch, safe-haven assessments, jobs and their attempts, speed dials, incoming faxes.

States move only through `fax.services`; every move is an event row (who, when, rule).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from safehaven.records.models import FaxNumber, Organisation, ServiceUser
from safehaven.register.models import Disclosure, LawfulBasis


class FaxPolicy(models.Model):
    """The organisation's switch: fax is off until the DPO or an administrator turns it on."""

    enabled = models.BooleanField(default=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    changed_at = models.DateTimeField(null=True, blank=True)
    reason = models.TextField(blank=True)
    receipt_due_hours = models.PositiveIntegerField(default=24)
    max_attempts = models.PositiveIntegerField(default=3)
    sender_organisation = models.CharField(max_length=200, blank=True)
    sender_phone = models.CharField(max_length=30, blank=True)
    sender_fax = models.CharField(max_length=30, blank=True)

    def __str__(self) -> str:
        return "Fax switched on" if self.enabled else "Fax switched off"


class SafeHavenAssessment(models.Model):
    """One assessment of a fax number (FAX-2, FAX-3): the answers someone at the recipient
    gave, who gave them, who recorded them, and when it must be reviewed."""

    fax_number = models.ForeignKey(FaxNumber, on_delete=models.PROTECT, related_name="assessments")
    # FAX-3: the three questions the guidance asks.
    secure_office = models.BooleanField(help_text="Is the fax machine sited in a secure office?")
    shared_departments = models.BooleanField(help_text="Is it used by more than one department?")
    designated_collectors = models.BooleanField(
        help_text="Are there designated people who collect the faxes?"
    )
    # FAX-2: the other criteria of a safe haven.
    written_policy = models.BooleanField(
        help_text="Does the receiving organisation have a written fax-handling policy its "
        "staff understand?"
    )
    answered_by_name = models.CharField(max_length=200)
    answered_by_role = models.CharField(max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField()
    review_due = models.DateField()
    safe_haven = models.BooleanField()
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["-recorded_at", "-pk"]
        get_latest_by = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.fax_number}: {'safe haven' if self.safe_haven else 'not a safe haven'}"


class FaxJob(models.Model):
    """One fax about a service user to a named recipient (or a speed-dial test sheet)."""

    class State(models.TextChoices):
        CREATED = "created", "Details recorded"
        NUMBER_ENTERED = "number_entered", "Number entered"
        READY = "ready", "Safe haven checked: confirm the number"
        SENT = "sent", "Sent: waiting for the machine to confirm"
        FAILED = "failed", "Transmission failed: retry"
        TRANSMITTED = "transmitted", "Transmitted: waiting for the receipt"
        RECEIPTED = "receipted", "Receipt confirmed"
        ABANDONED = "abandoned", "Stopped"

    class Kind(models.TextChoices):
        DISCLOSURE = "disclosure", "Service-user information"
        SPEED_DIAL_TEST = "speed_dial_test", "Speed-dial test (cover sheet only)"

    class NumberSource(models.TextChoices):
        DIRECTORY = "directory", "From the fax directory"
        KEYED = "keyed", "Keyed twice"
        SPEED_DIAL = "speed_dial", "Speed dial"

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    correlation_id = models.UUIDField(default=uuid.uuid4, editable=False)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.DISCLOSURE)
    state = models.CharField(max_length=20, choices=State.choices, default=State.CREATED)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="fax_jobs"
    )
    service_user = models.ForeignKey(
        ServiceUser, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recipient_name = models.CharField(max_length=200)
    recipient_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recipient_organisation_name = models.CharField(max_length=200, blank=True)
    reason = models.TextField(blank=True)
    summary = models.TextField(blank=True, help_text="What the fax contains, for the register.")
    lawful_basis = models.CharField(
        max_length=20, choices=LawfulBasis.choices, default=LawfulBasis.NONE
    )
    lawful_basis_justification = models.TextField(blank=True)
    document = models.BinaryField(blank=True, default=b"")
    document_pages = models.PositiveIntegerField(default=0)
    # FAX-5, FAX-8: the number and how it was confirmed.
    number_source = models.CharField(max_length=12, choices=NumberSource.choices, blank=True)
    fax_number = models.ForeignKey(
        FaxNumber, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    number = models.CharField(max_length=20, blank=True)
    number_confirmed_at = models.DateTimeField(null=True, blank=True)
    # FAX-1..FAX-4: the assessment relied on and the warning call.
    assessment = models.ForeignKey(
        SafeHavenAssessment, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    warning_call_at = models.DateTimeField(null=True, blank=True)
    warning_call_spoke_to = models.CharField(max_length=200, blank=True)
    warning_call_note = models.TextField(blank=True)
    # FAX-6: the receipt.
    receipt_requested_from = models.CharField(max_length=200, blank=True)
    receipt_due_at = models.DateTimeField(null=True, blank=True)
    receipt_reminded_at = models.DateTimeField(null=True, blank=True)
    receipt_confirmed_at = models.DateTimeField(null=True, blank=True)
    receipt_confirmed_by_name = models.CharField(max_length=200, blank=True)
    # FAX-7, FAX-11: what went and what the machine said.
    total_pages = models.PositiveIntegerField(default=0)
    fax_pdf = models.BinaryField(blank=True, default=b"")
    sent_at = models.DateTimeField(null=True, blank=True)
    transmitted_at = models.DateTimeField(null=True, blank=True)
    pages_transmitted = models.PositiveIntegerField(null=True, blank=True)
    disclosure = models.ForeignKey(
        Disclosure, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    stopped_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["state", "receipt_due_at"], name="fax_state_receipt_due"),
            models.Index(fields=["created_by", "created_at"], name="fax_officer_created"),
        ]

    def __str__(self) -> str:
        return f"Fax job {self.short_reference}"

    @property
    def short_reference(self) -> str:
        return "FX-" + str(self.reference)[:8].upper()

    @property
    def is_open(self) -> bool:
        return self.state not in {self.State.RECEIPTED, self.State.ABANDONED}

    @property
    def organisation_name(self) -> str:
        if self.recipient_organisation is not None:
            return self.recipient_organisation.name
        return self.recipient_organisation_name


class FaxJobEvent(models.Model):
    job = models.ForeignKey(FaxJob, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    from_state = models.CharField(max_length=20, blank=True)
    to_state = models.CharField(max_length=20)
    rule = models.CharField(max_length=10)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_state or 'new'} -> {self.to_state} ({self.rule})"


class TransmissionAttempt(models.Model):
    """One hand-over to the transport driver and what the machine reported (FAX-11)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for the machine"
        CONFIRMED = "confirmed", "Confirmed by the machine"
        FAILED = "failed", "Failed"

    job = models.ForeignKey(FaxJob, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveIntegerField()
    driver = models.CharField(max_length=40)
    driver_reference = models.CharField(max_length=100, unique=True)
    submitted_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    reported_at = models.DateTimeField(null=True, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    detail = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["job", "number"]

    def __str__(self) -> str:
        return f"{self.driver_reference}: {self.status}"


class SpeedDial(models.Model):
    """A number programmed into the machine (FAX-9), usable only once tested (FAX-10)."""

    fax_number = models.OneToOneField(FaxNumber, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(unique=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    test_job = models.ForeignKey(
        FaxJob, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    tested_at = models.DateTimeField(null=True, blank=True)
    arrival_confirmed_by_name = models.CharField(max_length=200, blank=True)
    tested_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["position"]

    def __str__(self) -> str:
        return f"Speed dial {self.position}"

    @property
    def is_tested(self) -> bool:
        return self.tested_at is not None


class IncomingFax(models.Model):
    """A fax that arrived (FAX-12..FAX-14): routed to its named recipient at once, its pages
    reconciled with the cover sheet, its legibility recorded by whoever collects it."""

    class State(models.TextChoices):
        WAITING = "waiting", "Waiting to be collected"
        COLLECTED = "collected", "Collected"
        RESEND_REQUESTED = "resend_requested", "Resend requested from the sender"

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    source_name = models.CharField(max_length=200, unique=True)
    received_at = models.DateTimeField()
    from_number = models.CharField(max_length=40, blank=True)
    addressed_to = models.CharField(max_length=200, blank=True)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    pages_received = models.PositiveIntegerField()
    pages_declared = models.PositiveIntegerField(null=True, blank=True)
    reconciliation = models.CharField(max_length=12)
    reconciliation_message = models.CharField(max_length=300)
    pdf = models.BinaryField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.WAITING)
    collected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    collected_at = models.DateTimeField(null=True, blank=True)
    legible = models.BooleanField(null=True, blank=True)
    collection_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return self.short_reference

    @property
    def short_reference(self) -> str:
        return "IN-" + str(self.reference)[:8].upper()

    @property
    def alert(self) -> bool:
        return self.reconciliation != "match"
