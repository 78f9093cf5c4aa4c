"""The stdlib DNS TXT resolver against a loopback UDP server that answers like a real one."""

from __future__ import annotations

import socket
import struct
import threading

import pytest

from safehaven.gateway.transport_lookup import (
    SystemLookup,
    build_txt_query,
    parse_txt_response,
)


def _answer(query: bytes, records: list[list[bytes]], rcode: int = 0) -> bytes:
    qid = struct.unpack(">H", query[:2])[0]
    question = query[12:]
    header = struct.pack(">HHHHHH", qid, 0x8180 | rcode, 1, len(records), 0, 0)
    answers = b""
    for strings in records:
        rdata = b"".join(bytes([len(s)]) + s for s in strings)
        answers += b"\xc0\x0c" + struct.pack(">HHIH", 16, 1, 300, len(rdata)) + rdata
    return header + question + answers


@pytest.fixture
def dns_server():
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.1", 0))
    zone = {
        "_dmarc.agency.org.uk": [[b"v=DMARC1; ", b"p=reject"]],
        "_mta-sts.agency.org.uk": [[b"v=STSv1; id=1"], [b"unrelated"]],
    }

    def serve():
        while True:
            try:
                data, addr = sock.recvfrom(512)
            except OSError:
                return
            name, pos = [], 12
            while data[pos]:
                n = data[pos]
                name.append(data[pos + 1 : pos + 1 + n].decode())
                pos += 1 + n
            key = ".".join(name)
            if key in zone:
                sock.sendto(_answer(data, zone[key]), addr)
            else:
                sock.sendto(_answer(data, [], rcode=3), addr)

    t = threading.Thread(target=serve, daemon=True)
    t.start()
    yield sock.getsockname()[1]
    sock.close()


def test_txt_records_are_read_and_joined(dns_server):
    lookup = SystemLookup(["127.0.0.1"], port=dns_server, timeout=2)
    assert lookup.txt("_dmarc.agency.org.uk") == ["v=DMARC1; p=reject"]
    assert lookup.txt("_mta-sts.agency.org.uk") == ["v=STSv1; id=1", "unrelated"]
    assert lookup.txt("_dmarc.nowhere.org.uk") == []


def test_mismatched_response_id_is_refused():
    query = build_txt_query("x.org", 1234)
    with pytest.raises(OSError, match="id"):
        parse_txt_response(
            _answer(query, [[b"v=DMARC1"]]).replace(b"\x04\xd2", b"\x00\x01", 1), 1234
        )


def test_only_https_is_fetched():
    with pytest.raises(ValueError, match="https"):
        SystemLookup(["127.0.0.1"]).https_get("http://mta-sts.x.org/.well-known/mta-sts.txt")
