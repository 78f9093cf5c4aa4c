"""Loopback ports for tests that talk to local servers, without the races of "find a free port,
close it, use it later": another process may take such a port in between, and two calls may
return the same port."""

from __future__ import annotations

import random
import socket
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager


@contextmanager
def refused_port() -> Iterator[int]:
    """A port on 127.0.0.1 that refuses connections while the block runs: bound but not
    listening, so nothing else can listen on it meanwhile."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield held.getsockname()[1]


def distinct_free_ports(count: int) -> list[int]:
    """`count` different ports free on 127.0.0.1 (all held at once while they are chosen)."""
    with ExitStack() as stack:
        sockets = [stack.enter_context(socket.socket()) for _ in range(count)]
        for s in sockets:
            s.bind(("127.0.0.1", 0))
        return [s.getsockname()[1] for s in sockets]


# Ports for a server the test starts itself (a gateway, a sink). Chosen below the kernel's
# ephemeral range (32768-60999 here), so an outgoing connection of this or another process
# cannot be given the port between the choice and the server's bind, and never handed out
# twice in one test session.
_LISTEN_RANGE = (20000, 32000)
_handed_out: set[int] = set()


def free_port() -> int:
    """A port on 127.0.0.1 that is free now, outside the ephemeral range, and not given to
    another caller in this session."""
    rng = random.Random()
    for _ in range(2000):
        port = rng.randrange(*_LISTEN_RANGE)
        if port in _handed_out:
            continue
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        _handed_out.add(port)
        return port
    raise RuntimeError("no free loopback port between 20000 and 32000")
