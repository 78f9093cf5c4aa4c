"""One form per step; the services decide, the forms only parse what was typed."""

from __future__ import annotations

import datetime as dt

from django import forms

from safehaven.records.models import Consent, Organisation
from safehaven.register.models import LawfulBasis
from safehaven.telephone.services import EXEMPTIONS


class LogCallForm(forms.Form):
    caller_name = forms.CharField(label="Caller's full name", max_length=200)
    caller_job_title = forms.CharField(label="Job title", max_length=200, required=False)
    caller_department = forms.CharField(label="Department", max_length=200, required=False)
    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="Not listed",
        help_text="Choose from the directory. If it is not listed, enter its name below.",
    )
    organisation_name = forms.CharField(
        label="Organisation name, if not listed", max_length=200, required=False
    )
    caller_number = forms.CharField(
        label="Number the caller gave",
        max_length=30,
        help_text="Recorded, but the call is returned through the organisation's switchboard.",
    )
    given_name = forms.CharField(label="Child's first name", max_length=100)
    family_name = forms.CharField(label="Child's last name", max_length=100)
    dob_day = forms.IntegerField(label="Day", min_value=1, max_value=31, required=False)
    dob_month = forms.IntegerField(label="Month", min_value=1, max_value=12, required=False)
    dob_year = forms.IntegerField(label="Year", min_value=1900, max_value=2100, required=False)
    given_reference = forms.CharField(
        label="Reference or UPN (if the caller has it)", max_length=40, required=False
    )
    purpose = forms.ChoiceField(label="Purpose", choices=Consent.Purpose.choices)
    reason = forms.CharField(label="Reason for the request", widget=forms.Textarea)
    information_requested = forms.CharField(
        label="What information they are asking for", widget=forms.Textarea, required=False
    )

    def clean(self):
        data = super().clean()
        parts = [data.get("dob_day"), data.get("dob_month"), data.get("dob_year")]
        if any(p is None for p in parts):
            if "dob_day" not in self.errors:
                self.add_error("dob_day", "Enter the child's date of birth: day, month and year.")
            return data
        try:
            data["date_of_birth"] = dt.date(data["dob_year"], data["dob_month"], data["dob_day"])
        except ValueError:
            self.add_error("dob_day", "The date of birth must be a real date.")
        return data


class IdentifyForm(forms.Form):
    service_user = forms.IntegerField(widget=forms.HiddenInput)


class CallbackForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label="Organisation", queryset=Organisation.objects.order_by("name"), required=False
    )
    switchboard = forms.IntegerField(required=False)
    number = forms.CharField(label="A different number", max_length=30, required=False)


BASIS_CHOICES = [(LawfulBasis.CONSENT.value, "Consent on record")] + [
    (b.value, b.label) for b in LawfulBasis if b in EXEMPTIONS
]


class ConsentForm(forms.Form):
    lawful_basis = forms.ChoiceField(label="Basis for sharing", choices=BASIS_CHOICES)
    justification = forms.CharField(
        label="Why sharing without consent is justified",
        widget=forms.Textarea,
        required=False,
        help_text="Needed for an exemption: a manager and the DPO will read it.",
    )


class DecideForm(forms.Form):
    decision = forms.ChoiceField(
        label="Decision", choices=[("approve", "Approve sharing"), ("refuse", "Refuse")]
    )
    note = forms.CharField(
        label="Note for the officer", widget=forms.Textarea, required=False,
        help_text="Required when you refuse.",
    )  # fmt: skip


class ReturnCallForm(forms.Form):
    called_switchboard = forms.BooleanField(
        label="I called the switchboard and asked for the caller by name", required=False
    )
    spoke_to_name = forms.CharField(label="Name of the person you spoke to", max_length=200)
    disclosed_summary = forms.CharField(
        label="What you told them", widget=forms.Textarea,
        help_text="Recorded in the child's record and the register.",
    )  # fmt: skip


class RefuseForm(forms.Form):
    reason = forms.CharField(label="Why are you stopping this request?", widget=forms.Textarea)
