"""Session 7 (issue 2, SENS-2): false positives a children's services DPO would recognise, and
special categories said without the usual words.

Written as probes before the changes: what "DNA" means in a school or a clinic, a faith school's
name, a festival in the school calendar, a professional's own safeguarding role, training or
contact details, a member of staff's record check, a workplace; and implicit religion and
safeguarding ("is fasting for Ramadan", "a Section 47 enquiry", "strat held", "ABE interview").
Each new rule has a contrast where the same words do tell something about the person."""

import pytest

from safehaven.core.detect import analyse

G, R, S, H, C, B = "genetic", "religion", "safeguarding", "health", "criminal", "biometric"


def _cats(text: str) -> set[str]:
    return set(analyse(text).special_categories)


NOT_THE_CATEGORY = [
    # "DNA" is "did not attend" in schools and clinics, not genetic data
    ("Mia Holt DNA'd her appointment with the paediatrician on Tuesday.", G),
    ("Mia Holt has had 2 DNAs this term at the CAMHS clinic.", G),
    ("Mia Holt was DNA for the dental appointment; rebooked.", G),
    ("Outcome: DNA. Jayden Smith to be offered another slot.", G),
    ("Mia Holt was marked as DNA; WNB policy followed.", G),
    ("Mia Holt's family history of diabetes was noted at registration.", G),
    # a faith school's name, a lesson, a school event, a calendar: nobody's religion
    ("Mia Holt attends St Mary's Church of England Primary School.", R),
    ("Mia Holt is in Year 4 at Our Lady of Lourdes Catholic Academy.", R),
    ("Mia Holt moved to a Catholic school in September.", R),
    ("Jayden Smith goes to St Joseph's RC Primary School.", R),
    ("Jayden Smith has been offered a place at Guru Nanak Sikh Academy.", R),
    ("Mia Holt enjoyed her RE lesson today.", R),
    ("Mia Holt was a shepherd in the Christmas play.", R),
    ("Jo Bennett from the chaplaincy team will visit Mia Holt's class.", R),
    ("Mia Holt's mum asked for a copy of the school's collective worship policy.", R),
    ("Mia Holt brought home the Eid holiday closure notice.", R),
    ("School is closed for Eid; Mia Holt's mum asked about childcare.", R),
    ("Mia Holt's mum asked if the school closes for Diwali.", R),
    ("Owen Crowther has RE homework about the Hajj and is asking for a worksheet.", R),
    ("Mia Holt's faith school trip is on Monday.", R),
    ("Mia Holt's faith in her teachers is touching.", R),
    # a professional's own safeguarding role, training, policy or a service's contact details
    ("Hi, I am the DSL at Oakfield Primary. Jo Bennett", S),
    ("Jo Bennett has safeguarding training on Tuesday.", S),
    ("Jo Bennett sent round our safeguarding policy.", S),
    ("Jo Bennett completed her Level 3 safeguarding certificate.", S),
    ("Jo Bennett asked for the MASH team's phone number.", S),
    ("Jo Bennett asked for the LADO's email address.", S),
    ("Jo Bennett emailed the MASH inbox address to staff.", S),
    ("Please log safeguarding concerns on paper while MyConcern is down. Jo Bennett", S),
    ("Jo Bennett asked for the hospital switchboard number.", H),
    ("Jo Bennett sent the CAMHS phone number to all staff.", H),
    # a member of staff's record check for the job
    ("Jo Bennett's criminal record check is outstanding.", C),
    ("Jo Bennett completed the criminal record self-declaration.", C),
    ("Jo Bennett's DBS check came back clear.", C),
    # a post or a workplace
    ("Jo Bennett, Head of SEND", H),
    ("Mia Holt's mum works at the prison.", C),
    ("Mia Holt's dad works at the hospital as a porter.", H),
    # a health charity or its fundraiser, as a cause
    ("Mia Holt took part in the sponsored walk for Cancer Research.", H),
    ("Mia Holt raised money for Macmillan Cancer Support.", H),
    # a notice's title
    (
        "Biometric information notice\nPupil: Mihai Radu\n\n"
        "Mihai made fingerprint paintings in art.",
        B,
    ),
]


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(("text", "category"), NOT_THE_CATEGORY)
def test_look_alikes_a_dpo_would_recognise(text, category):
    assert category not in _cats(text)


SAID_WITHOUT_THE_USUAL_WORDS = [
    ("Mia Holt's paternity DNA test results came back this week.", G),
    ("The court ordered paternity DNA testing for Mia Holt's father.", G),
    ("Mia Holt attends the mosque on Fridays with her dad.", R),
    ("Mia Holt is fasting for Ramadan so will not eat lunch.", R),
    ("Mia Holt is keeping her fast this week.", R),
    ("Jayden Smith wears a kippah.", R),
    ("Mia Holt makes her first Holy Communion in May.", R),
    ("Mia Holt's faith means a lot to her.", R),
    ("A Section 47 enquiry was started for Mia Holt.", S),
    ("Strat held re Mia Holt.", S),
    ("Mia Holt was interviewed under ABE.", S),
    ("Mia Holt had a medical at the SARC.", S),
    ("Mia Holt was discussed at the MACE panel.", S),
    ("Mia Holt has gone missing again.", S),
    ("Mia Holt was missing for two days.", S),
    ("Mia Holt's mum was drunk when she collected her.", S),
    ("Private fostering arrangement: Mia Holt lives with a family friend.", S),
    ("Bruising noticed on Mia Holt's upper arm during PE.", S),
    # a health visitor's contact with a new baby
    ("Health visitor - new birth visit\nClient: Ayesha Kaur   Baby: Navdeep Kaur\n\nAll well.", H),
]


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(("text", "category"), SAID_WITHOUT_THE_USUAL_WORDS)
def test_categories_said_without_the_usual_words(text, category):
    assert category in _cats(text)


CONTRASTS = [
    # a workplace rule: in prison, in hospital
    ("Mia Holt's mum is in prison.", C),
    ("Mia Holt's dad has been in prison since May.", C),
    ("Mia Holt is in hospital.", H),
    # the calendar rule: a family's own festival
    ("Mia Holt will be off for Eid.", R),
    ("Mia Holt's family closed their shop for Eid.", R),
    # the homework rule: the sentence tells of the family; a possessive says whose
    ("Mia Holt has RE homework about Ramadan, which her family observe.", R),
    ("Mia Holt wrote about her faith in her homework.", R),
    # the contact rule: the service is named as the child's
    ("Mia Holt has been referred to CAMHS; the CAMHS phone number is on the letter.", H),
    ("Mia Holt: MASH referral made.", S),
    # a charity's name beside the person's own condition
    ("Mia Holt has asthma; Asthma UK's leaflet is in her bag.", H),
    ("Mia Holt's gran is being supported by a Macmillan nurse for her cancer.", H),
    # a post said with another person's category in the sentence
    ("Jo Bennett, Head of Safeguarding, said Mia Holt is on a CP plan.", S),
]


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(("text", "category"), CONTRASTS)
def test_the_same_words_about_the_person_still_count(text, category):
    assert category in _cats(text)


SIGNATURE = """From: Ifrah Warsame <ifrah.warsame@coventry.gov.uk>
To: Arjun Sandhu <arjun.sandhu@school.sch.uk>
Subject: RE: Wei

Hi Arjun,

{body}

Kind regards
Ifrah

Ifrah Warsame
{job}
Coventry City Council"""


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    "job", ["Senior Practitioner, Assessment Team", "Social Worker, Assessment Team"]
)
def test_a_social_workers_job_before_the_team_on_a_signature_line(job):
    """The job before the comma was hidden by the team word at the line's end (session 5b's
    signature rule); now the job rule decides: a record about Wei, seen at home."""
    text = SIGNATURE.format(body="I saw Wei at home yesterday with Xiaoling.", job=job)
    assert S in _cats(text)


def test_a_social_workers_signature_in_a_message_about_no_one_else():
    text = SIGNATURE.format(
        body="Thanks for your call. I will be at the training on Monday.",
        job="Social Worker, Assessment Team",
    ).replace("Subject: RE: Wei", "Subject: training")
    assert S not in _cats(text)


@pytest.mark.rule("SENS-2")
def test_voice_of_the_child_is_a_social_care_record():
    text = (
        "Voice of the child (recorded by Ifrah Abdi, 18th May 2026)\n\n"
        '"I miss Nana Ayan," Andrei said. He drew a picture of his family.'
    )
    assert S in _cats(text)


def test_voice_of_the_child_in_a_health_visitors_record_is_not_social_care():
    text = (
        "Voice of the child - health visitor Jo Bennett\n\n"
        "Andrei Stan pointed at the toys and smiled; weight on the 50th centile."
    )
    assert S not in _cats(text)
