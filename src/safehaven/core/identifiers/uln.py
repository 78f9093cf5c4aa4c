"""Unique Learner Number (ULN), Learning Records Service.

Ten digits, the first not zero; the sum of each digit times its weight (10 down to 1) leaves
remainder 10 when divided by 11. No ten-digit string is both a valid ULN and a valid NHS number.
"""

from __future__ import annotations

from dataclasses import dataclass

from safehaven.core.identifiers._common import InvalidIdentifier, compact, weighted_sum_10_to_2

KIND = "ULN"


@dataclass(frozen=True, slots=True)
class Uln:
    value: str

    def __str__(self) -> str:
        return self.value


def _checksum_ok(value: str) -> bool:
    return (weighted_sum_10_to_2(value) + ord(value[9]) - 48) % 11 == 10


def _valid_compact(value: str) -> bool:
    return (
        len(value) == 10
        and value.isascii()
        and value.isdigit()
        and value[0] != "0"
        and (_checksum_ok(value))
    )


def is_valid_uln(text: str) -> bool:
    """True when text is ten digits (spaces allowed), not starting with 0, passing the check."""
    return _valid_compact(text if len(text) == 10 else compact(text))


def uln_check_digit(first_nine: str) -> int | None:
    """The final digit that makes nine digits a valid ULN, or None when none does."""
    total = weighted_sum_10_to_2(first_nine)  # total + d (weight 1) must be 10 mod 11
    digit = (10 - total) % 11
    return digit if digit <= 9 else None


def parse_uln(text: str) -> Uln:
    """Parses a ULN, or raises InvalidIdentifier saying what is wrong with it."""
    value = compact(text)
    if not (value.isascii() and value.isdigit()):
        raise InvalidIdentifier(KIND, "a ULN is made of digits only")
    if len(value) != 10:
        raise InvalidIdentifier(KIND, f"a ULN has 10 digits, this has {len(value)}")
    if value[0] == "0":
        raise InvalidIdentifier(KIND, "a ULN never starts with 0")
    if not _checksum_ok(value):
        raise InvalidIdentifier(
            KIND, "the check digit does not match: a mistyped digit or a made-up number"
        )
    return Uln(value)


def normalise_uln(text: str) -> str:
    """The ULN as ten digits, no spaces."""
    return parse_uln(text).value


def format_uln(value: Uln | str) -> str:
    """A ULN for display: ten digits unbroken, as the Learning Records Service prints it."""
    uln = value if isinstance(value, Uln) else parse_uln(value)
    return uln.value
