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

import marshal
import os
import sys
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).with_name("data")

# Large lists are kept, once built, in a marshal file in the user's cache folder
# ($SAFEHAVEN_CACHE_DIR, else $XDG_CACHE_HOME/safehaven, else ~/.cache/safehaven): loading the
# surname list from it costs about a third of parsing the Census file, which matters for a command
# that starts often. Each cache file records the path, size and modification time of every source
# file; any change rebuilds it. No cache folder, or one that cannot be written, only costs time.
_CACHE_FORMAT = 2
_CACHE_MIN_BYTES = 40_000  # smaller lists parse faster than a cache file can be checked


def _cache_dir() -> Path | None:
    explicit = os.environ.get("SAFEHAVEN_CACHE_DIR")
    if explicit is not None:
        return Path(explicit) if explicit else None  # empty: no cache
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "safehaven"


def _signature(sources: list[Path], min_bytes: int) -> tuple | None:
    parts: list = [_CACHE_FORMAT, sys.version_info[:2]]
    total = 0
    for path in sources:
        try:
            st = path.stat()
        except OSError:
            parts.append((str(path), None))
            continue
        total += st.st_size
        parts.append((str(path), st.st_size, st.st_mtime_ns))
    return tuple(parts) if total >= min_bytes else None


def _cached_set(name: str, sources: list[Path], build) -> frozenset[str]:
    """build() (a frozenset of str), or the copy kept in the cache folder for these sources.

    Kept as a tuple: marshal sorts a frozenset's items when writing it (for reproducible .pyc
    files), which made the first run after a change 0.4 s slower; a tuple writes in 30 ms and
    loads (with the frozenset built again) as fast."""
    return frozenset(_cached(name, sources, lambda: tuple(build()), tuple, _CACHE_MIN_BYTES))


def _cached(name: str, sources: list[Path], build, kind: type, min_bytes: int):
    folder = _cache_dir()
    sig = _signature(sources, min_bytes) if folder is not None else None
    if folder is None or sig is None:
        return build()
    path = folder / f"lexicon-{name}.marshal"
    try:
        # loads() of the whole file: marshal.load() on a file object reads object by object and
        # is slower than parsing the source lists. The file is the user's own cache; only a
        # frozenset with a matching signature is accepted.
        stored_sig, value = marshal.loads(path.read_bytes())  # noqa: S302
        if stored_sig == sig and type(value) is kind:
            return value
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps((sig, value)))
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass
    return value


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
    sources = [folder / name for folder in [DATA_DIR, *_extra_dirs()]]

    def build() -> frozenset[str]:
        entries: list[str] = []
        for path in sources:
            if path.exists():
                entries.extend(_read_lines(path))
        if lower:
            return frozenset(e.lower() for e in entries)
        return frozenset(entries)

    return _cached_set(f"{name}-{'lower' if lower else 'case'}", sources, build)


def toml_table(name: str) -> dict:
    """data/<name> merged with the same file in each extra folder (lists are concatenated)."""
    return _toml_table(name, os.environ.get("SAFEHAVEN_LEXICON_DIR", ""))


@cache
def _toml_table(name: str, _extra_key: str) -> dict:
    sources = [folder / name for folder in [DATA_DIR, *_extra_dirs()]]

    def build() -> dict:
        import tomllib  # only when the cache is cold: importing it costs ~15 ms at start-up

        merged: dict = {}
        for path in sources:
            if path.exists():
                with path.open("rb") as fh:
                    _merge(merged, tomllib.load(fh))
        return merged

    # Cached whatever the size: a warm cache saves importing tomllib as well as parsing.
    return _cached(name, sources, build, dict, 0)


def cached_from_toml(cache_name: str, toml_name: str, build) -> tuple:
    """build() (a tuple of marshal-able values derived from data/<toml_name> and the same file in
    each extra folder), or the copy kept in the cache folder while those files are unchanged."""
    sources = [folder / toml_name for folder in [DATA_DIR, *_extra_dirs()]]
    return _cached(cache_name, sources, build, tuple, 0)


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
    """The folder of the installed `names` distribution's census lists. Found through the
    distribution's own metadata, not the import path, so another module called `names` on
    `sys.path` (a script, a test helper) cannot hide the lists and silently weaken the engine."""
    located = _census_location()
    if located is None:
        return None
    folder = Path(located)
    return folder if (folder / "dist.all.last").exists() else None


def _census_location_lookup() -> str | None:
    """`importlib.metadata`'s answer: where the `names` distribution says its package is."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        return str(distribution("names").locate_file("names"))
    except PackageNotFoundError:
        return None


def _path_state() -> tuple:
    """What `importlib.metadata` reads to find the `names` distribution: the finders on
    `sys.meta_path` and, for each entry of `sys.path` (the working folder for ""), the entries of
    that folder that could be its metadata (a "names..." ".dist-info" or ".egg-info", as its
    `Lookup` reads them) and whether the folder is an egg; a zip file by its size and time.
    Other changes to a folder (a busy working folder, /tmp) do not change the answer."""
    entries: list[tuple] = []
    for entry in sys.path:
        if not isinstance(entry, str):
            entries.append((repr(entry), None, None))  # (not read for distributions: kept as is)
            continue
        where = os.path.abspath(entry or ".")
        try:
            children = os.listdir(where)
        except OSError:
            try:
                st = os.stat(where)
                entries.append((entry, where, "file", st.st_size, st.st_mtime_ns))
            except OSError:
                entries.append((entry, where, None))
            continue
        lows = [c.lower() for c in children]
        found = tuple(
            sorted(c for c in lows if c.startswith("names") and c.endswith(_METADATA_ENDS))
        )
        egg = where.lower().endswith(".egg") and "egg-info" in lows
        entries.append((entry, where, found, egg))
    finders = tuple(f"{type(f).__module__}.{type(f).__qualname__}" for f in sys.meta_path)
    return (_CACHE_FORMAT, sys.version, finders, tuple(entries))


_METADATA_ENDS = (".dist-info", ".egg-info")


def _census_location() -> str | None:
    """_census_location_lookup(), kept in the cache folder with the state of the import path it
    was found in, and used again while that state is unchanged: importing `importlib.metadata`
    (it imports `email`, `zipfile` and `csv`) and searching the path cost ~40 ms of CPU at every
    start of a command, about a tenth of `safehaven scan`'s start-up."""
    folder = _cache_dir()
    if folder is None:
        return _census_location_lookup()
    state = _path_state()
    path = folder / "census-location.marshal"
    # One answer per import-path state (a command started as `safehaven`, `python -m` or from
    # another folder has another sys.path): the last few are kept.
    kept: dict = {}
    try:
        kept = marshal.loads(path.read_bytes())  # noqa: S302 - the user's cache
        if type(kept) is not dict:
            kept = {}
        value = kept[state]
        if value is None or type(value) is str:
            return value
    except (OSError, EOFError, ValueError, TypeError, KeyError):
        pass
    value = _census_location_lookup()
    kept.pop(state, None)
    kept = dict([*list(kept.items())[-(_CENSUS_STATES_KEPT - 1) :], (state, value)])
    try:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(kept))
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass
    return value


_CENSUS_STATES_KEPT = 8


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


def _census_sources(kind: str, extra: str) -> list[Path]:
    folder = _census_dir()
    files = ["dist.female.first", "dist.male.first"] if kind == "first" else ["dist.all.last"]
    census = [folder / f for f in files] if folder is not None else []
    return census + [d / extra for d in [DATA_DIR, *_extra_dirs()]]


@cache
def first_names() -> frozenset[str]:
    extra = "first_names_extra.txt"
    return _cached_set(
        "first_names",
        _census_sources("first", extra),
        lambda: _census("first") | word_list(extra),
    )


@cache
def surnames() -> frozenset[str]:
    extra = "surnames_extra.txt"
    return _cached_set(
        "surnames", _census_sources("last", extra), lambda: _census("last") | word_list(extra)
    )


@cache
def first_name_sex() -> dict[str, str]:
    """A census first name's usual sex: "f" or "m", for a name whose frequency on one of the
    census lists is at least twenty times that on the other and not rare (so "Amber" is "f",
    "Harrison" "m"), unless data/names_either_sex.txt lists it ("Charlie", "Jamie", "Kai").
    Names only on the shipped UK extra list have no sex here. Used to tell a same-sex partner
    said with a name ("Amber has a girlfriend"); nothing else depends on it."""
    folder = _census_dir()
    if folder is None:
        return {}
    freq: list[dict[str, float]] = []
    for fname in ("dist.female.first", "dist.male.first"):
        table: dict[str, float] = {}
        path = folder / fname
        if path.exists():
            fields = path.read_text(encoding="ascii", errors="ignore").lower().split()
            for i in range(0, len(fields) - 1, 4):
                try:
                    table[fields[i]] = float(fields[i + 1])
                except ValueError:
                    continue
        freq.append(table)
    female, male = freq
    either = word_list("names_either_sex.txt")
    out: dict[str, str] = {}
    for name in female.keys() | male.keys():
        if name in either:
            continue
        f, m = female.get(name, 0.0), male.get(name, 0.0)
        if f >= 20 * m and f >= 0.005:
            out[name] = "f"
        elif m >= 20 * f and m >= 0.005:
            out[name] = "m"
    return out


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
    first_name_sex.cache_clear()


def _trie(words: list[str]) -> dict:
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}
    return trie


def _trie_regex(node: dict) -> str:
    """Children first, the end of a word last: the longest word that fits is tried first."""
    import re

    alts = [re.escape(ch) + _trie_regex(child) for ch, child in sorted(node.items()) if ch]
    if "" in node:
        alts.append("")
    return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"


def trie_alternation(words: list[str]) -> str:
    """A regex alternation of `words` with shared prefixes factored out ("c(?:an|ould)").

    It matches what `(?:w1|w2|...)` with the words sorted longest first matches, followed by
    anything, with the same preference (the longest word whose continuation succeeds), but the
    regex engine reads each character once instead of trying every word in turn."""
    return _trie_regex(_trie(words))
