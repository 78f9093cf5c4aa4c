"""One action, one correlation ID: every register and audit row of one user action shares it."""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterator
from contextvars import ContextVar

_current: ContextVar[uuid.UUID | None] = ContextVar("safehaven_correlation_id", default=None)


def correlation_id_current() -> uuid.UUID | None:
    return _current.get()


@contextlib.contextmanager
def correlation(correlation_id: uuid.UUID | str | None = None) -> Iterator[uuid.UUID]:
    """Within the block, rows written without an explicit ID share this one (new if not given).

    Nested blocks keep the outer ID, so an action made of several services stays one action.
    """
    outer = _current.get()
    if outer is not None and correlation_id is None:
        yield outer
        return
    value = uuid.UUID(str(correlation_id)) if correlation_id is not None else uuid.uuid4()
    token = _current.set(value)
    try:
        yield value
    finally:
        _current.reset(token)


def correlation_id_for(explicit: uuid.UUID | str | None) -> uuid.UUID:
    """The explicit ID, else the one of the enclosing `correlation` block, else a new one."""
    if explicit is not None:
        return uuid.UUID(str(explicit))
    return _current.get() or uuid.uuid4()
