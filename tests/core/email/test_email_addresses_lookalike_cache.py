"""`lookalike_of` keeps the known domains' forms and its answers per set of known domains: the
answers are those of working everything out on every call (the code before, below)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import OSA

from safehaven.core.email.addresses import (
    Lookalike,
    _max_distance,
    fold_confusables,
    lookalike_of,
    normalise_domain,
)


def _reference(domain, known, max_distance=2):  # noqa: ANN001, ANN202 - the code before
    d = normalise_domain(domain)
    known_set = {normalise_domain(k) for k in known if k}
    if not d or d in known_set:
        return None
    skeleton = fold_confusables(d)
    best, best_dist = None, 10**6
    for k in sorted(known_set):
        if d.endswith("." + k):
            continue
        if fold_confusables(k) == skeleton:
            return Lookalike(domain=d, resembles=k, how="IDN" if "xn--" in d else "homoglyph")
        limit = _max_distance(len(k), max_distance)
        if limit == 0:
            continue
        dist = OSA.distance(d, k, score_cutoff=limit)
        if dist <= limit and dist < best_dist:
            best, best_dist = Lookalike(domain=d, resembles=k, how=f"edit distance {dist}"), dist
        skel_dist = OSA.distance(skeleton, fold_confusables(k), score_cutoff=limit)
        if skel_dist <= limit and skel_dist < best_dist:
            best = Lookalike(domain=d, resembles=k, how=f"edit distance {skel_dist} (confusables)")
            best_dist = skel_dist
    return best


KNOWN = ["leics.gov.uk", "leicestershire.police.uk", "ashby.sch.uk", "nhs.net", "gmail.com"]
_LABEL = st.text(alphabet="abcilmnorst01-", min_size=1, max_size=12)
_DOMAIN = st.one_of(
    st.sampled_from(KNOWN + ["1eics.gov.uk", "leics.gov.uk.evil.com", "xn--lics-gra.gov.uk"]),
    st.builds("{}.{}".format, _LABEL, st.sampled_from(["gov.uk", "sch.uk", "net", "com"])),
    st.builds("{}.gov.uk".format, st.sampled_from(["lelcs", "leisc", "Ieics", "leics", "lеics"])),
)


@settings(max_examples=300)
@given(
    st.lists(_DOMAIN, max_size=8),
    st.lists(st.tuples(_DOMAIN, st.integers(0, 3)), min_size=1, max_size=6),
)
def test_the_answers_are_those_of_working_everything_out_each_time(known, asks):
    for domain, distance in asks * 2:  # each asked twice: the second answer is a kept one
        got = lookalike_of(domain, frozenset(known), max_distance=distance)
        assert got == _reference(domain, known, distance)
        assert lookalike_of(domain, known, max_distance=distance) == got  # a list as well


def test_a_changed_set_of_known_domains_gives_its_own_answer():
    assert lookalike_of("lelcs.gov.uk", frozenset(KNOWN)) is not None
    assert lookalike_of("lelcs.gov.uk", frozenset(["example.org"])) is None
    assert lookalike_of("lelcs.gov.uk", frozenset([*KNOWN, "lelcs.gov.uk"])) is None


@pytest.mark.parametrize("how_many", [1, 5000])
def test_the_kept_answers_stay_bounded(how_many):
    from safehaven.core.email import addresses

    known = frozenset(KNOWN)
    for i in range(how_many):
        lookalike_of(f"x{i}.example.org", known)
    assert len(addresses._known_domains(known).answers) <= addresses._MAX_ANSWERS
