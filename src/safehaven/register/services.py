"""Writes to the register. `disclosure_record` is the only way an entry is made."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Sequence

from django.db import connection, transaction
from django.utils import timezone

from safehaven.records.models import (
    Consent,
    ContactRestriction,
    Organisation,
    ProfessionalContact,
    ServiceUser,
)
from safehaven.register import chain
from safehaven.register.correlation import correlation_id_for
from safehaven.register.models import (
    Channel,
    Disclosure,
    DisclosureSubject,
    LawfulBasis,
    Outcome,
)

logger = logging.getLogger(__name__)

# pg_advisory_xact_lock key: one register chain per database.
_CHAIN_LOCK_KEY = 0x5AFE_4A7E

EXEMPTIONS_NEEDING_JUSTIFICATION = {
    LawfulBasis.SAFEGUARDING,
    LawfulBasis.CRIME_PREVENTION,
    LawfulBasis.VITAL_INTERESTS,
    LawfulBasis.COURT_ORDER,
    LawfulBasis.LEGAL_OBLIGATION,
    LawfulBasis.PUBLIC_TASK,
}


class DisclosureError(ValueError):
    """A register entry that cannot be made as asked; the message says what to change."""

    def __init__(self, message: str, *, field: str | None = None, rule: str = "TEL-9"):
        super().__init__(message)
        self.message = message
        self.field = field
        self.rule = rule


def _clean_text(value, name: str, limit: int | None = None) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        raise DisclosureError(f"{name.replace('_', ' ').capitalize()} must be text.", field=name)
    if "\x00" in value:
        raise DisclosureError(
            f"{name.replace('_', ' ').capitalize()} contains a NUL character; remove it.",
            field=name,
        )
    # Chain format 2 joins an entry's values with U+001F (the unit separator), so no value may
    # hold it (see chain.py); other control characters are hashed as they are.
    if chain.SEPARATOR in value:
        raise DisclosureError(
            f"{name.replace('_', ' ').capitalize()} contains the control character U+001F "
            f"(unit separator), probably pasted by accident; remove it.",
            field=name,
        )
    value = value.strip()
    if limit is not None and len(value) > limit:
        raise DisclosureError(
            f"{name.replace('_', ' ').capitalize()} is longer than {limit} characters.", field=name
        )
    return value


def _check_payload(value, path: str = "payload"):
    """Channel specifics: JSON objects, lists, text, whole numbers, true/false, null. Floats are
    refused because their text form can change in the database and break the hash."""
    if value is None or isinstance(value, bool | int | str):
        if isinstance(value, str) and "\x00" in value:
            raise DisclosureError(f"{path} contains a NUL character.", field="payload")
        return value
    if isinstance(value, list | tuple):
        return [_check_payload(v, f"{path}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise DisclosureError(f"{path} has a key that is not text.", field="payload")
            out[k] = _check_payload(v, f"{path}.{k}")
        return out
    raise DisclosureError(
        f"{path} holds a {type(value).__name__}; use text, whole numbers, true/false, lists or "
        f"objects.",
        field="payload",
    )


def _name_key(text: str) -> str:
    return " ".join(text.casefold().split())


def restriction_matching(
    *, service_users: Sequence[ServiceUser], recipient_name: str, on=None
) -> ContactRestriction | None:
    """The active contact restriction, if any, naming this recipient for any of these children."""
    key = _name_key(recipient_name)
    if not key:
        return None
    on = on or timezone.localdate()
    restrictions = ContactRestriction.objects.filter(
        service_user__in=[su.pk for su in service_users], valid_from__lte=on
    ).select_related("related_person")
    for r in restrictions:
        if r.valid_to is not None and r.valid_to < on:
            continue
        names = {_name_key(r.person_name)}
        if r.related_person is not None:
            names.add(_name_key(f"{r.related_person.given_name} {r.related_person.family_name}"))
            names.add(_name_key(r.related_person.full_name))
        if key in names:
            return r
    return None


def _chain_lock() -> None:
    """Serialises writers so the chain cannot fork. PostgreSQL: a transaction-scoped advisory
    lock. SQLite: the write lock of the (IMMEDIATE) transaction already serialises writers;
    the unique sequence and hash columns refuse a fork in any case."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_CHAIN_LOCK_KEY])


def disclosure_record(
    *,
    channel: str,
    outcome: str,
    disclosed_by,
    reason: str,
    service_user: ServiceUser | None = None,
    service_users: Sequence[ServiceUser] | None = None,
    recipient_name: str = "",
    recipient_role: str = "",
    recipient_organisation: Organisation | None = None,
    recipient_contact: ProfessionalContact | None = None,
    recipient_address: str = "",
    recipient_number: str = "",
    recipient_email: str = "",
    summary: str = "",
    lawful_basis: str = LawfulBasis.NONE,
    consent: Consent | None = None,
    lawful_basis_justification: str = "",
    authorised_by=None,
    refusal_reason: str = "",
    correlation_id: uuid.UUID | str | None = None,
    payload: dict | None = None,
) -> Disclosure:
    """Appends one entry to the register (TEL-9) and returns it.

    Call it inside the caller's `transaction.atomic()` so the channel's own state change and
    the entry commit or roll back together. Refuses (DisclosureError): an unknown channel,
    outcome or lawful basis; a disclosure without a lawful basis, with a consent that is not
    current or not about these children, or with an exemption and no justification; a refusal
    without its reason; a recipient named in an active contact restriction; an authoriser who
    is not a Team, Line or Service Manager (or DPO).
    """
    subjects: list[ServiceUser] = []
    for su in ([service_user] if service_user is not None else []) + list(service_users or []):
        if su.pk is None:
            raise DisclosureError("A service user must be saved before a disclosure about them.")
        if all(s.pk != su.pk for s in subjects):
            subjects.append(su)
    if not subjects:
        raise DisclosureError("Say which service user the entry is about.", field="service_user")
    if channel not in Channel.values:
        raise DisclosureError(f"Unknown channel {channel!r}.", field="channel")
    if outcome not in Outcome.values:
        raise DisclosureError(f"Unknown outcome {outcome!r}.", field="outcome")
    if lawful_basis not in LawfulBasis.values:
        raise DisclosureError(f"Unknown lawful basis {lawful_basis!r}.", field="lawful_basis")
    if disclosed_by is None or disclosed_by.pk is None:
        raise DisclosureError(
            "Say which member of staff made the disclosure.", field="disclosed_by"
        )

    texts = {
        "reason": _clean_text(reason, "reason"),
        "summary": _clean_text(summary, "summary"),
        "recipient_name": _clean_text(recipient_name, "recipient_name", 200),
        "recipient_role": _clean_text(recipient_role, "recipient_role", 200),
        "recipient_address": _clean_text(recipient_address, "recipient_address"),
        "recipient_number": _clean_text(recipient_number, "recipient_number", 30),
        "recipient_email": _clean_text(recipient_email, "recipient_email", 254),
        "lawful_basis_justification": _clean_text(
            lawful_basis_justification, "lawful_basis_justification"
        ),
        "refusal_reason": _clean_text(refusal_reason, "refusal_reason"),
    }
    if not texts["reason"]:
        raise DisclosureError(
            "Record the reason for the request (TEL-4).", field="reason", rule="TEL-4"
        )
    if recipient_contact is not None and recipient_organisation is None:
        recipient_organisation = recipient_contact.organisation
    if not (texts["recipient_name"] or recipient_organisation or recipient_contact):
        raise DisclosureError("Record who the recipient is.", field="recipient_name")

    if outcome == Outcome.DISCLOSED:
        if lawful_basis == LawfulBasis.NONE:
            raise DisclosureError(
                "A disclosure needs a lawful basis: consent, or an exemption with its "
                "justification.",
                field="lawful_basis",
            )
        if lawful_basis == LawfulBasis.CONSENT:
            if consent is None:
                raise DisclosureError(
                    "Consent is the lawful basis: say which consent record (TEL-7).",
                    field="consent",
                    rule="TEL-7",
                )
            if consent.service_user_id not in {s.pk for s in subjects}:
                raise DisclosureError(
                    "The consent given is about a different service user.",
                    field="consent",
                    rule="TEL-7",
                )
            if not consent.is_current():
                raise DisclosureError(
                    "The consent given is withdrawn or expired; it cannot be relied on.",
                    field="consent",
                    rule="TEL-7",
                )
        elif (
            lawful_basis in EXEMPTIONS_NEEDING_JUSTIFICATION
            and not texts["lawful_basis_justification"]
        ):
            raise DisclosureError(
                "Record why the exemption applies (justification).",
                field="lawful_basis_justification",
            )
        if not texts["summary"]:
            raise DisclosureError("Record what was disclosed.", field="summary")
        restriction = restriction_matching(
            service_users=subjects, recipient_name=texts["recipient_name"]
        )
        if restriction is not None:
            raise DisclosureError(
                f"This recipient must not receive information: contact restriction "
                f"({restriction.get_reason_display()}).",
                field="recipient_name",
            )
    elif not texts["refusal_reason"]:
        raise DisclosureError("Record why the information was not shared.", field="refusal_reason")
    if authorised_by is not None and not (authorised_by.is_authoriser or authorised_by.is_dpo):
        raise DisclosureError(
            "Only a Team, Line or Service Manager (or the DPO) can authorise a disclosure (TEL-6).",
            field="authorised_by",
            rule="TEL-6",
        )
    clean_payload = _check_payload(dict(payload or {}))
    key = chain.chain_key()

    with transaction.atomic():
        _chain_lock()
        head = (
            Disclosure.objects.order_by("-sequence").values_list("sequence", "entry_hash").first()
        )
        sequence, prev_hash = (head[0] + 1, head[1]) if head else (1, chain.GENESIS_HASH)
        entry = Disclosure(
            sequence=sequence,
            correlation_id=correlation_id_for(correlation_id),
            occurred_at=timezone.now(),
            channel=channel,
            outcome=outcome,
            service_user=subjects[0],
            service_user_ids=[s.pk for s in subjects],
            recipient_organisation=recipient_organisation,
            recipient_organisation_name=(
                recipient_organisation.name if recipient_organisation else ""
            ),
            recipient_contact=recipient_contact,
            lawful_basis=lawful_basis,
            consent=consent,
            authorised_by=authorised_by,
            disclosed_by=disclosed_by,
            payload=clean_payload,
            chain_version=chain.CHAIN_VERSION,
            prev_hash=prev_hash,
            **texts,
        )
        try:
            entry.entry_hash = chain.entry_hash(
                [getattr(entry, name) for name in chain.CHAIN_FIELDS], key
            )
        except ValueError as exc:  # U+001F in a value not checked above (an organisation name)
            raise DisclosureError(
                f"The entry cannot be recorded: {exc}. Remove the control character from the "
                f"recipient organisation's name.",
                field="recipient_organisation",
            ) from None
        entry.save(force_insert=True)
        DisclosureSubject.objects.bulk_create(
            [DisclosureSubject(disclosure=entry, service_user=s) for s in subjects]
        )
    logger.info(
        "register entry appended sequence=%s channel=%s outcome=%s", sequence, channel, outcome
    )
    return entry
