"""Line endings and the verdict header on relayed bytes."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default

from hypothesis import given, settings
from hypothesis import strategies as st

from safehaven.gateway.relay import normalise_line_endings, with_verdict_header


def test_bare_lf_becomes_crlf_and_bare_cr_becomes_a_space():
    assert normalise_line_endings(b"a\nb\r\nc\rd") == b"a\r\nb\r\nc d"


def test_verdict_header_goes_on_top_and_incoming_ones_go_with_their_continuations():
    raw = (
        b"X-SafeHaven-Verdict: allow;\r\n forged=1\r\nSubject: hi\r\n"
        b"x-safehaven-other: y\r\nTo: a@b.org\r\n\r\nbody\r\nX-SafeHaven-Verdict: in body\r\n"
    )
    out = with_verdict_header(raw, "hold; id=1")
    msg = message_from_bytes(out, policy=default)
    assert msg.get_all("X-SafeHaven-Verdict") == ["hold; id=1"]
    assert msg["x-safehaven-other"] is None
    assert msg["Subject"] == "hi"
    assert msg["To"] == "a@b.org"
    assert out.endswith(b"\r\n\r\nbody\r\nX-SafeHaven-Verdict: in body\r\n")


def test_message_without_a_body_keeps_its_headers():
    out = with_verdict_header(b"Subject: only headers\r\n", "allow")
    assert out.startswith(b"X-SafeHaven-Verdict: allow\r\nSubject: only headers")


# The fast paths (counts instead of regex passes, bytes.replace instead of smtplib's regex)
# give the same bytes as the slow ones.

_PIECES = st.sampled_from([b"\r\n", b"\n", b"\r", b".", b"..", b"a", b" ", b"\r\n.", b"x.y"])


def _sent_by_relay(raw: bytes, *, no_dot_lines: bool = False) -> list[bytes]:
    """What the relay's SMTP client puts on the wire for DATA, with the server faked."""
    from safehaven.gateway.relay import _SMTP

    sent: list[bytes] = []
    client = _SMTP()
    if no_dot_lines:
        client.no_dot_lines = True
    client.putcmd = lambda *a: None
    client.getreply = lambda: (354, b"go") if not sent else (250, b"ok")
    client.send = sent.append
    client.data(raw)
    return sent


def _smtplib_wire(raw: bytes) -> bytes:
    """The DATA bytes smtplib itself sends for `raw`."""
    import smtplib

    expected = smtplib._quote_periods(raw)
    if expected[-2:] != b"\r\n":
        expected += b"\r\n"
    return expected + b".\r\n"


@given(st.lists(_PIECES, max_size=60))
@settings(max_examples=300)
def test_normalising_gives_the_same_bytes_as_the_regular_expressions(pieces):
    from safehaven.gateway.relay import _BARE_CR, _BARE_LF

    raw = b"".join(pieces)
    assert normalise_line_endings(raw) == _BARE_LF.sub(b"\r\n", _BARE_CR.sub(b" ", raw))


@given(st.lists(_PIECES, max_size=60))
@settings(max_examples=300)
def test_dot_stuffing_on_the_wire_is_smtplibs(pieces):
    raw = normalise_line_endings(b"".join(pieces))
    sent = _sent_by_relay(raw)
    assert sent == [_smtplib_wire(raw)]


@given(st.lists(_PIECES, max_size=60))
@settings(max_examples=300)
def test_a_message_without_dot_lines_goes_on_the_wire_as_smtplib_sends_it(pieces):
    """`no_dot_lines` (set by the pool for such a message) gives smtplib's bytes."""
    raw = normalise_line_endings(b"".join(pieces))
    if raw.startswith(b".") or b"\n." in raw:
        raw = b"x" + raw.replace(b"\n.", b"\nx")
    sent = _sent_by_relay(raw, no_dot_lines=True)
    assert sent == [_smtplib_wire(raw)]
