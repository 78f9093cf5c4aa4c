"""Forms for the oversight pages: parsing only; the services decide."""

from __future__ import annotations

import datetime as dt

from django import forms

from safehaven.accounts.models import Unit
from safehaven.oversight.models import Breach, NearMiss
from safehaven.register.models import Channel
from safehaven.web.forms import GovukFormMixin

YES_NO = [("", "Choose yes or no"), ("yes", "Yes"), ("no", "No")]


class BreachReportForm(GovukFormMixin, forms.Form):
    category = forms.ChoiceField(
        label="What kind of breach is it?",
        choices=[("", "Choose the kind of breach"), *Breach.Category.choices],
        error_messages={"required": "Choose what kind of breach it is."},
    )
    description = forms.CharField(
        label="What happened?",
        widget=forms.Textarea,
        help_text=(
            "For example: \u201cI sent a child's report to the wrong parent.\u201d Say what was "
            "sent, to whom and when. Use initials rather than full names."
        ),
        error_messages={"required": "Say what happened."},
    )
    people_affected = forms.IntegerField(
        label="About how many people are affected? (optional)", min_value=0, required=False
    )
    records_affected = forms.IntegerField(
        label="About how many records or documents? (optional)", min_value=0, required=False
    )
    measures_taken = forms.CharField(
        label="What have you done so far? (optional)",
        widget=forms.Textarea,
        required=False,
        help_text="For example: asked the recipient to delete the email and confirm.",
    )


class BreachFactsForm(GovukFormMixin, forms.Form):
    nature = forms.CharField(label="Nature of the breach", widget=forms.Textarea, required=False)
    people_affected = forms.IntegerField(
        label="Approximate number of people affected", min_value=0, required=False
    )
    records_affected = forms.IntegerField(
        label="Approximate number of records affected", min_value=0, required=False
    )
    likely_consequences = forms.CharField(
        label="Likely consequences", widget=forms.Textarea, required=False
    )
    measures_taken = forms.CharField(label="Measures taken", widget=forms.Textarea, required=False)
    measures_proposed = forms.CharField(
        label="Measures proposed", widget=forms.Textarea, required=False
    )


class BreachAwareForm(GovukFormMixin, forms.Form):
    aware_date = forms.DateField(
        label="Date we became aware",
        help_text="For example, 25/11/2026",
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"invalid": "Enter the date as DD/MM/YYYY.", "required": "Enter the date."},
    )
    aware_time = forms.TimeField(
        label="Time we became aware (24-hour clock)",
        help_text="For example, 14:30",
        input_formats=["%H:%M"],
        error_messages={"invalid": "Enter the time as HH:MM.", "required": "Enter the time."},
    )
    reason = forms.CharField(label="Why is this changing?", widget=forms.Textarea, required=False)

    def aware_at(self) -> dt.datetime:
        return dt.datetime.combine(self.cleaned_data["aware_date"], self.cleaned_data["aware_time"])


class BreachDecisionForm(GovukFormMixin, forms.Form):
    report_to_ico = forms.ChoiceField(
        label="Report this breach to the ICO?",
        choices=YES_NO,
        help_text="Report unless the breach is unlikely to result in a risk to people (Art. 33).",
        error_messages={"required": "Choose whether to report this breach to the ICO."},
    )
    report_to_ico_reason = forms.CharField(
        label="Reasons for the ICO decision", widget=forms.Textarea, required=False
    )
    late_reason = forms.CharField(
        label="If reporting after 72 hours: reasons for the delay",
        widget=forms.Textarea,
        required=False,
    )
    tell_people = forms.ChoiceField(
        label="Tell the people affected?",
        choices=YES_NO,
        help_text="Tell them without undue delay when the risk to them is high (Art. 34).",
        error_messages={"required": "Choose whether to tell the people affected."},
    )
    tell_people_reason = forms.CharField(
        label="Reasons for the decision about telling people", widget=forms.Textarea, required=False
    )


class BreachIcoReportForm(GovukFormMixin, forms.Form):
    reported_date = forms.DateField(
        label="Date the report was made",
        help_text="For example, 25/11/2026",
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"invalid": "Enter the date as DD/MM/YYYY.", "required": "Enter the date."},
    )
    reported_time = forms.TimeField(
        label="Time the report was made (24-hour clock)",
        help_text="For example, 14:30",
        input_formats=["%H:%M"],
        error_messages={"invalid": "Enter the time as HH:MM.", "required": "Enter the time."},
    )
    ico_reference = forms.CharField(label="ICO reference", max_length=50, required=False)
    late_reason = forms.CharField(
        label="If after 72 hours: reasons for the delay", widget=forms.Textarea, required=False
    )

    def reported_at(self) -> dt.datetime:
        data = self.cleaned_data
        return dt.datetime.combine(data["reported_date"], data["reported_time"])


class NearMissFilterForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Type", choices=[("", "All types"), *NearMiss.Kind.choices], required=False
    )
    channel = forms.ChoiceField(
        label="Channel", choices=[("", "All channels"), *Channel.choices], required=False
    )
    unit = forms.ModelChoiceField(
        label="School or team",
        queryset=Unit.objects.order_by("name"),
        required=False,
        empty_label="All schools and teams",
    )
    date_from = forms.DateField(
        label="From (DD/MM/YYYY)",
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"invalid": "Enter the from date as a real date, DD/MM/YYYY."},
    )
    date_to = forms.DateField(
        label="To (DD/MM/YYYY)",
        required=False,
        input_formats=["%d/%m/%Y", "%Y-%m-%d"],
        error_messages={"invalid": "Enter the to date as a real date, DD/MM/YYYY."},
    )
