"""The email checks, rule by rule (EMAIL-1..6, SENS-2, SENS-3)."""

from __future__ import annotations

import json

import pytest

from safehaven.core.email import check_message, policy_from_dict
from safehaven.core.findings import Severity

SENSITIVE = (
    "Jane Smith (DOB 12/03/2014) has a child protection plan and was seen by CAMHS for self-harm."
)
PERSONAL = "Jane Smith (DOB 12/03/2014) will start at the new school on Monday."
PLAIN = "The meeting has moved to Thursday at 10am in room 4."


def findings(result, rule):
    return [f for f in result.findings if f.rule == rule]


def severities(result, rule):
    return {f.severity for f in findings(result, rule)}


# --- EMAIL-1: sensitive information only by secure email ----------------------------------------


@pytest.mark.rule("EMAIL-1")
def test_sensitive_to_public_webmail_is_held(policy, directory, message):
    result = check_message(
        message(SENSITIVE, to="jane.parent@gmail.com"), policy=policy, directory=directory
    )
    assert Severity.HOLD in severities(result, "EMAIL-1")
    assert result.verdict in {"hold", "block"}
    assert "public webmail" in findings(result, "EMAIL-1")[0].message


@pytest.mark.rule("EMAIL-1")
def test_sensitive_to_secure_partner_is_not_an_email1_finding(policy, directory, message):
    result = check_message(message(SENSITIVE), policy=policy, directory=directory)
    assert findings(result, "EMAIL-1") == []
    assert result.verdict != "block"


@pytest.mark.rule("EMAIL-1")
def test_webmail_is_never_secure_even_when_listed(directory, message):
    policy = policy_from_dict(
        {"version": "x", "secure_domains": [{"domain": "gmail.com", "source": "local"}]}
    )
    assert policy.domain_security("gmail.com") is None
    result = check_message(
        message(SENSITIVE, to="someone@gmail.com"), policy=policy, directory=directory
    )
    assert findings(result, "EMAIL-1")


@pytest.mark.rule("EMAIL-1")
def test_policy_can_block_insecure_sensitive_mail(directory, message):
    policy = policy_from_dict({"version": "strict", "severity": {"insecure_sensitive": "block"}})
    result = check_message(
        message(SENSITIVE, to="someone@unknown-agency.org.uk"), policy=policy, directory=directory
    )
    assert result.verdict == "block"
    assert Severity.BLOCK in severities(result, "EMAIL-1")


@pytest.mark.rule("EMAIL-1")
def test_transport_status_with_mta_sts_enforce_makes_a_domain_secure(directory, message):
    policy = policy_from_dict(
        {
            "version": "t",
            "transport": [
                {
                    "domain": "agency.org.uk",
                    "mta_sts": "enforce",
                    "tls_rpt": True,
                    "dmarc": "reject",
                }
            ],
        }
    )
    result = check_message(
        message(SENSITIVE, to="worker@agency.org.uk"), policy=policy, directory=directory
    )
    assert findings(result, "EMAIL-1") == []
    testing = policy_from_dict(
        {"version": "t", "transport": [{"domain": "agency.org.uk", "mta_sts": "testing"}]}
    )
    result = check_message(
        message(SENSITIVE, to="worker@agency.org.uk"), policy=testing, directory=directory
    )
    assert findings(result, "EMAIL-1")


# --- EMAIL-2: UPN or initials where possible -----------------------------------------------------


@pytest.mark.rule("EMAIL-2")
def test_full_name_and_dob_to_external_warns_and_offers_desensitised_body(
    policy, directory, message
):
    result = check_message(message(PERSONAL), policy=policy, directory=directory)
    f = findings(result, "EMAIL-2")
    assert f
    assert f[0].severity == Severity.WARN
    assert result.desensitised_body is not None
    assert "Jane Smith" not in result.desensitised_body
    assert "12/03/2014" not in result.desensitised_body
    assert "UPN A123456789012" in f[0].message  # the records' short form is suggested


@pytest.mark.rule("EMAIL-2")
def test_upn_only_message_has_no_email2_finding(policy, directory, message):
    result = check_message(
        message("Please update the record for UPN A123456789012: attendance is 96%."),
        policy=policy,
        directory=directory,
    )
    assert findings(result, "EMAIL-2") == []
    assert result.desensitised_body is None


# --- EMAIL-3: follow-up call ---------------------------------------------------------------------


@pytest.mark.rule("EMAIL-3")
def test_sensitive_mail_to_external_partner_reminds_a_follow_up_call(policy, directory, message):
    result = check_message(message(SENSITIVE), policy=policy, directory=directory)
    assert findings(result, "EMAIL-3")


@pytest.mark.rule("EMAIL-3")
def test_no_follow_up_call_when_policy_says_never_or_content_is_plain(directory, message):
    never = policy_from_dict({"version": "n", "follow_up_call": "never"})
    assert not findings(
        check_message(message(SENSITIVE), policy=never, directory=directory), "EMAIL-3"
    )
    default = policy_from_dict({"version": "d"})
    plain = check_message(message(PLAIN), policy=default, directory=directory)
    assert not findings(plain, "EMAIL-3")


# --- EMAIL-4: right recipient, generic mailboxes -------------------------------------------------


@pytest.mark.rule("EMAIL-4")
@pytest.mark.parametrize(
    "address", ["info@agency.org.uk", "Front.Door@agency.org.uk", "SENCO+year7@agency.org.uk"]
)
def test_personal_data_to_generic_mailbox_without_consent_is_held(
    policy, directory, message, address
):
    result = check_message(message(PERSONAL, to=address), policy=policy, directory=directory)
    generic = [f for f in findings(result, "EMAIL-4") if f.evidence.get("mailbox") == "generic"]
    assert generic
    assert generic[0].severity == Severity.HOLD


@pytest.mark.rule("EMAIL-4")
def test_generic_mailbox_with_consent_on_record_is_not_held(policy, directory, message):
    result = check_message(
        message(PERSONAL, to="duty@leics.gov.uk"), policy=policy, directory=directory
    )
    generic = [f for f in findings(result, "EMAIL-4") if f.evidence.get("mailbox") == "generic"]
    assert generic
    assert generic[0].severity == Severity.INFO


@pytest.mark.rule("EMAIL-4")
@pytest.mark.parametrize(
    ("address", "how"),
    [
        ("sarah.jones@leics.gov.uk.evil.com", None),
        ("sarah.jones@leisc.gov.uk", "edit distance"),
        ("sarah.jones@1eics.gov.uk", "homoglyph"),
        ("sarah.jones@lеics.gov.uk", "IDN"),  # Cyrillic "е"
    ],
)
def test_lookalike_of_partner_domain_is_blocked(policy, directory, message, address, how):
    result = check_message(message(PLAIN, to=address), policy=policy, directory=directory)
    look = [f for f in findings(result, "EMAIL-4") if "resembles" in f.evidence]
    if how is None:
        # A different registrable domain that merely contains the partner's name is not a typo,
        # but it is a first-time recipient.
        assert look == []
        assert any("first time" in f.message for f in findings(result, "EMAIL-4"))
        return
    assert look, result.findings
    assert look[0].evidence["resembles"] == "leics.gov.uk"
    assert how in look[0].evidence["how"]
    assert result.verdict == "block"


@pytest.mark.rule("EMAIL-4")
def test_first_time_recipient_warns_and_known_recipient_does_not(policy, directory, message):
    first = check_message(
        message(PLAIN, to="new.person@leics.gov.uk"), policy=policy, directory=directory
    )
    msgs = [f.message for f in findings(first, "EMAIL-4")]
    assert any("first time you have written to new.person@leics.gov.uk" in m for m in msgs)
    assert not any("anyone at" in m for m in msgs)  # the domain is known
    known = check_message(message(PLAIN), policy=policy, directory=directory)
    assert not any("first time" in f.message for f in findings(known, "EMAIL-4"))


@pytest.mark.rule("EMAIL-4")
def test_recipient_with_no_link_to_the_service_user_is_flagged(policy, directory, message):
    unlinked = check_message(
        message(SENSITIVE, to="tom.reed@charity.org.uk"), policy=policy, directory=directory
    )
    f = [x for x in findings(unlinked, "EMAIL-4") if "service_user_ids" in x.evidence]
    assert f
    assert f[0].severity == Severity.HOLD  # sensitive content
    assert f[0].evidence["service_user_ids"] == ["su-1"]
    linked = check_message(message(SENSITIVE), policy=policy, directory=directory)
    assert not [x for x in findings(linked, "EMAIL-4") if "service_user_ids" in x.evidence]


@pytest.mark.rule("EMAIL-4")
def test_salutation_that_does_not_match_the_recipient_warns(policy, directory, message):
    wrong = check_message(message("Dear Michael,\n\n" + PLAIN), policy=policy, directory=directory)
    assert any("greeting" in f.message for f in findings(wrong, "EMAIL-4"))
    right = check_message(message("Dear Sarah,\n\n" + PLAIN), policy=policy, directory=directory)
    assert not any("greeting" in f.message for f in findings(right, "EMAIL-4"))
    group = check_message(message("Dear all,\n\n" + PLAIN), policy=policy, directory=directory)
    assert not any("greeting" in f.message for f in findings(group, "EMAIL-4"))


@pytest.mark.rule("EMAIL-4")
def test_contact_restriction_blocks(policy, directory, message):
    result = check_message(
        message(PLAIN, to="anyone@banned.example.org"), policy=policy, directory=directory
    )
    assert result.verdict == "block"
    assert any("court order" in f.message for f in findings(result, "EMAIL-4"))


@pytest.mark.rule("EMAIL-4")
def test_restriction_about_one_service_user_applies_only_when_they_are_named(
    policy, directory, message
):
    about = check_message(
        message(PERSONAL, to="dad@example.com"), policy=policy, directory=directory
    )
    assert about.verdict == "block"
    other = check_message(message(PLAIN, to="dad@example.com"), policy=policy, directory=directory)
    assert other.verdict != "block"


# --- EMAIL-5 and EMAIL-6: replies, forwards and trails ---


@pytest.mark.rule("EMAIL-5")
@pytest.mark.parametrize(
    ("subject", "headers"),
    [
        ("RE: Update", {}),
        ("Fwd: Update", {}),
        ("AW: Update", {}),
        ("WG: Update", {}),
        ("Update", {"In-Reply-To": "<x@leics.gov.uk>"}),
        ("Update", {"References": "<x@leics.gov.uk>"}),
    ],
)
def test_reply_or_forward_to_external_warns(policy, directory, message, subject, headers):
    result = check_message(
        message(PLAIN, subject=subject, headers=headers), policy=policy, directory=directory
    )
    f = findings(result, "EMAIL-5")
    assert f
    assert f[0].severity == Severity.WARN


@pytest.mark.rule("EMAIL-5")
def test_new_message_is_not_a_reply(policy, directory, message):
    result = check_message(message(PLAIN), policy=policy, directory=directory)
    assert findings(result, "EMAIL-5") == []


@pytest.mark.rule("EMAIL-6")
def test_trail_with_personal_data_is_held_with_offsets_and_a_stripped_body(
    policy, directory, message
):
    body = (
        "Hi Sarah,\n\nThanks, noted.\n\n"
        "-----Original Message-----\nFrom: Duty <duty@leics.gov.uk>\nSent: 03 June 2024 16:42\n"
        "Subject: Referral\n\n" + SENSITIVE + "\n"
    )
    result = check_message(
        message(body, subject="RE: Referral"), policy=policy, directory=directory
    )
    f = findings(result, "EMAIL-6")
    assert f
    assert f[0].severity == Severity.HOLD
    start, end = f[0].evidence["start"], f[0].evidence["end"]
    assert body[start:].startswith("-----Original Message-----")
    assert end == len(body)
    assert result.stripped_trail_body is not None
    assert "Original Message" not in result.stripped_trail_body
    assert "Thanks, noted." in result.stripped_trail_body


@pytest.mark.rule("EMAIL-6")
@pytest.mark.parametrize("to", ["sarah.jones@leics.gov.uk", "jane.parent@gmail.com"])
def test_the_gateway_holds_a_personal_trail_as_the_presend_check_does(
    policy, directory, message, to
):
    """The gateway checks without rewrites (offer_rewrites=False); only the offered bodies
    differ, never the verdict or the findings."""
    body = (
        "Hi Sarah,\n\nThanks, noted.\n\n"
        "-----Original Message-----\nFrom: Duty <duty@leics.gov.uk>\nSent: 03 June 2024 16:42\n"
        "Subject: Referral\n\n" + SENSITIVE + "\n"
    )
    msg = message(body, subject="RE: Referral", to=to)
    gateway = check_message(msg, policy=policy, directory=directory, offer_rewrites=False)
    page = check_message(msg, policy=policy, directory=directory)
    assert findings(gateway, "EMAIL-6")
    assert findings(gateway, "EMAIL-6")[0].severity == Severity.HOLD
    assert gateway.verdict == page.verdict
    assert gateway.findings == page.findings
    assert gateway.stripped_trail_body is None
    assert page.stripped_trail_body is not None


@pytest.mark.rule("EMAIL-6")
def test_trail_without_personal_data_is_not_an_email6_finding(policy, directory, message):
    body = (
        "Fine by me.\n\nOn Mon, 3 Jun 2024 at 16:42, Sarah <s@x.org> wrote:\n"
        "> Is room 4 free on Thursday afternoon?\n> Thanks\n"
    )
    result = check_message(message(body, subject="Re: Room"), policy=policy, directory=directory)
    assert findings(result, "EMAIL-6") == []
    assert findings(result, "EMAIL-5")


@pytest.mark.rule("EMAIL-6")
def test_html_only_trail_is_found(policy, directory):
    from email.message import EmailMessage

    m = EmailMessage()
    m["From"] = "officer@ashby.sch.uk"
    m["To"] = "sarah.jones@leics.gov.uk"
    m["Subject"] = "RE: CP"
    html = (
        '<div>I will send the report.</div><div id="divRplyFwdMsg"><b>From:</b> Sarah<br>'
        "<b>Sent:</b> today</div><div>" + SENSITIVE + "</div>"
    )
    m.set_content(html, subtype="html")
    result = check_message(m, policy=policy, directory=directory)
    f = findings(result, "EMAIL-6")
    assert f
    assert f[0].evidence["part"] == "text/html"
    assert html[f[0].evidence["start"] :].startswith('<div id="divRplyFwdMsg"')


@pytest.mark.rule("EMAIL-6")
def test_attached_message_with_personal_data_counts_as_a_trail(policy, directory, message):
    outer = message("See the attached email.")
    inner = message(SENSITIVE, subject="Referral")
    outer.add_attachment(inner)
    result = check_message(outer, policy=policy, directory=directory)
    assert findings(result, "EMAIL-6")
    assert findings(result, "EMAIL-5")


# --- SENS-2 and SENS-3 ----------------------------------------------------------------------------


@pytest.mark.rule("SENS-2")
def test_special_categories_are_reported(policy, directory, message):
    result = check_message(message(SENSITIVE), policy=policy, directory=directory)
    assert result.classification == "sensitive"
    assert findings(result, "SENS-2")
    assert {"health", "safeguarding"} & set(result.special_categories)


@pytest.mark.rule("SENS-3")
def test_personal_data_to_insecure_domain_asks_for_the_safest_route(policy, directory, message):
    result = check_message(
        message(PERSONAL, to="worker@agency.org.uk"), policy=policy, directory=directory
    )
    assert Severity.WARN in severities(result, "SENS-3")
    secure = check_message(message(PERSONAL), policy=policy, directory=directory)
    assert findings(secure, "SENS-3") == []


@pytest.mark.rule("SENS-3")
def test_contact_with_a_secure_address_on_record_is_pointed_to_it(policy, directory, message):
    result = check_message(
        message(PERSONAL, to="tom.reed@charity.org.uk"), policy=policy, directory=directory
    )
    assert any("tom.reed@charity.cjsm.net" in f.message for f in findings(result, "SENS-3"))


# --- the result ---


def test_internal_plain_message_is_allowed(policy, directory, message):
    result = check_message(
        message(PLAIN, to="colleague@ashby.sch.uk"), policy=policy, directory=directory
    )
    assert result.verdict == "allow"
    assert result.exit_status == 0


def test_result_as_dict_has_the_documented_shape_and_no_personal_data_in_summary(
    policy, directory, message
):
    result = check_message(message(SENSITIVE, to="x@gmail.com"), policy=policy, directory=directory)
    d = result.as_dict()
    json.dumps(d)
    assert d["verdict"] == result.verdict
    assert d["policy_version"] == "test-1"
    assert {"rule", "severity", "message"} <= set(d["findings"][0])
    summary = json.dumps(d["summary"])
    assert "Jane" not in summary
    assert "gmail" not in summary
    assert "12/03/2014" not in summary


def test_envelope_recipients_override_headers(policy, directory, message):
    result = check_message(
        message(PLAIN, to="colleague@ashby.sch.uk"),
        policy=policy,
        directory=directory,
        recipients=["anyone@banned.example.org"],
    )
    assert result.verdict == "block"


@pytest.mark.rule("EMAIL-1")
def test_an_html_alternative_that_says_more_than_the_plain_text_is_checked_too():
    from email.message import EmailMessage

    from safehaven.core.email import InMemoryDirectory, check_message, load_policy

    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = "officer@ashby.sch.uk", "parent@gmail.com", "Thursday"
    m.set_content("See you on Thursday.\n")
    m.add_alternative(
        "<p>See you on Thursday.</p><p style='display:none'>Jane Smith (DOB 12/03/2014) has a "
        "child protection plan and sees CAMHS.</p>",
        subtype="html",
    )
    result = check_message(m, policy=load_policy(None), directory=InMemoryDirectory())
    assert result.classification == "sensitive"
    assert result.verdict in {"hold", "block"}
    assert any("HTML version" in f.message for f in result.findings)


def test_an_html_alternative_with_the_same_words_is_not_analysed_twice():
    from email.message import EmailMessage

    from safehaven.core.email import InMemoryDirectory, check_message, load_policy

    m = EmailMessage()
    m["From"], m["To"], m["Subject"] = "officer@ashby.sch.uk", "parent@gmail.com", "Thursday"
    m.set_content("See you on Thursday at the school gate.\n<https://example.org/map>\n")
    m.add_alternative("<p>See you on <b>Thursday</b> at the school gate.</p>", subtype="html")
    result = check_message(m, policy=load_policy(None), directory=InMemoryDirectory())
    assert not any("HTML version" in f.message for f in result.findings)
