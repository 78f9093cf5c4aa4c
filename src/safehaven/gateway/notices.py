"""Notices of held mail the onward relay did not take, kept in the spool until they are sent.

The gateway tells the sender of a held message, and the people who may decide it, through the
same relay that carries the mail. When the relay is down (or refuses), the notice is written
here, `<spool>/notices/<key>.json` (written to `tmp/`, fsynced, renamed), and sent again later:
at the next held message and on the gateway's periodic tick (`Gateway._drain_loop`). The key
makes a person's notices one: a decider has at most one notice waiting (`decider-<digest of the
address>`; a newer one replaces it), a sender one per held message (`sender-<quarantine id>`).

Several gateway processes may share the spool: a notice is taken for sending by renaming it to
`<key>.sending-<token>` (only one rename succeeds), removed once the relay took it, and put back
if the relay did not (unless a newer notice for the same key arrived meanwhile). A process that
died while sending leaves a `.sending-` file; `recover` puts back those older than a limit.

The files hold an address, a subject, the notice's lines (a link and a reference, nothing of the
message) and the quarantine id; they live in the spool beside the held messages (mode 0600).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import secrets
import time
from pathlib import Path
from typing import Any

from safehaven.gateway.spool import atomic_write

log = logging.getLogger("safehaven.gateway")


def decider_key(address: str) -> str:
    """The key of a decider's waiting notice: a digest of the address (no address in a name)."""
    digest = hashlib.sha256(address.strip().lower().encode("utf-8")).hexdigest()[:32]
    return f"decider-{digest}"


def sender_key(qid: str) -> str:
    return f"sender-{qid}"


class NoticeQueue:
    def __init__(self, spool: str | Path) -> None:
        self.dir = Path(spool) / "notices"
        self.tmp = Path(spool) / "tmp"
        for d in (self.dir, self.tmp):
            d.mkdir(parents=True, exist_ok=True, mode=0o700)

    def _path(self, key: str) -> Path:
        return self.dir / f"{key}.json"

    def put(self, key: str, notice: dict[str, Any]) -> None:
        """Keeps `notice` under `key` (replacing one waiting there). Raises OSError."""
        atomic_write(self._path(key), json.dumps(notice).encode("utf-8"), self.tmp)

    def waiting(self, key: str) -> dict[str, Any] | None:
        """The notice waiting under `key`, or None."""
        try:
            return json.loads(self._path(key).read_text("utf-8"))
        except (OSError, ValueError):
            return None

    def has(self, key: str) -> bool:
        """Whether a notice under `key` is waiting or being sent (by any process)."""
        return self._path(key).exists() or any(self.dir.glob(f"{key}.sending-*"))

    def pending(self) -> list[Path]:
        return sorted(self.dir.glob("*.json"))

    def take(self, path: Path) -> tuple[Path, dict[str, Any]] | None:
        """Takes a waiting notice for sending: (the taken file, the notice), or None when another
        process took it first (or it is unreadable: then set aside for a person to look at)."""
        taken = path.with_name(f"{path.stem}.sending-{secrets.token_hex(4)}")
        try:
            os.rename(path, taken)
        except FileNotFoundError:
            return None
        now = time.time()
        os.utime(taken, (now, now))  # its age counts from now (see `recover`)
        try:
            notice = json.loads(taken.read_text("utf-8"))
            if not isinstance(notice, dict):
                raise ValueError("not an object")
        except (OSError, ValueError):
            log.error("notice %s is unreadable; left for a person to look at", path.name)
            taken.rename(path.with_suffix(".unreadable"))
            return None
        return taken, notice

    def done(self, taken: Path) -> None:
        taken.unlink(missing_ok=True)

    def give_back(self, taken: Path) -> None:
        """Puts a taken notice back, unless a newer one for the same key is waiting."""
        key = taken.name.split(".sending-", 1)[0]
        try:
            os.link(taken, self._path(key))
        except FileExistsError:
            pass  # a newer notice replaced it
        except OSError:
            log.exception("notice %s could not be put back", key)
            return
        taken.unlink(missing_ok=True)

    def recover(self, *, older_than: float) -> int:
        """Puts back notices a process took more than `older_than` seconds ago and never
        finished (it died while sending); how many."""
        back = 0
        limit = time.time() - older_than
        for taken in self.dir.glob("*.sending-*"):
            try:
                if taken.stat().st_mtime < limit:
                    self.give_back(taken)
                    back += 1
            except FileNotFoundError:
                continue
        return back


# --- notices owed after a crash ------------------------------------------------------------------


class OwedNotices:
    """Which held messages' notices are settled (sent, or kept in the queue above), so that a
    gateway that died before its notice thread reached a message tells its people at the next
    start or tick (at least once; after a crash, possibly twice).

    Nothing is written on the message's path beyond what is durable already: the quarantine's
    metadata, written before the 250, carries `notices_by`, this process's token (random hex).
    Once the notice thread has settled a message, its id is appended to this process's log,
    `<spool>/notices-owed/<token>.told` (one line, one write to a file kept open, no fsync: a
    line lost in a power cut means one notice twice, never one lost). A held message whose
    metadata has `notices_by` and whose id is in no log is owed its notices, unless its owner
    is alive (then it is in that process's memory, or that process retries it itself).

    Alive means: the owner holds an exclusive `flock` on `<spool>/notices-owed/<token>.lock` for
    as long as it runs; the kernel drops the lock when the process dies, even by SIGKILL.
    Another process that gets the lock of a dead owner is the only one recovering that owner's
    messages until it lets go (two processes starting at once: one gets it, the other skips
    it); once everything of that owner is settled it copies the dead log's lines of messages
    still in the quarantine into its own log and deletes the dead one's files (so the logs
    stay one per live process, compacted at each restart).

    Messages held with notices off (no `notices_by`: also those held before this existed) are
    owed nothing: they are logged at the first scan that reads them, and never read again.
    Logs are read incrementally (each scan reads only what was appended since the last).
    """

    def __init__(self, spool: str | Path, quarantine_dir: Path) -> None:
        self.quarantine_dir = quarantine_dir
        self.dir = Path(spool) / "notices-owed"
        self.dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.token = secrets.token_hex(8)
        self._lock_fd: int | None = None
        self._log_fd: int | None = None
        # The ids in every log, and how far each log was read: path -> (inode, offset).
        self._told: set[str] = set()
        self._read_to: dict[str, tuple[int, int]] = {}
        # The held messages' ids at the last scan.
        self._held: set[str] = set()
        # Per message not yet logged: its owner's token ("" when it owes nothing), read once.
        self._owner: dict[str, str] = {}

    # The owner's side.

    def start(self) -> None:
        """Takes this process's own lock (held until `close`) and opens its log."""
        for _ in range(3):
            self._lock_fd = self._lock(self.token)
            if self._lock_fd is not None:
                break
            # Another process's scan took the new file in the instant before us: a new token.
            self.token = secrets.token_hex(8)
        else:
            raise OSError(f"could not lock a file in {self.dir}")
        self._log_fd = os.open(
            self.dir / f"{self.token}.told", os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600
        )

    def close(self) -> None:
        for fd in (self._log_fd, self._lock_fd):
            if fd is not None:
                os.close(fd)
        self._log_fd = self._lock_fd = None

    def mark(self, *qids: str) -> bool:
        """Records that the notices of `qids` are settled (one append to this process's log)."""
        try:
            if self._log_fd is None:
                raise OSError("notice log not open")
            data = "".join(f"{q}\n" for q in qids).encode("ascii")
            if os.write(self._log_fd, data) != len(data):
                raise OSError("short write")
        except OSError:
            log.exception("held message(s) %s: notices settled, but not logged", ",".join(qids))
            return False
        self._told.update(qids)
        return True

    # Any process's scan.

    def _lock(self, token: str) -> int | None:
        """An exclusive non-blocking flock on `token`'s lock file (made if missing): the fd, or
        None when another process holds it (it is alive, or recovering it)."""
        import fcntl

        path = self.dir / f"{token}.lock"
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            # Still the file at that name (not one another process deleted meanwhile)?
            if os.fstat(fd).st_ino != os.stat(path).st_ino:
                raise BlockingIOError
        except OSError:
            os.close(fd)
            return None
        return fd

    def _refresh(self) -> set[str]:
        """Reads what every log gained since the last call; the ids in any log."""
        seen = set()
        for entry in os.scandir(self.dir):
            if not entry.name.endswith(".told"):
                continue
            seen.add(entry.name)
            try:
                st = entry.stat()
            except FileNotFoundError:
                continue
            inode, offset = self._read_to.get(entry.name, (st.st_ino, 0))
            if inode != st.st_ino or st.st_size < offset:
                offset = 0
            if st.st_size == offset:
                self._read_to[entry.name] = (st.st_ino, offset)
                continue
            try:
                with open(entry.path, "rb") as fh:
                    fh.seek(offset)
                    data = fh.read()
            except FileNotFoundError:
                continue
            end = data.rfind(b"\n") + 1  # whole lines only (one being written waits)
            self._told.update(data[:end].decode("ascii", "replace").split())
            self._read_to[entry.name] = (st.st_ino, offset + end)
        for gone in set(self._read_to) - seen:
            del self._read_to[gone]
        return self._told

    def is_marked(self, qid: str) -> bool:
        return qid in self._told or qid in self._refresh()

    def owed(self, *, in_flight: frozenset[str] | set[str] | None = None) -> dict[str, list[str]]:
        """The held messages owed their notices, by owner token (oldest id first), not counting
        `in_flight` (this process's messages its notice thread has yet to reach). Messages
        that owe nothing are logged on the way. Reads a message's metadata only while it is in
        no log, and then once."""
        names = os.listdir(self.quarantine_dir)
        # Copied after the folder is listed: the owner adds a message to `in_flight` before
        # writing its metadata, and logs it before taking it out, so a message listed here is
        # in the copy or in a log read below.
        flying = frozenset(in_flight or ())
        held = {n[:-5] for n in names if n.endswith(".json")}
        told = self._refresh()
        # Ids listed before and gone now (purged) never come back; one not listed yet may be a
        # message held since the folder was read, already logged: kept.
        told -= self._held - held
        self._held = held
        by_owner: dict[str, list[str]] = {}
        unmarked = held - told - flying
        for qid in list(self._owner):
            if qid not in unmarked:
                del self._owner[qid]
        nothing_owed = []
        for qid in sorted(unmarked):
            owner = self._owner.get(qid)
            if owner is None:
                owner = self._read_owner(qid)
                if owner is None:
                    continue
                self._owner[qid] = owner
            if not owner:
                nothing_owed.append(qid)
                continue
            by_owner.setdefault(owner, []).append(qid)
        if nothing_owed and self.mark(*nothing_owed):
            for qid in nothing_owed:
                del self._owner[qid]
        return by_owner

    def _read_owner(self, qid: str) -> str | None:
        """`notices_by` of a held message, "" when it owes nothing (notices off, or no longer
        held), None when unreadable now (tried again at the next scan)."""
        try:
            meta = json.loads((self.quarantine_dir / f"{qid}.json").read_text("utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(meta, dict) or meta.get("status", "held") != "held":
            return ""
        return str(meta.get("notices_by") or "")

    def take_owner(self, token: str) -> int | None:
        """The lock of a dead owner (this process now recovers its messages), or None when
        it is alive or another process is recovering it."""
        if token == self.token or not token.isalnum():
            return None
        return self._lock(token)

    def other_owners(self) -> list[str]:
        """Tokens of the lock files in the folder other than this process's own."""
        return sorted(
            p.name[:-5]
            for p in self.dir.iterdir()
            if p.name.endswith(".lock") and p.name[:-5] != self.token
        )

    def release_owner(self, token: str, fd: int, *, settled: bool) -> None:
        """Lets go of a dead owner's lock; once all it owed is settled, its log's lines of
        messages still held are copied to this process's log and its files deleted."""
        try:
            if settled and self._log_fd is not None:
                dead_log = self.dir / f"{token}.told"
                try:
                    lines = dead_log.read_text("ascii", "replace").split()
                except FileNotFoundError:
                    lines = []
                keep = [q for q in dict.fromkeys(lines) if q in self._held]
                if not keep or self.mark(*keep):
                    dead_log.unlink(missing_ok=True)
                    (self.dir / f"{token}.lock").unlink(missing_ok=True)
        finally:
            os.close(fd)
