"""The pre-send check as the web page and the API call it: the same policy and directory."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import compat32

from safehaven.core.email import EmailCheckResult, check_message
from safehaven.core.email.draft import DraftError, draft_message
from safehaven.email.directory import DjangoDirectory
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
    policy = email_policy()
    directory = DjangoDirectory(user=user, webmail_domains=policy.webmail_domains)
    return check_message(msg, policy=policy, directory=directory)
