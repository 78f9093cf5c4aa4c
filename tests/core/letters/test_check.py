"""The read-back check refuses every way the window or the envelope can go wrong."""

from __future__ import annotations

import dataclasses
import io

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from safehaven.core.findings import Severity
from safehaven.core.letters import (
    AddressBlock,
    AddressError,
    JobWriter,
    LetterRecord,
    Recipient,
    address_for_print,
    check_job,
    check_window,
    envelope_profile,
    format_address,
    label_sheet,
    letter_layout,
    print_bundle,
    print_job,
)

PROFILES = ["DL", "C5"]


def _rules(result) -> set[str]:
    return {f.rule for f in result.findings if f.severity.rank >= Severity.HOLD.rank}


def _messages(result) -> str:
    return " | ".join(f.message for f in result.findings)


def _bad_job(
    profile, school, content, *, letter_block, envelope_block=None, layout=None, label_block=None
):
    """A one-record job drawn piece by piece, so that a piece can be made deliberately wrong."""
    writer = JobWriter(profile, school, job_id="BAD1")
    writer.add_letter(1, letter_block, content, layout)
    writer.add_envelope(1, envelope_block)
    if label_block is not None:
        writer.add_label(1, label_block)
    return writer.finish(label_sheet("L7160") if label_block is not None else None)


@pytest.mark.rule("LET-3")
@pytest.mark.rule("POST-3")
@pytest.mark.parametrize("name", PROFILES)
@pytest.mark.parametrize("sheet", ["L7160", "L7163"])
def test_a_correct_job_passes(record, school, name, sheet):
    profile = envelope_profile(name)
    pdf = print_job([record], profile, sender=school, sheet=label_sheet(sheet))
    result = check_window(pdf, profile, record.recipient, sender=school)
    assert result.ok, _messages(result)
    assert result.findings == ()
    assert result.window_lines == format_address(record.recipient).lines


@pytest.mark.rule("POST-3")
@pytest.mark.parametrize("name", PROFILES)
def test_address_placed_too_low_is_outside_the_window(record, school, name):
    profile = envelope_profile(name)
    layout = letter_layout(profile)
    low = dataclasses.replace(layout, address_top=layout.address_top + 12)
    block = format_address(record.recipient)
    pdf = _bad_job(
        profile, school, record.content, letter_block=block, envelope_block=block, layout=low
    )
    result = check_window(pdf, profile, record.recipient)
    assert not result.ok
    assert "POST-3" in _rules(result)
    assert "the postcode is not wholly inside the" in _messages(result)


@pytest.mark.rule("POST-3")
def test_address_moved_right_by_more_than_the_clearance_is_caught(record, school):
    profile = envelope_profile("DL")
    layout = letter_layout(profile)
    shifted = dataclasses.replace(layout, address_x=layout.address_x - profile.clearance_x - 0.5)
    block = format_address(record.recipient)
    pdf = _bad_job(
        profile, school, record.content, letter_block=block, envelope_block=block, layout=shifted
    )
    result = check_window(pdf, profile, record.recipient)
    assert not result.ok
    assert "the name is not wholly inside the DL window" in _messages(result)


@pytest.mark.rule("POST-3")
@pytest.mark.parametrize("name", PROFILES)
def test_a_subject_line_naming_a_child_inside_the_window_is_caught(record, school, name):
    profile = envelope_profile(name)
    content = dataclasses.replace(record.content, subject="Re: Jayden Smith DOB 01/02/2015")
    window = profile.window_on_letter()
    layout = dataclasses.replace(letter_layout(profile), subject_top=window.bottom - 4)
    block = format_address(record.recipient)
    pdf = _bad_job(
        profile, school, content, letter_block=block, envelope_block=block, layout=layout
    )
    result = check_window(pdf, profile, record.recipient)
    assert not result.ok
    assert "would show through the window besides the address" in _messages(result)
    # The finding gives the position, never the words (no personal data in logs).
    assert "Jayden" not in _messages(result)
    assert "Jayden" not in repr([f.evidence for f in result.findings])


@pytest.mark.rule("POST-3")
def test_text_just_outside_the_window_but_within_the_insert_movement_is_caught(record, school):
    profile = envelope_profile("DL")
    content = dataclasses.replace(record.content, subject="Re: Jayden Smith")
    # Below the window's lower edge by less than the clearance: shows when the insert rises.
    layout = dataclasses.replace(
        letter_layout(profile), subject_top=profile.window_on_letter().bottom + 1
    )
    block = format_address(record.recipient)
    pdf = _bad_job(
        profile, school, content, letter_block=block, envelope_block=block, layout=layout
    )
    assert "POST-3" in _rules(check_window(pdf, profile, record.recipient))


@pytest.mark.rule("LET-3")
def test_envelope_address_differing_from_the_letter_is_caught(record, other_parent, school):
    profile = envelope_profile("DL")
    pdf = _bad_job(
        profile,
        school,
        record.content,
        letter_block=format_address(record.recipient),
        envelope_block=format_address(other_parent),
    )
    result = check_window(pdf, profile, record.recipient)
    assert not result.ok
    assert _rules(result) == {"LET-3"}
    assert "the envelope address differs from the letter's window address at the name" in _messages(
        result
    )


@pytest.mark.rule("LET-3")
def test_envelope_with_one_line_changed_is_caught(record, school):
    profile = envelope_profile("C5")
    block = format_address(record.recipient)
    changed = AddressBlock(block.lines[:2] + ("16 Acacia Avenue",) + block.lines[3:])
    pdf = _bad_job(profile, school, record.content, letter_block=block, envelope_block=changed)
    result = check_window(pdf, profile, record.recipient)
    assert "differs from the letter's window address at the address line 2" in _messages(result)


@pytest.mark.rule("LET-3")
def test_label_address_differing_from_the_letter_is_caught(record, other_parent, school):
    profile = envelope_profile("DL")
    block = format_address(record.recipient)
    pdf = _bad_job(
        profile,
        school,
        record.content,
        letter_block=block,
        envelope_block=block,
        label_block=format_address(other_parent),
    )
    result = check_window(pdf, profile, record.recipient)
    assert not result.ok
    assert "the label address differs" in _messages(result)


@pytest.mark.rule("POST-3")
def test_post_town_not_in_capitals_is_caught(record, school):
    profile = envelope_profile("DL")
    block = format_address(record.recipient)
    lower = AddressBlock(block.lines[:-2] + ("Leeds", block.lines[-1]))
    pdf = _bad_job(profile, school, record.content, letter_block=lower, envelope_block=None)
    result = check_window(pdf, profile, record.recipient)
    assert not result.ok
    assert "the post town is not in capitals" in _messages(result)


@pytest.mark.rule("POST-3")
def test_missing_postcode_is_caught(record, school):
    profile = envelope_profile("DL")
    block = format_address(record.recipient)
    pdf = _bad_job(
        profile,
        school,
        record.content,
        letter_block=AddressBlock(block.lines[:-1]),
        envelope_block=None,
    )
    result = check_window(pdf, profile, record.recipient)
    assert not result.ok
    assert "the postcode is missing from the letter's address" in _messages(result)


@pytest.mark.rule("POST-3")
def test_postcode_sharing_the_town_line_is_caught(record, school):
    profile = envelope_profile("DL")
    block = format_address(record.recipient)
    joined = AddressBlock(block.lines[:-2] + (f"{block.lines[-2]} {block.lines[-1]}",))
    pdf = _bad_job(profile, school, record.content, letter_block=joined, envelope_block=None)
    result = check_window(pdf, profile, record.recipient)
    assert "the postcode is not alone on the last line" in _messages(result)


@pytest.mark.rule("POST-3")
def test_address_lines_out_of_order_are_caught(record, school):
    profile = envelope_profile("DL")
    lines = format_address(record.recipient).lines
    swapped = AddressBlock((lines[0], lines[2], lines[1], *lines[3:]))
    pdf = _bad_job(profile, school, record.content, letter_block=swapped, envelope_block=None)
    assert "out of order" in _messages(check_window(pdf, profile, record.recipient))


@pytest.mark.rule("POST-2")
def test_return_address_on_the_back_must_be_the_senders(record, school):
    profile = envelope_profile("DL")
    pdf = print_job([record], profile, sender=school)
    other = dataclasses.replace(school, organisation="Elmwood Academy")
    result = check_window(pdf, profile, record.recipient, sender=other)
    assert "the return address on the envelope back is not the sender's" in _messages(result)


@pytest.mark.rule("POST-2")
def test_envelope_without_the_notices_is_caught(record, school):
    """An envelope drawn by something else, with job marks but no notices."""
    profile = envelope_profile("DL")
    writer = JobWriter(profile, school, job_id="BAD2")
    writer.add_letter(1, format_address(record.recipient), record.content)
    good = writer.finish()
    buf = io.BytesIO()
    c = Canvas(buf)
    for piece in ("envfront", "envback"):
        c.setPageSize((220 * mm, 110 * mm))
        c.setFont("Helvetica", 5.5)
        c.drawString(150 * mm, 5 * mm, f"BAD2-0001-{piece}")
        c.showPage()
    c.save()
    pdf = _concat(good, buf.getvalue())
    messages = _messages(check_window(pdf, profile, record.recipient))
    assert "the envelope front lacks the return-unopened notice" in messages
    assert "the envelope back lacks 'If undelivered please return to:'" in messages


def _concat(*pdfs: bytes) -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for pdf in pdfs:
        for page in PdfReader(io.BytesIO(pdf)).pages:
            writer.add_page(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.rule("LET-3")
def test_job_check_catches_records_printed_in_the_wrong_order(record, other_parent, school):
    profile = envelope_profile("DL")
    second = LetterRecord(other_parent, record.content)
    pdf = print_job([record, second], profile, sender=school, sheet=label_sheet("L7163"))
    results = check_job(pdf, profile, [record.recipient, other_parent], sender=school)
    assert [r.ok for r in results] == [True, True]
    swapped = check_job(pdf, profile, [other_parent, record.recipient], sender=school)
    assert [r.ok for r in swapped] == [False, False]


@pytest.mark.rule("LET-3")
def test_job_check_reports_missing_and_extra_items(record, other_parent, school):
    profile = envelope_profile("DL")
    pdf = print_job([record, LetterRecord(other_parent, record.content)], profile, sender=school)
    one = check_job(pdf, profile, [record.recipient])
    assert "no matching record" in _messages(one[-1])
    three = check_job(pdf, profile, [record.recipient, other_parent, other_parent])
    assert "the letter for this record is not in the PDF" in _messages(three[2])


@pytest.mark.rule("POST-3")
def test_a_letter_without_job_marks_is_checked_as_page_one(record):
    profile = envelope_profile("DL")
    safe = profile.safe_area()
    buf = io.BytesIO()
    c = Canvas(buf, pagesize=A4)
    c.setFont("Helvetica", 10)
    y = 297 - safe.top - 3.5  # first baseline 3.5 mm below the safe area's top
    for line in format_address(record.recipient).lines:
        c.drawString(safe.x0 * mm, y * mm, line)
        y -= 4.2
    c.save()
    result = check_window(buf.getvalue(), profile, record.recipient)
    assert result.ok, _messages(result)
    assert [f.severity for f in result.findings] == [Severity.INFO]  # no envelope to compare


_word = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'-&éÉŁłŚśŻżŵ",
    min_size=1,
    max_size=10,
)
# Mostly addresses that fit, with enough long or many-line ones to reach the refusals.
_line = st.lists(_word, min_size=1, max_size=4).map(" ".join)


@pytest.mark.rule("POST-3")
@pytest.mark.rule("LET-3")
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=_line,
    lines=st.lists(
        st.tuples(st.integers(1, 9999), _line).map(lambda t: f"{t[0]} {t[1]}"),
        min_size=1,
        max_size=5,
    ),
    town=_line,
    postcode=st.sampled_from(["LS6 3AB", "SW1A 1AA", "YO1 7HH", "M1 1AE", "EC1A 1BB", "BFPO 801"]),
    profile_name=st.sampled_from(PROFILES),
    sheet_name=st.sampled_from([None, "L7160", "L7163"]),
)
def test_any_address_that_fits_renders_inside_the_window(
    content, school, name, lines, town, postcode, profile_name, sheet_name
):
    profile = envelope_profile(profile_name)
    sheet = label_sheet(sheet_name) if sheet_name else None
    recipient = Recipient(name, tuple(lines), town, postcode)
    try:
        address_for_print(recipient, profile, sheet)
    except AddressError:
        event("refused")
        # Refused, never drawn: and the refusal names a line of the address.
        with pytest.raises(AddressError) as caught:
            print_job([LetterRecord(recipient, content)], profile, sender=school, sheet=sheet)
        fields = [p.field.removeprefix("item 1, ") for p in caught.value.problems]
        assert all(
            f in {"name", "post town", "postcode"} or f.startswith("address line") for f in fields
        )
        return
    event("fits")
    pdf = print_job([LetterRecord(recipient, content)], profile, sender=school, sheet=sheet)
    result = check_window(pdf, profile, recipient, sender=school, sheet=sheet)
    assert result.ok, _messages(result)


@pytest.mark.rule("LET-3")
@pytest.mark.rule("POST-3")
def test_a_split_bundle_is_checked_across_its_pdfs(record, other_parent, school):
    profile = envelope_profile("C5")
    records = [record, LetterRecord(other_parent, record.content)]
    bundle = print_bundle(records, profile, sender=school, sheet=label_sheet("L7163"))
    results = check_job(bundle.pdfs(), profile, [record.recipient, other_parent], sender=school)
    assert [r.ok for r in results] == [True, True]
    # Labels printed for another job's order are caught.
    other = print_bundle(records[::-1], profile, sender=school, sheet=label_sheet("L7163"))
    mixed = [bundle.letters, bundle.envelopes, other.labels]
    assert "more than one print job" in _messages(check_job(mixed, profile, [record.recipient])[0])


@pytest.mark.rule("POST-3")
def test_window_stock_envelope_passes_with_nothing_printed_in_its_window(record, school):
    profile = envelope_profile("DL")
    pdf = print_job([record], profile, sender=school, envelope_address=False)
    result = check_window(pdf, profile, record.recipient, sender=school)
    assert result.ok, _messages(result)


@pytest.mark.rule("POST-3")
@pytest.mark.rule("LET-3")
@pytest.mark.parametrize("name", PROFILES)
def test_a_record_printed_in_dejavu_passes_and_its_neighbour_stays_in_helvetica(
    record, school, name
):
    profile = envelope_profile(name)
    polish = Recipient("Pani Żaneta Wiśniewska", ("Flat 3", "12 Łódź Court"), "Leeds", "LS12 2AB")
    content = dataclasses.replace(record.content, body=("Łucja has settled in well.",))
    records = [LetterRecord(polish, content), record]
    pdf = print_job(records, profile, sender=school, sheet=label_sheet("L7163"))
    results = check_job(pdf, profile, [polish, record.recipient], sender=school)
    assert [r.ok for r in results] == [True, True], [_messages(r) for r in results]
    assert results[0].window_lines[0] == "Pani Żaneta Wiśniewska"


@pytest.mark.rule("POST-3")
def test_a_dejavu_address_half_a_millimetre_too_high_is_caught(school, record):
    """DejaVu's ink box is taller than Helvetica's. The check uses the box of the font it finds
    in the PDF; with Helvetica's box this address would wrongly pass."""
    profile = envelope_profile("DL")
    polish = Recipient("Pani Ż Nowak", ("12 Łódź Court",), "Leeds", "LS12 2AB")
    block = format_address(polish)
    assert block.typeface == "dejavu"
    layout = letter_layout(profile)
    writer = JobWriter(profile, school, job_id="DJV1")
    writer.add_letter(
        1, block, record.content, dataclasses.replace(layout, address_top=layout.address_top - 0.5)
    )
    result = check_window(writer.finish(), profile, polish)
    assert "the name is not wholly inside the DL window" in _messages(result)


@pytest.mark.rule("POST-3")
def test_a_line_repeated_in_the_address_must_be_printed_twice(school, record):
    """Should a record repeat a line (not the one before it), each copy must be printed."""
    twice = Recipient("Mr A Khan", ("Flat 2", "Mill Court", "Flat 2"), "Leeds", "LS1 4AP")
    profile = envelope_profile("DL")
    block = format_address(twice)
    assert check_window(
        print_job([LetterRecord(twice, record.content)], profile, sender=school), profile, twice
    ).ok
    once = AddressBlock(block.lines[:3] + block.lines[4:])
    pdf = _bad_job(profile, school, record.content, letter_block=once, envelope_block=None)
    assert "missing from the letter's address" in _messages(check_window(pdf, profile, twice))
