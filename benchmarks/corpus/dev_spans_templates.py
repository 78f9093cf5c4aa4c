"""Dev-spans family: harder name and street-address writing, for the engine developer to tune on.

Written after the holdout showed that names and street addresses leak and that documents without
personal data get false names, while the first dev family (dev_templates.py) scores 1.00. The
documents are what children's services and schools write every day, in the shapes that make names
and addresses hard: signature blocks, attendee lists, "cc:" lines, forms and tables, names in
lower case or capitals, with diacritics and particles, names that are ordinary words, names after
verbs ("spoke to Kerry"), initials and surname, possessives ("Amir's mum"), and addresses with
house names, flat and unit numbers, number ranges and Welsh and Scottish street words. The
negative documents hold organisation names, places, Title Case headings, products, days and
months, and no personal data. Names, streets and house names here are this family's own.

It is not the holdout family (holdout_templates.py), which must not be read.
"""

# ruff: noqa: E501

from __future__ import annotations

from benchmarks.corpus.builder import Lab

TEMPLATES: dict[str, str] = {}

TEMPLATES["signature_email"] = (
    """From: {w.full} <{w.email}>
Sent: {date} [[09:14|16:52|11:03]]
To: {d.email}
[[cc: {m.initial}; {e.email}\n|cc: {m.last_comma_first}\n|CC: {t.full}\n|]]Subject: [[RE: visit today|Home visit - {c.first}|FW: {c.first} {c.LAST}]]

[[Hi {d.first}|{d.first},|Morning {d.first}|Hiya]]

[[Just to let you know I spoke to {p.first} this morning and she said {c.first} had a rough night.|I popped round to see {p.first} and the kids today. {c.first} was off school with a cold.|Quick one - I rang {p.first} about the appointment and {q.first} answered.]] [[{s.first} was at nursery.|Nan ({x.first}) was there too.|{c.first}'s dad was not at the address.]] [[Can you ask {t.first} to keep an eye on {c.him} at break?|I'll update the plan before the core group.|Let me know if anything comes up at school.]]

[[Many thanks|Thanks|Cheers|Speak soon|Ta]]

[[{w.first}|{w.first_lower}|{w.initials}]]

{w.full}[[ | Family Support Worker| (she/her)\nFamily Support Worker|\nSenior Practitioner, Assessment Team]]
{council} Children's Services
[[Mobile: {w.phone}|M: {w.phone}|Tel {w.phone}]]

[[Sent from my iPhone|This email and any attachments are confidential. If you have received it in error please notify the sender.|Working days: Mon-Thurs]]"""
    + "§safeguarding"
)

TEMPLATES["minutes_attendees"] = (
    """[[Team Around the Family|TAF|Child in Need]] meeting - minutes
Child: {c.full}[[ ({c.year_group})|]]
Date: {date}   Venue: [[{sc.name}|the family hub|Teams]]

Present:
{t.full} ([[Chair|Class Teacher]]), {sc.name}
{p.full} (Mum)
[[{q.first} {q.last} (Dad)|{x.full} (Mum's partner)]]
{v.full}, School Nurse
{w.first} {w.last} - Family Support, {council}

Apologies: [[{e.full} (SENCo)|{m.initial}, Early Help|{o.full}]]
Minutes: [[{d.initials}|{d.first}]]

1. Welcome and introductions. {t.first} explained the purpose of the meeting.
2. Update from school: [[{c.first}'s attendance is {pct}.|{c.first} has had two detentions.|{c.first} is enjoying football club.]] {t.last} said [[{c.he} is making friends|{c.he} is often tired in the mornings]].
3. Update from home: {p.first} said things are calmer. [[{q.first} is working nights.|{x.first} is helping with the school run.]]
4. Health: {v.first} will [[see {c.first} on {date}|refer to the sleep clinic]].

ACTIONS
[[{w.initials}|{w.first}]] - book next TAF for {date}
[[{t.initials}|{t.first}]] - share attendance data with {p.first}
[[{v.initials}|{v.first}]] - health review"""
    + "§safeguarding"
)

TEMPLATES["referral_form_table"] = """EARLY HELP REQUEST FOR SUPPORT

SECTION 1: CHILD
Surname: {c.LAST}          Forename(s): {c.first}
[[Known as: {c.first_short}\n|]]Date of Birth: {c.dob}          Gender: [[M|F]]
Address: {addr1}
Postcode: {a.pc}
School/setting: {sc.name}

SECTION 2: HOUSEHOLD
Name | Relationship | DOB
{p.full} | Mother | {p.dob}
{q.full} | [[Father|Stepfather|Mother's partner]] | {q.dob}
{s.full} | Sibling | {s.dob}

SECTION 3: REFERRER
Name: [[{t.title} {t.initial}|{t.full}]]   Role: [[Class Teacher|Pastoral Lead|Learning Mentor]]
Contact: {t.email}

Reason for request: [[{p.first} asked for help with {c.first}'s behaviour at home|concerns about {c.first}'s attendance and punctuality|{c.first} is a young carer for {p.first}]].
Consent given by parent: Yes"""

TEMPLATES["caps_heading_letter"] = """{council}
Children and Family Services

{date}

PRIVATE AND CONFIDENTIAL
[[{p.TITLE_UP} {p.CAPS}|{p.title} {p.full}]]
{addr2}
{a.town}
{a.pc}

RE: {c.CAPS}[[ - DOB {c.dob}| ({c.dob})|]]

Dear [[{p.title} {p.last}|{p.first}]],

[[Thank you for meeting me on {past_date}.|Further to our telephone conversation,]] I am writing to confirm that [[{c.first}'s|your {c.son}'s]] place at {sc.name} will start on {date}. [[{c.first} will be in {t.title} {t.last}'s class.|{t.title} {t.last} will be {c.his} class teacher.]]

If you need to contact me, please call [[{m.phone}|the admissions team on {m.phone}]].

Yours sincerely

[[{m.CAPS}|{m.full}]]
School Admissions Officer"""

TEMPLATES["case_note_verbs"] = (
    """Case note - {date}
Worker: {w.full}

[[Spoke to|Rang|Visited]] {p.first} at home. [[{p.first} said|She told me]] that {c.first} [[had been refusing to go to school|was up most of the night]]. [[Saw {c.first} in {c.his} bedroom; {c.he} showed me {c.his} drawings.|{c.first} didn't want to talk to me today.]] [[Also met {x.first}, {p.first}'s new partner, briefly.|Nan was there; she goes by {x.first}.]]

[[Called|Emailed|Texted]] {t.first} at school after the visit - {t.he} confirmed [[{c.first} arrived late twice this week|there were no new concerns]]. [[Asked {v.first} (school nurse) to follow up on the bedwetting.§health|Will ask {d.first} (DSL) to update CPOMS.]]

[[{s.first} is doing well at nursery according to {e.first}.|{s.first} was with {q.first} for the weekend as agreed.]] Next visit booked with {p.first} for {date}.

[[{amir}'s|{c.first}'s]] mum has asked for a copy of the plan."""
    + "§safeguarding"
)

TEMPLATES[
    "text_messages"
] = """Messages exported from the school app - [[Year 3|Reception|Year 5]] class

[[{date}, 08:12|Mon 08:12]] {p.first_lower} {p.last_lower}: hi its {p.first_lower} [[{c.first_lower}s mum|mum of {c.first_lower}]], {c.he} wont be in today {c.he} has a temperature
[[{date}, 08:40|Mon 08:40]] {t.title} {t.last}: Thank you {p.first}, I hope {c.first} feels better soon.
[[{date}, 15:20|Mon 15:20]] {p.first_lower}: thanks. can {s.first_lower} still come to [[football|choir]] tomorrow?
[[{date}, 15:45|Mon 15:45]] {t.title} {t.last}: Yes of course, {s.first} is welcome."""

TEMPLATES["diacritics_particles"] = """Pupil Premium review - {sc.name}

Pupils discussed:
- {n1} ({c.year_group}) - reading age improving; [[tutoring continues|phonics intervention ended]]
- {n2} - attendance {pct}; [[meeting with mum booked|letter sent home]]
- {n3} - [[transition support|music lessons funded]]
- {n4} - [[breakfast club|uniform grant]]

[[{n1_first} and {n3_first} will join the Year 6 booster group.|{n2_first}'s dad asked about the residential trip.]] [[{t.title} {t.last} to update the tracker.|Reviewed by {e.full}, SENCo.]]"""

TEMPLATES["word_names"] = """[[Playground incident|Lunchtime incident]] - {date}
Recorded by: {t.full}

{wn1} and {wn2} were playing [[tag|football]] on the field when {wn1} fell and hurt {c.his} knee. {wn2} [[went to get|fetched]] {mdsa_title}{mdsa_name} (MDSA), who [[cleaned the graze and applied a plaster|took {wn1} to the office]]. [[{wn3} said it was an accident.|{wn3} saw what happened and agreed it was an accident.]]

[[Parent informed by phone at 13:20.|A note went home with {wn1}.]] No further action."""

TEMPLATES["initials_surnames"] = (
    """CHILD PROTECTION CONFERENCE - [[INITIAL|REVIEW]]
Child: {c.full}, DOB {c.dob}
Chair: [[{o.initial}|{o.title} {o.initial}]], Independent Reviewing Officer

Those invited:
[[{w.initial_nodot}|{w.initial}]] (Social Worker)
[[Dr {v.initial}|{v.initial}]] (GP)
[[PC {x.last}|DC {x.initial}]] (Police)
{d.initial} (DSL, {sc.name})
{p.full} (Mother)

Summary: [[{w.last}|{w.initial}]] outlined the concerns since the strategy discussion on {past_date}. [[{d.last}|{d.initial}]] reported that {c.first} [[has been coming to school hungry|has disclosed being hit]]. {p.first} [[disagreed with parts of the report|accepted the concerns]].

Decision: [[{c.first} to be subject to a Child Protection Plan under the category of neglect.|{c.first} to become subject to a Child Protection Plan (emotional abuse).]]"""
    + "§safeguarding"
)

TEMPLATES["address_shapes_letter"] = """{sc.name}
{sc.addr}
{sc.town}

{date}

[[To the parent/carer of {c.full}|{p.title} {p.full}]]
{addr3}
[[{a.town}\n|]]{a.pc}

Dear [[Parent/Carer|{p.title} {p.last}]],

[[We have updated our records with your new address.|Thank you for letting us know about your move.]] [[If {c.first}'s address changes again, please tell the office.|Please check the details above and tell us if they are wrong.]]

Yours faithfully,

{h.full}
[[Headteacher|Head of School]]"""

TEMPLATES["address_in_prose"] = (
    """[[Home visit|Welfare check]] - {date}
[[Visited {c.first} and {p.first} at their new address, {addr4}.|Attended {addr4} with {o.title} {o.last} at 17:30.|{p.first} has moved with the children to {addr4}[[, {a.town}|]].]] [[The flat is on the second floor and has two bedrooms.|The property is a privately rented house.]] [[{q.first} is still living at {addr5}.|{q.first}'s address is {addr5}[[, {b.pc}|]].]]

[[Next visit in two weeks.|Case to be discussed in supervision.]]
{w.full}"""
    + "§safeguarding"
)

TEMPLATES["housing_referral"] = """HOUSING NEEDS REFERRAL
Applicant: {p.full}[[ ({p.dob})|]]
Current address: {addr1}, {a.town} {a.pc}
Previous address: {addr5}
Children in household: {c.first} ({c.age}), {s.first} ({s.age})

Reason: [[Overcrowding - three people in a one-bedroom flat.|Notice to quit served by landlord on {past_date}.|Fleeing domestic abuse; refuge placement ended.]]

Support worker: {w.full}, {w.phone}"""

TEMPLATES["attendance_register"] = """Attendance panel - {date}

CHILD | YEAR | ATTENDANCE | ACTION
{c.last_comma_first} | {c.year_group} | {pct} | [[Letter 2|Panel]]
{n1_register} | Year 4 | {pct} | [[Monitor|Letter 1]]
{n2_register} | Year 6 | {pct} | [[Panel|Fixed penalty warning]]

Panel members: {h.full}, {d.full}, [[{m.first} from the Local Authority|{m.full} (EWO)]].
[[{h.first} to write to families by {date}.|{m.last} to arrange home visits.]]"""

TEMPLATES["parent_email_informal"] = """From: {p.email}
To: {t.email}
Subject: [[{c.first}|Tomorrow|Question about the trip]]

[[Hi {t.title} {t.last}|Dear {t.first}|Hello]],

[[Sorry to bother you but|Just a quick one -]] {c.first} [[says|told me]] {s.first} [[isn't allowed to go on the trip|has lost {s.his} reading book]]. [[Grandma {gran} will pick them both up on Friday.|My sister {aunt} will collect them tomorrow.|Their dad {q.first} will be picking up this week.]]

[[Thanks|Thank you]]
[[{p.first}|{p.first_lower}|{p.first} ({c.first}'s mum)]]"""

TEMPLATES["scottish_welsh_addresses"] = """[[Transfer of records|Pupil transfer notification]]
Pupil: {c.full}   DOB: {c.dob}
New address: {addr6}
[[Receiving school: {sc.name}|New setting: {sc.name}]]

[[Records sent by secure transfer on {date}.|CTF uploaded on {date}.]] [[Contact: {d.full}|Enquiries to {d.title} {d.last}]]"""

TEMPLATES["police_notification"] = (
    """OPERATION ENCOMPASS NOTIFICATION
Date/time of incident: {past_date} [[22:40|01:15]]
Address of incident: {addr4}
Children present: {c.full} ({c.age}), {s.full} ({s.age})
Adults involved: {p.full}, {x.full}
[[Officer: PC {o.last} {o.phone}|Reporting officer: {o.initial}]]

[[No injuries reported.|{p.first} had a minor injury.]] [[{x.first} was arrested.|{x.first} had left before police arrived.]]"""
    + "§safeguarding"
)

# ---- negatives: no personal data -----------------------------------------------------------

TEMPLATES["neg_newsletter_headings"] = """[[Autumn|Spring|Summer]] Term Newsletter

Attendance Matters: Every Day Counts
[[Well done to Year 4, our Attendance Champions this half term!|Our whole-school attendance is 96.1% - thank you for your support.]]

Forest School Returns
[[Reception and Year 1 will start Forest School on Monday.|Forest School sessions run every Thursday afternoon after half term.]] Please send wellies and a waterproof coat.

Parent Voice
[[Our Parent Forum meets on the first Tuesday of each month in the Community Room.|Thank you to everyone who completed the Parent View survey in March.]]

Dates for your Diary
[[Harvest Festival - Friday 3 October|Christmas Jumper Day - Thursday 11 December|Red Nose Day - Friday 13 March|World Book Day - Thursday 5 March]]
[[Sports Day - Wednesday 2 July|Summer Fair - Saturday 21 June]]

[[Healthy Schools Award|Eco-Schools Green Flag|Artsmark Gold]]
We are delighted to have received the [[Healthy Schools Award|Eco-Schools Green Flag|Artsmark Gold award]] this year."""

TEMPLATES["neg_services_directory"] = """Where to get help - [[local services|support for families]]

[[Barnardo's|Action for Children|Home-Start|The Children's Society]] runs family support in [[Hope Valley|Glossop|Merthyr Tydfil|Ashby-de-la-Zouch]] and nearby villages.
Citizens Advice can help with benefits, debt and housing.
[[Mind|Young Minds|Kooth]] offers free, safe and anonymous online support for young people.
The Samaritans are available day and night on 116 123.
[[Shelter|Crisis]] gives housing advice; Women's Aid runs the national domestic abuse helpline.
Family Information Service: open Monday to Friday, 9am to 5pm.
[[Sure Start Children's Centre, Brook Street|Family Hub, Sterling Way|Library, Chapel Row]] - drop-in sessions on Wednesdays."""

TEMPLATES["neg_it_notice"] = """IT update for staff

From Monday we are moving from [[Google Classroom|SIMS|ClassDojo]] to [[Microsoft Teams|Arbor|Seesaw]]. [[Tapestry|Evidence Me]] will still be used in the Early Years.
Please log in with your Office 365 account. Multi-Factor Authentication will be switched on in [[May|June|September]].
Training sessions: Tuesday and Thursday after school in the ICT Suite. Bring your laptop.
[[Windows 11|Chromebook]] devices in Year 5 and Year 6 will be updated over half term.
Any problems, please log a ticket with the IT Service Desk."""

TEMPLATES["neg_policy_extract"] = """Safer Recruitment Policy - extract
Approved by the Full Governing Body: [[Autumn Term|Spring Term]] [[2025|2026]]
Review date: [[September|January]] [[2026|2027]]

Section 4: Pre-Appointment Checks
All staff working in Regulated Activity will have an Enhanced DBS Check with Barred List Check. References will be requested before interview. The Single Central Record is kept by the School Business Manager and checked termly by the Chair of Governors.

Section 5: Keeping Children Safe in Education
Every member of staff reads Part One of Keeping Children Safe in Education each September and signs to confirm this. The Designated Safeguarding Lead provides Level 1 training for all staff."""

TEMPLATES["neg_street_names_no_people"] = """Road closures for the Christmas Lights Switch-On

[[Church Lane|Market Street|Victoria Road|High Street]] and [[Mill Hill|Station Road|Chapel Row]] will be closed from 4pm on Saturday. Parking is available at the Leisure Centre on [[Brook Way|Sterling Way]]. The Mayor will switch on the lights at 6pm outside the Town Hall, followed by carols from [[St Mary's|Holy Trinity]] Church Choir and a visit from Father Christmas."""

TEMPLATES["neg_menu_and_clubs"] = """Lunch menu and after-school clubs - week 2

Monday: Jacket Potato with Cheese and Beans; Fruit Crumble
Tuesday: Chicken Curry with Rice; Victoria Sponge
Wednesday: Roast Dinner; Apple Pie and Custard
Thursday: Pasta Bake; Summer Fruit Jelly
Friday: Fish Fingers and Chips; Chocolate Brownie

Clubs: Mini Chefs (Monday), Young Carers Group (Tuesday), Lego Club (Wednesday), Hope Choir (Thursday), Netball (Friday). Clubs finish at 4.15pm; please collect from the Hall doors."""

NEGATIVE = {
    "neg_newsletter_headings",
    "neg_services_directory",
    "neg_it_notice",
    "neg_policy_extract",
    "neg_street_names_no_people",
    "neg_menu_and_clubs",
}

FIRST_NAMES = {
    "british": [
        ("Kerry", "f"),
        ("Leanne", "f"),
        ("Hope", "f"),
        ("Faith", "f"),
        ("Sky", "f"),
        ("Autumn", "f"),
        ("Ellie-Mae", "f"),
        ("Paige", "f"),
        ("Lee", "m"),
        ("Dean", "m"),
        ("Mason", "m"),
        ("Hunter", "m"),
        ("Brook", "m"),
        ("Tyler", "m"),
        ("Callum", "m"),
        ("Rhys", "m"),
    ],
    "south_asian": [
        ("Amir", "m"),
        ("Ishaan", "m"),
        ("Zain", "m"),
        ("Haroon", "m"),
        ("Shazia", "f"),
        ("Aisha", "f"),
        ("Navdeep", "f"),
        ("Tahmina", "f"),
    ],
    "polish": [
        ("Łukasz", "m"),
        ("Wojciech", "m"),
        ("Kacper", "m"),
        ("Łucja", "f"),
        ("Małgorzata", "f"),
        ("Zuzanna", "f"),
    ],
    "somali": [("Mahad", "m"), ("Liban", "m"), ("Sagal", "f"), ("Nasra", "f")],
    "caribbean": [("Delroy", "m"), ("Tyrone", "m"), ("Marcia", "f"), ("Precious", "f")],
    "irish": [("Seán", "m"), ("Oisín", "m"), ("Aoife", "f"), ("Caoimhe", "f")],
    "chinese": [("Jun", "m"), ("Zhen", "m"), ("Xin", "f"), ("Lan", "f")],
    "west_african": [("Kwame", "m"), ("Tunde", "m"), ("Abena", "f"), ("Blessing", "f")],
    "eastern_european": [("Ştefan", "m"), ("Mihai", "m"), ("Zoë", "f"), ("Anastasija", "f")],
    "middle_eastern": [("Hamza", "m"), ("Karim", "m"), ("Yasmin", "f"), ("Dunya", "f")],
}

SURNAMES = {
    "british": [
        "Doyle",
        "Bright",
        "Fox",
        "Lamb",
        "Cook",
        "Brook",
        "Rich",
        "Hope",
        "Dawson",
        "Mason",
        "Sterling",
        "Goodchild",
        "MacLeod",
        "O'Hara",
        "Ashworth-Pike",
    ],
    "south_asian": ["Qureshi", "Sandhu", "Bhatti", "Rahman", "Dhillon", "Choudhury"],
    "polish": ["Wójcik", "Kowalczyk", "Nowakowski", "Lewandowski", "Szymańska"],
    "somali": ["Warsame", "Hirsi", "Aden", "Nur"],
    "caribbean": ["Francis", "Bennett", "Samuels", "Forbes"],
    "irish": ["Ó Briain", "Mac Giolla", "Gallagher", "D'Arcy"],
    "chinese": ["Zhang", "Wong", "Huang", "Lam"],
    "west_african": ["Mensah", "Asante", "Adebayo", "Okoro"],
    "eastern_european": ["Ionescu", "Petrauskas", "van der Merwe", "de Souza"],
    "middle_eastern": ["al-Amin", "El-Sayed", "Demir", "Mansour"],
}

STREETS = [
    "Kelvin Street",
    "Orchard Way",
    "Foxglove Close",
    "Back Lane",
    "Tanners Row",
    "Sandringham Drive",
    "The Green",
    "Mill Hill",
    "Church Walk",
    "Moorland View",
    "Heol y Bryn",
    "Fore Street",
    "Abbey Wynd",
    "Bridge End",
    "Castle Brae",
    "Jubilee Terrace",
]

# People written as pupils in lists, with particles and diacritics.
_LIST_PEOPLE = [
    ("Ana", "de Souza"),
    ("Pieter", "van der Merwe"),
    ("Seán", "Ó Briain"),
    ("Mhairi", "MacLeod"),
    ("Hamza", "al-Amin"),
    ("Giulia", "D'Angelo"),
    ("Zoë", "Brontë-Hall"),
    ("Łucja", "Wiśniewska"),
    ("Nguyen", "Thi Lan"),
    ("Siobhán", "Nic Aoidh"),
    ("Ayşe", "Yıldız"),
    ("Dáithí", "O'Neill"),
    ("Kofi", "Mensah-Bonsu"),
    ("Jean-Luc", "Lefèvre"),
    ("Thabo", "Nkosi"),
    ("Ffion", "ap Rhys"),
]
# First names that are ordinary words, for the playground incident.
_WORD_FIRST = ["Hope", "Summer", "Sky", "Hunter", "Mason", "Brook", "Faith", "Grace", "Chase"]
_WORD_LAST = ["Fox", "Lamb", "Cook", "Rich", "Bright", "Mason", "Hope", "Wood", "Young"]
_MDSA = ["Mrs Bird", "Miss Hope", "Mrs Cook", "Julie", "Mrs Patience Young"]

# Street-address shapes. Each returns the labelled text.
_HOUSE_NAMES = [
    "The Old Rectory",
    "Rose Cottage",
    "Ty Gwyn",
    "Meadow View",
    "The Coach House",
    "Brambles",
    "Hillside Farm",
    "The Old School House",
]
_WELSH_SCOTTISH = [
    "Heol y Bryn",
    "Ffordd Las",
    "Stryd Fawr",
    "Lôn Goed",
    "Maes y Coed",
    "Pen-y-Bryn",
    "Abbey Wynd",
    "Castle Brae",
    "Kirk Vennel",
    "Tolbooth Loan",
    "Dalkeith Road",
    "Heol Las",
]
_BLOCKS = ["Mill Court", "Kestrel House", "Harbour Point", "Alder Lodge", "Weavers Quay"]


def _address(rng, streets: list[str]) -> str:
    street = rng.choice(streets)
    n = rng.randrange(1, 180)
    shape = rng.randrange(12)
    if shape == 0:
        return f"{n}a {street}"
    if shape == 1:
        return f"Flat {rng.randrange(0, 4)}/{rng.randrange(1, 4)}, {n} {street}"
    if shape == 2:
        return f"{n}-{n + 2} {street}"
    if shape == 3:
        return f"{rng.choice(_HOUSE_NAMES)}, {street}"
    if shape == 4:
        return f"{rng.choice(_HOUSE_NAMES)}, {n} {street}"
    if shape == 5:
        return f"Apartment {rng.randrange(1, 40)}, {rng.choice(_BLOCKS)}, {n} {street}"
    if shape == 6:
        return f"Unit {rng.randrange(1, 12)}, {n} {street}"
    if shape == 7:
        return f"{n} {rng.choice(_WELSH_SCOTTISH)}"
    if shape == 8:
        return f"Flat {rng.choice('ABCD')}, {n} {street}"
    if shape == 9:
        return f"{n} {street.upper()}"
    if shape == 10:
        return f"Room {rng.randrange(1, 20)}, {rng.choice(_BLOCKS)}, {n} {street}"
    return f"{n}, {street}"


def extra_ctx(world, ctx: dict) -> dict:
    rng = world.rng
    out: dict = {}
    for p in ("c", "s", "p", "q", "x", "w", "t", "d", "e", "m", "v", "o", "h"):
        first = ctx[f"{p}.first"].text
        last = ctx[f"{p}.last"].text
        out[f"{p}.first_lower"] = Lab(first.lower(), "PERSON")
        out[f"{p}.last_lower"] = Lab(last.lower(), "PERSON")
        out[f"{p}.CAPS"] = Lab(f"{first} {last}".upper(), "PERSON")
        out[f"{p}.initials"] = Lab(first[0] + last[0], "PERSON")
        out[f"{p}.initial_nodot"] = Lab(f"{first[0]} {last}", "PERSON")
        out[f"{p}.last_comma_first"] = Lab(f"{last}, {first}", "PERSON")
        out[f"{p}.first_short"] = Lab(first[:3] if len(first) > 4 else first, "PERSON")
        out[f"{p}.TITLE_UP"] = (ctx.get(f"{p}.title") or "Ms").upper()
    chosen = rng.sample(_LIST_PEOPLE, 4)
    for i, (first, last) in enumerate(chosen, start=1):
        out[f"n{i}"] = Lab(f"{first} {last}", "PERSON")
        out[f"n{i}_first"] = Lab(first, "PERSON")
        out[f"n{i}_register"] = Lab(f"{last.upper()}, {first}", "PERSON")
    words = rng.sample(_WORD_FIRST, 3)
    lasts = rng.sample(_WORD_LAST, 3)
    out["wn1"] = Lab(words[0], "PERSON")
    out["wn2"] = Lab(f"{words[1]} {lasts[1]}", "PERSON")
    out["wn3"] = Lab(words[2], "PERSON")
    mdsa = rng.choice(_MDSA)
    title, _, rest = mdsa.rpartition(" ") if mdsa.startswith(("Mrs ", "Miss ")) else ("", "", mdsa)
    if mdsa.startswith("Mrs Patience"):
        title, rest = "Mrs", "Patience Young"
    out["mdsa_title"] = f"{title} " if title else ""
    out["mdsa_name"] = Lab(rest, "PERSON")
    pool = [n for names in world.first.values() for n, _ in names]
    out["gran"] = Lab(rng.choice(pool), "PERSON")
    out["aunt"] = Lab(rng.choice(pool), "PERSON")
    out["amir"] = Lab(rng.choice(pool), "PERSON")
    streets = list(world.streets)
    for i in range(1, 7):
        out[f"addr{i}"] = Lab(_address(rng, streets), "STREET_ADDRESS")
    return out
