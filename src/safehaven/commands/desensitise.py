"""`safehaven desensitise FILE|-`: print the text with names as initials and identifiers removed.

EMAIL-2, EMAIL-6, POST-5. The de-sensitised text goes to standard output; with --show-changes
the list of changes (type, offsets in the original, replacement) goes to standard error, so the
output can still be piped. Exit status: 0 done, 2 the input could not be read.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

MAX_BYTES = 20 * 1_048_576


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", metavar="FILE", help="a text file, or '-' for standard input")
    parser.add_argument(
        "--dob",
        choices=("year", "remove"),
        default="year",
        help="a date of birth becomes its year (default) or is removed",
    )
    parser.add_argument(
        "--names",
        choices=("initials", "placeholder"),
        default="initials",
        help="names become initials (default) or '[name]'",
    )
    parser.add_argument(
        "--no-keep-upn", action="store_true", help="replace the UPN too (default: it stays)"
    )
    parser.add_argument("--keep-address", action="store_true", help="leave street addresses")
    parser.add_argument("--threshold", type=float, default=0.5, help="minimum score (0.5)")
    parser.add_argument(
        "--show-changes", action="store_true", help="list each change on standard error"
    )


def _read(path: str) -> str:
    """The text to rewrite; raises ValueError with a plain-English reason."""
    if path != "-":
        p = Path(path)
        if not p.exists():
            raise ValueError("no such file")
        if p.is_dir():
            raise ValueError("is a folder; name a file")
        from safehaven.core import textio

        try:
            return textio.extract_text(p, max_bytes=MAX_BYTES).text
        except textio.ExtractionError as exc:
            raise ValueError(exc.reason) from exc
    data = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValueError("too large (over 20 MB)")
    if b"\x00" in data[:8192]:
        raise ValueError("binary data, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not valid UTF-8 text (byte {exc.start})") from exc


def run(args: argparse.Namespace) -> int:
    from safehaven.core.detect import DesensitiseOptions, desensitise

    try:
        text = _read(args.path)
    except ValueError as exc:
        name = "standard input" if args.path == "-" else args.path
        print(f"safehaven desensitise: {name}: {exc}", file=sys.stderr)
        return 2
    options = DesensitiseOptions(
        names=args.names,
        dob=args.dob,
        keep_upn=not args.no_keep_upn,
        remove_address=not args.keep_address,
        threshold=args.threshold,
    )
    result = desensitise(text, options=options)
    sys.stdout.write(result.text)
    if not result.text.endswith("\n"):
        sys.stdout.write("\n")
    if args.show_changes:
        for ch in result.changes:
            print(
                f"{ch.type} {ch.start}-{ch.end}: {ch.original!r} -> {ch.replacement!r}",
                file=sys.stderr,
            )
        print(f"{len(result.changes)} change(s).", file=sys.stderr)
    return 0
