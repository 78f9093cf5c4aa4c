from safehaven.core.findings import Finding, Severity, worst


def test_worst_picks_the_most_serious_severity():
    findings = [
        Finding(rule="EMAIL-3", severity=Severity.INFO, message="call"),
        Finding(rule="EMAIL-4", severity=Severity.HOLD, message="generic mailbox"),
        Finding(rule="EMAIL-2", severity=Severity.WARN, message="full name"),
    ]
    assert worst(findings) is Severity.HOLD


def test_worst_of_nothing_is_the_default():
    assert worst([]) is Severity.INFO
    assert worst([], default=Severity.BLOCK) is Severity.BLOCK


def test_finding_serialises_with_its_rule():
    finding = Finding(rule="TEL-5", severity=Severity.BLOCK, message="mobile", evidence={"n": 1})
    assert finding.as_dict() == {
        "rule": "TEL-5",
        "severity": "block",
        "message": "mobile",
        "evidence": {"n": 1},
    }
