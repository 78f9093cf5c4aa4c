"""The DPO's email policy: which domains are ours, which are secure and why, and how strict to be.

Everything here is plain data read from files. Transport status (MTA-STS, TLS-RPT, DMARC) is
recorded by a background refresher into the policy file; the send path never looks anything up.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import Any

from safehaven.core.findings import Severity

SOURCES = ("local", "dcb1596", "transport")
FOLLOW_UP_POLICIES = ("never", "sensitive_external", "personal_external", "any_external")

# Severity knobs a DPO can set (policy file "severity"); the defaults file gives every value.
SEVERITY_KEYS = (
    "insecure_sensitive",
    "insecure_personal",
    "generic_without_consent",
    "lookalike_domain",
    "first_time_recipient",
    "unlinked_service_user",
    "unlinked_service_user_sensitive",
    "salutation_mismatch",
    "contact_restriction",
    "reply_or_forward_external",
    "trail_personal_external",
    "trail_personal_internal",
    "identifiable_details_external",
    "unreadable_content",
    "follow_up_call",
)


class PolicyError(ValueError):
    """The policy file or an imported list cannot be used; the message says what to fix."""


def normalise_domain(domain: str) -> str:
    """Lower-case, strip dots and brackets, and turn an IDN into its ASCII (punycode) form."""
    d = domain.strip().strip("<>[]").strip(".").lower()
    if "@" in d:
        d = d.rsplit("@", 1)[1]
    try:
        return d.encode("idna").decode("ascii") if not d.isascii() else d
    except UnicodeError:
        return d


@dataclass(frozen=True, slots=True)
class TransportStatus:
    """What the background refresher last saw for a domain (never fetched on the send path)."""

    mta_sts: str = "none"  # "enforce" | "testing" | "none"
    tls_rpt: bool = False
    dmarc: str = "none"  # "reject" | "quarantine" | "none"
    checked_at: str = ""  # ISO 8601 time of the refresher's look-up

    @property
    def enforces_tls(self) -> bool:
        return self.mta_sts == "enforce"


@dataclass(frozen=True, slots=True)
class DomainSecurity:
    """Why a domain counts as secure: a local decision, an imported list, or its transport."""

    domain: str
    source: str  # one of SOURCES
    note: str = ""
    transport: TransportStatus | None = None


@dataclass(frozen=True, slots=True)
class Policy:
    """The checks' settings; `version` is recorded on every result."""

    version: str
    internal_domains: frozenset[str] = frozenset()
    partner_domains: frozenset[str] = frozenset()
    secure_domains: Mapping[str, DomainSecurity] = field(default_factory=dict)
    transport: Mapping[str, TransportStatus] = field(default_factory=dict)
    transport_counts_as_secure: bool = True
    generic_mailboxes: frozenset[str] = frozenset()
    webmail_domains: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    follow_up_call: str = "sensitive_external"
    lookalike_max_distance: int = 2
    salutation_min_similarity: int = 80
    # Each domain list's index (name -> its position in the list's order), built on first use.
    # Not a setting: not compared, not shown, and a `replace()`d policy starts without one.
    _indexes: dict[str, dict[str, int]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def sev(self, key: str) -> Severity:
        return self.severity[key]

    def _index(self, which: str) -> dict[str, int]:
        names: Iterable[str] = getattr(self, which)
        index = self._indexes.get(which)
        if index is None or len(index) != len(names):  # type: ignore[arg-type]
            index = dict(zip(names, range(len(names)), strict=True))  # type: ignore[arg-type]
            if len(index) != len(names):  # type: ignore[arg-type]
                # A list with a name twice (the fields are sets and a dict): its first place.
                index = {}
                for position, name in enumerate(names):
                    index.setdefault(name, position)
            self._indexes[which] = index
        return index

    def _match(self, domain: str, which: str) -> str | None:
        """The listed name equal to `domain` or a parent of it (a.b.nhs.net matches nhs.net).

        An index instead of a scan of the whole list: `domain` itself, then what follows each
        of its dots, looked up in a dict. When several listed names match (nhs.net and
        trust.nhs.net for a.trust.nhs.net) the one first in the list's own order is the answer,
        as the scan gave it. With 2,000 secure domains a recipient cost ~2,000 string
        comparisons; now a few dict look-ups (benchmarks/email_policy_match.py).
        """
        d = normalise_domain(domain)
        index = self._index(which)
        if not index:
            return None
        best_name, best_position = None, -1
        position = index.get(d)
        if position is not None:
            best_name, best_position = d, position
        dot = d.find(".")
        while dot >= 0:
            parent = d[dot + 1 :]
            position = index.get(parent)
            if position is not None and (best_name is None or position < best_position):
                best_name, best_position = parent, position
            dot = d.find(".", dot + 1)
        return best_name

    def is_internal(self, domain: str) -> bool:
        return self._match(domain, "internal_domains") is not None

    def is_webmail(self, domain: str) -> bool:
        return normalise_domain(domain) in self.webmail_domains

    def is_partner(self, domain: str) -> bool:
        return self._match(domain, "partner_domains") is not None

    def domain_security(self, domain: str) -> DomainSecurity | None:
        """The entry that makes `domain` secure, or None. Public webmail is never secure."""
        if self.is_webmail(domain):
            return None
        d = normalise_domain(domain)
        name = self._match(d, "secure_domains")
        if name is not None:
            return self.secure_domains[name]
        if self.transport_counts_as_secure:
            status = self.transport.get(d)
            if status is not None and status.enforces_tls:
                return DomainSecurity(domain=d, source="transport", transport=status)
        return None

    def with_secure_domains(self, entries: Iterable[DomainSecurity]) -> Policy:
        merged = dict(self.secure_domains)
        for e in entries:
            merged.setdefault(e.domain, e)
        return replace(self, secure_domains=merged)


def _data_lines(name: str) -> list[str]:
    text = resources.files("safehaven.core.email.data").joinpath(name).read_text("utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def default_generic_mailboxes() -> frozenset[str]:
    return frozenset(_data_lines("generic_mailboxes.txt"))


def default_webmail_domains() -> frozenset[str]:
    return frozenset(_data_lines("webmail_domains.txt"))


def _severity(value: Any, key: str) -> Severity:
    try:
        return Severity(str(value).lower())
    except ValueError as exc:
        raise PolicyError(
            f"policy severity {key!r} is {value!r}: use one of info, warn, hold, block"
        ) from exc


def policy_from_dict(data: Mapping[str, Any], *, base: Mapping[str, Any] | None = None) -> Policy:
    """Builds a Policy from the defaults file overlaid with `data` (a DPO's policy file)."""
    defaults = dict(base if base is not None else _defaults_dict())
    merged: dict[str, Any] = {**defaults, **{k: v for k, v in data.items() if k != "severity"}}
    severity_raw = {**defaults.get("severity", {}), **dict(data.get("severity", {}))}
    missing = [k for k in SEVERITY_KEYS if k not in severity_raw]
    if missing:
        raise PolicyError(f"policy severity is missing {', '.join(missing)}")
    follow = str(merged.get("follow_up_call", "sensitive_external"))
    if follow not in FOLLOW_UP_POLICIES:
        raise PolicyError(
            f"follow_up_call is {follow!r}: use one of {', '.join(FOLLOW_UP_POLICIES)}"
        )
    secure: dict[str, DomainSecurity] = {}
    # A DPO's own entries and the defaults both count: both lists are merged, DPO first.
    for raw in [*data.get("secure_domains", []), *defaults.get("secure_domains", [])]:
        if isinstance(raw, str):
            raw = {"domain": raw, "source": "local"}
        domain = normalise_domain(str(raw.get("domain", "")))
        source = str(raw.get("source", "local"))
        if not domain:
            raise PolicyError("a secure_domains entry has no domain")
        if source not in SOURCES:
            raise PolicyError(f"secure domain {domain}: source {source!r} is not one of {SOURCES}")
        secure.setdefault(domain, DomainSecurity(domain, source, str(raw.get("note", ""))))
    transport: dict[str, TransportStatus] = {}
    for raw in merged.get("transport", []):
        domain = normalise_domain(str(raw.get("domain", "")))
        transport[domain] = TransportStatus(
            mta_sts=str(raw.get("mta_sts", "none")),
            tls_rpt=bool(raw.get("tls_rpt", False)),
            dmarc=str(raw.get("dmarc", "none")),
            checked_at=str(raw.get("checked_at", "")),
        )
    generic = default_generic_mailboxes() | {
        mailbox_key(m) for m in merged.get("generic_mailboxes", [])
    }
    webmail = default_webmail_domains() | {
        normalise_domain(d) for d in merged.get("webmail_domains", [])
    }
    return Policy(
        version=str(merged.get("version", "unversioned")),
        internal_domains=frozenset(normalise_domain(d) for d in merged.get("internal_domains", [])),
        partner_domains=frozenset(normalise_domain(d) for d in merged.get("partner_domains", [])),
        secure_domains=secure,
        transport=transport,
        transport_counts_as_secure=bool(merged.get("transport_counts_as_secure", True)),
        generic_mailboxes=frozenset(generic),
        webmail_domains=frozenset(webmail),
        severity={k: _severity(v, k) for k, v in severity_raw.items()},
        follow_up_call=follow,
        lookalike_max_distance=int(merged.get("lookalike_max_distance", 2)),
        salutation_min_similarity=int(merged.get("salutation_min_similarity", 80)),
    )


def _defaults_dict() -> dict[str, Any]:
    text = resources.files("safehaven.core.email.data").joinpath("policy_defaults.json")
    return json.loads(text.read_text("utf-8"))


def default_policy() -> Policy:
    return policy_from_dict({})


def load_policy(path: str | Path | None) -> Policy:
    """Reads a DPO's policy JSON file (None gives the defaults). Raises PolicyError."""
    if path is None:
        return default_policy()
    p = Path(path)
    try:
        data = json.loads(p.read_text("utf-8"))
    except FileNotFoundError as exc:
        raise PolicyError(f"policy file {p} does not exist: check the path") from exc
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PolicyError(f"policy file {p} is not valid JSON ({exc}): fix or replace it") from exc
    if not isinstance(data, dict):
        raise PolicyError(f"policy file {p} must hold a JSON object")
    policy = policy_from_dict(data)
    for extra in data.get("secure_domain_lists", []):
        csv_path = (p.parent / extra["path"]) if not Path(extra["path"]).is_absolute() else None
        imported = import_secure_domain_csv(
            csv_path or Path(extra["path"]), source=str(extra.get("source", "dcb1596"))
        )
        policy = policy.with_secure_domains(imported.entries)
    return policy


def mailbox_key(local_part: str) -> str:
    """The local part as compared with generic names: lower case, no +tag, no . _ - separators."""
    key = local_part.strip().lower().split("+", 1)[0]
    for sep in ".-_ ":
        key = key.replace(sep, "")
    return key


@dataclass(frozen=True, slots=True)
class ImportResult:
    entries: tuple[DomainSecurity, ...]
    skipped: tuple[tuple[int, str], ...]  # (line number, reason)


def _looks_like_domain(value: str) -> bool:
    v = value.strip().lower()
    if "@" in v:
        v = v.rsplit("@", 1)[1]
    labels = v.split(".")
    return (
        len(labels) >= 2
        and all(labels)
        and all(c.isalnum() or c in "-." for c in v if c.isascii())
        and " " not in v
    )


def import_secure_domain_csv(
    path: str | Path | io.TextIOBase, *, source: str = "dcb1596"
) -> ImportResult:
    """Reads a CSV of secure-email domains (e.g. the DCB1596 accredited list).

    The domain is taken from the first column whose header mentions "domain" (or "email"); without
    such a header, from the first column that looks like a domain. Email addresses give their
    domain. Rows that hold no domain are skipped with a reason rather than failing the import.
    """
    if source not in SOURCES:
        raise PolicyError(f"source {source!r} is not one of {SOURCES}")
    if isinstance(path, io.TextIOBase):
        text = path.read()
        label = "the CSV"
    else:
        label = str(path)
        try:
            text = Path(path).read_bytes().decode("utf-8-sig", errors="replace")
        except OSError as exc:
            raise PolicyError(f"cannot read {label}: {exc.strerror or exc}") from exc
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise PolicyError(f"{label} is empty: export the list again")
    header = [h.strip().lower() for h in rows[0]]
    col = next((i for i, h in enumerate(header) if "domain" in h), None)
    if col is None:
        col = next((i for i, h in enumerate(header) if "email" in h or "e-mail" in h), None)
    start = 1 if col is not None else 0
    if col is None:
        first = rows[0]
        col = next((i for i, v in enumerate(first) if _looks_like_domain(v)), None)
        if col is None:
            raise PolicyError(
                f"{label} has no 'domain' column and its first row holds no domain: "
                "add a header row with a column named 'domain'"
            )
    entries: dict[str, DomainSecurity] = {}
    skipped: list[tuple[int, str]] = []
    for lineno, row in enumerate(rows[start:], start=start + 1):
        if not row or all(not c.strip() for c in row) or row[0].lstrip().startswith("#"):
            continue
        if col >= len(row):
            skipped.append((lineno, "row has too few columns"))
            continue
        value = row[col].strip()
        if not _looks_like_domain(value):
            skipped.append((lineno, "not a domain"))
            continue
        domain = normalise_domain(value)
        note = ", ".join(c.strip() for i, c in enumerate(row) if i != col and c.strip())[:200]
        entries.setdefault(domain, DomainSecurity(domain=domain, source=source, note=note))
    return ImportResult(entries=tuple(entries.values()), skipped=tuple(skipped))
