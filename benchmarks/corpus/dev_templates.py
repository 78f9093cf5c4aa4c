"""Dev template family: the engine developer may read and tune on these.

The holdout family (holdout_templates.py) is written separately, with other documents, phrasing
and names; keep the two apart.
"""

# ruff: noqa: E501

TEMPLATES: dict[str, str] = {}

TEMPLATES["attendance_letter"] = """{sc.name}
{sc.addr}
{sc.town}
{sc.pc}
Tel: {sc.phone}

{date}

[[{p.title} {p.full}|Parent/Carer of {c.full}|{p.title} {p.last}]]
{a.addr}
{a.town}
{a.pc}

Dear [[{p.title} {p.last}|Parent/Carer]],

Re: [[{c.full}|{c.full} ({c.year_group})|{c.first_LAST}]][[ - DOB {c.dob}| - UPN {c.upn}|]]

[[I am writing to let you know that|I am writing to inform you that|Our records show that]] {c.first}'s attendance this term is {pct}, which is below the school target of 96%. [[{c.He} has missed {count} sessions since {past_date}.|This means {c.he} has missed {count} half-day sessions.]]

[[We understand that {c.first} has been unwell with [[tonsillitis|a chest infection|migraines]] and we hope {c.he} is feeling better.§health|The absences on {past_date} and {past_date} were recorded as unauthorised holiday.|Several absences have not been explained.|We note that {c.first} was absent for the family's celebration of Eid al-Fitr, which has been authorised.§religion]]

[[Please attend a meeting with our Attendance Officer, {t.title} {t.full}, on {date} at {time} in {room}.|I would like to invite you to an attendance support meeting on {date} at {time}.]] [[If this is not convenient, please ring the school office on {sc.phone}.|Please contact {t.title} {t.last} at {t.email} to rearrange if needed.|]]

[[Regular attendance is closely linked to progress, and the health and safety of every pupil matters to us.|Every day counts.|Please mark the date in your diary; we will hope to see you there.|]]

Yours sincerely,

{h.full}
Headteacher"""

TEMPLATES["mash_referral"] = (
    """MULTI-AGENCY REFERRAL FORM (MARF)
[[Sent to: {council} MASH|To: Multi-Agency Safeguarding Hub, {council}]]
Date of referral: {date}
[[Referrer: {d.full}, Designated Safeguarding Lead, {sc.name}|Referrer name: {d.title} {d.full} (DSL)\nAgency: {sc.name}]]
Referrer contact: {d.phone} / {d.email}

CHILD DETAILS
Name: [[{c.full}|{c.last_first}]]
Date of birth: {c.dob}
[[Gender: [[Male|Female]]\n|]][[UPN: {c.upn}\n|]][[NHS number: {c.nhs}\n|]]Address: {a.addr}, {a.town}, {a.pc}
[[Ethnicity: [[White British|Black Caribbean|Pakistani|Bangladeshi|Somali|White and Black Caribbean|Gypsy/Roma]]\n§ethnicity|]][[Religion: [[Muslim|Christian|Sikh|Hindu|Jehovah's Witness]]\n§religion|]][[First language: [[Polish|Urdu|Somali|Gujarati|English]]\n|]]
PARENTS / CARERS
Mother: {p.full}, DOB {p.dob}, tel {p.mobile}
[[Father: {q.full}, [[address unknown|lives at {b.addr}, {b.pc}]]|Mother's partner: {x.full}]]
[[Siblings: {s.full} (DOB {s.dob})|]]

REASON FOR REFERRAL
[[On {date} {c.first} arrived at school with a bruise to [[{c.his} left cheek|{c.his} upper arm|the back of {c.his} neck]]. When asked, {c.he} said "[[Dad got angry|Mum's boyfriend did it|I fell off the trampoline but don't tell]]".|{c.first} disclosed to {c.his} class teacher, {t.title} {t.last}, that there is often no food at home and {c.he} looks after {s.first} when {p.first} is out at night.|{c.first} has told staff that {x.first} [[shouts and throws things|hit {p.first} last weekend]] and that the police came to the house.|Staff are concerned that {c.first} may be at risk of criminal exploitation: {c.he} has been seen getting into cars after school and has new expensive clothes and a second phone.]]

[[{c.first} has a diagnosis of [[ADHD|autism|epilepsy|type 1 diabetes]] and is on the SEN register.§health|{p.first} has told us she is struggling with her mental health and is under the community mental health team.§health|{q.first} was released from HMP [[Leicester|Birmingham|Nottingham]] in [[March|June|October]] after a sentence for assault.§criminal|There is no known involvement with other agencies.|]]

Parents aware of referral: [[Yes|No - to do so may place the child at risk]]
Consent obtained: [[Yes|No]]
[[Previous referrals: {ref} ({past_date})|]]"""
    + "§safeguarding"
)

TEMPLATES["case_note"] = (
    """[[CASE NOTE|Case recording|Contact record]] - {council} Children's Social Care
[[Child|Subject]]: {c.full} [[(DOB {c.dob})|- born {c.dob}|]]
[[Worker|Author]]: {w.full}, [[Social Worker|Senior Practitioner|Family Support Worker]]
Date of contact: {date}
Type: [[Home visit (announced)|Home visit (unannounced)|Telephone call|School visit]]

[[I visited the family home at {a.addr}, {a.pc}. {p.first} answered the door and invited me in.|I met {c.first} at {sc.name}; {d.title} {d.last} (DSL) was present for part of the meeting.|I spoke to {p.full} by telephone on {p.mobile}.]]

[[The home conditions were [[much improved since my last visit|poor: there was little food in the fridge and the children's bedroom had no bedding|adequate]].|The house was warm and tidy.]] [[{c.first} showed me {c.his} room and talked about [[football|{c.his} Xbox|drawing]].|{c.first} was quiet and would not make eye contact.|{s.first} was at nursery.]]

[[{p.first} told me that {q.first} has not been at the address since the incident on {past_date}, and that she has changed the locks.|{p.first} said she has been attending the domestic abuse programme at the Freedom Project.|We discussed the Child Protection Plan and the next Core Group on {date}.|{p.first} disclosed that she is drinking most evenings and has been prescribed sertraline by her GP.§health]] [[{c.first} remains subject to a Child Protection Plan under the category of [[neglect|emotional abuse|physical abuse]].|{c.first} is a Child in Need.|{c.first} has been accommodated under section 20 and is living with foster carers, {x.title} {x.full}.]]

[[{c.first}'s key worker at the youth offending service, {o.full}, has asked to be invited to the next meeting following {c.his} caution for [[shoplifting|criminal damage|possession of cannabis]].§criminal|{c.first} said {c.he} has been attending mosque on Saturdays and enjoys it.§religion|{c.first} told me {c.he} thinks {c.he} might be gay and has not told {p.first} yet.§sexual_orientation|{c.first} would like to be known as {pref_name} and to use they/them pronouns; {c.he} has been referred to the gender identity service.§gender|]]

Actions: [[{w.first} to update chronology; follow-up visit by {date}.|Refer {p.first} to the family hub. Next visit {date}.|Strategy discussion to be held with police ({o.full}) and health.]]"""
    + "§safeguarding"
)

TEMPLATES["ehcp_review"] = (
    """{council}
Special Educational Needs and Disabilities (SEND) Team

{date}

[[{p.title} {p.full}|{p.title} {p.full} and {q.title} {q.full}]]
{a.addr}
[[{a.town}\n|]]{a.pc}

Dear [[{p.title} {p.last}|{p.first} and {q.first}|Parent/Carer]],

[[Annual Review of Education, Health and Care Plan|EHC Plan annual review|Your child's EHCP review]]: [[{c.full}|{c.full}, DOB {c.dob}|{c.full} (UPN {c.upn})]]

[[The annual review of {c.first}'s Education, Health and Care Plan will take place at {sc.name} on {date} at {time}.|I am writing to invite you to the annual review meeting for {c.first} on {date} at {time}, to be held at {sc.name}.]] The meeting will be chaired by [[the SENCo, {e.title} {e.full}|{e.full}, SENCo]].

[[The reports received so far include an updated speech and language report and a report from the educational psychologist, {o.title} {o.full}, which notes that {c.first}'s [[autism|dyslexia|global developmental delay|hearing impairment]] continues to affect {c.his} access to the curriculum.|{c.first} continues to need support for {c.his} [[social, emotional and mental health needs|speech, language and communication needs|cerebral palsy]].|Outcomes in section E will be reviewed, including {c.his} progress in reading and in Religious Education.]]

[[Please let us know of any changes, including a new address or phone number, by contacting your SEND caseworker, {m.full}, on {m.phone} or {m.email}.|If you cannot attend, please contact {m.full} ({m.email}).]]

Yours sincerely,

{m.full}
SEND Casework Officer"""
    + "§health"
)

TEMPLATES["dsl_email"] = (
    """From: {d.full} <{d.email}>
To: {w.full} <{w.email}>
[[Cc: {e.email}\n|]]Subject: [[RE: {c.initial} - update|Concern re {c.full}|Core group actions - {c.full}]]
Date: {date}

[[Hi {w.first},|Dear {w.first},|Hello {w.title} {w.last},]]

[[Just to update you following the core group meeting on {past_date}.|As discussed on the phone this morning,|Following our strategy discussion,]] [[{c.first} (UPN {c.upn})|{c.first}|{c.full}]] [[was late again three times this week and came in without a coat.|told {t.title} {t.last} that there was "a fight at home" on Friday night.|has been much more settled since the move to {b.addr}.|has seemed very tired and withdrawn, and was found crying in the toilets at lunchtime.]]

[[Mum ({p.first}) called the office on {p.mobile} asking whether {q.first} is allowed to collect. Can you confirm the position on contact?|{p.first} has given a new mobile number: {p.mobile}.|{c.first}'s attendance is now {pct}.]]

[[The school nurse, {v.full}, has also seen {c.first} about {c.his} [[weight loss|self-harm|bed-wetting]]; she can be reached on {v.phone}.§health|We have also put {c.first} forward for the ELSA programme.|I have shared the health and safety risk assessment for the Year 6 residential with the team.]]

[[Kind regards,|Best wishes,|Thanks,]]
{d.first}

{d.full}
Designated Safeguarding Lead, {sc.name}
{sc.phone}"""
    + "§safeguarding"
)

TEMPLATES["health_visitor"] = (
    """[[Health Visiting Service|0-19 Healthy Child Programme]] - [[contact record|new birth visit|12-month review]]
Client: [[{c.full}|{c.last_first}]]   NHS No: {c.nhs}   DOB: {c.dob}
Mother: {p.full}[[ (NHS {p.nhs})|]]   Tel: {p.mobile}
Address: {a.addr}, {a.pc}
GP: [[Dr {o.last}|Dr {o.full}]], [[Highfields Medical Centre|Spinney Hill Surgery|Belgrave Health Centre]]
Seen by: {v.full}, Health Visitor
Date: {date}

[[Baby feeding well, weight on 25th centile.|Weight has dropped from the 50th to the 9th centile since the last review; referred to the GP.|Development appropriate for age; {c.first} is walking and has about ten words.]] [[{p.first} scored 14 on the Edinburgh Postnatal Depression Scale and agreed to a referral to the perinatal mental health team.|{p.first} appears well and is well supported by her mother.|{p.first} disclosed domestic abuse by her ex-partner {x.full}; DASH completed, MARAC referral made.§safeguarding|Interpreter used ([[Polish|Somali|Bengali|Punjabi]]).]] [[Sickle cell trait noted on the newborn screen; parents offered genetic counselling.§genetic|Hearing screen passed.|]]
Next contact: {date}"""
    + "§health"
)

TEMPLATES["trip_letter"] = """{sc.name} - {sc.town}

[[Dear Parents and Carers,|Dear {p.title} {p.last},]]

[[Year 5 residential to Beaumanor Hall|Year 4 trip to the National Space Centre|Year 6 visit to Twycross Zoo]] - {date}

[[Thank you for returning the consent form for {c.first}.|We have received {c.full}'s consent form.]] [[The form lists that {c.first} [[has asthma and will need {c.his} inhaler|has a severe nut allergy and carries an EpiPen|takes medication for epilepsy]]; {t.title} {t.last} will hold this for the day.§health|You have asked for {c.first} to have halal meals during the trip.§religion|You have asked for vegetarian packed lunches.|There are no medical needs recorded for {c.first}.]]

[[The cost of the trip is {amount}. Payments can be made through ParentPay.|The trip is free for pupils eligible for the pupil premium.]] [[A full health and safety risk assessment has been completed.|Coaches will leave from the {street} entrance at 8.30am.|Staff have completed the trip risk assessment in line with our health and safety policy.|]]

[[If you have any questions please contact {t.full} on {t.email}.|Please ring the office on {sc.phone} with any questions.]]

[[With thanks,|Kind regards,]]
{t.title} {t.full}
[[Year 5 Teacher|Educational Visits Coordinator|Phase Leader]]"""

TEMPLATES["admissions"] = """{council}
School Admissions

{date}

{p.title} {p.full}
{a.addr}
{a.town}
{a.pc}

[[Our ref|Application reference]]: {ref}

Dear {p.title} {p.last},

[[Offer of a school place: {c.full} (date of birth {c.dob})|In-year admission for {c.full}, born {c.dob}]]

[[I am pleased to offer {c.first} a place in {c.year_group} at {sc.name} from {date}.|Following your in-year application, {c.first} has been offered a place at {sc.name}.]] [[{c.His} Unique Pupil Number is {c.upn}; please quote it in any correspondence.|The school will contact you on {p.phone} to arrange a start date.|Please accept or decline this offer by {date}.]]

[[The school's curriculum includes Religious Education and Relationships and Health Education, in line with the locally agreed syllabus.|The school day runs from 8.45am to 3.15pm.|]]

[[If you would like to discuss the offer, please contact the admissions team on {sc.phone} or {sc.email}.|Yours sincerely,]]

School Admissions Team"""

TEMPLATES["exclusion"] = """{sc.name}

{date}

PRIVATE AND CONFIDENTIAL
{p.title} {p.full}[[ and {q.title} {q.full}|]]
{a.addr}
{a.pc}

Dear [[{p.title} {p.last}|Parent/Carer]],

[[Suspension of {c.full}|Notice of suspension - {c.full} ({c.year_group})|Permanent exclusion: {c.full}, DOB {c.dob}]]

[[I am writing to inform you of my decision to suspend {c.first} for {count} school days, from {date}.|I regret to inform you that I have decided to exclude {c.first} permanently from {date}.]] [[This is because {c.he} [[assaulted another pupil in the playground|brought a knife onto the school site, and the police were informed§criminal|was repeatedly abusive towards staff]].|The reason is persistent disruptive behaviour.]] [[{c.first} was arrested and has since been charged; the youth offending team is aware.§criminal|]]

[[You have the right to make representations to the governing board. Please contact the clerk, {x.full}, at {x.email}.|You may request a meeting with the governors.]] [[During the suspension, work will be sent home by {t.title} {t.last}.|]]

[[Yours sincerely,|Yours faithfully,]]

{h.title} {h.full}
Headteacher"""

TEMPLATES[
    "college_enrolment"
] = """[[Enrolment confirmation|Learner record]] - [[{town} College|{town} Sixth Form College]]

Learner: {c.full}
[[Date of birth|DOB]]: {c.dob}
ULN: {c.uln}
[[National Insurance number|NI number|NINO]]: {c.nino}
Address: {a.addr}, {a.town} {a.pc}
Mobile: {c.mobile}
Email: {c.email}
Emergency contact: {p.full} ({p.phone})

Course: [[Level 3 Health and Social Care|A level Biology, Chemistry and Religious Studies|Level 2 Motor Vehicle|T Level Digital]]
Start date: {date}

[[Learning support: {c.first} has declared [[dyslexia|dyspraxia|anxiety|a visual impairment]] and has been referred to the additional learning support team.§health|Learning support: none declared.|]][[\nBursary: approved ({amount}).|]][[\nCare leaver: yes - contact {w.full}, Leaving Care Service, {w.phone}.§safeguarding|]]"""

TEMPLATES["biometric"] = """{sc.name}
[[Notification of intention to process pupils' biometric information|Cashless catering: use of biometric data]]

[[Dear {p.title} {p.last},|Dear Parent/Carer of {c.full},]]

[[The school wishes to use information about {c.first} as part of an automated (biometric) recognition system for paying for school meals. The information we take is a fingerprint template for {c.first}, stored as a number.§biometric|As part of our Science week, {c.full}'s class will take fingerprints with ink pads to look at loops and whorls; nothing is stored.|We are introducing new cashless catering using a PIN card for {c.first}.]]

[[Please sign and return the consent slip by {date}.|]] [[Questions can go to our data protection lead, {d.full} ({d.email}).|Please contact the office on {sc.phone}.]]

[[Yours faithfully,|Regards,]]
{h.full}"""

TEMPLATES["staff_union"] = """{sc.name}
Human Resources

[[STRICTLY CONFIDENTIAL|PRIVATE]]

{date}

{x.title} {x.full}
{b.addr}
{b.pc}

Dear {x.title} {x.last},

[[Invitation to a grievance hearing|Formal capability meeting|Investigation meeting]]

[[I write to invite you to a meeting on {date} at {time} in {room}.|A meeting has been arranged for {date} at {time}.]] [[You have the right to be accompanied by a work colleague or a trade union representative; we note that you have asked {t.full}, your NEU representative, to attend.§trade_union|You are entitled to be accompanied by a colleague or a trade union representative.|You are welcome to bring a colleague.]] [[Occupational health has advised that your [[back injury|anxiety|long covid]] should be taken into account.§health|]]

[[Please confirm attendance with {h.email}.|Please call {sc.phone} if you need adjustments.]]

Yours sincerely,
{h.full}
Headteacher"""

TEMPLATES["pep_minutes"] = (
    """PERSONAL EDUCATION PLAN (PEP) MEETING - MINUTES
[[Child Looked After|Looked after child]]: {c.full}   DOB: {c.dob}   UPN: {c.upn}
Date: {date}   Venue: {sc.name}
Present: {w.full} (Social Worker), {d.full} (Designated Teacher), {x.full} (Foster Carer), [[{o.full} (Virtual School)|{c.first}]]
[[Apologies: {e.full} (SENCo)|]]

1. [[Progress|Attainment]]: [[{c.first} is working at the expected standard in reading and maths.|{c.first} has made good progress in writing but needs support in maths.]]
2. [[Attendance is {pct}.|Attendance: {pct}; two late marks.]]
3. [[Health: {c.first}'s review health assessment is due; {c.he} has been referred to CAMHS for [[anxiety|low mood|sleep difficulties]].§health|Pupil Premium Plus will fund a tutor for 10 weeks.|{c.first} would like to join the football club.]]
4. [[Contact with birth mother ({p.full}) continues fortnightly, supervised.|{c.first} said {c.he} misses {s.first} and would like more contact.]]
Next PEP: {date}"""
    + "§safeguarding"
)

TEMPLATES["yot_email"] = (
    """From: {o.full} <{o.email}>
Sent: {date}
To: {d.email}
Subject: [[{c.initial}|Referral order - {c.full}|{c.full} DOB {c.dob}]]

[[Dear {d.first},|Hi {d.title} {d.last},]]

[[I am {c.first}'s case manager at the Youth Justice Service. {c.He} received a [[referral order|youth conditional caution|Youth Rehabilitation Order]] at [[Leicester|Birmingham|Manchester]] Youth Court on {past_date} for [[robbery|possession of an offensive weapon|theft]].|{c.first} was arrested on {past_date} on suspicion of supplying class A drugs and has been released under investigation.]] [[There are concerns about county lines exploitation and a National Referral Mechanism referral has been made.§safeguarding|]] [[Could you let me know {c.his} timetable so I can arrange sessions in school?|Please can you share {c.his} attendance for the last half term?]]

[[Thanks,|Many thanks,]]
{o.first}
[[Mobile: {o.mobile}|Tel: {o.phone}]]"""
    + "§criminal"
)

TEMPLATES["school_nurse"] = """School Nursing Service - referral
Pupil: {c.full}   [[DOB|Date of Birth]]: {c.dob}   [[Year|Class]]: {c.year_group}
School: {sc.name}
NHS number: [[{c.nhs}|not known]]
Parent/carer: {p.full}, {p.phone}
Referred by: {e.full}, SENCo ({e.email})

Reason: [[{c.first} has told staff that {c.he} has been self-harming (cutting) and feels low.§health|Enuresis; {c.first} has accidents at school most days.§health|Weight concerns - {c.first} appears to be eating very little at lunch.§health|{c.first} has asked for support as {c.he} is transitioning and would like to talk about puberty blockers.§gender,health|{c.first} has come out as bisexual to friends and is being bullied online.§sexual_orientation|{c.first} told {t.title} {t.last} {c.he} is having sex with an older boyfriend and asked about contraception.§sex_life,safeguarding]]
[[Consent from parent: yes|Young person consents; Fraser competent.]]"""

TEMPLATES["genetic_letter"] = (
    """[[Department of Clinical Genetics|Paediatric Neurodisability Clinic]], [[Leicester Royal Infirmary|Birmingham Children's Hospital|Sheffield Children's Hospital]]

{date}

Private and Confidential
{p.title} {p.full}
{a.addr}
{a.pc}

Dear {p.title} {p.last},

Re: {c.full}, DOB {c.dob}, NHS {c.nhs}

[[I saw {c.first} in clinic on {past_date}. The results of the microarray show a deletion on chromosome 22q11.2.|The genetic test for Fragile X syndrome was positive and we discussed what this means for {s.first}.|Whole genome sequencing did not identify a cause for {c.first}'s developmental delay.]] [[I have copied this letter to {c.his} GP and to {e.full}, SENCo at {sc.name}.|]]

[[Yours sincerely,|Kind regards,]]
Dr {o.full}
Consultant [[Clinical Geneticist|Paediatrician]]"""
    + "§genetic,health"
)

TEMPLATES["parent_complaint"] = """From: {p.full} <{p.email}>
To: {sc.email}
Subject: [[Complaint|Concern about my [[son|daughter]]|Homework]]

[[Dear {h.title} {h.last},|To whom it may concern,|Hello,]]

[[I am writing about {c.first} in {c.year_group}.|My child {c.full} ({c.year_group}) has been upset this week.]] [[{c.He} says {c.he} was told off in Religious Education for asking about the homework on the Sikh gurus.|{c.He} was given a detention for being late, but the bus from {a.town} was cancelled.|{c.He} came home with a cut on {c.his} knee and nobody rang me.]] [[As a Labour councillor for this ward I have raised the wider issue of bus cuts at full council.§political_opinion|As a Green Party member I would also ask the school to reconsider single-use plastics.§political_opinion|I would also ask that the maths homework on the union of two data sets be explained again.|]]

[[Please call me on {p.mobile}.|I can be reached on {p.phone} after 5pm.|]]

[[Regards,|Thanks,]]
{p.first}"""

TEMPLATES["cp_conference"] = (
    """INITIAL CHILD PROTECTION CONFERENCE - [[RECORD|MINUTES]]
[[Children|Child]]: {c.full} ({c.dob})[[, {s.full} ({s.dob})|]]
Date: {date}   Chair: {m.full}, Independent Reviewing Officer
Attendees: {p.full} (mother), {w.full} (social worker), {d.full} (DSL, {sc.name}), {v.full} (health visitor), [[{o.full} (police)|DC {o.last} (police)]]

Summary: [[{w.first} presented the report. Concerns relate to domestic abuse by {q.full} towards {p.first} witnessed by the children.|Concerns relate to neglect: poor home conditions at {a.addr} and missed health appointments.|{c.first} disclosed sexual abuse by a family friend; police investigation ongoing.§criminal]] [[{p.first} shared that the family are Jehovah's Witnesses and she does not consent to blood products.§religion|The family's Traveller heritage was discussed in relation to school attendance.§ethnicity|{q.first} is on bail with conditions not to contact {p.first}.§criminal|]]
Decision: [[Child Protection Plan under the category of emotional abuse.|Child Protection Plan - neglect.|Not made subject to a plan; Child in Need plan to follow.]]
Review conference: {date}"""
    + "§safeguarding"
)

TEMPLATES[
    "phone_message"
] = """[[PHONE MESSAGE|Telephone message]] for {d.first}[[ from the office|]]
[[Taken by|From]]: {t.first} [[at|@]] {time}, {date}
Caller: {p.title} {p.last}[[ (mum of {c.full}, {c.year_group})|]]
Callback: {p.mobile}
Message: [[{c.first} will be off today with [[D&V|a temperature|a hospital appointment]].§health|Wants to speak to someone about {c.first} being picked on at break.|Asking if {q.first} can collect {c.first} today - please check who has parental responsibility.|Family moving to {b.addr}, {b.pc} from {date}.]]"""

TEMPLATES["ethnicity_form"] = (
    """{sc.name} - data collection sheet {date}
Please check and correct the details we hold for your child.

Pupil name: {c.full}
Date of birth: {c.dob}
UPN: {c.upn}
Home address: {a.addr}, {a.town}, {a.pc}
Contact 1: {p.full}, {p.phone}, {p.email}
[[Contact 2: {q.full}, {q.mobile}\n|]]Ethnic group: [[White - Polish|Asian - Pakistani|Black - Somali|Mixed - White and Asian|Chinese|Irish]]
[[Religion: [[Islam|Sikhism|Roman Catholic|Hinduism]]\n§religion|]]Medical conditions: [[none|asthma (inhaler in class)§health|eczema§health]]
Dietary requirements: [[none|vegetarian|halal§religion]]"""
    + "§ethnicity"
)

TEMPLATES["religion_absence"] = """[[Dear {h.title} {h.last},|Dear Sir/Madam,|Hi,]]

[[I would like to request that {c.full} is excused from school on {date} for [[Eid|Vaisakhi|Diwali|Yom Kippur|Guru Nanak's birthday]], which our family celebrates at the [[mosque|gurdwara|mandir|synagogue]].§religion|Could {c.first} please be excused on {date} to attend {c.his} grandmother's funeral in [[Krakow|Dublin|Mogadishu|Lahore]]?|Please note {c.full} has a dentist appointment on {date} at {time}.]]

[[Thank you,|Many thanks,|Kind regards,]]
{p.full}[[\n{p.mobile}|]]"""

TEMPLATES["sen_support_plan"] = (
    """SEN Support Plan - [[Autumn|Spring|Summer]] term
Name: {c.full}   DOB: {c.dob}   Class: {c.year_group}   Key adult: {t.full}
Area(s) of need: [[Cognition and learning (dyslexia)|Communication and interaction (autism)|Social, emotional and mental health|Sensory/physical (hearing impairment)]]

What people like about me: [[I am kind and I like Lego.|I'm good at drawing and football.|I help my friends.]]
What is hard for me: [[Loud noises in the hall, and changes to the timetable.|Reading long texts.|Staying calm when I am cross.]]
Targets: 1) [[Read 20 high-frequency words|Use a calm-down card|Join in group work]] by {date}.
Reviewed with: {p.full} and {e.full} (SENCo) on {date}."""
    + "§health"
)

# ---- hard negatives: no person is identified, nothing is personal ----

TEMPLATES["invoice"] = """INVOICE
[[Brightwell Catering Ltd|EduClean Services Ltd|Midlands School Supplies Ltd]]
Invoice number: {inv}
Invoice date: {date}
Customer: {sc.name}
Account ref: {ref}

Description                                Qty   Amount
[[Health and safety training (Level 2)|Fire marshal course|Deep clean - kitchen]]   1     {amount}
[[Religious Education textbooks (KS2)|Science lab consumables|Exam stationery]]     {count}    {amount}
Total due: {amount}
Payment terms: 30 days. Purchase order [[PO|No.]] {inv}.
[[Please quote the invoice number on your remittance.|Bank: Lloyds, sort code and account on file.]]"""

TEMPLATES[
    "governors_hs"
] = """[[Minutes of the Health and Safety Committee|Resources Committee: health and safety item]] - {sc.name}
Date: {date}, {time}
Present: the Headteacher, the Chair of Governors, the Site Manager, the School Business Manager, two parent governors
Apologies: the SENCo

1. The site manager reported that the fire alarm test on {past_date} was satisfactory.
2. [[The asbestos register has been reviewed.|The legionella risk assessment is due on {date}.]]
3. [[The committee agreed to review the lone working policy.|Accident book: {count} minor injuries this term, none reportable under RIDDOR.]]
4. [[Trade union consultation on the new behaviour policy will close on {date}.|The union of the two sites' cleaning contracts was agreed.]]
Next meeting: {date}."""

TEMPLATES["newsletter"] = """{sc.name} - [[Weekly Newsletter|Friday Bulletin|Half-term update]]

[[Religious Education homework this week is to find out about a festival of light.|In Religious Education, Year 3 are learning about Sikhism and the gurdwara.]] [[Year 6 maths: the union of two data sets and Venn diagrams.|Summer term clubs start soon and will run until May; we hope to see lots of you there.|Year 5 have been studying genetics and inheritance in Science.]] [[Black History Month assembly on {date}.|Our health and safety inspection went well.|Our Pride in Learning awards will be presented on {date}.]]

[[Term dates: school closes on {date} and reopens on {date}.|INSET day: {date}.]] [[The school office is open from 8am.|Parking on the zig-zag lines outside the school is not allowed.]]
[[Well done to all our House captains!|Thank you to the PTA for raising {amount}.]]"""

TEMPLATES[
    "dp_policy"
] = """{sc.name} - [[Data Protection Policy|Privacy notice for parents]] (extract)

[[We process special category data, such as health, ethnicity, religion and biometric data, only where the law allows.|Special category data includes information about racial or ethnic origin, political opinions, religious beliefs, trade union membership, genetic and biometric data, health, sex life and sexual orientation.]] [[Criminal offence data is handled under Article 10.|Safeguarding information is shared with the local authority under Working Together to Safeguard Children.]] [[Records are kept for the periods in our retention schedule, reviewed on {date}.|Our Data Protection Officer can be contacted through the school office.]]
[[The policy was approved by the governing board on {date}.|]]"""

TEMPLATES[
    "staffing_notice"
] = """[[Vacancy|Job advert]]: [[Designated Safeguarding Lead|Family Support Worker|SENCo (0.6 FTE)|Attendance Officer]] - {sc.name}, {sc.town}
Salary: [[MPS/UPS + SEN1|Grade 6]]. Start: {date}.
[[We are looking for a Family Support Worker to work with the Designated Safeguarding Lead and the Educational Psychologist.|The successful candidate will report to the Headteacher and the Deputy Head.]] [[Applicants will need an enhanced DBS check.|The role includes first aid and health and safety duties.]]
Closing date: {date}. Interviews: {date}."""

YOUNG = {"college_enrolment", "pathway_plan"}
NEGATIVE = {"invoice", "governors_hs", "newsletter", "dp_policy", "staffing_notice"}

TEMPLATES["pathway_plan"] = (
    """PATHWAY PLAN - [[Leaving Care Service|16+ Team]], {council}
Young person: {c.full}   Date of birth: {c.dob}
NI number: {c.nino}   NHS number: {c.nhs}   ULN: {c.uln}
Current address: {a.addr}, {a.town}, {a.pc}   Mobile: {c.mobile}
Personal Adviser: {w.full} ({w.email}, {w.phone})

Education, training and employment: [[{c.first} is studying [[Level 2 Health and Social Care|Level 1 Construction|ESOL]] at {town} College.|{c.first} is NEET and has been referred to the Prince's Trust.]]
Health: [[{c.first} is registered with a GP and the dentist.|{c.first} is waiting for an assessment for ADHD and is on the waiting list for counselling.§health|{c.first} is pregnant (due {date}) and is seeing the teenage pregnancy midwife, {v.full}.§health]]
Finance: [[Universal Credit claim made on {past_date}.|Setting-up-home allowance of {amount} agreed.]]
[[Offending: {c.first} is subject to a Youth Rehabilitation Order until {date}.§criminal|Identity: {c.first} has asked for support to attend Friday prayers at the local mosque.§religion|]]
Next review: {date}"""
    + "§safeguarding"
)

TEMPLATES["hr_payroll"] = """{council} - [[Payroll|Schools HR Service]]

{date}

{x.title} {x.full}
{b.addr}
{b.town}
{b.pc}

Dear {x.title} {x.last},

[[Your appointment as [[Teaching Assistant|Learning Mentor|School Business Manager|Midday Supervisor]] at {sc.name}|Change to your contract|Pension auto-enrolment]]

[[Please check the details below and tell us of any errors.|We have updated your record as follows.]]
Employee number: {ref}
National Insurance number: {x.nino}
[[Date of birth: {x.dob}\n|]]Start date: {date}
[[Telephone: {x.phone}\n|]][[Trade union subscriptions: deducted from salary (UNISON).§trade_union|Salary sacrifice: cycle to work scheme.|]]

[[Yours sincerely,|Regards,]]
{m.full}
HR Adviser"""

TEMPLATES["ctf_transfer"] = """Common Transfer File - [[summary|pupil record]] ({date})
From: {sc.name} ({sc.town})   To: [[Beaumont Leys Academy|Fullhurst Community College|New College]]
Pupil: {c.last_first}   DOB: {c.dob}
UPN: {c.upn}   [[Former UPN: {s.upn}   |]][[ULN: {c.uln}|]]
Address: {a.addr}, {a.pc}
Contacts: {p.full} ({p.phone}); [[{q.full} ({q.mobile})|{x.full}, grandparent ({x.phone})]]
Exam candidate number: [[4021|7716|0093]]   Centre number: [[35412|20617|41108]]
KS2 results: reading 104, maths 101, GPS 99
[[SEN status: K (SEN support) - speech and language.§health|SEN status: N|FSM: yes]]
[[Child protection file transferred securely to the DSL on {date}.§safeguarding|]]"""

# Names and streets of the dev family (no name appears in both families).
FIRST_NAMES = {
    "british": [
        ("Oliver", "m"),
        ("Harry", "m"),
        ("Alfie", "m"),
        ("Thomas", "m"),
        ("Riley", "m"),
        ("Kyle", "m"),
        ("Mark", "m"),
        ("Reece", "m"),
        ("Amelia", "f"),
        ("Poppy", "f"),
        ("Summer", "f"),
        ("Evie", "f"),
        ("Rose", "f"),
        ("Chelsea", "f"),
        ("Joy", "f"),
        ("Holly", "f"),
    ],
    "south_asian": [
        ("Aarav", "m"),
        ("Gurpreet", "m"),
        ("Arjun", "m"),
        ("Rohan", "m"),
        ("Vikram", "m"),
        ("Jaswinder", "m"),
        ("Dev", "m"),
        ("Sahil", "m"),
        ("Priya", "f"),
        ("Harpreet", "f"),
        ("Anjali", "f"),
        ("Nusrat", "f"),
        ("Simran", "f"),
        ("Meera", "f"),
        ("Kiran", "f"),
        ("Parveen", "f"),
    ],
    "polish": [
        ("Jakub", "m"),
        ("Szymon", "m"),
        ("Mateusz", "m"),
        ("Tomasz", "m"),
        ("Zofia", "f"),
        ("Julia", "f"),
        ("Agnieszka", "f"),
        ("Magdalena", "f"),
    ],
    "somali": [
        ("Abdirahman", "m"),
        ("Abdullahi", "m"),
        ("Ismail", "m"),
        ("Yasin", "m"),
        ("Hodan", "f"),
        ("Fadumo", "f"),
        ("Hibo", "f"),
        ("Ifrah", "f"),
    ],
    "caribbean": [
        ("Jermaine", "m"),
        ("Marcus", "m"),
        ("Andre", "m"),
        ("Winston", "m"),
        ("Shanice", "f"),
        ("Tanisha", "f"),
        ("Chantelle", "f"),
        ("Jada", "f"),
    ],
    "irish": [
        ("Cian", "m"),
        ("Padraig", "m"),
        ("Eoin", "m"),
        ("Siobhan", "f"),
        ("Niamh", "f"),
        ("Roisin", "f"),
    ],
    "chinese": [
        ("Wei", "m"),
        ("Hao", "m"),
        ("Kai", "m"),
        ("Mei Ling", "f"),
        ("Yan", "f"),
        ("Ying", "f"),
    ],
    "west_african": [
        ("Chidi", "m"),
        ("Oluwaseun", "m"),
        ("Emeka", "m"),
        ("Adaeze", "f"),
        ("Ngozi", "f"),
        ("Folake", "f"),
    ],
    "eastern_european": [
        ("Andrei", "m"),
        ("Lukas", "m"),
        ("Vytautas", "m"),
        ("Ioana", "f"),
        ("Ieva", "f"),
        ("Kristina", "f"),
    ],
    "middle_eastern": [
        ("Omar", "m"),
        ("Ahmad", "m"),
        ("Hussein", "m"),
        ("Layla", "f"),
        ("Rania", "f"),
        ("Nour", "f"),
    ],
}
SURNAMES = {
    "british": [
        "Smith",
        "Taylor",
        "Wilson",
        "Thomas",
        "Walker",
        "Thompson",
        "Green",
        "Wood",
        "Clarke",
        "Marsh",
        "Hill",
        "Bird",
        "Booth",
        "Ward",
        "Smith-Jones",
    ],
    "south_asian": [
        "Patel",
        "Begum",
        "Hussain",
        "Kaur",
        "Mistry",
        "Chowdhury",
        "Parmar",
        "Uddin",
        "Gill",
        "Desai",
        "Miah",
        "Sandhu",
    ],
    "polish": ["Kowalski", "Wisniewski", "Kaminski", "Zielinski", "Dabrowski", "Krawczyk"],
    "somali": ["Farah", "Abdi", "Omar", "Jama", "Egal", "Ismail"],
    "caribbean": ["Campbell", "Grant", "Richards", "Douglas", "Bailey", "Morgan"],
    "irish": ["Murphy", "Kelly", "Byrne", "McCarthy", "O'Sullivan", "Fitzgerald"],
    "chinese": ["Chen", "Li", "Liu", "Cheung", "Yeung"],
    "west_african": ["Okafor", "Adeyemi", "Okonkwo", "Balogun", "Eze"],
    "eastern_european": ["Popescu", "Kazlauskas", "Stan", "Jankauskas", "Rusu"],
    "middle_eastern": ["Rashid", "Yilmaz", "Haddad", "Saleh", "Kaya"],
}
STREETS = [
    "Brookfield Road",
    "Evington Road",
    "Victoria Park Road",
    "Stoney Lane",
    "Cromwell Avenue",
    "Beaumont Walk",
    "Park View",
    "Melbourne Road",
    "Narborough Road",
    "Willow Crescent",
    "Wellington Terrace",
    "Ladypool Road",
    "Stapleton Road",
    "Marlborough Road",
    "Highfield Street",
    "Coniston Gardens",
    "Heather Mews",
    "Burley Road",
    "Hawthorn Rise",
    "Gipsy Lane",
]
