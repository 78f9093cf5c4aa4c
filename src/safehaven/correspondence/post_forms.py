"""Forms for the incoming-post pages: they parse what was typed; the services decide."""

from __future__ import annotations

import datetime as dt

from django import forms

from safehaven.correspondence.models import IncomingPost
from safehaven.web.forms import GovukFormMixin


class PostLogForm(GovukFormMixin, forms.Form):
    unit = forms.ModelChoiceField(
        label="Where did it arrive?", queryset=None, empty_label=None, required=False
    )
    kind = forms.ChoiceField(
        label="What is it?", choices=IncomingPost.Kind.choices, initial=IncomingPost.Kind.LETTER
    )
    marked_confidential = forms.BooleanField(
        label="The envelope is marked private, confidential or addressee only",
        required=False,
    )
    opened = forms.ChoiceField(
        label="Was it opened?",
        choices=[("yes", "Yes, I opened it"), ("no", "No, it is logged unopened")],
        initial="yes",
        widget=forms.RadioSelect,
    )
    sender_name = forms.CharField(label="Sender's name", max_length=200, required=False)
    sender_organisation = forms.CharField(
        label="Sender's organisation", max_length=200, required=False
    )
    sender_address = forms.CharField(
        label="Sender's address", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    addressed_to = forms.CharField(
        label="Addressed to (as on the envelope)", max_length=200, required=False
    )
    subject = forms.CharField(
        label="What is it about?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="A short summary, e.g. \u201cEHCP annual review paperwork\u201d.",
    )
    child_name = forms.CharField(label="Child's name as read", max_length=200, required=False)
    dob_day = forms.IntegerField(label="Day", min_value=1, max_value=31, required=False)
    dob_month = forms.IntegerField(label="Month", min_value=1, max_value=31, required=False)
    dob_year = forms.IntegerField(label="Year", min_value=1900, max_value=2100, required=False)
    postcode = forms.CharField(label="Child's postcode as read", max_length=12, required=False)
    upn = forms.CharField(label="UPN", max_length=20, required=False)
    nhs_number = forms.CharField(label="NHS number", max_length=20, required=False)
    reference = forms.CharField(label="Reference on the item", max_length=40, required=False)
    our_letter_reference = forms.CharField(
        label="Our letter's reference (returned letters only)",
        max_length=20,
        required=False,
        help_text="As printed on the letter, e.g. LTR000123.",
    )

    def __init__(self, *args, units, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units
        self.single_unit = len(units) == 1

    def clean(self):
        data = super().clean()
        parts = [data.get("dob_day"), data.get("dob_month"), data.get("dob_year")]
        data["date_of_birth"] = None
        if any(p is not None for p in parts):
            if any(p is None for p in parts):
                if "dob_day" not in self.errors:
                    self.add_error(
                        "dob_day", "Enter the whole date of birth (day, month and year), or none."
                    )
                return data
            day, month, year = parts
            if month > 12 and day <= 12:
                # Read the wrong way round (month first): the matcher tries both anyway.
                day, month = month, day
            try:
                data["date_of_birth"] = dt.date(year, month, day)
            except ValueError:
                self.add_error("dob_day", "The date of birth must be a real date.")
        return data


class PostRouteForm(GovukFormMixin, forms.Form):
    service_user = forms.ChoiceField(
        label="Which child is it about?", widget=forms.RadioSelect, required=False
    )
    other_reference = forms.CharField(
        label="Or another child: their record reference or UPN",
        max_length=40,
        required=False,
    )
    worker = forms.ModelChoiceField(
        label="Who should it go to?",
        queryset=None,
        required=False,
        empty_label="The child's allocated worker",
    )
    reason = forms.CharField(
        label="Why this child and worker?", widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, choices, staff, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_user"].choices = choices
        self.fields["worker"].queryset = staff
        self.fields["worker"].label_from_instance = lambda u: (
            f"{u.get_full_name() or u.username} ({u.display_role})"
        )

    def clean(self):
        data = super().clean()
        if not data.get("service_user") and not (data.get("other_reference") or "").strip():
            self.add_error(
                "service_user", "Choose the child, or enter another child's reference or UPN."
            )
        return data


class PostMisdirectedForm(GovukFormMixin, forms.Form):
    misdirected_reason = forms.CharField(
        label="What was done with it?",
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=(
            "For example \u201cReturned to sender unopened\u201d or \u201cForwarded to...\u201d."
        ),
    )


class PostActionForm(GovukFormMixin, forms.Form):
    note = forms.CharField(
        label="What was done (optional)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PostSendBackForm(GovukFormMixin, forms.Form):
    send_back_reason = forms.CharField(
        label="Why is it not for this child or for you?",
        widget=forms.Textarea(attrs={"rows": 2}),
    )
