"""The disclosure register as a whole: the DPO's and administrators' view, and its check."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from safehaven.register.selectors import disclosures_visible_to, register_head, register_verify
from safehaven.web.permissions import can_read_register, require

PAGE_SIZE = 50


def _overview(request: HttpRequest, verify_result=None, status: int = 200) -> HttpResponse:
    sequence, head_hash = register_head()
    page = Paginator(disclosures_visible_to(request.user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "web/register/overview.html",
        {
            "head_sequence": sequence,
            "head_hash": head_hash,
            "page": page,
            "result": verify_result,
        },
        status=status,
    )


@require(can_read_register)
def overview(request: HttpRequest) -> HttpResponse:
    return _overview(request)


@require(can_read_register)
@require_POST
def verify(request: HttpRequest) -> HttpResponse:
    """Recomputes the hash chain now and shows the outcome on the register page."""
    return _overview(request, verify_result=register_verify())
