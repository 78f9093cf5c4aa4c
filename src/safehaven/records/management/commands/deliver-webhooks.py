"""`safehaven deliver-webhooks [--once] [--max-attempts N] [--batch N] [--poll SECONDS]
[--timeout SECONDS] [--concurrency N]`.

Sends the webhook outbox (LET-5). Without --once it keeps running, sending whatever is due and
sleeping `--poll` seconds when nothing is; stop it with Ctrl+C or SIGTERM (a delivery being
sent when it stops is sent again next time: receivers dedupe on X-SafeHaven-Delivery).
"""

from __future__ import annotations

import signal
import time

from django.core.management.base import BaseCommand, CommandError

from safehaven.records.webhooks import DEFAULT_MAX_ATTEMPTS, TIMEOUT_SECONDS, deliver_due


class Command(BaseCommand):
    help = "Send amendments to the subscribed systems (webhook outbox, at-least-once)."

    def add_arguments(self, parser):
        parser.add_argument("--once", action="store_true", help="send what is due now, then exit")
        parser.add_argument(
            "--max-attempts",
            type=int,
            default=DEFAULT_MAX_ATTEMPTS,
            help=f"attempts before a delivery is marked failed (default {DEFAULT_MAX_ATTEMPTS})",
        )
        parser.add_argument("--batch", type=int, default=100, help="deliveries per round")
        parser.add_argument(
            "--poll", type=float, default=5.0, help="seconds to wait when nothing is due"
        )
        parser.add_argument(
            "--timeout", type=float, default=TIMEOUT_SECONDS, help="seconds per request"
        )
        parser.add_argument(
            "--concurrency", type=int, default=4, help="requests in flight at once (default 4)"
        )

    def handle(self, *args, **options):
        if options["max_attempts"] < 1:
            raise CommandError("--max-attempts must be 1 or more.")
        if options["batch"] < 1:
            raise CommandError("--batch must be 1 or more.")
        if options["concurrency"] < 1:
            raise CommandError("--concurrency must be 1 or more.")
        stopping = []
        if not options["once"]:
            signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        totals = {"attempted": 0, "delivered": 0, "retrying": 0, "failed": 0}
        try:
            while not stopping:
                run = deliver_due(
                    max_attempts=options["max_attempts"],
                    limit=options["batch"],
                    timeout=options["timeout"],
                    concurrency=options["concurrency"],
                )
                for key in totals:
                    totals[key] += getattr(run, key)
                if options["once"]:
                    if run.attempted < options["batch"]:
                        break
                    continue
                if run.attempted == 0:
                    time.sleep(options["poll"])
        except KeyboardInterrupt:
            self.stderr.write("Interrupted.")
        self.stdout.write(
            f"Sent {totals['attempted']}: {totals['delivered']} delivered, "
            f"{totals['retrying']} to retry later, {totals['failed']} failed."
        )
