"""The officer's screens while the caller waits: one page per step, the next action obvious.

Views only parse forms and call the services; every rule is checked in the services, so the
API and these pages enforce the same steps.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from safehaven.records.selectors import address_current, consent_current
from safehaven.telephone import services
from safehaven.telephone.forms import (
    CallbackForm,
    ConsentForm,
    DecideForm,
    IdentifyForm,
    LogCallForm,
    RefuseForm,
    ReturnCallForm,
)
from safehaven.telephone.models import TelephoneRequest
from safehaven.telephone.selectors import (
    access_telephone_request,
    telephone_authorisation_queue,
    telephone_requests_for_officer,
)
from safehaven.workflow import run_step

State = TelephoneRequest.State

STEP_URLS = {
    State.LOGGED: "telephone-identify",
    State.IDENTIFIED: "telephone-callback",
    State.CALLBACK_CHECKED: "telephone-consent",
    State.AWAITING_AUTHORISATION: "telephone-detail",
    State.AUTHORISED: "telephone-return-call",
    State.DISCLOSED: "telephone-detail",
    State.REFUSED: "telephone-detail",
}
STOP_RULES = {f"TEL-{n}" for n in range(1, 10)}
STEPS = [
    ("Log the call", "TEL-1, TEL-2, TEL-4"),
    ("Identify the child", "TEL-3"),
    ("Callback number", "TEL-5"),
    ("Consent", "TEL-7"),
    ("Manager's decision", "TEL-6"),
    ("Return the call and record", "TEL-8, TEL-9"),
]
STEP_INDEX = {
    State.LOGGED: 1,
    State.IDENTIFIED: 2,
    State.CALLBACK_CHECKED: 3,
    State.AWAITING_AUTHORISATION: 4,
    State.AUTHORISED: 5,
    State.DISCLOSED: 6,
    State.REFUSED: 6,
}


def _next(request_obj: TelephoneRequest):
    return redirect(STEP_URLS[State(request_obj.state)], pk=request_obj.pk)


def _page(request, template: str, tel: TelephoneRequest | None, **context) -> HttpResponse:
    steps = []
    current = STEP_INDEX[State(tel.state)] if tel else 0
    for index, (name, rules) in enumerate(STEPS):
        status = "done" if index < current else ("current" if index == current else "to do")
        if tel is not None and tel.state == State.DISCLOSED:
            status = "done"
        steps.append({"name": name, "rules": rules, "status": status})
    return render(request, template, {"tel": tel, "steps": steps, **context})


def _get(request: HttpRequest, pk: int) -> TelephoneRequest:
    return access_telephone_request(user=request.user, pk=pk)


@login_required
def request_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "telephone/list.html",
        {
            "mine": telephone_requests_for_officer(user=request.user)[:50],
            "queue": telephone_authorisation_queue(user=request.user)[:50],
            "is_authoriser": request.user.is_authoriser or request.user.is_dpo,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def log_call(request: HttpRequest) -> HttpResponse:
    form = LogCallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        tel = run_step(
            form,
            lambda: services.telephone_request_log(
                officer=request.user,
                caller_name=data["caller_name"],
                caller_number=data["caller_number"],
                caller_job_title=data["caller_job_title"],
                caller_department=data["caller_department"],
                organisation=data["organisation"],
                organisation_name=data["organisation_name"],
                reason=data["reason"],
                purpose=data["purpose"],
                information_requested=data["information_requested"],
                given_name=data["given_name"],
                family_name=data["family_name"],
                date_of_birth=data["date_of_birth"],
                given_reference=data["given_reference"],
            ),
        )
        if tel is not None:
            return _next(tel)
    return _page(request, "telephone/log.html", None, form=form)


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    tel = _get(request, pk)
    can_decide = (
        tel.state == State.AWAITING_AUTHORISATION
        and (request.user.is_authoriser or request.user.is_dpo)
        and request.user.pk != tel.received_by_id
    )
    return _page(
        request, "telephone/detail.html", tel, events=tel.events.select_related("by"),
        can_decide=can_decide,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def identify(request: HttpRequest, pk: int) -> HttpResponse:
    tel = _get(request, pk)
    if tel.state != State.LOGGED:
        return _next(tel)
    form = IdentifyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        chosen = form.cleaned_data["service_user"]
        matches = services.telephone_request_candidates(request=tel, user=request.user)
        match = next((m for m in matches if m.service_user.pk == chosen), None)
        if match is None:
            form.add_error(None, "That record does not match the caller's details. (TEL-3)")
        else:
            done = run_step(
                form,
                lambda: services.telephone_request_identify(
                    request=tel, officer=request.user, service_user=match.service_user
                ),
            )
            if done is not None:
                return _next(done)
    candidates = services.telephone_request_candidates(request=tel, user=request.user)
    exact = [m for m in candidates if m.exact]
    return _page(
        request, "telephone/identify.html", tel, form=form, candidates=candidates,
        exact_count=len(exact),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def callback(request: HttpRequest, pk: int) -> HttpResponse:
    tel = _get(request, pk)
    if tel.state != State.IDENTIFIED:
        return _next(tel)
    form = CallbackForm(request.POST or None, initial={"organisation": tel.organisation})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = data["organisation"] or tel.organisation
        switchboard = None
        if data["switchboard"] and organisation is not None:
            switchboard = organisation.switchboards.filter(pk=data["switchboard"]).first()
        done = run_step(
            form,
            lambda: services.telephone_request_callback(
                request=tel,
                officer=request.user,
                organisation=organisation,
                switchboard=switchboard,
                number=data["number"],
            ),
        )
        if done is not None:
            return _next(done)
    organisation = tel.organisation
    if organisation is None and form.is_bound and form.is_valid():
        organisation = form.cleaned_data["organisation"]
    switchboards = (
        list(organisation.switchboards.select_related("verified_by")) if organisation else []
    )
    return _page(
        request, "telephone/callback.html", tel, form=form, organisation=organisation,
        switchboards=switchboards, add_organisation_url=reverse("organisation-create"),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def consent(request: HttpRequest, pk: int) -> HttpResponse:
    tel = _get(request, pk)
    if tel.state != State.CALLBACK_CHECKED:
        return _next(tel)
    current = consent_current(
        service_user=tel.service_user, organisation=tel.organisation, purpose=tel.purpose
    )
    form = ConsentForm(request.POST or None, initial={"lawful_basis": "consent"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_step(
            form,
            lambda: services.telephone_request_consent(
                request=tel,
                officer=request.user,
                lawful_basis=data["lawful_basis"],
                justification=data["justification"],
            ),
        )
        if done is not None:
            return _next(done)
    address = address_current(service_user=tel.service_user)
    return _page(
        request, "telephone/consent.html", tel, form=form, current_consent=current,
        confidential_address=bool(address and address.confidential),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def authorise(request: HttpRequest, pk: int) -> HttpResponse:
    tel = _get(request, pk)
    if tel.state != State.AWAITING_AUTHORISATION:
        return _next(tel)
    form = DecideForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_step(
            form,
            lambda: services.telephone_request_decide(
                request=tel,
                authoriser=request.user,
                approve=data["decision"] == "approve",
                note=data["note"],
            ),
        )
        if done is not None:
            return redirect("telephone-list")
    return _page(request, "telephone/authorise.html", tel, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def return_call(request: HttpRequest, pk: int) -> HttpResponse:
    tel = _get(request, pk)
    if tel.state != State.AUTHORISED:
        return _next(tel)
    form = ReturnCallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_step(
            form,
            lambda: services.telephone_request_return_call(
                request=tel,
                officer=request.user,
                spoke_to_name=data["spoke_to_name"],
                called_switchboard=data["called_switchboard"],
                disclosed_summary=data["disclosed_summary"],
            ),
        )
        if done is not None:
            return _next(done)
    return _page(request, "telephone/return_call.html", tel, form=form)


@login_required
@require_http_methods(["GET", "POST"])
def refuse(request: HttpRequest, pk: int) -> HttpResponse:
    tel = _get(request, pk)
    if not tel.is_open:
        return _next(tel)
    form = RefuseForm(request.POST or None, initial={"reason": request.GET.get("reason", "")})
    rule = request.POST.get("rule") or request.GET.get("rule") or "TEL-1"
    rule = rule if rule in STOP_RULES else "TEL-1"
    if request.method == "POST" and form.is_valid():
        done = run_step(
            form,
            lambda: services.telephone_request_refuse(
                request=tel, user=request.user, reason=form.cleaned_data["reason"], rule=rule
            ),
        )
        if done is not None:
            return _next(done)
    return _page(request, "telephone/refuse.html", tel, form=form, rule=rule)
