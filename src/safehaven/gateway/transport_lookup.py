"""The real look-ups for the transport refresher: DNS TXT over UDP (standard library only) and
HTTPS GET for MTA-STS policy files. Run from cron or a timer, never on the send path:

    python -m safehaven.gateway.transport_lookup --policy /etc/safehaven/email-policy.json

The gateway re-reads the policy file when it changes, so no restart is needed.
"""

from __future__ import annotations

import argparse
import secrets
import socket
import struct
import sys
import urllib.error
import urllib.request
from pathlib import Path


def _nameservers(resolv_conf: str = "/etc/resolv.conf") -> list[str]:
    servers = []
    try:
        for line in Path(resolv_conf).read_text().splitlines():
            parts = line.split()
            if len(parts) >= 2 and parts[0] == "nameserver":
                servers.append(parts[1])
    except OSError:
        pass
    return servers or ["127.0.0.1"]


def build_txt_query(name: str, qid: int) -> bytes:
    header = struct.pack(">HHHHHH", qid, 0x0100, 1, 0, 0, 0)  # recursion desired, 1 question
    labels = b"".join(
        bytes([len(p)]) + p for p in (label.encode("idna") for label in name.rstrip(".").split("."))
    )
    return header + labels + b"\x00" + struct.pack(">HH", 16, 1)  # TXT, IN


def _skip_name(data: bytes, pos: int) -> int:
    while True:
        length = data[pos]
        if length == 0:
            return pos + 1
        if length & 0xC0 == 0xC0:  # compression pointer
            return pos + 2
        pos += 1 + length


def parse_txt_response(data: bytes, qid: int) -> list[str]:
    """TXT strings from a DNS response (the character-strings of one record are joined)."""
    if len(data) < 12:
        raise OSError("short DNS response")
    rid, flags, qd, an, _ns, _ar = struct.unpack(">HHHHHH", data[:12])
    if rid != qid:
        raise OSError("DNS response id does not match")
    rcode = flags & 0x000F
    if rcode == 3:  # NXDOMAIN
        return []
    if rcode != 0:
        raise OSError(f"DNS error rcode {rcode}")
    pos = 12
    for _ in range(qd):
        pos = _skip_name(data, pos) + 4
    out = []
    for _ in range(an):
        pos = _skip_name(data, pos)
        rtype, _cls, _ttl, rdlen = struct.unpack(">HHIH", data[pos : pos + 10])
        pos += 10
        rdata = data[pos : pos + rdlen]
        pos += rdlen
        if rtype != 16:
            continue
        strings, i = [], 0
        while i < len(rdata):
            n = rdata[i]
            strings.append(rdata[i + 1 : i + 1 + n].decode("utf-8", "replace"))
            i += 1 + n
        out.append("".join(strings))
    return out


class SystemLookup:
    def __init__(
        self, nameservers: list[str] | None = None, *, port: int = 53, timeout: float = 5.0
    ) -> None:
        self.nameservers = nameservers or _nameservers()
        self.port = port
        self.timeout = timeout

    def txt(self, name: str) -> list[str]:
        last: OSError | None = None
        for server in self.nameservers:
            qid = secrets.randbelow(65536)
            try:
                with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
                    s.settimeout(self.timeout)
                    s.sendto(build_txt_query(name, qid), (server, self.port))
                    data, _ = s.recvfrom(65535)
                return parse_txt_response(data, qid)
            except OSError as exc:
                last = exc
        raise last or OSError("no nameserver answered")

    def https_get(self, url: str) -> str | None:
        if not url.startswith("https://"):
            raise ValueError("only https:// is fetched")
        try:
            with urllib.request.urlopen(url, timeout=self.timeout) as resp:  # noqa: S310
                return resp.read(64 * 1024).decode("utf-8", "replace")
        except (urllib.error.URLError, TimeoutError):
            return None


def main(argv: list[str] | None = None) -> int:
    from safehaven.core.email.transport import refresh_policy_file

    parser = argparse.ArgumentParser(prog="python -m safehaven.gateway.transport_lookup")
    parser.add_argument("--policy", required=True, help="the DPO's policy JSON to update")
    parser.add_argument("--domain", action="append", help="domain to check (default: partners)")
    args = parser.parse_args(argv)
    try:
        statuses = refresh_policy_file(args.policy, SystemLookup(), domains=args.domain)
    except (OSError, ValueError) as exc:
        print(f"transport refresh: {exc}", file=sys.stderr)
        return 4
    for domain, s in statuses.items():
        print(
            f"{domain}: MTA-STS {s.mta_sts}, TLS-RPT {'yes' if s.tls_rpt else 'no'}, "
            f"DMARC {s.dmarc}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
