"""Dev-kinds family: document kinds no other family has, for checking that category rules carry over.

Written on 26 November 2026 (session 4, issue 2) BEFORE the category lexicon and rules were
read, so that its first measurement estimates how the engine does on writing it was not tuned on.
The earlier dev-categories family taught the lesson that phrase lists grown from one family do not
reach other writers; this family is written from other document kinds (health visitor notes, a
school nurse drop-in log, EHCP draft sections, a youth offending team report, a foster carer's
log, MASH strategy notes, interpreter bookings, complaints, exclusion letters, court reports,
chaplaincy notes, parents' evening notes, admissions appeals, a Prevent referral, a college
reference, a CAMHS letter, a SENCO thread, staff HR letters, governor minutes, trip forms) and
says politics, faith, sexuality, gender, genetics, biometrics, union membership, offending and
ethnicity indirectly about one person, beside the same words about nobody, a group or a topic.

Two labels were corrected after the first measurement (a health visitor's contact record and a
formal sickness-absence meeting are health data: UK GDPR counts the provision of health care and
an employee's sickness as health); the first measurement is reported with both labellings.

Labelling conventions are the dev family's: SEN, an EHCP and an individual healthcare plan are
health; Early Help, a child in need or protection plan, looked-after status and care leavers are
safeguarding; a gender field (Male/Female) is not a category; a first language or nationality is
not ethnicity. Names and streets are this family's own.

It is not the holdout family (holdout_templates.py), which must not be read.
"""

# ruff: noqa: E501

from __future__ import annotations

TEMPLATES: dict[str, str] = {}

# ---- health visitor, school nurse, CAMHS, EHCP ----------------------------------------------

TEMPLATES[
    "health_visitor_notes"
] = """[[Health visiting record§health|HV contact note§health|Health visitor - new birth visit§health]]
Client: {p.full}   Baby: {s.full}
Address: {a.addr}, {a.town}
Date: {date}

[[Mum reports low mood since the birth; EPDS score 16, GP informed and perinatal team referral made.§health|Baby has tongue tie; referred to the infant feeding clinic.§health|Mum is of Bangladeshi heritage and her mother-in-law is staying to help for the first forty days.§ethnicity|Mum says the family follow the Orthodox Jewish tradition and the brit milah is planned for day eight.§religion|{q.first} was recently released from prison and is living at the address again.§criminal|Weight gain good, feeding well, next contact at 6-8 weeks.|Mum has returned to work part-time and grandma helps with childcare.|Discussed safe sleep, car seat use and the local baby group at the library.]]

[[Plan: review in two weeks.|Plan: universal offer.|Plan: phone contact in one week.]]
HV: {v.full}"""

TEMPLATES[
    "school_nurse_dropin"
] = """[[School nurse drop-in log|Drop-in clinic record|School health - confidential contact]]
Student: {c.first} {c.last}   {c.year_group}
Date: {date}

Reason for visit: [[{c.first} came in to ask about the morning-after pill after unprotected sex at the weekend.§sex_life|{c.first} wanted to talk about feeling attracted to other {c.boy}s and whether that is normal; {c.he} has not told anyone.§sexual_orientation|{c.first} asked about binding safely; {c.he} has been socially transitioning since the summer and wants to be referred to the gender service.§gender|{c.first} asked about a rash on {c.his} arms; advised emollient and to see the GP if it spreads.§health|{c.first} came for a chat about exam stress and is sleeping badly.§health|{c.first} wanted a plaster for a blister and some advice about the sponsored walk.|{c.first} asked for leaflets on healthy eating for a food technology project.|{c.first} came with a friend to ask about the vaccination session next week.]]

[[Advice given.|Follow-up booked.|Parent not informed at student's request (Fraser competent).|]]"""

TEMPLATES["camhs_letter"] = """{v.full}
[[Community CAMHS|Child and Adolescent Mental Health Service|CAMHS Getting Help team]], {council}

{date}

Dear {p.title} {p.last},

Re: {c.full}, DOB {c.dob}

[[Thank you for attending the choice appointment with {c.first}. We agreed {c.he} would benefit from eight sessions of CBT for {c.his} anxiety.§health|Following the assessment, {c.first} has been placed on the waiting list for an autism assessment.§health|{c.first} has told us that {c.he} has been self-harming; we have made a safety plan together.§health|{c.first} has been given a diagnosis of obsessive compulsive disorder and we have discussed treatment options.§health]] [[{c.first} also shared that {c.he} is questioning {c.his} gender and would like to be called {pref_name} in sessions.§gender|{c.first} spoke about being bullied after coming out as bi in Year 8.§sexual_orientation|{c.first} said faith is important to {c.him} and {c.he} finds going to the mosque with {c.his} uncle helps.§religion||]]

Yours sincerely,
{v.first} {v.last}
Clinical psychologist
cc GP"""

TEMPLATES["ehcp_draft"] = """[[DRAFT Education, Health and Care Plan§health|Draft EHC plan§health]]
Section [[A: the views, interests and aspirations of the child and family|B: special educational needs|C: health needs]]
Name: {c.full}   Date of birth: {c.dob}   UPN: {c.upn}

[[{c.first} enjoys Lego, dinosaurs and swimming and would like to be a vet.|{c.first} has a diagnosis of Down syndrome (trisomy 21) confirmed by chromosome testing at birth.§genetic|{c.first} has global developmental delay; genetic testing (microarray) found a 22q11 deletion.§genetic|{c.first} has a moderate hearing loss and wears bilateral hearing aids.|{c.first}'s parents would like {c.him} to attend a school near home so {c.he} can keep {c.his} friends.|The family are Polish-speaking; {p.first} would like letters translated.|{c.first}'s father has asked that {c.first} is not taught about other religions because the family are strict Exclusive Brethren.§religion|The family practise Rastafari and {c.first} keeps {c.his} locs covered; please respect this at swimming.§religion]]

[[Outcome: to communicate needs using symbols by the end of Key Stage 1.|Provision: 15 hours of teaching assistant support a week.|]]"""

TEMPLATES["senco_thread"] = """From: {e.full} <{e.email}>
To: {t.email}
Subject: RE: [[{c.first} - support plan|{c.first} {c.last} - reading|quick question about {c.first}]]

[[Hi {t.first},|{t.first} -]]

[[Mum rang back: the paediatrician thinks {c.first} has dyspraxia and will write to us.§health|The OT report is in: {c.first} needs a writing slope and a pencil grip.§health|{c.first} is on the register now for speech and language and will start sessions next week.§health|{c.first}'s reading age is only six months behind now so we'll stop the intervention at half term.|{c.first} has been picked for the spelling bee, so could you let {c.him} practise at lunch?|Can you send me {c.first}'s book scores before Friday?]]

[[Also, {p.first} mentioned the family have just come back from a month in Sylhet and {c.first} has been fasting with the family for Ramadan, so {c.he} might be tired.§religion|Also, {p.first} said {c.first}'s dad has been banned from driving after the court case, so Nan will do pick-ups.§criminal|Also, {p.first} asked if {c.first} can sit next to {c.his} friend.|]]

Thanks,
{e.first}

> On {past_date}, {t.full} wrote:
> [[Any news from the assessment?|Is {c.first} on the list for the support group?]]"""

# ---- safeguarding and youth justice -----------------------------------------------------------

TEMPLATES["yot_report"] = (
    """[[Youth Offending Team|Youth Justice Service]] - [[pre-sentence report extract|AssetPlus summary|referral order panel report]]
Young person: {c.full}   DOB: {c.dob}
Case manager: {w.full}

[[{c.first} pleaded guilty to possession of a bladed article and was given a nine-month referral order.§criminal|{c.first} appeared at youth court on {past_date} charged with robbery; the case was adjourned.§criminal|{c.first} received a youth caution for criminal damage to a bus shelter.§criminal|{c.first} completed the reparation hours at the allotment project.]] [[{c.first} says {c.his} older cousin drew {c.him} into selling cannabis to pay off a debt.§safeguarding|{c.first}'s attendance at the alternative provision has improved.|{c.first} has been diagnosed with ADHD and now takes medication.§health|{c.first} told me {c.he} follows a far-right influencer and agrees that migrants should be sent back; this has been discussed with the Prevent lead.§political_opinion|]]

[[Risk of serious harm: medium.|Next panel: {date}.|]]"""
    + "§criminal"
)

TEMPLATES["mash_strategy"] = (
    """[[MASH strategy discussion - notes|Strategy meeting minutes (s47)|Multi-agency strategy discussion]]
Child: {c.full} ({c.dob})
Attendees: {w.full} (social care), {o.full} (police), {v.full} (health), {d.full} (school)
Date: {date}

[[{c.first} disclosed that {c.his} step-father touched {c.him} inappropriately.|Police shared that {q.first} has a previous conviction for assault and is subject to a non-molestation order.§criminal|Health shared that {p.first} missed antenatal appointments and is on a methadone script.§health|School shared that {c.first} arrived hungry most days and has lost weight.|{c.first}'s mum has told neighbours {c.first} is possessed and took {c.him} to a deliverance service at her church.§religion]]

Outcome: [[section 47 enquiry to proceed|initial child protection conference to be convened|single agency assessment]].
[[Interpreter for {p.first} (Tigrinya) to be booked.|Parents to be informed by social worker.|]]"""
    + "§safeguarding"
)

TEMPLATES["foster_carer_log"] = (
    """Foster carer daily log
Child: {c.first}   Carer: {x.full}
Date: {date}

[[{c.first} asked to go to Mass on Sunday like {c.he} used to with {c.his} nan, so we went to St Anne's.§religion|{c.first} was upset after contact because {c.his} dad kept talking about how the Tories ruined the country and that {c.he} should vote Reform when {c.he} is older.§political_opinion|{c.first} had an asthma attack in the park and used the blue inhaler twice.§health|{c.first} told me {c.his} birth mum is a Traveller and asked if {c.he} could learn about Romani history.§ethnicity|{c.first} told me {c.he} likes boys and asked if that was OK with us.§sexual_orientation|{c.first} ate all of {c.his} tea and went to bed at 8.|We went swimming and then to the cinema.|{c.first} helped with the shopping and chose a cake for {c.his} friend's birthday.]]

[[Mood: settled.|Mood: unsettled at bedtime.|Mood: happy.]] Supervising social worker informed: [[yes|no]]."""
    + "§safeguarding"
)

TEMPLATES["prevent_referral"] = (
    """Prevent referral form
Name: {c.full}   DOB: {c.dob}   School: {sc.name}
Referrer: {d.full} (DSL)

Concern: [[{c.first} has been sharing Britain First material in the class group chat and told a teacher that {c.he} wants to join them.§political_opinion|{c.first} says the government are traitors and talks about joining an anti-government militia.§political_opinion|{c.first} said Hitler was right and drew swastikas on {c.his} planner; {c.he} says {c.he} is a national socialist.§political_opinion|{c.first} has been searching for how to make explosives after an argument online.|{c.first} is being bullied and has been looking at violent videos of school shootings.]]

[[{c.first} lives with {c.his} mum and two siblings.|{c.first} has no previous concerns recorded.|]]"""
    + "§safeguarding"
)

TEMPLATES["court_report_extract"] = (
    """[[Family court - social work statement (extract)|Section 7 report - extract|Care proceedings: parenting assessment summary]]
In the matter of {c.full}
Author: {w.full}, social worker

[[The mother, {p.full}, has a history of heroin misuse and is on a methadone prescription.§health|The father, {q.full}, received a suspended sentence in 2023 for assault occasioning actual bodily harm against the mother.§criminal|The father's family are members of a small evangelical congregation and he asks that {c.first} is raised in that faith.§religion|{p.first} disclosed that she is in a relationship with a woman and worries this will be held against her.§sexual_orientation|{p.first} has engaged well with the parenting programme and completed all sessions.|{q.first} works as a delivery driver and lives with his parents.]]

[[I recommend that {c.first} remains in the care of the local authority under a care order.|I recommend a supervision order for twelve months.|]]"""
    + "§safeguarding"
)

# ---- school records -------------------------------------------------------------------------

TEMPLATES[
    "interpreter_booking"
] = """[[Interpreter booking request|Request for interpreter|Language support booking]]
Client: {p.full}   Re child: {c.full}
Language: [[Urdu|Romanian|Polish|Tigrinya|Kurdish Sorani|Arabic|Portuguese]]
Appointment: {date} at {time}, {room}

[[Please book a female interpreter; {p.first} prefers not to speak with a man for religious reasons.§religion|Please note {p.first} is deaf and uses BSL as well as her home language.§health|{p.first} asked for an interpreter from outside her community as she does not want the mosque to know.§religion|Please can the interpreter be from the Roma community; the family do not trust outside interpreters.§ethnicity|Please book for ninety minutes.|Face-to-face if possible.|Telephone interpreting is fine.]]

Booked by: {t.full}"""

TEMPLATES["parent_complaint"] = """From: {p.full} <{p.email}>
To: {sc.email}
Subject: [[Formal complaint|Complaint about how {c.first} was treated|Stage 1 complaint]]

[[Dear Sir or Madam,|To the Headteacher,]]

[[I want to complain that {c.first} was told off for wearing {c.his} turban to PE.§religion|My son's teacher said in front of the class that our family are "gyppos" because we live on the site.§ethnicity|I believe {c.first} is being treated differently because {c.he} is Black; {c.he} is the only child put in isolation for the same thing.§ethnicity|I am unhappy that {c.first} was kept in at lunch for not finishing {c.his} work.|The car park is dangerous at pick-up and {c.first} was nearly hit by a car.|{c.first} has lost {c.his} coat and nobody has looked for it.|I was not told about the change of teacher for {c.first}'s class.]]

[[I expect a reply within ten school days.|I would like a meeting.|]]
{p.full}"""

TEMPLATES["exclusion_letter"] = """{sc.name}

{date}

Dear {p.title} {p.last},

Re: [[Suspension|Fixed-period suspension|Permanent exclusion]] of {c.full} ({c.year_group})

I am writing to tell you that {c.first} has been [[suspended for three days|suspended for five days|permanently excluded]] because [[{c.he} swore at a member of staff and refused to leave the classroom|{c.he} damaged a display and a fire extinguisher|of persistent disruptive behaviour|{c.he} brought cannabis into school, and the police have been informed§criminal|{c.he} made homophobic comments to another pupil|{c.he} assaulted another pupil; the matter has been reported to the police, who arrested {c.him}§criminal]].

[[You have the right to make representations to the governing board.|A reintegration meeting will be held on {date}.|]] [[{c.first} will be provided with work to do at home.|]]

Yours sincerely,
{h.full}
Headteacher"""

TEMPLATES["chaplaincy_notes"] = """[[Chaplaincy|Pastoral care]] - [[note|visit record]]
Student: {c.full}   Tutor group: {c.year_group}
Chaplain/pastoral lead: {e.full}

[[{c.first} came to the chaplaincy to pray the rosary at lunch as {c.he} does most days.§religion|{c.first} asked whether {c.he} could be confirmed at the school Mass next term.§religion|{c.first} said {c.he} has stopped going to the Kingdom Hall and {c.his} parents are angry about it.§religion|{c.first} talked about {c.his} grandfather's funeral and we lit a candle together.|{c.first} helped to set up the prayer space for the whole year group.|{c.first} came in to borrow a board game at lunch.|{c.first} volunteered to read at the carol service, which every class attends.]]

[[{c.first} left calmer.|Will check in next week.|]]"""

TEMPLATES[
    "parents_evening_notes"
] = """[[Parents' evening notes|Consultation evening - teacher notes]]
{c.full} ({c.year_group}) - [[English|Maths|Form tutor|Science]]
Seen: [[{p.full}|{p.full} and {q.full}|{q.full}]]

[[Dad said he is out a lot in the evenings because he is a parish councillor for the Lib Dems.§political_opinion|Mum said the family will be away at Umrah over Easter.§religion|Mum and her partner {x.first} (she) were both there; {c.first} talked about {c.his} two mums in {c.his} writing.§sexual_orientation|Dad mentioned he is taking {c.first} to the march for Palestine on Saturday as he is active in the campaign.§political_opinion|Dad was annoyed about the strike day and said he is in the union too (Unite) and backs the teachers.§trade_union|Mum said {c.first} has been diagnosed with a hole in the heart and has a cardiology appointment.§health|Good progress; needs to read more at home.|{c.first} talks too much in class but is kind.|Parents asked about the residential trip.|Mum asked about the school's policy on mobile phones.]]

Targets: [[presentation of work|times tables|reading for pleasure|]]"""

TEMPLATES[
    "admissions_appeal"
] = """[[Independent admission appeal|Admission appeal - case statement]]
Appellant: {p.full}   Child: {c.full}
School applied for: {sc.name}

Grounds: [[{c.first}'s brother {s.first} already attends the school.|We live closer to this school than the one we were offered.|{c.first} has a medical need (type 1 diabetes) and the school has staff trained to support {c.him}.§health|We are practising Catholics and attend Mass every week; the parish priest has signed the supplementary form.§religion|{c.first} is a looked-after child and the social worker supports this application.§safeguarding|{c.first}'s friends are all going to this school.]]

[[The panel will meet on {date}.|Please send any further evidence by {date}.|]]"""

TEMPLATES[
    "college_reference"
] = """[[College application - reference|UCAS reference|Sixth-form reference]]
Applicant: {c.full}   DOB: {c.dob}

[[{c.first} is a dedicated student who has overcome significant health difficulties, including a long stay in hospital for anorexia, to achieve {c.his} grades.§health|{c.first} has led the school's LGBT+ society and spoke openly about coming out in an assembly.§sexual_orientation|{c.first} is a committed member of the Youth Parliament and campaigns with the Green Party in {c.his} spare time.§political_opinion|As a care leaver, {c.first} has shown remarkable resilience.§safeguarding|{c.first} is a keen debater and took part in the Model United Nations.|{c.first} is head of house and organises the charity week.|{c.first} plays cricket for the county.]]

[[I recommend {c.him} without reservation.|{c.He} will be an asset to your college.]]
{t.full}, Head of Sixth Form"""

TEMPLATES[
    "trip_consent_form"
] = """[[Residential trip - consent and medical form|Educational visit consent form|Day trip consent]]
Child: {c.full}   Class: {c.year_group}
Emergency contact: {p.full}, {p.mobile}

Medical conditions: [[asthma - inhaler in bag§health|epilepsy - rescue medication (buccal midazolam) to travel with staff§health|none|n/a|hay fever, takes antihistamine§health|type 1 diabetes, insulin pump§health]]
Dietary requirements: [[halal§religion|vegetarian|no pork (religious)§religion|nut allergy - EpiPen§health|none|kosher meals, as the family observe kashrut§religion]]
Other information: [[{c.first} will need a private space to pray at midday.§religion|{c.first} uses a different name on the trip ({pref_name}) and should share a room with {c.his} friends; {c.he} is transgender and the family support this.§gender|{c.first} gets homesick; a phone call home on the second night would help.|{c.first} is a nervous swimmer.|]]

Signed: {p.full}"""

TEMPLATES["staff_hr_letters"] = """{council} Human Resources
{date}

Dear {x.title} {x.last},

[[Formal meeting - sickness absence§health|Grievance meeting|Disciplinary investigation meeting]]

[[Thank you for attending the meeting on {past_date} with your NASUWT caseworker.§trade_union|You were accompanied by {m.full}, your steward from Unison.§trade_union|You may bring a trade union representative or a work colleague to the meeting.|You were accompanied by a work colleague, {m.full}.]] [[We discussed your absence following surgery for endometriosis.§health|We discussed your return after a period of work-related stress.§health|We discussed your request to change your working hours.|We discussed the allegation that you left pupils unsupervised.|We discussed the concerns you raised about your line manager's comments about your Hindu faith.§religion|We discussed your grievance that colleagues mocked your Nigerian accent and called you names about your heritage.§ethnicity|We discussed the police investigation into your arrest on {past_date}.§criminal]]

[[An outcome letter will follow.|You have the right to appeal within ten working days.]]

Yours sincerely,
{h.full}"""

TEMPLATES[
    "governor_minutes"
] = """[[Full governing board - minutes|Minutes of the Resources committee|Governors' meeting (draft minutes)]]
Present: {x.full} (chair), {h.full} (headteacher), {e.full}, {t.full}

1. Declarations of interest: [[{x.first} declared that {x.he} is a Labour councillor on {council}.§political_opinion|{t.first} declared {t.he} is the NEU rep in school.§trade_union|{e.first} declared {e.he} is a trustee of the local food bank.|None.|{e.first} declared that {e.he} is standing as the Conservative candidate in the county council election.§political_opinion]]
2. [[The budget was approved.|The board discussed the Ofsted action plan.|The board approved the new RE syllabus, which includes visits to a gurdwara and a synagogue.|The board noted the union's ballot for strike action over pay.|The health and safety audit was reported; no actions outstanding.]]
3. [[Date of next meeting: {date}.|Any other business: none.]]"""

TEMPLATES[
    "biometric_canteen"
] = """[[Cashless catering - parental consent|Biometric information notice|Library system - consent]]
Pupil: {c.full}   Class: {c.year_group}

[[I consent to the school taking and using {c.first}'s fingerprint for the cashless canteen.§biometric|{c.first}'s facial image will be used by the facial recognition till in the dining hall.§biometric|{c.first} has been enrolled on the finger scan system for the library; the template is deleted when {c.he} leaves.§biometric|I do not consent; {c.first} will use a PIN card instead.|{c.first} will use the swipe card for the library.|{c.first} made fingerprint paintings in art this week and they are on the wall.|{c.first} had {c.his} face painted at the summer fair.]]

Parent/carer: {p.full}   Date: {date}"""

TEMPLATES["genetics_clinic_letter"] = """[[Clinical Genetics|Regional Genetics Service]]
{date}

Dear Dr {v.last},

Re: {c.full}, DOB {c.dob}, NHS {c.nhs}

[[Whole genome sequencing has confirmed a pathogenic variant consistent with Duchenne muscular dystrophy.§genetic,health|{p.first} has been found to be a carrier of the cystic fibrosis gene and we have offered cascade testing to {c.first}.§genetic|The family were seen because {c.first}'s grandfather had Huntington's disease; {p.first} has chosen predictive testing.§genetic,health|{c.first} has Fragile X syndrome, confirmed on DNA testing.§genetic,health]]

[[A copy of this letter goes to the family.|We will review in twelve months.]]
{v.full}, consultant"""

TEMPLATES["pastoral_free_text"] = """[[Form tutor note|Pastoral note|Head of Year log]] - {c.full}
Date: {date}

[[{c.first} said {c.his} mum won't let {c.him} do the sex education lessons because the family are Muslim.§religion|{c.first}'s family are Irish Travellers and will be away at the horse fair in June.§ethnicity|{c.first}'s dad has joined the picket line at the depot and money is tight.§trade_union|{c.first} said {c.his} dad is doing community service for drink driving.§criminal|{c.first} mentioned {c.his} big sister has a girlfriend now and {c.his} parents have fallen out with her.§sexual_orientation|{c.first} has been elected form rep for the school council.|{c.first} said the family genes mean everyone in the family is tall.|{c.first} told me about {c.his} favourite football team and the derby on Saturday.|{c.first} was upset because {c.his} hamster died.]]

[[Will monitor.|Parent informed.|]]"""

# ---- mixed: the same words about the person, a group or nobody --------------------------------

TEMPLATES["class_topic_record"] = """Pupil: {c.full} ({c.year_group})
[[Half-term report|Learning summary|Progress note]]

[[In RE the class studied the Five Pillars of Islam and {c.first} wrote a thoughtful piece on fasting.|In history {c.first} researched the suffragettes and the Labour movement.|In PSHE the class discussed different families, including families with two mums or two dads.|In science the class learnt how genes are inherited, using eye colour as an example.|In citizenship the class held a mock general election and {c.first} was the returning officer.|In geography {c.first} studied migration and the Windrush generation.]]

[[{c.first} works hard and contributes to discussions.|{c.first} needs to complete homework on time.|{c.first} has made excellent progress.]]
{t.title} {t.last}"""

TEMPLATES["youth_club_email"] = """From: {w.full} <{w.email}>
To: {p.email}
Subject: [[Youth club|Summer programme|Saturday sessions]]

[[Hi {p.first},|Dear {p.first},]]

[[{c.first} is welcome at the Saturday club, which now meets in the Baptist church hall while the centre is refurbished.|{c.first} signed up for the trip to the Houses of Parliament; {c.he} asked the MP a great question about votes at sixteen.|{c.first} came to the drop-in with {c.his} boyfriend and they both helped out with the quiz.§sexual_orientation|{c.first} asked to be called {pref_name} now and uses they/them; we've changed the register.§gender|{c.first} took part in the football tournament run by the police community team.|{c.first} said the club's trans-inclusive policy made {c.him} feel safe as a trans {c.boy}.§gender]]

[[See you Saturday!|Let me know if you have any questions.]]
{w.first}"""

TEMPLATES[
    "staff_reference_request"
] = """[[Reference request|Confidential reference|Employment reference]]
Candidate: {x.full}   Post: [[Teaching assistant|Learning mentor|Cover supervisor]]

[[{x.first} is a reliable colleague and has excellent attendance.|{x.first} left us to take up a promotion.|{x.first}'s DBS check was clear when {x.he} joined.|{x.first} was dismissed after a police caution for theft from a colleague.§criminal|{x.first} took time off for cancer treatment last year and has returned to full duties.§health|{x.first} was our school's UNISON steward and helped staff through the restructure.§trade_union]]

[[I would re-employ {x.him}.|Please contact me if you need more information.]]
{h.full}"""

# ---- hard negatives: the same words, nobody's data -------------------------------------------

TEMPLATES["neg_pshe_scheme"] = """PSHE and RSE scheme of work - [[Year 8|Year 9|Year 10]]

[[Lesson 3: Relationships - healthy and unhealthy relationships, consent, and the law on sexting.|Lesson 4: Families - marriage, civil partnership, same-sex couples and step-families.|Lesson 5: Identity - sexual orientation and gender identity, and how to challenge homophobic and transphobic language.|Lesson 6: Mental health - recognising anxiety and depression, and where to get help.]]
[[Resources: PSHE Association lesson pack.|Parents may withdraw their child from sex education but not from relationships education.|]]"""

TEMPLATES[
    "neg_re_scheme"
] = """Religious Education - [[Key Stage 2|Year 5 and 6]] agreed syllabus unit

[[Why do Muslims fast during Ramadan? Pupils explore the Five Pillars, prayer and the mosque.|What does it mean to be a Sikh? The five Ks, the turban, the gurdwara and langar.|How do Christians celebrate Easter? Lent, Holy Week, Mass and the Resurrection.|What is the Jewish Shabbat? Candles, challah bread and the synagogue service.|Why do Hindus celebrate Diwali? Rama and Sita, puja and the mandir.]]
[[Visit: a local place of worship.|Assessment: a written explanation with key vocabulary.|]]"""

TEMPLATES["neg_newsletter"] = """[[Newsletter|Friday bulletin|Weekly news]] - {sc.name}

[[Well done to everyone who voted in the school council elections; the new councillors start next week.|Our Year 6 visited the Houses of Parliament and learnt how MPs vote.|The harvest festival will be held at St Michael's church on Thursday.|Black History Month: each class is studying an inspiring figure.|Our Eid and Diwali celebration raised money for the food bank.]]
[[The staff union meeting means school will close at 2pm on Wednesday.|Flu vaccinations for all year groups are on Tuesday.|Please remember that the car park is for staff only.|Menus change after half term; halal and vegetarian options are available every day.]]"""

TEMPLATES[
    "neg_policy_health_safety"
] = """[[Health and safety policy|Administration of medicines policy|Data protection policy - special category data]] (extract)

[[The governing board is responsible for health and safety and the headteacher for day-to-day management.|Medicines will only be given with written consent from a parent; inhalers are kept in classrooms.|Special category data includes racial or ethnic origin, political opinions, religious beliefs, trade union membership, genetic and biometric data, health, and sex life or sexual orientation.|Staff must report any accident or near miss on the online form.]]
[[Review date: annually.|Approved by the Resources committee.|]]"""

TEMPLATES[
    "neg_history_lesson"
] = """[[GCSE History|A level Politics|Year 8 History]] - [[lesson plan|worksheet]]

[[The rise of the Labour Party: from the trade unions to government in 1924.|Why did people vote Leave in the 2016 referendum? Use the sources.|The Chartists, the Reform Acts and votes for women.|The Troubles: republicans, unionists and the Good Friday Agreement.|Fascism in the 1930s: Mosley and the Battle of Cable Street.]]
[[Homework: a 500-word answer.|Starter: key words quiz.|]]"""

TEMPLATES["neg_maths_genetics_biology"] = """[[Maths|Biology|Science]] homework

[[Write the union and the intersection of the two sets, and draw a Venn diagram.|Explain how a recessive gene is inherited, using a Punnett square.|Label the parts of the cell: nucleus, chromosomes, DNA.|Explain how fingerprints are used by forensic scientists.|Investigate the criminal justice system: what happens at a magistrates' court?]]
[[Due next Tuesday.|Show your working.|]]"""

TEMPLATES["neg_charity_leaflet"] = """[[Community leaflet|Charity information|Local services]]

[[The food bank is open on Tuesdays at the Methodist church; no referral needed.|The Mothers' Union runs a toddler group in the parish hall on Wednesdays.|The credit union offers low-cost loans to families; ask at the library.|The Refugee Council offers free advice on asylum claims every Thursday.|The LGBT+ youth group meets at the arts centre on Fridays for ages 13-19.]]
[[All welcome.|Free of charge.|Volunteers always needed.]]"""

TEMPLATES[
    "neg_school_council_election"
] = """School council elections - [[information for pupils|guidance for form tutors]]

[[Each form elects two representatives by secret ballot; candidates give a one-minute speech.|Pupils may campaign with posters but may not promise things the school cannot do.|The school council chair is elected by the councillors at their first meeting.]]
[[Voting takes place in form time on Friday.|Results will be announced in assembly.|]]"""

TEMPLATES["neg_venue_booking"] = """[[Room booking confirmation|Venue hire|Lettings]]

[[The Year 11 prom will be held at the Masonic hall; tickets from the office.|The choir concert is at the cathedral on the last Friday of term.|The Saturday football club hires the synagogue's sports hall.|The PTA disco is in the church hall; drinks and snacks on sale.|The staff training day will be held at the Quaker meeting house.]]
[[Please arrive by 6.30pm.|Parking is limited.|]]"""

TEMPLATES["neg_staff_bulletin"] = """Staff bulletin - [[week 4|week 9|week 12]]

[[Reminder: union reps may use the staff room for members' meetings on Thursday.|All staff must complete the annual safeguarding training by half term.|Strike day arrangements: classes of staff taking action will be covered or closed.|Please log any homophobic or racist incidents on CPOMS.|Flu jabs are available for staff from the occupational health team.]]
[[Thanks all.|]]"""

NEGATIVE = {
    "neg_pshe_scheme",
    "neg_re_scheme",
    "neg_newsletter",
    "neg_policy_health_safety",
    "neg_history_lesson",
    "neg_maths_genetics_biology",
    "neg_charity_leaflet",
    "neg_school_council_election",
    "neg_venue_booking",
    "neg_staff_bulletin",
}

YOUNG = {"yot_report", "college_reference", "school_nurse_dropin"}


def extra_ctx(world, ctx: dict) -> dict:
    return {}


FIRST_NAMES = {
    "british": [
        ("Jack", "m"),
        ("Callum", "m"),
        ("Liam", "m"),
        ("Kieran", "m"),
        ("Mason", "m"),
        ("Lewis", "m"),
        ("Sophie", "f"),
        ("Chloe", "f"),
        ("Lauren", "f"),
        ("Jessica", "f"),
        ("Hannah", "f"),
        ("Kelly", "f"),
    ],
    "south_asian": [
        ("Zain", "m"),
        ("Bilal", "m"),
        ("Harjit", "m"),
        ("Vikram", "m"),
        ("Ayesha", "f"),
        ("Sana", "f"),
        ("Navdeep", "f"),
        ("Meera", "f"),
    ],
    "polish": [("Jakub", "m"), ("Kacper", "m"), ("Zofia", "f"), ("Natalia", "f")],
    "somali": [("Mohamed", "m"), ("Yusuf", "m"), ("Amina", "f"), ("Sahra", "f")],
    "caribbean": [("Tyrone", "m"), ("Devon", "m"), ("Keisha", "f"), ("Tanisha", "f")],
    "irish": [("Ciaran", "m"), ("Padraig", "m"), ("Aoife", "f"), ("Roisin", "f")],
    "chinese": [("Jun", "m"), ("Ming", "m"), ("Xiu", "f"), ("Yan", "f")],
    "west_african": [("Emeka", "m"), ("Kwame", "m"), ("Adaeze", "f"), ("Abena", "f")],
    "eastern_european": [("Mihai", "m"), ("Stefan", "m"), ("Daria", "f"), ("Alina", "f")],
    "middle_eastern": [("Karim", "m"), ("Hassan", "m"), ("Yasmin", "f"), ("Rania", "f")],
}

SURNAMES = {
    "british": [
        "Thornton",
        "Marsden",
        "Pickering",
        "Dawson",
        "Fletcher",
        "Kershaw",
        "Lockwood",
        "Naylor",
        "Sutcliffe",
        "Whitworth",
    ],
    "south_asian": ["Hussain", "Kaur", "Patel", "Iqbal", "Dhillon", "Chowdhury"],
    "polish": ["Nowak", "Lewandowski", "Mazur", "Wojcik"],
    "somali": ["Ali", "Osman", "Jama", "Yusuf"],
    "caribbean": ["Thompson", "Clarke", "Morgan", "Reid"],
    "irish": ["Byrne", "Doyle", "Quinn", "Murphy"],
    "chinese": ["Wang", "Chen", "Liu", "Wong"],
    "west_african": ["Okonkwo", "Asante", "Owusu", "Adebayo"],
    "eastern_european": ["Radu", "Stoica", "Ivanov", "Marin"],
    "middle_eastern": ["Mansour", "Hamdan", "Aziz", "Karam"],
}

STREETS = [
    "Prospect Street",
    "Rosebery Avenue",
    "Mill Hill Lane",
    "Clifton Road",
    "Canal Street",
    "Orchard Close",
    "Wordsworth Road",
    "Larkspur Way",
    "Peel Street",
    "Victoria Terrace",
    "Chapel Fold",
    "Bank Top",
]
