"""Reads for telephone requests: fetch-and-authorise in one step, and the work queues."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from safehaven.records.access import NotFound, can_see_service_user, service_users_visible_to
from safehaven.telephone.models import TelephoneRequest

State = TelephoneRequest.State


def access_telephone_request(*, user, pk) -> TelephoneRequest:
    """The request if `user` may see it, else NotFound (the same for missing and forbidden).

    The officer who took the call sees it; once the child is identified, staff who can see
    that child see it too (managers authorise from there); the DPO sees every request.
    """
    try:
        request = TelephoneRequest.objects.select_related(
            "received_by",
            "organisation",
            "service_user",
            "service_user__unit",
            "switchboard",
            "consent",
            "authoriser",
        ).get(pk=int(pk))
    except (TelephoneRequest.DoesNotExist, TypeError, ValueError) as exc:
        raise NotFound("No such telephone request.") from exc
    if request.received_by_id == user.pk or user.sees_all:
        return request
    if request.service_user is not None and can_see_service_user(user, request.service_user):
        return request
    raise NotFound("No such telephone request.")


def telephone_requests_for_officer(*, user) -> QuerySet[TelephoneRequest]:
    """The requests this member of staff took, open ones first."""
    return (
        TelephoneRequest.objects.filter(received_by=user)
        .select_related("organisation", "service_user")
        .order_by("-received_at")
    )


def telephone_authorisation_queue(*, user) -> QuerySet[TelephoneRequest]:
    """Requests waiting for a manager that this manager may decide: about children they can
    see, and never their own (TEL-6)."""
    if not (user.is_authoriser or user.is_dpo):
        return TelephoneRequest.objects.none()
    return (
        TelephoneRequest.objects.filter(
            Q(service_user__in=service_users_visible_to(user)),
            state=State.AWAITING_AUTHORISATION,
        )
        .exclude(received_by=user)
        .select_related("organisation", "service_user", "received_by")
        .order_by("received_at")
    )
