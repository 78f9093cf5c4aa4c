"""Compiled regular expressions kept between processes.

The special-category step compiles one regular expression per group of terms, the first time a
text needs it: a `safehaven scan` of 1,000 short documents spent about 0.9 s of its ~2 s of CPU
in the `re` module's parser and compiler, and did it again in the next process. Python's `re`
turns a pattern into a list of integer codes that `_sre.compile` makes into a pattern object in
microseconds; `compile_cached` keeps those codes in the user's cache folder (the same folder as
the lexicon cache, `lexicons._cache_dir`), keyed by the pattern's text and flags.

Safety: the file records the exact Python version and the `_sre` engine's magic number and code
size, and is ignored if any differs; `_sre.compile` validates the codes it is given (CPython's
`_validate`), and anything unexpected (a private interface that changed, a damaged file) falls
back to `re.compile` for the rest of the process. A pattern object built here equals, for
matching, the one `re.compile` builds: the codes are the ones `re.compile` would have passed to
`_sre.compile` (`re._compiler.compile`, Python 3.11). No cache folder, or one that cannot be
written, only costs time.
"""

from __future__ import annotations

import atexit
import marshal
import os
import re
import sys
import threading

_lock = threading.Lock()
_state: dict = {"loaded": False, "disabled": False, "dirty": False}
# (pattern, flags) -> the parts for `_sre.compile`, or, as loaded from the file, those parts
# marshalled (bytes): each is decoded when its pattern is first asked for. Decoding the whole
# file (some 1,000 patterns, 2-5 MB) cost 15-30 ms at every start, most of it for patterns a
# short run never uses.
_codes: dict[tuple[str, int], tuple | bytes] = {}
_MAX_ENTRIES = 20_000


def _signature() -> tuple:
    import _sre

    return ("recache", 2, sys.version, getattr(_sre, "MAGIC", None), getattr(_sre, "CODESIZE", 0))


def _path():
    from safehaven.core.detect.lexicons import _cache_dir

    folder = _cache_dir()
    return None if folder is None else folder / "regex-codes.marshal"


def _load() -> None:
    _state["loaded"] = True
    path = _path()
    if path is None:
        return
    try:
        stored_sig, entries = marshal.loads(path.read_bytes())  # noqa: S302 - the user's own cache
    except (OSError, EOFError, ValueError, TypeError):
        return
    if stored_sig == _signature() and type(entries) is dict:
        _codes.update(entries)


def _save() -> None:
    if not _state["dirty"] or _state["disabled"]:
        return
    path = _path()
    if path is None:
        return
    try:
        if len(_codes) > _MAX_ENTRIES:
            return  # open-ended use (DPO terms changing often): stop growing the file
        entries = {k: v if type(v) is bytes else marshal.dumps(v) for k, v in _codes.items()}
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps((_signature(), entries)))
        os.replace(tmp, path)
        _state["dirty"] = False
    except (OSError, ValueError):
        pass


atexit.register(_save)


def _parts(pattern: str, flags: int) -> tuple:
    """What `re._compiler.compile` passes to `_sre.compile` (Python 3.11)."""
    from re import _compiler, _parser

    parsed = _parser.parse(pattern, flags)
    code = [int(c) for c in _compiler._code(parsed, flags)]
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return (
        pattern,
        int(flags | parsed.state.flags),
        code,
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def compile_cached(pattern: str | bytes, flags: int = 0) -> re.Pattern:
    """`re.compile(pattern, flags)`, from codes kept between processes when possible."""
    if _state["disabled"] or not isinstance(pattern, str):
        return re.compile(pattern, flags)
    import _sre

    flags = int(flags)
    with _lock:
        if not _state["loaded"]:
            _load()
        parts = _codes.get((pattern, flags))
    try:
        if parts is not None:
            if type(parts) is bytes:
                parts = marshal.loads(parts)  # noqa: S302 - the user's own cache
            return _sre.compile(*parts)
        parts = _parts(pattern, flags)
        compiled = _sre.compile(*parts)
    except Exception:  # noqa: BLE001 - a changed private interface or a damaged entry
        _state["disabled"] = True
        return re.compile(pattern, flags)
    with _lock:
        _codes[(pattern, flags)] = parts
        _state["dirty"] = True
    return compiled
