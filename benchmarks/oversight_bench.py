"""Oversight costs: what the DPO policy adds to every email check, what loading the DPO's extra
lexicon terms costs once per version, and how long a subject access bundle takes for a person
with many register entries and access-log rows.

    .venv/bin/python benchmarks/oversight_bench.py --disclosures 1000 --views 1000

SQLite in a fresh temporary folder (or --data-dir). Prints wall and CPU time per item.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time


def _time(fn, repeat: int) -> tuple[float, float]:
    """Median wall and CPU milliseconds of `repeat` calls."""
    walls, cpus = [], []
    for _ in range(repeat):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - w) * 1000)
        cpus.append((time.process_time() - c) * 1000)
    return statistics.median(walls), statistics.median(cpus)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--disclosures", type=int, default=1000)
    parser.add_argument("--views", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--data-dir")
    args = parser.parse_args()

    tmp = args.data_dir or tempfile.mkdtemp(prefix="safehaven-bench-")
    os.environ.setdefault("SAFEHAVEN_DATA_DIR", tmp)
    os.environ.setdefault("SAFEHAVEN_REGISTER_KEY", "benchmark-key")
    os.environ["DJANGO_SETTINGS_MODULE"] = "safehaven.settings.local"
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    import logging

    import django

    django.setup()
    logging.disable(logging.INFO)  # one "register entry appended" line per entry otherwise
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from tests.factories import ServiceUserFactory, UnitFactory, UserFactory, disclosure

    from safehaven.core.detect import analyse
    from safehaven.email.policy import email_policy
    from safehaven.oversight import policy
    from safehaven.oversight import sar as sars
    from safehaven.records.models import AccessLog

    dpo = UserFactory(username="bench-dpo", role="dpo")
    officer = UserFactory(username="bench-officer", role="officer")
    print(f"load average: {os.getloadavg()[0]:.1f}")

    email_policy()  # warm: imports, files, engine lists untouched
    wall, cpu = _time(email_policy, args.repeat)
    print(f"email_policy(), shipped defaults: {wall:.2f} ms wall, {cpu:.2f} ms CPU")
    data = policy.policy_in_force().data
    data["email"]["secure_domains"].append({"domain": "trust.nhs.uk", "source": "local"})
    policy.policy_save(user=dpo, data=data, reason="benchmark")
    email_policy()
    wall, cpu = _time(email_policy, args.repeat)
    print(f"email_policy(), DPO version 1: {wall:.2f} ms wall, {cpu:.2f} ms CPU")

    text = "Amelia Whitworth has been referred to the zorblax clinic by her GP."
    analyse(text)
    wall, cpu = _time(lambda: analyse(text), 20)
    print(f"analyse() warm, 67 chars: {wall:.2f} ms wall, {cpu:.2f} ms CPU")
    data = policy.policy_in_force().data
    data["lexicons"]["health"] = ["zorblax clinic"]
    policy.policy_save(user=dpo, data=data, reason="benchmark lexicon")
    w, c = time.perf_counter(), time.process_time()
    policy.lexicons_activate()
    found = analyse(text).special_categories
    print(
        f"new lexicon version: activate + first analyse {1000 * (time.perf_counter() - w):.0f} "
        f"ms wall, {1000 * (time.process_time() - c):.0f} ms CPU (health found: "
        f"{'health' in found})"
    )

    unit = UnitFactory(name="Bench School")
    person = ServiceUserFactory(unit=unit)
    w = time.perf_counter()
    for _ in range(args.disclosures):
        disclosure(service_user=person, disclosed_by=officer)
    print(f"{args.disclosures} register entries written in {time.perf_counter() - w:.1f} s")
    AccessLog.objects.bulk_create(
        AccessLog(user=officer, service_user=person, action=AccessLog.Action.VIEW)
        for _ in range(args.views)
    )
    sar = sars.sar_create(user=dpo, received_on=None, requester_name="Bench Parent")
    sar = sars.sar_link_service_user(sar=sar, user=dpo, reference=person.reference)
    for label, fn in [
        ("bundle PDF", lambda: sars.sar_bundle_pdf(sar=sar, user=dpo)),
        ("disclosures CSV", lambda: sars.sar_disclosures_csv(sar=sar, user=dpo)),
        ("access-log CSV", lambda: sars.sar_access_log_csv(sar=sar, user=dpo)),
    ]:
        wall, cpu = _time(fn, 3)
        print(
            f"SAR {label}, {args.disclosures} entries + {args.views} views: "
            f"{wall / 1000:.2f} s wall, {cpu / 1000:.2f} s CPU"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
