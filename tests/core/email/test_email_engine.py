"""The engine adapter: the built-in fallback detector and attachment reading."""

from __future__ import annotations

import io
import zipfile

import pytest

from safehaven.core.email import engine


def test_fallback_detector_finds_names_dobs_addresses_and_categories():
    a = engine._fallback_analyse(
        "Mr John Brown, DOB 01/02/2015, of 4 Oak Close LE2 8PL has a child protection plan."
    )
    types = {s.type for s in a.spans}
    assert {"PERSON", "DATE_OF_BIRTH", "STREET_ADDRESS", "UK_POSTCODE"} <= types
    assert a.classification == "sensitive"
    assert "safeguarding" in a.special_categories
    for s in a.spans:
        assert s.text  # offsets match the text
    plain = engine._fallback_analyse("The meeting moved to Thursday.")
    assert plain.classification == "none"


def test_fallback_desensitise_keeps_the_upn_and_cuts_the_rest():
    out = engine._fallback_desensitise("Mr John Brown (UPN A123456789012), DOB 01/02/2015.")
    assert "John Brown" not in out
    assert "A123456789012" in out
    assert "2015" in out
    assert "01/02/2015" not in out


def test_zip_members_are_read_and_encrypted_zip_is_unreadable():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("notes.txt", "Jane Smith, DOB 12/03/2014")
    text, _notes = engine.attachment_text("a.zip", "application/zip", buf.getvalue())
    assert "Jane Smith" in text
    data = bytearray(buf.getvalue())
    # Set the "encrypted" flag bit on the member (local header and central directory).
    for sig in (b"PK\x03\x04", b"PK\x01\x02"):
        i = data.find(sig)
        flag_at = i + (6 if sig == b"PK\x03\x04" else 8)
        data[flag_at] |= 0x1
    with pytest.raises(engine.Unreadable, match="password-protected"):
        engine.attachment_text("a.zip", "application/zip", bytes(data))


def test_images_are_noted_and_unknown_types_are_unsupported():
    text, notes = engine.attachment_text("logo.png", "image/png", b"\x89PNG....")
    assert text == ""
    assert "image" in notes[0]
    with pytest.raises(engine.Unsupported):
        engine.attachment_text("data.bin", "application/octet-stream", b"\x00\x01")


@pytest.mark.skipif(engine.ENGINE != "safehaven.core.detect", reason="the fallback detector is on")
def test_the_analysis_hands_on_the_engines_own_spans_and_verdict():
    from safehaven.core.detect import analyse as detect_analyse

    text = "Jane Smith (DOB 12/03/2014) of 4 Mill Lane, LE1 2AB, was seen by CAMHS."
    own = detect_analyse(text)
    got = engine.analyse(text)
    assert [(s.type, s.start, s.end, s.text, s.score) for s in got.spans] == [
        (s.type, s.start, s.end, s.text, s.score) for s in own.spans
    ]
    assert all(text[s.start : s.end] == s.text for s in got.spans)
    assert {s.type for s in got.spans} >= {"PERSON", "DATE_OF_BIRTH"}
    assert got.classification == own.classification
    assert got.special_categories == tuple(own.special_categories)
