"""Names in the shapes of the dev-spans family (issue 2): register rows, lower-case mentions,
contact verbs, ages in brackets, labels; and the look-alikes that must stay unnamed."""

from __future__ import annotations

import pytest

from safehaven.core.detect import analyse


def persons(text: str) -> list[str]:
    return [s.text for s in analyse(text).spans if s.type == "PERSON"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("CHILD | YEAR\nvan der Merwe, Zoë | Year 4 | 88%", "van der Merwe, Zoë"),
        ("CHILD | YEAR\nDE SOUZA, Ana | Year 6 | 91%", "DE SOUZA, Ana"),
        ("CHILD | YEAR\nMacLeod, Kirsty | Year 1 | 79%", "MacLeod, Kirsty"),
        ("To: office@example.org\ncc: Szymańska, Łucja\nSubject: visit", "Szymańska, Łucja"),
        ("Saw Nasrin in her bedroom; she showed me her drawings.", "Nasrin"),
        ("Emailed Łukasz at school after the visit.", "Łukasz"),
        ("Minutes: Dunya\n\n1. Welcome and introductions.", "Dunya"),
        ("2. Update from school: Callum is enjoying football club.", "Callum"),
        ("Thank you Dunya, I hope Yasmin feels better soon.", "Dunya"),
        ("Pupils discussed:\n- Ffion ap Rhys - breakfast club", "Ffion ap Rhys"),
    ],
)
def test_names_in_hard_shapes(text, name):
    assert name in persons(text)


def test_a_name_found_once_is_found_in_lower_case_too():
    text = "Thank you Dunya Demir for calling.\n08:12 dunya demir: hi its dunya, can he come?"
    found = persons(text)
    assert "dunya demir" in found
    assert "dunya" in found


def test_a_lower_case_common_word_is_not_a_name_even_after_the_name():
    text = "Mrs Rose Hill called. The rose garden is closed."
    assert "rose" not in persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "Family Hub, Sterling Way - drop-in sessions on Wednesdays.",
        "Parking is available at the Leisure Centre on Brook Way.",
        "Action for Children runs family support in Hope Valley and nearby villages.",
        "Please log in with your Office 365 account. Multi-Factor Authentication starts in May.",
        "Carols from the choir and a visit from Father Christmas.",
    ],
)
def test_look_alikes_are_not_names(text):
    assert persons(text) == []
    assert analyse(text).classification == "none"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Panel members: Tahmina Bhatti, Sky Ashworth-Pike, Kerry Brook (EWO).",
            "Sky Ashworth-Pike",
        ),
        ("Present:\nSky Goodchild (Class Teacher)", "Sky Goodchild"),
    ],
)
def test_a_common_word_before_a_listed_surname_is_a_first_name(text, name):
    assert name in persons(text)


@pytest.mark.parametrize(
    "text",
    [
        "They moved to Great Barrington last year.",
        "This song by ex-Zombie Kastner is a favourite.",
    ],
)
def test_place_words_and_hyphenated_words_before_a_surname_stay_out(text):
    assert not any(" " in p and p.split()[0] in ("Great", "Zombie") for p in persons(text))


def test_a_role_in_brackets_after_a_name_is_person_context():
    found = persons("Present:\nDunya Demir (DSL)\nMinutes: Tahmin (Note taker)")
    assert "Dunya Demir" in found
    assert "Tahmin" in found
    assert persons("Contact Kooth (online) or Mind (charity).") == []
