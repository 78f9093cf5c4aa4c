"""Health service numbers: NHS number, CHI number (Scotland), Health & Care number (NI).

All three are ten digits whose last digit is a mod-11 check over the first nine (weights 10
down to 2; 11 becomes 0; a result of 10 means the number is never issued). The CHI number's
first six digits are the holder's date of birth (DDMMYY) and its ninth digit gives sex. The
ranges overlap by design of the check, so a CHI or H&C number also passes the NHS check: the
``issuer`` of a parsed NHS number says which range it falls in.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from safehaven.core.identifiers._common import InvalidIdentifier, compact, mod11_check_digit

NHS_KIND = "NHS number"
CHI_KIND = "CHI number"
HC_KIND = "Health and Care number"

# Which range a ten-digit health number falls in (first digits). England, Wales and the Isle
# of Man issue from the 4xx and 6xx-7xx ranges; 999 is the never-issued test range.
ISSUER_TEST = "test range (never issued)"
ISSUER_CHI = "Scotland (CHI range)"
ISSUER_HC = "Northern Ireland (H&C range)"
ISSUER_NHS = "England, Wales or Isle of Man"
ISSUER_OTHER = "outside the published issuing ranges"


def _digits10(value: str) -> bool:
    return len(value) == 10 and value.isascii() and value.isdigit()


def _mod11_ok(value: str) -> bool:
    """The check digit matches, and the number is not ten copies of one digit: every such
    number passes the check (55 x d is a multiple of 11), and they are typed as placeholders."""
    return mod11_check_digit(value[:9]) == ord(value[9]) - 48 and value != value[0] * 10


def _clean(text: str) -> str:
    return text if len(text) == 10 else compact(text)


def _check_shape(kind: str, value: str) -> None:
    if not (value.isascii() and value.isdigit()):
        raise InvalidIdentifier(kind, "only digits are allowed (spaces and hyphens are ignored)")
    if len(value) != 10:
        raise InvalidIdentifier(kind, f"it should have 10 digits, this has {len(value)}")
    if value == value[0] * 10:
        raise InvalidIdentifier(kind, "all ten digits are the same: a placeholder, not a number")
    if not _mod11_ok(value):
        if mod11_check_digit(value[:9]) == 10:
            reason = "no check digit exists for the first nine digits, so it is never issued"
        else:
            reason = "the check digit does not match: a mistyped digit or a made-up number"
        raise InvalidIdentifier(kind, reason)


_DAYS_IN_MONTH = (0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_THIS_YEAR = dt.date.today().year  # noqa: DTZ011 - a calendar year, not an instant


def _is_leap(year: int) -> bool:
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _chi_year(value: str) -> int | None:
    """The birth year of a CHI number's DDMMYY prefix, or None when it is not a real date.

    The century is not in the number: the latest year not after this one is taken, so a
    person born in 1925 reads as 2025. Good enough to tell a real date from a made-up one.
    """
    day, month, yy = int(value[0:2]), int(value[2:4]), int(value[4:6])
    if not (1 <= month <= 12 and 1 <= day <= _DAYS_IN_MONTH[month]):
        return None
    year = 2000 + yy if 2000 + yy <= _THIS_YEAR else 1900 + yy
    if month == 2 and day == 29 and not _is_leap(year):
        other = 1900 + yy if year >= 2000 else None
        if other is None or not _is_leap(other):
            return None
        year = other
    return year


def _chi_date(value: str) -> dt.date | None:
    year = _chi_year(value)
    return None if year is None else dt.date(year, int(value[2:4]), int(value[0:2]))


def health_number_issuer(value: str) -> str:
    """Which published range a ten-digit health number falls in."""
    if value.startswith("999"):
        return ISSUER_TEST
    first3 = int(value[:3])
    if 320 <= first3 <= 399:
        return ISSUER_HC
    if first3 <= 311 and _chi_year(value) is not None:
        return ISSUER_CHI
    if 400 <= first3 <= 499 or 600 <= first3 <= 799:
        return ISSUER_NHS
    return ISSUER_OTHER


# --- NHS number -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class NhsNumber:
    value: str
    issuer: str

    @property
    def is_test_number(self) -> bool:
        return self.issuer == ISSUER_TEST

    def __str__(self) -> str:
        return self.value


def is_valid_nhs(text: str) -> bool:
    """True when text is ten digits (spaces or hyphens allowed) passing the NHS mod-11 check.

    The 999 test range counts as valid (it is well-formed); ``parse_nhs(...).is_test_number``
    tells it apart. About one random ten-digit number in eleven passes: context decides.
    """
    value = _clean(text)
    return _digits10(value) and _mod11_ok(value)


def parse_nhs(text: str) -> NhsNumber:
    """Parses an NHS number, or raises InvalidIdentifier saying what is wrong with it."""
    value = compact(text)
    _check_shape(NHS_KIND, value)
    return NhsNumber(value, health_number_issuer(value))


def normalise_nhs(text: str) -> str:
    """The NHS number as ten digits, no spaces."""
    return parse_nhs(text).value


def format_nhs(value: NhsNumber | str) -> str:
    """An NHS number in the NHS's 3-3-4 display format: ``943 476 5870``."""
    v = (value if isinstance(value, NhsNumber) else parse_nhs(value)).value
    return f"{v[:3]} {v[3:6]} {v[6:]}"


def nhs_check_digit(first_nine: str) -> int | None:
    """The check digit for nine digits, or None when no valid number starts with them."""
    d = mod11_check_digit(first_nine)
    return None if d == 10 else d


# --- CHI number (Scotland) --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChiNumber:
    value: str
    date_of_birth: dt.date
    sex: str  # "male" (odd ninth digit) or "female" (even)

    def __str__(self) -> str:
        return self.value


def is_valid_chi(text: str) -> bool:
    """True when text is ten digits starting with a real DDMMYY date and passing mod 11."""
    value = _clean(text)
    return _digits10(value) and _mod11_ok(value) and _chi_year(value) is not None


def parse_chi(text: str) -> ChiNumber:
    """Parses a CHI number, or raises InvalidIdentifier saying what is wrong with it."""
    value = compact(text)
    _check_shape(CHI_KIND, value)
    born = _chi_date(value)
    if born is None:
        raise InvalidIdentifier(
            CHI_KIND, "the first six digits are not a real date of birth (DDMMYY)"
        )
    sex = "male" if (ord(value[8]) - 48) % 2 else "female"
    return ChiNumber(value, born, sex)


def normalise_chi(text: str) -> str:
    """The CHI number as ten digits, no spaces."""
    return parse_chi(text).value


def format_chi(value: ChiNumber | str) -> str:
    """A CHI number for display: ten digits unbroken, as NHS Scotland writes it."""
    return (value if isinstance(value, ChiNumber) else parse_chi(value)).value


# --- Health and Care number (Northern Ireland) ------------------------------------------------


@dataclass(frozen=True, slots=True)
class HcNumber:
    value: str

    def __str__(self) -> str:
        return self.value


def _in_hc_range(value: str) -> bool:
    return "320" <= value[:3] <= "399"


def is_valid_hc(text: str) -> bool:
    """True when text is ten digits in the range 320 000 0000-399 999 9999 passing mod 11."""
    value = _clean(text)
    return _digits10(value) and _in_hc_range(value) and _mod11_ok(value)


def parse_hc(text: str) -> HcNumber:
    """Parses a Health and Care number, or raises InvalidIdentifier saying what is wrong."""
    value = compact(text)
    _check_shape(HC_KIND, value)
    if not _in_hc_range(value):
        raise InvalidIdentifier(
            HC_KIND, "Health and Care numbers lie between 320 000 0000 and 399 999 9999"
        )
    return HcNumber(value)


def normalise_hc(text: str) -> str:
    """The Health and Care number as ten digits, no spaces."""
    return parse_hc(text).value


def format_hc(value: HcNumber | str) -> str:
    """A Health and Care number in 3-3-4 display format, like an NHS number."""
    v = (value if isinstance(value, HcNumber) else parse_hc(value)).value
    return f"{v[:3]} {v[3:6]} {v[6:]}"
