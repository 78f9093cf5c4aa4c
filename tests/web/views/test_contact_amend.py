"""Amending a professional contact in the directory with a reason and a history (LET-4)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from safehaven.records.models import ChangeRecord, ProfessionalContact
from tests.factories import ProfessionalContactFactory

pytestmark = pytest.mark.django_db


DIRECT_LINE = "+441162254000"


def _post(client, contact, **overrides):
    data = {
        "organisation": contact.organisation_id,
        "name": contact.name,
        "job_title": contact.job_title,
        "department": contact.department,
        "email": contact.email,
        "direct_phone": contact.direct_phone,
        "reason": "She moved to the MASH team",
    }
    data.update(overrides)
    return client.post(reverse("contact-edit", args=[contact.pk]), data)


@pytest.mark.rule("LET-4")
def test_a_change_to_a_contact_is_kept_with_who_and_why(client, dpo):
    contact = ProfessionalContactFactory(
        name="Wendolyn Marchetti", job_title="Health visitor", direct_phone=DIRECT_LINE
    )
    client.force_login(dpo)
    response = _post(client, contact, job_title="MASH health lead")
    assert response.status_code == 302
    assert response["Location"] == reverse("contact-changes", args=[contact.pk])
    [change] = ChangeRecord.objects.filter(
        record_type=ChangeRecord.RecordType.PROFESSIONAL_CONTACT, record_id=contact.pk
    )
    assert (change.field, change.old_value, change.new_value) == (
        "job_title",
        "Health visitor",
        "MASH health lead",
    )
    assert change.reason == "She moved to the MASH team"
    assert change.changed_by == dpo
    html = client.get(reverse("contact-changes", args=[contact.pk])).content.decode()
    assert "MASH health lead" in html
    assert "She moved to the MASH team" in html


@pytest.mark.rule("LET-4")
def test_a_contact_change_without_a_reason_is_refused_and_nothing_is_saved(client, dpo):
    contact = ProfessionalContactFactory(name="Wendolyn Marchetti", direct_phone=DIRECT_LINE)
    client.force_login(dpo)
    response = _post(client, contact, name="Wendolyn Marchetti-Oduya", reason="")
    assert response.status_code == 200
    assert "Enter why you are making this change" in response.content.decode()
    assert ProfessionalContact.objects.get(pk=contact.pk).name == "Wendolyn Marchetti"
    assert not ChangeRecord.objects.filter(record_id=contact.pk).exists()


def test_saving_an_unchanged_contact_says_so_and_writes_no_history(client, administrator):
    contact = ProfessionalContactFactory(name="Wendolyn Marchetti", direct_phone=DIRECT_LINE)
    client.force_login(administrator)
    # The direct line typed as people write it is the same number: nothing changed.
    response = _post(client, contact, direct_phone="0116 225 4000")
    assert response.status_code == 200
    assert "You have not changed anything" in response.content.decode()
    assert not ChangeRecord.objects.filter(record_id=contact.pk).exists()


def test_a_bad_direct_line_is_explained_and_not_saved(client, dpo):
    contact = ProfessionalContactFactory(name="Wendolyn Marchetti", direct_phone="")
    client.force_login(dpo)
    response = _post(client, contact, direct_phone="not a number")
    assert response.status_code == 200
    assert "error-summary" in response.content.decode()
    assert ProfessionalContact.objects.get(pk=contact.pk).direct_phone == ""


def test_officers_cannot_see_or_change_a_contacts_history(client, officer):
    contact = ProfessionalContactFactory()
    client.force_login(officer)
    assert client.get(reverse("contact-changes", args=[contact.pk])).status_code == 403
    assert _post(client, contact, name="Someone Else").status_code == 403
