"""An outgoing letter and the address queries that hold it (LET-1, LET-2, LET-3, POST-3, POST-4).

The letter stores the wording, not the address: the name and address are read from the current
record when it is printed, and only then copied onto the letter as what was printed.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q

from safehaven.accounts.models import Unit
from safehaven.records.models import ProfessionalContact, RelatedPerson, ServiceUser
from safehaven.register.models import Disclosure


class Letter(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", "Draft"
        HELD = "held", "Held: address query open"
        READY = "ready", "Ready to print"
        PRINTED = "printed", "Printed"
        DISPATCHED = "dispatched", "Dispatched"
        CANCELLED = "cancelled", "Cancelled"

    class Method(models.TextChoices):
        # Keys are the core delivery policy's method names (least to most secure).
        SECOND_CLASS = "second_class", "Royal Mail 2nd Class"
        FIRST_CLASS = "first_class", "Royal Mail 1st Class"
        SIGNED_FOR = "signed_for", "Royal Mail Signed For (1st Class)"
        SPECIAL_DELIVERY = "special_delivery", "Royal Mail Special Delivery Guaranteed"

    service_user = models.ForeignKey(ServiceUser, on_delete=models.PROTECT, related_name="+")
    # Exactly one of: a parent/carer of this child, or a professional contact (issue 5 part 1).
    recipient = models.ForeignKey(
        RelatedPerson, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recipient_contact = models.ForeignKey(
        ProfessionalContact, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    subject = models.CharField(max_length=200)
    template_text = models.TextField(help_text="Wording with $field placeholders.")
    profile = models.CharField(max_length=10, default="DL")
    state = models.CharField(max_length=20, choices=State.choices, default=State.DRAFT)
    # [{"code": ..., "rule": "LET-2", "message": ...}] found when last checked.
    hold_reasons = models.JSONField(default=list, blank=True)
    # What a query answer confirmed: the codes and the address it was about.
    confirmed_codes = models.JSONField(default=list, blank=True)
    confirmed_address_key = models.CharField(max_length=64, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    # POST-5: the person's decision on the de-sensitised version, when one was offered.
    desensitise_decision = models.CharField(
        max_length=10,
        choices=[("used", "De-sensitised version used"), ("kept", "Original kept")],
        blank=True,
    )
    desensitise_note = models.TextField(blank=True)
    desensitise_decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    desensitise_decided_at = models.DateTimeField(null=True, blank=True)

    # Filled when printed (LET-1: the snapshot of the current record at that moment).
    printed_name = models.CharField(max_length=200, blank=True)
    printed_address = models.TextField(blank=True)
    printed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    printed_at = models.DateTimeField(null=True, blank=True)
    pdf = models.BinaryField(null=True, blank=True)
    job_id = models.CharField(max_length=40, blank=True)

    # Filled when dispatched (POST-4).
    recommended_method = models.CharField(max_length=20, choices=Method.choices, blank=True)
    recommendation_reason = models.TextField(blank=True)
    classification = models.CharField(max_length=20, blank=True)
    method = models.CharField(max_length=20, choices=Method.choices, blank=True)
    tracking_number = models.CharField(max_length=40, blank=True)
    override_reason = models.TextField(blank=True)
    dispatched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    dispatched_at = models.DateTimeField(null=True, blank=True)
    disclosure = models.ForeignKey(
        Disclosure, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    # Returned by Royal Mail: the address it went to is flagged on the record (LET-2, LET-4).
    returned_at = models.DateTimeField(null=True, blank=True)
    returned_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(recipient__isnull=False) & Q(recipient_contact__isnull=True))
                | (Q(recipient__isnull=True) & Q(recipient_contact__isnull=False)),
                name="correspondence_letter_one_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"Letter {self.pk}: {self.subject}"

    @property
    def to_professional(self) -> bool:
        return self.recipient_contact_id is not None

    @property
    def recipient_name(self) -> str:
        """Who the letter is to, from the record as it is now."""
        if self.recipient_contact_id:
            return self.recipient_contact.name
        return self.recipient.full_name if self.recipient_id else ""

    @property
    def recipient_description(self) -> str:
        if self.recipient_contact_id:
            c = self.recipient_contact
            return ", ".join(v for v in (c.job_title, c.organisation.name) if v)
        return self.recipient.get_relationship_display() if self.recipient_id else ""


class AddressQuery(models.Model):
    """A question about the address put to the professional involved before anything is sent."""

    class Outcome(models.TextChoices):
        RELEASE = "release", "Address confirmed: release the letter"
        CANCEL = "cancel", "Do not send: cancel the letter"

    letter = models.ForeignKey(Letter, on_delete=models.CASCADE, related_name="queries")
    professional_name = models.CharField(max_length=200)
    professional_email = models.EmailField(blank=True)
    question = models.TextField()
    reasons = models.JSONField(default=list, blank=True)
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["raised_at", "pk"]
        verbose_name_plural = "address queries"

    def __str__(self) -> str:
        return f"Address query {self.pk} on letter {self.letter_id}"

    @property
    def is_open(self) -> bool:
        return not self.outcome


# Incoming post (POST-1): a date-stamped log, matched against the records and routed.


class IncomingPost(models.Model):
    """One item of post as it arrived: what was on it, who it was matched to and where it went.

    `received_at` is server time when it was logged, never typed. The `read_*` fields are what
    was read off the item, as read; the child it is routed to is `service_user`.
    """

    class Kind(models.TextChoices):
        LETTER = "letter", "Letter"
        FORM = "form", "Form"
        REPORT = "report", "Report"
        PARCEL = "parcel", "Parcel or packet"
        LEGAL = "legal", "Legal or court papers"
        RETURNED = "returned", "One of our letters, returned undelivered"
        OTHER = "other", "Other"

    class State(models.TextChoices):
        TRIAGE = "triage", "Waiting for triage"
        ROUTED = "routed", "With the worker"
        ACTIONED = "actioned", "Actioned"
        MISDIRECTED = "misdirected", "Not for us: sent back or on"

    class Match(models.TextChoices):
        DETERMINISTIC = "deterministic", "Identifier matches one record"
        CONFIDENT = "confident", "One confident match"
        AMBIGUOUS = "ambiguous", "Several possible matches"
        NONE = "none", "No match"
        NOT_TRIED = "not_tried", "Nothing to match on"

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    received_at = models.DateTimeField(editable=False, help_text="Server time when logged.")
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.LETTER)
    sender_name = models.CharField(max_length=200, blank=True)
    sender_organisation = models.CharField(max_length=200, blank=True)
    sender_address = models.TextField(blank=True)
    addressed_to = models.CharField(max_length=200, blank=True)
    subject = models.TextField(blank=True, help_text="What it is about, briefly.")
    marked_confidential = models.BooleanField(
        default=False, help_text="The envelope is marked private, confidential or addressee only."
    )
    read_upn = models.CharField(max_length=20, blank=True)
    read_nhs_number = models.CharField(max_length=20, blank=True)
    read_reference = models.CharField(max_length=40, blank=True)
    read_child_name = models.CharField(max_length=200, blank=True)
    read_date_of_birth = models.DateField(null=True, blank=True)
    read_postcode = models.CharField(max_length=12, blank=True)
    our_letter = models.ForeignKey(
        "Letter", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    sensitive = models.BooleanField(default=False)
    sensitivity_reasons = models.JSONField(default=list, blank=True)
    match_outcome = models.CharField(max_length=15, choices=Match.choices, default=Match.NOT_TRIED)
    # [{"service_user": id, "score": float, "evidence": [{"field", "outcome", "points", "text"}]}]
    candidates = models.JSONField(default=list, blank=True)
    triage_reasons = models.JSONField(default=list, blank=True)

    state = models.CharField(max_length=12, choices=State.choices, default=State.TRIAGE)
    service_user = models.ForeignKey(
        ServiceUser, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    routed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    routed_at = models.DateTimeField(null=True, blank=True)
    actioned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    actioned_at = models.DateTimeField(null=True, blank=True)
    action_note = models.TextField(blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name_plural = "incoming post"
        indexes = [
            models.Index(fields=["state", "unit", "received_at"], name="corr_post_state_unit"),
            models.Index(fields=["routed_to", "state"], name="corr_post_routed_state"),
            models.Index(fields=["service_user", "state"], name="corr_post_su_state"),
        ]

    def __str__(self) -> str:
        return f"Post {self.pk} received {self.received_at:%Y-%m-%d %H:%M}"

    @property
    def sender(self) -> str:
        return ", ".join(v for v in (self.sender_name, self.sender_organisation) if v)


class PostRouting(models.Model):
    """Every routing decision on an item: automatic or by a person, with who, when and why."""

    class Action(models.TextChoices):
        AUTO_ROUTED = "auto_routed", "Routed automatically"
        TO_TRIAGE = "to_triage", "Sent to triage"
        CONFIRMED = "confirmed", "Suggested routing confirmed"
        CHANGED = "changed", "Routing changed"
        MISDIRECTED = "misdirected", "Not for us"
        SENT_BACK = "sent_back", "Sent back to triage"
        ACTIONED = "actioned", "Actioned"

    item = models.ForeignKey(IncomingPost, on_delete=models.CASCADE, related_name="routings")
    at = models.DateTimeField()
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    action = models.CharField(max_length=12, choices=Action.choices)
    service_user = models.ForeignKey(
        ServiceUser, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} at {self.at:%Y-%m-%d %H:%M}"


class PostNotification(models.Model):
    """An in-app notice that an item of post waits for this person (their Post page and the
    navigation count). No email is sent."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    item = models.ForeignKey(IncomingPost, on_delete=models.CASCADE, related_name="notifications")
    created_at = models.DateTimeField()
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["user", "read_at"], name="corr_postnote_user_read")]

    def __str__(self) -> str:
        return f"Notice to {self.user_id} about post {self.item_id}"
