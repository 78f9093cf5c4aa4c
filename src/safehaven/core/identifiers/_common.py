"""Shared pieces of the identifier modules: the error type and input clean-up."""

from __future__ import annotations

import re

# Separators people type inside identifiers: spaces (incl. no-break and thin), hyphens, dashes.
_SEPARATORS = re.compile(r"[\s\u00a0\u2007\u202f\-\u2010\u2011\u2012\u2013\u2014]+")


class InvalidIdentifier(ValueError):
    """Raised when text is not a valid identifier of the named kind.

    ``kind`` is the short name ("UPN", "NHS number", ...); ``reason`` is one plain-English
    sentence fit to show a user. The offending value is deliberately not part of the message,
    so that logging the exception does not log personal data.
    """

    def __init__(self, kind: str, reason: str) -> None:
        self.kind = kind
        self.reason = reason
        super().__init__(f"not a valid {kind}: {reason}")


def compact(text: str) -> str:
    """Removes spaces, hyphens and dashes, and upper-cases the rest."""
    return _SEPARATORS.sub("", text).upper()


def weighted_sum_10_to_2(digits: str) -> int:
    """Sum of nine ASCII digits times weights 10 down to 2 (unrolled: this is the hot path)."""
    b = digits.encode("ascii")
    return (
        10 * b[0] + 9 * b[1] + 8 * b[2] + 7 * b[3] + 6 * b[4] + 5 * b[5] + 4 * b[6] + 3 * b[7]
        + 2 * b[8] - 48 * 54
    )  # fmt: skip


def mod11_check_digit(digits: str) -> int:
    """NHS-style check digit for nine digits: 11 - (sum x weights 10..2 mod 11); 11 -> 0.

    Returns 10 when no check digit exists (such a number is never issued).
    """
    check = 11 - weighted_sum_10_to_2(digits) % 11
    return 0 if check == 11 else check
