"""Role checks for web views. Object-level checks live in the access helpers
(`safehaven.records` access_*): a view never fetches a service user any other way."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def can_manage_directory(user) -> bool:
    """Organisations, their numbers and domains, and contacts: kept by the DPO or an admin."""
    return user.is_authenticated and (user.is_dpo or user.is_administrator)


def can_read_register(user) -> bool:
    return user.is_authenticated and (user.is_dpo or user.is_administrator)


def can_export_subject_access(user) -> bool:
    """Subject access requests are answered by the DPO."""
    return user.is_authenticated and user.is_dpo


def can_manage_staff(user) -> bool:
    return user.is_authenticated and user.is_administrator


def require(check: Callable[[object], bool]) -> Callable[[Callable], Callable]:
    """Signed in, and `check(user)` true; otherwise 403 (the role, not the object, is wrong)."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(request, *args, **kwargs):
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
