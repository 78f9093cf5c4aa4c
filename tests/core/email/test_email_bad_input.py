"""Bad input: a verdict is always reached, usually hold with the reason, never an exception."""

from __future__ import annotations

import io
import zipfile
from email.message import EmailMessage

import pytest
from reportlab.pdfgen import canvas

from safehaven.core.email import check_message
from safehaven.core.email.checks import VERDICTS

RULE_UNREADABLE = "EMAIL-1"


def _pdf(text: str = "Report on Jane Smith", *, password: str | None = None) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(72, 720, text)
    c.save()
    data = buf.getvalue()
    if password is None:
        return data
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(data)).pages:
        writer.add_page(page)
    writer.encrypt(user_password=password, owner_password=password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _held_for(result, words: str) -> bool:
    return any(
        f.rule == RULE_UNREADABLE and f.severity == "hold" and words in f.message
        for f in result.findings
    )


def _with_attachment(message, data: bytes, maintype: str, subtype: str, filename: str):
    m = message("Please see attached.", to="colleague@ashby.sch.uk")
    m.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return m


@pytest.mark.rule("EMAIL-1")
def test_encrypted_pdf_is_held_with_the_reason(policy, directory, message):
    m = _with_attachment(message, _pdf(password="secret"), "application", "pdf", "report.pdf")
    result = check_message(m, policy=policy, directory=directory)
    assert result.verdict == "hold"
    assert _held_for(result, "encrypted PDF")


@pytest.mark.rule("EMAIL-2")
def test_readable_pdf_attachment_is_checked(policy, directory, message):
    m = message("Please see attached.")
    m.add_attachment(
        _pdf("Jane Smith, DOB 12/03/2014, 12 Elm Road, LE1 2AB"),
        maintype="application",
        subtype="pdf",
        filename="r.pdf",
    )
    result = check_message(m, policy=policy, directory=directory)
    assert any(f.rule == "EMAIL-2" and "attachment" in f.message for f in result.findings)


def test_corrupt_pdf_is_held(policy, directory, message):
    m = _with_attachment(message, b"%PDF-1.4\n garbage", "application", "pdf", "broken.pdf")
    result = check_message(m, policy=policy, directory=directory)
    assert result.verdict == "hold"
    assert _held_for(result, "corrupt")


def test_zip_bomb_is_held_without_being_expanded(policy, directory, message):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("zeros.txt", b"\0" * (60 * 1024 * 1024))
    m = _with_attachment(message, buf.getvalue(), "application", "zip", "photos.zip")
    result = check_message(m, policy=policy, directory=directory)
    assert result.verdict == "hold"
    assert _held_for(result, "zip bomb")


def test_messages_nested_ten_deep_are_held(policy, directory, message):
    inner = message("Jane Smith has a child protection plan.", subject="level 0")
    for level in range(1, 11):
        outer = message(f"Forwarding level {level}", subject=f"level {level}")
        outer.add_attachment(inner)
        inner = outer
    result = check_message(inner, policy=policy, directory=directory)
    assert result.verdict == "hold"
    assert _held_for(result, "nested")


def test_malformed_mime_is_held(policy, directory):
    raw = (
        b"From: officer@ashby.sch.uk\r\nTo: colleague@ashby.sch.uk\r\nSubject: x\r\n"
        b'MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="abc"\r\n\r\n'
        b"no boundary ever appears in this body\r\n"
    )
    result = check_message(raw, policy=policy, directory=directory)
    assert result.verdict == "hold"
    assert _held_for(result, "malformed MIME")


def test_unknown_charset_is_read_and_noted(policy, directory):
    raw = (
        b"From: officer@ashby.sch.uk\r\nTo: colleague@ashby.sch.uk\r\nSubject: x\r\n"
        b"Content-Type: text/plain; charset=x-klingon\r\n\r\nHello, room 4 on Thursday.\r\n"
    )
    result = check_message(raw, policy=policy, directory=directory)
    assert result.verdict in VERDICTS.values()
    assert any("unknown character set" in f.message for f in result.findings)


def test_a_25_mb_message_reaches_a_verdict(policy, directory, message):
    m = message("Big attachment follows.", to="colleague@ashby.sch.uk")
    line = b"Attendance figures for the term, week by week, all classes, no names here.\n"
    m.add_attachment(
        line * (25 * 1024 * 1024 // len(line)), maintype="text", subtype="plain", filename="big.txt"
    )
    result = check_message(m.as_bytes(), policy=policy, directory=directory)
    assert result.verdict == "hold"
    assert _held_for(result, "not checked")


def test_encoded_header_injection_reaches_a_verdict(policy, directory):
    raw = (
        b"From: officer@ashby.sch.uk\r\nTo: colleague@ashby.sch.uk\r\n"
        b"Subject: =?utf-8?q?hello=0D=0ABcc:_attacker@evil.example?=\r\n\r\nHi\r\n"
    )
    result = check_message(raw, policy=policy, directory=directory)
    assert result.verdict in VERDICTS.values()


def test_garbage_bytes_reach_a_verdict(policy, directory):
    result = check_message(b"\x00\xff\xfe" * 1000, policy=policy, directory=directory)
    assert result.verdict in VERDICTS.values()


def test_internal_failure_becomes_a_hold(policy, message):
    class Broken:
        def __getattr__(self, name):
            raise RuntimeError("records unavailable")

    result = check_message(message("Hello"), policy=policy, directory=Broken())
    assert result.verdict == "hold"
    assert result.findings[0].rule == "EMAIL-1"


def test_empty_message_object(policy, directory):
    result = check_message(EmailMessage(), policy=policy, directory=directory)
    assert result.verdict == "allow"
