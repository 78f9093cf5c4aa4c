"""`safehaven quarantine list|show|release|reject|keep|purge`: review mail the gateway held, and
remove the content of decided messages under the retention policy (or keep one past it)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from safehaven.commands.amounts import amount, amount_type


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
    ls.add_argument(
        "--overdue-hours",
        type=_hours,
        default=os.environ.get("SAFEHAVEN_HELD_OVERDUE_HOURS", "24"),
        metavar="N",
        help="mark messages held longer than N hours OVERDUE (default 24; 0: never)",
    )
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
    keep = sub.add_parser(
        "keep",
        help="keep a message's content past the retention period (a complaint, a request) "
        "until the hold is lifted",
    )
    keep.add_argument("id")
    keep.add_argument("--by", required=True, help="who puts it on hold (or lifts it)")
    keep.add_argument("--reason", default="", help="why it must be kept (do not name the child)")
    keep.add_argument("--lift", action="store_true", help="lift the hold: purged as usual")
    purge = sub.add_parser(
        "purge",
        help="remove the content of released and rejected messages decided more than DAYS ago "
        "(their records are kept; held messages are never removed)",
    )
    purge.add_argument(
        "--older-than",
        metavar="DAYS",
        help="days since the decision (default: the gateway's --retain-decided-days, else 30; "
        "0: every decided message)",
    )
    purge.add_argument("--dry-run", action="store_true", help="say what would go; remove nothing")


_hours = amount_type("hours", example="24")


def _older_than(text: str) -> float:
    """`purge --older-than`: a number of days, 0 or more (a ValueError says what is wrong)."""
    try:
        return amount(text, "days", example="30")
    except ValueError as exc:
        raise ValueError(f"--older-than {exc}") from None


def run(args: argparse.Namespace) -> int:
    from safehaven.gateway.review import (
        quarantine_reject,
        quarantine_release,
        quarantine_retention_hold,
        spool_settings,
    )
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
        by = getattr(args, "by", None) if args.action in ("release", "reject", "keep") else None
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
    if args.action == "purge":
        try:
            days = _older_than(args.older_than) if args.older_than is not None else None
        except ValueError as exc:
            print(f"safehaven quarantine: {exc}", file=sys.stderr)
            return 4
    if not (spool / "quarantine").is_dir():
        print(
            f"safehaven quarantine: {spool} is not a gateway spool (no quarantine folder)",
            file=sys.stderr,
        )
        return 4
    try:
        q = Quarantine(spool)
        settings = spool_settings(spool)
        register = register or settings.register
        near_miss = near_miss or settings.near_miss
        if args.action == "list":
            return _list(q, args)
        if args.action == "purge":
            return _purge(q, args, days, settings.retain_decided_days)
        if args.action == "keep":
            quarantine_retention_hold(
                quarantine=q, qid=args.id, by=args.by, reason=args.reason, hold=not args.lift
            )
            if args.lift:
                print(f"Lifted the retention hold on {args.id}: it is purged as usual.")
            else:
                print(f"Kept {args.id} past the retention period until the hold is lifted.")
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
    except OSError as exc:
        print(
            f"safehaven quarantine: the spool {spool} could not be read or written "
            f"({exc.strerror or type(exc).__name__}): check its permissions",
            file=sys.stderr,
        )
        return 4


def _list(q, args: argparse.Namespace) -> int:  # noqa: ANN001
    from safehaven.gateway.spool import is_overdue

    items = q.list(status=None if args.all else "held")
    overdue = {h.id for h in items if is_overdue(h.meta, hours=args.overdue_hours)}
    if args.json:
        print(json.dumps([{**h.meta, "overdue": h.id in overdue} for h in items], indent=1))
        return 0
    if not items:
        print("Nothing held.")
    for h in items:
        m = h.meta
        flag = "  OVERDUE" if h.id in overdue else ""
        gone = "  content removed" if h.purged else ""
        gone += "  KEPT (retention hold)" if m.get("retention_hold") else ""
        print(
            f"{h.id}  {h.status:<8}  {','.join(m.get('rules', [])):<24} "
            f"{len(m.get('recipients', []))} recipient(s)  held {m.get('held_at', '')[:19]}"
            f"{flag}{gone}"
        )
    if overdue:
        print(
            f"{len(overdue)} held longer than {args.overdue_hours:g} hours without a decision "
            "(OVERDUE): they are never removed; decide them."
        )
    if args.all:
        purged = q.purged_count()
        if purged:
            print(
                f"{purged} more decided message(s) had their content removed under the retention "
                "policy; their records are kept (`quarantine show ID`)."
            )
    return 0


def _purge(q, args: argparse.Namespace, days: float | None, configured: float) -> int:  # noqa: ANN001
    if days is None:
        if configured <= 0:
            print(
                "Retention is off for this spool (the gateway keeps decided messages for ever): "
                "nothing removed. Give --older-than DAYS to remove them anyway."
            )
            return 0
        days = configured
    done = q.purge(older_than_days=days, dry_run=args.dry_run)
    verb = "Would remove" if done.dry_run else "Removed"
    print(
        f"{verb} the content of {done.count} decided message(s) decided more than {days:g} "
        f"day(s) ago ({len(done.released)} released, {len(done.rejected)} rejected); their "
        "records are kept. Held messages are never removed."
    )
    for qid in done.ids:
        print(f"  {qid}")
    if done.kept:
        print(f"Kept {len(done.kept)} message(s) under a retention hold (`quarantine keep`):")
        for qid in done.kept:
            print(f"  {qid}")
    if done.finished:
        print(f"Finished {len(done.finished)} purge(s) a crash had interrupted:")
        for qid in done.finished:
            print(f"  {qid}")
    if done.skipped:
        print(
            f"Skipped {len(done.skipped)} message(s) in use (being decided or read) or "
            "unreadable; run the purge again later:",
            file=sys.stderr,
        )
        for qid in done.skipped:
            print(f"  {qid}", file=sys.stderr)
        return 3
    return 0
