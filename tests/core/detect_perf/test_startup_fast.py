"""Session 6's start-up and short-document shortcuts give exactly what the code they replace gives.

- `names._lower_name_places` finds a lower-case first name with `str.find` and `str.isalnum`
  where `names._lower_name_at(word).finditer` compiled a pattern for each new name.
- The particle patterns (`names._PARTICLE_RE`, `_ROW_SURNAME_FIRST`) list particles of one length
  in a fixed order (they were in a set's order, which changes with the hash seed, so the pattern's
  text changed from process to process and missed the compiled-pattern cache): the order of
  same-length particles must not change a match.
- `patterns._context_fast_res` compiles the plain context patterns only when it falls back to
  them.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from safehaven.core.detect import names, patterns

DEV = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "uk-cs-dev.jsonl"

WORDS = ["mykola", "bogdan", "sagal", "ana", "zoë", "łucja", "mei", "a", "ab"]
PIECES = [
    *WORDS, " ", "  ", "\n", "\t", ",", ".", "'", "’", "'s", "’s", "'s.", "’sx", "-", "_", "0",
    "7", "²", "½", "٣", "x", "X", "é", "É", "ß", "ſ", "ı", "İ", "Σ", "\u0301", "\u200d", "🙂",
    "(", ")", "mum", "tell ", "and ", "\ud800",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def _dev_texts() -> list[str]:
    with DEV.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()][:200]


def _reference_places(text: str, word: str) -> list[tuple[int, int]]:
    return [m.span(1) for m in names._lower_name_at(word).finditer(text)]


@given(texts, st.sampled_from(WORDS))
@settings(max_examples=500, deadline=None)
def test_lower_name_places_are_the_patterns_matches(text, word):
    assert names._lower_name_places(text, word) == _reference_places(text, word)


@given(st.text(max_size=60), st.text(min_size=1, max_size=4))
@settings(max_examples=500, deadline=None)
def test_lower_name_places_agree_on_any_text_and_word(text, word):
    text = text.replace(word[0], word, 3)  # make the word turn up now and then
    assert names._lower_name_places(text, word) == _reference_places(text, word)


def test_lower_name_places_on_the_dev_corpus():
    for text in _dev_texts():
        low = text.lower()
        for word in {w for w in re.findall(r"[^\W\d_]{3,}", low)[:40]}:
            assert names._lower_name_places(low, word) == _reference_places(low, word)


def test_lower_name_places_edge_cases():
    for text, word in [
        ("mykola's mum", "mykola"),
        ("mykolas", "mykola"),
        ("xmykola", "mykola"),
        ("_mykola_", "mykola"),
        ("mykola²", "mykola"),
        ("mykolamykola mykola", "mykola"),
        ("aaa", "aa"),
        ("", "ana"),
        ("ana", ""),
    ]:
        assert names._lower_name_places(text, word) == _reference_places(text, word)


def _shuffled_particles_re(reverse_ties: bool) -> re.Pattern[str]:
    """`names._particles_re()` with same-length particles in another order."""
    by_first: dict[str, list[str]] = {}
    for p in names._KEEP_LOWER:
        if p.isalpha():
            by_first.setdefault(p[0], []).append(p[1:])
    groups = []
    for first, rests in sorted(by_first.items()):
        ordered = sorted(sorted(rests, reverse=reverse_ties), key=len, reverse=True)
        alts = "|".join(re.escape(r) for r in ordered)
        groups.append(f"{first}(?<!{names._LETTER}{first})(?:{alts})")
    return re.compile("(?:" + "|".join(groups) + ")(?!" + names._LETTER + ")" + names._WORD_TAIL)


PARTICLE_PIECES = [
    *sorted(names._KEEP_LOWER), " ", "-", "'", "’", ".", "x", "Y", "é", "\n", "abu", "binti",
    "nic", "ní", "Van", "DE", "ó", "o", "Smith", ", ", "Zoë", "ap Rhys",
]  # fmt: skip
particle_texts = st.lists(st.sampled_from(PARTICLE_PIECES), max_size=30).map("".join)


@given(particle_texts)
@settings(max_examples=800, deadline=None)
def test_particle_order_of_one_length_does_not_change_matches(text):
    def found(pattern: re.Pattern[str]) -> list[tuple[int, int]]:
        return [m.span() for m in pattern.finditer(text)]

    assert found(names._PARTICLE_RE) == found(_shuffled_particles_re(False))
    assert found(names._PARTICLE_RE) == found(_shuffled_particles_re(True))


@given(particle_texts)
@settings(max_examples=800, deadline=None)
def test_row_particles_order_of_one_length_does_not_change_matches(text):
    parts = sorted({p for p in names.PARTICLES if p.isalpha()} | {"ó", "o"})
    other = "|".join(sorted(sorted(parts, reverse=True), key=len, reverse=True))
    assert other != names._ROW_PARTICLES
    shuffled = re.compile(names._ROW_SURNAME_FIRST.pattern.replace(names._ROW_PARTICLES, other, 1))
    text = "\n" + text
    assert [m.span(1) for m in names._ROW_SURNAME_FIRST.finditer(text)] == [
        m.span(1) for m in shuffled.finditer(text)
    ]


def test_particle_patterns_are_the_same_text_whatever_the_hash_seed():
    # A set's order follows the hash seed; the pattern is built from sorted particles.
    rebuilt = names._particles_re()
    assert rebuilt.pattern == names._PARTICLE_RE.pattern
    assert "(?:inti|int|in)" in names._PARTICLE_RE.pattern


def test_context_fast_patterns_match_as_the_plain_ones():
    from safehaven.core.detect.lexicons import toml_table

    entities = [*toml_table("context.toml"), "DATE_OF_BIRTH", "NOT_AN_ENTITY"]
    assert {"UK_NHS", "UK_UPN", "PHONE_NUMBER"} <= set(entities)
    for entity in entities:
        fast = patterns._context_fast_res(entity)
        plain = patterns._context_res(entity)
        for text in _dev_texts()[:100]:
            low = text.lower()
            for f, p in zip(fast, plain, strict=True):
                if p is None:
                    assert f is None
                    continue
                assert [m.span() for m in f.finditer(low)] == [m.span() for m in p.finditer(low)]
