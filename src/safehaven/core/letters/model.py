"""Plain data for letters and post: who it goes to, who sends it, what it says, which stock.

Everything here is a frozen dataclass built from plain values, so the platform (records,
address queries, dispatch log) can hand the core a snapshot of the current record and get
plain data back. Lengths are millimetres unless a name says otherwise (``_pt``).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

A4_WIDTH_MM = 210.0
A4_HEIGHT_MM = 297.0
PT_PER_MM = 72.0 / 25.4

# Which band of the A4 sheet faces the front of the envelope after folding, top panel outwards.
FOLD_PANEL_HEIGHT_MM = {"thirds": A4_HEIGHT_MM / 3, "half": A4_HEIGHT_MM / 2}


class LettersError(ValueError):
    """Bad input to the letters core: one plain-English sentence saying what to do."""


class ProfileError(LettersError):
    """An envelope profile or label sheet in the data file is inconsistent."""


@dataclass(frozen=True, slots=True)
class Rect:
    """A rectangle in millimetres, origin at the top-left of its page (y grows downwards)."""

    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.bottom - self.top

    def grow(self, dx: float, dy: float) -> Rect:
        """The rectangle enlarged by dx on the left and right and dy above and below."""
        return Rect(self.x0 - dx, self.top - dy, self.x1 + dx, self.bottom + dy)

    def contains(self, other: Rect, tol: float = 0.0) -> bool:
        return (
            other.x0 >= self.x0 - tol
            and other.x1 <= self.x1 + tol
            and other.top >= self.top - tol
            and other.bottom <= self.bottom + tol
        )

    def overlaps(self, other: Rect) -> bool:
        return (
            other.x0 < self.x1
            and other.x1 > self.x0
            and other.top < self.bottom
            and other.bottom > self.top
        )

    def as_dict(self) -> dict[str, float]:
        return {
            "x0": round(self.x0, 2),
            "top": round(self.top, 2),
            "x1": round(self.x1, 2),
            "bottom": round(self.bottom, 2),
        }


@dataclass(frozen=True, slots=True)
class Recipient:
    """The addressee as held on the current record (LET-1): never typed in for one letter."""

    name: str
    address_lines: tuple[str, ...]
    post_town: str
    postcode: str

    def __post_init__(self) -> None:
        # Accept a list from callers but keep the dataclass hashable and immutable.
        object.__setattr__(self, "address_lines", tuple(self.address_lines))


@dataclass(frozen=True, slots=True)
class Sender:
    """The school, college or service that sends the post: the return address (POST-2)."""

    organisation: str
    address_lines: tuple[str, ...]
    postcode: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "address_lines", tuple(self.address_lines))

    def lines(self) -> tuple[str, ...]:
        return (self.organisation, *self.address_lines, self.postcode)


@dataclass(frozen=True, slots=True)
class LetterContent:
    """What the letter says. ``subject`` is optional and is never placed in the window."""

    reference: str
    date: dt.date | str
    salutation: str
    body: tuple[str, ...]
    sign_off: tuple[str, ...] = ("Yours sincerely",)
    subject: str | None = None
    private_and_confidential: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "body", tuple(self.body))
        object.__setattr__(self, "sign_off", tuple(self.sign_off))

    def date_text(self) -> str:
        if isinstance(self.date, dt.date):
            return f"{self.date.day} {self.date:%B %Y}"
        return self.date

    def text(self) -> str:
        """The words a reader sees apart from the address: what the sensitivity engine reads."""
        parts = [self.subject or "", self.salutation, *self.body, *self.sign_off]
        return "\n\n".join(p for p in parts if p)


@dataclass(frozen=True, slots=True)
class LetterRecord:
    """One item of a print job: the letter and the record its address comes from (LET-3)."""

    recipient: Recipient
    content: LetterContent


@dataclass(frozen=True, slots=True)
class EnvelopeProfile:
    """A window envelope stock and how the A4 letter is folded into it.

    The window is specified as the trade does: from the left and from the bottom of the
    envelope's front, flap on top. The folded insert sits centred; ``clearance_x/_y`` is how far
    it may move each way.
    """

    name: str
    description: str
    envelope_width: float
    envelope_height: float
    window_left: float
    window_bottom: float
    window_width: float
    window_height: float
    fold: str
    clearance_x: float
    clearance_y: float
    max_lines: int
    font_size_pt: float
    leading_pt: float
    verified: bool = False

    @property
    def panel_height(self) -> float:
        return FOLD_PANEL_HEIGHT_MM[self.fold]

    @property
    def insert_offset(self) -> tuple[float, float]:
        """Where the folded insert's bottom-left sits, from the envelope's bottom-left."""
        return (
            (self.envelope_width - A4_WIDTH_MM) / 2,
            (self.envelope_height - self.panel_height) / 2,
        )

    def window_on_envelope(self) -> Rect:
        """The window on the envelope's front, top-left origin."""
        top = self.envelope_height - self.window_bottom - self.window_height
        return Rect(
            self.window_left,
            top,
            self.window_left + self.window_width,
            top + self.window_height,
        )

    def letter_to_envelope(self, rect: Rect, shift: tuple[float, float] = (0.0, 0.0)) -> Rect:
        """Where a rectangle on the unfolded letter's top panel lands on the envelope's front.

        ``shift`` moves the insert from its centred place: (right, up) in mm. Returns the
        envelope rectangle with a top-left origin, like ``window_on_envelope``.
        """
        ox, oy = self.insert_offset
        dx, dy = shift

        # Height above the envelope's bottom = panel - y + oy + dy; convert to top-left origin.
        def y(v: float) -> float:
            return self.envelope_height - (self.panel_height - v + oy + dy)

        return Rect(rect.x0 + ox + dx, y(rect.top), rect.x1 + ox + dx, y(rect.bottom))

    def window_on_letter(self) -> Rect:
        """The window seen on the unfolded A4 letter when the insert sits centred (fold applied)."""
        ox, oy = self.insert_offset
        # A point y mm below the top of the sheet is (panel - y + oy) mm above the envelope's
        # bottom, because the fold at the panel's lower edge rests towards the envelope's bottom.
        top = self.panel_height + oy - self.window_bottom - self.window_height
        x0 = self.window_left - ox
        return Rect(x0, top, x0 + self.window_width, top + self.window_height)

    def safe_area(self) -> Rect:
        """Where the address must lie: the window shrunk by the insert's movement."""
        return self.window_on_letter().grow(-self.clearance_x, -self.clearance_y)

    def exposure_area(self) -> Rect:
        """Where nothing but the address may lie: the window grown by the insert's movement."""
        return self.window_on_letter().grow(self.clearance_x, self.clearance_y)

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "window_on_letter": self.window_on_letter().as_dict(),
            "safe_area": self.safe_area().as_dict(),
            "exposure_area": self.exposure_area().as_dict(),
            "verified": self.verified,
        }


@dataclass(frozen=True, slots=True)
class LabelSheet:
    """An A4 sheet of address labels; positions from the top-left of the sheet."""

    name: str
    description: str
    columns: int
    rows: int
    label_width: float
    label_height: float
    first_left: float
    first_top: float
    pitch_across: float
    pitch_down: float
    inset_left: float
    inset_right: float
    inset_top: float
    inset_bottom: float
    font_size_pt: float
    leading_pt: float

    @property
    def per_sheet(self) -> int:
        return self.columns * self.rows

    def label_rect(self, index: int) -> Rect:
        """Label ``index`` (0-based, across then down) on its sheet."""
        row, col = divmod(index % self.per_sheet, self.columns)
        x0 = self.first_left + col * self.pitch_across
        top = self.first_top + row * self.pitch_down
        return Rect(x0, top, x0 + self.label_width, top + self.label_height)

    def text_rect(self, index: int) -> Rect:
        r = self.label_rect(index)
        return Rect(
            r.x0 + self.inset_left,
            r.top + self.inset_top,
            r.x1 - self.inset_right,
            r.bottom - self.inset_bottom,
        )


@dataclass(frozen=True, slots=True)
class AddressBlock:
    """An address formatted Royal Mail style, one printed line per item, postcode last."""

    lines: tuple[str, ...]
    # What each line is, for messages: "name", "address line 1", ..., "post town", "postcode".
    fields: tuple[str, ...] = field(default=())
    # The typeface every piece of this record is printed in (see letters.typeface).
    typeface: str = "helvetica"

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", tuple(self.lines))
        if not self.fields:
            n = len(self.lines)
            names = ["name"] + [f"address line {i}" for i in range(1, n - 2)]
            object.__setattr__(self, "fields", tuple([*names, "post town", "postcode"][:n]))


def _check_profile(p: EnvelopeProfile) -> None:
    if p.fold not in FOLD_PANEL_HEIGHT_MM:
        raise ProfileError(f"envelope profile {p.name}: fold must be 'thirds' or 'half'")
    if p.envelope_width < A4_WIDTH_MM or p.envelope_height < p.panel_height:
        raise ProfileError(f"envelope profile {p.name}: the folded A4 sheet does not fit")
    env = Rect(0, 0, p.envelope_width, p.envelope_height)
    if not env.contains(p.window_on_envelope()):
        raise ProfileError(f"envelope profile {p.name}: the window runs off the envelope")
    safe = p.safe_area()
    if safe.width <= 0 or safe.height <= 0:
        raise ProfileError(f"envelope profile {p.name}: the clearance leaves no room in the window")
    panel = Rect(0, 0, A4_WIDTH_MM, p.panel_height)
    if not panel.contains(p.exposure_area()):
        raise ProfileError(
            f"envelope profile {p.name}: the window reaches past the folded panel of the letter"
        )


def _profile_from_dict(d: dict[str, Any]) -> EnvelopeProfile:
    p = EnvelopeProfile(
        name=d["name"],
        description=d.get("description", ""),
        envelope_width=float(d["envelope_mm"]["width"]),
        envelope_height=float(d["envelope_mm"]["height"]),
        window_left=float(d["window_mm"]["left"]),
        window_bottom=float(d["window_mm"]["bottom"]),
        window_width=float(d["window_mm"]["width"]),
        window_height=float(d["window_mm"]["height"]),
        fold=d["fold"],
        clearance_x=float(d["clearance_mm"]["x"]),
        clearance_y=float(d["clearance_mm"]["y"]),
        max_lines=int(d["max_lines"]),
        font_size_pt=float(d["font_size_pt"]),
        leading_pt=float(d["leading_pt"]),
        verified=bool(d.get("verified", False)),
    )
    _check_profile(p)
    return p


def _sheet_from_dict(d: dict[str, Any]) -> LabelSheet:
    return LabelSheet(
        name=d["name"],
        description=d.get("description", ""),
        columns=int(d["columns"]),
        rows=int(d["rows"]),
        label_width=float(d["label_mm"]["width"]),
        label_height=float(d["label_mm"]["height"]),
        first_left=float(d["first_mm"]["left"]),
        first_top=float(d["first_mm"]["top"]),
        pitch_across=float(d["pitch_mm"]["across"]),
        pitch_down=float(d["pitch_mm"]["down"]),
        inset_left=float(d["inset_mm"]["left"]),
        inset_right=float(d["inset_mm"]["right"]),
        inset_top=float(d["inset_mm"]["top"]),
        inset_bottom=float(d["inset_mm"]["bottom"]),
        font_size_pt=float(d["font_size_pt"]),
        leading_pt=float(d["leading_pt"]),
    )


def _read_data(name: str) -> dict[str, Any]:
    text = resources.files("safehaven.core.letters").joinpath("data", name).read_text("utf-8")
    return json.loads(text)


def load_profiles(data: dict[str, Any] | None = None) -> dict[str, EnvelopeProfile]:
    """Envelope profiles by name, from the shipped data file or from ``data`` (same shape)."""
    data = data if data is not None else _read_data("envelopes.json")
    return {p.name: p for p in map(_profile_from_dict, data["profiles"])}


def load_label_sheets(data: dict[str, Any] | None = None) -> dict[str, LabelSheet]:
    """Label sheets by name, from the shipped data file or from ``data`` (same shape)."""
    data = data if data is not None else _read_data("labels.json")
    return {s.name: s for s in map(_sheet_from_dict, data["sheets"])}


@cache
def _shipped_profiles() -> dict[str, EnvelopeProfile]:
    return load_profiles()


@cache
def _shipped_sheets() -> dict[str, LabelSheet]:
    return load_label_sheets()


def envelope_profile(name: str) -> EnvelopeProfile:
    """The shipped profile called ``name`` ("DL", "C5")."""
    try:
        return _shipped_profiles()[name]
    except KeyError:
        known = ", ".join(sorted(_shipped_profiles()))
        raise LettersError(f"no envelope profile called {name!r}: choose one of {known}") from None


def label_sheet(name: str) -> LabelSheet:
    """The shipped label sheet called ``name`` ("L7160", "L7163")."""
    try:
        return _shipped_sheets()[name]
    except KeyError:
        known = ", ".join(sorted(_shipped_sheets()))
        raise LettersError(f"no label sheet called {name!r}: choose one of {known}") from None
