"""Regular expressions compiled once and kept between processes (core.detect.recache)."""

from __future__ import annotations

import re
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from safehaven.core.detect import recache

WORDS = st.text(alphabet="abcdeéß'- ", min_size=1, max_size=8).map(str.strip).filter(bool)


@given(words=st.lists(WORDS, min_size=1, max_size=12), text=st.text(max_size=80))
def test_a_cached_pattern_matches_exactly_as_re_compile(words, text):
    source = "|".join(f"(?:\\b{re.escape(w)}(?:s)?(?!\\w))" for w in words)
    for flags in (0, re.IGNORECASE):
        for _ in range(2):  # compiled, then from the kept codes
            ours, theirs = recache.compile_cached(source, flags), re.compile(source, flags)
            assert ours.pattern == theirs.pattern
            assert ours.flags == theirs.flags
            assert ours.groups == theirs.groups
            spans = [m.span() for m in theirs.finditer(text + " " + " ".join(words))]
            assert [m.span() for m in ours.finditer(text + " " + " ".join(words))] == spans


def test_named_groups_and_flags_survive(fresh):
    p = recache.compile_cached(r"(?P<first>[A-Z]\w+) (?P<last>\w+)", re.ASCII)
    assert p.groupindex == {"first": 1, "last": 2}
    assert p.match("Amy Patel").group("last") == "Patel"
    assert p.flags == re.compile(r"(?P<first>[A-Z]\w+) (?P<last>\w+)", re.ASCII).flags


def test_codes_are_kept_between_processes_and_a_bad_file_is_ignored(fresh):
    script = (
        "import re, sys\n"
        "from safehaven.core.detect import recache\n"
        "p = recache.compile_cached(r'\\b(?:zorblax|clinic)s?\\b', re.I)\n"
        "print(len(recache._codes), bool(p.search('The ZORBLAX clinic')))\n"
    )
    env_run = {"capture_output": True, "text": True, "timeout": 60, "check": True}
    first = subprocess.run([sys.executable, "-c", script], **env_run)
    assert first.stdout.split() == ["1", "True"]
    path = fresh / "regex-codes.marshal"
    assert path.exists()
    check = script + "print((r'\\b(?:zorblax|clinic)s?\\b', int(re.I)) in recache._codes)\n"
    again = subprocess.run([sys.executable, "-c", check], **env_run)
    assert again.stdout.split() == ["1", "True", "True"]  # loaded, not compiled again
    path.write_bytes(b"\x00not marshal")
    damaged = subprocess.run([sys.executable, "-c", script], **env_run)
    assert damaged.stdout.split() == ["1", "True"]  # ignored, compiled, file written again


def test_a_file_from_another_python_is_ignored(fresh):
    import marshal

    key = ("abc", 0)
    parts = list(recache._parts("abc", 0))
    parts[2] = [0]  # codes no engine would accept
    (fresh / "regex-codes.marshal").write_bytes(marshal.dumps((("other",), {key: tuple(parts)})))
    assert recache.compile_cached("abc").search("xabcx").span() == (1, 4)
    assert recache._state["disabled"] is False


def test_anything_unexpected_falls_back_to_re_compile(fresh, monkeypatch):
    def broken(pattern, flags):
        raise AttributeError("a private interface that changed")

    monkeypatch.setattr(recache, "_parts", broken)
    p = recache.compile_cached(r"\bsick\b", re.I)
    assert p.search("Feeling SICK").group() == "SICK"
    assert recache._state["disabled"] is True
    assert recache.compile_cached("x").pattern == "x"  # straight to re.compile from now on
