"""Waiting in tests for something another thread or process does (a gateway's notice thread, its
periodic tick, a child process), without a fixed sleep."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def wait_until(predicate: Callable[[], T], timeout: float = 15.0, poll: float = 0.05) -> T:
    """Calls `predicate` until it returns something true or `timeout` seconds have passed, and
    returns its last value (so a test asserts on what it waited for, and a failure shows it)."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value or time.monotonic() > deadline:
            return value
        time.sleep(poll)
