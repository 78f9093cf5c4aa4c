"""Names the engine used to miss on the dev corpus, and look-alikes that must stay as they were."""

from __future__ import annotations

import pytest

from safehaven.core.detect import analyse


def found(text: str, entity: str) -> list[str]:
    return [s.text for s in analyse(text).spans if s.type == entity]


@pytest.mark.parametrize(
    ("text", "people", "addresses"),
    [
        # A letter's date, then the addressee on the next line: the year is not a house number.
        (
            "30 Mar 2026\n\nMr Thomas Hill 6a Wellington Terrace\nLeicester LE2 1AB",
            ["Thomas Hill"],
            ["6a Wellington Terrace"],
        ),
        (
            "11 February 2026 Mr Kyle Hill 41 Narborough Road LE1 1NR",
            ["Kyle Hill"],
            ["41 Narborough Road"],
        ),
        # A street word that is also a surname, after a first name or an initial.
        ("Subject: Riley Green DOB 05/06/10", ["Riley Green"], []),
        ("Subject: RE: S. Hill - update", ["S. Hill"], []),
        # A first name that is also a word, at the start of a sentence, before a person's verb.
        ("Holly disclosed that she is drinking most evenings.", ["Holly"], []),
        ("Rose answered the door and invited me in.", ["Rose"], []),
    ],
)
def test_names_found(text, people, addresses):
    assert found(text, "PERSON") == people
    assert found(text, "STREET_ADDRESS") == addresses


@pytest.mark.parametrize(
    ("text", "addresses"),
    [
        (
            "Flat 3, Sovereign House, 22 Mill Lane, Leicester",
            ["Flat 3, Sovereign House, 22 Mill Lane"],
        ),
        ("She lives at 14 Church Hill Road, Derby.", ["14 Church Hill Road"]),
        ("Coaches leave from the Mill Lane entrance at 8.30am.", []),
    ],
)
def test_addresses_and_streets_unchanged(text, addresses):
    assert found(text, "STREET_ADDRESS") == addresses
    assert found(text, "PERSON") == []
