"""The REST API: same permission checks as the UI, clear 4xx answers, never a 500."""

from __future__ import annotations

import datetime as dt

import pytest

from safehaven.records.models import AccessLog, Organisation
from tests.factories import (
    AddressFactory,
    ConsentFactory,
    ContactRestrictionFactory,
    OrganisationFactory,
    ProfessionalContactFactory,
    ServiceUserFactory,
    SwitchboardFactory,
    UserFactory,
    disclosure,
)

pytestmark = pytest.mark.django_db

ENDPOINTS = [
    "/api/me/",
    "/api/service-users/",
    "/api/organisations/",
    "/api/contacts/",
]


@pytest.mark.parametrize("url", ENDPOINTS)
def test_anonymous_call_gets_401_with_token_challenge(api, url):
    response = api.get(url)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_wrong_token_gets_401(api):
    api.credentials(HTTP_AUTHORIZATION="Token not-a-real-token")
    assert api.get("/api/me/").status_code == 401


def test_switched_off_account_cannot_use_its_token(api_as, officer):
    client = api_as(officer)
    officer.is_active = False
    officer.save()
    assert client.get("/api/me/").status_code in (401, 403)


def test_me_names_role_and_units(api_as, officer, school_a):
    data = api_as(officer).get("/api/me/").json()
    assert data["role"] == "officer"
    assert data["units"] == [school_a.name]
    assert data["sees_all_units"] is False


def test_school_a_officer_gets_404_for_a_school_b_child(api_as, officer, school_b):
    child_b = ServiceUserFactory(unit=school_b)
    client = api_as(officer)
    assert client.get(f"/api/service-users/{child_b.pk}/").status_code == 404
    assert client.get(f"/api/service-users/{child_b.pk}/disclosures/").status_code == 404
    missing = client.get("/api/service-users/999999/")
    forbidden = client.get(f"/api/service-users/{child_b.pk}/")
    assert missing.json() == forbidden.json()  # nobody learns the child exists


def test_list_shows_only_own_units_children(api_as, officer, service_user, school_b):
    ServiceUserFactory(unit=school_b)
    data = api_as(officer).get("/api/service-users/").json()
    assert data["count"] == 1
    assert [row["id"] for row in data["results"]] == [service_user.pk]


def test_dpo_sees_every_unit(api_as, dpo, service_user, school_b):
    ServiceUserFactory(unit=school_b)
    assert api_as(dpo).get("/api/service-users/").json()["count"] == 2


def test_search_tolerates_a_typo_and_a_swapped_date(api_as, officer, school_a):
    child = ServiceUserFactory(
        unit=school_a,
        given_name="Amelia",
        family_name="Whitworth",
        date_of_birth=dt.date(2014, 3, 7),
    )
    client = api_as(officer)
    by_typo = client.get("/api/service-users/", {"q": "Amelia Whitwroth"}).json()
    assert child.pk in [row["id"] for row in by_typo["results"]]
    by_swapped = client.get("/api/service-users/", {"dob": "2014-07-03"}).json()
    assert child.pk in [row["id"] for row in by_swapped["results"]]


def test_search_by_upn(api_as, officer, service_user):
    data = api_as(officer).get("/api/service-users/", {"q": service_user.upn}).json()
    assert [row["id"] for row in data["results"]] == [service_user.pk]


@pytest.mark.parametrize("dob", ["31/02/2014", "2014-02-31", ""])
def test_bad_or_empty_date_of_birth_gets_400_naming_the_field(api_as, officer, dob):
    response = api_as(officer).get("/api/service-users/", {"dob": dob})
    assert response.status_code == 400
    assert "dob" in response.json()


def test_detail_logs_the_view_and_hides_a_confidential_address(api_as, officer, service_user):
    AddressFactory(service_user=service_user, confidential=True, line_1="1 Refuge Row")
    ContactRestrictionFactory(service_user=service_user, person_name="Barred Person")
    ConsentFactory(service_user=service_user)
    response = api_as(officer).get(f"/api/service-users/{service_user.pk}/")
    data = response.json()
    assert response.status_code == 200
    assert data["current_address"]["confidential"] is True
    assert data["current_address"]["lines"] == []
    assert "1 Refuge Row" not in response.content.decode()
    assert data["restrictions"][0]["person_name"] == "Barred Person"
    assert data["consents"][0]["current"] is True
    assert AccessLog.objects.filter(
        user=officer, service_user=service_user, action=AccessLog.Action.VIEW
    ).exists()


def test_disclosures_for_a_visible_child(api_as, officer, service_user):
    entry = disclosure(service_user=service_user)
    data = api_as(officer).get(f"/api/service-users/{service_user.pk}/disclosures/").json()
    assert [row["sequence"] for row in data["results"]] == [entry.sequence]
    assert data["results"][0]["entry_hash"] == entry.entry_hash


def test_organisations_include_switchboard_and_who_checked_it(api_as, officer, dpo):
    organisation = OrganisationFactory(name="County Hospital")
    SwitchboardFactory(organisation=organisation, verified_by=dpo, number="+441162323232")
    data = api_as(officer).get("/api/organisations/", {"q": "county"}).json()
    assert data["results"][0]["switchboards"][0]["number"] == "+441162323232"
    assert data["results"][0]["switchboards"][0]["verified_by"] == dpo.get_full_name()


def test_officer_cannot_add_an_organisation(api_as, officer):
    response = api_as(officer).post("/api/organisations/", {"name": "New"}, format="json")
    assert response.status_code == 403


def test_dpo_adds_an_organisation_through_the_service(api_as, dpo):
    response = api_as(dpo).post(
        "/api/organisations/",
        {"name": "Valley Surgery", "kind": "health", "postcode": "le11 3tu"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert Organisation.objects.get(name="Valley Surgery").postcode == "LE11 3TU"


def test_bad_organisation_fields_get_400_and_a_taken_name_409(api_as, dpo):
    OrganisationFactory(name="Taken")
    client = api_as(dpo)
    assert client.post("/api/organisations/", {}, format="json").status_code == 400
    response = client.post(
        "/api/organisations/", {"name": "Taken", "kind": "health"}, format="json"
    )
    assert response.status_code == 409
    assert response.json() == {"detail": "An organisation with this name already exists."}
    response = client.post(
        "/api/organisations/", {"name": "Other", "kind": "health", "postcode": "XX"}, format="json"
    )
    assert response.status_code == 400
    assert "postcode" in response.json()


def test_contacts_list_and_detail(api_as, officer):
    contact = ProfessionalContactFactory(name="Dr Ada Nurse")
    client = api_as(officer)
    assert client.get("/api/contacts/", {"q": "ada"}).json()["results"][0]["id"] == contact.pk
    assert client.get(f"/api/contacts/{contact.pk}/").json()["name"] == "Dr Ada Nurse"
    assert client.get("/api/contacts/999999/").status_code == 404


def test_register_verify_is_for_the_dpo_only(api_as, officer, dpo, service_user):
    disclosure(service_user=service_user)
    assert api_as(officer).post("/api/register/verify/").status_code == 403
    assert (
        api_as(UserFactory(role="administrator")).post("/api/register/verify/").status_code == 403
    )
    data = api_as(dpo).post("/api/register/verify/").json()
    assert data["ok"] is True
    assert data["checked"] == 1
    assert data["bad_sequence"] is None


def test_unknown_api_path_gets_json_404(api_as, officer):
    response = api_as(officer).get("/api/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_session_auth_works_for_a_signed_in_browser(client, officer):
    client.force_login(officer)
    assert client.get("/api/me/").json()["username"] == officer.username


def test_a_number_where_text_belongs_is_refused(api_as, dpo):
    response = api_as(dpo).post(
        "/api/organisations/", {"name": 12, "kind": "health"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {"name": ["Give this as text (a JSON string)."]}
