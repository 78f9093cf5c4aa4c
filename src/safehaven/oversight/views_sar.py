"""Subject access request pages: list with clocks, log a request, the request with its clock
and history, the steps (pause, answer received, extend, link the record, complete, withdraw),
the bundle (PDF) and its CSVs. DPO and administrators only (others 403)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from safehaven.oversight import sar as sars
from safehaven.oversight.forms import (
    SarCompleteForm,
    SarExtendForm,
    SarLinkForm,
    SarNewForm,
    SarPauseForm,
    SarResumeForm,
    SarWithdrawForm,
)
from safehaven.oversight.selectors import require_oversight
from safehaven.oversight.services import NotAllowed, OversightError
from safehaven.oversight.views import _csv_response, _run


def _with_clocks(requests) -> list[dict]:
    return [{"sar": s, "clock": sars.sar_clock_for(s)} for s in requests]


@login_required
@require_GET
def sar_list(request: HttpRequest) -> HttpResponse:
    require_oversight(request.user)
    open_rows = _with_clocks(sars.sars_open().select_related("service_user"))
    open_rows.sort(key=lambda r: (r["clock"].due is None, r["clock"].due or r["sar"].received_on))
    closed = sars.sars_visible_to(request.user).exclude(pk__in=[r["sar"].pk for r in open_rows])
    return render(
        request,
        "oversight/sar_list.html",
        {
            "open_rows": open_rows,
            "closed_rows": _with_clocks(closed.order_by("-received_on")[:100]),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def sar_new(request: HttpRequest) -> HttpResponse:
    require_oversight(request.user)
    form = SarNewForm(
        request.POST or None,
        initial={"received_on": timezone.localdate().strftime("%d/%m/%Y")},
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data

        def create():
            sar = sars.sar_create(
                user=request.user, received_on=d["received_on"],
                requester_name=d["requester_name"], requester_kind=d["requester_kind"],
                requester_contact=d["requester_contact"], description=d["description"],
                identity_needed=d["identity_needed"] == "yes",
            )  # fmt: skip
            if d["reference"].strip():
                sar = sars.sar_link_service_user(sar=sar, user=request.user,
                                                 reference=d["reference"])  # fmt: skip
            return sar

        def atomic_create():
            with transaction.atomic():
                return create()

        sar = _run(form, atomic_create)
        if sar is not None:
            return redirect("oversight-sar-detail", pk=sar.pk)
    return render(
        request,
        "web/form_page.html",
        {"form": form, "title": "Log a subject access request", "submit_text": "Log the request",
         "back_url": "/oversight/sars/"},
    )  # fmt: skip


@login_required
@require_GET
def sar_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_oversight(request.user)
    sar = sars.access_sar(user=request.user, pk=pk)
    return render(
        request,
        "oversight/sar_detail.html",
        {"sar": sar, "clock": sars.sar_clock_for(sar), "events": sar.events.select_related("by")},
    )


def _step(request, pk, *, form_class, title, submit, call, initial=None):
    require_oversight(request.user)
    sar = sars.access_sar(user=request.user, pk=pk)
    form = form_class(request.POST or None, initial=initial or {})
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(form, lambda: call(sar, form.cleaned_data)) is not None
    ):
        return redirect("oversight-sar-detail", pk=sar.pk)
    return render(
        request,
        "web/form_page.html",
        {"form": form, "title": title, "caption": f"{sar.short_reference}: {sar.requester_name}",
         "submit_text": submit, "back_url": f"/oversight/sars/{sar.pk}/"},
    )  # fmt: skip


def _today():
    return {"on": timezone.localdate().strftime("%d/%m/%Y")}


@login_required
@require_http_methods(["GET", "POST"])
def sar_pause(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, form_class=SarPauseForm, title="Pause the clock", submit="Pause the clock",
        initial=_today(),
        call=lambda sar, d: sars.sar_pause(sar=sar, user=request.user, kind=d["kind"],
                                           on=d["on"], note=d["note"]),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def sar_resume(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, form_class=SarResumeForm, title="Record the answer",
        submit="Restart the clock", initial=_today(),
        call=lambda sar, d: sars.sar_resume(sar=sar, user=request.user, on=d["on"],
                                            evidence=d["evidence"]),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def sar_extend(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, form_class=SarExtendForm, title="Extend the time to respond",
        submit="Record the extension", initial=_today(),
        call=lambda sar, d: sars.sar_extend(sar=sar, user=request.user, months=int(d["months"]),
                                            reason=d["reason"], on=d["on"]),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def sar_link(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, form_class=SarLinkForm, title="Link the person's record",
        submit="Link the record",
        call=lambda sar, d: sars.sar_link_service_user(sar=sar, user=request.user,
                                                       reference=d["reference"]),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def sar_complete(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, form_class=SarCompleteForm, title="Record the response",
        submit="Record the response", initial=_today(),
        call=lambda sar, d: sars.sar_complete(sar=sar, user=request.user, on=d["on"],
                                              note=d["note"]),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def sar_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _step(
        request, pk, form_class=SarWithdrawForm, title="Record that it was withdrawn",
        submit="Record the withdrawal",
        call=lambda sar, d: sars.sar_withdraw(sar=sar, user=request.user, reason=d["reason"]),
    )  # fmt: skip


def _download(request, pk: int, *, make, filename: str, content_type: str) -> HttpResponse:
    require_oversight(request.user)
    sar = sars.access_sar(user=request.user, pk=pk)
    try:
        data = make(sar)
    except NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except OversightError as exc:
        return render(
            request, "oversight/sar_detail.html",
            {"sar": sar, "clock": sars.sar_clock_for(sar), "events": sar.events.all(),
             "bundle_error": exc.message},
            status=400,
        )  # fmt: skip
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{sar.short_reference}-{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def sar_bundle_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(
        request, pk, make=lambda s: sars.sar_bundle_pdf(sar=s, user=request.user),
        filename="bundle.pdf", content_type="application/pdf",
    )  # fmt: skip


@login_required
@require_GET
def sar_disclosures_csv(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(
        request, pk, make=lambda s: sars.sar_disclosures_csv(sar=s, user=request.user),
        filename="disclosures.csv", content_type="text/csv; charset=utf-8",
    )  # fmt: skip


@login_required
@require_GET
def sar_access_log_csv(request: HttpRequest, pk: int) -> HttpResponse:
    return _download(
        request, pk, make=lambda s: sars.sar_access_log_csv(sar=s, user=request.user),
        filename="access-log.csv", content_type="text/csv; charset=utf-8",
    )  # fmt: skip


@login_required
@require_GET
def sars_csv(request: HttpRequest) -> HttpResponse:
    require_oversight(request.user)
    rows = []
    for s in sars.sars_visible_to(request.user).order_by("received_on", "pk"):
        c = sars.sar_clock_for(s)
        rows.append((
            s.short_reference, s.get_state_display(), s.received_on.isoformat(),
            s.get_requester_kind_display(), s.service_user.reference if s.service_user else "",
            s.identity_verified_on.isoformat() if s.identity_verified_on else "",
            s.extension_months, c.due.isoformat() if c.due else "", c.text,
            s.completed_on.isoformat() if s.completed_on else "",
        ))  # fmt: skip
    header = [
        "reference", "state", "received_on", "requester", "service_user_reference",
        "identity_verified_on", "extension_months", "due", "clock", "completed_on",
    ]  # fmt: skip
    return _csv_response("subject-access-requests.csv", header, rows)
