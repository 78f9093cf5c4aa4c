"""UK postcodes (BS 7666 rules, Royal Mail formats).

Six formats of outward code (A9, A99, A9A, AA9, AA99, AA9A) followed by an inward code
(digit, two letters). Letter rules by position: first never Q, V or X; second (in the AA
formats) never I, J or Z; third (A9A) only A-H, J, K, P, S, T, U, W; fourth (AA9A) only
A, B, E, H, M, N, P, R, V, W, X, Y; the inward letters never C, I, K, M, O or V.
Specials: GIR 0AA, BFPO numbers and the British overseas territories' postcodes.
Well-formed is not the same as allocated: no list of live postcodes is consulted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from safehaven.core.identifiers._common import InvalidIdentifier

KIND = "postcode"

_OUTWARD = (
    r"(?:[A-PR-UWYZ](?:[0-9]{1,2}|[0-9][A-HJKPSTUW])"
    r"|[A-PR-UWYZ][A-HK-Y](?:[0-9]{1,2}|[0-9][ABEHMNPRVWXY]))"
)
_INWARD = r"[0-9][ABD-HJLNP-UW-Z]{2}"
OVERSEAS_TERRITORIES = frozenset(
    {"ASCN 1ZZ", "BBND 1ZZ", "BIQQ 1ZZ", "FIQQ 1ZZ", "PCRN 1ZZ", "SIQQ 1ZZ", "STHL 1ZZ",
     "TDCU 1ZZ", "TKCA 1ZZ"}
)  # fmt: skip
# Matches text already upper-cased, with any run of spaces (or none) between the halves.
_STANDARD = re.compile(rf"({_OUTWARD}) *({_INWARD})\Z")
_BFPO = re.compile(r"BFPO *([0-9]{1,4})\Z")
_SPECIAL = re.compile(r"(GIR) *(0AA)\Z|([A-Z]{4}) *(1ZZ)\Z")
_SPACES = re.compile(r"\s+")
_OTHER_SPACE = re.compile(r"[^\S ]")


@dataclass(frozen=True, slots=True)
class Postcode:
    outward: str
    inward: str  # for BFPO: the number
    kind: str  # "standard", "bfpo", "special" (GIR 0AA) or "overseas_territory"

    @property
    def value(self) -> str:
        return f"{self.outward} {self.inward}"

    @property
    def area(self) -> str:
        """The leading letters of the outward code ("SW" for SW1A 1AA)."""
        if self.kind != "standard":
            return self.outward
        return self.outward[:2] if self.outward[1].isalpha() else self.outward[:1]

    @property
    def sector(self) -> str:
        """Outward code and inward digit ("SW1A 1"): an area of a few thousand addresses."""
        return f"{self.outward} {self.inward[:1]}"

    def __str__(self) -> str:
        return self.value


def _match(text: str) -> Postcode | None:
    t = text.strip().upper()
    m = _STANDARD.match(t)
    if m is None and _OTHER_SPACE.search(t):  # tabs, no-break spaces: rare, so checked late
        t = _SPACES.sub(" ", t)
        m = _STANDARD.match(t)
    if m:
        return Postcode(m.group(1), m.group(2), "standard")
    m = _BFPO.match(t)
    if m:
        return Postcode("BFPO", str(int(m.group(1))), "bfpo")
    m = _SPECIAL.match(t)
    if m:
        if m.group(1):
            return Postcode("GIR", "0AA", "special")
        pc = f"{m.group(3)} 1ZZ"
        if pc in OVERSEAS_TERRITORIES:
            return Postcode(m.group(3), "1ZZ", "overseas_territory")
    return None


def is_valid_postcode(text: str) -> bool:
    """True when text is a well-formed UK postcode (any case, space optional)."""
    return _match(text) is not None


def _reason(text: str) -> str:
    t = _SPACES.sub("", text.upper())
    if len(t) < 5 or len(t) > 7:
        return "a postcode has 5 to 7 letters and digits, e.g. SW1A 1AA"
    inward, outward = t[-3:], t[:-3]
    if not (inward[0].isdigit() and inward[1:].isalpha()):
        return "the last part of a postcode is a digit and two letters, e.g. 1AA"
    if any(ch in "CIKMOV" for ch in inward[1:]):
        return "the last two letters of a postcode are never C, I, K, M, O or V"
    if outward[0] in "QVX" or not outward[0].isalpha():
        return "a postcode starts with a letter other than Q, V or X"
    if len(outward) > 1 and outward[1].isalpha() and outward[1] in "IJZ":
        return "the second letter of a postcode is never I, J or Z"
    return "the first part is not one of the postcode patterns (A9, A99, A9A, AA9, AA99, AA9A)"


def parse_postcode(text: str) -> Postcode:
    """Parses a postcode, or raises InvalidIdentifier saying what is wrong with it."""
    pc = _match(text)
    if pc is None:
        raise InvalidIdentifier(KIND, _reason(text))
    return pc


def normalise_postcode(text: str) -> str:
    """The postcode upper-case with exactly one space before the inward code: ``SW1A 1AA``."""
    return parse_postcode(text).value


def format_postcode(value: Postcode | str) -> str:
    """The postcode as Royal Mail prints it: upper case, one space (``BFPO 123`` likewise)."""
    return (value if isinstance(value, Postcode) else parse_postcode(value)).value
