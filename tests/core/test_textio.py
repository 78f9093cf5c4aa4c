"""Text extraction: encodings, streaming chunks, email, PDF, DOCX and the bad-input errors.

Every fixture file is built here (ReportLab, pypdf, python-docx, email.message) rather than
committed as a binary.
"""

import io
import tracemalloc
import zipfile
from email.message import EmailMessage

import docx
import pypdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfgen import canvas

from safehaven.core.textio import (
    ExtractionError,
    extract_bytes,
    extract_message_bytes,
    extract_text,
    html_to_text,
    iter_text_chunks,
)

DOCX_TYPE = ("application", "vnd.openxmlformats-officedocument.wordprocessingml.document")


# --- builders ---------------------------------------------------------------------------------


def make_pdf(*pages: str) -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    for text in pages:
        c.drawString(72, 720, text)
        c.showPage()
    c.save()
    return buf.getvalue()


def tiny_png() -> bytes:
    import struct
    import zlib

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * 4 for _ in range(4))

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF)
        return struct.pack(">I", len(body)) + kind + body + crc

    header = struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def make_scan_like_pdf() -> bytes:
    """Page 1 an image only (like a scan), page 2 text, page 3 blank."""
    from reportlab.lib.utils import ImageReader

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.drawImage(ImageReader(io.BytesIO(tiny_png())), 72, 400, 200, 200)
    c.showPage()
    c.drawString(72, 720, "typed page")
    c.showPage()
    c.showPage()
    c.save()
    return buf.getvalue()


def make_image_only_pdf() -> bytes:
    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(72, 600, 200, 100, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()


def encrypt_pdf(data: bytes, *, user: str, owner: str) -> bytes:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(data))
    writer.encrypt(user_password=user, owner_password=owner, algorithm="AES-256")
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def make_docx() -> bytes:
    document = docx.Document()
    document.add_paragraph("Referral for Jane Doe, NHS 943 476 5870")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Name"
    table.cell(0, 1).text = "Tom Smith"
    table.cell(1, 0).text = "Postcode"
    table.cell(1, 1).text = "SW1A 1AA"
    section = document.sections[0]
    section.header.paragraphs[0].text = "OFFICIAL-SENSITIVE header"
    section.footer.paragraphs[0].text = "Footer: case 42"
    run = document.add_paragraph("Discussed ").add_run("Tom")
    document.add_comment(run, text="Tom is on a child protection plan", author="SW")
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def make_email(**attachments: bytes) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Social Worker <sw@council.gov.uk>"
    msg["To"] = "senco@school.sch.uk"
    msg["Subject"] = "Jane Doe UPN B801200005001"
    msg.set_content("Plain body about Jane.\n")
    msg.add_alternative("<p>HTML body about <b>Jane</b></p>", subtype="html")
    for filename, data in attachments.items():
        name = filename.replace("_", ".")
        if name.endswith(".pdf"):
            msg.add_attachment(data, maintype="application", subtype="pdf", filename=name)
        elif name.endswith(".docx"):
            msg.add_attachment(data, maintype=DOCX_TYPE[0], subtype=DOCX_TYPE[1], filename=name)
        elif name.endswith(".png"):
            msg.add_attachment(data, maintype="image", subtype="png", filename=name)
        else:
            msg.add_attachment(data, maintype="text", subtype="plain", filename=name)
    return msg


def write(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


# --- plain text and encodings -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected", "note_part"),
    [
        ("Zoë £5".encode(), "Zoë £5", None),
        (b"\xef\xbb\xbf" + "Zoë".encode(), "Zoë", None),
        (b"\xff\xfe" + "Zoë £5".encode("utf-16-le"), "Zoë £5", None),
        (b"\xfe\xff" + "Zoë £5".encode("utf-16-be"), "Zoë £5", None),
        ("Zoë £5 ok".encode("utf-16-le"), "Zoë £5 ok", "UTF-16-LE"),
        ("café £5 — Zoë".encode("cp1252"), "café £5 — Zoë", "Windows-1252"),
    ],
)
def test_plain_text_encodings_are_detected(tmp_path, data, expected, note_part):
    result = extract_text(write(tmp_path, "note.txt", data))
    assert result.text == expected
    assert [p.kind for p in result.parts] == ["text"]
    if note_part:
        assert any(note_part in n for n in result.notes)
    else:
        assert result.notes == []


def test_empty_file_gives_empty_text_and_says_so(tmp_path):
    result = extract_text(write(tmp_path, "empty.txt", b""))
    assert result.text == ""
    assert result.parts == []
    assert result.notes == ["empty file: nothing to scan"]


@pytest.mark.parametrize(
    "data",
    [
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" * 50,
        bytes(range(1, 32)) * 100,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    ],
)
def test_binary_content_is_refused_in_one_line(tmp_path, data):
    path = write(tmp_path, "thing.txt", data)
    with pytest.raises(ExtractionError) as err:
        extract_text(path)
    assert err.value.reason == "not a text file (binary content)"
    assert str(err.value) == f"{path}: not a text file (binary content)"
    assert "\n" not in str(err.value)


def test_file_over_the_limit_is_refused_with_what_to_do(tmp_path):
    path = write(tmp_path, "big.txt", b"a" * 2048)
    with pytest.raises(ExtractionError, match=r"larger than 1 KB limit: raise --max-size"):
        extract_text(path, max_bytes=1024)
    assert extract_text(path, max_bytes=4096).text == "a" * 2048
    with pytest.raises(ExtractionError, match="20 MB limit"):
        extract_bytes(b"a" * (20 * 1024 * 1024 + 1), name="big.txt")


def test_error_stays_on_one_line_even_when_the_file_name_has_a_line_break(tmp_path):
    path = write(tmp_path, "two\nlines.txt", b"\x00\x01\x02")
    with pytest.raises(ExtractionError) as err:
        extract_text(path)
    assert "\n" not in str(err.value)
    assert str(err.value).endswith("two\\nlines.txt: not a text file (binary content)")
    assert err.value.path == str(path)


def test_missing_file_and_folder_are_plain_errors(tmp_path):
    with pytest.raises(ExtractionError, match="no such file"):
        extract_text(tmp_path / "nope.txt")
    with pytest.raises(ExtractionError, match="is a folder"):
        extract_text(tmp_path)


def test_html_file_is_read_as_visible_text(tmp_path):
    html = (
        b"<html><head><title>Case</title><style>p{}</style></head>"
        b"<body><p>Tom &amp; Jane</p></body></html>"
    )
    result = extract_text(write(tmp_path, "page.html", html))
    assert result.text == "Case\n\nTom & Jane"


def test_html_to_text_drops_script_and_style_and_keeps_blocks_apart():
    html = (
        "<div>Dear Ms Khan,</div><script>var upn='B801200005001'</script>"
        "<style>.x{color:red}</style><p>Lives at&nbsp;1 High St<br>Leeds</p>"
        "<table><tr><td>Name</td><td>Amir</td></tr></table>"
    )
    text = html_to_text(html)
    assert "B801200005001" not in text
    assert "color" not in text
    assert text.splitlines() == [
        "Dear Ms Khan,",
        "",
        "Lives at 1 High St",
        "Leeds",
        "",
        "Name Amir",
    ]


# --- streaming chunks -------------------------------------------------------------------------


def reassemble(chunks) -> str:
    return "".join(c.text[c.overlap :] for c in chunks)


@settings(max_examples=40, deadline=None)
@given(
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), max_size=3000),
    st.integers(5, 400),
    st.integers(0, 4),
)
def test_chunks_reassemble_to_the_whole_text_with_true_offsets(tmp_path_factory, text, size, ov):
    path = tmp_path_factory.mktemp("chunks") / "t.txt"
    path.write_bytes(text.encode("utf-8"))
    chunks = list(iter_text_chunks(path, chunk_chars=size, overlap=ov))
    assert reassemble(chunks) == text
    previous_end = 0
    for chunk in chunks:
        assert text[chunk.start : chunk.end] == chunk.text
        assert chunk.start + chunk.overlap == previous_end
        assert len(chunk.text) - chunk.overlap <= size
        previous_end = chunk.end


def test_a_match_straddling_a_boundary_is_whole_in_one_chunk(tmp_path):
    text = "x" * 995 + " NHS 943 476 5870 " + "y" * 2000
    path = write(tmp_path, "t.txt", text.encode())
    chunks = list(iter_text_chunks(path, chunk_chars=1000, overlap=50))
    assert any("943 476 5870" in c.text for c in chunks)
    assert reassemble(chunks) == text


def test_multibyte_characters_across_read_blocks_decode_cleanly(tmp_path):
    text = "é€😀" * 40_000  # 360 KB of UTF-8: several 64 KB read blocks split characters
    path = write(tmp_path, "t.txt", text.encode())
    assert reassemble(iter_text_chunks(path, chunk_chars=7_001, overlap=13)) == text


def test_streaming_falls_back_to_cp1252_when_a_late_byte_is_not_utf8(tmp_path):
    data = b"a" * 300_000 + "café".encode("cp1252")
    path = write(tmp_path, "t.txt", data)
    chunks = list(iter_text_chunks(path, chunk_chars=50_000))
    assert reassemble(chunks) == "a" * 300_000 + "café"
    assert chunks[0].notes == ("not valid UTF-8: read as Windows-1252 (cp1252)",)
    assert all(c.notes == () for c in chunks[1:])


def test_streaming_reads_utf16_with_bom(tmp_path):
    text = "Zoë " * 50_000
    path = write(tmp_path, "t.txt", b"\xff\xfe" + text.encode("utf-16-le"))
    assert reassemble(iter_text_chunks(path, chunk_chars=30_000)) == text


def test_a_large_text_file_streams_in_bounded_memory(tmp_path):
    line = "Case note: Jane Doe seen at home, NHS 943 476 5870, all well.\n"
    path = tmp_path / "big.txt"
    with path.open("w", encoding="utf-8") as fh:
        for _ in range(24 * 1024 * 1024 // len(line)):
            fh.write(line)
    size = path.stat().st_size
    tracemalloc.start()
    try:
        total = 0
        for chunk in iter_text_chunks(path, chunk_chars=1_000_000, overlap=300):
            total += len(chunk.text) - chunk.overlap
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total == size
    assert peak < 12 * 1024 * 1024, f"peak {peak} bytes for a {size}-byte file"
    with pytest.raises(ExtractionError, match="limit"):
        extract_text(path)


def test_streaming_refuses_binary_and_honours_a_stream_limit(tmp_path):
    for data in (b"\x00\x01" * 100, b"\xff\xfe" + b"\x01\x00" * 100, b"ab\x00\x00\x07" * 50):
        with pytest.raises(ExtractionError, match="binary"):
            list(iter_text_chunks(write(tmp_path, "b.txt", data)))
    with pytest.raises(ExtractionError, match="limit"):
        list(iter_text_chunks(write(tmp_path, "t.txt", b"a" * 100), max_stream_bytes=10))
    late_binary = write(tmp_path, "late.txt", b"plain text " * 20_000 + b"\x00\x01\x02")
    chunks = iter_text_chunks(late_binary, chunk_chars=1000)
    with pytest.raises(ExtractionError, match="binary"):
        next(chunks)  # refused before the first chunk, not half-way through
    [empty] = iter_text_chunks(write(tmp_path, "e.txt", b""))
    assert (empty.text, empty.notes) == ("", ("empty file: nothing to scan",))
    with pytest.raises(ValueError, match="overlap"):
        list(iter_text_chunks(tmp_path / "t.txt", chunk_chars=10, overlap=10))


def test_chunks_of_a_pdf_come_from_its_extracted_text(tmp_path):
    path = write(tmp_path, "r.pdf", make_pdf("Page one Jane", "Page two Tom"))
    chunks = list(iter_text_chunks(path, chunk_chars=8, overlap=3))
    assert reassemble(chunks) == extract_text(path).text


# --- PDF --------------------------------------------------------------------------------------


def test_pdf_text_is_extracted_page_by_page(tmp_path):
    result = extract_text(write(tmp_path, "r.pdf", make_pdf("UPN B801200005001", "Jane Doe")))
    assert "UPN B801200005001" in result.text
    assert "Jane Doe" in result.text
    assert result.text.index("B801200005001") < result.text.index("Jane Doe")
    assert [p.kind for p in result.parts] == ["pdf"]


def test_pdf_is_recognised_by_content_whatever_its_name(tmp_path):
    result = extract_text(write(tmp_path, "scan.dat", make_pdf("Jane Doe")))
    assert result.parts[0].kind == "pdf"


def test_encrypted_pdf_is_refused_with_what_to_do(tmp_path):
    data = encrypt_pdf(make_pdf("secret Jane"), user="pw", owner="owner")
    with pytest.raises(ExtractionError) as err:
        extract_text(write(tmp_path, "locked.pdf", data))
    assert err.value.reason == "encrypted PDF: ask the owner for an unencrypted copy"


def test_pdf_with_only_an_owner_password_is_still_read(tmp_path):
    data = encrypt_pdf(make_pdf("Jane Doe"), user="", owner="owner")
    assert "Jane Doe" in extract_text(write(tmp_path, "perm.pdf", data)).text


@pytest.mark.parametrize(
    "data",
    [make_pdf("Jane")[:300], b"%PDF-1.7\nthis is not really a pdf", b"hello, not a pdf at all"],
)
def test_corrupt_pdf_is_refused(tmp_path, data):
    with pytest.raises(ExtractionError, match="corrupt PDF"):
        extract_text(write(tmp_path, "bad.pdf", data))


def test_pdf_pages_that_are_images_without_text_are_named_as_not_checked(tmp_path):
    result = extract_text(write(tmp_path, "scan.pdf", make_scan_like_pdf()))
    assert "typed page" in result.text
    assert result.notes == [
        "page(s) 1 of 3 are images without a text layer (scanned?): their content was not checked"
    ]


def test_pdf_with_drawings_but_no_text_says_so(tmp_path):
    result = extract_text(write(tmp_path, "shapes.pdf", make_image_only_pdf()))
    assert result.text.strip() == ""
    assert result.notes == ["PDF of 1 page(s) has no text"]


# --- DOCX -------------------------------------------------------------------------------------


def test_docx_paragraphs_tables_headers_footers_and_comments_are_read(tmp_path):
    result = extract_text(write(tmp_path, "ref.docx", make_docx()))
    body = result.parts[0]
    assert body.name == "document"
    assert "Referral for Jane Doe, NHS 943 476 5870" in body.text
    assert "Name\tTom Smith" in body.text
    assert "Postcode\tSW1A 1AA" in body.text
    names = [p.name for p in result.parts]
    assert any(n.startswith("header") for n in names)
    assert any(n.startswith("footer") for n in names)
    assert "OFFICIAL-SENSITIVE header" in result.text
    assert "Footer: case 42" in result.text
    assert "child protection plan" in result.text
    for part in result.parts:
        assert result.text[part.start : part.start + len(part.text)] == part.text


def test_docx_is_recognised_by_content_whatever_its_name(tmp_path):
    result = extract_text(write(tmp_path, "ref.bin", make_docx()))
    assert result.parts[0].kind == "docx"


def test_not_a_zip_named_docx_is_corrupt(tmp_path):
    with pytest.raises(ExtractionError) as err:
        extract_text(write(tmp_path, "bad.docx", b"this is not a zip"))
    assert err.value.reason == "corrupt DOCX (not a ZIP archive)"


def test_zip_without_a_word_document_named_docx_is_corrupt(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(ExtractionError, match="corrupt DOCX"):
        extract_text(write(tmp_path, "bad.docx", buf.getvalue()))


def test_docx_that_would_expand_enormously_is_refused_before_reading(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"\x00" * (8 * 1024 * 1024))
    with pytest.raises(ExtractionError, match="ZIP bomb"):
        extract_text(write(tmp_path, "bomb.docx", buf.getvalue()))


def test_docx_with_an_oversized_xml_part_is_refused_before_parsing(tmp_path, monkeypatch):
    from safehaven.core import textio

    monkeypatch.setattr(textio, "DOCX_MAX_XML_PART", 5000)
    with pytest.raises(ExtractionError, match=r"DOCX part \S+\.xml holds .* split the file"):
        extract_text(write(tmp_path, "long.docx", make_docx()))


def test_password_protected_office_file_is_refused_with_what_to_do(tmp_path):
    # An encrypted DOCX is an OLE compound file holding an "EncryptedPackage" stream.
    fake = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le")
    )
    with pytest.raises(ExtractionError, match="encrypted DOCX"):
        extract_text(write(tmp_path, "locked.docx", fake))
    with pytest.raises(ExtractionError, match=r"old Word format \(\.doc\)"):
        extract_text(write(tmp_path, "old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64))
    with pytest.raises(ExtractionError, match="Outlook .msg"):
        extract_text(write(tmp_path, "mail.msg", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64))


def test_plain_zip_archive_asks_to_be_unpacked(tmp_path):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", "hi")
    with pytest.raises(ExtractionError, match="unpack"):
        extract_text(write(tmp_path, "files.zip", buf.getvalue()))


# --- email ------------------------------------------------------------------------------------


def test_email_headers_plain_body_and_attachments_are_all_read(tmp_path):
    msg = make_email(report_pdf=make_pdf("PDF says NHS 943 476 5870"), ref_docx=make_docx())
    msg.add_attachment(b"text attachment: NI AB123456C", maintype="text", subtype="plain",
                       filename="notes.txt")  # fmt: skip
    result = extract_text(write(tmp_path, "m.eml", bytes(msg)))
    kinds = [(p.name, p.kind) for p in result.parts]
    assert kinds[0] == ("message headers", "email-headers")
    assert kinds[1] == ("message body", "email-body")
    assert ("message > report.pdf", "pdf") in kinds
    assert ("message > ref.docx > document", "docx") in kinds
    assert ("message > notes.txt", "text") in kinds
    headers = result.parts[0].text
    assert "From: Social Worker <sw@council.gov.uk>" in headers
    assert "To: senco@school.sch.uk" in headers
    assert "Subject: Jane Doe UPN B801200005001" in headers
    assert "Plain body about Jane." in result.text
    assert "<b>" not in result.text  # the plain alternative is chosen over HTML
    assert "PDF says NHS 943 476 5870" in result.text
    assert "Name\tTom Smith" in result.text
    assert "NI AB123456C" in result.text


def test_encoded_headers_are_decoded_and_bcc_is_kept():
    raw = (
        b"From: =?utf-8?b?Wm/DqyBLaGFu?= <zoe@school.sch.uk>\r\n"
        b"To: sw@council.gov.uk\r\nBcc: dsl@school.sch.uk\r\n"
        b"Subject: =?iso-8859-1?q?Caf=E9_meeting?=\r\n"
        b"Content-Type: text/plain; charset=iso-8859-1\r\n\r\nSee you at the caf\xe9.\r\n"
    )
    result = extract_message_bytes(raw)
    headers = result.parts[0].text.splitlines()
    assert headers == [
        "From: Zoë Khan <zoe@school.sch.uk>",
        "To: sw@council.gov.uk",
        "Bcc: dsl@school.sch.uk",
        "Subject: Café meeting",
    ]
    assert result.parts[1].text.strip() == "See you at the café."


def test_a_stub_plain_version_does_not_hide_the_html_body():
    msg = EmailMessage()
    msg["Subject"] = "newsletter"
    msg.set_content("View this email in your browser.")
    msg.add_alternative(
        "<p>" + "Tom Smith, NHS 943 476 5870, was seen at home today. " * 5 + "</p>", subtype="html"
    )
    result = extract_message_bytes(bytes(msg))
    assert "943 476 5870" in result.text
    assert "View this email" not in result.text
    assert "message: body sent in 2 versions, scanned the text/html one" in result.notes


def test_html_only_email_is_converted_without_script(tmp_path):
    msg = EmailMessage()
    msg["Subject"] = "hi"
    msg.set_content(
        "<html><body><p>Amir&#39;s UPN</p><script>steal()</script></body></html>", subtype="html"
    )
    result = extract_message_bytes(bytes(msg))
    assert result.parts[-1].kind == "html"
    assert result.parts[-1].text == "Amir's UPN"


def test_nested_messages_are_read_down_to_the_depth_limit():
    innermost = EmailMessage()
    innermost["Subject"] = "level 3"
    innermost.set_content("deepest body")
    middle = EmailMessage()
    middle["Subject"] = "level 2"
    middle.set_content("middle body")
    middle.add_attachment(innermost)
    outer = EmailMessage()
    outer["Subject"] = "level 1"
    outer.set_content("outer body")
    outer.add_attachment(middle)
    full = extract_message_bytes(bytes(outer))
    assert "deepest body" in full.text
    assert "message > attached message > attached message body" in [p.name for p in full.parts]
    limited = extract_message_bytes(bytes(outer), max_depth=1)
    assert "middle body" in limited.text
    assert "deepest body" not in limited.text
    assert any("nested deeper than 1" in n for n in limited.notes)


def test_unreadable_attachments_become_notes_and_the_rest_is_scanned():
    locked = encrypt_pdf(make_pdf("hidden"), user="pw", owner="o")
    msg = make_email(locked_pdf=locked, photo_png=b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    msg.add_attachment(b"\x00\x01\x02" * 50, maintype="application", subtype="octet-stream",
                       filename="blob.bin")  # fmt: skip
    result = extract_message_bytes(bytes(msg))
    assert "Plain body about Jane." in result.text
    assert any("locked.pdf: encrypted PDF" in n for n in result.notes)
    assert any("photo.png: image/png attachment not scanned" in n for n in result.notes)
    assert any("blob.bin: not a text file (binary content)" in n for n in result.notes)


def test_message_over_the_limit_is_refused():
    raw = bytes(make_email())
    with pytest.raises(ExtractionError, match="limit"):
        extract_message_bytes(raw, max_bytes=len(raw) - 1)


def test_eml_part_offsets_point_into_the_joined_text(tmp_path):
    result = extract_text(write(tmp_path, "m.eml", bytes(make_email(a_pdf=make_pdf("Jane")))))
    for part in result.parts:
        assert result.text[part.start : part.start + len(part.text)] == part.text


def test_headerless_file_without_eml_suffix_is_sniffed_as_email(tmp_path):
    msg = make_email()
    result = extract_text(write(tmp_path, "saved_message", bytes(msg)))
    assert result.parts[0].kind == "email-headers"
    assert extract_bytes(bytes(msg), name="m.txt").parts[0].kind == "text"


def test_docx_text_boxes_are_read_once_and_tracked_deletions_are_read(tmp_path):
    from lxml import etree

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
    fragment = f"""
    <w:p xmlns:w="{w}" xmlns:mc="{mc}">
      <w:r><mc:AlternateContent>
        <mc:Choice Requires="wps"><w:txbxContent><w:p><w:r><w:t>Box: Amir Khan</w:t></w:r></w:p>
        </w:txbxContent></mc:Choice>
        <mc:Fallback><w:txbxContent><w:p><w:r><w:t>Box: Amir Khan</w:t></w:r></w:p>
        </w:txbxContent></mc:Fallback>
      </mc:AlternateContent></w:r>
      <w:del><w:r><w:delText>old NHS 943 476 5870</w:delText></w:r></w:del>
    </w:p>"""
    document = docx.Document()
    document.add_paragraph("Before")
    document.element.body.insert(0, etree.fromstring(fragment))
    buf = io.BytesIO()
    document.save(buf)
    text = extract_text(write(tmp_path, "box.docx", buf.getvalue())).text
    assert text.count("Box: Amir Khan") == 1
    assert "old NHS 943 476 5870" in text
    assert "Before" in text


# --- XLSX and PPTX ----------------------------------------------------------------------------


def make_xlsx() -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Pupils"
    sheet.append(["Name", "UPN", "NHS number"])
    sheet.append(["Jane Doe", "B801200005001", 9434765870])
    other = book.create_sheet("Contacts")
    other.append(["Mum", "07123 456789"])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def make_pptx() -> bytes:
    import pptx

    deck = pptx.Presentation()
    slide = deck.slides.add_slide(deck.slide_layouts[1])
    slide.shapes.title.text = "Case review: Tom Smith"
    slide.placeholders[1].text = "NHS 943 476 5870"
    slide.notes_slide.notes_text_frame.text = "Speaker note: CP plan since May"
    buf = io.BytesIO()
    deck.save(buf)
    return buf.getvalue()


def test_xlsx_sheets_are_read_row_by_row_with_numbers_kept(tmp_path):
    result = extract_text(write(tmp_path, "pupils.xlsx", make_xlsx()))
    assert [p.name for p in result.parts] == ["sheet Pupils", "sheet Contacts"]
    assert result.parts[0].text.splitlines() == [
        "Name\tUPN\tNHS number",
        "Jane Doe\tB801200005001\t9434765870",
    ]
    assert result.parts[1].text == "Mum\t07123 456789"


def test_pptx_slides_and_speaker_notes_are_read(tmp_path):
    result = extract_text(write(tmp_path, "review.pptx", make_pptx()))
    assert [p.name for p in result.parts] == ["slide 1", "notes 1"]
    assert "Case review: Tom Smith" in result.parts[0].text
    assert "NHS 943 476 5870" in result.parts[0].text
    assert "CP plan since May" in result.parts[1].text


def test_office_files_are_recognised_by_content_and_inside_email(tmp_path):
    assert extract_bytes(make_xlsx(), name="download").parts[0].kind == "xlsx"
    assert extract_bytes(make_pptx(), name="download").parts[0].kind == "pptx"
    msg = make_email()
    msg.add_attachment(make_xlsx(), maintype="application", subtype="octet-stream",
                       filename="list.xlsx")  # fmt: skip
    result = extract_message_bytes(bytes(msg))
    assert "message > list.xlsx > sheet Pupils" in [p.name for p in result.parts]


@pytest.mark.parametrize(("name", "what"), [("bad.xlsx", "XLSX"), ("bad.pptx", "PPTX")])
def test_corrupt_and_encrypted_xlsx_and_pptx_are_refused(tmp_path, name, what):
    with pytest.raises(ExtractionError, match=f"corrupt {what} \\(not a ZIP archive\\)"):
        extract_text(write(tmp_path, name, b"not a zip"))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(ExtractionError, match=f"corrupt {what} \\(not"):
        extract_text(write(tmp_path, name, buf.getvalue()))
    locked = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 64 + "EncryptedPackage".encode("utf-16-le")
    )
    with pytest.raises(ExtractionError, match=f"encrypted {what}"):
        extract_text(write(tmp_path, name, locked))


# --- damaged files never escape as tracebacks -------------------------------------------------

_SEEDS: dict[str, bytes] = {}


def seed_file(name: str) -> bytes:
    if name not in _SEEDS:
        builders = {
            "a.docx": make_docx,
            "a.xlsx": make_xlsx,
            "a.pptx": make_pptx,
            "a.pdf": lambda: make_pdf("Jane Doe", "page two"),
            "a.eml": lambda: bytes(make_email(r_pdf=make_pdf("x"), d_docx=make_docx())),
        }
        _SEEDS[name] = builders[name]()
    return _SEEDS[name]


@settings(max_examples=60, deadline=None)
@given(data=st.data())
@pytest.mark.parametrize("name", ["a.docx", "a.xlsx", "a.pptx", "a.pdf", "a.eml"])
def test_damaged_files_give_text_or_a_one_line_error_never_a_traceback(name, data):
    """Fuzzing found zlib, NotImplementedError, RuntimeError and ValueError escaping from
    damaged ZIP entries; every damage must end as text or an ExtractionError."""
    original = bytearray(seed_file(name))
    how = data.draw(st.sampled_from(["flip", "truncate", "cut"]))
    if how == "flip":
        for _ in range(data.draw(st.integers(1, 30))):
            original[data.draw(st.integers(0, len(original) - 1))] = data.draw(st.integers(0, 255))
    elif how == "truncate":
        original = original[: data.draw(st.integers(0, len(original) - 1))]
    else:
        at = data.draw(st.integers(0, len(original) - 1))
        del original[at : at + data.draw(st.integers(1, 500))]
    try:
        result = extract_bytes(bytes(original), name=name)
    except ExtractionError as err:
        message = str(err)
    else:
        message = ""
        assert isinstance(result.text, str)
    assert "\n" not in message


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(["a.txt", "noext", "a.html", "a.eml", "a.csv"]))
def test_arbitrary_bytes_give_text_or_a_one_line_error(blob, name):
    message = ""
    try:
        result = extract_bytes(blob, name=name)
    except ExtractionError as err:
        message = str(err)
    else:
        assert isinstance(result.text, str)
    assert "\n" not in message


def test_every_truncation_of_an_email_gives_text_or_a_one_line_error():
    """A message cut inside its From header once raised HeaderParseError from the parser."""
    raw = bytes(make_email())
    for end in range(0, len(raw), 3):
        message = ""
        try:
            extract_bytes(raw[:end], name="cut.eml")
        except ExtractionError as err:
            message = str(err)
        assert "\n" not in message
    assert extract_bytes(raw[:24], name="cut.eml").parts[0].text == "From: Social Worker <sw@"
