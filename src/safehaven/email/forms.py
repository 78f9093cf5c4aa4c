from __future__ import annotations

import re
from email.utils import getaddresses

from django import forms
from django.core.exceptions import ValidationError

from safehaven.core.email.draft import address_problem
from safehaven.web.forms import GovukFormMixin

_SPLIT = re.compile(r"[,;\s]+")
# Outlook separates with ";"; a display name may hold spaces ("Sarah Jones <sj@nhs.net>").
_LIST_SEP = re.compile(r"[;\n]+")


def split_addresses(text: str) -> list[str]:
    """The addresses in a To or Cc box: bare (`a@x.org, b@y.org`) or with names as a mail
    program copies them (`Sarah Jones <sj@nhs.net>; "Smith, Ann" <as@x.org>`)."""
    text = text or ""
    if "<" not in text and '"' not in text:
        return [a for a in _SPLIT.split(text) if a]
    out: list[str] = []
    for name, addr in getaddresses([_LIST_SEP.sub(",", text)]):
        value = addr.strip() or name.strip()
        if value:
            out.append(value)
    return out


MAX_UPLOAD_BYTES = 25 * 1024 * 1024
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Outlook .msg (and old Office files)
_HEADER_LINE = re.compile(rb"^[!-9;-~]{1,76}:")


def looks_like_message(head: bytes) -> bool:
    """Whether a file starts like an RFC 822 message: a header line (after any blank lines or
    an mbox "From " line), so a photo, a PDF or a note is told apart from a saved email."""
    lines = head.lstrip(b"\r\n").splitlines()
    if lines and lines[0].startswith(b"From "):
        lines = lines[1:]
    return bool(lines) and _HEADER_LINE.match(lines[0]) is not None


def _invalid_addresses(values: list[str]) -> list[str]:
    """The values that are not one address each, judged as the core's draft and the API judge
    them: an internationalised address (`é@ü.de`, `用户@例子.广告`) is an address; `a@`, `a@b@c`,
    `@x.org` and a domain without a dot are not."""
    return [v for v in values if address_problem(v)]


def _address_error(label: str, text: str, bad: list[str]) -> str:
    if "@" not in text:
        return (
            f"{label}: '{' '.join(text.split())[:60]}' is not an email address. Enter "
            "addresses like name@school.sch.uk, separated by commas"
        )
    shown = ", ".join(f"'{b[:60]}'" for b in bad[:3])
    more = f" and {len(bad) - 3} more" if len(bad) > 3 else ""
    verb = "is not an email address" if len(bad) == 1 else "are not email addresses"
    return (
        f"{label}: {shown}{more} {verb}. Enter addresses like name@school.sch.uk, "
        "separated by commas"
    )


class CheckForm(GovukFormMixin, forms.Form):
    sender = forms.CharField(label="From", max_length=320, required=False)
    to = forms.CharField(
        label="To", max_length=5000, required=False,
        help_text="One or more addresses, separated by commas.",
    )  # fmt: skip
    cc = forms.CharField(label="Cc", max_length=5000, required=False)
    subject = forms.CharField(label="Subject", max_length=998, required=False)
    body = forms.CharField(label="Message", widget=forms.Textarea, required=False)
    eml = forms.FileField(
        label="Or upload the saved message (.eml)", required=False,
        help_text="If you upload a message, the fields above are not used.",
        error_messages={"empty": "The file you chose is empty: choose the saved message (.eml)"},
    )  # fmt: skip

    def clean_eml(self):
        upload = self.cleaned_data.get("eml")
        if not upload:
            return upload
        name = (upload.name or "the file")[:80]
        if upload.size > MAX_UPLOAD_BYTES:
            raise ValidationError(
                f"{name} is over 25 MB: check a smaller message, or paste the text into the "
                "fields above"
            )
        head = upload.read(8192)
        upload.seek(0)
        if head.startswith(_OLE_MAGIC) or name.lower().endswith(".msg"):
            raise ValidationError(
                f"{name} is an Outlook .msg file, which SafeHaven cannot read: paste the "
                "recipients, subject and text into the fields above instead"
            )
        if not looks_like_message(head):
            raise ValidationError(
                f"{name} is not a saved email: upload a message saved as .eml from your mail "
                "program, or paste the draft into the fields above"
            )
        return upload

    def clean(self):
        data = super().clean()
        if self.errors.get("eml"):
            return data
        if data.get("eml"):
            return data
        recipients = split_addresses(data.get("to", "")) + split_addresses(data.get("cc", ""))
        if not recipients:
            if "to" not in self.errors:
                self.add_error("to", "Enter at least one recipient, or upload the saved message")
            return data
        for name, label in (("to", "To"), ("cc", "Cc")):
            bad = _invalid_addresses(split_addresses(data.get(name, "")))
            if bad and name not in self.errors:
                self.add_error(name, _address_error(label, data.get(name, ""), bad))
        sender = (data.get("sender") or "").strip()
        if sender and "sender" not in self.errors:
            parsed = split_addresses(sender)
            if len(parsed) != 1 or _invalid_addresses(parsed):
                self.add_error(
                    "sender",
                    f"From: '{sender[:60]}' is not an email address. Enter your own address, "
                    "like name@school.sch.uk, or leave it empty to use your account's",
                )
            else:
                data["sender"] = parsed[0]
        return data


class ReleaseForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why it can go",
        help_text="Recorded with your name for the DPO; the sender sees it. Do not name the child.",
        widget=forms.Textarea,
        max_length=2000,
        error_messages={
            "required": "Enter the reason it can go: what you checked and why it is safe",
            "max_length": "Keep the reason under 2,000 characters",
        },
    )


class RejectForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why it must not go",
        help_text="Recorded with your name for the DPO; the sender sees it. Do not name the child.",
        widget=forms.Textarea, max_length=2000,
        error_messages={
            "required": "Enter the reason for rejecting the message",
            "max_length": "Keep the reason under 2,000 characters",
        },
    )  # fmt: skip


class KeepForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why it must be kept",
        help_text="For example a complaint, a breach review or a subject access request, with "
        "its reference. Recorded with your name. Do not name the child.",
        widget=forms.Textarea, max_length=2000,
        error_messages={
            "required": "Enter the reason for keeping the message",
            "max_length": "Keep the reason under 2,000 characters",
        },
    )  # fmt: skip


class OverrideForm(GovukFormMixin, forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=4000)
    justification = forms.CharField(
        label="Why are you sending it despite the warnings?",
        help_text="Your DPO sees this reason with the rules you overrode. Do not name the child.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Give your reason for sending it anyway"},
    )
