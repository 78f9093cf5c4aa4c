"""A realistic demo county (Leicestershire-like, all people fictional), loaded once.

Everything is written through the services, so the demo also exercises them; the register
entries are real chained entries made by `disclosure_record`.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from safehaven.accounts.models import Unit, User
from safehaven.accounts.services import user_create
from safehaven.core.identifiers import upn_check_letter
from safehaven.records import services
from safehaven.records.models import (
    Address,
    ContactRestriction,
    EmailDomain,
    FaxNumber,
    Organisation,
    RelatedPerson,
    ServiceUser,
)

DEMO_PASSWORD = "demo-only-Charnwood-2026"  # noqa: S105 (printed as demo-only by `serve --demo`)
DEMO_MARKER_USERNAME = "demo.dpo"

SCHOOLS = [
    ("Ashby Hill Primary School", "855/2101", "Moira Road", "Ashby-de-la-Zouch", "LE65 2AB"),
    ("Loughborough Meadows Academy", "855/4102", "Forest Road", "Loughborough", "LE11 3NR"),
    ("Market Harborough Brook Primary", "855/2103", "Brook Lane", "Market Harborough", "LE16 7AZ"),
    ("Hinckley Fields Community College", "855/4104", "Butt Lane", "Hinckley", "LE10 1LQ"),
    ("Melton St Anne's C of E Primary", "855/3105", "Asfordby Road", "Melton Mowbray", "LE13 0HP"),
]
TEAMS = [
    ("Charnwood Early Help Team", Unit.Kind.TEAM, "Southfield Road", "Loughborough", "LE11 2TT"),
    (
        "North West Leicestershire Children in Care Team",
        Unit.Kind.TEAM,
        "Coalville Road",
        "Coalville",
        "LE67 3FJ",
    ),
    ("County Inclusion Service", Unit.Kind.SERVICE, "County Hall", "Glenfield", "LE3 8RA"),
]
ORGANISATIONS = [
    # name, kind, domain, secure, switchboard, fax, department
    (
        "Charnwood Community Health NHS Trust",
        Organisation.Kind.HEALTH,
        "charnwoodhealth.nhs.uk",
        True,
        "0116 496 0100",
        "0116 496 0190",
        "Safeguarding Children Team",
    ),
    (
        "Leicestershire Constabulary (demo)",
        Organisation.Kind.POLICE,
        "leics-demo.police.uk",
        True,
        "0116 496 0200",
        "0116 496 0290",
        "Child Abuse Investigation Unit",
    ),
    (
        "Soar Valley Children's Social Care",
        Organisation.Kind.LA_TEAM,
        "soarvalley-demo.gov.uk",
        True,
        "0116 496 0300",
        "0116 496 0390",
        "First Response",
    ),
    (
        "Riverside Family Support (charity)",
        Organisation.Kind.CHARITY,
        "riverside-family.org.uk",
        False,
        "0116 496 0400",
        "",
        "",
    ),
    (
        "Wreake Valley Speech and Language Provider",
        Organisation.Kind.PROVIDER,
        "wreakevalley-slt.co.uk",
        False,
        "0116 496 0500",
        "0116 496 0590",
        "Referrals",
    ),
    (
        "Lutterworth Road Medical Centre",
        Organisation.Kind.HEALTH,
        "lutterworthroad.nhs.uk",
        True,
        "0116 496 0600",
        "0116 496 0690",
        "Reception",
    ),
]
GIVEN = [
    "Olivia",
    "Amelia",
    "Isla",
    "Ava",
    "Mia",
    "Ivy",
    "Lily",
    "Freya",
    "Florence",
    "Grace",
    "Evie",
    "Sophia",
    "Poppy",
    "Aisha",
    "Zara",
    "Noah",
    "Oliver",
    "George",
    "Arthur",
    "Leo",
    "Muhammad",
    "Harry",
    "Oscar",
    "Archie",
    "Henry",
    "Jack",
    "Theo",
    "Charlie",
    "Jacob",
    "Arjun",
    "Priya",
    "Kian",
    "Maya",
    "Ethan",
    "Harper",
    "Daisy",
    "Ruby",
    "Alfie",
    "Finley",
    "Sienna",
    "Reuben",
    "Layla",
    "Aaron",
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
    "Wood",
    "Jackson",
    "Clarke",
    "Mistry",
    "Hughes",
    "Edwards",
    "Turner",
    "Parker",
    "Cooper",
    "Morris",
    "Kaur",
    "Singh",
    "Khan",
    "Ward",
    "Harris",
    "Bailey",
    "Chauhan",
    "Lewis",
    "Shaw",
    "Moore",
    "Hill",
]
STREETS = [
    "Station Road",
    "Church Street",
    "Forest Road",
    "Park Road",
    "Ashby Road",
    "Meadow Lane",
    "Victoria Street",
    "Granby Street",
    "Nottingham Road",
    "Leicester Road",
    "Main Street",
    "Mill Lane",
    "Orchard Close",
]
TOWNS = [
    ("Loughborough", "LE11"),
    ("Coalville", "LE67"),
    ("Hinckley", "LE10"),
    ("Melton Mowbray", "LE13"),
    ("Market Harborough", "LE16"),
    ("Ashby-de-la-Zouch", "LE65"),
    ("Wigston", "LE18"),
]


@dataclass
class DemoResult:
    created: bool
    logins: list[tuple[str, str, str]]  # (username, role label, units)
    password: str
    service_users: int
    disclosures: int


def _logins() -> list[tuple[str, str, str]]:
    out = []
    for u in User.objects.filter(username__startswith="demo.").prefetch_related("units"):
        units = ", ".join(x.name for x in u.units.all()) or "all units"
        out.append((u.username, u.display_role, units))
    return sorted(out)


def _postcode(rng: random.Random, district: str) -> str:
    return f"{district} {rng.randint(1, 9)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}" + rng.choice(
        "ABDEFGHJLNPQRSTUWXYZ"
    )


def demo_loaded() -> bool:
    return User.objects.filter(username=DEMO_MARKER_USERNAME).exists()


def demo_load(*, service_users: int = 300, seed: int = 20261125) -> DemoResult:
    """Loads the demo county once; a second call changes nothing and returns the logins."""
    from safehaven.register.models import Disclosure

    if demo_loaded():
        return DemoResult(
            False, _logins(), DEMO_PASSWORD, ServiceUser.objects.count(), Disclosure.objects.count()
        )
    rng = random.Random(seed)  # noqa: S311 (reproducible demo data, not security)
    with transaction.atomic():
        result = _load(rng, service_users)
    return result


def _load(rng: random.Random, n_service_users: int) -> DemoResult:
    from safehaven.register.correlation import correlation
    from safehaven.register.services import disclosure_record

    today = timezone.localdate()
    schools = [
        Unit.objects.create(
            kind=Unit.Kind.SCHOOL,
            name=n,
            dfe_number=d,
            line_1=street,
            town=t,
            postcode=pc,
            phone=f"+44116496{i:04d}",
        )
        for i, (n, d, street, t, pc) in enumerate(SCHOOLS, start=700)
    ]
    teams = [
        Unit.objects.create(kind=k, name=n, line_1=street, town=t, postcode=pc)
        for n, k, street, t, pc in TEAMS
    ]
    units = schools + teams

    def staff(username, role, first, last, unit_list, title="", job=""):
        return user_create(
            username=username,
            role=role,
            first_name=first,
            last_name=last,
            email=f"{username}@demo.safehaven.invalid",
            manager_title=title,
            job_title=job,
            units=unit_list,
            password=DEMO_PASSWORD,
        )

    dpo = staff("demo.dpo", User.Role.DPO, "Helen", "Marsh", [], job="Data Protection Officer")
    staff("demo.admin", User.Role.ADMINISTRATOR, "Sam", "Okafor", [], job="Systems Administrator")
    officers, authorisers = [], []
    first_names = ["Rachel", "Imran", "Claire", "Tomasz", "Nadia", "Gareth", "Leah", "Dev"]
    last_names = ["Holt", "Begum", "Fletcher", "Nowak", "Hussain", "Price", "Barker", "Sharma"]
    for i, unit in enumerate(units):
        officers.append(
            staff(
                f"demo.officer{i + 1}",
                User.Role.OFFICER,
                first_names[i % 8],
                last_names[i % 8],
                [unit],
                job="School Office Manager" if unit.kind == Unit.Kind.SCHOOL else "Caseworker",
            )
        )
    titles = [User.ManagerTitle.TEAM, User.ManagerTitle.LINE, User.ManagerTitle.SERVICE]
    for i, chunk in enumerate([units[0:3], units[3:5], units[5:8]]):
        authorisers.append(
            staff(
                f"demo.manager{i + 1}",
                User.Role.AUTHORISER,
                ["Priya", "Martin", "Joanne"][i],
                ["Desai", "Cole", "Whitaker"][i],
                chunk,
                title=titles[i],
            )
        )

    # One PBKDF2 hash shared by every demo login (hashing 15 times takes seconds).
    User.objects.filter(username__startswith="demo.").update(password=make_password(DEMO_PASSWORD))

    orgs = []
    for name, kind, domain, secure, switchboard, fax, dept in ORGANISATIONS:
        org = services.organisation_create(
            name=name,
            kind=kind,
            line_1="Demo House",
            town="Leicester",
            postcode=_postcode(rng, "LE1"),
            email=f"info@{domain}",
        )
        services.email_domain_record(
            organisation=org,
            domain=domain,
            security=EmailDomain.Security.SECURE if secure else EmailDomain.Security.NOT_SECURE,
            source="DPO assessment (demo)",
            assessed_by=dpo,
        )
        services.switchboard_record(
            organisation=org,
            number=switchboard,
            label="Main switchboard",
            verified_by=dpo,
            verification_source="Organisation's published website (demo)",
        )
        if fax:
            services.fax_number_record(
                organisation=org,
                number=fax,
                department=dept,
                label=dept,
                safe_haven=FaxNumber.SafeHaven.YES if secure else FaxNumber.SafeHaven.UNKNOWN,
                assessed_by=dpo if secure else None,
                assessment_notes="Secure room, designated staff (demo)" if secure else "",
            )
        for j in range(2):
            services.professional_contact_create(
                organisation=org,
                name=f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}",
                job_title=["Safeguarding Lead", "School Nurse", "Social Worker", "Case Officer"][
                    (j + len(orgs)) % 4
                ],
                department=dept,
                email=f"contact{j + 1}@{domain}",
                direct_phone=f"0116 496 0{len(orgs) + 1}{j + 5}0",
            )
        orgs.append(org)

    people = []
    seen_dobs = set()
    for i in range(n_service_users):
        unit = units[i % len(units)]
        given, family = rng.choice(GIVEN), rng.choice(FAMILY)
        dob = dt.date(2009, 9, 1) + dt.timedelta(days=rng.randint(0, 12 * 365))
        body = f"8552{101 + i % 5:03d}{i:05d}"
        su = services.service_user_create(
            given_name=given,
            family_name=family,
            date_of_birth=dob,
            reference=f"LCC{100000 + i}",
            unit=unit,
            upn=upn_check_letter(body) + body,
            allocated_worker=officers[i % len(units)] if unit.kind != Unit.Kind.SCHOOL else None,
            preferred_name=rng.choice(["", "", "", given[:3]]),
        )
        # A likely duplicate now and then (same DOB, similar name) for the import report.
        seen_dobs.add(dob)
        town, district = rng.choice(TOWNS)
        start = dob
        moves = rng.choice([1, 1, 2, 2, 3])
        for m in range(moves):
            start = start + dt.timedelta(days=rng.randint(200, 1500))
            if start >= today:
                start = today - dt.timedelta(days=moves - m)
            confidential = m == moves - 1 and rng.random() < 0.03
            services.address_amend(
                service_user=su,
                line_1=f"{rng.randint(1, 180)} {rng.choice(STREETS)}",
                town=town,
                postcode=_postcode(rng, district),
                valid_from=start,
                source=Address.Source.PRIMARY_IMPORT,
                confidential=confidential,
                recorded_by=dpo,
                verified=rng.random() < 0.7,
            )
        if rng.random() < 0.02:
            current = su.addresses.filter(valid_to__isnull=True).first()
            services.address_mark_mail_returned(address=current)
        mother = RelatedPerson.objects.create(
            service_user=su,
            title="Ms",
            given_name=rng.choice(GIVEN[:15]),
            family_name=family,
            relationship=RelatedPerson.Relationship.MOTHER,
            parental_responsibility=True,
            lives_with_service_user=True,
            phone=f"+44116496{rng.randint(1000, 9999)}",
            priority=1,
        )
        if rng.random() < 0.6:
            father = RelatedPerson.objects.create(
                service_user=su,
                title="Mr",
                given_name=rng.choice(GIVEN[15:]),
                family_name=rng.choice([family, rng.choice(FAMILY)]),
                relationship=RelatedPerson.Relationship.FATHER,
                parental_responsibility=rng.random() < 0.85,
                priority=2,
            )
            if not father.parental_responsibility or rng.random() < 0.05:
                services.contact_restriction_record(
                    service_user=su,
                    related_person=father,
                    person_name="",
                    reason=ContactRestriction.Reason.NO_PARENTAL_RESPONSIBILITY
                    if not father.parental_responsibility
                    else ContactRestriction.Reason.COURT_ORDER,
                    recorded_by=dpo,
                    valid_from=today - dt.timedelta(days=rng.randint(30, 900)),
                )
        if rng.random() < 0.4:
            org = rng.choice(orgs)
            consent = services.consent_record(
                service_user=su,
                given_by_name=f"{mother.given_name} {mother.family_name}",
                given_by_relationship="mother",
                given_by_person=mother,
                method=rng.choice(["verbal", "written", "electronic"]),
                recorded_by=officers[i % len(units)],
                recipient_organisation=org,
                purpose=rng.choice(["any", "health", "education"]),
                given_at=timezone.now() - dt.timedelta(days=rng.randint(10, 400)),
                review_at=today + dt.timedelta(days=rng.randint(30, 300)),
            )
            if rng.random() < 0.1:
                services.consent_withdraw(
                    consent=consent,
                    reason="Parent asked to stop sharing (demo)",
                    user=officers[i % len(units)],
                )
        people.append(su)

    disclosures = 0
    for k in range(40):
        su = people[rng.randrange(len(people))]
        unit_index = units.index(su.unit)
        officer = officers[unit_index]
        manager = next(a for a in authorisers if a.units.filter(pk=su.unit_id).exists())
        org = rng.choice(orgs)
        contact = org.contacts.first()
        with correlation():
            if k % 7 == 6:
                disclosure_record(
                    service_user=su,
                    channel="telephone",
                    outcome="refused",
                    disclosed_by=officer,
                    recipient_name="Unverified caller",
                    recipient_organisation=org,
                    reason="Caller asked for current address",
                    refusal_reason="Caller could not be verified through the switchboard",
                    lawful_basis="none",
                    payload={"callback": "not attempted"},
                )
            else:
                disclosure_record(
                    service_user=su,
                    channel=rng.choice(["telephone", "email", "letter", "fax"]),
                    outcome="disclosed",
                    disclosed_by=officer,
                    authorised_by=manager,
                    recipient_contact=contact,
                    recipient_name=contact.name,
                    recipient_role=contact.job_title,
                    recipient_email=contact.email,
                    summary=rng.choice(
                        [
                            "Attendance summary for this term",
                            "Confirmation of school placement",
                            "Dates of recent absences",
                            "Outcome of the last review meeting",
                        ]
                    ),
                    reason=rng.choice(
                        [
                            "Health assessment",
                            "Safeguarding enquiry",
                            "Transition planning",
                            "Speech and language referral",
                        ]
                    ),
                    lawful_basis="safeguarding",
                    lawful_basis_justification="Child protection enquiry under way (demo)",
                )
        disclosures += 1
    _load_oversight(rng, people, units, officers, dpo)
    return DemoResult(True, _logins(), DEMO_PASSWORD, len(people), disclosures)


# What the DPO's oversight pages show in the demo: near misses on every channel over the last
# two months, one suspected breach with its 72-hour clock running and two subject access
# requests (one open, one waiting for proof of identity). Summaries name nobody (as the
# channels' own near misses do); the child is linked through the record.
_DEMO_NEAR_MISSES = [
    ("telephone", "refused_request", "TEL-5", "Caller could not be verified: request refused"),
    ("email", "email_held", "EMAIL-1", "Sensitive email to public webmail held for review"),
    ("email", "email_blocked", "EMAIL-4", "Email to a lookalike of a partner's domain blocked"),
    ("letter", "letter_address_query", "LET-2", "Letter held before printing for an address query"),
    ("letter", "post_returned", "LET-2", "Letter came back undelivered: the address to be checked"),
    (
        "fax",
        "fax_not_safe_haven",
        "FAX-2",
        "Fax stopped: the receiving machine is not a safe haven",
    ),
]


def _load_oversight(rng: random.Random, people: list, units: list, officers: list, dpo) -> None:
    from django.apps import apps

    if not apps.is_installed("safehaven.oversight"):
        return
    from safehaven.oversight.models import Breach, NearMiss, SubjectAccessRequest
    from safehaven.oversight.sar import sar_create
    from safehaven.oversight.services import breach_report, near_miss_record

    now = timezone.now()
    for k in range(24):
        channel, kind, rule, summary = _DEMO_NEAR_MISSES[k % len(_DEMO_NEAR_MISSES)]
        assert kind in NearMiss.Kind.values
        su = people[rng.randrange(len(people))]
        near_miss_record(
            channel=channel,
            kind=kind,
            rule=rule,
            summary=summary + " (demo)",
            service_user=su,
            occurred_at=now - dt.timedelta(days=rng.randint(0, 60), minutes=rng.randint(0, 600)),
            recorded_by=officers[units.index(su.unit)],  # one officer per unit, in order
            source_reference=f"demo:{k}",
        )
    reporter = officers[0]
    breach = breach_report(
        user=reporter,
        category=Breach.Category.EMAIL_WRONG_RECIPIENT,
        description=(
            "A termly attendance summary for one pupil was emailed to a parent at another "
            "family with the same surname. The recipient has been asked to delete it (demo)."
        ),
        people_affected=1,
        records_affected=1,
        measures_taken="Recall requested; recipient phoned and confirmed deletion.",
    )
    Breach.objects.filter(pk=breach.pk).update(
        reported_at=now - dt.timedelta(hours=20), aware_at=now - dt.timedelta(hours=20)
    )
    today = timezone.localdate()
    first, second = people[rng.randrange(len(people))], people[rng.randrange(len(people))]
    sar_create(
        user=dpo,
        received_on=today - dt.timedelta(days=19),
        requester_name="A parent (demo)",
        requester_kind=SubjectAccessRequest.RequesterKind.PARENT,
        description="Copy of everything shared about their child since September (demo).",
        service_user=first,
    )
    sar_create(
        user=dpo,
        received_on=today - dt.timedelta(days=3),
        requester_name="A former pupil (demo)",
        description="Records held about them from primary school (demo).",
        service_user=second,
        identity_needed=True,
    )
