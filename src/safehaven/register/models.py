"""The disclosure register (TEL-9): one row per disclosure or decision not to share.

Rows are never changed after insert: database triggers refuse UPDATE and DELETE, and each row
carries an HMAC over its own content and the previous row's hash, keyed outside the database,
so an edit, a deletion or a reordering is found by `safehaven register verify`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from safehaven.records.models import Consent, Organisation, ProfessionalContact, ServiceUser
from safehaven.register.chain import CanonicalJSONEncoder


class Channel(models.TextChoices):
    TELEPHONE = "telephone", "Telephone"
    LETTER = "letter", "Letter"
    EMAIL = "email", "Email"
    FAX = "fax", "Fax"
    IN_PERSON = "in_person", "In person"
    OTHER = "other", "Other"


class Outcome(models.TextChoices):
    DISCLOSED = "disclosed", "Disclosed"
    REFUSED = "refused", "Refused"
    NOT_SHARED = "not_shared", "Decided not to share"


class LawfulBasis(models.TextChoices):
    CONSENT = "consent", "Consent"
    SAFEGUARDING = "safeguarding", "Safeguarding (exemption)"
    CRIME_PREVENTION = "crime", "Prevention or detection of crime (exemption)"
    LEGAL_OBLIGATION = "legal_obligation", "Legal obligation"
    COURT_ORDER = "court_order", "Court order"
    VITAL_INTERESTS = "vital_interests", "Vital interests"
    PUBLIC_TASK = "public_task", "Public task"
    NONE = "none", "None (nothing disclosed)"


class Disclosure(models.Model):
    """One register entry. Create only through `safehaven.register.services.disclosure_record`."""

    sequence = models.PositiveBigIntegerField(unique=True, editable=False)
    correlation_id = models.UUIDField(db_index=True)
    occurred_at = models.DateTimeField(help_text="Server time, UTC.")
    channel = models.CharField(max_length=12, choices=Channel.choices)
    outcome = models.CharField(max_length=12, choices=Outcome.choices)
    # The primary service user, plus every service user the entry is about (IDs, in the row, so
    # they are covered by the hash; the DisclosureSubject rows are a lookup index of these).
    service_user = models.ForeignKey(
        ServiceUser, on_delete=models.PROTECT, related_name="disclosures"
    )
    service_user_ids = models.JSONField(default=list, encoder=CanonicalJSONEncoder)
    recipient_name = models.CharField(max_length=200, blank=True)
    recipient_role = models.CharField(max_length=200, blank=True)
    recipient_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recipient_organisation_name = models.CharField(max_length=200, blank=True)
    recipient_contact = models.ForeignKey(
        ProfessionalContact, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    recipient_address = models.TextField(blank=True, help_text="Postal address used.")
    recipient_number = models.CharField(max_length=30, blank=True, help_text="Phone/fax used.")
    recipient_email = models.CharField(max_length=254, blank=True)
    summary = models.TextField(blank=True, help_text="What was disclosed.")
    reason = models.TextField(help_text="Reason for the request / purpose of sharing.")
    lawful_basis = models.CharField(max_length=20, choices=LawfulBasis.choices)
    consent = models.ForeignKey(
        Consent, null=True, blank=True, on_delete=models.PROTECT, related_name="disclosures"
    )
    lawful_basis_justification = models.TextField(blank=True)
    authorised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="disclosures_authorised",
    )
    disclosed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="disclosures_made"
    )
    refusal_reason = models.TextField(blank=True)
    # Stored as chain.json_text (PostgreSQL's jsonb text form) so chain format 2 hashes the
    # stored text on either database.
    payload = models.JSONField(default=dict, blank=True, encoder=CanonicalJSONEncoder)
    chain_version = models.PositiveSmallIntegerField(default=1)  # hashed; see chain.py
    prev_hash = models.CharField(max_length=64)
    entry_hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["sequence"]
        indexes = [
            models.Index(fields=["service_user", "-occurred_at"], name="register_disc_su_at"),
            models.Index(fields=["occurred_at"], name="register_disc_at"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(sequence__gte=1), name="register_seq_pos"),
        ]

    def __str__(self) -> str:
        return f"Register entry {self.sequence}"


class DisclosureSubject(models.Model):
    """Lookup index: which service users a register entry is about. Append-only as well."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.PROTECT, related_name="subjects")
    service_user = models.ForeignKey(
        ServiceUser, on_delete=models.PROTECT, related_name="disclosure_subjects"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["disclosure", "service_user"], name="register_subject_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.disclosure_id}:{self.service_user_id}"
