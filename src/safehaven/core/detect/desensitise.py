"""De-sensitising (EMAIL-2, EMAIL-6, POST-5): names become initials, identifiers placeholders.

The UPN stays as the one identifier where present (EMAIL-2: "limited to UPN or initials"); every
other identifier becomes a labelled placeholder; a date of birth becomes its year or goes; a street
address goes. The same person keeps the same initials everywhere in the text: "Jayden Smith" and a
later "Jayden" both become "J.S.".
"""

from __future__ import annotations

import re
from bisect import bisect_left

from safehaven.core.detect.engine import analyse
from safehaven.core.detect.model import (
    Analysis,
    Change,
    Desensitised,
    DesensitiseOptions,
    Span,
)

_YEAR = re.compile(r"(?<!\d)(\d{4}|\d{2})(?!\d)\s*$")


def _initials(words: list[str]) -> str:
    letters = [w[0].upper() for w in words if w and w[0].isalpha()]
    return ".".join(letters) + "." if letters else "[name]"


def _name_words(text: str) -> list[str]:
    return [w for w in re.split(r"[\s]+", text.strip()) if w and w[0].isalpha()]


def _people(persons: list[Span]) -> dict[int, str]:
    """The initials for each name mention (by its start): a mention of one word ("Jayden") takes
    the initials of a fuller name starting with that word ("Jayden Smith"); when several fuller
    names do ("Jayden Smith", "Jayden Brown"), the one last written before it, or else the first
    written after it. Never a guess that depends on anything but the text."""
    fuller: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
    for p in sorted(persons, key=lambda s: s.start):
        words = tuple(_name_words(p.text))
        if len(words) > 1:
            # "Jayden" later stands for "Jayden Smith"; "Mrs Smith" is not assumed to be Jayden.
            fuller.setdefault(words[0].lower(), []).append((p.start, words))
    initials_of: dict[int, str] = {}
    for p in persons:
        words = tuple(_name_words(p.text))
        if not words:
            continue
        best = words
        if len(words) == 1 and words[0].lower() in fuller:
            mentions = fuller[words[0].lower()]
            i = bisect_left(mentions, (p.start,)) - 1
            best = mentions[i][1] if i >= 0 else mentions[0][1]
        initials_of[p.start] = _initials(list(best))
    return initials_of


def _dob_replacement(span: Span, options: DesensitiseOptions) -> str:
    if options.dob == "year":
        m = _YEAR.search(span.text)
        if m:
            year = m.group(1)
            if len(year) == 2:
                year = ("20" if int(year) <= 30 else "19") + year
            return year
    return options.placeholders.get("DATE_OF_BIRTH", "[date of birth]")


def desensitise(
    text: str, *, analysis: Analysis | None = None, options: DesensitiseOptions | None = None
) -> Desensitised:
    """Rewrite `text` with names as initials and identifiers as labelled placeholders.

    `changes` lists each rewrite with offsets into the original text, for display.
    """
    options = options or DesensitiseOptions()
    if analysis is None or analysis.text != text:
        analysis = analyse(text)
    spans = [s for s in (*analysis.spans, *analysis.low_confidence) if s.score >= options.threshold]
    spans.sort(key=lambda s: s.start)
    persons = [s for s in spans if s.type == "PERSON"]
    initials = _people(persons) if options.names == "initials" else {}
    changes: list[Change] = []
    last_end = -1
    for span in spans:
        if span.start < last_end:
            continue
        if span.type == "UK_UPN" and options.keep_upn:
            continue
        if span.type == "PERSON":
            replacement = initials.get(span.start, options.placeholders["PERSON"])
            if replacement.endswith(".") and text[span.end : span.end + 1] == ".":
                replacement = replacement[:-1]  # "Mrs B." at the end of a sentence, not "B.."
        elif span.type == "DATE_OF_BIRTH":
            replacement = _dob_replacement(span, options)
        elif span.type == "STREET_ADDRESS" and not options.remove_address:
            continue
        else:
            replacement = options.placeholders.get(span.type, f"[{span.type.lower()}]")
        changes.append(Change(span.type, span.start, span.end, span.text, replacement))
        last_end = span.end
    out: list[str] = []
    pos = 0
    for ch in changes:
        out.append(text[pos : ch.start])
        out.append(ch.replacement)
        pos = ch.end
    out.append(text[pos:])
    return Desensitised("".join(out), tuple(changes))
