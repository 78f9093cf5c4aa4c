"""The DPO's policy file and the secure-domain CSV importer."""

from __future__ import annotations

import io
import json

import pytest

from safehaven.core.email.policy import (
    PolicyError,
    default_policy,
    import_secure_domain_csv,
    load_policy,
    mailbox_key,
    policy_from_dict,
)


@pytest.mark.rule("EMAIL-1")
def test_dcb1596_csv_with_a_domain_column_is_imported_with_its_source(tmp_path):
    csv_path = tmp_path / "dcb1596.csv"
    csv_path.write_text(
        "Organisation,Domain,Accredited\n"
        "Leicestershire County Council,leics.gov.uk,2023-04-01\n"
        "Some Trust,SOMETRUST.NHS.UK,2022-01-01\n"
        "Broken row,not a domain,\n"
        "\n"
    )
    result = import_secure_domain_csv(csv_path)
    domains = {e.domain: e for e in result.entries}
    assert set(domains) == {"leics.gov.uk", "sometrust.nhs.uk"}
    assert domains["leics.gov.uk"].source == "dcb1596"
    assert "Leicestershire County Council" in domains["leics.gov.uk"].note
    assert result.skipped == ((4, "not a domain"),)
    policy = default_policy().with_secure_domains(result.entries)
    assert policy.domain_security("team.sometrust.nhs.uk").source == "dcb1596"


def test_csv_with_email_addresses_and_no_domain_header_gives_their_domains():
    result = import_secure_domain_csv(io.StringIO("contact@agency.org.uk,Agency\nx@b.org,B\n"))
    assert [e.domain for e in result.entries] == ["agency.org.uk", "b.org"]


def test_csv_without_any_domain_is_refused_with_a_plain_message():
    with pytest.raises(PolicyError, match="no 'domain' column"):
        import_secure_domain_csv(io.StringIO("name,notes\nA,B\n"))


def test_policy_file_lists_a_csv_that_is_imported(tmp_path):
    (tmp_path / "list.csv").write_text("domain\nsecure.example.org\n")
    (tmp_path / "policy.json").write_text(
        json.dumps({"version": "v7", "secure_domain_lists": [{"path": "list.csv"}]})
    )
    policy = load_policy(tmp_path / "policy.json")
    assert policy.version == "v7"
    assert policy.domain_security("secure.example.org").source == "dcb1596"


@pytest.mark.parametrize(
    ("data", "match"),
    [
        ({"severity": {"lookalike_domain": "explode"}}, "lookalike_domain"),
        ({"follow_up_call": "sometimes"}, "follow_up_call"),
        ({"secure_domains": [{"domain": "x.org", "source": "rumour"}]}, "source"),
    ],
)
def test_bad_policy_values_are_refused(data, match):
    with pytest.raises(PolicyError, match=match):
        policy_from_dict(data)


def test_missing_and_broken_policy_files_give_plain_errors(tmp_path):
    with pytest.raises(PolicyError, match="does not exist"):
        load_policy(tmp_path / "nope.json")
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(PolicyError, match="not valid JSON"):
        load_policy(bad)


def test_dpo_can_extend_generic_mailboxes_and_webmail():
    policy = policy_from_dict(
        {"generic_mailboxes": ["Pastoral-Team"], "webmail_domains": ["mail.example"]}
    )
    assert "pastoralteam" in policy.generic_mailboxes
    assert "info" in policy.generic_mailboxes  # the shipped list stays
    assert policy.is_webmail("MAIL.example")


def test_mailbox_key_drops_tags_and_separators():
    assert mailbox_key("Front.Door+urgent") == "frontdoor"
    assert mailbox_key("S_E-N.C.O") == "senco"
