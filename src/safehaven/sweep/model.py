"""Plain data passed between the walker, the workers and the store.

Nothing here carries matched text: an item's result is its classification, the names of the
special categories found and counts by identifier type. Paths are kept because a DPO needs them
to find the file again.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Kinds of problem the sweep counts. The reason stored beside each is a fixed phrase or an OS error
# string, never text from inside a file.
PROBLEM_KINDS: tuple[str, ...] = (
    "unreadable",  # permission denied or another OS error when opening or reading
    "vanished",  # found by the walk, gone when the worker came to read it
    "changed",  # size or mtime changed while it was being read; rescanned next run
    "broken-archive",  # a zip, mbox or message that cannot be parsed
    "archive-limit",  # zip-bomb limits: too many members, too large, too compressed, too deep
    "extraction-failed",  # the text extractor refused the file
    "too-large",  # larger than --max-size; scanned up to the limit or skipped
    "symlink-loop",  # a symlinked folder leading back to one of its ancestors
    "special-file",  # FIFO, socket or device: never opened
    "walk-error",  # a folder that cannot be listed
    "scan-failed",  # the detector raised on extracted text (a bug to report, not data)
)


@dataclass(frozen=True, slots=True)
class Source:
    """A file found by the walk: the unit of scheduling, fingerprinting and resuming.

    `path` is the file actually read. For a Maildir message `container` is the Maildir folder and
    `member` the message key, so a message keeps its identity when its flags rename the file.
    """

    path: str
    size: int
    mtime_ns: int
    owner: str
    kind: str = "file"  # "file" (type decided by the worker) or "maildir"
    container: str = ""
    member: str = ""


@dataclass(slots=True)
class ItemResult:
    """One scanned document: a file, an archive member or a mail message."""

    path: str
    member: str
    kind: str
    size: int
    mtime_ns: int
    classification: str = ""  # "none" | "personal" | "sensitive"; "" when it could not be scanned
    categories: tuple[str, ...] = ()
    counts: dict[str, int] = field(default_factory=dict)
    status: str = "ok"  # "ok" | "error"
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Problem:
    kind: str
    path: str
    member: str = ""
    reason: str = ""


@dataclass(slots=True)
class SourceResult:
    """What the worker made of one source. `status` "done" means: record it and skip it next run."""

    source: Source
    status: str  # "done" | "error" | "vanished" | "changed"
    items: list[ItemResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    size: int = 0  # fingerprint as read by the worker
    mtime_ns: int = 0
    bytes_read: int = 0


@dataclass(slots=True)
class BatchResult:
    """One task's output, with the wall time spent inside the worker (for overhead figures)."""

    results: list[SourceResult]
    worker: str
    started: float  # time.time() at the start of the task, in the worker
    seconds: float  # wall time of the task inside the worker
    bytes: int = 0
    cpu_seconds: float = 0.0  # CPU time of the task (wall minus CPU = waiting for a core or disk)


@dataclass(slots=True)
class SweepSummary:
    run_id: int = 0
    sources_found: int = 0
    sources_skipped: int = 0  # unchanged since an earlier run: not rescanned
    sources_scanned: int = 0
    bytes_found: int = 0
    bytes_scanned: int = 0
    items: int = 0
    by_classification: dict[str, int] = field(default_factory=dict)
    problems: dict[str, int] = field(default_factory=dict)
    gone: int = 0
    tasks: int = 0
    workers: int = 0
    wall_seconds: float = 0.0
    task_seconds: float = 0.0  # sum of task wall times measured inside the workers
    task_cpu_seconds: float = 0.0  # sum of task CPU times measured inside the workers
    interrupted: bool = False
    walk_tracked: int = 0  # identities the walker remembered: folders and hard-linked files

    @property
    def problem_total(self) -> int:
        return sum(self.problems.values())
