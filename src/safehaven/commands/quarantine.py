"""`safehaven quarantine list|show|release|reject`: review mail the gateway held."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--records",
        choices=["django", "files"],
        default=os.environ.get("SAFEHAVEN_GATEWAY_RECORDS", "django"),
        help="django (default): the web app's quarantine folder, register and near-miss log "
        "(--by is a username); files: a standalone gateway's spool and JSONL logs",
    )
    parser.add_argument(
        "--spool",
        default=os.environ.get("SAFEHAVEN_GATEWAY_SPOOL"),
        help="the gateway's spool folder (default: the web app's quarantine folder with "
        "--records django, ./safehaven-spool with --records files)",
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

    register, near_miss = None, None
    if args.records == "django":
        from safehaven.email.gateway import quarantine_dir, setup_django

        setup_django()
        from django.contrib.auth import get_user_model

        from safehaven.email.sinks import DjangoNearMissSink, DjangoRegisterSink

        register, near_miss = DjangoRegisterSink(), DjangoNearMissSink()
        spool = Path(args.spool) if args.spool else quarantine_dir()
        by = getattr(args, "by", None)
        if (
            by is not None
            and not get_user_model().objects.filter(username=by, is_active=True).exists()
        ):
            print(
                f"safehaven quarantine: --by {by!r} is not an active user: give your username",
                file=sys.stderr,
            )
            return 4
    else:
        spool = Path(args.spool or "safehaven-spool")
    if not (spool / "quarantine").is_dir():
        print(
            f"safehaven quarantine: {spool} is not a gateway spool (no quarantine folder)",
            file=sys.stderr,
        )
        return 4
    q = Quarantine(spool)
    settings = spool_settings(spool)
    register = register or settings.register
    near_miss = near_miss or settings.near_miss
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
                register=register,
                near_miss=near_miss,
            )
            print(f"Released {args.id}.")
            return 0
        quarantine_reject(
            quarantine=q,
            qid=args.id,
            rejected_by=args.by,
            reason=args.reason,
            near_miss=near_miss,
        )
        print(f"Rejected {args.id}.")
        return 0
    except (QuarantineError, ValueError) as exc:
        print(f"safehaven quarantine: {exc}", file=sys.stderr)
        return 4
