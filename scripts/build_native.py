"""Compile the sensitivity engine's hot modules to C with mypyc (`scripts/setup` runs this).

    .venv/bin/python scripts/build_native.py          # build when the sources changed
    .venv/bin/python scripts/build_native.py --force  # build again

The same Python source runs either way: the compiled modules are the plain ones compiled, and
give byte-identical results (tests/core/detect/test_native.py). They go in
src/safehaven/core/detect/_native/ with a manifest of the sources' SHA-256;
`safehaven.core.detect` uses them only while every source still matches, so an edit is never
hidden behind an old build (the engine then runs as plain Python until the next build). Set
SAFEHAVEN_ENGINE=python to run the plain modules anyway.

A machine without a C compiler or Python headers gets a one-line warning and the plain engine:
the build never stops the set-up.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DETECT = ROOT / "src" / "safehaven" / "core" / "detect"
sys.path.insert(0, str(ROOT / "src"))

from safehaven.core.detect.native import (  # noqa: E402
    GROUP,
    MANIFEST,
    MODULES,
    NATIVE_DIR,
    build_state,
    expected_manifest,
)

SETUP_PY = """
from setuptools import setup
from mypyc.build import mypycify

setup(
    name="safehaven-native",
    ext_modules=mypycify(
        ["--ignore-missing-imports", "--follow-imports=silent", *{paths!r}],
        opt_level="3",
        group_name={group!r},
        strip_asserts=False,
    ),
)
"""


def build() -> None:
    paths = [str(DETECT / f"{name}.py") for name in MODULES]
    # The manifest names the sources as they were when the compiler read them: taken before,
    # and checked again after, so an edit during the minutes of compiling is never hidden
    # behind a manifest that matches the edited files but a build of the old ones.
    before = expected_manifest()
    with tempfile.TemporaryDirectory(prefix="safehaven-native-") as tmp:
        work = Path(tmp)
        (work / "setup.py").write_text(SETUP_PY.format(paths=paths, group=GROUP), "utf-8")
        env = {**os.environ, "MYPYPATH": str(ROOT / "src")}
        cmd = [
            sys.executable,
            "setup.py",
            "-q",
            "build_ext",
            "--build-lib",
            str(work / "lib"),
            "--build-temp",
            str(work / "tmp"),
        ]
        done = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True)  # noqa: S603
        if done.returncode != 0:
            tail = (done.stdout + done.stderr).strip().splitlines()[-15:]
            raise RuntimeError("mypyc failed:\n" + "\n".join(tail))
        built = sorted((work / "lib" / "safehaven" / "core" / "detect").glob("*.so"))
        wanted = {*MODULES, f"{GROUP.rsplit('.', 1)[1]}__mypyc"}
        if {p.name.split(".", 1)[0] for p in built} != wanted:
            raise RuntimeError(f"mypyc built {[p.name for p in built]}, expected {sorted(wanted)}")
        staging = Path(tempfile.mkdtemp(prefix="_native-", dir=DETECT))
        staging.chmod(0o755)  # (mkdtemp's 0700 would hide the build from a service account)
        try:
            for path in built:
                shutil.copy2(path, staging / path.name)
            if expected_manifest() != before:
                raise RuntimeError(
                    "the sources changed while they were being compiled: run the build again"
                )
            manifest = json.dumps(before, indent=1)
            (staging / MANIFEST).write_text(manifest, encoding="utf-8")
            if NATIVE_DIR.exists():
                shutil.rmtree(NATIVE_DIR)
            staging.rename(NATIVE_DIR)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--force", action="store_true", help="build even when up to date")
    args = parser.parse_args()
    if not args.force and build_state() == "compiled":
        return 0
    print("Compiling the sensitivity engine with mypyc (about 3 minutes) ...", flush=True)
    t0 = time.monotonic()
    try:
        build()
    except Exception as exc:  # any failure: warn, keep the plain engine, never stop set-up
        shutil.rmtree(NATIVE_DIR, ignore_errors=True)
        print(
            f"warning: the engine was not compiled ({str(exc).strip() or type(exc).__name__}); "
            "it runs as plain Python, correct but about a third slower.",
            file=sys.stderr,
        )
        return 0
    print(f"Compiled in {time.monotonic() - t0:.0f} s: {NATIVE_DIR.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
