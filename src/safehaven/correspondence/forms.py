"""Forms for the letter pages: they parse what was typed; the services decide."""

from __future__ import annotations

from django import forms

from safehaven.correspondence.models import AddressQuery, Letter
from safehaven.register.models import LawfulBasis
from safehaven.web.forms import GovukFormMixin

DEFAULT_WORDING = (
    "I am writing about $child_given_name.\n\n"
    "Please contact the school office if you would like to talk about this letter."
)


class ComposeForm(GovukFormMixin, forms.Form):
    recipient = forms.ModelChoiceField(
        label="Who is the letter to?",
        queryset=None,
        empty_label=None,
        required=False,
        widget=forms.RadioSelect,
        help_text="The name and address are read from their record when the letter is printed.",
    )
    contact = forms.ModelChoiceField(
        label="Or a professional",
        queryset=None,
        required=False,
        empty_label="Not a professional",
        help_text=(
            "Their name and their organisation's postal address are read from the directory "
            "when the letter is printed."
        ),
    )
    subject = forms.CharField(label="Subject", max_length=200)
    template_text = forms.CharField(
        label="Wording",
        widget=forms.Textarea(attrs={"rows": 10}),
        initial=DEFAULT_WORDING,
        help_text=(
            "Leave a blank line between paragraphs. You can use $child_name, $child_given_name, "
            "$recipient_name, $school_name and $sender_name. Never type an address: it comes "
            "from the record (LET-1)."
        ),
    )
    profile = forms.ChoiceField(
        label="Envelope",
        choices=[
            ("DL", "DL window envelope (A4 folded in three)"),
            ("C5", "C5 window envelope (A4 folded once)"),
        ],
        initial="DL",
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, people, contacts, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = people
        self.fields["recipient"].label_from_instance = _person_label
        self.fields["contact"].queryset = contacts
        self.fields["contact"].label_from_instance = _contact_label

    def clean(self):
        data = super().clean()
        if not self.errors and (data.get("recipient") is None) == (data.get("contact") is None):
            self.add_error(
                "recipient", "Choose one parent or carer, or one professional, not both or neither."
            )
        return data


def _contact_label(contact) -> str:
    where = ", ".join(v for v in (contact.job_title, contact.organisation.name) if v)
    return f"{contact.name} ({where})"


def _person_label(person) -> str:
    where = "lives with the child" if person.lives_with_service_user else "own address"
    return f"{person.full_name} ({person.get_relationship_display()}, {where})"


class QueryForm(GovukFormMixin, forms.Form):
    professional_name = forms.CharField(
        label="Professional the query goes to", max_length=200,
        help_text="For example the child's social worker or the school's family support worker.",
    )  # fmt: skip
    professional_email = forms.EmailField(label="Their email address", required=False)
    question = forms.CharField(label="Question", widget=forms.Textarea(attrs={"rows": 4}))


class AnswerForm(GovukFormMixin, forms.Form):
    answer = forms.CharField(label="Their answer", widget=forms.Textarea(attrs={"rows": 3}))
    outcome = forms.ChoiceField(
        label="What happens to the letter", choices=AddressQuery.Outcome.choices,
        widget=forms.RadioSelect,
    )  # fmt: skip


class DispatchForm(GovukFormMixin, forms.Form):
    method = forms.ChoiceField(
        label="How was it sent?", choices=Letter.Method.choices, widget=forms.RadioSelect
    )
    tracking_number = forms.CharField(
        label="Tracking number", max_length=40, required=False,
        help_text="Needed for Signed For and Special Delivery.",
    )  # fmt: skip
    override_reason = forms.CharField(
        label="Why a less secure method than recommended?", required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    lawful_basis = forms.ChoiceField(
        label="Lawful basis for sending it",
        # Consent needs a consent record chosen; not offered on this form yet.
        choices=[
            c for c in LawfulBasis.choices if c[0] not in {LawfulBasis.NONE, LawfulBasis.CONSENT}
        ],
        initial=LawfulBasis.PUBLIC_TASK,
    )
    lawful_basis_justification = forms.CharField(
        label="Why that basis applies", required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Needed for an exemption such as public task or safeguarding.",
    )  # fmt: skip


class DesensitiseForm(GovukFormMixin, forms.Form):
    use = forms.ChoiceField(
        label="Does the letter lose value without these details?",
        choices=[
            ("yes", "No: use the version without them"),
            ("no", "Yes: keep the original"),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="If you keep the original, why are the details needed?", required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
