"""Professional contacts at partner organisations."""

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
from safehaven.web.forms import ContactForm
from safehaven.web.permissions import can_manage_directory, require
from safehaven.web.views._forms import run_service

PAGE_SIZE = 50


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
    form = ContactForm(request.POST or None, instance=contact)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: services.professional_contact_update(
                contact=ProfessionalContact.objects.get(pk=pk), **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, "Changes saved")
            return redirect("contact-list")
    return _form_page(request, form, title)
