"""The print job's PDF, read back with pdfplumber: pages, positions and wording."""

from __future__ import annotations

import dataclasses
import io

import pdfplumber
import pytest

from safehaven.core.letters import (
    AddressError,
    LetterRecord,
    LettersError,
    Recipient,
    Sender,
    envelope_profile,
    label_sheet,
    print_bundle,
    print_job,
)
from safehaven.core.letters.address import BOX_ASCENT
from safehaven.core.letters.render import BACK_NOTICE, FRONT_NOTICE, PRIVATE
from safehaven.core.letters.typeface import HELVETICA

MM = 25.4 / 72


def _baseline(word: dict) -> float:
    """The baseline in mm from the top: pdfplumber puts a word's bottom at the baseline plus
    Helvetica's descender (0.207 em), a different box from the layout's, so compare baselines."""
    return (word["bottom"] - 0.207 * word["size"]) * MM


def _pages(pdf: bytes) -> list[tuple[float, float, list[dict]]]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [
            (p.width * MM, p.height * MM, p.extract_words(extra_attrs=["size"])) for p in doc.pages
        ]


def _text(words: list[dict]) -> str:
    return " ".join(w["text"] for w in words)


def test_job_orders_letter_envelope_front_back_then_labels(record, other_parent, school):
    records = [record, LetterRecord(other_parent, record.content)]
    pdf = print_job(
        records, envelope_profile("DL"), sender=school, sheet=label_sheet("L7160"), job_id="JOB1"
    )
    sizes = [(round(w), round(h)) for w, h, _ in _pages(pdf)]
    assert sizes == [(210, 297), (220, 110), (220, 110)] * 2 + [(210, 297)]


@pytest.mark.parametrize("name", ["DL", "C5"])
def test_address_starts_at_the_top_left_of_the_safe_area(record, school, name):
    profile = envelope_profile(name)
    _, _, words = _pages(print_job([record], profile, sender=school, job_id="JOB1"))[0]
    first = next(w for w in words if w["text"] == "Mrs")
    safe = profile.safe_area()
    indent = HELVETICA.overhang_left * first["size"] * MM  # room for ink left of the pen
    assert first["x0"] * MM == pytest.approx(safe.x0 + indent, abs=0.01)
    assert _baseline(first) == pytest.approx(safe.top + BOX_ASCENT * first["size"] * MM, abs=0.01)
    assert first["size"] == pytest.approx(profile.font_size_pt)


def test_private_and_confidential_sits_above_the_window_exposure(record, school):
    profile = envelope_profile("DL")
    _, _, words = _pages(print_job([record], profile, sender=school, job_id="JOB1"))[0]
    private = next(w for w in words if w["text"] == PRIVATE.split()[0])
    assert private["bottom"] * MM <= profile.exposure_area().top


@pytest.mark.rule("POST-2")
def test_envelope_front_and_back_carry_the_guidance_wording(record, school):
    pages = _pages(print_job([record], envelope_profile("C5"), sender=school, job_id="JOB1"))
    front, back = _text(pages[1][2]), _text(pages[2][2])
    assert FRONT_NOTICE in front
    assert front.startswith("If you are not the intended recipient please return unopened")
    assert back.startswith(BACK_NOTICE + " Oakfield Primary School Oak Lane")
    assert "LS7 4QD" in back


@pytest.mark.rule("POST-2")
def test_envelope_notice_stays_clear_of_the_window(record, school):
    profile = envelope_profile("DL")
    pdf = print_job([record], profile, sender=school, job_id="JOB1", envelope_address=False)
    _, _, words = _pages(pdf)[1]
    window = profile.window_on_envelope().grow(profile.clearance_x, profile.clearance_y)
    assert words
    for w in words:
        assert w["bottom"] * MM < window.top or w["top"] * MM > window.bottom


@pytest.mark.rule("LET-3")
def test_every_piece_of_one_record_carries_the_same_job_mark(record, other_parent, school):
    records = [record, LetterRecord(other_parent, record.content)]
    pdf = print_job(
        records, envelope_profile("DL"), sender=school, sheet=label_sheet("L7163"), job_id="ABCD12"
    )
    marks = [w["text"] for _, _, words in _pages(pdf) for w in words if w["size"] < 6]
    assert marks == [
        "ABCD12-0001-letter1of1",
        "ABCD12-0001-envfront",
        "ABCD12-0001-envback",
        "ABCD12-0002-letter1of1",
        "ABCD12-0002-envfront",
        "ABCD12-0002-envback",
        "ABCD12-0001-label",
        "ABCD12-0002-label",
    ]


def test_long_letter_runs_on_with_page_numbers(record, school):
    long = dataclasses.replace(record.content, body=("A sentence of the letter. " * 40,) * 6)
    pages = _pages(
        print_job(
            [LetterRecord(record.recipient, long)],
            envelope_profile("DL"),
            sender=school,
            job_id="JOB1",
        )
    )
    letter_pages = [p for p in pages if round(p[1]) == 297]
    assert len(letter_pages) >= 2
    n = len(letter_pages)
    for i, (_, _, words) in enumerate(letter_pages, start=1):
        assert f"Page {i} of {n}" in _text(words)
        assert f"JOB1-0001-letter{i}of{n}" in _text(words)
        assert all(w["bottom"] * MM < 297 - 5 for w in words)


def test_labels_start_where_the_part_used_sheet_says(record, school):
    sheet = label_sheet("L7160")
    pdf = print_job(
        [record], envelope_profile("DL"), sender=school, sheet=sheet, job_id="JOB1", label_start=4
    )
    _, _, words = _pages(pdf)[-1]
    first = next(w for w in words if w["text"] == "Mrs")
    indent = HELVETICA.overhang_left * first["size"] * MM
    assert first["x0"] * MM == pytest.approx(sheet.text_rect(4).x0 + indent, abs=0.01)
    top = sheet.text_rect(4).top
    assert _baseline(first) == pytest.approx(top + BOX_ASCENT * first["size"] * MM, abs=0.01)


def test_an_address_that_cannot_fit_stops_the_whole_job_naming_item_and_line(record, school):
    too_long = Recipient(
        "Ms B Green",
        ("The Old Coach House behind Saint Bartholomew's Vicarage",),
        "Leeds",
        "LS12 2AB",
    )
    records = [record, LetterRecord(too_long, record.content)]
    with pytest.raises(AddressError, match=r"^item 2, address line 1: is .* mm wide"):
        print_job(records, envelope_profile("DL"), sender=school)


def test_a_sender_block_too_wide_or_reaching_the_window_is_refused(record):
    wide = Sender(
        "The Saint Bartholomew and All Angels Church of England Voluntary Aided Primary School "
        "and Nursery",
        ("Oak Lane",),
        "LS7 4QD",
    )
    with pytest.raises(LettersError, match="too wide for the letter head"):
        print_job([record], envelope_profile("DL"), sender=wide)
    tall = Sender("Oakfield Primary School", tuple(f"Line {i}" for i in range(20)), "LS7 4QD")
    with pytest.raises(LettersError, match="reach the window or the letter's text"):
        print_job([record], envelope_profile("DL"), sender=tall)


def test_an_empty_job_and_a_bad_label_start_are_refused(record, school):
    with pytest.raises(LettersError, match="no letters"):
        print_job([], envelope_profile("DL"), sender=school)
    with pytest.raises(LettersError, match="label_start"):
        print_job(
            [record],
            envelope_profile("DL"),
            sender=school,
            sheet=label_sheet("L7163"),
            label_start=14,
        )


@pytest.mark.rule("LET-3")
def test_a_bundle_splits_the_same_job_by_paper_with_a_manifest_free_of_personal_data(
    record, other_parent, school
):
    records = [record, LetterRecord(other_parent, record.content)]
    sheet = label_sheet("L7160")
    bundle = print_bundle(
        records, envelope_profile("DL"), sender=school, sheet=sheet, job_id="SPLIT1", label_start=20
    )
    letters, envelopes, labels = (_pages(p) for p in bundle.pdfs())
    assert {(round(w), round(h)) for w, h, _ in letters} == {(210, 297)}
    assert {(round(w), round(h)) for w, h, _ in envelopes} == {(220, 110)}
    assert len(envelopes) == 4
    assert len(labels) == 2  # label 21 of the first sheet, then the top-left of a new one
    manifest = bundle.manifest
    assert manifest["job_id"] == "SPLIT1"
    assert [i["label"] for i in manifest["items"]] == [
        {"sheet": 1, "position": 21},
        {"sheet": 2, "position": 1},
    ]
    text = repr(manifest)
    for word in ("Jones", "Nowak", "Acacia", "LS6", "YO1"):
        assert word not in text
