"""Incoming post pages and API (POST-1): log, detail with evidence, triage, route, actioned;
another school's staff get 404; roles without triage rights get 403 / a refusal."""

from __future__ import annotations

import datetime as dt

import pytest

from safehaven.correspondence.models import IncomingPost, PostNotification, PostRouting
from tests.factories import AddressFactory, ServiceUserFactory, UserFactory, make_upn

pytestmark = pytest.mark.django_db
State = IncomingPost.State


@pytest.fixture
def worker(school_a):
    return UserFactory(role="officer", units=[school_a])


@pytest.fixture
def pupil(school_a, worker):
    su = ServiceUserFactory(
        unit=school_a, given_name="Amelia", family_name="Whitworth",
        date_of_birth=dt.date(2014, 3, 7), upn=make_upn(90002), allocated_worker=worker,
    )  # fmt: skip
    AddressFactory(service_user=su, postcode="LE11 1AA")
    return su


FORM = {
    "kind": "letter", "opened": "yes", "sender_name": "Dr Ann Lee",
    "sender_organisation": "Leicester Royal Infirmary", "subject": "Reply slip for the school trip",
    "child_name": "Amelia Whitwerth", "dob_day": "3", "dob_month": "7", "dob_year": "2014",
}  # fmt: skip


def test_post_pages_need_sign_in(client):
    assert client.get("/post/").status_code == 302
    assert client.get("/api/post/").status_code == 401


@pytest.mark.rule("POST-1")
def test_log_on_the_page_routes_to_the_worker_who_is_notified(client, officer, worker, pupil):
    client.force_login(officer)
    page = client.get("/post/new/")
    assert page.status_code == 200
    assert 'name="received_at"' not in page.content.decode()  # server time, never typed
    response = client.post("/post/new/", FORM)
    assert response.status_code == 302
    item = IncomingPost.objects.get()
    assert response["Location"] == f"/post/{item.pk}/"
    assert item.state == State.ROUTED, (item.triage_reasons, item.candidates)
    assert item.routed_to == worker
    html = client.get(f"/post/{item.pk}/").content.decode()
    assert "Date of birth matches with day and month swapped." in html
    assert "Name is close" in html
    client.force_login(worker)
    home = client.get("/post/").content.decode()
    assert "Post (1 new)" in home
    assert f"/post/{item.pk}/" in home
    client.get(f"/post/{item.pk}/")  # opening it reads the notice
    assert not PostNotification.objects.filter(user=worker, read_at__isnull=True).exists()
    assert "Post (1 new)" not in client.get("/post/").content.decode()
    response = client.post(f"/post/{item.pk}/actioned/", {"note": "Booked"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == State.ACTIONED


@pytest.mark.rule("POST-1")
def test_bad_input_is_shown_on_the_field_not_a_500(client, officer, pupil):
    client.force_login(officer)
    response = client.post("/post/new/", {**FORM, "sender_name": "", "sender_organisation": ""})
    assert response.status_code == 400
    assert "Enter who sent it" in response.content.decode()
    response = client.post("/post/new/", {**FORM, "dob_day": "31", "dob_month": "2"})
    assert response.status_code == 400
    assert "real date" in response.content.decode()
    assert not IncomingPost.objects.exists()


@pytest.mark.rule("POST-1")
def test_triage_page_and_routing_by_a_manager(client, officer, authoriser, worker, pupil):
    client.force_login(officer)
    client.post("/post/new/", {**FORM, "subject": "Child protection conference minutes"})
    item = IncomingPost.objects.get()
    assert item.state == State.TRIAGE
    assert client.get("/post/triage/").status_code == 403
    page = client.get(f"/post/{item.pk}/").content.decode()
    assert "Route it" not in page  # an officer cannot triage
    client.force_login(authoriser)
    triage = client.get("/post/triage/").content.decode()
    assert f"/post/{item.pk}/" in triage
    response = client.post(f"/post/{item.pk}/route/", {"service_user": str(pupil.pk)})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()
    response = client.post(
        f"/post/{item.pk}/route/",
        {"service_user": str(pupil.pk), "reason": "Minutes for the allocated worker"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.routed_to == worker
    assert item.routings.last().by == authoriser
    response = client.post(f"/post/{item.pk}/route/", {"other_reference": "NOPE", "reason": "x"})
    assert response.status_code == 400


@pytest.mark.rule("POST-1")
def test_triage_can_route_by_another_childs_reference(client, officer, authoriser, pupil, school_a):
    other_worker = UserFactory(role="officer", units=[school_a])
    other = ServiceUserFactory(unit=school_a, allocated_worker=other_worker)
    client.force_login(officer)
    client.post("/post/new/", {**FORM, "child_name": "", "dob_day": "", "dob_month": "",
                               "dob_year": ""})  # fmt: skip
    item = IncomingPost.objects.get()
    client.force_login(authoriser)
    response = client.post(
        f"/post/{item.pk}/route/",
        {"other_reference": other.reference, "reason": "Sender's cover note names the child"},
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.service_user == other
    assert item.routed_to == other_worker
    assert item.routings.last().action == PostRouting.Action.CHANGED


@pytest.mark.rule("POST-1")
def test_another_schools_staff_get_404_everywhere(client, officer, pupil, school_b):
    client.force_login(officer)
    client.post("/post/new/", FORM)
    item = IncomingPost.objects.get()
    outsider = UserFactory(role="authoriser", manager_title="team", units=[school_b])
    client.force_login(outsider)
    assert client.get(f"/post/{item.pk}/").status_code == 404
    for action in ("route", "misdirected", "actioned"):
        assert client.post(f"/post/{item.pk}/{action}/", {"reason": "x"}).status_code == 404
    assert client.get(f"/api/post/{item.pk}/").status_code == 404
    assert f"/post/{item.pk}/" not in client.get("/post/").content.decode()
    assert client.get("/api/post/").json()["count"] == 0


@pytest.mark.rule("POST-1")
def test_api_log_route_and_action(client, officer, authoriser, worker, pupil):
    client.force_login(officer)
    response = client.post(
        "/api/post/",
        {"sender_organisation": "CAMHS", "subject": "Mental health assessment outcome",
         "upn": pupil.upn, "child_name": "Amelia Whitworth"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["state"] == "triage"  # mental health: sensitive, so triage
    assert body["candidates"][0]["service_user"] == pupil.pk
    pk = body["id"]
    assert client.get("/api/post/triage/").status_code == 403
    response = client.post(f"/api/post/{pk}/route/", {"service_user": pupil.pk, "reason": "x"},
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 400
    assert response.json()["rule"] == "POST-1"
    client.force_login(authoriser)
    assert [i["id"] for i in client.get("/api/post/triage/").json()["results"]] == [pk]
    response = client.post(
        f"/api/post/{pk}/route/", {"service_user": pupil.pk, "reason": "For her worker"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code == 200
    assert response.json()["routed_to"] == worker.pk
    again = client.post(f"/api/post/{pk}/misdirected/", {"reason": "x"},
                        content_type="application/json")  # fmt: skip
    assert again.status_code == 409
    client.force_login(worker)
    response = client.post(f"/api/post/{pk}/actioned/", {"note": "Read"},
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 200
    assert response.json()["state"] == "actioned"
    bad = client.post(
        "/api/post/", {"date_of_birth": "31/02/2014"}, content_type="application/json"
    )
    assert bad.status_code == 400


@pytest.mark.rule("POST-1")
def test_the_home_page_shows_post_waiting_and_the_triage_count(
    client, officer, authoriser, worker, pupil
):
    client.force_login(officer)
    client.post("/post/new/", FORM)
    client.post("/post/new/", {**FORM, "child_name": "Nobody Known", "dob_day": "",
                               "dob_month": "", "dob_year": ""})  # fmt: skip
    routed = IncomingPost.objects.get(state=State.ROUTED)
    client.force_login(worker)
    home = client.get("/").content.decode()
    assert "Post for you" in home
    assert f"/post/{routed.pk}/" in home
    assert "waiting for triage" not in home  # an officer does not triage
    client.force_login(authoriser)
    assert "Post waiting for triage: 1" in client.get("/").content.decode()


@pytest.mark.rule("POST-1")
def test_the_worker_sends_a_wrongly_routed_item_back_to_triage(
    client, officer, authoriser, worker, pupil
):
    client.force_login(officer)
    client.post("/post/new/", FORM)
    item = IncomingPost.objects.get()
    assert item.routed_to == worker
    client.force_login(officer)  # not the worker: refused, nothing changes
    response = client.post(f"/post/{item.pk}/send-back/", {"send_back_reason": "Not mine"})
    assert response.status_code == 400
    client.force_login(worker)
    response = client.post(f"/post/{item.pk}/send-back/", {"send_back_reason": ""})
    assert response.status_code == 400
    response = client.post(
        f"/post/{item.pk}/send-back/", {"send_back_reason": "The letter is about her cousin"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.state == State.TRIAGE
    assert item.service_user is None
    last = item.routings.last()
    assert last.action == PostRouting.Action.SENT_BACK
    assert last.by == worker
    assert last.service_user == pupil
    assert client.get(f"/post/{item.pk}/").status_code == 404  # off the child: not the worker's
    client.force_login(authoriser)
    assert f"/post/{item.pk}/" in client.get("/post/triage/").content.decode()
    api = client.post(f"/api/post/{item.pk}/send-back/", {"reason": "x"},
                      content_type="application/json")  # fmt: skip
    assert api.status_code == 409
