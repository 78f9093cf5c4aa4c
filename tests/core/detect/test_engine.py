"""analyse(): each entity type, context scoring, dates of birth, classification."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safehaven.core.detect import Policy, analyse


def types_of(text, **kw):
    return {(s.type, s.text) for s in analyse(text, **kw).spans}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Her UPN is B801200005001.", ("UK_UPN", "B801200005001")),
        ("Temporary UPN G30340002301A on file.", ("UK_UPN", "G30340002301A")),
        ("ULN: 9276308686", ("UK_ULN", "9276308686")),
        ("NHS number 943 476 5870", ("UK_NHS", "943 476 5870")),
        ("NHS No. 9434765870", ("UK_NHS", "9434765870")),
        ("CHI number 0211165794", ("UK_CHI", "0211165794")),
        ("H&C number 3811178008", ("UK_HC", "3811178008")),
        ("National Insurance number AB 12 34 56 C.", ("UK_NINO", "AB 12 34 56 C")),
        ("She lives at 14 Mill Lane, Leicester LE3 5EU.", ("UK_POSTCODE", "LE3 5EU")),
        ("She lives at 14 Mill Lane, Leicester LE3 5EU.", ("STREET_ADDRESS", "14 Mill Lane")),
        ("Address: Flat 2, 14 Mill Lane", ("STREET_ADDRESS", "Flat 2, 14 Mill Lane")),
        ("MR J SMITH\nFLAT 2, 14 MILL LANE", ("STREET_ADDRESS", "FLAT 2, 14 MILL LANE")),
        (
            "Flat 6 Clarendon House, 78 Wellington Terrace",
            ("STREET_ADDRESS", "Flat 6 Clarendon House, 78 Wellington Terrace"),
        ),
        ("Call me on 07700 900123 after 4pm.", ("PHONE_NUMBER", "07700 900123")),
        ("Office: +44 116 353 7061", ("PHONE_NUMBER", "+44 116 353 7061")),
        ("Email jane.smith@example.org today", ("EMAIL_ADDRESS", "jane.smith@example.org")),
        ("Passport number 123456789", ("UK_PASSPORT", "123456789")),
        ("Driving licence MORGA753116SM9IJ", ("UK_DRIVING_LICENCE", "MORGA753116SM9IJ")),
    ],
)
def test_each_identifier_type_is_found(text, expected):
    assert expected in types_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "Her UPN is A801200005001.",  # wrong check letter
        "NHS number 943 476 5871",  # fails mod-11
        "NI number QQ 12 34 56 A",  # HMRC's invalid-by-design example
        "Our ULN is 9276308687",  # fails the ULN check
    ],
)
def test_identifiers_failing_their_check_are_not_reported(text):
    found = {t for t, _ in types_of(text)}
    assert not found & {"UK_UPN", "UK_NHS", "UK_NINO", "UK_ULN"}


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        ("The meeting is on 03.04.2025 at 10am.", "PHONE_NUMBER"),
        ("Case note 08.09.2025 13:30, home visit.", "PHONE_NUMBER"),
        ("Seen 08/09/2025 1330 at school.", "PHONE_NUMBER"),
        ("Order 020-7946-0123 was dispatched.", "PHONE_NUMBER"),
        ("Invoice number: 6330614695", "PHONE_NUMBER"),
        ("Reference 123456789 on the form.", "UK_PASSPORT"),
        ("Postcode QQ1 1AA is not real.", "UK_POSTCODE"),
        ("The bus goes along Year 6 Road safety week.", "PERSON"),
        ("Contact us at office@ for help.", "EMAIL_ADDRESS"),
        ("The room is 14 Mill.", "STREET_ADDRESS"),
    ],
)
def test_hard_negatives_per_type(text, absent):
    assert absent not in {s.type for s in analyse(text).spans}


def test_invoice_number_passing_the_nhs_check_scores_below_threshold():
    result = analyse("Please pay invoice 9434765870 by Friday.")
    assert not result.spans
    low = [s for s in result.low_confidence if s.text == "9434765870"]
    assert low
    assert low[0].score < 0.5
    assert "invoice" in low[0].explanation


def test_bare_ten_digits_without_context_are_not_an_nhs_number():
    assert not analyse("Order 9434765870 was dispatched.").spans


def test_nearer_context_word_wins():
    text = "NHS number 943 476 5870. Invoice 9434765870."
    found = analyse(text).spans
    assert [s.text for s in found if s.type == "UK_NHS"] == ["943 476 5870"]


def test_explanation_names_the_context_word():
    span = next(s for s in analyse("NHS number 943 476 5870").spans if s.type == "UK_NHS")
    assert "nhs" in span.explanation.lower()
    assert span.score >= 0.9


@pytest.mark.parametrize(
    ("text", "dob"),
    [
        ("Jayden Smith (DOB 03/04/2015) attends Year 5.", "03/04/2015"),
        ("Date of birth: 3 April 2015", "3 April 2015"),
        ("d.o.b. 12.05.2014", "12.05.2014"),
        ("(dob 03/04/2015)", "03/04/2015"),
        ("Amelia was born on 14th March 2016 in Leeds.", "14th March 2016"),
        ("aged 7, born 2 May 2018", "2 May 2018"),
    ],
)
def test_dates_of_birth(text, dob):
    assert ("DATE_OF_BIRTH", dob) in types_of(text)


@pytest.mark.parametrize(
    "text",
    [
        "The review meeting is on 03/04/2025 at 10am.",
        "Letter dated 12 May 2025.",
        "Date of birth: unknown. Next visit 3 June 2025.",
    ],
)
def test_other_dates_are_not_dates_of_birth(text):
    assert not any(s.type == "DATE_OF_BIRTH" for s in analyse(text).spans)


@pytest.mark.parametrize(
    "text",
    [
        "Meeting at Leicester on Monday.",
        "The hall at Riverside Primary School is booked.",
        "Please bring the form in January.",
        "Sir Jonathan North Community College sent the timetable.",
    ],
)
def test_places_organisations_months_are_not_people(text):
    assert not any(s.type == "PERSON" for s in analyse(text).spans)


def test_policy_threshold_and_entity_filter():
    text = "Jayden Smith, NHS number 943 476 5870"
    only = analyse(text, policy=Policy(entities=frozenset({"UK_NHS"})))
    assert {s.type for s in only.spans} == {"UK_NHS"}
    strict = analyse("Order 9434765870", policy=Policy(threshold=0.05))
    assert strict.spans  # the low-confidence candidate is reported when asked for


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_analyse_never_raises_and_offsets_slice_the_text(text):
    result = analyse(text)
    for span in (*result.spans, *result.low_confidence):
        assert text[span.start : span.end] == span.text
        assert 0.0 <= span.score <= 1.0
    for ev in result.evidence:
        assert text[ev.start : ev.end] == ev.text
    assert result.classification in {"none", "personal", "sensitive"}


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "Jayden",
                "Smith",
                "Mrs",
                "NHS",
                "943 476 5870",
                "DOB",
                "03/04/2015",
                "ADHD",
                ",",
                ".",
                "\n",
                "Leicester",
                "LE3 5EU",
                "14 Mill Lane",
                "he",
                "O'Neill's",
                "x@y.com",
                "  ",
            ]
        ),
        max_size=30,
    )
)
def test_analyse_on_assembled_fragments(parts):
    text = " ".join(parts)
    for span in analyse(text).spans:
        assert text[span.start : span.end] == span.text


@pytest.mark.rule("SENS-1")
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The health and safety inspection is on Monday.", "none"),
        ("Jayden Smith, 14 Mill Lane, LE3 5EU", "personal"),
        ("UPN B801200005001", "personal"),
        ("Jayden Smith has been diagnosed with ADHD.", "sensitive"),
    ],
)
def test_classification(text, expected):
    assert analyse(text).classification == expected


@pytest.mark.rule("SENS-1")
def test_classification_gives_reasons():
    result = analyse("Jayden Smith, NHS number 943 476 5870")
    assert result.classification == "personal"
    assert any("SENS-1" in r for r in result.reasons)


@pytest.mark.rule("SENS-2")
def test_special_category_without_anyone_identified_is_not_sensitive():
    result = analyse("Autism awareness: he has ADHD.")
    assert result.classification == "none"
    assert "health" in result.special_categories


@pytest.mark.rule("SENS-2")
def test_sensitive_reason_names_the_category():
    result = analyse("Amelia Patel is on a child protection plan.")
    assert result.classification == "sensitive"
    assert "safeguarding" in result.special_categories
    assert any("SENS-2" in r and "safeguarding" in r for r in result.reasons)


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Address: Flat 1/2, 55 Dumbarton Road, Glasgow G11 6AA", "Flat 1/2, 55 Dumbarton Road"),
        ("Address: 14-16 Kingsway, Derby DE22 3AA", "14-16 Kingsway"),
        ("Address: 15 Chapel Garth, Whitby YO21 1AA", "15 Chapel Garth"),
        ("Lives with mum at 140b Green Lanes, London N4 1AA", "140b Green Lanes"),
        ("Address: Caravan 4, 12 Riverside Park, Lincoln", "Caravan 4, 12 Riverside Park"),
        ("Address: Maisonette 3, 9 Ash Grove, York", "Maisonette 3, 9 Ash Grove"),
    ],
)
def test_street_address_forms_are_found_whole(text, address):
    found = [s.text for s in analyse(text).spans if s.type == "STREET_ADDRESS"]
    assert found == [address]


@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Address: Flat A, 12 Mill Lane, Leeds", "Flat A, 12 Mill Lane"),
        ("Address: Ground Floor Flat, 12 Mill Lane, Leeds", "Ground Floor Flat, 12 Mill Lane"),
        ("Address: Basement Flat, 3 Ash Grove", "Basement Flat, 3 Ash Grove"),
        ("Address: 4 Tong Moor, Bradford", "4 Tong Moor"),
        ("Address: 9 Birch Royd, Halifax", "9 Birch Royd"),
    ],
)
def test_flats_named_by_letter_or_floor_are_part_of_the_address(text, address):
    found = [s.text for s in analyse(text).spans if s.type == "STREET_ADDRESS"]
    assert found == [address]
