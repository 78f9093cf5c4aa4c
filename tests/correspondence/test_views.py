"""The letter pages: compose from the record, the held letter's query and answer, print and
download a real PDF, dispatch; a child at another school is not found."""

from __future__ import annotations

import pypdfium2 as pdfium
import pytest

from safehaven.correspondence import services
from safehaven.correspondence.models import Letter
from safehaven.records.models import Address
from safehaven.records.services import address_mark_mail_returned
from tests.factories import RelatedPersonFactory, UserFactory

pytestmark = pytest.mark.django_db
State = Letter.State


def test_pages_need_a_signed_in_user(client, prepare):
    letter = prepare()
    response = client.get(f"/letters/{letter.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.rule("LET-1")
def test_compose_offers_only_this_childs_people_and_never_an_address_field(
    client, officer, child, mother
):
    stranger = RelatedPersonFactory(given_name="Zebedee")
    client.force_login(officer)
    page = client.get(f"/letters/new/?service_user={child.pk}")
    assert page.status_code == 200
    html = page.content.decode()
    assert "Mrs Sarah Whitworth" in html
    assert "Zebedee" not in html
    assert 'name="postcode"' not in html
    assert 'name="line_1"' not in html
    response = client.post(
        f"/letters/new/?service_user={child.pk}",
        {
            "recipient": mother.pk,
            "subject": "Reading support",
            "template_text": "Dear parent, $child_given_name reads well.",
            "profile": "DL",
        },
    )
    assert response.status_code == 302
    letter = Letter.objects.get()
    assert stranger.pk != letter.recipient_id
    assert response["Location"] == f"/letters/{letter.pk}/"
    assert letter.state == State.READY


@pytest.mark.rule("LET-1")
def test_a_template_with_an_address_field_is_shown_with_its_rule(client, officer, child, mother):
    client.force_login(officer)
    response = client.post(
        f"/letters/new/?service_user={child.pk}",
        {"recipient": mother.pk, "subject": "Visit", "template_text": "At $postcode",
         "profile": "DL"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "(LET-1)" in response.content.decode()
    assert not Letter.objects.exists()


@pytest.mark.rule("LET-2")
def test_a_held_letter_shows_its_reasons_takes_a_query_and_its_answer(
    client, officer, child, prepare
):
    address_mark_mail_returned(
        address=Address.objects.get(service_user=child, valid_to__isnull=True), user=officer
    )
    letter = prepare()
    client.force_login(officer)
    page = client.get(f"/letters/{letter.pk}/").content.decode()
    assert "Post to this address has come back" in page
    assert "Print and check" not in page
    response = client.post(
        f"/letters/{letter.pk}/query/",
        {"professional_name": "Jo Patel", "question": "Is 14 Mill Lane right?"},
    )
    assert response.status_code == 302
    query = letter.queries.get()
    response = client.post(
        f"/letters/{letter.pk}/query/{query.pk}/answer/",
        {"answer": "Yes, confirmed today.", "outcome": "release"},
    )
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.state == State.READY
    assert "Yes, confirmed today." in client.get(f"/letters/{letter.pk}/").content.decode()


@pytest.mark.rule("LET-3")
@pytest.mark.rule("POST-3")
@pytest.mark.rule("POST-4")
def test_print_download_and_dispatch(client, officer, prepare):
    letter = prepare()
    client.force_login(officer)
    assert client.post(f"/letters/{letter.pk}/print/").status_code == 302
    letter.refresh_from_db()
    assert letter.state == State.PRINTED
    page = client.get(f"/letters/{letter.pk}/").content.decode()
    assert "Recommended post" in page
    download = client.get(f"/letters/{letter.pk}/letter.pdf")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    doc = pdfium.PdfDocument(download.content)
    assert "LE11 1AA" in doc[0].get_textpage().get_text_range()
    doc.close()
    # The wording names the child: personal, so 1st Class is recommended.
    assert letter.recommended_method == "first_class"
    response = client.post(
        f"/letters/{letter.pk}/dispatch/",
        {"method": "second_class", "lawful_basis": "public_task"},
    )
    assert response.status_code == 400
    assert "less secure than the recommended" in response.content.decode()
    assert "(POST-4)" in response.content.decode()
    response = client.post(
        f"/letters/{letter.pk}/dispatch/",
        {"method": "special_delivery", "tracking_number": "AB123456789GB",
         "lawful_basis": "public_task",
         "lawful_basis_justification": "School keeping the parent informed of support"},
    )  # fmt: skip
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.state == State.DISPATCHED
    assert letter.tracking_number == "AB123456789GB"
    assert "The letter came back" in client.get(f"/letters/{letter.pk}/").content.decode()
    assert client.post(f"/letters/{letter.pk}/returned/").status_code == 302
    letter.refresh_from_db()
    assert letter.returned_at is not None


def test_a_letter_about_a_child_at_another_school_is_not_found(client, prepare, school_b):
    letter = prepare()
    services.letter_print(letter=letter, user=letter.created_by)
    other = UserFactory(role="officer", units=[school_b])
    client.force_login(other)
    for url in (
        f"/letters/{letter.pk}/",
        f"/letters/{letter.pk}/letter.pdf",
        f"/letters/new/?service_user={letter.service_user_id}",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/letters/{letter.pk}/print/").status_code == 404
    assert (
        client.post(f"/letters/{letter.pk}/dispatch/", {"method": "second_class"}).status_code
        == 404
    )
    assert client.get("/letters/").content.decode().count(letter.subject) == 0
    letter.refresh_from_db()
    assert letter.state == State.PRINTED


@pytest.mark.rule("POST-5")
def test_the_letter_page_offers_the_desensitised_version_and_records_the_choice(
    client, officer, prepare
):
    letter = prepare(
        template_text="Amelia Whitworth (date of birth 07/03/2014) has been absent this term."
    )
    client.force_login(officer)
    page = client.get(f"/letters/{letter.pk}/").content.decode()
    assert "Could the letter say less?" in page
    response = client.post(f"/letters/{letter.pk}/desensitise/", {"use": "no"})
    assert response.status_code == 400
    assert "(POST-5)" in response.content.decode()
    response = client.post(f"/letters/{letter.pk}/desensitise/", {"use": "yes"})
    assert response.status_code == 302
    letter.refresh_from_db()
    assert letter.desensitise_decision == "used"
    assert "07/03/2014" not in letter.template_text
    assert "Could the letter say less?" not in client.get(f"/letters/{letter.pk}/").content.decode()


def test_a_letter_can_be_cancelled_until_it_is_dispatched(client, officer, prepare):
    letter = prepare()
    client.force_login(officer)
    assert client.post(f"/letters/{letter.pk}/cancel/").status_code == 302
    letter.refresh_from_db()
    assert letter.state == State.CANCELLED
    response = client.post(f"/letters/{letter.pk}/print/")
    assert response.status_code == 400
    letter.refresh_from_db()
    assert letter.state == State.CANCELLED
    assert letter.pdf is None
