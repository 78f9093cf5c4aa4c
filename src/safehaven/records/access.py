"""Fetch-and-authorise helpers: the same `NotFound` for a record that does not exist and for
one the user may not see, so nobody learns that a child exists at another school."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from safehaven.records.models import AccessLog, ServiceUser
from safehaven.register.correlation import correlation_id_current


class NotFound(Http404):
    """Missing or not permitted: the caller cannot tell which. Views turn it into a 404."""


def service_users_visible_to(user) -> QuerySet[ServiceUser]:
    """Service users this member of staff may see: their units' children; all for DPO/admin."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ServiceUser.objects.none()
    if user.sees_all:
        return ServiceUser.objects.all()
    return ServiceUser.objects.filter(unit__in=user.units.values("pk"))


def can_see_service_user(user, service_user: ServiceUser) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.sees_all:
        return True
    return user.units.filter(pk=service_user.unit_id).exists()


def access_service_user(
    *, user, pk, action: str = AccessLog.Action.VIEW, log: bool = True
) -> ServiceUser:
    """The service user with this pk if `user` may see it (logging the access), else NotFound."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise NotFound("No such service user.") from None
    service_user = (
        service_users_visible_to(user)
        .select_related("unit", "allocated_worker")
        .filter(pk=pk)
        .first()
    )
    if service_user is None:
        raise NotFound("No such service user.")
    if log:
        access_log_record(user=user, service_user=service_user, action=action)
    return service_user


def access_log_record(
    *, user, action: str, service_user: ServiceUser | None = None, detail: str = ""
) -> AccessLog:
    """Writes one access-log row. `detail` must never hold personal data."""
    return AccessLog.objects.create(
        user=user if user is not None and user.is_authenticated else None,
        service_user=service_user,
        action=action,
        detail=detail[:200],
        correlation_id=correlation_id_current(),
    )
