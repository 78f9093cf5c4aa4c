"""What the email checks need to know from the records, behind a narrow read-only interface.

The web app will answer these questions from its Django models; the gateway and the CLI use the
in-memory implementation here (loaded from a JSON file) or the SQLite one in the gateway package.
Service users are referred to by an opaque id plus a short display form (initials or UPN), so a
check result never carries a name it did not already find in the message.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, runtime_checkable


@dataclass(frozen=True, slots=True)
class Contact:
    """A known correspondent. `secure_address` is the same person's secure route, if any."""

    address: str
    name: str = ""
    organisation: str = ""
    secure_address: str = ""


@dataclass(frozen=True, slots=True)
class ServiceUserRef:
    id: str
    display: str  # initials or UPN: safe to show to the sender


@dataclass(frozen=True, slots=True)
class Restriction:
    """No contact with `target` (an address or a domain), optionally about one service user."""

    target: str
    reason: str
    service_user_id: str = ""


@runtime_checkable
class Directory(Protocol):
    """Read-only questions about records; every argument is keyword-only and lower-cased."""

    def contact(self, *, address: str) -> Contact | None: ...

    def known_domains(self) -> frozenset[str]: ...

    def has_written_to(self, *, sender: str, address: str) -> bool: ...

    def has_written_to_domain(self, *, sender: str, domain: str) -> bool: ...

    def service_users_in(
        self, *, names: Sequence[str], identifiers: Sequence[str]
    ) -> list[ServiceUserRef]: ...

    def linked_service_users(self, *, address: str) -> frozenset[str]: ...

    def restrictions(
        self, *, address: str, service_user_ids: Sequence[str]
    ) -> list[Restriction]: ...

    def generic_consent(self, *, address: str, service_user_ids: Sequence[str]) -> bool: ...


class SendHistory(Protocol):
    """Where the gateway records who wrote to whom, so that "first time" can be answered."""

    def record_sent(self, *, sender: str, addresses: Iterable[str]) -> None: ...


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[-1].lower()


def _name_key(name: str) -> str:
    return " ".join(name.lower().replace(",", " ").split())


@dataclass
class InMemoryDirectory:
    """A Directory held in dictionaries: for tests, the CLI and a gateway without a database.

    Links and consents name either an address or a whole domain ("@partner.org.uk").
    """

    contacts: dict[str, Contact] = field(default_factory=dict)
    # sender -> addresses written to
    history: dict[str, set[str]] = field(default_factory=dict)
    # service user id -> (display, names, identifiers)
    service_users: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = field(
        default_factory=dict
    )
    # address or "@domain" -> service-user ids linked to it
    links: dict[str, set[str]] = field(default_factory=dict)
    restriction_list: list[Restriction] = field(default_factory=list)
    # address or "@domain" -> service-user ids with consent ("*" = consent for any)
    consents: dict[str, set[str]] = field(default_factory=dict)

    def contact(self, *, address: str) -> Contact | None:
        return self.contacts.get(address.lower())

    def known_domains(self) -> frozenset[str]:
        domains = {_domain(a) for a in self.contacts}
        domains |= {_domain(a) for sent in self.history.values() for a in sent}
        return frozenset(domains)

    def has_written_to(self, *, sender: str, address: str) -> bool:
        return address.lower() in self.history.get(sender.lower(), set())

    def has_written_to_domain(self, *, sender: str, domain: str) -> bool:
        d = domain.lower()
        return any(_domain(a) == d for a in self.history.get(sender.lower(), set()))

    def service_users_in(
        self, *, names: Sequence[str], identifiers: Sequence[str]
    ) -> list[ServiceUserRef]:
        wanted_names = {_name_key(n) for n in names}
        wanted_ids = {i.replace(" ", "").upper() for i in identifiers}
        found = []
        for sid, (display, su_names, su_ids) in self.service_users.items():
            if wanted_names & {_name_key(n) for n in su_names} or wanted_ids & {
                i.replace(" ", "").upper() for i in su_ids
            }:
                found.append(ServiceUserRef(id=sid, display=display))
        return found

    def _keys(self, address: str) -> tuple[str, str]:
        a = address.lower()
        return a, "@" + _domain(a)

    def linked_service_users(self, *, address: str) -> frozenset[str]:
        out: set[str] = set()
        for key in self._keys(address):
            out |= self.links.get(key, set())
        return frozenset(out)

    def restrictions(self, *, address: str, service_user_ids: Sequence[str]) -> list[Restriction]:
        keys = set(self._keys(address))
        return [
            r
            for r in self.restriction_list
            if r.target.lower() in keys
            and (not r.service_user_id or r.service_user_id in service_user_ids)
        ]

    def generic_consent(self, *, address: str, service_user_ids: Sequence[str]) -> bool:
        granted: set[str] = set()
        for key in self._keys(address):
            granted |= self.consents.get(key, set())
        if "*" in granted:
            return True
        return bool(service_user_ids) and set(service_user_ids) <= granted

    def record_sent(self, *, sender: str, addresses: Iterable[str]) -> None:
        self.history.setdefault(sender.lower(), set()).update(a.lower() for a in addresses)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> InMemoryDirectory:
        """Builds a directory from the JSON shape documented in docs/email.md."""
        d = cls()
        for c in data.get("contacts", []):
            addr = str(c["address"]).lower()
            d.contacts[addr] = Contact(
                address=addr,
                name=str(c.get("name", "")),
                organisation=str(c.get("organisation", "")),
                secure_address=str(c.get("secure_address", "")).lower(),
            )
        for sender, addrs in data.get("history", {}).items():
            d.history[sender.lower()] = {a.lower() for a in addrs}
        for su in data.get("service_users", []):
            d.service_users[str(su["id"])] = (
                str(su.get("display", su["id"])),
                tuple(su.get("names", [])),
                tuple(su.get("identifiers", [])),
            )
            for target in su.get("linked", []):
                d.links.setdefault(target.lower(), set()).add(str(su["id"]))
            for target in su.get("consent_generic", []):
                d.consents.setdefault(target.lower(), set()).add(str(su["id"]))
        for target in data.get("generic_consent_any", []):
            d.consents.setdefault(target.lower(), set()).add("*")
        for r in data.get("restrictions", []):
            d.restriction_list.append(
                Restriction(
                    target=str(r["target"]).lower(),
                    reason=str(r.get("reason", "contact restriction on record")),
                    service_user_id=str(r.get("service_user_id", "")),
                )
            )
        return d

    @classmethod
    def from_json(cls, path: str | Path) -> InMemoryDirectory:
        return cls.from_dict(json.loads(Path(path).read_text("utf-8")))
