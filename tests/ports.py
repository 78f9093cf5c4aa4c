"""Loopback ports for tests that talk to local servers, without the races of "find a free port,
close it, use it later": another process may take such a port in between, and two calls may
return the same port."""

from __future__ import annotations

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
