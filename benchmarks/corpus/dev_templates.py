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


# ---- added 25 November (issue 2): wider vocabulary for every special category, and documents
# that use the same words harmlessly. Written from practice in English schools and children's
# social care, not from any holdout text.

TEMPLATES["concern_log"] = """[[CPOMS|MyConcern|Safeguarding log]] - [[incident|concern]] record
Student: {c.full} ({c.year_group})   [[Tutor group: {c.year_group}B|Class: {c.year_group}]]
Logged by: {t.title} {t.full}, {time}, {date}
[[Category: Safeguarding - disclosure
{c.first} told me at break that {c.his} mum's boyfriend [[grabbed {c.him} by the arm and pushed {c.him} into the wall|hit {c.him} with a belt|locks {c.him} in {c.his} room]] last night. I did not ask leading questions and wrote down what {c.he} said. Passed to {d.title} {d.last} (DSL) straight away.
Action taken: [[Referred to MASH on {date}.|Strategy discussion requested with children's social care.]]§safeguarding|Category: Neglect
{c.first} has come in wearing the same uniform for the fourth day, smelling strongly of urine, and said there was nothing for tea. DSL informed; previous entries show a pattern.
Action taken: [[Early help offered to {p.first}.|Discussed with DSL; monitoring.]]§safeguarding|Category: Domestic abuse (Operation Encompass)
Operation Encompass notification received from police at 08:05: officers attended a domestic incident at the home address overnight; {c.first} was present. Key adult to check in with {c.him} today.§safeguarding|Category: Online safety
{c.first} showed a friend messages from an adult man {c.he} met on Snapchat asking {c.him} to send pictures. Phone not viewed by staff. DSL and police informed.§safeguarding|Category: Attendance - missing education
{c.first} has not been seen in school for 10 days and the family cannot be reached on {p.mobile}. Home visit made - no answer. Child missing education referral made.§safeguarding|Category: Mental health
{c.first} was found crying in the toilets and showed {t.title} {t.last} fresh cuts on {c.his} forearm. First aid given; {p.first} was phoned and DSL informed.§safeguarding,health|Category: Wellbeing
{c.first} refused to take off {c.his} coat in PE and became upset; when asked, {c.he} said {c.he} had been hearing voices again and had stopped taking {c.his} tablets. Parent informed by phone.§health|Category: Behaviour
{c.first} lost {c.his} PE kit again and was rude to the lunchtime supervisor. Sanction: 30 minute detention.|Category: Accident
{c.first} bumped {c.his} head on the climbing frame. Cold compress applied, head bump letter sent home.]]"""

TEMPLATES["early_help"] = (
    """[[Early Help Assessment|Team Around the Family (TAF) review|Family Hub - early help plan]]
Family: [[{p.full} and children|the {c.last} family]]
Children: {c.full} ({c.dob})[[, {s.full} ({s.dob})|]]
Address: {a.addr}, {a.town}, {a.pc}
Lead practitioner: {d.full}, {sc.name}
Date: {date}

What's working well: [[{p.first} is a loving parent and the children are always clean and well dressed.|{c.first} has a good relationship with {c.his} class teacher.|Grandparents help with school runs.]]

What are we worried about: [[{p.first} has told us she has been struggling with depression since {s.first} was born and is on a waiting list for talking therapies.§health|{c.first} has been refusing to come to school because of anxiety and has panic attacks in the mornings.§health|The family are living in one room after eviction and money is very tight; there are rent arrears of {amount}.|{c.first}'s behaviour at home has become difficult to manage and {p.first} would like parenting support.|{q.first} is drinking heavily and there have been arguments in front of the children.]] [[{c.first} has severe eczema and asthma and has had two hospital admissions this year.§health|{s.first} is under the community paediatrician for speech delay.§health|]]

[[The family are practising Sikhs and {q.first} asked that the worker removes shoes in the house.§religion|{p.first} explained that the family are Jehovah's Witnesses and the children do not celebrate birthdays or Christmas.§religion|The family are observant Muslims and the children attend madrasa after school four evenings a week.§religion|The family are Irish Travellers and spend the summer travelling for work.§ethnicity|{p.first} asked for an interpreter for Tigrinya at the next meeting.|]]

Plan: [[Referral to the family hub parenting course; next TAF meeting {date}.|Support with a housing application and food bank vouchers; review {date}.|Step up to children's social care if there is no improvement by {date}.]]"""
    + "§safeguarding"
)

TEMPLATES["s47_outcome"] = (
    """{council} Children's Social Care
[[Outcome of child protection enquiries|Strategy discussion - record|Section 47 enquiry: outcome]]

Child: {c.full}   DOB: {c.dob}[[   NHS: {c.nhs}|]]
Allocated social worker: {w.full} ({w.phone})
Team manager: {m.full}
Date of strategy discussion: {past_date}   Present: {w.full}, {o.title} {o.full} ([[police|health]]), {d.full} (school)

Reason: [[{c.first} told a teaching assistant that {c.his} father had cut {c.him}; a mark was seen on {c.his} arm.|A paediatric assessment found [[a fracture|bruising]] with no explanation consistent with the injury.|{c.first} disclosed that an uncle had touched {c.him} inappropriately.|Concerns that {c.first} is being taken abroad this summer for [[FGM|a forced marriage]].|Intelligence that {c.first} is being used to carry drugs between towns and has been found with large amounts of cash.|{c.first}'s older brother was found with indecent images of children on his phone.]]

Outcome: [[Threshold met for an Initial Child Protection Conference, to be held on {date}.|Concerns not substantiated; the family will be offered support under section 17 as a child in need.|Police to interview {q.full} under caution; {q.first} has been bailed not to return to the family home.§criminal|{c.first} has been placed with [[foster carers|{c.his} grandmother under a kinship arrangement]] under section 20 while enquiries continue.|An Emergency Protection Order was granted on {past_date} and the local authority has issued care proceedings.]]"""
    + "§safeguarding"
)

TEMPLATES["lado_allegation"] = (
    """[[LADO referral|Allegation against a member of staff - record|Managing allegations: initial consideration]]
Setting: {sc.name}
Member of staff: {x.title} {x.full}, [[teaching assistant|PE teacher|minibus driver|after-school club leader]]
Referred by: {h.full}, Headteacher, {h.email}
LADO: {m.full}
Date: {date}

Allegation: [[a Year 9 pupil says {x.title} {x.last} sent {c.him} private messages on Instagram late at night|{x.title} {x.last} is alleged to have grabbed a pupil by the collar and pushed him against a wall|{x.title} {x.last} was arrested at the weekend for a drink-driving offence and has told the head§criminal|a parent alleges that {x.title} {x.last} smacked {c.first} in the dinner hall]].

[[Outcome: substantiated; {x.title} {x.last} has been dismissed and a referral made to the DBS and the Teaching Regulation Agency.|Outcome: unfounded; no further action.|The police are investigating and {x.title} {x.last} is suspended on full pay pending the outcome.§criminal|]] [[{x.title} {x.last} was accompanied at the meeting by {t.full}, [[NASUWT|NEU|UNISON|GMB]] representative.§trade_union|{x.title} {x.last} has been signed off with work-related stress and has been referred to occupational health.§health|]]"""
    + "§safeguarding"
)

TEMPLATES["cla_review"] = (
    """[[Looked After Child Review|CLA review|Review of arrangements for a child in care]] - {council}
Child: {c.full}   DOB: {c.dob}   Legal status: [[full care order (s31)|interim care order|accommodated under s20|placement order]]
Placement: [[with foster carers {x.title} {x.full}, {b.addr}|in a residential children's home|with {c.his} aunt as a connected person (kinship) placement|with prospective adopters]]
Independent Reviewing Officer: {m.full}
Social worker: {w.full}

Identity and culture: [[{c.first} is of Black Caribbean and White British heritage; {c.his} carers take {c.him} to a barber who knows how to care for {c.his} hair.§ethnicity|{c.first} was brought up as a Muslim and {c.his} carers provide halal food and take {c.him} to the mosque for Jummah.§religion|{c.first} goes to Mass with {c.his} carers on Sundays and is preparing for {c.his} First Holy Communion.§religion|{c.first}'s mother has asked that {c.he} is raised in the Hindu faith; {c.his} carers celebrate Diwali with {c.him}.§religion|{c.first} likes to cook Polish food with {c.his} carer on Saturdays.|{c.first} enjoys drama club and has made two new friends.]]

Health: [[Review health assessment completed on {past_date}; immunisations up to date; dentist seen.|{c.first} has a diagnosis of foetal alcohol spectrum disorder and is under the paediatrician.§health|{c.first} has been prescribed melatonin for sleep and sees a CAMHS clinician monthly.§health|{c.first} is waiting for an assessment for autism.§health]]

Contact: [[Supervised family time with {p.first} once a month at the family centre.|Letterbox contact with {p.first} twice a year.|Sibling contact with {s.first} every fortnight.]]
Next review: {date}"""
    + "§safeguarding"
)

TEMPLATES["healthcare_plan"] = (
    """Individual Healthcare Plan - {sc.name}
Pupil: {c.full}   DOB: {c.dob}   Class: {c.year_group}
Parent/carer: {p.full}, {p.mobile}
GP: Dr {o.last}, [[Narborough Road Surgery|The Limes Medical Practice|Manor Park Health Centre]]

Medical condition: [[Type 1 diabetes. {c.first} has an insulin pump and checks {c.his} blood glucose before lunch and PE; hypo kit in the classroom.|Epilepsy (absence and tonic-clonic seizures). Buccal midazolam is kept in the office; call 999 if a seizure lasts more than 5 minutes.|Anaphylaxis to peanuts and tree nuts. Two adrenaline auto-injectors (Jext) go everywhere with {c.him}.|Sickle cell disease. {c.first} needs to keep warm, drink plenty of water and may need pain relief; crises can need hospital admission.|Asthma. Blue reliever inhaler (salbutamol) kept in class; spacer to be used.|Crohn's disease. {c.first} needs quick access to the toilet and may be tired after flare-ups.|Hearing loss; {c.first} wears bilateral hearing aids and the teacher uses a radio aid.]]
[[Medication in school: [[none|Movicol sachets, one daily|methylphenidate 10mg at lunchtime|cetirizine as needed]].|]]
Staff trained: {t.full}, {e.full}
Review date: {date}"""
    + "§health"
)

TEMPLATES[
    "staff_absence"
] = """{sc.name} - [[Return to work interview|Attendance management: stage 1 meeting]]
Employee: {x.title} {x.full}   [[Role: Teaching Assistant|Role: Class teacher|Role: School cook|Role: Site supervisor]]
Manager: {h.full}
Date: {date}

[[Reason for absence: [[stress and anxiety|a hysterectomy|a back injury at home|pregnancy-related sickness|depression|a hernia operation|symptoms of the menopause]], {count} days.§health|Reason for absence: compassionate leave following a bereavement.|Reason for absence: jury service.|Reason for absence: the car broke down; annual leave agreed in lieu.]]
[[{x.title} {x.last} has been referred to occupational health and a phased return is recommended.§health|A stress risk assessment will be completed with {x.title} {x.last}.§health|No adjustments are needed.|]]
[[{x.title} {x.last} was accompanied by {t.full} from [[UNISON|the GMB|the NEU|the NASUWT|Unite]].§trade_union|{x.title} {x.last} chose not to be accompanied.|]]
[[{x.title} {x.last} asked to finish early on Fridays in the winter months to attend Jumu'ah prayers; agreed.§religion|{x.title} {x.last} asked for leave for a family wedding in Dublin; agreed.|]]
Signed: {h.full}"""

TEMPLATES["faith_request"] = """[[Dear {h.title} {h.last},|Dear {t.title} {t.last},|Hello,]]

[[{c.full} is fasting this Ramadan and we ask that {c.he} is allowed to sit in the library instead of going to the dining hall at lunchtime.§religion|As Jehovah's Witnesses we would like to withdraw {c.full} from collective worship and from the Christmas performance.§religion|{c.full} is Sikh and wears a kara; we ask that {c.he} is not asked to take it off for PE but can cover it with a sweatband.§religion|{c.full} has started wearing a hijab and we would like to know the uniform policy on this.§religion|We are Orthodox Jewish and {c.first} needs to leave early on Fridays in winter to be home before Shabbat.§religion|{c.first} is being confirmed at St Mary's church on {date} and the bishop's service is at {time}.§religion|{c.full} will be baptised at our chapel on {date} and the whole family will travel to Wales.§religion|Could {c.full} please be allowed to pray Zuhr in a quiet room during the lunch break?§religion|{c.full} has been asked to play the innkeeper in the nativity; {c.he} is very excited and has been practising {c.his} lines.|{c.full} was upset after the Religious Education lesson on Hinduism because {c.his} project was lost; could the RE teacher have a look?|{c.full} has been invited to a birthday party on Saturday, so will miss the football match.|Please excuse {c.full} on {date} as we are visiting a university open day with {c.his} older brother.]]

[[Thank you for your understanding.|Many thanks,|Kind regards,]]
{p.full}[[\n{p.mobile}|\n{p.email}|]]"""

TEMPLATES[
    "admission_faith"
] = """{council} School Admissions - [[Supplementary Information Form|Appeal hearing note|Application notes]]

Applicant child: {c.full}   Date of birth: {c.dob}
Parent: {p.title} {p.full}, {a.addr}, {a.pc}
School applied for: [[St Thomas More Catholic Primary School|St Peter's Church of England Academy|King David School|Guru Nanak Sikh Academy|Beaumont Leys School]]

[[The family attend Mass weekly at Our Lady of Lourdes parish and {c.first} was baptised a Catholic; the parish priest, Father {o.last}, has signed the form.§religion|{p.first} states that the family have worshipped at St Peter's church at least twice a month for two years, confirmed by the vicar.§religion|The family are members of the local synagogue and the rabbi has confirmed their observance.§religion|The family worship at the Guru Tegh Bahadur gurdwara; a letter from the granthi is attached.§religion|The application is under the distance criterion only; the home is 0.8 miles from the school.|{p.first} has asked for {c.first} to join {s.first}, who is already at the school (sibling criterion).|{c.first} has an EHC plan naming the school.§health]]

[[Faith criteria were not applied; the school is not oversubscribed.|The panel will meet on {date}.|]]
Officer: {m.full}"""

TEMPLATES[
    "political_staff"
] = """[[Governing board - register of business and pecuniary interests|Staff declaration of interests|Email to the clerk to governors]]
[[Name: {x.title} {x.full}|From: {x.full} <{x.email}>]]
Date: {date}

[[I am a member of the Conservative Party and sit on the local association committee.§political_opinion|I am a Labour Party member and a candidate in the county council elections in May.§political_opinion|I am standing for the Green Party in the {town} East ward in the local elections.§political_opinion|I am a Reform UK councillor on {council}.§political_opinion|I am a Liberal Democrat councillor for the {town} Central ward.§political_opinion|I campaign with Extinction Rebellion and have been at several climate protests this year.§political_opinion|I have volunteered for the SNP during the last general election campaign.§political_opinion|I am a trustee of a local food bank.|My wife works for the catering company that supplies the school.|I am a director of a small building firm that has done work for the Trust.|I have no interests to declare.]]

[[I am also the school rep for the NEU.§trade_union|I am a member of UNISON and attend branch meetings.§trade_union|I am also a governor at another school in {town}.|]]
[[I have read the code of conduct for governors.|Signed: {x.full}]]"""

TEMPLATES["prevent_referral"] = (
    """[[Prevent referral form|Channel panel - case summary|Notification to the Prevent lead]]
Name: {c.full}   DOB: {c.dob}   School: {sc.name}
Referrer: {d.full}, DSL ({d.email})
Date: {date}

Concern: [[{c.first} has been sharing far-right memes in a class group chat and said that immigrants should be "sent back".§political_opinion|{c.first} has been drawing swastikas in {c.his} books and talking about a neo-Nazi group {c.he} follows online.§political_opinion|{c.first} has become increasingly isolated and is spending a lot of time on incel forums.|{c.first} has been talking about wanting to hurt people at school and is fascinated by school shootings.]]

[[Parents are aware and engaging.|{p.first} has not been told as this may increase the risk.]] [[Channel panel to consider on {date}.|Case adopted by Channel; an intervention provider will be allocated.|Not suitable for Channel; managed by school with the DSL.]]"""
    + "§safeguarding"
)

TEMPLATES[
    "nurse_dropin"
] = """[[School nurse drop-in|Health and wellbeing drop-in|Sexual health outreach]] - record
Young person: {c.full} ({c.year_group})   DOB: {c.dob}
Seen by: {v.full}, [[School Nurse|Specialist Nurse|Youth Worker]]
Date: {date}

[[{c.first} asked for the C-card and was given condoms and advice on consent.§sex_life|{c.first} said {c.he} is sexually active with a partner of the same age and would like to start the pill.§sex_life|{c.first} said {c.he} has been with a girl and a boy and thinks {c.he} is bi; {c.he} would like to join the LGBTQ+ youth group.§sexual_orientation|{c.first} came out to {c.his} parents as a lesbian last month and things at home are tense.§sexual_orientation|{c.first} uses he/him pronouns in school and would like to change {c.his} name on the register; {c.he} has been wearing a chest binder.§gender|{c.first} is questioning {c.his} gender and has asked to use the accessible toilet.§gender|{c.first} did a pregnancy test which was positive; options discussed, including termination, and referred to the sexual health clinic.§health,sex_life|{c.first} came to talk about exam stress and sleep; sleep hygiene advice given.§health|{c.first} wanted advice on a healthy diet for football training.|{c.first} came for the HPV vaccination catch-up.]]

[[Fraser competence assessed.|Follow-up in two weeks.|No further action.]]"""

TEMPLATES["police_notice"] = (
    """[[Police notification to school|Youth Justice Service - court outcome|Information share from the police]]
Subject: {c.full}, DOB {c.dob}
Address: {a.addr}, {a.pc}
Officer: [[PC|DC|PCSO]] {o.last}, {o.email}
Date: {date}

[[{c.first} was arrested on {past_date} for [[possession with intent to supply cannabis|robbery of a mobile phone|a racially aggravated public order offence|affray]] and has been released on bail until {date}.|{c.first} appeared at Youth Court on {past_date} and was given a 12-month Youth Rehabilitation Order with a curfew and an electronic tag.|{c.first} received a Community Resolution for criminal damage to a bus shelter.|{c.first} was found in possession of a bladed article near the school gates and has been charged.|{c.first} has been convicted of sexual assault and will be subject to notification requirements.]]

[[Bail conditions: not to contact the victim, a pupil at {sc.name}.|The youth offending team worker is {w.full} ({w.phone}).|]] [[There are concerns that {c.first} is being exploited by older males and an NRM referral has been made.§safeguarding|]]"""
    + "§criminal"
)

TEMPLATES["union_letter"] = """{council} Schools HR - [[staff record|payroll]]

{date}

{x.title} {x.full}
{b.addr}
{b.pc}

Dear {x.title} {x.last},

[[Thank you for telling us that you are a member of the NEU and intend to take part in the national strike action on {date}. Pay will be deducted for that day.§trade_union|Your request for 0.2 FTE facility time as UNISON branch secretary has been approved from {date}.§trade_union|We have stopped the deduction of your GMB union subscriptions from your salary as you asked.§trade_union|As a NAHT member you are entitled to be represented by a regional officer at the hearing on {date}.§trade_union|Following the review of the lunchtime rota, your working hours will change from {date}.|Please find enclosed your contract for the new post, starting on {date}.]]

[[If you have any questions, please contact {m.full} on {m.phone}.|Yours sincerely,]]
{m.full}
HR Adviser"""

TEMPLATES["sen_transition"] = (
    """[[Year 6 to Year 7 transition - SEND information|SENCo handover notes|Transition review]]
Pupil: {c.full}   DOB: {c.dob}   UPN: {c.upn}
From: {sc.name}   SENCo: {e.full}
Parent: {p.full}, {p.phone}

Needs: [[{c.first} has an EHCP for autism; {c.he} uses ear defenders and needs a quiet space at lunch.|{c.first} is on SEN support for dyslexia and has a reader and 25% extra time.|{c.first} has Tourette's syndrome; tics increase with stress.|{c.first} has ADHD and takes Concerta XL each morning; a movement break helps.|{c.first} has Down's syndrome and is supported by a 1:1 TA.|{c.first} has a visual impairment and needs large-print (N24) resources.|{c.first} has developmental coordination disorder and uses a laptop for writing.|{c.first} has selective mutism and communicates with cards at first.|{c.first} has a stammer and has had speech and language therapy since Year 2.]]
[[{c.first} was referred to the Educational Psychology Service in Year 5.|{c.first} likes Minecraft and art.|]]"""
    + "§health"
)

TEMPLATES["class_update"] = """From: {t.full} <{t.email}>
To: {p.email}
Subject: [[{c.first}'s week|Quick update|Message from class teacher]]

[[Dear {p.title} {p.last},|Hi {p.first},]]

[[{c.first} did brilliantly in the spelling test today and was star of the week.|{c.first} has been chosen to stand in the school council election next week; {c.he} has written a great speech.|{c.first} gave a lovely talk in the RE lesson about how Christians celebrate Easter, as part of our topic on world religions.|We are looking at the labour market and careers this half term and {c.first} asked great questions.|{c.first} was picked for the health and safety poster competition.|Thank you for the invitation to {c.first}'s birthday party, which the class are excited about.|I have attached the lesson plan for next week's maths so you can support {c.first} at home.|{c.first} helped raise money for Christian Aid by running a cake sale.|{c.first} has been elected as a member of the eco council.|{c.first} played Mary in the nativity and did a great job.]]

[[Please remember PE kits on Tuesdays.|The school trip is on {date}.|]]

[[Best wishes,|Thanks,|Kind regards,]]
{t.title} {t.last}"""

TEMPLATES[
    "curriculum_overview"
] = """{sc.name} - [[Curriculum overview|Staff training calendar|Governors' report]] [[Spring term|Summer term|Autumn term]]

[[RE: Year 4 study Christianity, Islam and Sikhism, including a visit to the gurdwara and a talk from the local imam about Ramadan and Eid.|PSHE and RSE: consent, healthy relationships, puberty, and LGBTQ+ inclusion in line with statutory guidance.|History: the suffragettes, the Chartists and the growth of the trade union movement; Year 9 debate on whether votes at 16 would help the Labour Party or the Conservatives.]]
[[Staff training: Level 3 child protection for the DSL team, epilepsy and EpiPen awareness for all staff, mental health first aid, and Prevent duty refresher.|The school council elections take place in week 3; candidates give a speech in assembly.|Our Healthy Schools award was renewed; the asthma policy and the medicines policy were updated.]]
[[The data protection policy explains how we handle special category data such as health, religion and ethnicity.|Black History Month and Pride Month displays will be in the hall.|Customer care training for office staff on {date}.]]
[[Next review: {date}.|]]"""

TEMPLATES[
    "job_safeguarding_notice"
] = """[[Safeguarding information for visitors|Notice: who to contact|Visitor leaflet]] - {sc.name}

[[If you have a concern about a child, speak to the Designated Safeguarding Lead or a deputy straight away. Do not investigate or promise to keep a secret.|All visitors must sign in and wear a lanyard; red lanyards are escorted at all times.|If an allegation is made about a member of staff, the headteacher contacts the LADO.]]
[[Signs of abuse and neglect can include unexplained injuries, changes in behaviour and poor hygiene.|Children who go missing from education may be at risk of exploitation, FGM or forced marriage.|Staff follow Keeping Children Safe in Education and Working Together to Safeguard Children.]]
[[The school nurse runs a drop-in on Wednesdays for questions about health, medication or sexual health.|Our chaplaincy team offers a prayer room that is open to pupils of all faiths and none.|The school is a member of the local teaching school alliance.]]"""

NEGATIVE |= {"curriculum_overview", "job_safeguarding_notice"}


# ---- second batch (issue 2): more kinds of document, written before looking at what the engine
# finds in them.

TEMPLATES["discharge_letter"] = (
    """[[Paediatric Assessment Unit|Children's Ward 27|Emergency Department]] - [[discharge summary|letter to school]]
[[Leicester Royal Infirmary|Bradford Royal Infirmary|Royal Preston Hospital]]

Patient: {c.full}   DOB: {c.dob}   NHS: {c.nhs}
School: {sc.name}
Copy to: {e.full}, SENCo

[[{c.first} was admitted on {past_date} with diabetic ketoacidosis and has been started on a basal-bolus insulin regime.|{c.first} was seen after a prolonged seizure at home; {c.his} anti-epileptic dose has been increased.|{c.first} had an appendicectomy and should not do PE for four weeks.|{c.first} attended with an acute asthma attack and was given nebulisers and a course of oral steroids.|{c.first} was treated for a fractured radius after falling off a trampoline; {c.he} will be in a plaster cast for six weeks.|{c.first} presented after taking an overdose of paracetamol and has been referred to the crisis team.]]
[[Please allow {c.him} to rest and to leave lessons when needed.|Please call {p.first} on {p.mobile} if {c.he} is unwell.|]]
Dr {o.full}, [[ST4 Paediatrics|Consultant Paediatrician|Clinical Fellow]]"""
    + "§health"
)

TEMPLATES["annual_review_minutes"] = (
    """EHCP Annual Review - minutes
Young person: {c.full} ({c.year_group})   DOB: {c.dob}
Present: {p.full} (parent), {e.full} (SENCo), {t.full} (class teacher), [[{o.full} (Educational Psychologist)|{o.full} (Specialist Teacher, Sensory Support)|{o.full} (Speech and Language Therapist)]]

Views of the young person: [[{c.first} said {c.he} likes the calm room and wants more time on the computer.|{c.first} drew a picture of {c.his} best day at school.|{c.first} did not want to attend but gave {c.his} views to {c.his} TA.]]

Needs: [[{c.first} has a Pathological Demand Avoidance profile of autism and becomes dysregulated when given direct instructions.|{c.first} has hypermobility syndrome and tires quickly; {c.he} uses a writing slope and a wobble cushion.|{c.first} has a moderate learning difficulty and a working memory well below average.|{c.first} is profoundly deaf and uses BSL; a communication support worker is with {c.him} all day.|{c.first} has a diagnosis of FASD and struggles with cause and effect.|{c.first} has Duchenne muscular dystrophy and now uses a powered chair.]]

Provision: [[25 hours of 1:1 support|Small-group literacy three times a week|Weekly sessions with the specialist teacher]]. Next review: {date}."""
    + "§health"
)

TEMPLATES["attendance_panel"] = """Attendance Panel - {sc.name}
Pupil: {c.full}   {c.year_group}   Attendance this year: {pct}
Parent: {p.title} {p.full}
Education Welfare Officer: {m.full}

Discussion: [[{p.first} explained that {c.first} has been too anxious to leave the house most mornings and is on the CAMHS waiting list.§health|{c.first} has been caring for {c.his} mum, who has multiple sclerosis, on days when she cannot get out of bed.§health|The family took {count} days in term time for a holiday in Spain; a penalty notice warning was given.|{c.first} has had repeated tonsillitis and has an ENT appointment booked.§health|{p.first} said the family travel for the summer fairs as Romany Gypsies and asked for the school to provide work packs.§ethnicity|{c.first} missed the first week of term because the family were on Umrah in Saudi Arabia.§religion|{p.first} could not explain the absences and did not answer the door to the EWO; a referral to children's social care has been made.§safeguarding|{c.first}'s attendance dropped after the move to a new address; transport has now been arranged.]]

Agreed: [[a parenting contract for six weeks|a part-time timetable for four weeks, reviewed weekly|a further meeting on {date}]]."""

TEMPLATES["sw_email"] = (
    """From: {w.full} <{w.email}>
To: {d.email}
Subject: [[{c.initial}|Update - {c.full}|Children on my caseload at {sc.name}]]

[[Hi {d.first},|Dear {d.title} {d.last},]]

[[I have been allocated as the social worker for {c.first} and {s.first} following the assessment.|Just to let you know that the children are now supported on a Child in Need plan.|The conference agreed that the children will remain on protection plans for another six months.]] [[{q.first} was remanded in custody on {past_date} and is not to have any contact.§criminal|{p.first} and the children moved into a women's refuge on {past_date}; please do not share their new address.|{p.first} is now engaging with the drug and alcohol service and has been testing negative.§health|{p.first} has started a new relationship and we have done checks on her partner, {x.full}.|]]

[[Could you send me {c.first}'s attendance and any concerns before the review on {date}?|I will visit {c.first} in school on {date} at {time} if that is convenient.]]

{w.first}
[[Social Worker|Senior Social Worker|Advanced Practitioner]], {council}
{w.phone}"""
    + "§safeguarding"
)

TEMPLATES["staff_reference"] = """[[Confidential reference request|Reference]] - {x.title} {x.full}
Post applied for: [[Teaching Assistant|Learning Mentor|Science Teacher]] at {sc.name}
Referee: {h.full}, Headteacher

Absence in the last two years: [[{count} days, mostly for a long-term back condition and surgery.§health|{count} days, due to depression; {x.title} {x.last} was supported through a phased return.§health|{count} days.|none.]]
Disciplinary: [[none current.|a final written warning in {past_date} for failing to follow the safeguarding procedure.|none.]]
[[{x.title} {x.last} has a conviction for drink-driving from 2019 that {x.he} disclosed at interview.§criminal|{x.title} {x.last} has been the NASUWT school rep for three years and is well respected.§trade_union|{x.title} {x.last} is well organised and popular with pupils.|I would re-employ {x.title} {x.last} without hesitation.]]
Signed: {h.full} ({h.email})"""

TEMPLATES["pastoral_note"] = """Pastoral note - {c.full}, {c.year_group}
Tutor: {t.full}   Date: {date}

[[{c.first} told me {c.he} thinks {c.he} is pansexual and asked me not to tell {c.his} parents.§sexual_orientation|{c.first} asked to be called Max from now on and to use he/him; {c.he} has not told home yet.§gender|{c.first} said {c.his} dad is in prison and {c.he} visits him once a month.§criminal|{c.first} is giving up chocolate for Lent and was proud to tell the group.§religion|{c.first} has been getting racist comments on the bus about {c.his} Bangladeshi family.§ethnicity|{c.first} is worried about {c.his} mock exams and wants help with revision.|{c.first} fell out with {c.his} friendship group over a party invitation.|{c.first} has been elected form rep for the student council.]]
[[Passed to Head of Year.|Will check in next week.|Logged and shared with the DSL.§safeguarding]]"""

TEMPLATES["uasc_assessment"] = (
    """Initial assessment - unaccompanied asylum-seeking child
Name: {c.full}   Stated DOB: {c.dob}   [[Age disputed: yes|Age accepted]]
Placement: [[supported lodgings at {b.addr}|with foster carers, {x.full}|semi-independent accommodation]]
Allocated worker: {w.full}

[[{c.first} is from Eritrea and is an Orthodox Christian; {c.he} asked to find a church.§religion|{c.first} is Kurdish from northern Iraq and speaks Sorani.§ethnicity|{c.first} is a Hazara from Afghanistan and is a Shia Muslim.§ethnicity,religion|{c.first} travelled through Libya and Italy and arrived in the back of a lorry.]] [[{c.first} described being forced to work without pay on the journey; an NRM referral has been made.|{c.first} has nightmares and flashbacks and has been referred to the refugee mental health team.§health|{c.first} has scabies and has been treated by the GP.§health|]]
Next steps: [[ESOL place at {town} College; review in four weeks.|Age assessment on {date}.]]"""
    + "§safeguarding"
)

TEMPLATES[
    "nursery_incident"
] = """[[Accident record|Incident form]] - [[Little Acorns|Rainbow|Sunflowers]] Nursery
Child: {c.full}   Room: [[Caterpillars|Butterflies|Preschool]]
Staff: {t.full}   Date: {date}, {time}

[[Existing injury: {c.first} arrived with a bruise on {c.his} cheek; {p.first} said {c.he} fell down the stairs. This is the third injury this month, so the DSL has been told.§safeguarding|{c.first} bit another child on the arm during free play. Both parents informed.|{c.first} tripped over a bike and grazed {c.his} knee. Cleaned with water, plaster applied.|{c.first} had a toileting accident and was changed into spare clothes.|{c.first} had a febrile convulsion at lunchtime; an ambulance was called.§health|{c.first} came in with marks on {c.his} neck and {p.first} could not explain them; the DSL made a referral to the front door.§safeguarding]]

Parent signature: {p.full}"""

TEMPLATES["community_news"] = """{sc.name} - [[Community news|Around the school|Thank yous]]

[[Many thanks to {x.title} {x.full}, who organised our Diwali assembly and lit the diyas with Year 2.|Congratulations to {x.title} {x.full}, our new RE lead, who starts after half term.|Cllr {x.full} opened the new library on {date} and read to Reception.|Year 6 visited the Houses of Parliament with {t.title} {t.full} and met our local MP.|{x.title} {x.full} ran the paediatric first aid course for all staff.|{x.title} {x.full}, chair of the PTA, raised {amount} at the Christmas fair.]]

[[Our school council met with {h.full} to talk about the new playground.|The Eco Team, led by {t.full}, planted 40 trees.|Well done to {c.full}, who won the borough chess tournament.]]

[[Please contact {sc.email} with news for the next edition.|Office: {sc.phone}]]"""


# ---- third batch (issue 2): measured before any lexicon change for them.

TEMPLATES["parent_absence_email"] = """From: {p.full} <{p.email}>
To: {sc.email}
Subject: [[{c.first} - absence|{c.full} {c.year_group}|Today]]

[[Hi,|Morning,|Dear Office,]]

[[{c.first} won't be in today, {c.he}'s got {c.his} hospital check-up for {c.his} heart.§health|{c.first} has been up all night with a tummy bug so I'm keeping {c.him} off.§health|{c.first} had {c.his} tonsils out on Friday and the consultant says two weeks off.§health|{c.first} has started new tablets for {c.his} ADHD and they are making {c.him} sick, so {c.he} is home today.§health|{c.first} is really struggling with {c.his} mental health at the moment and I don't think {c.he} is safe to be in school.§health|{c.first} is off for Guru Nanak Gurpurab; we'll be at the gurdwara all day.§religion|{c.first} will be late, we've got a meeting with {c.his} social worker at 9.§safeguarding|{c.first} will be late, the car wouldn't start.|{c.first} has a dentist appointment at {time} and will come in after.|We are at my sister's wedding today, sorry for the short notice.]]

[[Thanks|Many thanks|Cheers]]
{p.first}"""

TEMPLATES["staff_grievance"] = """[[Formal grievance|Grievance - stage 1|Statement for HR]]
From: {x.title} {x.full}, {sc.name}
To: {h.full}, Headteacher
Date: {date}

[[I believe I have been treated less favourably because I am a practising Muslim: I was refused time to pray on Fridays.§religion|I believe comments made about my husband in the staffroom were homophobic; I am gay and I should not have to hide it.§sexual_orientation|Since I told my line manager I was pregnant I have been left off the rota for the residential.§health|I have asked three times for the reasonable adjustments recommended for my dyslexia and nothing has happened.§health|I believe I was singled out after I became the NEU rep and organised the ballot.§trade_union|I was told I could not wear my Remembrance poppy on duty, which I think is unfair.|I believe the overtime on the late rota has not been shared fairly in my team.|My parking space was given to a new member of staff without any discussion.]]

[[I would like this to be investigated under the grievance procedure.|I would like to meet to resolve this informally first.]]
{x.full}"""

TEMPLATES["trip_form"] = """{sc.name} - [[Residential trip|Day visit]] medical and dietary form
Child: {c.full}   Class: {c.year_group}
Emergency contact: {p.full}, {p.mobile}

Medical: [[none|hay fever - Piriton in the morning§health|travel sickness - please sit {c.him} at the front§health|wears glasses|bed wetting - spare sheets please§health|type 1 diabetic, pump and hypo snacks§health]]
Diet: [[no special diet|vegetarian|vegan|no pork please, we are Muslim§religion|kosher meals only§religion|no beef (Hindu)§religion|gluten free (coeliac)§health]]
Anything else: [[{c.he} is nervous about sleeping away from home|{c.he} sleepwalks sometimes|none|{c.first} has an EHCP and will need {c.his} TA on the trip§health]]
Signed: {p.full}"""

TEMPLATES["abe_interview"] = (
    """Joint investigation - Child Abuse Investigation Team (CAIT) and Children's Social Care
Child: {c.full}, DOB {c.dob}
Officer in case: [[DC|DS|PC]] {o.last} ({o.email})
Social worker: {w.full}

[[An ABE (Achieving Best Evidence) interview took place on {past_date}; {c.first} described being hit with a slipper by {c.his} stepfather.|{c.first} was medically examined at the sexual assault referral centre on {past_date}.|{c.first} has been spoken to about images shared of {c.him} at a party; the boys involved have been identified.|{c.first} was not willing to be interviewed; the case will be reviewed in two weeks.]] [[{q.full} has been arrested and interviewed.§criminal|No further police action; the social care assessment continues.|]]"""
    + "§safeguarding"
)

TEMPLATES["training_record"] = """Staff training record - {sc.name}
Name: {x.title} {x.full}   Role: [[Teaching Assistant|Midday Supervisor|Class Teacher]]
Completed this year:
- [[Level 2 Safeguarding and Child Protection|Safeguarding refresher (KCSIE part 1)]] - {past_date}
- [[Epilepsy awareness and rescue medication|Asthma and anaphylaxis awareness (EpiPen)|Diabetes awareness]] - {past_date}
- [[Paediatric first aid (12 hours)|Mental health first aid|Autism awareness (level 1)]] - {past_date}
- [[Prevent duty (online)|Manual handling|Fire marshal]] - {past_date}
Next due: {date}
Signed: {h.full}"""

TEMPLATES[
    "school_event_named"
] = """{sc.name} - [[Christmas arrangements|Harvest festival|Remembrance assembly]]

[[Dear Parents,|Dear Families,]]

[[{c.full} from {c.year_group} will read the first lesson at our carol service at St Mary's Church on {date}.|Our harvest festival donations go to the food bank; thank you to {p.full} for collecting them.|{c.full} and {s.first} will lay the wreath at the Remembrance assembly.|{t.title} {t.full} will lead the Diwali workshop for Year 3, making diva lamps.|{c.full} has been chosen as a shepherd in the Reception nativity.]]

[[Please bring donations to the school office.|Tickets are free; please email {sc.email}.]]
{h.full}
Headteacher"""

TEMPLATES["vs_report"] = (
    """Virtual School - termly report
Child looked after: {c.full}   {c.year_group}   Local authority: {council}
Carer: {x.full}   Social worker: {w.full}   Designated teacher: {d.full}

Attainment: [[on track in reading, below in maths|working towards in all subjects|above expected in writing]].
[[PEP targets met; Pupil Premium Plus used for a laptop.|{c.first} moved placement in March and has settled well.|{c.first} is on a reduced timetable while {c.his} new placement starts.]] [[{c.first} has been diagnosed with attachment difficulties and sees a therapist from the post-adoption team.§health|{c.first} has a stammer and sees the speech and language therapist fortnightly.§health|]]"""
    + "§safeguarding"
)

NEGATIVE |= set()
