"""Special categories said in passing (the dev-categories family's kinds of writing), and the same
words used about nobody or thrown as an insult (SENS-2)."""

import pytest

from safehaven.core.detect import analyse


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Harvey has a verruca so he can swim with a sock on.", "health"),
        ("Poppy Hartley uses a walking frame around school.", "health"),
        ("Maisie is non-verbal and communicates with Makaton.", "health"),
        ("Mr Pearson was off with a back injury after lifting tables.", "health"),
        ("Stanley had a fit at home last night.", "health"),
        ("We understand Evie will wear a burkini for swimming lessons.", "religion"),
        ("Evie won't be in; we are going to her grandparents' for the seder.", "religion"),
        ("Toby has joined Momentum and goes to their meetings.", "political_opinion"),
        ("Imogen says she will be voting Green because of the climate.", "political_opinion"),
        ("Carl was stopped for driving without insurance and has been summonsed.", "criminal"),
    ],
)
def test_phrasings_found(text, category):
    assert category in analyse(text).special_categories


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Kids on the bus call him gay, Harvey says, and it upsets him.", "sexual_orientation"),
        ("Mrs Pearson was absent for two days to care for a sick child.", "health"),
        ("Dear Mrs Pearson, the whole school will celebrate Eid with an assembly.", "religion"),
        ("Toby's essay on the history of the Labour Party was good.", "political_opinion"),
        ("Harvey Pearson wrote about why the Labour Party won in 1945.", "political_opinion"),
        ("Referral to the Ethnic Minority Achievement Service for Poppy Hartley.", "ethnicity"),
        ("Mr Pearson was reported for shouting abuse at a neighbour.", "safeguarding"),
    ],
)
def test_look_alikes_not_found(text, category):
    assert category not in analyse(text).special_categories


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Her mums are both coming to parents' evening, Poppy Hartley said.", "sexual_orientation"),
        ("Mrs Pearson said she joined a union last year.", "trade_union"),
        ("Harvey Pearson's mum was elected as a councillor in May.", "political_opinion"),
        ("Harvey Pearson holds right-wing views.", "political_opinion"),
        ("Harvey Pearson is an altar server at St Joseph's.", "religion"),
        ("Harvey Pearson goes to Hebrew school on Sundays.", "religion"),
        ("Harvey Pearson wets the bed.", "health"),
        ("Harvey Pearson has been going missing from home.", "safeguarding"),
    ],
)
def test_more_phrasings_found(text, category):
    assert category in analyse(text).special_categories


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("The church choir will sing at the carol concert; Mrs Pearson will play.", "religion"),
        ("Harvey Pearson learned about Scottish independence in history.", "political_opinion"),
        ("Harvey Pearson had to squint because the sun was in his eyes.", "health"),
        ("Harvey Pearson found the union of the two sets in maths.", "trade_union"),
    ],
)
def test_more_look_alikes_not_found(text, category):
    assert category not in analyse(text).special_categories


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Harvey Pearson said his dad is a Tory.", "political_opinion"),
        ("Harvey Pearson said her father is a Sinn Fein councillor.", "political_opinion"),
        ("Harvey Pearson said the family attend church.", "religion"),
        ("Harvey Pearson said the family are going on Hajj.", "religion"),
        ("Harvey Pearson said they do not celebrate Christmas.", "religion"),
        ("Harvey Pearson said his mum is a member of the Greens.", "political_opinion"),
        ("Harvey Pearson said his mum is heavily involved in local politics.", "political_opinion"),
    ],
)
def test_phrasings_of_faith_and_politics_found(text, category):
    assert category in analyse(text).special_categories


@pytest.mark.rule("SENS-2")
def test_a_first_name_that_is_a_faith_word_is_still_a_name():
    assert "religion" not in analyse("Christian Murphy came to the meeting.").special_categories
