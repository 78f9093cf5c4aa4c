"""A draft typed into a form or sent as JSON, turned into the MIME message the checks read.

For the pre-send API and web page: `POST /api/email/check` with JSON fields becomes
`check_message(draft_message(**fields), policy=..., directory=...)`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import default

_HOW = "enter it like name@school.sch.uk"
# A domain is dot-separated labels of letters (any script, for IDN), digits and inner hyphens.
_LABEL = re.compile(r"[^\W_](?:(?:[^\W_]|-){0,61}[^\W_])?\Z")
# The only parser defect a usable address may carry: a non-ASCII local part ("é@ü.de") is valid
# for mail servers that take SMTPUTF8, and the checks read it like any other address.
_ALLOWED_DEFECTS = frozenset({"NonASCIILocalPartDefect"})


class DraftError(ValueError):
    """A draft field that cannot go into a message; the message names the field.

    `field` is the draft field ("to", "sender", ...); for a bad address, `value` is the text
    given and `problem` the message without the field's name (for a caller that names the
    field itself, such as an API serializer).
    """

    def __init__(self, message: str, *, field: str = "", value: str = "", problem: str = ""):
        super().__init__(message)
        self.field = field
        self.value = value
        self.problem = problem or message


def _shown(value: str) -> str:
    text = " ".join(value.split())
    text = "".join(c if c.isprintable() else "\ufffd" for c in text)
    return text if len(text) <= 80 else text[:77] + "..."


def _why_not(text: str) -> str:
    """Why `text` is not one address, in a few words, for the error message."""
    text = text.strip()
    if "@" not in text:
        return "it has no @"
    if ";" in text:
        return "separate addresses with commas, not ';'"
    if "," in text.partition("<")[0] and "<" in text and '"' not in text:
        return 'a name with a comma in it goes in double quotes: "Jones, Sarah" <sj@nhs.net>'
    local, _, domain = text.strip("<>").rpartition("@")
    if not domain.strip():
        return "nothing comes after the @"
    if not local.strip():
        return "nothing comes before the @"
    if "@" in local and '"' not in local:
        return "it has more than one @"
    if ".." in text:
        return "it has two dots in a row"
    if text.endswith("."):
        return "it ends with a dot"
    if " " in text and "<" not in text:
        return "it has a space in it"
    return "it could not be read as an address"


def _domain_problem(domain: str) -> str:
    if not domain:
        return "nothing comes after the @"
    if domain.startswith("["):
        return f"{domain} is a network address, not a domain"
    labels = domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels) or len(domain) > 253:
        return f"{domain} is not a domain name"
    return ""


def address_problem(text: str) -> str:
    """Why `text` is not a usable list of addresses ("" when it is), naming it and what to do.

    Each address is a bare `name@school.sch.uk` or has a display name
    (`"Jones, Sarah" <sj@nhs.net>`); several may be separated by commas. Never raises.
    """
    try:
        return _problem_and_addresses(text)[0]
    except Exception:  # noqa: BLE001 - a defect of this function must not become a traceback
        return f"'{_shown(text)}' is not an email address: {_HOW}"


def _problem_and_addresses(text: str) -> tuple[str, tuple[Address, ...]]:
    value = text.strip()
    if "\r" in text or "\n" in text:
        return "an address cannot contain a line break", ()
    bad = f"'{_shown(value)}' is not an email address"
    try:
        # The header parser is the one the checks and mail programs read; it raises (e.g.
        # IndexError for "a@") or records defects for text that is not an address list.
        header = default.header_factory("To", value)
        defects = {type(d).__name__ for d in header.defects}
        groups = header.groups
    except Exception:  # noqa: BLE001 - the standard library's parser fails on some malformed text
        return f"{bad} ({_why_not(value)}): {_HOW}", ()
    if defects - _ALLOWED_DEFECTS or any(g.display_name is not None for g in groups):
        return f"{bad} ({_why_not(value)}): {_HOW}", ()
    addresses = tuple(a for g in groups for a in g.addresses)
    if not addresses:
        return f"{bad}: {_HOW}", ()
    for a in addresses:
        if not a.username:
            return f"{bad} (nothing comes before the @): {_HOW}", ()
        problem = _domain_problem(a.domain)
        if problem:
            shown = "" if len(addresses) == 1 else f" in '{_shown(a.addr_spec)}'"
            return f"{bad} ({problem}{shown}): {_HOW}", ()
    return "", addresses


def _addresses(
    field: str, values: Sequence[str] | str | None, *, single: bool = False
) -> list[Address]:
    """The addresses in a draft field, each value checked; DraftError names the bad one."""
    if values is None:
        return []
    items = [values] if isinstance(values, str) else list(values)
    out: list[Address] = []
    for v in items:
        if not isinstance(v, str):
            raise DraftError(
                f"{field}: give each address as text, {_HOW}",
                field=field,
                value=repr(v)[:80],
                problem=f"give each address as text, {_HOW}",
            )
        if not v.strip() and "\r" not in v and "\n" not in v:
            continue
        try:
            problem, found = _problem_and_addresses(v)
        except Exception:  # noqa: BLE001 - a defect of this function must not become a traceback
            problem, found = f"'{_shown(v)}' is not an email address: {_HOW}", ()
        if problem:
            raise DraftError(f"{field}: {problem}", field=field, value=v, problem=problem)
        out.extend(found)
    if single and len(out) > 1:
        problem = f"give one address, not {len(out)}"
        raise DraftError(
            f"{field}: {problem}", field=field, value=", ".join(map(str, items)), problem=problem
        )
    return out


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
    """An EmailMessage from draft fields; attachments are (filename, content type, bytes).

    Raises DraftError, naming the field and the text given, for an address that is not one
    (`a@`, `a@b@c`, `@`, a domain without a dot) and for a line break in any header field.
    """
    msg = EmailMessage(policy=default)
    fields = {
        "From": _addresses("sender", sender, single=True),
        "To": _addresses("to", to),
        "Cc": _addresses("cc", cc),
        "Bcc": _addresses("bcc", bcc),
    }
    if not fields["To"] and not fields["Cc"] and not fields["Bcc"]:
        raise DraftError("to: give at least one recipient", field="to")
    for name in ("subject", "in_reply_to", "references"):
        value = locals()[name]
        if value and ("\r" in value or "\n" in value):
            raise DraftError(f"{name}: cannot contain a line break", field=name)
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
