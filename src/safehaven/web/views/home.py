"""The home page: what this member of staff should look at next, by role. Real data only."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from safehaven.accounts.models import Unit, User
from safehaven.records.access import service_users_visible_to
from safehaven.records.models import AccessLog, Organisation, ProfessionalContact, Switchboard
from safehaven.register.selectors import disclosures_visible_to, register_head, register_verify
from safehaven.telephone.models import TelephoneRequest
from safehaven.telephone.selectors import (
    telephone_authorisation_queue,
    telephone_requests_for_officer,
)

RECENT = 10
# Up to this many entries the DPO's home checks the whole chain on every visit (about 0.2 s at
# the register's 100,000 entries/s); a bigger register is checked with the button.
AUTO_VERIFY_MAX_ENTRIES = 20_000


def _recently_viewed(user) -> list:
    """The service users this user viewed most recently, still visible to them."""
    latest = (
        AccessLog.objects.filter(user=user, action=AccessLog.Action.VIEW)
        .values("service_user")
        .annotate(last_viewed=Max("at"))
        .order_by("-last_viewed")[:RECENT]
    )
    last_viewed = {row["service_user"]: row["last_viewed"] for row in latest}
    people = service_users_visible_to(user).filter(pk__in=last_viewed.keys()).select_related("unit")
    rows = [(last_viewed[p.pk], p) for p in people]
    rows.sort(key=lambda row: row[0], reverse=True)
    return rows


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user: User = request.user
    context: dict = {"recently_viewed": _recently_viewed(user)}
    visible = service_users_visible_to(user)
    context["allocated"] = visible.filter(allocated_worker=user).select_related("unit")[:RECENT]
    # Counting every record in the county on each home page is not worth it for the DPO.
    context["visible_count"] = None if user.sees_all else visible.count()
    closed = [TelephoneRequest.State.DISCLOSED, TelephoneRequest.State.REFUSED]
    context["open_calls"] = telephone_requests_for_officer(user=user).exclude(state__in=closed)[
        :RECENT
    ]
    if user.is_authoriser or user.is_dpo:
        context["approval_queue"] = telephone_authorisation_queue(user=user)[:RECENT]
    if user.is_authoriser:
        context["authorised_recently"] = disclosures_visible_to(user).filter(authorised_by=user)[
            :RECENT
        ]
    if user.is_dpo or user.is_administrator:
        sequence, _hash = register_head()
        context["register_entries"] = sequence
        if user.is_dpo and 0 < sequence <= AUTO_VERIFY_MAX_ENTRIES:
            context["register_check"] = register_verify()
        context["recent_disclosures"] = disclosures_visible_to(user)[:RECENT]
        context["unchecked_switchboards"] = Switchboard.objects.filter(
            verified_at__isnull=True
        ).count()
    if user.is_administrator:
        context["counts"] = {
            "staff": User.objects.filter(is_active=True).count(),
            "units": Unit.objects.count(),
            "organisations": Organisation.objects.count(),
            "contacts": ProfessionalContact.objects.filter(active=True).count(),
        }
    return render(request, "web/home.html", context)
