"""Plain data returned by the sensitivity engine."""

from __future__ import annotations

from dataclasses import dataclass, field

# The entity types the engine reports. The names are part of the JSONL contract: keep them stable.
ENTITY_TYPES: tuple[str, ...] = (
    "PERSON",
    "DATE_OF_BIRTH",
    "STREET_ADDRESS",
    "UK_POSTCODE",
    "PHONE_NUMBER",
    "EMAIL_ADDRESS",
    "UK_NHS",
    "UK_UPN",
    "UK_ULN",
    "UK_NINO",
    "UK_CHI",
    "UK_HC",
    "UK_PASSPORT",
    "UK_DRIVING_LICENCE",
)

SPECIAL_CATEGORIES: tuple[str, ...] = (
    "health",
    "ethnicity",
    "religion",
    "sexual_orientation",
    "sex_life",
    "political_opinion",
    "trade_union",
    "criminal",
    "genetic",
    "biometric",
    "gender",
    "safeguarding",
)

CLASSIFICATIONS: tuple[str, ...] = ("none", "personal", "sensitive")


@dataclass(frozen=True, slots=True)
class Span:
    """One finding: `text == source[start:end]` (Python string indices)."""

    type: str
    start: int
    end: int
    score: float
    text: str
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class CategoryEvidence:
    """A special-category term found in the text and the person it was linked to, if any."""

    category: str
    start: int
    end: int
    text: str
    term: str
    linked: bool
    explanation: str = ""


@dataclass(frozen=True, slots=True)
class Policy:
    """What the caller wants reported. Scores below `threshold` are kept out of `spans`."""

    threshold: float = 0.5
    # Types to report; None means every type in ENTITY_TYPES.
    entities: frozenset[str] | None = None
    # Special categories need a person in the text (a name, a pronoun or a possessive) nearby.
    require_person_link: bool = True


DEFAULT_POLICY = Policy()


@dataclass(frozen=True, slots=True)
class Analysis:
    """The result of `analyse`: reported spans, special categories and the classification."""

    text: str
    spans: tuple[Span, ...]
    special_categories: tuple[str, ...]
    evidence: tuple[CategoryEvidence, ...]
    classification: str
    reasons: tuple[str, ...]
    # Spans below the reporting threshold, kept for explanation and for the desensitiser.
    low_confidence: tuple[Span, ...] = field(default=())

    def by_type(self, entity_type: str) -> list[Span]:
        return [s for s in self.spans if s.type == entity_type]


@dataclass(frozen=True, slots=True)
class Change:
    """One rewrite made by `desensitise`: offsets refer to the original text."""

    type: str
    start: int
    end: int
    original: str
    replacement: str


@dataclass(frozen=True, slots=True)
class Desensitised:
    text: str
    changes: tuple[Change, ...]


@dataclass(frozen=True, slots=True)
class DesensitiseOptions:
    """How `desensitise` rewrites each kind of identifier.

    `dob`: "year" keeps the year of birth, "remove" replaces the date with "[date of birth]".
    `keep_upn`: the UPN stays as the one identifier (EMAIL-2); the others become placeholders.
    `names`: "initials" ("J.S.") or "placeholder" ("[name]").
    """

    names: str = "initials"
    dob: str = "year"
    keep_upn: bool = True
    remove_address: bool = True
    threshold: float = 0.5
    placeholders: dict[str, str] = field(
        default_factory=lambda: {
            "UK_NHS": "[NHS number]",
            "UK_UPN": "[UPN]",
            "UK_ULN": "[ULN]",
            "UK_NINO": "[NI number]",
            "UK_CHI": "[CHI number]",
            "UK_HC": "[H&C number]",
            "UK_PASSPORT": "[passport number]",
            "UK_DRIVING_LICENCE": "[driving licence number]",
            "UK_POSTCODE": "[postcode]",
            "PHONE_NUMBER": "[phone]",
            "EMAIL_ADDRESS": "[email]",
            "STREET_ADDRESS": "[address]",
            "DATE_OF_BIRTH": "[date of birth]",
            "PERSON": "[name]",
        }
    )
