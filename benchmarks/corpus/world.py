"""People, places and dates for the UK corpora.

Each template family brings its own names and streets (FIRST_NAMES, SURNAMES, STREETS in its
module), so no name used for tuning appears in the holdout and this module reveals none of the
holdout's.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata

from benchmarks.corpus import ukids
from benchmarks.corpus.builder import Lab

BACKGROUND_WEIGHTS = {
    "british": 30,
    "south_asian": 20,
    "polish": 8,
    "somali": 7,
    "caribbean": 8,
    "irish": 6,
    "chinese": 5,
    "west_african": 7,
    "eastern_european": 5,
    "middle_eastern": 4,
}

TOWNS = list(ukids.OUTWARD)
TOWN_LA = {
    "Leicester": "856",
    "Birmingham": "330",
    "Manchester": "352",
    "Bradford": "380",
    "Leeds": "383",
    "Sheffield": "373",
    "Bristol": "801",
    "Nottingham": "892",
    "Luton": "821",
    "London": "211",
    "Liverpool": "341",
    "Coventry": "331",
    "Derby": "831",
    "Huddersfield": "382",
    "Maidstone": "886",
    "Preston": "888",
}
TOWN_COUNCIL = {
    "Leicester": ("Leicester City Council", "leicester.gov.uk"),
    "Birmingham": ("Birmingham City Council", "birmingham.gov.uk"),
    "Manchester": ("Manchester City Council", "manchester.gov.uk"),
    "Bradford": ("City of Bradford Metropolitan District Council", "bradford.gov.uk"),
    "Leeds": ("Leeds City Council", "leeds.gov.uk"),
    "Sheffield": ("Sheffield City Council", "sheffield.gov.uk"),
    "Bristol": ("Bristol City Council", "bristol.gov.uk"),
    "Nottingham": ("Nottingham City Council", "nottinghamcity.gov.uk"),
    "Luton": ("Luton Borough Council", "luton.gov.uk"),
    "London": ("London Borough of Tower Hamlets", "towerhamlets.gov.uk"),
    "Liverpool": ("Liverpool City Council", "liverpool.gov.uk"),
    "Coventry": ("Coventry City Council", "coventry.gov.uk"),
    "Derby": ("Derby City Council", "derby.gov.uk"),
    "Huddersfield": ("Kirklees Council", "kirklees.gov.uk"),
    "Maidstone": ("Kent County Council", "kent.gov.uk"),
    "Preston": ("Lancashire County Council", "lancashire.gov.uk"),
}
SCHOOL_STEMS = [
    "Rushey Mead",
    "Hamilton",
    "Beaumont Leys",
    "Humberstone",
    "Oakfield",
    "Highfields",
    "St Mary's Church of England",
    "St Patrick's Catholic",
    "Sir Jonathan North",
    "Fosse",
    "Willowbrook",
    "Belgrave",
    "Moorside",
    "Parkland",
    "King Edward VI",
    "Northfield",
    "Greenbank",
    "Holy Trinity",
    "Church Hill",
    "Queensmead",
    "Ashfield",
    "Brookside",
]
SCHOOL_KINDS = [
    "Primary School",
    "Academy",
    "Community College",
    "Primary Academy",
    "Junior School",
    "Infant School",
    "High School",
    "Nursery School",
]
EMAIL_DOMAINS = [
    "gmail.com",
    "hotmail.co.uk",
    "outlook.com",
    "yahoo.co.uk",
    "icloud.com",
    "live.co.uk",
    "btinternet.com",
]


def ascii_fold(text: str) -> str:
    """What people type in an email address: Łukasz -> lukasz, Zoë -> zoe."""
    text = text.replace("ł", "l").replace("Ł", "L")
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def polish_feminine(surname: str) -> str:
    for end in ("ski", "cki", "dzki"):
        if surname.endswith(end):
            return surname[:-1] + "a"
    return surname


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def ordinal(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th') }".replace(" ", "")


def format_date(rng: random.Random, d: dt.date) -> str:
    style = rng.randrange(9)
    if style == 0:
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == 1:
        return f"{d.day}/{d.month}/{d.year}"
    if style == 2:
        return f"{d.day} {MONTHS[d.month - 1]} {d.year}"
    if style == 3:
        return f"{ordinal(d.day)} {MONTHS[d.month - 1]} {d.year}"
    if style == 4:
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == 5:
        return f"{d.day:02d}/{d.month:02d}/{d.year % 100:02d}"
    if style == 6:
        return f"{d.day} {MONTHS[d.month - 1][:3]} {d.year}"
    if style == 7:
        return f"{d.day:02d}-{MONTHS[d.month - 1][:3]}-{d.year}"
    return d.isoformat()


def random_date(rng: random.Random, first: dt.date, last: dt.date) -> dt.date:
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


class World:
    """Draws people, places and identifiers for one family from one seeded generator."""

    def __init__(self, rng: random.Random, family: str, names):
        """``names`` is the family's template module, with FIRST_NAMES, SURNAMES and STREETS."""
        self.rng = rng
        self.family = family
        self.first = names.FIRST_NAMES
        self.last = names.SURNAMES
        self.streets = names.STREETS

    def background(self) -> str:
        keys = list(BACKGROUND_WEIGHTS)
        return self.rng.choices(keys, weights=[BACKGROUND_WEIGHTS[k] for k in keys])[0]

    def surname(self, background: str) -> str:
        return self.rng.choice(self.last[background])

    def person(
        self,
        prefix: str,
        *,
        town: str,
        child: bool,
        background: str | None = None,
        surname: str | None = None,
        gender: str | None = None,
        exclude: set[str] | None = None,
        young: bool = False,
    ) -> dict:
        rng = self.rng
        background = background or self.background()
        pool = self.first[background]
        if gender:
            pool = [p for p in pool if p[1] == gender] or pool
        if exclude:
            pool = [p for p in pool if p[0] not in exclude] or pool
        first, g = rng.choice(pool)
        if exclude is not None:
            exclude.add(first)
        last = surname or self.surname(background)
        if g == "f" and background == "polish":
            last = polish_feminine(last)
        if child and young:  # 16-19: college, apprenticeship, leaving care
            dob = random_date(rng, dt.date(2006, 9, 1), dt.date(2010, 8, 31))
        elif child:
            dob = random_date(rng, dt.date(2008, 9, 1), dt.date(2023, 8, 31))
        else:
            dob = random_date(rng, dt.date(1968, 1, 1), dt.date(2000, 12, 31))
        title = "" if child else rng.choice(["Mr"] if g == "m" else ["Mrs", "Ms", "Miss", "Mrs"])
        f_user = ascii_fold(first.lower().replace(" ", ""))
        l_user = ascii_fold(last.lower().replace("'", "").replace(" ", ""))
        email_user = rng.choice(
            [
                f"{f_user}.{l_user}",
                f"{f_user}{l_user}{rng.randrange(1, 99)}",
                f"{f_user[0]}{l_user.replace('-', '')}",
            ]
        )
        p = f"{prefix}."
        he, him, his = ("he", "him", "his") if g == "m" else ("she", "her", "her")
        ctx = {
            p + "first": Lab(first, "PERSON"),
            p + "last": Lab(last, "PERSON"),
            p + "full": Lab(f"{first} {last}", "PERSON"),
            p + "initial": Lab(f"{first[0]}. {last}", "PERSON"),
            p + "LAST": Lab(last.upper(), "PERSON"),
            p + "first_LAST": Lab(f"{first} {last.upper()}", "PERSON"),
            p + "last_first": Lab(f"{last.upper()}, {first}", "PERSON"),
            p + "title": title,
            p + "he": he,
            p + "him": him,
            p + "his": his,
            p + "He": he.capitalize(),
            p + "His": his.capitalize(),
            p + "son": "son" if g == "m" else "daughter",
            p + "boy": "boy" if g == "m" else "girl",
            p + "dob": Lab(format_date(rng, dob), "DATE_OF_BIRTH"),
            p + "age": str(max(1, 2026 - dob.year - 1)),
            p + "upn": Lab(
                ukids.make_upn(rng, TOWN_LA[town], temporary=rng.random() < 0.08), "UK_UPN"
            ),
            p + "uln": Lab(ukids.make_uln(rng), "UK_ULN"),
            p + "nhs": Lab(self.nhs_text(), "UK_NHS"),
            p + "nino": Lab(ukids.format_nino(rng, ukids.make_nino(rng)), "UK_NINO"),
            p + "phone": Lab(ukids.make_phone(rng, town), "PHONE_NUMBER"),
            p + "mobile": Lab(ukids.make_phone(rng, town, "mobile"), "PHONE_NUMBER"),
            p + "email": Lab(f"{email_user}@{rng.choice(EMAIL_DOMAINS)}", "EMAIL_ADDRESS"),
            p + "year_group": f"Year {max(1, min(13, 2025 - dob.year - 5))}",
        }
        return ctx

    def nhs_text(self) -> str:
        n = ukids.make_nhs(self.rng)
        style = self.rng.random()
        if style < 0.55:
            return f"{n[:3]} {n[3:6]} {n[6:]}"
        if style < 0.9:
            return n
        return f"{n[:3]}-{n[3:6]}-{n[6:]}"

    def address(self, prefix: str, town: str) -> dict:
        rng = self.rng
        street = rng.choice(self.streets)
        style = rng.random()
        if style < 0.6:
            line = f"{rng.randrange(1, 240)} {street}"
        elif style < 0.75:
            line = f"{rng.randrange(1, 120)}{rng.choice('ab')} {street}"
        elif style < 0.9:
            line = f"Flat {rng.randrange(1, 30)}, {rng.randrange(1, 200)} {street}"
        else:
            house = rng.choice(["Priory", "Clarendon", "Mercury", "Sovereign"])
            line = f"Flat {rng.randrange(1, 12)} {house} House, {rng.randrange(1, 90)} {street}"
        p = f"{prefix}."
        return {
            p + "addr": Lab(line, "STREET_ADDRESS"),
            p + "town": town,
            p + "pc": Lab(ukids.make_postcode(rng, town), "UK_POSTCODE"),
        }

    def school(self, prefix: str, town: str) -> dict:
        rng = self.rng
        name = f"{rng.choice(SCHOOL_STEMS)} {rng.choice(SCHOOL_KINDS)}"
        words = [w.lower().replace("'", "") for w in name.split()[:2]]
        slug = rng.choice(["".join(words), words[0] + rng.choice(["", "-pri", "-acad", "school"])])
        domain = f"{slug}.{town.lower().replace(' ', '')}.sch.uk"
        p = f"{prefix}."
        return {p + "name": name, p + "domain": domain, p + "town": town}

    def staff(self, prefix: str, town: str, domain: str) -> dict:
        ctx = self.person(prefix, town=town, child=False)
        first = ctx[f"{prefix}.first"].text
        last = ctx[f"{prefix}.last"].text
        user = (
            self.rng.choice(
                [
                    f"{first[0].lower()}.{last.lower()}",
                    f"{first.lower()}.{last.lower()}",
                    f"{first[0].lower()}{last.lower()}",
                ]
            )
            .replace("'", "")
            .replace(" ", "")
        )
        user = ascii_fold(user)
        ctx[f"{prefix}.email"] = Lab(f"{user}@{domain}", "EMAIL_ADDRESS")
        return ctx

    def date(self, first: dt.date = dt.date(2025, 9, 1), last: dt.date = dt.date(2026, 7, 20)):
        """A fresh non-birth date at each use."""
        return lambda: format_date(self.rng, random_date(self.rng, first, last))

    def town(self) -> str:
        return self.rng.choice(TOWNS)
