"""Handing a checked message to the next mail server (blocking smtplib; run it in a thread)."""

from __future__ import annotations

import re
import smtplib
from collections.abc import Sequence
from dataclasses import dataclass
from email.policy import SMTP

VERDICT_HEADER = "X-SafeHaven-Verdict"
_BARE_LF = re.compile(rb"(?<!\r)\n")
_BARE_CR = re.compile(rb"\r(?!\n)")
_OWN_HEADER = re.compile(rb"^x-safehaven-", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class RelayOutcome:
    ok: bool
    temporary: bool  # a failure worth retrying (connection refused, 4xx)
    code: int
    message: str
    refused: tuple[str, ...] = ()


def normalise_line_endings(raw: bytes) -> bytes:
    """Bare LF becomes CRLF (as Postfix reads it); a bare CR becomes a space.

    A bare CR must not become a line break: "Subject: x\\rBcc: y" would turn into a real Bcc
    header after the check had read it as part of the subject. What is checked is what is relayed.
    """
    return _BARE_LF.sub(b"\r\n", _BARE_CR.sub(b" ", raw))


def with_verdict_header(raw: bytes, value: str) -> bytes:
    """The message with any incoming X-SafeHaven-* headers removed and our own verdict on top.

    The original bytes are otherwise kept as they are (DKIM signatures stay valid); the header is
    folded by email.policy.SMTP so that it ends in CRLF.
    """
    raw = normalise_line_endings(raw)
    head, sep, body = raw.partition(b"\r\n\r\n")
    if not sep:
        head, body = raw, b""
    kept: list[bytes] = []
    skipping = False
    for line in head.split(b"\r\n"):
        if line[:1] in (b" ", b"\t") and kept is not None:
            if not skipping:
                kept.append(line)
            continue
        skipping = bool(_OWN_HEADER.match(line))
        if not skipping:
            kept.append(line)
    header = SMTP.fold(VERDICT_HEADER, value).encode("ascii", "replace")
    return header + b"\r\n".join(kept) + b"\r\n\r\n" + body


def relay(
    raw: bytes,
    *,
    sender: str,
    recipients: Sequence[str],
    host: str,
    port: int,
    timeout: float = 60.0,
) -> RelayOutcome:
    """Sends to the relay. A refused connection or a 4xx is temporary; a 5xx is not."""
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as client:
            refused = client.sendmail(sender, list(recipients), raw)
    except smtplib.SMTPRecipientsRefused as exc:
        codes = [c for c, _ in exc.recipients.values()]
        temporary = any(400 <= c < 500 for c in codes)
        return RelayOutcome(False, temporary, max(codes, default=550), "relay refused recipients")
    except smtplib.SMTPResponseException as exc:
        return RelayOutcome(False, 400 <= exc.smtp_code < 500, exc.smtp_code, "relay refused")
    except (TimeoutError, OSError, smtplib.SMTPException) as exc:
        return RelayOutcome(False, True, 451, f"relay unreachable ({type(exc).__name__})")
    return RelayOutcome(True, False, 250, "relayed", tuple(refused))
