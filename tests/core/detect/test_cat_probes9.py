"""Session 9's probe sentences (tests/core/detect/probes_session9.txt): about a thousand
hand-written notes, emails and form lines in the voices of UK schools and children's services,
each saying which special category it reveals about a person ("-": none). Written before the
vocabulary was read; kept here so that no later change loses one (SENS-2)."""

from pathlib import Path

import pytest

from safehaven.core.detect import analyse

PROBES = Path(__file__).with_name("probes_session9.txt")


def _probes() -> list[tuple[str, str]]:
    out = []
    for line in PROBES.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            expected, text = line.split("|", 1)
            out.append((expected, text))
    return out


def test_the_probe_file_holds_positives_and_look_alikes_of_every_kind():
    expected = {e for e, _ in _probes()}
    assert len(_probes()) > 1000
    assert {"-", "religion", "sexual_orientation", "safeguarding", "criminal", "ethnicity"} <= (
        expected
    )


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(("expected", "text"), _probes())
def test_a_probe_reveals_what_it_says_and_a_look_alike_nothing(expected, text):
    got = set(analyse(text).special_categories)
    if expected == "-":
        assert got == set(), f"a look-alike flagged {sorted(got)}"
    else:
        assert expected in got, f"missed {expected}; found {sorted(got)}"
