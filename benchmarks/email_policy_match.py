"""CPU of the policy's domain look-ups with a large secure-domain list (e.g. DCB1596 imported).

    .venv/bin/python -m benchmarks.email_policy_match                  # 2,000 domains
    .venv/bin/python -m benchmarks.email_policy_match --domains 5000 --rounds 7

A policy with N secure domains (a DPO's imported list: council, trust and school domains) and
the default internal and partner lists; each round asks `domain_security`, `is_partner` and
`is_internal` for 200 recipients' domains (a quarter at a listed domain, a quarter below one,
half unknown, as a message to new people is). Interleaved each round: the scan every call made
before 26 November 2026 (kept here) and `Policy` as it is now (an index built once per policy:
its first use is timed apart). CPU (`time.process_time`), best and median per look-up.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from collections.abc import Iterable

from safehaven.core.email.policy import DomainSecurity, default_policy, normalise_domain


def _scan(domain: str, names: Iterable[str]) -> str | None:
    d = normalise_domain(domain)
    for name in names:
        if d == name or d.endswith("." + name):
            return name
    return None


def _before(policy, domain: str) -> tuple:
    """The three questions as `Policy` answered them before (webmail and transport aside)."""
    name = _scan(domain, policy.secure_domains)
    return (
        policy.secure_domains[name] if name is not None else None,
        _scan(domain, policy.partner_domains) is not None,
        _scan(domain, policy.internal_domains) is not None,
    )


def _now(policy, domain: str) -> tuple:
    return (policy.domain_security(domain), policy.is_partner(domain), policy.is_internal(domain))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--domains", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    kinds = ["gov.uk", "nhs.uk", "sch.uk", "police.uk", "org.uk", "nhs.net"]
    listed = [f"place{i}.{rng.choice(kinds)}" for i in range(args.domains)]
    base = default_policy()
    entries = [DomainSecurity(d, "dcb1596") for d in listed]
    asked = (
        [rng.choice(listed) for _ in range(50)]
        + [f"team{i}.{rng.choice(listed)}" for i in range(50)]
        + [f"unknown{i}.{rng.choice(kinds)}" for i in range(100)]
    )
    rng.shuffle(asked)
    check = base.with_secure_domains(entries)
    assert [_now(check, d) for d in asked] == [_before(check, d) for d in asked]
    before, now, build = [], [], []
    for _ in range(args.rounds):
        policy = base.with_secure_domains(entries)  # a fresh policy: no index yet
        t0 = time.process_time()
        policy.domain_security("first.example")
        policy.is_partner("first.example")
        policy.is_internal("first.example")
        build.append(time.process_time() - t0)
        t0 = time.process_time()
        for d in asked:
            _before(policy, d)
        before.append((time.process_time() - t0) / len(asked))
        t0 = time.process_time()
        for d in asked:
            _now(policy, d)
        now.append((time.process_time() - t0) / len(asked))
    print(f"load average {os.getloadavg()[0]:.1f}; {args.domains:,} secure domains, "
          f"{len(base.partner_domains)} partner, {len(base.internal_domains)} internal; "
          f"{len(asked)} recipients' domains, {args.rounds} rounds, CPU")  # fmt: skip
    for label, series, unit in (
        ("before: scan every listed domain (a look-up of the three)", before, 1e6),
        ("now: index (a look-up of the three)", now, 1e6),
        ("now: first use of a new policy (index built)", build, 1e6),
    ):
        print(
            f"{label:58} best {min(series) * unit:9.2f} us  "
            f"median {statistics.median(series) * unit:9.2f} us"
        )


if __name__ == "__main__":
    main()
