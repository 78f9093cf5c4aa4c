"""The walker: every regular file once, symlink loops reported, Maildir folders recognised."""

from __future__ import annotations

import os

from safehaven.sweep.model import Problem
from safehaven.sweep.walk import maildir_key, walk
from tests.sweep.helpers import NEUTRAL, make_maildir, write


def _walk(*roots):
    problems: list[Problem] = []
    sources = list(walk([str(r) for r in roots], on_problem=problems.append))
    return sources, problems


def test_walks_nested_folders_in_sorted_order_with_fingerprints(tmp_path):
    b = write(tmp_path / "x" / "b.txt", NEUTRAL)
    a = write(tmp_path / "x" / "y" / "a.txt", NEUTRAL * 2)
    sources, problems = _walk(tmp_path)
    assert [s.path for s in sources] == [str(b), str(a)]
    assert problems == []
    assert sources[1].size == a.stat().st_size
    assert sources[1].mtime_ns == a.stat().st_mtime_ns
    assert sources[0].owner == "root" or sources[0].owner.isalnum()


def test_symlink_loop_is_reported_once_and_not_followed(tmp_path):
    write(tmp_path / "a" / "doc.txt", NEUTRAL)
    os.symlink("..", tmp_path / "a" / "up")  # a/up -> tmp_path: an ancestor
    sources, problems = _walk(tmp_path)
    assert [s.path for s in sources] == [str(tmp_path / "a" / "doc.txt")]
    assert [(p.kind, p.path) for p in problems] == [("symlink-loop", str(tmp_path / "a" / "up"))]


def test_mutual_symlinks_between_folders_terminate(tmp_path):
    write(tmp_path / "a" / "one.txt", NEUTRAL)
    write(tmp_path / "b" / "two.txt", NEUTRAL)
    os.symlink(tmp_path / "b", tmp_path / "a" / "to-b")
    os.symlink(tmp_path / "a", tmp_path / "b" / "to-a")
    sources, problems = _walk(tmp_path)
    names = sorted(os.path.basename(s.path) for s in sources)
    assert names == ["one.txt", "two.txt"]
    assert [p.kind for p in problems] == ["symlink-loop"]


def test_second_link_to_a_file_or_folder_is_not_counted_twice(tmp_path):
    doc = write(tmp_path / "real" / "doc.txt", NEUTRAL)
    os.link(doc, tmp_path / "hardlink.txt")
    os.symlink(tmp_path / "real", tmp_path / "zz-alias")
    sources, problems = _walk(tmp_path)
    assert len(sources) == 1
    assert problems == []


def test_fifo_and_broken_symlink_are_reported_not_opened(tmp_path):
    os.mkfifo(tmp_path / "pipe")
    os.symlink(tmp_path / "missing", tmp_path / "dangling")
    write(tmp_path / "doc.txt", NEUTRAL)
    sources, problems = _walk(tmp_path)
    assert [os.path.basename(s.path) for s in sources] == ["doc.txt"]
    assert sorted(p.kind for p in problems) == ["special-file", "unreadable"]


def test_maildir_messages_are_keyed_by_folder_and_message_key(tmp_path):
    keys = make_maildir(tmp_path / "mail", [NEUTRAL, NEUTRAL])
    sources, _ = _walk(tmp_path)
    assert all(s.kind == "maildir" for s in sources)
    assert {s.container for s in sources} == {str(tmp_path / "mail")}
    assert sorted(s.member for s in sources) == sorted(keys)


def test_maildir_key_ignores_flags():
    assert maildir_key("1700000000.M1P2.host:2,RS") == "1700000000.M1P2.host"


def test_missing_root_is_a_problem_not_a_crash(tmp_path):
    sources, problems = _walk(tmp_path / "nope")
    assert sources == []
    assert [p.kind for p in problems] == ["walk-error"]
