"""Webhook delivery throughput (LET-5): N amendments, one subscription, a local receiver.

    .venv/bin/python benchmarks/webhook_delivery.py --changes 2000 [--concurrency 4]

Creates a throw-away SQLite database (SAFEHAVEN_DATA_DIR in a temp folder), amends N
service-user details through `service_user_amend` (each writes a change record and an outbox
row), starts a ThreadingHTTPServer on 127.0.0.1 that answers 200, then runs
`safehaven deliver-webhooks --once` (call_command, same process) and reports deliveries/s and
the CPU time of this process. Also times writing the amendments (change + outbox row).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    count = 0

    def do_POST(self):  # noqa: N802
        self.rfile.read(int(self.headers["Content-Length"]))
        Handler.count += 1
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--changes", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=4)
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="safehaven-bench-webhooks-")
    os.environ["SAFEHAVEN_DATA_DIR"] = tmp
    os.environ.setdefault("SAFEHAVEN_REGISTER_KEY", "benchmark-key")
    os.environ["DJANGO_SETTINGS_MODULE"] = "safehaven.settings.local"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from safehaven.accounts.models import Unit, User
    from safehaven.records import services
    from safehaven.records.models import ServiceUser, WebhookDelivery
    from safehaven.records.webhooks import subscription_create

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    unit = Unit.objects.create(name="Bench School", kind="school")
    admin = User.objects.create(username="bench.admin", role="administrator")
    officer = User.objects.create(username="bench.officer", role="officer")
    officer.units.add(unit)
    subscription_create(
        name="Bench",
        url=f"http://127.0.0.1:{server.server_address[1]}/hook",
        record_types=["service_user"],
        user=admin,
    )
    children = [
        ServiceUser.objects.create(
            given_name=f"Child{i}",
            family_name="Bench",
            date_of_birth="2014-01-01",
            reference=f"B{i:07d}",
            unit=unit,
        )
        for i in range(max(1, args.changes // 10))
    ]
    t0, c0 = time.perf_counter(), time.process_time()
    for i in range(args.changes):
        services.service_user_amend(
            service_user=children[i % len(children)],
            user=officer,
            reason="benchmark",
            preferred_name=f"P{i}",
        )
    write_wall, write_cpu = time.perf_counter() - t0, time.process_time() - c0
    t0, c0 = time.perf_counter(), time.process_time()
    out = StringIO()
    call_command(
        "deliver-webhooks",
        "--once",
        "--batch",
        "200",
        "--concurrency",
        str(args.concurrency),
        stdout=out,
    )
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    delivered = WebhookDelivery.objects.filter(status="delivered").count()
    server.shutdown()
    load = os.getloadavg()[0]
    print(out.getvalue().strip())
    print(
        f"amendments: {args.changes} in {write_wall:.2f} s wall "
        f"({args.changes / write_wall:.0f}/s), {write_cpu:.2f} s CPU"
    )
    print(
        f"deliveries (concurrency {args.concurrency}): {delivered} delivered "
        f"(receiver saw {Handler.count}) in {wall:.2f} s wall "
        f"= {delivered / wall:.0f}/s; {cpu:.2f} s CPU (incl. the receiver thread) "
        f"= {delivered / cpu:.0f} per CPU-second; load average {load:.1f}"
    )


if __name__ == "__main__":
    main()
