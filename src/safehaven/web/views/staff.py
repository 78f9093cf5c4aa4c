"""Staff accounts, their roles and units. Administrators only; writes go through the
accounts services."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from safehaven.accounts.models import User
from safehaven.accounts.services import user_create, user_update
from safehaven.web.forms import StaffCreateForm, StaffEditForm
from safehaven.web.permissions import can_manage_staff, require
from safehaven.web.views._forms import run_service

PAGE_SIZE = 50


@require(can_manage_staff)
def staff_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:150]
    staff = User.objects.prefetch_related("units").order_by("last_name", "first_name", "pk")
    if query:
        staff = staff.filter(
            Q(username__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
        )
    page = Paginator(staff, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "web/staff/list.html", {"page": page, "query": query})


def _form_page(request: HttpRequest, form, title: str) -> HttpResponse:
    return render(
        request,
        "web/form_page.html",
        {"form": form, "title": title, "back_url": reverse("staff-list")},
    )


@require(can_manage_staff)
def staff_create(request: HttpRequest) -> HttpResponse:
    form = StaffCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        is_active = data.pop("is_active")
        user = run_service(form, lambda: user_create(**data))
        if user is not None:
            if not is_active:
                user_update(user=user, is_active=False)
            messages.success(request, f"Account for {user} created")
            return redirect("staff-list")
    return _form_page(request, form, "Add a member of staff")


@require(can_manage_staff)
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    member = get_object_or_404(User, pk=pk)
    title = f"Change {member}"
    form = StaffEditForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        units = data.pop("units")
        if member.pk == request.user.pk and not data["is_active"]:
            form.add_error("is_active", "You cannot switch off your own account")
        else:
            saved = run_service(
                form,
                lambda: user_update(user=User.objects.get(pk=pk), units=units, **data),
            )
            if saved is not None:
                messages.success(request, "Changes saved")
                return redirect("staff-list")
    return _form_page(request, form, title)
