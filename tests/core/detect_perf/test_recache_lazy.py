"""The compiled-pattern cache decodes each kept pattern only when it is asked for.

The file keeps each pattern's parts marshalled on their own; loading it reads the whole dict of
byte strings, and a pattern's parts are decoded when `compile_cached` is first called for it. A
pattern built from kept parts matches exactly as `re.compile`'s.
"""

from __future__ import annotations

import marshal
import re
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.core.detect_perf.conftest import as_at_start

from safehaven.core.detect import recache

WORDS = st.text(alphabet="abcdeéß'- ", min_size=1, max_size=8).map(str.strip).filter(bool)


def test_kept_patterns_stay_encoded_until_asked_for(fresh, monkeypatch):
    sources = [r"\bsick\b", r"(?P<a>[A-Z]\w+) (?P<b>\w+)", r"zorblax(?:es)?"]
    for source in sources:
        recache.compile_cached(source, re.I)
    recache._save()
    stored_sig, entries = marshal.loads((fresh / "regex-codes.marshal").read_bytes())
    assert stored_sig == recache._signature()
    assert all(type(v) is bytes for v in entries.values())
    as_at_start(monkeypatch)
    p = recache.compile_cached(sources[1], re.I)
    assert type(recache._codes[(sources[1], int(re.I))]) is bytes  # decoded, not replaced
    assert type(recache._codes[(sources[0], int(re.I))]) is bytes
    assert p.match("Amy patel").group("b") == "patel"
    assert recache._state["disabled"] is False
    assert recache._state["dirty"] is False  # nothing new: the file is not written again


def test_a_new_pattern_is_added_to_the_kept_ones(fresh, monkeypatch):
    recache.compile_cached("abc")
    recache._save()
    as_at_start(monkeypatch)
    recache.compile_cached("abc")
    recache.compile_cached("def")
    recache._save()
    _, entries = marshal.loads((fresh / "regex-codes.marshal").read_bytes())
    assert set(entries) == {("abc", 0), ("def", 0)}
    assert all(type(v) is bytes for v in entries.values())


def test_a_damaged_entry_falls_back_to_re_compile(fresh, monkeypatch):
    recache.compile_cached("abc")
    recache._save()
    as_at_start(monkeypatch)
    recache._load()
    recache._codes[("abc", 0)] = b"\x00not marshal"
    assert recache.compile_cached("abc").search("xabcx").span() == (1, 4)
    assert recache._state["disabled"] is True


def test_a_file_of_the_previous_format_is_ignored(fresh):
    import _sre

    old_sig = ("recache", 1, sys.version, getattr(_sre, "MAGIC", None), _sre.CODESIZE)
    parts = recache._parts("abc", 0)
    (fresh / "regex-codes.marshal").write_bytes(marshal.dumps((old_sig, {("abc", 0): parts})))
    assert recache.compile_cached("abc").search("xabcx").span() == (1, 4)
    assert type(recache._codes[("abc", 0)]) is tuple  # compiled here, not read from the file


@given(words=st.lists(WORDS, min_size=1, max_size=12), text=st.text(max_size=80))
@settings(max_examples=150, deadline=None)
def test_a_pattern_from_kept_bytes_matches_as_re_compile(words, text):
    source = "|".join(f"(?:\\b{re.escape(w)}(?:s)?(?!\\w))" for w in words)
    kept = dict(recache._codes)  # (this process's entries are put back: nothing is saved)
    try:
        for flags in (0, re.IGNORECASE):
            key = (source, int(flags))
            recache._codes[key] = marshal.dumps(recache._parts(source, flags))
            ours, theirs = recache.compile_cached(source, flags), re.compile(source, flags)
            assert (ours.pattern, ours.flags, ours.groups) == (theirs.pattern, theirs.flags, 0)
            sample = text + " " + " ".join(words)
            assert [m.span() for m in ours.finditer(sample)] == [
                m.span() for m in theirs.finditer(sample)
            ]
    finally:
        recache._codes.clear()
        recache._codes.update(kept)


def test_kept_between_processes(fresh):
    script = (
        "import re\n"
        "from safehaven.core.detect import recache\n"
        "p = recache.compile_cached(r'\\b(?:zorblax|clinic)s?\\b', re.I)\n"
        "v = recache._codes[(r'\\b(?:zorblax|clinic)s?\\b', int(re.I))]\n"
        "print(type(v).__name__, bool(p.search('The ZORBLAX clinic')))\n"
    )
    run = {"capture_output": True, "text": True, "timeout": 60, "check": True}
    assert subprocess.run([sys.executable, "-c", script], **run).stdout.split() == [
        "tuple",
        "True",
    ]
    assert subprocess.run([sys.executable, "-c", script], **run).stdout.split() == [
        "bytes",
        "True",
    ]
