"""Forms for the oversight pages: parsing only; the services decide."""

from __future__ import annotations

import datetime as dt

from django import forms

from safehaven.accounts.models import Unit
from safehaven.oversight.models import Breach, NearMiss, SubjectAccessRequest
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


# Policy settings. Field names are the settings' keys with "__" for ".", so a service error
# naming a key lands on its field.

SEVERITY_LABELS = {
    "insecure_sensitive": "Sensitive information to a domain that is not secure",
    "insecure_personal": "Personal information to a domain that is not secure",
    "generic_without_consent": "A generic mailbox (office@, admin@) without recorded consent",
    "lookalike_domain": "A domain that looks like a partner's",
    "first_time_recipient": "A recipient never written to before",
    "unlinked_service_user": "A child named who is not linked to the recipient",
    "unlinked_service_user_sensitive": "The same, with sensitive information",
    "salutation_mismatch": "The greeting names someone other than the recipient",
    "contact_restriction": "A recipient the child's record says must not be told",
    "reply_or_forward_external": "A reply or forward going outside",
    "trail_personal_external": "An earlier message with personal information, going outside",
    "trail_personal_internal": "The same, inside the organisation",
    "identifiable_details_external": "Identifying details (UPN, NHS number...) going outside",
    "unreadable_content": "An attachment that cannot be read",
    "follow_up_call": "Asking for a follow-up call to confirm receipt",
}
SEVERITY_CHOICES = [
    ("info", "Info: show a note"),
    ("warn", "Warn: go on after recording why"),
    ("hold", "Hold: a reviewer must release it"),
    ("block", "Block: it cannot be sent"),
]
FOLLOW_UP_CHOICES = [
    ("never", "Never"),
    ("sensitive_external", "Sensitive information going outside"),
    ("personal_external", "Any personal information going outside"),
    ("any_external", "Every message going outside"),
]
CATEGORY_LABELS = {
    "health": "Health",
    "ethnicity": "Racial or ethnic origin",
    "religion": "Religious or philosophical beliefs",
    "sexual_orientation": "Sexual orientation",
    "sex_life": "Sex life",
    "political_opinion": "Political opinions",
    "trade_union": "Trade union membership",
    "criminal": "Criminal offences",
    "genetic": "Genetic data",
    "biometric": "Biometric data",
    "gender": "Gender identity",
    "safeguarding": "Safeguarding",
}
ON_OFF = [("on", "On"), ("off", "Off")]
YES_NO_PLAIN = [("yes", "Yes"), ("no", "No")]


def _lines(value: str) -> list[str]:
    return [ln.strip() for ln in (value or "").splitlines() if ln.strip()]


class PolicyForm(GovukFormMixin, forms.Form):
    email__secure_domains = forms.CharField(
        label="Secure email domains",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        help_text=(
            "One a line: domain, source, note. Source is local (our own decision), dcb1596 (on "
            "the accredited list) or transport (the domain enforces encrypted delivery). For "
            "example: nhs.net, local, NHSmail"
        ),
    )
    email__internal_domains = forms.CharField(
        label="Our own email domains",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="One a line, for example: leicestershire.gov.uk",
    )
    email__generic_mailboxes = forms.CharField(
        label="Extra generic mailbox names",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=(
            "Shared mailboxes that nobody in particular reads, one a line (the part before the "
            "@). Added to the shipped list (office, admin, enquiries, info...)."
        ),
    )
    email__follow_up_call = forms.ChoiceField(
        label="When to ask for a follow-up call", choices=FOLLOW_UP_CHOICES
    )
    email__lookalike_max_distance = forms.IntegerField(
        label="Look-alike domains: how many letters different still count as a look-alike",
        help_text="0 to 4. 2 catches nhs.net and nhs.nett.",
        error_messages={"invalid": "Enter the look-alike distance as a whole number, 0 to 4."},
    )
    email__salutation_min_similarity = forms.IntegerField(
        label="Greeting check: how similar (per cent) the greeting must be to the recipient's name",
        help_text="50 to 100.",
        error_messages={"invalid": "Enter the greeting similarity as a whole number, 50 to 100."},
    )
    email__transport_counts_as_secure = forms.ChoiceField(
        label="Count a domain that enforces encrypted delivery (MTA-STS) as secure?",
        choices=YES_NO_PLAIN,
    )
    channels__fax = forms.ChoiceField(
        label="Fax",
        choices=ON_OFF,
        help_text="Off unless a partner can only receive faxes (FAX-1).",
    )
    post__by_classification__none = forms.ChoiceField(label="Post with no personal information")
    post__by_classification__personal = forms.ChoiceField(label="Post with personal information")
    post__by_classification__sensitive = forms.ChoiceField(
        label="Post with sensitive personal information"
    )
    post__escalate_categories = forms.MultipleChoiceField(
        label="Send by Special Delivery when sensitive post is about",
        choices=list(CATEGORY_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    post__escalate_for_original_documents = forms.ChoiceField(
        label="Send original documents by Special Delivery?", choices=YES_NO_PLAIN
    )
    validity__consent_months = forms.IntegerField(
        label="How many months a consent stays valid",
        help_text="1 to 60. A consent older than this no longer counts, whatever its expiry date.",
        error_messages={"invalid": "Enter the months as a whole number, 1 to 60."},
    )
    validity__safe_haven_assessment_days = forms.IntegerField(
        label="How many days a fax safe-haven assessment stays valid",
        help_text="30 to 730.",
        error_messages={"invalid": "Enter the days as a whole number, 30 to 730."},
    )
    reason = forms.CharField(
        label="Why are you changing the policy?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Recorded with this version, for example: the new NHS trust domain.",
    )

    def __init__(self, *args, methods: dict[str, str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for cls in ("none", "personal", "sensitive"):
            self.fields[f"post__by_classification__{cls}"].choices = list(methods.items())
        for key, label in SEVERITY_LABELS.items():
            self.fields[f"email__severity__{key}"] = forms.ChoiceField(
                label=label, choices=SEVERITY_CHOICES
            )
        for key, label in CATEGORY_LABELS.items():
            self.fields[f"lexicons__{key}"] = forms.CharField(
                label=f"{label}: extra terms",
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                help_text="One word or phrase a line; a * at the end matches any ending.",
            )

    @property
    def severity_fields(self):
        return [self[f"email__severity__{k}"] for k in SEVERITY_LABELS]

    @property
    def lexicon_fields(self):
        return [self[f"lexicons__{k}"] for k in CATEGORY_LABELS]

    @staticmethod
    def initial_from(data: dict) -> dict:
        email = data["email"]
        initial = {
            "email__secure_domains": "\n".join(
                ", ".join(x for x in (d["domain"], d["source"], d.get("note", "")) if x)
                for d in email["secure_domains"]
            ),
            "email__internal_domains": "\n".join(email["internal_domains"]),
            "email__generic_mailboxes": "\n".join(email["generic_mailboxes"]),
            "email__follow_up_call": email["follow_up_call"],
            "email__lookalike_max_distance": email["lookalike_max_distance"],
            "email__salutation_min_similarity": email["salutation_min_similarity"],
            "email__transport_counts_as_secure": "yes"
            if email["transport_counts_as_secure"]
            else "no",
            "channels__fax": "on" if data["channels"]["fax"] else "off",
            "post__escalate_categories": data["post"]["escalate_categories"],
            "post__escalate_for_original_documents": "yes"
            if data["post"]["escalate_for_original_documents"]
            else "no",
            "validity__consent_months": data["validity"]["consent_months"],
            "validity__safe_haven_assessment_days": data["validity"]["safe_haven_assessment_days"],
        }
        for cls, method in data["post"]["by_classification"].items():
            initial[f"post__by_classification__{cls}"] = method
        for key, value in email["severity"].items():
            initial[f"email__severity__{key}"] = value
        for key, terms in data["lexicons"].items():
            initial[f"lexicons__{key}"] = "\n".join(terms)
        return initial

    def document(self) -> dict:
        """The settings document the service validates."""
        d = self.cleaned_data
        secure = []
        for line in _lines(d["email__secure_domains"]):
            parts = [p.strip() for p in line.split(",", 2)]
            secure.append(
                {
                    "domain": parts[0],
                    "source": parts[1] if len(parts) > 1 and parts[1] else "local",
                    "note": parts[2] if len(parts) > 2 else "",
                }
            )
        return {
            "email": {
                "secure_domains": secure,
                "internal_domains": _lines(d["email__internal_domains"]),
                "generic_mailboxes": _lines(d["email__generic_mailboxes"]),
                "severity": {k: d[f"email__severity__{k}"] for k in SEVERITY_LABELS},
                "follow_up_call": d["email__follow_up_call"],
                "lookalike_max_distance": d["email__lookalike_max_distance"],
                "salutation_min_similarity": d["email__salutation_min_similarity"],
                "transport_counts_as_secure": d["email__transport_counts_as_secure"] == "yes",
            },
            "channels": {"fax": d["channels__fax"] == "on"},
            "post": {
                "by_classification": {
                    c: d[f"post__by_classification__{c}"] for c in ("none", "personal", "sensitive")
                },
                "escalate_categories": list(d["post__escalate_categories"]),
                "escalate_for_original_documents": d["post__escalate_for_original_documents"]
                == "yes",
            },
            "validity": {
                "consent_months": d["validity__consent_months"],
                "safe_haven_assessment_days": d["validity__safe_haven_assessment_days"],
            },
            "lexicons": {k: _lines(d[f"lexicons__{k}"]) for k in CATEGORY_LABELS},
        }


class PolicyRollbackForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="Why are you going back to this version?",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )


# Subject access requests.

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date_field(label: str, *, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text="For example, 25/11/2026",
        input_formats=DATE_FORMATS,
        required=required,
        error_messages={
            "invalid": f"Enter the {label[0].lower()}{label[1:]} as a real date, DD/MM/YYYY.",
            "required": f"Enter the {label[0].lower()}{label[1:]}.",
        },
    )


class SarNewForm(GovukFormMixin, forms.Form):
    received_on = _date_field("Date the request was received")
    requester_name = forms.CharField(
        label="Name of the person making the request", max_length=200, required=False
    )
    requester_kind = forms.ChoiceField(
        label="Who is making the request?",
        choices=[("", "Choose who"), *SubjectAccessRequest.RequesterKind.choices],
        error_messages={"required": "Choose who is making the request."},
    )
    requester_contact = forms.CharField(
        label="How to reply to them (optional)", max_length=300, required=False,
        help_text="An address or email the response goes to.",
    )  # fmt: skip
    reference = forms.CharField(
        label="Record reference or UPN of the person it is about (optional)",
        max_length=40,
        required=False,
        help_text="You can link the record later.",
    )
    description = forms.CharField(
        label="What did they ask for? (optional)", widget=forms.Textarea, required=False
    )
    identity_needed = forms.ChoiceField(
        label="Do you need proof of identity before you can answer?",
        choices=[("", "Choose yes or no"), *YES_NO_PLAIN],
        help_text="Ask only when you are not sure who they are; the clock starts when it arrives.",
        error_messages={"required": "Choose whether you need proof of identity."},
    )


class SarPauseForm(GovukFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="What are you waiting for?",
        choices=[
            ("", "Choose what you are waiting for"),
            ("identity", "Proof of identity"),
            ("clarification", "Clarification of what they want"),
        ],
        error_messages={"required": "Choose what you are waiting for."},
    )
    on = _date_field("Date you asked")
    note = forms.CharField(label="What did you ask for?", widget=forms.Textarea, required=False)


class SarResumeForm(GovukFormMixin, forms.Form):
    on = _date_field("Date the answer arrived")
    evidence = forms.CharField(
        label="If proof of identity: what did you see?",
        max_length=300,
        required=False,
        help_text="For example: passport checked in person.",
    )


class SarExtendForm(GovukFormMixin, forms.Form):
    months = forms.ChoiceField(
        label="Extend by",
        choices=[("", "Choose the extension"), ("1", "One further month"),
                 ("2", "Two further months")],
        error_messages={"required": "Choose how long the extension is."},
    )  # fmt: skip
    reason = forms.CharField(label="Reason for the extension", widget=forms.Textarea,
                             required=False)  # fmt: skip
    on = _date_field("Date you told the requester")


class SarLinkForm(GovukFormMixin, forms.Form):
    reference = forms.CharField(label="Record reference or UPN", max_length=40, required=False)


class SarCompleteForm(GovukFormMixin, forms.Form):
    on = _date_field("Date the response was sent")
    note = forms.CharField(label="Notes (optional)", widget=forms.Textarea, required=False)


class SarWithdrawForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(label="How was it withdrawn?", widget=forms.Textarea, required=False)


# Reports.


class OverrideFilterForm(GovukFormMixin, forms.Form):
    channel = forms.ChoiceField(
        label="Channel", choices=[("", "All channels"), *Channel.choices], required=False
    )
    date_from = forms.DateField(
        label="From (DD/MM/YYYY)", required=False, input_formats=DATE_FORMATS,
        error_messages={"invalid": "Enter the from date as a real date, DD/MM/YYYY."},
    )  # fmt: skip
    date_to = forms.DateField(
        label="To (DD/MM/YYYY)", required=False, input_formats=DATE_FORMATS,
        error_messages={"invalid": "Enter the to date as a real date, DD/MM/YYYY."},
    )  # fmt: skip
