"""The DPO's oversight pages and the breach report any member of staff can make.

Views parse forms and call services/selectors; every rule is checked in the services.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from safehaven.oversight import services
from safehaven.oversight.forms import (
    BreachAwareForm,
    BreachDecisionForm,
    BreachFactsForm,
    BreachIcoReportForm,
    BreachReportForm,
    NearMissFilterForm,
)
from safehaven.oversight.models import Breach
from safehaven.oversight.selectors import (
    access_breach,
    breach_clock_for,
    breaches_open,
    breaches_visible_to,
    disclosures_by_channel_and_month,
    near_miss_counts,
    near_misses_filtered,
    require_oversight,
    sees_oversight,
)
from safehaven.register.models import Channel

NEAR_MISS_PAGE = 200


def _run(form, call):
    """The service's result, or None after putting its message on the form."""
    try:
        return call()
    except services.NotAllowed as exc:
        raise PermissionDenied(exc.message) from exc
    except services.OversightError as exc:
        field = exc.field if exc.field in form.fields else None
        text = f"{exc.message} ({exc.rule})" if exc.rule else exc.message
        form.add_error(field, text)
    return None


def _clock(breach: Breach):
    return breach_clock_for(breach, now=timezone.now())


def _with_clocks(breaches) -> list[dict]:
    return [{"breach": b, "clock": _clock(b)} for b in breaches]


def _csv_cell(value) -> str:
    """Neutralises spreadsheet formulas (CSV injection) in exported text."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def _csv_response(filename: str, header: list[str], rows) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_cell(v) for v in row])
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


# Dashboard.


def _bars(pairs: list[tuple[str, int]]) -> list[dict]:
    top = max((n for _, n in pairs), default=0) or 1
    return [{"label": label, "n": n, "width": round(300 * n / top)} for label, n in pairs]


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    require_oversight(request.user)
    now = timezone.now()
    channels = dict(Channel.choices)
    by_month: dict[str, list[tuple[str, int]]] = {}
    totals: dict[str, int] = {}
    for row in disclosures_by_channel_and_month(now=now):
        month = (
            timezone.localtime(row["month"]).strftime("%B %Y")
            if timezone.is_aware(row["month"])
            else row["month"].strftime("%B %Y")
        )
        by_month.setdefault(month, []).append(
            (channels.get(row["channel"], row["channel"]), row["n"])
        )
        totals[month] = totals.get(month, 0) + row["n"]
    counts = near_miss_counts(near_misses_filtered())
    from safehaven.oversight.overrides import overrides_collected
    from safehaven.oversight.policy import policy_version_in_force
    from safehaven.oversight.sar import sar_clock_for, sars_open
    from safehaven.oversight.verification import register_verification_latest

    open_sars = [{"sar": s, "clock": sar_clock_for(s)} for s in sars_open()]
    open_sars.sort(key=lambda r: (r["clock"].due is None, r["clock"].due or r["sar"].received_on))
    recent_overrides = overrides_collected(since=now - dt.timedelta(days=30))
    return render(
        request,
        "oversight/dashboard.html",
        {
            "open_sars": open_sars,
            "verification": register_verification_latest(),
            "policy_version": policy_version_in_force(),
            "override_count": len(recent_overrides),
            "near_miss_unit_bars": _bars(counts["by_unit"]),
            "open_breaches": _with_clocks(breaches_open()),
            "months": [
                {"month": m, "total": totals[m], "channels": rows} for m, rows in by_month.items()
            ],
            "month_bars": _bars([(m, totals[m]) for m in by_month]),
            "near_miss_bars": _bars(counts["by_kind"]),
        },
    )


@login_required
@require_GET
def disclosures_csv(request: HttpRequest) -> HttpResponse:
    require_oversight(request.user)
    channels = dict(Channel.choices)
    rows = disclosures_by_channel_and_month(now=timezone.now())
    return _csv_response(
        "disclosures-by-month.csv",
        ["month", "channel", "disclosures"],
        ((r["month"].strftime("%Y-%m"), channels.get(r["channel"], r["channel"]), r["n"])
         for r in rows),
    )  # fmt: skip


# Near misses.


def _near_miss_query(request: HttpRequest):
    form = NearMissFilterForm(request.GET or None)
    filters: dict = {}
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = {
            "kind": data["kind"],
            "channel": data["channel"],
            "unit_id": data["unit"].pk if data["unit"] else None,
            "date_from": data["date_from"],
            "date_to": data["date_to"],
        }
    return form, near_misses_filtered(**filters)


@login_required
@require_GET
def near_miss_list(request: HttpRequest) -> HttpResponse:
    require_oversight(request.user)
    form, qs = _near_miss_query(request)
    counts = near_miss_counts(qs)
    return render(
        request,
        "oversight/near_misses.html",
        {
            "form": form,
            "near_misses": qs[:NEAR_MISS_PAGE],
            "total": qs.count(),
            "page_size": NEAR_MISS_PAGE,
            "by_kind": counts["by_kind"],
            "by_unit": counts["by_unit"],
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_GET
def near_miss_csv(request: HttpRequest) -> HttpResponse:
    require_oversight(request.user)
    _, qs = _near_miss_query(request)
    rows = (
        (
            timezone.localtime(n.occurred_at).isoformat(timespec="seconds"),
            n.get_channel_display(),
            n.get_kind_display(),
            n.rule,
            n.unit.name if n.unit else "",
            n.service_user.reference if n.service_user else "",
            n.summary,
            n.source_reference,
            n.correlation_id or "",
            n.policy_version or "defaults",
        )
        for n in qs.iterator(chunk_size=2000)
    )
    header = ["occurred_at", "channel", "type", "rule", "unit", "service_user_reference",
              "summary", "source_reference", "correlation_id", "policy_version"]  # fmt: skip
    return _csv_response("near-misses.csv", header, rows)


# Breaches.


@login_required
@require_GET
def breach_list(request: HttpRequest) -> HttpResponse:
    breaches = breaches_visible_to(request.user).order_by("-reported_at", "-pk")[:200]
    return render(
        request,
        "oversight/breach_list.html",
        {"rows": _with_clocks(breaches), "sees_all": sees_oversight(request.user)},
    )


@login_required
@require_GET
def breach_csv(request: HttpRequest) -> HttpResponse:
    require_oversight(request.user)

    def yes_no(value):
        return "" if value is None else ("yes" if value else "no")

    rows = (
        (
            b.short_reference, b.get_category_display(), b.get_state_display(),
            timezone.localtime(b.reported_at).isoformat(timespec="minutes"),
            timezone.localtime(b.aware_at).isoformat(timespec="minutes"),
            _clock(b).text, b.unit.name if b.unit else "", b.people_affected,
            b.records_affected, yes_no(b.report_to_ico), b.report_to_ico_reason,
            yes_no(b.tell_people), b.tell_people_reason,
            timezone.localtime(b.decided_at).isoformat(timespec="minutes") if b.decided_at else "",
            timezone.localtime(b.ico_reported_at).isoformat(timespec="minutes")
            if b.ico_reported_at else "",
            b.ico_reference,
        )
        for b in breaches_visible_to(request.user).order_by("reported_at", "pk")
    )  # fmt: skip
    header = ["reference", "category", "state", "reported_at", "aware_at", "clock", "unit",
              "people_affected", "records_affected", "report_to_ico", "report_to_ico_reason",
              "tell_people", "tell_people_reason", "decided_at", "ico_reported_at",
              "ico_reference"]  # fmt: skip
    return _csv_response("breaches.csv", header, rows)


@login_required
@require_http_methods(["GET", "POST"])
def breach_new(request: HttpRequest) -> HttpResponse:
    form = BreachReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        breach = _run(
            form,
            lambda: services.breach_report(
                user=request.user,
                category=data["category"],
                description=data["description"],
                people_affected=data["people_affected"],
                records_affected=data["records_affected"],
                measures_taken=data["measures_taken"],
            ),
        )
        if breach is not None:
            return redirect("oversight-breach-detail", pk=breach.pk)
    return render(request, "oversight/breach_new.html", {"form": form})


@login_required
@require_GET
def breach_detail(request: HttpRequest, pk: int) -> HttpResponse:
    breach = access_breach(user=request.user, pk=pk)
    return render(
        request,
        "oversight/breach_detail.html",
        {
            "breach": breach,
            "clock": _clock(breach),
            "events": breach.events.select_related("by"),
            "may_decide": sees_oversight(request.user),
            "facts_complete": bool(
                breach.nature and breach.likely_consequences and breach.measures_taken
            ),
        },
    )


def _dpo_breach(request: HttpRequest, pk: int) -> Breach:
    breach = access_breach(user=request.user, pk=pk)
    require_oversight(request.user)
    return breach


@login_required
@require_http_methods(["GET", "POST"])
def breach_facts(request: HttpRequest, pk: int) -> HttpResponse:
    breach = _dpo_breach(request, pk)
    initial = {
        f: getattr(breach, f)
        for f in ("nature", "people_affected", "records_affected", "likely_consequences",
                  "measures_taken", "measures_proposed")
    }  # fmt: skip
    form = BreachFactsForm(request.POST or None, initial=initial)
    if (
        request.method == "POST"
        and form.is_valid()
        and _run(
            form,
            lambda: services.breach_facts_record(
                breach=breach, user=request.user, **form.cleaned_data
            ),
        )
    ):
        return redirect("oversight-breach-detail", pk=breach.pk)
    return render(request, "oversight/breach_facts.html", {"form": form, "breach": breach})


@login_required
@require_http_methods(["GET", "POST"])
def breach_aware(request: HttpRequest, pk: int) -> HttpResponse:
    breach = _dpo_breach(request, pk)
    local = timezone.localtime(breach.aware_at)
    form = BreachAwareForm(
        request.POST or None,
        initial={"aware_date": local.strftime("%d/%m/%Y"), "aware_time": local.strftime("%H:%M")},
    )
    if request.method == "POST" and form.is_valid():
        done = _run(
            form,
            lambda: services.breach_aware_change(
                breach=breach, user=request.user, aware_at=form.aware_at(),
                reason=form.cleaned_data["reason"],
            ),
        )  # fmt: skip
        if done:
            return redirect("oversight-breach-detail", pk=breach.pk)
    return render(request, "oversight/breach_aware.html", {"form": form, "breach": breach})


@login_required
@require_http_methods(["GET", "POST"])
def breach_decision(request: HttpRequest, pk: int) -> HttpResponse:
    breach = _dpo_breach(request, pk)
    if not breach.is_open:
        return redirect("oversight-breach-detail", pk=breach.pk)
    form = BreachDecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _run(
            form,
            lambda: services.breach_decide(
                breach=breach,
                user=request.user,
                report_to_ico=data["report_to_ico"] == "yes",
                report_to_ico_reason=data["report_to_ico_reason"],
                tell_people=data["tell_people"] == "yes",
                tell_people_reason=data["tell_people_reason"],
                late_reason=data["late_reason"],
            ),
        )
        if done:
            return redirect("oversight-breach-detail", pk=breach.pk)
    return render(
        request,
        "oversight/breach_decision.html",
        {"form": form, "breach": breach, "clock": _clock(breach)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def breach_ico_report(request: HttpRequest, pk: int) -> HttpResponse:
    breach = _dpo_breach(request, pk)
    if not breach.awaits_ico_report:
        return redirect("oversight-breach-detail", pk=breach.pk)
    form = BreachIcoReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _run(
            form,
            lambda: services.breach_ico_report_record(
                breach=breach,
                user=request.user,
                reported_at=form.reported_at(),
                ico_reference=form.cleaned_data["ico_reference"],
                late_reason=form.cleaned_data["late_reason"],
            ),
        )
        if done:
            return redirect("oversight-breach-detail", pk=breach.pk)
    return render(
        request,
        "oversight/breach_ico_report.html",
        {"form": form, "breach": breach, "clock": _clock(breach)},
    )
