"""Two schools with one object of every kind a URL can name, built through the services.

`world` holds, for school A and school B, a child (with address, mother, consent), the child's
telephone request, fax, incoming fax, letter (with an answered address query, printed), incoming
post item, held email, breach report and subject access request, each made by that school's
officer; and the county-wide things every school shares (a partner organisation with switchboard,
fax number and contact, a speed dial, a policy version, a webhook with a delivery, a staff
account). tests/security/test_every_url.py reads it by *kind*.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from email.message import EmailMessage

import pytest
from django.utils import timezone

from tests.factories import (
    AddressFactory,
    ConsentFactory,
    FaxNumberFactory,
    OrganisationFactory,
    ProfessionalContactFactory,
    RelatedPersonFactory,
    ServiceUserFactory,
    SwitchboardFactory,
    UnitFactory,
    UserFactory,
)
from tests.fax.conftest import blank_pdf

# Names no template, fixture or other record contains: finding one in a response body means
# that child's record leaked.
CHILD_NAMES = {
    "a": ("Zephyrine", "Quillfeather", dt.date(2014, 3, 7)),
    "b": ("Ottoline", "Brackenbury", dt.date(2013, 6, 21)),
}


@dataclass
class School:
    key: str
    unit: object
    officer: object
    authoriser: object
    child: object
    objects: dict[str, object] = field(default_factory=dict)
    # More objects of a kind, in states the access helpers treat differently (an unidentified
    # call is the call taker's only; unrouted post is the logger's and the unit's managers').
    variants: dict[str, list] = field(default_factory=dict)

    @property
    def names(self) -> tuple[str, str]:
        return (self.child.given_name, self.child.family_name)


@dataclass
class World:
    a: School
    b: School
    dpo: object
    administrator: object
    shared: dict[str, object]


def _held_mail(quarantine, *, sender: str, child, linked: bool = True) -> str:
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = "someone@gmail.com"
    msg["Subject"] = f"About {child.given_name}"
    msg.set_content(f"{child.given_name} {child.family_name} has asthma.")
    meta = {
        "correlation_id": "c0ffee00-0000-4000-8000-000000000001",
        "sender": sender,
        "recipients": ["someone@gmail.com"],
        "external_recipients": ["someone@gmail.com"],
        "verdict": "hold",
        "rules": ["EMAIL-1"],
        "findings": [{"rule": "EMAIL-1", "severity": "hold", "message": "Held by EMAIL-1."}],
        "policy_version": "v1",
        "classification": "sensitive",
        "special_categories": ["health"],
        "service_user_ids": [str(child.pk)] if linked else [],
        "message_id": f"<m{child.pk}{linked}@example.sch.uk>",
    }
    qid = quarantine.store(bytes(msg), meta)
    quarantine.update(qid, held_at=timezone.now().isoformat())
    return qid


def _school(key: str, *, partner, safe_number, dpo, quarantine) -> School:
    from safehaven.correspondence import post_services
    from safehaven.correspondence import services as letters
    from safehaven.correspondence.models import AddressQuery
    from safehaven.fax import services as fax
    from safehaven.fax.models import IncomingFax
    from safehaven.oversight import sar
    from safehaven.oversight import services as oversight
    from safehaven.telephone import services as telephone

    given, family, born = CHILD_NAMES[key]
    domain = f"school-{key}.sch.uk"
    unit = UnitFactory(name=f"Isolation Test School {key.upper()}")
    officer = UserFactory(
        username=f"officer.{key}", email=f"officer@{domain}", role="officer", units=[unit]
    )
    authoriser = UserFactory(
        username=f"manager.{key}", email=f"manager@{domain}", role="authoriser",
        manager_title="team", units=[unit],
    )  # fmt: skip
    child = ServiceUserFactory(
        unit=unit, given_name=given, family_name=family, date_of_birth=born,
        allocated_worker=officer,
    )  # fmt: skip
    address = AddressFactory(
        service_user=child, line_1="14 Mill Lane", town="Loughborough", postcode="LE11 1AA",
        valid_from=dt.date(2021, 5, 1), recorded_at=dt.datetime(2021, 5, 1, tzinfo=dt.UTC),
    )  # fmt: skip
    mother = RelatedPersonFactory(
        service_user=child, title="Mrs", given_name="Sarah", family_name=family,
        lives_with_service_user=True,
    )  # fmt: skip
    ConsentFactory(service_user=child, recipient_organisation=partner, purpose="health")

    tel = telephone.telephone_request_log(
        officer=officer, caller_name="Dr Priya Shah", caller_number="07911 123456",
        caller_job_title="School Nurse", organisation=partner,
        reason="Health assessment for the school nursing team", purpose="health",
        given_name=given, family_name=family, date_of_birth=born,
    )  # fmt: skip
    tel = telephone.telephone_request_identify(request=tel, officer=officer, service_user=child)

    job = fax.fax_job_create(
        officer=officer, service_user=child, recipient_name="Dr Priya Shah",
        recipient_organisation=partner, reason="Health assessment requested by the nurse",
        summary="Attendance and medical needs summary", document=blank_pdf(1),
        lawful_basis="consent",
    )  # fmt: skip
    job = fax.fax_job_number(job=job, officer=officer, fax_number=safe_number)
    job = fax.fax_job_safe_haven(job=job, officer=officer, receipt_requested_from="Dr Priya Shah")
    job = fax.fax_job_send(job=job, officer=officer, number_checked=safe_number.number)
    incoming = IncomingFax.objects.create(
        source_name=f"isolation-{key}.pdf", received_at=timezone.now(), recipient=officer,
        addressed_to=str(officer), pages_received=1, pages_declared=1, reconciliation="match",
        reconciliation_message="All pages arrived.", pdf=blank_pdf(1),
    )  # fmt: skip

    letter = letters.letter_prepare(
        user=officer, service_user=child, recipient=mother, subject="Reading support",
        template_text="I am writing about $child_given_name's reading support this term.",
    )  # fmt: skip
    # An answered address query (LET-2), as a held letter leaves it once released.
    query = AddressQuery.objects.create(
        letter=letter, professional_name="Ms Social Worker", raised_by=officer,
        question="Is this still the family's address?", answer="Yes", outcome="release",
        answered_by=officer, answered_at=timezone.now(),
    )  # fmt: skip
    letter = letters.letter_print(letter=letter, user=officer)

    item = post_services.post_log(
        user=officer, unit=unit, sender_name="County Hall", subject="Reading report",
        upn=child.upn, child_name=f"{given} {family}", date_of_birth=born,
    )  # fmt: skip
    if item.service_user_id is None:
        item = post_services.post_route(
            item=item, user=authoriser, service_user=child, worker=officer, reason="Named"
        )

    breach = oversight.breach_report(
        user=officer, category="email_wrong_recipient",
        description=f"A report about {given} went to the wrong parent.",
    )  # fmt: skip
    request = sar.sar_create(
        user=dpo, received_on=timezone.localdate(), requester_name="Sarah Parent",
        service_user=child,
    )  # fmt: skip

    # The same kinds in their other states, naming the child without being linked to them.
    unidentified = telephone.telephone_request_log(
        officer=officer, caller_name="Dr Priya Shah", caller_number="07911 123456",
        organisation=partner, reason="Health assessment", purpose="health",
        given_name=given, family_name=family, date_of_birth=born,
    )  # fmt: skip
    unrouted = post_services.post_log(
        user=officer, unit=unit, sender_name="County Hall", child_name=f"{given} {family}",
        subject="Confidential: child protection conference", marked_confidential=True,
    )  # fmt: skip
    assert unrouted.service_user_id is None
    assert unrouted.state == "triage"
    unnamed = _held_mail(quarantine, sender=officer.email, child=child, linked=False)

    school = School(key, unit, officer, authoriser, child)
    school.objects = {
        "child": child.pk,
        "address": address.pk,
        "related_person": mother.pk,
        "telephone_request": tel.pk,
        "fax_job": job.pk,
        "incoming_fax": incoming.pk,
        "letter": letter.pk,
        "address_query": query.pk,
        "post_item": item.pk,
        "held_mail": _held_mail(quarantine, sender=officer.email, child=child),
        "breach": breach.pk,
        "subject_access_request": request.pk,
    }
    school.variants = {
        "telephone_request": [unidentified.pk],
        "post_item": [unrouted.pk],
        "held_mail": [unnamed],
    }
    return school


@pytest.fixture
def world(db, settings, tmp_path) -> World:
    from safehaven.fax import services as fax
    from safehaven.gateway.spool import Quarantine
    from safehaven.oversight import policy
    from safehaven.records import services as records
    from safehaven.records import webhooks

    settings.SAFEHAVEN_QUARANTINE_DIR = str(tmp_path / "spool")
    settings.SAFEHAVEN_FAX = {
        "DRIVER": "outbox",
        "OUTBOX_DIR": str(tmp_path / "outbox"),
        "CONFIRMATIONS_DIR": str(tmp_path / "confirmations"),
        "INBOX_DIR": str(tmp_path / "inbox"),
    }
    # The relay is never reached: every release in these tests is refused or lacks a reason.
    settings.SAFEHAVEN_EMAIL_RELAY = "127.0.0.1:9"
    quarantine = Quarantine(tmp_path / "spool")

    dpo = UserFactory(username="isolation.dpo", email="dpo@county.gov.uk", role="dpo")
    administrator = UserFactory(
        username="isolation.admin", email="admin@county.gov.uk", role="administrator"
    )
    fax.fax_policy_set(
        user=dpo, enabled=True, reason="The health centre can only receive faxes.",
        sender_organisation="County Council", sender_phone="0116 496 0001",
    )  # fmt: skip
    partner = OrganisationFactory(name="Isolation Test Health Centre")
    switchboard = SwitchboardFactory(organisation=partner, number="+441164960100", verified_by=dpo)
    safe_number = FaxNumberFactory(organisation=partner, number="+441164960999")
    fax.safe_haven_assess(
        fax_number=safe_number, recorded_by=dpo, answered_by_name="Jo Reception",
        secure_office=True, shared_departments=False, designated_collectors=True,
        written_policy=True,
    )  # fmt: skip
    speed_dial = fax.speed_dial_create(fax_number=safe_number, position=1, user=dpo)
    contact = ProfessionalContactFactory(organisation=partner, name="Sarah Jones")
    version = policy.policy_save(
        user=dpo, data={"validity": {"consent_months": 6}}, reason="Shorter consent"
    )
    subscription = webhooks.subscription_create(
        name="School MIS", url="https://mis.example.org/hook",
        record_types=["service_user", "related_person"], user=administrator,
    )  # fmt: skip

    a = _school("a", partner=partner, safe_number=safe_number, dpo=dpo, quarantine=quarantine)
    b = _school("b", partner=partner, safe_number=safe_number, dpo=dpo, quarantine=quarantine)
    # A change to a parent's phone number queues a delivery to the webhook.
    mother_b = b.child.related_people.get()
    records.related_person_amend(
        person=mother_b, user=b.officer, reason="The parent phoned", given_name="Sally"
    )
    delivery = subscription.deliveries.order_by("pk").first()
    assert delivery is not None, "the amendment should have queued a webhook delivery"

    shared = {
        "organisation": partner.pk,
        "switchboard": switchboard.pk,
        "fax_number": safe_number.pk,
        "speed_dial": speed_dial.pk,
        "contact": contact.pk,
        "policy_version": version.number,
        "webhook": subscription.pk,
        "webhook_delivery": delivery.pk,
        "staff_member": a.officer.pk,
    }
    return World(a=a, b=b, dpo=dpo, administrator=administrator, shared=shared)


@pytest.fixture(autouse=True)
def _quiet_refusals(caplog):
    """Thousands of refusals are expected here: django.request's warning (and traceback) for
    each would only slow the run and bury a real failure's output."""
    caplog.set_level(logging.ERROR, logger="django.request")
