"""Search, the record page, register entries and the subject access export, with the same
"not found" for another school's child as for a child who does not exist."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from safehaven.records.models import AccessLog
from tests.factories import (
    AddressFactory,
    ConsentFactory,
    ContactRestrictionFactory,
    RelatedPersonFactory,
    ServiceUserFactory,
    disclosure,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def child_b(school_b):
    return ServiceUserFactory(unit=school_b, given_name="Bella", family_name="Birstall")


def _record_urls(pk: int) -> list[str]:
    return [
        reverse("service-user-record", args=[pk]),
        reverse("service-user-register", args=[pk]),
    ]


@pytest.mark.parametrize("name", ["service-user-search"])
def test_anonymous_is_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_anonymous_cannot_open_a_record(client, service_user):
    for url in _record_urls(service_user.pk):
        assert client.get(url)["Location"].startswith(reverse("login"))


def test_school_a_officer_gets_404_for_school_b_child(client, officer, child_b):
    client.force_login(officer)
    for url in _record_urls(child_b.pk):
        response = client.get(url)
        assert response.status_code == 404
        assert "Bella" not in response.content.decode()
    assert not AccessLog.objects.filter(service_user=child_b).exists()


def test_forbidden_and_missing_records_look_the_same(client, officer, child_b):
    client.force_login(officer)
    forbidden = client.get(reverse("service-user-record", args=[child_b.pk]))
    missing = client.get(reverse("service-user-record", args=[child_b.pk + 1000]))
    assert forbidden.status_code == missing.status_code == 404

    def strip(response) -> str:
        """The page without what differs on every response (nonce, CSRF token) or the URL."""
        html = re.sub(r'(nonce|value)="[^"]*"', "", response.content.decode())
        return html.replace(str(child_b.pk + 1000), "").replace(str(child_b.pk), "")

    assert strip(forbidden) == strip(missing)


def test_search_finds_only_own_units_children(client, officer, school_a, child_b):
    mine = ServiceUserFactory(unit=school_a, given_name="Bella", family_name="Ashby")
    client.force_login(officer)
    html = client.get(reverse("service-user-search"), {"q": "Bella"}).content.decode()
    assert reverse("service-user-record", args=[mine.pk]) in html
    assert reverse("service-user-record", args=[child_b.pk]) not in html


def test_search_tolerates_typo_and_logs_the_search_without_the_text(client, officer, school_a):
    child = ServiceUserFactory(unit=school_a, given_name="Oliver", family_name="Thistlethwaite")
    client.force_login(officer)
    html = client.get(reverse("service-user-search"), {"q": "Oliver Thistlewaite"}).content.decode()
    assert reverse("service-user-record", args=[child.pk]) in html
    log = AccessLog.objects.get(user=officer, action=AccessLog.Action.SEARCH)
    assert log.detail == "results=1"


def test_search_by_date_with_day_and_month_swapped(client, officer, school_a):
    child = ServiceUserFactory(unit=school_a, date_of_birth=dt.date(2015, 4, 9))
    client.force_login(officer)
    response = client.get(
        reverse("service-user-search"), {"dob_day": "4", "dob_month": "9", "dob_year": "2015"}
    )
    html = response.content.decode()
    assert reverse("service-user-record", args=[child.pk]) in html
    assert "Day and month swapped" in html


def test_search_reads_an_impossible_month_as_swapped(client, officer, school_a):
    child = ServiceUserFactory(unit=school_a, date_of_birth=dt.date(2015, 4, 20))
    client.force_login(officer)
    response = client.get(
        reverse("service-user-search"), {"dob_day": "4", "dob_month": "20", "dob_year": "2015"}
    )
    html = response.content.decode()
    assert reverse("service-user-record", args=[child.pk]) in html
    assert "There is no month 20" in html


def test_search_by_upn(client, officer, service_user):
    client.force_login(officer)
    html = client.get(reverse("service-user-search"), {"q": service_user.upn}).content.decode()
    assert reverse("service-user-record", args=[service_user.pk]) in html


def test_search_with_impossible_date_shows_error_summary(client, officer):
    client.force_login(officer)
    response = client.get(
        reverse("service-user-search"), {"dob_day": "31", "dob_month": "31", "dob_year": "2015"}
    )
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Date of birth must be a real date" in html
    assert '<a href="#id_dob_day">' in html


def test_empty_search_page_shows_form_without_errors(client, officer):
    client.force_login(officer)
    html = client.get(reverse("service-user-search")).content.decode()
    assert "govuk-error-summary" not in html
    assert "Find a service user" in html


def test_record_page_shows_markers_people_restrictions_consents_disclosures(
    client, officer, service_user
):
    AddressFactory(
        service_user=service_user,
        line_1="1 Old Road",
        valid_from=dt.date(2018, 1, 1),
        valid_to=dt.date(2019, 12, 31),
    )
    AddressFactory(service_user=service_user, line_1="2 Hidden Lane", confidential=True)
    RelatedPersonFactory(service_user=service_user, given_name="Maria")
    ContactRestrictionFactory(service_user=service_user, person_name="Court Ordered Person")
    ConsentFactory(service_user=service_user, given_by_name="Consenting Parent")
    entry = disclosure(service_user=service_user, recipient_name="Dr Who Was Told")
    client.force_login(officer)
    html = client.get(reverse("service-user-record", args=[service_user.pk])).content.decode()
    assert "1 Old Road" in html
    assert "2 Hidden Lane" in html
    assert "The current address is confidential" in html
    assert ">Confidential</strong>" in html
    assert "Maria" in html
    assert "Court Ordered Person" in html
    assert "must not be given information" in html
    assert "Consenting Parent" in html
    assert "Dr Who Was Told" in html
    assert f">{entry.sequence}<" in html
    # The access log is for the DPO's eyes only.
    assert "Who has looked at this record" not in html


def test_record_view_is_logged_and_shown_to_the_dpo(client, officer, dpo, service_user):
    client.force_login(officer)
    client.get(reverse("service-user-record", args=[service_user.pk]))
    assert (
        AccessLog.objects.filter(
            user=officer, service_user=service_user, action=AccessLog.Action.VIEW
        ).count()
        == 1
    )
    client.force_login(dpo)
    html = client.get(reverse("service-user-record", args=[service_user.pk])).content.decode()
    assert "Who has looked at this record" in html
    assert escape(str(officer)) in html  # as the page writes it: O'Neill is O&#x27;Neill


def test_record_warns_when_mail_was_returned(client, officer, service_user):
    AddressFactory(service_user=service_user, mail_returned=True)
    client.force_login(officer)
    html = client.get(reverse("service-user-record", args=[service_user.pk])).content.decode()
    assert "Post to the current address came back" in html
    assert ">Mail returned</strong>" in html


def test_register_page_lists_every_entry_with_its_details(client, officer, service_user):
    first = disclosure(service_user=service_user, reason="First reason")
    second = disclosure(
        service_user=service_user,
        outcome="not_shared",
        reason="Second reason",
        refusal_reason="No consent on record",
        lawful_basis="none",
        lawful_basis_justification="",
    )
    client.force_login(officer)
    html = client.get(reverse("service-user-register", args=[service_user.pk])).content.decode()
    assert html.index(f"Entry {second.sequence}") < html.index(f"Entry {first.sequence}")
    assert "No consent on record" in html
    assert "Subject access export" not in html  # officers do not answer SARs


def test_subject_access_is_for_the_dpo_only(client, officer, service_user):
    client.force_login(officer)
    assert (
        client.get(reverse("service-user-subject-access", args=[service_user.pk])).status_code
        == 403
    )
    url = reverse("service-user-subject-access-download", args=[service_user.pk, "csv"])
    assert client.get(url).status_code == 403


def test_dpo_downloads_subject_access_csv_and_pdf(client, dpo, service_user):
    disclosure(service_user=service_user, recipient_name="Nurse Named In Export")
    client.force_login(dpo)
    page = client.get(reverse("service-user-subject-access", args=[service_user.pk]))
    assert "1 entry" in page.content.decode()
    csv = client.get(reverse("service-user-subject-access-download", args=[service_user.pk, "csv"]))
    assert csv["Content-Type"].startswith("text/csv")
    assert "attachment" in csv["Content-Disposition"]
    assert "no-store" in csv["Cache-Control"] or "no-cache" in csv["Cache-Control"]
    assert "Nurse Named In Export" in csv.content.decode("utf-8-sig")
    pdf = client.get(reverse("service-user-subject-access-download", args=[service_user.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert (
        AccessLog.objects.filter(
            user=dpo, service_user=service_user, action=AccessLog.Action.SAR_EXPORT
        ).count()
        == 2
    )


def test_subject_access_in_an_unknown_format_is_not_found(client, dpo, service_user):
    client.force_login(dpo)
    url = reverse("service-user-subject-access-download", args=[service_user.pk, "docx"])
    assert client.get(url).status_code == 404


def test_huge_record_number_is_not_found_not_a_server_error(client, officer):
    client.force_login(officer)
    assert client.get("/service-users/99999999999999999999999/").status_code == 404


def test_submitting_an_empty_search_asks_for_something_to_search_for(client, officer):
    client.force_login(officer)
    html = client.get(reverse("service-user-search"), {"q": ""}).content.decode()
    assert '<a href="#id_q">Enter a name, UPN or reference, or a date of birth</a>' in html
