"""Dev-cats2 family: political opinion and religion or belief said the way practitioners write it.

Written on 26 November 2026 (session 5, issue 2) BEFORE the category rules (categories.py) or the
category lexicon (data/categories.toml) were read in this session, so that its first measurement
estimates how the engine does on writing it was not tuned on. The session-4 notes showed that
phrase lists grown from one family did not carry over to the held-out writing, political opinion
and religion above all; this family is written from the way caseworkers, teachers, SENCOs, DSLs,
health visitors, foster carers, police and parents write about a person's politics (party
membership, activism, protests, campaigning, standing for election, views said aloud,
radicalisation concerns, union activity) and faith or belief (practice, places of worship,
festivals, fasting, food and dress for religious reasons, conversion, religious leaders,
faith-based abuse, having no religion), with ethnicity, sexual orientation, gender identity,
health and SEN, offending and union membership beside them. Registers vary: terse case notes,
formal letters, staff chat, minutes, forms, a parent's email. Third parties count: a parent's
religion is special-category data about the parent.

Hard negatives sit beside them in the same kinds of document: Religious Education lessons, "the
labour market", a birthday party, council elections as an event or a polling station, "the
Conservative estimate", a church hall as the venue of a meeting about something else, a loft
conversion, a school's Christian ethos statement, a Politics A-level, third party and party wall,
a strike notice to all parents, a festival calendar for the whole school, a policy that lists the
protected characteristics. "In labour" is health (the mother's), not politics.

Labelling conventions are the dev family's: SEN, an EHCP and an individual healthcare plan are
health; Early Help, a child in need or protection plan, looked-after status and care leavers are
safeguarding; a radicalisation (Prevent/Channel) concern that says the views is political opinion
and safeguarding; "no religious needs" or "no dietary requirements" reveals nothing, but a
person's stated belief, including having no religion ("describes himself as an atheist"), is
religion or belief in prose, while a form field "Religion: No religion" is an empty answer as in
the earlier families; a first language or nationality is not ethnicity; a gender field
(Male/Female) is not a category.

Labels corrected after the first measurement (all to the conventions above or to the family's
own consistency, none to the engine's output): the field "Religion: No religion" (was religion);
an arrest at an anti-immigration riot is political opinion as well as criminal, as an arrest at
a demonstration outside an asylum hotel already was; an arrest or imprisonment abroad for
political activity is criminal as well as political; a governor's "his/her wife" became "partner"
(with a female governor "her wife" said a same-sex marriage the label did not have); an incel
forum in a Prevent referral is safeguarding, not political opinion, as in the dev family.

It is not the holdout family (holdout_templates.py), which must not be read.
"""

# ruff: noqa: E501

from __future__ import annotations

TEMPLATES: dict[str, str] = {}

# ---- terse case notes ------------------------------------------------------------------------

# Session 6: the two case notes are labelled safeguarding as a whole (a social worker's or a family
# support worker's case note records children's social care involvement, which RULES.md SENS-2
# treats as sensitive by local policy), and so is a concern logged on CPOMS (teams_chat). Their
# first labels had only the categories of the varying sentences.
TEMPLATES["casenote_terse"] = """{date} {time} HV by {w.first} {w.last} (SW)
Seen: {c.first}, {p.first} (mum).
[[Mum v proud that eldest is now a Lib Dem councillor - talked about it at length.§political_opinion|Mum out leafleting for the Greens most evenings, kids with nan.§political_opinion|Mum said she won't let the children go to the mosque any more since she left Islam.§religion|Mum now attending Kingdom Hall 3x weekly, says she has found Jehovah.§religion|Mum 38/40, said she thinks she may be going into labour soon - plan for kids agreed with MGM.§health|Mum chatty, talked about the kids' birthday party at soft play on Sat.|Mum worried about the labour market - looking for work since the factory shut.|Mum had been at the church hall for the food bank, came back with two bags.|Mum says the loft conversion next door has been noisy for weeks.]]
[[{c.first} told me {c.he} has started wearing a cross to school and prays every night.§religion|{c.first} says {c.he} doesn't believe in God and won't go to the madrasa with {c.his} cousins.§religion|{c.first} said {c.he} goes to the Palestine demo with {c.his} uncle every Saturday.§political_opinion|{c.first} chatted about the class trip to the science museum.|{c.first} showed me {c.his} RE homework on the Five Pillars.|{c.first} was playing FIFA with {c.his} brother.]]
Actions: [[next HV in 2/52|SW to call school re attendance|none]]§safeguarding"""

TEMPLATES["casenote_running"] = """Case note - {c.full} ({c.dob})
Author: {w.full}, Family Support Worker

[[Spoke to dad ({q.first}) on the phone. He said he would not attend the meeting on Friday because he is standing for the council in May and is out canvassing every night for Reform.§political_opinion|Dad ({q.first}) told me he has been a member of the SWP since uni and goes to every anti-racism march.§political_opinion|Dad ({q.first}) explained that as a practising Sikh he will not remove his kara for the parenting course photo.§religion|Dad ({q.first}) said he converted to Catholicism last year and wants the children baptised.§religion|Dad ({q.first}) rang to say he cannot make Friday because it is the general election count and he is a volunteer teller for the polling station.|Dad ({q.first}) said he cannot come on Friday because the council elections mean the school is shut as a polling station.|Dad ({q.first}) said he is busy with the conversion of the garage into a bedroom for {c.first}.|Dad ({q.first}) rang to cancel; he has a third party claim going on with the insurance after the car accident.]]

[[{c.first} has been fasting for Ramadan and is tired in the afternoons; school aware.§religion|{c.first} is keeping Lent and has given up sweets - very proud of {c.him}self.§religion|{c.first} is worried about going to secondary school.|{c.first} is now eating better and sleeping through.|{c.first} was excited about the Year 6 leavers' party.]]§safeguarding"""

# ---- formal letters --------------------------------------------------------------------------

TEMPLATES["letter_to_parent"] = """{sc.name}
{date}

Dear {p.title} {p.last},

Re: {c.full}, {c.year_group}

Thank you for coming in to see me on {past_date}. [[As agreed, {c.first} will be excused from the Friday assembly so that {c.he} can attend Jumu'ah prayers at the mosque with {c.his} father.§religion|As agreed, we will make sure {c.first} is offered a vegetarian option at lunch on Fridays in line with your family's Hindu faith.§religion|As you asked, staff will not photograph {c.first} because of the family's beliefs as Jehovah's Witnesses.§religion|As agreed, {c.first} may wear {c.his} headscarf in PE and swimming in a style that is safe.§religion|As agreed, {c.first} will have extra time in the Politics A-level mock exam.|As agreed, {c.first} will join the RE trip to the cathedral on Thursday; the cost is £4.|As agreed, {c.first} will not attend the Christmas party at the church hall because of the cost, and we will waive the charge.|As agreed, {c.first} will sit the Religious Studies GCSE paper in the small hall.]]

[[I know that you are an active member of the Labour Party and may be away at conference in September; please let the office know who will collect {c.first}.§political_opinion|I understand from our conversation that you are a shop steward for Unite and sometimes work late on union business; please let the office know who will collect {c.first}.§trade_union|I also understand that you are expecting and due in March; please let us know if arrangements for collection change.§health|Please remember that the school will be closed on Thursday 7 May as it is a polling station for the local elections.|Please note the school follows the Conservative estimate of pupil numbers given by the local authority for next year's places.|Please remember that the school has a Christian ethos and collective worship takes place daily, in line with our trust's policy.]]

Yours sincerely,

{h.full}
Headteacher"""

TEMPLATES["letter_hr_staff"] = """PRIVATE AND CONFIDENTIAL
{council} - People Services
{date}

Dear {x.first} {x.last},

[[Request for time off for public duties: I am writing to confirm that your request for paid leave to attend council meetings as an elected Liberal Democrat member of {town} Town Council has been approved.§political_opinion|Outcome of the investigation: the panel found that you posted comments on a public Facebook page supporting Britain First while identifying yourself as an employee of the council.§political_opinion|Outcome of the grievance: your GMB representative, {t.full}, attended the hearing with you as your companion.§trade_union|Deduction from pay: as you took part in the UNISON strike on {past_date}, one day's pay will be deducted.§trade_union|Request for leave: your request for unpaid leave to go on Hajj next summer has been approved.§religion|Flexible working: your request to finish at 3pm on Fridays in winter to observe Shabbat has been approved.§religion|Flexible working: your request to compress your hours around your son's birthday party and the move has been approved.|Secondment: your request to join the labour market intelligence team for six months has been approved.|Election duty: thank you for volunteering as a poll clerk at the county council elections; you will be paid the standard fee.]]

[[You may be accompanied at any meeting by a trade union representative or a colleague.|If you have any questions, please contact me.|A copy of this letter will be kept on your personnel file.]]

Yours sincerely,
{m.full}
HR Business Partner"""

TEMPLATES["letter_from_gp"] = """{v.full}
[[Riverside Medical Practice|Oak Tree Surgery|Parkside Health Centre]]
{date}

To whom it may concern

Re: {p.full}, DOB {p.dob}, {a.addr}

[[{p.first} is 39 weeks pregnant and was admitted in labour last night; she will not be able to attend the meeting this week.§health|{p.first} is a Jehovah's Witness and has an advance decision refusing blood products, which we hold on file.§religion,health|{p.first} has asked us to note that she fasts during Ramadan and her diabetes medication has been adjusted for the month.§religion,health|{p.first} was treated conservatively for a fractured wrist and it has healed well.§health|{p.first} attended the practice with her son for a routine review; she is registered with us and well.|{p.first} is registered at this practice; we have no record of any appointment on the date in question.]]

Yours faithfully,
Dr {v.last}"""

# ---- staff chat ------------------------------------------------------------------------------

TEMPLATES[
    "teams_chat"
] = """[{time}] {t.first} {t.last}: quick one about {c.first} {c.last} in {c.year_group}
[{time}] {t.first} {t.last}: [[{c.he}'s been going on about how immigrants are ruining the country and that {c.he}'s going to join Patriotic Alternative when {c.he}'s 16. logged on CPOMS, think it needs to go to {d.first}§political_opinion,safeguarding|{c.he} told the class {c.his} mum is standing for the Greens in the by-election and asked everyone to tell their parents to vote for her§political_opinion|{c.he} said {c.he} was at the Just Stop Oil protest on Saturday and got kettled by police, buzzing about it§political_opinion|{c.he} wants to leave RE because {c.he} says {c.he}'s an atheist now and it's all made up§religion|{c.he} said {c.he} is getting baptised at the Pentecostal church on Sunday and asked if {c.he} could bring the certificate in§religion|{c.his} dad wants {c.him} off swimming because {c.he} can't be seen by boys, says it's against their religion§religion|{c.he} says the family are Muslim now, mum reverted over the summer§religion|{c.he} did a brilliant presentation on the suffragettes in history|{c.he} forgot {c.his} kit for the politics trip to Parliament again|{c.he} asked if {c.he} can do the party food for the end of term do|{c.he} wants to stand for school council, can you sign the form]]
[{time}] {d.first} {d.last}: [[thanks, leave it with me|ok will pick up|cheers, can you add a note on the system|noted]]"""

TEMPLATES["whatsapp_staff"] = """Pastoral team chat, {date}

{e.first}: anyone seen {c.first} ({c.year_group})?
{t.first}: [[yes, {c.he} was upset - said {c.his} step-dad called {c.him} a bender and told {c.him} to go live with {c.his} boyfriend§sexual_orientation|yes, {c.he} told me {c.he}'s bi and only {c.his} sister knows so pls be careful with mum§sexual_orientation|yes, {c.he} wants to be called {pref_name} now and use they/them, parents don't know§gender|yes, {c.he} was at the gurdwara all weekend for {c.his} grandad's funeral, very tired§religion|yes, {c.he}'s off to Friday prayers with {c.his} dad, back after lunch§religion|yes, {c.he} was upset after the Prevent session, said {c.his} brother thinks ISIS are right§political_opinion,safeguarding|yes, {c.he} was in the church hall helping set up the book fair|yes, {c.he}'s in RE with me, doing the Sikhism unit|yes, {c.he} was at the Diwali assembly, the whole year went|yes, {c.he}'s sorting the year 11 prom party committee]]
{e.first}: [[ok thanks|cheers|will catch {c.him} at break]]"""

# ---- minutes ---------------------------------------------------------------------------------

TEMPLATES["cp_conference_minutes"] = """Initial Child Protection Conference - minutes
Child: {c.full}   DOB: {c.dob}
Chair: {m.full}   Social worker: {w.full}

Family background: [[{p.first} (mother) is White British and {q.first} (father) is of Pakistani heritage; the children describe themselves as mixed race.§ethnicity|The family are Irish Travellers and have lived on the site at {a.town} for two years.§ethnicity|{q.first} is a committed member of the English Defence League and has spoken to professionals about "taking back our streets".§political_opinion|{q.first} was arrested at a demonstration outside the asylum hotel in the summer and is on bail for violent disorder.§criminal,political_opinion|{p.first} belongs to a small church where the pastor has told her that {c.first}'s behaviour is caused by a demon, and {c.first} was taken for deliverance.§religion|{p.first} says her faith is the most important thing in her life and she attends the Redeemed Christian Church of God twice a week.§religion|{p.first} has no religion and said the family do not celebrate any festivals.§religion|The family have lived in {a.town} for six years and the children attend {sc.name}.|{p.first} works part-time in the school kitchen and {q.first} works shifts in a warehouse.|The conference took place in the church hall at St Mark's because the council offices were being refurbished.]]

Concerns: neglect, [[domestic abuse|poor home conditions|missed health appointments]].
Decision: child protection plan under the category of neglect.§safeguarding"""

TEMPLATES["governors_minutes"] = """Minutes of the Full Governing Body, {sc.name}
{date}
Present: {h.full} (Head), {x.full} (Chair), {t.full} (staff governor)

1. Declarations of interest: [[{x.first} {x.last} declared that {x.he} is a Conservative councillor on {council} and would leave the room for item 4.§political_opinion|{x.first} {x.last} declared that {x.he} is the parish priest at St Anne's and a trustee of the diocese.§religion|{t.first} {t.last} declared that {t.he} is the NEU school rep.§trade_union|{x.first} {x.last} declared that {x.he} is an elder at the local mosque.§religion|{x.first} {x.last} declared that {x.he} is secretary of the constituency Labour party.§political_opinion|None.|{x.first} {x.last} declared that {x.his} partner works for the catering contractor.]]
2. Budget: the deficit is [[smaller than the Conservative estimate made in the spring|in line with forecast|larger than expected because of energy costs]].
3. Premises: [[the loft conversion above the office is complete|the church hall next door will host the SEND coffee mornings while the library is rebuilt|the roof repairs are booked for half term]].
4. Curriculum: [[the RE syllabus was approved|Politics A-level will be offered from next September|the school will hold a mock general election for Year 9]].
5. [[The school will be used as a polling station on 7 May.|The Christmas party will be on the last Thursday of term.|The Christian ethos statement was reviewed and no changes made.]]"""

TEMPLATES["strategy_minutes"] = """Strategy discussion - {date}
Re: {c.full} ({c.age})
Attendees: {w.full} (CSC), {o.full} (Police), {d.full} (DSL)

Information shared: [[Police hold intelligence that {q.first} has been attending meetings of a far-right group and has been posting about a "race war" online.§political_opinion|{c.first} told {c.his} teacher that the imam at the evening madrasa hits the children with a stick.§religion|{c.first} disclosed that {c.his} mother says {c.he} is possessed and {c.he} has to be prayed over at night.§religion|{c.first} has been seen handing out leaflets for a banned Islamist group outside the station.§political_opinion|{c.first} said {c.his} uncle was a political prisoner in Eritrea and the family fled because of his opposition activity.§political_opinion|{c.first} was seen at the bus station late at night with older males.|{c.first} has been missing from home twice this month.|{c.first} told {c.his} teacher that {c.his} mum's boyfriend shouts at {c.him}.]]

Outcome: section 47 enquiry; [[joint visit tomorrow|single agency visit|ICPC to be convened]].§safeguarding"""

# ---- forms and referrals ---------------------------------------------------------------------

TEMPLATES["referral_form"] = """MULTI-AGENCY REFERRAL FORM
Child's name: {c.full}
Date of birth: {c.dob}
Address: {a.addr}, {a.town} {a.pc}
Ethnicity: [[White and Black Caribbean§ethnicity|Any other Asian background§ethnicity|Gypsy/Roma§ethnicity|Not known|Not recorded|Declined to say]]
Religion: [[Muslim§religion|Sikh§religion|Roman Catholic§religion|No religion|Not known|Not recorded]]
First language: [[English|Polish|Urdu|Somali]]
Interpreter needed: [[No|Yes]]
Cultural or religious needs: [[None identified|None known|Family eat halal meat only§religion|Needs to pray five times a day§religion]]

Reason for referral: [[{c.first} has been absent for 20 sessions this term and is often late.|Mum has asked for help with {c.first}'s behaviour at home.|{c.first} has been self-harming and has told staff {c.he} feels hopeless.§health]]

Referrer: {t.full}, {sc.name}"""

TEMPLATES[
    "prevent_referral"
] = """[[Prevent referral|Notice of concern - Prevent|Channel referral form]]
Individual: {c.full}   DOB: {c.dob}
Referrer: {d.full} (DSL), {sc.name}

Details of concern: [[{c.first} has told friends that {c.he} supports the Taliban and shared beheading videos in a group chat.§political_opinion|{c.first} has been drawing swastikas in {c.his} planner and says Hitler had the right idea about Jews.§political_opinion|{c.first} spends hours on incel forums and has said that women should be punished.|{c.first} has been talking about joining the National Front and wore a badge to school.§political_opinion|{c.first} said {c.he} wants to travel to Syria to join the fighters.§political_opinion|{c.first} has been sharing posts from an extreme left-wing anarchist group calling for attacks on the police.§political_opinion]]

Actions taken: [[parents informed|discussed with the Prevent lead|referred to Channel]].§safeguarding"""

TEMPLATES["ehe_notification"] = """Elective Home Education - notification
Child: {c.full}   DOB: {c.dob}
Parent: {p.full}
Former school: {sc.name}

Reason given: [[{p.first} wishes to educate {c.first} at home in line with the family's Christian values and says the school's RSE lessons conflict with their faith.§religion|{p.first} says the family are Orthodox Jewish and {c.first} will attend a yeshiva during the day.§religion|{p.first} wants {c.first} to learn the Qur'an by heart and will home educate while {c.he} studies at the mosque.§religion|{p.first} says {c.first}'s anxiety means {c.he} cannot cope in a classroom.§health|{p.first} feels the school did not meet {c.first}'s autism needs.§health|{p.first} is moving for work and wants to teach {c.first} at home until a place is found.|{p.first} is unhappy with the school's approach to homework and wants more flexibility.]]

EHE adviser: {w.full}"""

TEMPLATES["uasc_assessment"] = """Age and needs assessment - unaccompanied asylum-seeking child
Name: {c.full}   Claimed DOB: {c.dob}
Social worker: {w.full}

[[{c.first} is Hazara and says {c.his} family were targeted because of their ethnicity.§ethnicity|{c.first} is Kurdish and says {c.his} father was imprisoned for supporting the PKK.§ethnicity,political_opinion,criminal|{c.first} says {c.he} had to leave Iran after converting from Islam to Christianity, and now attends an Iranian church in {town}.§religion|{c.first} is an Ahmadi Muslim and says {c.his} community faced persecution in Pakistan.§religion|{c.first} says {c.he} was arrested for taking part in anti-government protests in Sudan.§political_opinion,criminal|{c.first} is Oromo and says {c.his} brother was killed by soldiers.§ethnicity|{c.first} says {c.he} left home because there was no work and {c.his} family wanted {c.him} to send money back.|{c.first} says {c.he} travelled through Libya and Italy before reaching Calais.]]

{c.first} is looked after under section 20 and placed with foster carers.§safeguarding"""

TEMPLATES["school_admission_faith"] = """In-year admission - supplementary information form
Applicant: {c.full}   DOB: {c.dob}
Parent/carer: {p.full}
Preferred school: [[St Joseph's Catholic Primary|Al-Hijrah Primary|King David School|Holy Trinity CE Primary|{sc.name}]]

[[Faith criterion: a certificate of baptism is attached and the family attend Mass at Our Lady of Lourdes every Sunday (letter from Fr {x.last}).§religion|Faith criterion: the family are members of the synagogue and the rabbi's letter is attached.§religion|Faith criterion: {p.first} attends the Methodist church weekly and has been a member for ten years.§religion|Faith criterion: not applicable - the family are applying under the distance criterion.|The family have moved into the area from {b.town} and would like a place near home.|Sibling link: {s.first} already attends the school.]]

[[Medical or social need: {c.first} has cystic fibrosis and needs to be close to the hospital.§health|Medical or social need: none.|Medical or social need: not claimed.]]"""

TEMPLATES["care_plan_identity"] = """Care plan - identity and culture
Child: {c.full}   Placement: foster care with {x.full}
IRO: {m.full}

[[{c.first}'s birth family are Muslim; the carers take {c.him} to the mosque on Fridays and cook halal food.§religion|{c.first} is of Nigerian Yoruba heritage; the carers take {c.him} to a hair salon that knows Afro hair and are learning about {c.his} culture.§ethnicity|{c.first} was brought up as a Catholic and wants to make {c.his} First Holy Communion with {c.his} class.§religion|{c.first} has said {c.he} is gay and is supported to attend the LGBTQ+ youth group in town.§sexual_orientation|{c.first} identifies as a trans {c.boy} and the carers use {c.his} chosen name.§gender|{c.first} enjoys football and has joined the Saturday club.|{c.first} likes baking with the carers and went to a friend's birthday party last weekend.|{c.first} has contact with {c.his} grandmother in the church hall on Saturdays, supervised by the family time team.]]

Legal status: care order (section 31).§safeguarding"""

# ---- health visitor, school nurse, SEN -------------------------------------------------------

TEMPLATES["hv_contact"] = """Health visiting contact - {date}
Mother: {p.full}   Baby: {s.first}
HV: {v.full}

[[{p.first} went into labour at 36 weeks and had an emergency section; recovering well.§health|{p.first} is keeping the 40 days after the birth at home as is her family's custom, and her mother-in-law is doing the cooking.§ethnicity|{p.first} asked whether she can fast in Ramadan while breastfeeding; advised to speak to her GP and the imam.§religion|{p.first} says her husband does not allow her to go out without him and uses their religion to justify it; discussed support.§religion,safeguarding|Baby's circumcision is planned at the synagogue on day eight; advice given about aftercare.§religion|{p.first} asked about the Labour ward tour for her sister, who is due in June.|{p.first} mentioned the baby group meets in the church hall on Tuesdays; given the timetable.|{p.first} is returning to work and is looking at nursery places; discussed the labour market in {town}.]]

Feeding well, weight on the 50th centile. Next contact [[at 6-8 weeks|in two weeks|by phone]].§health"""

TEMPLATES["sen_review"] = """Annual review of EHC plan - summary
Pupil: {c.full}   {c.year_group}   UPN: {c.upn}
SENCO: {e.full}

Views of the family: [[{p.first} asked that {c.first}'s Sikh identity is respected and that staff do not cut or touch {c.his} hair.§religion|{p.first} asked that the school support {c.first} to pray at lunchtime in a quiet room.§religion|{p.first} asked whether {c.first} can be excused from the nativity because the family are Jehovah's Witnesses.§religion|{p.first} said the family are Seventh-day Adventists and {c.first} cannot attend Saturday clubs.§religion|{p.first} asked for {c.first} to have more time with the speech therapist.|{p.first} asked whether {c.first} can go on the Year 6 residential.|{p.first} said {c.first} loved the RE visit to the mandir and talked about it all week.]]

Progress: [[{c.first} now uses a communication book and can request help.|{c.first} reads at a Year 2 level and is making progress with phonics.|{c.first} is managing the lunch hall with a visual timetable.]]§health"""

TEMPLATES["nurse_dropin"] = """School nurse - confidential record
Pupil: {c.full}   Date: {date}

[[{c.first} came to talk about {c.his} periods and wanted advice on period pain.§health|{c.first} said {c.he} is fasting for Ramadan and felt faint in PE; advised on hydration at suhoor and iftar.§religion,health|{c.first} asked about contraception and said {c.he} has a girlfriend/boyfriend; {c.he} did not want to say which.§sex_life|{c.first} asked whether {c.he} can be referred to the gender clinic because {c.he} feels {c.he} was born in the wrong body.§gender|{c.first} asked for a plaster and went back to class.|{c.first} came to ask about the health and safety talk for the Year 10 trip.|{c.first} asked about the school's vaccination dates for the class.]]

Nurse: {v.full}"""

# ---- pastoral, views said aloud ---------------------------------------------------------------

TEMPLATES["pastoral_views"] = """Pastoral log - {c.full} ({c.year_group})
Logged by: {t.full}   Date: {date}

[[During a debate in citizenship {c.first} said that {c.he} is a socialist and that the rich should pay for everything; {c.he} said {c.he} has joined Young Labour.§political_opinion|{c.first} refused to stand for the national anthem and said {c.he} is a republican who wants the monarchy abolished.§political_opinion|{c.first} told the class {c.he} supports Scottish independence and has been out campaigning for the SNP with {c.his} mum.§political_opinion|{c.first} said {c.he} would vote Reform if {c.he} could and that all migrants should be sent back.§political_opinion|{c.first} argued passionately in tutor time that Brexit was a disaster and said {c.his} whole family voted Remain.§political_opinion|{c.first} has been handing out leaflets about the climate strike and says {c.he} is a member of Extinction Rebellion.§political_opinion|{c.first} gave an excellent answer in Politics about how the Conservative Party chooses its leader.|{c.first} led the Year 9 mock election campaign for the Green Party as part of the citizenship unit, as allocated by the teacher.|{c.first} was chosen to represent the school at the Youth Parliament debate on the voting age.|{c.first} wrote an essay on the history of the Labour movement for {c.his} A-level coursework.]]

[[No further action.|Discussed with parents.|Reminded of the behaviour policy.]]"""

TEMPLATES["youth_work_log"] = """Detached youth work session - {date}
Worker: {w.full}

Spoke to {c.first} {c.last} ({c.age}) by the skate park. [[{c.he} talked a lot about the march for Gaza on Saturday and said {c.he} and {c.his} mates go every week.§political_opinion|{c.he} said {c.he} had got into trouble for putting up stickers for a nationalist group around the estate.§political_opinion|{c.he} said {c.he} now goes to the church youth group on Fridays and has become a Christian.§religion|{c.he} said {c.he}'s been going to the gurdwara to do seva in the langar kitchen.§religion|{c.he} said {c.he} came out to {c.his} mates as gay and it went fine.§sexual_orientation|{c.he} was showing us videos from {c.his} cousin's 18th birthday party.|{c.he} asked about apprenticeships and what the labour market is like for electricians.|{c.he} said the youth club in the church hall is shut till January.]]

[[{c.he} seemed in good spirits.|Signposted to the youth hub.|Will look out for {c.him} next week.]]"""

# ---- parents writing -------------------------------------------------------------------------

TEMPLATES["parent_email"] = """From: {p.full} <{p.email}>
To: {sc.email}
Subject: {c.first} - [[next week|absence|a request]]

Hi,

[[{c.first} won't be in on Monday as we are celebrating Eid with family in {b.town}.§religion|Please can {c.first} be excused from the RE lesson on Tuesday - we are humanists and don't want {c.him} taking part in the prayer activity.§religion|{c.first} will be late on Wednesday as we have a service at the Kingdom Hall.§religion|{c.first} is off on Thursday for Diwali; we are going to the temple in the morning.§religion|I wanted to let you know that I am on strike with the RMT on Tuesday so {c.first}'s dad will collect.§trade_union|I am going to the national demonstration against the cuts in London on Saturday with the People's Assembly so {c.first} will miss the match.§political_opinion|I will be out canvassing for the local elections on Thursday for the Lib Dems so Grandma will pick {c.first} up.§political_opinion|{c.first} won't be in on Monday as it's {c.his} cousin's birthday party in {b.town} and we are staying over.|I am working at the polling station on Thursday so {c.first} will go to breakfast club.|We are having a loft conversion done so please send letters by email for now.|{c.first} has RE homework about the Hajj and is asking whether there is a worksheet.]]

Thanks,
{p.first}"""

TEMPLATES["parent_complaint"] = """Dear Headteacher,

I am writing about my [[son|daughter]] {c.first} in {c.year_group}.

[[{c.first} came home upset because a teacher told the class that anyone who votes Conservative is heartless. My husband is a Conservative councillor and {c.first} felt singled out.§political_opinion|{c.first} was told off for wearing a poppy-free blazer; our family are pacifist Quakers and we do not wear poppies.§religion|{c.first} says other children call {c.him} a terrorist because {c.he} is a Muslim and wears a kufi.§religion|{c.first} was told to take off {c.his} turban for the school photo; we are Sikh and this is not acceptable.§religion|{c.first} says the children are calling {c.him} a "gyppo" because we live on the Traveller site.§ethnicity|{c.first} was left out of the birthday party invitations given out in class and was upset.|{c.first} was given RE homework that took three hours, which is far too much.|{c.first} lost {c.his} coat at the election day football tournament.]]

Yours faithfully,
{p.full}"""

# ---- police, youth justice, court ------------------------------------------------------------

TEMPLATES["police_notification"] = """POLICE NOTIFICATION - CHILD/ADULT AT RISK
Subject: {q.full}   DOB: {q.dob}
Children at address: {c.first} ({c.age}), {s.first} ({s.age})
Officer: {o.full}

[[{q.first} was arrested at the protest outside the Israeli-owned factory for criminal damage; he is a long-standing Palestine Action supporter.§criminal,political_opinion|{q.first} was arrested at the anti-immigration riot in the town centre and charged with violent disorder.§criminal,political_opinion|{q.first} was stopped while driving and found to have cannabis in the car; he was cautioned.§criminal|{q.first} reported that his car was broken into outside the church hall while he was at the council election count.|{q.first} reported his wallet stolen from the changing rooms at the leisure centre.]]

[[No concerns for the children at this time.|Children were at school at the time.|Shared for information.]]"""

TEMPLATES["pre_sentence"] = """Pre-sentence report (extract)
Name: {c.full}   Age: {c.age}
Author: {w.full}, Youth Justice Service

[[{c.first} describes {c.his} faith as a Muslim as a protective factor; {c.he} attends the mosque with {c.his} father and has stopped drinking.§religion,criminal|{c.first}'s offending took place during a protest against the local asylum hotel; {c.he} says {c.he} believes the country is being "invaded".§criminal,political_opinion|{c.first} has been attending church with {c.his} grandmother and the pastor has offered to mentor {c.him}.§religion,criminal|{c.first} admitted the theft and has been working with the reparation team at the community garden.§criminal|{c.first} admitted the assault and has completed victim awareness work.§criminal]]

[[{c.first} lives with {c.his} mother and attends college.|{c.first} is NEET and is keen to find work.|{c.first} has a part-time job at a takeaway.]]"""

TEMPLATES["court_statement"] = """IN THE FAMILY COURT AT {town}
Statement of {w.full}, social worker
Re: {c.full} (a child)

[[The mother, {p.full}, is an active member of the Socialist Workers Party and the father says she takes the children to rallies; I have seen no evidence that this has harmed them.§political_opinion|The father, {q.full}, is a member of a strict religious community which he says does not allow the children to have contact with their mother's family.§religion|The father, {q.full}, converted to Islam in prison and now wants the children to be brought up in his faith.§religion,criminal|The mother says the father was a member of Hamas before he came to the UK; the father denies this.§political_opinion|The mother, {p.full}, works as a teaching assistant and lives with the children in a three-bedroom house.|The father, {q.full}, works nights as a delivery driver and sees the children at weekends.|The parents' relationship ended after a party at a friend's house, where there was an argument.]]

The children are subject to interim care orders.§safeguarding"""

# ---- union, work, references -----------------------------------------------------------------

TEMPLATES["staff_reference"] = """Reference for {x.full}
Post applied for: [[Teaching Assistant|Family Support Worker|Learning Mentor]]

[[{x.first} was our NASUWT rep for three years and was always fair and constructive in meetings with the head.§trade_union|{x.first} served as a Labour councillor while working with us and managed both roles well.§political_opinion|{x.first} led our multi-faith prayer group and is an active member of {x.his} synagogue.§religion|{x.first} took some time off last year for cancer treatment and is now well.§health|{x.first} taught Politics A-level and RE with us and got excellent results.|{x.first} organised the staff Christmas party and the charity quiz.|{x.first} ran the school's mock election and the debating club.|{x.first} helped plan our move to the new building and the loft conversion of the office.]]

[[I recommend {x.him} without reservation.|I would employ {x.him} again.|Please contact me if you need more information.]]
{h.full}, Headteacher, {sc.name}"""

TEMPLATES["supervision_notes"] = """Supervision record - {date}
Supervisee: {w.full}   Supervisor: {m.full}

Wellbeing: [[{w.first} said {w.he} is off on Friday for the UNISON branch meeting as {w.he} is the steward for the team.§trade_union|{w.first} said {w.he} is observing Ramadan this month and would like to start and finish earlier.§religion|{w.first} said {w.he} is standing as a Green Party candidate in the county elections and wants to check the council's political restriction rules.§political_opinion|{w.first} said {w.he} has been diagnosed with ADHD and would like reasonable adjustments.§health|{w.first} said {w.he} is tired after the team's Christmas party.|{w.first} said {w.he} is looking forward to the training at the church hall on Thursday.|{w.first} said {w.he} has booked annual leave for the council election week, when the office is quiet.]]

Caseload: [[23 children|19 children|21 children]]; [[two new CP plans|one court case|no changes]]."""

# ---- faith leaders, faith-based abuse ---------------------------------------------------------

TEMPLATES["faith_abuse_note"] = """Record of concern
Child: {c.full}   DOB: {c.dob}
Recorded by: {d.full}, DSL

[[{c.first} said that at church on Sunday the pastor held {c.his} head and shouted at the spirit to leave {c.him}.§religion|{c.first} told {c.his} teacher that {c.his} auntie says {c.he} is a witch and that is why the family has bad luck.§religion|{c.first} said {c.he} has to stay up all night praying and fasting because {c.his} mum says {c.he} has a djinn.§religion|{c.first} said the priest at {c.his} church touched {c.him} inappropriately during altar server practice.§religion|{c.first} said {c.he} was hit with a belt by {c.his} mum's partner.|{c.first} arrived at school with a bruise on {c.his} cheek and said {c.he} fell at a birthday party.|{c.first} said {c.he} was shouted at by a man in the church car park on the way to school.]]

Action: [[referred to MASH|parents contacted|monitor]].§safeguarding"""

TEMPLATES[
    "chaplain_letter"
] = """[[St Luke's Church|Central Mosque|Guru Nanak Gurdwara|Beth Shalom Synagogue|Bethel Pentecostal Church]], {town}
{date}

To the Designated Safeguarding Lead, {sc.name}

[[I write as the family's minister. {p.full} and her children have worshipped with us for five years and {c.first} sings in the choir.§religion|I am the imam at the mosque where {c.first} attends evening classes; {c.his} father {q.first} asked me to write in support of the family.§religion|{q.full} is a member of our congregation and has asked me to confirm that he has been attending Bible study weekly.§religion|I write on behalf of the trustees to confirm that the room booked for the parenting course on Tuesdays is available; the course is not run by the church and is open to everyone.|Our hall is used by the toddler group on Mondays; I write to confirm the booking for the family support drop-in run by the council.]]

Yours sincerely,
{x.full}"""

# ---- sexuality, gender, ethnicity in everyday writing ------------------------------------------

TEMPLATES["cin_review"] = """Child in Need review - {date}
Child: {c.full}   Social worker: {w.full}

[[{p.first} has a new partner, a woman she met at work, and says the children have taken to her well; {p.first} said she never thought she would be with a woman.§sexual_orientation|{q.first} is now living with his boyfriend and the children stay with them every other weekend.§sexual_orientation|{c.first} told me {c.he} is asexual and doesn't want people asking about boyfriends.§sexual_orientation|{c.first} has started to present as a {c.boy} at home and at school and has asked to use the gender-neutral toilet.§gender|{c.first}'s dad is Black British and {c.his} mum is Polish; {c.first} said people at school ask "what {c.he} is".§ethnicity|{c.first} says {c.he} is proud to be Romany and goes to the horse fair with {c.his} grandad.§ethnicity|{p.first} has a new partner who is a builder; the children have met him twice.|{c.first} went to a friend's party and was back by nine as agreed.|{c.first} has been enjoying the gardening club at the church hall after school.]]

Plan continues.§safeguarding"""

TEMPLATES["tutor_report"] = """Tutor report - {c.full}, {c.year_group}
Tutor: {t.full}

[[{c.first} has spoken openly in tutor time about being pansexual and has helped set up the Pride club.§sexual_orientation|{c.first} led the Black History Month assembly and spoke movingly about {c.his} Jamaican grandparents and being Black in {town}.§ethnicity|{c.first} has been a member of the Young Conservatives since Year 10 and wants to be an MP.§political_opinion|{c.first} is a committed Christian and runs the Christian Union at lunchtime.§religion|{c.first} represented the school in the debating competition on whether 16-year-olds should vote.|{c.first} got a merit for {c.his} RE essay on whether God exists.|{c.first} helped organise the Year 11 end-of-year party.|{c.first} chose Politics, History and RE for A-level.]]

[[A pleasure to teach.|Needs to work on punctuality.|Excellent effort this year.]]"""

# ---- hard negatives with a named person (personal, no category) --------------------------------

TEMPLATES["neg_named_letter"] = """{date}

Dear {p.title} {p.last},

[[Thank you for booking {c.first}'s place on the RE trip to the Hindu temple on {past_date}; all of {c.year_group} will go and packed lunches are provided.|Thank you for {c.first}'s place at the mock general election, where {c.first}'s class will role-play the main parties as part of citizenship.|{c.first}'s class party will be in the church hall on Friday afternoon; please send a plate of food if you can.|I am sorry the meeting about {c.first}'s transport was moved to the church hall; the council offices were closed for the elections.|{c.first} has chosen Politics and Philosophy for sixth form; the options evening is next Thursday.|{c.first} has been selected for the school's debating team against {sc.name} on the motion "This house would abolish the House of Lords".|I enclose the council's letter about the loft conversion next to the school and the building works on {street}.|{c.first}'s RE homework on the Christmas story is due on Monday; this term all pupils study Christianity and Judaism.]]

[[Yours sincerely,|Kind regards,|Best wishes,]]
{t.full}"""

TEMPLATES["neg_named_invoice"] = """INVOICE {ref}
To: {p.full}, {a.addr}, {a.town} {a.pc}

[[Hire of the Methodist church hall for {c.first}'s 8th birthday party - 3 hours|Party wall survey for the loft conversion at {a.addr}|Labour charge for boiler repair (2 hours)|Hire of the Union Street community room for the residents' association AGM]] ... {amount}

Payment due within 30 days. Thank you for your business."""

# ---- hard negatives with no person (classification none) ---------------------------------------

TEMPLATES["neg_re_curriculum"] = """Religious Education - long term plan
Year 3: Christianity - what is the Bible and why is it important to Christians?
Year 4: Hinduism - how do Hindus celebrate Diwali? Visit to the local mandir.
Year 5: Islam - the Five Pillars; what does fasting in Ramadan mean to Muslims?
Year 6: Sikhism and Judaism - worship at the gurdwara and the synagogue; the Shabbat meal.
[[Parents have the right to withdraw their child from RE; please speak to the headteacher.|The school has a Christian ethos and daily collective worship is broadly Christian in character.|Pupils with no religion are welcome to share their own beliefs and values in lessons.]]"""

TEMPLATES["neg_election_notice"] = """[[IMPORTANT: SCHOOL CLOSURE|Notice to parents|Polling day]]
{sc.name} will be closed to pupils on Thursday 7 May because the hall is used as a polling station for the [[local|county council|police and crime commissioner]] elections. [[Year 9 will hold their own mock election the week before, with pupils representing Labour, the Conservatives, the Liberal Democrats, the Greens and Reform.|The labour market talk for Year 11 moves to the following Monday.|Please note the PTA summer party has moved to Saturday 9 May.]]"""

TEMPLATES["neg_strike_notice"] = """Dear Parents and Carers,
[[The National Education Union has announced national strike action on {past_date}. We expect some classes to be closed and will write again once we know which staff are taking part.|The school remains open during the regional bus strike; please allow extra time for the journey.|Following the ballot of support staff unions across the county, no strike action will take place this term.]]
[[Breakfast club will run as normal.|Free school meals will be provided as packed lunches.|]]
{sc.name}"""

TEMPLATES["neg_policy"] = """Equality policy (extract)
The school will not discriminate on the grounds of any protected characteristic: age, disability, gender reassignment, marriage and civil partnership, pregnancy and maternity, race, religion or belief, sex and sexual orientation. [[We celebrate the festivals of the main faiths in our community, including Christmas, Eid, Diwali and Vaisakhi, in assemblies for the whole school.|Staff must remain politically impartial and must not promote partisan political views in lessons (Education Act 1996, s406).|Pupils may wear religious dress such as the hijab, turban or kippah in school colours.|Staff who are members of a trade union may take part in lawful industrial action.]]"""

TEMPLATES["neg_newsletter"] = """{sc.name} newsletter
[[Thank you to St Mary's church for letting us use their hall for the book fair.|Our Year 6 visit to Parliament was a great success; the children met the Speaker's staff and debated the voting age.|The PTA Christmas party raised £640 for the sensory room.|The new Politics A-level has been approved for next September.|Our loft conversion is finished and the music room is now open.|The Christian ethos statement is on the website.]]
[[Reminder: non-uniform day on Friday.|Flu vaccinations for Reception to Year 6 are on Tuesday.|The school will be a polling station on 7 May.]]"""

TEMPLATES["neg_economics_homework"] = """Year 12 Economics homework
[[Using the data, explain why the labour market in the North East tightened in 2023. Compare the Conservative estimate of growth in the Autumn Statement with the outturn.|Discuss the effect of trade union membership on wages in the 1970s.|Explain the role of a third party in a contract and what a party wall agreement is.|Evaluate the Labour government's 1945 nationalisation programme.]]
Due: next Tuesday. 600 words."""

NEGATIVE = {
    "neg_re_curriculum",
    "neg_election_notice",
    "neg_strike_notice",
    "neg_policy",
    "neg_newsletter",
    "neg_economics_homework",
}

YOUNG = {"youth_work_log", "pre_sentence", "uasc_assessment", "tutor_report"}


def extra_ctx(world, ctx: dict) -> dict:
    return {}


FIRST_NAMES = {
    "british": [
        ("Harvey", "m"),
        ("Tyler", "m"),
        ("Reece", "m"),
        ("Owen", "m"),
        ("Connor", "m"),
        ("Bethany", "f"),
        ("Leah", "f"),
        ("Megan", "f"),
        ("Kirsty", "f"),
        ("Abigail", "f"),
    ],
    "south_asian": [
        ("Imran", "m"),
        ("Arjun", "m"),
        ("Harpreet", "m"),
        ("Bilal", "m"),
        ("Nazia", "f"),
        ("Simran", "f"),
        ("Priya", "f"),
        ("Farzana", "f"),
    ],
    "polish": [("Tomasz", "m"), ("Filip", "m"), ("Julia", "f"), ("Maja", "f")],
    "somali": [("Abdirahman", "m"), ("Hamza", "m"), ("Hodan", "f"), ("Ifrah", "f")],
    "caribbean": [("Jerome", "m"), ("Marlon", "m"), ("Shanice", "f"), ("Chantelle", "f")],
    "irish": [("Declan", "m"), ("Eoin", "m"), ("Niamh", "f"), ("Siobhan", "f")],
    "chinese": [("Wei", "m"), ("Hao", "m"), ("Mei", "f"), ("Ling", "f")],
    "west_african": [("Chidi", "m"), ("Kofi", "m"), ("Ngozi", "f"), ("Ama", "f")],
    "eastern_european": [("Andrei", "m"), ("Bogdan", "m"), ("Elena", "f"), ("Ioana", "f")],
    "middle_eastern": [("Omar", "m"), ("Tariq", "m"), ("Leila", "f"), ("Noor", "f")],
}

SURNAMES = {
    "british": [
        "Hargreaves",
        "Ackroyd",
        "Brierley",
        "Crowther",
        "Holroyd",
        "Ormerod",
        "Stansfield",
        "Tattersall",
        "Wainwright",
        "Greenwood",
    ],
    "south_asian": ["Akhtar", "Sandhu", "Mistry", "Rahman", "Gill", "Begum"],
    "polish": ["Kowalczyk", "Zielinski", "Szymanski", "Dabrowski"],
    "somali": ["Warsame", "Farah", "Abdi", "Hassan"],
    "caribbean": ["Campbell", "Bailey", "Grant", "Francis"],
    "irish": ["Gallagher", "Kavanagh", "Brennan", "Donnelly"],
    "chinese": ["Zhang", "Huang", "Lin", "Zhou"],
    "west_african": ["Mensah", "Boateng", "Eze", "Okafor"],
    "eastern_european": ["Popescu", "Petrov", "Dumitru", "Georgiev"],
    "middle_eastern": ["Haddad", "Nasser", "Saleh", "Khalil"],
}

STREETS = [
    "Union Street",
    "Temple Road",
    "Chapel Lane",
    "Church Walk",
    "Abbey Road",
    "Parliament Street",
    "Liberal Road",
    "Greenfield Avenue",
    "Station Road",
    "Beech Grove",
    "Mosley Street",
    "Cromwell Road",
]
