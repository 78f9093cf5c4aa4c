"""Pages for amending details with a reason (LET-4) and for the administrators' webhook
subscriptions and failed deliveries (LET-5). A child at another school is a 404, as missing."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils.html import escape

from safehaven.records import services
from safehaven.records.models import ChangeRecord, WebhookDelivery, WebhookSubscription
from safehaven.records.webhooks import subscription_create
from tests.factories import RelatedPersonFactory, ServiceUserFactory, make_upn

pytestmark = pytest.mark.django_db


@pytest.fixture
def child_b(school_b):
    return ServiceUserFactory(unit=school_b, given_name="Bella", family_name="Birstall")


def _form(service_user, **overrides) -> dict:
    data = {
        "given_name": service_user.given_name,
        "family_name": service_user.family_name,
        "preferred_name": service_user.preferred_name,
        "date_of_birth": service_user.date_of_birth.strftime("%d/%m/%Y"),
        "upn": service_user.upn,
        "uln": "",
        "nhs_number": "",
        "reference": service_user.reference,
        "unit": str(service_user.unit_id),
        "reason": "",
    }
    data.update(overrides)
    return data


@pytest.mark.rule("LET-4")
def test_an_officer_amends_a_detail_and_sees_it_in_the_history(client, officer, service_user):
    client.force_login(officer)
    url = reverse("service-user-amend", args=[service_user.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'name="reason"' in page.content.decode()
    assert 'name="allocated_worker"' not in page.content.decode()  # officers cannot
    response = client.post(
        url, _form(service_user, preferred_name="Sunny", reason="She asked to be called Sunny")
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#changes")
    change = ChangeRecord.objects.get()
    assert (change.field, change.new_value, change.changed_by) == (
        "preferred_name",
        "Sunny",
        officer,
    )
    record = client.get(reverse("service-user-record", args=[service_user.pk])).content.decode()
    assert "Changes to these details" in record
    assert "She asked to be called Sunny" in record
    assert "Preferred name" in record


@pytest.mark.rule("LET-4")
def test_a_missing_reason_shows_the_error_summary(client, officer, service_user):
    client.force_login(officer)
    response = client.post(
        reverse("service-user-amend", args=[service_user.pk]),
        _form(service_user, given_name="Changed"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in html
    assert "Enter why you are making this change" in html
    assert 'href="#id_reason"' in html
    assert not ChangeRecord.objects.exists()


@pytest.mark.rule("LET-4")
def test_a_bad_upn_is_explained_on_the_upn_field(client, officer, service_user):
    client.force_login(officer)
    good = make_upn(777)
    bad = ("B" if good[0] != "B" else "C") + good[1:]
    response = client.post(
        reverse("service-user-amend", args=[service_user.pk]),
        _form(service_user, upn=bad, reason="From the transfer file"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_upn"' in html
    assert "the check letter does not match" in html
    service_user.refresh_from_db()
    assert service_user.upn != bad


def test_nothing_changed_is_said_plainly(client, officer, service_user):
    client.force_login(officer)
    response = client.post(
        reverse("service-user-amend", args=[service_user.pk]),
        _form(service_user, reason="Checked"),
    )
    assert "You have not changed anything" in response.content.decode()


def test_another_schools_child_is_not_found(client, officer, child_b):
    client.force_login(officer)
    person = RelatedPersonFactory(service_user=child_b)
    urls = [
        reverse("service-user-amend", args=[child_b.pk]),
        reverse("service-user-changes", args=[child_b.pk]),
        reverse("related-person-amend", args=[child_b.pk, person.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404
        assert client.post(url, _form(child_b, given_name="X", reason="x")).status_code == 404
    child_b.refresh_from_db()
    assert child_b.given_name == "Bella"
    assert not ChangeRecord.objects.exists()


def test_a_person_of_another_child_is_not_found_through_my_child(
    client, officer, service_user, child_b
):
    client.force_login(officer)
    other = RelatedPersonFactory(service_user=child_b)
    url = reverse("related-person-amend", args=[service_user.pk, other.pk])
    assert client.get(url).status_code == 404


def test_a_manager_can_allocate_a_worker(client, authoriser, officer, service_user):
    client.force_login(authoriser)
    url = reverse("service-user-amend", args=[service_user.pk])
    assert 'name="allocated_worker"' in client.get(url).content.decode()
    response = client.post(
        url, _form(service_user, allocated_worker=str(officer.pk), reason="Caseload")
    )
    assert response.status_code == 302
    service_user.refresh_from_db()
    assert service_user.allocated_worker == officer


@pytest.mark.rule("LET-4")
def test_a_parents_phone_is_corrected_with_a_reason(client, officer, service_user):
    person = RelatedPersonFactory(service_user=service_user, phone="")
    client.force_login(officer)
    url = reverse("related-person-amend", args=[service_user.pk, person.pk])
    data = {
        "title": "",
        "given_name": person.given_name,
        "family_name": person.family_name,
        "phone": "07911 123456",
        "email": "",
        "line_1": "",
        "line_2": "",
        "line_3": "",
        "town": "",
        "postcode": "",
        "reason": "Mother phoned from her new mobile",
    }
    assert client.post(url, data).status_code == 302
    person.refresh_from_db()
    assert person.phone == "+447911123456"
    data["phone"] = "12345"
    html = client.post(url, data).content.decode()
    assert "phone number is not valid" in html
    history = client.get(reverse("service-user-changes", args=[service_user.pk])).content.decode()
    assert "Mother phoned from her new mobile" in history
    assert escape(person.full_name) in history  # as the page writes it: O'Neill is O&#x27;Neill


def test_the_history_page_lists_every_change(client, officer, service_user):
    for n in range(12):
        services.service_user_amend(
            service_user=service_user, user=officer, reason=f"r{n}", preferred_name=f"P{n}"
        )
    client.force_login(officer)
    record = client.get(reverse("service-user-record", args=[service_user.pk])).content.decode()
    assert "See every change" in record
    html = client.get(reverse("service-user-changes", args=[service_user.pk])).content.decode()
    assert html.count("govuk-table__row") == 13  # header + 12


# Administrators: webhook subscriptions and failed deliveries (LET-5).


@pytest.mark.rule("LET-5")
def test_only_administrators_manage_subscriptions(client, officer, dpo, administrator):
    for user, status in ((officer, 403), (dpo, 403), (administrator, 200)):
        client.force_login(user)
        assert client.get(reverse("webhook-list")).status_code == status
        assert client.get(reverse("webhook-create")).status_code == status


@pytest.mark.rule("LET-5")
def test_an_administrator_adds_a_subscription_and_sees_its_secret(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("webhook-create"),
        {
            "name": "School MIS",
            "url": "https://mis.example.org/safehaven",
            "record_types": ["service_user", "address"],
            "active": "on",
        },
    )
    sub = WebhookSubscription.objects.get()
    assert response["Location"] == reverse("webhook-detail", args=[sub.pk])
    assert sub.record_types == ["service_user", "address"]
    detail = client.get(response["Location"])
    assert sub.secret in detail.content.decode()
    assert detail["Cache-Control"].startswith("max-age=0") or "no-store" in detail["Cache-Control"]
    old = sub.secret
    client.post(reverse("webhook-new-secret", args=[sub.pk]))
    sub.refresh_from_db()
    assert sub.secret != old


def test_an_insecure_address_is_refused_on_the_field(client, administrator):
    client.force_login(administrator)
    response = client.post(
        reverse("webhook-create"),
        {"name": "MIS", "url": "http://mis.example.org/", "record_types": ["address"]},
    )
    html = response.content.decode()
    assert 'href="#id_url"' in html
    assert "Use an https:// address" in html
    assert not WebhookSubscription.objects.exists()


@pytest.mark.rule("LET-5")
def test_failed_deliveries_are_shown_and_can_be_sent_again(
    client, administrator, officer, service_user
):
    subscription_create(
        name="MIS",
        url="https://mis.example.org/hook",
        record_types=["service_user"],
        user=administrator,
    )
    services.service_user_amend(
        service_user=service_user, user=officer, reason="x", given_name="Zephyrine"
    )
    WebhookDelivery.objects.update(status="failed", attempts=8, last_error="HTTP 500")
    delivery = WebhookDelivery.objects.get()
    client.force_login(administrator)
    html = client.get(reverse("webhook-list")).content.decode()
    assert "Failed deliveries" in html
    assert "HTTP 500" in html
    assert "Zephyrine" not in html  # the list names the change, not the person
    response = client.post(reverse("webhook-delivery-retry", args=[delivery.pk]))
    assert response.status_code == 302
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("pending", 0)
