"""Where the gateway gets its policy and records, and where it reports what happened.

Two backends with the same shape:

- `safehaven.email.gateway.DjangoBackend` (the product's default, `--records django`): the web
  app's database. The policy is the one the pre-send page uses (`email_policy()`), the directory
  is the records (`DjangoDirectory`), relayed disclosures go to the register, blocked and held
  mail to the DPO's near-miss log, and the quarantine is the folder the web UI reviews.
- `FilesBackend` here (`--records files`, a standalone gateway without the web app): a policy
  JSON file, a SQLite directory seeded from JSON (`gateway/records.py`) and JSONL sinks
  (`gateway/sinks.py`).

A backend object is pickled into each check worker (a forkserver process), where
`init_worker()` opens what the checks read; `open_sinks()` runs once in the gateway process.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from safehaven.core.email import PolicyError, load_policy
from safehaven.core.email.directory import Directory
from safehaven.core.email.policy import Policy
from safehaven.gateway.sinks import JsonlNearMissSink, JsonlRegisterSink, NearMissSink, RegisterSink

log = logging.getLogger("safehaven.gateway")


class SendHistory(Protocol):
    def record_sent(self, *, sender: str, addresses: Iterable[str]) -> None: ...


@dataclass
class Sinks:
    """What the gateway process writes to (each call runs in a thread, never on the loop)."""

    register: RegisterSink
    near_miss: NearMissSink
    history: SendHistory
    # Written beside the spool so `safehaven quarantine` and the web UI find the same places.
    settings: dict[str, Any]
    # `override_matched(**match)`: a relayed message matched to the sender's override of a
    # warning at the pre-send check (web app's database only).
    overrides: Any = None
    # `held_notice(qid=, meta=) -> HeldNotice | None`: who may decide a message just held and
    # where they decide it, for the notice the gateway sends them (web app's database only: a
    # standalone gateway knows no staff accounts).
    held_notice: Any = None
    # Where a sender reads why their mail is held and what was decided (the web app's "Your
    # held email" page), for the notice they get; "" for a standalone gateway.
    sender_page: str = ""


@dataclass(frozen=True, slots=True)
class HeldNotice:
    """The people to tell that a held message waits for their decision, and the link to it.
    Addresses and a link only: the notice carries nothing of the message."""

    addresses: tuple[str, ...]
    link: str


class Backend(Protocol):
    kind: str

    def init_worker(self) -> None: ...
    def policy(self) -> Policy: ...
    def directory(self) -> Directory: ...
    def before_check(self) -> None: ...
    def recover(self, error: str) -> bool: ...
    def override_for(
        self, *, sender: str, recipients: list[str], fingerprint: str
    ) -> dict[str, Any] | None: ...
    def open_sinks(self, spool: Path) -> Sinks: ...


def _mtime(path: str | None) -> float:
    if path is None:
        return 0.0
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


class FilesBackend:
    """A policy file, a SQLite directory and JSONL sinks in the spool (standalone gateway)."""

    kind = "files"

    def __init__(
        self,
        *,
        policy_path: str | None,
        directory_path: str,
        register_path: Path | None = None,
        near_miss_path: Path | None = None,
    ) -> None:
        self.policy_path = policy_path
        self.directory_path = directory_path
        self.register_path = register_path
        self.near_miss_path = near_miss_path
        self._policy: Policy | None = None
        self._policy_mtime = 0.0
        self._directory = None

    def __getstate__(self) -> dict:
        return {
            "policy_path": self.policy_path,
            "directory_path": self.directory_path,
            "register_path": self.register_path,
            "near_miss_path": self.near_miss_path,
        }

    def __setstate__(self, state: dict) -> None:
        self.__init__(**state)

    def init_worker(self) -> None:
        from safehaven.gateway.records import SqliteDirectory

        self._policy = load_policy(self.policy_path)
        self._policy_mtime = _mtime(self.policy_path)
        self._directory = SqliteDirectory(self.directory_path)

    def policy(self) -> Policy:
        """The policy, re-read when its file changed (the transport refresher rewrites it).

        A file that has become unreadable keeps the last good policy in force.
        """
        if self._policy is None:
            self.init_worker()
        mtime = _mtime(self.policy_path)
        if self.policy_path is not None and mtime != self._policy_mtime:
            try:
                self._policy = load_policy(self.policy_path)
                self._policy_mtime = mtime
            except (PolicyError, OSError):
                log.error("policy file changed but cannot be read; keeping the previous policy")
        assert self._policy is not None
        return self._policy

    def directory(self) -> Directory:
        if self._directory is None:
            self.init_worker()
        return self._directory  # type: ignore[return-value]

    def before_check(self) -> None:
        return None

    def recover(self, error: str) -> bool:
        return False

    def override_for(self, *, sender: str, recipients: list[str], fingerprint: str) -> None:
        """No pre-send check records overrides for a standalone gateway."""
        return None

    def open_sinks(self, spool: Path) -> Sinks:
        from safehaven.gateway.records import SqliteDirectory

        register = JsonlRegisterSink(self.register_path or spool / "register.jsonl")
        near_miss = JsonlNearMissSink(self.near_miss_path or spool / "near-miss.jsonl")
        return Sinks(
            register=register,
            near_miss=near_miss,
            history=SqliteDirectory(self.directory_path),
            settings={
                "records": "files",
                "register": str(register.path),
                "near_miss": str(near_miss.path),
                "policy": self.policy_path,
            },
        )


def files_backend(
    *,
    policy_path: str | None,
    directory_path: str | None,
    spool: Path,
    register_path: Path | None = None,
    near_miss_path: Path | None = None,
) -> FilesBackend:
    """A .json directory seed is loaded into the spool's SQLite file; a .sqlite path is used."""
    from safehaven.gateway.records import open_directory

    load_policy(policy_path)  # a bad policy file stops the start with its message
    directory = open_directory(directory_path, default=spool / "records.sqlite")
    return FilesBackend(
        policy_path=policy_path,
        directory_path=str(directory.path),
        register_path=register_path,
        near_miss_path=near_miss_path,
    )
