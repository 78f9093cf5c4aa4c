"""What every channel workflow shares: the error a step raises when its check fails, and how
the REST API reports it (400 for a failed check, 409 for a step that is not open)."""

from __future__ import annotations

from rest_framework import serializers, status
from rest_framework.response import Response


class StepError(ValueError):
    """A step's check failed: `message` says what is wrong and what to do; `rule` says why.

    `out_of_order` marks a step tried while the workflow is elsewhere (the API answers 409).
    """

    def __init__(
        self, message: str, *, rule: str, field: str | None = None, out_of_order: bool = False
    ):
        super().__init__(message)
        self.message = message
        self.rule = rule
        self.field = field
        self.out_of_order = out_of_order


class StepErrorSerializer(serializers.Serializer):
    detail = serializers.CharField(help_text="What is wrong and what to do, in plain words.")
    rule = serializers.CharField(help_text="The guidance rule the check enforces, e.g. TEL-5.")
    field = serializers.CharField(allow_null=True, help_text="The input at fault, if one.")


def step_error_response(exc: StepError) -> Response:
    return Response(
        {"detail": exc.message, "rule": exc.rule, "field": exc.field},
        status=status.HTTP_409_CONFLICT if exc.out_of_order else status.HTTP_400_BAD_REQUEST,
    )


def run_step(form, call):
    """The service's result, or None after putting its message (with its rule) on the form.

    For the channels' pages: a failed check lands on the field it names, or above the form.
    """
    try:
        return call()
    except StepError as exc:
        field = exc.field if exc.field in form.fields else None
        form.add_error(field, f"{exc.message} ({exc.rule})")
    return None
