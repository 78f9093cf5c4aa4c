"""`safehaven check-email FILE.eml`: the pre-send checks on one message, from the command line.

Exit status: 0 allow, 1 warn, 2 hold, 3 block, 4 error (unreadable file, bad policy).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

EXIT_ERROR = 4
MAX_MESSAGE_BYTES = 64 * 1024 * 1024


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = "Exit status: 0 allow, 1 warn, 2 hold, 3 block, 4 error."
    parser.add_argument("file", help="the message as an .eml file (RFC 5322), or - for stdin")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--policy", help="the DPO's email policy (JSON); defaults if omitted")
    parser.add_argument(
        "--directory",
        help="records for the checks (JSON: contacts, history, service users, consents)",
    )
    parser.add_argument("--sender", help="envelope sender (default: the From header)")
    parser.add_argument(
        "--recipient",
        action="append",
        default=None,
        help="envelope recipient, repeatable (default: To, Cc and Bcc)",
    )
    parser.add_argument(
        "--no-rewrites",
        action="store_true",
        help="do not build the de-sensitised and trail-stripped versions",
    )


def _error(message: str) -> int:
    print(f"safehaven check-email: {message}", file=sys.stderr)
    return EXIT_ERROR


def run(args: argparse.Namespace) -> int:
    from safehaven.core.email import InMemoryDirectory, PolicyError, check_message, load_policy

    try:
        if args.file == "-":
            raw = sys.stdin.buffer.read(MAX_MESSAGE_BYTES + 1)
        else:
            path = Path(args.file)
            if not path.is_file():
                return _error(f"{path} is not a file: give the path of an .eml message")
            if path.stat().st_size > MAX_MESSAGE_BYTES:
                return _error(f"{path} is larger than 64 MB: not an email message")
            raw = path.read_bytes()
    except OSError as exc:
        return _error(f"cannot read {args.file}: {exc.strerror or exc}")
    if len(raw) > MAX_MESSAGE_BYTES:
        return _error("the message on stdin is larger than 64 MB")
    if not raw.strip():
        return _error(f"{args.file} is empty: give a saved email message (.eml)")
    try:
        policy = load_policy(args.policy)
    except PolicyError as exc:
        return _error(str(exc))
    try:
        directory = (
            InMemoryDirectory.from_json(args.directory) if args.directory else InMemoryDirectory()
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return _error(f"directory file {args.directory} cannot be used ({exc}): fix the JSON")
    result = check_message(
        raw,
        policy=policy,
        directory=directory,
        sender=args.sender,
        recipients=args.recipient,
        offer_rewrites=not args.no_rewrites,
    )
    if args.json:
        print(json.dumps(result.as_dict(), indent=2, ensure_ascii=False))
    else:
        _print_readable(result)
    return result.exit_status


def _print_readable(result) -> None:  # noqa: ANN001 - EmailCheckResult, imported lazily
    print(f"Verdict: {result.verdict.upper()}  (policy {result.policy_version})")
    if not result.findings:
        print("No findings.")
    for f in result.findings:
        print(f"  [{str(f.severity).upper():5}] {f.rule:<8} {f.message}")
    if result.stripped_trail_body is not None and "EMAIL-6" in result.rules():
        print("\n--- Your message without the quoted trail ---")
        print(result.stripped_trail_body.rstrip())
    if result.desensitised_body is not None:
        print("\n--- A de-sensitised version ---")
        print(result.desensitised_body.rstrip())
