"""Incoming post pages (POST-1): log an item, the worker's queue, the triage queue, an item with
its match evidence and routing history, and the triage, "not for us" and actioned steps.

Views parse forms and call `post_services`; every item is reached through `access_post`, so an
item about a child at another school is not found.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safehaven.accounts.models import Unit
from safehaven.core.identifiers import is_valid_upn, normalise_upn
from safehaven.correspondence import post_services as services
from safehaven.correspondence.models import IncomingPost
from safehaven.correspondence.post_forms import (
    PostActionForm,
    PostLogForm,
    PostMisdirectedForm,
    PostRouteForm,
    PostSendBackForm,
)
from safehaven.correspondence.selectors import (
    access_post,
    candidates_visible,
    post_triage_queue,
    post_visible_to,
    post_waiting_for,
)
from safehaven.records.access import service_users_visible_to
from safehaven.workflow import run_step

State = IncomingPost.State


def _units(user):
    return Unit.objects.all() if user.sees_all else user.units.all()


@login_required
@require_GET
def post_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "waiting": post_waiting_for(user=user)[:50],
        "logged": post_visible_to(user=user).filter(logged_by=user)[:20],
        "can_triage": services.can_triage(user),
        "triage_count": post_triage_queue(user=user).count(),
    }
    return render(request, "correspondence/post/home.html", context)


@login_required
@require_GET
def post_triage(request: HttpRequest) -> HttpResponse:
    if not services.can_triage(request.user):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    items = post_triage_queue(user=request.user)[:100]
    return render(request, "correspondence/post/triage.html", {"items": items})


@login_required
@require_http_methods(["GET", "POST"])
def post_new(request: HttpRequest) -> HttpResponse:
    units = list(_units(request.user))
    form = PostLogForm(
        request.POST or None, units=Unit.objects.filter(pk__in=[u.pk for u in units])
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        item = run_step(
            form,
            lambda: services.post_log(
                user=request.user,
                unit=d["unit"] or (units[0] if len(units) == 1 else None),
                kind=d["kind"],
                sender_name=d["sender_name"],
                sender_organisation=d["sender_organisation"],
                sender_address=d["sender_address"],
                addressed_to=d["addressed_to"],
                subject=d["subject"],
                marked_confidential=d["marked_confidential"],
                opened=d["opened"] == "yes",
                upn=d["upn"],
                nhs_number=d["nhs_number"],
                reference=d["reference"],
                child_name=d["child_name"],
                date_of_birth=d["date_of_birth"],
                postcode=d["postcode"],
                our_letter_reference=d["our_letter_reference"],
            ),
        )
        if item is not None:
            return redirect("post-detail", pk=item.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "correspondence/post/new.html", {"form": form}, status=status)


def _staff_for(user, item: IncomingPost):
    staff = get_user_model().objects.filter(is_active=True)
    if user.is_dpo:
        return staff.order_by("last_name", "first_name", "username")
    return (
        staff.filter(Q(units=item.unit_id) | Q(units__in=user.units.all()))
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def _route_form(request, item, data=None) -> PostRouteForm:
    choices = []
    for c in candidates_visible(user=request.user, item=item):
        p = c["person"]
        label = f"{p.full_name}, born {p.date_of_birth:%d/%m/%Y}, {p.unit.name}"
        choices.append((str(p.pk), f"{label} (score {c['score']:.0f})"))
    return PostRouteForm(data, choices=choices, staff=_staff_for(request.user, item))


def _detail(request: HttpRequest, item: IncomingPost, status: int = 200, **forms_) -> HttpResponse:
    user = request.user
    may_triage = item.state == State.TRIAGE and services.may_triage_item(user, item)
    context = {
        "item": item,
        "candidates": candidates_visible(user=user, item=item),
        "routings": item.routings.select_related("by", "worker", "service_user"),
        "may_triage": may_triage,
        "may_action": item.state == State.ROUTED and services.may_action(user, item),
        "route_form": forms_.get("route_form")
        or (_route_form(request, item) if may_triage else None),
        "misdirected_form": forms_.get("misdirected_form") or PostMisdirectedForm(),
        "action_form": forms_.get("action_form") or PostActionForm(),
        "send_back_form": forms_.get("send_back_form") or PostSendBackForm(),
    }
    return render(request, "correspondence/post/detail.html", context, status=status)


@login_required
@require_GET
def post_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_post(user=request.user, pk=pk)
    services.post_notifications_read(item=item, user=request.user)
    return _detail(request, item)


def _other_child(user, text: str):
    text = "".join((text or "").split())
    if not text:
        return None
    visible = service_users_visible_to(user)
    compact = text.replace("-", "").upper()
    if len(compact) == 13 and is_valid_upn(compact):
        return visible.filter(upn=normalise_upn(compact)).first()
    return visible.filter(reference__in={text, text.upper()}).first()


@login_required
@require_POST
def post_route(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_post(user=request.user, pk=pk)
    form = _route_form(request, item, request.POST)
    if form.is_valid():
        d = form.cleaned_data
        child = None
        if (d["other_reference"] or "").strip():
            child = _other_child(request.user, d["other_reference"])
            if child is None:
                form.add_error(
                    "other_reference",
                    "No record you can see has that reference or UPN: check it and try again.",
                )
        else:
            child = service_users_visible_to(request.user).filter(pk=int(d["service_user"])).first()
        if child is not None:
            done = run_step(
                form,
                lambda: services.post_route(
                    item=item, user=request.user, service_user=child, worker=d["worker"],
                    reason=d["reason"],
                ),
            )  # fmt: skip
            if done is not None:
                return redirect("post-detail", pk=item.pk)
    return _detail(request, item, status=400, route_form=form)


@login_required
@require_POST
def post_misdirected(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_post(user=request.user, pk=pk)
    form = PostMisdirectedForm(request.POST)
    if form.is_valid():
        done = run_step(
            form,
            lambda: services.post_misdirected(
                item=item, user=request.user, reason=form.cleaned_data["misdirected_reason"]
            ),
        )
        if done is not None:
            return redirect("post-detail", pk=item.pk)
    return _detail(request, item, status=400, misdirected_form=form)


@login_required
@require_POST
def post_actioned(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_post(user=request.user, pk=pk)
    form = PostActionForm(request.POST)
    if form.is_valid():
        done = run_step(
            form,
            lambda: services.post_actioned(
                item=item, user=request.user, note=form.cleaned_data["note"]
            ),
        )
        if done is not None:
            return redirect("post-detail", pk=item.pk)
    return _detail(request, item, status=400, action_form=form)


@login_required
@require_POST
def post_send_back(request: HttpRequest, pk: int) -> HttpResponse:
    item = access_post(user=request.user, pk=pk)
    form = PostSendBackForm(request.POST)
    if form.is_valid():
        done = run_step(
            form,
            lambda: services.post_send_back(
                item=item, user=request.user, reason=form.cleaned_data["send_back_reason"]
            ),
        )
        if done is not None:
            return redirect("post-home")
    return _detail(request, item, status=400, send_back_form=form)
