"""The bulk DATA reader gives the same results as aiosmtpd's line-by-line one."""

from __future__ import annotations

import smtplib
import socket

import pytest
from aiosmtpd.controller import Controller
from hypothesis import given
from hypothesis import strategies as st

from safehaven.gateway.smtpd import BulkDataController, has_long_line
from tests.gateway.conftest import Sink, free_port

CASES = [
    b"Subject: a\r\n\r\nplain\r\n",
    b"Subject: b\r\n\r\n.leading dot\r\n..two dots\r\nend of sentence.\r\n.\r\nx\r\n",
    b"Subject: c\r\n\r\n" + b"A" * 76 + b"\r\n" * 1 + (b"QUJD" * 19 + b"\r\n") * 5000,
    b"Subject: d\r\n\r\nlast line ends with a dot.",
    b"Subject: e\r\n\r\n" + "non-ASCII ünïcödé\r\n".encode(),
]


@pytest.fixture(params=[Controller, BulkDataController], ids=["aiosmtpd", "bulk"])
def server(request):
    sink = Sink()
    port = free_port()
    ctl = request.param(sink, hostname="127.0.0.1", port=port, data_size_limit=1_000_000)
    ctl.start()
    yield sink, port
    ctl.stop()


@pytest.mark.parametrize("raw", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_smtplib_conversations_store_the_same_bytes(server, raw):
    sink, port = server
    with smtplib.SMTP("127.0.0.1", port) as client:
        client.sendmail("a@b.org", ["c@d.org"], raw)
    expected = raw if raw.endswith(b"\r\n") else raw + b"\r\n"
    assert sink.messages[0][2] == expected


def test_too_large_gives_552_and_the_session_goes_on(server):
    # Raw SMTP without SIZE=, so the limit is met in the DATA phase, not at MAIL FROM.
    sink, port = server
    with socket.create_connection(("127.0.0.1", port)) as s:
        f = s.makefile("rb")
        f.readline()
        s.sendall(b"HELO x\r\nMAIL FROM:<a@b.org>\r\nRCPT TO:<c@d.org>\r\nDATA\r\n")
        for _ in range(4):
            f.readline()
        s.sendall(b"Subject: x\r\n\r\n" + (b"y" * 98 + b"\r\n") * 12000 + b".\r\n")
        assert f.readline().startswith(b"552")
        s.sendall(b"MAIL FROM:<a@b.org>\r\nRCPT TO:<c@d.org>\r\nDATA\r\n")
        for _ in range(3):
            f.readline()
        s.sendall(b"Subject: ok\r\n\r\nok\r\n.\r\nQUIT\r\n")
        assert f.readline().startswith(b"250")
    assert [m[2] for m in sink.messages] == [b"Subject: ok\r\n\r\nok\r\n"]


def test_overlong_line_gives_500(server):
    sink, port = server
    with smtplib.SMTP("127.0.0.1", port) as client, pytest.raises(smtplib.SMTPDataError) as err:
        client.sendmail("a@b.org", ["c@d.org"], b"Subject: x\r\n\r\n" + b"z" * 2000 + b"\r\n")
    assert err.value.smtp_code == 500
    assert sink.messages == []


def test_pipelined_commands_after_data_are_not_swallowed(server):
    sink, port = server
    with socket.create_connection(("127.0.0.1", port)) as s:
        f = s.makefile("rb")
        f.readline()
        s.sendall(b"EHLO x\r\n")
        while not f.readline().startswith(b"250 "):
            pass
        s.sendall(b"MAIL FROM:<a@b.org>\r\nRCPT TO:<c@d.org>\r\nDATA\r\n")
        assert f.readline().startswith(b"250")
        assert f.readline().startswith(b"250")
        assert f.readline().startswith(b"354")
        # The end of DATA and the next commands in one write, split oddly.
        s.sendall(b"Subject: p\r\n\r\nbody\r\n.")
        s.sendall(b"\r\nMAIL FROM:<a@b.org>\r\nRCPT TO:<e@f.org>\r\nDATA\r\n")
        assert f.readline().startswith(b"250")
        assert f.readline().startswith(b"250")
        assert f.readline().startswith(b"250")
        assert f.readline().startswith(b"354")
        s.sendall(b".\r\nQUIT\r\n")
        assert f.readline().startswith(b"250")
        assert f.readline().startswith(b"221")
    assert [m[2] for m in sink.messages] == [b"Subject: p\r\n\r\nbody\r\n", b""]


@given(
    st.lists(st.one_of(st.integers(0, 12), st.just(998), st.just(999), st.just(1000)), max_size=30),
    st.sampled_from([b"x", b"\r", b"\n", b"."]),
    st.integers(5, 1000),
)
def test_long_line_check_gives_the_answer_of_splitting_every_line(lengths, filler, longest):
    data = b"\r\n".join(filler * n for n in lengths)
    expected = max(map(len, data.split(b"\r\n"))) > longest
    assert has_long_line(data, longest) == expected


@pytest.mark.parametrize("raw", CASES, ids=[f"case{i}" for i in range(len(CASES))])
def test_the_bulk_reader_says_whether_any_line_starts_with_a_dot(raw):
    from safehaven.gateway.smtpd import NO_DOT_LINES

    seen: list[tuple[bytes, object]] = []

    class Recording:
        async def handle_DATA(self, server, session, envelope):
            seen.append((envelope.original_content, getattr(envelope, NO_DOT_LINES, None)))
            return "250 OK"

    port = free_port()
    ctl = BulkDataController(Recording(), hostname="127.0.0.1", port=port)
    ctl.start()
    try:
        with smtplib.SMTP("127.0.0.1", port) as client:
            client.sendmail("a@b.org", ["c@d.org"], raw)
    finally:
        ctl.stop()
    content, flag = seen[0]
    assert flag is (not any(line.startswith(b".") for line in content.split(b"\r\n")))
