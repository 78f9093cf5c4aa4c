"""Shared records for the letters tests: a school, parents and a letter."""

from __future__ import annotations

import datetime as dt

import pytest

from safehaven.core.letters import LetterContent, LetterRecord, Recipient, Sender


@pytest.fixture
def school() -> Sender:
    return Sender("Oakfield Primary School", ("Oak Lane", "Chapel Allerton", "LEEDS"), "LS7 4QD")


@pytest.fixture
def parent() -> Recipient:
    return Recipient(
        name="Mrs Amanda Jones",
        address_lines=("Flat 2", "14 Acacia Avenue", "Headingley"),
        post_town="Leeds",
        postcode="ls6 3ab",
    )


@pytest.fixture
def other_parent() -> Recipient:
    return Recipient("Mr Tomasz Nowak", ("7 Mill Street",), "York", "YO1 7HH")


@pytest.fixture
def content() -> LetterContent:
    return LetterContent(
        reference="SEN/2026/0141",
        date=dt.date(2026, 11, 25),
        salutation="Dear Mrs Jones",
        body=(
            "I am writing to invite you to the annual review of your child's support plan, "
            "which will take place at school on Tuesday 8 December at 3.30pm.",
            "Please let the school office know whether the time suits you.",
        ),
        sign_off=("Yours sincerely", "", "Ms K Patel", "Headteacher"),
        subject="Annual review meeting",
    )


@pytest.fixture
def record(parent: Recipient, content: LetterContent) -> LetterRecord:
    return LetterRecord(parent, content)
