"""How a letter should travel (POST-4) and a de-sensitised version to offer (POST-5).

``recommend_delivery`` is a pure function of the classification and the local policy (data in
``data/delivery_policy.json``). ``recommend_for_letter`` and ``desensitise_letter`` are the two
small call sites into the sensitivity engine (``safehaven.core.detect``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

from safehaven.core.findings import Finding, Severity
from safehaven.core.letters.model import LetterContent, LettersError


@dataclass(frozen=True, slots=True)
class DeliveryPolicy:
    """Local policy: the method for each classification and when to step up to Special Delivery."""

    methods: dict[str, str]
    order: tuple[str, ...]
    by_classification: dict[str, tuple[str, str]]
    escalate_categories: frozenset[str]
    escalate_for_original_documents: bool
    escalate_reason: str

    def rank(self, method: str) -> int:
        try:
            return self.order.index(method)
        except ValueError:
            known = ", ".join(self.order)
            raise LettersError(f"unknown delivery method {method!r}: use one of {known}") from None


@dataclass(frozen=True, slots=True)
class DeliveryRecommendation:
    method: str  # key in the policy, e.g. "signed_for"
    service: str  # the Royal Mail service's name
    reason: str
    classification: str
    tracked: bool

    def finding(self) -> Finding:
        """POST-4 as a finding: a warning for sensitive post, otherwise for information."""
        severity = Severity.WARN if self.classification == "sensitive" else Severity.INFO
        return Finding(
            rule="POST-4",
            severity=severity,
            message=f"send by {self.service}: {self.reason}",
            evidence={"method": self.method, "classification": self.classification},
        )


def load_delivery_policy(data: dict[str, Any] | None = None) -> DeliveryPolicy:
    """The policy from the shipped data file, or from ``data`` of the same shape."""
    if data is None:
        files = resources.files("safehaven.core.letters")
        data = json.loads(files.joinpath("data", "delivery_policy.json").read_text("utf-8"))
    esc = data["escalate_to_special_delivery"]
    policy = DeliveryPolicy(
        methods=dict(data["methods"]),
        order=tuple(data["order"]),
        by_classification={
            k: (v["method"], v["reason"]) for k, v in data["by_classification"].items()
        },
        escalate_categories=frozenset(esc["special_categories"]),
        escalate_for_original_documents=bool(esc["when_original_documents"]),
        escalate_reason=esc["reason"],
    )
    for method, _ in policy.by_classification.values():
        policy.rank(method)
    if "special_delivery" not in policy.methods:
        raise LettersError("the delivery policy must name a special_delivery method")
    return policy


@cache
def default_policy() -> DeliveryPolicy:
    return load_delivery_policy()


def recommend_delivery(
    *,
    classification: str,
    special_categories: Iterable[str] = (),
    original_documents: bool = False,
    policy: DeliveryPolicy | None = None,
) -> DeliveryRecommendation:
    """The postal method the policy recommends, with the reason in words (POST-4).

    Sensitive post goes Signed For at least; it steps up to Special Delivery Guaranteed when
    it holds one of the policy's special categories (e.g. safeguarding) or original documents.
    """
    policy = policy or default_policy()
    if classification not in policy.by_classification:
        known = ", ".join(policy.by_classification)
        raise LettersError(f"unknown classification {classification!r}: expected one of {known}")
    method, reason = policy.by_classification[classification]
    categories = sorted(set(special_categories) & policy.escalate_categories)
    if classification == "sensitive" and categories:
        method = "special_delivery"
        reason = (
            f"sensitive personal information ({', '.join(categories)}): {policy.escalate_reason}"
        )
    elif original_documents and policy.escalate_for_original_documents:
        method = "special_delivery"
        reason = f"original documents enclosed: {policy.escalate_reason}"
    tracked = (
        policy.rank(method) >= policy.rank("signed_for") if "signed_for" in policy.order else False
    )
    return DeliveryRecommendation(
        method=method,
        service=policy.methods[method],
        reason=reason,
        classification=classification,
        tracked=tracked,
    )


def delivery_choice_findings(
    chosen: str, recommendation: DeliveryRecommendation, policy: DeliveryPolicy | None = None
) -> list[Finding]:
    """A POST-4 warning when the person picks a less secure method than recommended."""
    policy = policy or default_policy()
    if policy.rank(chosen) >= policy.rank(recommendation.method):
        return []
    return [
        Finding(
            rule="POST-4",
            severity=Severity.WARN,
            message=(
                f"{policy.methods[chosen]} is less secure than the recommended "
                f"{recommendation.service}: record why before sending"
            ),
            evidence={"chosen": chosen, "recommended": recommendation.method},
        )
    ]


def recommend_for_letter(
    content: LetterContent,
    *,
    original_documents: bool = False,
    policy: DeliveryPolicy | None = None,
) -> DeliveryRecommendation:
    """Classifies the letter with the sensitivity engine and recommends a method (POST-4)."""
    from safehaven.core.detect import analyse

    analysis = analyse(content.text())
    return recommend_delivery(
        classification=analysis.classification,
        special_categories=analysis.special_categories,
        original_documents=original_documents,
        policy=policy,
    )


@dataclass(frozen=True, slots=True)
class DesensitisedLetter:
    """The letter with identifying details reduced, offered alongside the original (POST-5).

    ``offered`` is True when anything changed; whether the letter keeps its value without the
    details is a person's decision, which the platform records.
    """

    content: LetterContent
    changes: tuple[Any, ...]  # safehaven.core.detect.Change, per paragraph offsets
    offered: bool

    def finding(self) -> Finding | None:
        if not self.offered:
            return None
        return Finding(
            rule="POST-5",
            severity=Severity.INFO,
            message=(
                f"{len(self.changes)} identifying detail(s) could be left out of the letter; "
                "use the de-sensitised version if the letter loses no value without them"
            ),
            evidence={"types": sorted({c.type for c in self.changes})},
        )


def desensitise_letter(content: LetterContent) -> DesensitisedLetter:
    """Runs the sensitivity engine's de-sensitiser over the subject and body (POST-5).

    The salutation, sign-off, reference and address are left alone: they name the addressee
    and the sender, who are meant to be identified.
    """
    from safehaven.core.detect import desensitise

    changes: list[Any] = []
    subject = content.subject
    if subject:
        result = desensitise(subject)
        subject = result.text
        changes += result.changes
    body = []
    for para in content.body:
        result = desensitise(para)
        body.append(result.text)
        changes += result.changes
    new = replace(content, subject=subject, body=tuple(body))
    return DesensitisedLetter(content=new, changes=tuple(changes), offered=bool(changes))
