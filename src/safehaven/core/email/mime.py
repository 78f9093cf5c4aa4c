"""Reading a MIME message defensively: bodies, attachments and what could not be read.

Nothing here raises on bad input: malformed structure, unknown charsets, nesting and oversized
parts become `Problem`s that the checks turn into findings (usually a hold with the reason).
"""

from __future__ import annotations

import email
import email.errors
import email.policy
from dataclasses import dataclass, field
from email.message import EmailMessage, Message

from safehaven.core.email import engine
from safehaven.core.email.htmltext import html_to_text

MAX_DEPTH = 5  # nested message/rfc822 levels read; deeper is held for a person to look at
MAX_PARTS = 300
MAX_BODY_CHARS = 2_000_000

_STRUCTURAL_DEFECTS = (
    email.errors.StartBoundaryNotFoundDefect,
    email.errors.MultipartInvariantViolationDefect,
    email.errors.NoBoundaryInMultipartDefect,
    email.errors.MissingHeaderBodySeparatorDefect,
    email.errors.MisplacedEnvelopeHeaderDefect,
)


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that stops part of the message being checked. `serious` means hold."""

    reason: str
    serious: bool


@dataclass(frozen=True, slots=True)
class Attachment:
    name: str
    content_type: str
    size: int
    text: str
    readable: bool


@dataclass
class Extracted:
    plain: str | None = None
    html: str | None = None
    attachments: list[Attachment] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    forwarded_messages: int = 0
    parts: int = 0


def parse(raw: bytes) -> EmailMessage:
    """Parses raw bytes with the modern policy; never raises for malformed input."""
    return email.message_from_bytes(raw, policy=email.policy.default)  # type: ignore[return-value]


def _text_of(part: Message, problems: list[Problem]) -> str:
    charset = part.get_content_charset() or "us-ascii"
    try:
        text = part.get_content()  # type: ignore[attr-defined]
        if isinstance(text, bytes):
            text = text.decode("utf-8", errors="replace")
        return str(text)
    except LookupError:
        problems.append(
            Problem(
                f"unknown character set {charset[:40]!r}: read as UTF-8 with replacements", False
            )
        )
    except Exception:  # noqa: BLE001 - any decoding failure falls back to lenient bytes
        problems.append(Problem("a text part could not be decoded cleanly", False))
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes):
        return payload.decode("utf-8", errors="replace")
    return str(part.get_payload() or "")


def _filename(part: Message) -> str:
    try:
        return str(part.get_filename() or "")
    except Exception:  # noqa: BLE001 - malformed RFC 2231 parameters
        return ""


def _is_attachment(part: Message) -> bool:
    try:
        disposition = (part.get_content_disposition() or "").lower()
    except Exception:  # noqa: BLE001
        disposition = ""
    return disposition == "attachment" or bool(_filename(part))


def extract(msg: Message) -> Extracted:
    out = Extracted()
    _walk(msg, out, depth=0, top=True)
    return out


def _defects(part: Message, out: Extracted) -> None:
    for defect in getattr(part, "defects", []):
        if isinstance(defect, _STRUCTURAL_DEFECTS):
            out.problems.append(
                Problem(f"malformed MIME structure ({type(defect).__name__})", True)
            )


def _walk(part: Message, out: Extracted, *, depth: int, top: bool) -> None:
    out.parts += 1
    if out.parts > MAX_PARTS:
        if out.parts == MAX_PARTS + 1:
            out.problems.append(Problem(f"more than {MAX_PARTS} MIME parts: the rest unread", True))
        return
    _defects(part, out)
    ctype = part.get_content_type()
    if ctype == "message/rfc822" or (part.is_multipart() and ctype.startswith("message/")):
        out.forwarded_messages += 1
        if depth + 1 > MAX_DEPTH:
            out.problems.append(
                Problem(f"messages nested more than {MAX_DEPTH} deep: the inner ones unread", True)
            )
            return
        inner_list = part.get_payload()
        inner = inner_list[0] if isinstance(inner_list, list) and inner_list else None
        if not isinstance(inner, Message):
            out.problems.append(Problem("an attached message is empty or malformed", True))
            return
        sub = Extracted()
        _walk(inner, sub, depth=depth + 1, top=True)
        text = "\n".join(
            t
            for t in [
                sub.plain if sub.plain is not None else html_to_text(sub.html or ""),
                *(a.text for a in sub.attachments),
            ]
            if t
        )
        subject = str(inner.get("Subject", "") or "")[:80]
        out.attachments.append(
            Attachment(f"attached message: {subject}", ctype, len(text), text, True)
        )
        out.problems.extend(sub.problems)
        out.forwarded_messages += sub.forwarded_messages
        out.parts += sub.parts
        return
    if part.is_multipart():
        payload = part.get_payload()
        if not isinstance(payload, list):
            out.problems.append(Problem("a multipart part has no parts", True))
            return
        for child in payload:
            if isinstance(child, Message):
                _walk(child, out, depth=depth, top=False)
        return
    if _is_attachment(part) or not ctype.startswith("text/"):
        _attachment(part, out)
        return
    text = _text_of(part, out.problems)
    if len(text) > MAX_BODY_CHARS:
        out.problems.append(
            Problem(
                f"a text part of {len(text) // 1_000_000} MB: only the first 2 MB checked", True
            )
        )
        text = text[:MAX_BODY_CHARS]
    if ctype == "text/html":
        if out.html is None:
            out.html = text
        else:
            out.attachments.append(
                Attachment("inline HTML", ctype, len(text), html_to_text(text), True)
            )
    elif out.plain is None:
        out.plain = text
    else:
        out.attachments.append(Attachment("inline text", ctype, len(text), text, True))


def _attachment(part: Message, out: Extracted) -> None:
    name = _filename(part)
    ctype = part.get_content_type()
    try:
        data = part.get_payload(decode=True)
    except Exception:  # noqa: BLE001
        data = None
    if not isinstance(data, bytes):
        out.problems.append(Problem(f"attachment {name or ctype} could not be decoded", True))
        return
    try:
        text, notes = engine.attachment_text(name, ctype, data)
    except engine.Unsupported as exc:
        out.problems.append(Problem(str(exc), False))
        out.attachments.append(Attachment(name, ctype, len(data), "", False))
        return
    except engine.Unreadable as exc:
        out.problems.append(Problem(str(exc), True))
        out.attachments.append(Attachment(name, ctype, len(data), "", False))
        return
    except Exception:  # noqa: BLE001 - a damaged file must not stop the check
        out.problems.append(
            Problem(f"attachment {name or ctype} could not be read (damaged)", True)
        )
        out.attachments.append(Attachment(name, ctype, len(data), "", False))
        return
    out.problems.extend(Problem(n, False) for n in notes)
    out.attachments.append(Attachment(name, ctype, len(data), text, True))
