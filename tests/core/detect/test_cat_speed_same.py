"""Session 5 speed work on categories.py gives the same findings as before it.

Each shortcut is compared with the slower way it replaces: the sentence-break pattern written
with its first character as a set, one-word terms looked up in a set instead of a regular
expression, the negation words' offsets taken from the scan instead of the bytes before each
term, the field stems searched once per stem.
"""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from safehaven.core.detect import analyse
from safehaven.core.detect import categories as cat

# the pattern before session 5
_OLD_SENTENCE_BREAK = re.compile(r"(?:[.!?](?:\s|$)|\n\s*\n)")

_WORDS = st.sampled_from(
    [
        "asthma",
        "sick",
        "Sick",
        "mosque",
        "mosques",
        "councillor",
        "Labour",
        "child",
        "protection",
        "plan",
        "social",
        "worker",
        "no",
        "not",
        "never",
        "casino",
        "knot",
        "nothing",
        "medical",
        "needs",
        "he",
        "Jayden",
        "Smith",
        "Religion",
        "faith",
        "ethnic",
        "Muslim",
        "2",
        "\u0663",  # ARABIC-INDIC DIGIT THREE: \d and str.isdecimal, not ASCII
        "\u00b2",
        "\u00e9",
    ]
)
_GLUE = st.sampled_from(
    [" ", "  ", "-", " - ", "&", "\n", "\n\n", "\n \n", ". ", ".", "!", "?", ": ", "'", "   "]
)
_TEXT = st.lists(st.tuples(_WORDS, _GLUE), max_size=30).map(
    lambda pairs: "".join(a + b for a, b in pairs)
)


@settings(max_examples=400, deadline=None)
@given(_TEXT, st.integers(0, 200), st.integers(0, 200))
def test_sentence_break_finds_what_the_old_pattern_finds(text, pos, endpos):
    old = [m.span() for m in _OLD_SENTENCE_BREAK.finditer(text, pos, endpos)]
    assert [m.span() for m in cat.SENTENCE_BREAK.finditer(text, pos, endpos)] == old
    old_search = _OLD_SENTENCE_BREAK.search(text, pos, endpos)
    new_search = cat.SENTENCE_BREAK.search(text, pos, endpos)
    assert (old_search and old_search.span()) == (new_search and new_search.span())


def _scan_without_offsets(*args, **kwargs):
    """_scan as if it had not reported the negation words' offsets (the older check runs)."""
    kwargs.pop("found", None)
    args = args[:6]
    return _REAL_SCAN(*args, **kwargs)


_REAL_SCAN = cat._scan


def _persons(text):
    return [s for s in analyse(text).spans if s.type == "PERSON"]


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_negation_offsets_from_the_scan_give_the_same_findings(text):
    persons = _persons(text)
    fast = cat.find_categories(text, persons)
    cat._scan = _scan_without_offsets
    try:
        slow = cat.find_categories(text, persons)
    finally:
        cat._scan = _REAL_SCAN
    assert fast == slow


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_one_word_terms_in_a_set_match_as_the_pattern_did(text):
    slow_hits, slow_blocked, _ = cat._scan_by_words(text)
    prepared = cat._words_lower(text)
    if prepared is None:
        return
    low, enc = prepared
    fast = cat._scan(text, low, enc, set(enc.split()))
    if fast is None:
        return  # the slow path decides
    norm = lambda d: {c: sorted(v) for c, v in d.items() if v}  # noqa: E731
    assert (norm(fast[0]), norm(fast[1])) == (norm(slow_hits), norm(slow_blocked))


def test_the_set_lookup_respects_the_patterns_look_ahead():
    # "&" or "-<digit>" after a term: not the term ("A&E"-like, a reference), for any decimal
    # digit as \d reads it ("\u0663"); a digit that \d does not know but str.isdigit does ("²")
    # is left to the slow path, which the scan signals with None
    text = "He has asthma&x, asthma-2, asthma-\u0663 and asthma."
    low, enc = cat._words_lower(text)
    hits, _ = cat._scan(text, low, enc, set(enc.split()))
    assert [h[0] for h in hits["health"]] == [text.rindex("asthma")]
    text = "He has asthma-\u00b2."
    low, enc = cat._words_lower(text)
    assert cat._scan(text, low, enc, set(enc.split())) is None


def _field_lines_before(text, low):
    """_field_lines as before session 5: every stem searched again after each line."""
    pos = 0
    while True:
        found = [p for p in (low.find(stem, pos) for stem in cat._FIELD_STEMS) if p >= 0]
        if not found:
            return
        label_at = min(found)
        line_end = low.find("\n", label_at)
        if line_end < 0:
            line_end = len(low)
        yield max(pos, low.rfind("\n", 0, label_at) + 1), line_end
        pos = line_end


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_field_lines_as_before(text):
    low = text.lower()
    if len(low) != len(text) or "ı" in text:
        return
    assert list(cat._field_lines(text, low)) == list(_field_lines_before(text, low))
