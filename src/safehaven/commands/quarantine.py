"""`safehaven quarantine list|show|release|reject`: review mail the gateway held."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--spool",
        default=os.environ.get("SAFEHAVEN_GATEWAY_SPOOL", "safehaven-spool"),
        help="the gateway's spool folder (default ./safehaven-spool)",
    )
    sub = parser.add_subparsers(dest="action", required=True)
    ls = sub.add_parser("list", help="held messages (newest last)")
    ls.add_argument("--all", action="store_true", help="include released and rejected")
    ls.add_argument("--json", action="store_true")
    show = sub.add_parser("show", help="one message's findings")
    show.add_argument("id")
    rel = sub.add_parser("release", help="relay a held message")
    rel.add_argument("id")
    rel.add_argument("--by", required=True, help="who authorises the release")
    rel.add_argument("--reason", default="", help="why it may go")
    rel.add_argument("--relay", help="HOST:PORT (default: the gateway's relay)")
    rej = sub.add_parser("reject", help="refuse a held message (kept, never sent)")
    rej.add_argument("id")
    rej.add_argument("--by", required=True, help="who rejects it")
    rej.add_argument("--reason", required=True, help="why it may not go")


def run(args: argparse.Namespace) -> int:
    from safehaven.gateway.review import quarantine_reject, quarantine_release, spool_settings
    from safehaven.gateway.server import parse_hostport
    from safehaven.gateway.spool import Quarantine, QuarantineError

    spool = Path(args.spool)
    if not (spool / "quarantine").is_dir():
        print(
            f"safehaven quarantine: {spool} is not a gateway spool (no quarantine folder)",
            file=sys.stderr,
        )
        return 4
    q = Quarantine(spool)
    settings = spool_settings(spool)
    try:
        if args.action == "list":
            items = q.list(status=None if args.all else "held")
            if args.json:
                print(json.dumps([h.meta for h in items], indent=1))
                return 0
            if not items:
                print("Nothing held.")
            for h in items:
                m = h.meta
                print(
                    f"{h.id}  {h.status:<8}  {','.join(m.get('rules', [])):<24} "
                    f"{len(m.get('recipients', []))} recipient(s)  held {m.get('held_at', '')[:19]}"
                )
            return 0
        if args.action == "show":
            print(json.dumps(q.get(args.id).meta, indent=1))
            return 0
        if args.action == "release":
            relay_at = parse_hostport(args.relay, what="--relay") if args.relay else settings.relay
            if relay_at is None:
                print(
                    "safehaven quarantine: no relay known: give --relay HOST:PORT", file=sys.stderr
                )
                return 4
            quarantine_release(
                quarantine=q,
                qid=args.id,
                released_by=args.by,
                reason=args.reason,
                relay_at=relay_at,
                register=settings.register,
                near_miss=settings.near_miss,
            )
            print(f"Released {args.id}.")
            return 0
        quarantine_reject(
            quarantine=q,
            qid=args.id,
            rejected_by=args.by,
            reason=args.reason,
            near_miss=settings.near_miss,
        )
        print(f"Rejected {args.id}.")
        return 0
    except (QuarantineError, ValueError) as exc:
        print(f"safehaven quarantine: {exc}", file=sys.stderr)
        return 4
