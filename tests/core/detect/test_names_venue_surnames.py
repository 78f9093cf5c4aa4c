"""Surnames that are also an organisation's word (Hall, Church, Chambers, Temple): a person
where only a person could be meant, a venue otherwise (SENS-1)."""

import pytest

from safehaven.core.detect import analyse


def persons(text: str) -> list[str]:
    return [s.text for s in analyse(text).spans if s.type == "PERSON"]


@pytest.mark.rule("SENS-1")
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ruby Hall said she was fine.", "Ruby Hall"),
        ("Jack Chambers told me about the fight at break.", "Jack Chambers"),
        ("Olivia Church and her mum came to the meeting.", "Olivia Church"),
        ("Mia Temple who lives with her nan was absent on Monday.", "Mia Temple"),
        ("Harry Hall disclosed that he had been hit.", "Harry Hall"),
        ("Callum Church (Headteacher) chaired the meeting.", "Callum Church"),
    ],
)
def test_a_venue_word_after_a_first_name_is_a_surname_where_a_person_acts(text, name):
    assert name in persons(text)


@pytest.mark.rule("SENS-1")
@pytest.mark.parametrize(
    "text",
    [
        "The Town Hall said it would reopen on Monday.",
        "Riverside Church said the hall was free for the fair.",
        "County Hall told us to wait for the new forms.",
        "Victoria Hall is closed on Mondays.",
        "Carlton House said the rent was due.",
        "Abbey Court said the flat was empty.",
        "The disco is at Victoria Hall on Friday.",
    ],
)
def test_a_venue_stays_a_venue(text):
    assert persons(text) == []


@pytest.mark.rule("SENS-1")
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Ruby May Smith is in Year 2.", "Ruby May Smith"),
        ("Lily May Jones (Year 3) was absent.", "Lily May Jones"),
        ("Olivia June Patel attends the breakfast club.", "Olivia June Patel"),
        ("Jack May told his teacher about the fight.", "Jack May"),
        ("Term starts in May. James May said so.", "James May"),
        ("Pupil: Evie May", "Evie May"),
    ],
)
def test_a_month_after_a_first_name_is_part_of_the_name(text, name):
    assert name in persons(text)


@pytest.mark.rule("SENS-1")
@pytest.mark.parametrize(
    ("text", "not_name"),
    [
        ("On Friday May 3rd we go to the farm.", "Friday May"),
        ("Harry May 2024 report", "Harry May"),
        ("Oliver May be late on Monday.", "Oliver May"),
        ("Since Easter May has been quieter.", "Easter May"),
    ],
)
def test_a_month_in_a_date_or_the_verb_is_no_name(text, not_name):
    assert not_name not in persons(text)


@pytest.mark.rule("SENS-1")
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Olivia French said she was fine.", "Olivia French"),
        ("Amelia French (Year 4) was absent.", "Amelia French"),
        ("Olivia French and her mum came in.", "Olivia French"),
        ("Jack Welsh told his teacher.", "Jack Welsh"),
        ("Harry Irish said no.", "Harry Irish"),
    ],
)
def test_a_word_that_is_a_surname_is_one_where_only_a_person_is_meant(text, name):
    assert name in persons(text)


@pytest.mark.rule("SENS-1")
@pytest.mark.parametrize(
    "text",
    ["The French trip is on Monday.", "Year 4 French homework is due.", "Sophie French homework"],
)
def test_a_subject_or_a_nationality_stays_a_word(text):
    assert not any("French" in name for name in persons(text))


@pytest.mark.rule("SENS-1")
@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Freya Hall is under CAMHS for anxiety and low mood.", "Freya Hall"),
        ("Emily Hall was absent today.", "Emily Hall"),
        ("I spoke to Oscar Hall.", "Oscar Hall"),
        ("A letter from Emily Hall arrived.", "Emily Hall"),
        ("Oscar Chambers (Year 4) was absent.", "Oscar Chambers"),
    ],
)
def test_hall_and_chambers_after_a_first_name_are_surnames(text, name):
    assert name in persons(text)


@pytest.mark.rule("SENS-1")
@pytest.mark.parametrize(
    "text",
    [
        "Victoria Hall is closed on Mondays.",
        "We booked the Albert Hall.",
        "The disco is at Oscar Hall on Friday.",
        "The Emily Hall is booked for the fair.",
        "We went to Victoria Hall.",
    ],
)
def test_a_hall_named_after_someone_is_still_a_place(text):
    assert persons(text) == []


@pytest.mark.rule("SENS-2")
def test_health_about_a_child_called_hall_is_sensitive():
    """Before: no person found, so 'none' for a child's mental health."""
    analysis = analyse("Freya Hall is under CAMHS for anxiety and low mood.")
    assert analysis.classification == "sensitive"
    assert "health" in analysis.special_categories
