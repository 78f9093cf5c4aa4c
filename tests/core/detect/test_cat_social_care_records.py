"""Session 6 (issue 2, item 3; RULES.md SENS-2): records that show children's social care
involvement without a safeguarding word: a worker's case note or visit record, a social worker's
interview, a concern passed to the DSL or logged on CPOMS, a request to the children's duty
service; and the look-alikes that say nothing about anyone."""

import pytest

from safehaven.core.detect import analyse

S = "safeguarding"


def _cats(text: str) -> set[str]:
    return set(analyse(text).special_categories)


RECORDS = [
    "Case note - 23/12/2025\nWorker: Karim Demir\n\nVisited Marcia at home. Precious was tired.",
    "Statutory visit - 3 March 2026\nSaw Mia Holt alone in her bedroom; she showed me her room.",
    "12 December 2025 09:30 HV by Shanice Bailey (SW)\nSeen: Megan, Kirsty (mum).",
    "Present: Dawn Little (SW), Mustafe (15)\n\nSW: Who lives at home with you?\n"
    "Mustafe: Me and Mum.",
    "Mia Holt came to me crying at lunch and said mum was asleep.\nPassed to Miss McGrath (DSL)"
    " at 1.15pm.",
    "Mia Holt said her stepdad shouted at her again this morning. Logged on CPOMS.",
    "Request for Service - Children's Advice and Duty Service\nChild: Abdul Mahmood\n"
    "Presenting issue: mum cannot cope with his behaviour.",
    "Case note - Declan Gallagher\nAuthor: Priya Sandhu, Family Support Worker\n\nDad said he is"
    " busy with the garage conversion.",
]

LOOK_ALIKES = [
    "Home visit - 2 May 2026\nHealth visitor Jo Bennett saw baby Mia; weight on the 50th centile.",
    "Please log all concerns on CPOMS before the end of the day.",
    "Jo Bennett will show new staff how to use CPOMS.",
    "Case note template updated by Jo Bennett on 3 March.",
    "Key worker: Sam Jones\nMia had a lovely day painting and playing outside.",
    "Chronology of the building works, by Jo Bennett, site manager.",
    "Jo Bennett (DSL) will attend the governors' meeting.",
    "Visit record - Jo Bennett, ICT technician, replaced the projector in Room 4.",
    "Send the form to Jo Bennett, SW1A 2AA, by Friday.",
]


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize("text", RECORDS)
def test_a_social_care_record_is_safeguarding(text):
    assert S in _cats(text)


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize("text", LOOK_ALIKES)
def test_look_alikes_say_nothing_of_social_care(text):
    assert S not in _cats(text)


def test_a_midwife_s_case_note_is_not_social_care():
    text = "Case note - 4 May 2026\nMidwife: Jo Bennett\nVisited Mia Holt at home; BP normal."
    assert S not in _cats(text)
