"""The pre-send check page and the quarantine review pages (authorisers and the DPO)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from safehaven.core.email import mime
from safehaven.core.email.policy import PolicyError
from safehaven.email.forms import (
    CheckForm,
    OverrideForm,
    RejectForm,
    ReleaseForm,
    split_addresses,
)
from safehaven.email.gateway import quarantine_dir
from safehaven.email.models import EmailNearMiss
from safehaven.email.services import (
    EmailCheckError,
    draft_facts,
    email_check_draft,
    email_check_raw,
    email_override_record,
    override_preview,
    override_token,
    raw_facts,
)
from safehaven.email.sinks import DjangoNearMissSink, DjangoRegisterSink
from safehaven.gateway.review import quarantine_reject as gateway_reject
from safehaven.gateway.review import quarantine_release as gateway_release
from safehaven.gateway.review import spool_settings
from safehaven.gateway.spool import Quarantine, QuarantineError

logger = logging.getLogger(__name__)

VERDICT_TEXT = {
    "allow": ("It can be sent", "govuk-tag--green"),
    "warn": ("Check the warnings before you send it", "govuk-tag--yellow"),
    "hold": ("An authoriser must review it before it goes", "govuk-tag--orange"),
    "block": ("Do not send it", "govuk-tag--red"),
}


def _result_context(result) -> dict:
    data = result.as_dict()
    text, tag = VERDICT_TEXT[data["verdict"]]
    data["verdict_text"], data["verdict_tag"] = text, tag
    return data


@login_required
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    result = None
    token = ""
    if request.method == "POST":
        form = CheckForm(request.POST, request.FILES)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if data.get("eml"):
                    upload = data["eml"]
                    raw = upload.read(26 * 1024 * 1024)
                    result = email_check_raw(user=request.user, raw=raw)
                    facts = raw_facts(raw)
                else:
                    fields = {
                        "sender": data["sender"],
                        "to": split_addresses(data["to"]),
                        "cc": split_addresses(data["cc"]),
                        "subject": data["subject"],
                        "body": data["body"],
                    }
                    result = email_check_draft(user=request.user, **fields)
                    facts = draft_facts(**fields)
                token = override_token(user=request.user, result=result, facts=facts, source="page")
            except EmailCheckError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            except PolicyError as exc:
                form.add_error(None, f"The email policy cannot be used: {exc}. Tell your DPO.")
    else:
        form = CheckForm(initial={"sender": request.user.email})
    return render(
        request,
        "email/check.html",
        {
            "form": form,
            "result": _result_context(result) if result else None,
            "override_form": OverrideForm(initial={"token": token}) if token else None,
        },
    )


@login_required
@require_POST
def override(request: HttpRequest) -> HttpResponse:
    """ "Send anyway" after a warn verdict: the justification is recorded, nothing is sent."""
    form = OverrideForm(request.POST)
    token = request.POST.get("token", "")
    try:
        preview = override_preview(user=request.user, token=token)
    except EmailCheckError as exc:
        return render(request, "email/override.html", {"problem": exc.message}, status=400)
    if form.is_valid():
        try:
            recorded = email_override_record(
                user=request.user, token=token, justification=form.cleaned_data["justification"]
            )
        except EmailCheckError as exc:
            form.add_error("justification", exc.message)
        else:
            return render(request, "email/override.html", {"recorded": recorded})
    return render(
        request,
        "email/override.html",
        {"form": form, "preview": preview},
        status=400,
    )


# Quarantine review.


def _relay_at(spool: Path) -> tuple[str, int] | None:
    configured = getattr(settings, "SAFEHAVEN_EMAIL_RELAY", None) or os.environ.get(
        "SAFEHAVEN_EMAIL_RELAY"
    )
    if configured:
        host, _, port = str(configured).rpartition(":")
        if host and port.isdigit():
            return host, int(port)
    return spool_settings(spool).relay


def _reviewer(request: HttpRequest) -> None:
    user = request.user
    if not (user.is_authoriser or user.is_dpo):
        raise PermissionDenied


def _may_review(user, held) -> bool:
    """The DPO (and anyone who sees all units) reviews every held message; an authoriser only
    mail sent by staff who share one of their units. Mail from an address that is no staff
    account goes to the DPO."""
    if user.sees_all:
        return True
    sender = str(held.meta.get("sender", "")).strip()
    if not sender:
        return False
    senders = get_user_model().objects.filter(email__iexact=sender)
    return senders.filter(units__in=user.units.all()).exists()


def _held(qid: str, user=None):
    try:
        held = Quarantine(quarantine_dir()).get(qid)
    except QuarantineError as exc:
        raise Http404("No such held message.") from exc
    if user is not None and not _may_review(user, held):
        raise Http404("No such held message.")
    return held


@login_required
def quarantine_list(request: HttpRequest) -> HttpResponse:
    _reviewer(request)
    user = request.user
    show = request.GET.get("show", "held")
    status = None if show == "all" else "held"
    items = sorted(
        (h for h in Quarantine(quarantine_dir()).list(status=status) if _may_review(user, h)),
        key=lambda h: str(h.meta.get("held_at", "")),
        reverse=True,
    )
    return render(
        request,
        "email/quarantine_list.html",
        {"items": items, "show_all": status is None},
    )


def _body_text(raw: bytes) -> str:
    try:
        ex = mime.extract(mime.parse(raw))
        return ex.plain if ex.plain is not None else (ex.html or "")
    except Exception:  # noqa: BLE001 - a message the parser cannot read is shown as source
        return raw.decode("utf-8", errors="replace")


@login_required
def quarantine_detail(request: HttpRequest, qid: str) -> HttpResponse:
    _reviewer(request)
    held = _held(qid, request.user)
    body = None
    if request.GET.get("body") == "1":
        body = _body_text(Quarantine(quarantine_dir()).raw(qid))
        EmailNearMiss.objects.create(
            event=EmailNearMiss.Event.VIEWED,
            correlation_id=str(held.meta.get("correlation_id", "")),
            sender=str(held.meta.get("sender", "")),
            recipients=list(held.meta.get("recipients", [])),
            verdict=str(held.meta.get("verdict", "")),
            rules=list(held.meta.get("rules", [])),
            policy_version=str(held.meta.get("policy_version", "")),
            quarantine_id=qid,
            decided_by=request.user,
            decided_by_name=request.user.username,
        )
    return render(
        request,
        "email/quarantine_detail.html",
        {
            "held": held,
            "meta": held.meta,
            "body": body,
            "own": _own(request, held),
            "release_form": ReleaseForm(prefix="release"),
            "reject_form": RejectForm(prefix="reject"),
            "decisions": EmailNearMiss.objects.filter(quarantine_id=qid),
        },
    )


def _own(request: HttpRequest, held) -> bool:
    email = (request.user.email or "").strip().lower()
    return bool(email) and email == str(held.meta.get("sender", "")).strip().lower()


@login_required
@require_POST
def quarantine_release(request: HttpRequest, qid: str) -> HttpResponse:
    _reviewer(request)
    held = _held(qid, request.user)
    form = ReleaseForm(request.POST, prefix="release")
    spool = quarantine_dir()
    problem = None
    if _own(request, held):
        problem = "You sent this message: another authoriser or the DPO must release it."
    elif not form.is_valid():
        problem = "The reason is too long: keep it under 2,000 characters."
    else:
        relay_at = _relay_at(spool)
        if relay_at is None:
            problem = (
                "No onward mail server is configured (SAFEHAVEN_EMAIL_RELAY, or the gateway's "
                "settings in the spool): the message is still held."
            )
        else:
            try:
                gateway_release(
                    quarantine=Quarantine(spool),
                    qid=qid,
                    released_by=request.user.username,
                    reason=form.cleaned_data["reason"],
                    relay_at=relay_at,
                    register=DjangoRegisterSink(),
                    near_miss=DjangoNearMissSink(),
                )
            except (QuarantineError, OSError) as exc:
                problem = str(exc)
    if problem:
        messages.error(request, problem[:1].upper() + problem[1:])
        return redirect("email-quarantine-detail", qid=qid)
    messages.success(request, "The message was released and sent on.")
    return redirect("email-quarantine")


@login_required
@require_POST
def quarantine_reject(request: HttpRequest, qid: str) -> HttpResponse:
    _reviewer(request)
    held = _held(qid, request.user)
    form = RejectForm(request.POST, prefix="reject")
    if not form.is_valid():
        return render(
            request,
            "email/quarantine_detail.html",
            {
                "held": held,
                "meta": held.meta,
                "body": None,
                "own": _own(request, held),
                "release_form": ReleaseForm(prefix="release"),
                "reject_form": form,
                "form": form,
                "decisions": EmailNearMiss.objects.filter(quarantine_id=qid),
            },
            status=400,
        )
    try:
        gateway_reject(
            quarantine=Quarantine(quarantine_dir()),
            qid=qid,
            rejected_by=request.user.username,
            reason=form.cleaned_data["reason"],
            near_miss=DjangoNearMissSink(),
        )
    except QuarantineError as exc:
        text = str(exc)
        messages.error(request, text[:1].upper() + text[1:])
        return redirect("email-quarantine-detail", qid=qid)
    messages.success(request, "The message was rejected. It will not be sent.")
    return redirect("email-quarantine")
