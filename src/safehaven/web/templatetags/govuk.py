"""Template helpers for GOV.UK Design System markup. Presentation only."""

from __future__ import annotations

from django import template
from django.forms import BoundField

from safehaven.core.identifiers import InvalidIdentifier, format_phone

register = template.Library()

_INPUT_TYPES = {"email": "email", "password": "password", "number": "text"}


@register.inclusion_tag("includes/any_field.html")
def govuk_field(field: BoundField, width: str = "", autocomplete: str = "") -> dict:
    """Renders one bound field with the GOV.UK pattern that fits its widget."""
    widget = field.widget_type
    if widget == "checkboxselectmultiple":
        kind = "checkboxes"
    elif widget == "checkbox":
        kind = "checkbox"
    else:
        kind = "field"
    return {
        "field": field,
        "kind": kind,
        "type": _INPUT_TYPES.get(widget, "text"),
        "width": width,
        "autocomplete": autocomplete,
    }


@register.filter
def dash_if_empty(value) -> str:
    """An empty value reads as "Not recorded" rather than a blank cell."""
    if value is None or value == "":
        return "Not recorded"
    return value


@register.filter
def phone(value: str) -> str:
    """A stored E.164 number as people write it (0116 496 0100); unchanged if not a UK number."""
    if not value:
        return value
    try:
        return format_phone(value)
    except (InvalidIdentifier, ValueError):
        return value
