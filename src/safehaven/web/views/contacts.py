"""Professional contacts at partner organisations. The DPO and administrators keep the
directory; a change to a contact's name, job title, department, email or direct line needs a
reason and is kept in the contact's change history (LET-4) and sent to subscribed systems
(LET-5)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from safehaven.records import services
from safehaven.records.models import ProfessionalContact
from safehaven.records.selectors import changes_for_contact
from safehaven.web.forms import ContactEditForm, ContactForm
from safehaven.web.permissions import can_manage_directory, require
from safehaven.web.views._forms import run_service

PAGE_SIZE = 50
HISTORY_PAGE_SIZE = 50
UNCHANGED = "unchanged"


@login_required
def contact_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    contacts = ProfessionalContact.objects.select_related("organisation").filter(active=True)
    if query:
        contacts = contacts.filter(
            Q(name__icontains=query) | Q(organisation__name__icontains=query)
        )
    page = Paginator(contacts.order_by("name", "pk"), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "web/contacts/list.html",
        {"page": page, "query": query, "can_manage": can_manage_directory(request.user)},
    )


def _form_page(request: HttpRequest, form: ContactForm, title: str) -> HttpResponse:
    return render(
        request,
        "web/form_page.html",
        {"form": form, "title": title, "back_url": reverse("contact-list")},
    )


@require(can_manage_directory)
def contact_create(request: HttpRequest) -> HttpResponse:
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = run_service(
            form, lambda: services.professional_contact_create(**form.cleaned_data)
        )
        if contact is not None:
            messages.success(request, f"{contact.name} added")
            return redirect("contact-list")
    return _form_page(request, form, "Add a professional contact")


@require(can_manage_directory)
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    contact = get_object_or_404(ProfessionalContact, pk=pk)
    title = f"Change {contact.name}"
    form = ContactEditForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in ContactForm.Meta.fields}

        def save() -> ProfessionalContact | str:
            if data["direct_phone"]:
                data["direct_phone"] = services.clean_phone(data["direct_phone"], "direct_phone")
            before = ProfessionalContact.objects.get(pk=pk)
            if all(getattr(before, f) == v for f, v in data.items()):
                return UNCHANGED
            return services.professional_contact_update(
                contact=before, user=request.user, reason=form.cleaned_data["reason"], **data
            )

        saved = run_service(form, save)  # None: the service's error is on the form
        if saved == UNCHANGED:
            form.add_error(None, "You have not changed anything. Change a detail, or go back.")
        elif saved is not None:
            messages.success(
                request, f"{saved.name}'s details changed. The change is in the history."
            )
            return redirect("contact-changes", pk=pk)
    return _form_page(request, form, title)


@require(can_manage_directory)
def contact_changes(request: HttpRequest, pk: int) -> HttpResponse:
    """Every change to this contact's details, newest first: who, when, before, after, why."""
    contact = get_object_or_404(ProfessionalContact, pk=pk)
    page = Paginator(changes_for_contact(contact=contact), HISTORY_PAGE_SIZE)
    return render(
        request,
        "web/contacts/changes.html",
        {"contact": contact, "page": page.get_page(request.GET.get("page"))},
    )
