"""Line endings and the verdict header on relayed bytes."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default

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
