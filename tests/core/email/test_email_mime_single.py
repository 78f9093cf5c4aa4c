"""A message that is not multipart has only its header block read by the standard parser and
the rest set as the payload (speed): the message must be exactly what the standard parser gives
for the whole text, and anything unusual must go to the standard parser."""

from __future__ import annotations

import email
from email.message import EmailMessage

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safehaven.core.email import mime


def _shape(msg) -> list:  # noqa: ANN001
    out = []
    for part in msg.walk():
        payload = part._payload  # noqa: SLF001
        out.append(
            (
                list(part.raw_items()),
                payload if isinstance(payload, str) else None,
                [type(d).__name__ for d in part.defects],
                part.preamble,
                part.epilogue,
                part.is_multipart(),
                part.get_content_type(),
            )
        )
    return out


def _check(raw: bytes) -> None:
    fast = mime.parse(raw)
    whole = email.message_from_bytes(raw, policy=mime.POLICY)
    assert _shape(fast) == _shape(whole)
    a, b = mime.extract(fast), mime.extract(email.message_from_bytes(raw, policy=mime.POLICY))
    assert (a.plain, a.html, a.problems, a.parts) == (b.plain, b.html, b.problems, b.parts)


def test_a_plain_text_message_takes_the_short_way_and_reads_the_same():
    m = EmailMessage()
    m["From"] = "officer@ashby.sch.uk"
    m["To"] = "sarah.jones@leics.gov.uk"
    m["Subject"] = "Amelia – update"
    m.set_content("Dear Sarah,\n\nAmelia Whitworth (DOB 12/03/2014) is fine.\n" * 200)
    raw = m.as_bytes(policy=m.policy.clone(linesep="\r\n"))
    assert mime._parse_single_part(raw) is not None
    _check(raw)


@pytest.mark.parametrize(
    "raw",
    [
        b"From: a@b\nSubject: LF only\n\nbody\r\n\r\nmore\n",  # header block ends earlier
        b"From: a@b\r\nthis is not a header\r\nSubject: x\r\n\r\nbody\r\n",  # defect
        b"Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n",
        b"Content-Type: message/rfc822\r\n\r\nFrom: c@d\r\n\r\ninner\r\n",
        b"From: a@b\r\nSubject: no body",
    ],
)
def test_unusual_messages_go_to_the_standard_parser(raw):
    assert mime._parse_single_part(raw) is None
    _check(raw)


_HEADERS = [
    "From: officer@ashby.sch.uk",
    "To: Sarah <sarah@leics.gov.uk>",
    "Subject: =?utf-8?q?Amelia_=E2=80=93_update?=",
    "Subject: folded",
    " continuation line",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Type: text/html",
    "Content-Type: text/plain; charset=unknown-8bit",
    "Content-Type: multipart/mixed; boundary=b",
    "Content-Type: multipart/alternative",
    "Content-Type: message/rfc822",
    "Content-Type: application/pdf",
    "Content-Type: multipart",
    "Content-Transfer-Encoding: base64",
    "Content-Transfer-Encoding: quoted-printable",
    "not a header line",
    "From nobody Tue Nov 25 10:00:00 2026",
    "X-Empty:",
]
_BODY = [
    "Dear Sarah,",
    "",
    "Amelia =E2=80=93 fine=",
    "QW1lbGlh",
    "--b",
    "--b--",
    "Content-Type: text/plain",
    "caf\udce9",
    "> quoted",
    ".",
]


@given(
    st.lists(st.sampled_from(_HEADERS), max_size=8),
    st.lists(st.sampled_from(_BODY), max_size=12),
    st.sampled_from(["\r\n", "\n"]),
    st.booleans(),
)
@settings(max_examples=500, deadline=None)
def test_generated_messages_are_read_as_the_standard_parser_reads_them(head, body, sep, blank):
    text = sep.join(head) + (sep + sep if blank else sep) + sep.join(body)
    _check(text.encode("utf-8", "surrogateescape"))
