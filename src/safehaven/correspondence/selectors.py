"""Reads for the letter pages. Every letter is reached through its child's access check."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from safehaven.correspondence.models import IncomingPost, Letter, PostNotification
from safehaven.records.access import access_service_user, service_users_visible_to


def access_letter(*, user, pk: int) -> Letter:
    """The letter if `user` may see its child (the access is logged), else not found."""
    letter = (
        Letter.objects.select_related(
            "recipient", "recipient_contact__organisation", "service_user__unit"
        )
        .filter(pk=pk)
        .first()
    )
    if letter is None:
        raise Http404("No such letter.")
    access_service_user(user=user, pk=letter.service_user_id)
    return letter


def letters_visible_to(*, user) -> QuerySet[Letter]:
    return Letter.objects.filter(service_user__in=service_users_visible_to(user)).select_related(
        "recipient", "recipient_contact__organisation", "service_user"
    )


# Incoming post (POST-1).


def post_visible_to(*, user) -> QuerySet[IncomingPost]:
    """Items about children the user can see; items not yet routed to a child only to whoever
    logged them and to those who triage their unit (authorisers of the unit, the DPO)."""
    from safehaven.correspondence.post_services import can_triage

    items = IncomingPost.objects.select_related("service_user", "routed_to", "unit", "logged_by")
    if user.is_dpo:
        return items
    unrouted = Q(service_user__isnull=True) & Q(logged_by=user)
    if can_triage(user):
        unrouted = Q(service_user__isnull=True) & (
            Q(logged_by=user) | Q(unit__in=user.units.values("pk"))
        )
    return items.filter(Q(service_user__in=service_users_visible_to(user)) | unrouted)


def access_post(*, user, pk) -> IncomingPost:
    """The item if `user` may see it, else not found (the same for missing and forbidden).
    Opening an item about a child is logged as a view of the child's record."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404("No such item.") from None
    item = post_visible_to(user=user).filter(pk=pk).first()
    if item is None:
        raise Http404("No such item.")
    if item.service_user_id:
        access_service_user(user=user, pk=item.service_user_id)
    return item


def post_waiting_for(*, user) -> QuerySet[IncomingPost]:
    """Items routed to this person and not yet actioned (their queue)."""
    return (
        post_visible_to(user=user)
        .filter(state=IncomingPost.State.ROUTED, routed_to=user)
        .order_by("received_at", "pk")
    )


def post_triage_queue(*, user) -> QuerySet[IncomingPost]:
    """Items waiting for triage in the units this person triages (all for the DPO)."""
    from safehaven.correspondence.post_services import can_triage

    if not can_triage(user):
        return IncomingPost.objects.none()
    items = IncomingPost.objects.filter(state=IncomingPost.State.TRIAGE).select_related(
        "unit", "logged_by"
    )
    if not user.is_dpo:
        items = items.filter(unit__in=user.units.values("pk"))
    return items.order_by("received_at", "pk")


def post_unread_count(*, user) -> int:
    return (
        PostNotification.objects.filter(user=user, read_at__isnull=True)
        .filter(item__state=IncomingPost.State.ROUTED)
        .count()
    )


def candidates_visible(*, user, item: IncomingPost) -> list[dict]:
    """The stored candidates the user may see, each with its service user."""
    ids = [c["service_user"] for c in item.candidates]
    people = {
        su.pk: su for su in service_users_visible_to(user).filter(pk__in=ids).select_related("unit")
    }
    return [
        {**c, "person": people[c["service_user"]]}
        for c in item.candidates
        if c["service_user"] in people
    ]


def post_nav_text(*, user) -> str:
    """The navigation item, with the count of unread notices so new post is noticed on any
    page (the in-app notification; no email is sent)."""
    unread = post_unread_count(user=user)
    return f"Post ({unread} new)" if unread else "Post"
