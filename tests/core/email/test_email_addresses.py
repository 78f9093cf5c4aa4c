"""Generic mailboxes and lookalike domains (EMAIL-4)."""

from __future__ import annotations

import pytest

from safehaven.core.email.addresses import (
    fold_confusables,
    is_generic_mailbox,
    lookalike_of,
    split_address,
)
from safehaven.core.email.policy import default_generic_mailboxes

GENERIC = default_generic_mailboxes()


@pytest.mark.rule("EMAIL-4")
@pytest.mark.parametrize(
    "local",
    [
        "info",
        "INFO",
        "office+school",
        "front.door",
        "Front-Door",
        "admissions_team",
        "the.office",
        "schoolreception",
        "dsl",
        "mash",
        "contact.us",
        "hello",
        "SENCo",
    ],
)
def test_generic_mailboxes_are_recognised(local):
    assert is_generic_mailbox(local, GENERIC)


@pytest.mark.rule("EMAIL-4")
@pytest.mark.parametrize(
    "local", ["sarah.jones", "j.smith", "dsmith", "information.governance.lead"]
)
def test_personal_mailboxes_are_not_generic(local):
    assert not is_generic_mailbox(local, GENERIC)


KNOWN = ["leics.gov.uk", "nhs.net", "leicestershire.police.uk", "ashby.sch.uk"]


@pytest.mark.rule("EMAIL-4")
@pytest.mark.parametrize(
    ("domain", "resembles"),
    [
        ("leics.gov.uk", None),
        ("team.leics.gov.uk", None),  # a subdomain is the same organisation
        ("leisc.gov.uk", "leics.gov.uk"),
        ("leics.gov.co.uk", None),  # three edits away: not flagged as a typo
        ("nhs.met", "nhs.net"),
        ("leicestershire.po1ice.uk", "leicestershire.police.uk"),
        ("leicestershire-police.uk", "leicestershire.police.uk"),
        ("xn--lics-k5d.gov.uk", None),
        ("ashby.sch.uk", None),
        ("asbhy.sch.uk", "ashby.sch.uk"),
        ("example.com", None),
    ],
)
def test_lookalike_domains(domain, resembles):
    found = lookalike_of(domain, KNOWN)
    assert (found.resembles if found else None) == resembles


@pytest.mark.rule("EMAIL-4")
def test_idn_homoglyph_is_caught_in_unicode_and_punycode():
    cyrillic = "lеics.gov.uk"  # Cyrillic small ie
    _, puny = split_address("a@" + cyrillic)
    assert puny.startswith("xn--")
    found = lookalike_of(puny, KNOWN)
    assert found is not None
    assert found.resembles == "leics.gov.uk"
    assert found.how == "IDN"


def test_confusable_folding():
    assert fold_confusables("rnicrosoft.com") == fold_confusables("microsoft.com")
    assert fold_confusables("paypa1.com") == fold_confusables("paypal.com")
