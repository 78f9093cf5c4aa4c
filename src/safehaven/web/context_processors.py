"""What every page's shell needs: the user's units for the header and the navigation."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse

from safehaven import __version__


@dataclass(frozen=True)
class NavItem:
    text: str
    href: str
    active: bool


def _nav_items(request: HttpRequest) -> list[NavItem]:
    user = request.user
    items = [("Home", reverse("home")), ("Find a service user", reverse("service-user-search"))]
    items.append(("Telephone requests", reverse("telephone-list")))
    from safehaven.fax.selectors import fax_nav_text

    if fax_text := fax_nav_text(user=user):
        items.append((fax_text, reverse("fax-home")))
    items.append(("Check an email", reverse("email-check")))
    if user.is_authoriser or user.is_dpo or user.is_administrator:
        # (an administrator decides only the mail nobody but its sender could: the only DPO's own)
        from safehaven.email.selectors import held_mail_nav_text

        items.append((held_mail_nav_text(user=user), reverse("email-quarantine")))
    items.append(("Letters", reverse("letter-list")))
    from safehaven.correspondence.selectors import post_nav_text

    items.append((post_nav_text(user=user), reverse("post-home")))
    items.append(("Organisations", reverse("organisation-list")))
    items.append(("Professional contacts", reverse("contact-list")))
    if user.is_dpo or user.is_administrator:
        items.append(("Register", reverse("register-overview")))
        items.append(("Oversight", reverse("oversight-dashboard")))
    else:
        items.append(("Report a breach", reverse("oversight-breaches")))
    if user.is_administrator:
        items.append(("Staff", reverse("staff-list")))
        items.append(("Sending changes", reverse("webhook-list")))
    path = request.path
    result = []
    for text, href in items:
        active = path == href if href == "/" else path.startswith(href)
        result.append(NavItem(text=text, href=href, active=active))
    return result


def shell(request: HttpRequest) -> dict:
    """Header, navigation and footer values; the unit names come from one query."""
    context = {
        "safehaven_version": __version__,
        "session_minutes": settings.SESSION_COOKIE_AGE // 60,
    }
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        if user.sees_all:
            context["header_units"] = "All units"
        else:
            context["header_units"] = ", ".join(u.name for u in user.units.all()) or "No unit"
        context["nav_items"] = _nav_items(request)
    return context
