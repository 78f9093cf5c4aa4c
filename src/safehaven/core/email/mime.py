"""Reading a MIME message defensively: bodies, attachments and what could not be read.

Nothing here raises on bad input: malformed structure, unknown charsets, nesting and oversized
parts become `Problem`s that the checks turn into findings (usually a hold with the reason).
"""

from __future__ import annotations

import binascii
import email
import email.errors
import email.parser
import email.policy
import itertools
import secrets
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
    blobs: dict[str, bytes] = field(default_factory=dict, repr=False)


class _RememberingPolicy(email.policy.EmailPolicy):
    """`email.policy.default` that parses each distinct header (name and raw value) once.

    The modern policy parses a header again on every `msg.get()`, and reading one part asks
    for its Content-Type and Content-Disposition several times (type, charset, filename,
    attachment or not): ~3 ms of a 20 KB message's check went to re-parsing the same few lines,
    which are also the same from one message to the next. Parsed headers are immutable
    (`str` subclasses with read-only attributes), so one object can be handed out again."""

    def header_fetch_parse(self, name, value):  # noqa: ANN001, ANN201 - the stdlib's signature
        if hasattr(value, "name"):
            return value
        key = (name, value)
        found = _PARSED.get(key)
        if found is None:
            found = super().header_fetch_parse(name, value)
            if len(_PARSED) >= _PARSED_MAX:
                _PARSED.clear()
            _PARSED[key] = found
        return found


_PARSED: dict[tuple[str, str], object] = {}
_PARSED_MAX = 4096
POLICY = _RememberingPolicy()


def parse(raw: bytes) -> EmailMessage:
    """Parses raw bytes with the modern policy; never raises for malformed input.

    A large message (CRLF line endings, as the gateway hands on) first has its big base64
    attachments set aside (see `_set_aside`): the standard library's parser reads a message
    line by line, and a 1 MB PDF is ~23,000 base64 lines (~50 ms of its ~55 ms on this machine).
    The parts are then decoded in one call each when `extract` reads them.
    """
    single = _parse_single_part(raw)
    if single is not None:
        return single
    blobs: dict[str, bytes] = {}
    if len(raw) >= FAST_MIN_BYTES and b"\r\n" in raw[:4096]:
        try:
            raw, blobs = _set_aside(bytes(raw))
        except Exception:  # noqa: BLE001 - anything odd: the standard parser reads it all
            blobs = {}
    msg = email.message_from_bytes(raw, policy=POLICY)
    if blobs:
        msg._safehaven_blobs = blobs  # type: ignore[attr-defined]
    return msg  # type: ignore[return-value]


def _parse_single_part(raw: bytes) -> EmailMessage | None:
    """A message that is not multipart (nor message/*): the header block parsed by the standard
    parser, the rest set as the payload as it would have set it (the ASCII/surrogateescape text
    of the remaining lines, joined). The parser reads the body line by line only to join the
    lines again: ~0.6 ms of a 20 KB message. None when anything is unusual (no CRLF blank line,
    a defect, a header block that ends earlier, a multipart or message type): the standard
    parser then reads it all, as before."""
    end = raw.find(b"\r\n\r\n")
    if end < 0:
        return None
    msg = email.message_from_bytes(raw[: end + 4], policy=POLICY)
    if msg.defects or msg._payload or msg.get_content_maintype() in ("multipart", "message"):  # noqa: SLF001
        return None
    msg._payload = bytes(raw[end + 4 :]).decode("ascii", "surrogateescape")  # noqa: SLF001
    return msg  # type: ignore[return-value]


# Messages from this size, attachments from _BLOB_MIN_BYTES of base64, are read the fast way.
FAST_MIN_BYTES = 256 * 1024
_BLOB_MIN_BYTES = 64 * 1024
_HEADERS = email.parser.BytesHeaderParser(policy=email.policy.compat32)


def _set_aside(raw: bytes, depth: int = 0) -> tuple[bytes, dict[str, bytes]]:
    """`raw` with each large base64 non-text leaf part's body replaced by a token, and the
    bodies by token. Only well-formed multipart structure is touched: a part whose delimiter
    lines cannot be found exactly is left for the standard parser (and its defect reports)."""
    end = raw.find(b"\r\n\r\n")
    if end < 0 or depth > 3:
        return raw, {}
    head = _HEADERS.parsebytes(raw[: end + 4])
    if head.get_content_maintype() != "multipart":
        return raw, {}
    boundary = head.get_param("boundary")
    if not isinstance(boundary, str) or not boundary or len(boundary) > 200:
        return raw, {}
    delimiter = b"\r\n--" + boundary.encode("ascii")
    body = b"\r\n" + raw[end + 4 :]
    cuts: list[tuple[int, int, bool]] = []  # (delimiter start, line end, closing)
    pos = body.find(delimiter)
    while pos != -1:
        after = pos + len(delimiter)
        line_end = body.find(b"\r\n", after)
        if line_end == -1:
            line_end = len(body)
        rest = body[after:line_end]
        closing = rest.startswith(b"--")
        if (rest[2:] if closing else rest).strip(b" \t") == b"":
            cuts.append((pos, line_end, closing))
            if closing:
                break
        pos = body.find(delimiter, after)
    if len(cuts) < 2 or not cuts[-1][2]:
        return raw, {}
    blobs: dict[str, bytes] = {}
    out = [body[: cuts[0][1]]]
    for (_, line_end, _), (next_start, next_line_end, _) in itertools.pairwise(cuts):
        part = body[line_end + 2 : next_start] if line_end + 2 <= next_start else b""
        out.append(b"\r\n" + _part_aside(part, blobs, depth))
        out.append(body[next_start:next_line_end])
    out.append(body[cuts[-1][1] :])
    return raw[: end + 4] + b"".join(out)[2:], blobs


def _part_aside(part: bytes, blobs: dict[str, bytes], depth: int) -> bytes:
    end = part.find(b"\r\n\r\n")
    if end < 0:
        return part
    head = _HEADERS.parsebytes(part[: end + 4])
    maintype = head.get_content_maintype()
    if maintype == "multipart":
        inner, found = _set_aside(part, depth + 1)
        blobs.update(found)
        return inner
    cte = str(head.get("Content-Transfer-Encoding", "")).strip().lower()
    content = part[end + 4 :]
    if cte != "base64" or maintype in {"text", "message"} or len(content) < _BLOB_MIN_BYTES:
        return part
    token = f"SAFEHAVENBLOB{secrets.token_hex(8)}N{len(blobs)}"
    blobs[token] = content
    return part[: end + 4] + token.encode("ascii")


def _decode_blob(data: bytes) -> bytes | None:
    try:
        return binascii.a2b_base64(data)
    except binascii.Error:
        try:  # the standard library also forgives missing padding
            return binascii.a2b_base64(data.rstrip() + b"==")
        except binascii.Error:
            return None


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
    out = Extracted(blobs=getattr(msg, "_safehaven_blobs", None) or {})
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
        sub = Extracted(blobs=out.blobs)
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
    payload = part.get_payload() if out.blobs else None
    try:
        if isinstance(payload, str) and payload.strip() in out.blobs:
            data = _decode_blob(out.blobs[payload.strip()])
        else:
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
