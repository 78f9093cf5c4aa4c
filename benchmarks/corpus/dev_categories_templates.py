"""Dev-categories family: harder special-category writing, for the engine developer to tune on.

Written after the holdout showed sensitive documents called personal (political opinion and
religion missed most) and personal documents called sensitive (look-alike words), while the first
dev family scores near 1.00. The documents are what schools and children's services write every
day: emails, logs, forms and minutes where a person's politics, faith, sexuality, union
membership, ethnicity, health or safeguarding status is said in passing and in many phrasings
("{p.first} is standing for the Greens in May", "off for Vaisakhi", "Dad is the NEU rep"), beside
the same words used about nobody in particular (an RE lesson, a church hall as a venue, a class
party, the union of two sets, a policy's list of protected characteristics, an Eid assembly for the
whole school, a history lesson on the Labour Party). Names and streets here are this family's own.

It is not the holdout family (holdout_templates.py), which must not be read.
"""

# ruff: noqa: E501

from __future__ import annotations

TEMPLATES: dict[str, str] = {}

# ---- political opinion ----------------------------------------------------------------------

TEMPLATES["parent_councillor_email"] = """From: {t.full} <{t.email}>
To: {d.email}
Subject: [[Parents' evening - {c.first}|Catch-up about {c.first} {c.LAST}|{c.first}'s mum]]

[[Hi {d.first},|{d.first},|Morning {d.first},]]

[[{p.first} couldn't make parents' evening because she had a full council meeting - she's the Lib Dem councillor for Eastgate ward.§political_opinion|{c.first}'s mum is standing for the Greens in the May elections so she's out most evenings knocking on doors.§political_opinion|{p.first} mentioned she's been out canvassing for Labour every weekend, so Nan is doing the school run.§political_opinion|Dad ({q.first}) is the Reform UK candidate for our ward and asked whether he could put a leaflet in book bags - I said no, obviously.§political_opinion|{q.first} told me he's been a Conservative party member for twenty years and chairs the local branch.§political_opinion|{p.first} works nights at the distribution centre so couldn't come to parents' evening.|{p.first} was at a work party on Thursday so {q.first} came instead.|{p.first} asked about the council tax letter that came home by mistake with {c.first}'s reading book.]]

[[{c.first} is doing well otherwise and {c.his} reading has really come on.|Can we find another slot for next week?|No concerns from me about {c.first} at the moment.]]

[[Thanks|Cheers|Speak soon]],
{t.first}"""

TEMPLATES[
    "citizenship_project"
] = """[[Year 9 Citizenship|PSHE and Citizenship|Year 10 Politics club]] - [[teacher comments|project feedback]]
Pupil: {c.full} ({c.year_group})
Teacher: {t.title} {t.last}

[[{c.first}'s presentation argued passionately for Scottish independence and {c.he} said {c.he} would vote SNP as soon as {c.he} is old enough.§political_opinion|{c.first} told the class {c.he} has joined Young Labour and goes leafleting with {c.his} dad.§political_opinion|In the debate {c.first} said {c.he} supports Reform and thinks immigration should be stopped completely.§political_opinion|{c.first} described {c.himself} as a socialist and has been to two Palestine solidarity marches with {c.his} family.§political_opinion|{c.first} wrote about going on the climate strike with {c.his} mum, who organises the local Extinction Rebellion group.§political_opinion|{c.first} explained how a bill becomes law and compared first-past-the-post with proportional representation.|{c.first}'s project on the history of the Labour Party and the 1945 election was well researched.|{c.first} chaired the mock election and made sure every party got a fair hearing.|{c.first} interviewed a local MP about how Parliament works for {c.his} project on democracy.]]

[[Working at expected standard.|Excellent effort.|Please review the feedback and redraft by {date}.]]"""

TEMPLATES[
    "protest_police_share"
] = """[[Police information share|Operation Encompass notification§safeguarding|Note of telephone call from police]]
Re: {c.full}, DOB {c.dob}
School: {sc.name}
Date: {date}

[[{q.first} {q.last}, {c.first}'s father, was arrested at a Palestine Action protest outside the factory on {past_date} and has been released on bail.§political_opinion,criminal|{c.first}'s mother, {p.full}, was among the Just Stop Oil protesters who glued themselves to the road on {past_date}; she was charged with obstruction.§political_opinion,criminal|Officers attended the home after {q.first} was reported for shouting abuse at a Pride march; he has previously been linked to an English Defence League group.§political_opinion|Officers attended the home on {past_date} after a neighbour reported a loud argument between {p.first} and {q.first}; no arrests were made.|{q.first} was stopped for driving without insurance on {past_date} and has been summonsed to court.§criminal]]

[[{c.first} was present in the home.|{c.first} was staying with {c.his} grandmother at the time.|The children were asleep upstairs.]] [[Please monitor and share any concerns with the DSL.|No further action by police.]]"""

TEMPLATES[
    "governor_interests"
] = """[[Register of interests|Declaration of interests - governors]] {date}
Governor: {x.title} {x.full}
Category: [[Parent governor|Co-opted governor|Staff governor]]

[[Member of the Labour Party; campaign coordinator for the constituency party.§political_opinion|I am a Plaid Cymru member and was a candidate in the Senedd election.§political_opinion|Elected as an independent councillor in 2023 after leaving the Conservatives.§political_opinion|Green Party member; I stood in the by-election in March.§political_opinion|Trustee of the {town} Food Bank.|Partner works for the school's IT provider.|Director of a property management company.|None.]]

[[Branch secretary of the GMB at my workplace.§trade_union|Member of the NASUWT.§trade_union|Governor at another local school.|]]
Signed: {x.full}"""

# ---- religion ------------------------------------------------------------------------------

TEMPLATES["faith_absence_email"] = """From: {p.full} <{p.email}>
To: {sc.email}
Subject: [[Absence request - {c.first} {c.last}|{c.full} - leave request|Request for authorised absence]]

[[Hello|Dear Office|Dear {h.title} {h.last}]],

[[{c.first} will be off on {date} for Vaisakhi; we go to the gurdwara as a family for the whole day.§religion|Can {c.first} please be excused on {date}? It is Yom Kippur and we will be at synagogue.§religion|We will be away for Eid ul-Adha from {date} and {c.first} will be back on the Monday.§religion|{c.first} will miss the afternoon on {date} because it is Diwali and we are going to the mandir for puja.§religion|{c.first} will be late on Fridays during Ramadan because {c.he} comes to Jummah prayers with {c.his} dad.§religion|{c.first} won't be in on {date}; it's the first night of Passover and we are travelling to {c.his} grandparents' for the seder.§religion|{c.first} has a hospital appointment on {date} at {time} so will be back after lunch.§health|{c.first} will miss {date} because we are going to {c.his} cousin's wedding in Bristol.|Can {c.first} leave early on {date}? {c.He} has a swimming gala.|We are moving house on {date} so {c.first} will be off that day.]]

[[Thank you.|Many thanks,|Kind regards,]]
{p.first}"""

TEMPLATES[
    "uniform_and_diet"
] = """[[Uniform and dietary requirements|New starter information|Catering and uniform request]] - {sc.name}
Pupil: {c.full}   Class: {c.year_group}
Parent: {p.title} {p.full}   Tel: {p.mobile}

Dietary needs: [[halal meat only, please§religion|kosher - packed lunch will be sent in§religion|no beef (the family are Hindu)§religion|no pork for religious reasons§religion|vegetarian|none|dairy-free (lactose intolerant)§health|coeliac - strictly gluten free§health]]
Uniform: [[{c.first} wears a hijab; a plain navy one is fine for school.§religion|{c.first} wears a patka and would like to keep it on for swimming.§religion|{c.first} will wear a long skirt rather than trousers for modesty reasons as the family are Muslim.§religion|{c.first} needs the larger blazer (age 11-12).|Second-hand uniform requested from the PTA sale.|No changes.]]
[[Photo consent: yes|Photo consent: no|Trip consent: yes]]"""

TEMPLATES[
    "jw_health_plan"
] = """[[Individual healthcare plan§health|Medical information|Health care plan - review§health]] - {c.full}
DOB: {c.dob}   NHS number: {c.nhs}
Parent/carer: {p.full}, {p.mobile}

[[The family are Jehovah's Witnesses and do not consent to blood transfusion; this is recorded on the hospital passport.§religion,health|{c.first} has sickle cell disease and may need pain relief and fluids during a crisis.§health|{c.first} has a heart condition and must not take part in competitive sport.§health|{c.first} has mild eczema; emollient cream is kept in the classroom.§health|{c.first} needs to wear sun cream on hot days; parents will provide it.|No medical needs; plan not required.]]

[[Reviewed with parent on {date}.|Copy to school nurse.|]]"""

TEMPLATES[
    "faith_life_note"
] = """[[Pastoral note|Key worker note|Family support - contact record]] - {c.full}
[[Author|Worker]]: {w.full}
Date: {date}

[[{c.first} talked about {c.his} First Holy Communion at St Brendan's on Sunday and showed me the photos.§religion|{c.first}'s dad is the imam at the Jamia mosque on {street} and leads Friday prayers.§religion|{c.first} goes to madrassa every evening after school so homework is done at weekends.§religion|{c.first} is being baptised on {date} at the Pentecostal church {c.his} family attend.§religion|The family keep Shabbat, so no phone calls or visits from Friday evening to Saturday night.§religion|{p.first} told me she has become a born-again Christian and the church has been a huge support.§religion|{c.first}'s grandmother is a Church of England vicar in Shropshire.§religion|The family meeting was held at the church hall on {street} because the centre was closed.|{c.first} went to a birthday party at the community centre and had a great time.|We talked about the Christmas holidays and {c.first}'s plans to visit {c.his} aunt.]]

[[{c.first} seems settled.|Next visit in two weeks.|Nothing further.]]"""

# ---- sexual orientation, gender, sex life --------------------------------------------------

TEMPLATES[
    "orientation_disclosure"
] = """[[CPOMS|MyConcern|Pastoral log]] - [[wellbeing|pastoral]] entry
Pupil: {c.full} ({c.year_group})
Logged by: {t.full}
Date: {date}

[[{c.first} told me {c.he} is gay and hasn't told anyone at home yet; {c.he} is worried how {c.his} dad will react.§sexual_orientation|{c.first} said {c.he} has a girlfriend but doesn't want {c.his} parents to find out because they wouldn't accept {c.him} being a lesbian.§sexual_orientation|{c.first} disclosed that {c.he} is bisexual and has been getting homophobic messages on Snapchat.§sexual_orientation,safeguarding|{c.first} said kids on the bus call {c.him} gay and it is getting worse; {c.he} says it is not true but it upsets {c.him}.|{c.first} was upset after falling out with {c.his} best friend over a party invitation.|{c.first} said {c.he} was being left out of the group chat.]]

[[Spoke to {c.first} about who {c.he} can talk to in school.|Referred to the school counsellor with {c.his} agreement.§health|Logged for information; no further action.]]"""

TEMPLATES[
    "family_composition"
] = """[[Early Help assessment§safeguarding|Family information|Admission interview notes]] - {c.full}
Date: {date}
Worker: {w.full}

Household: [[{c.first} lives with {c.his} mum, {p.full}, and her wife, {x.full}; both are listed as parents.§sexual_orientation|{c.first} lives with {c.his} two dads, {q.first} and {x.first}, who married in 2019.§sexual_orientation|{c.first} lives with {c.his} mum {p.first} and her partner {x.first}; {q.first} has weekend contact.|{c.first} lives with {c.his} grandparents during the week.]]

[[The family would like support with routines at bedtime.|{p.first} would like help finding a nursery place for {s.first}.|No concerns raised.]]"""

# ---- trade union --------------------------------------------------------------------------

TEMPLATES["staff_strike_hr"] = """[[{council} Schools HR|Payroll query|HR case note]] - {x.full}
Employee: {x.title} {x.full}   Role: [[Teaching assistant|Class teacher|Site manager]]
Date: {date}

[[{x.first} took part in the NEU strike action on {past_date} and one day's pay will be deducted.§trade_union|{x.first} will be accompanied to the hearing by {x.his} UNISON rep.§trade_union|{x.first} has asked for union subs to be taken from payroll (Unite).§trade_union|{x.first} is the GMB workplace rep and has asked for facility time for branch meetings.§trade_union|{x.first} has asked to move from five days to four from September.|{x.first} will be accompanied to the meeting by a work colleague.|{x.first}'s overtime for the summer works has been approved.]]

[[Payroll to action.|HR adviser: {m.full}|]]"""

TEMPLATES["maths_sets_letter"] = """Dear {p.title} {p.last},

[[This week {c.first} has been working on sets: the union and intersection of two sets, shown on Venn diagrams.|{c.first}'s class are learning about the European Union in geography and will make a poster.|In history {c.first} is learning about the trade union movement and the Tolpuddle Martyrs.|{c.first} has been chosen to represent the class on the school council.]] [[{c.He} did really well in the quiz.|Please help {c.him} with the homework sheet.|]]

[[Thank you,|Best wishes,]]
{t.title} {t.last}"""

# ---- ethnicity ------------------------------------------------------------------------------

TEMPLATES[
    "ethnicity_mentions"
] = """[[Referral to the Ethnic Minority Achievement Service|EAL assessment|New arrival - initial meeting]]
Pupil: {c.full}   DOB: {c.dob}
Date: {date}

[[The family are Roma from Slovakia and arrived in the UK last year.§ethnicity|{c.first} is of Gypsy/Traveller heritage; the family travel in the summer months.§ethnicity|{p.first} describes the family as Kurdish and they speak Sorani at home.§ethnicity|{c.first} is mixed race (White and Black Caribbean) and has asked about hair care on the residential trip.§ethnicity|{c.first}'s family are Irish Travellers living on the council site at Moor Lane.§ethnicity|{c.first}'s family moved from Manchester and {c.he} is joining Year {count} mid-year.|{c.first} speaks Polish and English at home and reads well in both.|{c.first} has recently moved to the area from Scotland.]]

[[EAL stage: [[A|B|C]].|Buddy allocated.|]]"""

# ---- health, indirect -----------------------------------------------------------------------

TEMPLATES[
    "health_indirect"
] = """[[From: {p.full} <{p.email}>|Message from {p.first} via the school app|Phone message for {t.title} {t.last}]]
Re: {c.full}

[[{c.first} is waiting for an operation on {c.his} kidneys and might be tired this week.§health|{c.first} had a fit at home last night and we were at the children's hospital until 3am.§health|{c.first} has been very low and the GP has referred {c.him} to the mental health team.§health|{c.first} now has hearing aids in both ears and must sit near the front.§health|{c.first} has started tablets for {c.his} ADHD; please tell us if {c.he} seems tired.§health|{c.first} is under the hospital for {c.his} bowel condition and may need the toilet urgently.§health|{c.first} broke {c.his} arm at trampolining and will be in a cast for six weeks.§health|{c.first} is off with sickness and diarrhoea and will be back on {date}.§health|{c.first} will be late on {date} as {c.he} has a dentist check-up.|{c.first} lost {c.his} PE kit; please check lost property.|{c.first} forgot {c.his} reading book.|{c.first} will be collected by {c.his} grandad today.]]

[[Thanks|Many thanks|Ta]]"""

TEMPLATES[
    "send_review_mixed"
] = """[[SEN support review§health|Termly SEN review§health|Annual review - notes]]
Pupil: {c.full}   Year: {c.year_group}
SENCo: {e.full}

[[{c.first} has a working memory difficulty identified by the educational psychologist and uses a word bank.§health|{c.first} is non-verbal and communicates with Makaton and a PECS book.§health|{c.first} has cerebral palsy and uses a walking frame around school.§health|{c.first} has a stammer and sees the speech and language therapist every fortnight.§health|{c.first} is now on track in reading and is no longer on the SEN register.|{c.first} has made good progress in maths and joined the top set.|{c.first} would like to join the chess club.]]

[[Targets reviewed.|Next review on {date}.|Parents happy with progress.]]"""

# ---- safeguarding, indirect ----------------------------------------------------------------

TEMPLATES["safeguarding_indirect"] = (
    """[[DSL log|Safeguarding chronology entry|Note for file]] - {c.full}
Date: {date}   Entered by: {d.full}

[[Information received from the duty team: a strategy discussion is being held today about {c.first} after {c.his} disclosure.|{c.first} was taken into police protection overnight and is now placed with emergency foster carers.|{c.first}'s name has been added to the child protection register under neglect.|{c.first} was reported missing from home on Friday and returned on Sunday; a return home interview has been requested.|Operation Encompass call: police attended a domestic incident at {c.first}'s home last night.|Concerns that {c.first} is being groomed by an older man {c.he} met online.|{c.first} is the subject of a section 47 enquiry following the bruising seen on {past_date}.|{c.first} told a TA that {c.his} stepdad hits {c.him} with a belt.]]

[[Parents informed.|Parents not informed on advice of social care.|Actions recorded on the chronology.]]"""
    + "§safeguarding"
)

TEMPLATES["attendance_personal"] = """Dear {p.title} {p.last},

[[{c.first}'s attendance is now {pct} and we would like to meet to discuss how we can help.|Thank you for coming in to talk about {c.first}'s lateness.|I am pleased to tell you that {c.first}'s attendance has improved to {pct}.]] [[The meeting will be in {room} on {date} at {time}.|Please bring any letters from appointments.|]]

[[Our school council has asked for a reward for full attendance, and there will be a class party at the end of term.|The Friends of the school are holding a quiz night in the church hall on {date}.|The whole school will celebrate Eid with an assembly on {date}; families are welcome.|The Year 6 leavers' party is on {date}.|]]

[[Yours sincerely,|Kind regards,]]
{h.full}
Headteacher"""

TEMPLATES["sw_update_mixed"] = (
    """From: {w.full} <{w.email}>
To: {d.email}
Subject: [[{c.first} - update|Update after CIN meeting|Visit today]]

[[Hi {d.first},|{d.first},]]

[[Just to update you after my visit: {p.first} has been drinking again and {c.first} was looking after {s.first}.|{q.first} has been recalled to prison for breaching his licence.§criminal|{p.first} has been diagnosed with bipolar disorder and has started medication.§health|{p.first} says she is now attending the mosque every Friday and the imam has been supporting her.§religion|{c.first} has started seeing a counsellor at the youth centre.§health|{p.first} has started a new job at the supermarket and the family seem more settled.|The house was tidy and the children were having tea when I arrived.]]

[[The next Child in Need meeting is on {date}.|Review of the child protection plan at the core group on {date}.|I'll see {c.first} at school for {c.his} CIN visit on {date}.]]

{w.first}"""
    + "§safeguarding"
)

TEMPLATES[
    "staff_absence_return"
] = """[[Return to work interview|Sickness absence record§health|Occupational health referral§health]]
Employee: {x.title} {x.full}
Manager: {h.full}
Date: {date}

[[{x.first} was absent for two weeks following a miscarriage.§health|{x.first} has been signed off with anxiety and depression; a phased return is agreed.§health|{x.first} is undergoing chemotherapy and will work reduced hours.§health|{x.first} was off with a back injury after lifting tables in the hall.§health|{x.first} was absent for two days to care for a sick child (dependants' leave).|{x.first} was absent for jury service.|{x.first} was absent for a family wedding abroad (unpaid leave).]]

[[Reasonable adjustments agreed.|No further action.|Trigger point reached; stage 1 meeting to follow.]]"""

TEMPLATES[
    "yp_review_political"
] = """[[Pathway plan review§safeguarding|Leaving care - review notes§safeguarding|Personal adviser notes]]
Young person: {c.full}   DOB: {c.dob}
Personal adviser: {w.full}
Date: {date}

[[{c.first} has been volunteering with the Socialist Workers' Party and sells their newspaper on Saturdays.§political_opinion|{c.first} registered to vote and says {c.he} will be voting Green because of the climate.§political_opinion|{c.first} has joined Momentum and goes to their meetings in town.§political_opinion|{c.first} wants to work as a political researcher and has applied for an internship with the local MP.|{c.first} has started an apprenticeship with the council's parks team.|{c.first} passed {c.his} driving theory test.]]

[[{c.first} is managing {c.his} tenancy well.|Rent arrears discussed.|]] [[Next review: {date}.|]]"""

TEMPLATES["pe_swimming_note"] = """From: {t.full} <{t.email}>
To: {p.email}
Subject: [[Swimming|PE kit|After-school club]]

Dear {p.title} {p.last},

[[Thank you for letting us know that {c.first} fasts during Ramadan; {c.he} can sit out swimming and rest in the library.§religion|We understand {c.first} will wear a burkini for swimming lessons; that is absolutely fine.§religion|Thank you for letting us know that {c.first} has a verruca; {c.he} can swim with a sock on.§health|Swimming lessons start on {date}; please send {c.first} with a towel and a swimming cap.|The football club has moved to Thursdays because the hall is being used for the Christmas party.|{c.first} has been picked for the gala team and training is on {date}.]]

[[Best wishes,|Kind regards,]]
{t.title} {t.last}"""

# ---- records about one child that mention faith as a venue, a trip or a class activity ----------
# (added after the header rule, to test it: a record with "Pupil:" or "Re:" at the top is about
# that child, but an RE visit, a church hall or a class festival is still nobody's faith)

TEMPLATES["record_re_trip"] = """[[Pupil|Re|Child]]: {c.full} ({c.year_group})
[[Trip consent and medical form|Educational visit - parent letter|Visit reminder]]
Date of visit: {date}

Dear {p.title} {p.last},

[[As part of our RE topic, the class will visit the Guru Nanak gurdwara on {date} and share a meal in the langar.|Our Year {count} class is visiting the Central Mosque on {date} as part of the RE curriculum; girls are asked to bring a headscarf for the visit.|The class will visit St Peter's church to look at the stained glass windows for their art topic.|The class trip to the synagogue and the Jewish Museum is on {date}.|The class will visit the Hindu temple on {date} to learn about Diwali.]]

[[The coach leaves at {time}; please send a packed lunch.|There is no charge for this visit.|Please return the consent slip by {date}.]]

[[The Christmas concert will be held in the church hall on {date}.|The PTA Eid party for the whole class is on Friday afternoon.|Our harvest festival collection goes to the food bank.|]]

Yours sincerely,
{t.title} {t.last}"""

TEMPLATES["record_class_activity"] = """[[Pupil|Child|Student]]: {c.full}
[[Weekly update|Class news|Learning journal entry]] - {date}

[[{c.first} made a Diwali lamp and a rangoli pattern with the class this week.|{c.first} learned about Hanukkah and made a dreidel in class.|{c.first} helped to set up the hall for the Christmas nativity, which the whole school is performing.|{c.first} read a story about Ramadan to the class in the RE lesson.|{c.first} took part in the school's Eid assembly, which every class joins.|{c.first}'s class wrote prayers for the harvest assembly.]]

[[Great effort this week!|{c.He} was a star.|Please ask {c.him} about it at home.]]
{t.title} {t.last}"""

TEMPLATES[
    "record_venue"
] = """[[Re|Subject]]: {c.full} - [[review meeting|TAC meeting§safeguarding|parents' meeting]]

[[The meeting will take place at St Mark's church hall on {date} at {time}, as the family centre is closed.|We will meet at the community room of the Methodist church on {street}, which the children's centre rents on Tuesdays.|The meeting is at the Sikh community centre on {street}, the nearest venue with parking.]]

[[Present: {p.full}, {t.full}, {w.full}.|Please let {w.first} know if you cannot attend.|]]"""

YOUNG = {"yp_review_political"}

# ---- hard negatives: the same words, nobody's data (classification "none") -------------------

TEMPLATES[
    "neg_re_curriculum"
] = """Religious Education - [[Year 7|Year 8|Key Stage 3]] long-term plan

[[Autumn 1: What do Muslims believe? The Five Pillars, Ramadan and Eid ul-Fitr, with a visit to the mosque.|Autumn 2: Sikhism - the Gurus, the gurdwara and the langar; Vaisakhi.|Spring 1: Judaism - Shabbat, kosher food laws, Passover and the synagogue.|Spring 2: Christianity - baptism, Holy Communion, Easter, and the role of the church in the community.|Summer 1: Hinduism - Diwali, puja and the mandir.]]
[[Summer 2: Is it right to protest? Case studies of the suffragettes, the civil rights movement and Extinction Rebellion.|Summer 2: Humanism and non-religious worldviews.|Assessment: an extended essay on religious freedom.]]
Visitors from local faith communities are welcome; please contact the RE lead."""

TEMPLATES["neg_venue_and_party"] = """[[PTA news|Friends of the School - update|Diary dates]]

[[The Christmas party for Reception and Year 1 is on the last Thursday of term; children may come in party clothes.|The summer fair will be held in the church hall because of the building works.|Our Eid celebration assembly for the whole school is on Friday; all families are welcome.|Diwali lamp-making workshop in the library at lunchtime for anyone who would like to join.]]
[[The quiz night raised enough to buy new playground equipment.|Second-hand uniform sale in the church hall after school.|Please send in empty jars for the tombola.]]
[[Thank you for all your support.|]]"""

TEMPLATES[
    "neg_policy_characteristics"
] = """[[Equality policy|Equality information and objectives|Anti-bullying policy]] - extract

The school will not discriminate on the grounds of the protected characteristics: age, disability, gender reassignment, marriage and civil partnership, pregnancy and maternity, race, religion or belief, sex and sexual orientation.
[[Staff may join a trade union and union representatives are given reasonable time off for union duties.|Political indoctrination is prohibited and staff must offer a balanced presentation of opposing views (Education Act 1996, sections 406-407).|Homophobic, biphobic and transphobic bullying is recorded and reported to governors termly.]]
[[This policy is reviewed every two years by the governing body.|]]"""

TEMPLATES[
    "neg_history_politics"
] = """[[Year 9 History|GCSE History|Politics A level]] - [[homework|revision sheet]]

[[Why did the Labour Party win the 1945 general election? Use the sources to explain the role of the Beveridge Report.|Explain why the Conservatives and the Liberal Democrats formed a coalition in 2010.|How did the miners' strike of 1984-85 change the trade unions?|Compare the aims of the Chartists and the suffragettes.]]
[[Mark scheme: 4 marks for knowledge, 4 for analysis.|Hand in by Friday.|Use at least two sources.]]"""

TEMPLATES["neg_maths_union"] = """Maths - [[Year 8|Year 10]] sets and probability

[[Find the union and the intersection of A (the odd numbers below 10) and B (the primes below 10).|Shade the union of A and B on the Venn diagram.|Explain why the union of two sets contains the intersection.]]
[[A party bag contains 5 red and 3 blue sweets; find the probability of picking a red one.|Twelve people come to a party; how many handshakes are there?|]]"""

TEMPLATES[
    "neg_union_strike_notice"
] = """[[Notice to parents|School closure information|Industrial action - update]]

[[Some teaching unions have announced national strike action; we will let families know which classes are affected.|The school will open as normal during the planned strike by support staff.|Industrial action by bus drivers may affect the school bus routes next week.]]
[[Free school meal vouchers will be sent for any closure days.|Please check the website for updates.|]]"""

NEGATIVE = {
    "neg_re_curriculum",
    "neg_venue_and_party",
    "neg_policy_characteristics",
    "neg_history_politics",
    "neg_maths_union",
    "neg_union_strike_notice",
}


def extra_ctx(world, ctx: dict) -> dict:
    """The child's reflexive pronoun."""
    return {"c.himself": "himself" if ctx["c.he"] == "he" else "herself"}


FIRST_NAMES = {
    "british": [
        ("Harvey", "m"),
        ("Alfie", "m"),
        ("Reggie", "m"),
        ("Stanley", "m"),
        ("Toby", "m"),
        ("Frankie", "m"),
        ("Poppy", "f"),
        ("Evie", "f"),
        ("Maisie", "f"),
        ("Imogen", "f"),
        ("Gemma", "f"),
        ("Tracey", "f"),
        ("Joanne", "f"),
        ("Carl", "m"),
        ("Wayne", "m"),
        ("Darren", "m"),
    ],
    "south_asian": [
        ("Arjun", "m"),
        ("Rohan", "m"),
        ("Imran", "m"),
        ("Gurpreet", "m"),
        ("Priya", "f"),
        ("Anisa", "f"),
        ("Simran", "f"),
        ("Rukhsana", "f"),
    ],
    "polish": [
        ("Marek", "m"),
        ("Tomasz", "m"),
        ("Oliwia", "f"),
        ("Agnieszka", "f"),
    ],
    "somali": [("Abdirahman", "m"), ("Guled", "m"), ("Hodan", "f"), ("Ifrah", "f")],
    "caribbean": [("Marlon", "m"), ("Winston", "m"), ("Jacqueline", "f"), ("Shanice", "f")],
    "irish": [("Niall", "m"), ("Declan", "m"), ("Siobhan", "f"), ("Niamh", "f")],
    "chinese": [("Wei", "m"), ("Hao", "m"), ("Mei", "f"), ("Ling", "f")],
    "west_african": [("Chinedu", "m"), ("Kofi", "m"), ("Ngozi", "f"), ("Ama", "f")],
    "eastern_european": [("Andrei", "m"), ("Bogdan", "m"), ("Elena", "f"), ("Ioana", "f")],
    "middle_eastern": [("Omar", "m"), ("Tariq", "m"), ("Leila", "f"), ("Noor", "f")],
}

SURNAMES = {
    "british": [
        "Hartley",
        "Pearson",
        "Whitfield",
        "Crossley",
        "Barnes",
        "Holloway",
        "Turnbull",
        "Ashworth",
        "Gregory",
        "Walsh",
    ],
    "south_asian": ["Sandhu", "Chauhan", "Rahman", "Mahmood", "Bhatti", "Mistry"],
    "polish": ["Kowalczyk", "Zielinski", "Wozniak", "Kaminski"],
    "somali": ["Warsame", "Farah", "Hersi", "Abdi"],
    "caribbean": ["Campbell", "Grant", "Bailey", "Francis"],
    "irish": ["Gallagher", "Brennan", "Donnelly", "Kavanagh"],
    "chinese": ["Zhang", "Huang", "Lin", "Cheung"],
    "west_african": ["Okafor", "Mensah", "Adeyemi", "Boateng"],
    "eastern_european": ["Popescu", "Ionescu", "Petrov", "Dumitru"],
    "middle_eastern": ["Haddad", "Khalil", "Nasser", "Saleh"],
}

STREETS = [
    "Cranmer Street",
    "Beechwood Avenue",
    "Lime Kiln Lane",
    "Sandringham Road",
    "Wharf Street",
    "Hollybush Close",
    "Tennyson Road",
    "Meadowsweet Way",
    "Cobden Street",
    "Station Approach",
    "Hawthorn Crescent",
    "Albion Terrace",
]
