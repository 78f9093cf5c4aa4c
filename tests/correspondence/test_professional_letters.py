"""Letters to a professional (issue 5 part 1): the name and the organisation's postal address
come from the directory as it is at print time (LET-1), with the same holds (LET-2), the same
read-back window check (LET-3, POST-3) and the register entry naming the contact (POST-4)."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from safehaven.correspondence import services
from safehaven.correspondence.models import Letter
from safehaven.records.models import Organisation, ProfessionalContact
from tests.correspondence.conftest import WORDING
from tests.factories import (
    ContactRestrictionFactory,
    OrganisationFactory,
    ProfessionalContactFactory,
)

pytestmark = pytest.mark.django_db
State = Letter.State


@pytest.fixture
def nurse():
    org = OrganisationFactory(
        name="Charnwood School Nursing Team", line_1="Loughborough Hospital",
        line_2="Hospital Way", town="Loughborough", postcode="LE11 5JY",
    )  # fmt: skip
    return ProfessionalContactFactory(
        organisation=org, name="Priya Shah", job_title="School Nurse", department="0-19 Service"
    )


@pytest.fixture
def to_nurse(officer, child, nurse):
    def make(**overrides):
        params = {
            "user": officer, "service_user": child, "contact": nurse,
            "template_text": WORDING, "subject": "Health plan review", **overrides,
        }  # fmt: skip
        return services.letter_prepare(**params)

    return make


def _page_text(pdf: bytes, page: int = 0) -> str:
    doc = pdfium.PdfDocument(pdf)
    try:
        return doc[page].get_textpage().get_text_range()
    finally:
        doc.close()


@pytest.mark.rule("LET-1")
def test_a_letter_to_a_professional_takes_the_address_at_print_time(to_nurse, officer, nurse):
    letter = to_nurse()
    assert letter.state == State.READY
    assert letter.recipient is None
    assert letter.recipient_contact == nurse
    # The organisation moves after the letter was written: the print uses the new address.
    Organisation.objects.filter(pk=nurse.organisation_id).update(
        line_1="Charnwood House", line_2="5 Forest Road", postcode="LE11 3NP"
    )
    letter = services.letter_print(letter=letter, user=officer)
    assert letter.state == State.PRINTED
    assert letter.printed_name == "Priya Shah"
    assert letter.printed_address.splitlines() == [
        "0-19 Service", "Charnwood School Nursing Team", "Charnwood House", "5 Forest Road",
        "Loughborough", "LE11 3NP",
    ]  # fmt: skip
    text = _page_text(bytes(letter.pdf))
    assert "Dear Priya Shah" in text
    assert "Hospital Way" not in text


@pytest.mark.rule("LET-1")
def test_an_organisation_without_a_postal_address_is_refused(to_nurse, nurse):
    Organisation.objects.filter(pk=nurse.organisation_id).update(line_1="", postcode="")
    with pytest.raises(services.LetterError) as exc:
        to_nurse()
    assert exc.value.rule == "LET-1"
    assert exc.value.field == "contact"
    assert not Letter.objects.exists()


def test_exactly_one_recipient(to_nurse, mother):
    with pytest.raises(services.LetterError, match="one parent or carer, or one professional"):
        to_nurse(recipient=mother)


@pytest.mark.rule("LET-2")
def test_an_inactive_contact_or_a_restriction_holds_the_letter(to_nurse, nurse, child, officer):
    ProfessionalContact.objects.filter(pk=nurse.pk).update(active=False)
    letter = to_nurse()
    assert letter.state == State.HELD
    assert [r["code"] for r in letter.hold_reasons] == ["contact_inactive"]
    ProfessionalContact.objects.filter(pk=nurse.pk).update(active=True)
    ContactRestrictionFactory(service_user=child, person_name="Priya Shah")
    held = to_nurse()
    assert "restriction" in {r["code"] for r in held.hold_reasons}
    with pytest.raises(services.LetterError):
        services.letter_print(letter=held, user=officer)


@pytest.mark.rule("LET-3")
@pytest.mark.rule("POST-3")
@pytest.mark.rule("POST-4")
def test_read_back_check_and_register_entry_name_the_contact(to_nurse, officer, nurse):
    letter = services.letter_print(letter=to_nurse(), user=officer)
    assert letter.recommended_method
    letter = services.letter_dispatch(
        letter=letter, user=officer, method=Letter.Method.SPECIAL_DELIVERY,
        tracking_number="AB123456789GB", lawful_basis_justification="Health plan review",
    )  # fmt: skip
    entry = letter.disclosure
    assert entry is not None
    assert entry.recipient_contact == nurse
    assert entry.recipient_organisation == nurse.organisation
    assert entry.recipient_name == "Priya Shah"
    assert "LE11 5JY" in entry.recipient_address


@pytest.mark.rule("POST-3")
def test_a_drawing_that_shows_the_subject_in_the_window_is_not_printed(to_nurse, officer):
    from safehaven.core.letters import print_job

    def wrong(records, profile, **kw):
        record = records[0]
        moved = type(record)(
            type(record.recipient)(
                record.recipient.name, (record.content.subject, *record.recipient.address_lines),
                record.recipient.post_town, record.recipient.postcode,
            ),
            record.content,
        )  # fmt: skip
        return print_job([moved], profile, **kw)

    letter = to_nurse()
    with pytest.raises(services.LetterError):
        services.letter_print(letter=letter, user=officer, render=wrong)
    letter.refresh_from_db()
    assert letter.state == State.READY
    assert not letter.pdf


@pytest.mark.rule("LET-1")
def test_compose_page_offers_professionals(client, officer, child, nurse):
    client.force_login(officer)
    page = client.get(f"/letters/new/?service_user={child.pk}").content.decode()
    assert "Priya Shah (School Nurse, Charnwood School Nursing Team)" in page
    response = client.post(
        f"/letters/new/?service_user={child.pk}",
        {"contact": nurse.pk, "subject": "Health plan", "template_text": "Dear colleague.",
         "profile": "DL"},
    )  # fmt: skip
    assert response.status_code == 302
    letter = Letter.objects.get()
    assert letter.recipient_contact == nurse
    detail = client.get(f"/letters/{letter.pk}/").content.decode()
    assert "to Priya Shah (School Nurse, Charnwood School Nursing Team)" in detail
    response = client.post(
        f"/letters/new/?service_user={child.pk}",
        {"subject": "Nobody", "template_text": "Hello", "profile": "DL"},
    )
    assert response.status_code == 200
    assert "not both or neither" in response.content.decode()
