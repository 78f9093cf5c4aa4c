"""The context every template draws from: one family, one child, the people around them."""

from __future__ import annotations

import datetime as dt
import random

from benchmarks.corpus import ukids
from benchmarks.corpus.builder import Lab
from benchmarks.corpus.world import TOWN_COUNCIL, World


def standard_ctx(world: World, young: bool = False) -> dict:
    """``young``: the child is 16-19 (college, apprenticeship, leaving care)."""
    rng = world.rng
    town = world.town()
    ctx: dict = {"town": town}
    background = world.background()
    surname = world.surname(background)
    used: set[str] = set()
    ctx.update(
        world.person(
            "c",
            town=town,
            child=True,
            background=background,
            surname=surname,
            exclude=used,
            young=young,
        )
    )
    ctx.update(
        world.person(
            "s", town=town, child=True, background=background, surname=surname, exclude=used
        )
    )
    same = rng.random() < 0.75
    ctx.update(
        world.person(
            "p",
            town=town,
            child=False,
            background=background,
            surname=surname if same else None,
            gender="f",
            exclude=used,
        )
    )
    ctx.update(
        world.person(
            "q",
            town=town,
            child=False,
            background=background,
            surname=surname,
            gender="m",
            exclude=used,
        )
    )
    ctx.update(world.person("x", town=town, child=False))
    ctx.update(world.address("a", town))
    ctx.update(world.address("b", town))
    ctx.update(world.school("sc", town))
    dom = ctx["sc.domain"]
    for role in ("h", "d", "e", "t"):
        ctx.update(world.staff(role, town, dom))
    council, council_domain = TOWN_COUNCIL[town]
    ctx["council"] = council
    ctx.update(world.staff("w", town, council_domain))
    ctx.update(world.staff("m", town, council_domain))
    ctx.update(world.staff("v", town, "nhs.net"))
    ctx.update(world.staff("o", town, rng.choice(["police.uk", "nhs.net", council_domain])))
    ctx["date"] = world.date()
    ctx["past_date"] = world.date(dt.date(2024, 1, 8), dt.date(2025, 7, 18))
    ctx["time"] = lambda: rng.choice(
        ["9.30am", "10:00", "2pm", "3.15pm", "13:30", "11am", "4:00pm", "half past nine"]
    )
    ctx["inv"] = lambda: ukids.make_nhs_invoice_number(rng)
    ctx["amount"] = lambda: f"£{rng.randrange(12, 4800)}.{rng.randrange(100):02d}"
    ctx["count"] = lambda: str(rng.randrange(2, 31))
    ctx["pct"] = lambda: f"{rng.randrange(61, 99)}.{rng.randrange(10)}%"
    ctx["ref"] = lambda: f"{rng.choice(['REF', 'ACC', 'CAS'])}-{rng.randrange(10000, 99999)}"
    ctx["room"] = lambda: rng.choice(
        [
            "the library",
            "Room 4",
            "the SENCo office",
            "the hall",
            "Meeting Room 2",
            "the family room",
        ]
    )
    ctx["street"] = lambda: rng.choice(world.streets)
    ctx["pref_name"] = lambda: Lab(rng.choice(["Alex", "Sam", "Jay"]), "PERSON")
    ctx["mash_phone"] = Lab(ukids.make_phone(rng, town, "landline"), "PHONE_NUMBER")
    ctx["sc.phone"] = Lab(ukids.make_phone(rng, town, "landline"), "PHONE_NUMBER")
    ctx["sc.email"] = Lab(f"office@{dom}", "EMAIL_ADDRESS")
    ctx["sc.addr"] = Lab(f"{rng.randrange(1, 90)} {rng.choice(world.streets)}", "STREET_ADDRESS")
    ctx["sc.pc"] = Lab(ukids.make_postcode(rng, town), "UK_POSTCODE")
    return ctx


def pick(rng: random.Random, *options: str) -> str:
    return rng.choice(options)
