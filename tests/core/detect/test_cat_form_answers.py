"""A form's question or tick-box answered no reveals nothing: "Known to social care? No",
"CP: N", "Is the child looked after? No". Answered yes, or a step not yet taken about a status
the text gives, it still does (SENS-2)."""

import pytest
from tests.core.detect.helpers import categories


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    "text",
    [
        "Pupil: Jayden Price\nCP: N\nLAC: N\nSEN: N",
        "Name: Jayden Price\nLooked after: N\nEHCP: N",
        "Jayden Price - Known to social care? No",
        "Jayden Price. Is the child looked after? No",
        "Jayden Price. Is the child subject to a child protection plan? No.",
        "Jayden Price. Has the child ever been in care? No",
        "Jayden Price. Any criminal convictions? No",
        "Jayden Price. Allergies (Y/N): N",
        "Jayden Price. Medical conditions? None",
        "Admission form - Jayden Price. Has your child been looked after by a local authority? "
        "No. Does your child have a social worker? No.",
        "Jayden Price is not known to social care.",
        "Jayden Price is not currently open to children's social care.",
    ],
)
def test_a_question_or_tick_box_answered_no_reveals_nothing(text):
    assert categories(text) == set()


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("Jayden Price: Is the child looked after? Yes", "safeguarding"),
        ("Jayden Price: CP plan: Y", "safeguarding"),
        ("Pupil: Jayden Price (Y5)\nCP plan: Yes\nCIN: No", "safeguarding"),
        ("Jayden Price - any convictions? Yes, theft in 2024.", "criminal"),
        ("Jayden Price. Medical conditions? Asthma", "health"),
        ("Jayden Price is known to social care.", "safeguarding"),
        # a question about a step taken, not about the status: the status stands
        ("Jayden Price is in foster care. Has the school been told? No.", "safeguarding"),
        ("Jayden Price has a CP plan (Y/N): Y", "safeguarding"),
    ],
)
def test_a_status_answered_yes_or_a_step_not_taken_still_reveals_it(text, category):
    assert category in categories(text)
