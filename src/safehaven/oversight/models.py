"""Near misses (a check stopped something) and breaches (something went wrong), for the DPO."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models

from safehaven.accounts.models import Unit
from safehaven.records.models import ServiceUser
from safehaven.register.models import Channel


class NearMiss(models.Model):
    """A check that stopped or held something. `summary` never carries personal data: the
    only link to a person is `service_user`, so the log can be shown and exported as it is."""

    class Kind(models.TextChoices):
        REFUSED_REQUEST = "refused_request", "Telephone request refused"
        EMAIL_BLOCKED = "email_blocked", "Email blocked"
        EMAIL_HELD = "email_held", "Email held for review"
        LETTER_ADDRESS_QUERY = "letter_address_query", "Letter held for an address query"
        POST_RETURNED = "post_returned", "Post returned undelivered"
        FAX_PAGE_MISMATCH = "fax_page_mismatch", "Fax pages did not match"
        FAX_NOT_SAFE_HAVEN = "fax_not_safe_haven", "Fax stopped: not a safe haven"
        FAX_NUMBER_MISMATCH = "fax_number_mismatch", "Fax number did not match"
        FAX_STOPPED = "fax_stopped", "Fax stopped before it got through"
        OTHER = "other", "Other"

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    channel = models.CharField(max_length=20, choices=Channel.choices)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    rule = models.CharField(max_length=10, blank=True)
    summary = models.CharField(max_length=300)
    service_user = models.ForeignKey(
        ServiceUser, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    occurred_at = models.DateTimeField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source_reference = models.CharField(
        max_length=100, blank=True, help_text='Where it came from, e.g. "telephone:<uuid>".'
    )
    correlation_id = models.UUIDField(null=True, blank=True)
    policy_version = models.PositiveIntegerField(
        null=True, blank=True, help_text="The DPO policy version in force (None: the defaults)."
    )

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [
            models.Index(fields=["occurred_at"], name="nearmiss_occurred"),
            models.Index(fields=["kind", "occurred_at"], name="nearmiss_kind_occurred"),
            models.Index(fields=["unit", "occurred_at"], name="nearmiss_unit_occurred"),
            # `near_miss_capture` looks a retried capture up by its source and kind.
            models.Index(fields=["source_reference", "kind"], name="nearmiss_source_kind"),
        ]

    def __str__(self) -> str:
        return f"Near miss {self.kind} ({self.rule or 'no rule'})"


class Breach(models.Model):
    """A suspected personal data breach, documented whether or not it is reported (Art. 33(5)).
    States move only through `oversight.services`."""

    class Category(models.TextChoices):
        # The ICO's own wording for the common incident types.
        EMAIL_WRONG_RECIPIENT = "email_wrong_recipient", "Data emailed to incorrect recipient"
        POST_FAX_WRONG_RECIPIENT = (
            "post_fax_wrong_recipient",
            "Data posted or faxed to incorrect recipient",
        )
        FAILURE_TO_REDACT = "failure_to_redact", "Failure to redact"
        VERBAL_DISCLOSURE = "verbal_disclosure", "Verbal disclosure of personal data"
        LOSS_THEFT_PAPERWORK = "loss_theft_paperwork", "Loss/theft of paperwork or data storage"
        LOSS_THEFT_DEVICE = "loss_theft_device", "Loss/theft of device containing personal data"
        UNAUTHORISED_ACCESS = "unauthorised_access", "Unauthorised access/disclosure"
        INSECURE_WEBPAGE = "insecure_webpage", "Data uploaded to website in error"
        CYBER_INCIDENT = "cyber_incident", "Cyber incident"
        OTHER = "other", "Other non-cyber incident"

    class State(models.TextChoices):
        REPORTED = "reported", "Waiting for the DPO's decision"
        DECIDED = "decided", "Decision recorded"
        ICO_REPORTED = "ico_reported", "Reported to the ICO"

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    correlation_id = models.UUIDField(default=uuid.uuid4, editable=False)
    state = models.CharField(max_length=20, choices=State.choices, default=State.REPORTED)
    category = models.CharField(max_length=30, choices=Category.choices)
    description = models.TextField(help_text="What happened, in the reporter's words.")
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="breaches_reported"
    )
    reported_at = models.DateTimeField(help_text="Server time when the report was made.")
    aware_at = models.DateTimeField(
        help_text="When the organisation became aware; starts the 72-hour clock (Art. 33(1))."
    )
    unit = models.ForeignKey(
        Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # Art. 33(3): the facts.
    nature = models.TextField(blank=True)
    people_affected = models.PositiveIntegerField(null=True, blank=True)
    records_affected = models.PositiveIntegerField(null=True, blank=True)
    likely_consequences = models.TextField(blank=True)
    measures_taken = models.TextField(blank=True)
    measures_proposed = models.TextField(blank=True)
    # The DPO's decision (Art. 33 and Art. 34), each with its reasons.
    report_to_ico = models.BooleanField(null=True, blank=True)
    report_to_ico_reason = models.TextField(blank=True)
    late_reason = models.TextField(
        blank=True, help_text="Why a report to the ICO is made after 72 hours (Art. 33(1))."
    )
    tell_people = models.BooleanField(null=True, blank=True)
    tell_people_reason = models.TextField(blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    # The report itself, made on the ICO's form or helpline, recorded here.
    ico_reported_at = models.DateTimeField(null=True, blank=True)
    ico_reference = models.CharField(max_length=50, blank=True)

    class Meta:
        ordering = ["-aware_at", "-pk"]
        indexes = [models.Index(fields=["state", "aware_at"], name="breach_state_aware")]

    def __str__(self) -> str:
        return f"Breach {self.short_reference}"

    @property
    def short_reference(self) -> str:
        return str(self.reference)[:8].upper()

    @property
    def is_open(self) -> bool:
        return self.state == self.State.REPORTED

    @property
    def awaits_ico_report(self) -> bool:
        return self.state == self.State.DECIDED and bool(self.report_to_ico)


class BreachEvent(models.Model):
    """Who did what to a breach record, when, and why: every change writes one."""

    class Action(models.TextChoices):
        REPORTED = "reported", "Reported"
        FACTS = "facts", "Facts recorded"
        AWARE_CHANGED = "aware_changed", "Time of awareness changed"
        DECIDED = "decided", "Decision recorded"
        ICO_REPORTED = "ico_reported", "Reported to the ICO"

    breach = models.ForeignKey(Breach, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=20, choices=Action.choices)
    from_state = models.CharField(max_length=20, choices=Breach.State.choices, blank=True)
    to_state = models.CharField(max_length=20, choices=Breach.State.choices)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} at {self.at:%Y-%m-%d %H:%M}"


# Policy settings (issue 8 part 1): every save is a new immutable version.


class ImmutableRow(models.Model):
    """A row that is written once: saving an existing row or deleting one is refused."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.pop("_allow_update", False):
            raise ValueError(f"{type(self).__name__} rows cannot be changed once written.")
        return super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError(f"{type(self).__name__} rows cannot be deleted.")


class PolicyVersion(ImmutableRow):
    """One saved version of the DPO's policy: the whole settings document, who saved it, when,
    why, and what changed from the version before. Rolling back writes a new version."""

    number = models.PositiveIntegerField(unique=True)
    created_at = models.DateTimeField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField()
    data = models.JSONField()
    diff = models.JSONField(default=list, help_text="[{key, old, new}] against the version before.")
    restored_from = models.PositiveIntegerField(
        null=True, blank=True, help_text="The version number this one rolled back to."
    )

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"Policy version {self.number}"


class PolicyCurrent(models.Model):
    """The pointer to the version in force (one row, pk=1). Locked while a version is saved."""

    version = models.ForeignKey(PolicyVersion, on_delete=models.PROTECT, related_name="+")

    def __str__(self) -> str:
        return f"Policy in force: version {self.version.number}"


# Subject access requests (issue 8 part 3).


class SubjectAccessRequest(models.Model):
    """A request for a person's own information (UK GDPR Art. 15). The one-month clock runs
    from `received_on`, stops while identity or a clarification is awaited, and may be
    extended by up to two further months with a reason. States move only through services."""

    class State(models.TextChoices):
        OPEN = "open", "Open: the clock is running"
        AWAITING_ID = "awaiting_id", "Paused: waiting for proof of identity"
        AWAITING_CLARIFICATION = "awaiting_clarification", "Paused: waiting for clarification"
        COMPLETED = "completed", "Response sent"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class RequesterKind(models.TextChoices):
        SUBJECT = "subject", "The person themselves"
        PARENT = "parent", "A parent or carer for a child"
        REPRESENTATIVE = "representative", "A solicitor or other representative"

    reference = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    state = models.CharField(max_length=30, choices=State.choices, default=State.OPEN)
    received_on = models.DateField(help_text="The day the request arrived (the clock's day 0).")
    requester_name = models.CharField(max_length=200)
    requester_kind = models.CharField(
        max_length=20, choices=RequesterKind.choices, default=RequesterKind.SUBJECT
    )
    requester_contact = models.CharField(max_length=300, blank=True)
    service_user = models.ForeignKey(
        ServiceUser, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    description = models.TextField(blank=True, help_text="What the requester asked for.")
    identity_verified_on = models.DateField(null=True, blank=True)
    identity_evidence = models.CharField(max_length=300, blank=True)
    # Each pause: [{"kind": "identity"|"clarification", "from": date, "to": date|None, "note"}].
    pauses = models.JSONField(default=list, blank=True)
    extension_months = models.PositiveSmallIntegerField(default=0)
    extension_reason = models.TextField(blank=True)
    completed_on = models.DateField(null=True, blank=True)
    completion_note = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-received_on", "-pk"]
        indexes = [models.Index(fields=["state", "received_on"], name="sar_state_received")]

    def __str__(self) -> str:
        return f"Subject access request {self.short_reference}"

    @property
    def short_reference(self) -> str:
        return "SAR-" + str(self.reference)[:8].upper()

    @property
    def is_open(self) -> bool:
        return self.state not in {self.State.COMPLETED, self.State.WITHDRAWN}

    @property
    def is_paused(self) -> bool:
        return self.state in {self.State.AWAITING_ID, self.State.AWAITING_CLARIFICATION}


class SarEvent(models.Model):
    """Who did what to a subject access request, when, and why."""

    sar = models.ForeignKey(SubjectAccessRequest, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=40)
    from_state = models.CharField(max_length=30, blank=True)
    to_state = models.CharField(max_length=30)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.action} at {self.at:%Y-%m-%d %H:%M}"


class RegisterVerification(ImmutableRow):
    """The outcome of one `register verify` run, for the dashboard."""

    at = models.DateTimeField()
    ok = models.BooleanField()
    checked = models.PositiveBigIntegerField(default=0)
    head_sequence = models.PositiveBigIntegerField(default=0)
    bad_sequence = models.PositiveBigIntegerField(null=True, blank=True)
    problem = models.TextField(blank=True)
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(max_length=20, default="command")

    class Meta:
        ordering = ["-at", "-pk"]
        get_latest_by = ["at", "pk"]

    def __str__(self) -> str:
        return f"Register verify {self.at:%Y-%m-%d %H:%M}: {'OK' if self.ok else 'FAILED'}"
