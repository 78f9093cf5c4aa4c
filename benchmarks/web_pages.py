"""Web page timings: the search page and the record page, end to end through Django (URL
routing, middleware, access helpers, selectors, template rendering), on generated data.

    .venv/bin/python benchmarks/web_pages.py --service-users 100000
    DATABASE_URL=postgres://user@127.0.0.1:5432/db .venv/bin/python benchmarks/web_pages.py \
        --service-users 1000000

Without DATABASE_URL it uses a fresh SQLite database in a temporary folder. Requests go through
Django's test client in this process (no HTTP socket), signed in as an officer of one school, so
the figures are server time per page. Targets (issue 3): search p95 <= 50 ms, record page p95
<= 100 ms with 1,000,000 service users on PostgreSQL.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import tempfile
import time

GIVEN = [
    "Oliver",
    "Amelia",
    "George",
    "Isla",
    "Harry",
    "Ava",
    "Noah",
    "Mia",
    "Jack",
    "Ivy",
    "Leo",
    "Lily",
    "Arthur",
    "Freya",
    "Oscar",
    "Florence",
    "Charlie",
    "Willow",
    "Muhammad",
    "Evie",
    "Henry",
    "Sophia",
    "Theodore",
    "Grace",
    "Jacob",
    "Ella",
    "Alfie",
    "Rosie",
    "Thomas",
    "Poppy",
    "Archie",
    "Olivia",
    "Joshua",
    "Emily",
    "Lucas",
    "Daisy",
    "Edward",
    "Ruby",
    "Isaac",
    "Sienna",
    "Reggie",
    "Aisha",
    "Mason",
    "Zara",
    "Tommy",
    "Maryam",
    "Finley",
    "Hannah",
    "Teddy",
    "Layla",
    "Logan",
    "Matilda",
    "Max",
    "Harper",
    "Ethan",
    "Phoebe",
    "Elijah",
    "Erin",
]
FAMILY = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Patel",
    "Robinson",
    "Wright",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Thomas",
    "Clarke",
    "Jackson",
    "Wood",
    "Harris",
    "Edwards",
    "Turner",
    "Martin",
    "Cooper",
    "Hill",
    "Ward",
    "Hughes",
    "Moore",
    "Clark",
    "King",
    "Harrison",
    "Lewis",
    "Baker",
    "Lee",
    "Allen",
    "Morris",
    "Khan",
    "Scott",
    "Watson",
    "Davis",
    "Parker",
    "James",
    "Bennett",
    "Young",
    "Phillips",
    "Richardson",
    "Mitchell",
    "Bailey",
    "Carter",
    "Cook",
    "Singh",
    "Shaw",
    "Bell",
    "Collins",
    "Morgan",
    "Kelly",
    "Begum",
    "Miller",
    "Cox",
    "Hussain",
    "Marshall",
    "Simpson",
    "Price",
    "Anderson",
    "Adams",
    "Wilkinson",
    "Ali",
    "Ahmed",
    "Foster",
    "Ellis",
    "Murphy",
    "Chapman",
    "Mason",
    "Gray",
    "Richards",
    "Webb",
    "Griffiths",
    "Hunt",
    "Palmer",
    "Campbell",
    "Holmes",
    "Mills",
    "Rogers",
    "Barnes",
    "Knight",
    "Matthews",
    "Barker",
    "Powell",
    "Stevens",
    "Kaur",
    "Fisher",
    "Butler",
    "Dixon",
    "Russell",
    "Harvey",
    "Pearson",
    "Graham",
    "Fletcher",
    "Whitworth",
]


def _typo(word: str, rng: random.Random) -> str:
    """One transposition in the middle of the word, as a person mistypes."""
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 2)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


def _generate(count: int, units: int, rng: random.Random) -> None:
    from django.db import transaction

    from safehaven.accounts.models import Unit
    from safehaven.records.models import Address, Consent, Organisation, ServiceUser

    unit_rows = Unit.objects.bulk_create([Unit(name=f"Bench School {i:03d}") for i in range(units)])
    organisation = Organisation.objects.create(name="Bench Health Trust", kind="health")
    batch = 20_000
    start = dt.date(2008, 9, 1)
    made = 0
    while made < count:
        size = min(batch, count - made)
        with transaction.atomic():
            people = ServiceUser.objects.bulk_create(
                [
                    ServiceUser(
                        given_name=rng.choice(GIVEN),
                        family_name=rng.choice(FAMILY),
                        date_of_birth=start + dt.timedelta(days=rng.randrange(0, 13 * 365)),
                        reference=f"B{made + i:08d}",
                        unit=unit_rows[(made + i) % units],
                    )
                    for i in range(size)
                ],
                batch_size=5_000,
            )
            addresses = []
            consents = []
            for person in people:
                addresses.append(
                    Address(
                        service_user=person,
                        line_1=f"{rng.randrange(1, 200)} Old Road",
                        town="Leicester",
                        postcode="LE1 1AA",
                        valid_from=dt.date(2015, 1, 1),
                        valid_to=dt.date(2020, 1, 1),
                    )
                )
                addresses.append(
                    Address(
                        service_user=person,
                        line_1=f"{rng.randrange(1, 200)} New Street",
                        town="Loughborough",
                        postcode="LE11 3TU",
                        valid_from=dt.date(2020, 1, 2),
                    )
                )
                if rng.random() < 0.2:
                    consents.append(
                        Consent(
                            service_user=person,
                            given_by_name="A Parent",
                            given_by_relationship="mother",
                            recipient_organisation=organisation,
                            method="written",
                            given_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
                        )
                    )
            Address.objects.bulk_create(addresses, batch_size=5_000)
            Consent.objects.bulk_create(consents, batch_size=5_000)
        made += size
        print(f"  {made:,} service users", flush=True)


def _percentiles(samples: list[tuple[float, float]]) -> str:
    """Wall-clock p50/p95 and this process's CPU p50 (robust when the machine is shared)."""
    wall = sorted(w for w, _c in samples)
    cpu = sorted(c for _w, c in samples)
    p95 = wall[max(0, int(len(wall) * 0.95) - 1)]
    return (
        f"wall p50 {statistics.median(wall):6.1f} ms  p95 {p95:6.1f} ms  max {wall[-1]:6.1f} ms"
        f"  | cpu p50 {statistics.median(cpu):6.1f} ms  (n={len(wall)})"
    )


def _time(client, urls: list[str]) -> list[tuple[float, float]]:
    timings = []
    for url in urls:
        started, cpu_started = time.perf_counter(), time.process_time()
        response = client.get(url)
        timings.append(
            (
                (time.perf_counter() - started) * 1000,
                (time.process_time() - cpu_started) * 1000,
            )
        )
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--service-users", type=int, default=100_000)
    parser.add_argument("--units", type=int, default=200)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--data-dir", help="reuse this SQLite folder (data already there)")
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()

    tmp = args.data_dir or tempfile.mkdtemp(prefix="safehaven-web-bench-")
    os.environ.setdefault("SAFEHAVEN_DATA_DIR", tmp)
    os.environ.setdefault("SAFEHAVEN_REGISTER_KEY", "benchmark-key")
    os.environ["DJANGO_SETTINGS_MODULE"] = "safehaven.settings.local"
    import django

    django.setup()
    import logging
    import warnings

    logging.getLogger("safehaven").setLevel(logging.WARNING)
    warnings.filterwarnings("ignore", message="No directory at")
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from safehaven.accounts.models import Unit, User
    from safehaven.records.models import ServiceUser
    from safehaven.register.services import disclosure_record

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    existing = ServiceUser.objects.count()
    if existing == 0:
        print(f"Generating {args.service_users:,} service users on {connection.vendor} ...")
        started = time.perf_counter()
        _generate(args.service_users, args.units, rng)
        print(f"  generated in {time.perf_counter() - started:.0f} s")
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
    else:
        print(f"Reusing {existing:,} service users")

    unit = Unit.objects.order_by("name").first()
    officer, _ = User.objects.get_or_create(username="bench-officer", defaults={"role": "officer"})
    officer.units.set([unit])
    mine = list(
        ServiceUser.objects.filter(unit=unit).values_list("pk", "given_name", "family_name")[:5000]
    )
    sample = [rng.choice(mine) for _ in range(args.requests)]
    if not ServiceUser.objects.filter(pk=sample[0][0], disclosures__isnull=False).exists():
        for pk, _given, _family in sample[:20]:
            disclosure_record(
                service_user=ServiceUser.objects.get(pk=pk),
                disclosed_by=officer,
                channel="telephone",
                outcome="disclosed",
                recipient_name="Dr A Example",
                summary="Attendance this term.",
                reason="Health assessment",
                lawful_basis="safeguarding",
                lawful_basis_justification="Section 47 enquiry",
            )

    client = Client()
    client.force_login(officer)
    record_urls = [f"/service-users/{pk}/" for pk, _g, _f in sample]
    search_urls = [
        f"/service-users/?q={given}+{_typo(family, rng)}" for _pk, given, family in sample
    ]
    api_urls = [f"/api/service-users/{pk}/" for pk, _g, _f in sample]
    _time(client, record_urls[:10] + search_urls[:10])  # warm up templates and connections

    total = ServiceUser.objects.count()
    print(f"\n{total:,} service users, {args.units} units, {connection.vendor}; officer of 1 unit")
    print(f"search page (name with a typo): {_percentiles(_time(client, search_urls))}")
    print(f"record page:                    {_percentiles(_time(client, record_urls))}")
    print(f"API service-user detail:        {_percentiles(_time(client, api_urls))}")
    print(f"load average: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
