"""Automatic near-miss capture from fax: a number that did not match, a number that is not a
safe haven, fewer pages transmitted than sent, an incoming fax whose pages do not match its
cover sheet, a stopped fax. Each near miss records the policy version in force."""

from __future__ import annotations

import pytest

from safehaven.fax import services as fax
from safehaven.oversight.models import NearMiss, PolicyVersion
from tests.factories import FaxNumberFactory
from tests.fax.conftest import confirm

pytestmark = pytest.mark.django_db


def _only(kind: str) -> NearMiss:
    rows = list(NearMiss.objects.filter(kind=kind))
    assert len(rows) == 1, rows
    return rows[0]


@pytest.mark.rule("FAX-5")
def test_keyed_numbers_that_differ_are_a_near_miss_once_per_job(new_job, officer, child):
    job = new_job()
    for _ in range(2):  # the officer tries twice: one near miss for the job
        with pytest.raises(fax.FaxError, match="do not match"):
            fax.fax_job_number(job=job, officer=officer, number="0116 496 0999",
                               number_again="0116 496 0998")  # fmt: skip
    miss = _only("fax_number_mismatch")
    assert (miss.channel, miss.rule) == ("fax", "FAX-5")
    assert miss.service_user == child
    assert miss.unit == child.unit
    assert miss.correlation_id == job.correlation_id
    assert child.family_name not in miss.summary
    assert "0116" not in miss.summary
    # Fax was switched on by the DPO on the fax page: that made policy version 1.
    assert miss.policy_version == PolicyVersion.objects.get().number == 1


@pytest.mark.rule("FAX-5")
def test_a_missing_second_entry_is_not_a_near_miss(new_job, officer):
    with pytest.raises(fax.FaxError, match="second time"):
        fax.fax_job_number(job=new_job(), officer=officer, number="0116 496 0999")
    assert not NearMiss.objects.exists()


@pytest.mark.rule("FAX-4")
def test_a_number_that_is_not_a_safe_haven_without_a_warning_call_is_a_near_miss(
    new_job, officer, unsafe_number
):
    job = fax.fax_job_number(job=new_job(), officer=officer, fax_number=unsafe_number)
    with pytest.raises(fax.FaxError, match="not a safe haven"):
        fax.fax_job_safe_haven(job=job, officer=officer, receipt_requested_from="Dr Shah")
    miss = _only("fax_not_safe_haven")
    assert miss.rule == "FAX-4"
    assert miss.source_reference == f"fax:{job.reference}"


@pytest.mark.rule("FAX-8")
def test_a_number_typed_back_wrongly_before_sending_is_a_near_miss(ready_job, officer):
    with pytest.raises(fax.FaxError, match="does not match"):
        fax.fax_job_send(job=ready_job, officer=officer, number_checked="01164960998")
    assert _only("fax_number_mismatch").rule == "FAX-8"


@pytest.mark.rule("FAX-11")
def test_fewer_pages_transmitted_than_sent_is_a_page_mismatch(ready_job, officer, fax_dirs):
    job = fax.fax_job_send(job=ready_job, officer=officer, number_checked="01164960999")
    confirm(fax_dirs, job.attempts.get().driver_reference, ok=True, pages=2)
    fax.fax_poll()
    miss = _only("fax_page_mismatch")
    assert (miss.rule, miss.summary) == ("FAX-11", "Fax transmitted 2 of 3 pages (FAX-11)")
    assert miss.source_reference == f"fax:{job.reference}:attempt-1"


@pytest.mark.rule("FAX-11")
def test_a_stopped_fax_is_a_near_miss(new_job, officer):
    fax.fax_job_stop(job=new_job(), user=officer, reason="Sent by secure email instead")
    miss = _only("fax_stopped")
    assert miss.rule == "FAX-11"
    assert "secure email" not in miss.summary  # the officer's words are not copied


@pytest.mark.rule("FAX-14")
def test_an_incoming_fax_with_a_missing_page_is_a_page_mismatch(fax_on, fax_dirs):
    from tests.fax.test_services import _cover_and_pages

    incoming = fax.incoming_fax_log(source_name="b.pdf", pdf=_cover_and_pages(4, 3, "X Y"))
    miss = _only("fax_page_mismatch")
    assert (miss.rule, miss.source_reference) == ("FAX-14", f"fax-in:{incoming.pk}")
    complete = fax.incoming_fax_log(source_name="c.pdf", pdf=_cover_and_pages(2, 2, "X Y"))
    assert not complete.alert
    assert NearMiss.objects.count() == 1


@pytest.mark.rule("FAX-5")
def test_a_number_from_another_organisation_is_a_near_miss(new_job, officer):
    with pytest.raises(fax.FaxError, match="belongs to"):
        fax.fax_job_number(job=new_job(), officer=officer, fax_number=FaxNumberFactory())
    assert _only("fax_number_mismatch").rule == "FAX-5"
