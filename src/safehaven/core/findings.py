"""The result of a policy check: what is wrong, how serious, and which guidance rule says so."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    """How a finding affects the action; ordered from least to most serious."""

    INFO = "info"  # worth knowing; nothing stops
    WARN = "warn"  # the person may go on after recording a justification
    HOLD = "hold"  # an authoriser must release or reject
    BLOCK = "block"  # the action cannot go ahead

    @property
    def rank(self) -> int:
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARN: 1, Severity.HOLD: 2, Severity.BLOCK: 3}


@dataclass(frozen=True, slots=True)
class Finding:
    """One check's result, naming the guidance rule it enforces (e.g. "EMAIL-4")."""

    rule: str
    severity: Severity
    message: str
    evidence: dict[str, Any] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": str(self.severity),
            "message": self.message,
            "evidence": self.evidence,
        }


def worst(findings: list[Finding], default: Severity = Severity.INFO) -> Severity:
    """The most serious severity among the findings (default when there are none)."""
    return max((f.severity for f in findings), key=lambda s: s.rank, default=default)
