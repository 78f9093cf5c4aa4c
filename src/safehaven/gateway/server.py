"""The SMTP gateway: receive, check off the event loop, then relay, hold or reject.

It answers 250 only after the message is relayed (allow/warn) or durably in the quarantine (hold).
A relay that is down or answers 4xx gives the client a 451, so the sending mail server keeps the
message in its own queue and retries (the gateway keeps no retry queue of its own: see
docs/email.md). A block is a 550 naming the rule and what the sender should do.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import logging
import multiprocessing
import os
import re
import secrets
import threading
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from safehaven.core.email import PolicyError, check_message, load_policy
from safehaven.core.email.addresses import split_address
from safehaven.core.email.policy import Policy
from safehaven.gateway.records import SqliteDirectory, open_directory
from safehaven.gateway.relay import (
    RelayPool,
    normalise_line_endings,
    relay,
    with_verdict_header,
)
from safehaven.gateway.sinks import (
    DisclosureEntry,
    JsonlNearMissSink,
    JsonlRegisterSink,
    NearMissEntry,
    NearMissSink,
    RegisterSink,
    utc_now,
)
from safehaven.gateway.smtpd import BulkDataController
from safehaven.gateway.spool import Quarantine

log = logging.getLogger("safehaven.gateway")

# --- the check, run in a worker process or thread ----------------------------------------------

_WORKER: dict[str, Any] = {}


def _mtime(path: str | None) -> float:
    if path is None:
        return 0.0
    try:
        return os.stat(path).st_mtime
    except OSError:
        return 0.0


def _init_policy(policy_path: str | None) -> None:
    _WORKER["policy_path"] = policy_path
    _WORKER["policy_mtime"] = _mtime(policy_path)
    _WORKER["policy"] = load_policy(policy_path)


def _init_worker(policy_path: str | None, directory_path: str) -> None:
    _init_policy(policy_path)
    _WORKER["directory"] = SqliteDirectory(directory_path)


def _current_policy() -> Policy:
    """The policy, re-read when its file changed (the transport refresher rewrites it).

    A file that has become unreadable keeps the last good policy in force.
    """
    path = _WORKER.get("policy_path")
    mtime = _mtime(path)
    if path is not None and mtime != _WORKER.get("policy_mtime"):
        try:
            _WORKER["policy"] = load_policy(path)
            _WORKER["policy_mtime"] = mtime
        except (PolicyError, OSError):
            log.error("policy file changed but cannot be read; keeping the previous policy")
    return _WORKER["policy"]


def check_raw(raw: bytes, sender: str, recipients: Sequence[str]) -> dict[str, Any]:
    """The verdict on one message as plain data (picklable, no message text)."""
    result = check_message(
        raw,
        policy=_current_policy(),
        directory=_WORKER["directory"],
        sender=sender,
        recipients=list(recipients),
        offer_rewrites=False,
    )
    out = result.as_dict()
    out.pop("desensitised_body", None)
    out.pop("stripped_trail_body", None)
    return out


def _warm() -> bool:
    check_raw(b"From: a@example.org\r\nTo: b@example.org\r\n\r\nHello\r\n", "a@example.org", [])
    return True


# --- configuration ----------------------------------------------------------------------------


def parse_hostport(value: str, *, what: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536:
        raise ValueError(f"{what} {value!r} is not HOST:PORT (e.g. 127.0.0.1:10025)")
    return host.strip("[]") or "127.0.0.1", int(port)


@dataclass
class GatewayConfig:
    listen: tuple[str, int]
    relay: tuple[str, int]
    spool: Path
    policy_path: str | None = None
    directory_path: str | None = None
    executor: str = "process"  # "process" | "thread"
    workers: int = 2
    check_timeout: float = 120.0
    max_message_bytes: int = 32 * 1024 * 1024
    relay_timeout: float = 60.0
    register_path: Path | None = None
    near_miss_path: Path | None = None
    # When set, the sender of a held message is told (from this address) that it waits for
    # review; with an after-queue filter they would otherwise never know.
    notify_from: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)


_MESSAGE_ID = re.compile(rb"^message-id:[ \t]*(<[^>\r\n]{1,250}>)", re.I | re.M)


def message_id(raw: bytes) -> str:
    """The Message-ID from the header block, or "" (read from bytes: no full parse needed)."""
    head = raw.split(b"\r\n\r\n", 1)[0]
    m = _MESSAGE_ID.search(head)
    return m.group(1).decode("ascii", "replace") if m else ""


def _reply_text(text: str, limit: int = 400) -> str:
    """One SMTP reply line: ASCII, no CR/LF (a finding must never inject a reply line)."""
    clean = " ".join(text.replace("\r", " ").replace("\n", " ").split())
    clean = clean.encode("ascii", "replace").decode("ascii")
    return clean[:limit]


# --- the handler ------------------------------------------------------------------------------


class GatewayHandler:
    def __init__(
        self,
        *,
        config: GatewayConfig,
        policy: Policy,
        directory: SqliteDirectory,
        quarantine: Quarantine,
        register: RegisterSink,
        near_miss: NearMissSink,
    ) -> None:
        self.config = config
        self.policy = policy
        self.directory = directory
        self.quarantine = quarantine
        self.register = register
        self.near_miss = near_miss
        self.relay_pool = RelayPool(
            config.relay[0], config.relay[1], timeout=config.relay_timeout, size=16
        )
        self._pool_lock = threading.Lock()
        _init_policy(config.policy_path)  # this process's copy, for recipients' domains
        self.pool = self._new_pool()
        self.counts: dict[str, int] = {}

    def _new_pool(self) -> concurrent.futures.Executor:
        args = (self.config.policy_path, str(self.directory.path))
        if self.config.executor == "thread":
            _init_worker(*args)
            return concurrent.futures.ThreadPoolExecutor(
                max_workers=self.config.workers, thread_name_prefix="safehaven-check"
            )
        return concurrent.futures.ProcessPoolExecutor(
            max_workers=self.config.workers,
            mp_context=multiprocessing.get_context("forkserver"),
            initializer=_init_worker,
            initargs=args,
        )

    def warm_up(self) -> None:
        """Loads the engine in every worker before the first message arrives."""
        futures = [self.pool.submit(_warm) for _ in range(self.config.workers * 2)]
        for f in futures:
            f.result(timeout=120)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.relay_pool.close()

    def _restart_pool(self, broken: concurrent.futures.Executor) -> None:
        with self._pool_lock:
            if self.pool is broken:
                log.error("check workers died; starting new ones")
                self.pool = self._new_pool()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: ANN001
        if len(envelope.rcpt_tos) >= 500:
            return "452 4.5.3 Too many recipients"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: ANN001
        cid = secrets.token_hex(8)
        raw = normalise_line_endings(bytes(envelope.original_content or envelope.content or b""))
        sender = str(envelope.mail_from or "")
        rcpts = [str(r) for r in envelope.rcpt_tos]
        loop = asyncio.get_running_loop()
        pool = self.pool
        try:
            res = await asyncio.wait_for(
                loop.run_in_executor(pool, check_raw, raw, sender, rcpts),
                timeout=self.config.check_timeout,
            )
        except Exception as exc:  # noqa: BLE001 - whatever happens, a verdict is reached
            if isinstance(exc, BrokenProcessPool):
                self._restart_pool(pool)
            reason = (
                "the check took too long"
                if isinstance(exc, TimeoutError)
                else f"the check failed ({type(exc).__name__})"
            )
            res = {
                "verdict": "hold",
                "findings": [
                    {
                        "rule": "EMAIL-1",
                        "severity": "hold",
                        "message": f"{reason}: held for an authoriser to look at.",
                    }
                ],
                "policy_version": self.policy.version,
                "classification": "none",
                "special_categories": [],
                "service_users": [],
            }
        verdict = res["verdict"]
        self.counts[verdict] = self.counts.get(verdict, 0) + 1
        rules = tuple(dict.fromkeys(f["rule"] for f in res["findings"]))
        log.info("message %s verdict=%s rules=%s", cid, verdict, ",".join(rules))
        if verdict == "block":
            return await self._block(cid, res, sender, rcpts, rules)
        if verdict == "hold":
            return await self._hold(cid, raw, res, sender, rcpts, rules)
        return await self._relay(cid, raw, res, sender, rcpts)

    def _near_miss(self, cid, event, res, sender, rcpts, rules, qid="") -> None:  # noqa: ANN001
        worst = [f for f in res["findings"] if f["severity"] in {"block", "hold", "warn"}]
        self.near_miss.near_miss_record(
            entry=NearMissEntry(
                correlation_id=cid,
                at=utc_now(),
                event=event,
                sender=sender,
                recipients=tuple(rcpts),
                verdict=res["verdict"],
                rules=rules,
                messages=tuple(f["message"] for f in worst),
                policy_version=res["policy_version"],
                quarantine_id=qid,
            )
        )

    async def _block(self, cid, res, sender, rcpts, rules) -> str:  # noqa: ANN001
        try:
            await asyncio.to_thread(self._near_miss, cid, "blocked", res, sender, rcpts, rules)
        except OSError:
            log.exception("message %s: near-miss log not written", cid)
        first = next(f for f in res["findings"] if f["severity"] == "block")
        return _reply_text(
            f"550 5.7.1 SafeHaven blocked this message ({first['rule']}): {first['message']} "
            "Change the message or its recipients and send it again; ask your DPO if unsure."
        )

    async def _hold(self, cid, raw, res, sender, rcpts, rules) -> str:  # noqa: ANN001
        meta = {
            "correlation_id": cid,
            "sender": sender,
            "recipients": rcpts,
            "external_recipients": self._external(rcpts),
            "verdict": res["verdict"],
            "rules": list(rules),
            "findings": res["findings"],
            "policy_version": res["policy_version"],
            "classification": res.get("classification", "none"),
            "special_categories": res.get("special_categories", []),
            "service_user_ids": [s["id"] for s in res.get("service_users", [])],
            "message_id": message_id(raw),
            "size": len(raw),
        }
        try:
            qid = await asyncio.to_thread(self.quarantine.store, raw, meta)
        except OSError:
            log.exception("message %s: quarantine store failed", cid)
            return "451 4.3.0 SafeHaven could not store the message for review; try again later"
        try:
            await asyncio.to_thread(self._near_miss, cid, "held", res, sender, rcpts, rules, qid)
        except OSError:
            log.exception("message %s: near-miss log not written", cid)
        if self.config.notify_from and sender:
            await asyncio.to_thread(self._notify_held, cid, qid, res, sender, rcpts)
        return _reply_text(
            f"250 2.0.0 Held by SafeHaven for an authoriser to review ({', '.join(rules)}); "
            f"quarantine id {qid}"
        )

    def _notify_held(self, cid, qid, res, sender, rcpts) -> None:  # noqa: ANN001
        """Best effort: a failed notice is logged; the message itself is already safe."""
        from email.message import EmailMessage
        from email.policy import SMTP

        notice = EmailMessage()
        notice["From"] = self.config.notify_from
        notice["To"] = sender
        notice["Subject"] = "Your email is held for review"
        notice["Auto-Submitted"] = "auto-generated"
        lines = [
            f"Your message to {', '.join(rcpts)} has not been sent yet. An authoriser will "
            "release or reject it.",
            "",
            "Why:",
            *[
                f"- {f['rule']}: {f['message']}"
                for f in res["findings"]
                if f["severity"] in {"hold", "block"}
            ],
            "",
            f"Reference: {qid}",
        ]
        notice.set_content("\n".join(lines))
        out = relay(
            notice.as_bytes(policy=SMTP),
            sender="",
            recipients=[sender],
            host=self.config.relay[0],
            port=self.config.relay[1],
            timeout=self.config.relay_timeout,
        )
        if not out.ok:
            log.warning("message %s: hold notice not sent (%s)", cid, out.code)

    def _external(self, rcpts: Sequence[str]) -> list[str]:
        return [r for r in rcpts if not _current_policy().is_internal(split_address(r)[1])]

    async def _relay(self, cid, raw, res, sender, rcpts) -> str:  # noqa: ANN001
        verdict = res["verdict"]
        header = f"{verdict}; policy={res['policy_version']}; id={cid}"
        out = await asyncio.to_thread(
            self.relay_pool.send, with_verdict_header(raw, header), sender=sender, recipients=rcpts
        )
        if not out.ok:
            log.warning("message %s: relay failed code=%s (%s)", cid, out.code, out.message)
            if out.temporary:
                return "451 4.4.1 SafeHaven could not reach the onward mail server; try again later"
            return _reply_text(f"{out.code} 5.0.0 The onward mail server refused the message")
        await asyncio.to_thread(self._after_relay, cid, res, sender, rcpts, message_id(raw))
        return f"250 2.0.0 Checked by SafeHaven ({verdict}) and relayed"

    def _after_relay(self, cid, res, sender, rcpts, msgid) -> None:  # noqa: ANN001
        try:
            if sender:
                self.directory.record_sent(sender=sender, addresses=rcpts)
        except Exception:  # noqa: BLE001 - history is advice; the mail has gone
            log.exception("message %s: send history not recorded", cid)
        external = self._external(rcpts)
        if res.get("service_users") and res.get("classification") != "none" and external:
            try:
                self.register.disclosure_record(
                    entry=DisclosureEntry(
                        correlation_id=cid,
                        at=utc_now(),
                        sender=sender,
                        recipients=tuple(external),
                        service_user_ids=tuple(s["id"] for s in res["service_users"]),
                        classification=res["classification"],
                        special_categories=tuple(res.get("special_categories", [])),
                        message_id=msgid,
                        verdict=res["verdict"],
                        policy_version=res["policy_version"],
                    )
                )
            except Exception:  # noqa: BLE001
                log.exception("message %s: REGISTER ENTRY NOT WRITTEN", cid)


class Gateway:
    """One gateway process: an aiosmtpd server in a thread plus the check workers."""

    def __init__(self, config: GatewayConfig) -> None:
        self.config = config
        config.spool.mkdir(parents=True, exist_ok=True)
        self.policy = load_policy(config.policy_path)
        self.directory = open_directory(
            config.directory_path, default=config.spool / "records.sqlite"
        )
        self.quarantine = Quarantine(config.spool)
        self.register = JsonlRegisterSink(config.register_path or config.spool / "register.jsonl")
        self.near_miss = JsonlNearMissSink(
            config.near_miss_path or config.spool / "near-miss.jsonl"
        )
        self.handler: GatewayHandler | None = None
        self.controller: BulkDataController | None = None

    def start(self) -> None:
        recovered = self.quarantine.recover()
        if recovered:
            log.warning("re-registered %d held messages whose metadata was lost", len(recovered))
        settings = {
            "relay": f"{self.config.relay[0]}:{self.config.relay[1]}",
            "register": str(self.register.path),
            "near_miss": str(self.near_miss.path),
            "policy": self.config.policy_path,
        }
        (self.config.spool / "gateway.json").write_text(json.dumps(settings, indent=1), "utf-8")
        self.handler = GatewayHandler(
            config=self.config,
            policy=self.policy,
            directory=self.directory,
            quarantine=self.quarantine,
            register=self.register,
            near_miss=self.near_miss,
        )
        self.handler.warm_up()
        self.controller = BulkDataController(
            self.handler,
            hostname=self.config.listen[0],
            port=self.config.listen[1],
            data_size_limit=self.config.max_message_bytes,
            ready_timeout=30,
        )
        self.controller.start()

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
        if self.handler is not None:
            self.handler.close()
            self.handler = None
