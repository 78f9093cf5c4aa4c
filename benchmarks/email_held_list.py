"""CPU of the held-email list page (`/email/quarantine/`) with a spool that kept its history.

    .venv/bin/python -m benchmarks.email_held_list                  # 2,000 messages, 100 held
    .venv/bin/python -m benchmarks.email_held_list --messages 10000 --held 50

A temporary SQLite database (migrated) and quarantine with N messages as the gateway stores them
(metadata with findings), all but `--held` of them decided (a spool keeps released and rejected
messages). The whole page through Django's test client, signed in as the DPO and as an
authoriser of the senders' school, default view (still held, newest first, page 1). Each round
interleaves two ways of reading the spool:

- "every file": the page's read of every status through `Quarantine.list` (what the page did
  before it used the kept listing: every metadata file read and parsed on each page; the
  navigation's count kept its listing, as it already did);
- "kept listing": as the page is now, once the folder has been still for a second;

and then the page just after one new message (the folder changed: listed again, one file read).
CPU (`time.process_time`) per page, best and median over rounds.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from datetime import date

from benchmarks.email_held_nav import fill_spool


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--held", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--as-is",
        action="store_true",
        help="only the page as this tree has it (for a tree before spool_listing: PYTHONPATH)",
    )
    args = parser.parse_args()
    tmp = tempfile.mkdtemp(prefix="safehaven-held-list-")
    try:
        run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(args, tmp: str) -> None:
    os.environ["SAFEHAVEN_DATA_DIR"] = tmp
    os.environ.setdefault("SAFEHAVEN_REGISTER_KEY", "benchmark-key")
    os.environ["SAFEHAVEN_QUARANTINE_DIR"] = os.path.join(tmp, "spool")
    os.environ["DJANGO_SETTINGS_MODULE"] = "safehaven.settings.local"
    import django

    django.setup()
    import logging

    logging.getLogger("safehaven").setLevel(logging.WARNING)
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from safehaven.accounts.models import Unit, User
    from safehaven.email import selectors
    from safehaven.gateway.spool import Quarantine
    from safehaven.records.models import ServiceUser

    settings.ALLOWED_HOSTS = ["testserver"]
    setup_test_environment()  # the response's context, to check the rows
    call_command("migrate", verbosity=0)
    unit = Unit.objects.create(name="Ashby Hill Primary School")
    child = ServiceUser.objects.create(
        unit=unit, given_name="Amelia", family_name="Whitworth", date_of_birth=date(2016, 3, 1)
    )
    officer = User.objects.create(username="officer", email="officer@ashby.sch.uk", role="officer")
    officer.units.set([unit])
    dpo = User.objects.create(username="dpo", email="dpo@county.gov.uk", role="dpo")
    head = User.objects.create(
        username="head", email="head@ashby.sch.uk", role="authoriser", manager_title="team"
    )
    head.units.set([unit])

    q = Quarantine(os.environ["SAFEHAVEN_QUARANTINE_DIR"])
    meta = fill_spool(
        q,
        messages=args.messages,
        held=args.held,
        service_user_ids=[str(child.pk)],
        decided_by="dpo",
    )
    old = time.time() - 60

    def still() -> None:
        os.utime(q.dir, (old, old))

    kept_listing = getattr(selectors, "spool_listing", None)

    def every_file(*, quarantine, status="held"):
        # The list page read every file (it asks for every status); the navigation's count
        # (status "held") already had the kept listing before this change.
        if status is None:
            return quarantine.list(status=None)
        return kept_listing(quarantine=quarantine, status=status)

    results: dict[tuple[str, str], list[float]] = {}
    for who, user in (("DPO", dpo), ("authoriser", head)):
        client = Client()
        client.force_login(user)
        still()
        page = client.get("/email/quarantine/")
        assert page.status_code == 200
        assert len(page.context["items"]) == min(25, args.held), len(page.context["items"])
        for _ in range(args.rounds):
            if args.as_is:
                client.get("/email/quarantine/")
                t0 = time.process_time()
                client.get("/email/quarantine/")
                results.setdefault((who, "this tree as it is"), []).append(time.process_time() - t0)
                continue
            selectors.spool_listing = every_file
            t0 = time.process_time()
            client.get("/email/quarantine/")
            results.setdefault((who, "every file (before)"), []).append(time.process_time() - t0)
            selectors.spool_listing = kept_listing
            client.get("/email/quarantine/")  # the listing kept (the folder still)
            t0 = time.process_time()
            client.get("/email/quarantine/")
            results.setdefault((who, "kept listing (now)"), []).append(time.process_time() - t0)
            new = q.store(b"From: a@b\r\n\r\nx\r\n", meta)  # the folder changes
            t0 = time.process_time()
            client.get("/email/quarantine/")
            results.setdefault((who, "one new message since"), []).append(time.process_time() - t0)
            q.update(new, status="rejected", decided_by="dpo")
            still()
    print(
        f"load average {os.getloadavg()[0]:.1f}; {args.messages:,} messages, {args.held} held, "
        f"{args.rounds} rounds, CPU per page (whole page, test client)"
    )
    for (who, label), series in results.items():
        best, median = min(series) * 1e3, statistics.median(series) * 1e3
        print(f"{who:10} {label:24} best {best:8.1f} ms  median {median:8.1f} ms")


if __name__ == "__main__":
    main()
