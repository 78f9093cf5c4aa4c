"""Amending a service user's address (LET-4: whoever finds a detail wrong amends it) and
flagging post that came back. The record is fetched through `access_service_user`; the old
address is kept as history by `address_amend`."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from safehaven.records import services
from safehaven.records.access import access_service_user
from safehaven.records.models import Address
from safehaven.web.forms import AddressForm
from safehaven.web.views._forms import run_service


@login_required
def address_new(request: HttpRequest, pk: int) -> HttpResponse:
    service_user = access_service_user(user=request.user, pk=pk, log=request.method == "GET")
    form = AddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        saved = run_service(
            form,
            lambda: services.address_amend(
                service_user=service_user, recorded_by=request.user, **form.cleaned_data
            ),
        )
        if saved is not None:
            messages.success(request, "Address changed. The old address is kept in the history.")
            return redirect("service-user-record", pk=pk)
    return render(
        request,
        "web/form_page.html",
        {
            "form": form,
            "title": "Change the address",
            "caption": service_user.full_name,
            "back_url": reverse("service-user-record", args=[pk]),
            "submit_text": "Save the new address",
        },
    )


def _current_address(request: HttpRequest, pk: int, address_pk: int) -> Address:
    service_user = access_service_user(user=request.user, pk=pk, log=False)
    return get_object_or_404(
        Address, pk=address_pk, service_user=service_user, valid_to__isnull=True
    )


@login_required
@require_POST
def address_mail_returned(request: HttpRequest, pk: int, address_pk: int) -> HttpResponse:
    """Post came back: letters stop until someone checks the address (LET-2)."""
    address = _current_address(request, pk, address_pk)
    services.address_mark_mail_returned(address=address, user=request.user)
    messages.success(request, "Marked: post to this address came back")
    return redirect("service-user-record", pk=pk)


@login_required
@require_POST
def address_checked(request: HttpRequest, pk: int, address_pk: int) -> HttpResponse:
    """Someone checked the address with the family or the professional involved."""
    address = _current_address(request, pk, address_pk)
    services.address_verify(address=address, user=request.user)
    messages.success(request, "Address marked as checked")
    return redirect("service-user-record", pk=pk)
