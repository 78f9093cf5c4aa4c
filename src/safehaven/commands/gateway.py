"""`safehaven gateway --listen HOST:PORT --relay HOST:PORT`: the outbound mail gateway."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from pathlib import Path

from safehaven.commands.amounts import amount_type


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--listen", required=True, help="where to accept mail, HOST:PORT")
    parser.add_argument("--relay", required=True, help="where to send checked mail, HOST:PORT")
    parser.add_argument(
        "--records",
        choices=["django", "files"],
        default=os.environ.get("SAFEHAVEN_GATEWAY_RECORDS", "django"),
        help="django (default): the web app's database (DATABASE_URL or the SQLite file in "
        "SAFEHAVEN_DATA_DIR): its records, policy, register, near-miss log and quarantine "
        "folder; files: a standalone gateway with --policy, --directory and JSONL logs",
    )
    parser.add_argument(
        "--spool",
        default=os.environ.get("SAFEHAVEN_GATEWAY_SPOOL"),
        help="quarantine folder (default: the web app's SAFEHAVEN_QUARANTINE_DIR or "
        "DATA_DIR/spool with --records django, ./safehaven-spool with --records files)",
    )
    parser.add_argument("--policy", help="--records files: the DPO's email policy (JSON)")
    parser.add_argument(
        "--directory",
        help="--records files: a .json seed (loaded into the spool's SQLite) or a .sqlite",
    )
    parser.add_argument("--executor", choices=["process", "thread"], default="process")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--max-size", type=int, default=32, help="largest message in MB")
    parser.add_argument("--register", help="--records files: register JSONL (default: in spool)")
    parser.add_argument("--near-miss", help="--records files: near-miss JSONL (default: in spool)")
    parser.add_argument(
        "--notify-from",
        help="tell senders of held mail, from this address (e.g. safehaven@school.sch.uk)",
    )
    parser.add_argument(
        "--decider-notice-minutes",
        type=_minutes,
        default=10,
        metavar="N",
        help="with --notify-from and --records django: tell each person who may decide held "
        "mail at most once in N minutes that mail waits for them (default 10; 0: a notice for "
        "every held message; the Held email list and the navigation's count show the rest)",
    )
    parser.add_argument(
        "--overdue-reminder-hours",
        type=_hours,
        default=24,
        metavar="N",
        help="with --notify-from and --records django: remind each person who may decide held "
        "mail that waits past SAFEHAVEN_HELD_OVERDUE_HOURS (overdue), at most once in N hours, "
        "with its references and links only (default 24; 0: no reminders)",
    )
    parser.add_argument(
        "--retain-decided-days",
        type=_days,
        default=os.environ.get("SAFEHAVEN_GATEWAY_RETAIN_DECIDED_DAYS", "30"),
        metavar="N",
        help="remove the content of released and rejected messages N days after the decision, "
        "keeping the record of who decided what (default 30; 0: keep for ever). Held "
        "messages are never removed",
    )


def _minutes(text: str) -> int:
    """`--decider-notice-minutes`: a whole number of minutes, 0 or more."""
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a whole number of minutes: give a number such as 10, or 0 for a "
            "notice for every held message"
        ) from None
    if value < 0:
        raise argparse.ArgumentTypeError(
            f"{value} is below zero: give 0 or more minutes (0: a notice for every held message)"
        )
    return value


# `--overdue-reminder-hours` and `--retain-decided-days`: a number, 0 or more.
_hours = amount_type("hours", example="24", zero=", or 0 for no reminders")
_days = amount_type("days", example="30", zero=", or 0 to keep decided messages for ever")


_FILES_ONLY = ("policy", "directory", "register", "near_miss")


def _spool(args: argparse.Namespace) -> Path:
    if args.spool:
        return Path(args.spool)
    if args.records == "django":
        from safehaven.email.gateway import quarantine_dir

        return quarantine_dir()
    return Path("safehaven-spool")


def run(args: argparse.Namespace) -> int:
    from safehaven.core.email import PolicyError
    from safehaven.gateway.server import Gateway, GatewayConfig, parse_hostport

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    # aiosmtpd logs every envelope address at INFO: personal data stays out of the log.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    if args.records == "django":
        given = [f"--{o.replace('_', '-')}" for o in _FILES_ONLY if getattr(args, o)]
        if given:
            print(
                f"safehaven gateway: {', '.join(given)} only apply with --records files; with "
                "the web app's database the policy is the DPO's (SAFEHAVEN_EMAIL_POLICY or "
                "/oversight/policy/) and the records, register and near-miss log are the "
                "database's",
                file=sys.stderr,
            )
            return 4
        from safehaven.email.gateway import setup_django

        setup_django()
    try:
        config = GatewayConfig(
            listen=parse_hostport(args.listen, what="--listen"),
            relay=parse_hostport(args.relay, what="--relay"),
            spool=_spool(args),
            records=args.records,
            policy_path=args.policy,
            directory_path=args.directory,
            executor=args.executor,
            workers=max(1, args.workers),
            max_message_bytes=args.max_size * 1024 * 1024,
            register_path=Path(args.register) if args.register else None,
            near_miss_path=Path(args.near_miss) if args.near_miss else None,
            notify_from=args.notify_from,
            decider_notice_interval=args.decider_notice_minutes * 60,
            overdue_reminder_hours=args.overdue_reminder_hours,
            retain_decided_days=args.retain_decided_days,
        )
        gateway = Gateway(config)
        gateway.start()
        from safehaven.gateway.server import tune_gc

        tune_gc()  # this process's long-lived state (Django, the server) set up: see GC_THRESHOLD
    except (ValueError, PolicyError) as exc:
        print(f"safehaven gateway: {exc}", file=sys.stderr)
        return 4
    except OSError as exc:
        print(f"safehaven gateway: cannot start ({exc.strerror or exc})", file=sys.stderr)
        return 4
    print(
        f"SafeHaven gateway listening on {args.listen}, relaying to {args.relay}, "
        f"records: {args.records}, spool {config.spool}",
        flush=True,
    )
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    gateway.stop()
    return 0
