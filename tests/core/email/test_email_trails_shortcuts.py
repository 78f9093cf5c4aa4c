"""find_trail_text skips patterns that cannot match (speed): these prove it finds what running
every pattern over the whole text finds."""

from __future__ import annotations

import json
import re
import sys
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safehaven.core.email import trails
from safehaven.core.email.trails import Trail, find_trail_text

FIXTURES = Path(__file__).parent / "fixtures" / "trails"


def reference(text: str) -> Trail | None:
    """find_trail_text as it was before the shortcuts: every pattern over the whole text."""
    candidates: list[Trail] = []
    for name, kind, pattern in trails._TEXT_MARKERS:
        m = pattern.search(text)
        if m:
            start = trails._line_start(text, m.start())
            if start == 0 and name == "outlook-header-block" and not text[m.end() :].strip():
                continue
            candidates.append(Trail(start, len(text), name, kind))
    m = trails._QUOTED_RUN.search(text)
    if m:
        start = m.start()
        before = text[:start]
        attribution = trails._ATTRIBUTION.search(before)
        if attribution and len(before) - attribution.start() < 300:
            start = attribution.start()
        candidates.append(Trail(start, len(text), "quoted-lines", "quote"))
    if not candidates:
        found = trails._quotequail_start(text)
        if found is not None:
            candidates.append(found)
    if not candidates:
        return None
    return min(candidates, key=lambda t: t.start)


def _plain_parts():
    for name in json.loads((FIXTURES / "manifest.json").read_text("utf-8")):
        msg = message_from_bytes((FIXTURES / f"{name}.eml").read_bytes(), policy=default)
        for part in msg.walk():
            if part.get_content_type() == "text/plain":
                yield name, part.get_content()


@pytest.mark.rule("EMAIL-6")
def test_fixtures_give_the_same_trail_as_every_pattern_over_the_whole_text():
    seen = 0
    for name, text in _plain_parts():
        assert find_trail_text(text) == reference(text), name
        seen += 1
    assert seen >= 10


def test_the_ignorecase_exceptions_are_every_non_ascii_character_re_folds_to_ascii():
    letter = re.compile("[a-z]", re.I)
    found = {chr(c) for c in range(128, sys.maxunicode + 1) if letter.fullmatch(chr(c))}
    assert found == set(trails._IGNORECASE_ODD)


_LINES = [
    "Dear Sarah,",
    "",
    "Amelia has a CAMHS appointment on Tuesday.",
    "Thanks, Jo",
    "-----Original Message-----",
    "---- ORIGINAL MESSAGE ----",
    "-----Orıginal Message-----",  # dotless i: re.IGNORECASE matches it to 'i'
    "--- Forwarded message ---",
    "-- Forwarded meſſage --",  # long s
    "Begin forwarded message:",
    "BEGIN FORWARDED MESSAGE:",
    "  Begin forwarded meſsage:",
    "On Tue, 3 Nov 2026 at 10:02, Sarah Jones <sarah@leics.gov.uk> wrote:",
    "On Tue, 3 Nov 2026 at 10:02, Sarah Jones",
    "<sarah@leics.gov.uk> wrote:",
    "Sarah wrote: something",
    "Am 3. Nov. 2026 schrieb Anna Berg:",
    "El martes, Ana escribió:",
    "Le mardi 3 novembre, Anne a écrit :",
    "Op dinsdag schreef Jan:",
    "Den 3 nov skrev Lars:",
    "From: Sarah Jones",
    "*From:* Sarah Jones",
    "Sent: Tuesday, 3 November 2026 10:02",
    "*Sent:* Tuesday",
    "Date: 3 November 2026",
    "Von: Anna Berg",
    "Gesendet: Dienstag",
    "De: Anne",
    "Envoyé: mardi",
    "Envoyé : mardi",
    "Datum: 3. Nov.",
    "______________________________",
    "__________",
    "> Amelia was upset in class.",
    ">> quoted twice",
    "   > indented quote",
    "\t>tab quote",
    "a > b and c > d",
    "-> next step",
    "Sarah Jones <sarah@leics.gov.uk> wrote on Tuesday:",
    "2026/11/03 Sarah Jones <sarah@leics.gov.uk>",
    "İstanbul office, Kelvin K scale",
    "From the school office:",
]


@pytest.mark.rule("EMAIL-6")
@given(st.lists(st.sampled_from(_LINES), max_size=30), st.sampled_from(["\n", "\r\n"]))
@settings(max_examples=600, deadline=None)
def test_generated_bodies_give_the_same_trail_as_every_pattern_over_the_whole_text(lines, sep):
    text = sep.join(lines)
    assert find_trail_text(text) == reference(text)


_ALPHABET = list("ab >\n\t_:-*İıſKOriginalMessagewrote")


@pytest.mark.rule("EMAIL-6")
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=400))
@settings(max_examples=400, deadline=None)
def test_random_text_gives_the_same_trail(text):
    assert find_trail_text(text) == reference(text)


def test_many_gt_signs_inside_lines_still_find_a_late_quote():
    text = "x > y\n" * 1500 + "Jo wrote:\n> one\n> two\n"
    assert find_trail_text(text) == reference(text)
    assert find_trail_text(text).marker == "quoted-lines"
