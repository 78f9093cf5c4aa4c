"""The typefaces letters are printed in, and the box each one's ink stays inside.

Helvetica (one of the PDF base 14, not embedded) prints every letter it can: WinAnsi, which covers
English and most Western European names. A record whose name, address or letter needs more (for
example the Polish "Ł" or "ś", or Vietnamese) is printed in DejaVu Sans, embedded, from the
system's fonts-dejavu-core package. Text neither can print is refused, never drawn as boxes.

Each typeface's box is its FontBBox in ems above and below the baseline: no glyph paints
outside it, so layout and the read-back check reason about ink, not baselines.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from safehaven.core.letters.model import LettersError

DEJAVU_DIR = Path(os.environ.get("SAFEHAVEN_FONT_DIR", "/usr/share/fonts/truetype/dejavu"))


@dataclass(frozen=True, slots=True)
class Typeface:
    key: str
    regular: str  # ReportLab font name
    bold: str
    box_ascent: float  # ems above the baseline that no glyph paints beyond
    box_descent: float  # ems below the baseline
    covered: frozenset[int] | None = None  # code points it can draw; None = WinAnsi
    # Ems that ink may reach left of the pen and right of the advance (a "J" with a negative
    # side bearing). Measured with pdfium over every Latin letter the face prints (U+0021 to
    # U+024F, U+1E00 to U+1EFF), rounded up: layout leaves this room inside the window.
    overhang_left: float = 0.0
    overhang_right: float = 0.0

    def can_print(self, text: str) -> bool:
        if self.covered is None:
            try:
                text.encode("cp1252")
            except UnicodeEncodeError:
                return False
            return True
        return all(ord(ch) in self.covered for ch in text)


# Helvetica's AFM FontBBox is -166 -225 1000 931. Overhangs measured 0.016 and 0.056 em.
HELVETICA = Typeface(
    "helvetica",
    "Helvetica",
    "Helvetica-Bold",
    0.931,
    0.225,
    overhang_left=0.02,
    overhang_right=0.06,
)


@cache
def dejavu() -> Typeface:
    """DejaVu Sans and DejaVu Sans Bold, registered with ReportLab and embedded when used."""
    regular, bold = DEJAVU_DIR / "DejaVuSans.ttf", DEJAVU_DIR / "DejaVuSans-Bold.ttf"
    if not (regular.is_file() and bold.is_file()):
        raise LettersError(
            "this name or address needs the DejaVu Sans font, which is not installed: "
            "install the Debian package fonts-dejavu-core"
        )
    fonts = [
        TTFont("SafeHaven-DejaVuSans", str(regular)),
        TTFont("SafeHaven-DejaVuSans-Bold", str(bold)),
    ]
    for font in fonts:
        pdfmetrics.registerFont(font)
    covered = frozenset.intersection(*(frozenset(f.face.charWidths) for f in fonts))
    return Typeface(
        "dejavu",
        "SafeHaven-DejaVuSans",
        "SafeHaven-DejaVuSans-Bold",
        max(f.face.bbox[3] for f in fonts) / 1000,
        -min(f.face.bbox[1] for f in fonts) / 1000,
        covered,
        overhang_left=0.14,  # measured 0.131 em ("ƪ")
        overhang_right=0.10,  # measured 0.097 em ("ď")
    )


def typeface(key: str) -> Typeface:
    if key == HELVETICA.key:
        return HELVETICA
    if key == "dejavu":
        return dejavu()
    raise LettersError(f"no typeface called {key!r}")


def typeface_for(texts: Iterable[str]) -> Typeface | None:
    """Helvetica when it can print every text, else DejaVu Sans if it can, else None."""
    texts = list(texts)
    if all(HELVETICA.can_print(t) for t in texts):
        return HELVETICA
    try:
        face = dejavu()
    except LettersError:
        return None
    return face if all(face.can_print(t) for t in texts) else None


def box_for_font(font_name: str) -> tuple[float, float]:
    """The ink box (ascent, descent in ems) for a font name found in a PDF.

    Subset prefixes ("ABCDEF+") are ignored. A font we did not print with gets the larger of
    the known boxes, so text from elsewhere is judged no more kindly than our own.
    """
    name = font_name.split("+", 1)[-1]
    if name.startswith("Helvetica"):
        return HELVETICA.box_ascent, HELVETICA.box_descent
    try:
        face = dejavu()
    except LettersError:
        return HELVETICA.box_ascent, HELVETICA.box_descent
    if "DejaVu" in name:
        return face.box_ascent, face.box_descent
    return (
        max(face.box_ascent, HELVETICA.box_ascent),
        max(face.box_descent, HELVETICA.box_descent),
    )
