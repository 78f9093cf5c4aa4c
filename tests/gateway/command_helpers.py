"""`safehaven gateway` run through the command's own parser (tests of the command's options; the
`started` fixture in tests/gateway/conftest.py stops it where it would start serving)."""

from __future__ import annotations

from safehaven.cli import main


def run_gateway_command(tmp_path, *more: str) -> int:
    """`safehaven gateway` on the standalone records with a spool in `tmp_path`, plus `more`."""
    return main(
        ["gateway", "--records", "files", "--listen", "127.0.0.1:1", "--relay", "127.0.0.1:2",
         "--spool", str(tmp_path / "spool"), "--executor", "thread", *more]
    )  # fmt: skip
