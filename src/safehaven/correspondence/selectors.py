"""Reads for the letter pages. Every letter is reached through its child's access check."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from safehaven.correspondence.models import Letter
from safehaven.records.access import access_service_user, service_users_visible_to


def access_letter(*, user, pk: int) -> Letter:
    """The letter if `user` may see its child (the access is logged), else not found."""
    letter = Letter.objects.select_related("recipient", "service_user__unit").filter(pk=pk).first()
    if letter is None:
        raise Http404("No such letter.")
    access_service_user(user=user, pk=letter.service_user_id)
    return letter


def letters_visible_to(*, user) -> QuerySet[Letter]:
    return Letter.objects.filter(service_user__in=service_users_visible_to(user)).select_related(
        "recipient", "service_user"
    )
