"""Reads of staff and units."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from safehaven.accounts.models import Unit, User


def staff_list() -> QuerySet[User]:
    return User.objects.prefetch_related("units").order_by("last_name", "first_name", "username")


def authorisers_for(*, unit: Unit | None = None) -> QuerySet[User]:
    """Active Team/Line/Service Managers for a unit (TEL-6); all of them when unit is None."""
    qs = User.objects.filter(role=User.Role.AUTHORISER, is_active=True)
    if unit is not None:
        qs = qs.filter(Q(units=unit))
    return qs.order_by("last_name", "first_name").distinct()


def units_visible_to(user) -> QuerySet[Unit]:
    if user.sees_all:
        return Unit.objects.all()
    return user.units.all()
