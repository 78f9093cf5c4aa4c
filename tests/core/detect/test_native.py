"""The compiled engine (mypyc) is used only when built from the current sources, and gives the
same results as the plain Python modules."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from safehaven.core.detect import NATIVE, native
from safehaven.core.detect import names as names_module

ROOT = Path(__file__).resolve().parents[3]
DEV = ROOT / "benchmarks" / "data" / "uk-cs-dev.jsonl"


@pytest.fixture
def native_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(native, "NATIVE_DIR", tmp_path)
    monkeypatch.delenv("SAFEHAVEN_ENGINE", raising=False)
    return tmp_path


def _write_manifest(folder: Path, **changes) -> None:
    manifest = {"key": native.build_key(), "sources": native.source_digests(), **changes}
    (folder / native.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def test_status_compiled_when_the_manifest_matches(native_dir):
    _write_manifest(native_dir)
    assert native.status() == "compiled"


def test_status_not_built_without_a_manifest(native_dir):
    assert native.status() == "not built"


def test_status_not_built_for_an_unreadable_manifest(native_dir):
    (native_dir / native.MANIFEST).write_text("{not json", encoding="utf-8")
    assert native.status() == "not built"


def test_an_edited_source_makes_the_build_out_of_date(native_dir):
    sources = native.source_digests()
    sources["names"] = "0" * 64  # as if names.py had changed since the build
    _write_manifest(native_dir, sources=sources)
    assert native.status() == "out of date"


def test_a_build_for_another_interpreter_is_out_of_date(native_dir):
    _write_manifest(native_dir, key=".cpython-39-x86_64-linux-gnu.so (3, 9, 0)")
    assert native.status() == "out of date"


def test_safehaven_engine_python_turns_it_off(native_dir, monkeypatch):
    _write_manifest(native_dir)
    monkeypatch.setenv("SAFEHAVEN_ENGINE", "python")
    assert native.status() == "off"


def test_the_modules_loaded_are_the_ones_the_status_names():
    suffix = Path(names_module.__file__).suffix
    assert (suffix == ".so") == (NATIVE == "compiled"), (NATIVE, names_module.__file__)


def _analyse_all(env: dict[str, str]) -> str:
    code = (
        "import json, sys\n"
        "from safehaven.core.detect import NATIVE, analyse, desensitise\n"
        "from safehaven.core.detect import names\n"
        "out = [NATIVE, names.__file__.rsplit('.', 1)[1]]\n"
        "for line in open(sys.argv[1], encoding='utf-8'):\n"
        "    text = json.loads(line)['text']\n"
        "    out.append(repr(analyse(text)))\n"
        "    out.append(repr(desensitise(text)))\n"
        "print('\\n'.join(out))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(DEV)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout


@pytest.mark.skipif(NATIVE != "compiled", reason=f"compiled engine not in use ({NATIVE})")
def test_compiled_and_plain_engines_give_the_same_results():
    compiled = _analyse_all({**os.environ, "PYTHONHASHSEED": "0"})
    plain = _analyse_all({**os.environ, "PYTHONHASHSEED": "0", "SAFEHAVEN_ENGINE": "python"})
    compiled_lines, plain_lines = compiled.splitlines(), plain.splitlines()
    assert compiled_lines[:2] == ["compiled", "so"]
    assert plain_lines[:2] == ["off", "py"]
    assert len(compiled_lines) > 1000
    assert compiled_lines[2:] == plain_lines[2:]


@pytest.mark.skipif(
    not os.environ.get("SAFEHAVEN_EXPECT_NATIVE"),
    reason="set by scripts/test when a C compiler is present",
)
def test_the_test_command_runs_the_compiled_engine():
    # scripts/test builds the compiled modules when the machine has a C compiler: a build that
    # failed (a type error mypyc refuses, say) would otherwise only make the engine slower.
    assert NATIVE == "compiled", f"the compiled engine is {NATIVE}: run scripts/build_native.py"


def _build_script(tmp_path, monkeypatch, manifests: list[dict]):
    """scripts/build_native.py with mypyc replaced by a stand-in that writes the expected
    extension files, its output folder in tmp_path, and `expected_manifest` giving `manifests`
    in turn (the sources as read before and after compiling)."""
    import importlib.util
    import types

    spec = importlib.util.spec_from_file_location(
        "build_native_under_test", ROOT / "scripts" / "build_native.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)

    def fake_run(cmd, cwd, **kwargs):
        out = Path(cwd) / "lib" / "safehaven" / "core" / "detect"
        out.mkdir(parents=True)
        for name in [*module.MODULES, module.GROUP.rsplit(".", 1)[1] + "__mypyc"]:
            (out / f"{name}.cpython-311-x86_64-linux-gnu.so").write_bytes(b"stand-in")
        return subprocess.CompletedProcess(cmd, 0, "", "")

    calls = iter(manifests)
    monkeypatch.setattr(module, "subprocess", types.SimpleNamespace(run=fake_run))
    monkeypatch.setattr(module, "expected_manifest", lambda: next(calls))
    monkeypatch.setattr(module, "DETECT", tmp_path)
    monkeypatch.setattr(module, "NATIVE_DIR", tmp_path / "_native")
    return module


def test_the_build_records_the_sources_it_compiled(tmp_path, monkeypatch):
    same = {"key": "k", "sources": {"names.py": "a"}}
    module = _build_script(tmp_path, monkeypatch, [same, same])
    module.build()
    written = json.loads((tmp_path / "_native" / native.MANIFEST).read_text("utf-8"))
    assert written == same


def test_a_source_edited_during_the_build_is_never_hidden_behind_its_manifest(
    tmp_path, monkeypatch
):
    """The manifest was taken after compiling: an edit made during the minutes of compiling
    gave a manifest of the edited sources over a build of the old ones (found 26 November)."""
    before = {"key": "k", "sources": {"names.py": "old"}}
    after = {"key": "k", "sources": {"names.py": "edited"}}
    module = _build_script(tmp_path, monkeypatch, [before, after])
    with pytest.raises(RuntimeError, match="changed while they were being compiled"):
        module.build()
    assert not (tmp_path / "_native").exists()
