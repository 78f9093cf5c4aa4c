"""An outgoing letter and the address queries that hold it (LET-1, LET-2, LET-3, POST-3, POST-4).

The letter stores the wording, not the address: the name and address are read from the current
record when it is printed, and only then copied onto the letter as what was printed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safehaven.records.models import RelatedPerson, ServiceUser
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
    recipient = models.ForeignKey(RelatedPerson, on_delete=models.PROTECT, related_name="+")
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

    def __str__(self) -> str:
        return f"Letter {self.pk}: {self.subject}"


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
