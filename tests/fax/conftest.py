"""Fax switched on, a partner with a safe-haven number and one that is not, a child, and the
outbox driver writing to this test's own folders."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfWriter

from safehaven.fax import services
from tests.factories import (
    ConsentFactory,
    FaxNumberFactory,
    OrganisationFactory,
    ServiceUserFactory,
)


def blank_pdf(pages: int) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(595, 842)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def fax_dirs(tmp_path, settings) -> dict[str, Path]:
    dirs = {name: tmp_path / name for name in ("outbox", "confirmations", "inbox")}
    settings.SAFEHAVEN_FAX = {
        "DRIVER": "outbox",
        "OUTBOX_DIR": str(dirs["outbox"]),
        "CONFIRMATIONS_DIR": str(dirs["confirmations"]),
        "INBOX_DIR": str(dirs["inbox"]),
    }
    return dirs


@pytest.fixture
def fax_on(dpo, fax_dirs):
    return services.fax_policy_set(
        user=dpo, enabled=True, reason="The health centre can only receive faxes.",
        sender_organisation="Ashby Hill Primary School", sender_phone="0116 496 0001",
    )  # fmt: skip


@pytest.fixture
def partner(db):
    return OrganisationFactory(name="Charnwood Health Centre")


@pytest.fixture
def safe_number(partner, fax_on, officer):
    number = FaxNumberFactory(organisation=partner, number="+441164960999", department="Records")
    services.safe_haven_assess(
        fax_number=number, recorded_by=officer, answered_by_name="Jo Reception",
        secure_office=True, shared_departments=False, designated_collectors=True,
        written_policy=True,
    )  # fmt: skip
    return number


@pytest.fixture
def unsafe_number(partner, fax_on, officer):
    number = FaxNumberFactory(organisation=partner, number="+441164960888", department="Open plan")
    services.safe_haven_assess(
        fax_number=number, recorded_by=officer, answered_by_name="Jo Reception",
        secure_office=False, shared_departments=True, designated_collectors=False,
        written_policy=True,
    )  # fmt: skip
    return number


@pytest.fixture
def child(school_a, partner):
    person = ServiceUserFactory(unit=school_a, given_name="Amelia", family_name="Whitworth")
    ConsentFactory(service_user=person, recipient_organisation=partner, purpose="health")
    return person


@pytest.fixture
def new_job(officer, child, partner, fax_on):
    def make(**overrides):
        params = {
            "officer": officer,
            "service_user": child,
            "recipient_name": "Dr Priya Shah",
            "recipient_organisation": partner,
            "reason": "Health assessment requested by the school nurse",
            "summary": "Attendance and medical needs summary",
            "document": blank_pdf(2),
            "lawful_basis": "consent",
            **overrides,
        }
        return services.fax_job_create(**params)

    return make


@pytest.fixture
def ready_job(new_job, officer, safe_number):
    job = new_job()
    job = services.fax_job_number(job=job, officer=officer, fax_number=safe_number)
    return services.fax_job_safe_haven(
        job=job, officer=officer, receipt_requested_from="Dr Priya Shah"
    )


def confirm(dirs: dict[str, Path], reference: str, *, ok: bool = True, pages=None) -> None:
    dirs["confirmations"].mkdir(parents=True, exist_ok=True)
    body = {"reference": reference, "status": "ok" if ok else "failed"}
    if pages is not None:
        body["pages"] = pages
    (dirs["confirmations"] / f"{reference}.json").write_text(json.dumps(body))
