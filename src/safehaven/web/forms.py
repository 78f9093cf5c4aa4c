"""Forms for the web pages. Validation only: what a form means is done by a service."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from safehaven.accounts.models import User
from safehaven.records.models import (
    Address,
    EmailDomain,
    FaxNumber,
    Organisation,
    ProfessionalContact,
)


class GovukFormMixin:
    """Gives the error summary a field to link a form-wide error to."""

    @property
    def first_field_id(self) -> str:
        for field in self:  # type: ignore[attr-defined]
            return field.auto_id
        return "main-content"


class LoginForm(GovukFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": (
            "Enter a correct username and password. Both are case-sensitive. "
            "After 5 wrong attempts you must wait 15 minutes."
        ),
        "inactive": "This account is switched off. Ask your administrator to switch it on.",
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"


class OrganisationForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = Organisation
        fields = [
            "name",
            "kind",
            "line_1",
            "line_2",
            "line_3",
            "town",
            "postcode",
            "email",
            "notes",
        ]
        labels = {
            "name": "Name",
            "kind": "Type of organisation",
            "line_1": "Address line 1 (optional)",
            "line_2": "Address line 2 (optional)",
            "line_3": "Address line 3 (optional)",
            "town": "Town or city (optional)",
            "postcode": "Postcode (optional)",
            "email": "General email address (optional)",
            "notes": "Notes (optional)",
        }
        error_messages = {
            "name": {
                "required": "Enter the organisation's name",
                "unique": "An organisation with this name already exists",
            },
            "email": {"invalid": "Enter an email address like name@example.org"},
        }


class SwitchboardForm(GovukFormMixin, forms.Form):
    number = forms.CharField(
        label="Switchboard number",
        max_length=30,
        help_text="The organisation's main number, for example 0116 232 3232.",
        error_messages={"required": "Enter the switchboard number"},
    )
    label = forms.CharField(label="Label (optional)", max_length=100, required=False)
    verification_source = forms.CharField(
        label="Where you checked the number (optional)",
        max_length=200,
        required=False,
        help_text=(
            "For example the organisation's website or a letter on its headed paper. "
            "Leave empty if you have not checked it yet."
        ),
    )


class SwitchboardVerifyForm(GovukFormMixin, forms.Form):
    verification_source = forms.CharField(
        label="Where you checked the number",
        max_length=200,
        help_text="For example the organisation's website or a letter on its headed paper.",
        error_messages={"required": "Enter where you checked the number"},
    )


class EmailDomainForm(GovukFormMixin, forms.Form):
    domain = forms.CharField(
        label="Email domain",
        max_length=253,
        help_text="The part after the @, for example leicspart.nhs.uk.",
        error_messages={"required": "Enter the email domain"},
    )
    security = forms.ChoiceField(
        label="Is email to this domain secure?", choices=EmailDomain.Security.choices
    )
    source = forms.CharField(
        label="Where the security status comes from (optional)", max_length=200, required=False
    )


class FaxNumberForm(GovukFormMixin, forms.Form):
    number = forms.CharField(
        label="Fax number",
        max_length=30,
        error_messages={"required": "Enter the fax number"},
    )
    department = forms.CharField(label="Department (optional)", max_length=150, required=False)
    label = forms.CharField(label="Label (optional)", max_length=100, required=False)
    safe_haven = forms.ChoiceField(
        label="Is the machine a safe haven?",
        choices=FaxNumber.SafeHaven.choices,
        help_text="A secure room, a written fax policy, and named staff who collect faxes.",
    )
    assessment_notes = forms.CharField(
        label="Notes on the assessment (optional)", widget=forms.Textarea, required=False
    )


class ContactForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = ProfessionalContact
        fields = ["organisation", "name", "job_title", "department", "email", "direct_phone"]
        labels = {
            "organisation": "Organisation",
            "name": "Full name",
            "job_title": "Job title (optional)",
            "department": "Department (optional)",
            "email": "Email address (optional)",
            "direct_phone": "Direct line (optional)",
        }
        help_texts = {
            "direct_phone": "Never used to call back about a service user: use the switchboard.",
        }
        error_messages = {
            "organisation": {
                "required": "Select the organisation",
                "invalid_choice": "Select an organisation from the list",
            },
            "name": {"required": "Enter the contact's full name"},
            "email": {"invalid": "Enter an email address like name@example.org"},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].empty_label = "Select an organisation"


class ContactEditForm(ContactForm):
    """The directory's edit page: the same fields, and why the change is made (LET-4)."""

    reason = forms.CharField(
        label="Why are you making this change?",
        help_text=(
            "For example \u201cshe moved to the MASH team\u201d or \u201cthe email address "
            "bounced\u201d. This is kept with the change and sent to the other systems that "
            "hold the contact."
        ),
        max_length=1000,
        widget=forms.Textarea,
        error_messages={"required": "Enter why you are making this change"},
    )


STAFF_LABELS = {
    "username": "Username",
    "first_name": "First name",
    "last_name": "Last name",
    "email": "Work email address (optional)",
    "job_title": "Job title (optional)",
    "role": "Role",
    "manager_title": "Manager title (authorisers only)",
    "units": "Schools and teams",
    "is_active": "Account switched on",
}
STAFF_HELP = {
    "username": "Letters, digits and @ . + - _ only.",
    "units": "They see the service users of these units only.",
    "manager_title": "Team, Line or Service Manager: who may confirm sharing (TEL-6).",
}


class StaffEditForm(GovukFormMixin, forms.ModelForm):
    class Meta:
        model = User
        fields = [
            "first_name",
            "last_name",
            "email",
            "job_title",
            "role",
            "manager_title",
            "units",
            "is_active",
        ]
        labels = STAFF_LABELS
        help_texts = STAFF_HELP
        widgets = {"units": forms.CheckboxSelectMultiple}
        error_messages = {
            "first_name": {"required": "Enter their first name"},
            "last_name": {"required": "Enter their last name"},
            "email": {"invalid": "Enter an email address like name@example.org"},
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["first_name"].required = True
        self.fields["last_name"].required = True
        self.fields["manager_title"].choices = [
            ("", "Not a manager"),
            *self.fields["manager_title"].choices[1:],
        ]

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("role") == "officer" and not cleaned.get("units"):
            self.add_error("units", "Select at least one school or team for an officer")
        return cleaned


class StaffCreateForm(StaffEditForm):
    password = forms.CharField(
        label="Temporary password",
        widget=forms.PasswordInput,
        help_text="At least 10 characters. Give it to them in person.",
        error_messages={"required": "Enter a temporary password"},
    )

    class Meta(StaffEditForm.Meta):
        fields = ["username", *StaffEditForm.Meta.fields]
        error_messages = {
            **StaffEditForm.Meta.error_messages,
            "username": {
                "required": "Enter a username",
                "unique": "Someone already has this username: choose another",
            },
        }


class SearchForm(GovukFormMixin, forms.Form):
    """Name, UPN or reference, and an optional date of birth as three boxes (GOV.UK date input).

    A date with day and month the wrong way round (month over 12) is read swapped; the search
    itself also looks for the swapped date whenever both readings are real dates.
    """

    q = forms.CharField(
        label="Name, UPN or reference",
        max_length=200,
        required=False,
        help_text="For example Jo Bloggs, or a 13-character UPN. Small spelling mistakes are fine.",
    )
    dob_day = forms.CharField(max_length=2, required=False)
    dob_month = forms.CharField(max_length=2, required=False)
    dob_year = forms.CharField(max_length=4, required=False)

    def clean(self) -> dict:
        cleaned = super().clean()
        parts = [cleaned.get(k, "").strip() for k in ("dob_day", "dob_month", "dob_year")]
        cleaned["dob"] = None
        cleaned["dob_swapped"] = False
        if any(parts):
            if not all(p.isdigit() for p in parts):
                self.add_error(
                    "dob_day",
                    "Date of birth must be a real date, with a day, month and year in numbers",
                )
                return cleaned
            day, month, year = (int(p) for p in parts)
            if year < 1900 or year > 2100:
                self.add_error("dob_day", "Enter the year of birth with 4 digits, like 2014")
                return cleaned
            try:
                cleaned["dob"] = dt.date(year, month, day)
            except ValueError:
                try:
                    cleaned["dob"] = dt.date(year, day, month)
                    cleaned["dob_swapped"] = True
                except ValueError:
                    self.add_error("dob_day", "Date of birth must be a real date")
                    return cleaned
        if not cleaned.get("q", "").strip() and cleaned["dob"] is None:
            self.add_error("q", "Enter a name, UPN or reference, or a date of birth")
        return cleaned


class AddressForm(GovukFormMixin, forms.Form):
    """A new current address (LET-4). The old one is kept as history by the service."""

    line_1 = forms.CharField(
        label="Address line 1",
        max_length=200,
        error_messages={"required": "Enter the first line of the address"},
    )
    line_2 = forms.CharField(label="Address line 2 (optional)", max_length=200, required=False)
    line_3 = forms.CharField(label="Address line 3 (optional)", max_length=200, required=False)
    town = forms.CharField(label="Town or city", max_length=100, required=False)
    postcode = forms.CharField(
        label="Postcode", max_length=10, error_messages={"required": "Enter the postcode"}
    )
    valid_from = forms.DateField(
        label="Date they moved in (optional)",
        required=False,
        help_text="For example 27/3/2026. Leave empty for today.",
        input_formats=["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"],
        error_messages={"invalid": "Enter the date like 27/3/2026"},
    )
    source = forms.ChoiceField(
        label="Who told you",
        choices=[c for c in Address.Source.choices if c[0] != "primary_import"],
    )
    source_detail = forms.CharField(
        label="Details (optional)",
        max_length=200,
        required=False,
        help_text="For example the name of the professional, or the date of the letter.",
    )
    confidential = forms.BooleanField(
        label="This address is confidential",
        required=False,
        help_text="It must not be given to anyone or written on letters (for example a refuge).",
    )
    verified = forms.BooleanField(
        label="I have checked this address with the family or the professional involved",
        required=False,
    )
