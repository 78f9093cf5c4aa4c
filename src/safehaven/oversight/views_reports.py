"""Reports: overrides with their justifications across channels (page and CSV), and the
register verification run on demand. DPO and administrators only (others 403)."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from safehaven.oversight.forms import OverrideFilterForm
from safehaven.oversight.overrides import overrides_collected
from safehaven.oversight.selectors import require_oversight
from safehaven.oversight.verification import register_verification_run
from safehaven.oversight.views import _csv_response
from safehaven.register.models import Channel

OVERRIDE_PAGE = 200


def _day_start(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _override_query(request: HttpRequest):
    form = OverrideFilterForm(request.GET or None)
    since = until = None
    channel = ""
    if form.is_bound and form.is_valid():
        d = form.cleaned_data
        channel = d["channel"]
        since = _day_start(d["date_from"]) if d["date_from"] else None
        until = _day_start(d["date_to"] + dt.timedelta(days=1)) if d["date_to"] else None
    return form, overrides_collected(since=since, until=until, channel=channel)


@login_required
@require_GET
def override_list(request: HttpRequest) -> HttpResponse:
    require_oversight(request.user)
    form, rows = _override_query(request)
    channels = dict(Channel.choices)
    counts: dict[str, int] = {}
    for row in rows:
        label = channels.get(row.channel, row.channel)
        counts[label] = counts.get(label, 0) + 1
    return render(
        request,
        "oversight/overrides.html",
        {
            "form": form,
            "rows": rows[:OVERRIDE_PAGE],
            "total": len(rows),
            "page_size": OVERRIDE_PAGE,
            "by_channel": sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])),
            "channels": channels,
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_GET
def override_csv(request: HttpRequest) -> HttpResponse:
    require_oversight(request.user)
    _, rows = _override_query(request)
    channels = dict(Channel.choices)
    return _csv_response(
        "overrides.csv",
        ["when", "channel", "user", "rule", "justification", "reference"],
        (
            (timezone.localtime(r.when).isoformat(timespec="seconds"),
             channels.get(r.channel, r.channel), r.user, r.rule, r.justification, r.reference)
            for r in rows
        ),
    )  # fmt: skip


@login_required
@require_POST
def register_verify_now(request: HttpRequest) -> HttpResponse:
    require_oversight(request.user)
    row = register_verification_run(user=request.user, source="dashboard")
    if row.ok:
        messages.success(request, f"Register verified: {row.checked} entries, no problem found.")
    else:
        messages.error(request, "Register verification FAILED: see the dashboard.")
    return redirect("oversight-dashboard")
