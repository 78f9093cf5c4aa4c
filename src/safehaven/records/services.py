"""Writes to the records. Amendments keep history (LET-4); identifiers are checked with
safehaven.core.identifiers; every error is a RecordsError with a one-line message."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from safehaven.accounts.models import Unit, User
from safehaven.core.identifiers import (
    InvalidIdentifier,
    normalise_nhs,
    normalise_phone,
    normalise_postcode,
    normalise_uln,
    normalise_upn,
)
from safehaven.records.models import (
    Address,
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


class RecordsError(ValueError):
    """Bad input to a records service; `field` names the field, the message says what to do."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def _identifier(kind: str, value: str, normalise, field: str) -> str:
    value = (value or "").strip()
    if not value:
        return ""
    try:
        return normalise(value)
    except InvalidIdentifier as exc:
        raise RecordsError(f"The {kind} is not valid: {exc.reason}", field=field) from None


def clean_postcode(value: str, field: str = "postcode") -> str:
    return _identifier("postcode", value, normalise_postcode, field)


def clean_phone(value: str, field: str = "phone") -> str:
    return _identifier("phone number", value, normalise_phone, field)


def service_user_identifiers(*, upn: str = "", uln: str = "", nhs_number: str = "") -> dict:
    """Normalised UPN, ULN and NHS number, or RecordsError naming the first bad one."""
    return {
        "upn": _identifier("UPN", upn, normalise_upn, "upn"),
        "uln": _identifier("ULN", uln, normalise_uln, "uln"),
        "nhs_number": _identifier("NHS number", nhs_number, normalise_nhs, "nhs_number"),
    }


def service_user_create(
    *,
    given_name: str,
    family_name: str,
    date_of_birth: dt.date,
    reference: str,
    unit: Unit,
    preferred_name: str = "",
    upn: str = "",
    uln: str = "",
    nhs_number: str = "",
    allocated_worker: User | None = None,
) -> ServiceUser:
    if not given_name.strip() or not family_name.strip():
        raise RecordsError("Give both the given name and the family name.", field="given_name")
    if date_of_birth > timezone.localdate():
        raise RecordsError("The date of birth is in the future.", field="date_of_birth")
    ids = service_user_identifiers(upn=upn, uln=uln, nhs_number=nhs_number)
    if ids["upn"] and ServiceUser.objects.filter(upn=ids["upn"]).exists():
        raise RecordsError("Another service user already has this UPN.", field="upn")
    if ServiceUser.objects.filter(reference=reference).exists():
        raise RecordsError("Another service user already has this reference.", field="reference")
    return ServiceUser.objects.create(
        given_name=given_name.strip(),
        family_name=family_name.strip(),
        preferred_name=preferred_name.strip(),
        date_of_birth=date_of_birth,
        reference=reference.strip(),
        unit=unit,
        allocated_worker=allocated_worker,
        **ids,
    )


def address_amend(
    *,
    service_user: ServiceUser,
    line_1: str,
    postcode: str,
    line_2: str = "",
    line_3: str = "",
    town: str = "",
    valid_from: dt.date | None = None,
    source: str = Address.Source.STAFF,
    source_detail: str = "",
    confidential: bool = False,
    recorded_by: User | None = None,
    verified: bool = False,
) -> Address:
    """Makes this the current address (LET-4): the old current address is closed the day
    before `valid_from` and kept as history, never overwritten. Returns the current address
    unchanged when the new one is the same."""
    if not line_1.strip():
        raise RecordsError("Give the first line of the address.", field="line_1")
    postcode = clean_postcode(postcode)
    if not postcode:
        raise RecordsError("Give the postcode.", field="postcode")
    valid_from = valid_from or timezone.localdate()
    now = timezone.now()
    fields = {
        "line_1": line_1.strip(),
        "line_2": line_2.strip(),
        "line_3": line_3.strip(),
        "town": town.strip(),
        "postcode": postcode,
    }
    with transaction.atomic():
        # Lock the service user so two amendments cannot both close the same address.
        ServiceUser.objects.select_for_update().filter(pk=service_user.pk).first()
        current = Address.objects.filter(service_user=service_user, valid_to__isnull=True).first()
        if current is not None:
            same = (
                all(getattr(current, k).casefold() == v.casefold() for k, v in fields.items())
                and current.confidential == confidential
            )
            if same:
                return current
            if valid_from <= current.valid_from:
                raise RecordsError(
                    "The new address must start after the current one started "
                    f"({current.valid_from:%d/%m/%Y}).",
                    field="valid_from",
                )
            current.valid_to = valid_from - dt.timedelta(days=1)
            current.save(update_fields=["valid_to"])
        return Address.objects.create(
            service_user=service_user,
            valid_from=valid_from,
            source=source,
            source_detail=source_detail,
            confidential=confidential,
            recorded_by=recorded_by,
            recorded_at=now,
            verified_by=recorded_by if verified else None,
            verified_at=now if verified else None,
            **fields,
        )


def address_mark_mail_returned(*, address: Address, user: User | None = None) -> Address:
    """Flags that post to this address came back: letters stop until it is checked."""
    address.mail_returned = True
    address.mail_returned_at = timezone.now()
    address.save(update_fields=["mail_returned", "mail_returned_at"])
    return address


def address_verify(*, address: Address, user: User) -> Address:
    address.verified_by = user
    address.verified_at = timezone.now()
    address.mail_returned = False
    address.save(update_fields=["verified_by", "verified_at", "mail_returned"])
    return address


def address_set_confidential(*, address: Address, confidential: bool, user: User) -> Address:
    address.confidential = confidential
    address.save(update_fields=["confidential"])
    return address


def related_person_create(*, service_user: ServiceUser, **fields) -> RelatedPerson:
    fields["phone"] = clean_phone(fields.get("phone", ""))
    fields["postcode"] = clean_postcode(fields.get("postcode", ""))
    if fields.get("relationship") not in RelatedPerson.Relationship.values:
        raise RecordsError("Choose the relationship to the service user.", field="relationship")
    return RelatedPerson.objects.create(service_user=service_user, **fields)


def contact_restriction_record(
    *,
    service_user: ServiceUser,
    person_name: str,
    reason: str,
    recorded_by: User,
    related_person: RelatedPerson | None = None,
    details: str = "",
    valid_from: dt.date | None = None,
    valid_to: dt.date | None = None,
) -> ContactRestriction:
    if not person_name.strip() and related_person is not None:
        person_name = f"{related_person.given_name} {related_person.family_name}"
    if not person_name.strip():
        raise RecordsError("Name the person who must not be contacted.", field="person_name")
    if reason not in ContactRestriction.Reason.values:
        raise RecordsError("Choose the reason for the restriction.", field="reason")
    valid_from = valid_from or timezone.localdate()
    if valid_to is not None and valid_to < valid_from:
        raise RecordsError("The restriction ends before it starts.", field="valid_to")
    return ContactRestriction.objects.create(
        service_user=service_user,
        related_person=related_person,
        person_name=person_name.strip(),
        reason=reason,
        details=details,
        valid_from=valid_from,
        valid_to=valid_to,
        recorded_by=recorded_by,
    )


def consent_record(
    *,
    service_user: ServiceUser,
    given_by_name: str,
    given_by_relationship: str,
    method: str,
    recorded_by: User | None,
    recipient_organisation: Organisation | None = None,
    recipient_contact: ProfessionalContact | None = None,
    recipient_name: str = "",
    purpose: str = Consent.Purpose.ANY,
    purpose_detail: str = "",
    given_at: dt.datetime | None = None,
    review_at: dt.date | None = None,
    expires_at: dt.date | None = None,
    given_by_person: RelatedPerson | None = None,
) -> Consent:
    if not given_by_name.strip():
        raise RecordsError("Say who gave consent.", field="given_by_name")
    if not (recipient_organisation or recipient_contact or recipient_name.strip()):
        raise RecordsError(
            "Say who consent is for: an organisation, a contact or a named person.",
            field="recipient_organisation",
        )
    if method not in Consent.Method.values:
        raise RecordsError("Choose how consent was given.", field="method")
    if purpose not in Consent.Purpose.values:
        raise RecordsError("Choose the purpose consent covers.", field="purpose")
    given_at = given_at or timezone.now()
    if given_at > timezone.now() + dt.timedelta(minutes=5):
        raise RecordsError("Consent cannot be given in the future.", field="given_at")
    if expires_at is not None and expires_at < timezone.localdate(given_at):
        raise RecordsError("The consent expires before it was given.", field="expires_at")
    return Consent.objects.create(
        service_user=service_user,
        given_by_name=given_by_name.strip(),
        given_by_relationship=given_by_relationship.strip(),
        given_by_person=given_by_person,
        recipient_organisation=recipient_organisation,
        recipient_contact=recipient_contact,
        recipient_name=recipient_name.strip(),
        purpose=purpose,
        purpose_detail=purpose_detail,
        method=method,
        given_at=given_at,
        review_at=review_at,
        expires_at=expires_at,
        recorded_by=recorded_by,
    )


def consent_withdraw(
    *, consent: Consent, reason: str, user: User | None, at: dt.datetime | None = None
) -> Consent:
    if not reason.strip():
        raise RecordsError("Record why consent was withdrawn.", field="withdrawn_reason")
    if consent.withdrawn_at is not None:
        raise RecordsError("This consent is already withdrawn.", field="withdrawn_at")
    consent.withdrawn_at = at or timezone.now()
    consent.withdrawn_reason = reason.strip()
    consent.save(update_fields=["withdrawn_at", "withdrawn_reason"])
    return consent


def organisation_create(
    *, name: str, kind: str = Organisation.Kind.OTHER, **fields
) -> Organisation:
    if not name.strip():
        raise RecordsError("Give the organisation's name.", field="name")
    if Organisation.objects.filter(name__iexact=name.strip()).exists():
        raise RecordsError("An organisation with this name already exists.", field="name")
    if kind not in Organisation.Kind.values:
        raise RecordsError("Choose the kind of organisation.", field="kind")
    if "postcode" in fields:
        fields["postcode"] = clean_postcode(fields["postcode"])
    return Organisation.objects.create(name=name.strip(), kind=kind, **fields)


def organisation_update(*, organisation: Organisation, **fields) -> Organisation:
    if "postcode" in fields:
        fields["postcode"] = clean_postcode(fields["postcode"])
    if "name" in fields:
        name = fields["name"].strip()
        if not name:
            raise RecordsError("Give the organisation's name.", field="name")
        if Organisation.objects.filter(name__iexact=name).exclude(pk=organisation.pk).exists():
            raise RecordsError("An organisation with this name already exists.", field="name")
        fields["name"] = name
    for k, v in fields.items():
        setattr(organisation, k, v)
    organisation.save(update_fields=list(fields))
    return organisation


def switchboard_record(
    *,
    organisation: Organisation,
    number: str,
    verified_by: User | None,
    verification_source: str,
    label: str = "",
) -> Switchboard:
    """Adds (or re-verifies) a switchboard number, stored in E.164 (TEL-5)."""
    number = clean_phone(number, "number")
    if not number:
        raise RecordsError("Give the switchboard number.", field="number")
    if verified_by is not None and not verification_source.strip():
        raise RecordsError(
            "Say where the number was verified (e.g. the organisation's website).",
            field="verification_source",
        )
    sb, _ = Switchboard.objects.update_or_create(
        organisation=organisation,
        number=number,
        defaults={
            "label": label,
            "verified_by": verified_by,
            "verified_at": timezone.now() if verified_by is not None else None,
            "verification_source": verification_source.strip(),
        },
    )
    return sb


def email_domain_record(
    *,
    organisation: Organisation,
    domain: str,
    security: str = EmailDomain.Security.UNKNOWN,
    source: str = "",
    assessed_by: User | None = None,
) -> EmailDomain:
    domain = domain.strip().lower().lstrip("@").rstrip(".")
    if "." not in domain or " " in domain:
        raise RecordsError("Give a domain such as nhs.net.", field="domain")
    if security not in EmailDomain.Security.values:
        raise RecordsError("Choose the domain's security.", field="security")
    existing = EmailDomain.objects.filter(domain=domain).first()
    if existing is not None and existing.organisation_id != organisation.pk:
        raise RecordsError("This domain already belongs to another organisation.", field="domain")
    ed, _ = EmailDomain.objects.update_or_create(
        domain=domain,
        defaults={
            "organisation": organisation,
            "security": security,
            "source": source,
            "assessed_by": assessed_by,
            "assessed_at": timezone.now() if assessed_by is not None else None,
        },
    )
    return ed


def fax_number_record(
    *,
    organisation: Organisation,
    number: str,
    label: str = "",
    department: str = "",
    safe_haven: str = FaxNumber.SafeHaven.UNKNOWN,
    assessed_by: User | None = None,
    assessment_notes: str = "",
) -> FaxNumber:
    number = clean_phone(number, "number")
    if not number:
        raise RecordsError("Give the fax number.", field="number")
    if safe_haven not in FaxNumber.SafeHaven.values:
        raise RecordsError("Choose the safe-haven assessment.", field="safe_haven")
    fax, _ = FaxNumber.objects.update_or_create(
        organisation=organisation,
        number=number,
        defaults={
            "label": label,
            "department": department,
            "safe_haven": safe_haven,
            "assessed_by": assessed_by,
            "assessed_at": timezone.now() if assessed_by is not None else None,
            "assessment_notes": assessment_notes,
        },
    )
    return fax


def professional_contact_create(
    *, organisation: Organisation, name: str, **fields
) -> ProfessionalContact:
    if not name.strip():
        raise RecordsError("Give the contact's name.", field="name")
    if "direct_phone" in fields:
        fields["direct_phone"] = clean_phone(fields["direct_phone"], "direct_phone")
    return ProfessionalContact.objects.create(
        organisation=organisation, name=name.strip(), **fields
    )


def professional_contact_update(*, contact: ProfessionalContact, **fields) -> ProfessionalContact:
    if "direct_phone" in fields:
        fields["direct_phone"] = clean_phone(fields["direct_phone"], "direct_phone")
    if "name" in fields and not fields["name"].strip():
        raise RecordsError("Give the contact's name.", field="name")
    for k, v in fields.items():
        setattr(contact, k, v)
    contact.save(update_fields=list(fields))
    return contact
