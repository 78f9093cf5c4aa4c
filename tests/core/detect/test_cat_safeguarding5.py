"""Session 5b (issue 2, item 3): safeguarding and religion as practitioners write them.

Written before reading the engine's safeguarding and religion terms: terse case notes,
abbreviations, minutes and emails about one child or adult (each with the categories it must
give), and look-alikes that say nothing about anyone (policies, training, team names, whole-school
events, the curriculum), which must give no special category.
"""

import pytest

from safehaven.core.detect import analyse


def _cats(text: str) -> set[str]:
    return set(analyse(text).special_categories)


S = "safeguarding"
R = "religion"
C = "criminal"

SAID = [
    # child protection processes
    ("Kayden Ward is subject to a CP plan under the category of neglect.", {S}),
    ("S47 initiated re Mia Clarke following disclosure at school.", {S}),
    ("Strategy discussion held 14/10 re Leo Hart - threshold met for section 47 enquiries.", {S}),
    ("ICPC for the Begum children booked for 3rd March.", {S}),
    ("RCPC: Ruby remains on a plan, category emotional abuse.", {S}),
    ("Core group meeting for Tyler Mason - mum did not attend.", {S}),
    ("Referral made to MASH by the DSL about Oliver Reid.", {S}),
    ("Front door referral re Amelia Stone, outcome: allocated for assessment.", {S}),
    ("LADO contacted re allegation against PE teacher Mr Dale.", {S}),
    ("Early Help assessment completed with the family; TAF to start next week.", {S}),
    ("Jack is a CIN, allocated social worker is Priya Shah.", {S}),
    ("Jack Evans is open to CSC.", {S}),
    ("The family are known to social care.", {S}),
    ("Case stepped down to early help after the last review of Ella Price.", {S}),
    ("Mum has been sent a PLO letter.", {S}),
    ("LA has issued care proceedings for baby Noah.", {S}),
    ("Interim care order granted for Lily Fox; placed with foster carers.", {S}),
    ("Harvey is accommodated under s20 with mum's consent.", {S}),
    ("Aisha is CLA and lives with her aunt under a kinship arrangement.", {S}),
    ("Ryan Cole (LAC) - PEP review due.", {S}),
    ("Grandparents have an SGO for Bella.", {S}),
    ("Nan was granted special guardianship of Theo last year.", {S}),
    ("Private fostering arrangement identified: Kofi lives with a family friend.", {S}),
    ("Jordan went missing overnight again - third missing episode this month.", {S}),
    ("RHI completed with Skye after she returned home.", {S}),
    ("Return home interview declined by Mason.", {S}),
    # exploitation, trafficking, harmful practices
    ("Concerns of CSE for Chloe Ward - older males picking her up in cars.", {S}),
    ("Kai is believed to be at risk of CCE.", {S}),
    ("Police believe Tyrese has been running county lines to Norwich.", {S}),
    ("NRM referral submitted for Dritan.", {S}),
    ("Possible victim of trafficking - Anh arrived via lorry.", {S}),
    ("Mr Popescu may be a victim of modern slavery at the car wash.", {S}),
    ("Mum disclosed that her older daughter has undergone FGM.", {S}),
    ("Samira is worried she will be taken abroad for a forced marriage.", {S}),
    ("Risk of honour-based abuse from the maternal uncle.", {S}),
    # domestic abuse, neglect, disclosures
    ("Callum witnessed dad assault mum on Saturday night.", {S}),
    ("Mum has made a Clare's Law application about her new partner.", {S}),
    ("Operation Encompass notification received for Lola this morning.", {S}),
    ("Neglect concerns: Finley is hungry most mornings and his uniform is unwashed.", {S}),
    ("Bruising to Ava's upper arm recorded on a body map.", {S}),
    ("Ollie disclosed that his stepdad hits him with a belt.", {S}),
    # radicalisation, online harm, harmful sexual behaviour
    ("Prevent referral made for Ethan; Channel panel to consider.", {S}),
    ("Concerns Adam is being radicalised online.", {S}),
    ("Maisie has been groomed online by a man she met on Snapchat.", {S}),
    ("Nude image sharing incident involving Year 9 pupil Sophie Hill.", {S}),
    ("Liam displays harmful sexual behaviour towards younger children.", {S}),
    ("Peer-on-peer abuse reported: Zara was touched inappropriately by a Year 10 boy.", {S}),
    ("Police NFA'd the allegation against Dylan's stepfather.", {S}),
    # criminal
    ("Dylan is on bail until December for a robbery.", {C}),
    ("Jamal is known to the youth offending team and has a referral order.", {C}),
    ("Reece received a youth caution for possession of cannabis.", {C}),
    # religion as written in everyday records
    ("Dietary needs: halal only (Yusuf).", {R}),
    ("Hamza does not eat pork for religious reasons.", {R}),
    ("Ibrahim is fasting for Ramadan so will sit out PE.", {R}),
    ("Absence request: Maryam, two days for Eid.", {R}),
    ("Dad collects Bilal early on Fridays for Friday prayers.", {R}),
    ("Fatima wears a hijab and would like to keep it on for swimming.", {R}),
    ("Gurpreet wears a turban and a kara.", {R}),
    ("Mr Singh carries a kirpan.", {R}),
    ("The family are Jehovah's Witnesses and will not consent to blood products.", {R}),
    ("Mum is a Jehovah's Witness.", {R}),
    ("Noah will be off for Yom Kippur.", {R}),
    ("The family attend church every Sunday.", {R}),
    ("Zain attends madrasa after school each day.", {R}),
    ("Ella goes to Sunday school at St Mark's.", {R}),
    ("Baby Jacob's christening is booked for June.", {R}),
    ("Ben's bar mitzvah is next month so he will be away.", {R}),
    ("Ahmed is a practising Muslim.", {R}),
    ("The family are Sikh.", {R}),
    ("Mum converted to Islam when she married.", {R}),
    ("Faith-based concerns: dad says Grace is possessed.", {R, S}),
    ("Sapna will be absent for Diwali celebrations with her family.", {R}),
]

# Still missed after session 5b: no name, pronoun or family word links the term to anyone ("Case"
# and a faith's "family" are not read as a person; a form field alone, with no one named in the
# text). Strict: a fix makes these fail until they are moved up.
STILL_MISSED = [
    ("Case heard at MARAC; DASH scored 16 (high risk).", {S}),
    ("Catholic family, four children.", {R}),
    ("Religion: Muslim", {R}),
]

LOOK_ALIKE = [
    "The school's safeguarding policy was reviewed in September.",
    "DSL training dates for 2025: 12 March and 9 July.",
    "All staff completed the Level 3 child protection course.",
    "Book onto the Child Protection in Education course via the portal.",
    "Kind regards,\nJo Bennett\nLooked After Children Team\nNorthshire County Council",
    "The Virtual School supports looked after children across the county.",
    "There is an Eid party for the whole school on Friday.",
    "The RE curriculum covers Christianity, Islam and Sikhism in Key Stage 2.",
    "Christmas fair on Saturday 10am-2pm in the main hall.",
    "Year 6 raised £200 for Christian Aid.",
    "Parents' evening will be held at St John's Church hall.",
    "The hijab policy review will go to governors next term.",
    "The local authority had 412 children on CP plans at 31 March.",
    "Number of section 47 enquiries rose by 8% this year.",
    "MASH opening hours are 9am to 5pm, Monday to Friday.",
    "The LADO's role is explained in Keeping Children Safe in Education.",
    "Early Help is a service for families who need support.",
    "Prevent duty training is mandatory for all staff.",
    "Operation Encompass is a partnership between police and schools.",
    "The county lines awareness session is on 5 May.",
    "Modern slavery statement 2024-25.",
    "The forced marriage unit publishes annual statistics.",
    "A webinar on FGM awareness for school nurses.",
    "Harvest festival assembly next Tuesday.",
    "The Diwali fireworks display in the park starts at 7pm.",
    "Ramadan timetable for the community centre.",
    "Halal options are available in the canteen every day.",
    "Our PSHE lessons cover online safety and sexting.",
    "Minutes of the safeguarding governors' subcommittee.",
    "The children's social care budget for 2025 is £40m.",
    "Children in care council meeting dates.",
    "The fostering panel meets monthly.",
    "Kinship care week is in October.",
    "The school nativity play is on 15 December.",
    "Sunday trading hours apply at the retail park.",
    "St Mary's Catholic Primary School, Church Lane.",
    "The MARAC steering group meets quarterly.",
    "Missing from home protocol (updated 2024).",
    "The church car park will be closed on Saturday.",
    "Lent term begins on 8 January.",
    "Section 20 of the Children Act 1989 is discussed in module 4.",
    "The youth offending service moved offices last year.",
    "Schools must have a designated teacher for looked after children.",
]


@pytest.mark.parametrize(("text", "expected"), SAID)
def test_said_of_a_person(text, expected):
    assert expected <= _cats(text)


@pytest.mark.xfail(strict=True, reason="no person linked (see STILL_MISSED)")
@pytest.mark.parametrize(("text", "expected"), STILL_MISSED)
def test_still_missed(text, expected):
    assert expected <= _cats(text)


@pytest.mark.parametrize("text", LOOK_ALIKE)
def test_look_alike_says_nothing(text):
    assert _cats(text) == set()


# Written after the first tuning pass (session 5b), for the cues it added: each a sentence about a
# person and a look-alike of the same words.
AFTER = [
    ("Patient Mia Holt requested the hospital chaplain.", {R}, set()),
    ("Mrs Khan would like a same-gender carer due to her beliefs.", {R}, {"sexual_orientation"}),
    ("Jayden Smith is excused from RE at his parents' request.", {R}, set()),
    ("Mia Holt wore a cross necklace to school.", {R}, set()),
    ("Mum says the family are JW.", {R}, set()),
    ("To: Multi-Agency Safeguarding Hub, Bristol City Council\nName: Amelia Thomas", {S}, set()),
    ("Jo Bennett was referred to the Early Help Team", {S}, set()),
    ("Dad is a Schedule 1 offender.", {S}, set()),
    ("Ella (Y8) sent nudes to a boy in Y10.", {S}, set()),
    ("Tom Price ran away from home last night.", {S}, set()),
    # second probes (other kinds of record: housing, hospital, police, school logs)
    ("Housing: Ms Adeyemi fled DA and is in temporary accommodation with Mia Holt.", {S}, set()),
    ("Police attended; Mia Holt present in the house during the incident.", {S}, set()),
    ("Mia Holt told her teacher that mum's boyfriend touches her private parts.", {S}, set()),
    ("Jayden Smith came to school hungry and wearing the same clothes for a week.", {S}, set()),
    ("Mia Holt was left home alone overnight aged 6.", {S}, set()),
    ("Dad was under the influence of alcohol when he collected Jayden Smith.", {S}, set()),
    ("Jayden Smith was placed with his aunt under a Regulation 24 placement.", {S}, set()),
    ("DSL spoke to Mia Holt about the marks on her arm.", {S}, set()),
    ("Mia Holt said she does not feel safe at home.", {S}, set()),
    ("Jayden Smith said dad locks him in his room.", {S}, set()),
    ("Mia Holt's parents are separated; there is a non-mol in place.", {S}, set()),
    ("Mia Holt's mother has been assessed as unable to protect her.", {S}, set()),
    ("Dad has been sending threatening messages to mum; Jayden Smith scared.", {S}, set()),
    ("Mia Holt's name was on a list found by police at a drug address.", {S}, set()),
    ("Mia Holt said she is being made to hold packages for older boys.", {S}, set()),
    # a form field's value is a faith even where a word of it is taken for a name
    ("Name: Amir Khan\nDOB: 01/02/2012\nReligion: Islam (Sunni)", {R}, set()),
    ("Name: Amir Khan\nDOB: 01/02/2012\nDenomination: Baptist", {R}, set()),
    # a one-word faith after "is" or "are", taken alone for a name
    ("Amir Khan's family are Sunni.", {R}, set()),
    ("Amir Khan is Ahmadi.", {R}, set()),
    # third probes: the records and teams of safeguarding work
    ("Rang Yaw Boateng at the Duty Team re Eilidh Ross, left message.", {S}, set()),
    ("IN THE FAMILY COURT AT Bradford\nRe: SHANNON LITTLE (a child)", {S}, set()),
    ("Direct work session booked with Mia Holt for Tuesday.", {S}, set()),
]

AFTER_LOOK_ALIKE = [
    "Contact between Mia Holt and mum will take place at the Salvation Army family centre.",
    "Mia Holt made a cross necklace in DT.",
    "Mia Holt wore a cross face all day.",
    "Telephone log\n10:15 - Call from Amber about Mark Price.\nLogged by JW",
    "Kind regards\nSam Patel\nSocial Worker, Child Protection Service",
    "Parents have the right to withdraw their child from RE.",
    "The class watched Home Alone at the Christmas party.",
    "In the story an older man helps the children find their way home.",
    "The film was about a drug den in Manchester.",
    "Mrs Patel said the unannounced visit by the fire officer went well.",
    "The Duty Team can be contacted on 01234 567890 out of hours.",
    "The family court sits on Tuesdays and Thursdays.",
    "Her brother is Christian Murphy.",
    "Staff learnt how to draw a genogram.",
    "Rakhi Sharma is in Year 4.",
    "Pupils of every religious background are welcome, said Jo Bennett.",
    "The school works with the faith community, Mrs Patel said.",
    "Mia Holt brought head covering for the sun on the trip.",
    "Mia Holt has a strong faith in her teachers.",
    "Chaplaincy - note\nStudent: Tanisha Thompson\nChaplain/pastoral lead: Mason Lockwood\n\n"
    "Tanisha came in to borrow a board game at lunch.",
]


@pytest.mark.parametrize(("text", "expected", "not_expected"), AFTER)
def test_after_tuning_said_of_a_person(text, expected, not_expected):
    found = _cats(text)
    assert expected <= found
    assert not (not_expected & found)


@pytest.mark.parametrize("text", AFTER_LOOK_ALIKE)
def test_after_tuning_look_alike(text):
    assert _cats(text) == set()
