"""The pre-send check as the web page and the API call it: the same policy and directory."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from email import message_from_bytes
from email.policy import compat32
from email.utils import getaddresses, parseaddr

from django.apps import apps
from django.core import signing
from django.db import transaction

from safehaven.core.email import EmailCheckResult, check_message
from safehaven.core.email.draft import DraftError, draft_message
from safehaven.email.directory import DjangoDirectory
from safehaven.email.models import EmailNearMiss, EmailOverride
from safehaven.email.policy import email_policy

MAX_MESSAGE_BYTES = 25 * 1024 * 1024


class EmailCheckError(ValueError):
    """Input that cannot be checked; `message` is one plain line, `field` the form field."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


def _has_recipient(raw: bytes) -> bool:
    try:
        msg = message_from_bytes(raw[: 256 * 1024], policy=compat32)
        values = [str(v) for name in ("To", "Cc", "Bcc") for v in (msg.get_all(name) or [])]
    except Exception:  # noqa: BLE001 - a header the parser cannot read is checked below
        return b"@" in raw[:65536]
    return any("@" in v for v in values)


def email_check_raw(*, user, raw: bytes) -> EmailCheckResult:
    """Checks an RFC 822 message as uploaded; the sender defaults to its From header."""
    if not raw.strip():
        raise EmailCheckError(
            "The message is empty: send the whole message (message/rfc822) or the JSON fields.",
            field="eml",
        )
    if len(raw) > MAX_MESSAGE_BYTES:
        raise EmailCheckError("The message is over 25 MB: check a smaller one.", field="eml")
    if not _has_recipient(raw):
        raise EmailCheckError(
            "The message has no To, Cc or Bcc address: add the recipients and check it again.",
            field="eml",
        )
    policy = email_policy()
    directory = DjangoDirectory(user=user, webmail_domains=policy.webmail_domains)
    return check_message(bytes(raw), policy=policy, directory=directory)


def email_check_draft(
    *,
    user,
    sender: str = "",
    to: list[str],
    cc: list[str] | None = None,
    subject: str = "",
    body: str = "",
    in_reply_to: str | None = None,
) -> EmailCheckResult:
    """Checks draft fields; the sender defaults to the signed-in member of staff's email."""
    sender = (sender or getattr(user, "email", "") or "").strip()
    if not sender:
        raise EmailCheckError(
            "Give the sender's address: your account has no email address.", field="sender"
        )
    try:
        msg = draft_message(
            sender=sender,
            to=[t for t in to if t.strip()],
            cc=[c for c in (cc or []) if c.strip()],
            subject=subject,
            body=body,
            in_reply_to=in_reply_to or None,
        )
    except DraftError as exc:
        field = str(exc).split(":", 1)[0]
        raise EmailCheckError(
            f"{exc}.".replace("..", "."), field=field if field in {"sender", "to", "cc"} else None
        ) from exc
    except (IndexError, LookupError, ValueError, TypeError) as exc:
        # The standard library's address parser raises IndexError for "a@" (core's
        # draft_message lets it through): one plain line instead of a server error.
        raise EmailCheckError(
            "An address could not be read: enter each address like name@school.sch.uk, "
            "separated by commas.",
            field="to",
        ) from exc
    policy = email_policy()
    directory = DjangoDirectory(user=user, webmail_domains=policy.webmail_domains)
    return check_message(msg, policy=policy, directory=directory)


# Overriding a warning (the issue's `warn`: the sender may go on with a recorded justification).

OVERRIDE_SALT = "safehaven.email.override"
OVERRIDE_MAX_AGE = 60 * 60  # a check older than an hour must be made again
JUSTIFICATION_MIN = 10
JUSTIFICATION_MAX = 2000


@dataclass(frozen=True, slots=True)
class MessageFacts:
    """What identifies a checked message without its text: a SHA-256 digest, the subject and
    the recipients' domains."""

    digest: str
    subject: str
    recipient_domains: tuple[str, ...]


def _domains(addresses) -> tuple[str, ...]:
    found = {a.rsplit("@", 1)[1].strip().strip(">").lower() for a in addresses if "@" in a}
    return tuple(sorted(d for d in found if d))[:50]


def draft_facts(
    *, sender: str = "", to: list[str], cc: list[str] | None = None, subject: str = "",
    body: str = "", **_ignored,
) -> MessageFacts:  # fmt: skip
    """The digest covers sender, recipients, subject and body, exactly as checked."""
    canonical = json.dumps([sender, list(to), list(cc or []), subject, body], ensure_ascii=False)
    return MessageFacts(
        digest=hashlib.sha256(canonical.encode("utf-8")).hexdigest(),
        subject=subject[:300],
        recipient_domains=_domains([*to, *(cc or [])]),
    )


def raw_facts(raw: bytes) -> MessageFacts:
    """The digest is of the uploaded bytes."""
    subject, addresses = "", []
    try:
        msg = message_from_bytes(raw[: 256 * 1024], policy=compat32)
        subject = str(msg.get("Subject", "") or "")
        for name in ("To", "Cc", "Bcc"):
            addresses += [a for _, a in getaddresses([str(v) for v in msg.get_all(name) or []])]
    except Exception:  # noqa: BLE001 - facts are best effort; the digest is always exact
        subject, addresses = "", []
    return MessageFacts(
        digest=hashlib.sha256(raw).hexdigest(),
        subject=" ".join(subject.split())[:300],
        recipient_domains=_domains(addresses),
    )


def override_token(*, user, result: EmailCheckResult, facts: MessageFacts, source: str) -> str:
    """A signed note of this check for this user, or "" unless the verdict is `warn` (a hold
    needs an authoriser and a block must not go: neither can be overridden by the sender)."""
    if result.verdict != "warn":
        return ""
    rules = list(dict.fromkeys(f.rule for f in result.findings if f.severity.value == "warn"))
    return signing.dumps(
        {
            "u": user.pk,
            "d": facts.digest,
            "s": facts.subject,
            "r": list(facts.recipient_domains),
            "rules": rules,
            "p": result.policy_version,
            "src": source,
            "f": result.fingerprint,
        },
        salt=OVERRIDE_SALT,
        compress=True,
    )


def override_preview(*, user, token: str) -> dict:
    """The facts in a token, checked: for the page that asks for the justification again."""
    try:
        data = signing.loads(token or "", salt=OVERRIDE_SALT, max_age=OVERRIDE_MAX_AGE)
    except signing.SignatureExpired:
        raise EmailCheckError(
            "This check is more than an hour old: check the email again, then give your reason.",
            field="token",
        ) from None
    except signing.BadSignature:
        raise EmailCheckError(
            "This override does not come from a check SafeHaven made: check the email again.",
            field="token",
        ) from None
    if data.get("u") != user.pk:
        raise EmailCheckError(
            "This check was made by someone else: check the email yourself.", field="token"
        )
    return data


def email_override_record(*, user, token: str, justification: str) -> EmailOverride:
    """Records that `user` goes on after a warning, and why. No message text is kept."""
    data = override_preview(user=user, token=token)
    reason = " ".join((justification or "").split())
    if len(reason) < JUSTIFICATION_MIN:
        raise EmailCheckError(
            "Give your reason for sending it anyway, in a sentence "
            f"(at least {JUSTIFICATION_MIN} characters).",
            field="justification",
        )
    if len(reason) > JUSTIFICATION_MAX:
        raise EmailCheckError(
            f"Keep the reason under {JUSTIFICATION_MAX:,} characters.", field="justification"
        )
    source = data.get("src") if data.get("src") in EmailOverride.Source.values else "api"
    # The gateway links the message it relays to this record by `content_fingerprint`.
    return EmailOverride.objects.create(
        user=user,
        username=user.username,
        rules=list(data.get("rules", [])),
        justification=reason,
        message_digest=str(data.get("d", ""))[:64],
        content_fingerprint=str(data.get("f", ""))[:64],
        subject=str(data.get("s", ""))[:300],
        recipient_domains=list(data.get("r", [])),
        policy_version=str(data.get("p", ""))[:200],
        source=source,
    )


# Held mail read by a reviewer.

TEXT_READ_DETAIL = "Held email text read by a reviewer (quarantine {qid})"


def held_mail_text_read_record(*, user, held) -> EmailNearMiss:
    """Records that `user` read the text of the held message `held`: an `EmailNearMiss`
    (`viewed`) for the DPO, and an access-log row (`view`) for each service user the gateway's
    check named in it, as opening their record would, so the reading appears in that child's
    subject-access log. One transaction, one correlation ID. The access-log detail holds the
    quarantine reference only (no name, address or text); a named child no longer in the
    records, or one the reviewer may not see, gets no row.
    """
    from safehaven.records.access import access_log_record, service_users_visible_to
    from safehaven.records.models import AccessLog
    from safehaven.register.correlation import correlation

    meta = held.meta
    ids = {int(i) for i in meta.get("service_user_ids", []) or [] if str(i).isdigit()}
    with transaction.atomic(), correlation():
        miss = EmailNearMiss.objects.create(
            event=EmailNearMiss.Event.VIEWED,
            correlation_id=str(meta.get("correlation_id", "")),
            sender=str(meta.get("sender", "")),
            recipients=list(meta.get("recipients", []) or []),
            verdict=str(meta.get("verdict", "")),
            rules=list(meta.get("rules", []) or []),
            policy_version=str(meta.get("policy_version", "")),
            quarantine_id=held.id,
            decided_by=user,
            decided_by_name=user.username,
        )
        if ids:
            for service_user in service_users_visible_to(user).filter(pk__in=ids).order_by("pk"):
                access_log_record(
                    user=user,
                    service_user=service_user,
                    action=AccessLog.Action.VIEW,
                    detail=TEXT_READ_DETAIL.format(qid=held.id),
                )
    return miss


# A draft stopped at the pre-send page (the DPO's near-miss logs).

CHECKED_VERDICTS = ("block", "hold")


def draft_outline(*, user, sender: str = "", to=(), cc=(), subject: str = "", **_ignored):
    """What a draft's fields say of it, as `selectors.message_outline` says it of a message."""
    from safehaven.email.selectors import MessageOutline

    return MessageOutline(
        sender=sender or getattr(user, "email", "") or "",
        to=tuple(to),
        cc=tuple(cc or ()),
        subject=subject,
    )


def email_check_stopped_record(
    *,
    user,
    result: EmailCheckResult,
    facts: MessageFacts,
    outline=None,
    raw: bytes | None = None,
    source: str = "page",
    text: tuple[str, str] | None = None,
) -> EmailNearMiss | None:
    """What the pre-send page and `POST /api/email/check` both do after a check: a `hold` or
    `block` verdict is a near miss (`email_check_near_miss_record`), with the sender and the
    To/Cc addresses of what was checked: `outline` (a `MessageOutline`, from the draft's fields
    or the uploaded message), else read from `raw` only when the verdict stops it. Addresses
    given with a name ("Sarah Jones <sj@nhs.net>", as the API takes them) are kept bare.
    `text` (subject, body) of a draft, else `raw`, gives the near miss its sketch
    (`safehaven.gateway.sketch`), by which a changed draft sent later is still linked to it."""
    if result.verdict not in CHECKED_VERDICTS:
        return None
    from safehaven.email.sinks import draft_sketch

    sketch = draft_sketch(result=result, raw=raw, text=text)
    if outline is None:
        from safehaven.email.selectors import message_outline

        outline = message_outline(raw or b"")
    recipients = [parseaddr(a)[1] or a for a in (*outline.to, *outline.cc)]
    return email_check_near_miss_record(
        user=user,
        result=result,
        facts=facts,
        recipients=recipients,
        sender=parseaddr(outline.sender)[1] or getattr(user, "email", "") or "",
        source=source,
        sketch=sketch,
    )


def email_check_near_miss_record(
    *,
    user,
    result: EmailCheckResult,
    facts: MessageFacts,
    recipients: list[str],
    sender: str,
    source: str = "page",
    sketch: str = "",
) -> EmailNearMiss | None:
    """Records that the pre-send page stopped a draft (verdict `hold` or `block`), as the
    gateway records mail it holds or blocks: an `EmailNearMiss` (`checked`: sender, recipients,
    verdict, the rules and messages of the block/hold/warn findings, policy version, who
    checked) and a row in the DPO's cross-channel near-miss log (kind `email_blocked` or
    `email_held`, a summary without names or addresses, the checker's unit when they have one).
    No message text, subject or digest is kept. The same draft checked again by the same person
    (on the page or through the API) is one near miss: matched on a one-way reference made of
    the account, the content fingerprint (subject and body, whitespace aside) and the
    recipients. Returns None for any other verdict, or for a repeat.
    """
    if result.verdict not in CHECKED_VERDICTS:
        return None
    # The same draft is the same content (whitespace aside: the page's form trims the text, a
    # tool may not) to the same people, from the same person, however it was checked.
    same = result.fingerprint or facts.digest
    to = ",".join(sorted({r.strip().lower() for r in recipients}))
    reference = "check:" + hashlib.sha256(f"{user.pk}:{same}:{to}".encode()).hexdigest()[:40]
    worst = [f for f in result.findings if f.severity.value in {"block", "hold", "warn"}]
    stopping = list(
        dict.fromkeys(f.rule for f in result.findings if f.severity.value in CHECKED_VERDICTS)
    )
    with transaction.atomic():
        if EmailNearMiss.objects.filter(
            event=EmailNearMiss.Event.CHECKED, correlation_id=reference
        ).exists():
            return None
        miss = EmailNearMiss.objects.create(
            event=EmailNearMiss.Event.CHECKED,
            correlation_id=reference,
            sender=sender[:254],
            recipients=list(recipients)[:200],
            verdict=result.verdict,
            rules=stopping,
            messages=[f.message for f in worst],
            policy_version=result.policy_version[:200],
            content_fingerprint=(result.fingerprint or "")[:64],
            content_sketch=sketch,
            decided_by=user,
            decided_by_name=user.username,
            reason=(
                "Stopped at the pre-send check (API): not sent"
                if source == "api"
                else "Stopped at the pre-send check: not sent"
            ),
        )
        _oversight_checked(user=user, miss=miss, rules=stopping, n_recipients=len(recipients))
    return miss


def _oversight_checked(*, user, miss: EmailNearMiss, rules: list[str], n_recipients: int) -> None:
    if not apps.is_installed("safehaven.oversight"):
        return
    from safehaven.oversight.services import near_miss_record

    verb = "would be blocked" if miss.verdict == "block" else "would be held for review"
    units = list(user.units.all()[:2])
    near_miss_record(
        channel="email",
        kind="email_blocked" if miss.verdict == "block" else "email_held",
        rule=rules[0] if rules else "",
        summary=(
            f"Stopped at the pre-send check, not sent: the draft {verb} "
            f"({', '.join(rules) or 'no rule recorded'}); {n_recipients} recipient(s)."
        )[:300],
        unit=units[0] if len(units) == 1 else None,
        recorded_by=user,
        source_reference=f"email-{miss.correlation_id}"[:100],
    )
