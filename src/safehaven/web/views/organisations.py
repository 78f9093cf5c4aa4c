"""Partner organisations: switchboards (TEL-5), email domains (EMAIL-1), fax numbers (FAX-2).

Everyone signed in may read them (officers need the switchboard to call back); the DPO and
administrators keep them up to date, through the records services.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from safehaven.records import services
from safehaven.records.models import (
    EmailDomain,
    FaxNumber,
    Organisation,
    ProfessionalContact,
    Switchboard,
)
from safehaven.web.forms import (
    EmailDomainForm,
    FaxNumberForm,
    OrganisationForm,
    SwitchboardForm,
    SwitchboardVerifyForm,
)
from safehaven.web.permissions import can_manage_directory, require
from safehaven.web.views._forms import run_service

PAGE_SIZE = 50


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    organisations = Organisation.objects.annotate(
        switchboard_count=Count("switchboards", distinct=True),
        contact_count=Count("contacts", distinct=True),
    ).order_by("name")
    if query:
        organisations = organisations.filter(name__icontains=query)
    page = Paginator(organisations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "web/organisations/list.html",
        {"page": page, "query": query, "can_manage": can_manage_directory(request.user)},
    )


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(
        Organisation.objects.prefetch_related(
            Prefetch("switchboards", Switchboard.objects.select_related("verified_by")),
            Prefetch("email_domains", EmailDomain.objects.select_related("assessed_by")),
            Prefetch("fax_numbers", FaxNumber.objects.select_related("assessed_by")),
            Prefetch("contacts", ProfessionalContact.objects.filter(active=True)),
        ),
        pk=pk,
    )
    return render(
        request,
        "web/organisations/detail.html",
        {"organisation": organisation, "can_manage": can_manage_directory(request.user)},
    )


def _form_page(request, form, title: str, back_url: str, caption: str = "") -> HttpResponse:
    return render(
        request,
        "web/form_page.html",
        {"form": form, "title": title, "caption": caption, "back_url": back_url},
    )


@require(can_manage_directory)
def organisation_create(request: HttpRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = run_service(form, lambda: services.organisation_create(**form.cleaned_data))
        if organisation is not None:
            messages.success(request, f"{organisation.name} added")
            return redirect("organisation-detail", pk=organisation.pk)
    return _form_page(request, form, "Add an organisation", reverse("organisation-list"))


@require(can_manage_directory)
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    name = organisation.name
    form = OrganisationForm(request.POST or None, instance=organisation)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: services.organisation_update(
                organisation=Organisation.objects.get(pk=pk), **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, "Changes saved")
            return redirect("organisation-detail", pk=pk)
    back = reverse("organisation-detail", args=[pk])
    return _form_page(request, form, "Change the organisation's details", back, caption=name)


@require(can_manage_directory)
def switchboard_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    form = SwitchboardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        checked = bool(data["verification_source"].strip())
        saved = run_service(
            form,
            lambda: services.switchboard_record(
                organisation=organisation,
                number=data["number"],
                label=data["label"],
                verification_source=data["verification_source"],
                verified_by=request.user if checked else None,
            ),
        )
        if saved is not None:
            messages.success(request, "Switchboard number added")
            return redirect("organisation-detail", pk=pk)
    back = reverse("organisation-detail", args=[pk])
    return _form_page(request, form, "Add a switchboard number", back, organisation.name)


@require(can_manage_directory)
@require_POST
def switchboard_verify(request: HttpRequest, pk: int, switchboard_pk: int) -> HttpResponse:
    """Records who checked the number against a trusted source, and when (TEL-5)."""
    switchboard = get_object_or_404(
        Switchboard.objects.select_related("organisation"), pk=switchboard_pk, organisation_id=pk
    )
    form = SwitchboardVerifyForm(request.POST)
    if form.is_valid():
        saved = run_service(
            form,
            lambda: services.switchboard_record(
                organisation=switchboard.organisation,
                number=switchboard.number,
                label=switchboard.label,
                verification_source=form.cleaned_data["verification_source"],
                verified_by=request.user,
            ),
        )
        if saved is not None:
            messages.success(request, f"{switchboard.number} marked as checked")
            return redirect("organisation-detail", pk=pk)
    return render(
        request,
        "web/organisations/verify.html",
        {"organisation": switchboard.organisation, "switchboard": switchboard, "form": form},
        status=400,
    )


@require(can_manage_directory)
def email_domain_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    form = EmailDomainForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: services.email_domain_record(
                organisation=organisation, assessed_by=request.user, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, f"{saved.domain} added")
            return redirect("organisation-detail", pk=pk)
    back = reverse("organisation-detail", args=[pk])
    return _form_page(request, form, "Add an email domain", back, organisation.name)


@require(can_manage_directory)
def fax_number_create(request: HttpRequest, pk: int) -> HttpResponse:
    organisation = get_object_or_404(Organisation, pk=pk)
    form = FaxNumberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        assessed = data["safe_haven"] != FaxNumber.SafeHaven.UNKNOWN
        saved = run_service(
            form,
            lambda: services.fax_number_record(
                organisation=organisation,
                assessed_by=request.user if assessed else None,
                **data,
            ),
        )
        if saved is not None:
            messages.success(request, "Fax number added")
            return redirect("organisation-detail", pk=pk)
    back = reverse("organisation-detail", args=[pk])
    return _form_page(request, form, "Add a fax number", back, organisation.name)
