"""Street addresses in the shapes of the dev-spans family (issue 2)."""

from __future__ import annotations

import pytest

from safehaven.core.detect import analyse


def addresses(text: str) -> list[str]:
    return [s.text for s in analyse(text).spans if s.type == "STREET_ADDRESS"]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("New address: The Old Rectory, Church Lane, Leeds", "The Old Rectory, Church Lane"),
        ("Current address: Rose Cottage, 4 Mill Hill, Derby", "Rose Cottage, 4 Mill Hill"),
        ("Address: Ty Gwyn, Foxglove Close\nPostcode: CF10 1AA", "Ty Gwyn, Foxglove Close"),
        ("She lives at 12 Heol y Bryn, Cardiff.", "12 Heol y Bryn"),
        ("Address: 9 HEOL Y BRYN\nPostcode: SA1 1AA", "9 HEOL Y BRYN"),
        ("Address: Flat 1/3, 54 Heol y Bryn\n", "Flat 1/3, 54 Heol y Bryn"),
        (
            "Address of incident: Apartment 14, Weavers Quay, 5 Bridge End",
            "Apartment 14, Weavers Quay, 5 Bridge End",
        ),
        (
            "Previous address: Room 8, Harbour Point, 166 Church Walk",
            "Room 8, Harbour Point, 166 Church Walk",
        ),
        ("Address: 51 Kirk Vennel, Ayr", "51 Kirk Vennel"),
    ],
)
def test_address_shapes(text, address):
    assert address in addresses(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Mayor will switch on the lights outside the Town Hall, High Street.",
        "Drop-in at the Leisure Centre, Brook Way, on Wednesdays.",
        "And then we went home.",
    ],
)
def test_buildings_of_organisations_are_not_home_addresses(text):
    assert addresses(text) == []
