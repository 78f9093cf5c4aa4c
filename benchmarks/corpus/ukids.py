"""Valid UK identifiers for the benchmark corpora, made and checked independently of the engine.

These generators deliberately do not import ``safehaven``: the corpus must not share code (or bugs)
with the engine it measures.
"""

from __future__ import annotations

import random

import phonenumbers

UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"

# Real DfE local-authority codes (a sample of the published list).
LA_CODES = {
    "Leicester": "856",
    "Leicestershire": "855",
    "Birmingham": "330",
    "Manchester": "352",
    "Bradford": "380",
    "Leeds": "383",
    "Sheffield": "373",
    "Bristol": "801",
    "Nottingham": "892",
    "Luton": "821",
    "Tower Hamlets": "211",
    "Newham": "316",
    "Brent": "304",
    "Croydon": "306",
    "Kent": "886",
    "Lancashire": "888",
    "Liverpool": "341",
    "Coventry": "331",
    "Derby": "831",
    "Kirklees": "382",
}


def upn_check_letter(body12: str) -> str:
    """Check letter for the 12 characters that follow it (positions 2..13)."""
    total = 0
    for pos, ch in enumerate(body12, start=2):
        value = UPN_LETTERS.index(ch) if ch.isalpha() else int(ch)
        total += value * pos
    return UPN_LETTERS[total % 23]


def upn_is_valid(upn: str) -> bool:
    if len(upn) != 13 or upn[0] not in UPN_LETTERS or not upn[1:12].isdigit():
        return False
    if not (upn[12].isdigit() or upn[12] in UPN_LETTERS):
        return False
    return upn_check_letter(upn[1:]) == upn[0]


def make_upn(rng: random.Random, la_code: str, temporary: bool = False) -> str:
    estab = f"{rng.choice([2, 3, 4, 5, 7]) * 1000 + rng.randrange(0, 999):04d}"
    year = f"{rng.randrange(10, 25):02d}"
    serial = f"{rng.randrange(0, 1000):03d}"
    if temporary:
        serial = serial[:2] + rng.choice(UPN_LETTERS)
    body = la_code + estab + year + serial
    upn = upn_check_letter(body) + body
    assert upn_is_valid(upn)
    return upn


def nhs_is_valid(number: str) -> bool:
    if len(number) != 10 or not number.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(number[9])


def make_nhs(rng: random.Random, test_range: bool | None = None) -> str:
    if test_range is None:
        test_range = rng.random() < 0.5
    while True:
        if test_range:
            first9 = "999" + "".join(str(rng.randrange(10)) for _ in range(6))
        else:
            # Issued England/Wales numbers start 4, 6 or 7 (3xx is Northern Ireland's H&C range).
            first9 = str(rng.choice([4, 6, 7])) + "".join(str(rng.randrange(10)) for _ in range(8))
        total = sum(int(d) * w for d, w in zip(first9, range(10, 1, -1), strict=True))
        check = 11 - total % 11
        if check == 11:
            check = 0
        if check == 10:
            continue
        number = first9 + str(check)
        assert nhs_is_valid(number)
        return number


def uln_is_valid(number: str) -> bool:
    if len(number) != 10 or not number.isdigit() or number[0] == "0":
        return False
    return sum(int(d) * w for d, w in zip(number, range(10, 0, -1), strict=True)) % 11 == 10


def make_uln(rng: random.Random) -> str:
    while True:
        first9 = str(rng.randrange(1, 10)) + "".join(str(rng.randrange(10)) for _ in range(8))
        partial = sum(int(d) * w for d, w in zip(first9, range(10, 1, -1), strict=True))
        for last in range(10):
            if (partial + last) % 11 == 10:
                number = first9 + str(last)
                assert uln_is_valid(number)
                assert not nhs_is_valid(number)
                return number


NINO_BAD_FIRST = set("DFIQUV")
NINO_BAD_SECOND = set("DFIQUVO")
NINO_BAD_PAIRS = {"BG", "GB", "KN", "NK", "NT", "TN", "ZZ"}


def nino_is_valid(nino: str) -> bool:
    n = nino.replace(" ", "").upper()
    if len(n) != 9 or not n[:2].isalpha() or not n[2:8].isdigit() or n[8] not in "ABCD":
        return False
    return (
        n[0] not in NINO_BAD_FIRST and n[1] not in NINO_BAD_SECOND and n[:2] not in NINO_BAD_PAIRS
    )


def make_nino(rng: random.Random) -> str:
    letters = "ABCEGHJKLMNPRSTWXYZ"
    while True:
        prefix = rng.choice(letters) + rng.choice(letters)
        nino = prefix + "".join(str(rng.randrange(10)) for _ in range(6)) + rng.choice("ABCD")
        if nino_is_valid(nino):
            return nino


def format_nino(rng: random.Random, nino: str) -> str:
    style = rng.random()
    if style < 0.5:
        return f"{nino[:2]} {nino[2:4]} {nino[4:6]} {nino[6:8]} {nino[8]}"
    if style < 0.85:
        return nino
    return f"{nino[:2]}{nino[2:8]} {nino[8]}"


# Real outward codes per town; the inward part is generated with the BS 7666 letter rules.
OUTWARD = {
    "Leicester": ["LE1", "LE2", "LE3", "LE4", "LE5", "LE18", "LE19"],
    "Birmingham": ["B8", "B10", "B11", "B12", "B19", "B21", "B23", "B44"],
    "Manchester": ["M8", "M9", "M11", "M13", "M14", "M16", "M40"],
    "Bradford": ["BD3", "BD5", "BD7", "BD8", "BD9"],
    "Leeds": ["LS6", "LS7", "LS8", "LS9", "LS11", "LS12"],
    "Sheffield": ["S2", "S3", "S4", "S8", "S9", "S13"],
    "Bristol": ["BS2", "BS3", "BS5", "BS7", "BS13"],
    "Nottingham": ["NG2", "NG3", "NG5", "NG7", "NG8"],
    "Luton": ["LU1", "LU2", "LU3", "LU4"],
    "London": ["E1", "E3", "E6", "E13", "E14", "NW10", "CR0", "SE15", "N17", "W1A", "EC1V"],
    "Liverpool": ["L4", "L6", "L8", "L11", "L15"],
    "Coventry": ["CV1", "CV2", "CV3", "CV6"],
    "Derby": ["DE1", "DE21", "DE22", "DE23", "DE24"],
    "Huddersfield": ["HD1", "HD2", "HD3", "HD5"],
    "Maidstone": ["ME14", "ME15", "ME16"],
    "Preston": ["PR1", "PR2", "PR5"],
}
INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"


def make_postcode(rng: random.Random, town: str) -> str:
    outward = rng.choice(OUTWARD[town])
    inward = str(rng.randrange(10)) + rng.choice(INWARD_LETTERS) + rng.choice(INWARD_LETTERS)
    return f"{outward} {inward}"


AREA_CODES = {
    "Leicester": ("0116", 7),
    "Birmingham": ("0121", 7),
    "Manchester": ("0161", 7),
    "Leeds": ("0113", 7),
    "Sheffield": ("0114", 7),
    "Bristol": ("0117", 7),
    "Nottingham": ("0115", 7),
    "Liverpool": ("0151", 7),
    "Bradford": ("01274", 6),
    "Luton": ("01582", 6),
    "London": ("020", 8),
    "Coventry": ("024", 8),
    "Derby": ("01332", 6),
    "Huddersfield": ("01484", 6),
    "Maidstone": ("01622", 6),
    "Preston": ("01772", 6),
}


def phone_is_valid(text: str) -> bool:
    try:
        parsed = phonenumbers.parse(text, "GB")
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(parsed)


def _landline_digits(rng: random.Random, town: str) -> tuple[str, str]:
    code, length = AREA_CODES[town]
    while True:
        first = rng.choice("2345678") if length >= 7 else rng.choice("2345678")
        if code == "020":
            first = rng.choice("378")
        if code == "024":
            first = rng.choice("7")
        local = first + "".join(str(rng.randrange(10)) for _ in range(length - 1))
        if phone_is_valid(code + local):
            return code, local


def make_phone(rng: random.Random, town: str, kind: str | None = None) -> str:
    """A valid UK number in one of the formats people actually write."""
    if kind is None:
        kind = rng.choice(["mobile", "mobile", "landline"])
    if kind == "mobile":
        while True:
            digits = "07" + rng.choice("4589") + "".join(str(rng.randrange(10)) for _ in range(8))
            if phone_is_valid(digits) and not digits.startswith("07700"):
                break
        style = rng.random()
        if style < 0.45:
            text = f"{digits[:5]} {digits[5:]}"
        elif style < 0.6:
            text = digits
        elif style < 0.75:
            text = f"+44 {digits[1:5]} {digits[5:]}"
        elif style < 0.85:
            text = f"+44 (0){digits[1:5]} {digits[5:]}"
        elif style < 0.93:
            text = f"{digits[:5]} {digits[5:8]} {digits[8:]}"
        else:
            text = f"+447{digits[2:]}"
    else:
        code, local = _landline_digits(rng, town)
        style = rng.random()
        if len(code) == 3:  # 020 / 024: 8-digit local numbers written 4 + 4
            local_fmt = f"{local[:4]} {local[4:]}"
        elif len(code) == 4:
            local_fmt = f"{local[:3]} {local[3:]}"
        else:
            local_fmt = local
        if style < 0.4:
            text = f"({code}) {local_fmt}"
        elif style < 0.8:
            text = f"{code} {local_fmt}"
        elif style < 0.9:
            text = f"+44 {code[1:]} {local_fmt}"
        else:
            text = code + local
    assert phone_is_valid(text), text
    return text


def make_nhs_invoice_number(rng: random.Random) -> str:
    """A 10-digit number that passes the NHS check: the trap for invoice and order numbers."""
    return make_nhs(rng, test_range=False)
