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
