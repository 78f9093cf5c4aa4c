"""Transport status of partner domains (MTA-STS, TLS-RPT, DMARC), recorded into the policy file.

This runs in the background (cron, a timer), never on the send path: the checks only read what
was recorded. Look-ups go through a `Lookup` (DNS TXT and HTTPS GET) so that the rules here are
tested without a network; `safehaven.gateway.transport_lookup.SystemLookup` is the real one.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Protocol

from safehaven.core.email.policy import TransportStatus, normalise_domain


class Lookup(Protocol):
    def txt(self, name: str) -> list[str]: ...

    def https_get(self, url: str) -> str | None: ...


def _tags(record: str) -> dict[str, str]:
    out = {}
    for part in record.split(";"):
        key, sep, value = part.strip().partition("=")
        if sep:
            out[key.strip().lower()] = value.strip()
    return out


def mta_sts_mode(txt_records: Iterable[str], policy_text: str | None) -> str:
    """ "enforce", "testing" or "none" (RFC 8461: needs the TXT record and the policy file)."""
    if not any(_tags(r).get("v", "").upper() == "STSV1" for r in txt_records):
        return "none"
    if not policy_text:
        return "none"
    fields = {}
    for line in policy_text.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            fields[key.strip().lower()] = value.strip().lower()
    if fields.get("version") != "stsv1":
        return "none"
    mode = fields.get("mode", "none")
    return mode if mode in {"enforce", "testing"} else "none"


def dmarc_policy(txt_records: Iterable[str]) -> str:
    """The p= of a DMARC record ("reject", "quarantine" or "none")."""
    for r in txt_records:
        tags = _tags(r)
        if tags.get("v", "").upper() == "DMARC1":
            p = tags.get("p", "none").lower()
            return p if p in {"reject", "quarantine"} else "none"
    return "none"


def has_tls_rpt(txt_records: Iterable[str]) -> bool:
    return any(_tags(r).get("v", "").upper() == "TLSRPTV1" for r in txt_records)


def transport_status(
    domain: str, lookup: Lookup, *, now: datetime | None = None
) -> TransportStatus:
    """Looks the domain up; a failed look-up counts as "not there" (never as secure)."""
    d = normalise_domain(domain)

    def txt(name: str) -> list[str]:
        try:
            return lookup.txt(name)
        except OSError:
            return []

    sts_txt = txt(f"_mta-sts.{d}")
    policy_text = None
    if sts_txt:
        try:
            policy_text = lookup.https_get(f"https://mta-sts.{d}/.well-known/mta-sts.txt")
        except OSError:
            policy_text = None
    return TransportStatus(
        mta_sts=mta_sts_mode(sts_txt, policy_text),
        tls_rpt=has_tls_rpt(txt(f"_smtp._tls.{d}")),
        dmarc=dmarc_policy(txt(f"_dmarc.{d}")),
        checked_at=(now or datetime.now(UTC)).isoformat(timespec="seconds"),
    )


def refresh_policy_file(
    path: str | Path, lookup: Lookup, *, domains: Iterable[str] | None = None
) -> dict[str, TransportStatus]:
    """Rewrites the policy file's "transport" list (atomically); other keys are kept.

    `domains` defaults to the policy's partner domains. The file's version gets a
    "+transport-<date>" suffix so results show which look-up they were checked against.
    """
    p = Path(path)
    data = json.loads(p.read_text("utf-8"))
    wanted = sorted({normalise_domain(d) for d in (domains or data.get("partner_domains", []))})
    now = datetime.now(UTC)
    statuses = {d: transport_status(d, lookup, now=now) for d in wanted}
    kept = [
        t
        for t in data.get("transport", [])
        if normalise_domain(t.get("domain", "")) not in statuses
    ]
    data["transport"] = kept + [
        {
            "domain": d,
            "mta_sts": s.mta_sts,
            "tls_rpt": s.tls_rpt,
            "dmarc": s.dmarc,
            "checked_at": s.checked_at,
        }
        for d, s in statuses.items()
    ]
    base = str(data.get("version", "unversioned")).split("+transport-", 1)[0]
    data["version"] = f"{base}+transport-{now.strftime('%Y%m%dT%H%M')}"
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=p.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, p)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return statuses
