"""Amending a service user's details and their parents' and carers' details, with history
(LET-4: whoever finds a detail wrong amends it). Every record is fetched through
`access_service_user` (404 for a child the user cannot see); the writing, the checks and the
change records are `records.services.service_user_amend` / `related_person_amend`."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from safehaven.accounts.models import User
from safehaven.accounts.selectors import units_visible_to
from safehaven.records import services
from safehaven.records.access import access_service_user
from safehaven.records.changes import FIELD_LABELS
from safehaven.records.models import RelatedPerson
from safehaven.records.selectors import changes_for_service_user
from safehaven.web.forms import GovukFormMixin
from safehaven.web.views._forms import run_service

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"]
HISTORY_PAGE_SIZE = 50

REASON_FIELD_KW = {
    "label": "Why are you making this change?",
    "help_text": (
        "For example \u201cthe parent phoned to correct the spelling\u201d or \u201cthe UPN "
        "on the transfer file\u201d. This is kept with the change and sent to the other "
        "systems that hold the detail."
    ),
    "max_length": 1000,
    "widget": forms.Textarea,
    "error_messages": {"required": "Enter why you are making this change"},
}


def _date_text(value) -> str:
    return f"{value.day}/{value.month}/{value.year}" if value else ""


class ServiceUserAmendForm(GovukFormMixin, forms.Form):
    given_name = forms.CharField(
        label="Given name",
        max_length=100,
        error_messages={"required": "Enter the given name"},
    )
    family_name = forms.CharField(
        label="Family name",
        max_length=100,
        error_messages={"required": "Enter the family name"},
    )
    preferred_name = forms.CharField(
        label="Preferred name (optional)", max_length=100, required=False
    )
    date_of_birth = forms.DateField(
        label="Date of birth",
        input_formats=DATE_FORMATS,
        help_text="For example 27/3/2014.",
        error_messages={
            "required": "Enter the date of birth",
            "invalid": "Enter the date of birth like 27/3/2014",
        },
    )
    upn = forms.CharField(
        label="UPN (optional)",
        max_length=20,
        required=False,
        help_text="Unique Pupil Number: a letter and 12 digits.",
    )
    uln = forms.CharField(label="ULN (optional)", max_length=20, required=False)
    nhs_number = forms.CharField(label="NHS number (optional)", max_length=20, required=False)
    reference = forms.CharField(
        label="Reference",
        max_length=40,
        help_text="The primary database's reference for this child.",
        error_messages={"required": "Enter the reference"},
    )
    unit = forms.ModelChoiceField(
        label="School or team",
        queryset=None,
        empty_label=None,
        error_messages={"invalid_choice": "Choose a school or team from the list"},
    )
    allocated_worker = forms.ModelChoiceField(
        label="Allocated worker",
        queryset=None,
        required=False,
        empty_label="No allocated worker",
        error_messages={"invalid_choice": "Choose a member of staff from the list"},
    )
    reason = forms.CharField(**REASON_FIELD_KW)

    def __init__(self, *args, user, service_user, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units_visible_to(user).order_by("name")
        if services.can_change_allocated_worker(user):
            # Staff at the child's unit, and whoever is allocated now (even if they left).
            self.fields["allocated_worker"].queryset = (
                User.objects.filter(
                    Q(is_active=True, units=service_user.unit_id)
                    | Q(pk=service_user.allocated_worker_id)
                )
                .distinct()
                .order_by("last_name", "first_name", "username")
            )
        else:
            del self.fields["allocated_worker"]


class RelatedPersonAmendForm(GovukFormMixin, forms.Form):
    title = forms.CharField(label="Title (optional)", max_length=20, required=False)
    given_name = forms.CharField(
        label="Given name", max_length=100, error_messages={"required": "Enter the given name"}
    )
    family_name = forms.CharField(
        label="Family name", max_length=100, error_messages={"required": "Enter the family name"}
    )
    phone = forms.CharField(label="Phone (optional)", max_length=30, required=False)
    email = forms.CharField(label="Email address (optional)", max_length=254, required=False)
    line_1 = forms.CharField(label="Address line 1 (optional)", max_length=200, required=False)
    line_2 = forms.CharField(label="Address line 2 (optional)", max_length=200, required=False)
    line_3 = forms.CharField(label="Address line 3 (optional)", max_length=200, required=False)
    town = forms.CharField(label="Town or city (optional)", max_length=100, required=False)
    postcode = forms.CharField(label="Postcode (optional)", max_length=10, required=False)
    reason = forms.CharField(**REASON_FIELD_KW)


def _nothing_changed(form: forms.Form) -> None:
    form.add_error(None, "You have not changed anything. Change a detail, or go back.")


@login_required
def service_user_amend(request: HttpRequest, pk: int) -> HttpResponse:
    service_user = access_service_user(user=request.user, pk=pk, log=request.method == "GET")
    initial = {
        "given_name": service_user.given_name,
        "family_name": service_user.family_name,
        "preferred_name": service_user.preferred_name,
        "date_of_birth": _date_text(service_user.date_of_birth),
        "upn": service_user.upn,
        "uln": service_user.uln,
        "nhs_number": service_user.nhs_number,
        "reference": service_user.reference,
        "unit": service_user.unit_id,
        "allocated_worker": service_user.allocated_worker_id,
    }
    form = ServiceUserAmendForm(
        request.POST or None, initial=initial, user=request.user, service_user=service_user
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        changes = run_service(
            form,
            lambda: services.service_user_amend(
                service_user=service_user, user=request.user, reason=reason, **data
            ),
        )
        if changes == []:
            _nothing_changed(form)
        elif changes is not None:
            names = ", ".join(FIELD_LABELS.get(c.field, c.field).lower() for c in changes)
            messages.success(request, f"Details changed ({names}). The change is in the history.")
            return redirect(reverse("service-user-record", args=[pk]) + "#changes")
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": "Amend details",
            "caption": service_user.full_name,
            "back_url": reverse("service-user-record", args=[pk]),
            "submit_text": "Save the changes",
        },
    )


@login_required
def related_person_amend(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    service_user = access_service_user(user=request.user, pk=pk, log=request.method == "GET")
    person = get_object_or_404(RelatedPerson, pk=person_pk, service_user=service_user)
    fields = services.RELATED_PERSON_AMENDABLE
    form = RelatedPersonAmendForm(
        request.POST or None, initial={f: getattr(person, f) for f in fields}
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        reason = data.pop("reason")
        changes = run_service(
            form,
            lambda: services.related_person_amend(
                person=person, user=request.user, reason=reason, **data
            ),
        )
        if changes == []:
            _nothing_changed(form)
        elif changes is not None:
            messages.success(
                request, f"{person.full_name}'s details changed. The change is in the history."
            )
            return redirect(reverse("service-user-record", args=[pk]) + "#changes")
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": f"Amend {person.full_name}'s details",
            "caption": f"{person.get_relationship_display()} of {service_user.full_name}",
            "back_url": reverse("service-user-record", args=[pk]),
            "submit_text": "Save the changes",
        },
    )


@login_required
def change_history(request: HttpRequest, pk: int) -> HttpResponse:
    """Every change to this child's details, addresses, parents and carers, newest first."""
    service_user = access_service_user(user=request.user, pk=pk)
    page = Paginator(changes_for_service_user(service_user=service_user), HISTORY_PAGE_SIZE)
    return render(
        request,
        "web/service_users/changes.html",
        {"service_user": service_user, "page": page.get_page(request.GET.get("page"))},
    )
