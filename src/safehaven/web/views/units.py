"""Schools, teams and services: the boundaries of what staff see. Administrators only."""

from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from safehaven.accounts.models import Unit
from safehaven.web.permissions import can_manage_staff, require


@require(can_manage_staff)
def unit_list(request: HttpRequest) -> HttpResponse:
    units = Unit.objects.annotate(
        staff_count=Count("staff", filter=Q(staff__is_active=True), distinct=True),
        service_user_count=Count("service_users", distinct=True),
    ).order_by("name")
    return render(request, "web/units/list.html", {"units": units})
