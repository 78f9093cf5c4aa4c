"""The sensitivity engine: find, explain and de-sensitise personal and special-category data.

Rules and gazetteers, no downloaded model: see docs/engine.md.

    from safehaven.core.detect import analyse, desensitise
    result = analyse(text)            # Analysis(spans, special_categories, classification, ...)
    clean = desensitise(text)         # Desensitised(text, changes)
"""

from safehaven.core.detect.desensitise import desensitise
from safehaven.core.detect.engine import analyse, classify
from safehaven.core.detect.model import (
    CLASSIFICATIONS,
    ENTITY_TYPES,
    SPECIAL_CATEGORIES,
    Analysis,
    CategoryEvidence,
    Change,
    Desensitised,
    DesensitiseOptions,
    Policy,
    Span,
)

__all__ = [
    "CLASSIFICATIONS",
    "ENTITY_TYPES",
    "SPECIAL_CATEGORIES",
    "Analysis",
    "CategoryEvidence",
    "Change",
    "DesensitiseOptions",
    "Desensitised",
    "Policy",
    "Span",
    "analyse",
    "classify",
    "desensitise",
]
