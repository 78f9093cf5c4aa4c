"""A large message stored with LF line endings gets the fast parse (its big base64 attachments
set aside) for the held message's attachment list and text, with the same answers as reading it
line by line as before: names, types, sizes (text attachments' sizes without the CRs the parse
adds) and the text."""

from __future__ import annotations

import os
from email.message import EmailMessage
from email.policy import SMTP

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safehaven.core.email import mime
from safehaven.email import selectors
from safehaven.email.selectors import message_outline, message_text

PDF = os.urandom(300 * 1024)


def _message(*, text: str = "Amelia's report is attached.\n", extra=(), html=False) -> bytes:
    msg = EmailMessage()
    msg["From"] = "officer@ashby.sch.uk"
    msg["To"] = "Sarah Jones <sarah.jones@charnwood-health.nhs.uk>, mum@gmail.com"
    msg["Subject"] = "A long subject line that the mail program folds onto a second line " * 2
    msg.set_content(text)
    if html:
        msg.add_alternative(f"<p>{text}</p>", subtype="html")
    msg.add_attachment(PDF, maintype="application", subtype="pdf", filename="report.pdf")
    for name, body, cte in extra:
        msg.add_attachment(body, subtype="plain", filename=name, cte=cte)
    return msg.as_bytes(policy=SMTP).replace(b"\r\n", b"\n")


def _before(raw: bytes):
    """The outline and text as an LF message was read before: the parser line by line."""
    parsed = mime.parse(raw)
    assert not getattr(parsed, "_safehaven_blobs", None)  # (no CRLF: nothing set aside)
    outline = selectors._outline(parsed)  # noqa: SLF001 - the code path before the change
    body = mime.parse(raw).get_body(preferencelist=("plain", "html"))
    content = body.get_content()
    text = content if body.get_content_subtype() == "plain" else selectors.html_to_text(content)
    return outline, text


CASES = {
    "pdf only": _message(),
    "html alternative": _message(html=True),
    "7bit, quoted-printable and 8bit text attachments": _message(
        extra=[
            ("notes.txt", "line one\nline two\n\nline four\n", "7bit"),
            ("long.txt", ("word " * 40 + "caf\u00e9 = \u00bd\n") * 5, "quoted-printable"),
            ("raw.txt", "na\u00efve r\u00e9sum\u00e9\nsecond\n", "8bit"),
        ]
    ),
    "a small base64 text attachment": _message(extra=[("b64.txt", "a\nb\n" * 50, "base64")]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_an_lf_message_reads_the_same_the_fast_way(name):
    raw = CASES[name]
    assert b"\r" not in raw
    crlf, lf_only = selectors._crlf_for_parse(raw)  # noqa: SLF001
    assert lf_only
    assert getattr(mime.parse(crlf), "_safehaven_blobs", None)  # the PDF set aside
    outline, text = _before(raw)
    now = message_outline(raw)
    assert now == outline
    assert [a.name for a in now.attachments][0] == "report.pdf"
    assert now.attachments[0].size == len(PDF)
    assert message_text(raw) == (text, "plain")


def test_a_message_with_any_cr_or_a_small_one_is_read_as_before():
    small = b"From: a@b.org\nTo: c@d.org\nSubject: x\n\nhello\n"
    assert selectors._crlf_for_parse(small) == (small, False)  # noqa: SLF001
    mixed = CASES["pdf only"].replace(b"\n", b"\r\n", 3)
    assert selectors._crlf_for_parse(mixed) == (mixed, False)  # noqa: SLF001
    crlf = CASES["pdf only"].replace(b"\n", b"\r\n")
    assert selectors._crlf_for_parse(crlf) == (crlf, False)  # noqa: SLF001


LINES = st.lists(
    st.text(alphabet=st.sampled_from(list("abc XYZ=.\t\u00e9\u00bd-")), min_size=0, max_size=90),
    min_size=1,
    max_size=8,
)


@settings(max_examples=25, deadline=None)
@given(lines=LINES, cte=st.sampled_from(["7bit", "8bit", "quoted-printable", "base64"]))
def test_text_attachment_sizes_match_reading_line_by_line(lines, cte):
    body = "\n".join(lines) + "\n"
    if cte == "7bit" and not body.isascii():
        cte = "8bit"
    raw = _message(extra=[("a.txt", body, cte)])
    outline, _ = _before(raw)
    assert message_outline(raw) == outline
