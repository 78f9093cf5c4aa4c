"""Reads: the warn overrides for the DPO's overrides report, and the gateway's quarantine as
the review pages see it (who may review what, filters, the outline of a held message)."""

from __future__ import annotations

import json
import logging
import os
import string
import sys
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email import message_from_bytes
from email.parser import BytesParser
from email.policy import default as email_default_policy
from email.utils import getaddresses
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Count
from django.db.models.functions import Lower
from django.utils import timezone

from safehaven.core.email import mime
from safehaven.core.email.htmltext import html_to_text
from safehaven.email.models import EmailOverride
from safehaven.gateway.spool import Held, QuarantineError
from safehaven.records.access import NotFound, service_users_visible_to

logger = logging.getLogger(__name__)


def override_rows(*, since=None, until=None) -> Iterator[Any]:
    """Each `EmailOverride` as an `OverrideRow` (`safehaven.oversight.overrides`), newest first.

    The justification is the sender's own words, with the recipients' domains; not the subject
    (it may name a child: the report carries no names), no addresses, no message text.
    """
    from safehaven.oversight.overrides import OverrideRow

    rows = EmailOverride.objects.select_related("user").annotate(relayed=Count("matches"))
    if since is not None:
        rows = rows.filter(at__gte=since)
    if until is not None:
        rows = rows.filter(at__lt=until)
    for o in rows.iterator(chunk_size=1000):
        name = (o.user.get_full_name() or o.user.username) if o.user else o.username
        where = ", ".join(o.recipient_domains) or "no recipient domain"
        sent = (
            f" [{o.reference}: the gateway relayed {o.relayed} matching message(s)]"
            if o.relayed
            else f" [{o.reference}]"
        )
        yield OverrideRow(
            when=o.at,
            channel="email",
            user=name,
            rule=", ".join(o.rules) or "EMAIL",
            justification=f"Sent after a warning (to {where}): {o.justification}{sent}",
            reference=f"email-override:{o.pk}",
        )


# The gateway's quarantine as the review pages see it.

HOLDING = ("block", "hold")
SEVERITY_ORDER = {"block": 0, "hold": 1, "warn": 2, "info": 3}
HELD_STATUSES = ("held", "released", "rejected")


def findings_by_severity(findings) -> list[dict]:
    """The findings worst first (block, hold, warn, info), otherwise in the checks' order."""
    rows = [f for f in (findings or []) if isinstance(f, dict)]
    return sorted(rows, key=lambda f: SEVERITY_ORDER.get(str(f.get("severity")), 4))


def held_at(held) -> datetime | None:
    """When the gateway held the message (aware, UTC), or None if the record has no time."""
    try:
        value = datetime.fromisoformat(str(held.meta.get("held_at", "")))
    except ValueError:
        return None
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _sender(held) -> str:
    return str(held.meta.get("sender", "")).strip().lower()


def _ids(held) -> set[int]:
    return {int(i) for i in held.meta.get("service_user_ids", []) or [] if str(i).isdigit()}


def _authorisers_for(*, user_model, sender: str, ids: set[int]):
    """Active authorisers who share a unit with the sender's staff account and may see every
    service user named (`ids`): the reviewers of that sender's mail below the DPO."""
    from safehaven.records.models import ServiceUser

    sender_units = set(
        user_model.objects.annotate(lower_email=Lower("email"))
        .filter(lower_email=sender)
        .values_list("units", flat=True)
    ) - {None}
    if not sender_units:
        return user_model.objects.none()
    # A child that is no longer in the records is one nobody below the DPO may see.
    units_of = dict(ServiceUser.objects.filter(pk__in=ids).values_list("pk", "unit_id"))
    if set(units_of) != ids:
        return user_model.objects.none()
    needed = set(units_of.values())
    found = user_model.objects.filter(
        role="authoriser", is_active=True, units__in=sender_units
    ).distinct()
    for unit in needed:
        found = found.filter(pk__in=user_model.objects.filter(units=unit).values("pk"))
    return found


def held_mail_deciders(*, held) -> tuple[str, list]:
    """Who may release or reject `held`, never its sender: `("reviewers", [...])` for the DPOs
    and the authorisers who may review it; when none of them is anyone but the sender (the only
    DPO's own mail, with no authoriser sharing a unit), `("administrators", [...])`, who then
    decide with a recorded reason; `("nobody", [])` when there is no one at all.

    Staff accounts that are switched off do not count. The sender is matched on email.
    """
    user_model = get_user_model()
    sender = _sender(held)
    not_sender = user_model.objects.all()
    if sender:  # mail with no sender address is nobody's own
        not_sender = not_sender.annotate(lower_email=Lower("email")).exclude(lower_email=sender)
    dpos = list(not_sender.filter(role="dpo", is_active=True).order_by("last_name", "pk"))
    authorisers = (
        list(
            _authorisers_for(user_model=user_model, sender=sender, ids=_ids(held))
            .annotate(lower_email=Lower("email"))
            .exclude(lower_email=sender)
            .order_by("last_name", "pk")
        )
        if sender
        else []
    )
    if dpos or authorisers:
        return "reviewers", [*dpos, *authorisers]
    admins = list(
        not_sender.filter(is_active=True)
        .filter(models.Q(role="administrator") | models.Q(is_superuser=True))
        .exclude(role__in=("dpo", "authoriser"))
        .order_by("last_name", "pk")
    )
    return ("administrators", admins) if admins else ("nobody", [])


@dataclass(frozen=True)
class DecidersWithoutEmail:
    """The active accounts that may decide held mail but have no email address, so get no
    notice that mail waits for them (`safehaven gateway --notify-from`): DPOs and authorisers,
    and administrators (who decide the mail nobody else could, as the last resort)."""

    people: tuple  # the accounts, DPOs first, then authorisers, then administrators
    dpos: int
    authorisers: int
    administrators: int

    @property
    def count(self) -> int:
        return len(self.people)

    def roles_text(self) -> str:
        """ "1 DPO, 2 authorisers and 1 administrator" (the roles present only)."""
        parts = [
            f"{n} {one if n == 1 else many}"
            for n, one, many in (
                (self.dpos, "DPO", "DPOs"),
                (self.authorisers, "authoriser", "authorisers"),
                (self.administrators, "administrator", "administrators"),
            )
            if n
        ]
        return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def deciders_without_email() -> DecidersWithoutEmail:
    """Who may decide held mail and has no email address (blank or spaces only): see
    `DecidersWithoutEmail`. One query."""
    from django.db.models.functions import Coalesce, Trim

    user_model = get_user_model()
    people = list(
        user_model.objects.filter(is_active=True)
        .filter(
            models.Q(role__in=("dpo", "authoriser", "administrator")) | models.Q(is_superuser=True)
        )
        .annotate(trimmed=Trim(Coalesce("email", models.Value(""))))
        .filter(trimmed="")
        .order_by("last_name", "pk")
    )
    dpos = [p for p in people if p.role == "dpo"]
    authorisers = [p for p in people if p.role == "authoriser"]
    admins = [p for p in people if p.role not in ("dpo", "authoriser")]
    return DecidersWithoutEmail(
        people=(*dpos, *authorisers, *admins),
        dpos=len(dpos),
        authorisers=len(authorisers),
        administrators=len(admins),
    )


def is_administrator_fallback(*, user, held) -> bool:
    """Whether `user` decides `held` as an administrator: nobody but its sender could
    otherwise (see `held_mail_deciders`)."""
    sender = _sender(held)
    if not (_administrator(user) and user.is_active) or (sender and sender == _own_email(user)):
        return False
    how, people = held_mail_deciders(held=held)
    return how == "administrators" and any(p.pk == user.pk for p in people)


def _administrator(user) -> bool:
    return bool(getattr(user, "is_administrator", False)) and not (
        getattr(user, "is_dpo", False) or getattr(user, "is_authoriser", False)
    )


def _own_email(user) -> str:
    return (getattr(user, "email", "") or "").strip().lower()


def held_mail_reviewable(*, user, items: list) -> list:
    """The held messages `user` may review, in the given order.

    The DPO reviews every one. An authoriser reviews mail sent by staff who share one of their
    units, and only when every service user the check named is one they may see: mail about a
    child at another school goes to that school's authoriser or the DPO, so the message (and
    that the child exists) is not shown to another school. Mail from an address that is no
    staff account goes to the DPO. Two queries, whatever the count. An administrator reviews
    only the mail nobody but its sender could otherwise decide (the only DPO's own), see
    `held_mail_deciders`.
    """
    if getattr(user, "sees_all", False) and not _administrator(user) and user.is_active:
        return list(items)
    if _administrator(user) and user.is_active:
        return _administrator_items(user=user, items=items)
    if not (getattr(user, "is_authoriser", False) and user.is_active):
        return []
    senders = {_sender(h) for h in items} - {""}
    if not senders:
        return []
    mine = set(
        get_user_model()
        .objects.annotate(lower_email=Lower("email"))
        .filter(lower_email__in=senders, units__in=user.units.all())
        .values_list("lower_email", flat=True)
    )
    wanted = set().union(*(_ids(h) for h in items if _sender(h) in mine))
    visible = (
        set(service_users_visible_to(user).filter(pk__in=wanted).values_list("pk", flat=True))
        if wanted
        else set()
    )
    return [h for h in items if _sender(h) in mine and _ids(h) <= visible]


def _administrator_items(*, user, items: list) -> list:
    """Of `items`, those an administrator decides: from the only active DPO (or when there is
    no DPO), with no authoriser who may review them. One query for the DPOs; the authorisers
    only for those messages (rare)."""
    user_model = get_user_model()
    dpo_emails = [
        (e or "").strip().lower()
        for e in user_model.objects.filter(role="dpo", is_active=True).values_list(
            "email", flat=True
        )
    ]
    own = _own_email(user)
    out = []
    for h in items:
        sender = _sender(h)
        if (sender and sender == own) or any(not sender or e != sender for e in dpo_emails):
            continue
        if is_administrator_fallback(user=user, held=h):
            out.append(h)
    return out


def held_mail_filter(
    items: list,
    *,
    status: str | None = "held",
    rule: str = "",
    text: str = "",
    oldest_first: bool = False,
) -> list:
    """Of `items`, those with this status (None: every status), with this rule among the
    findings, whose sender or a recipient contains `text`; ordered by held time."""
    if status is not None:
        items = [h for h in items if h.status == status]
    rule = rule.strip().upper()
    if rule:
        items = [h for h in items if rule in (h.meta.get("rules") or [])]
    needle = text.strip().lower()
    if needle:
        items = [
            h
            for h in items
            if needle in _sender(h)
            or any(needle in str(r).lower() for r in h.meta.get("recipients", []) or [])
        ]
    oldest = datetime.min.replace(tzinfo=UTC)
    return sorted(items, key=lambda h: (held_at(h) or oldest, h.id), reverse=not oldest_first)


def held_mail_list(*, user, quarantine, status: str | None = "held", **filters) -> list:
    """The held messages `user` may review, filtered as `held_mail_filter` does. The spool is
    read through the kept listing (`spool_listing`), not every metadata file on every page."""
    items = held_mail_reviewable(
        user=user, items=spool_listing(quarantine=quarantine, status=status)
    )
    return held_mail_filter(items, status=status, **filters)


# The spool's listing, kept per folder for the held-mail list, the sender's own page and the
# navigation's count (on every page).

# Kept per folder until the folder changes: every store, decision and metadata write renames a
# file into it, which moves the folder's mtime. A listing is trusted only once the folder has
# been still for a second when it was read (a write within the same clock tick as the listing
# would leave the mtime as it was). When it changed, only the metadata files that changed are
# read again (each write is a new file: a new inode); files no longer there are forgotten.
#
# What is kept of each message is bounded: only the fields the pages filter, count, order and
# check permissions by (`LISTED_FIELDS`, a `ListedHeld`; strings shared between messages), not
# the findings and the rest. The pages' rows (25 at most) are the full metadata
# (`held_mail_shown`): from a cache of the FULL_KEPT most recently used or read messages, else
# read from their file. Every message's metadata kept whole cost ~4.3 KB a message.
_LISTING: dict[str, tuple[int, float, list, list]] = {}
# Per folder: each message's id -> (its metadata file's `_signature`, its ListedHeld).
_FILES: dict[str, dict[str, tuple[int, Held | None]]] = {}
_STILL_SECONDS = 1.0
LISTED_FIELDS = ("status", "held_at", "sender", "recipients", "rules", "service_user_ids")
FULL_KEPT = 256
_FULL: OrderedDict[tuple[str, str], tuple[int, Held]] = OrderedDict()
_FULL_LOCK = threading.Lock()  # a web process may serve pages from several threads
# Folders kept (a web process reads one; tests and tools may read more).
FOLDERS_KEPT = 4


class ListedHeld(Held):
    """A held message as the kept listing has it: only `LISTED_FIELDS` of its metadata (see
    `held_mail_shown` for the whole of it)."""

    __slots__ = ()


def _shared(value: Any) -> Any:
    """`value` with its strings shared with other messages' (`sys.intern`) and lists made
    tuples: the same answers to `in`, iteration and `join`, in less memory."""
    if isinstance(value, str):
        return sys.intern(value)
    if isinstance(value, list):
        return tuple(sys.intern(v) if isinstance(v, str) else v for v in value)
    return value


# The rules' combinations, one tuple each for every message held under the same rules (few).
_RULE_SETS: dict[tuple, tuple] = {}
_ABSENT = object()


def _listed(qid: str, meta: dict) -> ListedHeld:
    """A plain dict of the listed fields (a class with slots saved ~190 bytes a message but
    made each `.get` three times slower: ~5 ms more a page at 2,000 held messages)."""
    listed = {}
    for k in LISTED_FIELDS:
        value = meta.get(k, _ABSENT)
        if value is _ABSENT:
            continue
        if k != "held_at":  # a time is seldom another message's
            value = _shared(value)
        if k == "rules" and isinstance(value, tuple) and len(_RULE_SETS) < 10_000:
            value = _RULE_SETS.setdefault(value, value)
        listed[k] = value
    return ListedHeld(qid, listed)


def _signature(fst: os.stat_result) -> int:
    """A metadata file's inode, mtime and size as one number (a tuple of three cost ~110 bytes
    more a message); equal exactly when all three are."""
    mask = (1 << 64) - 1
    return ((fst.st_ino & mask) << 128) | ((fst.st_mtime_ns & mask) << 64) | (fst.st_size & mask)


def _keep_full(key: tuple[str, str], signature: int, held: Held) -> None:
    with _FULL_LOCK:
        _FULL[key] = (signature, held)
        _FULL.move_to_end(key)
        while len(_FULL) > FULL_KEPT:
            _FULL.popitem(last=False)


def _forget_full(folder: str, keep: dict | None = None) -> None:
    """Drops the full cache's entries of `folder` (those not in `keep`, when given)."""
    with _FULL_LOCK:
        for k in [k for k in _FULL if k[0] == folder and (keep is None or k[1] not in keep)]:
            del _FULL[k]


def _listing(quarantine) -> tuple[list, list]:
    """(every message, those still held), in `Quarantine.list`'s order, as `ListedHeld`; the
    kept lists, which callers must not change."""
    key = folder = str(quarantine.dir)
    st = os.stat(folder)
    cached = _LISTING.get(key)
    if cached is not None and cached[0] == st.st_mtime_ns:
        built_at = cached[1]
        if built_at - st.st_mtime_ns / 1e9 > _STILL_SECONDS:
            return cached[2], cached[3]
    built_at = time.time()
    known = _FILES.get(key, {})
    found: dict[str, int] = {}  # by id (the file's name without ".json")
    with os.scandir(folder) as entries:
        for entry in entries:
            if not entry.name.endswith(".json"):
                continue
            try:
                fst = entry.stat()
            except OSError:
                continue
            found[entry.name[:-5]] = _signature(fst)
    files: dict[str, tuple[int, Held | None]] = {}
    # In the files' names' order (`Quarantine.list`'s), oldest first, so the newest messages
    # read are the ones the full cache keeps.
    for qid in sorted(found, key=lambda q: q + ".json"):
        signature = found[qid]
        old = known.get(qid)
        if old is not None and old[0] == signature:
            # Keyed by the id kept in its ListedHeld: one string for both.
            files[old[1].id if old[1] is not None else qid] = old
            continue
        try:
            with open(os.path.join(folder, f"{qid}.json"), encoding="utf-8") as f:
                meta = json.loads(f.read())
        except (OSError, ValueError):
            continue  # as `Quarantine.list`: a file being replaced is read next time
        if not isinstance(meta, dict):
            files[qid] = (signature, None)
            continue
        files[qid] = (signature, _listed(qid, meta))
        _keep_full((key, qid), signature, Held(qid, meta))
    _forget_full(key, keep=files)
    _FILES[key] = files
    every = [files[n][1] for n in files if files[n][1] is not None]
    held = [h for h in every if h.status == "held"]
    _LISTING.pop(key, None)
    _LISTING[key] = (st.st_mtime_ns, built_at, every, held)
    while len(_LISTING) > FOLDERS_KEPT:
        folder = next(iter(_LISTING))
        _LISTING.pop(folder, None)
        _FILES.pop(folder, None)
        _forget_full(folder)
    return every, held


def spool_listing(*, quarantine, status: str | None = "held") -> list:
    """The messages in `quarantine` with this status (None: every one), as
    `quarantine.list(status=)` orders them, without reading every metadata file for every page:
    a spool keeps each decided message, so that read grows with the spool's history (2,000
    messages: ~150 ms of CPU). Each is a `ListedHeld` (only `LISTED_FIELDS` of its metadata):
    `held_mail_shown` gives the whole of the ones a page shows."""
    every, held = _listing(quarantine)
    if status == "held":
        return list(held)
    return [h for h in every if status is None or h.status == status]


def held_mail_shown(*, quarantine, items) -> list:
    """`items` (a page's rows) with their whole metadata: a `ListedHeld` from the full cache
    when its file has not changed since, else read from its file (kept in the cache); one
    whose file cannot be read now stays as listed. Anything else is returned as it is."""
    key = str(quarantine.dir)
    known = _FILES.get(key, {})
    out = []
    for h in items:
        if not isinstance(h, ListedHeld):
            out.append(h)
            continue
        signature = known.get(h.id, (None,))[0]
        with _FULL_LOCK:
            cached = _FULL.get((key, h.id))
            if cached is not None and cached[0] == signature:
                _FULL.move_to_end((key, h.id))
        if cached is not None and cached[0] == signature:
            out.append(cached[1])
            continue
        try:
            with open(os.path.join(key, f"{h.id}.json"), encoding="utf-8") as f:
                meta = json.loads(f.read())
        except (OSError, ValueError):
            meta = None
        if not isinstance(meta, dict):
            out.append(h)
            continue
        full = Held(h.id, meta)
        if signature is not None:
            _keep_full((key, h.id), signature, full)
        out.append(full)
    return out


def held_waiting(*, quarantine) -> list:
    """The messages still held in `quarantine` (status "held"), as `quarantine.list()` gives
    them (the kept listing, see `spool_listing`)."""
    return spool_listing(quarantine=quarantine, status="held")


def held_mail_waiting_for(*, user, quarantine) -> list:
    """The held messages `user` may decide now: those they may review (`held_mail_reviewable`:
    an authoriser only their units' senders and children they may see, an administrator only
    the last-resort ones), still held, and not their own (nobody decides their own mail)."""
    if not getattr(user, "is_active", False):
        return []
    own = _own_email(user)
    items = [h for h in held_waiting(quarantine=quarantine) if not own or _sender(h) != own]
    if not items:
        return []
    return held_mail_reviewable(user=user, items=items)


def held_mail_nav_text(*, user) -> str:
    """The navigation item for the people who decide held mail, with how many messages wait
    for them ("Held email (3 waiting)"). A spool that cannot be read gives the plain item."""
    from safehaven.email.gateway import quarantine_dir
    from safehaven.gateway.spool import Quarantine

    try:
        waiting = len(held_mail_waiting_for(user=user, quarantine=Quarantine(quarantine_dir())))
    except OSError:
        logger.warning("held email folder unreadable: navigation shown without the count")
        return "Held email"
    return f"Held email ({waiting} waiting)" if waiting else "Held email"


def held_mail_sent_by(*, user, quarantine) -> list:
    """Every held message (any status) whose sender is `user`'s own email address."""
    email = (getattr(user, "email", "") or "").strip().lower()
    if not email:
        return []
    return [h for h in spool_listing(quarantine=quarantine, status=None) if _sender(h) == email]


def access_held_mail(*, user, quarantine, qid: str):
    """The held message `qid` if `user` may review it, else `NotFound` (the same for a
    missing one, a bad id and another school's)."""
    try:
        held = quarantine.get(qid)
    except QuarantineError:
        raise NotFound("No such held message.") from None
    if not held_mail_reviewable(user=user, items=[held]):
        raise NotFound("No such held message.")
    return held


_KINDS = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
    "application/msword": "Word document (old format)",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel spreadsheet",
    "application/vnd.ms-excel": "Excel spreadsheet (old format)",
    "application/zip": "zip archive",
    "message/rfc822": "attached email",
    "text/plain": "text",
    "text/html": "web page (HTML)",
    "text/csv": "CSV",
}


@dataclass(frozen=True, slots=True)
class AttachmentRow:
    name: str
    content_type: str
    size: int

    @property
    def kind(self) -> str:
        """The type as people say it ("PDF", "Word document"), else the MIME type."""
        if self.content_type.startswith("image/"):
            return f"image ({self.content_type[6:]})"
        return _KINDS.get(self.content_type, self.content_type)


@dataclass(frozen=True, slots=True)
class MessageOutline:
    """A message's headers and the list of its attachments (never their contents)."""

    sender: str = ""
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    subject: str = ""
    attachments: tuple[AttachmentRow, ...] = ()
    readable: bool = True


def _header(msg, name: str) -> str:
    try:
        return " ".join(str(msg.get(name, "") or "").split())
    except Exception:  # noqa: BLE001 - a header the parser cannot decode is left out
        return ""


# The core's fast parse (`mime.parse`) sets the body of a large base64 attachment aside under a
# token; the outline needs only its decoded length.
_BLOB_PREFIX = "SAFEHAVENBLOB"


_BASE64_ALPHABET = (string.ascii_letters + string.digits + "+/=").encode("ascii")
_NOT_BASE64 = bytes(c for c in range(256) if c not in _BASE64_ALPHABET)


class _SetAsideUnknown(Exception):
    """A part's body is a set-aside token that the parse gave no bytes for."""


def _part_size(part, blobs: dict[str, bytes], *, lf_only: bool = False) -> int:
    body = part.get_payload()
    if isinstance(body, str) and body.startswith(_BLOB_PREFIX):
        data = blobs.get(body)
        if data is None:
            raise _SetAsideUnknown
        # Its decoded length, counted rather than decoded (18 MB: ~0.1 s less CPU).
        letters = data.translate(None, _NOT_BASE64)
        return len(letters) * 3 // 4 - letters[-2:].count(b"=")
    try:
        size = len(part.get_payload(decode=True) or b"")
    except Exception:  # noqa: BLE001 - an undecodable part still gets its row
        return 0
    if lf_only and isinstance(body, str):
        size -= _crs_added(body, str(part.get("Content-Transfer-Encoding", "")))
    return size


def _crs_added(body: str, cte: str) -> int:
    """How many CRs the LF -> CRLF step of `_crlf_for_parse` put into this part's decoded
    content, so its size is the one the message as stored gives. The stored message had no CR
    at all, so: in base64 none reach the content; in quoted-printable one per hard line break
    (a soft break, "=" at the end of the line, is removed with its CR); otherwise (7bit, 8bit,
    binary) every CR in the body."""
    cte = cte.strip().lower()
    if cte == "base64":
        return 0
    if cte == "quoted-printable":
        return body.count("\r\n") - body.count("=\r\n")
    return body.count("\r")


def _crlf_for_parse(raw: bytes) -> tuple[bytes, bool]:
    """A large message stored with bare LF line endings (no CR anywhere: an .eml saved by a
    mail program, or written to the spool by hand) as CRLF, the form the core's parser sets
    large base64 attachments aside in (without it: ~1 s of CPU for a 24 MB message, line by
    line, instead of ~0.1 s), and whether it was changed. Anything else is left as it is."""
    if len(raw) < mime.FAST_MIN_BYTES or b"\n" not in raw[:4096] or b"\r" in raw:
        return raw, False
    return raw.replace(b"\n", b"\r\n"), True


def message_outline(raw: bytes) -> MessageOutline:
    """From, To, Cc, Subject and the attachments (name, type, decoded size) of a message, read
    defensively: a message the parser cannot read gives an outline with `readable` False.

    Read with the core's parser, which sets large base64 attachments aside instead of reading
    them line by line (a 25 MB message with an 18 MB attachment: ~1 s of CPU with the standard
    parser alone, ~0.06 s so); if that ever leaves a part it cannot account for, the standard
    parser reads the whole message as before."""
    try:
        crlf, lf_only = _crlf_for_parse(raw)
        try:
            return _outline(mime.parse(crlf), lf_only=lf_only)
        except _SetAsideUnknown:
            return _outline(message_from_bytes(raw, policy=email_default_policy))
    except Exception:  # noqa: BLE001 - malformed MIME: the page says so instead of failing
        return MessageOutline(readable=False)


def _outline(msg, *, lf_only: bool = False) -> MessageOutline:
    blobs = getattr(msg, "_safehaven_blobs", None) or {}
    rows = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        name = part.get_filename()
        disposition = part.get_content_disposition()
        if not name and disposition != "attachment":
            continue
        rows.append(
            AttachmentRow(
                name=" ".join(str(name or "(no name)").split())[:200],
                content_type=part.get_content_type(),
                size=_part_size(part, blobs, lf_only=lf_only),
            )
        )
    return MessageOutline(
        sender=_header(msg, "From"),
        to=tuple(a for _, a in getaddresses([_header(msg, "To")]) if a),
        cc=tuple(a for _, a in getaddresses([_header(msg, "Cc")]) if a),
        subject=_header(msg, "Subject")[:300],
        attachments=tuple(rows[:200]),
    )


# The outline kept in the held message's metadata (`meta["outline"]`): reading a 25 MB message
# for its attachment list took ~1 s of CPU on every view of the detail page.
OUTLINE_VERSION = 1


def _outline_to_meta(outline: MessageOutline) -> dict:
    # Names, types and sizes only (as the page shows them); no headers, no content.
    return {
        "v": OUTLINE_VERSION,
        "readable": outline.readable,
        "attachments": [
            {"name": a.name, "type": a.content_type, "size": a.size} for a in outline.attachments
        ],
    }


def _outline_from_meta(value) -> MessageOutline | None:
    if not isinstance(value, dict) or value.get("v") != OUTLINE_VERSION:
        return None
    try:
        rows = tuple(
            AttachmentRow(name=str(a["name"]), content_type=str(a["type"]), size=int(a["size"]))
            for a in value.get("attachments", [])
        )
    except (KeyError, TypeError, ValueError):
        return None
    return MessageOutline(attachments=rows, readable=bool(value.get("readable", True)))


def held_mail_outline(*, quarantine, held) -> MessageOutline:
    """The attachments (name, type, size) of a held message, for the review page: read from its
    metadata when stored there, else from the message once and then stored (a message held
    before the outline was kept gets it on its first view). Headers are not included (the
    page shows the subject only with the recorded text).

    The outline is written under the message's lock, so it cannot overwrite a decision being
    recorded at the same moment; if the lock is taken (a release in progress), or the folder
    cannot be written, the outline is simply read again next time.
    """
    stored = _outline_from_meta(held.meta.get("outline"))
    if stored is not None:
        return stored
    try:
        raw = quarantine.raw(held.id)
    except (QuarantineError, OSError):
        return MessageOutline(readable=False)
    full = message_outline(raw)
    outline = MessageOutline(attachments=full.attachments, readable=full.readable)
    try:
        with quarantine.lock(held.id):
            quarantine.update(held.id, outline=_outline_to_meta(outline))
    except (QuarantineError, OSError):
        logger.info("held message outline not stored; it is read again on the next view")
    return outline


def message_subject(raw: bytes) -> str:
    """The Subject of a message, from its headers only (the body is not parsed)."""
    try:
        msg = BytesParser(policy=email_default_policy).parsebytes(raw, headersonly=True)
    except Exception:  # noqa: BLE001 - a message the parser cannot read has no subject to show
        return ""
    return _header(msg, "Subject")[:300]


def message_text(raw: bytes) -> tuple[str, str]:
    """The message's text for a reviewer, and how it was read: "plain", "html" (an HTML-only
    message shown as text: its markup is never rendered, run or fetched) or "source"."""
    # The body part only (the standard library's own choice of text over HTML): attachments are
    # not opened, and the core's parser sets large base64 ones aside unread (a 25 MB message
    # with an 18 MB PDF: ~1 s with the standard parser alone), so a large PDF does not make the
    # reviewer wait. Anything unusual (an unknown charset, broken structure) goes to the core's
    # defensive reader below.
    crlf, lf_only = _crlf_for_parse(raw)
    try:
        body = mime.parse(crlf).get_body(preferencelist=("plain", "html"))
        if body is not None and not body.defects:
            content = body.get_content()
            if lf_only:  # the stored message had no CR: every one here came from the parse
                content = content.replace("\r\n", "\n")
            if body.get_content_subtype() == "plain":
                return content, "plain"
            return html_to_text(content), "html"
    except Exception:  # noqa: BLE001 - read again below, defensively
        logger.info("held message body not read by the standard parser; trying the core's")
    try:
        ex = mime.extract(mime.parse(raw))
        if ex.plain is not None:
            return ex.plain, "plain"
        if ex.html is not None:
            return html_to_text(ex.html), "html"
    except Exception:  # noqa: BLE001 - a message the parser cannot read is shown as source
        logger.info("held message could not be parsed for display; shown as source")
    return raw.decode("utf-8", errors="replace"), "source"


def override_recent_duplicate(*, user, token_data: dict, justification: str):
    """The override `user` already recorded for this same check with this same reason within
    the token's hour (a re-posted form), or None."""
    reason = " ".join((justification or "").split())
    return (
        EmailOverride.objects.filter(
            user=user,
            message_digest=str(token_data.get("d", ""))[:64],
            justification=reason,
            at__gte=timezone.now() - timedelta(hours=1),
        )
        .order_by("-at")
        .first()
    )
