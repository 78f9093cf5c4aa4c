"""Telephone fixtures reused so refusals can be followed into the near-miss log."""

from tests.telephone.conftest import child, log_call, partner, walk  # noqa: F401
