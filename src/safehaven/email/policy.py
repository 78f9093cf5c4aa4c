"""The email policy as the web app and the Django-backed gateway see it.

It starts from the core defaults (or the DPO's policy file, setting `SAFEHAVEN_EMAIL_POLICY`)
and adds what the records say: organisation email domains marked secure become trusted domains
with source "local"; every organisation domain is a partner domain (so a lookalike of one is
caught); the units' own email domains and `SAFEHAVEN_EMAIL_INTERNAL_DOMAINS` are internal.
The version gains a short fingerprint of the records' part, so a result shows what it was judged
against.

Once the DPO has saved a policy version in the oversight app (`/oversight/policy/`), that
version's email settings replace the file and the defaults, and the version reads
"dpo-<n>+records-<fingerprint>"; the DPO's extra special-category terms are loaded into the
engine at the same time. Processes without Django (the gateway, `check-email`) keep reading a
policy file: `safehaven policy export-email -o FILE` writes the version in force as one.
"""

from __future__ import annotations

import hashlib
from dataclasses import replace

from django.apps import apps
from django.conf import settings

from safehaven.accounts.models import Unit
from safehaven.core.email.policy import (
    DomainSecurity,
    Policy,
    _defaults_dict,
    load_policy,
    normalise_domain,
    policy_from_dict,
)
from safehaven.records.models import EmailDomain


def _dpo_policy() -> Policy | None:
    """The email part of the DPO's policy version in force, or None before the first save (or
    without the oversight app). The DPO's list of secure domains replaces the shipped one, so
    removing a domain takes effect. Also loads the DPO's extra lexicon terms into the engine."""
    if not apps.is_installed("safehaven.oversight"):
        return None
    from safehaven.oversight.policy import lexicons_activate, policy_in_force

    current = policy_in_force()
    lexicons_activate(current)
    if current.number is None:
        return None
    return _dpo_policy_for(current.key, current.data["email"])


def _dpo_policy_for(key: tuple[int, str], email: dict) -> Policy:
    """A saved version never changes, so its Policy is built once per process."""
    cached = _DPO_POLICIES.get(key)
    if cached is None:
        base = {**_defaults_dict(), "secure_domains": []}
        cached = policy_from_dict({**email, "version": f"dpo-{key[0]}"}, base=base)
        if len(_DPO_POLICIES) >= 8:
            _DPO_POLICIES.clear()
        _DPO_POLICIES[key] = cached
    return cached


_DPO_POLICIES: dict[tuple[int, str], Policy] = {}


def email_policy() -> Policy:
    """Raises `PolicyError` (a plain message) if the configured policy file cannot be used."""
    base = _dpo_policy() or load_policy(getattr(settings, "SAFEHAVEN_EMAIL_POLICY", None) or None)
    secure: list[DomainSecurity] = []
    partners: set[str] = set()
    rows = EmailDomain.objects.select_related("organisation").order_by("domain")
    for row in rows:
        domain = normalise_domain(row.domain)
        partners.add(domain)
        if row.is_secure:
            note = f"{row.organisation.name} (records{': ' + row.source if row.source else ''})"
            secure.append(DomainSecurity(domain=domain, source="local", note=note[:200]))
    configured = getattr(settings, "SAFEHAVEN_EMAIL_INTERNAL_DOMAINS", ())
    internal = {normalise_domain(d) for d in configured}
    internal |= {
        normalise_domain(e) for e in Unit.objects.exclude(email="").values_list("email", flat=True)
    }
    policy = base.with_secure_domains(secure)
    fingerprint = hashlib.sha256(
        "|".join(
            [*sorted(d.domain for d in secure), "#", *sorted(partners), "#", *sorted(internal)]
        ).encode()
    ).hexdigest()[:8]
    return replace(
        policy,
        version=f"{base.version}+records-{fingerprint}",
        partner_domains=policy.partner_domains | frozenset(partners),
        internal_domains=policy.internal_domains | frozenset(internal),
    )
