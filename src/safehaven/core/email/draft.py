"""A draft typed into a form or sent as JSON, turned into the MIME message the checks read.

For the pre-send API and web page: `POST /api/email/check` with JSON fields becomes
`check_message(draft_message(**fields), policy=..., directory=...)`.
"""

from __future__ import annotations

from collections.abc import Sequence
from email.message import EmailMessage
from email.policy import default


class DraftError(ValueError):
    """A draft field that cannot go into a message; the message names the field."""


def _addresses(field: str, values: Sequence[str] | str | None) -> str:
    if values is None:
        return ""
    items = [values] if isinstance(values, str) else list(values)
    for v in items:
        if "\r" in v or "\n" in v:
            raise DraftError(f"{field}: an address cannot contain a line break")
    return ", ".join(v.strip() for v in items if v.strip())


def draft_message(
    *,
    sender: str,
    to: Sequence[str] | str,
    subject: str = "",
    body: str = "",
    html: str | None = None,
    cc: Sequence[str] | str | None = None,
    bcc: Sequence[str] | str | None = None,
    in_reply_to: str | None = None,
    references: str | None = None,
    attachments: Sequence[tuple[str, str, bytes]] = (),
) -> EmailMessage:
    """An EmailMessage from draft fields; attachments are (filename, content type, bytes)."""
    msg = EmailMessage(policy=default)
    fields = {
        "From": _addresses("sender", sender),
        "To": _addresses("to", to),
        "Cc": _addresses("cc", cc),
        "Bcc": _addresses("bcc", bcc),
    }
    if not fields["To"] and not fields["Cc"] and not fields["Bcc"]:
        raise DraftError("to: give at least one recipient")
    for name in ("subject", "in_reply_to", "references"):
        value = locals()[name]
        if value and ("\r" in value or "\n" in value):
            raise DraftError(f"{name}: cannot contain a line break")
    try:
        for name, value in fields.items():
            if value:
                msg[name] = value
        msg["Subject"] = subject
        if in_reply_to:
            msg["In-Reply-To"] = in_reply_to
        if references:
            msg["References"] = references
    except (ValueError, TypeError) as exc:
        raise DraftError(f"a header could not be built: {exc}") from exc
    msg.set_content(body)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    for filename, content_type, data in attachments:
        maintype, _, subtype = (content_type or "application/octet-stream").partition("/")
        msg.add_attachment(
            data, maintype=maintype, subtype=subtype or "octet-stream", filename=filename
        )
    return msg
