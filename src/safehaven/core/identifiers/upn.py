"""Unique Pupil Number (UPN), Department for Education.

Thirteen characters: a check letter, the allocating LA's three-digit code, the DfE
establishment number (4 digits), the year of allocation (2 digits) and a serial (3 digits).
A temporary UPN ends in a letter in place of the last serial digit.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from safehaven.core.identifiers._common import InvalidIdentifier, compact

KIND = "UPN"
CHECK_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"
_LETTER_VALUE = {ch: i for i, ch in enumerate(CHECK_LETTERS)}

# "UPN unknown" codes from the DfE's children-in-need census code set (paraphrased). Later
# returns add UN6-UN10; they are not UPNs either.
UPN_UNKNOWN_CODES: dict[str, str] = {
    "UN1": "child under 6 not yet given a UPN",
    "UN2": "child never at a state-funded school in England",
    "UN3": "child educated outside England",
    "UN4": "child newly in need, UPN not yet known",
    "UN5": "sources disagree, so the child cannot be matched reliably",
}

_SHAPE = re.compile(r"[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]\Z")


@dataclass(frozen=True, slots=True)
class LaCode:
    code: str
    name: str
    status: str  # "current", "former", "pseudo" or "unconfirmed"


@lru_cache(maxsize=1)
def la_codes() -> dict[str, LaCode]:
    """The LA codes a UPN may carry in characters 2-4, from the packaged ``la_codes.csv``."""
    table: dict[str, LaCode] = {}
    text = resources.files(__package__).joinpath("la_codes.csv").read_text(encoding="utf-8")
    for row in csv.DictReader(line for line in text.splitlines() if not line.startswith("#")):
        table[row["code"]] = LaCode(row["code"], row["name"], row["status"])
    return table


_LA_CODES: frozenset[str] = frozenset(la_codes())


@dataclass(frozen=True, slots=True)
class Upn:
    value: str
    check_letter: str
    la_code: str
    establishment: str
    year: str
    serial: str
    temporary: bool

    @property
    def la_name(self) -> str:
        return la_codes()[self.la_code].name

    def __str__(self) -> str:
        return self.value


def upn_check_letter(body: str) -> str:
    """The check letter for the 12 characters after it (a final letter counts as its index)."""
    last = body[11]
    last_value = ord(last) - 48 if "0" <= last <= "9" else _LETTER_VALUE[last]
    b = body.encode("ascii")
    total = (
        2 * b[0] + 3 * b[1] + 4 * b[2] + 5 * b[3] + 6 * b[4] + 7 * b[5] + 8 * b[6] + 9 * b[7]
        + 10 * b[8] + 11 * b[9] + 12 * b[10] - 48 * 77 + 13 * last_value
    )  # fmt: skip
    return CHECK_LETTERS[total % 23]


def _valid_compact(value: str) -> bool:
    return (
        len(value) == 13
        and _SHAPE.match(value) is not None
        and value[1:4] in _LA_CODES
        and upn_check_letter(value[1:]) == value[0]
    )


def is_valid_upn(text: str) -> bool:
    """True when text is a well-formed UPN (permanent or temporary) with a known LA code and
    the right check letter. "UPN unknown" codes (UN1-UN5) are not UPNs: they identify nobody."""
    if len(text) == 13 and text.isalnum():
        return _valid_compact(text.upper())
    return _valid_compact(compact(text))


def parse_upn(text: str) -> Upn:
    """Parses a UPN, or raises InvalidIdentifier saying what is wrong with it."""
    value = compact(text)
    if value in UPN_UNKNOWN_CODES:
        raise InvalidIdentifier(
            KIND,
            f"{value} is a 'UPN unknown' code ({UPN_UNKNOWN_CODES[value]}), not a pupil's number",
        )
    if len(value) != 13:
        raise InvalidIdentifier(KIND, f"a UPN has 13 characters, this has {len(value)}")
    if not _SHAPE.match(value):
        if not ("A" <= value[0] <= "Z"):
            reason = "a UPN starts with a check letter"
        elif value[0] in "IOS":
            reason = "the check letter is never I, O or S"
        elif not value[1:12].isdigit():
            reason = "characters 2 to 12 of a UPN are digits"
        else:
            reason = "the last character is a digit, or a letter other than I, O or S"
        raise InvalidIdentifier(KIND, reason)
    if value[1:4] not in _LA_CODES:
        raise InvalidIdentifier(
            KIND, f"{value[1:4]} (characters 2-4) is not a local authority code used in UPNs"
        )
    expected = upn_check_letter(value[1:])
    if expected != value[0]:
        raise InvalidIdentifier(
            KIND, "the check letter does not match: a mistyped character or a made-up number"
        )
    return Upn(
        value=value,
        check_letter=value[0],
        la_code=value[1:4],
        establishment=value[4:8],
        year=value[8:10],
        serial=value[10:13],
        temporary=value[12].isalpha(),
    )


def normalise_upn(text: str) -> str:
    """The UPN in its canonical form: 13 upper-case characters, no spaces."""
    return parse_upn(text).value


def format_upn(value: Upn | str) -> str:
    """A UPN for display: 13 characters, no spaces (the DfE writes it unbroken)."""
    upn = value if isinstance(value, Upn) else parse_upn(value)
    return upn.value


def upn_unknown_reason(text: str) -> str | None:
    """The meaning of a "UPN unknown" code (UN1-UN5), or None for anything else."""
    return UPN_UNKNOWN_CODES.get(compact(text))
