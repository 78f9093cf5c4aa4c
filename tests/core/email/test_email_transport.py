"""Transport status (MTA-STS, TLS-RPT, DMARC) recorded by the background refresher (EMAIL-1)."""

from __future__ import annotations

import json

import pytest

from safehaven.core.email import check_message, load_policy
from safehaven.core.email.transport import (
    dmarc_policy,
    has_tls_rpt,
    mta_sts_mode,
    refresh_policy_file,
    transport_status,
)

POLICY_ENFORCE = "version: STSv1\nmode: enforce\nmx: mail.agency.org.uk\nmax_age: 86400\n"


class FakeLookup:
    def __init__(self, txt: dict[str, list[str]], https: dict[str, str]) -> None:
        self._txt = txt
        self._https = https
        self.calls: list[str] = []

    def txt(self, name: str) -> list[str]:
        self.calls.append(name)
        if name.startswith("broken."):
            raise OSError("timeout")
        return self._txt.get(name, [])

    def https_get(self, url: str) -> str | None:
        self.calls.append(url)
        return self._https.get(url)


AGENCY = FakeLookup(
    {
        "_mta-sts.agency.org.uk": ["v=STSv1; id=20240101"],
        "_smtp._tls.agency.org.uk": ["v=TLSRPTv1; rua=mailto:tls@agency.org.uk"],
        "_dmarc.agency.org.uk": ["v=DMARC1; p=reject; rua=mailto:d@agency.org.uk"],
        "_mta-sts.testing.org.uk": ["v=STSv1; id=1"],
    },
    {
        "https://mta-sts.agency.org.uk/.well-known/mta-sts.txt": POLICY_ENFORCE,
        "https://mta-sts.testing.org.uk/.well-known/mta-sts.txt": POLICY_ENFORCE.replace(
            "enforce", "testing"
        ),
    },
)


def test_record_parsers():
    assert mta_sts_mode(["v=STSv1; id=1"], POLICY_ENFORCE) == "enforce"
    assert mta_sts_mode([], POLICY_ENFORCE) == "none"  # TXT record is required too
    assert mta_sts_mode(["v=STSv1; id=1"], None) == "none"
    assert mta_sts_mode(["v=STSv1"], "version: STSv1\nmode: odd\n") == "none"
    assert dmarc_policy(["v=spf1 -all", "v=DMARC1; p=quarantine"]) == "quarantine"
    assert dmarc_policy([]) == "none"
    assert has_tls_rpt(["v=TLSRPTv1; rua=mailto:x@y"])


def test_status_from_lookups_and_failed_lookups_are_not_secure():
    s = transport_status("Agency.org.uk", AGENCY)
    assert (s.mta_sts, s.tls_rpt, s.dmarc) == ("enforce", True, "reject")
    assert transport_status("testing.org.uk", AGENCY).mta_sts == "testing"
    broken = transport_status("broken.org.uk", FakeLookup({}, {}))
    assert broken.mta_sts == "none"


@pytest.mark.rule("EMAIL-1")
def test_refresh_rewrites_the_policy_file_and_the_checks_use_it(tmp_path, directory, message):
    path = tmp_path / "policy.json"
    path.write_text(
        json.dumps(
            {
                "version": "dpo-7",
                "partner_domains": ["agency.org.uk", "testing.org.uk"],
                "transport": [{"domain": "old.org.uk", "mta_sts": "enforce"}],
            }
        )
    )
    sensitive = "Jane Smith (DOB 12/03/2014) has a child protection plan."
    before = check_message(
        message(sensitive, to="w@agency.org.uk"), policy=load_policy(path), directory=directory
    )
    assert any(f.rule == "EMAIL-1" for f in before.findings)

    refresh_policy_file(path, AGENCY)
    data = json.loads(path.read_text())
    assert data["version"].startswith("dpo-7+transport-")
    assert {t["domain"] for t in data["transport"]} == {
        "old.org.uk",
        "agency.org.uk",
        "testing.org.uk",
    }
    policy = load_policy(path)
    assert policy.domain_security("agency.org.uk").source == "transport"
    assert policy.domain_security("testing.org.uk") is None
    after = check_message(
        message(sensitive, to="w@agency.org.uk"), policy=policy, directory=directory
    )
    assert not any(f.rule == "EMAIL-1" for f in after.findings)
    assert after.policy_version == data["version"]
