"""The bulk DATA reader gives the same results as aiosmtpd's line-by-line one."""

from __future__ import annotations

import smtplib
import socket
from concurrent.futures import ThreadPoolExecutor

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


# --- the end of DATA, with the stream cut into any reads -----------------------------------------


def _reference_end(stream: bytes) -> int:
    """Where DATA ends as this reader used to find it (a ".\\r\\n" at the start or after a
    CRLF): the index of that ".\\r\\n"."""
    i = 0
    while True:
        i = stream.index(b".\r\n", i)
        if i == 0 or stream[i - 2 : i] == b"\r\n":
            return i
        i += 1


def _unstuffed(data: bytes) -> bytes:
    return (data[1:] if data.startswith(b".") else data).replace(b"\r\n.", b"\r\n")


def _read_data_from(chunks: list[bytes]) -> tuple[bytes | None, str | None, bytes]:
    """Runs the bulk reader on a stream that arrives in `chunks`: (data, error, what is left)."""
    import asyncio

    from safehaven.gateway.smtpd import BulkDataSMTP

    class Fake:
        transport = object()
        data_size_limit = 1_000_000
        line_length_limit = 1001

    async def run():
        reader = asyncio.StreamReader(limit=2**16)
        fake = Fake()
        fake._reader = reader

        async def feed():
            for c in chunks:
                reader.feed_data(c)
                await asyncio.sleep(0)
            reader.feed_eof()

        feeding = asyncio.ensure_future(feed())
        data, error = await BulkDataSMTP._read_data(fake)  # noqa: SLF001
        await feeding
        return data, error, await reader.read()

    # In a thread of its own: in the whole suite the browser tests' Playwright (sync API) has
    # left an event loop marked running in the main thread, where asyncio.run refuses to start.
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, run()).result()


_PIECES = [b"a", b".", b"..", b"\r", b"\n", b"\r\n", b".\r\n", b"\r\n.\r\n", b"\r\n..\r\n"]
_PIECES += [b"x.\r\n"]


@given(
    st.lists(st.sampled_from(_PIECES), max_size=25),
    st.lists(st.integers(1, 12), min_size=1, max_size=40),
)
def test_the_end_of_data_is_found_however_the_stream_is_cut(pieces, cuts):
    stream = b"".join(pieces) + b"\r\n.\r\nMAIL FROM:<a@b.org>\r\n"
    end = _reference_end(stream)
    chunks, pos = [], 0
    for n in cuts:
        chunks.append(stream[pos : pos + n])
        pos += n
    chunks.append(stream[pos:])
    data, error, left = _read_data_from([c for c in chunks if c])
    assert error is None
    assert data == _unstuffed(stream[:end])
    # Nothing after the end of DATA was read (a pipelined command stays for the server).
    assert left == stream[end + 3 :]


@pytest.mark.parametrize(
    "stream",
    [b".\r\n", b"\r\n.\r\n", b"a\r\n.\r\n", b"..\r\n.\r\n", b"a.\r\n\r\n.\r\n", b"\r\n\r\n.\r\n"],
)
def test_short_messages_end_where_the_dot_line_is(stream):
    for cut in range(1, len(stream)):
        data, error, left = _read_data_from([stream[:cut], stream[cut:] + b"QUIT\r\n"])
        end = _reference_end(stream)
        assert (data, error, left) == (_unstuffed(stream[:end]), None, b"QUIT\r\n")


# --- MAIL FROM / RCPT TO addresses ------------------------------------------------------------

_ADDRESS_PIECES = ["a", "B", "0", ".", "@", "<", ">", " ", "\t", "(", ")", '"', "[", "]", "-"]
_ADDRESS_PIECES += ["_", "+", "=", ",", ":", "\\", "SIZE=100", " BODY=8BITMIME", "ü", "é"]


@pytest.mark.parametrize("local_part_limit", [0, 3])
@given(
    st.one_of(
        st.lists(st.sampled_from(_ADDRESS_PIECES), max_size=20).map("".join),
        st.builds(
            "{}<{}@{}>{}{}".format,
            st.sampled_from(["", " ", "\t "]),
            st.from_regex(r"[a-z0-9.!#$%&'*+/=?^_`{|}~-]{0,8}", fullmatch=True),
            st.from_regex(r"[a-zA-Z0-9.-]{0,10}", fullmatch=True),
            st.sampled_from(["", " ", "  ", "\t", " (c) "]),
            st.sampled_from(["", "SIZE=1", "BODY=8BITMIME SIZE=20", "(x)"]),
        ),
    )
)
def test_addresses_are_read_as_aiosmtpd_reads_them(local_part_limit, arg):
    from aiosmtpd.smtp import SMTP

    from safehaven.gateway.smtpd import BulkDataSMTP

    class Limits:
        pass

    limits = Limits()
    limits.local_part_limit = local_part_limit

    def outcome(getaddr):  # noqa: ANN001, ANN202 - the stdlib's parser can raise (IndexError)
        try:
            return getaddr(limits, arg)
        except Exception as exc:  # noqa: BLE001
            return type(exc)

    assert outcome(BulkDataSMTP._getaddr) == outcome(SMTP._getaddr)
