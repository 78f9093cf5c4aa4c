from __future__ import annotations

from email.message import EmailMessage

import pytest

from safehaven.core.email import InMemoryDirectory, policy_from_dict

POLICY = {
    "version": "test-1",
    "internal_domains": ["ashby.sch.uk"],
    "partner_domains": ["leics.gov.uk", "leicestershire.police.uk"],
    "secure_domains": [{"domain": "leics.gov.uk", "source": "local"}],
}

DIRECTORY = {
    "contacts": [
        {"address": "sarah.jones@leics.gov.uk", "name": "Sarah Jones", "organisation": "LCC"},
        {
            "address": "tom.reed@charity.org.uk",
            "name": "Tom Reed",
            "secure_address": "tom.reed@charity.cjsm.net",
        },
    ],
    "history": {
        "officer@ashby.sch.uk": [
            "sarah.jones@leics.gov.uk",
            "tom.reed@charity.org.uk",
            "amy.hill@nhs.net",
            "duty@leics.gov.uk",
        ]
    },
    "service_users": [
        {
            "id": "su-1",
            "display": "J.S. (UPN A123456789012)",
            "names": ["Jane Smith"],
            "identifiers": ["A123456789012"],
            "linked": ["@leics.gov.uk", "amy.hill@nhs.net"],
            "consent_generic": ["duty@leics.gov.uk"],
        }
    ],
    "restrictions": [
        {"target": "@banned.example.org", "reason": "court order: no contact"},
        {"target": "dad@example.com", "reason": "father not to be told", "service_user_id": "su-1"},
    ],
}


@pytest.fixture
def policy():
    return policy_from_dict(POLICY)


@pytest.fixture
def directory():
    return InMemoryDirectory.from_dict(DIRECTORY)


def _message(
    body: str = "The meeting has moved to Thursday at 10am in room 4.",
    *,
    to: str = "Sarah Jones <sarah.jones@leics.gov.uk>",
    sender: str = "officer@ashby.sch.uk",
    subject: str = "Update",
    html: str | None = None,
    headers: dict[str, str] | None = None,
) -> EmailMessage:
    m = EmailMessage()
    m["From"] = sender
    m["To"] = to
    m["Subject"] = subject
    for k, v in (headers or {}).items():
        m[k] = v
    m.set_content(body)
    if html is not None:
        m.add_alternative(html, subtype="html")
    return m


@pytest.fixture
def message():
    """Builds an EmailMessage: message(body, to=..., subject=..., html=..., headers=...)."""
    return _message
