"""A record whose header names whom it is about (Re:, Pupil:, Subject:, Child's name:) is about
that person throughout: a term far below the header is linked to them (SENS-2)."""

import pytest

from safehaven.core.detect import analyse

FILLER = "The meeting was held in the library and notes were taken by the clerk. " * 4


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize("label", ["Re", "Pupil", "Subject", "Child's name", "Young person"])
def test_a_header_naming_the_subject_links_terms_far_below(label):
    text = f"{label}: Harvey Pearson\n\n{FILLER}\n\n{FILLER}\n\nA strategy discussion was held."
    result = analyse(text)
    assert "safeguarding" in result.special_categories
    linked = [e for e in result.evidence if e.category == "safeguarding"]
    assert "in a document about 'Harvey Pearson'" in linked[0].explanation


@pytest.mark.rule("SENS-2")
def test_a_header_without_a_name_links_nothing():
    text = f"Re: staff briefing\n\n{FILLER}\n\n{FILLER}\n\nA strategy discussion was held."
    assert analyse(text).special_categories == ()


@pytest.mark.rule("SENS-2")
def test_a_name_in_the_body_only_is_not_a_subject():
    text = f"Notes\n\n{FILLER}\n\n{FILLER}\nThanks, Harvey Pearson.\n\n{FILLER}\n\n{FILLER}"
    text += "\n\nA strategy discussion was held."
    assert "safeguarding" not in analyse(text).special_categories


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    "sentence",
    [
        "As part of our RE topic, the class will visit the gurdwara and share a meal.",
        "The whole school is performing the nativity in the church.",
        "Our Year 4 class is visiting the Central Mosque on Friday.",
    ],
)
def test_a_sentence_about_a_group_is_not_linked_to_the_record_subject(sentence):
    text = f"Pupil: Harvey Pearson (Year 4)\nDear Mrs Pearson,\n\n{sentence}\n\nMrs Hartley"
    assert "religion" not in analyse(text).special_categories


@pytest.mark.rule("SENS-2")
def test_a_person_in_a_group_sentence_still_links():
    text = "Pupil: Harvey Pearson\n\nThe class will visit the gurdwara with his dad, who is a Sikh."
    assert "religion" in analyse(text).special_categories


@pytest.mark.rule("SENS-2")
def test_a_class_craft_is_not_a_faith():
    found = analyse("Maisie Barnes made a Diwali lamp this week.").special_categories
    assert "religion" not in found
