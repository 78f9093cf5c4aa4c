"""`safehaven gateway --listen HOST:PORT --relay HOST:PORT`: the outbound mail gateway."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--listen", required=True, help="where to accept mail, HOST:PORT")
    parser.add_argument("--relay", required=True, help="where to send checked mail, HOST:PORT")
    parser.add_argument(
        "--spool",
        default=os.environ.get("SAFEHAVEN_GATEWAY_SPOOL", "safehaven-spool"),
        help="quarantine, records and logs folder (default ./safehaven-spool)",
    )
    parser.add_argument("--policy", help="the DPO's email policy (JSON)")
    parser.add_argument(
        "--directory", help="records: a .json seed (loaded into the spool's SQLite) or a .sqlite"
    )
    parser.add_argument("--executor", choices=["process", "thread"], default="process")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--max-size", type=int, default=32, help="largest message in MB")
    parser.add_argument("--register", help="register JSONL file (default: in the spool)")
    parser.add_argument("--near-miss", help="near-miss JSONL file (default: in the spool)")
    parser.add_argument(
        "--notify-from",
        help="tell senders of held mail, from this address (e.g. safehaven@school.sch.uk)",
    )


def run(args: argparse.Namespace) -> int:
    from safehaven.core.email import PolicyError
    from safehaven.gateway.server import Gateway, GatewayConfig, parse_hostport

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    # aiosmtpd logs every envelope address at INFO: personal data stays out of the log.
    logging.getLogger("mail.log").setLevel(logging.WARNING)
    try:
        config = GatewayConfig(
            listen=parse_hostport(args.listen, what="--listen"),
            relay=parse_hostport(args.relay, what="--relay"),
            spool=Path(args.spool),
            policy_path=args.policy,
            directory_path=args.directory,
            executor=args.executor,
            workers=max(1, args.workers),
            max_message_bytes=args.max_size * 1024 * 1024,
            register_path=Path(args.register) if args.register else None,
            near_miss_path=Path(args.near_miss) if args.near_miss else None,
            notify_from=args.notify_from,
        )
        gateway = Gateway(config)
        gateway.start()
    except (ValueError, PolicyError) as exc:
        print(f"safehaven gateway: {exc}", file=sys.stderr)
        return 4
    except OSError as exc:
        print(f"safehaven gateway: cannot start ({exc.strerror or exc})", file=sys.stderr)
        return 4
    print(
        f"SafeHaven gateway listening on {args.listen}, relaying to {args.relay}, "
        f"spool {config.spool}",
        flush=True,
    )
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    stop.wait()
    gateway.stop()
    return 0
