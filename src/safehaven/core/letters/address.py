"""Royal Mail style address blocks, and whether they fit the window or label they go in.

Royal Mail style: the addressee's name, then the address lines, the post town in CAPITALS, the
postcode alone on the last line; no punctuation at the ends of lines. Every problem names the
line it is about (by position, never by quoting the text, so messages can be logged).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from reportlab.pdfbase.pdfmetrics import stringWidth

from safehaven.core.identifiers._common import InvalidIdentifier
from safehaven.core.identifiers.postcode import normalise_postcode
from safehaven.core.letters.model import (
    PT_PER_MM,
    AddressBlock,
    EnvelopeProfile,
    LabelSheet,
    LettersError,
    Recipient,
    Rect,
)
from safehaven.core.letters.typeface import HELVETICA, Typeface, dejavu, typeface, typeface_for

FONT = HELVETICA.regular
FONT_BOLD = HELVETICA.bold
# Helvetica's ink box; other typefaces carry their own (Typeface.box_ascent/_descent).
BOX_ASCENT = HELVETICA.box_ascent
BOX_DESCENT = HELVETICA.box_descent

_SPACES = re.compile(r"\s+")
_TRAILING_PUNCT = re.compile(r"[\s,.;:\-\u2010-\u2015]+$")


@dataclass(frozen=True, slots=True)
class AddressProblem:
    """One thing wrong with one line of an address."""

    field: str
    message: str


class AddressError(LettersError):
    """The address cannot be printed as it stands; ``problems`` names each line at fault."""

    def __init__(self, problems: list[AddressProblem]) -> None:
        self.problems = tuple(problems)
        first = problems[0]
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        super().__init__(f"{first.field}: {first.message}{more}")


def clean_line(text: str) -> str:
    """Collapses spaces and drops punctuation at the end of the line (Royal Mail style)."""
    return _TRAILING_PUNCT.sub("", _SPACES.sub(" ", text).strip())


def printable(text: str) -> bool:
    """True when some letter typeface (Helvetica, else DejaVu Sans) can print every character."""
    return typeface_for([text]) is not None


def text_width_mm(text: str, size_pt: float, font: str = FONT) -> float:
    return stringWidth(text, font, size_pt) / PT_PER_MM


def block_height_mm(
    n_lines: int, size_pt: float, leading_pt: float, face: Typeface = HELVETICA
) -> float:
    """Height of n lines from the first line's ink-box top to the last one's bottom."""
    if not n_lines:
        return 0.0
    return ((n_lines - 1) * leading_pt + (face.box_ascent + face.box_descent) * size_pt) / PT_PER_MM


def format_address(recipient: Recipient) -> AddressBlock:
    """The recipient's address as Royal Mail style lines, or AddressError naming each bad line.

    An address line that merely repeats the post town or the postcode (common in exports from
    school systems) is dropped, because Royal Mail wants each on its own line once; so is a line
    that repeats the line before it (a data-entry duplicate).
    """
    problems: list[AddressProblem] = []
    name = clean_line(recipient.name)
    if not name:
        problems.append(
            AddressProblem("name", "the addressee's name is missing; add it to the record")
        )
    town = clean_line(recipient.post_town).upper()
    if not town:
        problems.append(
            AddressProblem("post town", "the post town is missing; add it to the record")
        )
    postcode = ""
    if not recipient.postcode.strip():
        problems.append(AddressProblem("postcode", "the postcode is missing; add it to the record"))
    else:
        try:
            postcode = normalise_postcode(recipient.postcode)
        except InvalidIdentifier as exc:
            problems.append(AddressProblem("postcode", f"{exc.reason}; correct it on the record"))
    lines: list[str] = []
    for raw in recipient.address_lines:
        line = clean_line(raw)
        if (
            not line
            or line.upper() == town
            or line.upper().replace(" ", "") == postcode.replace(" ", "")
            or (lines and line.casefold() == lines[-1].casefold())
        ):
            continue
        lines.append(line)
    if not lines:
        problems.append(
            AddressProblem(
                "address line 1", "there is no street or building line; add it to the record"
            )
        )
    fields = [
        "name",
        *(f"address line {i}" for i in range(1, len(lines) + 1)),
        "post town",
        "postcode",
    ]
    all_lines = [name, *lines, town, postcode]
    for fld, text in zip(fields, all_lines, strict=True):
        if text and not printable(text):
            problems.append(
                AddressProblem(
                    fld,
                    "contains a character no letter typeface can print; check the spelling on "
                    "the record",
                )
            )
    if problems:
        raise AddressError(problems)
    face = typeface_for(all_lines)
    if face is None:  # each line prints in some typeface, but not all in one
        face = dejavu()
    return AddressBlock(tuple(all_lines), tuple(fields), face.key)


def fit_problems(
    block: AddressBlock,
    area: Rect,
    *,
    size_pt: float,
    leading_pt: float,
    max_lines: int,
    where: str,
) -> list[AddressProblem]:
    """Why the block would not fit in ``area`` at this font size (empty when it fits)."""
    problems: list[AddressProblem] = []
    n = len(block.lines)
    if n > max_lines:
        problems.append(
            AddressProblem(
                block.fields[max_lines] if max_lines < n else "address",
                f"the address has {n} lines and the {where} takes at most {max_lines}; "
                "merge or shorten address lines on the record",
            )
        )
    face = typeface(block.typeface)
    height = block_height_mm(n, size_pt, leading_pt, face)
    if height > area.height + 1e-6:
        problems.append(
            AddressProblem(
                block.fields[-1],
                f"the {n} lines need {height:.1f} mm and the {where} has {area.height:.1f} mm; "
                "the last lines would fall outside it",
            )
        )
    overhang = (face.overhang_left + face.overhang_right) * size_pt / PT_PER_MM
    room = area.width - overhang
    for fld, text in zip(block.fields, block.lines, strict=True):
        width = text_width_mm(text, size_pt, face.regular)
        if width > room + 1e-6:
            problems.append(
                AddressProblem(
                    fld,
                    f"is {width:.1f} mm wide at {size_pt:g} pt and the {where} allows "
                    f"{room:.1f} mm; shorten it on the record or use a larger envelope "
                    "or label",
                )
            )
    return problems


def window_fit_problems(block: AddressBlock, profile: EnvelopeProfile) -> list[AddressProblem]:
    return fit_problems(
        block,
        profile.safe_area(),
        size_pt=profile.font_size_pt,
        leading_pt=profile.leading_pt,
        max_lines=profile.max_lines,
        where=f"{profile.name} window",
    )


def label_fit_problems(block: AddressBlock, sheet: LabelSheet) -> list[AddressProblem]:
    return fit_problems(
        block,
        sheet.text_rect(0),
        size_pt=sheet.font_size_pt,
        leading_pt=sheet.leading_pt,
        max_lines=int(sheet.text_rect(0).height * 72 / 25.4 // sheet.leading_pt) or 1,
        where=f"{sheet.name} label",
    )


def address_for_print(
    recipient: Recipient,
    profile: EnvelopeProfile,
    sheet: LabelSheet | None = None,
    *,
    also: Iterable[str] = (),
) -> AddressBlock:
    """The formatted address, checked to fit the window (and the label, when one is printed).

    ``also`` is the rest of the record's text (the letter, the sender): when Helvetica cannot
    print some of it, the whole record is set in DejaVu Sans and the fit is judged in that.
    Raises AddressError rather than ever producing a PDF whose address overflows.
    """
    block = format_address(recipient)
    also = [t for t in also if t]
    if also and block.typeface == HELVETICA.key:
        face = typeface_for([*block.lines, *also])
        if face is not None and face.key != block.typeface:
            block = replace(block, typeface=face.key)
    problems = window_fit_problems(block, profile)
    if sheet is not None:
        problems += label_fit_problems(block, sheet)
    if problems:
        raise AddressError(problems)
    return block
