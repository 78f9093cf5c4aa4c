"""A school, a child with consent to a secure health partner, a parent under a court order."""

from __future__ import annotations

import pytest
from aiosmtpd.controller import Controller
from django.test import override_settings

from safehaven.core.email.draft import draft_message
from safehaven.email.gateway import quarantine_dir
from tests.email.gateway_helpers import start_gateway
from tests.factories import (
    ConsentFactory,
    ContactRestrictionFactory,
    EmailDomainFactory,
    OrganisationFactory,
    ProfessionalContactFactory,
    RelatedPersonFactory,
    ServiceUserFactory,
    UserFactory,
)
from tests.gateway.conftest import Sink, free_port


@pytest.fixture
def sender(school_a):
    return UserFactory(
        username="officer.email", email="officer@ashby.sch.uk", role="officer", units=[school_a]
    )


@pytest.fixture
def health(db):
    org = OrganisationFactory(
        name="Charnwood Health Centre", email="office@charnwood-health.nhs.uk"
    )
    EmailDomainFactory(organisation=org, domain="charnwood-health.nhs.uk", security="secure")
    return org


@pytest.fixture
def nurse(health):
    return ProfessionalContactFactory(
        organisation=health, name="Sarah Jones", email="sarah.jones@charnwood-health.nhs.uk"
    )


@pytest.fixture
def child(school_a, health):
    su = ServiceUserFactory(unit=school_a, given_name="Amelia", family_name="Whitworth")
    ConsentFactory(service_user=su, recipient_organisation=health)
    return su


@pytest.fixture
def restricted_father(child):
    father = RelatedPersonFactory(
        service_user=child,
        given_name="Mark",
        relationship="father",
        parental_responsibility=False,
        email="mark.w@gmail.com",
    )
    ContactRestrictionFactory(
        service_user=child, related_person=father, person_name=f"Mark {child.family_name}"
    )
    return father


@pytest.fixture
def draft():
    def make(*, to, body, sender="officer@ashby.sch.uk", subject="Amelia", **kw):
        return draft_message(sender=sender, to=to, subject=subject, body=body, **kw)

    return make


HEALTH_BODY = (
    "Dear Sarah,\n\nAmelia Whitworth has asthma and needs her inhaler at school camp.\n\nThanks\n"
)


@pytest.fixture
def api():
    from rest_framework.test import APIClient

    return APIClient()


@pytest.fixture
def api_as():
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    def make(user):
        token, _ = Token.objects.get_or_create(user=user)
        client = APIClient()
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


# The gateway on this database over real SMTP (tests/email/test_gateway*.py).


@pytest.fixture
def spool(tmp_path):
    with override_settings(SAFEHAVEN_QUARANTINE_DIR=str(tmp_path / "spool")):
        yield quarantine_dir()


@pytest.fixture
def sink_port():
    return free_port()


@pytest.fixture
def sink(sink_port):
    s = Sink()
    c = Controller(s, hostname="127.0.0.1", port=sink_port)
    c.start()
    yield s
    c.stop()


@pytest.fixture
def gateway(spool, sink_port, sender, nurse, child):
    gw = start_gateway(spool, sink_port)
    yield gw
    gw.stop()


@pytest.fixture
def metadata_reads(monkeypatch) -> list[int]:
    """One entry per held message's metadata file the email selectors parse (json.loads)."""
    import json

    from safehaven.email import selectors

    reads: list[int] = []

    class Counting:
        @staticmethod
        def loads(text):
            reads.append(1)
            return json.loads(text)

    monkeypatch.setattr(selectors, "json", Counting)
    return reads
