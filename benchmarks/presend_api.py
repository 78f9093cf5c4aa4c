"""Pre-send email check latency: `POST /api/email/check` and the `/email/check/` page.

    .venv/bin/python -m benchmarks.presend_api                 # 20 KB, 2 KB, 340-char drafts
    .venv/bin/python -m benchmarks.presend_api --sizes 20000 --requests 100
    .venv/bin/python -m benchmarks.presend_api --profile 20000 # cProfile of one size, top 30

A fresh SQLite database in a temporary folder (or --data-dir to reuse one) with the demo county
(`safehaven serve --demo`: 300 service users). Requests go through Django's test client in this
process (URL routing, middleware, token authentication, DRF parsing and rendering, the records
directory, the check), signed in as `demo.officer1`, to a demo professional contact, naming a
demo child with a date of birth and a health term (verdict warn), padded to the size with text
from the UK children's-services dev corpus. The first 5 calls of each series are dropped.
Prints wall-clock p50/p95 and CPU p50 per series and the load average, since the machine may be
shared. Target (issue 6): API p95 <= 150 ms for a 20 KB draft.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "data" / "uk-cs-dev.jsonl"


def corpus_text(size: int, rng: random.Random) -> str:
    """Dev-corpus documents (names, DOBs, addresses, special categories) without reply/forward
    markers, so that the draft is one message, not a reply with a trail."""
    from safehaven.core.email.trails import find_trail_text

    docs = [json.loads(line)["text"] for line in CORPUS.read_text("utf-8").splitlines()]
    docs = [d for d in docs if find_trail_text(d) is None]
    out = ""
    while len(out) < size:
        out += rng.choice(docs) + "\n\n"
    return out[:size]


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def _setup(data_dir: str | None):
    tmp = data_dir or tempfile.mkdtemp(prefix="safehaven-presend-bench-")
    os.environ.setdefault("SAFEHAVEN_DATA_DIR", tmp)
    os.environ.setdefault("SAFEHAVEN_REGISTER_KEY", "benchmark-key")
    os.environ["DJANGO_SETTINGS_MODULE"] = "safehaven.settings.local"
    import django

    django.setup()
    import logging

    logging.getLogger("safehaven").setLevel(logging.WARNING)
    from django.conf import settings
    from django.core.management import call_command

    from safehaven.records.demo import demo_load

    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    demo_load()


def _draft(size: int, rng: random.Random) -> dict:
    """To a professional contact whose organisation has the named child's consent (verdict
    warn: the usual case where a sender reads the findings and may override)."""
    from safehaven.accounts.models import User
    from safehaven.records.models import Consent, ProfessionalContact

    officer = User.objects.get(username="demo.officer1")
    consent = (
        Consent.objects.filter(
            service_user__unit__in=officer.units.all(),
            recipient_organisation__contacts__email__contains="@",
            recipient_organisation__email_domains__security="secure",
            withdrawn_at__isnull=True,
        )
        .select_related("service_user", "recipient_organisation")
        .order_by("pk")
        .first()
    )
    child = consent.service_user
    contact = (
        ProfessionalContact.objects.filter(organisation=consent.recipient_organisation)
        .exclude(email="")
        .order_by("pk")
        .first()
    )
    first = contact.name.split()[0]
    opening = (
        f"Dear {first},\n\n{child.given_name} {child.family_name} (DOB "
        f"{child.date_of_birth:%d/%m/%Y}) has asthma and needs an inhaler on the trip.\n\n"
    )
    body = opening + corpus_text(max(0, size - len(opening)), rng)
    return {"to": [contact.email], "subject": "Trip next week", "body": body[: max(size, 1)]}


def _series(call, n: int) -> tuple[list[float], list[float], str]:
    wall, cpu = [], []
    verdict = ""
    for i in range(n + 5):
        t0, c0 = time.perf_counter(), time.process_time()
        verdict = call()
        w, c = time.perf_counter() - t0, time.process_time() - c0
        if i >= 5:
            wall.append(w * 1000)
            cpu.append(c * 1000)
    return wall, cpu, verdict


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="20000,2000,340", help="draft body sizes (characters)")
    parser.add_argument("--requests", type=int, default=60, help="calls per series")
    parser.add_argument("--data-dir", help="reuse this SQLite folder")
    parser.add_argument("--no-page", action="store_true", help="API only")
    parser.add_argument("--profile", type=int, help="cProfile 20 API calls of this size")
    parser.add_argument("--profile-lines", type=int, default=30)
    parser.add_argument("--out", help="append the JSON result to this file")
    args = parser.parse_args()
    _setup(args.data_dir)

    from django.test import Client
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    from safehaven.accounts.models import User

    officer = User.objects.get(username="demo.officer1")
    token, _ = Token.objects.get_or_create(user=officer)
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    page = Client()
    page.force_login(officer)
    rng = random.Random(11)

    def api_call(draft):
        def call() -> str:
            r = api.post("/api/email/check", draft, format="json")
            if r.status_code != 200:
                raise SystemExit(f"API answered {r.status_code}: {r.content[:300]!r}")
            return r.json()["verdict"]

        return call

    def page_call(draft):
        form = {
            "sender": officer.email,
            "to": ", ".join(draft["to"]),
            "subject": draft["subject"],
            "body": draft["body"],
        }

        def call() -> str:
            r = page.post("/email/check/", form)
            if r.status_code != 200:
                raise SystemExit(f"page answered {r.status_code}")
            return "page"

        return call

    if args.profile:
        import cProfile
        import pstats

        call = api_call(_draft(args.profile, rng))
        call()
        prof = cProfile.Profile()
        prof.enable()
        for _ in range(20):
            call()
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(args.profile_lines)
        return

    results = {
        "load_average_at_start": round(os.getloadavg()[0], 2),
        "cpus": os.cpu_count(),
        "requests": args.requests,
        "series": [],
    }
    for size in [int(s) for s in args.sizes.split(",") if s]:
        draft = _draft(size, rng)
        kinds = [("api", api_call(draft))]
        if not args.no_page:
            kinds.append(("page", page_call(draft)))
        for kind, call in kinds:
            wall, cpu, verdict = _series(call, args.requests)
            row = {
                "path": kind,
                "body_chars": len(draft["body"]),
                "verdict": verdict,
                "p50_ms": round(statistics.median(wall), 1),
                "p95_ms": round(pct(wall, 95), 1),
                "cpu_p50_ms": round(statistics.median(cpu), 1),
            }
            results["series"].append(row)
            print(json.dumps(row), flush=True)
    results["load_average_at_end"] = round(os.getloadavg()[0], 2)
    print(json.dumps(results, indent=1))
    if args.out:
        with open(args.out, "a") as fh:
            fh.write(json.dumps(results) + "\n")


if __name__ == "__main__":
    main()
