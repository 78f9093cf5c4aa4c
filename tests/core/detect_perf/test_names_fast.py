"""The names step's fast paths give exactly what the plain code they replace gives.

Session 5 made `find_names` faster without changing a span: the capitalised words are found with
one `split` (positions from the running length of the parts), the particles with a scan led by
the character before them, runs are decided from the gap's length and first character, a
one-word run is scored by `_score_one` instead of `_score` and judged by `_judge_lone` instead of
`_judge_index`. Each is compared here with the plain version (kept below, or still in names.py)
on generated texts built from the pieces that matter and on the dev corpus.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safehaven.core.detect import names
from safehaven.core.detect.names import Token

DEV = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "uk-cs-dev.jsonl"

PIECES = [
    " ", " ", " ", "  ", "   ", "\n", "\t", ",", ".", ". ", "..", ":", ": ", ";", "-", "–", "'",
    "’", "(", ")", "/", "_", "0", "7", "12", "2024", "14 ", "Jayden", "Smith", "O'Neill", "O'the",
    "al", "al-Hassan", "al-", "de", "De", "DE", "la", "van", "Van", "der", "the", "The", "the.",
    "the-End", "st.", "St.", "Mr", "Mr.", "Mrs", "Dr.", "J.", "J", "A", "AB", "KP", "Y.O.", "C.",
    " d'", "d'Almeida", " dell’", "Olio", "'s", "’s", "Jayden's", "May", "Parsons", "Will", "Hill",
    "Road", "Mill Lane", "Riverside", "Primary", "School", "Council", "Dear", "Kind regards,\n",
    "Name:", "Religion:", "Re:", "said", "was", "(Mum)", "(8)", "class", "<a@b.org>", "Thu", "in",
    "Hope", "Valley", "HMP", "Crohn's disease", "Amber", "Nasra", "Xyzzy", "ſ", "ā", "Ä",
    "Łucja", "Σ", "é", "ÉLODIE", "NASRA NUR", "LIBAN", "£", "…", "“", "”",
]  # fmt: skip

texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _dev_texts() -> list[str]:
    with DEV.open(encoding="utf-8") as fh:
        docs = [json.loads(line)["text"] for line in fh if line.strip()][:150]
    return [*docs, "\n\n".join(docs)]


# --- plain versions, as they were before session 5 ----------------------------------------------


def plain_particles(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in names._PARTICLE_RE.finditer(text)]


def plain_capitalised(text: str) -> list[tuple]:
    out = []
    for m in names._CAPS_RE.finditer(text):
        word, n, low, kind, initial, allcaps = names._RAW_INFO[m.group()]
        out.append((m.group(), m.start(), m.start() + n, word, low, initial, True, allcaps, kind))
    return out


def plain_runs(text: str, tokens: list[Token]) -> list[list[int]]:
    """names._runs before session 5: every gap read and judged by _joinable."""
    runs: list[list[int]] = []
    current: list[int] = []
    last = len(tokens) - 1
    prev: Token | None = None
    for i, tok in enumerate(tokens):
        if tok.initial and text[max(0, tok.start - 2) : tok.start].strip()[-1:].isdigit():
            if current:
                runs.append(current)
            current = []
            continue
        if (
            current
            and (
                tok.caps
                or (
                    tok.lower in names.PARTICLES
                    and i < last
                    and (
                        tokens[i + 1].caps
                        or (
                            i + 1 < last
                            and tokens[i + 1].lower in names.PARTICLES
                            and tokens[i + 2].caps
                        )
                    )
                )
            )
            and (
                (
                    text[prev.end : tok.start] == " "
                    and text[prev.end : prev.end + 2] not in ("'s", "’s")
                )
                or names._joinable(text, prev, tok)
            )
        ):
            current.append(i)
            prev = tok
            continue
        if current:
            runs.append(current)
        current = [i] if tok.caps else []
        prev = tok
    if current:
        runs.append(current)
    return runs


def _fields(tokens: list[Token]) -> list[tuple]:
    return [
        (t.text, t.start, t.end, t.word, t.lower, t.initial, t.caps, t.allcaps, t.kind)
        for t in tokens
    ]


def _candidate(c) -> tuple | None:
    return None if c is None else (c.start, c.end, c.score, c.why, c.words)


def check_scores(text: str) -> int:
    """_score_one against _score for every word _judge_single would score, known or not, after
    "the" or not; returns how many were compared."""
    L = names._lists()
    compared = 0
    for tok in names._tokenise(text):
        for k in {tok.kind, "first_weak"} & (names._NAME_LIKE - {"initial"}):
            for known in (frozenset(), frozenset({tok.lower})):
                for prev_the in (False, True):
                    fast = names._score_one(text, tok, k, L, known, prev_the)
                    plain = names._score(text, [tok], [k], False, "", L, known, prev_the)
                    assert _candidate(fast) == _candidate(plain), (tok, k, known, prev_the)
                    compared += 1
    return compared


def check_single_runs(text: str) -> None:
    """find_names judges a one-word run itself; the result and `settled` are _judge_index's."""
    L = names._lists()
    tokens = names._tokenise(text)
    for run in names._runs(text, tokens):
        if len(run) != 1:
            continue
        for known in (frozenset(), frozenset({tokens[run[0]].lower})):
            plain, plain_settled = names._judge_index(text, tokens, run, L, known)
            fast, settled = names._judge_lone(text, tokens, run[0], L, known)
            assert [_candidate(c) for c in fast] == [_candidate(c) for c in plain]
            assert settled == plain_settled


def check_all(text: str) -> None:
    assert names._particles(text) == plain_particles(text)
    assert _fields(names._capitalised(text)) == plain_capitalised(text)
    tokens = names._tokenise(text)
    assert names._runs(text, tokens) == plain_runs(text, tokens)
    check_scores(text)
    check_single_runs(text)


# --- the tests -----------------------------------------------------------------------------------


@given(texts)
@settings(max_examples=500, deadline=None)
def test_fast_paths_agree_with_the_plain_code_on_generated_text(text):
    check_all(text)


@pytest.mark.parametrize(
    "text",
    [
        "the van der Berg family; the. the-End; O'the Smith; 9the Smith; _de la Cruz",
        "J.van Damme; Mr.de Souza; the.the; al-Hassan.de; St.the",
        "Dear Mrs Nanette d'Almeida and Marie dell’Olio, Dr. Justin Beet; Layla. You",
        "AB 12 34 56 C. Jayden; Flat 4 B; 7 J Smith; Jayden's mother; Holly THOMPSON's carer",
        "Name: NASRA NUR\nRe: LIBAN HIRSI\nKind regards,\n\nÉLODIE ŁUCJA",
        "ſO'Neill met ā Jayden; Σmith; Ärzte de Ärzte",
        "Ana van-de-la Cruz, (de la Rosa) 'van' -der_the\n\tla Vega; al-de; the’de",
        "Thu: swimming. On Thu, 27 April Amber was upset; the May half term; May Parsons",
        "Crohn's disease; Robin class; Ward 27; HMP Wandsworth; support in Hope Valley",
    ],
)
def test_edge_cases_agree(text):
    check_all(text)


def test_dev_corpus_agrees():
    compared = 0
    for text in _dev_texts():
        check_all(text)
        compared += check_scores(text)
    assert compared > 5_000  # the comparison ran over many words


def test_particle_scan_falls_back_when_a_match_ends_with_a_full_stop():
    """A particle right after another's full stop ("the.van") has no character of its own before
    it: the plain scan is used, and finds both."""
    text = "the.van de.the"
    assert names._particles(text) == plain_particles(text)
    assert [raw for _, raw in names._particles(text)] == ["the.", "van", "de.", "the"]


def test_particle_found_inside_another_is_dropped():
    """ "van-de" is one particle word; the scan after the hyphen also finds "de" inside it."""
    text = "Jan van-de Berg"
    assert names._particles(text) == plain_particles(text) == [(4, "van-de")]


def test_rounded_scores_are_round():
    for score in (0.0, 0.2, 0.35, 0.6 + 0.15, 0.88 + 0.08, 0.97, 0.9 - 0.2, 1 / 3):
        assert names._ROUNDED[score] == round(score, 3)
