"""API: PATCH corrects details with a reason through the same services as the pages (LET-4);
the CSV change feed for the MIS (LET-5). 404 for another school's child, 400 naming bad fields."""

from __future__ import annotations

import csv
import io

import pytest

from safehaven.records.models import ChangeRecord
from tests.factories import (
    ProfessionalContactFactory,
    RelatedPersonFactory,
    ServiceUserFactory,
    make_upn,
)

pytestmark = pytest.mark.django_db


def _url(pk: int) -> str:
    return f"/api/service-users/{pk}/"


@pytest.mark.rule("LET-4")
def test_patch_corrects_details_and_records_the_change(api_as, officer, service_user):
    response = api_as(officer).patch(
        _url(service_user.pk),
        {"reason": "Father corrected the spelling", "family_name": "Smyth"},
        format="json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["family_name"] == "Smyth"
    change = ChangeRecord.objects.get()
    assert (change.field, change.new_value, change.source, change.changed_by) == (
        "family_name",
        "Smyth",
        "api",
        officer,
    )
    history = api_as(officer).get(f"/api/service-users/{service_user.pk}/changes/").json()
    assert history["results"][0]["reason"] == "Father corrected the spelling"


@pytest.mark.rule("LET-4")
def test_bad_fields_get_400_with_messages(api_as, officer, service_user):
    good = make_upn(31337)
    bad = ("B" if good[0] != "B" else "C") + good[1:]
    client = api_as(officer)
    cases = [
        ({"reason": "x", "upn": bad}, "upn", "check letter does not match"),
        ({"upn": good}, "reason", "required"),
        ({"reason": "x", "date_of_birth": "2014-02-30"}, "date_of_birth", "Date has wrong format"),
        ({"reason": "x", "given_name": 7}, "given_name", "as text"),
        ({"reason": "x", "created_at": "2020-01-01"}, "created_at", "cannot be changed"),
        ({"reason": "x", "unit_id": 999999}, "unit_id", "No such school"),
    ]
    for body, field, message in cases:
        response = client.patch(_url(service_user.pk), body, format="json")
        assert response.status_code == 400, (body, response.content)
        assert field in response.json()
        assert message in " ".join(response.json()[field]), response.json()
    assert client.patch(_url(service_user.pk), [1, 2], format="json").status_code == 400
    assert not ChangeRecord.objects.exists()


def test_another_schools_child_is_404_and_role_limits_are_403(
    api_as, officer, authoriser, service_user, school_b
):
    child_b = ServiceUserFactory(unit=school_b)
    response = api_as(officer).patch(
        _url(child_b.pk), {"reason": "x", "given_name": "Y"}, format="json"
    )
    assert response.status_code == 404
    assert (
        api_as(officer)
        .patch(
            _url(service_user.pk), {"reason": "x", "allocated_worker_id": officer.pk}, format="json"
        )
        .status_code
        == 403
    )
    ok = api_as(authoriser).patch(
        _url(service_user.pk),
        {"reason": "caseload", "allocated_worker_id": officer.pk},
        format="json",
    )
    assert ok.status_code == 200


@pytest.mark.rule("LET-4")
def test_related_people_are_listed_and_corrected(api_as, officer, service_user, school_b):
    person = RelatedPersonFactory(service_user=service_user, email="")
    client = api_as(officer)
    listed = client.get(f"/api/service-users/{service_user.pk}/related-people/").json()
    assert [p["id"] for p in listed["results"]] == [person.pk]
    url = f"/api/service-users/{service_user.pk}/related-people/{person.pk}/"
    response = client.patch(url, {"reason": "new email", "email": "mum@example.org"}, format="json")
    assert response.status_code == 200
    assert response.json()["email"] == "mum@example.org"
    bad = client.patch(url, {"reason": "x", "postcode": "NOPE"}, format="json")
    assert bad.status_code == 400
    assert "postcode" in bad.json()
    other = RelatedPersonFactory(service_user=ServiceUserFactory(unit=school_b))
    assert (
        client.patch(
            f"/api/service-users/{other.service_user_id}/related-people/{other.pk}/",
            {"reason": "x", "email": "a@example.org"},
            format="json",
        ).status_code
        == 404
    )
    # Someone else's person through my child's URL: also 404.
    assert (
        client.get(f"/api/service-users/{service_user.pk}/related-people/{other.pk}/").status_code
        == 404
    )


def test_contacts_are_corrected_by_the_dpo_only(api_as, officer, dpo):
    contact = ProfessionalContactFactory()
    url = f"/api/contacts/{contact.pk}/"
    body = {"reason": "Left the team", "job_title": "Former nurse"}
    assert api_as(officer).patch(url, body, format="json").status_code == 403
    response = api_as(dpo).patch(url, body, format="json")
    assert response.status_code == 200
    assert response.json()["job_title"] == "Former nurse"


@pytest.mark.rule("LET-5")
def test_the_change_feed_csv(api_as, officer, administrator, service_user):
    client = api_as(officer)
    for name in ("Ann", "Bea"):
        client.patch(_url(service_user.pk), {"reason": "x", "given_name": name}, format="json")
    assert client.get("/api/changes.csv").status_code == 403
    admin = api_as(administrator)
    response = admin.get("/api/changes.csv?since=0")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [r["new_value"] for r in rows] == ["Ann", "Bea"]
    first_id = rows[0]["change_id"]
    assert response["X-SafeHaven-Last-Change-Id"] == rows[-1]["change_id"]
    resumed = admin.get(f"/api/changes.csv?since={first_id}")
    assert [r["new_value"] for r in csv.DictReader(io.StringIO(resumed.content.decode()))] == [
        "Bea"
    ]
    limited = admin.get("/api/changes.csv?since=0&limit=1")
    assert limited["X-SafeHaven-More"] == "true"
    bad = admin.get("/api/changes.csv?since=last-tuesday")
    assert bad.status_code == 400
    assert "since" in bad.json()
    empty_limit = admin.get("/api/changes.csv?since=0&limit=")
    assert empty_limit.status_code == 400
    assert "whole number" in empty_limit.json()["limit"][0]
    as_csv = admin.get("/api/changes.csv?since=nope", HTTP_ACCEPT="text/csv")
    assert as_csv.status_code == 400
    assert as_csv.content.decode().startswith("problem")
