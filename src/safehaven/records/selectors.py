"""Reads of the records: current address (LET-1), consent, restrictions, typo-tolerant search
and matching a caller's details to the primary record (TEL-3)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from django.utils import timezone
from rapidfuzz import fuzz

from safehaven.core.identifiers import is_valid_upn, normalise_upn
from safehaven.records.access import service_users_visible_to
from safehaven.records.models import (
    AccessLog,
    Address,
    ChangeRecord,
    Consent,
    ContactRestriction,
    EmailDomain,
    Organisation,
    ProfessionalContact,
    RelatedPerson,
    ServiceUser,
)

SEARCH_CANDIDATE_LIMIT = 5000
SEARCH_MIN_SCORE = 60.0


def address_current(*, service_user: ServiceUser) -> Address | None:
    """The latest address from the primary record: the one row with no end date (LET-1)."""
    return Address.objects.filter(service_user=service_user, valid_to__isnull=True).first()


def address_history(*, service_user: ServiceUser) -> QuerySet[Address]:
    """Every address, current first, then newest to oldest (LET-4 keeps them all)."""
    return (
        Address.objects.filter(service_user=service_user)
        .select_related("verified_by")
        .order_by(F("valid_to").asc(nulls_first=True), "-valid_from", "-pk")
    )


def related_people_for(*, service_user: ServiceUser) -> QuerySet[RelatedPerson]:
    return RelatedPerson.objects.filter(service_user=service_user).order_by("priority", "pk")


def restrictions_active(*, service_user: ServiceUser, on: dt.date | None = None):
    on = on or timezone.localdate()
    return (
        ContactRestriction.objects.filter(service_user=service_user, valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .select_related("related_person")
    )


def consents_for_service_user(*, service_user: ServiceUser) -> QuerySet[Consent]:
    return Consent.objects.filter(service_user=service_user).select_related(
        "recipient_organisation", "recipient_contact", "recipient_contact__organisation"
    )


def consent_current(
    *,
    service_user: ServiceUser,
    organisation: Organisation | None = None,
    contact: ProfessionalContact | None = None,
    purpose: str | None = None,
    at: dt.datetime | None = None,
) -> Consent | None:
    """The consent that covers sharing with this organisation or contact now (TEL-7), or None.

    Consent to an organisation covers its contacts; consent to a named contact covers only
    that contact. Consent for "any purpose" covers every purpose. Given, not withdrawn and not
    expired at `at`. Newest first.
    """
    if organisation is None and contact is None:
        return None
    at = at or timezone.now()
    recipient = Q()
    if contact is not None:
        recipient |= Q(recipient_contact=contact)
        organisation = organisation or contact.organisation
    if organisation is not None:
        recipient |= Q(recipient_organisation=organisation, recipient_contact__isnull=True)
    qs = Consent.objects.filter(recipient, service_user=service_user, given_at__lte=at).filter(
        Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=at),
        Q(expires_at__isnull=True) | Q(expires_at__gte=timezone.localdate(at)),
    )
    if purpose:
        qs = qs.filter(purpose__in=[purpose, Consent.Purpose.ANY])
    return qs.order_by("-given_at", "-pk").first()


def organisation_for_email(address: str) -> Organisation | None:
    """The organisation that owns the domain of this email address (or a parent domain)."""
    domain = address.rsplit("@", 1)[-1].strip().lower().rstrip(".")
    parts = domain.split(".")
    candidates = [".".join(parts[i:]) for i in range(len(parts) - 1)]
    found = {
        d.domain: d
        for d in EmailDomain.objects.filter(domain__in=candidates).select_related("organisation")
    }
    for c in candidates:
        if c in found:
            return found[c].organisation
    return None


def access_log_for_service_user(*, service_user: ServiceUser) -> QuerySet[AccessLog]:
    """Who looked at this record, newest first (shown to the DPO)."""
    return AccessLog.objects.filter(service_user=service_user).select_related("user")


def changes_for_service_user(*, service_user: ServiceUser) -> QuerySet[ChangeRecord]:
    """Every amended detail about this child (their details, addresses, parents and carers),
    newest first (LET-4)."""
    return ChangeRecord.objects.filter(service_user=service_user).select_related("changed_by")


def changes_for_contact(*, contact: ProfessionalContact) -> QuerySet[ChangeRecord]:
    return ChangeRecord.objects.filter(
        record_type=ChangeRecord.RecordType.PROFESSIONAL_CONTACT, record_id=contact.pk
    ).select_related("changed_by")


# Search.

_DATE_PATTERNS = (
    re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$"),  # d/m/yyyy
    re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),  # yyyy-mm-dd
)


def parse_dob(text: str) -> dt.date | None:
    text = text.strip()
    m = _DATE_PATTERNS[0].match(text)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        m = _DATE_PATTERNS[1].match(text)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        # 31/13/2015 could be a swapped 13/31: try it the other way round.
        if m and _DATE_PATTERNS[0].match(text):
            try:
                return dt.date(int(m.group(3)), int(m.group(1)), int(m.group(2)))
            except ValueError:
                return None
    return None


def dob_variants(dob: dt.date) -> list[dt.date]:
    """The date and, when it is a valid date, the same date with day and month swapped."""
    out = [dob]
    if dob.day <= 12 and dob.day != dob.month:
        # The old month (1-12) is always a valid day.
        out.append(dob.replace(month=dob.day, day=dob.month))
    return out


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w' -]", " ", text.casefold()).replace("-", " ").split())


def _name_score(query: str, given: str, family: str, preferred: str) -> float:
    best = 0.0
    for g in {given, preferred} - {""}:
        full = _fold(f"{g} {family}")
        best = max(
            best,
            fuzz.WRatio(query, full),
            fuzz.token_sort_ratio(query, full),
        )
    # A single word may be just the family name or just the given name.
    if " " not in query:
        best = max(best, fuzz.ratio(query, _fold(family)), fuzz.ratio(query, _fold(given)))
    return best


def _name_prefilter(tokens: list[str]) -> Q:
    """Candidates for fuzzy ranking, narrow enough for a million records.

    One word: family or given name starting with its first three letters. Two or more: the
    first and last words as given + family name (either order), allowing a typo from the
    second letter of one of them."""
    if len(tokens) == 1:
        t = tokens[0]
        p = t[:3] if len(t) >= 4 else t[:2]
        return Q(family_key__startswith=p) | Q(given_key__startswith=p)
    first, last = tokens[0], tokens[-1]
    q = Q()
    for given, family in ((first, last), (last, first)):
        q |= Q(given_key__startswith=given[:1], family_key__startswith=family[:2])
        q |= Q(given_key__startswith=given[:2], family_key__startswith=family[:1])
    return q


def _ordered(qs: QuerySet, ids: list[int]) -> QuerySet:
    if not ids:
        return qs.none()
    rank = Case(
        *[When(pk=pk, then=Value(i)) for i, pk in enumerate(ids)], output_field=IntegerField()
    )
    return qs.filter(pk__in=ids).annotate(search_rank=rank).order_by("search_rank")


@dataclass(frozen=True)
class SearchQuery:
    names: list[str]
    dob: dt.date | None
    upn: str | None
    reference: str | None


def parse_search_text(text: str, dob: dt.date | None = None) -> SearchQuery:
    names: list[str] = []
    upn = reference = None
    for raw in (text or "").split():
        token = raw.strip(",;")
        if not token:
            continue
        compact = token.replace("-", "").upper()
        if len(compact) == 13 and is_valid_upn(compact):
            upn = normalise_upn(compact)
            continue
        parsed = parse_dob(token)
        if parsed is not None:
            dob = dob or parsed
            continue
        if any(ch.isdigit() for ch in token):
            reference = token
            continue
        names.append(_fold(token))
    return SearchQuery([n for n in names if n], dob, upn, reference)


def service_user_search(
    *, user, text: str = "", dob: dt.date | None = None, limit: int = 50
) -> QuerySet[ServiceUser]:
    """Service users the user may see that match the text (name, UPN, reference, date),
    best first. Tolerates typos in names (rapidfuzz over a prefiltered candidate set) and a
    date of birth with day and month swapped. A UPN or a reference matches exactly."""
    q = parse_search_text(text, dob)
    visible = service_users_visible_to(user).select_related("unit")
    if q.upn:
        return visible.filter(upn=q.upn)[:limit]
    if q.reference and not q.names and q.dob is None:
        return visible.filter(reference__iexact=q.reference)[:limit]
    if not q.names and q.dob is None:
        return visible.none()
    candidates = visible
    if q.dob is not None:
        candidates = candidates.filter(date_of_birth__in=dob_variants(q.dob))
    if q.names:
        if q.dob is None:
            candidates = candidates.filter(_name_prefilter(q.names))
        rows = candidates.values_list(
            "pk", "given_name", "family_name", "preferred_name", "date_of_birth"
        )[:SEARCH_CANDIDATE_LIMIT]
        query = " ".join(q.names)
        scored = []
        for pk, given, family, preferred, born in rows:
            score = _name_score(query, given, family, preferred)
            if q.dob is not None and born == q.dob:
                score += 5
            if score >= SEARCH_MIN_SCORE:
                scored.append((-score, family, given, pk))
        scored.sort()
        ids = [pk for *_rest, pk in scored[:limit]]
    else:
        ids = list(
            candidates.order_by("family_name", "given_name", "pk").values_list("pk", flat=True)[
                :limit
            ]
        )
    return _ordered(visible, ids)


@dataclass(frozen=True)
class Match:
    service_user: ServiceUser
    score: float
    exact: bool
    reasons: tuple[str, ...]


def service_user_match(
    *,
    user,
    given_name: str,
    family_name: str,
    date_of_birth: dt.date,
    reference: str = "",
) -> list[Match]:
    """Matches a caller's details to the primary record (TEL-3): candidates best first.

    `exact` only when the name matches closely (score >= 90), the date of birth matches
    exactly and, if a reference/UPN was given, it matches too. Anything else is for a person
    to judge, and the reasons say what differs.
    """
    found = service_user_search(
        user=user, text=f"{given_name} {family_name}", dob=date_of_birth, limit=10
    )
    ref = reference.strip().upper().replace(" ", "")
    query = _fold(f"{given_name} {family_name}")
    out = []
    for su in found:
        reasons = []
        score = _name_score(query, su.given_name, su.family_name, su.preferred_name)
        if score < 90:
            reasons.append("name differs")
        if su.date_of_birth != date_of_birth:
            reasons.append("day and month of birth are swapped")
        if ref and ref not in {su.upn.upper(), su.reference.upper(), su.uln, su.nhs_number}:
            reasons.append("reference does not match")
        out.append(Match(su, score, not reasons, tuple(reasons)))
    out.sort(key=lambda m: (not m.exact, -m.score))
    return out
