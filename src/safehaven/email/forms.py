from __future__ import annotations

import re

from django import forms

_SPLIT = re.compile(r"[,;\s]+")


def split_addresses(text: str) -> list[str]:
    return [a for a in _SPLIT.split(text or "") if a]


class CheckForm(forms.Form):
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
    )  # fmt: skip

    def clean(self):
        data = super().clean()
        if not data.get("eml") and not split_addresses(data.get("to", "")):
            self.add_error("to", "Enter at least one recipient, or upload the saved message")
        return data


class ReleaseForm(forms.Form):
    reason = forms.CharField(
        label="Why it can go (optional)", widget=forms.Textarea, required=False, max_length=2000
    )


class RejectForm(forms.Form):
    reason = forms.CharField(
        label="Why it must not go", widget=forms.Textarea, max_length=2000,
        error_messages={"required": "Enter the reason for rejecting the message"},
    )  # fmt: skip


class OverrideForm(forms.Form):
    token = forms.CharField(widget=forms.HiddenInput, max_length=4000)
    justification = forms.CharField(
        label="Why are you sending it despite the warnings?",
        help_text="Your DPO sees this reason with the rules you overrode. Do not name the child.",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Give your reason for sending it anyway"},
    )
