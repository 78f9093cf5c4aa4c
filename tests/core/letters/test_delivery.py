"""Delivery-method recommendation (POST-4) and the de-sensitised letter offer (POST-5)."""

from __future__ import annotations

import copy
import dataclasses
import json
from importlib import resources

import pytest

from safehaven.core.findings import Severity
from safehaven.core.letters import (
    LettersError,
    delivery_choice_findings,
    desensitise_letter,
    load_delivery_policy,
    recommend_delivery,
    recommend_for_letter,
)


def _policy_data() -> dict:
    text = resources.files("safehaven.core.letters").joinpath("data", "delivery_policy.json")
    return json.loads(text.read_text("utf-8"))


@pytest.mark.rule("POST-4")
@pytest.mark.parametrize(
    ("classification", "method", "tracked"),
    [
        ("none", "second_class", False),
        ("personal", "first_class", False),
        ("sensitive", "signed_for", True),
    ],
)
def test_method_follows_the_classification(classification, method, tracked):
    rec = recommend_delivery(classification=classification)
    assert (rec.method, rec.tracked) == (method, tracked)
    assert rec.reason


@pytest.mark.rule("POST-4")
def test_sensitive_safeguarding_post_steps_up_to_special_delivery_with_the_reason():
    rec = recommend_delivery(classification="sensitive", special_categories=["safeguarding"])
    assert rec.method == "special_delivery"
    assert rec.service == "Royal Mail Special Delivery Guaranteed"
    assert "safeguarding" in rec.reason
    finding = rec.finding()
    assert (finding.rule, finding.severity) == ("POST-4", Severity.WARN)


@pytest.mark.rule("POST-4")
def test_a_category_outside_the_escalation_list_stays_signed_for():
    rec = recommend_delivery(classification="sensitive", special_categories=["religion"])
    assert rec.method == "signed_for"


@pytest.mark.rule("POST-4")
def test_original_documents_go_special_delivery_even_when_not_sensitive():
    assert (
        recommend_delivery(classification="personal", original_documents=True).method
        == "special_delivery"
    )


@pytest.mark.rule("POST-4")
def test_local_policy_data_changes_the_recommendation():
    data = copy.deepcopy(_policy_data())
    data["by_classification"]["personal"]["method"] = "signed_for"
    data["escalate_to_special_delivery"]["special_categories"] = ["religion"]
    policy = load_delivery_policy(data)
    assert recommend_delivery(classification="personal", policy=policy).method == "signed_for"
    rec = recommend_delivery(
        classification="sensitive", special_categories=["religion"], policy=policy
    )
    assert rec.method == "special_delivery"


def test_bad_policy_and_unknown_classification_are_refused():
    data = copy.deepcopy(_policy_data())
    data["by_classification"]["none"]["method"] = "pigeon"
    with pytest.raises(LettersError, match="unknown delivery method 'pigeon'"):
        load_delivery_policy(data)
    with pytest.raises(LettersError, match="unknown classification 'secret'"):
        recommend_delivery(classification="secret")


@pytest.mark.rule("POST-4")
def test_choosing_a_less_secure_method_than_recommended_needs_a_reason():
    rec = recommend_delivery(classification="sensitive")
    findings = delivery_choice_findings("first_class", rec)
    assert [(f.rule, f.severity) for f in findings] == [("POST-4", Severity.WARN)]
    assert delivery_choice_findings("special_delivery", rec) == []
    assert delivery_choice_findings("signed_for", rec) == []


@pytest.mark.rule("POST-4")
def test_the_sensitivity_engine_classifies_the_letter(content):
    """Real engine, no stub: a child-protection letter about a named child goes tracked."""
    sensitive = dataclasses.replace(
        content,
        body=(
            "I am writing about Jayden Smith (date of birth 01/02/2015), who is subject to a "
            "child protection plan, to invite you to the core group meeting.",
        ),
    )
    assert recommend_for_letter(sensitive).method == "special_delivery"
    plain = dataclasses.replace(
        content, subject="Term dates", body=("The school closes for the holiday on 18 December.",)
    )
    assert recommend_for_letter(plain).tracked is False


@pytest.mark.rule("POST-5")
def test_a_desensitised_version_is_offered_without_the_childs_details(content):
    letter = dataclasses.replace(
        content,
        subject="Re: Jayden Smith DOB 01/02/2015",
        body=("Jayden Smith (DOB 01/02/2015) has been absent for ten days this term.",),
    )
    result = desensitise_letter(letter)
    assert result.offered
    text = " ".join([result.content.subject or "", *result.content.body])
    assert "Jayden" not in text
    assert "01/02/2015" not in text
    # The letter still greets and is signed by the same people.
    assert result.content.salutation == letter.salutation
    assert result.content.sign_off == letter.sign_off
    assert result.content.reference == letter.reference
    finding = result.finding()
    assert finding is not None
    assert finding.rule == "POST-5"


@pytest.mark.rule("POST-5")
def test_nothing_is_offered_when_there_is_nothing_to_remove(content):
    plain = dataclasses.replace(
        content, subject="Term dates", body=("The school closes for the holiday on 18 December.",)
    )
    result = desensitise_letter(plain)
    assert not result.offered
    assert result.content == plain
    assert result.finding() is None
