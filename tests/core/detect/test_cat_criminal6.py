"""Session 6: a trial or a prison term said of a person is criminal offence data; the same words
about a scheme or a story are not."""

import pytest

from safehaven.core.detect import analyse

SAID = [
    "Mia Holt's father is awaiting trial.",
    "Mia Holt's partner was jailed for two years.",
    "Mia Holt's brother is awaiting sentence at the Crown Court.",
]
NOT_SAID = [
    "Year 9 are awaiting trial results for the new maths scheme.",
    "The class read a story about a man who was jailed unfairly.",
]


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize("text", SAID)
def test_a_trial_or_a_prison_term_is_criminal(text):
    assert "criminal" in analyse(text).special_categories


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize("text", NOT_SAID)
def test_the_same_words_about_no_one_are_not(text):
    assert "criminal" not in analyse(text).special_categories
