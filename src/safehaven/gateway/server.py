"""The SMTP gateway: receive, check off the event loop, then relay, hold or reject.

It answers 250 only after the message is relayed (allow/warn) or durably in the quarantine (hold).
A relay that is down or answers 4xx gives the client a 451, so the sending mail server keeps the
message in its own queue and retries (the gateway keeps no retry queue of its own: see
docs/email.md). A block is a 550 naming the rule and what the sender should do.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import gc
import json
import logging
import multiprocessing
import re
import threading
import time
import uuid
from collections.abc import Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from safehaven.core.email import check_message
from safehaven.core.email.addresses import split_address
from safehaven.gateway import reminders
from safehaven.gateway.backends import Backend, Sinks, files_backend
from safehaven.gateway.notices import NoticeQueue, OwedNotices, decider_key, sender_key
from safehaven.gateway.outbox import Outbox
from safehaven.gateway.relay import (
    RelayPool,
    normalise_line_endings,
    relay,
    with_verdict_header,
)
from safehaven.gateway.sinks import DisclosureEntry, NearMissEntry, utc_now
from safehaven.gateway.smtpd import NO_DOT_LINES, BulkDataController
from safehaven.gateway.spool import RETAIN_DECIDED_DAYS, Quarantine, QuarantineError

log = logging.getLogger("safehaven.gateway")

# A notice the relay did not take is kept (`gateway.notices`) and sent again at the next held
# message or tick, for at most this long; one whose message is no longer held is dropped.
NOTICE_KEEP_SECONDS = 24 * 3600.0
# After the relay refused or could not be reached, notices wait this long before the next try
# (a burst of held mail while the relay is down does not try it once per message).
NOTICE_RETRY_PAUSE = 30.0
# The retention purge (`GatewayConfig.retain_decided_days`) runs at the tick at most this often.
PURGE_EVERY = 3600.0

# --- the check, run in a worker process or thread ----------------------------------------------

_WORKER: dict[str, Any] = {}


# The cyclic garbage collector in a check worker process. The engine's tables and Django's
# state are tens of thousands of long-lived containers that every full collection walked again
# (~30-100 ms, about once every 40 messages: a message's latency doubled), and the default
# young-generation threshold (700) ran ~5 collections a message. After the first check (the
# warm-up) everything alive is frozen (never walked again) and the threshold is raised: cycles
# are still collected, just in fewer, larger batches.
GC_THRESHOLD = (10_000, 10, 10)


def tune_gc() -> None:
    """Freezes what is alive now and raises the young-generation threshold (a long-running
    process after its warm-up: a check worker, the `safehaven gateway` process)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLD)


def _init_worker(backend: Backend) -> None:
    backend.init_worker()
    _WORKER["backend"] = backend


def _init_process_worker(backend: Backend) -> None:
    """A check worker process (not the gateway's own threads): the GC is tuned after its
    first check."""
    _init_worker(backend)
    _WORKER["tune_gc"] = True


def check_raw(raw: bytes, sender: str, recipients: Sequence[str]) -> dict[str, Any]:
    """The verdict on one message as plain data (picklable, no message text).

    `external` lists the recipients outside the organisation by the same policy, so the gateway
    process itself never needs the policy (or the database) to decide what is a disclosure.
    """
    backend: Backend = _WORKER["backend"]
    backend.before_check()
    for attempt in range(2):
        policy = backend.policy()
        result = check_message(
            raw,
            policy=policy,
            directory=backend.directory(),
            sender=sender,
            recipients=list(recipients),
            offer_rewrites=False,
            # A warned message is looked up among the senders' overrides (below); a held or
            # blocked one among the drafts stopped at the pre-send check (its near miss).
            fingerprint_verdicts=("warn", "hold", "block"),
        )
        error = result.summary.get("error")
        # A database connection that broke (server restarted, file replaced): one more try on
        # a fresh one; otherwise the check's hold stands.
        if not error or attempt or not backend.recover(str(error)):
            break
    out = result.as_dict()
    out.pop("desensitised_body", None)
    out.pop("stripped_trail_body", None)
    out["external"] = [r for r in recipients if not policy.is_internal(split_address(r)[1])]
    if result.verdict == "warn" and result.fingerprint:
        out["override"] = _override(backend, sender, recipients, result)
    if result.verdict in {"hold", "block"}:
        out["fingerprint"] = result.fingerprint
        out["sketch"] = _presend_sketch(backend, raw, sender, result)
    if _WORKER.pop("tune_gc", False):
        tune_gc()
    return out


def _presend_sketch(backend: Backend, raw: bytes, sender: str, result) -> str:  # noqa: ANN001
    """The sketch of a held or blocked message (`safehaven.gateway.sketch`) when its sender has
    a draft stopped at the pre-send check within the last day (one small query), else "": the
    web app then links a draft changed after the check to its near miss. Advice only."""
    make = getattr(backend, "presend_sketch", None)
    if make is None:
        return ""
    try:
        return make(sender=sender, raw=raw, service_user_ids=[s.id for s in result.service_users])
    except Exception:  # noqa: BLE001 - the verdict stands; the near miss is just not linked
        log.exception("pre-send sketch failed")
        return ""


def _override(backend: Backend, sender: str, recipients: Sequence[str], result) -> Any:  # noqa: ANN001
    """The sender's recorded override of this warning at the pre-send check, if any:
    {"reference": "EO-<id>", "id": ..., "covered": whether it named every rule warned about}.
    Advice only: a failure to look is logged and the message goes as a plain warn."""
    look_up = getattr(backend, "override_for", None)
    if look_up is None:
        return None
    try:
        found = look_up(sender=sender, recipients=list(recipients), fingerprint=result.fingerprint)
    except Exception:  # noqa: BLE001 - the check's verdict stands either way
        log.exception("override look-up failed")
        return None
    if not found:
        return None
    warned = {f.rule for f in result.findings if f.severity.value == "warn"}
    return {**found, "covered": warned <= set(found.get("rules", ())), "warned": sorted(warned)}


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
    # "django": the web app's database (the `safehaven gateway` default); "files": a standalone
    # gateway with a policy file, a SQLite directory and JSONL logs (the options below).
    records: str = "files"
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
    # Threads for the blocking work of the gateway process: relaying, quarantine writes and
    # database writes. Never the event loop.
    io_threads: int = 16
    # How often entries the database could not take are handed to it again (seconds).
    outbox_interval: float = 30.0
    # With `notify_from`, the people who may decide a held message are told it waits (web app's
    # database only), each at most once in this many seconds: the notice links the message, and
    # the held-email list and the navigation's count show everything else waiting.
    decider_notice_interval: float = 600.0
    # Decided messages' bytes are removed this many days after the decision (0: kept for ever),
    # by a purge at the tick, at most once an hour (`PURGE_EVERY`), in a thread of its own.
    retain_decided_days: float = RETAIN_DECIDED_DAYS
    # With `notify_from`, each person who may decide held mail that is overdue (held longer than
    # SAFEHAVEN_HELD_OVERDUE_HOURS) is reminded at most once in this many hours (0: never).
    overdue_reminder_hours: float = reminders.OVERDUE_REMINDER_HOURS
    extra: dict[str, Any] = field(default_factory=dict)


def _notice_pace(interval: float) -> str:
    """The decider notice's sentence on how often it comes ("" when one comes for every held
    message)."""
    if interval <= 0:
        return ""
    minutes = max(1, round(interval / 60))
    return f"You get at most one notice every {minutes} minute{'s' if minutes != 1 else ''}. "


_MESSAGE_ID = re.compile(rb"^message-id:[ \t]*(<[^>\r\n]{1,250}>)", re.I | re.M)


def message_id(raw: bytes) -> str:
    """The Message-ID from the header block, or "" (read from bytes: no full parse needed)."""
    end = raw.find(b"\r\n\r\n")
    m = _MESSAGE_ID.search(raw, 0, end if end >= 0 else len(raw))
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
        backend: Backend,
        quarantine: Quarantine,
        sinks: Sinks,
        outbox: Outbox,
    ) -> None:
        self.config = config
        self.backend = backend
        self.quarantine = quarantine
        self.register = sinks.register
        self.near_miss = sinks.near_miss
        self.history = sinks.history
        self.overrides = sinks.overrides
        self.held_notice = sinks.held_notice
        self.sender_page = sinks.sender_page
        self._noticed: dict[str, float] = {}
        self._noticed_lock = threading.Lock()
        # Notices the relay did not take, and when it may be tried again (monotonic).
        self.notices = NoticeQueue(config.spool)
        self._relay_rest_until = 0.0
        # Held messages whose notices are owed after a crash (`gateway.notices.OwedNotices`):
        # this process's token goes in each held message's metadata; its notice thread marks
        # the message once its notices are sent or kept.
        self.owed: OwedNotices | None = None
        if config.notify_from:
            try:
                owed = OwedNotices(config.spool, quarantine.dir)
                owed.start()
                self.owed = owed
            except OSError as exc:
                # Notices as before this existed: sent or kept after the answer, lost by a crash.
                log.error(
                    "held-mail notices will not survive a crash: %s (%s)",
                    "their log in the spool could not be opened or locked",
                    type(exc).__name__,
                )
        # This process's held messages its notice thread has yet to settle (never scanned as
        # owed), senders already told of a message not yet marked, and notices neither sent
        # nor kept (a count: a notice lost that way leaves its message unmarked).
        self._in_flight: set[str] = set()
        self._sender_told: set[str] = set()
        self._notices_lost = 0
        self._recovery_queued = threading.Event()
        # Reminders of overdue held mail (`gateway.reminders`): the scan, at most once an hour.
        self.overdue_scan = reminders.OverdueScan(quarantine.dir)
        self.reminder_log = reminders.ReminderLog(config.spool)
        self._last_reminder_scan: float | None = None
        self.outbox = outbox
        self.policy_version = "unknown"
        self.relay_pool = RelayPool(
            config.relay[0], config.relay[1], timeout=config.relay_timeout, size=16
        )
        self.io = concurrent.futures.ThreadPoolExecutor(
            max_workers=config.io_threads, thread_name_prefix="safehaven-io"
        )
        # Quarantine metadata writes, started from an I/O thread that then waits for them.
        self.meta_io = concurrent.futures.ThreadPoolExecutor(
            max_workers=4, thread_name_prefix="safehaven-meta"
        )
        # Every notice, in one thread of its own: a relay that hangs holds up notices only,
        # never the threads that store and relay mail.
        self.notice_io = concurrent.futures.ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="safehaven-notice"
        )
        self._pool_lock = threading.Lock()
        self.pool = self._new_pool()
        self.counts: dict[str, int] = {}

    def _new_pool(self) -> concurrent.futures.Executor:
        if self.config.executor == "thread":
            _init_worker(self.backend)
            return concurrent.futures.ThreadPoolExecutor(
                max_workers=self.config.workers, thread_name_prefix="safehaven-check"
            )
        # forkserver: workers start from a clean process, not a fork of this one with its
        # threads (the SMTP server's loop, the I/O pool), and set Django up themselves.
        return concurrent.futures.ProcessPoolExecutor(
            max_workers=self.config.workers,
            mp_context=multiprocessing.get_context("forkserver"),
            initializer=_init_process_worker,
            initargs=(self.backend,),
        )

    def warm_up(self) -> None:
        """Loads the engine in every worker before the first message arrives."""
        futures = [self.pool.submit(_warm) for _ in range(self.config.workers * 2)]
        for f in futures:
            f.result(timeout=120)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.io.shutdown(wait=True)
        self.meta_io.shutdown(wait=True)
        self.notice_io.shutdown(wait=True)
        if self.owed is not None:
            self.owed.close()
        self.relay_pool.close()

    def _restart_pool(self, broken: concurrent.futures.Executor) -> None:
        with self._pool_lock:
            if self.pool is broken:
                log.error("check workers died; starting new ones")
                self.pool = self._new_pool()

    async def _io(self, fn, *args):  # noqa: ANN001, ANN202
        return await asyncio.get_running_loop().run_in_executor(self.io, fn, *args)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: ANN001
        if len(envelope.rcpt_tos) >= 500:
            return "452 4.5.3 Too many recipients"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: ANN001
        cid = uuid.uuid4().hex
        received = bytes(envelope.original_content or envelope.content or b"")
        raw = normalise_line_endings(received)
        # Known to hold no line starting with "." only when nothing was changed on receipt (a
        # bare LF made CRLF could start one).
        no_dot_lines = raw is received and getattr(envelope, NO_DOT_LINES, False) is True
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
                "policy_version": self.policy_version,
                "classification": "none",
                "special_categories": [],
                "service_users": [],
                "external": rcpts,
            }
        self.policy_version = res.get("policy_version") or self.policy_version
        verdict = res["verdict"]
        self.counts[verdict] = self.counts.get(verdict, 0) + 1
        rules = tuple(dict.fromkeys(f["rule"] for f in res["findings"]))
        log.info("message %s verdict=%s rules=%s", cid, verdict, ",".join(rules))
        if verdict == "block":
            return await self._block(cid, res, sender, rcpts, rules)
        if verdict == "hold":
            return await self._hold(cid, raw, res, sender, rcpts, rules)
        return await self._relay(cid, raw, res, sender, rcpts, no_dot_lines=no_dot_lines)

    def _record(self, entry: DisclosureEntry | NearMissEntry) -> str:
        """Writes an entry to its sink, else durably to the outbox ("db" or "outbox").

        Runs in an I/O thread. Raises OSError only when neither could take it.
        """
        try:
            if isinstance(entry, DisclosureEntry):
                self.register.disclosure_record(entry=entry)
            else:
                self.near_miss.near_miss_record(entry=entry)
            return "db"
        except Exception:  # noqa: BLE001 - database busy or down: keep it for later
            log.exception("message %s: entry kept in the outbox for later", entry.correlation_id)
        self.outbox.put(entry)
        return "outbox"

    def _near_miss_entry(self, cid, event, res, sender, rcpts, rules, qid=""):  # noqa: ANN001, ANN202
        worst = [f for f in res["findings"] if f["severity"] in {"block", "hold", "warn"}]
        return NearMissEntry(
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
            fingerprint=str(res.get("fingerprint") or ""),
            sketch=str(res.get("sketch") or ""),
        )

    async def _block(self, cid, res, sender, rcpts, rules) -> str:  # noqa: ANN001
        entry = self._near_miss_entry(cid, "blocked", res, sender, rcpts, rules)
        try:
            await self._io(self._record, entry)
        except OSError:
            log.exception("message %s: near-miss not recorded anywhere", cid)
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
            "external_recipients": list(res.get("external", rcpts)),
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
        if self.owed is not None:
            meta["notices_by"] = self.owed.token  # owed its notices until marked (OwedNotices)
        # One hop to an I/O thread for the store, the near-miss entry and the notice (each hop
        # is a thread wake-up and a loop wake-up on the message's path).
        qid = await self._io(self._hold_io, cid, raw, meta, res, sender, rcpts, rules)
        if qid is None:
            return "451 4.3.0 SafeHaven could not store the message for review; try again later"
        return _reply_text(
            f"250 2.0.0 Held by SafeHaven for an authoriser to review ({', '.join(rules)}); "
            f"quarantine id {qid}"
        )

    def _hold_io(self, cid, raw, meta, res, sender, rcpts, rules) -> str | None:  # noqa: ANN001
        """In an I/O thread: the quarantine store (None if it failed: nothing else is done),
        then the near-miss entry, then the notice to the sender."""
        try:
            qid = self.quarantine.store_message(raw)
        except OSError:
            log.exception("message %s: quarantine store failed", cid)
            return None
        if self.owed is not None:
            # Before its metadata exists: a scan that lists the metadata then sees it in flight.
            self._in_flight.add(qid)
        # Once the message is on disk, its metadata (two more fsyncs) and the near-miss entry
        # (a database transaction) do not depend on each other: written at the same time, the
        # metadata in a thread of its own pool (which never waits on anything, so this thread
        # can wait for it), both before the answer.
        meta_written = self.meta_io.submit(self.quarantine.store_meta, qid, meta)
        entry = self._near_miss_entry(cid, "held", res, sender, rcpts, rules, qid)
        try:
            self._record(entry)
        except OSError:
            # The message itself is safe in the quarantine, whose metadata says the same.
            log.exception("message %s: near-miss not recorded anywhere", cid)
        try:
            meta_written.result()
        except OSError:
            # As before, 451: the sender retries. The message file stays and is re-registered
            # as held at the next start (`Quarantine.recover`), where its near miss points.
            log.exception("message %s: quarantine store failed", cid)
            self._in_flight.discard(qid)
            return None
        if self.config.notify_from:
            # Off the message's path (after the answer, in the notice thread): the sender's
            # notice, database look-ups and a relay connection per person.
            self.notice_io.submit(self._notify_after_hold, cid, qid, meta, res, sender)
        return qid

    def _notify_after_hold(self, cid, qid, meta, res, sender) -> None:  # noqa: ANN001
        """In the notice thread: the notices waiting for the relay first (oldest first), then
        the sender's and the deciders' notices of this message, then its marker. Never raises:
        a message left unmarked is owed its notices (`recover_owed_notices`)."""
        try:
            self.retry_notices()
            self._settle(cid, qid, meta, res, sender, first=True)
        except Exception:  # noqa: BLE001 - notices are advice; the message is safe
            log.exception("message %s: notices not sent", cid)
        finally:
            self._in_flight.discard(qid)

    def _settle(self, cid, qid, meta, res, sender, *, first=False, recovering=None) -> bool:  # noqa: ANN001
        """The sender's and the deciders' notices of the held message `qid`, then its marker
        (`OwedNotices.mark`) once each is sent or kept. True when settled. Not `first` (a
        retry or a recovery): a sender already told, or whose notice is kept, is not told
        again. `recovering`: see `_notify_deciders`."""
        lost = self._notices_lost
        if sender and qid not in self._sender_told:
            if first or not self.notices.has(sender_key(qid)):
                self._notify_held(cid, qid, res, sender)
            if self._notices_lost == lost:
                self._sender_told.add(qid)
        deciders = 0
        if self.held_notice is not None:
            deciders = self._notify_deciders(cid, qid, meta, recovering=recovering)
        if deciders is None or self._notices_lost != lost:
            return False
        if self.owed is not None and self.owed.mark(qid):
            self._sender_told.discard(qid)
        return True

    def queue_owed_notices(self) -> None:
        """Asks the notice thread for a scan of owed notices (at most one queued at a time)."""
        if self.owed is None or self._recovery_queued.is_set():
            return
        self._recovery_queued.set()
        try:
            self.notice_io.submit(self.recover_owed_notices)
        except RuntimeError:  # stopping
            self._recovery_queued.clear()

    def recover_owed_notices(self) -> int:
        """In the notice thread (at start and at each tick): the notices of held messages that
        were never settled (`OwedNotices`): a dead process's (this process then holds its lock:
        nobody else sends them) and this process's own whose notices failed (not those its
        notice thread has yet to reach). How many messages were settled. Never raises."""
        self._recovery_queued.clear()
        if self.owed is None or not self.config.notify_from:
            return 0
        try:
            # The set itself, not a copy: `owed` copies it after listing the quarantine (a
            # message listed is then in it or already logged; a copy made before could miss
            # one held meanwhile, and its notices would go twice).
            by_owner = self.owed.owed(in_flight=self._in_flight)
            owners = sorted(set(by_owner) | set(self.owed.other_owners()))
        except OSError:
            log.exception("owed notices not looked for")
            return 0
        settled = 0
        for owner in owners:
            qids = by_owner.get(owner, [])
            if owner == self.owed.token:
                settled += self._settle_owed(qids, recovering=None)
                continue
            fd = self.owed.take_owner(owner)
            if fd is None:
                continue  # alive, or another process is recovering it
            done = 0
            try:
                if qids:
                    log.warning(
                        "%d held message(s) of a gateway that stopped before telling anyone: "
                        "their notices are sent now",
                        len(qids),
                    )
                done = self._settle_owed(qids, recovering=set())
            finally:
                self.owed.release_owner(owner, fd, settled=done == len(qids))
            settled += done
        return settled

    def _settle_owed(self, qids: list[str], *, recovering: set[str] | None) -> int:
        """Settles the owed messages `qids`, newest first (a decider told once in a recovery
        points at the newest); how many were settled (also those no longer held: nothing is
        owed)."""
        done = 0
        for qid in reversed(qids):
            try:
                if self.owed is None or self.owed.is_marked(qid):
                    done += 1  # settled meanwhile by the process that held this owner's lock
                    continue
                held = self.quarantine.get(qid)
                if held.status != "held":
                    done += self.owed.mark(qid)
                    continue
                meta = held.meta
                cid = str(meta.get("correlation_id") or qid)
                res = {"findings": list(meta.get("findings") or [])}
                sender = str(meta.get("sender") or "")
                done += self._settle(cid, qid, meta, res, sender, recovering=recovering)
            except QuarantineError:
                done += 1  # gone
            except Exception:  # noqa: BLE001 - tried again at the next tick
                log.exception("held message %s: owed notices not sent", qid)
        return done

    def queue_overdue_reminders(self) -> None:
        """At the tick: asks the notice thread for the overdue reminders, at most once every
        `reminders.REMINDER_SCAN_EVERY` seconds (only with notices on and deciders to tell)."""
        if (
            not self.config.notify_from
            or self.config.overdue_reminder_hours <= 0
            or self.held_notice is None
        ):
            return
        now = time.monotonic()
        last = self._last_reminder_scan
        if last is not None and now - last < reminders.REMINDER_SCAN_EVERY:
            return
        self._last_reminder_scan = now
        with contextlib.suppress(RuntimeError):  # stopping
            self.notice_io.submit(self.send_overdue_reminders)

    def send_overdue_reminders(self) -> int:
        """In the notice thread: each person who may decide at least one overdue held message
        (`reminders.OverdueScan`; the look-up `_notify_deciders` uses) gets one reminder listing
        how many wait for them, their references and links, nothing of the messages; at most
        once per `overdue_reminder_hours` (`reminders.ReminderLog`, in the spool). A reminder
        the relay does not take is kept and retried as any notice (`_send_or_keep`). How many
        were sent now. Never raises."""
        try:
            return self._send_overdue_reminders()
        except Exception:  # noqa: BLE001 - reminders are advice; tried again in an hour
            log.exception("overdue reminders not sent")
            return 0

    def _send_overdue_reminders(self) -> int:
        hours = reminders.overdue_hours()
        overdue = self.overdue_scan.overdue(hours=hours)
        if not overdue:
            return 0
        waiting: dict[str, tuple[str, list[tuple[str, str]]]] = {}
        for qid, meta in overdue:
            try:
                found = self.held_notice.held_notice(qid=qid, meta=meta)
            except Exception:  # noqa: BLE001 - the others are still reminded
                log.exception("held message %s: who decides it could not be looked up", qid)
                continue
            for address in found.addresses if found is not None else ():
                waiting.setdefault(address.lower(), (address, []))[1].append((qid, found.link))
        if not waiting:
            log.warning("%d overdue held message(s): nobody can decide them", len(overdue))
            return 0
        keys = {reminders.reminder_key(a): a for a in waiting}
        now = time.time()
        every = self.config.overdue_reminder_hours * 3600
        claimed = self.reminder_log.claim(list(keys), every=every, now=now)
        sent = 0
        for key, before in claimed.items():
            address, items = waiting[keys[key]]
            lost = self._notices_lost
            notice = {
                "what": "overdue reminder",
                "cid": items[0][0],
                "qid": items[0][0],
                "qids": [qid for qid, _ in items],
                "to": address,
                "subject": "Held email overdue for your review in SafeHaven",
                "lines": self._reminder_lines(items, hours),
                "kept_at": now,
            }
            sent += self._send_or_keep(key, notice)
            if self._notices_lost != lost:  # neither sent nor kept: the next scan tries again
                self.reminder_log.unclaim({key: before}, claimed_at=now)
        if claimed:
            log.info("overdue held mail: %d reminder(s), %d sent now", len(claimed), sent)
        return sent

    def _reminder_lines(self, items: list[tuple[str, str]], hours: float) -> list[str]:
        n = len(items)
        plural = n != 1
        lines = [
            f"{n} email{'s' if plural else ''} sent through SafeHaven's mail gateway "
            f"{'have' if plural else 'has'} been held for more than {hours:g} hours, waiting "
            f"for someone who may decide {'them' if plural else 'it'} to release or reject "
            f"{'them' if plural else 'it'}. You are one of the people who may.",
            "",
        ]
        for qid, link in items[: reminders.REMINDER_LISTED]:
            lines.append(f"Reference: {qid}  Open it: {link}")
        if n > reminders.REMINDER_LISTED:
            lines.append(f"... and {n - reminders.REMINDER_LISTED} more.")
        every = self.config.overdue_reminder_hours
        lines += [
            "",
            "This reminder says nothing of the messages themselves. You get at most one "
            f"reminder every {every:g} hour{'s' if every != 1 else ''}. The Held email page in "
            "SafeHaven lists every message waiting for you, the longest waiting first.",
        ]
        return lines

    def _notice(self, cid: str, to: str, subject: str, lines: list[str], what: str) -> bool:
        """One notice from `notify_from` to `to` through the relay, with a null sender (a
        notice never bounces back). True once the relay took it; a failure is logged (no
        address in the log) and the relay is rested for NOTICE_RETRY_PAUSE."""
        from email.message import EmailMessage
        from email.policy import SMTP

        notice = EmailMessage()
        notice["From"] = self.config.notify_from
        notice["To"] = to
        notice["Subject"] = subject
        notice["Auto-Submitted"] = "auto-generated"
        notice.set_content("\n".join(lines))
        out = relay(
            notice.as_bytes(policy=SMTP),
            sender="",
            recipients=[to],
            host=self.config.relay[0],
            port=self.config.relay[1],
            timeout=self.config.relay_timeout,
        )
        if not out.ok:
            log.warning("message %s: %s not sent (%s); kept to send later", cid, what, out.code)
            self._relay_rest_until = time.monotonic() + NOTICE_RETRY_PAUSE
        return out.ok

    def _relay_resting(self) -> bool:
        return time.monotonic() < self._relay_rest_until

    def _send_or_keep(self, key: str, notice: dict[str, Any]) -> bool:
        """Sends `notice` now unless the relay is resting; else (or when the relay does not take
        it) keeps it under `key` to send later (`retry_notices`). True when sent now. One
        neither sent nor kept is counted in `_notices_lost` (its message stays owed)."""
        if not self._relay_resting():
            try:
                if self._notice(
                    notice["cid"], notice["to"], notice["subject"], notice["lines"], notice["what"]
                ):
                    return True
            except Exception:  # noqa: BLE001 - kept and tried again later
                log.exception("message %s: %s not sent", notice["cid"], notice["what"])
                self._relay_rest_until = time.monotonic() + NOTICE_RETRY_PAUSE
        try:
            self.notices.put(key, notice)
        except OSError:
            log.exception("message %s: %s neither sent nor kept", notice["cid"], notice["what"])
            self._notices_lost += 1
        return False

    def retry_notices(self) -> int:
        """Sends the notices waiting for the relay (`gateway.notices`), oldest key first; stops
        at the first the relay does not take (it is probably still down). A notice whose
        message is no longer held, or older than NOTICE_KEEP_SECONDS, is dropped. A decider's
        notice sent late counts as sent now for the rate limit (`_sent_late`). Runs in the
        notice thread (at each held message and the gateway's tick). How many were sent."""
        if self._relay_resting() or not self.config.notify_from:
            return 0  # (notices kept by a run with --notify-from wait for one with it)
        sent = 0
        for path in self.notices.pending():
            got = self.notices.take(path)
            if got is None:
                continue
            taken, notice = got
            try:
                if not self._still_worth_sending(notice):
                    self.notices.done(taken)
                    continue
                ok = self._notice(
                    str(notice["cid"]), str(notice["to"]), str(notice["subject"]),
                    [str(x) for x in notice["lines"]], f"{notice['what']} (kept)",
                )  # fmt: skip
            except Exception:  # noqa: BLE001 - put back and tried again later
                log.exception("notice %s not sent", path.stem)
                self._relay_rest_until = time.monotonic() + NOTICE_RETRY_PAUSE
                ok = False
            if not ok:
                self.notices.give_back(taken)
                break
            self.notices.done(taken)
            sent += 1
            if notice.get("what") == "decider notice":
                self._sent_late(str(notice["cid"]), str(notice["to"]))
        return sent

    def _still_worth_sending(self, notice: dict[str, Any]) -> bool:
        if time.time() - float(notice.get("kept_at", 0)) > NOTICE_KEEP_SECONDS:
            log.warning("message %s: %s dropped after a day unsent", notice["cid"], notice["what"])
            return False
        for qid in notice.get("qids") or [notice["qid"]]:  # a reminder: any still held
            try:
                if self.quarantine.get(str(qid)).status == "held":
                    return True
            except (QuarantineError, OSError, ValueError):
                continue
        return False

    def _sent_late(self, cid: str, address: str) -> None:
        """A decider's notice that waited for the relay went now: the interval counts from now
        (in the database when the sink keeps the times, else in this process's memory)."""
        mark = getattr(self.held_notice, "notice_sent", None)
        if mark is not None:
            try:
                mark(addresses=[address])
                return
            except Exception as exc:  # noqa: BLE001 - the claim made when it was kept stands
                log.warning("message %s: notice time not written (%s)", cid, type(exc).__name__)
        with self._noticed_lock:
            self._noticed[address.lower()] = time.monotonic()

    def _due_for_notice(self, cid: str, addresses: tuple[str, ...]) -> list[str]:
        """Of `addresses`, those not told in the last `decider_notice_interval`, marked as told
        now: in the web app's database when the sink keeps the times (`claim_notices`: shared
        by every gateway process and kept over a restart), else in this process's memory (also
        when the database cannot be reached: a restart may then repeat a notice)."""
        interval = self.config.decider_notice_interval
        claim = getattr(self.held_notice, "claim_notices", None)
        if claim is not None:
            try:
                return list(claim(addresses=addresses, interval=interval))
            except Exception as exc:  # noqa: BLE001 - the notice is advice; fall back to memory
                # The error's type only: a database error's text can quote an address.
                log.warning(
                    "message %s: notice times not read from the database (%s); this process's "
                    "own used",
                    cid,
                    type(exc).__name__,
                )
        now = time.monotonic()
        with self._noticed_lock:
            due = [a for a in addresses if now - self._noticed.get(a.lower(), -1e18) >= interval]
            for a in due:
                self._noticed[a.lower()] = now
        return due

    def _notify_deciders(
        self, cid: str, qid: str, meta: dict, *, recovering: set[str] | None = None
    ) -> int | None:
        """Tells the people who may decide the held message `qid` that it waits for them: a
        link and the reference, nothing of the message (no sender, recipient, subject, text or
        rule). Each person at most once per `decider_notice_interval` (`_due_for_notice`).
        Returns how many were told; None when who decides it could not be looked up (the
        message stays owed: tried again at the next tick). Never raises: the message is
        already safe in the quarantine.

        `recovering` (the owner of `qid` died before its notices were settled): its claims
        may have been made for notices that never went, so each decider is told whatever the
        limit says, once per recovery pass (`recovering` collects the addresses told), unless
        a notice to them waits in the queue (it is pointed at this message instead)."""
        try:
            found = self.held_notice.held_notice(qid=qid, meta=meta)
        except Exception:  # noqa: BLE001 - the notice is advice; the hold stands
            log.exception("message %s: who decides it could not be looked up", cid)
            return None
        if found is None or not found.addresses:
            log.warning("message %s: nobody can decide it; no decider was told", cid)
            return 0
        due = self._due_for_notice(cid, found.addresses)
        forced: list[str] = []
        if recovering is not None:
            due = [a for a in due if a.lower() not in recovering]
            forced = [
                a
                for a in found.addresses
                if a not in due
                and a.lower() not in recovering
                and not self.notices.has(decider_key(a))
            ]
            recovering.update(a.lower() for a in (*due, *forced))
        lines = [
            "An email sent through SafeHaven's mail gateway is held until someone who may "
            "decide it releases or rejects it. You are one of the people who may.",
            "",
            f"Open it: {found.link}",
            f"Reference: {qid}",
            "",
            "This notice says nothing of the message itself. "
            f"{_notice_pace(self.config.decider_notice_interval)}The Held email page in "
            "SafeHaven lists every message waiting for you.",
        ]
        told = 0
        for address in (*due, *forced):
            notice = {
                "what": "decider notice",
                "cid": cid,
                "qid": qid,
                "to": address,
                "subject": "Email waiting for your review in SafeHaven",
                "lines": lines,
                "kept_at": time.time(),
            }
            sent = self._send_or_keep(decider_key(address), notice)
            told += sent
            if sent and address in forced:
                self._sent_late(cid, address)  # the interval counts from this notice
        # A person not due a notice now whose last one still waits for the relay: it is made to
        # point at this message, the newest (the older one may be decided before it goes).
        for address in set(found.addresses) - set(due) - set(forced):
            waiting = self.notices.waiting(decider_key(address))
            if waiting is not None and waiting.get("qid") != qid:
                try:
                    self.notices.put(
                        decider_key(address),
                        {**waiting, "cid": cid, "qid": qid, "lines": lines},
                    )
                except OSError:
                    log.exception("message %s: waiting decider notice not updated", cid)
        return told

    def _notify_held(self, cid, qid, res, sender) -> bool:  # noqa: ANN001
        """Tells the sender their message is held (True if sent now); one the relay does not
        take is kept and sent later (`retry_notices`). The notice leaves SafeHaven, so it
        carries no personal data: the rules that held it and the reference, not the recipients
        or the findings' messages (which name addresses, categories, a restriction's reason);
        those are on the sender's "Your held email" page."""
        rules = list(
            dict.fromkeys(f["rule"] for f in res["findings"] if f["severity"] in {"hold", "block"})
        )
        page = self.sender_page
        lines = [
            "Your email has not been sent yet. SafeHaven's mail gateway holds it until someone "
            "who may decide it (an authoriser or the DPO) releases or rejects it.",
            "",
            f"Held under: {', '.join(rules) or 'EMAIL-1'}",
            f"Reference: {qid}",
            "",
            f"Why it is held, and what is decided: {page}"
            if page
            else "Ask your DPO or an authoriser why it is held, giving the reference.",
            "",
            "This notice names no recipient and nothing of what the message says.",
        ]
        notice = {
            "what": "hold notice",
            "cid": cid,
            "qid": qid,
            "to": sender,
            "subject": "Your email is held for review",
            "lines": lines,
            "kept_at": time.time(),
        }
        return self._send_or_keep(sender_key(qid), notice)

    async def _relay(self, cid, raw, res, sender, rcpts, *, no_dot_lines=False) -> str:  # noqa: ANN001
        verdict = res["verdict"]
        header = f"{verdict}; policy={res['policy_version']}; id={cid}"
        override = res.get("override") or {}
        if override.get("reference"):
            header += f"; override={override['reference']}"
        relayed = with_verdict_header(raw, header, normalised=True)
        # One hop to an I/O thread for the relay and the writes after it.
        out, recorded = await self._io(
            self._relay_io, cid, relayed, res, sender, rcpts, message_id(raw), no_dot_lines
        )
        if not out.ok:
            log.warning("message %s: relay failed code=%s (%s)", cid, out.code, out.message)
            if out.temporary:
                return "451 4.4.1 SafeHaven could not reach the onward mail server; try again later"
            return _reply_text(f"{out.code} 5.0.0 The onward mail server refused the message")
        if not recorded:
            # Relayed, but the disclosure is neither in the register nor in the outbox: a 451
            # makes the sending server retry, so it is recorded then (delivered twice, at worst).
            return "451 4.3.0 SafeHaven could not record the message; try again later"
        return f"250 2.0.0 Checked by SafeHaven ({verdict}) and relayed"

    def _relay_io(self, cid, relayed, res, sender, rcpts, msgid, no_dot_lines=False):  # noqa: ANN001, ANN202
        """In an I/O thread: the relay, then (if it took the message) the history, override
        and register writes. (outcome, False) when the disclosure could not be recorded.

        `no_dot_lines` holds for `relayed` too: our header line and the removal of incoming
        X-SafeHaven-* header lines cannot start a line with "."."""
        out = self.relay_pool.send(
            relayed, sender=sender, recipients=rcpts, no_dot_lines=no_dot_lines
        )
        if not out.ok:
            return out, True
        try:
            self._after_relay(cid, res, sender, rcpts, msgid)
        except OSError:
            log.exception("message %s: REGISTER ENTRY NOT WRITTEN; asking for a retry", cid)
            return out, False
        return out, True

    def _after_relay(self, cid, res, sender, rcpts, msgid) -> None:  # noqa: ANN001
        try:
            if sender:
                self.history.record_sent(sender=sender, addresses=rcpts)
        except Exception:  # noqa: BLE001 - history is advice; the mail has gone
            log.exception("message %s: send history not recorded", cid)
        override = res.get("override") or {}
        if override.get("id") and self.overrides is not None:
            try:
                self.overrides.override_matched(
                    override_id=override["id"],
                    correlation_id=cid,
                    message_id=msgid,
                    verdict=res["verdict"],
                    rules=override.get("warned", []),
                    covered=bool(override.get("covered")),
                )
            except Exception:  # noqa: BLE001 - the link is also in the register entry, if any
                log.exception("message %s: override match not recorded", cid)
        external = list(res.get("external", rcpts))
        if res.get("service_users") and res.get("classification") != "none" and external:
            self._record(
                DisclosureEntry(
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
                    override=str(override.get("reference", "")),
                )
            )


class Gateway:
    """One gateway process: an aiosmtpd server in a thread plus the check workers."""

    def __init__(self, config: GatewayConfig, *, backend: Backend | None = None) -> None:
        self.config = config
        config.spool.mkdir(parents=True, exist_ok=True)
        if backend is None:
            if config.records == "django":
                from safehaven.email.gateway import DjangoBackend

                backend = DjangoBackend()
            else:
                backend = files_backend(
                    policy_path=config.policy_path,
                    directory_path=config.directory_path,
                    spool=config.spool,
                    register_path=config.register_path,
                    near_miss_path=config.near_miss_path,
                )
        self.backend = backend
        self.quarantine = Quarantine(config.spool)
        self.outbox = Outbox(config.spool)
        self.sinks = backend.open_sinks(config.spool)
        self.register = self.sinks.register
        self.near_miss = self.sinks.near_miss
        self.handler: GatewayHandler | None = None
        self.controller: BulkDataController | None = None
        self._stop = threading.Event()
        self._drainer: threading.Thread | None = None
        self._purger: threading.Thread | None = None
        self._last_purge: float | None = None

    def drain_outbox(self) -> tuple[int, int]:
        return self.outbox.drain(register=self.register, near_miss=self.near_miss)

    def _maybe_purge(self) -> None:
        """At the tick: the retention purge, at most once an hour and never two at once, in a
        thread of its own (it takes a message's lock only while it removes that message)."""
        if self.config.retain_decided_days <= 0 or (
            self._purger is not None and self._purger.is_alive()
        ):
            return
        now = time.monotonic()
        if self._last_purge is not None and now - self._last_purge < PURGE_EVERY:
            return
        self._last_purge = now
        self._purger = threading.Thread(target=self._purge, name="safehaven-purge", daemon=True)
        self._purger.start()

    def _purge(self) -> None:
        try:
            done = self.quarantine.purge(older_than_days=self.config.retain_decided_days)
        except (OSError, QuarantineError) as exc:
            log.warning("retention purge failed (%s); tried again in an hour", type(exc).__name__)
            return
        if done.count or done.finished or done.skipped:
            log.info(
                "retention: content of %d decided messages removed (older than %g days; "
                "%d interrupted purges finished, %d skipped)",
                done.count,
                self.config.retain_decided_days,
                len(done.finished),
                len(done.skipped),
            )

    def _drain_loop(self) -> None:
        while not self._stop.wait(self.config.outbox_interval):
            self._maybe_purge()
            if self.outbox.pending():
                self.drain_outbox()
            handler = self.handler
            if handler is not None and handler.notices.pending():
                # In the notice thread, one pass at a time.
                with contextlib.suppress(RuntimeError):  # stopping
                    handler.notice_io.submit(handler.retry_notices)
            if handler is not None:
                handler.queue_owed_notices()  # held messages whose notices a crash lost
                handler.queue_overdue_reminders()  # at most once an hour

    def start(self) -> None:
        recovered = self.quarantine.recover()
        if recovered:
            log.warning("re-registered %d held messages whose metadata was lost", len(recovered))
        written, waiting = self.drain_outbox()
        if written or waiting:
            log.warning("outbox at start: %d entries written, %d still waiting", written, waiting)
        settings = {
            "relay": f"{self.config.relay[0]}:{self.config.relay[1]}",
            # For `safehaven quarantine purge` and the held-email page.
            "retain_decided_days": self.config.retain_decided_days,
            **self.sinks.settings,
        }
        (self.config.spool / "gateway.json").write_text(json.dumps(settings, indent=1), "utf-8")
        self.handler = GatewayHandler(
            config=self.config,
            backend=self.backend,
            quarantine=self.quarantine,
            sinks=self.sinks,
            outbox=self.outbox,
        )
        self.handler.warm_up()
        self._warn_deciders_without_address()
        # Notices a process was sending when it stopped (it may have sent one: at worst twice).
        self.handler.notices.recover(older_than=2 * self.config.relay_timeout + 60)
        # Held messages whose notices a process that died never sent nor kept (OwedNotices).
        self.handler.queue_owed_notices()
        self.controller = BulkDataController(
            self.handler,
            hostname=self.config.listen[0],
            port=self.config.listen[1],
            data_size_limit=self.config.max_message_bytes,
            ready_timeout=30,
        )
        self.controller.start()
        self._stop.clear()
        self._drainer = threading.Thread(
            target=self._drain_loop, name="safehaven-outbox", daemon=True
        )
        self._drainer.start()

    def _warn_deciders_without_address(self) -> None:
        """With notices on, one log line (counts only) when people who may decide held mail
        have no email address: their notices cannot be sent, and nobody else would know."""
        ask = getattr(self.sinks.held_notice, "deciders_without_address", None)
        if ask is None or not self.config.notify_from:
            return
        try:
            found = ask()
        except Exception as exc:  # noqa: BLE001 - a warning only; the gateway starts anyway
            log.warning(
                "could not count deciders without an email address (%s)", type(exc).__name__
            )
            return
        if found.get("count"):
            n = found["count"]
            log.warning(
                "%d %s who may decide held mail %s no email address (%s) and get no notice of "
                "held mail: add an email address to their accounts in SafeHaven",
                n,
                "person" if n == 1 else "people",
                "has" if n == 1 else "have",
                found.get("roles", ""),
            )

    def stop(self) -> None:
        self._stop.set()
        if self.controller is not None:
            self.controller.stop()
            self.controller = None
        if self.handler is not None:
            self.handler.close()
            self.handler = None
        if self._drainer is not None:
            self._drainer.join(timeout=30)
            self._drainer = None
