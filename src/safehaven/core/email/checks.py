"""The email checks: one message, the policy and the records in; a verdict with findings out.

`check_message` never raises for a bad message: what cannot be read is held with the reason.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import getaddresses
from typing import Any

from rapidfuzz import fuzz

from safehaven.core.email import engine, mime
from safehaven.core.email.addresses import is_generic_mailbox, lookalike_of, split_address
from safehaven.core.email.directory import Directory, ServiceUserRef
from safehaven.core.email.draft import address_problem
from safehaven.core.email.htmltext import html_to_text
from safehaven.core.email.policy import Policy
from safehaven.core.email.trails import (
    Trail,
    find_trail_html,
    find_trail_text,
    html_parts_text,
    reply_or_forward,
    trail_content,
)
from safehaven.core.findings import Finding, Severity, worst

VERDICTS = {
    Severity.INFO: "allow",
    Severity.WARN: "warn",
    Severity.HOLD: "hold",
    Severity.BLOCK: "block",
}
EXIT_STATUS = {"allow": 0, "warn": 1, "hold": 2, "block": 3}
# Characters of body, trail and attachment text read per message (see _check).
MAX_ANALYSED_CHARS = 300_000

_IDENTIFIABLE = {"DATE_OF_BIRTH", "STREET_ADDRESS", "UK_POSTCODE"}
_IDENTIFIERS = {"UK_UPN", "UK_NHS", "UK_ULN", "UK_CHI", "UK_HC", "UK_NINO"}
# How each kind of detail is named in a finding's message: (one, several).
_DETAIL_WORDS = {
    "full name": ("full name", "full names"),
    "date of birth": ("date of birth", "dates of birth"),
    "street address": ("street address", "street addresses"),
    "uk postcode": ("UK postcode", "UK postcodes"),
}


def _counted(n: int, kind: str) -> str:
    """ "1 date of birth", "2 full names", "3 UK postcodes"."""
    one, several = _DETAIL_WORDS.get(kind, (kind, kind))
    return f"{n} {one if n == 1 else several}"


_RANK = {"none": 0, "personal": 1, "sensitive": 2}
_WORDS = re.compile(r"[^\W_]{2,}")

_SALUTATION = re.compile(
    r"^\s*(?:dear|hi|hello|hey|morning|good (?:morning|afternoon|evening))\s+"
    r"(?:(?:mr|mrs|ms|miss|mx|dr|prof)\.?\s+)?([A-Z][\w'\-]+)(?:\s+([A-Z][\w'\-]+))?",
    re.IGNORECASE,
)
_GROUP_SALUTATIONS = {
    "all",
    "team",
    "colleague",
    "colleagues",
    "sir",
    "madam",
    "sirs",
    "everyone",
    "there",
    "parent",
    "parents",
    "carer",
    "carers",
    "both",
    "you",
    "folks",
}


@dataclass(frozen=True, slots=True)
class EmailCheckResult:
    """The verdict on one message. `summary` holds counts only, never personal data."""

    verdict: str
    findings: tuple[Finding, ...]
    policy_version: str
    classification: str = "none"
    special_categories: tuple[str, ...] = ()
    desensitised_body: str | None = None
    stripped_trail_body: str | None = None
    service_users: tuple[ServiceUserRef, ...] = ()
    summary: dict[str, Any] = field(default_factory=dict)
    # `content_fingerprint` of the subject and body: how the gateway recognises a message
    # whose warning the sender overrode at the pre-send check (not in `as_dict`).
    fingerprint: str = ""

    @property
    def exit_status(self) -> int:
        return EXIT_STATUS[self.verdict]

    def rules(self) -> set[str]:
        return {f.rule for f in self.findings}

    def as_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict,
            "findings": [f.as_dict() for f in self.findings],
            "policy_version": self.policy_version,
            "classification": self.classification,
            "special_categories": list(self.special_categories),
            "service_users": [{"id": s.id, "display": s.display} for s in self.service_users],
            "desensitised_body": self.desensitised_body,
            "stripped_trail_body": self.stripped_trail_body,
            "summary": self.summary,
        }


def _addresses(msg: EmailMessage, names: Sequence[str]) -> list[tuple[str, str]]:
    values: list[tuple[str, str]] = []
    wanted = {n.lower() for n in names}
    for name, raw in msg.raw_items():
        if name.lower() not in wanted:
            continue
        try:
            header = msg.policy.header_fetch_parse(name, raw)
            values.extend((a.display_name, a.addr_spec) for a in header.addresses)
        except Exception:  # noqa: BLE001 - a malformed header (the stdlib can even IndexError)
            values.extend(getaddresses([str(raw)]))
    return [(n, a.strip().lower()) for n, a in values if "@" in (a or "")]


# An empty group, as mail programs write for Bcc-only mail: "undisclosed-recipients:;".
_EMPTY_GROUP = re.compile(r"[^:@<>\"]*:\s*;\s*")


def _recipient_problems(msg: EmailMessage) -> list[tuple[str, str]]:
    """(header name, why it cannot be read) for each To, Cc or Bcc line that does not hold a
    readable list of addresses."""
    out = []
    for raw_name, raw in msg.raw_items():
        name = raw_name.title()
        if name not in ("To", "Cc", "Bcc"):
            continue
        text = str(raw)  # as written, so the message quotes what the sender typed
        if "=?" in text:  # encoded words ("=?utf-8?q?J=C3=B6rg?= <j@x.de>"): decode them
            with contextlib.suppress(Exception):  # the stdlib's parsing can fail on anything
                text = str(msg.policy.header_fetch_parse(raw_name, raw))
        text = " ".join(text.split())  # folded lines
        if not text or _EMPTY_GROUP.fullmatch(text):
            continue
        problem = address_problem(text)
        if problem:
            out.append((name, problem))
    return out


def content_fingerprint(*, subject: str, body: str) -> str:
    """SHA-256 of the subject and the body text with all whitespace runs made one space.

    The same for a draft checked at the pre-send page and the message a mail program then sends
    (re-wrapped lines, format=flowed, quoted-printable, CRLF and trailing blank lines do not
    change it); a signature added after the check, or any edit, does. Not a secret: a digest
    of text the gateway sees anyway, stored without the text."""
    canonical = " ".join(subject.split()) + "\n" + " ".join(body.split())
    return hashlib.sha256(canonical.encode("utf-8", "surrogatepass")).hexdigest()


def _subject(msg: EmailMessage) -> str:
    try:
        return str(msg.get("Subject", "") or "")
    except Exception:  # noqa: BLE001 - a header the parser cannot read
        return ""


def _first_nonblank_lines(text: str, n: int) -> list[str]:
    """`[ln for ln in text.splitlines() if ln.strip()][:n]`, reading only the start of `text`.

    Every line of a prefix's `splitlines()` but its last is a whole line of the text, the same
    at the same place (the one break of two characters, CRLF, cut after its CR still ends the
    line before it), so the first `n` non-blank lines are settled once the last of them is not
    the prefix's last line. (Splitting the whole 20 KB body for three lines was ~0.1 ms.)"""
    size = 2048
    while size < len(text):
        lines = text[:size].splitlines()
        found = [i for i, line in enumerate(lines) if line.strip()][:n]
        if len(found) == n and found[-1] < len(lines) - 1:
            return [lines[i] for i in found]
        size *= 4
    return [line for line in text.splitlines() if line.strip()][:n]


def _worse(a: str, b: str) -> str:
    return a if _RANK.get(a, 0) >= _RANK.get(b, 0) else b


def _sentence(text: str) -> str:
    """`text` ending in one full stop: initials ("Z.B."), a domain or a reason may already end
    in one, and "Z.B.." reads as a typing slip in a finding."""
    return text if text.endswith((".", "?", "!")) else text + "."


def _category_text(categories: Sequence[str]) -> str:
    return ", ".join(c.replace("_", " ") for c in categories) or "special category"


def _recipient_name_tokens(
    display: str, address: str, directory: Directory, policy: Policy
) -> set[str]:
    tokens: set[str] = set()
    contact = directory.contact(address=address)
    if contact and contact.name:
        tokens |= {t.lower() for t in re.split(r"[\s,.]+", contact.name) if len(t) > 1}
    if display:
        tokens |= {t.lower() for t in re.split(r"[\s,.'\"]+", display) if len(t) > 1}
    local, _ = split_address(address)
    if not is_generic_mailbox(local, policy.generic_mailboxes):
        tokens |= {t.lower() for t in re.split(r"[._\-+\d]+", local) if len(t) > 1}
    # Role words ("Info", "Office") in a display name are not a person's name.
    return {t for t in tokens if t not in policy.generic_mailboxes}


def check_message(
    message: EmailMessage | bytes,
    *,
    policy: Policy,
    directory: Directory,
    sender: str | None = None,
    recipients: Sequence[str] | None = None,
    offer_rewrites: bool = True,
    fingerprint_verdicts: Collection[str] | None = None,
) -> EmailCheckResult:
    """Checks a message against EMAIL-1..6, SENS-2 and SENS-3; never raises for a bad message.

    `sender` and `recipients` default to the From and To/Cc/Bcc headers (the gateway passes the
    SMTP envelope). `offer_rewrites=False` skips building the de-sensitised body, which only a
    person at a screen can use (the gateway turns it off). `fingerprint_verdicts`: the verdicts
    whose result carries the content fingerprint (None: all; the gateway asks for "warn" only,
    the one verdict it looks up an override for: ~0.4 ms a 20 KB message otherwise).
    """
    try:
        msg = mime.parse(message) if isinstance(message, bytes | bytearray) else message
        return _check(
            msg,
            policy=policy,
            directory=directory,
            sender=sender,
            recipients=recipients,
            offer_rewrites=offer_rewrites,
            fingerprint_verdicts=fingerprint_verdicts,
        )
    except Exception as exc:  # noqa: BLE001 - a verdict must always be reached
        finding = Finding(
            rule="EMAIL-1",
            severity=policy.sev("unreadable_content"),
            message=(
                "The message could not be checked "
                f"({type(exc).__name__}); it is held for an authoriser to look at."
            ),
            evidence={"error": type(exc).__name__},
        )
        return EmailCheckResult(
            verdict=VERDICTS[finding.severity],
            findings=(finding,),
            policy_version=policy.version,
            summary={"engine": engine.ENGINE, "error": type(exc).__name__},
        )


def html_says_more(alt_text: str, plain: str) -> bool:
    """True when the HTML's text has a word (`_WORDS`, case-folded) that the plain part lacks.

    Exact, and cheaper than the two word sets of the whole texts: `_WORDS` matches never cross
    whitespace, and `str.lower` of a whitespace-separated token does not depend on the text
    around it (its only context rule, the final sigma, stops at whitespace), so the words of a
    text are the words of its distinct tokens. The HTML's words that the plain part lacks can
    only come from its tokens that the plain part lacks; only those are read for words, and the
    plain part's words only when they give any.
    """
    alt_tokens = alt_text.split()
    plain_tokens = plain.split()
    if alt_tokens == plain_tokens:
        return False
    plain_set = set(plain_tokens)
    extra = set(alt_tokens) - plain_set
    if not extra:
        return False
    new_words = set(_WORDS.findall(" ".join(extra).lower()))
    if not new_words:
        return False
    return bool(new_words - set(_WORDS.findall(" ".join(plain_set).lower())))


def _check(
    msg: EmailMessage,
    *,
    policy: Policy,
    directory: Directory,
    sender: str | None,
    recipients: Sequence[str] | None,
    offer_rewrites: bool,
    fingerprint_verdicts: Collection[str] | None = None,
) -> EmailCheckResult:
    findings: list[Finding] = []

    def add(rule: str, severity: Severity, message: str, **evidence: Any) -> None:
        findings.append(Finding(rule=rule, severity=severity, message=message, evidence=evidence))

    header_rcpts = _addresses(msg, ["To", "Cc", "Bcc"])
    if not recipients:
        # The recipients come from the headers (a draft, an uploaded message): one that cannot
        # be read is not silently dropped (the gateway has the envelope's recipients instead).
        for name, problem in _recipient_problems(msg):
            add(
                "EMAIL-4",
                Severity.HOLD,
                f"The {name} line cannot be read: {problem}. A message whose recipients cannot "
                "be read is held: correct the address and check the message again.",
                header=name,
            )
    display_of = {a: n for n, a in header_rcpts}
    rcpts = [r.strip().lower() for r in recipients] if recipients else [a for _, a in header_rcpts]
    rcpts = list(dict.fromkeys(r for r in rcpts if r))
    if sender is None:
        froms = _addresses(msg, ["From"])
        sender = froms[0][1] if froms else ""
    sender = (sender or "").strip().lower()

    ex = mime.extract(msg)

    # Body and trail.
    trail: Trail | None = None
    trail_part = ""
    if ex.plain is not None:
        body = ex.plain
        fingerprint_body = body
        trail = find_trail_text(body)
        trail_part = "text/plain"
        top = body[: trail.start] if trail else body
        trail_text = body[trail.start :] if trail else ""
    elif ex.html is not None:
        trail = find_trail_html(ex.html)
        trail_part = "text/html"
        top, trail_text = html_parts_text(ex.html, trail)  # one HTML-to-text pass per part
        fingerprint_body = top + "\n" + trail_text
    else:
        top = trail_text = fingerprint_body = ""

    # The sensitivity engine's cost grows with the text; past the budget the rest is not read
    # and the message is held (a person looks at it) rather than passed unchecked.
    budget = [MAX_ANALYSED_CHARS]

    def within_budget(text: str) -> str:
        if len(text) > budget[0]:
            ex.problems.append(
                mime.Problem(
                    f"the message holds more text than the checks read ({MAX_ANALYSED_CHARS:,} "
                    "characters): the rest was not checked",
                    True,
                )
            )
            text = text[: budget[0]]
        budget[0] -= len(text)
        return text

    top = within_budget(top)
    a_top = engine.analyse(top)
    quoted = within_budget(trail_content(trail_text)) if trail_text else ""
    a_trail = engine.analyse(quoted) if quoted.strip() else None
    a_atts = [
        (att, engine.analyse(within_budget(att.text))) for att in ex.attachments if att.text.strip()
    ]
    # A plain-text body with an HTML alternative: mail programs show the HTML, so words that
    # only the HTML has are checked too (one analysis more only when the two differ).
    a_alt = None
    if ex.plain is not None and ex.html is not None:
        alt_text = html_to_text(ex.html)
        if html_says_more(alt_text, ex.plain):
            a_alt = engine.analyse(within_budget(alt_text))
            add(
                "EMAIL-1",
                Severity.INFO,
                "The HTML version of the message says more than the plain-text version: "
                "both were checked.",
                part="text/html",
            )
    analyses = [
        a_top,
        *([a_trail] if a_trail else []),
        *([a_alt] if a_alt else []),
        *(a for _, a in a_atts),
    ]
    classification = "none"
    categories: set[str] = set()
    for a in analyses:
        classification = _worse(classification, a.classification)
        categories |= set(a.special_categories)
    sensitive = classification == "sensitive"
    personal = classification in {"personal", "sensitive"}
    spans = [s for a in analyses for s in a.spans]
    names = sorted({s.text for s in spans if s.type == "PERSON"})
    identifiers = sorted({s.text for s in spans if s.type in _IDENTIFIERS})
    service_users = directory.service_users_in(names=names, identifiers=identifiers)
    su_ids = [s.id for s in service_users]

    external = [r for r in rcpts if not policy.is_internal(split_address(r)[1])]
    known = frozenset(  # a frozenset: `lookalike_of` keeps what it works out per set
        (
            *policy.partner_domains,
            *policy.internal_domains,
            *policy.secure_domains,
            *directory.known_domains(),
            *policy.webmail_domains,
        )
    )

    # Recipients.
    for rcpt in rcpts:
        local, domain = split_address(rcpt)
        is_external = rcpt in external
        look = lookalike_of(domain, known, max_distance=policy.lookalike_max_distance)
        if look is not None:
            add(
                "EMAIL-4",
                policy.sev("lookalike_domain"),
                f"{rcpt}: the domain {look.domain} looks like {look.resembles} ({look.how}). "
                f"Check the address; if you meant {look.resembles}, correct it.",
                recipient_domain=look.domain,
                resembles=look.resembles,
                how=look.how,
            )
        for r in directory.restrictions(address=rcpt, service_user_ids=su_ids):
            add(
                "EMAIL-4",
                policy.sev("contact_restriction"),
                f"{rcpt}: a contact restriction is on record ({r.reason}). "
                "Do not send; speak to the case holder or the DPO.",
                restriction=r.reason,
            )
        if not is_external:
            continue
        security = policy.domain_security(domain)
        webmail = policy.is_webmail(domain)
        where = "public webmail, never secure" if webmail else "not on the secure-domain list"
        if sensitive and security is None:
            add(
                "EMAIL-1",
                policy.sev("insecure_sensitive"),
                f"Sensitive information ({_category_text(sorted(categories))}) to {rcpt}: "
                f"{domain} is {where}. Send it by secure email or share it another safe way.",
                recipient_domain=domain,
                webmail=webmail,
            )
        elif personal and security is None:
            add(
                "SENS-3",
                policy.sev("insecure_personal"),
                f"Personal information to {rcpt}: {domain} is {where}. "
                "Use the safest route available (a secure address, or a phone call).",
                recipient_domain=domain,
                webmail=webmail,
            )
        contact = directory.contact(address=rcpt)
        if personal and contact and contact.secure_address and contact.secure_address != rcpt:
            add(
                "SENS-3",
                Severity.WARN,
                f"{rcpt} has a secure address on record ({contact.secure_address}): use it.",
                secure_address=contact.secure_address,
            )
        if is_generic_mailbox(local, policy.generic_mailboxes):
            if personal and not directory.generic_consent(address=rcpt, service_user_ids=su_ids):
                add(
                    "EMAIL-4",
                    policy.sev("generic_without_consent"),
                    f"{rcpt} is a generic mailbox that several people may read, and no consent to "
                    "share with it is on record. Get consent first, or write to a named person.",
                    mailbox="generic",
                )
            else:
                add(
                    "EMAIL-4",
                    Severity.INFO,
                    f"{rcpt} is a generic mailbox: check who reads it"
                    + (" (consent is on record)." if personal else "."),
                    mailbox="generic",
                )
        if sender and not directory.has_written_to(sender=sender, address=rcpt):
            first_domain = not directory.has_written_to_domain(sender=sender, domain=domain)
            add(
                "EMAIL-4",
                policy.sev("first_time_recipient"),
                _sentence(
                    f"This is the first time you have written to {rcpt}"
                    + (f" or anyone at {domain}" if first_domain else "")
                )
                + " Check that it is the right person.",
                first_time_domain=first_domain,
            )
        if service_users:
            linked = directory.linked_service_users(address=rcpt)
            missing = [s for s in service_users if s.id not in linked]
            if missing:
                add(
                    "EMAIL-4",
                    policy.sev(
                        "unlinked_service_user_sensitive" if sensitive else "unlinked_service_user"
                    ),
                    f"{rcpt} has no link on record to {', '.join(s.display for s in missing)}, "
                    "who the message is about. Check the recipient is involved.",
                    service_user_ids=[s.id for s in missing],
                )

    # Salutation against the recipients' names.
    for line in _first_nonblank_lines(top, 3):
        m = _SALUTATION.match(line)
        if not m:
            continue
        said = [t for t in m.groups() if t]
        if said[0].lower() in _GROUP_SALUTATIONS:
            break
        primary = [a for _, a in _addresses(msg, ["To"])] or rcpts
        known_tokens: set[str] = set()
        for r in primary:
            known_tokens |= _recipient_name_tokens(display_of.get(r, ""), r, directory, policy)
        if known_tokens and not any(
            fuzz.ratio(t.lower(), k) >= policy.salutation_min_similarity
            for t in said
            for k in known_tokens
        ):
            add(
                "EMAIL-4",
                policy.sev("salutation_mismatch"),
                f'The greeting names "{" ".join(said)}", which does not match the recipient. '
                "Check you are writing to the right person.",
                salutation_offset=top.find(line),
            )
        break

    # Reply and forward, trails.
    rf = reply_or_forward(msg, trail)
    is_rf = rf.is_reply or rf.is_forward or ex.forwarded_messages > 0
    if is_rf:
        kind = "forward" if rf.is_forward or ex.forwarded_messages else "reply"
        reasons = list(rf.reasons) + (["attached message"] if ex.forwarded_messages else [])
        add(
            "EMAIL-5",
            policy.sev("reply_or_forward_external") if external else Severity.INFO,
            f"This is a {kind} ({'; '.join(reasons)}). Start a new email and copy only what "
            "is necessary.",
            kind=kind,
            reasons=reasons,
        )
    stripped: str | None = None
    if trail is not None:
        # Only the trail-free body is skipped without rewrites: the gateway (offer_rewrites=False)
        # holds a personal trail to an external recipient just as the pre-send check does.
        if offer_rewrites:
            stripped = top.rstrip() + "\n"
        if a_trail is not None and a_trail.classification != "none":
            counts = Counter(s.type for s in a_trail.spans)
            add(
                "EMAIL-6",
                policy.sev("trail_personal_external" if external else "trail_personal_internal"),
                "The quoted trail below your message holds "
                + ("sensitive" if a_trail.classification == "sensitive" else "personal")
                + " information. Delete the trail (a version without it is offered).",
                part=trail_part,
                start=trail.start,
                end=trail.end,
                marker=trail.marker,
                entities=dict(counts),
            )
    for att, a in a_atts:
        if att.content_type.startswith("message/") and a.classification != "none":
            add(
                "EMAIL-6",
                policy.sev("trail_personal_external" if external else "trail_personal_internal"),
                "An attached email holds personal information. Remove it and copy only what is "
                "necessary into your message.",
                attachment=att.content_type,
            )

    # Content.
    if sensitive:
        add(
            "SENS-2",
            Severity.INFO,
            "The message holds sensitive personal information "
            f"({_category_text(sorted(categories))}).",
            categories=sorted(categories),
        )
    top_spans = list(a_top.spans)
    full_names = [s for s in top_spans if s.type == "PERSON" and len(s.text.split()) >= 2]
    details = [s for s in top_spans if s.type in _IDENTIFIABLE]
    desensitised: str | None = None
    if full_names or details:
        kinds = Counter(
            "full name" if s.type == "PERSON" else s.type.lower().replace("_", " ")
            for s in [*full_names, *details]
        )
        desensitised = engine.desensitise(top, a_top) if offer_rewrites else None
        add(
            "EMAIL-2",
            policy.sev("identifiable_details_external") if external else Severity.INFO,
            "The message gives easily identifiable details ("
            + ", ".join(_counted(n, k) for k, n in sorted(kinds.items()))
            + _sentence(
                "). Use the UPN or initials where that will do (a de-sensitised version is offered)"
                + (
                    ": the records know them as " + ", ".join(s.display for s in service_users)
                    if service_users
                    else ""
                )
            ),
            counts=dict(kinds),
        )
    for att, a in a_atts:
        if not att.content_type.startswith("message/") and any(
            s.type in _IDENTIFIABLE or (s.type == "PERSON" and len(s.text.split()) >= 2)
            for s in a.spans
        ):
            add(
                "EMAIL-2",
                policy.sev("identifiable_details_external") if external else Severity.INFO,
                f"The attachment {att.name or att.content_type} gives easily identifiable details. "
                "De-sensitise it where the recipient does not need them.",
                attachment_type=att.content_type,
            )
    for p in dict.fromkeys(ex.problems):
        add(
            "EMAIL-1",
            policy.sev("unreadable_content") if p.serious else Severity.INFO,
            _sentence(
                ("Part of the message could not be checked: " if p.serious else "Note: ") + p.reason
            )
            + (" An authoriser must look at it before it goes." if p.serious else ""),
            problem=p.reason,
        )

    # Follow-up call.
    wants_call = {
        "never": False,
        "sensitive_external": sensitive and bool(external),
        "personal_external": personal and bool(external),
        "any_external": bool(external),
    }[policy.follow_up_call]
    if wants_call:
        add(
            "EMAIL-3",
            policy.sev("follow_up_call"),
            "Phone the recipient after sending to confirm they received it and what it is about.",
        )

    verdict = VERDICTS[worst(findings)]
    fingerprint = (
        content_fingerprint(subject=_subject(msg), body=fingerprint_body)
        if fingerprint_verdicts is None or verdict in fingerprint_verdicts
        else ""
    )
    summary = {
        "engine": engine.ENGINE,
        "recipients": len(rcpts),
        "external_recipients": len(external),
        "attachments": len(ex.attachments),
        "unreadable_attachments": sum(1 for a in ex.attachments if not a.readable),
        "trail": trail is not None,
        "entities": dict(Counter(s.type for s in spans)),
        "findings_by_rule": dict(Counter(f.rule for f in findings)),
        "service_users": len(service_users),
    }
    return EmailCheckResult(
        verdict=verdict,
        findings=tuple(findings),
        policy_version=policy.version,
        classification=classification,
        special_categories=tuple(sorted(categories)),
        desensitised_body=desensitised,
        stripped_trail_body=stripped,
        service_users=tuple(service_users),
        summary=summary,
        fingerprint=fingerprint,
    )


__all__ = ["EXIT_STATUS", "VERDICTS", "EmailCheckResult", "check_message", "content_fingerprint"]
