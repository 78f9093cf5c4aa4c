"""A child at school A with a mother at home, and the school's return address on record."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import AddressFactory, RelatedPersonFactory, ServiceUserFactory

WORDING = (
    "I am writing about $child_given_name's reading support this term.\n\n"
    "Please contact the school office if you would like to talk about it."
)


@pytest.fixture
def child(school_a):
    person = ServiceUserFactory(
        unit=school_a, given_name="Amelia", family_name="Whitworth",
        date_of_birth=dt.date(2014, 3, 7),
    )  # fmt: skip
    AddressFactory(
        service_user=person,
        line_1="14 Mill Lane",
        town="Loughborough",
        postcode="LE11 1AA",
        valid_from=dt.date(2021, 5, 1),
        recorded_at=dt.datetime(2021, 5, 1, tzinfo=dt.UTC),
    )
    return person


@pytest.fixture
def mother(child):
    return RelatedPersonFactory(
        service_user=child, title="Mrs", given_name="Sarah", family_name="Whitworth",
        lives_with_service_user=True,
    )  # fmt: skip


@pytest.fixture
def prepare(officer, child, mother):
    from safehaven.correspondence import services

    def make(**overrides):
        params = {
            "user": officer,
            "service_user": child,
            "recipient": mother,
            "template_text": WORDING,
            "subject": "Reading support",
            **overrides,
        }
        return services.letter_prepare(**params)

    return make
