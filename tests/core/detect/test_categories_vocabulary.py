"""Special categories in the wording of UK schools and children's social care (SENS-1, SENS-2).

Each category is found in ordinary phrasing about a named person, and the harmless look-alikes
(a lesson, a school's name, a policy, a first name, a generic notice) do not count.
"""

import pytest

from safehaven.core.detect import analyse


def categories(text: str) -> tuple[str, ...]:
    return analyse(text).special_categories


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    ("text", "category"),
    [
        # religion: practice, festivals, places of worship, dress, diet
        (
            "Aisha Begum will not be in school on Monday as the family are celebrating Eid.",
            "religion",
        ),
        ("Jayden Smith is fasting during Ramadan so please excuse him from swimming.", "religion"),
        ("Mrs Kaur asked whether her son Harjit can use the prayer room at lunchtime.", "religion"),
        ("Tom Walker goes to Sunday school at St Peter's every week.", "religion"),
        ("Ben Hughes is a practising Catholic and serves at Mass.", "religion"),
        ("Sara Cohen's bat mitzvah is on 12 May.", "religion"),
        (
            "The Okafor family are Jehovah's Witnesses and Ade does not celebrate birthdays.",
            "religion",
        ),
        ("Harpreet wears a kara and we ask that he can cover it in PE.", "religion"),
        ("Yusuf Ali attends madrasa four evenings a week.", "religion"),
        ("The family worship at the gurdwara on Soho Road, said Mr Singh.", "religion"),
        ("Their parish priest, Father Doyle, has signed the form for Niamh Byrne.", "religion"),
        # political opinion: party membership, candidacy, activism, extremist views
        ("Mr Ahmed is a member of the Labour Party.", "political_opinion"),
        ("Mrs Green is standing for the Green Party in the May elections.", "political_opinion"),
        ("Cllr Davies, a Conservative councillor, asked about the bus route.", "political_opinion"),
        ("I am a Reform UK member, wrote Gary Hall.", "political_opinion"),
        ("Chloe Evans campaigns with Extinction Rebellion.", "political_opinion"),
        (
            "Daniel Price has shared far-right memes and neo-Nazi symbols in class.",
            "political_opinion",
        ),
        # safeguarding: processes, legal status, abuse, exploitation
        (
            "Liam Brown is subject to a child protection plan; the RCPC is on 3 June.",
            "safeguarding",
        ),
        (
            "Section 47 enquiries were started for Mia Jones after the strategy discussion.",
            "safeguarding",
        ),
        (
            "Ellie Ward lives with kinship carers under a special guardianship order.",
            "safeguarding",
        ),
        ("Noah Clark was reported missing from home on Saturday night.", "safeguarding"),
        ("Ruby told me that her stepdad hits her.", "safeguarding"),
        (
            "Operation Encompass: police attended a domestic incident; Ava was present.",
            "safeguarding",
        ),
        ("Kai Chen is known to the Early Help team and a TAF meeting is booked.", "safeguarding"),
        ("Zara Khan was seen by the IDVA after the MARAC.", "safeguarding"),
        ("Tyler's birth mother has supervised contact once a month.", "safeguarding"),
        (
            "Concern passed to the DSL: Leo came in hungry and said there was nothing to eat.",
            "safeguarding",
        ),
        # health: conditions, medicines, SEN, clinicians, sickness
        ("Lily Turner takes Concerta XL each morning.", "health"),
        ("Jack Wood has an adrenaline auto-injector for a nut allergy.", "health"),
        ("Grace Moore has been referred to CAMHS for low mood.", "health"),
        ("Oscar Hill uses a wheelchair and needs a hoist.", "health"),
        ("Amir is on SEN support for dyslexia and has access arrangements.", "health"),
        ("Mrs Patel has been signed off with work-related stress.", "health"),
        ("Ella Smith was seen by the audiologist and now wears hearing aids.", "health"),
        ("Ms Brown is expecting a baby in March.", "health"),
        # the other categories, in their usual wording
        ("Mr Lee is the NEU rep and will attend the hearing with Mrs Khan.", "trade_union"),
        ("Mrs Evans asked for her union subscriptions to stop.", "trade_union"),
        ("Callum Ross was released under investigation after the robbery.", "criminal"),
        ("Kieran Doyle has been given a Youth Rehabilitation Order with a curfew.", "criminal"),
        ("Sam Taylor uses he/him pronouns and has started wearing a binder.", "gender"),
        ("Alex was referred to the gender identity service.", "gender"),
        ("Jess Hall came out to her parents as a lesbian.", "sexual_orientation"),
        ("Mia Price asked the school nurse for the C-card.", "sex_life"),
        ("The microarray showed a 22q11 deletion for Ruby Shah.", "genetic"),
        ("Ethnic group: Black - Somali\nName: Hodan Farah", "ethnicity"),
        ("Name: Hodan Farah\nReligion: Islam", "religion"),
    ],
)
def test_category_found_in_everyday_wording(text, category):
    assert category in categories(text)


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Oliver Smith was late for the Religious Education lesson on Hinduism.", "religion"),
        ("Chloe Jones has a place at St Thomas More Catholic Primary School.", "religion"),
        ("Arjun Patel starts at Guru Nanak Sikh Academy in September.", "religion"),
        ("Christian Murphy was late for registration.", "religion"),
        ("Ella Ward wrote about how Christians celebrate Easter.", "religion"),
        (
            "Harry Wilson is on the school council and organised a birthday party.",
            "political_opinion",
        ),
        ("Sophie Hall asked about the labour market in her careers lesson.", "political_opinion"),
        (
            "Jack Green's history project is on the growth of the trade union movement.",
            "trade_union",
        ),
        ("We took the union of two sets, said Ava Brown.", "trade_union"),
        ("Please see the attached lesson plan for Amelia Green's class.", "safeguarding"),
        ("Mrs Patel looked after the class while Mr Jones was at the meeting.", "safeguarding"),
        ("Liam Clarke completed his health and safety induction.", "health"),
        ("Medical condition: none\nName: Ruby Shaw", "health"),
        ("There are no known allergies for Andre Campbell.", "health"),
        ("Religion: none\nName: Ruby Shaw", "religion"),
        ("Ethnicity: not stated\nName: Ruby Shaw", "ethnicity"),
        ("Max Reed wrote a sentence for each spelling word.", "criminal"),
        ("Ava Khan put her work in a ring binder.", "gender"),
        ("Mr Shah met Year 6 about the transition to secondary school.", "gender"),
        ("Kyle Ward was excluded for verbal abuse towards staff.", "safeguarding"),
        ("Mrs Hill runs a dog grooming business, said Ava Hill.", "safeguarding"),
        ("Tom Reid's essay on the Great Depression was poorly written.", "health"),
        ("Sara Ali had careers counselling about apprenticeships.", "health"),
        ("Mr Cole was questioned about the seizure of the fake goods, said Amy Cole.", "health"),
        ("The Year 4 class sang in unison, said Mrs Grace Evans.", "trade_union"),
    ],
)
def test_harmless_look_alike_does_not_count(text, category):
    assert category not in categories(text)


@pytest.mark.rule("SENS-2")
def test_a_negation_far_before_the_term_does_not_cancel_it():
    # "not" belongs to "be in school", not to the festival.
    assert "religion" in categories("Aisha will not be in school on Monday for Eid.")
    assert "health" not in categories("Aisha has not been diagnosed with asthma.")


@pytest.mark.rule("SENS-2")
def test_a_generic_notice_links_no_category_to_a_person():
    text = (
        "If you have a concern about a child, speak to the safeguarding team. Children who go "
        "missing from education may be at risk of exploitation, FGM or forced marriage."
    )
    result = analyse(text)
    assert result.special_categories == ()
    assert any(e.category == "safeguarding" and not e.linked for e in result.evidence)


@pytest.mark.rule("SENS-2")
def test_a_person_word_inside_the_term_does_not_link_it():
    # "child" in "child protection" is part of the term, not a person.
    result = analyse("Staff training: Level 3 child protection and epilepsy awareness.")
    assert result.special_categories == ()


@pytest.mark.rule("SENS-1")
@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dear Mrs Begum, Aisha may leave early on Fridays for Jumu'ah prayers.", "sensitive"),
        ("Dear Mr Hussain, Bilal has been chosen for the school council.", "personal"),
        ("Minutes: Ellie Ward is now on a CIN plan; the core group meets on Tuesday.", "sensitive"),
        ("Cllr Amanda Reed (Labour) will open the summer fair.", "sensitive"),
        ("Year 4 will visit the gurdwara and learn about Vaisakhi.", "none"),
    ],
)
def test_classification_follows_the_categories(text, expected):
    assert analyse(text).classification == expected


@pytest.mark.rule("SENS-2")
def test_a_form_field_gives_the_value_as_evidence():
    text = "Pupil: Hodan Farah\nEthnic group: Black - Somali\nReligion: Islam"
    result = analyse(text)
    values = {(e.category, e.text) for e in result.evidence if e.linked}
    assert ("ethnicity", "Black - Somali") in values
    assert ("religion", "Islam") in values
    for e in result.evidence:
        assert text[e.start : e.end] == e.text


@pytest.mark.rule("SENS-2")
def test_a_form_field_far_below_the_name_is_about_the_named_person():
    fields = "".join(f"Field {i}: see file\n" for i in range(12))
    text = f"Pupil record\nName: Jayden Smith\n{fields}Allergies: peanuts, EpiPen in the office"
    result = analyse(text)
    assert "health" in result.special_categories
    assert result.classification == "sensitive"
    # the same words in running text far from any person are not linked
    prose = "Jayden Smith joined today. " + "The weather was fine. " * 12 + "EpiPen training."
    assert "health" not in analyse(prose).special_categories


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Ava Shah has had several chest infections this term.", "health"),
        ("Leo Hart's mother attends the core group meetings.", "safeguarding"),
        ("Mr Obi asked whether Femi could use one of the prayer rooms.", "religion"),
    ],
)
def test_a_term_is_also_found_in_the_plural(text, category):
    assert category in categories(text)


@pytest.mark.rule("SENS-2")
def test_a_councillors_party_abbreviation_is_a_political_opinion():
    assert "political_opinion" in categories("Cllr Amanda Reed (Lab) opened the fair.")
    assert "political_opinion" not in categories("Amanda Reed (Year 6) opened the fair.")


@pytest.mark.rule("SENS-2")
def test_a_declined_answer_reveals_nothing():
    text = "Name: Ruby Shaw\nSexual orientation: prefer not to say\nDisability: none"
    assert analyse(text).special_categories == ()


@pytest.mark.rule("SENS-2")
def test_a_course_or_topic_is_not_a_fact_about_the_person_named():
    record = (
        "Staff training record\nName: Mrs Aisha Khan\n"
        "- Epilepsy awareness and rescue medication - 3 May\n"
        "- Asthma and anaphylaxis awareness (EpiPen) - 4 May\n"
        "- Level 2 Safeguarding and Child Protection - 5 May"
    )
    result = analyse(record)
    assert result.special_categories == ()
    assert result.classification == "personal"
    assert any("course or a topic" in e.explanation for e in result.evidence)
    assert "religion" not in categories("Mr Shah will lead the Diwali workshop for Year 3.")


@pytest.mark.rule("SENS-2")
def test_a_course_word_elsewhere_does_not_hide_a_fact():
    text = "Mrs Khan did epilepsy awareness training so she can support Amir, who has epilepsy."
    assert "health" in categories(text)
    assert "safeguarding" in categories(
        "After the assembly, Jayden disclosed that his dad hits him."
    )
