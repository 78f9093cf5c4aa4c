"""Runs a service from a valid form and puts the service's one-line error on the right field."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.db import IntegrityError, transaction

from safehaven.accounts.services import AccountsError
from safehaven.records.services import RecordsError


def run_service(form: forms.Form, call: Callable[[], Any]) -> Any | None:
    """The service's result, or None after adding its error to `form`."""
    try:
        with transaction.atomic():
            return call()
    except (RecordsError, AccountsError) as exc:
        field = exc.field if exc.field in form.fields else None
        form.add_error(field, exc.message)
    except IntegrityError:
        form.add_error(None, "This is already recorded. Check the list before adding it again.")
    return None
