"""Reads for other apps: the warn overrides for the DPO's overrides report."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import Count

from safehaven.email.models import EmailOverride


def override_rows(*, since=None, until=None) -> Iterator[Any]:
    """Each `EmailOverride` as an `OverrideRow` (`safehaven.oversight.overrides`), newest first.

    The justification is the sender's own words, with the recipients' domains; not the subject
    (it may name a child: the report carries no names), no addresses, no message text.
    """
    from safehaven.oversight.overrides import OverrideRow

    rows = EmailOverride.objects.select_related("user").annotate(relayed=Count("matches"))
    if since is not None:
        rows = rows.filter(at__gte=since)
    if until is not None:
        rows = rows.filter(at__lt=until)
    for o in rows.iterator(chunk_size=1000):
        name = (o.user.get_full_name() or o.user.username) if o.user else o.username
        where = ", ".join(o.recipient_domains) or "no recipient domain"
        sent = (
            f" [{o.reference}: the gateway relayed {o.relayed} matching message(s)]"
            if o.relayed
            else f" [{o.reference}]"
        )
        yield OverrideRow(
            when=o.at,
            channel="email",
            user=name,
            rule=", ".join(o.rules) or "EMAIL",
            justification=f"Sent after a warning (to {where}): {o.justification}{sent}",
            reference=f"email-override:{o.pk}",
        )
