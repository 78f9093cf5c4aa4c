"""Policy settings pages: the version in force, the edit form, the history, one version with its
diff, and roll back. DPO and administrators only (others 403)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from safehaven.oversight import policy
from safehaven.oversight.forms import (
    CATEGORY_LABELS,
    SEVERITY_LABELS,
    PolicyForm,
    PolicyRollbackForm,
)
from safehaven.oversight.models import PolicyVersion
from safehaven.oversight.selectors import require_oversight
from safehaven.oversight.views import _run


def _summary(data: dict) -> list[tuple[str, str]]:
    """The settings as (label, value in words) rows."""
    email, post = data["email"], data["post"]
    methods = policy.delivery_methods()
    rows = [
        ("Secure email domains", ", ".join(
            f"{d['domain']} ({d['source']})" for d in email["secure_domains"]) or "None"),
        ("Our own email domains", ", ".join(email["internal_domains"]) or "None"),
        ("Extra generic mailbox names", ", ".join(email["generic_mailboxes"]) or "None"),
        ("Look-alike distance", str(email["lookalike_max_distance"])),
        ("Greeting similarity", f"{email['salutation_min_similarity']}%"),
        ("Fax", "On" if data["channels"]["fax"] else "Off"),
        *[(f"Post: {c}", methods.get(m, m)) for c, m in post["by_classification"].items()],
        ("Special Delivery for", ", ".join(
            CATEGORY_LABELS.get(c, c) for c in post["escalate_categories"]) or "Nothing"),
        ("Consent valid for", f"{data['validity']['consent_months']} months"),
        ("Safe-haven assessment valid for",
         f"{data['validity']['safe_haven_assessment_days']} days"),
        *[(f"Email: {SEVERITY_LABELS[k]}", v) for k, v in email["severity"].items()],
        *[(f"Extra {CATEGORY_LABELS.get(c, c).lower()} terms", ", ".join(t))
          for c, t in data["lexicons"].items() if t],
    ]  # fmt: skip
    return rows


@login_required
@require_GET
def policy_view(request: HttpRequest) -> HttpResponse:
    require_oversight(request.user)
    current = policy.policy_in_force()
    version = (
        PolicyVersion.objects.select_related("created_by").filter(number=current.number).first()
        if current.number
        else None
    )
    return render(
        request,
        "oversight/policy.html",
        {"current": current, "version": version, "rows": _summary(current.data)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def policy_edit(request: HttpRequest) -> HttpResponse:
    require_oversight(request.user)
    current = policy.policy_in_force()
    form = PolicyForm(
        request.POST or None,
        initial=PolicyForm.initial_from(current.data),
        methods=policy.delivery_methods(),
    )
    if request.method == "POST" and form.is_valid():
        version = _run(
            form,
            lambda: policy.policy_save(
                user=request.user, data=form.document(), reason=form.cleaned_data["reason"]
            ),
        )
        if version is not None:
            messages.success(request, f"Policy version {version.number} is now in force.")
            return redirect("oversight-policy")
    return render(request, "oversight/policy_edit.html", {"form": form, "current": current})


@login_required
@require_GET
def policy_history(request: HttpRequest) -> HttpResponse:
    require_oversight(request.user)
    return render(
        request,
        "oversight/policy_history.html",
        {"versions": policy.policy_history()[:200], "current": policy.policy_version_in_force()},
    )


def _version(number: int) -> PolicyVersion:
    version = PolicyVersion.objects.select_related("created_by").filter(number=number).first()
    if version is None:
        raise Http404("No such policy version.")
    return version


@login_required
@require_GET
def policy_version(request: HttpRequest, number: int) -> HttpResponse:
    require_oversight(request.user)
    version = _version(number)
    return render(
        request,
        "oversight/policy_version.html",
        {
            "version": version,
            "rows": _summary(policy.policy_document(version.data)),
            "is_current": policy.policy_version_in_force() == version.number,
            "form": PolicyRollbackForm(),
        },
    )


@login_required
@require_POST
def policy_rollback(request: HttpRequest, number: int) -> HttpResponse:
    require_oversight(request.user)
    version = _version(number)
    form = PolicyRollbackForm(request.POST)
    if form.is_valid():
        new = _run(
            form,
            lambda: policy.policy_rollback(
                user=request.user, number=version.number, reason=form.cleaned_data["reason"]
            ),
        )
        if new is not None:
            messages.success(
                request, f"Version {new.number} restores the settings of version {number}."
            )
            return redirect("oversight-policy")
    return render(
        request,
        "oversight/policy_version.html",
        {
            "version": version,
            "rows": _summary(policy.policy_document(version.data)),
            "is_current": policy.policy_version_in_force() == version.number,
            "form": form,
        },
        status=400,
    )
