"""`Policy._match` answers from an index: the same answers as the scan of every listed domain."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safehaven.core.email.policy import DomainSecurity, Policy, normalise_domain


def _scan(domain: str, names) -> str | None:
    """`Policy._match` before the index (26 November 2026), kept here as the reference."""
    d = normalise_domain(domain)
    for name in names:
        if d == name or d.endswith("." + name):
            return name
    return None


LABELS = st.sampled_from(["nhs", "net", "gov", "uk", "sch", "a", "b", "trust", "xn--9ca", ""])
DOMAINS = st.lists(LABELS, min_size=1, max_size=5).map(".".join)
# Recipients' domains as written: case, brackets, dots, an address, non-ASCII.
RAW = st.one_of(
    DOMAINS,
    DOMAINS.map(str.upper),
    DOMAINS.map(lambda d: f"<{d}>."),
    DOMAINS.map(lambda d: f"someone@{d}"),
    st.sampled_from(["école.fr", "a.école.fr", "ü.de", "", ".", "..", "a..b", "é\u3002"]),
    st.text(max_size=12),
)


def _policy(secure: list[str], internal: list[str], partner: list[str]) -> Policy:
    return Policy(
        version="t",
        internal_domains=frozenset(internal),
        partner_domains=frozenset(partner),
        secure_domains={d: DomainSecurity(d, "local") for d in secure},
        transport_counts_as_secure=False,
    )


@pytest.mark.rule("EMAIL-1")
@settings(max_examples=400, deadline=None)
@given(
    secure=st.lists(DOMAINS, max_size=12),
    internal=st.lists(DOMAINS, max_size=6),
    partner=st.lists(DOMAINS, max_size=6),
    asked=st.lists(RAW, min_size=1, max_size=8),
)
def test_index_gives_the_scans_answers(secure, internal, partner, asked):
    policy = _policy(secure, internal, partner)
    for raw in asked:
        d = normalise_domain(raw)
        # The secure entry is the first matching one in the list's order (nested names).
        name = _scan(d, policy.secure_domains)
        want = policy.secure_domains[name] if name is not None else None
        assert policy.domain_security(raw) == want, raw
        assert policy.is_internal(raw) == (_scan(raw, policy.internal_domains) is not None)
        assert policy.is_partner(raw) == (_scan(raw, policy.partner_domains) is not None)


TABLE = [
    # (listed secure domains in order, recipient's domain, the entry the scan chose)
    (["nhs.net"], "nhs.net", "nhs.net"),
    (["nhs.net"], "a.b.nhs.net", "nhs.net"),
    (["nhs.net"], "xnhs.net", None),
    (["nhs.net"], "net", None),
    (["nhs.net", "trust.nhs.net"], "a.trust.nhs.net", "nhs.net"),
    (["trust.nhs.net", "nhs.net"], "a.trust.nhs.net", "trust.nhs.net"),
    (["trust.nhs.net", "nhs.net"], "other.nhs.net", "nhs.net"),
    (["leics.gov.uk"], "LEICS.GOV.UK.", "leics.gov.uk"),
    (["leics.gov.uk"], "<x.leics.gov.uk>", "leics.gov.uk"),
    (["xn--cole-9oa.fr"], "a.école.fr", "xn--cole-9oa.fr"),
    (["b"], "a..b", "b"),
    ([""], "", ""),
]


@pytest.mark.rule("EMAIL-1")
@pytest.mark.parametrize(("listed", "domain", "chosen"), TABLE)
def test_table_of_nested_and_unusual_names(listed, domain, chosen):
    policy = _policy(listed, [], [])
    assert _scan(domain, policy.secure_domains) == chosen  # the table is the scan's behaviour
    entry = policy.domain_security(domain)
    assert (entry.domain if entry else None) == chosen


@pytest.mark.rule("EMAIL-1")
def test_a_changed_policy_is_indexed_afresh():
    policy = _policy(["nhs.net"], [], [])
    assert policy.domain_security("x.nhs.net") is not None
    wider = policy.with_secure_domains([DomainSecurity("leics.gov.uk", "dcb1596")])
    assert wider.domain_security("a.leics.gov.uk").source == "dcb1596"
    assert policy.domain_security("a.leics.gov.uk") is None
    narrower = replace(wider, secure_domains={})
    assert narrower.domain_security("x.nhs.net") is None
    assert replace(policy, partner_domains=frozenset({"nhs.net"})).is_partner("a.nhs.net")


def test_index_is_not_part_of_the_policy_value():
    a, b = _policy(["nhs.net"], [], []), _policy(["nhs.net"], [], [])
    a.domain_security("x.nhs.net")
    assert a == b
    assert "_indexes" not in repr(a)
