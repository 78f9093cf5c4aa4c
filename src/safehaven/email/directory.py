"""The records app answering the email checks' questions (`safehaven.core.email.Directory`).

- contacts: professional contacts (and parents/carers) with an email address;
- known domains: organisations' email domains, contacts' domains, addresses written to before;
- send history: mail the gateway relayed (`EmailRecipientHistory`) and register entries (any
  channel) with a `recipient_email`, by the staff member whose account email is the sender;
- service users named in a message: full name (given/preferred + family) or UPN, ULN, NHS number;
  visible to `user` when one is given (the pre-send page), all records otherwise (the gateway);
- links between a recipient and a service user: current consents to the recipient's contact or
  organisation, past register entries to that address or organisation, a parent's own address;
- contact restrictions: an active restriction whose person (related person or name) owns the
  address, about a service user named in the message;
- generic mailbox consent: a current consent naming the organisation whose recorded mailbox this
  is, or a contact with this address, for every service user named.

Ids handed to the checks are the service users' primary keys as text; the display form is the
initials (never the name).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from functools import cached_property

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from safehaven.core.email.directory import Contact, Restriction, ServiceUserRef
from safehaven.core.email.policy import default_webmail_domains
from safehaven.email.models import EmailRecipientHistory
from safehaven.email.records_cache import RecordsCache, ServiceUserIndex
from safehaven.records.access import service_users_visible_to
from safehaven.records.models import (
    Consent,
    ContactRestriction,
    EmailDomain,
    Organisation,
    ProfessionalContact,
    RelatedPerson,
    ServiceUser,
)
from safehaven.records.selectors import organisation_for_email
from safehaven.register.models import Disclosure, DisclosureSubject


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[-1].strip().lower()


def _name_key(name: str) -> str:
    return " ".join(name.lower().replace(",", " ").split())


def _id_key(value: str) -> str:
    return re.sub(r"[\s-]", "", value).upper()


def _initials(given: str, preferred: str, family: str) -> str:
    return f"{(preferred or given or '?')[:1].upper()}.{(family or '?')[:1].upper()}."


def initials(su: ServiceUser) -> str:
    return _initials(su.given_name, su.preferred_name, su.family_name)


def known_domains_query() -> frozenset[str]:
    """Every organisation email domain, contacts' domains and register recipients' domains."""
    domains = {d.lower() for d in EmailDomain.objects.values_list("domain", flat=True)}
    for email in ProfessionalContact.objects.exclude(email="").values_list("email", flat=True):
        domains.add(_domain(email))
    for email in (
        Disclosure.objects.exclude(recipient_email="")
        .values_list("recipient_email", flat=True)
        .distinct()
    ):
        if "@" in email:
            domains.add(_domain(email))
    return frozenset(domains)


def _restriction_order(r: ContactRestriction) -> tuple:
    """What ContactRestriction's Meta.ordering gives on SQLite (the records cache's only
    database): the service user by ServiceUser's ordering (family name, given name, pk), then the
    newest valid_from first, then pk."""
    su = r.service_user
    return (su.family_name, su.given_name, su.pk, -r.valid_from.toordinal(), r.pk)


# Rows read for one message's names before the exact (first, last) pairs are kept.
_CANDIDATES = 2000


class DjangoDirectory:
    """A read-only Directory over the records and the register; one per request or message."""

    def __init__(
        self,
        *,
        user=None,
        webmail_domains: frozenset[str] | None = None,
        known_domains: Callable[[], frozenset[str]] | None = None,
        cache: RecordsCache | None = None,
    ) -> None:
        """`known_domains`, when given, answers `known_domains()` instead of three queries (the
        gateway passes a copy it refreshes every 30 s: the register's part grows with it).

        `cache` (the gateway's check workers, `user=None` only): a `RecordsCache` already
        refreshed for this message; its copies of the records are used and filled."""
        self.user = user
        self.cache = cache if (cache is not None and cache.enabled and user is None) else None
        self._named: set[str] = set()
        self.webmail_domains = (
            webmail_domains if webmail_domains is not None else default_webmail_domains()
        )
        self._known_domains_from = known_domains
        self._organisation_cache: dict[str, Organisation | None] = {}
        self._contacts_cache: dict[str, list[ProfessionalContact]] = {}
        self._related_cache: dict[str, list[RelatedPerson]] = {}
        self._written_cache: dict[tuple[str, str], set[str]] = {}
        self._restrictions_cache: dict[tuple[int, ...], list[ContactRestriction]] = {}
        self._mark: int | None = None

    # The people with an address, read once per message (several checks ask about them).

    def _contacts(self, a: str) -> list[ProfessionalContact]:
        if self.cache is not None:
            self._contacts_cache = self.cache.contacts
        if a not in self._contacts_cache:
            self._contacts_cache[a] = list(
                ProfessionalContact.objects.filter(email__iexact=a)
                .select_related("organisation")
                .order_by("-active", "pk")
            )
        return self._contacts_cache[a]

    def _related(self, a: str) -> list[RelatedPerson]:
        if self.cache is not None:
            self._related_cache = self.cache.related
        if a not in self._related_cache:
            self._related_cache[a] = list(RelatedPerson.objects.filter(email__iexact=a))
        return self._related_cache[a]

    # Contacts and domains.

    def contact(self, *, address: str) -> Contact | None:
        a = address.strip().lower()
        pc = next((c for c in self._contacts(a) if c.active), None)
        if pc is not None:
            return Contact(address=a, name=pc.name, organisation=pc.organisation.name)
        rp = next(iter(self._related(a)), None)
        if rp is not None:
            return Contact(address=a, name=f"{rp.given_name} {rp.family_name}".strip())
        return None

    @cached_property
    def _known_domains(self) -> frozenset[str]:
        if self._known_domains_from is not None:
            return self._known_domains_from()
        return known_domains_query()

    def known_domains(self) -> frozenset[str]:
        return self._known_domains

    # Send history (the register).

    def _sent_by(self, sender: str):
        return Disclosure.objects.filter(disclosed_by__email__iexact=sender.strip())

    def _written(self, sender: str, domain: str, address: str = "") -> set[str]:
        """Addresses at `domain` this sender wrote to (gateway history, then the register):
        one question answers both "this address?" and "anyone there?" (2 queries, not 4).

        With the gateway's cache, addresses already found are kept across messages (both
        sources only grow): no query when `address` (or, without one, anyone) is among them."""
        key = (sender.strip().lower(), domain.strip().lower())
        if self.cache is not None and key not in self._written_cache:
            known = self.cache.written.get(key)
            if known and (not address or address in known):
                return known
        if key not in self._written_cache:
            s, d = key
            found = set(
                EmailRecipientHistory.objects.filter(sender=s, domain=d).values_list(
                    "address", flat=True
                )[:5000]
            )
            found |= {
                e.strip().lower()
                for e in self._sent_by(sender)
                .filter(recipient_email__iendswith="@" + d)
                .values_list("recipient_email", flat=True)[:5000]
            }
            self._written_cache[key] = found
            if self.cache is not None and found:
                self.cache.written[key] = found
        return self._written_cache[key]

    def has_written_to(self, *, sender: str, address: str) -> bool:
        if not sender:
            return False
        a = address.strip().lower()
        return a in self._written(sender, _domain(a), a)

    def has_written_to_domain(self, *, sender: str, domain: str) -> bool:
        if not sender:
            return False
        return bool(self._written(sender, domain))

    # Service users.

    def _service_users(self):
        if self.user is None:
            return ServiceUser.objects.all()
        return service_users_visible_to(self.user)

    def service_users_in(
        self, *, names: Sequence[str], identifiers: Sequence[str]
    ) -> list[ServiceUserRef]:
        """Records named in the message: a (first, last) word pair of a PERSON span matching the
        given or preferred name and the family name, or a UPN/ULN/NHS number.

        One query with two IN lists (a 20 KB message can name 200 people: one OR clause per
        name cost ~50 ms of query building alone), then the exact pairs are kept here.
        """
        pairs: set[tuple[str, str]] = set()
        for name in names:
            words = _name_key(name).split()
            if len(words) >= 2:
                pairs.add((words[0], words[-1]))
        ids = {_id_key(i) for i in identifiers} - {""}
        if not pairs and not ids:
            return []
        if self.cache is not None:
            if self.cache.service_users is None:
                self.cache.service_users = ServiceUserIndex(
                    ServiceUser.objects.values_list(
                        "pk", "given_name", "preferred_name", "family_name", "upn", "uln",
                        "nhs_number",
                    ).iterator(chunk_size=5000)
                )  # fmt: skip
            found = [
                ServiceUserRef(id=str(pk), display=display)
                for pk, display in self.cache.service_users.find(pairs, ids)[:50]
            ]
            self._named = {r.id for r in found}
            return found
        query = Q()
        if pairs:
            firsts = sorted({f for f, _ in pairs})
            lasts = sorted({la for _, la in pairs})
            query |= Q(family_key__in=lasts) & (
                Q(given_key__in=firsts) | Q(preferred_key__in=firsts)
            )
        if ids:
            query |= Q(upn__in=ids) | Q(uln__in=ids) | Q(nhs_number__in=ids)
        rows = (
            self._service_users()
            .annotate(preferred_key=Lower("preferred_name"))
            .filter(query)
            .order_by("pk")
            .values_list(
                "pk", "given_name", "preferred_name", "family_name", "upn", "uln", "nhs_number"
            )[:_CANDIDATES]
        )
        found = []
        for pk, given, preferred, family, upn, uln, nhs in rows:
            last = family.lower()
            named = (given.lower(), last) in pairs or (
                bool(preferred) and (preferred.lower(), last) in pairs
            )
            if named or {upn, uln, nhs} & ids:
                display = _initials(given, preferred, family)
                found.append(ServiceUserRef(id=str(pk), display=display))
                if len(found) == 50:
                    break
        self._named = {r.id for r in found}
        return found

    @cached_property
    def _consent_valid_for(self) -> dt.timedelta:
        """How long a consent counts under the DPO's policy (the rule telephone and fax apply
        too), read once per directory, which is once per checked message (the gateway's cache
        keeps it until the policy pointer moves)."""
        from safehaven.oversight.policy import consent_valid_days

        if self.cache is None:
            return dt.timedelta(days=consent_valid_days())
        if self.cache.consent_valid_days is None:
            self.cache.consent_valid_days = consent_valid_days()
        return dt.timedelta(days=self.cache.consent_valid_days)

    def _consent_current(self, given_at, withdrawn_at, expires_at, now) -> bool:  # noqa: ANN001
        """The time rules of the consent queries below, applied to a kept row."""
        return (
            now - self._consent_valid_for <= given_at <= now
            and (withdrawn_at is None or withdrawn_at > now)
            and (expires_at is None or expires_at >= timezone.localdate(now))
        )

    def _organisation(self, address: str) -> Organisation | None:
        a = address.lower()
        if self.cache is not None:
            self._organisation_cache = self.cache.organisations
        if a not in self._organisation_cache:
            self._organisation_cache[a] = organisation_for_email(a)
        return self._organisation_cache[a]

    def linked_service_users(self, *, address: str) -> frozenset[str]:
        if self.cache is not None:
            return self._linked_cached(address.strip().lower())
        a = address.strip().lower()
        org = self._organisation(a)
        now = timezone.now()
        consent_to = Q(recipient_contact__email__iexact=a)
        if org is not None:
            consent_to |= Q(recipient_organisation=org)
        ids = set(
            Consent.objects.filter(
                consent_to, given_at__lte=now, given_at__gte=now - self._consent_valid_for
            )
            .filter(Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=now))
            .filter(Q(expires_at__isnull=True) | Q(expires_at__gte=timezone.localdate(now)))
            .values_list("service_user_id", flat=True)
        )
        to = Q(disclosure__recipient_email__iexact=a)
        if _domain(a) not in self.webmail_domains:
            # A link to a partner's domain covers its colleagues; never to public webmail,
            # where one parent's address says nothing about a stranger's.
            to |= Q(disclosure__recipient_email__iendswith="@" + _domain(a))
        if org is not None:
            to |= Q(disclosure__recipient_organisation=org)
        ids |= set(
            DisclosureSubject.objects.filter(to, disclosure__outcome="disclosed").values_list(
                "service_user_id", flat=True
            )
        )
        ids |= {p.service_user_id for p in self._related(a)}
        return frozenset(str(i) for i in ids)

    def _consent_to_filter(self, a: str, org: Organisation | None) -> Q:
        consent_to = Q(recipient_contact__email__iexact=a)
        if org is not None:
            consent_to |= Q(recipient_organisation=org)
        return consent_to

    def _register_to_filter(self, a: str, org: Organisation | None) -> Q:
        to = Q(disclosure__recipient_email__iexact=a)
        if _domain(a) not in self.webmail_domains:
            to |= Q(disclosure__recipient_email__iendswith="@" + _domain(a))
        if org is not None:
            to |= Q(disclosure__recipient_organisation=org)
        return to

    def _linked_cached(self, a: str) -> frozenset[str]:
        """`linked_service_users` from the worker's kept rows: the consents to the address are
        kept (their time rules applied now), register links found are kept (the register only
        grows) and the register is asked again only for a named child not yet linked."""
        cache = self.cache
        assert cache is not None
        org = self._organisation(a)
        now = timezone.now()
        if a not in cache.consents_to:
            cache.consents_to[a] = list(
                Consent.objects.filter(self._consent_to_filter(a, org)).values_list(
                    "service_user_id", "given_at", "withdrawn_at", "expires_at"
                )
            )
        ids = {
            su for su, given, withdrawn, expires in cache.consents_to[a]
            if self._consent_current(given, withdrawn, expires, now)
        }  # fmt: skip
        ids |= {p.service_user_id for p in self._related(a)}
        register = cache.linked_register.setdefault(a, set())
        wanted = {int(i) for i in self._named if i.isdigit()} - ids - register
        if wanted or not self._named:
            # The register is append-only (triggers refuse UPDATE and DELETE) and SQLite
            # hands out its ids in commit order, so an unchanged highest id means the register
            # gave this answer already: asked again only after a new entry. The mark is read
            # before the register, so a kept answer is never older than its mark.
            mark = self._register_mark()
            if cache.linked_register_mark.get(a) != mark:
                register |= set(
                    DisclosureSubject.objects.filter(
                        self._register_to_filter(a, org), disclosure__outcome="disclosed"
                    ).values_list("service_user_id", flat=True)
                )
                cache.linked_register_mark[a] = mark
        return frozenset(str(i) for i in ids | register)

    def _register_mark(self) -> int:
        """The register's highest subject row id (one small query, once per message)."""
        if self._mark is None:
            from django.db import connection

            with connection.cursor() as cursor:
                cursor.execute(f"SELECT max(id) FROM {DisclosureSubject._meta.db_table}")  # noqa: S608
                self._mark = cursor.fetchone()[0] or 0
        return self._mark

    def restrictions(self, *, address: str, service_user_ids: Sequence[str]) -> list[Restriction]:
        su_pks = [int(s) for s in service_user_ids if str(s).isdigit()]
        if not su_pks:
            return []
        a = address.strip().lower()
        key = tuple(sorted(su_pks))
        today = timezone.localdate()
        if self.cache is not None:
            # Kept per child without the dates (a message names a new mix of children more
            # often than a new child): one query for the children not yet asked about; the
            # dates are applied each time. In the model's order, as the query gave them.
            kept = self.cache.restrictions
            missing = [pk for pk in key if pk not in kept]
            if missing:
                for pk in missing:
                    kept[pk] = []
                for r in ContactRestriction.objects.filter(
                    service_user_id__in=missing
                ).select_related("related_person", "service_user"):
                    kept[r.service_user_id].append(r)
            rows = [r for pk in key for r in kept[pk]]
            rows.sort(key=_restriction_order)
            self._restrictions_cache[key] = [
                r
                for r in rows
                if r.valid_from <= today and (r.valid_to is None or r.valid_to >= today)
            ]
        if key not in self._restrictions_cache:  # the same for every recipient of a message
            self._restrictions_cache[key] = list(
                ContactRestriction.objects.filter(service_user_id__in=key, valid_from__lte=today)
                .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
                .select_related("related_person")
            )
        active = self._restrictions_cache[key]
        if not active:
            return []  # the usual case: one query, not three
        names = {_name_key(c.name) for c in self._contacts(a)}
        people = self._related(a)
        names |= {_name_key(f"{p.given_name} {p.family_name}") for p in people}
        out = []
        for r in active:
            by_person = r.related_person_id is not None and r.related_person_id in {
                p.pk for p in people
            }
            by_name = _name_key(r.person_name) in names
            if by_person or by_name:
                out.append(
                    Restriction(
                        target=a,
                        reason=r.get_reason_display().lower(),
                        service_user_id=str(r.service_user_id),
                    )
                )
        return out

    def generic_consent(self, *, address: str, service_user_ids: Sequence[str]) -> bool:
        su_pks = {int(s) for s in service_user_ids if str(s).isdigit()}
        if not su_pks:
            return False
        a = address.strip().lower()
        now = timezone.now()
        if self.cache is not None:
            if a not in self.cache.generic_consents:
                self.cache.generic_consents[a] = list(
                    Consent.objects.filter(
                        Q(recipient_contact__email__iexact=a)
                        | Q(recipient_organisation__email__iexact=a, recipient_contact__isnull=True)
                    ).values_list("service_user_id", "given_at", "withdrawn_at", "expires_at")
                )
            covered = {
                su for su, given, withdrawn, expires in self.cache.generic_consents[a]
                if self._consent_current(given, withdrawn, expires, now)
            }  # fmt: skip
            return su_pks <= covered
        covered = set(
            Consent.objects.filter(
                Q(recipient_contact__email__iexact=a)
                | Q(recipient_organisation__email__iexact=a, recipient_contact__isnull=True),
                service_user_id__in=su_pks,
                given_at__lte=now,
                given_at__gte=now - self._consent_valid_for,
            )
            .filter(Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gt=now))
            .filter(Q(expires_at__isnull=True) | Q(expires_at__gte=timezone.localdate(now)))
            .values_list("service_user_id", flat=True)
        )
        return su_pks <= covered
