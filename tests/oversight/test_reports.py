"""Reports: overrides from the channels' own records, the policy pages, the register's
verification status (command, dashboard button), the dashboard's new sections."""

from __future__ import annotations

import csv
import io
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from safehaven.oversight import overrides, policy
from safehaven.oversight.models import PolicyVersion, RegisterVerification
from safehaven.register.chain import VerifyResult
from safehaven.telephone import services as telephone
from tests.factories import disclosure

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


# Overrides.


@pytest.mark.rule("TEL-7")
def test_a_telephone_exemption_appears_with_its_justification(log_call, walk, officer):
    tel = walk(log_call(), "consent")
    telephone.telephone_request_consent(
        request=tel, officer=officer, lawful_basis="safeguarding",
        justification="Child protection enquiry under way: section 47 strategy meeting today",
    )  # fmt: skip
    rows = overrides.overrides_collected(sources=[overrides.telephone_exemptions])
    assert len(rows) == 1
    row = rows[0]
    assert (row.channel, row.rule, row.reference) == ("telephone", "TEL-7",
                                                      f"telephone:{tel.reference}")  # fmt: skip
    assert row.justification.startswith("Safeguarding (exemption): Child protection enquiry")
    assert row.user == officer.get_full_name()


@pytest.mark.rule("TEL-7")
def test_consent_is_not_an_override(log_call, walk):
    walk(log_call(), "decide")  # consent step with consent
    assert overrides.overrides_collected(sources=[overrides.telephone_exemptions]) == []


def test_the_overrides_page_and_csv_list_every_source_and_filter(client, dpo, officer, log_call,
                                                                 walk):  # fmt: skip
    tel = walk(log_call(), "consent")
    telephone.telephone_request_consent(
        request=tel, officer=officer, lawful_basis="safeguarding",
        justification="=HYPERLINK(evil) but also a real safeguarding concern today",
    )  # fmt: skip
    client.force_login(dpo)
    page = client.get("/oversight/overrides/").content.decode()
    assert "1 override" in page
    assert "Telephone 1" in page
    rows = _csv(client.get("/oversight/overrides.csv"))
    assert rows[0] == ["when", "channel", "user", "rule", "justification", "reference"]
    assert rows[1][1:4] == ["Telephone", officer.get_full_name(), "TEL-7"]
    assert not rows[1][4].startswith("=")
    assert len(_csv(client.get("/oversight/overrides.csv?channel=fax"))) == 1
    bad = client.get("/oversight/overrides/?date_from=99/99/2026")
    assert "Enter the from date as a real date" in bad.content.decode()


@pytest.mark.parametrize("url", ["/oversight/overrides/", "/oversight/overrides.csv",
                                 "/oversight/policy/", "/oversight/policy/edit/",
                                 "/oversight/policy/history/"])  # fmt: skip
def test_report_and_policy_pages_are_forbidden_to_officers_and_managers(
    client, officer, authoriser, url
):
    for user in (officer, authoriser):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert client.post(url, {}).status_code in (403, 405)


# Policy pages.


def _form_data(**changes) -> dict:
    from safehaven.oversight.forms import PolicyForm

    data = PolicyForm.initial_from(policy.policy_in_force().data)
    data = {k: v for k, v in data.items() if v is not None}
    data.update(changes)
    return data


def test_the_dpo_changes_the_policy_through_the_form(client, dpo):
    client.force_login(dpo)
    assert "The shipped defaults are in force" in client.get("/oversight/policy/").content.decode()
    response = client.post("/oversight/policy/edit/", _form_data(
        email__secure_domains="nhs.net, local, NHSmail\nleics-trust.nhs.uk, dcb1596",
        validity__consent_months="6", reason="New trust and a shorter consent period",
    ))  # fmt: skip
    assert response.status_code == 302
    version = PolicyVersion.objects.get()
    assert {d["key"] for d in version.diff} == {"email.secure_domains",
                                                "validity.consent_months"}  # fmt: skip
    page = client.get("/oversight/policy/").content.decode()
    assert "Version 1 is in force" in page
    assert "leics-trust.nhs.uk (dcb1596)" in page
    history = client.get("/oversight/policy/history/").content.decode()
    assert "New trust and a shorter consent period" in history
    detail = client.get("/oversight/policy/versions/1/").content.decode()
    assert "validity.consent_months" in detail


def test_policy_form_errors_are_in_plain_english_and_nothing_is_saved(client, administrator):
    client.force_login(administrator)
    response = client.post("/oversight/policy/edit/", _form_data(
        email__secure_domains="not a domain at all", reason="Trying",
    ))  # fmt: skip
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "is not a domain. Write one domain a line" in page
    response = client.post("/oversight/policy/edit/", _form_data(validity__consent_months="x"))
    assert "Enter the months as a whole number" in response.content.decode()
    assert not PolicyVersion.objects.exists()


def test_rolling_back_from_the_version_page(client, dpo):
    client.force_login(dpo)
    client.post("/oversight/policy/edit/", _form_data(validity__consent_months="6", reason="A"))
    client.post("/oversight/policy/edit/", _form_data(validity__consent_months="9", reason="B"))
    refused = client.post("/oversight/policy/versions/1/rollback/", {"reason": ""})
    assert refused.status_code == 400
    assert "Say why the policy is changing" in refused.content.decode()
    done = client.post("/oversight/policy/versions/1/rollback/", {"reason": "B was wrong"})
    assert done.status_code == 302
    assert policy.policy_in_force().data["validity"]["consent_months"] == 6
    assert PolicyVersion.objects.get(number=3).restored_from == 1
    assert client.get("/oversight/policy/versions/99/").status_code == 404


# Register verification status.


def test_the_command_stores_the_outcome_and_the_dashboard_shows_it(client, dpo, service_user):
    disclosure(service_user=service_user)
    call_command("verify-register-status", stdout=io.StringIO())
    row = RegisterVerification.objects.get()
    assert (row.ok, row.checked, row.head_sequence, row.source) == (True, 1, 1, "command")
    client.force_login(dpo)
    page = client.get("/oversight/").content.decode()
    assert "Verified: no problem found" in page
    assert "1 entry checked" in page


def test_a_failed_verification_names_the_first_bad_entry(client, dpo):
    bad = VerifyResult(ok=False, checked=41, head_sequence=41, bad_sequence=42,
                       problem="entry 42 does not match its hash")  # fmt: skip
    with mock.patch("safehaven.register.selectors.register_verify", return_value=bad), \
            pytest.raises(CommandError, match="entry 42"):  # fmt: skip
        call_command("verify-register-status", stdout=io.StringIO())
    client.force_login(dpo)
    page = client.get("/oversight/").content.decode()
    assert "Verification failed" in page
    assert "First bad entry: 42" in page


def test_the_dpo_verifies_the_register_from_the_dashboard(client, dpo, officer):
    client.force_login(officer)
    assert client.post("/oversight/register-verify/").status_code == 403
    assert not RegisterVerification.objects.exists()
    client.force_login(dpo)
    response = client.post("/oversight/register-verify/")
    assert response.status_code == 302
    row = RegisterVerification.objects.get()
    assert (row.source, row.run_by, row.ok) == ("dashboard", dpo, True)


def test_the_dashboard_shows_near_misses_by_team_and_the_policy_version(client, dpo,
                                                                        service_user):  # fmt: skip
    from safehaven.oversight.services import near_miss_record

    near_miss_record(channel="fax", kind="fax_stopped", summary="Stopped",
                     service_user=service_user)  # fmt: skip
    client.force_login(dpo)
    page = client.get("/oversight/").content.decode()
    assert "Near misses by school or team" in page
    assert f"{service_user.unit.name}: 1" in page
    assert "the shipped defaults (no version saved yet)" in page


def test_the_near_miss_csv_names_the_policy_version_of_each_row(client, dpo):
    from safehaven.oversight.services import near_miss_record

    near_miss_record(channel="email", kind="email_held", summary="Held before any policy")
    policy.policy_save(user=dpo, data={"validity": {"consent_months": 6}}, reason="Shorter")
    near_miss_record(channel="email", kind="email_held", summary="Held under version 1")
    client.force_login(dpo)
    rows = _csv(client.get("/oversight/near-misses.csv"))
    assert rows[0][-1] == "policy_version"
    assert {(r[6], r[-1]) for r in rows[1:]} == {
        ("Held before any policy", "defaults"), ("Held under version 1", "1"),
    }  # fmt: skip
