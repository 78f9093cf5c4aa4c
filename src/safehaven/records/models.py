"""The local copy of the primary database: service users, addresses, people around them,
restrictions, consent, partner organisations and their contacts, and the access log."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from safehaven.accounts.models import AddressFields, Unit


class ServiceUser(models.Model):
    """A child or young person known to a school, team or service."""

    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    preferred_name = models.CharField(max_length=100, blank=True)
    date_of_birth = models.DateField()
    upn = models.CharField(
        "UPN", max_length=13, blank=True, help_text="Unique Pupil Number (13 characters)."
    )
    uln = models.CharField("ULN", max_length=10, blank=True, help_text="Unique Learner Number.")
    nhs_number = models.CharField("NHS number", max_length=10, blank=True)
    reference = models.CharField(
        max_length=40, unique=True, help_text="The primary database's own reference."
    )
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="service_users")
    allocated_worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="allocated_service_users",
    )
    # Lower-case copies kept by the database itself (bulk inserts need no app code):
    # the search prefilter works on these.
    family_key = models.GeneratedField(
        expression=Lower("family_name"),
        output_field=models.CharField(max_length=100),
        db_persist=True,
    )
    given_key = models.GeneratedField(
        expression=Lower("given_name"),
        output_field=models.CharField(max_length=100),
        db_persist=True,
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["family_name", "given_name", "pk"]
        indexes = [
            models.Index(fields=["date_of_birth"], name="records_su_dob"),
            models.Index(fields=["upn"], name="records_su_upn"),
            # varchar_pattern_ops lets PostgreSQL use the index for LIKE 'abc%' under any
            # collation; other databases ignore the operator class.
            models.Index(
                fields=["family_key"],
                name="records_su_family_key",
                opclasses=["varchar_pattern_ops"],
            ),
            models.Index(
                fields=["given_key"], name="records_su_given_key", opclasses=["varchar_pattern_ops"]
            ),
            models.Index(fields=["unit", "family_key"], name="records_su_unit_family"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["upn"], condition=~Q(upn=""), name="records_serviceuser_unique_upn"
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}"

    @property
    def initials(self) -> str:
        return f"{self.given_name[:1]}{self.family_name[:1]}".upper()


class Address(AddressFields):
    """One address in a service user's history. `valid_to` empty means it is the current one.

    Amendments never overwrite: the old row is closed and a new row is opened (LET-4).
    """

    class Source(models.TextChoices):
        PRIMARY_IMPORT = "primary_import", "Primary database import"
        STAFF = "staff", "Entered by staff"
        PARENT = "parent", "Told by parent or carer"
        PROFESSIONAL = "professional", "Told by a professional"
        RETURNED_MAIL = "returned_mail", "After returned mail"

    service_user = models.ForeignKey(
        ServiceUser, on_delete=models.CASCADE, related_name="addresses"
    )
    valid_from = models.DateField(default=timezone.localdate)
    valid_to = models.DateField(null=True, blank=True)
    source = models.CharField(max_length=20, choices=Source.choices, default=Source.STAFF)
    source_detail = models.CharField(max_length=200, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    confidential = models.BooleanField(
        default=False,
        help_text="Must not be disclosed or written on correspondence (e.g. a refuge).",
    )
    mail_returned = models.BooleanField(default=False)
    mail_returned_at = models.DateTimeField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["service_user", "-valid_from", "-pk"]
        verbose_name_plural = "addresses"
        constraints = [
            models.UniqueConstraint(
                fields=["service_user"],
                condition=Q(valid_to__isnull=True),
                name="records_address_one_current_per_service_user",
            ),
        ]

    def __str__(self) -> str:
        return ", ".join(self.address_lines)

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


class RelatedPerson(AddressFields):
    """A parent, carer or other person around a service user."""

    class Relationship(models.TextChoices):
        MOTHER = "mother", "Mother"
        FATHER = "father", "Father"
        PARENT = "parent", "Parent"
        STEP_PARENT = "step_parent", "Step-parent"
        CARER = "carer", "Carer"
        FOSTER_CARER = "foster_carer", "Foster carer"
        GUARDIAN = "guardian", "Guardian"
        GRANDPARENT = "grandparent", "Grandparent"
        SOCIAL_WORKER = "social_worker", "Social worker"
        OTHER = "other", "Other"

    service_user = models.ForeignKey(
        ServiceUser, on_delete=models.CASCADE, related_name="related_people"
    )
    title = models.CharField(max_length=20, blank=True)
    given_name = models.CharField(max_length=100)
    family_name = models.CharField(max_length=100)
    relationship = models.CharField(max_length=20, choices=Relationship.choices)
    parental_responsibility = models.BooleanField(default=False)
    lives_with_service_user = models.BooleanField(default=False)
    phone = models.CharField(max_length=20, blank=True)
    email = models.EmailField(blank=True)
    priority = models.PositiveSmallIntegerField(default=1, help_text="1 is the first contact.")
    reference = models.CharField(max_length=40, blank=True, help_text="Primary database ref.")

    class Meta:
        ordering = ["service_user", "priority", "pk"]
        verbose_name_plural = "related people"

    def __str__(self) -> str:
        return f"{self.given_name} {self.family_name} ({self.get_relationship_display()})"

    @property
    def full_name(self) -> str:
        return " ".join(v for v in (self.title, self.given_name, self.family_name) if v)


class ContactRestriction(models.Model):
    """A person who must not receive information about the service user."""

    class Reason(models.TextChoices):
        NO_PARENTAL_RESPONSIBILITY = "no_pr", "No parental responsibility"
        COURT_ORDER = "court_order", "Court order"
        SAFEGUARDING = "safeguarding", "Safeguarding concern"
        OTHER = "other", "Other"

    service_user = models.ForeignKey(
        ServiceUser, on_delete=models.CASCADE, related_name="contact_restrictions"
    )
    related_person = models.ForeignKey(
        RelatedPerson,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="restrictions",
    )
    person_name = models.CharField(max_length=200, help_text="Who must not be told.")
    reason = models.CharField(max_length=20, choices=Reason.choices)
    details = models.TextField(blank=True)
    valid_from = models.DateField(default=timezone.localdate)
    valid_to = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["service_user", "-valid_from", "pk"]

    def __str__(self) -> str:
        return f"{self.person_name}: {self.get_reason_display()}"

    def is_active(self, on=None) -> bool:
        on = on or timezone.localdate()
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


class Organisation(AddressFields):
    """A partner: school, local-authority team, health, police, provider, charity..."""

    class Kind(models.TextChoices):
        SCHOOL = "school", "School or college"
        LA_TEAM = "la_team", "Local authority team"
        HEALTH = "health", "Health"
        POLICE = "police", "Police"
        PROVIDER = "provider", "Provider"
        CHARITY = "charity", "Charity or voluntary sector"
        COURT = "court", "Court or legal"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    email = models.EmailField(blank=True, help_text="General or secure mailbox.")
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class EmailDomain(models.Model):
    """A domain an organisation sends from, with whether mail to it is secure (EMAIL-1)."""

    class Security(models.TextChoices):
        SECURE = "secure", "Secure (meets the secure email standard)"
        NOT_SECURE = "not_secure", "Not secure"
        UNKNOWN = "unknown", "Not assessed"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="email_domains"
    )
    domain = models.CharField(max_length=253, unique=True)
    security = models.CharField(max_length=12, choices=Security.choices, default=Security.UNKNOWN)
    source = models.CharField(
        max_length=200, blank=True, help_text="Where the security status comes from."
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["domain"]

    def __str__(self) -> str:
        return self.domain

    @property
    def is_secure(self) -> bool:
        return self.security == self.Security.SECURE


class Switchboard(models.Model):
    """An organisation's switchboard number: where callers are called back (TEL-5)."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="switchboards"
    )
    number = models.CharField(max_length=20, help_text="E.164, e.g. +441162323232.")
    label = models.CharField(max_length=100, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    verification_source = models.CharField(
        max_length=200, blank=True, help_text="e.g. the organisation's website, a printed letter."
    )

    class Meta:
        ordering = ["organisation", "label", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="records_switchboard_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.number}"

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class FaxNumber(models.Model):
    """A fax number at an organisation, with its safe-haven assessment (FAX-1..3)."""

    class SafeHaven(models.TextChoices):
        YES = "yes", "Safe haven"
        NO = "no", "Not a safe haven"
        UNKNOWN = "unknown", "Not assessed"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="fax_numbers"
    )
    number = models.CharField(max_length=20, help_text="E.164.")
    label = models.CharField(max_length=100, blank=True)
    department = models.CharField(max_length=150, blank=True)
    safe_haven = models.CharField(
        max_length=8, choices=SafeHaven.choices, default=SafeHaven.UNKNOWN
    )
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    assessed_at = models.DateTimeField(null=True, blank=True)
    assessment_notes = models.TextField(blank=True)

    class Meta:
        ordering = ["organisation", "department", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "number"], name="records_faxnumber_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation}: {self.number}"


class ProfessionalContact(models.Model):
    """A named person at a partner organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(max_length=200)
    job_title = models.CharField(max_length=150, blank=True)
    department = models.CharField(max_length=150, blank=True)
    email = models.EmailField(blank=True)
    direct_phone = models.CharField(max_length=20, blank=True)
    active = models.BooleanField(default=True)
    reference = models.CharField(max_length=40, blank=True, help_text="Primary database ref.")

    class Meta:
        ordering = ["organisation", "name", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class Consent(models.Model):
    """Consent to share a service user's information with an organisation or a person."""

    class Purpose(models.TextChoices):
        ANY = "any", "Any purpose connected with their care and education"
        EDUCATION = "education", "Education"
        HEALTH = "health", "Health"
        SOCIAL_CARE = "social_care", "Social care"
        SEND = "send", "Special educational needs and disabilities"
        SAFEGUARDING = "safeguarding", "Safeguarding"
        TRANSITION = "transition", "Transition or transfer"

    class Method(models.TextChoices):
        VERBAL = "verbal", "Verbal"
        WRITTEN = "written", "Written"
        ELECTRONIC = "electronic", "Electronic"

    service_user = models.ForeignKey(ServiceUser, on_delete=models.CASCADE, related_name="consents")
    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    given_by_name = models.CharField(max_length=200)
    given_by_relationship = models.CharField(
        max_length=50, help_text="e.g. self, mother, carer, guardian."
    )
    given_by_person = models.ForeignKey(
        RelatedPerson, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recipient_organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="consents"
    )
    recipient_contact = models.ForeignKey(
        ProfessionalContact,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consents",
    )
    recipient_name = models.CharField(
        max_length=200, blank=True, help_text="A person not held as a contact."
    )
    purpose = models.CharField(max_length=20, choices=Purpose.choices, default=Purpose.ANY)
    purpose_detail = models.CharField(max_length=300, blank=True)
    method = models.CharField(max_length=12, choices=Method.choices)
    given_at = models.DateTimeField()
    review_at = models.DateField(null=True, blank=True)
    expires_at = models.DateField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_reason = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["service_user", "-given_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient_organisation__isnull=False)
                | Q(recipient_contact__isnull=False)
                | ~Q(recipient_name=""),
                name="records_consent_has_recipient",
            ),
        ]

    def __str__(self) -> str:
        return f"Consent {self.reference}"

    @property
    def recipient_display(self) -> str:
        if self.recipient_contact_id:
            return str(self.recipient_contact)
        if self.recipient_organisation_id:
            return str(self.recipient_organisation)
        return self.recipient_name

    def is_current(self, at=None) -> bool:
        """Given, not withdrawn, not expired at `at` (default now)."""
        at = at or timezone.now()
        if self.given_at > at:
            return False
        if self.withdrawn_at is not None and self.withdrawn_at <= at:
            return False
        return not (self.expires_at is not None and self.expires_at < timezone.localdate(at))


class AccessLog(models.Model):
    """Who looked at what, when: every view of a record, every search, every export."""

    class Action(models.TextChoices):
        VIEW = "view", "Viewed record"
        SEARCH = "search", "Searched"
        EXPORT = "export", "Exported"
        SAR_EXPORT = "sar_export", "Subject access export"
        IMPORT = "import", "Imported"

    # Append-only (database triggers refuse UPDATE and DELETE), so neither a member of staff
    # nor a service user with rows here can be deleted: accounts are switched off instead.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    service_user = models.ForeignKey(
        ServiceUser, null=True, blank=True, on_delete=models.PROTECT, related_name="access_log"
    )
    action = models.CharField(max_length=12, choices=Action.choices)
    detail = models.CharField(
        max_length=200, blank=True, help_text="Never personal data: counts, channels, formats."
    )
    correlation_id = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["service_user", "-at"], name="records_accesslog_su_at")]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"


class ChangeRecord(models.Model):
    """One amended detail (LET-4): who, when (UTC), which field, old and new value, and why.

    Append-only: database triggers refuse UPDATE and DELETE. The id only grows, and writers
    serialise (records.changes), so a system reading the feed from "after change N" misses
    nothing (LET-5).
    """

    class RecordType(models.TextChoices):
        SERVICE_USER = "service_user", "Service user"
        ADDRESS = "address", "Address"
        RELATED_PERSON = "related_person", "Parent or carer"
        PROFESSIONAL_CONTACT = "professional_contact", "Professional contact"

    class Source(models.TextChoices):
        WEB = "web", "Web page"
        API = "api", "API"
        IMPORT = "import", "Primary database import"
        OTHER = "other", "Other"

    id = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    record_type = models.CharField(max_length=24, choices=RecordType.choices)
    record_id = models.PositiveBigIntegerField()
    record_reference = models.CharField(
        max_length=40, blank=True, help_text="The primary database's reference, when known."
    )
    service_user = models.ForeignKey(
        ServiceUser,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="changes",
        help_text="The child the detail is about (empty for a professional contact).",
    )
    field = models.CharField(max_length=40)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)
    confidential = models.BooleanField(
        default=False,
        help_text="A confidential address: its values never leave SafeHaven (feed, webhooks).",
    )
    reason = models.TextField()
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.WEB)
    correlation_id = models.UUIDField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["service_user", "-id"], name="records_change_su_id")]

    def __str__(self) -> str:
        return f"Change {self.pk}: {self.record_type} {self.record_id} {self.field}"


class WebhookSubscription(models.Model):
    """A system told about every amendment of the record types it asks for (LET-5)."""

    name = models.CharField(max_length=100, unique=True)
    url = models.URLField(max_length=500)
    secret = models.CharField(max_length=100, help_text="Key for the HMAC-SHA256 signature.")
    record_types = models.JSONField(default=list, help_text="ChangeRecord.RecordType values.")
    active = models.BooleanField(default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def wants(self, record_type: str) -> bool:
        return record_type in (self.record_types or [])


class WebhookDelivery(models.Model):
    """The transactional outbox: one row per change per subscription, written in the same
    transaction as the change. The delivery id is the receiver's idempotency key."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        DELIVERED = "delivered", "Delivered"
        FAILED = "failed", "Failed"

    id = models.BigAutoField(primary_key=True)
    delivery_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.PROTECT, related_name="deliveries"
    )
    change = models.ForeignKey(ChangeRecord, on_delete=models.PROTECT, related_name="deliveries")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(
        max_length=200, blank=True, help_text="Never personal data: status or network error."
    )
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="records_webhook_due"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "change"], name="records_webhook_one_per_change"
            ),
        ]

    def __str__(self) -> str:
        return f"Delivery {self.delivery_id} ({self.status})"
