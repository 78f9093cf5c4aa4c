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

import contextlib
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
    metadata, written before the 250, carries `notices_by`, this process's token (a random hex
    string). After the notice thread has settled a message, an empty marker
    `<spool>/notices-owed/told/<quarantine id>` is created (no fsync: a marker lost in a power cut
    means one notice twice, never one lost). A held message whose metadata has `notices_by`
    and no marker is owed its notices, unless its owner is alive (then it is in that process's
    memory, or that process retries it itself).

    Alive means: the owner holds an exclusive `flock` on `<spool>/notices-owed/owners/<token>.lock`
    for as long as it runs; the kernel drops the lock when the process dies, even by SIGKILL.
    Another process that gets the lock of a dead owner is the only one recovering that owner's
    messages until it lets go (two processes starting at once: one gets it, the other skips
    it); when everything of that owner is settled it deletes the lock file.

    Messages held with notices off (no `notices_by`: also those held before this existed) are
    owed nothing: they are marked at the first scan that reads them, and never read again.
    """

    def __init__(self, spool: str | Path, quarantine_dir: Path) -> None:
        self.quarantine_dir = quarantine_dir
        self.told_dir = Path(spool) / "notices-owed" / "told"
        self.owners_dir = Path(spool) / "notices-owed" / "owners"
        for d in (self.told_dir, self.owners_dir):
            d.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.token = secrets.token_hex(8)
        self._fd: int | None = None
        # Per message not yet marked: its owner's token ("" when it owes nothing), read once.
        self._owner: dict[str, str] = {}

    # The owner's side.

    def start(self) -> None:
        """Takes this process's own lock (held until `close`)."""
        for _ in range(3):
            self._fd = self._lock(self.token, create=True)
            if self._fd is not None:
                return
            # Another process's scan took the new file in the instant before us: a new token.
            self.token = secrets.token_hex(8)
        raise OSError(f"could not lock a file in {self.owners_dir}")

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def mark(self, qid: str) -> bool:
        """Records that `qid`'s notices are settled (an empty file, no fsync)."""
        try:
            fd = os.open(self.told_dir / qid, os.O_WRONLY | os.O_CREAT, 0o600)
        except OSError:
            log.exception("held message %s: notices sent, but not marked as sent", qid)
            return False
        os.close(fd)
        return True

    # Any process's scan.

    def _lock(self, token: str, *, create: bool) -> int | None:
        """An exclusive non-blocking flock on `token`'s lock file (made if missing when
        `create`): the fd, or None when another process holds it (it is alive)."""
        import fcntl

        path = self.owners_dir / f"{token}.lock"
        flags = os.O_RDWR | (os.O_CREAT if create else 0)
        try:
            fd = os.open(path, flags, 0o600)
        except FileNotFoundError:
            return None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            # Still the file at that name (not one another process deleted meanwhile)?
            if os.fstat(fd).st_ino != os.stat(path).st_ino:
                raise BlockingIOError
        except OSError:
            os.close(fd)
            return None
        return fd

    def owed(self, *, in_flight: frozenset[str] | set[str] | None = None) -> dict[str, list[str]]:
        """The held messages owed their notices, by owner token (oldest id first), not counting
        `in_flight` (this process's messages its notice thread has yet to reach). Messages
        that owe nothing are marked on the way; markers of messages gone from the quarantine
        are deleted. Reads a metadata file only for a message with no marker, once."""
        names = os.listdir(self.quarantine_dir)
        flying = frozenset(in_flight or ())  # read after the folder: see GatewayHandler
        told = set(os.listdir(self.told_dir))
        held = {n[:-5] for n in names if n.endswith(".json")}
        for gone in told - held:
            with contextlib.suppress(OSError):
                (self.told_dir / gone).unlink()
        by_owner: dict[str, list[str]] = {}
        unmarked = held - told - flying
        for qid in list(self._owner):
            if qid not in unmarked:
                del self._owner[qid]
        for qid in sorted(unmarked):
            owner = self._owner.get(qid)
            if owner is None:
                owner = self._read_owner(qid)
                if owner is None:
                    continue
                self._owner[qid] = owner
            if not owner:
                self.mark(qid)
                del self._owner[qid]
                continue
            by_owner.setdefault(owner, []).append(qid)
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
        if token == self.token:
            return None
        return self._lock(token, create=True)

    def is_marked(self, qid: str) -> bool:
        return (self.told_dir / qid).exists()

    def other_owners(self) -> list[str]:
        """Tokens of lock files in the folder other than this process's own."""
        return sorted(
            p.name[:-5]
            for p in self.owners_dir.iterdir()
            if p.name.endswith(".lock") and p.name[:-5] != self.token
        )

    def release_owner(self, token: str, fd: int, *, settled: bool) -> None:
        """Lets go of a dead owner's lock; its file is deleted once all it owed is settled."""
        try:
            if settled:
                (self.owners_dir / f"{token}.lock").unlink(missing_ok=True)
        finally:
            os.close(fd)
