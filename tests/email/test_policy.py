"""The Django policy loader: core defaults plus what the records say about domains."""

from __future__ import annotations

import pytest
from django.test import override_settings

from safehaven.email.policy import email_policy
from tests.factories import EmailDomainFactory, OrganisationFactory, UnitFactory

pytestmark = pytest.mark.django_db


@pytest.mark.rule("EMAIL-1")
def test_secure_record_domains_become_local_trusted_domains():
    org = OrganisationFactory(name="County Council")
    EmailDomainFactory(organisation=org, domain="County.gov.uk", security="secure")
    EmailDomainFactory(organisation=org, domain="old-county.org.uk", security="not_secure")
    policy = email_policy()
    sec = policy.domain_security("team.county.gov.uk")
    assert sec is not None
    assert sec.source == "local"
    assert "County Council" in sec.note
    assert policy.domain_security("old-county.org.uk") is None
    assert {"county.gov.uk", "old-county.org.uk"} <= policy.partner_domains
    # Core defaults are still there.
    assert policy.domain_security("nhs.net") is not None
    assert policy.sev("lookalike_domain").value == "block"


def test_version_changes_with_records():
    before = email_policy().version
    assert before.startswith("defaults-1+records-")
    EmailDomainFactory(domain="new.gov.uk", security="secure")
    assert email_policy().version != before


def test_internal_domains_from_units_and_settings():
    UnitFactory(name="Ashby", email="office@ashby.sch.uk")
    with override_settings(SAFEHAVEN_EMAIL_INTERNAL_DOMAINS=["County.Sch.UK"]):
        policy = email_policy()
    assert policy.is_internal("ashby.sch.uk")
    assert policy.is_internal("a.county.sch.uk")
