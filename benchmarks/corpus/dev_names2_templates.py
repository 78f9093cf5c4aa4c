"""Dev-names2 family: more document kinds and name positions, for name recall and precision.

Written (session 5 of issue 2) before reading the name finder's rules this session, so that its
first measurement estimates how the engine does on writing it was not tuned on. Kinds: school
reports and letters home, SEN support plans and EHCP sections, LADO and strategy meeting notes,
CIN/CP plans, PEP reviews, attendance and exclusion letters, transport requests, court bundle
chronologies, foster-carer logs, contact-session notes, health visitor notes, police PPN
summaries, email signatures and forwarded headers, tables with a "Name" column. Name positions:
in brackets after a role ("the social worker (Aoife Brennan)"), after "c.c." or "Attendees:",
before a role ("Tom Reid, Head of Year 9"), first names alone in notes ("Kacper said..."),
"Mum (Leanne)", surnames alone after titles, apostrophe and hyphen forms, names that are English
words, names from many communities. The negative documents hold places, schools, organisations
and products named after people, months, weekdays, festival days, Title Case headings, software
names and streets without numbers, and no personal data.

Names and streets are this family's own. It is not the holdout family (holdout_templates.py),
which must not be read.
"""

# ruff: noqa: E501

from __future__ import annotations

from benchmarks.corpus.builder import Lab

TEMPLATES: dict[str, str] = {}

TEMPLATES["school_report"] = """{sc.name} - [[Summer|Autumn|Spring]] Term Report

Pupil: {c.full}    Form: {c.year_group}    Tutor: {t.title} {t.last}

English ({e.title} {e.last}): {c.first} [[reads widely and writes with flair|has made steady progress this term]]. [[{c.He} must remember to bring {c.his} book.|A pleasure to teach.]]
Maths ({ma.title} {ma.last}): [[Good effort in class.|{c.first} works well with {friend1} and {friend2}.]]
Science: [[{c.first} enjoyed the practical work on Newton's laws.|Excellent project on Newton's cradle.]]

Tutor comment: [[{c.first} has been a kind member of the form.|I am proud of {c.first}.]] [[Well done!|Keep it up.]]
Head of Year: {h.full}
[[Signed by parent/carer: ____________|Parent comment: ____________]]"""

TEMPLATES["letter_home"] = """Dear [[Parent/Carer of {c.full}|{p.title} {p.last}|{p.full}]],

[[I am writing to let you know|I wanted to let you know]] that {c.first} has been chosen for the [[Year 6 residential|school council|Young Leaders programme]]. [[{c.He} will travel with {t.title} {t.last} and {ta}.|Staff on the trip: {t.title} {t.last} and {ta} (TA).]]

Please return the consent slip to the office by [[Friday|Monday]] {date}.

Yours sincerely,

{h.full}
Headteacher
c.c. {t.full}, Class Teacher"""

TEMPLATES["sen_support_plan"] = (
    """SEN Support Plan - {c.full} ([[DOB|D.O.B.]] {c.dob})
School: {sc.name}    SENCo: {e.full}    Plan written: {date}

What people like and admire about me: [[{c.first} is funny and loves Lego.|{c.first} is helpful and kind to younger children.]]
What is important to me: my [[nan|dog]], [[my brother {s.first}|my friend {friend1}]], football.
How best to support me: [[{c.first} needs instructions broken into small steps|Give {c.first} a movement break after 20 minutes]].
Support in place: [[phonics intervention with {ta} three times a week|social skills group run by {ta}]].
Outside agencies: [[Speech and Language Therapist ({v.full})|Educational Psychologist - {v.title} {v.last}]]
Parent views ({p.full}): [[{p.first} says {c.first} is anxious in the mornings.|Mum (Mrs {p.last}) would like more homework support.]]"""
    + "§health"
)

TEMPLATES["ehcp_section"] = (
    """Education, Health and Care Plan
Section A: The views, interests and aspirations of {c.full} and {c.his} family

About me: My name is {c.first} and I am {c.age}. I live with [[my mum {p.first}|Mum and {q.first}]] and [[my sister {s.first}|my brother {s.first}]].
What my parents say: "[[{c.first} is a happy child but struggles with change.|We want {c.first} to have friends.]]" ({p.full})

Section B: Special educational needs
{c.first} has a diagnosis of [[autism|ADHD|dyslexia]] (assessed by {v.title} {v.last}, [[paediatrician|clinical psychologist]], {past_date}).

Section F: Provision
[[1:1 support from a teaching assistant for 20 hours a week.|Weekly sessions with the school counsellor, {ta}.]]
Case officer: {m.full}, SEN Team, {council}"""
    + "§health"
)

TEMPLATES["lado_notes"] = (
    """LADO Initial Consideration Meeting - notes
Date: {date}
Attendees: {m.full} (LADO), {h.full} (Headteacher), [[{o.full} (Police)|DC {o.last}]], {w.full} (HR)
Apologies: [[{d.full}|none]]

Allegation: [[A pupil, {c.first} ({c.year_group}), said that a member of staff, {x.title} {x.last}, grabbed {c.his} arm.|Concern raised by {p.full} about messages sent to {c.his} {c.son} by a coach, {x.full}.]]
Discussion: [[{h.title} {h.last} confirmed {x.title} {x.last} has been asked to stay at home.|{m.first} advised that the threshold is met.]]
Actions: [[{o.last} to speak to {c.first} with an appropriate adult.|{h.last} to send the statement to {m.first} by Friday.]]"""
    + "§safeguarding"
)

TEMPLATES["strategy_meeting"] = (
    """Strategy Discussion - s47 - [[{c.LAST}, {c.first}|{c.full}]]
Chair: {m.title} {m.last} (Team Manager)
Present: Social worker ({w.full}); Police ([[DS|PC]] {o.last}); School DSL ({d.full}); Health ({v.full}, school nurse)

Information shared:
- Police: [[{q.full} was arrested on {past_date}.|Two call-outs to the address this year, the latest involving {q.first} and {p.first}.]]
- School: {c.first} [[arrived with a bruise on {c.his} cheek and said "{q.first} did it".|told {d.first} that {c.he} is scared to go home.]]
- Health: [[no concerns at the last check (seen by {v.first}).|{s.first} missed two appointments.]]
Decision: [[s47 enquiry to start; {w.first} to visit today.|Joint visit by {w.last} and {o.last}.]]"""
    + "§safeguarding"
)

TEMPLATES["cp_plan"] = (
    """Child Protection Plan - core group review
Children: {c.full} ({c.age}) and {s.full} ({s.age})
Category: [[Neglect|Emotional abuse]]
Core group: {p.full} (mother), {w.full} (allocated social worker), {d.full} (DSL, {sc.name}), {v.full} (health visitor)

Outcome 1: [[{c.first} and {s.first} will attend school every day.|The home will be clean and safe.]]
Who will do it: {p.first} [[with help from Family Support ({fs})|supported by {fs} from Early Help]]
Progress: [[{p.first} says things are better since {q.first} moved out.|{w.first} visited on {past_date} and saw food in the cupboards.]]
Next core group: {date}, chaired by [[{m.full}|{w.first}]]"""
    + "§safeguarding"
)

TEMPLATES["pep_review"] = (
    """Personal Education Plan (PEP) - [[Autumn|Spring]] review
Young person: {c.full}    Year: {c.year_group}    Placement: with foster carers {fc1} and {fc2}
Designated Teacher: {d.full}    Virtual School: {vs}
Social Worker: {w.full}

Views of {c.first}: "[[I like Art with {e.title} {e.last}.|I want to be a mechanic like {fc1_first}.]]"
Attainment: [[{c.first} is working at the expected standard in reading.|Below expected in maths; tutoring from {ta} agreed.]]
Pupil Premium Plus: [[tuition|laptop and revision guides]]. Agreed by {vs} (Virtual School) on {past_date}."""
    + "§safeguarding"
)

TEMPLATES["attendance_letter"] = """{sc.name}
Attendance Office

{date}

Dear {p.title} {p.last},

Re: [[{c.full}|{c.first_LAST}]] - {c.year_group}

[[{c.first}'s attendance this term is {pct}, below the 90% we expect.|Our records show {c.first} has missed {count} sessions since September.]] [[I would like to invite you to a meeting with {ao.full}, our Attendance Officer, on {date}.|Please contact {ao.first} in the office to discuss this.]]

Yours sincerely,
{ao.full}
Attendance and Welfare Officer"""

TEMPLATES["exclusion_letter"] = """Notice of suspension

Dear {p.full},

I am writing to inform you that I have decided to suspend {c.full} ({c.year_group}) for {count} days from {date}. [[This follows an incident in which {c.first} pushed another pupil, {friend1}, down the stairs.|{c.first} was involved in a fight with a pupil from {c.his} class.]]

[[You may make representations to the governing board. Please write to the Chair of Governors, {gov.title} {gov.last}, at the school address.|The clerk to governors, {gov.full}, can explain how to make representations.]]

{h.full}
Headteacher, {sc.name}"""

TEMPLATES["transport_request"] = """Home to School Transport - application

Name of child: {c.full}
Date of birth: {c.dob}
Home address: {a.addr}, {a.town} {a.pc}
School: {sc.name}
Reason: [[{c.first} has an EHCP and cannot travel alone.§health|Nearest suitable school is over three miles away.]]
Parent/carer: {p.full}    Telephone: {p.mobile}
Passenger assistant requested: [[Yes - {c.first} knows {pa} from last year|No]]
Completed by: {e.full}, SENCo"""

TEMPLATES["court_chronology"] = (
    """Chronology of significant events ({c.LAST} children)

| Date | Event | Source |
| {past_date} | {p.first} rang the police after {q.first} smashed the window. | PPN from PC {o.last} |
| {past_date} | {c.first} told {t.title} {t.last} that there was no food at home. | School ({d.full}, DSL) |
| {past_date} | Health visitor {v.full} saw {s.first}; weight below the 2nd centile. | Health |
| {past_date} | Case transferred from {w2} to {w.full}. | CSC |
| {past_date} | [[Maternal aunt {aunt} offered to care for the children.|Viability assessment of {aunt} {aunt_last} (paternal aunt) started.]] | CSC |"""
    + "§safeguarding"
)

TEMPLATES["foster_log"] = (
    """Foster carer daily log - {fc1}
Child in placement: {c.first}

Mon: [[{c.first} was quiet after school. Said {friend1} had been unkind.|Good day. {c.first} helped me cook.]]
Tue: Contact with Mum. [[{c.first} came back upset and would not eat.|Went well, {c.he} talked about it all evening.]]
Wed: [[{c.first} said {s.first} phoned|{friend2} came for tea]]. Told {w.first} (SW).
Thu: [[School rang - {t.title} {t.last} worried about {c.his} tiredness.|No issues.]]
Fri: [[{fc2_first} took {c.first} swimming.|{c.first} stayed up late on the iPad.]]"""
    + "§safeguarding"
)

TEMPLATES["contact_notes"] = (
    """Supervised contact - session record
Date: {date}    Venue: Family Centre    Supervisor: {cw.full}
Present: {c.first}, {s.first}, Mum ({p.first}), [[Dad ({q.first})|maternal grandmother ({aunt})]]

{p.first} arrived [[10 minutes late|on time]]. [[{c.first} ran to her and hugged her.|{c.first} hung back at first.]] {p.first} brought [[snacks and a present for {s.first}|photos of the dog]].
[[{q.first} asked {c.first} about school and {c.he} talked about {friend1}.|Mum spoke to {s.first} about moving house, which I redirected.]]
At the end [[{s.first} cried|both children said goodbye calmly]]. Recorded by {cw.first}."""
    + "§safeguarding"
)

TEMPLATES["hv_notes"] = (
    """Health Visitor - new birth visit
Baby: {baby} {c.last}    Mother: {p.full}    Partner: [[{q.full}|not present]]
HV: {v.full}

Seen at home with [[Mum ({p.first})|{p.first} and her mother, {aunt}]]. [[Feeding well, breastfed.|Bottle fed, 4oz every 3 hours.]]
[[{p.first} reports low mood since the birth; EPDS 14.|{p.first} is coping well.]] Older sibling {s.first} ({s.age}) at nursery.
Plan: [[review in 2 weeks; GP (Dr {gp}) informed.|Universal service; next contact at 6-8 weeks.]]"""
    + "§health"
)

TEMPLATES["ppn_summary"] = (
    """Police Protection Notice (PPN) summary - received by MASH {date}
Reporting officer: PC {o.full} [[(collar {count}34)|]]
Subject: {q.full}    Victim: {p.full}
Children present: {c.first} ({c.age}), {s.first} ({s.age})

Summary: Police called by a neighbour ([[{x.full}|Mrs {x.last}]]) after shouting. {q.first} had left before officers arrived. {p.first} [[had a red mark on her neck|said she was fine]]. {c.first} was [[awake and crying|asleep upstairs]].
DASH: [[medium|high]]. Shared with {d.full} (school) and {v.full} (health)."""
    + "§safeguarding"
)

TEMPLATES["email_signature"] = (
    """From: {w.full} <{w.email}>
Sent: [[Tuesday|Thursday]], {date} 09:14
To: {d.full} <{d.email}>
Cc: {m.full}
Subject: [[RE: {c.first}|Visit update]]

Hi {d.first},

[[Thanks for your call. I saw {c.first} at home yesterday with {p.first}.|Just to let you know I visited {c.first} and {s.first}.]] [[Could you ask {t.first} to keep an eye on {c.him}?|I'll update you after the meeting.]]

Kind regards
{w.first}

{w.full}
[[Social Worker|Senior Practitioner]], [[Children in Need Team|Assessment Team]]
{council}
Mobile: {w.mobile}"""
    + "§safeguarding"
)

TEMPLATES["forwarded_header"] = """---------- Forwarded message ---------
From: {p.full} <{p.email}>
Date: [[Mon|Wed]], {date} at 21:47
Subject: [[{c.first} not in tomorrow|worried]]
To: <{sc.email}>

[[Hi, {c.first} won't be in tomorrow, {c.he} has a temperature. Thanks {p.first}|Can someone ring me about {c.first}? {friend1}'s mum says there was trouble at break. {p.first} ({c.first}'s mum)]]

Forwarded to {t.full} and {d.full} - {office}, School Office"""

TEMPLATES["name_table"] = """[[Year 9 intervention group|Breakfast club register]] - {date}

| Name | Form | Key adult | Notes |
| {g1} | 9R | {t.title} {t.last} | [[reading|maths]] |
| {g2} | 9K | {ta} | [[late twice|-]] |
| {g3} | 9R | {e.title} {e.last} | [[new starter|-]] |
| {g4} | 9W | {ta} | [[-|parent meeting booked]] |"""

TEMPLATES["role_brackets"] = (
    """Case note - {date}
Discussed {c.first} with the team. The social worker ([[{w.full}|{w.first}]]) will visit on Friday. The class teacher ({t.full}) reports that {c.first} is [[falling asleep in lessons|often hungry]]. The school nurse ({v.first}) has offered a drop-in.
[[Spoke to Mum ({p.first}) on the phone|Spoke to dad ({q.first}) at the door]]. [[{p.first} says|{q.first} says]] {c.first} has been [[staying at {friend1}'s house|out late with older boys]].
Family support worker ({fs}) to follow up."""
    + "§safeguarding"
)

TEMPLATES["names_then_roles"] = """Year 9 options evening - staff list

{hoy}, Head of Year 9
{t.full}, Head of English
{e.full}, SENCo
[[{ta}, Teaching Assistant|{ta}, Learning Mentor]]
{h.full}, Headteacher

Please direct questions about {c.full}'s options to {hoy_first} by {date}."""

TEMPLATES["first_names_alone"] = """Playground incident - notes by {t.full}

{k1} said that {k2} had taken his ball. {k2} denied it. [[{k3} saw what happened and told me {k1} pushed first.|{k3} was crying by the fence.]] I spoke to all three. [[{k1} apologised.|{k2} went to {h.title} {h.last}.]]
Later {k3} told {ta} that [[{k2} had said something about {k3}'s mum|it was a game that went wrong]]. Parents of {k1} and {k2} informed by phone."""

TEMPLATES["surname_titles"] = """Minutes of the Governors' Pupil Discipline Committee

Present: Mr {g_last1} (Chair), Mrs {g_last2}, Dr {g_last3}
In attendance: {h.title} {h.last} (Headteacher), Ms {clerk} (Clerk)

1. The Chair welcomed everyone. [[Mrs {g_last2}|Dr {g_last3}]] declared no interest.
2. [[{h.title} {h.last}|The Headteacher]] presented the case of {c.full}. [[Mr {g_last1} asked about previous support.|Dr {g_last3} asked whether the SENCo had been involved.]]
3. The committee upheld the decision. Ms {clerk} will write to {p.title} {p.last}."""

TEMPLATES["word_names"] = """Nursery daily diary - [[Rainbow|Sunflower]] Room

{wn1} and {wn2} played in the sand all morning. [[{wn1} shared the spade with {wn3}.|{wn3} built a tower.]] {wn4} [[had a long nap|was tired after lunch]]. Key worker {kw} noted that {wn2} [[ate all of her lunch|tried the pasta]].
Collected by: {wn1} - Nan; {wn2} - [[Mum|Dad]]; {wn3} - [[Grandad|Mum]]."""

TEMPLATES["apostrophe_hyphen"] = (
    """Team around the family - actions

{ap1} (Early Help) to meet {ap2} and her son on {date}.
[[{hy1}|{ap3}]] (school) to share attendance with {ap1}.
{hy2} (youth worker) to ask {c.first} about [[the football club|his mentor]].
Family: {ap2} (mother), [[{c_ap2}|{c.full}]] (14)."""
    + "§safeguarding"
)

TEMPLATES[
    "diverse_names"
] = """Welcome to our new families - [[Reception|Year 1]] class list ({date})

New pupils: {dn1}, {dn2}, {dn3} and {dn4}.
[[{dn5} joins us from Poland.|{dn5} joins from a school in Leicester.]] Buddies: {dn6} and {dn7}.
Interpreter booked for the parents' meeting with Mr {dl}."""

TEMPLATES["attendees_cc"] = (
    """Team Around the Child meeting - {date}
Attendees: {p.full}, {d.full}, {fs}, {v.full}
Apologies: {w.full}

{p.first} said {c.first} [[is sleeping better|still wakes at night]]. {v.first} will [[refer to the sleep clinic|check again in a month]].
Next meeting: {date}
c.c. {m.full}; {t.full}; file"""
    + "§health"
)

TEMPLATES["quoted_speech"] = (
    """Voice of the child (recorded by {w.full}, {date})

"I miss [[Grandad|Nana]] {gp_first}. I want to see [[my cousin {friend1}|{friend1} from my old school]]." {c.first} drew a picture of {c.his} family: Mum, {s.first}, [[{q.first}|the dog Biscuit]] and [[Auntie {aunt}|Uncle {aunt}]].
When asked who [[helps|listens]] at school, {c.first} said "{t.first}, they're the best" and "Miss {e.last} sometimes"."""
    + "§safeguarding"
)

TEMPLATES["chaser_email"] = """Subject: [[Chasing: referral for {c.full}|Re: Re: {c.last} family]]

[[Morning|Hi]] all,

[[Adding {m.first} and {fs} to this thread.|Looping in {m.first}.]] {v.first} - did you get the letter from Dr {gp}? {d.first} is off until [[Monday|next week]] so please copy in {t.full}.

Thanks,
{w.first}
Sent from my iPhone"""

# ---- documents with no personal data ------------------------------------------------------

TEMPLATES["neg_schools_named"] = """Transition events for Year 6

Pupils moving to [[Ada Lovelace Academy|Isaac Newton Academy|Florence Nightingale Academy]] or [[Sir John Cass School|Charles Darwin School|Thomas Telford School]] are invited to taster days. Buses leave from [[Kingsley Park|Victoria Park|Stanley Park]] at 8am. The [[Harriet Tubman|Mary Seacole]] Building will host the welcome talk. [[Lewis Carroll|Roald Dahl|Enid Blyton]] Day is on [[Friday|Thursday]]."""

TEMPLATES["neg_organisations"] = """Useful organisations for families

[[Barnardo's|Anna Freud Centre|Ronald McDonald House]] offers support to families. [[Great Ormond Street|Alder Hey|Sheffield Children's]] Hospital has a parent helpline. Food vouchers can be used at [[Sainsbury's|Marks & Spencer|Morrisons]]. The [[Duke of Edinburgh's Award|Prince's Trust|Joseph Rowntree Foundation]] runs programmes for young people. [[MoneySavingExpert|Which?]] website has budgeting tips."""

TEMPLATES["neg_software"] = """IT update for staff

[[CPOMS|MyConcern]] will be unavailable on [[Tuesday|Wednesday]] evening. Please log safeguarding concerns on paper. [[Arbor|SIMS|Bromcom]] registers will sync on [[Monday|Thursday]]. Use [[Microsoft Teams|Google Classroom]] for cover work. [[Tapestry|Seesaw|ClassDojo]] messages to parents are paused. Ask [[Alexa|Siri]] nothing about pupils. [[Mosaic|Liquidlogic|Eclipse]] training is on [[Friday|Monday]] at 2pm."""

TEMPLATES["neg_festivals"] = """Calendar: [[spring|summer|autumn]] term

[[Shrove Tuesday|Ash Wednesday|Good Friday|Easter Monday]]: pancake sale. [[St Patrick's Day|St David's Day|St Andrew's Day|St George's Day]]: assembly. [[Eid al-Fitr|Diwali|Vaisakhi|Hanukkah]]: class displays. [[Father's Day|Mother's Day|Boxing Day|Guy Fawkes Night]]: no events. [[August|June|April|May]] bank holiday: school closed. [[Black History Month|Pride Month]] in [[October|June]]."""

TEMPLATES["neg_headings"] = """Behaviour Support Policy

Section 3: Reasonable Adjustments
Section 4: Restorative Practice
[[Positive Handling Plan|Graduated Response|Team Teach]] guidance applies. [[Zones of Regulation|Emotion Coaching|Trauma Informed Practice]] is used across the school. See also: Keeping Children Safe in Education, Working Together to Safeguard Children. [[Head of Year|Designated Safeguarding Lead|Class Teacher]] responsibilities are listed in Appendix B."""

TEMPLATES["neg_streets"] = """Road closures this week

[[Florence Street|Victoria Road|Albert Road|Stanley Road]] is closed for resurfacing from [[Monday|Tuesday]]. Use [[Nelson Street|Wellington Road|Gladstone Street]] instead. The bus stop on [[Harold Road|Edith Avenue|Wilfred Lane]] is moved to [[Percy Street|Douglas Avenue|Grace Road]]. [[Summer Lane|Dawn Close|Hope Street]] residents' parking is suspended."""

TEMPLATES["neg_words_caps"] = """Notes from the [[staff|INSET]] training day

Grace and courtesy lessons start in [[Autumn|Spring]]. Hunter's Bar roundabout is busy at pick-up. Will staff please mark any absences by 9am. Patience, Honesty and Hope are our values this term. Summer Fair plans: Bishop's Walk entrance only; Royal Mail collection at noon. Star of the Week certificates are in the office; the Golden Time list is on the wall."""

TEMPLATES["neg_products_people"] = """Reading and resources list

[[Peppa Pig|Thomas the Tank Engine|Paddington]] books for Reception. [[Harry Potter|Percy Jackson|Alex Rider]] for Year 6. [[Oxford Reading Tree|Read Write Inc|Jolly Phonics]] is the phonics scheme. The [[Mr Men|Little Miss]] series is in the library. Calculators: [[Casio|Texas Instruments]]. [[The Body Coach|Cosmic Kids]] PE videos on rainy days. [[Dyson|Henry]] hoovers are in the cleaning cupboard."""

NEGATIVE = {
    "neg_schools_named",
    "neg_organisations",
    "neg_software",
    "neg_festivals",
    "neg_headings",
    "neg_streets",
    "neg_words_caps",
    "neg_products_people",
}

FIRST_NAMES = {
    "british": [
        ("Leanne", "f"),
        ("Summer", "f"),
        ("Autumn", "f"),
        ("Star", "f"),
        ("Skye", "f"),
        ("Poppy", "f"),
        ("Willow", "f"),
        ("Harper", "f"),
        ("Kerry-Ann", "f"),
        ("Bethan", "f"),
        ("Morag", "f"),
        ("Hunter", "m"),
        ("Sonny", "m"),
        ("Rocky", "m"),
        ("Royal", "m"),
        ("Reece", "m"),
        ("Tom", "m"),
        ("Callum", "m"),
        ("Dylan", "m"),
        ("Iwan", "m"),
        ("Hamish", "m"),
        ("Lewis", "m"),
    ],
    "south_asian": [
        ("Parveen", "f"),
        ("Aisha", "f"),
        ("Kiran", "f"),
        ("Anjali", "f"),
        ("Shabana", "f"),
        ("Manpreet", "f"),
        ("Imran", "m"),
        ("Arjun", "m"),
        ("Zain", "m"),
        ("Harjeet", "m"),
        ("Bilal", "m"),
        ("Dev", "m"),
    ],
    "polish": [
        ("Zuzanna", "f"),
        ("Wiktoria", "f"),
        ("Małgorzata", "f"),
        ("Kacper", "m"),
        ("Wojciech", "m"),
        ("Jakub", "m"),
        ("Paweł", "m"),
    ],
    "somali": [
        ("Ifrah", "f"),
        ("Ayan", "f"),
        ("Sahra", "f"),
        ("Abdullahi", "m"),
        ("Liban", "m"),
        ("Guled", "m"),
    ],
    "caribbean": [
        ("Precious", "f"),
        ("Blessing", "f"),
        ("Shanice", "f"),
        ("Patience", "f"),
        ("Tyrese", "m"),
        ("Marlon", "m"),
        ("Delroy", "m"),
        ("Major", "m"),
    ],
    "irish": [
        ("Aoife", "f"),
        ("Siobhán", "f"),
        ("Clodagh", "f"),
        ("Oisín", "m"),
        ("Cian", "m"),
        ("Donal", "m"),
    ],
    "chinese": [
        ("Mei", "f"),
        ("Xiaoling", "f"),
        ("Yan", "f"),
        ("Wei", "m"),
        ("Jun", "m"),
        ("Hao", "m"),
    ],
    "west_african": [
        ("Adaeze", "f"),
        ("Folake", "f"),
        ("Abena", "f"),
        ("Temitope", "f"),
        ("Kwame", "m"),
        ("Chidi", "m"),
        ("Babajide", "m"),
        ("Kofi", "m"),
    ],
    "eastern_european": [
        ("Ioana", "f"),
        ("Daria", "f"),
        ("Rūta", "f"),
        ("Bogdan", "m"),
        ("Andrei", "m"),
        ("Vytautas", "m"),
        ("Taras", "m"),
    ],
    "middle_eastern": [
        ("Zainab", "f"),
        ("Shilan", "f"),
        ("Noor", "f"),
        ("Karwan", "m"),
        ("Hamza", "m"),
        ("Yusuf", "m"),
        ("Omid", "m"),
    ],
}

SURNAMES = {
    "british": [
        "Reid",
        "Bishop",
        "Cook",
        "Fox",
        "Church",
        "Street",
        "Green",
        "Sharp",
        "Bird",
        "Swan",
        "Page",
        "Love",
        "Friend",
        "Goodchild",
        "Pryce",
        "Llewellyn",
        "McAllister",
    ],
    "south_asian": ["Akhtar", "Sandhu", "Bibi", "Mistry", "Hussain", "Dhillon", "Kaur", "Iqbal"],
    "polish": ["Nowakowski", "Zieliński", "Wójcik", "Kamiński", "Lewandowski"],
    "somali": ["Osman", "Warsame", "Egal", "Nur", "Abdi"],
    "caribbean": ["Clarke", "Campbell", "Grant", "Francis", "Thomas", "St Louis"],
    "irish": ["O'Neill", "Brennan", "Ní Bhriain", "Ó Briain", "McGuinness", "Fitzgerald"],
    "chinese": ["Chen", "Wong", "Lin", "Zhang", "Ho"],
    "west_african": ["Adebayo", "Mensah", "Nwosu", "Oyelaran", "Asante"],
    "eastern_european": ["Ionescu", "Petrauskas", "Shevchenko", "Dumitru", "Kovač"],
    "middle_eastern": ["Al-Hassan", "El-Amin", "Rahimi", "Mohammadi", "Haddad"],
}

STREETS = [
    "Rowan Drive",
    "Fernbank Road",
    "Harcourt Street",
    "Millbrook Way",
    "Alder Close",
    "Sycamore Road",
    "Bramley Court",
    "Peel Street",
    "Larkspur Avenue",
    "Gorse Lane",
    "Quarry Hill",
    "Wren Gardens",
]

_WORD_NAMES = [
    "Summer",
    "Autumn",
    "Star",
    "Hunter",
    "Blessing",
    "Precious",
    "Patience",
    "Royal",
    "Major",
    "Sonny",
    "Rocky",
    "Willow",
    "Poppy",
    "Harper",
    "Honey",
    "Lucky",
]
_APOS = [
    ("Siobhán", "O'Neill"),
    ("Ryan", "D'Souza"),
    ("Awa", "N'Diaye"),
    ("Ciara", "O'Callaghan"),
    ("Kerry", "D'Arcy"),
    ("Liam", "O'Brien-Walsh"),
]
_HYPH = [
    ("Mohammed", "Al-Amin"),
    ("Sara", "El-Khoury"),
    ("Lily-Mae", "Fletcher"),
    ("Jo-Anne", "Pearce-Hughes"),
    ("Abdul-Karim", "Salah"),
    ("Mary-Kate", "Rafferty"),
]
_DIVERSE2 = [
    ("Thandiwe", "Ndlovu"),
    ("Rahul", "Venkataraman"),
    ("Tomasz", "Szczepański"),
    ("Hoang", "Minh Anh"),
    ("Ebere", "Chukwu"),
    ("Gulnara", "Abdullaeva"),
    ("Dafydd", "ap Rhys"),
    ("Ayşe", "Demir"),
    ("Şerife", "Aydın"),
    ("Zilvinas", "Jankauskas"),
    ("Ana-Maria", "Munteanu"),
    ("Kwabena", "Owusu-Ansah"),
    ("Farhiya", "Hirsi"),
    ("Saoirse", "Nic Gabhann"),
]


def extra_ctx(world, ctx: dict) -> dict:
    rng = world.rng
    out: dict = {}
    pool = [n for names in world.first.values() for n, _ in names]
    lasts = [n for names in world.last.values() for n in names]

    def full() -> Lab:
        return Lab(f"{rng.choice(pool)} {rng.choice(lasts)}", "PERSON")

    for key in ("ta", "fs", "fc1", "fc2", "vs", "w2", "pa", "hoy", "kw"):
        out[key] = full()
    out["fc1_first"] = Lab(out["fc1"].text.split()[0], "PERSON")
    out["fc2_first"] = Lab(out["fc2"].text.split()[0], "PERSON")
    out["hoy_first"] = Lab(out["hoy"].text.split()[0], "PERSON")
    out["office"] = Lab(rng.choice(pool), "PERSON")
    for prefix in ("ma", "ao", "gov", "cw"):
        first = rng.choice(pool)
        last = rng.choice(lasts)
        out[f"{prefix}.first"] = Lab(first, "PERSON")
        out[f"{prefix}.last"] = Lab(last, "PERSON")
        out[f"{prefix}.full"] = Lab(f"{first} {last}", "PERSON")
        out[f"{prefix}.title"] = rng.choice(["Mr", "Mrs", "Ms", "Miss", "Dr"])
    out["aunt"] = Lab(rng.choice(pool), "PERSON")
    out["aunt_last"] = Lab(rng.choice(lasts), "PERSON")
    out["gp"] = Lab(rng.choice(lasts), "PERSON")
    out["gp_first"] = Lab(rng.choice(pool), "PERSON")
    out["baby"] = Lab(rng.choice(pool), "PERSON")
    out["clerk"] = Lab(rng.choice(lasts), "PERSON")
    out["dl"] = Lab(rng.choice(lasts), "PERSON")
    g_lasts = rng.sample(lasts, 3)
    for i, last in enumerate(g_lasts, start=1):
        out[f"g_last{i}"] = Lab(last, "PERSON")
    for i in range(1, 5):
        out[f"friend{i}"] = Lab(rng.choice(pool), "PERSON")
        shape = rng.randrange(3)
        first, last = rng.choice(pool), rng.choice(lasts)
        if shape == 0:
            out[f"g{i}"] = Lab(f"{first} {last}", "PERSON")
        elif shape == 1:
            out[f"g{i}"] = Lab(f"{last.upper()}, {first}", "PERSON")
        else:
            out[f"g{i}"] = Lab(f"{last}, {first}", "PERSON")
    ks = rng.sample(pool, 3)
    for i, k in enumerate(ks, start=1):
        out[f"k{i}"] = Lab(k, "PERSON")
    words = rng.sample(_WORD_NAMES, 4)
    out["wn1"] = Lab(words[0], "PERSON")
    out["wn2"] = Lab(f"{words[1]} {rng.choice(lasts)}", "PERSON")
    out["wn3"] = Lab(words[2], "PERSON")
    out["wn4"] = Lab(words[3], "PERSON")
    apos = rng.sample(_APOS, 3)
    out["ap1"] = Lab(f"{apos[0][0]} {apos[0][1]}", "PERSON")
    out["ap2"] = Lab(f"{apos[1][0]} {apos[1][1]}", "PERSON")
    out["c_ap2"] = Lab(f"{ctx['c.first'].text} {apos[1][1]}", "PERSON")
    out["ap3"] = Lab(f"{apos[2][0][0]}. {apos[2][1]}", "PERSON")
    hy = rng.sample(_HYPH, 2)
    out["hy1"] = Lab(f"{hy[0][0]} {hy[0][1]}", "PERSON")
    out["hy2"] = Lab(f"{hy[1][0]} {hy[1][1]}", "PERSON")
    diverse = rng.sample(_DIVERSE2, 7)
    for i, (f, last) in enumerate(diverse, start=1):
        shape = rng.randrange(3)
        if shape == 0:
            out[f"dn{i}"] = Lab(f"{f} {last}", "PERSON")
        elif shape == 1:
            out[f"dn{i}"] = Lab(f, "PERSON")
        else:
            out[f"dn{i}"] = Lab(f"{f} {last.upper()}", "PERSON")
    return out
