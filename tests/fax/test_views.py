"""Fax pages with the Django test client: switched off says so, only the DPO or an
administrator switches it, forms show the service's message with its rule, no 500s."""

from __future__ import annotations

import re

import pytest

from safehaven.fax import services
from safehaven.fax.models import FaxPolicy, SafeHavenAssessment, SpeedDial
from tests.factories import FaxNumberFactory, UserFactory
from tests.fax.conftest import blank_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client):
    def do(user):
        client.force_login(user)
        return client

    return do


@pytest.mark.rule("FAX-1")
def test_pages_say_fax_is_off_and_the_nav_has_no_fax_item(signed_in, officer, child, fax_dirs):
    client = signed_in(officer)
    home = client.get("/fax/")
    assert "Fax is switched off" in home.text
    assert 'href="/fax/"' not in home.text.split("<main")[0]
    page = client.get(f"/fax/new/{child.pk}/")
    assert page.status_code == 200
    assert "Fax is switched off" in page.text


def test_only_dpo_or_administrator_may_open_the_switch(signed_in, officer, dpo, fax_dirs):
    assert signed_in(officer).get("/fax/settings/").status_code == 403
    client = signed_in(dpo)
    response = client.post("/fax/settings/", {"enabled": "on", "reason": ""})
    assert "Say why" in response.text
    client.post("/fax/settings/", {"enabled": "on", "reason": "Partner needs fax"})
    assert FaxPolicy.objects.get().enabled
    assert 'href="/fax/"' in client.get("/").text


@pytest.mark.rule("FAX-3")
def test_assessment_form_records_the_answers(signed_in, officer, partner, fax_on):
    number = FaxNumberFactory(organisation=partner)
    client = signed_in(officer)
    response = client.post(
        f"/fax/directory/{number.pk}/assess/",
        {"answered_by_name": "", "secure_office": "yes", "shared_departments": "no",
         "designated_collectors": "yes", "written_policy": "yes"},
    )  # fmt: skip
    assert "There is a problem" in response.text
    client.post(
        f"/fax/directory/{number.pk}/assess/",
        {"answered_by_name": "Jo Reception", "secure_office": "yes", "shared_departments": "no",
         "designated_collectors": "yes", "written_policy": "yes"},
    )  # fmt: skip
    assert SafeHavenAssessment.objects.get().safe_haven is True
    assert "Safe haven" in client.get("/fax/directory/").text


def test_a_bad_upload_gets_a_plain_message(signed_in, officer, child, partner, fax_on):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = signed_in(officer).post(
        f"/fax/new/{child.pk}/",
        {"recipient_name": "Dr Shah", "recipient_organisation": partner.pk, "reason": "r",
         "summary": "s", "lawful_basis": "consent",
         "document": SimpleUploadedFile("x.pdf", b"not a pdf", "application/pdf")},
    )  # fmt: skip
    assert response.status_code == 200
    assert "not a readable PDF" in response.text


def test_a_job_page_redirects_to_its_open_step(signed_in, officer, new_job):
    job = new_job()
    response = signed_in(officer).get(f"/fax/{job.pk}/send/")
    assert response.status_code == 302
    assert response.url.endswith(f"/fax/{job.pk}/number/")


def test_another_schools_officer_gets_404(signed_in, new_job, school_b):
    job = new_job()
    stranger = UserFactory(role="officer", units=[school_b])
    assert signed_in(stranger).get(f"/fax/{job.pk}/").status_code == 404


def test_speed_dial_page_lists_and_adds(signed_in, officer, safe_number, unsafe_number):
    client = signed_in(officer)
    client.post("/fax/speed-dials/", {"fax_number": safe_number.pk, "position": 3})
    client.post("/fax/speed-dials/", {"fax_number": unsafe_number.pk, "position": 4})
    page = client.get("/fax/speed-dials/")
    assert page.status_code == 200
    # One form per untested row: field ids must not repeat on the page.
    ids = re.findall(r'id="(id_[^"]+)"', page.text)
    assert len(ids) == len(set(ids))
    dial = SpeedDial.objects.get(position=3)
    response = client.post(
        f"/fax/speed-dials/{dial.pk}/test/", {f"dial{dial.pk}-recipient_name": ""}
    )
    assert "There is a problem" in response.text
    client.post(f"/fax/speed-dials/{dial.pk}/test/", {f"dial{dial.pk}-recipient_name": "Jo"})
    dial.refresh_from_db()
    assert dial.test_job is not None


def test_incoming_fax_page_for_someone_else_is_404(signed_in, officer, school_a, fax_on):
    other = UserFactory(first_name="Kim", last_name="Other", units=[school_a])
    fax = services.incoming_fax_log(source_name="z.pdf", pdf=blank_pdf(1), addressed_to="Kim Other")
    assert fax.recipient == other
    assert signed_in(officer).get(f"/fax/incoming/{fax.pk}/").status_code == 404
    assert signed_in(other).get(f"/fax/incoming/{fax.pk}/").status_code == 200
