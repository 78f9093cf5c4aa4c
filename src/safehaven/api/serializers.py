"""What the API returns. Serializers shape data only; reads come from the selectors."""

from __future__ import annotations

from django.db import models
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from safehaven.accounts.models import User
from safehaven.records.changes import change_values_shared
from safehaven.records.models import (
    Address,
    ChangeRecord,
    Consent,
    ContactRestriction,
    EmailDomain,
    FaxNumber,
    Organisation,
    ProfessionalContact,
    RelatedPerson,
    ServiceUser,
    Switchboard,
)
from safehaven.register.models import Disclosure


class StrictTextMixin:
    """DRF turns a number or a boolean into text; an API client that sends one has a bug."""

    def to_internal_value(self, data):
        if not isinstance(data, str):
            raise serializers.ValidationError("Give this as text (a JSON string).")
        return super().to_internal_value(data)


class StrictCharField(StrictTextMixin, serializers.CharField):
    pass


class StrictEmailField(StrictTextMixin, serializers.EmailField):
    pass


class StrictModelSerializer(serializers.ModelSerializer):
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: StrictCharField,
        models.TextField: StrictCharField,
        models.EmailField: StrictEmailField,
    }


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What went wrong, in one line.")


class ValidationErrorSerializer(serializers.Serializer):
    """Each bad field maps to a list of plain-English messages."""

    field_name = serializers.ListField(
        child=serializers.CharField(), required=False, help_text="Messages for this field."
    )


class MeSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="get_full_name")
    role_display = serializers.CharField(source="display_role")
    units = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")
    sees_all_units = serializers.BooleanField(source="sees_all")

    class Meta:
        model = User
        fields = ["id", "username", "name", "role", "role_display", "units", "sees_all_units"]


class ServiceUserSearchParams(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=200,
        help_text="Name (typos tolerated), UPN or reference.",
    )
    dob = serializers.DateField(
        required=False,
        help_text="Date of birth, YYYY-MM-DD. Day and month swapped are matched too.",
    )

    def validate(self, attrs: dict) -> dict:
        # DRF reads an empty `dob=` as "not given"; a client that sends it meant a date.
        if "dob" in self.initial_data and not str(self.initial_data.get("dob", "")).strip():
            raise serializers.ValidationError({"dob": ["Give the date of birth as YYYY-MM-DD."]})
        return attrs


class ServiceUserSerializer(serializers.ModelSerializer):
    unit = serializers.CharField(source="unit.name", read_only=True)

    class Meta:
        model = ServiceUser
        fields = [
            "id",
            "given_name",
            "family_name",
            "preferred_name",
            "date_of_birth",
            "upn",
            "reference",
            "unit_id",
            "unit",
        ]


class AddressSerializer(serializers.ModelSerializer):
    lines = serializers.SerializerMethodField(
        help_text="Empty for a confidential address: it must not leave SafeHaven."
    )

    class Meta:
        model = Address
        fields = [
            "id",
            "lines",
            "valid_from",
            "valid_to",
            "source",
            "confidential",
            "mail_returned",
            "verified_at",
        ]

    def get_lines(self, address: Address) -> list[str]:
        return [] if address.confidential else address.address_lines


class RestrictionSerializer(serializers.ModelSerializer):
    class Meta:
        model = ContactRestriction
        fields = ["id", "person_name", "reason", "valid_from", "valid_to"]


class ConsentSerializer(serializers.ModelSerializer):
    recipient = serializers.CharField(source="recipient_display", read_only=True)
    current = serializers.SerializerMethodField()

    class Meta:
        model = Consent
        fields = [
            "reference",
            "recipient",
            "recipient_organisation_id",
            "recipient_contact_id",
            "purpose",
            "method",
            "given_by_name",
            "given_by_relationship",
            "given_at",
            "review_at",
            "expires_at",
            "withdrawn_at",
            "current",
        ]

    def get_current(self, consent: Consent) -> bool:
        return consent.is_current()


class ServiceUserDetailSerializer(ServiceUserSerializer):
    allocated_worker = serializers.CharField(
        source="allocated_worker.get_full_name", read_only=True, default=None, allow_null=True
    )
    current_address = serializers.SerializerMethodField()
    restrictions = serializers.SerializerMethodField()
    consents = serializers.SerializerMethodField()

    class Meta(ServiceUserSerializer.Meta):
        fields = [
            *ServiceUserSerializer.Meta.fields,
            "uln",
            "nhs_number",
            "allocated_worker",
            "current_address",
            "restrictions",
            "consents",
        ]

    @extend_schema_field(AddressSerializer(allow_null=True))
    def get_current_address(self, service_user) -> dict | None:
        address = self.context["current_address"]
        return AddressSerializer(address).data if address is not None else None

    @extend_schema_field(RestrictionSerializer(many=True))
    def get_restrictions(self, service_user) -> list:
        return RestrictionSerializer(self.context["restrictions"], many=True).data

    @extend_schema_field(ConsentSerializer(many=True))
    def get_consents(self, service_user) -> list:
        return ConsentSerializer(self.context["consents"], many=True).data


class DisclosureSerializer(serializers.ModelSerializer):
    disclosed_by = serializers.CharField(source="disclosed_by.get_full_name", read_only=True)
    authorised_by = serializers.CharField(
        source="authorised_by.get_full_name", read_only=True, default=None, allow_null=True
    )
    consent_reference = serializers.UUIDField(
        source="consent.reference", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Disclosure
        fields = [
            "sequence",
            "occurred_at",
            "channel",
            "outcome",
            "service_user_id",
            "service_user_ids",
            "recipient_name",
            "recipient_role",
            "recipient_organisation_id",
            "recipient_organisation_name",
            "recipient_contact_id",
            "recipient_address",
            "recipient_number",
            "recipient_email",
            "summary",
            "reason",
            "lawful_basis",
            "consent_reference",
            "lawful_basis_justification",
            "refusal_reason",
            "authorised_by",
            "disclosed_by",
            "correlation_id",
            "entry_hash",
        ]


class SwitchboardSerializer(serializers.ModelSerializer):
    verified_by = serializers.CharField(
        source="verified_by.get_full_name", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = Switchboard
        fields = ["id", "number", "label", "verified_by", "verified_at", "verification_source"]


class EmailDomainSerializer(serializers.ModelSerializer):
    class Meta:
        model = EmailDomain
        fields = ["id", "domain", "security", "source", "assessed_at"]


class FaxNumberSerializer(serializers.ModelSerializer):
    class Meta:
        model = FaxNumber
        fields = ["id", "number", "label", "department", "safe_haven", "assessed_at"]


class OrganisationSerializer(StrictModelSerializer):
    switchboards = SwitchboardSerializer(many=True, read_only=True)
    email_domains = EmailDomainSerializer(many=True, read_only=True)
    fax_numbers = FaxNumberSerializer(many=True, read_only=True)

    class Meta:
        model = Organisation
        fields = [
            "id",
            "name",
            "kind",
            "line_1",
            "line_2",
            "line_3",
            "town",
            "postcode",
            "email",
            "notes",
            "switchboards",
            "email_domains",
            "fax_numbers",
        ]
        read_only_fields = ["id"]
        extra_kwargs = {"name": {"validators": []}}  # the service reports duplicates


class ContactSerializer(serializers.ModelSerializer):
    organisation = serializers.CharField(source="organisation.name", read_only=True)

    class Meta:
        model = ProfessionalContact
        fields = [
            "id",
            "name",
            "job_title",
            "department",
            "email",
            "direct_phone",
            "organisation_id",
            "organisation",
            "active",
        ]


class RegisterVerifySerializer(serializers.Serializer):
    ok = serializers.BooleanField(help_text="True when every entry's hash and link is intact.")
    checked = serializers.IntegerField(help_text="Entries checked.")
    head_sequence = serializers.IntegerField()
    head_hash = serializers.CharField()
    bad_sequence = serializers.IntegerField(
        allow_null=True, help_text="The first bad entry, if any."
    )
    problem = serializers.CharField(allow_blank=True)


# Amendments with history (LET-4) and the change feed (LET-5).

REASON_HELP = "Why the detail is being changed (required; kept in the history and sent on)."


class ServiceUserAmendSerializer(serializers.Serializer):
    """PATCH body: `reason` and any of the details to correct. Values are checked by
    `records.services.service_user_amend` (UPN check letter, ULN and NHS check digits...)."""

    reason = StrictCharField(max_length=1000, help_text=REASON_HELP)
    given_name = StrictCharField(required=False, max_length=100)
    family_name = StrictCharField(required=False, max_length=100)
    preferred_name = StrictCharField(required=False, allow_blank=True, max_length=100)
    date_of_birth = serializers.DateField(required=False, help_text="YYYY-MM-DD.")
    upn = StrictCharField(required=False, allow_blank=True, max_length=20)
    uln = StrictCharField(required=False, allow_blank=True, max_length=20)
    nhs_number = StrictCharField(required=False, allow_blank=True, max_length=20)
    reference = StrictCharField(required=False, max_length=40)
    unit_id = serializers.IntegerField(
        required=False, min_value=1, help_text="A school or team you work in."
    )
    allocated_worker_id = serializers.IntegerField(
        required=False,
        allow_null=True,
        min_value=1,
        help_text="Managers, the DPO and administrators only; null for none.",
    )


class RelatedPersonAmendSerializer(serializers.Serializer):
    reason = StrictCharField(max_length=1000, help_text=REASON_HELP)
    title = StrictCharField(required=False, allow_blank=True, max_length=20)
    given_name = StrictCharField(required=False, max_length=100)
    family_name = StrictCharField(required=False, max_length=100)
    phone = StrictCharField(required=False, allow_blank=True, max_length=30)
    email = StrictCharField(required=False, allow_blank=True, max_length=254)
    line_1 = StrictCharField(required=False, allow_blank=True, max_length=200)
    line_2 = StrictCharField(required=False, allow_blank=True, max_length=200)
    line_3 = StrictCharField(required=False, allow_blank=True, max_length=200)
    town = StrictCharField(required=False, allow_blank=True, max_length=100)
    postcode = StrictCharField(required=False, allow_blank=True, max_length=10)


class ContactAmendSerializer(serializers.Serializer):
    reason = StrictCharField(max_length=1000, help_text=REASON_HELP)
    name = StrictCharField(required=False, max_length=200)
    job_title = StrictCharField(required=False, allow_blank=True, max_length=150)
    department = StrictCharField(required=False, allow_blank=True, max_length=150)
    email = StrictCharField(required=False, allow_blank=True, max_length=254)
    direct_phone = StrictCharField(required=False, allow_blank=True, max_length=30)


class RelatedPersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = RelatedPerson
        fields = [
            "id",
            "title",
            "given_name",
            "family_name",
            "relationship",
            "parental_responsibility",
            "lives_with_service_user",
            "phone",
            "email",
            "line_1",
            "line_2",
            "line_3",
            "town",
            "postcode",
            "priority",
            "reference",
        ]


class ChangeSerializer(serializers.ModelSerializer):
    changed_by = serializers.CharField(
        source="changed_by.username", read_only=True, default=None, allow_null=True
    )

    class Meta:
        model = ChangeRecord
        fields = [
            "id",
            "at",
            "changed_by",
            "record_type",
            "record_id",
            "record_reference",
            "service_user_id",
            "field",
            "old_value",
            "new_value",
            "reason",
            "source",
        ]

    def to_representation(self, change):
        data = super().to_representation(change)
        # A confidential address never leaves SafeHaven, not even through the API.
        data["old_value"], data["new_value"] = change_values_shared(change)
        return data


class ChangeFeedParams(serializers.Serializer):
    since = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=40,
        help_text="A change id (changes after it) or an ISO 8601 time (changes at or after it).",
    )
    limit = serializers.IntegerField(
        required=False, min_value=1, max_value=100000, help_text="At most this many (10,000)."
    )

    def to_internal_value(self, data):
        # A query string's empty value would otherwise count as "not given": "?limit=" is a
        # mistake to report, not a request for the default.
        if hasattr(data, "getlist") and any(not v.strip() for v in data.getlist("limit")):
            raise serializers.ValidationError(
                {"limit": ["Give a whole number from 1 to 100000, or leave limit out."]}
            )
        return super().to_internal_value(data)
