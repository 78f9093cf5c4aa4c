"""The pre-send check page and the quarantine review pages (authorisers and the DPO)."""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from functools import wraps
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_http_methods, require_POST

from safehaven.core.email.policy import PolicyError
from safehaven.email.forms import (
    CheckForm,
    KeepForm,
    OverrideForm,
    RejectForm,
    ReleaseForm,
    split_addresses,
)
from safehaven.email.gateway import quarantine_dir
from safehaven.email.models import EmailNearMiss
from safehaven.email.selectors import (
    HELD_STATUSES,
    HOLDING,
    access_held_mail,
    deciders_without_email,
    findings_by_severity,
    held_at,
    held_mail_deciders,
    held_mail_filter,
    held_mail_list,
    held_mail_outline,
    held_mail_sent_by,
    held_mail_shown,
    is_administrator_fallback,
    message_outline,
    message_subject,
    message_text,
    override_recent_duplicate,
)
from safehaven.email.services import (
    EmailCheckError,
    draft_facts,
    draft_outline,
    email_check_draft,
    email_check_raw,
    email_check_stopped_record,
    email_override_record,
    held_mail_text_read_record,
    override_preview,
    override_token,
    raw_facts,
)
from safehaven.email.sinks import DjangoNearMissSink, DjangoRegisterSink
from safehaven.gateway.reminders import overdue_hours as held_overdue_hours
from safehaven.gateway.review import quarantine_reject as gateway_reject
from safehaven.gateway.review import quarantine_release as gateway_release
from safehaven.gateway.review import quarantine_retention_hold as gateway_retention_hold
from safehaven.gateway.review import spool_retention, spool_settings
from safehaven.gateway.spool import HELD_OVERDUE_HOURS, Quarantine, QuarantineError, is_overdue

logger = logging.getLogger(__name__)

VERDICT_TEXT = {
    "allow": ("It can be sent", "govuk-tag--green"),
    "warn": ("Check the warnings before you send it", "govuk-tag--yellow"),
    "hold": ("An authoriser must review it before it goes", "govuk-tag--orange"),
    "block": ("Do not send it", "govuk-tag--red"),
}
# What the sender does next, by verdict: the page's answer to "so can I send it?".
VERDICT_NEXT = {
    "allow": "Nothing needs changing. Send it from your email program.",
    "warn": (
        "Read the warnings below. Change the email and check it again, or, if it is right as "
        "it is, give your reason under \u201cSend it anyway\u201d and then send it."
    ),
    "hold": (
        "If you send it as it is, the mail gateway holds it until an authoriser or the DPO "
        "has looked at it. Fix what is marked \u201chold\u201d below (the de-sensitised "
        "version may help) and check it again."
    ),
    "block": (
        "The mail gateway will refuse it. Fix what is marked \u201cblock\u201d below, usually "
        "the recipient's address, and check it again."
    ),
}
PAGE_SIZE = 25


def _result_context(result) -> dict:
    data = result.as_dict()
    text, tag = VERDICT_TEXT[data["verdict"]]
    data["verdict_text"], data["verdict_tag"] = text, tag
    data["verdict_next"] = VERDICT_NEXT[data["verdict"]]
    # Worst first on the page; the API keeps the checks' order.
    data["findings"] = findings_by_severity(data["findings"])
    data["stopping"] = [f for f in data["findings"] if f["severity"] in HOLDING]
    return data


TOO_LARGE_TO_PASTE = (
    "The message is too large to paste: save it as an .eml and upload it (up to 25 MB)"
)


def _paste_limit_on_the_page(view):
    """A form over DATA_UPLOAD_MAX_MEMORY_SIZE (2.5 MB of typed fields; an uploaded file does
    not count) raises RequestDataTooBig when the CSRF check first reads it, before the view
    runs, and Django answers with the site's generic 400 page. For this page only, the check
    page says what to do instead; the limit stays as it is for every other form.

    CSRF is still enforced for every request the view handles (`csrf_protect` inside); only
    the refusal of an unread, too-large form skips it, and that changes nothing.
    """
    protected = csrf_protect(view)

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        try:
            return protected(request, *args, **kwargs)
        except RequestDataTooBig:
            form = CheckForm(initial={"sender": request.user.email})
            form.cleaned_data = {}
            form.add_error("body", TOO_LARGE_TO_PASTE)
            return render(
                request,
                "email/check.html",
                {"form": form, "result": None, "checked": None, "redo": None},
                status=413,
            )

    return csrf_exempt(wrapper)


@login_required
@_paste_limit_on_the_page
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest) -> HttpResponse:
    result = None
    token = ""
    checked: dict | None = None
    redo: dict | None = None
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
                    checked = {
                        "filename": upload.name,
                        "outline": message_outline(raw),
                        "ignored_fields": bool(
                            split_addresses(data.get("to", "")) or data.get("body", "").strip()
                        ),
                    }
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
                    checked = {"outline": draft_outline(user=request.user, **fields)}
                    # "Check this version instead": the same draft with a safer text, posted
                    # back to this page (works without JavaScript).
                    redo = {
                        "sender": data["sender"],
                        "to": data["to"],
                        "cc": data["cc"],
                        "subject": data["subject"],
                    }
                token = override_token(user=request.user, result=result, facts=facts, source="page")
                email_check_stopped_record(
                    user=request.user,
                    result=result,
                    facts=facts,
                    outline=checked["outline"],
                    raw=raw if data.get("eml") else None,
                    text=None if data.get("eml") else (data["subject"], data["body"]),
                )
            except EmailCheckError as exc:
                result = None
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            except PolicyError as exc:
                result = None
                form.add_error(None, f"The email policy cannot be used: {exc}. Tell your DPO.")
    else:
        form = CheckForm(initial={"sender": request.user.email})
    return render(
        request,
        "email/check.html",
        {
            "form": form,
            "result": _result_context(result) if result else None,
            "checked": checked if result else None,
            "redo": redo if result else None,
            "override_form": OverrideForm(initial={"token": token}) if token else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def override(request: HttpRequest) -> HttpResponse:
    """ "Send anyway" after a warn verdict: the justification is recorded, nothing is sent."""
    if request.method == "GET":
        # A refreshed or bookmarked form: the check has to be made (again) first.
        return redirect("email-check")
    form = OverrideForm(request.POST)
    token = request.POST.get("token", "")
    try:
        preview = override_preview(user=request.user, token=token)
    except EmailCheckError as exc:
        return render(request, "email/override.html", {"problem": exc.message}, status=400)
    if form.is_valid():
        # The same reason sent twice (a refreshed page re-posting the form) is one override.
        recorded = override_recent_duplicate(
            user=request.user, token_data=preview, justification=form.cleaned_data["justification"]
        )
        if recorded is not None:
            return render(request, "email/override.html", {"recorded": recorded})
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
    """Authorisers and the DPO review held mail; an administrator only the mail nobody but its
    sender could otherwise decide (`held_mail_deciders`), so the selectors show them no more."""
    user = request.user
    if not (user.is_authoriser or user.is_dpo or user.is_administrator):
        raise PermissionDenied


def _held(qid: str, user):
    return access_held_mail(user=user, quarantine=Quarantine(quarantine_dir()), qid=qid)


def _staff_names(usernames) -> dict[str, str]:
    wanted = {u for u in usernames if u}
    if not wanted:
        return {}
    return {
        u.username: u.get_full_name() or u.username
        for u in get_user_model().objects.filter(username__in=wanted)
    }


def _row(held, names: dict[str, str], *, overdue_hours: float = HELD_OVERDUE_HOURS) -> dict:
    at = held_at(held)
    decided_by = str(held.meta.get("decided_by", ""))
    return {
        "held": held,
        "id": held.id,
        "meta": held.meta,
        "status": held.status,
        "held_at": at,
        "overdue": is_overdue(held.meta, hours=overdue_hours),
        "purged_at": _when(held.meta.get("purged_at")),
        "holding_rules": list(
            dict.fromkeys(
                str(f.get("rule"))
                for f in held.meta.get("findings", []) or []
                if isinstance(f, dict) and f.get("severity") in HOLDING
            )
        )
        or list(held.meta.get("rules", []) or []),
        "decided_by": names.get(decided_by, decided_by),
        "decided_at": _when(held.meta.get("decided_at")),
    }


def _when(value) -> datetime | None:
    try:
        at = datetime.fromisoformat(str(value or ""))
    except ValueError:
        return None
    return at if at.tzinfo else at.replace(tzinfo=UTC)


STATUS_CHOICES = [
    ("held", "Still held"),
    ("released", "Released"),
    ("rejected", "Rejected"),
    ("all", "Any status"),
]


@login_required
def quarantine_list(request: HttpRequest) -> HttpResponse:
    _reviewer(request)
    user = request.user
    # `?show=all` (the first version of this page) still means every status.
    show = request.GET.get("status") or ("all" if request.GET.get("show") == "all" else "held")
    if show not in {*HELD_STATUSES, "all"}:
        show = "held"
    rule = request.GET.get("rule", "").strip().upper()[:20]
    text = request.GET.get("q", "").strip()[:200]
    sort = "oldest" if request.GET.get("sort") == "oldest" else "newest"
    # One read of the spool: the counts and the rule choices come from every message the user
    # may review, the rows from those that pass the filters.
    quarantine = Quarantine(quarantine_dir())
    everything = held_mail_list(user=user, quarantine=quarantine, status=None)
    rule_choices = sorted({r for h in everything for r in h.meta.get("rules", []) or []})
    counts = {s: sum(1 for h in everything if h.status == s) for s in HELD_STATUSES}
    overdue_hours = held_overdue_hours()
    overdue = sum(1 for h in everything if is_overdue(h.meta, hours=overdue_hours))
    items = held_mail_filter(
        everything,
        status=None if show == "all" else show,
        rule=rule,
        text=text,
        oldest_first=sort == "oldest",
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    # The listing keeps only what filters and counts need: the page's rows in full.
    shown = held_mail_shown(quarantine=quarantine, items=page.object_list)
    names = _staff_names(h.meta.get("decided_by") for h in shown)
    filters = {
        k: v
        for k, v in (("status", show), ("rule", rule), ("q", text), ("sort", sort))
        if v and not (k == "status" and v == "held") and not (k == "sort" and v == "newest")
    }
    return render(
        request,
        "email/quarantine_list.html",
        {
            "rows": [_row(h, names, overdue_hours=overdue_hours) for h in shown],
            "items": shown,
            "page": page,
            "page_numbers": list(
                page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
            ),
            "ellipsis": Paginator.ELLIPSIS,
            "total": len(items),
            "counts": counts,
            "show": show,
            "show_all": show == "all",
            "status_choices": STATUS_CHOICES,
            "rule": rule,
            "rule_choices": rule_choices,
            "q": text,
            "sort": sort,
            "filtered": bool(rule or text or show != "held"),
            "base_query": urlencode(filters),
            "sort_query": urlencode(
                {**filters, "sort": "newest" if sort == "oldest" else "oldest"}
            ),
            "now": timezone.now(),
            "overdue": overdue,
            "overdue_hours": overdue_hours,
            "retain_days": spool_retention(quarantine_dir()),
            # For those who look after held mail and the accounts: who gets no notice of it.
            "no_email": (
                deciders_without_email()
                if (user.is_dpo or user.is_administrator) and user.is_active
                else None
            ),
        },
    )


def _own(request: HttpRequest, held) -> bool:
    email = (request.user.email or "").strip().lower()
    return bool(email) and email == str(held.meta.get("sender", "")).strip().lower()


def _decisions(qid: str) -> list[EmailNearMiss]:
    """The recorded actions on a held message, oldest first. A pre-send stage whose draft was
    changed before it was sent (linked by its sketch, not its exact fingerprint) is marked
    `changed_after_check` for the page to say so."""
    from safehaven.email.sinks import changed_after_check

    decisions = list(EmailNearMiss.objects.filter(quarantine_id=qid).order_by("at"))
    for d in decisions:
        sent = (
            EmailNearMiss.objects.filter(presend=d).first()
            if d.event == EmailNearMiss.Event.CHECKED
            else None
        )
        d.changed_after_check = sent is not None and changed_after_check(d, sent)
    return decisions


def _detail(request: HttpRequest, held, *, body=None, release_form=None, reject_form=None,
            keep_form=None, failed=None, status: int = 200) -> HttpResponse:  # fmt: skip
    quarantine = Quarantine(quarantine_dir())
    meta = held.meta
    own = _own(request, held)
    # The sender is told who can decide their message (never themselves); an administrator is
    # told why they may (nobody but the sender could otherwise).
    deciders = held_mail_deciders(held=held) if own and held.status == "held" else None
    as_administrator = held.status == "held" and not own and _as_administrator(request, held)
    sender = str(meta.get("sender", "")).strip()
    staff = (
        get_user_model().objects.filter(email__iexact=sender).order_by("pk").first()
        if sender
        else None
    )
    findings = findings_by_severity(meta.get("findings"))
    external = {str(r).lower() for r in meta.get("external_recipients", []) or []}
    hold = meta.get("retention_hold") or None
    names = _staff_names([meta.get("decided_by"), (hold or {}).get("by")])
    return render(
        request,
        "email/quarantine_detail.html",
        {
            "held": held,
            "row": _row(held, names),
            "meta": meta,
            "sender_staff": staff,
            "recipients": [
                {"address": r, "external": str(r).lower() in external}
                for r in meta.get("recipients", []) or []
            ],
            "findings": findings,
            "stopping": [f for f in findings if f.get("severity") in HOLDING],
            # A purged message's attachments went with its content.
            "outline": None if held.purged else held_mail_outline(quarantine=quarantine, held=held),
            "body": body,
            "own": own,
            "deciders": deciders,
            "as_administrator": as_administrator,
            "release_form": release_form or ReleaseForm(prefix="release"),
            "reject_form": reject_form or RejectForm(prefix="reject"),
            "keep_form": keep_form or KeepForm(prefix="keep"),
            "can_keep": _can_keep(request) and not held.purged,
            "hold": hold,
            "hold_by": names.get(str((hold or {}).get("by", "")), (hold or {}).get("by", "")),
            "hold_at": _when((hold or {}).get("at")),
            "form": failed,
            "decisions": _decisions(held.id),
            "now": timezone.now(),
        },
        status=status,
    )


@login_required
def quarantine_detail(request: HttpRequest, qid: str) -> HttpResponse:
    _reviewer(request)
    held = _held(qid, request.user)
    body = None
    if request.GET.get("body") == "1" and not held.purged:
        try:
            raw = Quarantine(quarantine_dir()).raw(qid)
        except QuarantineError:
            held = _held(qid, request.user)  # purged since: its record says so
        else:
            text, how = message_text(raw)
            body = {"text": text, "how": how, "subject": message_subject(raw)}
            held_mail_text_read_record(user=request.user, held=held)
    return _detail(request, held, body=body)


def _as_administrator(request: HttpRequest, held) -> bool:
    user = request.user
    return (
        user.is_administrator
        and not (user.is_dpo or user.is_authoriser)
        and is_administrator_fallback(user=user, held=held)
    )


ADMINISTRATOR_REASON = (
    "Decided by an administrator because no DPO or authoriser other than the sender could "
    "decide it. Reason: "
)


def _reason(request: HttpRequest, held, reason: str) -> str:
    """The reason as recorded: an administrator's decision says it is one, and why."""
    return ADMINISTRATOR_REASON + reason if _as_administrator(request, held) else reason


def _already_decided(request: HttpRequest, held) -> HttpResponse:
    """Someone decided it first (two reviewers, one message): say who and when, do nothing."""
    who = str(held.meta.get("decided_by", "")) or "another reviewer"
    who = _staff_names([who]).get(who, who)
    messages.error(
        request,
        f"This message was already {held.status} by {who}: nothing more was done. "
        "Its decision is shown below.",
    )
    return redirect("email-quarantine-detail", qid=held.id)


def _refused_own(request: HttpRequest, held) -> HttpResponse:
    messages.error(request, "You sent this message, so someone else must decide it: see who below.")
    return redirect("email-quarantine-detail", qid=held.id)


@login_required
@require_POST
def quarantine_release(request: HttpRequest, qid: str) -> HttpResponse:
    _reviewer(request)
    held = _held(qid, request.user)
    if held.status != "held":
        return _already_decided(request, held)
    if _own(request, held):
        return _refused_own(request, held)
    form = ReleaseForm(request.POST, prefix="release")
    if not form.is_valid():
        return _detail(request, held, release_form=form, failed=form, status=400)
    spool = quarantine_dir()
    problem = None
    relay_at = _relay_at(spool)
    if relay_at is None:
        problem = (
            "No onward mail server is configured (SAFEHAVEN_EMAIL_RELAY, or the gateway's "
            "settings in the spool): the message is still held. Tell your administrator."
        )
    else:
        try:
            gateway_release(
                quarantine=Quarantine(spool),
                qid=qid,
                released_by=request.user.username,
                reason=_reason(request, held, form.cleaned_data["reason"]),
                relay_at=relay_at,
                register=DjangoRegisterSink(),
                near_miss=DjangoNearMissSink(),
            )
        except (QuarantineError, OSError) as exc:
            now = _held(qid, request.user)
            if now.status != "held":
                return _already_decided(request, now)
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
    if held.status != "held":
        return _already_decided(request, held)
    if _own(request, held):
        return _refused_own(request, held)
    form = RejectForm(request.POST, prefix="reject")
    if not form.is_valid():
        return _detail(request, held, reject_form=form, failed=form, status=400)
    try:
        gateway_reject(
            quarantine=Quarantine(quarantine_dir()),
            qid=qid,
            rejected_by=request.user.username,
            reason=_reason(request, held, form.cleaned_data["reason"]),
            near_miss=DjangoNearMissSink(),
        )
    except QuarantineError as exc:
        now = _held(qid, request.user)
        if now.status != "held":
            return _already_decided(request, now)
        text = str(exc)
        messages.error(request, text[:1].upper() + text[1:])
        return redirect("email-quarantine-detail", qid=qid)
    messages.success(request, "The message was rejected. It will not be sent.")
    return redirect("email-quarantine")


def _can_keep(request: HttpRequest) -> bool:
    """The DPO keeps a message past the retention period (and lifts the hold)."""
    return bool(request.user.is_dpo and request.user.is_active)


@login_required
@require_POST
def quarantine_keep(request: HttpRequest, qid: str) -> HttpResponse:
    """Puts a message under a retention hold (a reason is required), or lifts it (`lift=1`):
    the DPO only."""
    _reviewer(request)
    if not _can_keep(request):
        raise PermissionDenied
    held = _held(qid, request.user)
    lift = request.POST.get("lift") == "1"
    form = None if lift else KeepForm(request.POST, prefix="keep")
    if form is not None and not form.is_valid():
        return _detail(request, held, keep_form=form, failed=form, status=400)
    try:
        gateway_retention_hold(
            quarantine=Quarantine(quarantine_dir()),
            qid=qid,
            by=request.user.username,
            reason=form.cleaned_data["reason"] if form is not None else "",
            hold=not lift,
        )
    except QuarantineError as exc:
        text = str(exc)
        messages.error(request, text[:1].upper() + text[1:])
        return redirect("email-quarantine-detail", qid=qid)
    messages.success(
        request,
        "The hold was lifted: the message's content is removed with the others when its "
        "retention period has passed."
        if lift
        else "The message's content will be kept past the retention period until you lift the "
        "hold.",
    )
    return redirect("email-quarantine-detail", qid=qid)


@login_required
def held_by_me(request: HttpRequest) -> HttpResponse:
    """The signed-in member of staff's own mail that the gateway held, and what became of it:
    the notice the gateway sends gives a reference, and this is where the sender looks it up.
    Read-only: no text, no decisions."""
    quarantine = Quarantine(quarantine_dir())
    items = held_mail_filter(
        held_mail_sent_by(user=request.user, quarantine=quarantine), status=None
    )
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    shown = held_mail_shown(quarantine=quarantine, items=page.object_list)
    names = _staff_names(h.meta.get("decided_by") for h in shown)
    rows = []
    for h in shown:
        row = _row(h, names)
        row["why"] = [
            f for f in findings_by_severity(h.meta.get("findings")) if f.get("severity") in HOLDING
        ]
        rows.append(row)
    return render(
        request,
        "email/held_by_me.html",
        {
            "rows": rows,
            "page": page,
            "page_numbers": list(
                page.paginator.get_elided_page_range(page.number, on_each_side=2, on_ends=1)
            ),
            "ellipsis": Paginator.ELLIPSIS,
            "total": len(items),
            "waiting": sum(1 for h in items if h.status == "held"),
            "now": timezone.now(),
        },
    )
