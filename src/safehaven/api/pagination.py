"""Limit/offset pagination that refuses bad values instead of quietly ignoring them."""

from __future__ import annotations

from rest_framework.exceptions import ValidationError
from rest_framework.pagination import LimitOffsetPagination


class StrictLimitOffsetPagination(LimitOffsetPagination):
    default_limit = 50
    max_limit = 500

    def _number(self, request, name: str, minimum: int, maximum: int | None) -> int | None:
        raw = request.query_params.get(name)
        if raw is None:
            return None
        try:
            value = int(raw)
        except ValueError:
            raise ValidationError({name: [f"Give {name} as a whole number."]}) from None
        if value < minimum or (maximum is not None and value > maximum):
            limit = f"between {minimum} and {maximum}" if maximum else f"{minimum} or more"
            raise ValidationError({name: [f"Give {name} {limit}."]})
        return value

    def get_limit(self, request) -> int:
        value = self._number(request, self.limit_query_param, 1, self.max_limit)
        return self.default_limit if value is None else value

    def get_offset(self, request) -> int:
        value = self._number(request, self.offset_query_param, 0, None)
        return 0 if value is None else value

    def get_schema_operation_parameters(self, view) -> list[dict]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            schema = parameter["schema"]
            if parameter["name"] == self.limit_query_param:
                schema.update({"minimum": 1, "maximum": self.max_limit})
            else:
                schema["minimum"] = 0
        return parameters
