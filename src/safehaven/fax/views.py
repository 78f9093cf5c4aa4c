"""Fax pages: one page per step, the next action obvious. Views only parse forms and call the
services, so the pages and the API enforce the same steps."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from safehaven.fax import forms as f
from safehaven.fax import services
from safehaven.fax.models import FaxJob, SpeedDial
from safehaven.fax.selectors import (
    access_fax_job,
    access_incoming_fax,
    fax_directory,
    fax_jobs_for,
    fax_jobs_receipt_overdue,
    incoming_queue,
    incoming_unattended,
    speed_dial_suggestions,
    speed_dials,
)
from safehaven.records.access import access_service_user
from safehaven.records.models import FaxNumber
from safehaven.workflow import run_step

State = FaxJob.State
STEP_URLS = {
    State.CREATED: "fax-number",
    State.NUMBER_ENTERED: "fax-safe-haven",
    State.READY: "fax-send",
}
STEPS = [
    ("Details and document", "FAX-7"),
    ("Fax number, keyed twice or from the directory", "FAX-5"),
    ("Safe haven, warning call, receipt request", "FAX-1 to FAX-4, FAX-6"),
    ("Check the number and send", "FAX-8"),
    ("Machine confirms transmission", "FAX-11"),
    ("Receipt from the recipient", "FAX-6"),
]
STEP_INDEX = {
    State.CREATED: 1, State.NUMBER_ENTERED: 2, State.READY: 3, State.SENT: 4, State.FAILED: 4,
    State.TRANSMITTED: 5, State.RECEIPTED: 6, State.ABANDONED: 6,
}  # fmt: skip


def _page(request, template: str, job: FaxJob | None = None, **context) -> HttpResponse:
    current = STEP_INDEX[State(job.state)] if job else 0
    steps = [
        {
            "name": name,
            "rules": rules,
            "status": "done"
            if i < current or (job and job.state == State.RECEIPTED)
            else ("current" if i == current else "to do"),
        }
        for i, (name, rules) in enumerate(STEPS)
    ]
    return render(
        request, template,
        {"job": job, "steps": steps, "fax_enabled": services.fax_enabled(), **context},
    )  # fmt: skip


def _next(job: FaxJob):
    return redirect(STEP_URLS.get(State(job.state), "fax-detail"), pk=job.pk)


def _off(request) -> HttpResponse | None:
    if not services.fax_enabled():
        return render(request, "fax/off.html", status=200)
    return None


@login_required
def fax_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    return _page(
        request, "fax/home.html",
        incoming=incoming_queue(user=user), jobs=fax_jobs_for(user=user).defer(
            "document", "fax_pdf")[:50],
        overdue=fax_jobs_receipt_overdue(user=user), policy=services.fax_policy(),
        unattended=incoming_unattended() if user.is_dpo or user.is_administrator else [],
        can_switch=user.is_dpo or user.is_administrator,
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def fax_settings(request: HttpRequest) -> HttpResponse:
    if not (request.user.is_dpo or request.user.is_administrator):
        raise PermissionDenied
    policy = services.fax_policy()
    form = f.PolicyForm(
        request.POST or None,
        initial={
            "enabled": "on" if policy.enabled else "off", "reason": policy.reason,
            "sender_organisation": policy.sender_organisation,
            "sender_phone": policy.sender_phone, "sender_fax": policy.sender_fax,
        },
    )  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_step(
            form,
            lambda: services.fax_policy_set(
                user=request.user, enabled=data["enabled"] == "on", reason=data["reason"],
                sender_organisation=data["sender_organisation"].strip(),
                sender_phone=data["sender_phone"].strip(), sender_fax=data["sender_fax"].strip(),
            ),
        )  # fmt: skip
        if done is not None:
            return redirect("fax-home")
    return _page(request, "fax/form.html", form=form, title="Fax switch and sender details",
                 submit_text="Save", rules="FAX-1")  # fmt: skip


@login_required
def directory(request: HttpRequest) -> HttpResponse:
    numbers = list(fax_directory())
    for number in numbers:
        number.current = services.assessment_current(number)
    return _page(request, "fax/directory.html", numbers=numbers)


@login_required
@require_http_methods(["GET", "POST"])
def assess(request: HttpRequest, number_pk: int) -> HttpResponse:
    if (off := _off(request)) is not None:
        return off
    number = FaxNumber.objects.select_related("organisation").filter(pk=number_pk).first()
    if number is None:
        from django.http import Http404

        raise Http404("No such fax number.")
    form = f.AssessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_step(
            form,
            lambda: services.safe_haven_assess(
                fax_number=number, recorded_by=request.user,
                answered_by_name=data["answered_by_name"],
                answered_by_role=data["answered_by_role"],
                secure_office=data["secure_office"] == "yes",
                shared_departments=data["shared_departments"] == "yes",
                designated_collectors=data["designated_collectors"] == "yes",
                written_policy=data["written_policy"] == "yes", notes=data["notes"],
            ),
        )  # fmt: skip
        if done is not None:
            back = request.GET.get("job", "")
            if back.isdigit():
                return redirect("fax-safe-haven", pk=int(back))
            return redirect("fax-directory")
    return _page(
        request, "fax/form.html", form=form, rules="FAX-2, FAX-3",
        title=f"Safe-haven assessment: {number.organisation.name}, {number.number}",
        submit_text="Record the assessment",
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def job_new(request: HttpRequest, service_user_pk: int) -> HttpResponse:
    if (off := _off(request)) is not None:
        return off
    service_user = access_service_user(user=request.user, pk=service_user_pk)
    form = f.CreateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        job = run_step(
            form,
            lambda: services.fax_job_create(
                officer=request.user, service_user=service_user,
                recipient_name=data["recipient_name"],
                recipient_organisation=data["recipient_organisation"], reason=data["reason"],
                summary=data["summary"], lawful_basis=data["lawful_basis"],
                lawful_basis_justification=data["lawful_basis_justification"],
                document=data["document"].read(),
            ),
        )  # fmt: skip
        if job is not None:
            return _next(job)
    return _page(
        request, "fax/form.html", form=form, multipart=True, rules="FAX-7",
        title="Send a fax", caption=f"About {service_user.given_name} {service_user.family_name}",
        submit_text="Continue",
    )  # fmt: skip


def _get(request, pk) -> FaxJob:
    return access_fax_job(user=request.user, pk=pk)


@login_required
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    job = _get(request, pk)
    return _page(
        request, "fax/detail.html", job, events=job.events.select_related("by"),
        attempts=job.attempts.all(), receipt_form=f.ReceiptForm(), stop_form=f.StopForm(),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def job_number(request: HttpRequest, pk: int) -> HttpResponse:
    job = _get(request, pk)
    if job.state != State.CREATED:
        return _next(job)
    numbers = (
        list(job.recipient_organisation.fax_numbers.all()) if job.recipient_organisation else []
    )
    form = f.NumberForm(request.POST or None, numbers=numbers)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        chosen = next((n for n in numbers if n.pk == data["fax_number"]), None)
        done = run_step(
            form,
            lambda: services.fax_job_number(
                job=job, officer=request.user, fax_number=chosen, number=data["number"],
                number_again=data["number_again"],
            ),
        )  # fmt: skip
        if done is not None:
            return _next(done)
    return _page(request, "fax/step.html", job, form=form, title="Fax number",
                 intro="Choose the number from the directory, or key a new number twice (FAX-5).",
                 submit_text="Continue")  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def job_safe_haven(request: HttpRequest, pk: int) -> HttpResponse:
    job = _get(request, pk)
    if job.state != State.NUMBER_ENTERED:
        return _next(job)
    assessment = services.assessment_current(job.fax_number)
    form = f.SafeHavenForm(
        request.POST or None, initial={"receipt_requested_from": job.recipient_name}
    )
    if request.method == "POST" and form.is_valid():
        done = run_step(form, lambda: services.fax_job_safe_haven(
            job=job, officer=request.user, **form.cleaned_data))  # fmt: skip
        if done is not None:
            return _next(done)
    return _page(request, "fax/safe_haven.html", job, form=form, assessment=assessment)


@login_required
@require_http_methods(["GET", "POST"])
def job_send(request: HttpRequest, pk: int) -> HttpResponse:
    job = _get(request, pk)
    if job.state != State.READY:
        return _next(job)
    form = f.SendForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_step(
            form,
            lambda: services.fax_job_send(
                job=job, officer=request.user, number_checked=form.cleaned_data["number_checked"]
            ),
        )
        if done is not None:
            return redirect("fax-detail", pk=done.pk)
    return _page(request, "fax/send.html", job, form=form)


@login_required
@require_POST
def job_retry(request: HttpRequest, pk: int) -> HttpResponse:
    job = _get(request, pk)
    try:
        services.fax_job_retry(job=job, officer=request.user)
    except services.FaxError as exc:
        return _page(request, "fax/detail.html", job, error=f"{exc.message} ({exc.rule})",
                     events=job.events.all(), attempts=job.attempts.all(),
                     receipt_form=f.ReceiptForm(), stop_form=f.StopForm())  # fmt: skip
    return redirect("fax-detail", pk=job.pk)


@login_required
@require_POST
def job_receipt(request: HttpRequest, pk: int) -> HttpResponse:
    job = _get(request, pk)
    form = f.ReceiptForm(request.POST)
    if form.is_valid() and run_step(form, lambda: services.fax_job_receipt(
            job=job, officer=request.user, **form.cleaned_data)) is not None:  # fmt: skip
        return redirect("fax-detail", pk=job.pk)
    return _page(request, "fax/detail.html", job, receipt_form=form, stop_form=f.StopForm(),
                 events=job.events.all(), attempts=job.attempts.all())  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def job_stop(request: HttpRequest, pk: int) -> HttpResponse:
    job = _get(request, pk)
    form = f.StopForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_step(
            form,
            lambda: services.fax_job_stop(
                job=job, user=request.user, reason=form.cleaned_data["reason"]
            ),
        )
        if done is not None:
            return redirect("fax-detail", pk=job.pk)
    return _page(request, "fax/step.html", job, form=form, title="Stop this fax",
                 submit_text="Stop the fax")  # fmt: skip


@login_required
def job_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    job = _get(request, pk)
    if not job.fax_pdf:
        from django.http import Http404

        raise Http404("Nothing has been sent yet.")
    response = HttpResponse(bytes(job.fax_pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{job.short_reference}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def incoming(request: HttpRequest, pk: int) -> HttpResponse:
    fax = access_incoming_fax(user=request.user, pk=pk)
    form = f.CollectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = run_step(form, lambda: services.incoming_fax_collect(
            fax=fax, user=request.user, legible=data["legible"] == "yes", note=data["note"],
            pages_resolved=data["pages_resolved"]))  # fmt: skip
        if done is not None:
            return redirect("fax-home")
    return _page(request, "fax/incoming.html", fax=fax, form=form)


@login_required
def incoming_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    fax = access_incoming_fax(user=request.user, pk=pk)
    response = HttpResponse(bytes(fax.pdf), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{fax.short_reference}.pdf"'
    return response


def _dials(bound=None) -> list[SpeedDial]:
    """Each row gets its own forms (prefixed), so field ids never repeat on the page."""
    dials = list(speed_dials())
    for dial in dials:
        prefix = f"dial{dial.pk}"
        dial.test_form = f.SpeedDialTestForm(prefix=prefix)
        dial.confirm_form = f.SpeedDialConfirmForm(prefix=prefix)
        if bound is not None and bound.prefix == prefix:
            if isinstance(bound, f.SpeedDialTestForm):
                dial.test_form = bound
            else:
                dial.confirm_form = bound
    return dials


@login_required
@require_http_methods(["GET", "POST"])
def speed_dial_list(request: HttpRequest) -> HttpResponse:
    if (off := _off(request)) is not None:
        return off
    numbers = list(fax_directory())
    form = f.SpeedDialForm(request.POST or None, numbers=numbers)
    if request.method == "POST" and form.is_valid():
        chosen = next(n for n in numbers if n.pk == form.cleaned_data["fax_number"])
        if run_step(form, lambda: services.speed_dial_create(
                fax_number=chosen, position=form.cleaned_data["position"],
                user=request.user)) is not None:  # fmt: skip
            return redirect("fax-speed-dials")
    return _page(request, "fax/speed_dials.html", form=form, dials=_dials(),
                 suggestions=speed_dial_suggestions())  # fmt: skip


@login_required
@require_POST
def speed_dial_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if (off := _off(request)) is not None:
        return off
    dial = SpeedDial.objects.filter(pk=pk).first()
    if dial is None or action not in {"test", "confirm"}:
        from django.http import Http404

        raise Http404("No such speed dial.")
    prefix = f"dial{dial.pk}"
    if action == "test":
        form = f.SpeedDialTestForm(request.POST, prefix=prefix)
        call = lambda: services.speed_dial_send_test(  # noqa: E731
            speed_dial=dial, user=request.user, recipient_name=form.cleaned_data["recipient_name"]
        )
    else:
        form = f.SpeedDialConfirmForm(request.POST, prefix=prefix)
        call = lambda: services.speed_dial_confirm_test(  # noqa: E731
            speed_dial=dial,
            user=request.user,
            confirmed_by_name=form.cleaned_data["confirmed_by_name"],
        )
    if form.is_valid() and run_step(form, call) is not None:
        return redirect("fax-speed-dials")
    return _page(request, "fax/speed_dials.html", form=f.SpeedDialForm(numbers=fax_directory()),
                 dials=_dials(bound=form), suggestions=speed_dial_suggestions(),
                 action_form=form)  # fmt: skip
