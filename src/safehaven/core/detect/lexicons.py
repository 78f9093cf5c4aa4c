"""Word lists and context words, loaded once per process from data files.

Every list is a plain file under `data/` that a DPO can extend: one entry a line, `#` starts a
comment. Extra folders can be layered on top with the environment variable
`SAFEHAVEN_LEXICON_DIR` (os.pathsep-separated): a file there with the same name adds its entries
to the shipped ones; a TOML file there adds terms to the same tables.

First names and surnames come from the US Census 1990 lists shipped by the `names` package (public
domain data, read from site-packages, no network), plus the shipped `first_names_extra.txt` and
`surnames_extra.txt` for names common in UK schools that the 1990 lists miss.
"""

from __future__ import annotations

import os
import tomllib
from functools import cache
from importlib.util import find_spec
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")


def _extra_dirs() -> list[Path]:
    raw = os.environ.get("SAFEHAVEN_LEXICON_DIR", "")
    return [Path(p) for p in raw.split(os.pathsep) if p]


def _read_lines(path: Path) -> list[str]:
    text = path.read_text(encoding="utf-8")
    if "#" not in text:
        return [line.strip() for line in text.splitlines() if line.strip()]
    out: list[str] = []
    for line in text.splitlines():
        entry = line.split("#", 1)[0].strip()
        if entry:
            out.append(entry)
    return out


def word_list(name: str, *, lower: bool = True) -> frozenset[str]:
    """Entries of data/<name> plus the same file in each SAFEHAVEN_LEXICON_DIR folder."""
    return _word_list(name, lower, os.environ.get("SAFEHAVEN_LEXICON_DIR", ""))


@cache
def _word_list(name: str, lower: bool, _extra_key: str) -> frozenset[str]:
    entries: list[str] = []
    for folder in [DATA_DIR, *_extra_dirs()]:
        path = folder / name
        if path.exists():
            entries.extend(_read_lines(path))
    if lower:
        return frozenset(e.lower() for e in entries)
    return frozenset(entries)


def toml_table(name: str) -> dict:
    """data/<name> merged with the same file in each extra folder (lists are concatenated)."""
    return _toml_table(name, os.environ.get("SAFEHAVEN_LEXICON_DIR", ""))


@cache
def _toml_table(name: str, _extra_key: str) -> dict:
    merged: dict = {}
    for folder in [DATA_DIR, *_extra_dirs()]:
        path = folder / name
        if path.exists():
            with path.open("rb") as fh:
                _merge(merged, tomllib.load(fh))
    return merged


def _merge(into: dict, new: dict) -> None:
    for key, value in new.items():
        if isinstance(value, dict):
            _merge(into.setdefault(key, {}), value)
        elif isinstance(value, list):
            into.setdefault(key, [])
            into[key] = [*into[key], *value]
        else:
            into[key] = value


def _census_dir() -> Path | None:
    spec = find_spec("names")
    if spec is None or not spec.origin:
        return None
    return Path(spec.origin).parent


@cache
def _census(kind: str) -> frozenset[str]:
    folder = _census_dir()
    if folder is None:
        return frozenset()
    files = ["dist.female.first", "dist.male.first"] if kind == "first" else ["dist.all.last"]
    out: set[str] = set()
    for fname in files:
        path = folder / fname
        if not path.exists():
            continue
        # Each line: NAME, then frequency columns; the names are the first of every 4 fields.
        fields = path.read_text(encoding="ascii", errors="ignore").lower().split()
        out.update(fields[::4])
    return frozenset(out)


@cache
def first_names() -> frozenset[str]:
    return _census("first") | word_list("first_names_extra.txt")


@cache
def surnames() -> frozenset[str]:
    return _census("last") | word_list("surnames_extra.txt")


_DEPENDENT_CACHES: list = []


def register_cache(func):
    """Mark a cached function built from the lists, so that `clear_caches` clears it too."""
    _DEPENDENT_CACHES.append(func)
    return func


def clear_caches() -> None:
    """Forget loaded lists and everything built from them (after editing a data file)."""
    for func in _DEPENDENT_CACHES:
        func.cache_clear()
    _word_list.cache_clear()
    _toml_table.cache_clear()
    _census.cache_clear()
    first_names.cache_clear()
    surnames.cache_clear()
