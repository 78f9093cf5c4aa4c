"""Holdout template family: generated at benchmark time outside the repository, never committed.

ENGINE DEVELOPERS: do not read this file. It measures how the engine does on documents, phrasing
and names it was not tuned on. It is written separately from dev_templates.py, with other kinds of
document, other wording and the other half of every name pool.
"""

# ruff: noqa: E501

TEMPLATES: dict[str, str] = {}

TEMPLATES["early_help"] = (
    """EARLY HELP ASSESSMENT
[[Family name|Household]]: {c.LAST}
Child/young person: {c.full}, born {c.dob}[[, attends {sc.name}|]][[ (UPN {c.upn})|]]
Lead practitioner: {m.full} ([[Family Hub|Early Help Team]]), {m.email}
Home: {a.addr}, {a.town} {a.pc}

What is working well? [[{p.first} is a loving parent and the children are always clean and fed.|{c.first} has a good friendship group and enjoys swimming.]]
What are we worried about? [[{p.first} is finding it hard to manage {c.first}'s behaviour since {q.first} moved out.|Rent arrears and a notice of eviction; the family may become homeless.|{c.first}'s sleep: {c.he} is on {c.his} phone until 2am.]] [[{c.first} is awaiting an autism assessment through the neurodevelopmental pathway.§health|{p.first} has a long-term back condition and cannot work.§health|]]
What needs to happen? [[Referral to the parenting course on {date}.|Housing options appointment booked for {date}.]] TAF meeting: {date}.
[[Mum can be contacted on {p.mobile}.|Best contact: {p.phone}.]]"""
    + "§safeguarding"
)

TEMPLATES["encompass"] = (
    """OPERATION ENCOMPASS NOTIFICATION - [[OFFICIAL-SENSITIVE|OFFICIAL SENSITIVE]]
To: Key Adult, {sc.name}
[[Time of notification|Notified]]: {time}, {date}

Police attended a domestic abuse incident at the home of {c.full} (D.O.B. {c.dob})[[ and {s.full}|]] [[overnight|yesterday evening]]. [[The children were present in the house.|The children were asleep upstairs.|{c.first} called 999.]] [[The alleged perpetrator, {x.full}, was arrested.§criminal|No arrests were made.]]
Please offer {c.first} support today. [[Do not disclose this notification to the parents.|]]
Officer: PC {o.last}, [[Safeguarding Hub|Public Protection Unit]], {o.phone}"""
    + "§safeguarding"
)

TEMPLATES["gp_letter"] = (
    """[[Spinney Hill Medical Centre|The Willows Surgery|Charnwood Health Centre|Granby Street Practice]]
{date}

To the School Nurse / SENCo, {sc.name}

Patient: {c.full}   Born: {c.dob}   NHS no. {c.nhs}
Parent: {p.full}, {a.addr}, {a.pc}

[[Thank you for your letter about this young person. I confirm that {c.he} has been diagnosed with [[coeliac disease|type 1 diabetes and uses an insulin pump|asthma|migraine with aura]] and will need [[a gluten-free diet|blood glucose checks before lunch|an inhaler available at all times|rest in a quiet room when an attack starts]].|I saw {c.first} with mum today. {c.He} has [[an anxiety disorder|a fractured wrist|glandular fever]] and should be excused from PE until {date}.]]

Dr {o.initial}[[, GP Partner|, Salaried GP|]]"""
    + "§health"
)

TEMPLATES["needs_assessment"] = (
    """Dear [[{p.full}|{p.title} {p.last}|{p.title} {p.initial}]]

Decision on request for an EHC needs assessment - {c.full}
Date of birth: {c.dob}
[[Our reference|Case ID]]: {ref}

The SEN panel met on {past_date} and [[agreed to carry out an Education, Health and Care needs assessment for {c.first}.|decided not to carry out an EHC needs assessment at this time, as {c.first}'s needs can be met through SEN support at {sc.name}.]] [[The panel noted the evidence from the speech and language therapist about {c.first}'s developmental language disorder.|The panel considered the educational psychologist's report on {c.first}'s learning difficulties and ADHD.]]

[[You have the right to appeal to the First-tier Tribunal (SEND) within two months.|If you disagree, you can ask for mediation.]] Your case officer is {m.full} - telephone {m.phone}, email {m.email}.

{council}, SEND Assessment Team"""
    + "§health"
)

TEMPLATES["behaviour_email"] = """Subject: [[Today|Incident at lunch|{c.first} - quick update]]
From: {t.email}
To: {p.email}

[[Good afternoon|Hi]] {p.first},

[[I just wanted to let you know that {c.first} had a difficult afternoon. {c.He} threw a chair in the classroom and had to spend time with {d.first} in the calm room.|{c.first} had a brilliant day today and earned a gold star for {c.his} science write-up on inheritance and genetics!|There was a falling out at lunch between {c.first} and another pupil; it has been sorted out.]] [[We are finishing our Religious Studies unit on pilgrimage next week.|Could you remind {c.him} to bring {c.his} PE kit on Tuesdays?|]]

[[Best,|Speak soon,|Thank you,]]
{t.full}
[[Class teacher, {c.year_group}|{c.year_group} team]]"""

TEMPLATES["missing_episode"] = (
    """MISSING FROM HOME - RETURN HOME INTERVIEW
Young person: {c.first_LAST}   b. {c.dob}
Placement: [[residential children's home|foster placement with {x.full}|home with mother]]
Reported missing: {past_date}   Found: {past_date}
Interviewed by: {m.full} (Return Home Interview Worker) on {date}

[[{c.first} said {c.he} went to [[a party in Highfields|a friend's flat on {b.addr}|Birmingham on the train]] and stayed with people {c.he} met online.|{c.first} would not say where {c.he} had been.]] [[{c.He} had cannabis and £200 in cash when found; police believe {c.he} is being used to carry drugs.§criminal|{c.He} returned with a new phone and said an older man bought it for {c.him}; CSE risk screening completed.|]]
[[Police reference|Log number]]: {ref}. Worker contact: {m.mobile}."""
    + "§safeguarding"
)

TEMPLATES["private_fostering"] = (
    """[[Private fostering notification|Notification of a private fostering arrangement]]
To: {council} Children's Services

Child: {c.full}, date of birth {c.dob}[[, UPN {c.upn}|]]
Now living with: {x.title} {x.full} ([[family friend|great-aunt|a friend of the family]]) at {b.addr}, {b.town}, {b.pc}
Since: {past_date}
Parent(s): {p.full}[[, currently living in [[Warsaw|Lagos|Hargeisa|Kingston]]|]]
Contact for carer: {x.mobile}[[ / {x.email}|]]
Notified by: {d.full}, {sc.name}"""
    + "§safeguarding"
)

TEMPLATES["ehe_letter"] = """{date}

[[{p.title} {p.full}|{p.full}]]
[[{a.addr}, {a.town}, {a.pc}|{a.addr}\n{a.pc}]]

Dear {p.title} {p.last}

Elective Home Education: {c.full}[[ (UPN {c.upn})|]]

Thank you for your letter of {past_date} telling us that you have decided to educate {c.first} at home. {c.first} has been removed from the roll of {sc.name} with effect from {date}. [[Our Elective Home Education Adviser, {m.full}, will contact you to arrange an informal visit.|Please send us a short description of the education you are providing.]]
[[You can contact the team on {m.phone}.|]]

Regards
{m.full}
Elective Home Education Service, {council}"""

TEMPLATES["cin_review"] = (
    """Child in Need Review - notes
Date/time: {date}, {time}
Children: {c.full} ({c.age}), {s.full}
Parent: {p.full} ([[mobile {p.mobile}|tel. {p.phone}]])
Present: {p.first}, {w.full} (SW), {t.full} (class teacher), [[{v.full} (school nurse)|{m.full} (family support)]]

{w.first} opened the meeting. [[School reported that {c.first}'s attendance has risen to {pct}.|{t.first} said {c.first} is much happier in class.]] [[{p.first} said she has started the Freedom Programme.|{p.first} has moved the family to {b.addr}, {b.pc} to be nearer her sister.]] [[{c.first}'s hearing aids have been replaced and the audiology follow-up is booked.§health|{p.first} asked for help applying for Disability Living Allowance for {s.first}, who has Down syndrome.§health|The family's Friday prayers at the gurdwara give them support.§religion|]]
Outcome: [[continue the plan for another three months|step down to Early Help]]."""
    + "§safeguarding"
)

TEMPLATES["camhs_discharge"] = (
    """[[Child and Adolescent Mental Health Services|CAMHS Community Team]]
Discharge summary
Name: {c.full}    DoB: {c.dob}    NHS Number: {c.nhs}
Address: {a.addr}, {a.pc}
Clinician: {v.full}, [[Clinical Psychologist|CAMHS Practitioner|Mental Health Nurse]]

{c.first} was referred by [[{c.his} GP|school]] on {past_date} with [[low mood and suicidal thoughts|obsessive-compulsive disorder|panic attacks]]. [[{c.He} completed 12 sessions of CBT and scores have improved.|{c.He} did not attend three appointments and is discharged back to the GP.]] [[{c.first} has talked about being gay and is now open with {c.his} family.§sexual_orientation|During therapy {c.first} talked about identifying as a trans [[boy|girl]].§gender|]]
cc: {p.full}; {e.full} (SENCo, {sc.name})"""
    + "§health"
)

TEMPLATES["fsm_award"] = """Free School Meals - [[decision|award letter]]
{date}

To: {p.full}
{a.addr}
{a.town} {a.pc}

We have assessed your claim for free school meals for:
- {c.full}, [[born|date of birth]] {c.dob}, {sc.name}[[, UPN {c.upn}|]]
[[- {s.full}, [[born|date of birth]] {s.dob}, {sc.name}\n|]]
[[Your claim has been approved from {date}.|We cannot award free school meals because your income is above the threshold.]] [[Your National Insurance number ({p.nino}) was used to check eligibility.|]]
Queries: {council} Benefits Service, {mash_phone}."""

TEMPLATES["quick_note"] = (
    """[[{date} {time}|{time}]] - [[spoke w/ mum|tel call from Mum|TC with {p.first}]] ({p.mobile}) re {c.full}[[ {c.year_group}|]]. [[Says {c.he}'s been sick overnight, will be back tomorrow.§health|Asked for a meeting with {e.first} re reading.|Reports {c.first} being bullied on Snapchat by older kids - passed to {d.first} (DSL).§safeguarding|Mum's new address: {b.addr}, {b.pc}.]] [[{t.initial}|- {t.first}|]]"""
)

TEMPLATES["court_report"] = (
    """IN THE FAMILY COURT [[AT LEICESTER|SITTING AT BIRMINGHAM|AT MANCHESTER]]
[[Case no.|No.]] [[LE|BM|MA]]{count}C00{count}
Re: {c.full} (a child), born {c.dob}

SOCIAL WORK STATEMENT OF {w.LAST}

1. I am the allocated social worker for {c.first}. I have held the case since {past_date}.
2. {c.first}'s mother is {p.full}, [[born {p.dob}|aged 30s]]. [[{c.first}'s father, {q.full}, is currently serving a custodial sentence at HMP [[Hewell|Gartree|Forest Bank]].§criminal|{c.first}'s father is {q.full}, whose whereabouts are unknown.]]
3. [[The local authority seeks a care order and a placement order.|The local authority seeks a 12-month supervision order.]] [[{p.first}'s drug use and her relationship with {x.full}, a registered sex offender, place {c.first} at risk of significant harm.§criminal|]]
Signed: {w.full}   Dated: {date}"""
    + "§safeguarding"
)

TEMPLATES["sms_reminder"] = """[[SMS|Text message]] to {p.mobile} sent {date} {time}:
"[[Hi|Dear]] {p.first}, [[reminder of {c.first}'s parents' evening appt with {t.title} {t.last} on {date} at {time}.|{c.first} was not in school today and we have not heard from you. Please call {sc.phone}.|{c.first}'s dinner money account is {amount} in arrears.]] {sc.name}\""""

TEMPLATES["prevent"] = (
    """[[Prevent referral form|Channel referral]] - [[OFFICIAL SENSITIVE|OFFICIAL-SENSITIVE]]
Individual: {c.full}   DOB: {c.dob}
Address: {a.addr}, {a.town}, {a.pc}
School: {sc.name}   Referrer: {d.full}, {d.phone}

Concerns: [[{c.first} has been sharing far-right material online and told classmates that [[immigrants should be deported|the next election should be cancelled]].§political_opinion|{c.first} has expressed support for a banned Islamist group and has been watching beheading videos.§religion,political_opinion|{c.first} has been searching for how to make explosives.]]
Parents aware: [[yes|no]]"""
    + "§safeguarding"
)

TEMPLATES["lgbt_group"] = """[[Rainbow Club|LGBTQ+ Youth Group|Pride Group]] sign-up - {sc.name}
Name: {c.full}
Tutor group: [[10R|9M|11J|8K]]
Pronouns: [[he/him|she/her|they/them§gender]]
[[I'd like to join because I'm [[lesbian|gay|bi]] and want to meet other people like me.§sexual_orientation|I am trans and want somewhere safe to be at lunch.§gender|My friend goes and I want to support them.]]
Emergency contact: {p.full} ({p.phone})
[[Do your parents/carers know? [[yes|no, please do not contact them about this]]|]]"""

TEMPLATES["return_to_work"] = (
    """RETURN TO WORK INTERVIEW
Employee: {x.full}   NI no: {x.nino}   Payroll: {ref}
[[Role|Post]]: [[Midday Supervisor|Teaching Assistant|Cook]], {sc.name}
Absence: {past_date} to {past_date}
Reason given: [[surgery (hysterectomy)|stress and anxiety|a broken ankle|IVF treatment]]
Interview by: {h.full}, {date}
[[Referral to occupational health agreed.|No further action.]] [[Employee asked for their UNISON rep, {t.full}, to attend any follow-up.§trade_union|]]"""
    + "§health"
)

TEMPLATES["lado"] = (
    """LADO [[referral|consultation record]] - Local Authority Designated Officer, {council}
Date: {date}   Referrer: {h.full}, Headteacher, {sc.name}, {h.phone}
Member of staff: {x.full}, [[PE teacher|teaching assistant|minibus driver]][[, home address {b.addr}, {b.pc}|]]
Child(ren): {c.full} ({c.year_group})
Allegation: [[{c.first} alleges that {x.first} grabbed {c.him} by the arm and pushed {c.him} against a wall.|{x.first} has been messaging {c.first} on Instagram late at night.|{x.first} was arrested off-site on suspicion of possessing indecent images.§criminal]]
Outcome: [[strategy meeting on {date}|refer to police|managed by the school under its procedures]]. LADO: {m.full}."""
    + "§safeguarding"
)

TEMPLATES["apprenticeship"] = """Apprenticeship agreement - learner details
[[Apprentice|Learner]]: {c.full} | D.O.B.: {c.dob} | ULN {c.uln}
NI: {c.nino} | Tel: {c.mobile} | {c.email}
Lives at {a.addr}, {a.town}, {a.pc}
Employer: [[Hinckley Motors Ltd|Charnwood Care Homes|Soar Valley Builders]]; workplace mentor {x.full} ({x.phone})
Standard: [[Level 2 Adult Care Worker|Level 3 Motor Vehicle Service and Maintenance|Level 2 Bricklayer]]
[[Additional needs: {c.first} has dyslexia and will get extra time in end-point assessment.§health|Additional needs: none.|Previous learning: GCSE maths grade 4, English grade 5.]]"""

TEMPLATES["eal_profile"] = (
    """EAL / new arrival profile - {sc.name}
Pupil: {c.full}  ({c.year_group})  date of birth is {c.dob}[[  UPN: {c.upn}|]]
Arrived in UK: {past_date}   Home languages: [[Romanian and Romani|Somali and Arabic|Kurdish Sorani|Tigrinya]]
Ethnicity (as stated by parent): [[Gypsy/Roma|Black African - Somali|Kurdish|Eritrean]]
Parent/carer: {p.full} - speaks [[little|some|no]] English; use interpreter. Phone {p.mobile}.
[[Faith: the family are Orthodox Christians and may be absent for Easter.\n§religion|]][[Refugee status: family arrived via the resettlement scheme; caseworker {m.full}.|]]"""
    + "§ethnicity"
)

TEMPLATES["email_trail"] = (
    """From: {w.full}
Sent: {date} {time}
To: {d.full}
Subject: RE: [[{c.initial}|{c.first}]] [[- urgent|- visit|]]

[[Thanks {d.first}, that's really helpful.|Noted, thank you.|Hi {d.first} - yes, happy to.]] [[I'll do a joint visit with {v.first} on {date}.|Can we speak before the core group?|I have updated the chronology.]]
{w.first}

On {past_date}, {d.full} <{d.email}> wrote:
> [[Hi {w.first},|Dear {w.first}]]
> [[{c.first} came in today with no lunch again and said {c.he} hadn't eaten since yesterday.|{c.first} told a TA that {p.first}'s new boyfriend "scares" {c.him}.|{c.first}'s older brother {s.first} was seen collecting {c.him} while under the influence.]]
> [[Home phone on file is {p.phone}.|Mum's mobile: {p.mobile}.|]]
> {d.first}
> DSL, {sc.name}"""
    + "§safeguarding"
)

TEMPLATES["strategy_minutes"] = (
    """Strategy meeting (s.47) - record
Held: {date}, by Teams
Child: {c.full}; dob {c.dob}; {a.addr}, {a.pc}
Attendees: {m.full} (chair, Team Manager); {w.full} (SW); DS {o.last} ([[CAIT|Child Abuse Investigation Team]]); {v.full} (named nurse); {d.full} (DSL)

Information shared: [[Police: {q.full} is known for [[violence|drug supply|harassment]] and is currently on bail.§criminal|Health: {c.first} was seen in the Emergency Department on {past_date} with a burn to the hand.§health|School: {c.first} has disclosed that {x.first} hits {c.him} with a belt.]]
Decision: [[s.47 enquiry to proceed; joint visit today.|Single-agency s.47 by children's social care.|NFA under s.47; Child in Need assessment.]]"""
    + "§safeguarding"
)

TEMPLATES["discharge"] = (
    """[[Glenfield Hospital|Leicester Royal Infirmary|Alder Hey Children's Hospital|Sheffield Children's Hospital]] - [[Children's Ward|Ward 27|Paediatric Assessment Unit]]
DISCHARGE LETTER
Patient name: {c.last_first}
Born: {c.dob}
NHS Number: {c.nhs}
Address: {a.addr}, {a.town}, {a.pc}
Next of kin: {p.full} ({p.mobile})

Admitted {past_date} with [[diabetic ketoacidosis|an asthma attack|a seizure|appendicitis]]. [[Discharged home with a care plan; please share with school.|Follow-up in clinic in six weeks.]]
cc: School nursing team ({v.email})"""
    + "§health"
)

TEMPLATES["handover"] = """handover notes {date}
- {c.full} ({c.year_group}) dob {c.dob}[[ upn {c.upn}|]]: [[on report for behaviour, mum aware|new to school, buddy = {s.first}|{c.his} coat went missing again]]
- [[{t.first} off sick, cover booked§health|parents evening moved to {date}|fire drill Thursday]]
- ring {p.first} back on {p.mobile} [[re trip money|about the letter|before 3]]"""

TEMPLATES["community_newsletter"] = """[[News from the Family Hub|Community Bulletin]] - {sc.town}
[[Barnardo's|NSPCC|Mind|Home-Start]] will run a [[parenting|wellbeing|money advice]] drop-in at [[Victoria Park|Abbey Park|Spinney Hill Park|the library]] on {date}.
[[Free holiday activities (HAF) for children on free school meals - book by {date}.|Eid and Diwali celebrations at the community centre, all welcome.|Stop smoking clinic every Tuesday.]]
[[Volunteers needed for the food bank.|The Health and Wellbeing Board meets on {date}.]]"""

# ---- hard negatives: no person is identified, nothing is personal ----

TEMPLATES["strike_notice"] = """[[Dear Parents and Carers,|To all families,]]

[[Members of the National Education Union have voted for strike action on {date}.|The support staff trade union UNISON has announced a day of action on {date}.]] [[The school will be open to Years 6, 10 and 11 only.|We will publish a timetable of which classes are open.]] [[Please check the website for updates.|Free school meals will be available as a packed lunch.]]
[[With thanks for your patience,|Kind regards,]]
The Senior Leadership Team, {sc.name}"""

TEMPLATES["purchase_order"] = """PURCHASE ORDER {inv}
Supplier: [[Findel Education|YPO|Hope Education|Consortium]]
Deliver to: Site Office, {sc.name}, {sc.town}
Order date: {date}   Budget code: [[E19|E25|E12]]-{count}
[[{count} x first aid kits (health and safety)|{count} x Bibles and Qur'ans for RE resources|{count} x DNA model kits for Biology]] @ {amount}
[[Requisition raised by the School Business Manager.|Approved: Finance Office.]]
[[Supplier reference: {inv}|Invoice to follow]]"""

TEMPLATES[
    "curriculum_map"
] = """[[Long-term plan|Curriculum overview]] [[Year 9|Key Stage 3]] - {sc.name}
Autumn: [[Genetics and evolution (Science); Religious Studies: Sikhism and Judaism.|Cells and inheritance; RE: what happens when we die?]]
Spring: [[PSHE: relationships and sex education, consent, LGBT+ history month.|Citizenship: how elections and political parties work; trade unions and workers' rights.]]
Summer: [[Health: mental health and wellbeing week; Biometric security in Computing.|Data handling: the union and intersection of two sets; Geography: Leicester and migration.]]
Review date: {date}"""

TEMPLATES["fire_drill"] = """Fire evacuation drill record - {sc.name}
Date: {date}   Time: {time}
Evacuation time: [[2 min 40 s|3 min 05 s|2 min 12 s]]
[[All classes accounted for by the fire marshals.|One class was slow to leave the hall; the Deputy Head will brief staff.]]
[[Health and safety actions: replace the fire door closer in the science block.|No actions.]]
Signed: Site Manager"""

TEMPLATES[
    "awareness_poster"
] = """[[SICKLE CELL AWARENESS WEEK|MENTAL HEALTH AWARENESS WEEK|INTERFAITH WEEK]] - {date}
[[Join our assembly to learn about sickle cell disease and how blood donation helps.|Wear something yellow for Hello Yellow!|Visit the prayer room display on the world's religions.]]
[[Cake sale in the hall after school: all money to charity.|Staff and pupils welcome.]]
{sc.name}"""

YOUNG = {"apprenticeship", "missing_episode"}
NEGATIVE = {
    "community_newsletter",
    "strike_notice",
    "purchase_order",
    "curriculum_map",
    "fire_drill",
    "awareness_poster",
}

# Names and streets of the holdout family (no name appears in both families).
FIRST_NAMES = {
    "british": [
        ("Jack", "m"),
        ("George", "m"),
        ("Charlie", "m"),
        ("Mason", "m"),
        ("Leo", "m"),
        ("Bill", "m"),
        ("Will", "m"),
        ("Isla", "f"),
        ("Grace", "f"),
        ("Hope", "f"),
        ("Lily", "f"),
        ("Faith", "f"),
        ("Dawn", "f"),
        ("Paige", "f"),
    ],
    "south_asian": [
        ("Mohammed", "m"),
        ("Rahim", "m"),
        ("Imran", "m"),
        ("Bilal", "m"),
        ("Hamza", "m"),
        ("Tariq", "m"),
        ("Yusuf", "m"),
        ("Ayesha", "f"),
        ("Fatima", "f"),
        ("Zainab", "f"),
        ("Sana", "f"),
        ("Rukhsana", "f"),
        ("Shabana", "f"),
        ("Noor", "f"),
    ],
    "polish": [
        ("Kacper", "m"),
        ("Filip", "m"),
        ("Piotr", "m"),
        ("Bartosz", "m"),
        ("Wiktoria", "f"),
        ("Maja", "f"),
        ("Katarzyna", "f"),
        ("Oliwia", "f"),
    ],
    "somali": [
        ("Mohamed", "m"),
        ("Hassan", "m"),
        ("Liban", "m"),
        ("Ayaan", "f"),
        ("Sagal", "f"),
        ("Nasra", "f"),
    ],
    "caribbean": [
        ("Tyrese", "m"),
        ("Delroy", "m"),
        ("Leon", "m"),
        ("Keisha", "f"),
        ("Marcia", "f"),
        ("Precious", "f"),
    ],
    "irish": [
        ("Oisin", "m"),
        ("Ciaran", "m"),
        ("Declan", "m"),
        ("Aoife", "f"),
        ("Saoirse", "f"),
        ("Grainne", "f"),
    ],
    "chinese": [("Jun", "m"), ("Zhi Hao", "m"), ("Xiaoling", "f"), ("Li Na", "f")],
    "west_african": [
        ("Kwame", "m"),
        ("Tunde", "m"),
        ("Kofi", "m"),
        ("Abena", "f"),
        ("Efua", "f"),
        ("Blessing", "f"),
    ],
    "eastern_european": [("Mihai", "m"), ("Darius", "m"), ("Elena", "f"), ("Raluca", "f")],
    "middle_eastern": [("Karwan", "m"), ("Emre", "m"), ("Shirin", "f"), ("Elif", "f")],
}
SURNAMES = {
    "british": [
        "Jones",
        "Brown",
        "Evans",
        "Roberts",
        "Wright",
        "Hughes",
        "Hall",
        "Harris",
        "Lewis",
        "Baker",
        "Young",
        "Mills",
        "Heath",
        "Field",
        "Knight",
    ],
    "south_asian": [
        "Khan",
        "Ahmed",
        "Singh",
        "Sharma",
        "Iqbal",
        "Rahman",
        "Akhtar",
        "Mahmood",
        "Bains",
        "Islam",
        "Choudhury",
        "Mehta",
    ],
    "polish": ["Nowak", "Wojcik", "Lewandowski", "Szymanski", "Mazur", "Piotrowski"],
    "somali": ["Warsame", "Hassan", "Ali", "Mohamud", "Aden", "Nur"],
    "caribbean": ["Williams", "Francis", "Henry", "Edwards", "Reid", "Stewart"],
    "irish": ["O'Connor", "O'Brien", "Doyle", "Gallagher", "Quinn", "McLaughlin"],
    "chinese": ["Wong", "Zhang", "Lam", "Huang", "Tang"],
    "west_african": ["Mensah", "Boateng", "Asante", "Owusu", "Adebayo"],
    "eastern_european": ["Ionescu", "Petrauskas", "Dumitru", "Marin", "Vasile"],
    "middle_eastern": ["Karimi", "Demir", "Mustafa", "Aziz", "Hamid"],
}
STREETS = [
    "Mill Lane",
    "Church Street",
    "Belgrave Gate",
    "Albert Street",
    "Kingfisher Close",
    "Station Road",
    "Hollybush Drive",
    "Green Lane",
    "Chestnut Grove",
    "Ash Court",
    "Oakfield Way",
    "Harehills Lane",
    "Queens Drive",
    "Canal Street",
    "Moorland Road",
    "St Saviours Road",
    "Fosse Road North",
    "Sycamore Place",
    "Bank Street",
    "Linden Way",
]

# Holdout-only additions: diacritics, particles, hyphens and names that are also common words.
_EXTRA_FIRST = {
    "british": [("Frank", "m"), ("Sonny", "m"), ("Amber", "f"), ("Ruby", "f"), ("Zoë", "f")],
    "polish": [("Łukasz", "m"), ("Michał", "m"), ("Małgorzata", "f"), ("Zuzanna", "f")],
    "irish": [("Seán", "m"), ("Caoimhe", "f"), ("Órlaith", "f")],
    "west_african": [("Oluwadamilare", "m"), ("Chiamaka", "f")],
    "chinese": [("Zihan", "m"), ("Xinyi", "f")],
    "south_asian": [("Muhammad", "m"), ("Gurleen", "f")],
    "middle_eastern": [("Abdul Rahman", "m"), ("Zahra", "f")],
    "eastern_european": [("Ștefan", "m"), ("Mălina", "f")],
}
_EXTRA_LAST = {
    "british": ["Fairbrother", "Whitehouse", "Ashworth"],
    "polish": ["Wróbel", "Jabłoński", "Górski"],
    "irish": ["O'Donnell", "McGuinness"],
    "west_african": ["Okoro-Johnson", "Adeyemi-Cole"],
    "chinese": ["Ng", "Ho"],
    "south_asian": ["Ul-Haq", "Bibi", "de Souza"],
    "middle_eastern": ["Al-Hassan", "El-Sayed"],
    "eastern_european": ["Horváth", "Balogh"],
}
for _k, _v in _EXTRA_FIRST.items():
    FIRST_NAMES[_k] = FIRST_NAMES[_k] + _v
for _k, _v in _EXTRA_LAST.items():
    SURNAMES[_k] = SURNAMES[_k] + _v
