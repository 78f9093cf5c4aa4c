"""Find the files to sweep: folders walked lazily with os.scandir, Maildir folders recognised.

The walk is a generator: it lists one folder at a time and yields files as it goes, so the sweep
can scan while it walks and the driver never holds the estate's file list.

Symlinks are followed, but every folder and file is visited once: a symlink back to an ancestor
is reported as a loop, a second way into something already visited is skipped silently, so
nothing is scanned or counted twice. To keep memory bounded by the number of folders, not files,
only these identities (st_dev, st_ino) are remembered:
- every folder (a folder reached twice, by a symlink or a bind mount, is walked once);
- files with more than one hard link (the only way an ordinary file is met twice);
- files reached through a symlink that leads outside the swept roots.
A symlink to a file inside the swept roots is not followed: the file is swept at its own path.
Entries are visited in sorted order so the same path wins on every run (resuming depends on
stable identities).
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
    return Walker(roots, on_problem=on_problem).files()


class Walker:
    """A lazy walk over `roots`. `tracked` is how many identities it remembers (for tests and
    benchmarks: it grows with folders and hard-linked files, not with ordinary files)."""

    def __init__(
        self, roots: Iterable[str], *, on_problem: Callable[[Problem], None] | None = None
    ) -> None:
        self.roots = [os.path.abspath(r) for r in roots]
        self.report = on_problem or (lambda _p: None)
        self.seen: set[tuple[int, int]] = set()
        # Real locations of the roots: a file symlink into one of them is swept at its own path.
        self.real_roots = tuple(os.path.realpath(r) for r in self.roots)

    @property
    def tracked(self) -> int:
        return len(self.seen)

    def files(self) -> Iterator[Source]:
        for path in self.roots:
            try:
                st = os.stat(path)
            except FileNotFoundError:
                self.report(Problem("walk-error", path, reason="path does not exist"))
                continue
            except OSError as exc:
                self.report(Problem("walk-error", path, reason=_os_reason(exc)))
                continue
            if stat.S_ISDIR(st.st_mode):
                yield from self._walk_dir(path, st, ())
            else:
                # A file named on the command line: remember it, another root may hold it too.
                source = self._file_source(path, st, remember=True)
                if source is not None:
                    yield source

    def _inside_roots(self, path: str) -> bool:
        real = os.path.realpath(path)
        return any(real == r or real.startswith(r.rstrip(os.sep) + os.sep) for r in self.real_roots)

    def _walk_dir(
        self, path: str, st: os.stat_result, ancestors: tuple[tuple[int, int], ...]
    ) -> Iterator[Source]:
        key = (st.st_dev, st.st_ino)
        if key in ancestors:
            self.report(
                Problem("symlink-loop", path, reason="symlinked folder leads back to an ancestor")
            )
            return
        if key in self.seen:
            return
        self.seen.add(key)
        ancestors = (*ancestors, key)
        try:
            with os.scandir(path) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            self.report(Problem("walk-error", path, reason=_os_reason(exc)))
            return
        names = {e.name for e in entries}
        if _is_maildir(names):
            yield from self._walk_maildir(path)
            # Maildir++ keeps subfolders (".Sent", ".Archive") beside cur/new/tmp: walk on.
            entries = [e for e in entries if e.name not in MAILDIR_PARTS]
        for entry in entries:
            child = entry.path
            try:
                child_st = entry.stat(follow_symlinks=True)
            except FileNotFoundError:
                if entry.is_symlink():
                    self.report(Problem("unreadable", child, reason="broken symlink"))
                continue  # vanished between listing and stat: nothing to sweep
            except OSError as exc:
                self.report(Problem("unreadable", child, reason=_os_reason(exc)))
                continue
            if stat.S_ISDIR(child_st.st_mode):
                yield from self._walk_dir(child, child_st, ancestors)
                continue
            via_link = entry.is_symlink()
            if via_link and stat.S_ISREG(child_st.st_mode) and self._inside_roots(child):
                continue  # swept at its own path
            source = self._file_source(child, child_st, remember=via_link)
            if source is not None:
                yield source
        del entries

    def _walk_maildir(self, path: str) -> Iterator[Source]:
        seen = self.seen
        report = self.report
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
                if st.st_nlink > 1:
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

    def _file_source(self, path: str, st: os.stat_result, *, remember: bool) -> Source | None:
        if not stat.S_ISREG(st.st_mode):
            self.report(
                Problem("special-file", path, reason="not a regular file (FIFO, socket or device)")
            )
            return None
        key = (st.st_dev, st.st_ino)
        if key in self.seen:
            return None
        if remember or st.st_nlink > 1:
            self.seen.add(key)
        return Source(
            path=path, size=st.st_size, mtime_ns=st.st_mtime_ns, owner=owner_name(st.st_uid)
        )


def _os_reason(exc: OSError) -> str:
    """The OS's words for an error, without the path (paths live in their own column)."""
    return exc.strerror or type(exc).__name__
