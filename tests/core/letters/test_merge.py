"""Mail-merge templates: every placeholder filled, never the address."""

from __future__ import annotations

import datetime as dt

import pytest

from safehaven.core.letters import LettersError, MergeTemplate, merge

TEMPLATE = MergeTemplate(
    name="annual-review",
    salutation="Dear $parent_title $parent_surname",
    body=("I am writing to invite you to ${child_first_name}'s annual review on $meeting_date.",),
    sign_off=("Yours sincerely", "", "$staff_name"),
    subject="Annual review: ${child_first_name}",
)
FIELDS = {
    "parent_title": "Mrs",
    "parent_surname": "Jones",
    "child_first_name": "Ella",
    "meeting_date": "8 December",
    "staff_name": "Ms K Patel",
}


def test_merge_fills_every_part():
    content = merge(TEMPLATE, FIELDS, reference="R1", date=dt.date(2026, 11, 25))
    assert content.salutation == "Dear Mrs Jones"
    assert content.body == ("I am writing to invite you to Ella's annual review on 8 December.",)
    assert content.sign_off == ("Yours sincerely", "", "Ms K Patel")
    assert content.subject == "Annual review: Ella"
    assert content.date_text() == "25 November 2026"


def test_a_missing_or_blank_value_is_named_not_left_blank():
    fields = dict(FIELDS, staff_name="  ")
    del fields["meeting_date"]
    with pytest.raises(LettersError, match=r"needs a value for meeting_date \(and 1 more\)"):
        merge(TEMPLATE, fields, reference="R1", date="today")


@pytest.mark.rule("LET-1")
def test_a_template_may_not_carry_the_address():
    """The address comes from the current record at print time, never from stored wording."""
    with pytest.raises(LettersError, match="the address comes from the record"):
        MergeTemplate(name="old", salutation="Dear $name", body=("We wrote to you at $postcode.",))


def test_a_stray_dollar_is_refused_and_a_doubled_one_kept():
    with pytest.raises(LettersError, match=r"write \$\$"):
        MergeTemplate(name="fee", salutation="Dear parent", body=("The trip costs $ 5.",))
    ok = MergeTemplate(name="fee", salutation="Dear parent", body=("The trip costs $$5.",))
    assert merge(ok, {}, reference="R", date="1 May 2026").body == ("The trip costs $5.",)
