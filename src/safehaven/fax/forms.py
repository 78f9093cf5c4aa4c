"""One form per step; the services decide, the forms only parse what was typed."""

from __future__ import annotations

from django import forms

from safehaven.records.models import Organisation
from safehaven.register.models import LawfulBasis

YES_NO = [("", "Choose"), ("yes", "Yes"), ("no", "No")]


def yes_no(label: str) -> forms.ChoiceField:
    return forms.ChoiceField(label=label, choices=YES_NO)


class PolicyForm(forms.Form):
    enabled = forms.ChoiceField(
        label="Fax for this organisation",
        choices=[("off", "Switched off"), ("on", "Switched on")],
    )
    reason = forms.CharField(label="Why", widget=forms.Textarea, required=False)
    sender_organisation = forms.CharField(
        label="Sender organisation on cover sheets", required=False
    )
    sender_phone = forms.CharField(label="Telephone for receipts", required=False)
    sender_fax = forms.CharField(label="Our fax number", required=False)


class AssessForm(forms.Form):
    answered_by_name = forms.CharField(
        label="Who answered at the recipient", max_length=200,
        help_text="Telephone the recipient and ask the questions below (FAX-3).",
    )  # fmt: skip
    answered_by_role = forms.CharField(label="Their role", max_length=200, required=False)
    secure_office = yes_no("Is the fax machine sited in a secure office?")
    shared_departments = yes_no("Is it used by more than one department?")
    designated_collectors = yes_no("Are there designated people who collect the faxes?")
    written_policy = yes_no(
        "Does the organisation have a written fax policy its staff have been told about?"
    )
    notes = forms.CharField(label="Notes", widget=forms.Textarea, required=False)


class CreateForm(forms.Form):
    recipient_name = forms.CharField(label="Recipient's full name", max_length=200)
    recipient_organisation = forms.ModelChoiceField(
        label="Recipient's organisation", queryset=Organisation.objects.order_by("name")
    )
    reason = forms.CharField(label="Reason for sending", widget=forms.Textarea)
    summary = forms.CharField(label="What the fax contains", widget=forms.Textarea)
    lawful_basis = forms.ChoiceField(
        label="Basis for sharing",
        choices=[(b.value, b.label) for b in LawfulBasis if b != LawfulBasis.NONE],
    )
    lawful_basis_justification = forms.CharField(
        label="Justification (for an exemption)", widget=forms.Textarea, required=False
    )
    document = forms.FileField(label="Document to fax (PDF)")


class NumberForm(forms.Form):
    fax_number = forms.TypedChoiceField(
        label="Number from the fax directory", coerce=int, required=False, empty_value=None,
        choices=[],
    )  # fmt: skip
    number = forms.CharField(label="Or key a new number", max_length=30, required=False)
    number_again = forms.CharField(label="Key the new number again", max_length=30, required=False)

    def __init__(self, *args, numbers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fax_number"].choices = [("", "Choose a number")] + [
            (n.pk, f"{n.number} ({n.department or n.label or 'fax'})") for n in numbers
        ]


class SafeHavenForm(forms.Form):
    receipt_requested_from = forms.CharField(
        label="Who you asked to confirm receipt (FAX-6)", max_length=200
    )
    warning_call_made = forms.BooleanField(
        label="I telephoned the recipient to say confidential service-user information is "
        "about to be sent (FAX-4)",
        required=False,
    )
    warning_call_spoke_to = forms.CharField(
        label="Who you spoke to", max_length=200, required=False
    )
    warning_call_note = forms.CharField(label="Notes", widget=forms.Textarea, required=False)


class SendForm(forms.Form):
    number_checked = forms.CharField(
        label="Type the fax number shown above", max_length=30,
        help_text="Check it digit by digit against the directory (FAX-8).",
    )  # fmt: skip


class ReceiptForm(forms.Form):
    confirmed_by_name = forms.CharField(label="Who confirmed receipt", max_length=200)


class StopForm(forms.Form):
    reason = forms.CharField(label="Why are you stopping this fax?", widget=forms.Textarea)


class SpeedDialForm(forms.Form):
    fax_number = forms.TypedChoiceField(label="Number", coerce=int, choices=[])
    position = forms.IntegerField(label="Speed-dial position (1 to 99)")

    def __init__(self, *args, numbers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["fax_number"].choices = [
            (n.pk, f"{n.organisation.name}: {n.number}") for n in numbers
        ]


class SpeedDialTestForm(forms.Form):
    recipient_name = forms.CharField(label="Who will confirm the test page arrived", max_length=200)


class SpeedDialConfirmForm(forms.Form):
    confirmed_by_name = forms.CharField(label="Who confirmed it arrived", max_length=200)


class CollectForm(forms.Form):
    legible = forms.ChoiceField(
        label="Is every page legible enough to read without guessing? (FAX-13)",
        choices=YES_NO,
    )
    pages_resolved = forms.BooleanField(
        label="The page count is resolved with the sender", required=False
    )
    note = forms.CharField(label="What you asked the sender", widget=forms.Textarea, required=False)
