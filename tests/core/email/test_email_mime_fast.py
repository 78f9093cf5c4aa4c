"""Large attachments are set aside before the standard parser reads the message (speed); what
the checks then read must be exactly what the standard parser alone gives (EMAIL-1: every
attachment is checked or its problem reported)."""

from __future__ import annotations

import email
import email.policy
import os
from email.message import EmailMessage

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safehaven.core.email import mime


def _reference(raw: bytes) -> mime.Extracted:
    return mime.extract(email.message_from_bytes(raw, policy=email.policy.default))


def _same(raw: bytes) -> mime.Extracted:
    fast = mime.extract(mime.parse(raw))
    ref = _reference(raw)
    assert fast.plain == ref.plain
    assert fast.html == ref.html
    assert [(a.name, a.content_type, a.size, a.text, a.readable) for a in fast.attachments] == [
        (a.name, a.content_type, a.size, a.text, a.readable) for a in ref.attachments
    ]
    assert fast.problems == ref.problems
    assert fast.forwarded_messages == ref.forwarded_messages
    return fast


def _crlf(m: EmailMessage) -> bytes:
    return m.as_bytes(policy=email.policy.SMTP)


def _pdf(size: int) -> bytes:
    from io import BytesIO

    from reportlab.pdfgen import canvas

    buf = BytesIO()
    c = canvas.Canvas(buf)
    c.drawString(40, 800, "Amelia Whitworth, DOB 07/03/2014, 14 Mill Lane, LE11 1AA")
    c.drawString(40, 780, "x" * 40 + os.urandom(size).hex()[:60])
    c.showPage()
    c.save()
    return buf.getvalue() + b"%" + os.urandom(size)  # trailing bytes after %%EOF are ignored


@pytest.mark.rule("EMAIL-1")
def test_a_large_pdf_is_set_aside_and_read_the_same():
    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = "a@ashby.sch.uk", "b@leics.gov.uk", "Report"
    m.set_content("See the attached report.\n")
    m.add_alternative("<p>See the attached <b>report</b>.</p>", subtype="html")
    m.add_attachment(_pdf(400_000), maintype="application", subtype="pdf", filename="r.pdf")
    raw = _crlf(m)
    assert len(mime.parse(raw)._safehaven_blobs) == 1  # the fast path was taken
    fast = _same(raw)
    assert "Whitworth" in fast.attachments[0].text


@pytest.mark.rule("EMAIL-1")
def test_nested_parts_preamble_epilogue_and_padding_are_kept():
    inner = EmailMessage()
    inner.set_content("Inner text.\n")
    inner.add_attachment(os.urandom(200_000), maintype="image", subtype="png", filename="a.png")
    outer = EmailMessage()
    outer["From"], outer["To"] = "a@ashby.sch.uk", "b@leics.gov.uk"
    outer.set_content("Top text.\n")
    outer.add_attachment(os.urandom(150_000), maintype="application", subtype="zip",
                         filename="x.zip")  # fmt: skip
    outer.attach(inner)
    raw = _crlf(outer)
    boundary = outer.get_boundary().encode()
    raw = raw.replace(b"\r\n\r\n--" + boundary, b"\r\n\r\nThis is a preamble.\r\n--" + boundary, 1)
    raw = raw.replace(b"--" + boundary + b"\r\n", b"--" + boundary + b" \t\r\n")  # padding
    raw += b"An epilogue.\r\n"
    _same(raw)


@pytest.mark.rule("EMAIL-1")
def test_a_missing_closing_delimiter_is_left_to_the_standard_parser():
    m = EmailMessage()
    m["From"], m["To"] = "a@ashby.sch.uk", "b@leics.gov.uk"
    m.set_content("Body.\n")
    m.add_attachment(os.urandom(300_000), maintype="application", subtype="octet-stream",
                     filename="d.bin")  # fmt: skip
    raw = _crlf(m)
    cut = raw.rstrip().rsplit(b"\r\n", 1)[0] + b"\r\n"  # drop the closing delimiter line
    assert not getattr(mime.parse(cut), "_safehaven_blobs", None)
    _same(cut)


@given(
    parts=st.lists(
        st.tuples(
            st.sampled_from(
                [
                    "application/pdf",
                    "application/octet-stream",
                    "image/png",
                    "text/plain",
                    "application/zip",
                ]
            ),  # fmt: skip
            st.integers(min_value=0, max_value=120_000),
        ),
        min_size=1,
        max_size=4,
    ),
    garbage=st.binary(max_size=30),
)
@settings(max_examples=12, deadline=None)
@pytest.mark.rule("EMAIL-1")
def test_any_mix_of_parts_reads_the_same_both_ways(parts, garbage):
    m = EmailMessage()
    m["From"], m["To"] = "a@ashby.sch.uk", "b@leics.gov.uk"
    m.set_content("Body.\n")
    for i, (ctype, size) in enumerate(parts):
        maintype, subtype = ctype.split("/")
        data = (b"%PDF-1.4\n" if subtype == "pdf" else b"") + os.urandom(size) + garbage
        if maintype == "text":
            m.add_attachment(data.hex()[:size], subtype="plain", filename=f"{i}.txt")
        else:
            m.add_attachment(data, maintype=maintype, subtype=subtype, filename=f"{i}.{subtype}")
    _same(_crlf(m) + b"\r\n" * 200_000)  # over FAST_MIN_BYTES whatever the parts' sizes


def test_headers_parsed_once_are_read_right_in_later_messages():
    def raw(to: str, filename: str) -> bytes:
        m = EmailMessage()
        m["To"] = to
        m["Subject"] = "Same subject"
        m.set_content("Hello")
        m.add_attachment(b"x", maintype="application", subtype="octet-stream", filename=filename)
        return _crlf(m)

    for _ in range(2):  # the second round is answered from the remembered headers
        for to, name in [("a@example.org", "one.bin"), ("b@example.org", "two.bin")]:
            msg = mime.parse(raw(to, name))
            assert msg["To"].addresses[0].addr_spec == to
            assert [a.name for a in _same(raw(to, name)).attachments] == [name]
