"""Find the files to sweep: folders walked with os.scandir, Maildir folders recognised.

Symlinks are followed, but every folder and file is visited once, keyed by (st_dev, st_ino): a
symlink back to an ancestor is reported as a loop, a second link to something already visited is
skipped silently, so nothing is scanned or counted twice. Entries are visited in sorted order so
the same path wins on every run (resuming depends on stable identities).
"""

from __future__ import annotations

import os
import pwd
import stat
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache

from safehaven.sweep.model import Problem, Source

MAILDIR_PARTS = ("cur", "new", "tmp")


@lru_cache(maxsize=4096)
def owner_name(uid: int) -> str:
    """The account name for a uid, or the number when the account is unknown here."""
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def _is_maildir(names: set[str]) -> bool:
    return all(part in names for part in MAILDIR_PARTS)


def maildir_key(filename: str) -> str:
    """A Maildir message's key: its file name without the ":2,FLAGS" info part."""
    return filename.split(":", 1)[0]


def walk(
    roots: Iterable[str], *, on_problem: Callable[[Problem], None] | None = None
) -> Iterator[Source]:
    """Yield every regular file under `roots` (files given directly are yielded too)."""
    report = on_problem or (lambda _p: None)
    seen: set[tuple[int, int]] = set()
    for root in roots:
        path = os.path.abspath(root)
        try:
            st = os.stat(path)
        except FileNotFoundError:
            report(Problem("walk-error", path, reason="path does not exist"))
            continue
        except OSError as exc:
            report(Problem("walk-error", path, reason=_os_reason(exc)))
            continue
        if stat.S_ISDIR(st.st_mode):
            yield from _walk_dir(path, st, seen, (), report)
        else:
            source = _file_source(path, st, seen, report)
            if source is not None:
                yield source


def _walk_dir(
    path: str,
    st: os.stat_result,
    seen: set[tuple[int, int]],
    ancestors: tuple[tuple[int, int], ...],
    report: Callable[[Problem], None],
) -> Iterator[Source]:
    key = (st.st_dev, st.st_ino)
    if key in ancestors:
        report(Problem("symlink-loop", path, reason="symlinked folder leads back to an ancestor"))
        return
    if key in seen:
        return
    seen.add(key)
    ancestors = (*ancestors, key)
    try:
        with os.scandir(path) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        report(Problem("walk-error", path, reason=_os_reason(exc)))
        return
    names = {e.name for e in entries}
    if _is_maildir(names):
        yield from _walk_maildir(path, seen, report)
        # Maildir++ keeps subfolders (".Sent", ".Archive") beside cur/new/tmp: walk on.
        entries = [e for e in entries if e.name not in MAILDIR_PARTS]
    for entry in entries:
        child = entry.path
        try:
            child_st = entry.stat(follow_symlinks=True)
        except FileNotFoundError:
            if entry.is_symlink():
                report(Problem("unreadable", child, reason="broken symlink"))
            continue  # vanished between listing and stat: nothing to sweep
        except OSError as exc:
            report(Problem("unreadable", child, reason=_os_reason(exc)))
            continue
        if stat.S_ISDIR(child_st.st_mode):
            yield from _walk_dir(child, child_st, seen, ancestors, report)
        else:
            source = _file_source(child, child_st, seen, report)
            if source is not None:
                yield source


def _walk_maildir(
    path: str, seen: set[tuple[int, int]], report: Callable[[Problem], None]
) -> Iterator[Source]:
    for part in ("cur", "new"):
        folder = os.path.join(path, part)
        try:
            with os.scandir(folder) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            report(Problem("walk-error", folder, reason=_os_reason(exc)))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            try:
                st = entry.stat(follow_symlinks=True)
            except FileNotFoundError:
                continue
            except OSError as exc:
                report(Problem("unreadable", entry.path, reason=_os_reason(exc)))
                continue
            if not stat.S_ISREG(st.st_mode):
                continue
            key = (st.st_dev, st.st_ino)
            if key in seen:
                continue
            seen.add(key)
            yield Source(
                path=entry.path,
                size=st.st_size,
                mtime_ns=st.st_mtime_ns,
                owner=owner_name(st.st_uid),
                kind="maildir",
                container=path,
                member=maildir_key(entry.name),
            )


def _file_source(
    path: str, st: os.stat_result, seen: set[tuple[int, int]], report: Callable[[Problem], None]
) -> Source | None:
    if not stat.S_ISREG(st.st_mode):
        report(Problem("special-file", path, reason="not a regular file (FIFO, socket or device)"))
        return None
    key = (st.st_dev, st.st_ino)
    if key in seen:
        return None
    seen.add(key)
    return Source(path=path, size=st.st_size, mtime_ns=st.st_mtime_ns, owner=owner_name(st.st_uid))


def _os_reason(exc: OSError) -> str:
    """The OS's words for an error, without the path (paths live in their own column)."""
    return exc.strerror or type(exc).__name__
