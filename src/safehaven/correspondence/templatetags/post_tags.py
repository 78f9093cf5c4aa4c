"""The home page's post panel: items waiting for this person and, for those who triage, how
many wait for triage (the in-app notification of POST-1 routing)."""

from __future__ import annotations

from django import template

from safehaven.correspondence.post_services import can_triage
from safehaven.correspondence.selectors import post_triage_queue, post_waiting_for

register = template.Library()
SHOWN = 10


@register.inclusion_tag("correspondence/post/_home_panel.html", takes_context=True)
def post_home_panel(context) -> dict:
    user = context["request"].user
    waiting = list(post_waiting_for(user=user)[: SHOWN + 1])
    return {
        "waiting": waiting[:SHOWN],
        "more": len(waiting) > SHOWN,
        "triage_count": post_triage_queue(user=user).count() if can_triage(user) else None,
    }
