"""A school, a child with consent to a secure health partner, a parent under a court order."""

from __future__ import annotations

import pytest

from safehaven.core.email.draft import draft_message
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
