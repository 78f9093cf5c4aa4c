"""Dev-names family: document kinds and name positions no other family has, for name recall.

Written (session 4 of issue 2) before reading the name finder's rules, so that its first
measurement is an honest estimate of how the engine does on writing it was not tuned on. The
documents are kinds that children's services and schools really hold but the other families do
not: interview transcripts ("Q:"/"A:", "SW:", "Mum:"), witness statements for court ("I, Name, of
..."), referral forms with labels in odd orders, chat exports with timestamps, text typed up from
handwritten notes (odd case, words broken across lines), school reports ("Name has worked hard"),
sibling lists, genograms in words ("maternal grandmother Name (deceased)"), email threads with
quoted replies ("On Tue, ..., Name <x@y> wrote:"), reply chains with first names only, nicknames,
double-barrelled and hyphenated names, lists "Name, Name and Name", possessives, names in lower
case or capitals in subject lines, names from the UK's communities (Irish, Welsh, Scottish, South
Asian, Polish, Somali, Nigerian, Ghanaian, Romanian, Lithuanian, Ukrainian, Chinese, Vietnamese,
Kurdish, Turkish), names that are ordinary words (Grace, Will, Mark, Dawn, River; Miller, Baker,
Young, Little, Rich) and initials with surnames. The negative documents hold organisations named
after people, places, Title Case headings, products, medical eponyms, streets without numbers,
days and months, rooms named after famous people, and no personal data.

Names, streets and nicknames here are this family's own. It is not the holdout family
(holdout_templates.py), which must not be read.
"""

# ruff: noqa: E501

from __future__ import annotations

from benchmarks.corpus.builder import Lab

TEMPLATES: dict[str, str] = {}

# ---- documents about people -----------------------------------------------------------------

TEMPLATES["interview_transcript"] = (
    """Transcript of [[direct work session|interview]] - {date}
Present: {w.full} (SW), {c.first} ({c.age}), [[{p.first} (Mum)|{x.full} (foster carer)]]

SW: Can you tell me who lives at home with you?
{c.first}: Me, [[Mum|{p.first}]], {s.first} and [[{q.first}|my dad]]. [[And {sib2} at weekends.|{sib2} stays sometimes.]]
SW: What's it like at home?
{c.first}: [[It's alright. {s.first} gets on my nerves.|Loud. {q.first} shouts a lot.|Good when {q.first} is at work.]]
Q: Who do you talk to when you're worried?
A: [[{t.first} at school|Nan|my friend {friend1}]]. [[And {friend2}.|Sometimes {friend2}.|]]
[[Mum|{p.first}]]: [[{c.He} doesn't tell me anything.|{c.He} talks to {s.first} more than me.]]
SW: Thank you, {c.first}. [[I'll come back next week.|We'll do this again soon.]]"""
    + "§safeguarding"
)

TEMPLATES["court_statement"] = (
    """IN THE FAMILY COURT AT [[{court}|{court} (sitting at the Civil Justice Centre)]]
Case No: [[LS|BM|NG]]{count}C00{count}
Re: {c.CAPS} [[(a child)|and {s.CAPS}]]

WITNESS STATEMENT OF {p.CAPS}

I, {p.full}, of {a.addr}, [[will say as follows|make this statement in support of my application]]:

1. I am the [[mother|maternal grandmother]] of {c.full}, who was born on {c.dob}, and of {s.first}. [[{c.first}'s father is {q.full}.|The children's father, {q.full}, does not live with us.]]
2. [[On {past_date} {q.first} came to the house and|In the summer of 2025]] [[{q.he} became angry in front of the children.|I asked {q.him} to leave.]] [[My neighbour, {x.full}, saw what happened.|My sister {aunt} was present.]]
3. I have worked with {w.title} {w.last}, the children's social worker, [[since|from]] {past_date}. [[{w.first} has been very supportive.|I accept what {w.title} {w.last} says about the home conditions.]]

I believe that the facts stated in this witness statement are true.

Signed: ............................
[[{p.full}|{p.CAPS}]]
Dated: {date}"""
    + "§safeguarding"
)

TEMPLATES["referral_odd_labels"] = (
    """[[Contact and Referral Record|Request for Service]] - [[Front Door|Children's Advice and Duty Service]]

Family name: {c.LAST}
Given name(s): [[{c.first}|{c.first} {c.middle}]]
Person making referral: [[{d.full}|{d.title} {d.last}]] ([[DSL|Deputy Head]])
Relationship to child: [[Designated Safeguarding Lead|School]]
Main carer's name: {p.full}
Other adults in household: [[{x.full}|{q.full} (father)|none known]]
Child known as: [[{c.nick}|{c.first}]]
Date received: {date}

Presenting issue: [[{c.first} told {t.first} that {x.first} locks {c.him} in {c.his} room.|{p.first} has asked school for help as she cannot cope with {c.first}'s behaviour.|{c.first} and {s.first} were left alone overnight.]]"""
    + "§safeguarding"
)

TEMPLATES[
    "chat_export"
] = """[[WhatsApp chat with {p.first} {p.last}|Chat export: Year {count} parents]]

[[[{date}, 07:58]|{date} 07:58 -]] {p.full}: [[morning {t.first} sorry {c.first_lower} is poorly again today|Hi {t.first}, {c.first} has a temperature so keeping {c.him} home]]
[[[{date}, 08:03]|{date} 08:03 -]] {t.full}: [[No problem {p.first}, thanks for letting me know|Thanks {p.first}. Hope {c.he} feels better soon]]
[[[{date}, 12:41]|{date} 12:41 -]] {p.full}: [[can {friend1} come to ours after school tomorrow? {friend1_parent} said its fine|is it ok if {q.first} picks up {s.first} tomorrow]]
[[[{date}, 12:47]|{date} 12:47 -]] {t.full}: [[Yes that's fine, I'll let the office know.|Of course. Please ask {q.first} to come to the office.]]
[[[{date}, 16:10]|{date} 16:10 -]] {p.full}: [[ta x|thank u x|{p.first_lower} x]]"""

TEMPLATES["ocr_handwritten"] = (
    """[[CONCERN FORM (scanned)|Welfare concern - handwritten, typed up]]
Pupils narne: [[{c.CAPS}|{c.oddcase}]]   Class: [[{class_name}|Yr {count}]]
Date: {date}

At [[break|lunch]] {c.first} came up to me crying and said [[that|tha t]] {q.first_lower} had [[shouted at|grabbed]] {c.him} this morn-
ing. {c.He} said [[mum|{p.first_lower}]] was asleep and {s.first} had to get {c.him}self ready for schoo-
l. I asked if anyone else was there and {c.he} said "[[only|ony]] {x.first_lower}".
Passed to {d.title} {d.LAST} (DSL) at [[12.40|1.15pm]].
Signed: [[{t.initial}|{t.first_lastlower}]]"""
    + "§safeguarding"
)

TEMPLATES["school_report"] = """[[End of year report|Spring term report]] - {c.full}
Class: {class_name}   Teacher: {t.title} {t.last}

English
{c.first} has worked hard this year and [[{c.his} reading has come on in leaps and bounds|now writes in paragraphs]]. [[{c.first} enjoys reading with {friend1} in the library.|Working with {friend1} and {friend2} has helped {c.his} confidence.]]

Maths
[[{c.first} is secure with times tables.|{c.first}'s mental maths has improved.]] [[{c.He} sometimes rushes and needs to check {c.his} work.|Next step: explain {c.his} reasoning.]]

General comment
[[{c.first} is a kind member of the class.|It has been a pleasure to teach {c.first}.]] [[Well done, {c.first}!|Keep it up, {c.first}!]]

[[{t.full}|{t.title} {t.initial}]], Class Teacher
[[{h.full}|{h.title} {h.last}]], Headteacher"""

TEMPLATES["sibling_list"] = """Family composition ([[for the Early Help plan|from the chronology]])

Children:
[[{c.first} ({c.age})|{c.full}, {c.age}]]
[[{s.first} ({s.age})|{s.full}, {s.age}]]
{sib2} ({sib2_age}) - [[half-sibling, lives with {q.first}|attends nursery]]
[[{sib3} (baby, 7 months)|{sib3}, born {past_date}]]

{c.first}, {s.first} and {sib2} share a bedroom. [[{sib3} sleeps in with {p.first}.|{p.first} says {sib3} is a good sleeper.]] [[The children see {q.first} every other weekend.|Contact with {q.first} is supervised.]]"""

TEMPLATES["genogram_text"] = (
    """Genogram (described)
[[Subject child|Index child]]: {c.full} ({c.age})
Mother: {p.full} ({p.age}) - [[lives with the children|in rehab]]
Father: {q.full} - [[in prison|lives in {court}]]
Maternal grandmother {g1} (deceased, [[2019|2022]])
Maternal grandfather {g2} - [[no contact|lives in Ireland]]
Paternal grandmother {g3} - [[regular contact, collects from school|provides respite at weekends]]
[[Maternal aunt|Paternal uncle]] {g4} - [[possible kinship carer|has a caution for violence]]
Half-brother {sib2} ({sib2_age}), [[lives with his father|in foster care]]

[[{g3} has offered to care for {c.first} if needed.|The family network meeting will invite {g3} and {g4}.]]"""
    + "§safeguarding"
)

TEMPLATES["email_thread_quoted"] = """[[RE: |Re: |]]{c.first} - [[meeting Thursday|update]]

[[Thanks {m.first}, that's great.|Perfect, see you then.|Thanks - I'll let {p.first} know.]]

{w.first}

On [[Tue|Wed|Thu]], {date} at [[09:12|14:30|16:05]], {m.full} <{m.email}> wrote:
> Hi {w.first},
> [[I've spoken with {p.first} and she's happy for the meeting to go ahead.|{t.title} {t.last} can't make Thursday, but {d.first} will come instead.]]
> [[{c.first} will be there for the first half.|Can you bring {c.first}'s plan?]]
> {m.first}
>
> [[-----Original Message-----\n> From: {w.full}\n> Sent: {date}\n> Subject: {c.first}|On {date}, {w.full} wrote:]]
> >[[ Hi {m.first}, can we meet about {c.first} and {s.first}?| Morning {m.first}, is Thursday ok for {c.first}'s review?]]"""

TEMPLATES[
    "reply_chain_first_names"
] = """[[{d.first}|Hi {d.first}]] - [[can you check this before it goes to {p.first}?|is {c.first} in today?]]

[[{e.first}|E]]

---
[[Yes he is. {t.first} saw him at registration.|She's in. {t.first} has her first lesson.]]
[[{d.first}|{d.initials}]]

---
[[Great, thanks. I'll ring {p.first} after lunch.|Thanks {d.first}. Will let {w.first} know.]]
{e.first}"""

TEMPLATES["nickname_record"] = """Pupil information sheet
Legal name: {nk.legal}
Preferred name: {nk.nick}
[[Surname: {nk.last}|Family name: {nk.last}]]
[[Parent: {p.full}|Contact 1: {p.full} (mother)]]

Notes: [[Please call {nk.nick_again} "{nk.nick_q}", not {nk.legal_first}.|{nk.legal_first} prefers {nk.nick_q}.]] [[{nk.nick_again} is new to the school this term.|{nk.nick_again}'s older brother {sib2} is in Year 9.]]"""

TEMPLATES["double_barrelled"] = """Admissions - in-year application
Child: {db.full}
[[Parents: {db.mother} and {db.father}|Mother: {db.mother}; Father: {db.father}]]

[[{db.first} is moving from {sc.name}.|{db.first} has a place from {date}.]] [[The family prefers the surname {db.last} to be used in full.|{db.first}'s mum asked that {db.last} be spelled with the hyphen.]] [[{db.first}'s cousin {db2} is in Year 2.|]]"""

TEMPLATES["word_names_note"] = """[[Lunchtime|Classroom]] [[log|incident note]] - {date}

[[{wn1} and {wn2} fell out at lunch.|{wn1} told {wn2} to go away.|{wn1}, {wn2} and {wn3} were arguing over the ball.]] [[{wn3} was upset and went to {wn_staff_title}{wn_staff}.|{wn3} said {wn1} had pushed her.]] [[Spoke to all three.|{wn1}'s mum has been told.]] [[{wn2} said sorry to {wn3}.|]]

Staff: [[{wn_staff_title}{wn_staff}|{wn_staff_full}]]"""

TEMPLATES["initials_minutes"] = (
    """Core group meeting - {date}
Attendees: {w.initial_nodot} (SW), {t.init_dot} ([[teacher|class teacher]]), {v.initial} (HV), {p.full} (mum)

{w.initials}: [[Update on the plan. Home conditions improved.|Visited twice since last meeting.]]
{t.initials}: [[{c.first}'s attendance is up.|{c.first} has settled in class.]]
{v.initials}: [[{s.first} is gaining weight.|Immunisations up to date for {s.first}.]]
[[{p.first}|Mum]]: [[Things are better with {x.first} gone.|Asked for help with nursery fees.]]

Actions: {w.initials} [[to visit before next meeting|to update the plan]]; {v.initials} [[to weigh {s.first}|health review]]."""
    + "§safeguarding"
)

TEMPLATES["possessives_notes"] = """Handover notes - [[Breakfast club|After-school club]]

{c.first}'s [[mum|dad]] is collecting at [[4.30|5pm]] today. {friend1}'s grandma will pick up {friend1} and {friend2}. [[{s.first}'s inhaler is in the office.|{s.first}'s coat is in lost property.]] [[Don't let {friend3} go with anyone but {friend3_parent}.|{friend3}'s nan is new - check ID.]]"""

TEMPLATES[
    "subject_lines"
] = """[[Subject|SUBJECT]]: [[re: {c.first_lower} {c.last_lower} - urgent|FW: {c.CAPS} EHCP|{c.LAST_first} - transition|URGENT {c.FIRST_CAPS} TODAY]]

[[Hi all|Hello]],

[[Please see below re|Forwarding re]] [[{c.full}|{c.first}]]. [[{p.first} rang this morning.|{d.first} has the details.]]

{e.full}"""

TEMPLATES["lists_and"] = """[[Year 6 residential - groups|Reading groups]]

Group [[A|1]]: {friend1}, {friend2} and {friend3}
Group [[B|2]]: {c.first}, {n4} [[and {n5}|& {n5}]]
[[Room leaders|Buddies]]: {n6} and {n7}

[[{n6} and {friend1} need to sit at the front of the coach.|{n4} and {n5} must not share a room.]] [[Medication: {friend2} (inhaler).|]]"""

TEMPLATES["diverse_names_register"] = """Class list - {class_name}

{dn1}
{dn2}
{dn3}
{dn4}
{dn5}
{dn6}

[[New starter: {dn7}|Left: {dn7}]] ([[from {date}|EAL]])
Teacher: {t.title} {t.last}   TA: {ta}"""

TEMPLATES["hyphenated_given"] = """Nursery daily diary - [[Rainbow room|Acorns]]

[[{hg1} had a lovely day.|{hg1} was a bit unsettled this morning.]] [[{hg1} and {hg2} played in the sand.|{hg2} did some painting with {hg1}.]] [[{hg3} had a nap 12-1.|{hg3} ate all {c.his} lunch.]]
Key person: [[{ta}|{t.first}]]"""

TEMPLATES["phone_log"] = (
    """Telephone log
[[{date} 10:15|10:15]] - Call from {p.first} ({c.first}'s mum) [[re|about]] {c.first} being upset.
[[{date} 11:40|11:40]] - Rang {w.first} {w.last} at the Duty Team, left message.
[[{date} 14:05|14:05]] - {w.first} called back; [[will visit tomorrow|advised a referral]].
[[{date} 15:20|15:20]] - Told {p.first}. [[She was relieved.|She was angry and hung up.]]
Logged by {d.initials}"""
    + "§safeguarding"
)

TEMPLATES["chronology_table"] = (
    """CHRONOLOGY - {c.full}
Date | Event | Source
{past_date} | {c.first} [[not brought to|missed]] dental appointment | Health
{past_date} | Police called to address; {q.first} {q.last} arrested | Police
{past_date} | {p.first} disclosed [[{q.first}'s drinking|domestic abuse]] to {v.first} | Health visitor
{past_date} | {c.first} and {s.first} placed with {g3} under s20 | Children's Social Care"""
    + "§safeguarding,criminal"
)

TEMPLATES["gp_letter"] = (
    """[[Riverside Medical Practice|The Beeches Surgery|Parkview Health Centre]]
Dr {v.last}

{date}

Re: {c.full}  DOB {c.dob}  NHS No {c.nhs}

[[Dear colleague|To whom it may concern]],

I saw {c.first} with [[{c.his} mother, {p.first},|{p.title} {p.last}]] on {past_date}. [[{c.first} has asthma and uses a blue inhaler.|{c.first} has been referred to the paediatric team for headaches.]] [[Mrs {p.last} tells me that {c.first}'s sister {s.first} has the same symptoms.|]]

Yours sincerely

Dr {v.full}
General Practitioner"""
    + "§health"
)

TEMPLATES["visitor_log"] = """Visitors' book - {date}

Time in | Name | Organisation | Visiting
08:50 | {w.full} | {council} | {d.full}
[[10:15|10:30]] | {v.full} | NHS | [[Year 3|{t.last}]]
[[13:00|13:20]] | {o.first_LAST} | [[Police|Health]] | {h.title} {h.last}
[[14:45|15:10]] | {x.CAPS} | Parent | [[{c.first}|office]]"""

TEMPLATES[
    "consent_form"
] = """CONSENT FORM - [[school photographs|residential trip|swimming lessons]]
I give permission for my child [[{c.full}|{c.CAPS}]] to take part.
[[Signed|Signature]]: [[{p.signed}|{p.full}]]
Print name: [[{p.CAPS}|{p.full}|{p.LAST_first}]]
Relationship to child: [[Mother|Parent|Grandparent]]
Emergency contact: [[{q.full}, {q.mobile}|{g3} (nan) {q.mobile}]]"""

TEMPLATES["sentence_start_names"] = (
    """Supervision notes - [[family|case]] discussion

{q.first} has not engaged with the plan. {p.first} says [[{q.first} is drinking again|things are fine]]. {x.first} denies living at the house. {c.first} [[looks tired|is quiet]] at school, according to {t.first}. {s.first} is [[doing well|on the waiting list]] for speech and language.

[[{w.first}|{m.first}]] to visit unannounced. Manager: {m.full}."""
    + "§safeguarding"
)

TEMPLATES["staff_rota"] = """[[Duty rota|Playground duty]] - week of {date}

Mon: {wn_staff_full} / {ta}
Tue: {t.full}
Wed: {e.first} and {ta}
Thu: [[{h.first}|{h.full}]]
Fri: {d.first} ({d.initials})

[[Swaps to {e.first} please.|Any changes, tell {h.first}.]]"""

TEMPLATES["mixed_case_names"] = (
    """[[text from dad|message forwarded by office]]: hi this is {q.first_lower} {q.LAST} [[dad of|dad to]] {c.first_lower} and {s.first_lower} in [[yr {count}|reception]] can u tell {t.first_lower} that {g3_lower} [[there nan|is there nan]] will get them today thanks"""
)

TEMPLATES["social_work_assessment"] = (
    """CHILD AND FAMILY ASSESSMENT - summary
Child: {c.full}   Worker: {w.full}   Team manager: {m.full}

[[Seen alone|Seen with siblings]]: yes. {c.first} talked about {c.his} [[pets|football team]] and said [[{c.his} best friend is {friend1}|{c.he} misses {g1}]].
[[{p.first} and {q.first} separated in 2024.|{p.first} has a new partner, {x.full}, whom the children call "{x.nick}".]] [[{q.full}'s mother, {g3}, helps most days.|The family is supported by {g3} and by {p.first}'s friend {friend1_parent}.]]
Analysis: [[The children's needs are met but {p.first} is struggling.|There are concerns about {x.first}'s influence.]]"""
    + "§safeguarding"
)

TEMPLATES["caps_heading_names"] = """MEETING NOTES: {c.CAPS}[[ ({c.dob})|]]
CHAIR: {m.CAPS}
[[MINUTE TAKER|NOTES BY]]: {e.CAPS}

AGREED: {p.first} to [[attend parenting course|take {c.first} to the GP]]. [[{w.first} will chase housing.|]]"""

TEMPLATES["pastoral_chain"] = """[[Pastoral|Behaviour]] log - {class_name}

{date}: {friend1} and {c.first} [[argued in PE|were sent out of French]]. Spoke to both. [[Mum informed.|Parents informed.]]
{date}: {c.first} [[refused to work|left the lesson]]; [[{t.first}|{t.title} {t.last}]] followed up.
{date}: [[Positive day. {c.first} helped {friend2} with a puzzle.|{friend3} reported that {c.first} was upset about {q.first}.]]
Reviewed by {d.initial}."""

# ---- negatives: no personal data ------------------------------------------------------------

TEMPLATES["neg_named_organisations"] = """Suppliers and partners [[2025-26|this year]]

[[John Lewis|Marks and Spencer|Sainsbury's]] [[donated|provided]] vouchers for the Christmas raffle. Uniform is available from [[Stevensons|Price and Buckland|Morgan's Schoolwear]]. [[The Prince's Trust|The Duke of Edinburgh's Award|Barnardo's]] will run a session for Year 10. Catering is provided by [[Chartwells|Taylor Shaw|Aspens]]. Our building contractor is [[Morgan Sindall|Willmott Dixon|Kier Group]]."""

TEMPLATES["neg_places"] = """Transport and trips

Coaches to [[St Helens|Chester-le-Street|Bury St Edmunds|Milton Keynes]] leave at 8am. The [[Year 4|Year 5]] trip to [[Sandringham|Stratford-upon-Avon|Whitby|Hebden Bridge]] is on [[Friday|Monday]]. [[Lichfield|Kings Lynn|Shirley]] library is hosting a reading challenge. [[Grace Dieu|Mount Grace|Hope Cove]] is closed for refurbishment."""

TEMPLATES["neg_headings"] = """Behaviour and Relationships Policy

Our Vision and Values
Ready, Respectful, Safe
Rewards and Recognition
[[Star of the Week|Headteacher's Award|Golden Time]] is given every Friday. [[House Points|Dojo Points]] are counted each half term.
Restorative Conversations
Staff will use the Five Restorative Questions.
Roles and Responsibilities
The [[Deputy Headteacher|Assistant Head for Inclusion]] reviews this policy [[annually|every two years]]."""

TEMPLATES["neg_products"] = """Technology in the classroom

We use [[Google Classroom|Microsoft Teams|Seesaw]] for homework and [[Times Tables Rock Stars|Mathletics|Sumdog]] for maths practice. [[Oak National Academy|BBC Bitesize|Purple Mash]] lessons are set during closures. Year 6 use [[Accelerated Reader|Reading Plus]]. The [[Amazon Echo|Apple TV|Samsung Galaxy]] in the hall is for staff use only. Parents can pay through [[ParentPay|Arbor|SchoolMoney]]."""

TEMPLATES["neg_medical_terms"] = """Medical conditions training - staff briefing

This term's session covers [[Crohn's disease|Addison's disease|Hodgkin lymphoma|Bell's palsy]], [[Down syndrome|Asperger's|Tourette's]] and [[Duchenne muscular dystrophy|Perthes disease|Kawasaki disease]]. The school nurse will demonstrate the [[Heimlich manoeuvre|Epipen auto-injector]]. Staff should read the [[Gillick competence|Fraser guidelines]] section. [[Osgood-Schlatter|Raynaud's]] is common in teenagers."""

TEMPLATES["neg_streets_days_months"] = """Key dates and places

The [[May|June]] half term starts on Friday. Parents' evening is on [[Tuesday|Wednesday]] in [[March|April]]. [[Grace Road|Holly Lane|Rose Hill|Mark Lane]] will be closed on [[Monday|Saturday]]. The Spring Fair is on [[Church Street|Victoria Avenue|Hope Street]]. [[Easter|Whitsun]] holidays finish on [[Sunday|Monday]] 20 April. [[Amber|Red]] weather warnings may close the school."""

TEMPLATES["neg_rooms_named"] = """Room allocations - [[INSET day|Open evening]]

[[Nightingale Ward|Brunel Building|Turing Suite|Mandela Hall]]: Year 7 parents
[[Churchill Room|Darwin Lab|Shakespeare Library|Attenborough Centre]]: English and Science
[[Seacole House|Austen House|Newton House]] tutor groups meet in the sports hall.
[[Kingfisher class|Robin class|Owl class]] will use the [[Peter Pan|Roald Dahl]] reading corner."""

TEMPLATES["neg_common_words"] = """Message from the office

Will you please [[mark|check]] the register by 9am? We hope to [[see everyone|have a full house]] at the [[Harvest|Christmas]] service; faith groups are welcome. [[Please be frank with us about any concerns.|A frank and open discussion is encouraged.]] [[The river walk|The brook trail]] is closed after rain. [[Rich tea biscuits|Little Chefs cookery club]] and [[young carers|the baker's visit]] are on the noticeboard. [[Grace will be said before lunch.|Amber and red cards are used in football.]]"""

NEGATIVE = {
    "neg_named_organisations",
    "neg_places",
    "neg_headings",
    "neg_products",
    "neg_medical_terms",
    "neg_streets_days_months",
    "neg_rooms_named",
    "neg_common_words",
}

FIRST_NAMES = {
    "british": [
        ("Grace", "f"),
        ("Faith", "f"),
        ("Rose", "f"),
        ("Dawn", "f"),
        ("May", "f"),
        ("June", "f"),
        ("Ruby", "f"),
        ("Amber", "f"),
        ("Holly", "f"),
        ("Shannon", "f"),
        ("Rhiannon", "f"),
        ("Angharad", "f"),
        ("Eilidh", "f"),
        ("Lily-Rose", "f"),
        ("Mark", "m"),
        ("Will", "m"),
        ("Bill", "m"),
        ("Jack", "m"),
        ("Frank", "m"),
        ("River", "m"),
        ("Kayden", "m"),
        ("Gethin", "m"),
        ("Lachlan", "m"),
        ("Tommy-Lee", "m"),
        ("Wayne", "m"),
    ],
    "irish": [
        ("Niamh", "f"),
        ("Róisín", "f"),
        ("Saoirse", "f"),
        ("Aoibheann", "f"),
        ("Ciarán", "m"),
        ("Pádraig", "m"),
        ("Tadhg", "m"),
        ("Cathal", "m"),
    ],
    "south_asian": [
        ("Harpreet", "f"),
        ("Simran", "f"),
        ("Nusrat", "f"),
        ("Jaspreet", "f"),
        ("Sukhwinder", "m"),
        ("Ayaan", "m"),
        ("Rizwan", "m"),
        ("Abdul-Rahman", "m"),
        ("Gurpreet", "m"),
    ],
    "polish": [
        ("Oliwia", "f"),
        ("Agnieszka", "f"),
        ("Maja", "f"),
        ("Bartosz", "m"),
        ("Grzegorz", "m"),
        ("Szymon", "m"),
        ("Krzysztof", "m"),
    ],
    "somali": [
        ("Hodan", "f"),
        ("Fadumo", "f"),
        ("Ubah", "f"),
        ("Hibo", "f"),
        ("Abdiweli", "m"),
        ("Mustafe", "m"),
        ("Khadar", "m"),
    ],
    "caribbean": [
        ("Shanice", "f"),
        ("Keisha", "f"),
        ("Rochelle", "f"),
        ("Jermaine", "m"),
        ("Marlon", "m"),
        ("Leroy", "m"),
    ],
    "chinese": [
        ("Mei", "f"),
        ("Xiaoling", "f"),
        ("Thuy", "f"),
        ("Linh", "f"),
        ("Hao", "m"),
        ("Yuxuan", "m"),
        ("Minh", "m"),
        ("Duc", "m"),
    ],
    "west_african": [
        ("Chiamaka", "f"),
        ("Adaeze", "f"),
        ("Folake", "f"),
        ("Efua", "f"),
        ("Chidi", "m"),
        ("Oluwaseun", "m"),
        ("Emeka", "m"),
        ("Yaw", "m"),
    ],
    "eastern_european": [
        ("Raluca", "f"),
        ("Jurgita", "f"),
        ("Aistė", "f"),
        ("Tetiana", "f"),
        ("Bogdan", "m"),
        ("Ionuț", "m"),
        ("Mykola", "m"),
        ("Lukáš", "m"),
    ],
    "middle_eastern": [
        ("Rania", "f"),
        ("Elif", "f"),
        ("Shirin", "f"),
        ("Tariq", "m"),
        ("Mehmet", "m"),
        ("Rebin", "m"),
        ("Dara", "m"),
    ],
}

SURNAMES = {
    "british": [
        "Miller",
        "Baker",
        "Young",
        "Little",
        "Rich",
        "Marsh",
        "Moss",
        "Parsons",
        "Heywood",
        "Pritchard",
        "Llewellyn",
        "McAllister",
        "Fairbairn",
        "Smith-Jones",
        "Hughes-Davies",
        "Whitelaw",
    ],
    "irish": ["Ó Súilleabháin", "McGrath", "Quinlan", "O'Donoghue", "Breathnach", "Mulcahy"],
    "south_asian": ["Begum", "Kaur", "Mahmood", "Chaudhry", "Sidhu", "Uddin", "Mistry", "Bains"],
    "polish": ["Zieliński", "Wróblewski", "Kamiński", "Dąbrowski", "Pawlak", "Krawczyk"],
    "somali": ["Farah", "Abdi", "Jama", "Mohamud", "Osman", "Dirie"],
    "caribbean": ["Campbell", "McKenzie", "Thompson", "Grant", "Powell"],
    "chinese": ["Chen", "Zhou", "Xu", "Nguyen", "Tran", "Pham", "Vu"],
    "west_african": ["Okonkwo", "Adeyemi", "Eze", "Balogun", "Boateng", "Owusu"],
    "eastern_european": [
        "Popescu",
        "Dumitrescu",
        "Kazlauskas",
        "Horváth",
        "Kovalenko",
        "Bondarenko",
    ],
    "middle_eastern": ["Haddad", "Yilmaz", "Khoury", "Karimi", "Aziz", "Kaya"],
}

STREETS = [
    "Linden Avenue",
    "Cobden Street",
    "Ashgrove Road",
    "Nightingale Close",
    "Rosebery Avenue",
    "Mayfield Crescent",
    "Cherry Tree Walk",
    "Ladysmith Road",
    "Windermere Drive",
    "Pear Tree Court",
    "Beech Grove",
    "Thornhill Terrace",
    "Dale View",
    "Kestrel Rise",
]

_COURTS = ["Leeds", "Birmingham", "Nottingham", "Bradford", "Coventry"]
_CLASSES = ["Hawthorn", "Class 4B", "Willow", "Oak Class", "5JM", "Maple"]
_NICKS = [
    ("Robert", "Bobby", "Parsons"),
    ("Elizabeth", "Lizzie", "Heywood"),
    ("Katarzyna", "Kasia", "Pawlak"),
    ("Aleksander", "Olek", "Krawczyk"),
    ("Oluwaseun", "Seun", "Adeyemi"),
    ("Abdirahman", "Abdi", "Jama"),
    ("Margaret", "Peggy", "Mulcahy"),
    ("William", "Billy", "Marsh"),
    ("Mohammed", "Mo", "Chaudhry"),
    ("Nguyen Thi Thu", "Thu", "Tran"),
    ("Alexandra", "Sasha", "Kovalenko"),
    ("Chukwuemeka", "Emeka", "Okonkwo"),
]
_HYPHEN_GIVEN = [
    "Lily-Rose",
    "Mary-Jane",
    "Jean-Pierre",
    "Ellie-May",
    "Tommy-Lee",
    "Abdul-Rahman",
    "Anne-Marie",
    "Kai-Jie",
    "Ava-Grace",
    "Maddison-Rae",
]
_WORD_FIRST = [
    "Grace",
    "Faith",
    "Rose",
    "Mark",
    "Will",
    "Bill",
    "Jack",
    "Frank",
    "Hope",
    "Dawn",
    "May",
    "June",
    "Ruby",
    "Amber",
    "Holly",
    "River",
    "Brook",
]
_WORD_LAST = ["Miller", "Baker", "Young", "Little", "Rich", "Marsh", "Moss", "Hill", "Wood"]
_DIVERSE = [
    ("Niamh", "O'Donoghue"),
    ("Gethin", "ap Dafydd"),
    ("Eilidh", "MacAulay"),
    ("Sukhwinder", "Kaur Sidhu"),
    ("Nusrat", "Jahan Begum"),
    ("Grzegorz", "Wróblewski"),
    ("Fadumo", "Abdi Farah"),
    ("Chiamaka", "Okonkwo"),
    ("Oluwaseun", "Adeyemi-Cole"),
    ("Ionuț", "Popescu"),
    ("Jurgita", "Kazlauskienė"),
    ("Mykola", "Bondarenko"),
    ("Xu", "Yuxuan"),
    ("Nguyen", "Van Duc"),
    ("Rebin", "Karimi"),
    ("Elif", "Yılmaz"),
    ("Tadhg", "Ó Súilleabháin"),
    ("Efua", "Boateng"),
    ("Lukáš", "Horváth"),
    ("Pádraig", "Mac Giolla Phádraig"),
]


def _oddcase(rng, first: str, last: str) -> str:
    shape = rng.randrange(4)
    if shape == 0:
        return f"{first.lower()} {last.lower()}"
    if shape == 1:
        return f"{first.upper()} {last.lower()}"
    if shape == 2:
        return f"{first} {last.upper()}"
    return f"{first.lower()} {last}"


def extra_ctx(world, ctx: dict) -> dict:
    rng = world.rng
    out: dict = {}
    pool = [n for names in world.first.values() for n, _ in names]
    lasts = [n for names in world.last.values() for n in names]
    for p in ("c", "s", "p", "q", "x", "w", "t", "d", "e", "m", "v", "o", "h"):
        first = ctx[f"{p}.first"].text
        last = ctx[f"{p}.last"].text
        out[f"{p}.first_lower"] = Lab(first.lower(), "PERSON")
        out[f"{p}.last_lower"] = Lab(last.lower(), "PERSON")
        out[f"{p}.CAPS"] = Lab(f"{first} {last}".upper(), "PERSON")
        out[f"{p}.FIRST_CAPS"] = Lab(first.upper(), "PERSON")
        out[f"{p}.initials"] = Lab(first[0] + last[0], "PERSON")
        out[f"{p}.init_dot"] = Lab(f"{first[0]}.{last[0]}.", "PERSON")
        out[f"{p}.initial_nodot"] = Lab(f"{first[0]} {last}", "PERSON")
        out[f"{p}.oddcase"] = Lab(_oddcase(rng, first, last), "PERSON")
        out[f"{p}.signed"] = Lab(f"{first[0]}. {last}", "PERSON")
        out[f"{p}.middle"] = Lab(rng.choice(pool), "PERSON")
        out[f"{p}.nick"] = Lab(first[:3] if len(first) > 4 else first, "PERSON")
        out[f"{p}.LAST_first"] = Lab(f"{last.upper()} {first}", "PERSON")
        out[f"{p}.first_lastlower"] = Lab(f"{first} {last.lower()}", "PERSON")
    out["court"] = rng.choice(_COURTS)
    out["class_name"] = rng.choice(_CLASSES)
    out["aunt"] = Lab(rng.choice(pool), "PERSON")
    out["ta"] = Lab(f"{rng.choice(pool)} {rng.choice(lasts)}", "PERSON")
    out["sib2"] = Lab(rng.choice(pool), "PERSON")
    out["sib2_age"] = str(rng.randrange(2, 17))
    out["sib3"] = Lab(rng.choice(pool), "PERSON")
    for i in range(1, 4):
        out[f"friend{i}"] = Lab(rng.choice(pool), "PERSON")
    out["friend1_parent"] = Lab(f"{rng.choice(pool)}", "PERSON")
    out["friend3_parent"] = Lab(f"{rng.choice(pool)} {rng.choice(lasts)}", "PERSON")
    for i in range(4, 8):
        out[f"n{i}"] = Lab(rng.choice(pool), "PERSON")
    for i in range(1, 5):
        out[f"g{i}"] = Lab(f"{rng.choice(pool)} {rng.choice(lasts)}", "PERSON")
    out["g3_lower"] = Lab(out["g3"].text.split()[0].lower(), "PERSON")
    legal_first, nick, nlast = rng.choice(_NICKS)
    out["nk.legal"] = Lab(f"{legal_first} {nlast}", "PERSON")
    out["nk.legal_first"] = Lab(legal_first, "PERSON")
    out["nk.nick"] = Lab(nick, "PERSON")
    out["nk.nick_q"] = Lab(nick, "PERSON")
    out["nk.nick_again"] = Lab(nick, "PERSON")
    out["nk.last"] = Lab(nlast, "PERSON")
    db_first = rng.choice(pool)
    db_last = rng.choice(
        [
            "Smith-Jones",
            "Hughes-Davies",
            "Okafor-Lewis",
            "Begum-Ali",
            "Kowalska-Reid",
            "Farah Warsame",
            "Pryce-Morgan",
            "Baker-Young",
        ]
    )
    out["db.full"] = Lab(f"{db_first} {db_last}", "PERSON")
    out["db.first"] = Lab(db_first, "PERSON")
    out["db.last"] = Lab(db_last, "PERSON")
    out["db.mother"] = Lab(f"{rng.choice(pool)} {db_last.split('-')[0].split()[0]}", "PERSON")
    out["db.father"] = Lab(f"{rng.choice(pool)} {db_last.split('-')[-1].split()[-1]}", "PERSON")
    out["db2"] = Lab(f"{rng.choice(pool)} {db_last}", "PERSON")
    words = rng.sample(_WORD_FIRST, 4)
    out["wn1"] = Lab(words[0], "PERSON")
    out["wn2"] = Lab(f"{words[1]} {rng.choice(_WORD_LAST)}", "PERSON")
    out["wn3"] = Lab(words[2], "PERSON")
    staff_title = rng.choice(["Mrs ", "Miss ", "Mr ", ""])
    staff_last = rng.choice(_WORD_LAST)
    # The title stays outside the span.
    out["wn_staff_title"] = staff_title
    out["wn_staff"] = Lab(staff_last if staff_title else words[3], "PERSON")
    out["wn_staff_full"] = Lab(f"{words[3]} {staff_last}", "PERSON")
    diverse = rng.sample(_DIVERSE, 7)
    for i, (f, last) in enumerate(diverse, start=1):
        shape = rng.randrange(3)
        if shape == 0:
            out[f"dn{i}"] = Lab(f"{f} {last}", "PERSON")
        elif shape == 1:
            out[f"dn{i}"] = Lab(f"{last.upper()} {f}", "PERSON")
        else:
            out[f"dn{i}"] = Lab(f"{last}, {f}", "PERSON")
    hg = rng.sample(_HYPHEN_GIVEN, 3)
    for i, name in enumerate(hg, start=1):
        out[f"hg{i}"] = Lab(name, "PERSON")
    return out
