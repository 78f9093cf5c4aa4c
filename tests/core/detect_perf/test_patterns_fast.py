"""The pattern step's faster scanners find exactly what the plain regular expressions find.

patterns.py finds the runs of digits once and tries the ten-digit, phone, house-number and NI
number/postcode patterns only at the runs' ends; it finds birth cues in one scan from their first
letters, and house words from the comma after them. Each test compares one of these with the plain
`PATTERN.finditer(text)` it replaces, on generated texts built from the pieces that matter
(digits of other scripts, characters that `str.isalnum` takes but `\\d` does not, separators,
case-folding oddities) and on the dev corpus.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from safehaven.core.detect import patterns
from safehaven.core.detect.model import Span

DEV = Path(__file__).resolve().parents[3] / "benchmarks" / "data" / "uk-cs-dev.jsonl"

PIECES = [
    " ", " ", " ", "  ", "\n", "\r\n", "\t", "\u00a0", ",", ".", ":", "-", "–", "'", "’", "(", ")",
    "/", "+", "@", "%", "_", "x", "ext", "0", "00", "1", "7", "9", "12", "34", "56", "123", "1234",
    "12345", "2024", "07700", "900123", "123456", "1234567890", "9434765870", "943 476 5919",
    "+44", "(0)", "0116", "٣", "٣٤", "²", "½", "０", "𝟘", "a", "A", "B", "C", "D", "AB", "QQ", "Ab",
    "GIR", "0AA", "BFPO", "bfpo", "Bfpo", "BFPo", "SW1A", "1AA", "LE1", "6HL", "nd", "th", "Flat",
    "House", "Cottage", "Cottages", "Farmhouse", "Farm", "Mill", "View", "The", "Ty", "Rose",
    "Lane", "Road", "Mr", "d.o.b", "DOB", "dob", "born", "Born", "BORN", "date of birth",
    "birth date", "birthday", "b.", "B.", "db", "d", "b", "ſ", "K", "ı", "İ", "Σ", "Ж",
]  # fmt: skip
texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)


def spans(matches) -> list[tuple[int, int]]:
    return [m.span() for m in matches]


def plain_anchors(text: str) -> tuple[list[int], list[int]]:
    """_anchors as first written: the anchor pattern over the whole text, every "BFPO"."""
    nino: list[int] = []
    inward: list[int] = []
    for m in patterns._NINO_OR_INWARD_RE.finditer(text):
        (inward if m.lastindex is None else nino).append(m.start())
    if "bfpo" in text.lower():
        inward = sorted(inward + [m.start() for m in patterns._BFPO_RE.finditer(text)])
    return nino, inward


def check_text(text: str) -> None:
    runs = patterns._digit_runs(text)
    assert runs == spans(re.finditer(r"\d+", text))
    assert patterns._long_digit_runs(text, runs) == patterns._long_digit_runs(text)

    starts = patterns._ten_digit_starts(runs)
    assert spans(patterns._at_starts(patterns.TEN_DIGIT_RE, text, starts)) == spans(
        patterns.TEN_DIGIT_RE.finditer(text)
    )
    starts = patterns._phone_starts(text, runs)
    assert spans(patterns._at_starts(patterns._PHONE_FAST_RE, text, starts)) == spans(
        patterns.PHONE_RE.finditer(text)
    )
    assert patterns._house_numbers(text, runs) == [
        m.start() for m in patterns._HOUSE_NUMBER_RE.finditer(text)
    ]

    nino, inward = patterns._anchors(text, runs)
    plain_nino, plain_inward = plain_anchors(text)
    assert nino == plain_nino
    # "BFPO" counts only with a digit after it (perhaps after a space), as in a postcode.
    assert inward == [
        at for at in plain_inward if text[at].isdigit() or re.match(r"(?i:bfpo) ?\d", text[at:])
    ]
    assert spans(patterns._near(patterns.POSTCODE_RE, text, inward, 5, 10)) == spans(
        patterns.POSTCODE_RE.finditer(text)
    )
    assert spans(patterns._near(patterns.NINO_RE, text, nino, 3, 11)) == spans(
        patterns.NINO_RE.finditer(text)
    )

    assert patterns._house_word_commas(text) == [
        m.start() for m in patterns._HOUSE_WORD_COMMA_RE.finditer(text)
    ]
    assert spans(patterns._dob_cues(text)) == spans(patterns._dob_cue_re().finditer(text))


@given(texts)
@settings(max_examples=1500, deadline=None)
def test_fast_scanners_match_the_plain_patterns(text):
    check_text(text)


@given(st.text(max_size=60))
@settings(max_examples=800, deadline=None)
def test_fast_scanners_match_the_plain_patterns_on_any_text(text):
    check_text(text)


def test_the_digit_class_holds_every_decimal_digit():
    """The run pattern's first class takes ASCII digits and everything from U+0660: no decimal
    digit lies between them."""
    first_other = next(i for i in range(128, 0x110000) if re.match(r"\d", chr(i)))
    assert first_other == 0x0660


def test_edge_cases_agree():
    for text in [
        "BFPO 801; BFPO801; bfpo  12; BFPO; xBFPO 3; BFPO 12345",
        "NI: AB 12 34 56 C, QQ123456C, ab 1234 56 c, A1 234567, AB ٣٤ 56 78 C",
        "Call +44 (0)7700 900123 ext. 12 or 0116 496 0000; 00 44 116 496 0000; (020) 7946 0000",
        "943 476 5919, 943-476-5919, 9434765870, 943 476-5919, x9434765870, 9434765870a",
        "Rose Cottage, Back Lane; Farmhouse, Mill Hill; O'Farm, x; -House, 12 Mill Lane; Lodge,",
        "12 Mill Lane, 12a High St, 1-3 Ash Grove, 12345 Long Road, 1234 Long Road",
        "7,\n12 Mill\n4 Oak Road; 12\n- 14 Mill Lane; 5 ,Mill Lane; 6 – 8 Ash Grove",
        "d.o.b 01/02/2010, born on 3rd May 2011, DOB: 2012-03-04, b. 5.6.2013, undob, Dob,",
    ]:
        check_text(text)


def test_dev_corpus_agrees():
    with DEV.open(encoding="utf-8") as fh:
        docs = [json.loads(line)["text"] for line in fh if line.strip()][:300]
    for text in [*docs, "\n\n".join(docs)]:
        check_text(text)


CONTEXT_PIECES = [
    " ", " ", ":", "#", "&", "/", "'", "-", ".", "\n", "x", "1", "a", "s", "nhs", "no", "number",
    "num", "ni", "nino", "ni#", "h&c", "h", "&", "c", "a/c", "po", "ref", "reference", "phone",
    "phoned", "telephone", "tel", "tel no", "mob", "mobile", "call", "called", "calls", "ext",
    "extension", "direct line", "uln", "upn", "pupil", "learner", "invoice", "inv", "order",
    "İ", "ſ", "K", "é",
]  # fmt: skip


@given(st.lists(st.sampled_from(CONTEXT_PIECES), max_size=20).map("".join))
@settings(max_examples=800, deadline=None)
def test_context_words_as_a_trie_match_the_plain_alternation(window):
    for entity in ("UK_NHS", "UK_ULN", "UK_HC", "UK_NINO", "PHONE_NUMBER", "UK_POSTCODE"):
        plain, fast = patterns._context_res(entity), patterns._context_fast_res(entity)
        for p, f in zip(plain, fast, strict=True):
            if p is None:
                assert f is None
                continue
            assert [(m.span(), m.group()) for m in f.finditer(window)] == [
                (m.span(), m.group()) for m in p.finditer(window)
            ]


ADDRESS_PIECES = [
    " ", " ", "  ", ", ", ",", "\n", "-", "–", "'", "’", ".", "12", "4", "12a", "1-3", "3/2", "7",
    "Flat", "FLAT", "Apartment", "Room", "Unit", "A", "The", "THE", "Ty", "Old", "Rectory", "Rose",
    "Cottage", "Cottages", "Farm", "Mill", "Lane", "LANE", "Lanes", "Road", "Rd", "St", "Street",
    "Close", "Hill", "Way", "Heol", "HEOL", "Ffordd", "Stryd", "y", "yr", "Bryn", "Fawr", "Las",
    "Via", "Rua", "Roma", "Mr", "Dr", "And", "Church", "Weavers", "Quay", "End", "Bridge", "ſ",
]  # fmt: skip


@given(st.lists(st.sampled_from(ADDRESS_PIECES), max_size=24).map("".join))
@settings(max_examples=600, deadline=None)
def test_address_regexes_with_word_tries_match_the_plain_alternations(text):
    pairs = [
        (patterns._address_fast_re(), patterns._address_re()),
        (patterns._address_extra_re(), patterns._build_address_extra(trie=False)),
    ]
    for fast, plain in pairs:
        assert spans(fast.finditer(text)) == spans(plain.finditer(text))
    fast, plain = pairs[1]
    for at in range(len(text)):
        m, p = fast.match(text, at), plain.match(text, at)
        assert (m and m.span()) == (p and p.span())


def plain_phone_shape(value: str) -> tuple[int, float, str]:
    """patterns._phone_shape as first written."""
    digits = re.sub(r"\D", "", value.split("x")[0].split("ext")[0])
    n = len(digits)
    compact = re.sub(r"[\s\-.()]", "", value)
    if value.startswith(("+44", "0044")) or (compact.startswith("+44")):
        return n, 0.85, "UK international format"
    if re.fullmatch(r"0[1-9]\d{8,9}", digits) and n in (10, 11):
        return n, 0.8 if digits[1] in "123789" else 0.5, "UK national format"
    if value.startswith(("+", "00")) and 8 <= n <= 15:
        return n, 0.75, "international format"
    if patterns._NORTH_AMERICAN.fullmatch(value.strip()):
        return n, 0.6, "North American format"
    if 7 <= n <= 12:
        return n, 0.25, "digit groups"
    return n, 0.0, ""


PHONE_PIECES = [
    "+", "+44", "0044", "44", "0", "07700", "900123", "0116", "496", "0000", "(", ")", "(0)", " ",
    "-", ".", "x", "ext", "ext.", "12", "1", "٣", "\t", "555", "123-4567",
]  # fmt: skip


@given(st.lists(st.sampled_from(PHONE_PIECES), max_size=12).map("".join))
@settings(max_examples=800, deadline=None)
def test_phone_shape_matches_the_first_version(value):
    assert patterns._phone_shape(value) == plain_phone_shape(value)


def each_recogniser(text: str) -> list:
    """find_patterns as first written: each recogniser in turn over the whole text."""
    return [span for recogniser in patterns.RECOGNISERS for span in recogniser(text)]


@given(texts)
@settings(max_examples=600, deadline=None)
def test_find_patterns_is_each_recogniser_in_turn(text):
    assert patterns.find_patterns(text) == each_recogniser(text)


def plain_context(text: str, start: int, end: int, entity: str):
    """patterns._context with the plain alternations, window by window."""
    pos_re, neg_re = patterns._context_res(entity)
    before = text[max(0, start - 48) : start].lower()
    after = text[end : end + 16].lower()
    pos = neg = None
    pos_at = neg_at = -1
    if pos_re is not None:
        for m in pos_re.finditer(before):
            pos, pos_at = m.group(), m.end()
        if pos is None:
            m = pos_re.search(after)
            pos = m.group() if m else None
    if neg_re is not None:
        for m in neg_re.finditer(before):
            neg, neg_at = m.group(), m.end()
    if pos is not None and neg is not None:
        if neg_at > pos_at:
            pos = None
        else:
            neg = None
    return pos, neg


WINDOW_PIECES = [*CONTEXT_PIECES, "Σ", "ΑΣ", "σ", "NHS", "Tel", "INVOICE", "\x00", "9434765870"]


@given(
    st.lists(st.sampled_from(WINDOW_PIECES), max_size=40).map("".join),
    st.lists(st.tuples(st.integers(0, 200), st.integers(0, 30)), min_size=1, max_size=6),
    st.sampled_from(["UK_NHS", "UK_ULN", "PHONE_NUMBER", "UK_POSTCODE", "UK_NINO", "UK_UPN"]),
)
@settings(max_examples=800, deadline=None)
def test_context_words_found_for_all_candidates_at_once_match_one_by_one(text, places, entity):
    spans = sorted({(min(s, len(text)), min(s + n, len(text))) for s, n in places})
    expected = [plain_context(text, s, e, entity) for s, e in spans]
    assert [patterns._context(text, s, e, entity) for s, e in spans] == expected
    batch = patterns._contexts(text, spans, entity)
    if batch is None:  # lower-casing changes a length: the windows are read one by one
        assert len(text.lower()) != len(text)
    else:
        assert batch == expected


def plain_resolve(spans):
    """engine._resolve as first written: a key function, the kept spans sorted at the end."""
    from bisect import bisect_left

    from safehaven.core.detect.engine import _PRIORITY

    ranked = sorted(
        spans, key=lambda s: (-s.score, -_PRIORITY.get(s.type, 0), -(s.end - s.start), s.start)
    )
    starts, ends, kept = [], [], []
    for span in ranked:
        i = bisect_left(starts, span.end)
        if i > 0 and ends[i - 1] > span.start:
            continue
        if span.start == span.end:
            continue
        starts.insert(i, span.start)
        ends.insert(i, span.end)
        kept.append(span)
    kept.sort(key=lambda s: (s.start, s.end))
    return kept


span_lists = st.lists(
    st.builds(
        lambda t, s, n, score, why: Span(t, s, s + n, score, "x" * n, why),
        st.sampled_from(["PERSON", "UK_NHS", "PHONE_NUMBER", "STREET_ADDRESS", "OTHER"]),
        st.integers(0, 60),
        st.integers(0, 12),
        st.sampled_from([0.1, 0.5, 0.85, 0.9, 0.97]),
        st.sampled_from(["a", "b"]),
    ),
    max_size=40,
)


@given(span_lists)
@settings(max_examples=1000, deadline=None)
def test_overlap_resolution_keeps_what_the_first_version_kept(spans):
    from safehaven.core.detect.engine import _resolve

    assert _resolve(spans) == plain_resolve(spans)


def plain_dates_after_names(text, names):
    """patterns.dates_after_names as first written: the date pattern first, then the name."""
    ends = {n.end for n in names if n.score >= 0.5}
    out = []
    for at in [i for i, ch in enumerate(text) if ch == "("]:
        m = patterns.DATE_RE.match(text, at + 1)
        if m is not None and text[m.end() : m.end() + 1] == ")":
            i = at
            while i > 0 and text[i - 1] == " ":
                i -= 1
            if i in ends:
                out.append((m.start(), m.end(), m.group()))
    return out


@given(
    st.lists(
        st.sampled_from(["Jo Smith", " ", "  ", "(", ")", "2019-01-06", "3 May 2011", "x", "1"]),
        max_size=14,
    ).map("".join),
    st.lists(st.integers(0, 60), max_size=5),
)
@settings(max_examples=500, deadline=None)
def test_dates_after_names_match_the_first_version(text, name_ends):
    names = [Span("PERSON", max(0, e - 2), e, 0.9, "", "") for e in name_ends]
    found = [(s.start, s.end, s.text) for s in patterns.dates_after_names(text, names)]
    assert found == plain_dates_after_names(text, names)


def plain_find_dobs(text: str) -> list:
    """patterns.find_dobs as first written: the date pattern searched after every cue."""
    seen: set[int] = set()
    out = []
    if "|" in text or "\t" in text:
        for span in patterns._table_dobs(text):
            seen.add(span.start)
            out.append(span)
    for cue in patterns._dob_cue_re().finditer(text):
        m = patterns.DATE_RE.search(text, cue.end(), min(len(text), cue.end() + 60))
        if m is None or m.start() in seen or m.start() - cue.end() > 40:
            continue
        if not patterns._DOB_FILLER.match(text[cue.end() : m.start()]):
            continue
        seen.add(m.start())
        why = f"date after birth cue '{cue.group().strip()}'"
        out.append(Span("DATE_OF_BIRTH", m.start(), m.end(), 0.95, m.group(), why))
    return out


DOB_PIECES = [
    *PIECES, "03/04/2015", "3rd May 2011", "May 2011", "2012-03-04", "5.6.13", "12-Jan-2010",
    " is ", " was ", " on ", "(", ": ", " aged 4 ", "x" * 30, "\n", " | ", "DOB | ", "٣/٤/٢٠١٥",
]  # fmt: skip


@given(st.lists(st.sampled_from(DOB_PIECES), max_size=30).map("".join))
@settings(max_examples=800, deadline=None)
def test_dates_of_birth_searched_only_near_digits_match_the_first_version(text):
    assert list(patterns.find_dobs(text)) == plain_find_dobs(text)


@pytest.mark.parametrize(
    "text",
    [
        "DOB:" + " " * 35 + "03/04/2015",
        "born on the" + " " * 28 + "3rd May 2011",
        "born" + " " * 39 + "May 2011",
        "born" + " " * 41 + "May 2011",
        "DOB" + " " * 50 + "12/12/2012",
        "d.o.b. is, aged 4 years, on the 1st of June 2010 and b. (12.3.2009)",
    ],
)
def test_dates_of_birth_far_from_their_cue_match_the_first_version(text):
    assert list(patterns.find_dobs(text)) == plain_find_dobs(text)


# Session 5: digit runs in C, birth cues by first letter, phone candidates' date checks,
# overlap resolution by groups.


def test_no_decimal_digit_beyond_ascii_where_runs_are_read_as_bytes():
    """_one_byte_a_char keeps texts whose characters all lie in Latin-1, U+0000 to U+05FF or
    U+2000 to U+20FF: none of them is a decimal digit but "0" to "9"."""
    ranges = [range(0, 0x600), range(0x2000, 0x2100)]
    digits = [i for r in ranges for i in r if re.match(r"\d", chr(i))]
    assert digits == list(range(0x30, 0x3A))
    assert re.match(r"\d", "\u0660")


RUN_PIECES = [
    *PIECES, "£", "é", "ń", "Σ", "’", "“", "”", "—", "…", "€", "‰", "\u2030", "\u0130", "\u3030",
    "\u0600", "٠", "۵", "߀", "１", "𝟏", "😀", "\x00", "?", "??", "x", "\u00b2", "\u00bd",
]  # fmt: skip


@given(st.lists(st.sampled_from(RUN_PIECES), max_size=40).map("".join))
@settings(max_examples=1500, deadline=None)
def test_digit_runs_in_c_match_the_run_pattern(text):
    assert patterns._digit_runs(text) == patterns._digit_runs_plain(text)
    assert patterns._digit_runs(text) == spans(re.finditer(r"\d+", text))


@given(st.text(max_size=80))
@settings(max_examples=1000, deadline=None)
def test_digit_runs_in_c_match_the_run_pattern_on_any_text(text):
    assert patterns._digit_runs(text) == spans(re.finditer(r"\d+", text))


def test_digit_runs_edge_cases():
    for text in ["", "1", "a", "12a", "a12", "1a2", "٣4", "𝟘1", "a\ud800 1 2", "’1’2", "x ³ 1",
                 "1" * 50, "?1?", "\u2030 12 \u0130 3", "\u0600 4", "é1ńΣ22’"]:  # fmt: skip
        assert patterns._digit_runs(text) == spans(re.finditer(r"\d+", text)), text
    assert patterns._one_byte_a_char("a’b") == b"a?b"
    assert patterns._one_byte_a_char("a٣") is None
    assert patterns._one_byte_a_char("a😀") is None


CUE_PIECES = ["d.o.b.", "D.O.B.", "d. o. b", "b.", "B.", "DOB", "dob:", "born", "Born", "birthday",
              "date of birth", "Date of Birth", "birth date", "birthdate", "d", "b", "o", ".", " ",
              " ", "x", "1", "db", "bd", "ſ", "K"]  # fmt: skip


@given(st.lists(st.sampled_from(CUE_PIECES), max_size=30).map("".join))
@settings(max_examples=1500, deadline=None)
def test_birth_cues_by_first_letter_match_one_scan(text):
    expected = spans(patterns._dob_cue_re().finditer(text))
    fast = patterns._dob_cue_fast_re()
    assert fast is not None  # the shipped cues all start with a plain letter
    assert spans(patterns._dob_cues_by_letter(text, fast)) == expected
    padded = text + " " * patterns._BY_LETTER_FROM  # long enough for the scans by letter
    assert spans(patterns._dob_cues_by_letter(padded, fast)) == expected
    assert spans(patterns._first_of_each(text, patterns._dob_cue_letter_res())) == expected
    assert spans(patterns._dob_cues(text)) == expected


def test_birth_cues_inside_other_cues():
    """ "b." inside "d.o.b.": the letters' scans overlap, the matches are taken one by one."""
    for text in ["d.o.b. 1/2/2000", "D.O.B. and b. x d.o.b", "b.d.o.b.b.", "xd.o.b. d.o.b.b."]:
        expected = spans(patterns._dob_cue_re().finditer(text))
        assert spans(patterns._dob_cues(text)) == expected, text
        padded = text + " " * patterns._BY_LETTER_FROM
        assert spans(patterns._dob_cues(padded)) == expected, text


def plain_phone_candidates(text: str) -> list:
    """_phone_candidates before session 5: every date check run on every candidate."""
    out = []
    for m in patterns.PHONE_RE.finditer(text):
        value = m.group()
        start, end = m.start(), m.end()
        if value.endswith(")") and value.count("(") < value.count(")"):
            end -= 1
        if value.startswith("(") and value.count("(") > value.count(")"):
            start += 1
        value = text[start:end]
        if patterns.DATE_RE.fullmatch(value) or patterns._YEAR_RANGE.fullmatch(value):
            continue
        dm = patterns.DATE_RE.match(value)
        if dm is not None and value[dm.end() : dm.end() + 1].isspace():
            continue
        n, base, why = patterns._phone_shape(value)
        if base == 0.0 or n < 7 or n > 15:
            continue
        if not patterns._PHONE_PUNCT.search(value) and not value.startswith("+") and base < 0.7:
            base = 0.2
        out.append((start, end, "PHONE_NUMBER", base, max(base, 0.85), min(base, 0.2), why))
    return out


DATE_PHONE_PIECES = [
    *PHONE_PIECES, "/", ".", "-", "–", " ", "  ", "\t", "\u2003", "12", "2019", "01", "1",
    "(", ")", "+", "x", "ext", "٣", "٣٤", "１２", "13:30", ":", "May", "th",
]  # fmt: skip


@given(st.lists(st.sampled_from(DATE_PHONE_PIECES), max_size=16).map("".join))
@settings(max_examples=2000, deadline=None)
def test_phone_candidates_date_checks_only_where_a_date_can_be(text):
    runs = patterns._digit_runs(text)
    assert list(patterns._phone_candidates(text, runs)) == plain_phone_candidates(text)
    for m in patterns.PHONE_RE.finditer(text):
        value = m.group().strip("()")
        if len(value) >= 5 and not patterns._may_be_date(value):
            assert patterns.DATE_RE.match(value) is None


def test_phone_candidates_dates_and_times():
    for text in ["08.09.2025 13:30", "2000-04-16 11:34", "1.2.2000 0116 496 0000", "1999-2005",
                 "(2011-11-07) 0121", "12/12/2012 ext 12", "60-56-85-91", "2019 – 2020",
                 "2019-20 1234", "1-2-34 567 890", "0116 496 0000", "(0121) 285 9195"]:  # fmt: skip
        runs = patterns._digit_runs(text)
        assert list(patterns._phone_candidates(text, runs)) == plain_phone_candidates(text), text


sparse_span_lists = st.lists(
    st.builds(
        lambda t, s, n, score: Span(t, s, s + n, score, "x" * n, ""),
        st.sampled_from(["PERSON", "UK_NHS", "PHONE_NUMBER", "UK_POSTCODE"]),
        st.integers(0, 400),
        st.integers(0, 15),
        st.sampled_from([0.2, 0.5, 0.85, 0.97]),
    ),
    max_size=60,
)


@given(sparse_span_lists)
@settings(max_examples=1000, deadline=None)
def test_overlap_resolution_by_groups_keeps_what_the_first_version_kept(spans):
    """Spans far apart (most overlap nothing) and groups linked by overlaps."""
    from safehaven.core.detect.engine import _resolve

    assert _resolve(spans) == plain_resolve(spans)
    assert _resolve(list(reversed(spans))) == plain_resolve(list(reversed(spans)))


@given(st.lists(st.sampled_from(RUN_PIECES), max_size=40).map("".join))
@settings(max_examples=1500, deadline=None)
def test_anchors_from_bytes_match_the_anchors_from_runs(text):
    runs = patterns._digit_runs(text)
    from_runs = patterns._anchors(text, runs, None)  # None: no bytes, the runs are read
    assert patterns._anchors(text, runs) == from_runs
    enc = patterns._one_byte_a_char(text)
    if enc is not None:
        assert patterns._anchors_from_bytes(text, enc) == from_runs


def test_anchors_from_bytes_edge_cases():
    for text in [
        "BFPO 801; BFPO801; bfpo  12; BFPO; xBFPO 3; BFPO 12345; bFpO 7; BFPO",
        "NI: AB 12 34 56 C, QQ123456C, ab 1234 56 c, A1 234567, é 12 34 56, ń123456, £123456",
        "SW1A 1AA, M1 1AE, 1st 2nd 10am 3’a 4?b 5éé 6ńń 7__ 8_a, GIR 0AA, x 12 34 5 67",
    ]:
        runs = patterns._digit_runs(text)
        assert patterns._anchors(text, runs) == patterns._anchors(text, runs, None), text
        assert patterns._anchors(text, runs) == plain_anchors_with_digit(text), text


def plain_anchors_with_digit(text: str) -> tuple[list[int], list[int]]:
    nino, inward = plain_anchors(text)
    keep = [at for at in inward if text[at].isdigit() or re.match(r"(?i:bfpo) ?\d", text[at:])]
    return nino, keep


HOUSE_PIECES = [
    *RUN_PIECES, "12", "1234", "12345", "3a", "A", "Z", "Mill", "Lane", "Flat", "Tower", "Fop",
    "Hlat", "House", "Court", "Lodge", "\r", "\x0b", "\x1c", "\x85", "\u00a0", "\u2003", "_",
    "-", "–", "—", ",", " , ", " - ", "Ground", "Top", "Apt", "APT",
]  # fmt: skip


def check_address_anchors(text: str) -> None:
    numbers, words = patterns._address_anchors(text)
    assert numbers == [m.start() for m in patterns._HOUSE_NUMBER_RE.finditer(text)]
    assert numbers == patterns._house_numbers(text, patterns._digit_runs(text))
    plain_words = list(patterns._ADDRESS_WORD_RE.finditer(text))
    assert [(m.span(), m.lastindex) for m in words] == [
        (m.span(), m.lastindex) for m in plain_words
    ]


@given(st.lists(st.sampled_from(HOUSE_PIECES), max_size=40).map("".join))
@settings(max_examples=2000, deadline=None)
def test_address_anchors_match_the_plain_patterns(text):
    check_address_anchors(text)


@given(st.text(max_size=60))
@settings(max_examples=800, deadline=None)
def test_address_anchors_on_any_text(text):
    check_address_anchors(text)


def test_address_anchors_edge_cases():
    for text in [
        "12 Mill Lane, 12a High St, 1-3 Ash Grove, 12345 Long Road, 1234 Long Road, _12 X",
        "7,\n12 Mill\n4 Oak Road; 12\n- 14 Mill Lane; 5 ,Mill Lane; 6 – 8 Ash Grove, é12 X",
        "0\x850 Flat, 1\x85-2 Oak, 3\u00a0Oak, 4\x85Oak, 5\x1cOak, 6\u2003Oak, 7 ’Oak, 8’ Oak",
        "Tower Flat 3 Fop Hlat House",
    ]:
        check_address_anchors(text)
