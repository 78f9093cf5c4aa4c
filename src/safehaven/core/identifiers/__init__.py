"""UK identifiers: parse, validate, normalise and format.

Every kind offers the same four functions:

- ``parse_<kind>(text) -> <Kind>``: a frozen dataclass, or ``InvalidIdentifier`` with a
  plain-English ``reason``;
- ``is_valid_<kind>(text) -> bool``: the fast path (no exceptions for ordinary input);
- ``normalise_<kind>(text) -> str``: the canonical compact form (raises like ``parse``);
- ``format_<kind>(value) -> str``: the form people print.

Kinds: upn, uln, nhs, chi, hc (Northern Ireland Health and Care number), nino, postcode,
phone. Pure Python; ``phonenumbers`` is the only dependency, imported only when a phone function
is first used (it costs about 50 ms of CPU at start-up, which the JSONL scanner does not need).
"""

from typing import TYPE_CHECKING

from safehaven.core.identifiers._common import InvalidIdentifier
from safehaven.core.identifiers.health import (
    ChiNumber,
    HcNumber,
    NhsNumber,
    format_chi,
    format_hc,
    format_nhs,
    health_number_issuer,
    is_valid_chi,
    is_valid_hc,
    is_valid_nhs,
    nhs_check_digit,
    normalise_chi,
    normalise_hc,
    normalise_nhs,
    parse_chi,
    parse_hc,
    parse_nhs,
)
from safehaven.core.identifiers.nino import (
    Nino,
    format_nino,
    is_valid_nino,
    normalise_nino,
    parse_nino,
)
from safehaven.core.identifiers.postcode import (
    Postcode,
    format_postcode,
    is_valid_postcode,
    normalise_postcode,
    parse_postcode,
)
from safehaven.core.identifiers.uln import (
    Uln,
    format_uln,
    is_valid_uln,
    normalise_uln,
    parse_uln,
    uln_check_digit,
)
from safehaven.core.identifiers.upn import (
    UPN_UNKNOWN_CODES,
    LaCode,
    Upn,
    format_upn,
    is_valid_upn,
    la_codes,
    normalise_upn,
    parse_upn,
    upn_check_letter,
    upn_unknown_reason,
)

__all__ = [
    "UPN_UNKNOWN_CODES",
    "ChiNumber",
    "HcNumber",
    "InvalidIdentifier",
    "LaCode",
    "NhsNumber",
    "Nino",
    "PhoneNumber",
    "Postcode",
    "Uln",
    "Upn",
    "format_chi",
    "format_hc",
    "format_nhs",
    "format_nino",
    "format_phone",
    "format_postcode",
    "format_uln",
    "format_upn",
    "health_number_issuer",
    "is_valid_chi",
    "is_valid_hc",
    "is_valid_nhs",
    "is_valid_nino",
    "is_valid_phone",
    "is_valid_postcode",
    "is_valid_uln",
    "is_valid_upn",
    "la_codes",
    "nhs_check_digit",
    "normalise_chi",
    "normalise_hc",
    "normalise_nhs",
    "normalise_nino",
    "normalise_phone",
    "normalise_postcode",
    "normalise_uln",
    "normalise_upn",
    "parse_chi",
    "parse_hc",
    "parse_nhs",
    "parse_nino",
    "parse_phone",
    "parse_postcode",
    "parse_uln",
    "parse_upn",
    "uln_check_digit",
    "upn_check_letter",
    "upn_unknown_reason",
]

_PHONE_NAMES = frozenset(
    {"PhoneNumber", "format_phone", "is_valid_phone", "normalise_phone", "parse_phone"}
)

if TYPE_CHECKING:
    from safehaven.core.identifiers.phone import (
        PhoneNumber,
        format_phone,
        is_valid_phone,
        normalise_phone,
        parse_phone,
    )


def __getattr__(name: str):
    if name in _PHONE_NAMES:
        from safehaven.core.identifiers import phone

        value = getattr(phone, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'safehaven.core.identifiers' has no attribute {name!r}")
