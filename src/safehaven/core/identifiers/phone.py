"""UK telephone numbers, through Google's libphonenumber (``phonenumbers``), region GB.

Numbers of the Crown Dependencies (Guernsey GG, Jersey JE, Isle of Man IM) share the +44
country code and count as UK numbers here. Whether a number is a switchboard or a direct line
cannot be told from the number itself: that needs the organisation register.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from safehaven.core.identifiers._common import InvalidIdentifier

KIND = "UK phone number"
UK_REGIONS = frozenset({"GB", "GG", "JE", "IM"})

# Our names for libphonenumber's number types. "geographic" is Ofcom's word for a fixed line
# (01/02 numbers); everything but mobile and geographic is non-geographic.
_CATEGORY = {
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE: "geographic",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "geographic_or_mobile",
    PhoneNumberType.TOLL_FREE: "freephone",
    PhoneNumberType.PREMIUM_RATE: "premium",
    PhoneNumberType.SHARED_COST: "shared_cost",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.PERSONAL_NUMBER: "personal",
    PhoneNumberType.PAGER: "pager",
    PhoneNumberType.UAN: "non_geographic",
    PhoneNumberType.VOICEMAIL: "voicemail",
}
NON_GEOGRAPHIC_CATEGORIES = frozenset(
    {"freephone", "premium", "shared_cost", "voip", "personal", "pager", "non_geographic",
     "voicemail"}
)  # fmt: skip

# Ofcom's ranges for TV, radio and film (national significant number prefixes, no leading 0).
# libphonenumber rejects some (07700 900, 01632 960) and accepts the rest as fixed lines.
_DRAMA_PREFIXES = (
    "1134960", "1144960", "1154960", "1164960", "1174960", "1184960", "1214960", "1314960",
    "1414960", "1514960", "1614960", "1914980", "2079460", "2920180", "2896496",
    "1632960", "7700900", "8081570", "9098790", "3069990",
)  # fmt: skip

# Plausible phone text: digits with spaces, dots, hyphens, brackets, an optional leading +.
_SHAPE = re.compile(r"\+?[0-9 ().\-\u00a0]{9,24}\Z")
_NOT_DIGITS = re.compile(r"[^0-9]")


@dataclass(frozen=True, slots=True)
class PhoneNumber:
    e164: str  # +441614960000
    region: str  # GB, GG, JE or IM
    category: str  # mobile, geographic, freephone, premium, non_geographic, ...
    national: str  # 0161 496 0000
    international: str  # +44 161 496 0000
    drama_range: bool  # in an Ofcom range reserved for fiction

    @property
    def is_mobile(self) -> bool:
        return self.category == "mobile"

    @property
    def is_geographic(self) -> bool:
        return self.category == "geographic"

    @property
    def is_non_geographic(self) -> bool:
        return self.category in NON_GEOGRAPHIC_CATEGORIES

    @property
    def is_crown_dependency(self) -> bool:
        return self.region != "GB"

    def __str__(self) -> str:
        return self.e164


def _plausible(text: str) -> bool:
    if not _SHAPE.match(text):
        return False
    n = len(_NOT_DIGITS.sub("", text))
    return 9 <= n <= 15  # up to "0044 (0)20 7946 0123"


@lru_cache(maxsize=4096)
def _lib_parse(text: str) -> phonenumbers.PhoneNumber | None:
    try:
        return phonenumbers.parse(text, "GB")
    except NumberParseException:
        return None


def _uk_region(num: phonenumbers.PhoneNumber) -> str | None:
    """GB, GG, JE or IM for a valid UK number, else None. (``is_valid_number`` would find the
    region itself and then validate; asking once for the region halves the work.)"""
    if num.country_code != 44:
        return None
    region = phonenumbers.region_code_for_number(num)
    if region in UK_REGIONS and phonenumbers.is_valid_number_for_region(num, region):
        return region
    return None


@lru_cache(maxsize=16384)
def _valid_text(text: str) -> bool:
    if not _plausible(text):
        return False
    num = _lib_parse(text)
    return num is not None and _uk_region(num) is not None


def is_valid_phone(text: str) -> bool:
    """True when text is a valid UK (or Crown Dependency) number, national or +44 form.

    libphonenumber is slow (tens of microseconds a call), so results are cached by text.
    """
    return _valid_text(text.strip())


def _is_drama(nsn: str) -> bool:
    return nsn.startswith(_DRAMA_PREFIXES)


def parse_phone(text: str) -> PhoneNumber:
    """Parses a UK phone number, or raises InvalidIdentifier saying what is wrong with it."""
    text = text.strip()
    if not _plausible(text):
        raise InvalidIdentifier(
            KIND, "a UK number is 10 or 11 digits (spaces, brackets, hyphens and +44 allowed)"
        )
    num = _lib_parse(text)
    if num is None:
        raise InvalidIdentifier(KIND, "it cannot be read as a telephone number")
    nsn = phonenumbers.national_significant_number(num)
    if num.country_code != 44:
        raise InvalidIdentifier(KIND, "it is a number outside the UK (country code is not +44)")
    if not phonenumbers.is_valid_number(num):
        if _is_drama(nsn) and len(nsn) == 10:
            reason = "Ofcom reserves this range for TV and radio drama; it is never a real number"
        else:
            reason = "no UK number is allocated in this range (wrong length or unused prefix)"
        raise InvalidIdentifier(KIND, reason)
    region = phonenumbers.region_code_for_number(num)
    if region not in UK_REGIONS:
        raise InvalidIdentifier(KIND, "it is not a UK or Crown Dependency number")
    category = _CATEGORY.get(phonenumbers.number_type(num), "unknown")
    return PhoneNumber(
        e164=phonenumbers.format_number(num, PhoneNumberFormat.E164),
        region=region,
        category=category,
        national=phonenumbers.format_number(num, PhoneNumberFormat.NATIONAL),
        international=phonenumbers.format_number(num, PhoneNumberFormat.INTERNATIONAL),
        drama_range=_is_drama(nsn),
    )


def normalise_phone(text: str) -> str:
    """The number in E.164 form: ``+441614960000``."""
    return parse_phone(text).e164


def format_phone(value: PhoneNumber | str, *, style: str = "national") -> str:
    """The number as ``national`` (0161 496 0000), ``international`` (+44 161 496 0000) or
    ``e164`` (+441614960000)."""
    num = value if isinstance(value, PhoneNumber) else parse_phone(value)
    if style == "national":
        return num.national
    if style == "international":
        return num.international
    if style == "e164":
        return num.e164
    raise ValueError("style must be 'national', 'international' or 'e164'")
