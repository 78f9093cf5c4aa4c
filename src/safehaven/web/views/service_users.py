"""Service users: search, the record page, their register entries, subject access export.

Every record is fetched through `access_service_user`, which logs the view and raises the same
404 for a record that does not exist and for one at a school or team the user cannot see.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from safehaven.fax.services import fax_enabled
from safehaven.records.access import access_log_record, access_service_user
from safehaven.records.models import AccessLog
from safehaven.records.selectors import (
    access_log_for_service_user,
    address_history,
    consents_for_service_user,
    related_people_for,
    restrictions_active,
    service_user_search,
)
from safehaven.register.sar import sar_export
from safehaven.register.selectors import disclosures_for_service_user
from safehaven.web.forms import SearchForm
from safehaven.web.permissions import can_export_subject_access, require

RESULTS_LIMIT = 50
RECORD_DISCLOSURES = 10
RECORD_ACCESS_LOG = 50
REGISTER_PAGE_SIZE = 50


@login_required
def search(request: HttpRequest) -> HttpResponse:
    # A submitted form (even an empty one, which gets an error) has at least one of these keys.
    searched = any(k in request.GET for k in ("q", "dob_day", "dob_month", "dob_year"))
    form = SearchForm(request.GET if searched else None)
    results = None
    if searched and form.is_valid():
        results = list(
            service_user_search(
                user=request.user,
                text=form.cleaned_data["q"],
                dob=form.cleaned_data["dob"],
                limit=RESULTS_LIMIT,
            )
        )
        access_log_record(
            user=request.user, action=AccessLog.Action.SEARCH, detail=f"results={len(results)}"
        )
    return render(
        request,
        "web/service_users/search.html",
        {"form": form, "results": results, "limit": RESULTS_LIMIT},
    )


@login_required
def record(request: HttpRequest, pk: int) -> HttpResponse:
    service_user = access_service_user(user=request.user, pk=pk)
    addresses = list(address_history(service_user=service_user))
    consents = list(consents_for_service_user(service_user=service_user))
    context = {
        "service_user": service_user,
        "current_address": next((a for a in addresses if a.is_current), None),
        "addresses": addresses,
        "related_people": related_people_for(service_user=service_user),
        "restrictions": restrictions_active(service_user=service_user),
        "consents": consents,
        "disclosures": disclosures_for_service_user(service_user=service_user)[:RECORD_DISCLOSURES],
        "show_access_log": request.user.is_dpo,
        "fax_enabled": fax_enabled(),
    }
    if request.user.is_dpo:
        context["access_log"] = access_log_for_service_user(service_user=service_user)[
            :RECORD_ACCESS_LOG
        ]
    return render(request, "web/service_users/record.html", context)


@login_required
def disclosures(request: HttpRequest, pk: int) -> HttpResponse:
    service_user = access_service_user(user=request.user, pk=pk)
    page = Paginator(
        disclosures_for_service_user(service_user=service_user), REGISTER_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "web/service_users/register.html",
        {"service_user": service_user, "page": page, "can_export": request.user.is_dpo},
    )


@require(can_export_subject_access)
def subject_access(request: HttpRequest, pk: int) -> HttpResponse:
    """The DPO's page for answering a subject access request about disclosures."""
    service_user = access_service_user(user=request.user, pk=pk)
    entries = disclosures_for_service_user(service_user=service_user).count()
    return render(
        request,
        "web/service_users/subject_access.html",
        {"service_user": service_user, "entries": entries},
    )


SAR_CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}


@require(can_export_subject_access)
@never_cache
def subject_access_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Every register entry about the service user as CSV or PDF (UK GDPR Art. 15(1)(c))."""
    if fmt not in SAR_CONTENT_TYPES:
        raise Http404("Choose csv or pdf.")
    # sar_export writes its own access-log row (a subject access export, not a view).
    service_user = access_service_user(user=request.user, pk=pk, log=False)
    data = sar_export(service_user=service_user, fmt=fmt, user=request.user)
    response = HttpResponse(data, content_type=SAR_CONTENT_TYPES[fmt])
    filename = f"subject-access-{service_user.pk}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
