"""Authorisers' decisions on held mail: release (relay it, record the disclosure) or reject."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from safehaven.gateway.relay import relay, with_verdict_header
from safehaven.gateway.sinks import (
    DisclosureEntry,
    JsonlNearMissSink,
    JsonlRegisterSink,
    NearMissEntry,
    NearMissSink,
    RegisterSink,
    utc_now,
)
from safehaven.gateway.spool import RETAIN_DECIDED_DAYS, Held, Quarantine, QuarantineError


@dataclass(frozen=True, slots=True)
class SpoolSettings:
    """What the gateway wrote beside its spool: where to relay and where the sinks are."""

    relay: tuple[str, int] | None
    register: RegisterSink
    near_miss: NearMissSink
    # Days a decided message's bytes are kept (`safehaven gateway --retain-decided-days`; 0:
    # for ever). What the gateway last started with, else the default.
    retain_decided_days: float = RETAIN_DECIDED_DAYS


def spool_settings(spool: Path) -> SpoolSettings:
    path = spool / "gateway.json"
    data = json.loads(path.read_text("utf-8")) if path.exists() else {}
    relay_at = None
    if data.get("relay"):
        host, _, port = str(data["relay"]).rpartition(":")
        relay_at = (host, int(port))
    return SpoolSettings(
        relay=relay_at,
        register=JsonlRegisterSink(data.get("register") or spool / "register.jsonl"),
        near_miss=JsonlNearMissSink(data.get("near_miss") or spool / "near-miss.jsonl"),
        retain_decided_days=_days(data.get("retain_decided_days"), RETAIN_DECIDED_DAYS),
    )


def spool_retention(spool: Path) -> float:
    """The days decided messages' bytes are kept in `spool` (what its gateway last started
    with, else the default); a missing or unreadable `gateway.json` gives the default."""
    try:
        data = json.loads((spool / "gateway.json").read_text("utf-8"))
    except (OSError, ValueError):
        return RETAIN_DECIDED_DAYS
    value = data.get("retain_decided_days") if isinstance(data, dict) else None
    return _days(value, RETAIN_DECIDED_DAYS)


def _days(value: object, default: float) -> float:
    try:
        days = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return days if days >= 0 else default


def _near_miss_entry(held: Held, *, event: str, by: str, reason: str) -> NearMissEntry:
    m = held.meta
    return NearMissEntry(
        correlation_id=str(m.get("correlation_id", "")),
        at=utc_now(),
        event=event,
        sender=str(m.get("sender", "")),
        recipients=tuple(m.get("recipients", [])),
        verdict=str(m.get("verdict", "hold")),
        rules=tuple(m.get("rules", [])),
        messages=(),
        policy_version=str(m.get("policy_version", "")),
        quarantine_id=held.id,
        decided_by=by,
        reason=reason,
    )


def quarantine_release(
    *,
    quarantine: Quarantine,
    qid: str,
    released_by: str,
    reason: str,
    relay_at: tuple[str, int],
    register: RegisterSink,
    near_miss: NearMissSink,
) -> Held:
    """Relays a held message and marks it released; it stays held if the relay fails."""
    if not released_by.strip():
        raise QuarantineError("say who is releasing it: --by NAME")
    with quarantine.lock(qid):
        held = quarantine.get(qid)
        if held.status != "held":
            raise QuarantineError(f"{qid} was already {held.status}: nothing to do")
        raw = quarantine.raw(qid)
        m = held.meta
        header = f"released; by={released_by}; policy={m.get('policy_version', '')}"
        out = relay(
            with_verdict_header(raw, header),
            sender=str(m.get("sender", "")),
            recipients=list(m.get("recipients", [])),
            host=relay_at[0],
            port=relay_at[1],
        )
        if not out.ok:
            raise QuarantineError(
                f"the onward mail server did not take {qid} ({out.code}, {out.message}); "
                "it is still held: try again when the relay is up"
            )
        held = quarantine.update(
            qid, status="released", decided_by=released_by, reason=reason, decided_at=utc_now()
        )
    if m.get("service_user_ids") and m.get("external_recipients"):
        register.disclosure_record(
            entry=DisclosureEntry(
                correlation_id=str(m.get("correlation_id", "")),
                at=utc_now(),
                sender=str(m.get("sender", "")),
                recipients=tuple(m["external_recipients"]),
                service_user_ids=tuple(m["service_user_ids"]),
                classification=str(m.get("classification", "")),
                special_categories=tuple(m.get("special_categories", [])),
                message_id=str(m.get("message_id", "")),
                verdict="released",
                policy_version=str(m.get("policy_version", "")),
                authorised_by=released_by,
            )
        )
    near_miss.near_miss_record(
        entry=_near_miss_entry(held, event="released", by=released_by, reason=reason)
    )
    return held


def quarantine_reject(
    *, quarantine: Quarantine, qid: str, rejected_by: str, reason: str, near_miss: NearMissSink
) -> Held:
    """Marks a held message rejected (it is kept, never sent) and logs the decision."""
    if not reason.strip():
        raise QuarantineError("give the reason for rejecting it: --reason TEXT")
    if not rejected_by.strip():
        raise QuarantineError("say who is rejecting it: --by NAME")
    with quarantine.lock(qid):
        held = quarantine.get(qid)
        if held.status != "held":
            raise QuarantineError(f"{qid} was already {held.status}: nothing to do")
        held = quarantine.update(
            qid, status="rejected", decided_by=rejected_by, reason=reason, decided_at=utc_now()
        )
    near_miss.near_miss_record(
        entry=_near_miss_entry(held, event="rejected", by=rejected_by, reason=reason)
    )
    return held


def quarantine_retention_hold(
    *, quarantine: Quarantine, qid: str, by: str, reason: str = "", hold: bool = True
) -> Held:
    """Puts a message under a retention hold (its content is kept past the retention period,
    e.g. for a complaint, a breach review or a subject access request), or lifts it
    (`hold=False`). Who, when and why are kept in its metadata (`retention_hold`); a lifted
    hold is kept as `retention_hold_lifted`. A message whose content was already removed
    cannot be held."""
    if not by.strip():
        raise QuarantineError("say who is doing it: --by NAME")
    if hold and not reason.strip():
        raise QuarantineError("give the reason to keep it (a complaint, a request): --reason TEXT")
    with quarantine.lock(qid):
        held = quarantine.get(qid)
        if held.purged:
            raise QuarantineError(f"the content of {qid} was already removed: nothing to keep")
        if hold:
            return quarantine.update(
                qid, retention_hold={"by": by, "at": utc_now(), "reason": reason.strip()}
            )
        current = held.meta.get("retention_hold")
        if not current:
            raise QuarantineError(f"{qid} is not under a retention hold: nothing to lift")
        return quarantine.update(
            qid,
            retention_hold=None,
            retention_hold_lifted={**current, "lifted_by": by, "lifted_at": utc_now()},
        )
