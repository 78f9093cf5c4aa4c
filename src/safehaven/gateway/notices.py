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
