"""Staff administration."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction

from safehaven.accounts.models import Unit, User


class AccountsError(ValueError):
    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def _check_role(role: str, manager_title: str) -> None:
    if role not in User.Role.values:
        raise AccountsError("Choose a role.", field="role")
    if role == User.Role.AUTHORISER and manager_title not in User.ManagerTitle.values:
        raise AccountsError(
            "Say whether the authoriser is a Team, Line or Service Manager.", field="manager_title"
        )
    if role != User.Role.AUTHORISER and manager_title:
        raise AccountsError("Only authorisers have a manager title.", field="manager_title")


def user_create(
    *,
    username: str,
    role: str,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    manager_title: str = "",
    job_title: str = "",
    units: Iterable[Unit] = (),
    password: str | None = None,
) -> User:
    """Creates a member of staff. Without a password the account cannot log in until one is set."""
    username = username.strip()
    if not username:
        raise AccountsError("Give a username.", field="username")
    if User.objects.filter(username__iexact=username).exists():
        raise AccountsError("That username is taken.", field="username")
    _check_role(role, manager_title)
    user = User(
        username=username,
        role=role,
        manager_title=manager_title,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        email=email.strip(),
        job_title=job_title.strip(),
    )
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise AccountsError(" ".join(exc.messages), field="password") from None
        user.set_password(password)
    else:
        user.set_unusable_password()
    with transaction.atomic():
        user.save()
        user.units.set(units)
    return user


def user_update(*, user: User, units: Iterable[Unit] | None = None, **fields) -> User:
    role = fields.get("role", user.role)
    manager_title = fields.get("manager_title", user.manager_title if role == user.role else "")
    if role != User.Role.AUTHORISER:
        manager_title = ""
    fields["manager_title"] = manager_title
    _check_role(role, manager_title)
    allowed = {
        "role",
        "manager_title",
        "first_name",
        "last_name",
        "email",
        "job_title",
        "is_active",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise AccountsError(f"Cannot change {', '.join(sorted(unknown))} here.")
    with transaction.atomic():
        for k, v in fields.items():
            setattr(user, k, v)
        user.save(update_fields=list(fields))
        if units is not None:
            user.units.set(units)
    return user
