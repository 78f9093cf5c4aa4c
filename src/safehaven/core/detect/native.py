"""Whether the engine's hot modules run compiled (mypyc) or as plain Python.

`scripts/build_native.py` compiles names, categories and patterns into `_native/` beside this
file, with a manifest of each source's SHA-256. The package puts `_native/` first on its search
path only while the manifest matches the sources and this interpreter, so the compiled modules
are always the current sources compiled; otherwise the plain modules are imported as before.
SAFEHAVEN_ENGINE=python turns the compiled modules off.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import sysconfig
from pathlib import Path

MODULES = ("names", "categories", "patterns")
GROUP = "safehaven.core.detect.engine_core"  # the shared library: engine_core__mypyc
NATIVE_DIR = Path(__file__).with_name("_native")
MANIFEST = "MANIFEST.json"


def build_key() -> str:
    """What a build is good for: this interpreter's extension suffix and version."""
    return f"{sysconfig.get_config_var('EXT_SUFFIX')} {sys.version_info[:3]}"


def source_digests() -> dict[str, str]:
    here = Path(__file__).parent
    return {
        name: hashlib.sha256((here / f"{name}.py").read_bytes()).hexdigest() for name in MODULES
    }


def expected_manifest() -> dict:
    """What a build of the sources as they are now, for this interpreter, records."""
    return {"key": build_key(), "sources": source_digests()}


def build_state() -> str:
    """'compiled' when the build matches the sources and this interpreter, else 'not built' or
    'out of date' (whatever SAFEHAVEN_ENGINE says: scripts/build_native.py asks this)."""
    try:
        manifest = json.loads((NATIVE_DIR / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "not built"
    return "compiled" if manifest == expected_manifest() else "out of date"


def status() -> str:
    """'compiled', or why the plain modules run ('off', 'not built', 'out of date')."""
    if os.environ.get("SAFEHAVEN_ENGINE", "").lower() == "python":
        return "off"
    return build_state()
