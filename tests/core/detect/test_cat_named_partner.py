"""A same-sex partner said with a first name whose sex the name tells, a title, or the partner's
own name (SENS-2, sexual orientation); a name given to girls and boys alike tells nothing."""

import pytest
from tests.core.detect.helpers import categories

from safehaven.core.detect.lexicons import first_name_sex


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    "text",
    [
        "Amber has a girlfriend at college and mum is refusing to let her stay over.",
        "Josh (16) is in a relationship with another boy from year 12; both parents aware.",
        "Ms Patel and her partner Laura are both named as carers on the placement plan.",
        "Harrison's boyfriend, Ollie, also Y12, was present.",
        "Mrs Jones' wife Carol will be picking up Tilly today.",
        "Emily has a new girlfriend and is much happier.",
        "Mr Khan's husband will collect Aiden on Friday.",
    ],
)
def test_a_same_sex_partner_said_with_a_name_or_a_title(text):
    assert "sexual_orientation" in categories(text)


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    "text",
    [
        "Amber has a boyfriend at college and mum is refusing to let him stay over.",
        "Harrison's girlfriend, Mia, also Y12, was present.",
        "Mrs Jones' husband Carl will be picking up Tilly today.",
        "Mr Smith's wife will collect Aiden on Friday.",
        "Ms Patel and her partner Dave are both named as carers on the placement plan.",
        "Mr Patel and his partner Sarah will both attend.",
        "Josh is in a relationship with a girl from year 12.",
        "Emily's husband Tom called the office.",
        # a name given to girls and boys alike tells nothing
        "Charlie has a boyfriend in Year 10.",
        "Sam's girlfriend came to the show.",
        "Jordan has a girlfriend.",
    ],
)
def test_a_partner_of_the_other_sex_or_a_name_of_either_sex_reveals_nothing(text):
    assert "sexual_orientation" not in categories(text)


def test_first_name_sex_knows_common_names_and_leaves_names_of_either_sex_alone():
    sexes = first_name_sex()
    assert sexes["amber"] == "f"
    assert sexes["harrison"] == "m"
    assert "charlie" not in sexes
    assert "kai" not in sexes
