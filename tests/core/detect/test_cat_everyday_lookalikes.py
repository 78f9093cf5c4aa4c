"""Everyday school notes that use a safeguarding word about nothing of the kind: first aid after
a fall at school, minding a friend, a talent fostered, schoolwork neglected, abuse shouted on the
bus, a pet adopted (SENS-2). The concern itself still counts."""

import pytest
from tests.core.detect.helpers import categories


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    "text",
    [
        "Accident book: Jayden Price fell in the playground at lunch and bruised his knee. "
        "Ice pack applied, parent informed.",
        "Jayden Price bumped heads with Ali in PE; small bruise above his eye. "
        "Head bump letter sent home.",
        "Jayden Price tripped over at break and has a bruise on his shin.",
        "Jayden Price looked after Ben when he fell over at break.",
        "Jayden Price has fostered a real love of reading this term.",
        "Jayden Price has neglected his reading log this half term.",
        "Jayden Price was verbally abused by an older pupil on the bus; the boys have been "
        "spoken to.",
        "Jayden Price said his dog was adopted from the RSPCA.",
        # session 9: a Sheffield postcode or a room is no section of the Children Act
        "Jayden Price, 12 Oak Road, Sheffield S20 4GH. Please update our records.",
        "Jayden Price, 4 Mill Lane, Sheffield S17 3AB",
        "Jayden Price's parents' evening appointment is in room S20 at 5.10pm.",
        "Jayden Price's PE kit went missing after swimming; please check lost property.",
        "Mr Hughes is on adoption leave until January, so Jayden Price's class will have Mrs Lee.",
        "Jayden Price's nan is in care after her stroke, so mum may be late.",
        "Jayden Price groomed the ponies at the riding school trip.",
        "Jayden Price and his family took refuge in the library during the storm.",
    ],
)
def test_an_everyday_note_reveals_no_safeguarding(text):
    assert "safeguarding" not in categories(text)


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    "text",
    [
        "Jayden came in with bruising to his arm; mum said he fell at home. DSL informed.",
        "Jayden has bruises on his upper arms, noticed at lunchtime by the midday supervisor.",
        "Jayden had a bruise on his cheek; he said he fell over at home but would not say more.",
        "Jayden is looked after by the local authority.",
        "Jayden is Looked After.",
        "Mum has neglected Jayden: he comes to school hungry and in the same clothes.",
        "Jayden was adopted from care when he was three.",
        "Jayden Price, 12 Oak Road, Sheffield S20 4GH. Jayden is accommodated under S20.",
        "Jayden Price went missing from home on Friday night.",
        "Jayden has been in care since 2022.",
    ],
)
def test_the_concern_itself_still_counts(text):
    assert "safeguarding" in categories(text)


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Jayden Price is going to his cousin's christening on Saturday.", "religion"),
        ("Jayden Price went to his friend's bar mitzvah at the weekend.", "religion"),
        ("Jayden Price goes to Beavers at the Methodist church on Thursdays.", "religion"),
        ("Jayden goes to football at the mosque on Saturdays.", "religion"),
        (
            "Jayden Price sang a solo at the Christmas carol service at the parish church.",
            "religion",
        ),
        ("Jayden Price wrote about how Sikhs celebrate Vaisakhi in his RE book.", "religion"),
        ("Jayden Price's mum is the school's Christian Union leader.", "religion"),
        ("Ms Khan is the Early Help Coordinator at the council.", "safeguarding"),
        (
            "Jayden Price was called gay by another pupil; the pupil has been spoken to.",
            "sexual_orientation",
        ),
        ("Jayden Price was sentenced to a lunchtime detention.", "criminal"),
    ],
)
def test_a_look_alike_of_another_category_reveals_nothing(text, category):
    assert category not in categories(text)


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Jayden Price goes to the Methodist church every Sunday with his nan.", "religion"),
        ("Jayden goes to mosque after school.", "religion"),
        ("Jayden Price attends the parish church every Sunday.", "religion"),
        ("Jayden Price's early help coordinator is Ms Khan.", "safeguarding"),
        ("Jayden Price's youth offending worker is Mr Hill.", "criminal"),
        ("Jayden Price was christened at St Mary's last year.", "religion"),
        ("Jayden Price was sentenced to a 12-month youth rehabilitation order.", "criminal"),
    ],
)
def test_the_same_words_about_the_person_still_count(text, category):
    assert category in categories(text)
