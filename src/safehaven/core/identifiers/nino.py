"""National Insurance number (HMRC National Insurance Manual NIM39110).

Two prefix letters, six digits and a suffix letter A-D. Neither prefix letter is D, F, I, Q,
U or V; the second is not O; the prefixes BG, GB, KN, NK, NT, TN and ZZ are never issued.
There is no checksum, so a well-formed number is only ever "plausible".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from safehaven.core.identifiers._common import InvalidIdentifier, compact

KIND = "National Insurance number"

_FIRST = "ABCEGHJKLMNOPRSTWXYZ"  # not D F I Q U V
_SECOND = "ABCEGHJKLMNPRSTWXYZ"  # not D F I Q U V O
NEVER_ISSUED_PREFIXES = frozenset({"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"})
_SHAPE = re.compile(rf"[{_FIRST}][{_SECOND}][0-9]{{6}}[A-D]?\Z")


@dataclass(frozen=True, slots=True)
class Nino:
    prefix: str
    digits: str
    suffix: str  # "" when the number was given without one

    @property
    def value(self) -> str:
        return f"{self.prefix}{self.digits}{self.suffix}"

    def __str__(self) -> str:
        return self.value


def _valid_compact(value: str, require_suffix: bool) -> bool:
    n = len(value)
    if n == 9 or (n == 8 and not require_suffix):
        return _SHAPE.match(value) is not None and value[:2] not in NEVER_ISSUED_PREFIXES
    return False


def is_valid_nino(text: str, *, require_suffix: bool = True) -> bool:
    """True when text is a well-formed National Insurance number that HMRC could issue.

    Spaces and case do not matter. With ``require_suffix=False`` the suffix letter may be
    missing, as some forms print it.
    """
    if len(text) == 9 and text.isalnum():
        return _valid_compact(text.upper(), require_suffix)
    return _valid_compact(compact(text), require_suffix)


def parse_nino(text: str, *, require_suffix: bool = True) -> Nino:
    """Parses a National Insurance number, or raises InvalidIdentifier saying what is wrong."""
    value = compact(text)
    if len(value) not in (8, 9):
        raise InvalidIdentifier(
            KIND,
            f"it has two letters, six digits and a letter A-D; this has {len(value)} characters",
        )
    prefix, digits, suffix = value[:2], value[2:8], value[8:]
    if not (prefix.isascii() and prefix.isalpha()):
        raise InvalidIdentifier(KIND, "it starts with two letters")
    if not (digits.isascii() and digits.isdigit()):
        raise InvalidIdentifier(KIND, "the two letters are followed by six digits")
    if not suffix:
        if require_suffix:
            raise InvalidIdentifier(KIND, "the final letter (A, B, C or D) is missing")
    elif suffix not in "ABCD":
        raise InvalidIdentifier(KIND, "the final letter is always A, B, C or D")
    if prefix[0] not in _FIRST:
        raise InvalidIdentifier(KIND, "the first letter is never D, F, I, Q, U or V")
    if prefix[1] not in _SECOND:
        raise InvalidIdentifier(KIND, "the second letter is never D, F, I, O, Q, U or V")
    if prefix in NEVER_ISSUED_PREFIXES:
        raise InvalidIdentifier(KIND, f"HMRC never issues numbers starting {prefix}")
    return Nino(prefix, digits, suffix)


def normalise_nino(text: str, *, require_suffix: bool = True) -> str:
    """The number upper-case with no spaces: ``AB123456C``."""
    return parse_nino(text, require_suffix=require_suffix).value


def format_nino(value: Nino | str) -> str:
    """The number in HMRC's printed form: ``AB 12 34 56 C``."""
    n = value if isinstance(value, Nino) else parse_nino(value, require_suffix=False)
    d = n.digits
    text = f"{n.prefix} {d[:2]} {d[2:4]} {d[4:]}"
    return f"{text} {n.suffix}" if n.suffix else text
