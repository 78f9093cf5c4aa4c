"""Writes to the records. Amendments keep history (LET-4); identifiers are checked with
safehaven.core.identifiers; every error is a RecordsError with a one-line message."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
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
from safehaven.records.changes import Diff, changes_record
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


class RecordsError(ValueError):
    """Bad input to a records service; `field` names the field, the message says what to do."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class AmendForbidden(RecordsError):
    """The input may be fine, but this member of staff's role may not make this change."""


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
    reason: str = "",
    change_source: str = "",
) -> Address:
    """Makes this the current address (LET-4): the old current address is closed the day
    before `valid_from` and kept as history, never overwritten. Returns the current address
    unchanged when the new one is the same.

    Writes change records (field `address`, and `confidential` when that marker changes) with
    `reason`, or "who told you: details" when no reason is given, so the change feed and the
    webhooks carry address changes too (LET-5)."""
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
        address = Address.objects.create(
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
        if not reason.strip():
            reason = Address.Source(source).label if source in Address.Source.values else source
            if source_detail.strip():
                reason = f"{reason}: {source_detail.strip()}"
        old_lines = ", ".join(current.address_lines) if current is not None else ""
        diffs = [Diff("address", old_lines, ", ".join(address.address_lines))]
        if current is not None and current.confidential != confidential:
            diffs.append(Diff("confidential", current.confidential, confidential))
        if not change_source:
            change_source = (
                ChangeRecord.Source.IMPORT
                if source == Address.Source.PRIMARY_IMPORT
                else ChangeRecord.Source.WEB
            )
        changes_record(
            record_type=ChangeRecord.RecordType.ADDRESS,
            record_id=address.pk,
            record_reference=service_user.reference,
            service_user=service_user,
            diffs=diffs,
            reason=reason,
            by=recorded_by,
            source=change_source,
            confidential=confidential or (current is not None and current.confidential),
        )
        return address


def _address_flag_changed(*, address: Address, field: str, old, new, user, reason: str) -> None:
    """A change record for a marker on an address (post came back, confidential), so the
    other systems hear of it too (LET-5)."""
    changes_record(
        record_type=ChangeRecord.RecordType.ADDRESS,
        record_id=address.pk,
        record_reference=address.service_user.reference,
        service_user=address.service_user,
        diffs=[Diff(field, old, new)],
        reason=reason,
        by=user,
        confidential=address.confidential,
    )


def address_mark_mail_returned(*, address: Address, user: User | None = None) -> Address:
    """Flags that post to this address came back: letters stop until it is checked."""
    with transaction.atomic():
        was = address.mail_returned
        address.mail_returned = True
        address.mail_returned_at = timezone.now()
        address.save(update_fields=["mail_returned", "mail_returned_at"])
        _address_flag_changed(
            address=address,
            field="mail_returned",
            old=was,
            new=True,
            user=user,
            reason="Post to this address came back",
        )
    return address


def address_verify(*, address: Address, user: User) -> Address:
    with transaction.atomic():
        was = address.mail_returned
        address.verified_by = user
        address.verified_at = timezone.now()
        address.mail_returned = False
        address.save(update_fields=["verified_by", "verified_at", "mail_returned"])
        _address_flag_changed(
            address=address,
            field="mail_returned",
            old=was,
            new=False,
            user=user,
            reason="Address checked with the family or the professional involved",
        )
    return address


def address_set_confidential(*, address: Address, confidential: bool, user: User) -> Address:
    with transaction.atomic():
        was = address.confidential
        address.confidential = confidential
        address.save(update_fields=["confidential"])
        _address_flag_changed(
            address=address,
            field="confidential",
            old=was,
            new=confidential,
            user=user,
            reason="Confidential marker changed",
        )
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


def professional_contact_update(
    *, contact: ProfessionalContact, user: User | None = None, reason: str = "", **fields
) -> ProfessionalContact:
    """Directory edit. Changes to the name, job title, department, email or direct line are
    written to the change history (reason "Edited in the directory" when none is given)."""
    if "direct_phone" in fields:
        fields["direct_phone"] = clean_phone(fields["direct_phone"], "direct_phone")
    if "name" in fields and not fields["name"].strip():
        raise RecordsError("Give the contact's name.", field="name")
    with transaction.atomic():
        contact = ProfessionalContact.objects.select_for_update().get(pk=contact.pk)
        diffs = [
            Diff(k, getattr(contact, k), v)
            for k, v in fields.items()
            if k in PROFESSIONAL_CONTACT_AMENDABLE and getattr(contact, k) != v
        ]
        for k, v in fields.items():
            setattr(contact, k, v)
        contact.save(update_fields=list(fields))
        changes_record(
            record_type=ChangeRecord.RecordType.PROFESSIONAL_CONTACT,
            record_id=contact.pk,
            record_reference=contact.reference,
            diffs=diffs,
            reason=reason.strip() or "Edited in the directory",
            by=user,
        )
    return contact


# Amending details with history (LET-4). Each service locks the row, validates every field
# with the same checks as creation and import, writes the new values and one ChangeRecord per
# changed field (who, when, old, new, why) in one transaction; the change records put the
# webhook deliveries in the outbox (LET-5).

SERVICE_USER_AMENDABLE = (
    "given_name",
    "family_name",
    "preferred_name",
    "date_of_birth",
    "upn",
    "uln",
    "nhs_number",
    "reference",
    "unit",
    "allocated_worker",
)
RELATED_PERSON_AMENDABLE = (
    "title",
    "given_name",
    "family_name",
    "phone",
    "email",
    "line_1",
    "line_2",
    "line_3",
    "town",
    "postcode",
)
PROFESSIONAL_CONTACT_AMENDABLE = ("name", "job_title", "department", "email", "direct_phone")

REASON_MISSING = (
    "Say why you are changing this, for example \u201cmother phoned with the new number\u201d."
)
MAX_LENGTHS = {
    "given_name": 100,
    "family_name": 100,
    "preferred_name": 100,
    "reference": 40,
    "title": 20,
    "line_1": 200,
    "line_2": 200,
    "line_3": 200,
    "town": 100,
    "name": 200,
    "job_title": 150,
    "department": 150,
    "email": 254,
}
FIELD_NAMES = {
    "given_name": "given name",
    "family_name": "family name",
    "preferred_name": "preferred name",
    "reference": "reference",
    "title": "title",
    "line_1": "first line of the address",
    "line_2": "second line of the address",
    "line_3": "third line of the address",
    "town": "town",
    "name": "name",
    "job_title": "job title",
    "department": "department",
    "email": "email address",
}


def can_change_allocated_worker(user) -> bool:
    """Allocating a worker is a manager's decision (or the DPO's or an administrator's)."""
    return bool(user is not None and (user.is_authoriser or user.sees_all))


def _check_fields(changes: dict, allowed: tuple[str, ...], what: str) -> None:
    for name in changes:
        if name not in allowed:
            raise RecordsError(
                f"The {name.replace('_', ' ')} of a {what} cannot be changed here.", field=name
            )


def _text(changes: dict, name: str, *, required: bool = False) -> None:
    if name not in changes:
        return
    value = changes[name]
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise RecordsError(f"Give the {FIELD_NAMES.get(name, name)} as text.", field=name)
    value = " ".join(value.split()) if name != "email" else value.strip()
    if required and not value:
        raise RecordsError(f"Enter the {FIELD_NAMES.get(name, name)}.", field=name)
    limit = MAX_LENGTHS.get(name)
    if limit and len(value) > limit:
        raise RecordsError(
            f"The {FIELD_NAMES.get(name, name)} must be {limit} characters or fewer.", field=name
        )
    changes[name] = value


def _email(changes: dict, name: str = "email") -> None:
    _text(changes, name)
    if changes.get(name):
        try:
            validate_email(changes[name])
        except ValidationError:
            raise RecordsError(
                "Enter an email address like name@example.org.", field=name
            ) from None


def _reason(reason: str) -> str:
    reason = " ".join((reason or "").split()) if isinstance(reason, str) else ""
    if not reason:
        raise RecordsError(REASON_MISSING, field="reason")
    if len(reason) > 1000:
        raise RecordsError("Keep the reason to 1,000 characters or fewer.", field="reason")
    return reason


def _only_different(instance, changes: dict) -> dict:
    """Values already held are not checked again, so an old record that would fail today's
    checks (a date of birth over 30 years ago, say) does not block correcting something else."""
    return {k: v for k, v in changes.items() if getattr(instance, k) != v}


def _apply(instance, changes: dict) -> list[Diff]:
    diffs = []
    for name, new in changes.items():
        old = getattr(instance, name)
        if old != new:
            diffs.append(Diff(name, old, new))
            setattr(instance, name, new)
    return diffs


def service_user_amend(
    *, service_user: ServiceUser, user: User, reason: str, source: str = "web", **changes
) -> list[ChangeRecord]:
    """Corrects a service user's details (LET-4). `changes` maps field names
    (SERVICE_USER_AMENDABLE) to new values: text, a date for `date_of_birth`, a Unit for `unit`,
    a User or None for `allocated_worker`. Returns the change records ([] if nothing changed).

    The caller has already checked that `user` may see this child (`access_service_user`).
    Moving a child is allowed only to a unit `user` works in; changing the allocated worker
    only for managers, the DPO and administrators (AmendForbidden)."""
    _check_fields(changes, SERVICE_USER_AMENDABLE, "service user")
    reason = _reason(reason)
    changes = _only_different(service_user, changes)
    for name in ("given_name", "family_name", "reference"):
        _text(changes, name, required=True)
    _text(changes, "preferred_name")
    if "date_of_birth" in changes:
        dob = changes["date_of_birth"]
        if not isinstance(dob, dt.date) or isinstance(dob, dt.datetime):
            raise RecordsError("Enter the date of birth as a date.", field="date_of_birth")
        today = timezone.localdate()
        if dob > today:
            raise RecordsError("The date of birth must be in the past.", field="date_of_birth")
        if dob.year < today.year - 30:
            raise RecordsError(
                "The date of birth is more than 30 years ago: check the year.",
                field="date_of_birth",
            )
    ids = {k: changes[k] for k in ("upn", "uln", "nhs_number") if k in changes}
    for name, value in ids.items():
        if value is not None and not isinstance(value, str):
            raise RecordsError(f"Give the {name.replace('_', ' ')} as text.", field=name)
    if ids:
        cleaned = service_user_identifiers(**{k: v or "" for k, v in ids.items()})
        changes.update({k: cleaned[k] for k in ids})
    if "unit" in changes:
        unit = changes["unit"]
        if not isinstance(unit, Unit):
            raise RecordsError("Choose a school or team.", field="unit")
        if not user.sees_all and not user.units.filter(pk=unit.pk).exists():
            raise AmendForbidden(
                "You can only move a child to a school or team you work in.", field="unit"
            )
    if "allocated_worker" in changes:
        worker = changes["allocated_worker"]
        if not can_change_allocated_worker(user):
            raise AmendForbidden(
                "Only a manager, the data protection officer or an administrator can change "
                "the allocated worker.",
                field="allocated_worker",
            )
        if worker is not None and not isinstance(worker, User):
            raise RecordsError("Choose a member of staff.", field="allocated_worker")
    with transaction.atomic():
        locked = (
            ServiceUser.objects.select_for_update(of=("self",))
            .select_related("unit", "allocated_worker")
            .get(pk=service_user.pk)
        )
        upn_taken = ServiceUser.objects.filter(upn=changes.get("upn") or None)
        if changes.get("upn") and upn_taken.exclude(pk=locked.pk).exists():
            raise RecordsError("Another service user already has this UPN.", field="upn")
        if "reference" in changes:
            taken = ServiceUser.objects.filter(reference=changes["reference"])
            if taken.exclude(pk=locked.pk).exists():
                raise RecordsError(
                    "Another service user already has this reference.", field="reference"
                )
        worker = changes.get("allocated_worker")
        if worker is not None and worker.pk != locked.allocated_worker_id:
            unit = changes.get("unit", locked.unit)
            if not worker.is_active:
                raise RecordsError(
                    "This member of staff's account is switched off.", field="allocated_worker"
                )
            if not worker.sees_all and not worker.units.filter(pk=unit.pk).exists():
                raise RecordsError(
                    f"This member of staff does not work at {unit.name}: choose someone who does.",
                    field="allocated_worker",
                )
        old_reference = locked.reference
        diffs = _apply(locked, changes)
        if not diffs:
            return []
        locked.updated_at = timezone.now()
        locked.save(update_fields=[d.field for d in diffs] + ["updated_at"])
        records = changes_record(
            record_type=ChangeRecord.RecordType.SERVICE_USER,
            record_id=locked.pk,
            record_reference=old_reference,
            service_user=locked,
            diffs=diffs,
            reason=reason,
            by=user,
            source=source,
        )
    for d in diffs:
        setattr(service_user, d.field, d.new)
    service_user.updated_at = locked.updated_at
    return records


def related_person_amend(
    *, person: RelatedPerson, user: User, reason: str, source: str = "web", **changes
) -> list[ChangeRecord]:
    """Corrects a parent's or carer's name, address, phone or email (LET-4), with history.
    The caller has checked that `user` may see the child the person belongs to."""
    _check_fields(changes, RELATED_PERSON_AMENDABLE, "parent or carer")
    reason = _reason(reason)
    changes = _only_different(person, changes)
    _text(changes, "given_name", required=True)
    _text(changes, "family_name", required=True)
    for name in ("title", "line_1", "line_2", "line_3", "town"):
        _text(changes, name)
    _email(changes)
    for name in ("phone", "postcode"):
        if name in changes:
            value = changes[name] or ""
            if not isinstance(value, str):
                raise RecordsError(f"Give the {name} as text.", field=name)
            changes[name] = clean_phone(value) if name == "phone" else clean_postcode(value)
    with transaction.atomic():
        locked = (
            RelatedPerson.objects.select_for_update(of=("self",))
            .select_related("service_user")
            .get(pk=person.pk)
        )
        diffs = _apply(locked, changes)
        if not diffs:
            return []
        locked.save(update_fields=[d.field for d in diffs])
        records = changes_record(
            record_type=ChangeRecord.RecordType.RELATED_PERSON,
            record_id=locked.pk,
            record_reference=locked.reference,
            service_user=locked.service_user,
            diffs=diffs,
            reason=reason,
            by=user,
            source=source,
        )
    for d in diffs:
        setattr(person, d.field, d.new)
    return records


def professional_contact_amend(
    *,
    contact: ProfessionalContact,
    user: User | None,
    reason: str,
    source: str = "web",
    **changes,
) -> list[ChangeRecord]:
    """Corrects a professional contact's name, job title, department, email or direct line,
    with history. The directory is kept by the DPO and administrators (AmendForbidden)."""
    if user is not None and not (user.is_dpo or user.is_administrator):
        raise AmendForbidden(
            "Only the data protection officer or an administrator can change contacts. Tell "
            "them what is wrong."
        )
    _check_fields(changes, PROFESSIONAL_CONTACT_AMENDABLE, "professional contact")
    reason = _reason(reason)
    changes = _only_different(contact, changes)
    _text(changes, "name", required=True)
    _text(changes, "job_title")
    _text(changes, "department")
    _email(changes)
    if "direct_phone" in changes:
        value = changes["direct_phone"] or ""
        if not isinstance(value, str):
            raise RecordsError("Give the direct line as text.", field="direct_phone")
        changes["direct_phone"] = clean_phone(value, "direct_phone")
    with transaction.atomic():
        locked = ProfessionalContact.objects.select_for_update().get(pk=contact.pk)
        diffs = _apply(locked, changes)
        if not diffs:
            return []
        locked.save(update_fields=[d.field for d in diffs])
        records = changes_record(
            record_type=ChangeRecord.RecordType.PROFESSIONAL_CONTACT,
            record_id=locked.pk,
            record_reference=locked.reference,
            diffs=diffs,
            reason=reason,
            by=user,
            source=source,
        )
    for d in diffs:
        setattr(contact, d.field, d.new)
    return records
