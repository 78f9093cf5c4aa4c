"""The DPO's policy settings: who may change them, versions (immutable, diff, pointer, roll
back), validation in plain English, and every check that reads them."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from safehaven.core.detect import analyse
from safehaven.core.detect.lexicons import clear_caches
from safehaven.core.email import load_policy
from safehaven.core.letters.delivery import recommend_delivery
from safehaven.email.policy import email_policy
from safehaven.email.services import email_check_draft
from safehaven.fax.models import FaxPolicy
from safehaven.oversight import policy
from safehaven.oversight.models import NearMiss, PolicyCurrent, PolicyVersion
from safehaven.oversight.services import NotAllowed, OversightError, near_miss_record

pytestmark = pytest.mark.django_db


def doc(**changes) -> dict:
    """The settings in force with `changes` ({"email.lookalike_max_distance": 3, ...})."""
    data = copy.deepcopy(policy.policy_in_force().data)
    for key, value in changes.items():
        *path, last = key.split(".")
        target = data
        for part in path:
            target = target[part]
        target[last] = value
    return data


def save(user, reason="Annual review", **changes):
    return policy.policy_save(user=user, data=doc(**changes), reason=reason)


# Who may change it.


def test_only_the_dpo_or_an_administrator_may_change_the_policy(officer, authoriser, dpo,
                                                                 administrator):  # fmt: skip
    for user in (officer, authoriser):
        with pytest.raises(NotAllowed):
            save(user, **{"validity.consent_months": 6})
    assert not PolicyVersion.objects.exists()
    assert save(dpo, **{"validity.consent_months": 6}).number == 1
    assert save(administrator, **{"validity.consent_months": 9}).number == 2


# Versions.


def test_each_save_is_a_new_version_with_who_when_why_and_the_diff(dpo):
    assert policy.policy_in_force().number is None
    v1 = save(dpo, reason="New trust domain", **{"email.lookalike_max_distance": 3})
    assert (v1.number, v1.created_by, v1.reason) == (1, dpo, "New trust domain")
    assert v1.diff == [{"key": "email.lookalike_max_distance", "old": 2, "new": 3}]
    v2 = save(dpo, **{"validity.consent_months": 6})
    assert [d["key"] for d in v2.diff] == ["validity.consent_months"]
    assert PolicyCurrent.objects.get().version == v2
    assert policy.policy_in_force().data["email"]["lookalike_max_distance"] == 3


def test_a_version_cannot_be_changed_or_deleted(dpo):
    v1 = save(dpo, **{"validity.consent_months": 6})
    v1.reason = "rewritten"
    with pytest.raises(ValueError, match="cannot be changed"):
        v1.save()
    with pytest.raises(ValueError, match="cannot be deleted"):
        v1.delete()


def test_saving_the_same_settings_again_is_refused(dpo):
    save(dpo, **{"validity.consent_months": 6})
    with pytest.raises(OversightError, match="Nothing has changed"):
        save(dpo, **{"validity.consent_months": 6})


def test_a_reason_is_required(dpo):
    with pytest.raises(OversightError, match="Say why") as err:
        save(dpo, reason="  ", **{"validity.consent_months": 6})
    assert err.value.field == "reason"


def test_rolling_back_writes_a_new_version_with_the_old_settings(dpo):
    v1 = save(dpo, **{"validity.consent_months": 6})
    save(dpo, **{"validity.consent_months": 18, "channels.fax": True})
    v3 = policy.policy_rollback(user=dpo, number=1, reason="The change was a mistake")
    assert (v3.number, v3.restored_from) == (3, 1)
    assert v3.reason == "Roll back to version 1: The change was a mistake"
    assert v3.data == v1.data
    assert {d["key"] for d in v3.diff} == {"validity.consent_months", "channels.fax"}
    assert policy.policy_in_force().number == 3
    assert PolicyVersion.objects.count() == 3  # nothing was rewritten


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"email.secure_domains": [{"domain": "not a domain", "source": "local"}]},
         "email__secure_domains", "is not a domain"),
        ({"email.secure_domains": [{"domain": "trust.nhs.uk", "source": "rumour"}]},
         "email__secure_domains", "is not one of"),
        ({"email.generic_mailboxes": ["office@x"]}, "email__generic_mailboxes",
         "not a mailbox name"),
        ({"email.lookalike_max_distance": 9}, "email__lookalike_max_distance", "between 0 and 4"),
        ({"validity.consent_months": 0}, "validity__consent_months", "between 1 and 60"),
        ({"validity.safe_haven_assessment_days": 5000},
         "validity__safe_haven_assessment_days", "between 30 and 730"),
        ({"post.by_classification.sensitive": "second_class"},
         "post__by_classification__sensitive", "at least as securely"),
        ({"lexicons.health": ["<script>"]}, "lexicons__health", "cannot be used as a term"),
        ({"email.severity.lookalike_domain": "shout"}, "email__severity__lookalike_domain",
         "Choose info, warn, hold or block"),
    ],
)  # fmt: skip
def test_bad_settings_are_refused_with_a_plain_message_on_their_field(dpo, changes, field,
                                                                      message):  # fmt: skip
    with pytest.raises(OversightError) as err:
        save(dpo, **changes)
    assert err.value.field == field
    assert message in err.value.message
    assert not PolicyVersion.objects.exists()


# The checks read it.


def test_findings_record_the_policy_version_they_were_made_under(dpo, service_user):
    before = near_miss_record(channel="email", kind="email_held", summary="Held")
    save(dpo, **{"validity.consent_months": 6})
    after = near_miss_record(channel="email", kind="email_held", summary="Held")
    assert (before.policy_version, after.policy_version) == (None, 1)
    assert NearMiss.objects.filter(policy_version=1).count() == 1


@pytest.mark.rule("EMAIL-1")
def test_the_email_checks_use_the_dpos_secure_domains_and_record_the_version(dpo, officer):
    assert email_policy().domain_security("partner-trust.org.uk") is None
    assert email_policy().domain_security("nhs.net") is not None
    save(dpo, **{"email.secure_domains": [
        {"domain": "partner-trust.org.uk", "source": "local", "note": "Agreed 2026"}]})  # fmt: skip
    current = email_policy()
    assert current.version.startswith("dpo-1+records-")
    assert current.domain_security("partner-trust.org.uk").note == "Agreed 2026"
    assert current.domain_security("nhs.net") is None  # removed from the list: not secure
    result = email_check_draft(user=officer, sender="me@school.example", to=["x@nhs.net"],
                               subject="Hello", body="See you at the meeting.")  # fmt: skip
    assert result.policy_version.startswith("dpo-1+")


@pytest.mark.rule("EMAIL-4")
def test_the_email_checks_use_the_dpos_severities_and_generic_mailboxes(dpo, officer):
    save(dpo, **{"email.generic_mailboxes": ["frontdesk"],
                 "email.severity.generic_without_consent": "block"})  # fmt: skip
    current = email_policy()
    assert "frontdesk" in current.generic_mailboxes
    assert current.sev("generic_without_consent").value == "block"
    assert current.lookalike_max_distance == 2


def test_the_gateway_and_check_email_read_the_exported_policy_file(dpo, tmp_path):
    save(dpo, **{"email.secure_domains": [{"domain": "cjsm.net", "source": "local"}],
                 "email.severity.lookalike_domain": "hold"})  # fmt: skip
    out = tmp_path / "policy.json"
    call_command("policy", "export-email", "-o", str(out))
    loaded = load_policy(out)
    assert loaded.version == "dpo-1"
    assert loaded.domain_security("cjsm.net") is not None
    assert loaded.sev("lookalike_domain").value == "hold"
    assert json.loads(out.read_text())["severity"]["lookalike_domain"] == "hold"


@pytest.fixture
def lexicon_env(settings, tmp_path, monkeypatch):
    """The engine's lexicon folders are per process: put them back after the test."""
    settings.DATA_DIR = tmp_path
    monkeypatch.delenv("SAFEHAVEN_LEXICON_DIR", raising=False)
    monkeypatch.setattr(policy, "_ORIGINAL_LEXICON_DIR", "")
    monkeypatch.setattr(policy, "_lexicon_active", [object()])
    yield tmp_path
    os.environ.pop("SAFEHAVEN_LEXICON_DIR", None)
    clear_caches()


@pytest.mark.rule("SENS-2")
def test_extra_special_category_terms_are_added_to_the_engine_at_analysis_time(dpo, lexicon_env):
    text = "Amelia Whitworth has been referred to the zorblax clinic."
    assert "health" not in analyse(text).special_categories
    save(dpo, **{"lexicons.health": ["zorblax clinic"]})
    assert policy.lexicons_activate() == 1
    assert (lexicon_env / "policy-lexicons" / "v1" / "categories.toml").exists()
    assert "health" in analyse(text).special_categories
    save(dpo, **{"lexicons.health": []})
    policy.lexicons_activate()
    assert "health" not in analyse(text).special_categories


@pytest.mark.rule("SENS-2")
def test_export_terms_writes_the_file_scan_and_sweep_read(dpo, lexicon_env, capsys):
    from safehaven.core.detect.extra_terms import load_terms_file

    out = lexicon_env / "terms.toml"
    call_command("policy", "export-terms", "-o", str(out))
    assert load_terms_file(out) == ()  # no extra terms yet: a valid, empty file
    save(dpo, **{"lexicons.health": ["zorblax clinic"], "lexicons.religion": ["zorblax*"]})
    call_command("policy", "export-terms", "-o", str(out))
    assert "Wrote 2 extra terms of policy dpo-1" in capsys.readouterr().out
    assert load_terms_file(out) == (("health", ("zorblax clinic",)), ("religion", ("zorblax*",)))
    with pytest.raises(CommandError, match="cannot write"):
        call_command("policy", "export-terms", "-o", str(lexicon_env / "no" / "t.toml"))


@pytest.mark.rule("FAX-1")
def test_the_fax_switch_follows_the_policy_and_the_fax_page_makes_a_version(dpo):
    assert policy.policy_in_force().data["channels"]["fax"] is False  # off by default
    save(dpo, reason="The health centre only takes faxes", **{"channels.fax": True})
    assert FaxPolicy.objects.get().enabled is True
    assert PolicyVersion.objects.count() == 1  # the fax app's echo made no second version
    from safehaven.fax.services import fax_policy_set

    fax_policy_set(user=dpo, enabled=False, reason="Last partner moved to secure email")
    assert policy.policy_in_force().data["channels"]["fax"] is False
    latest = PolicyVersion.objects.get(number=2)
    assert latest.diff == [{"key": "channels.fax", "old": True, "new": False}]
    assert "fax settings page" in latest.reason


@pytest.mark.rule("FAX-2")
def test_a_safe_haven_assessment_lasts_as_long_as_the_policy_says(dpo, officer, db):
    from safehaven.fax import services as fax
    from tests.factories import FaxNumberFactory

    save(dpo, reason="Fax for the health centre", **{"channels.fax": True,
         "validity.safe_haven_assessment_days": 90})  # fmt: skip
    number = FaxNumberFactory()
    now = timezone.now()  # one moment: the review date must not move over midnight meanwhile
    with mock.patch("django.utils.timezone.now", return_value=now):
        assessment = fax.safe_haven_assess(
            fax_number=number, recorded_by=officer, answered_by_name="Jo", secure_office=True,
            shared_departments=False, designated_collectors=True, written_policy=True,
        )  # fmt: skip
    assert assessment.review_due == timezone.localdate(now) + dt.timedelta(days=90)
    later = now + dt.timedelta(days=60)
    with mock.patch("django.utils.timezone.now", return_value=later):
        assert fax.assessment_current(number) == assessment
        save(dpo, **{"validity.safe_haven_assessment_days": 45})
        assert fax.assessment_current(number) is None  # older than the policy now allows


@pytest.mark.rule("TEL-7")
def test_a_consent_older_than_the_policy_allows_does_not_cover_a_fax(dpo, officer, school_a):
    from safehaven.fax import services as fax
    from tests.factories import ConsentFactory, OrganisationFactory, ServiceUserFactory
    from tests.fax.conftest import blank_pdf

    save(dpo, reason="Fax for the health centre", **{"channels.fax": True})
    partner = OrganisationFactory()
    child = ServiceUserFactory(unit=school_a)
    ConsentFactory(service_user=child, recipient_organisation=partner,
                   given_at=timezone.now() - dt.timedelta(days=400))  # fmt: skip
    params = {
        "officer": officer, "service_user": child, "recipient_name": "Dr Shah",
        "recipient_organisation": partner, "reason": "Health assessment",
        "summary": "Needs summary", "document": blank_pdf(1), "lawful_basis": "consent",
    }  # fmt: skip
    with pytest.raises(fax.FaxError, match="No current consent"):
        fax.fax_job_create(**params)
    save(dpo, **{"validity.consent_months": 24})
    assert fax.fax_job_create(**params).lawful_basis == "consent"
    assert policy.consent_within_policy(child.consents.get()) is True


@pytest.mark.rule("EMAIL-4")
def test_a_consent_older_than_the_policy_allows_does_not_cover_an_email(dpo, school_a):
    from safehaven.email.directory import DjangoDirectory
    from tests.factories import (
        ConsentFactory,
        EmailDomainFactory,
        OrganisationFactory,
        ServiceUserFactory,
    )

    partner = OrganisationFactory(email="office@partner-health.nhs.uk")
    EmailDomainFactory(organisation=partner, domain="partner-health.nhs.uk", security="secure")
    child = ServiceUserFactory(unit=school_a)
    ConsentFactory(service_user=child, recipient_organisation=partner,
                   given_at=timezone.now() - dt.timedelta(days=400))  # fmt: skip
    mailbox, ids = "office@partner-health.nhs.uk", [str(child.pk)]
    assert not DjangoDirectory().generic_consent(address=mailbox, service_user_ids=ids)
    assert str(child.pk) not in DjangoDirectory().linked_service_users(address=mailbox)
    save(dpo, **{"validity.consent_months": 24})
    assert DjangoDirectory().generic_consent(address=mailbox, service_user_ids=ids)
    assert str(child.pk) in DjangoDirectory().linked_service_users(address=mailbox)


@pytest.mark.rule("POST-4")
def test_the_post_rules_come_from_the_policy(dpo):
    default = recommend_delivery(classification="sensitive", policy=policy.post_delivery_policy())
    assert default.method == "signed_for"
    save(dpo, **{"post.by_classification.sensitive": "special_delivery",
                 "post.by_classification.personal": "signed_for",
                 "post.escalate_categories": ["safeguarding"]})  # fmt: skip
    rules = policy.post_delivery_policy()
    assert recommend_delivery(classification="sensitive", policy=rules).method == (
        "special_delivery"
    )
    assert recommend_delivery(classification="personal", policy=rules).method == "signed_for"
    assert rules.escalate_categories == frozenset({"safeguarding"})


@pytest.mark.rule("TEL-7")
def test_a_phone_request_refuses_a_consent_older_than_the_policy_allows(dpo, officer, log_call,
                                                                         walk, child):  # fmt: skip
    from safehaven.telephone import services as telephone

    consent = child.consents.get()
    assert policy.consent_within_policy(consent)  # given 30 days ago; the default is 12 months
    save(dpo, **{"validity.consent_months": 1})
    later = timezone.now() + dt.timedelta(days=10)  # now 40 days old: older than a month

    tel = walk(log_call(), "consent")
    with mock.patch("django.utils.timezone.now", return_value=later), pytest.raises(
        telephone.TelephoneError, match="longer ago than the DPO's policy allows"
    ) as err:  # fmt: skip
        telephone.telephone_request_consent(request=tel, officer=officer, lawful_basis="consent")
    assert err.value.rule == "TEL-7"


@pytest.mark.rule("POST-4")
def test_the_letters_recommendation_uses_the_policy(dpo):
    from safehaven.core.letters import LetterContent
    from safehaven.core.letters.delivery import recommend_for_letter

    content = LetterContent(
        reference="R1", date="1 December 2026", salutation="Dear colleague",
        body=("The school will be closed on Friday for staff training.",),
    )  # fmt: skip
    assert recommend_for_letter(content, policy=policy.post_delivery_policy()).method == (
        "second_class"
    )
    save(dpo, **{"post.by_classification.none": "first_class",
                 "post.by_classification.personal": "signed_for"})  # fmt: skip
    rec = recommend_for_letter(content, policy=policy.post_delivery_policy())
    assert (rec.classification, rec.method) == ("none", "first_class")
    assert "(local policy)" in rec.reason


@pytest.mark.rule("POST-4")
def test_a_letter_is_classified_with_the_dpos_extra_terms(dpo, lexicon_env):
    from safehaven.core.letters import LetterContent
    from safehaven.core.letters.delivery import recommend_for_letter

    content = LetterContent(
        reference="R2", date="1 December 2026", salutation="Dear Mrs Whitworth",
        body=("Amelia Whitworth has been referred to the zorblax clinic by her GP.",),
    )  # fmt: skip
    assert "health" not in (recommend_for_letter(content).reason)
    save(dpo, **{"lexicons.health": ["zorblax clinic"]})
    rec = recommend_for_letter(content, policy=policy.post_delivery_policy())
    assert rec.classification == "sensitive"
    assert rec.method == "special_delivery"
    assert "health" in rec.reason
