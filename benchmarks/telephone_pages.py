"""Telephone request step pages: server time per page with many service users.

    .venv/bin/python benchmarks/telephone_pages.py --service-users 100000
    DATABASE_URL=postgres://user@127.0.0.1:5432/db .venv/bin/python \
        benchmarks/telephone_pages.py --service-users 1000000

Reuses the data generator of benchmarks/web_pages.py (same database can serve both: pass
--data-dir to reuse a SQLite folder). For each sampled child a request is walked through the
services to each step, then every step page is fetched through Django's test client, signed in
as an officer (the manager's page as a manager). Target (issue 4): each step's page p95 <= 100 ms
with 1,000,000 service users on PostgreSQL.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time

from benchmarks.web_pages import _generate, _percentiles, _time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--service-users", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--data-dir", help="reuse this SQLite folder (data already there)")
    parser.add_argument("--seed", type=int, default=5)
    args = parser.parse_args()

    tmp = args.data_dir or tempfile.mkdtemp(prefix="safehaven-tel-bench-")
    os.environ.setdefault("SAFEHAVEN_DATA_DIR", tmp)
    os.environ.setdefault("SAFEHAVEN_REGISTER_KEY", "benchmark-key")
    os.environ["DJANGO_SETTINGS_MODULE"] = "safehaven.settings.local"
    import django

    django.setup()
    import logging

    logging.getLogger("safehaven").setLevel(logging.WARNING)
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from safehaven.accounts.models import Unit, User
    from safehaven.records.models import Organisation, ServiceUser, Switchboard
    from safehaven.telephone import services

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    if ServiceUser.objects.count() == 0:
        print(f"Generating {args.service_users:,} service users on {connection.vendor} ...")
        started = time.perf_counter()
        _generate(args.service_users, args.units, rng)
        print(f"  generated in {time.perf_counter() - started:.0f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    unit = Unit.objects.order_by("name").first()
    officer, _ = User.objects.get_or_create(username="tel-officer", defaults={"role": "officer"})
    officer.units.set([unit])
    manager, _ = User.objects.get_or_create(
        username="tel-manager", defaults={"role": "authoriser", "manager_title": "team"}
    )
    manager.units.set([unit])
    partner = Organisation.objects.get(name="Bench Health Trust")
    switchboard, _ = Switchboard.objects.get_or_create(
        organisation=partner,
        number="+441164960100",
        defaults={"verified_by": manager, "verified_at": timezone.now()},
    )
    people = list(ServiceUser.objects.filter(unit=unit)[:5000])
    sample = [rng.choice(people) for _ in range(args.requests)]

    # One request per child and step, left at that step, so each page shows its open step.
    steps = ["identify", "callback", "consent", "decide", "return"]
    pages: dict[str, list[str]] = {k: [] for k in steps}
    log_timings = []
    for index, child in enumerate(sample):
        stop_at = steps[index % len(steps)]
        started, cpu = time.perf_counter(), time.process_time()
        tel = services.telephone_request_log(
            officer=officer, caller_name="Dr Priya Shah", caller_number="0116 496 0123",
            organisation=partner, reason="Health assessment", purpose="health",
            given_name=child.given_name, family_name=child.family_name,
            date_of_birth=child.date_of_birth, given_reference=child.reference,
        )  # fmt: skip
        log_timings.append(
            ((time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000)
        )
        for step in steps:
            if step == stop_at:
                path = {"decide": "authorise", "return": "return-call"}.get(step, step)
                pages[step].append(f"/telephone/{tel.pk}/{path}/")
                break
            if step == "identify":
                tel = services.telephone_request_identify(
                    request=tel, officer=officer, service_user=child
                )
            elif step == "callback":
                tel = services.telephone_request_callback(
                    request=tel, officer=officer, switchboard=switchboard
                )
            elif step == "consent":
                tel = services.telephone_request_consent(
                    request=tel, officer=officer, lawful_basis="safeguarding",
                    justification="Benchmark: a justification long enough to pass.",
                )  # fmt: skip
            elif step == "decide":
                tel = services.telephone_request_decide(
                    request=tel, authoriser=manager, approve=True
                )

    officer_client, manager_client = Client(), Client()
    officer_client.force_login(officer)
    manager_client.force_login(manager)
    _time(officer_client, ["/telephone/new/", "/telephone/"])  # warm up
    total = ServiceUser.objects.count()
    print(f"\n{total:,} service users, {connection.vendor}; {args.requests} requests in all")
    rows = [
        ("log the call (service, TEL-1/2/4)", log_timings),
        ("log form page", _time(officer_client, ["/telephone/new/"] * 50)),
        ("identify page (TEL-3 matching)", _time(officer_client, pages["identify"])),
        ("callback page (TEL-5)", _time(officer_client, pages["callback"])),
        ("consent page (TEL-7)", _time(officer_client, pages["consent"])),
        ("manager's decision page (TEL-6)", _time(manager_client, pages["decide"])),
        ("return-call page (TEL-8)", _time(officer_client, pages["return"])),
        ("officer's request list", _time(officer_client, ["/telephone/"] * 50)),
    ]
    for label, timings in rows:
        print(f"{label:<36} {_percentiles(timings)}")
    print(f"load average: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
