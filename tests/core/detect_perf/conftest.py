"""Fixtures shared by the engine's speed tests."""

from __future__ import annotations

import pytest

from safehaven.core.detect import recache


def as_at_start(monkeypatch: pytest.MonkeyPatch) -> None:
    """The compiled-pattern cache's module state of a new process (the file is read again)."""
    monkeypatch.setattr(recache, "_codes", {})
    monkeypatch.setattr(recache, "_state", {"loaded": False, "disabled": False, "dirty": False})


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """An empty cache folder and a module state as at start-up."""
    monkeypatch.setenv("SAFEHAVEN_CACHE_DIR", str(tmp_path))
    as_at_start(monkeypatch)
    return tmp_path
