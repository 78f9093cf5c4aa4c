"""The records-backed Directory: each question answered from records or the register, and the
email rules that depend on it working end to end through `check_message`."""

from __future__ import annotations

import pytest

from safehaven.core.email import check_message
from safehaven.email.directory import DjangoDirectory
from safehaven.email.policy import email_policy
from tests.email.conftest import HEALTH_BODY
from tests.factories import ConsentFactory, ServiceUserFactory, UserFactory, disclosure

pytestmark = pytest.mark.django_db


def _rules(result, severity=None):
    return [
        (f.rule, f.message)
        for f in result.findings
        if severity is None or f.severity.value == severity
    ]


def test_contact_from_professional_contacts(nurse):
    c = DjangoDirectory().contact(address="Sarah.Jones@charnwood-health.nhs.uk")
    assert c is not None
    assert c.name == "Sarah Jones"
    assert c.organisation == nurse.organisation.name
    assert DjangoDirectory().contact(address="nobody@example.org") is None


def test_known_domains_include_records_and_register(nurse, child, sender):
    disclosure(
        service_user=child, disclosed_by=sender, channel="email",
        recipient_email="x@elsewhere.org.uk",
    )  # fmt: skip
    domains = DjangoDirectory().known_domains()
    assert {"charnwood-health.nhs.uk", "elsewhere.org.uk"} <= domains


def test_send_history_from_register(child, sender):
    d = DjangoDirectory()
    assert not d.has_written_to(sender=sender.email, address="a@partner.org.uk")
    disclosure(
        service_user=child, disclosed_by=sender, channel="email",
        recipient_email="a@partner.org.uk",
    )  # fmt: skip
    d = DjangoDirectory()  # one per message: it reads each answer once
    assert d.has_written_to(sender="OFFICER@ashby.sch.uk", address="a@partner.org.uk")
    assert d.has_written_to_domain(sender=sender.email, domain="partner.org.uk")
    assert not d.has_written_to(sender=sender.email, address="b@partner.org.uk")
    assert not d.has_written_to(sender="other@ashby.sch.uk", address="a@partner.org.uk")


def test_service_users_by_name_and_upn_only_visible(child, school_b, sender):
    d = DjangoDirectory(user=sender)
    refs = d.service_users_in(names=["Amelia Whitworth"], identifiers=[])
    assert [r.id for r in refs] == [str(child.pk)]
    assert refs[0].display == "A.W."
    assert d.service_users_in(names=[], identifiers=[child.upn.lower()])[0].id == str(child.pk)
    other = ServiceUserFactory(unit=school_b, given_name="Zed", family_name="Quint")
    assert d.service_users_in(names=["Zed Quint"], identifiers=[]) == []
    assert DjangoDirectory().service_users_in(names=["Zed Quint"], identifiers=[])[0].id == str(
        other.pk
    )


def test_links_from_consent_register_and_parent(child, health, restricted_father, sender):
    d = DjangoDirectory()
    assert str(child.pk) in d.linked_service_users(address="anyone@charnwood-health.nhs.uk")
    assert str(child.pk) in d.linked_service_users(address="mark.w@gmail.com")
    assert str(child.pk) not in d.linked_service_users(address="x@county.gov.uk")
    disclosure(
        service_user=child, disclosed_by=sender, channel="email",
        recipient_email="sw@county.gov.uk",
    )  # fmt: skip
    assert str(child.pk) in d.linked_service_users(address="x@county.gov.uk")


def test_restrictions_only_when_child_named(child, restricted_father):
    d = DjangoDirectory()
    found = d.restrictions(address="mark.w@gmail.com", service_user_ids=[str(child.pk)])
    assert [r.service_user_id for r in found] == [str(child.pk)]
    assert "court order" in found[0].reason
    assert d.restrictions(address="mark.w@gmail.com", service_user_ids=[]) == []


def test_generic_consent_needs_consent_naming_the_mailbox(child, health):
    d = DjangoDirectory()
    mailbox = "office@charnwood-health.nhs.uk"
    assert d.generic_consent(address=mailbox, service_user_ids=[str(child.pk)])
    other = ServiceUserFactory(unit=child.unit)
    assert not d.generic_consent(address=mailbox, service_user_ids=[str(child.pk), str(other.pk)])
    assert not d.generic_consent(address="info@county.gov.uk", service_user_ids=[str(child.pk)])
    assert not d.generic_consent(address=mailbox, service_user_ids=[])


@pytest.mark.rule("EMAIL-4")
def test_first_time_recipient_from_register_history(child, nurse, sender, draft):
    policy, d = email_policy(), DjangoDirectory(user=sender)
    msg = draft(to=[nurse.email], body=HEALTH_BODY)
    first = check_message(msg, policy=policy, directory=d)
    assert any("first time you have written" in m for _, m in _rules(first))
    disclosure(
        service_user=child, disclosed_by=sender, channel="email", recipient_email=nurse.email
    )
    again = check_message(
        draft(to=[nurse.email], body=HEALTH_BODY), policy=policy, directory=DjangoDirectory()
    )
    assert not any("first time" in m for _, m in _rules(again))


@pytest.mark.rule("EMAIL-4")
def test_contact_restriction_from_records_blocks(child, restricted_father, sender, draft):
    msg = draft(to=["mark.w@gmail.com"], body="Dear Mark,\n\nAmelia Whitworth did well today.\n")
    result = check_message(msg, policy=email_policy(), directory=DjangoDirectory(user=sender))
    assert result.verdict == "block"
    assert any(r == "EMAIL-4" and "contact restriction" in m for r, m in _rules(result, "block"))


@pytest.mark.rule("EMAIL-4")
def test_generic_mailbox_consent_from_records(child, health, sender, draft):
    body = "Dear colleagues,\n\nAmelia Whitworth will attend the clinic on Monday.\n"
    mailbox = "office@charnwood-health.nhs.uk"
    with_consent = check_message(
        draft(to=[mailbox], body=body), policy=email_policy(), directory=DjangoDirectory()
    )
    assert not [m for r, m in _rules(with_consent, "hold") if "generic mailbox" in m]
    other = ServiceUserFactory(unit=child.unit, given_name="Oscar", family_name="Pembleton")
    body2 = "Dear colleagues,\n\nOscar Pembleton will attend the clinic on Monday.\n"
    without = check_message(
        draft(to=[mailbox], body=body2), policy=email_policy(), directory=DjangoDirectory()
    )
    assert any("generic mailbox" in m for r, m in _rules(without, "hold") if r == "EMAIL-4")
    ConsentFactory(service_user=other, recipient_organisation=health)
    after = check_message(
        draft(to=[mailbox], body=body2), policy=email_policy(), directory=DjangoDirectory()
    )
    assert not [m for r, m in _rules(after, "hold") if "generic mailbox" in m]


@pytest.mark.rule("EMAIL-4")
def test_unlinked_service_user_from_records(child, sender, draft):
    UserFactory(username="x")
    msg = draft(to=["someone@county.gov.uk"], body="Hello,\n\nAmelia Whitworth moved class.\n")
    result = check_message(msg, policy=email_policy(), directory=DjangoDirectory(user=sender))
    assert any("has no link on record to A.W." in m for _, m in _rules(result))


@pytest.mark.rule("EMAIL-1")
def test_secure_domain_from_records_counts_as_secure(child, nurse, sender, draft):
    result = check_message(
        draft(to=[nurse.email], body=HEALTH_BODY),
        policy=email_policy(),
        directory=DjangoDirectory(user=sender),
    )
    assert "EMAIL-1" not in result.rules()
    insecure = check_message(
        draft(to=["sarah@yahoo.co.uk"], body=HEALTH_BODY),
        policy=email_policy(),
        directory=DjangoDirectory(user=sender),
    )
    assert insecure.verdict == "hold"
    assert "EMAIL-1" in insecure.rules()


@pytest.mark.rule("EMAIL-4")
def test_lookalike_of_records_domain_blocked(child, nurse, sender, draft):
    msg = draft(to=["sarah.jones@charnwood-heaith.nhs.uk"], body=HEALTH_BODY)
    result = check_message(msg, policy=email_policy(), directory=DjangoDirectory(user=sender))
    assert result.verdict == "block"


@pytest.mark.rule("EMAIL-4")
def test_webmail_link_is_per_address_not_per_domain(child, sender):
    disclosure(
        service_user=child, disclosed_by=sender, channel="email",
        recipient_email="mum.whitworth@gmail.com",
    )  # fmt: skip
    d = DjangoDirectory()
    assert str(child.pk) in d.linked_service_users(address="mum.whitworth@gmail.com")
    assert str(child.pk) not in d.linked_service_users(address="stranger@gmail.com")
