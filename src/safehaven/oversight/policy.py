"""The DPO's policy settings: one versioned document the checks read.

Every save writes a new immutable `PolicyVersion` (who, when, why, the diff against the version
before) and moves the `PolicyCurrent` pointer to it; rolling back writes a new version with the
old settings. Only the DPO or an administrator may save. Before the first save the policy in
force is the shipped defaults (version None).

The document (plain JSON):

    email:      secure_domains [{domain, source, note}], internal_domains [..],
                generic_mailboxes [extra names], severity {knob: info|warn|hold|block},
                follow_up_call, lookalike_max_distance, salutation_min_similarity,
                transport_counts_as_secure
    channels:   fax (bool; off by default)
    post:       by_classification {none|personal|sensitive: method},
                escalate_categories [special categories], escalate_for_original_documents
    validity:   consent_months, safe_haven_assessment_days
    lexicons:   {special category: [extra terms]}

Readers for the checks: `email_policy_data()`, `fax_enabled_by_policy()`,
`consent_valid_days()`, `consent_within_policy()`, `assessment_valid_days()`,
`post_delivery_policy()`, `lexicon_extensions()`, `lexicons_activate()`,
`policy_version_in_force()`.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import json
import os
import re
import threading
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from safehaven.core.detect.extra_terms import TERM_RE, terms_toml
from safehaven.core.detect.model import SPECIAL_CATEGORIES
from safehaven.core.email.policy import (
    FOLLOW_UP_POLICIES,
    SEVERITY_KEYS,
    SOURCES,
    PolicyError,
    load_policy,
    mailbox_key,
    normalise_domain,
)
from safehaven.oversight.models import PolicyCurrent, PolicyVersion
from safehaven.oversight.services import NotAllowed, OversightError

SEVERITIES = ("info", "warn", "hold", "block")
CLASSIFICATIONS = ("none", "personal", "sensitive")
DOMAIN_RE = re.compile(r"^(?=.{3,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$")
MAILBOX_RE = re.compile(r"^[a-z0-9]{2,64}$")

# Bounds for the numbers, with the reason a DPO sees when outside them.
BOUNDS = {
    "email.lookalike_max_distance": (0, 4),
    "email.salutation_min_similarity": (50, 100),
    "validity.consent_months": (1, 60),
    "validity.safe_haven_assessment_days": (30, 730),
}


@functools.cache
def _delivery_defaults_text() -> str:
    path = resources.files("safehaven.core.letters").joinpath("data", "delivery_policy.json")
    return path.read_text("utf-8")


def _delivery_defaults() -> dict[str, Any]:
    return json.loads(_delivery_defaults_text())


@functools.cache
def _email_defaults_text() -> str:
    path = resources.files("safehaven.core.email.data").joinpath("policy_defaults.json")
    return path.read_text("utf-8")


def _email_defaults() -> dict[str, Any]:
    return json.loads(_email_defaults_text())


@functools.cache
def _default_severities() -> dict[str, str]:
    shipped = load_policy(None)
    return {k: shipped.sev(k).value for k in SEVERITY_KEYS}


def delivery_methods() -> dict[str, str]:
    """Method key -> Royal Mail service name, least secure first."""
    data = _delivery_defaults()
    return {m: data["methods"][m] for m in data["order"]}


def policy_defaults(*, fax_switch: bool = True) -> dict[str, Any]:
    """The document before the DPO's first save: the shipped defaults, with the email section
    taken from `SAFEHAVEN_EMAIL_POLICY` when that file is configured, and fax as the fax app's
    switch says (`fax_switch=False`: off, without asking the database)."""
    path = getattr(settings, "SAFEHAVEN_EMAIL_POLICY", None) or ""
    try:
        stamp = Path(path).stat().st_mtime_ns if path else 0
    except OSError:
        stamp = -1
    data = copy.deepcopy(_static_defaults(str(path), stamp))
    data["channels"]["fax"] = _fax_switch_default() if fax_switch else False
    return data


@functools.lru_cache(maxsize=4)
def _static_defaults(path: str, _stamp: int) -> dict[str, Any]:
    email_raw = _email_defaults()
    if path:
        # A bad file is reported by the checks; the settings page starts from the defaults.
        with contextlib.suppress(OSError, ValueError):
            email_raw = {**email_raw, **json.loads(Path(path).read_text("utf-8"))}
    delivery = _delivery_defaults()
    esc = delivery["escalate_to_special_delivery"]
    return {
        "email": {
            "secure_domains": [
                {
                    "domain": normalise_domain(str(d["domain"] if isinstance(d, dict) else d)),
                    "source": str(d.get("source", "local")) if isinstance(d, dict) else "local",
                    "note": str(d.get("note", "")) if isinstance(d, dict) else "",
                }
                for d in email_raw.get("secure_domains", [])
            ],
            "internal_domains": sorted(
                normalise_domain(d) for d in email_raw.get("internal_domains", [])
            ),
            "generic_mailboxes": sorted(
                mailbox_key(m) for m in email_raw.get("generic_mailboxes", [])
            ),
            "severity": _default_severities()
            | {
                k: str(v).lower()
                for k, v in email_raw.get("severity", {}).items()
                if k in SEVERITY_KEYS
            },
            "follow_up_call": str(email_raw.get("follow_up_call", "sensitive_external")),
            "lookalike_max_distance": int(email_raw.get("lookalike_max_distance", 2)),
            "salutation_min_similarity": int(email_raw.get("salutation_min_similarity", 80)),
            "transport_counts_as_secure": bool(email_raw.get("transport_counts_as_secure", True)),
        },
        "channels": {"fax": False},
        "post": {
            "by_classification": {k: v["method"] for k, v in delivery["by_classification"].items()},
            "escalate_categories": sorted(esc["special_categories"]),
            "escalate_for_original_documents": bool(esc["when_original_documents"]),
        },
        "validity": {"consent_months": 12, "safe_haven_assessment_days": 365},
        "lexicons": {c: [] for c in SPECIAL_CATEGORIES},
    }


def _fax_switch_default() -> bool:
    """Before any policy save, fax is as the fax app's switch says (off unless switched on)."""
    from django.apps import apps

    if not apps.is_installed("safehaven.fax"):
        return False
    from safehaven.fax.models import FaxPolicy

    row = FaxPolicy.objects.order_by("pk").first()
    return bool(row and row.enabled)


# Validation: plain-English messages naming the field (form field names use "__").


def _err(key: str, message: str) -> OversightError:
    return OversightError(message, field=key.replace(".", "__"))


def _int(value, key: str, label: str) -> int:
    lo, hi = BOUNDS[key]
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise _err(key, f"Enter {label} as a whole number.") from None
    if not lo <= n <= hi:
        raise _err(key, f"{label[0].upper()}{label[1:]} must be between {lo} and {hi}.")
    return n


def policy_validate(data: dict[str, Any]) -> dict[str, Any]:
    """A cleaned copy of the document, or OversightError naming the first problem."""
    out = copy.deepcopy(policy_defaults())
    email = data.get("email", {})
    domains, seen = [], set()
    for i, raw in enumerate(email.get("secure_domains", []), start=1):
        domain = normalise_domain(str(raw.get("domain", "")))
        if not DOMAIN_RE.match(domain):
            raise _err(
                "email.secure_domains",
                f"Line {i}: \u201c{raw.get('domain', '')}\u201d is not a domain. Write one domain "
                "a line, for example: nhs.net, local, NHSmail",
            )
        source = str(raw.get("source", "local")).strip() or "local"
        if source not in SOURCES:
            raise _err(
                "email.secure_domains",
                f"Line {i}: the source \u201c{source}\u201d is not one of {', '.join(SOURCES)}.",
            )
        if domain not in seen:
            seen.add(domain)
            domains.append(
                {"domain": domain, "source": source, "note": str(raw.get("note", ""))[:200]}
            )
    out["email"]["secure_domains"] = domains
    internal = []
    for value in email.get("internal_domains", []):
        domain = normalise_domain(str(value))
        if not DOMAIN_RE.match(domain):
            raise _err("email.internal_domains", f"\u201c{value}\u201d is not a domain.")
        internal.append(domain)
    out["email"]["internal_domains"] = sorted(set(internal))
    mailboxes = []
    for value in email.get("generic_mailboxes", []):
        key = mailbox_key(str(value))
        if not MAILBOX_RE.match(key):
            raise _err(
                "email.generic_mailboxes",
                f"\u201c{value}\u201d is not a mailbox name: write the part before the @, "
                "for example office or admin.",
            )
        mailboxes.append(key)
    out["email"]["generic_mailboxes"] = sorted(set(mailboxes))
    for knob, value in (email.get("severity") or {}).items():
        if knob not in SEVERITY_KEYS:
            raise _err("email.severity", f"There is no email check called \u201c{knob}\u201d.")
        if str(value) not in SEVERITIES:
            raise _err(f"email.severity.{knob}", "Choose info, warn, hold or block.")
        out["email"]["severity"][knob] = str(value)
    follow = str(email.get("follow_up_call", out["email"]["follow_up_call"]))
    if follow not in FOLLOW_UP_POLICIES:
        raise _err("email.follow_up_call", "Choose when a follow-up call is asked for.")
    out["email"]["follow_up_call"] = follow
    for key in ("lookalike_max_distance", "salutation_min_similarity"):
        if key in email:
            label = {
                "lookalike_max_distance": "the look-alike distance",
                "salutation_min_similarity": "the greeting similarity",
            }[key]
            out["email"][key] = _int(email[key], f"email.{key}", label)
    if "transport_counts_as_secure" in email:
        out["email"]["transport_counts_as_secure"] = bool(email["transport_counts_as_secure"])

    channels = data.get("channels", {})
    if "fax" in channels:
        out["channels"]["fax"] = bool(channels["fax"])

    post = data.get("post", {})
    methods = delivery_methods()
    for cls, method in (post.get("by_classification") or {}).items():
        if cls not in CLASSIFICATIONS:
            raise _err("post.by_classification", f"There is no classification \u201c{cls}\u201d.")
        if method not in methods:
            raise _err(f"post.by_classification.{cls}", "Choose a postal method from the list.")
        out["post"]["by_classification"][cls] = method
    order = list(methods)
    rank = {c: order.index(out["post"]["by_classification"][c]) for c in CLASSIFICATIONS}
    if not rank["none"] <= rank["personal"] <= rank["sensitive"]:
        raise _err(
            "post.by_classification.sensitive",
            "Sensitive post must go at least as securely as personal post, and personal post at "
            "least as securely as post with no personal information.",
        )
    if "escalate_categories" in post:
        cats = [str(c) for c in post["escalate_categories"]]
        unknown = [c for c in cats if c not in SPECIAL_CATEGORIES]
        if unknown:
            raise _err("post.escalate_categories", f"Unknown category: {', '.join(unknown)}.")
        out["post"]["escalate_categories"] = sorted(set(cats))
    if "escalate_for_original_documents" in post:
        out["post"]["escalate_for_original_documents"] = bool(
            post["escalate_for_original_documents"]
        )

    validity = data.get("validity", {})
    if "consent_months" in validity:
        out["validity"]["consent_months"] = _int(
            validity["consent_months"], "validity.consent_months", "how many months a consent lasts"
        )
    if "safe_haven_assessment_days" in validity:
        out["validity"]["safe_haven_assessment_days"] = _int(
            validity["safe_haven_assessment_days"],
            "validity.safe_haven_assessment_days",
            "how many days a safe-haven assessment lasts",
        )

    lexicons = data.get("lexicons", {})
    for category, terms in lexicons.items():
        if category not in SPECIAL_CATEGORIES:
            raise _err("lexicons", f"There is no special category \u201c{category}\u201d.")
        cleaned = []
        for term in terms:
            t = " ".join(str(term).split())
            if not TERM_RE.match(t):
                raise _err(
                    f"lexicons.{category}",
                    f"\u201c{term}\u201d cannot be used as a term: use 2 to 100 letters, digits, "
                    "spaces or - ' & . / characters; a * at the end matches any ending.",
                )
            cleaned.append(t.lower())
        out["lexicons"][category] = sorted(set(cleaned))
    return out


# Diff.


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        for key, value in data.items():
            out.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return out
    return {prefix: data}


def policy_diff(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, Any]]:
    """Each setting whose value changed: [{key, old, new}], keys in dotted form, sorted."""
    a, b = _flatten(old), _flatten(new)
    return [
        {"key": k, "old": a.get(k), "new": b.get(k)}
        for k in sorted(set(a) | set(b))
        if a.get(k) != b.get(k)
    ]


# Reading the policy in force.


@dataclass(frozen=True)
class PolicyInForce:
    number: int | None  # None: nothing saved yet, the defaults apply
    data: dict[str, Any]
    saved_at: str = ""  # with the number, identifies the version even across database restores

    @property
    def key(self) -> tuple[int | None, str]:
        return (self.number, self.saved_at)

    @property
    def label(self) -> str:
        return f"dpo-{self.number}" if self.number else "defaults"


def policy_version_in_force() -> int | None:
    """The number of the version in force (None before the first save). One query.

    The value of `PolicyCurrent.objects.filter(pk=1).values_list("version__number",
    flat=True).first()` read with one prepared query: every near miss asks it (a held email's
    in the SMTP gateway), and building that ORM query was ~1 ms of the gateway's CPU each."""
    current, version = PolicyCurrent._meta, PolicyVersion._meta
    quote = connection.ops.quote_name
    sql = (
        f"SELECT v.{quote(version.get_field('number').column)} "  # noqa: S608 - names from the models
        f"FROM {quote(current.db_table)} c INNER JOIN {quote(version.db_table)} v "
        f"ON v.{quote(version.pk.column)} = c.{quote(current.get_field('version').column)} "
        f"WHERE c.{quote(current.pk.column)} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [1])
        row = cursor.fetchone()
    return row[0] if row else None


def policy_in_force() -> PolicyInForce:
    row = PolicyCurrent.objects.filter(pk=1).select_related("version").first()
    if row is None:
        return PolicyInForce(number=None, data=policy_defaults())
    # A version saved before a setting existed gets that setting's default.
    merged = policy_defaults(fax_switch=False)
    for section, values in row.version.data.items():
        if isinstance(values, dict) and isinstance(merged.get(section), dict):
            merged[section].update(values)
        else:
            merged[section] = values
    return PolicyInForce(
        number=row.version.number, data=merged, saved_at=row.version.created_at.isoformat()
    )


def policy_history():
    return PolicyVersion.objects.select_related("created_by").order_by("-number")


# Writing.


def _may_change(user) -> bool:
    return bool(user.is_authenticated and (user.is_dpo or user.is_administrator))


def policy_save(*, user, data: dict[str, Any], reason: str, restored_from: int | None = None):
    """Validates and saves a new version, moves the pointer, and applies what other apps hold
    themselves (the fax switch). Returns the new `PolicyVersion`, or the version in force
    unchanged when nothing differs."""
    if not _may_change(user):
        raise NotAllowed("Only the DPO or an administrator can change the policy.")
    reason = (reason or "").strip()
    if not reason:
        raise OversightError("Say why the policy is changing.", field="reason")
    cleaned = policy_validate(data)
    with transaction.atomic():
        pointer = PolicyCurrent.objects.select_for_update().filter(pk=1).first()
        before = (
            policy_in_force().data if pointer is None else policy_document(pointer.version.data)
        )
        diff = policy_diff(before, cleaned)
        if not diff and pointer is not None:
            raise OversightError(
                "Nothing has changed: this is the policy already in force.", field=None
            )
        last = PolicyVersion.objects.order_by("-number").values_list("number", flat=True).first()
        version = PolicyVersion.objects.create(
            number=(last or 0) + 1,
            created_at=timezone.now(),
            created_by=user,
            reason=reason,
            data=cleaned,
            diff=diff,
            restored_from=restored_from,
        )
        if pointer is None:
            PolicyCurrent.objects.create(pk=1, version=version)
        else:
            pointer.version = version
            pointer.save()
        if before["channels"]["fax"] != cleaned["channels"]["fax"] or (
            pointer is None and _fax_switch_default() != cleaned["channels"]["fax"]
        ):
            _fax_apply(user=user, enabled=cleaned["channels"]["fax"], reason=reason)
    return version


def policy_document(data: dict[str, Any]) -> dict[str, Any]:
    merged = policy_defaults(fax_switch=False)
    for section, values in data.items():
        if isinstance(values, dict) and isinstance(merged.get(section), dict):
            merged[section].update(values)
    return merged


def policy_rollback(*, user, number: int, reason: str):
    """Makes version `number`'s settings current again, as a new version."""
    if not _may_change(user):
        raise NotAllowed("Only the DPO or an administrator can change the policy.")
    old = PolicyVersion.objects.filter(number=number).first()
    if old is None:
        raise OversightError(f"There is no policy version {number}.", field=None)
    return policy_save(
        user=user,
        data=copy.deepcopy(old.data),
        reason=(reason or "").strip() and f"Roll back to version {number}: {reason.strip()}",
        restored_from=number,
    )


def _fax_apply(*, user, enabled: bool, reason: str) -> None:
    """The fax app keeps its own switch (`FaxPolicy`): set it through its service."""
    from django.apps import apps

    if not apps.is_installed("safehaven.fax"):
        return
    from safehaven.fax.services import FaxError, fax_policy_set

    try:
        fax_policy_set(user=user, enabled=enabled, reason=reason)
    except FaxError as exc:
        raise OversightError(exc.message, field="channels__fax") from exc


def policy_note_fax_switch(*, user, enabled: bool, reason: str) -> None:
    """Called by the fax app when its own settings page switches fax: the policy gets a new
    version saying so, unless the version in force already agrees (e.g. the switch was made by
    `policy_save` itself)."""
    if not _may_change(user):
        return
    current = policy_in_force()
    if current.number is not None and current.data["channels"]["fax"] == enabled:
        return
    if current.number is None and not enabled:
        return  # the default is off: nothing to record
    data = copy.deepcopy(current.data)
    data["channels"]["fax"] = enabled
    with transaction.atomic():
        pointer = PolicyCurrent.objects.select_for_update().filter(pk=1).first()
        last = PolicyVersion.objects.order_by("-number").values_list("number", flat=True).first()
        version = PolicyVersion.objects.create(
            number=(last or 0) + 1,
            created_at=timezone.now(),
            created_by=user,
            reason=f"Fax switched {'on' if enabled else 'off'} on the fax settings page: "
            f"{(reason or '').strip() or 'no reason given'}",
            data=data,
            diff=policy_diff(current.data, data),
        )
        if pointer is None:
            PolicyCurrent.objects.create(pk=1, version=version)
        else:
            pointer.version = version
            pointer.save()


# Readers for the checks.


def email_policy_data() -> tuple[str, dict[str, Any]] | None:
    """(version label, email section in the shape of a policy file) once the DPO has saved a
    version; None before, so the caller keeps the file or the defaults."""
    current = policy_in_force()
    if current.number is None:
        return None
    return current.label, copy.deepcopy(current.data["email"])


def fax_enabled_by_policy() -> bool:
    return bool(policy_in_force().data["channels"]["fax"])


def consent_valid_days() -> int:
    """How long a consent counts from the day it was given (the policy's months, 30.44 days
    each, rounded down)."""
    months = policy_in_force().data["validity"]["consent_months"]
    return int(months * 30.436875)


def consent_within_policy(consent, *, at=None) -> bool:
    """True when the consent was given no longer ago than the policy allows."""
    at = at or timezone.now()
    return (at - consent.given_at).days <= consent_valid_days()


def assessment_valid_days() -> int:
    return int(policy_in_force().data["validity"]["safe_haven_assessment_days"])


def post_delivery_policy():
    """The POST-4 delivery policy with the DPO's choices (a `core.letters.DeliveryPolicy`).
    Also loads the DPO's extra lexicon terms, since the caller classifies the letter next."""
    from safehaven.core.letters.delivery import load_delivery_policy

    current = policy_in_force()
    lexicons_activate(current)  # the letter is classified next: with the DPO's extra terms
    post = current.data["post"]
    data = _delivery_defaults()
    for cls, method in post["by_classification"].items():
        data["by_classification"][cls]["method"] = method
        if method != _delivery_defaults()["by_classification"][cls]["method"]:
            data["by_classification"][cls]["reason"] = (
                f"{data['by_classification'][cls]['reason'].split(';')[0]} (local policy)"
            )
    data["escalate_to_special_delivery"]["special_categories"] = list(post["escalate_categories"])
    data["escalate_to_special_delivery"]["when_original_documents"] = bool(
        post["escalate_for_original_documents"]
    )
    return load_delivery_policy(data)


def lexicon_extensions() -> dict[str, list[str]]:
    return {c: list(t) for c, t in policy_in_force().data["lexicons"].items() if t}


# The engine reads extra lexicon folders from SAFEHAVEN_LEXICON_DIR (core.detect.lexicons): the
# DPO's terms are written to a folder per policy version and added to that variable.
_ORIGINAL_LEXICON_DIR = os.environ.get("SAFEHAVEN_LEXICON_DIR", "")
_lexicon_lock = threading.Lock()
_lexicon_active: list[Any] = [object()]  # the version whose terms are loaded


def lexicons_activate(current: PolicyInForce | None = None) -> int | None:
    """Makes the engine use the DPO's extra special-category terms of the version in force
    (once per process per version). Returns the version in force (None: the defaults).
    `current`: the policy in force when the caller has just read it (saves a query)."""
    current = current or policy_in_force()
    if _lexicon_active[0] == current.key:
        return current.number
    with _lexicon_lock:
        if _lexicon_active[0] == current.key:
            return current.number
        from safehaven.core.detect.lexicons import clear_caches

        extra = {c: t for c, t in current.data["lexicons"].items() if t}
        dirs = [d for d in _ORIGINAL_LEXICON_DIR.split(os.pathsep) if d]
        if extra:
            folder = Path(settings.DATA_DIR) / "policy-lexicons" / f"v{current.number}"
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / "categories.toml"
            tmp = folder / "categories.toml.tmp"
            tmp.write_text(terms_toml(extra, header=TERMS_HEADER), encoding="utf-8")
            tmp.replace(target)
            dirs.append(str(folder))
        value = os.pathsep.join(dirs)
        if os.environ.get("SAFEHAVEN_LEXICON_DIR", "") != value:
            if value:
                os.environ["SAFEHAVEN_LEXICON_DIR"] = value
            else:
                os.environ.pop("SAFEHAVEN_LEXICON_DIR", None)
            clear_caches()
        _lexicon_active[0] = current.key
    return current.number


TERMS_HEADER = "Written by SafeHaven from the DPO's policy; edit it in the policy page."


def terms_file(path: str | Path) -> tuple[Path, int]:
    """Writes the DPO's extra special-category terms in force as the file `safehaven scan` and
    `safehaven sweep` read (`--extra-terms FILE`). Returns the path and the number of terms."""
    current = policy_in_force()
    extra = {c: t for c, t in current.data["lexicons"].items() if t}
    header = f"{TERMS_HEADER} Policy {current.label}."
    target = Path(path)
    try:
        target.write_text(terms_toml(extra, header=header), encoding="utf-8")
    except OSError as exc:
        raise PolicyError(f"cannot write {target}: {exc.strerror or exc}") from exc
    return target, sum(len(t) for t in extra.values())


def email_policy_file(path: str | Path) -> Path:
    """Writes the email section in force as a policy file the gateway and `check-email` read
    (`--policy FILE`), so processes without Django apply the same policy."""
    current = policy_in_force()
    data = {"version": current.label, **current.data["email"]}
    target = Path(path)
    try:
        target.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
    except OSError as exc:
        raise PolicyError(f"cannot write {target}: {exc.strerror or exc}") from exc
    return target
