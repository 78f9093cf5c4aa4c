"""Session 6 (issue 2, item 3): a term inside a professional's job or team says nothing about
that professional ("Jo Bennett, Independent Reviewing Officer"), but a social care worker's job
in a record about a child says the child's family has social care involvement."""

import pytest

from safehaven.core.detect import analyse


def _cats(text: str) -> set[str]:
    return set(analyse(text).special_categories)


S = "safeguarding"

# Professionals named with their job or team, nobody else: no special category about anyone.
JOB_ONLY = [
    "Jo Bennett from the Child Protection Team will chair.",
    "Jo Bennett, Head of Looked After Children Service, will reply.",
    "Jo Bennett works in the MASH as a police liaison officer.",
    "Jo Bennett is our Virtual School Head.",
    "Jo Bennett, Independent Reviewing Officer",
    "Jo Bennett, the Early Help coordinator, can be reached on the number below.",
    "Please contact Jo Bennett, Designated Safeguarding Lead, if you have any questions.",
    "Dear Mrs Holt,\n\nThank you for applying for a school place for Mia. We have offered a place"
    " at Oak Primary.\n\nJo Bennett\nAdmissions Officer, Children's Services",
    "Hi Sam,\n\nThe room for Thursday's training is booked.\n\nIfrah Warsame\nSocial Worker\n"
    "Children's Social Care, Coventry City Council",
]

# The same jobs with a child or a family in the sentence, or a social worker's record about a
# child: safeguarding.
ABOUT_A_CHILD = [
    "Jo Bennett, Independent Reviewing Officer, will chair Mia Holt's review.",
    "Jo Bennett from the Child Protection Team visited Mia Holt at home.",
    "Mia Holt is supported by the Early Help coordinator, Jo Bennett.",
    "Mia Holt was referred to the Early Help Team.",
    "Jo Bennett, Mia Holt's social worker, attended the LAC review.",
    "Dear Mrs Holt,\n\nI am Mia's new social worker and would like to visit you next week.\n\n"
    "Jo Bennett",
    "Hi Arjun,\n\nI saw Wei at home yesterday. Can you let me know how he is in school?\n\n"
    "Ifrah Warsame\nSocial Worker\nChildren's Social Care, Coventry City Council",
    "Callum,\n\nI popped round to see Marcia and the kids today. Precious was off school.\n\n"
    "Lee Bright Family Support Worker\nChildren's Social Care",
]


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize("text", JOB_ONLY)
def test_a_job_says_nothing_about_who_does_it(text):
    assert S not in _cats(text)


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize("text", ABOUT_A_CHILD)
def test_social_care_about_a_child_is_safeguarding(text):
    assert S in _cats(text)


def test_the_explanation_names_the_writer_s_job_and_the_child():
    text = (
        "Hi Arjun,\n\nI saw Wei at home yesterday.\n\nIfrah Warsame\nSocial Worker\n"
        "Children's Social Care"
    )
    reasons = [e.explanation for e in analyse(text).evidence if e.linked]
    assert any("the writer's job" in r and "'Wei'" in r for r in reasons), reasons


def test_a_job_in_capitals_after_a_name_alone_on_its_line():
    # the path with no apposition, "from" or "is our" between the name and the job (it raised
    # AttributeError before session 6's fix, found by the hypothesis tests)
    text = "Lee Bright Child Protection Team\n\nThe room is booked for Thursday."
    assert "safeguarding" not in _cats(text)
    text = "Lee Bright Child Protection Team\n\nI saw Precious at home today."
    assert analyse(text).classification in {"personal", "sensitive"}


# A counted term is a tally (a caseload, a team's figures), not a fact about a name nearby; a name
# in its own sentence still links it.
TALLIES = [
    "Supervision record\nSupervisee: Owen Ackroyd\n\nCaseload: 21 children; two new CP plans.",
    "Team figures\nManager: Jo Bennett\n\n14 children in care, 3 new child protection plans this"
    " month.",
]
TALLIES_ABOUT_SOMEONE = [
    "Mia Holt and her brother are two of the 14 children in care at our school.",
    "Mia Holt\n\nMia has been on a child protection plan for two years.",
]


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize("text", TALLIES)
def test_a_tally_says_nothing_about_a_name_nearby(text):
    assert S not in _cats(text)


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize("text", TALLIES_ABOUT_SOMEONE)
def test_a_tally_with_a_name_in_its_sentence_is_about_that_person(text):
    assert S in _cats(text)
