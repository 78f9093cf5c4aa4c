"""The sensitivity engine: find, explain and de-sensitise personal and special-category data.

Rules and gazetteers, no downloaded model: see docs/engine.md.

    from safehaven.core.detect import analyse, desensitise
    result = analyse(text)            # Analysis(spans, special_categories, classification, ...)
    clean = desensitise(text)         # Desensitised(text, changes)

Names are loaded on first use, so that importing the package (for the data classes, say) stays
cheap for commands that start often.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

_EXPORTS = {
    "analyse": "safehaven.core.detect.engine",
    "classify": "safehaven.core.detect.engine",
    "desensitise": "safehaven.core.detect.desensitise",
    "CLASSIFICATIONS": "safehaven.core.detect.model",
    "ENTITY_TYPES": "safehaven.core.detect.model",
    "SPECIAL_CATEGORIES": "safehaven.core.detect.model",
    "Analysis": "safehaven.core.detect.model",
    "CategoryEvidence": "safehaven.core.detect.model",
    "Change": "safehaven.core.detect.model",
    "Desensitised": "safehaven.core.detect.model",
    "DesensitiseOptions": "safehaven.core.detect.model",
    "Policy": "safehaven.core.detect.model",
    "Span": "safehaven.core.detect.model",
}

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

# The hot modules compiled with mypyc (scripts/build_native.py), when built from the sources as
# they are now: their folder goes first on this package's search path. See native.py.
from safehaven.core.detect import native as _native  # noqa: E402

NATIVE = _native.status()
if NATIVE == "compiled":
    __path__.insert(0, str(_native.NATIVE_DIR))

if TYPE_CHECKING:
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


def __getattr__(name: str):
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'safehaven.core.detect' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value
