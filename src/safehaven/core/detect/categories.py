"""Special categories (SENS-2): lexicon terms, hard negatives and the link to a person.

Terms live in data/categories.toml. A term inside a negative phrase ("health and safety",
"Religious Education") is ignored, and a term counts only when a person is mentioned in the same
sentence or close by: a name found by the engine, a personal pronoun or possessive ("he", "her",
"my"), or a word for a person ("the child", "pupil", "mum").
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from functools import cache
from itertools import accumulate
from operator import attrgetter

from safehaven.core.detect.lexicons import (
    cached_from_toml,
    first_name_sex,
    first_names,
    register_cache,
    surnames,
    toml_table,
    word_list,
)
from safehaven.core.detect.model import SPECIAL_CATEGORIES, CategoryEvidence, Span
from safehaven.core.detect.recache import compile_cached

LINK_WINDOW = 160

PERSON_WORDS = compile_cached(
    r"(?<![\w])(?:he|she|him|his|her|hers|himself|herself|they|them|their|i|i'm|i've|my|me|mine|"
    r"myself|you|your|child|children|son|daughter|pupil|pupils|student|students|learner|"
    r"boy|girl|baby|sibling|siblings|brother|sister|mum|mother|dad|father|parent|parents|carer|"
    r"carers|grandmother|grandfather|nan|uncle|aunt|stepfather|stepmother|stepdad|stepmum|"
    # added 26 November (session 5): family words as people write them
    r"grandma|gran|granny|grandad|granddad|grandpa|nana|nanna|auntie|aunty|cousin|niece|nephew|"
    r"stepson|stepdaughter|guardian|"
    r"young person|service user|client|patient|the family|husband|wife|partner|colleague|"
    r"member of staff|staff member|employee|teacher|mr|mrs|ms|miss|dr)(?![\w])",
    re.IGNORECASE,
)
# The same words, case-sensitive, for lower-cased ASCII text: about five times faster than the
# case-insensitive pattern (whose alternatives the regex engine cannot skip by first letter), and
# for ASCII text it finds exactly the same matches.
_PERSON_WORDS_LOWER = compile_cached(PERSON_WORDS.pattern)


# A person word used generically ("a child", "any pupil", "children", "parents", "you") is about
# nobody in particular: it does not link a term to a person. Plural words link only after a
# determiner that points at particular people ("the children", "her parents").
_GENERIC_SINGULAR = frozenset(
    {
        "child",
        "pupil",
        "student",
        "learner",
        "young person",
        "parent",
        "carer",
        "patient",
        "client",
        "employee",
        "teacher",
        "colleague",
        "member of staff",
        "staff member",
        "service user",
        "boy",
        "girl",
        "baby",
        "sibling",
    }
)
_GENERIC_PLURAL = frozenset({"children", "pupils", "students", "siblings", "parents", "carers"})
_INDEFINITE = frozenset({"a", "an", "any", "every", "each", "no", "all", "some", "many", "other"})
_DEFINITE = frozenset(
    {"the", "his", "her", "their", "my", "your", "our", "both", "these", "those", "s", "whose"}
)
_WORD_BEFORE = compile_cached(r"(\w+)\W{1,3}$")


# added 26 November (session 4): "the children's centre", "the parents' forum": a service or a
# place named after a group, not particular people
_INSTITUTION_AFTER = compile_cached(
    r"(?:'s|s'|')[ \t]+(?:centre|centres|center|hospital|ward|services?|charity|commissioner|"
    r"society|trust|department|team|act|rights|parliament|union|theatre|library|entrance|"
    r"playground|menu|section|university|museum|festival|choir|forum|panel|council|zone|area)\b",
    re.I,
)


def _specific(text: str, start: int, word: str) -> bool:
    low = word.lower()
    if low == "you":
        return False
    if low in _GENERIC_PLURAL and _INSTITUTION_AFTER.match(text, start + len(word)):
        return False
    if low not in _GENERIC_SINGULAR and low not in _GENERIC_PLURAL:
        return True
    m = _WORD_BEFORE.search(text, max(0, start - 20), start)
    before = m.group(1).lower() if m else ""
    if low in _GENERIC_PLURAL:
        return before in _DEFINITE
    return before not in _INDEFINITE


def _specific_person_word(
    text: str, start: int, end: int, terms: bytearray | None = None, group: bool = False
) -> str | None:
    """The first person word in text[start:end] that points at a particular person; a person
    word inside a category term ("child" in "child protection") is not one, nor, in a sentence
    about a group (`group`), "they", "them" or "their"."""
    pos = start
    while pos < end:
        word = _person_word(text, pos, end)
        if word is None:
            return None
        # where it was found: the fast path returns the text, so search again for its offset
        at = text.find(word, pos, end)
        if at < 0:
            return None
        if (
            _specific(text, at, word)
            and (terms is None or terms[at] == 0)
            and not (group and word.lower() in _GROUP_PRONOUNS)
        ):
            return word
        pos = at + len(word)
    return None


def _person_word(text: str, start: int, end: int) -> str | None:
    """The first person word in text[start:end] (as PERSON_WORDS.search(text, start, end))."""
    lo = start - 1 if start > 0 else 0  # one character before, for the look-behind
    chunk = text[lo:end]
    if chunk.isascii():
        m = _PERSON_WORDS_LOWER.search(chunk.lower(), start - lo)
        return text[lo + m.start() : lo + m.end()] if m else None
    m = PERSON_WORDS.search(text, start, end)
    return m.group() if m else None


# A negation right before the term, with at most a few qualifying words in between: "no medical
# needs", "not been diagnosed", "no known allergies", "no history of self-harm". A negation further
# back does not reach the term: "she will not be in school for Eid" still tells her religion.
_NEGATED = compile_cached(
    r"\b(?:no|not|nil|none|without|never|denies|denied)"
    # added 26 November (session 9): "is not known to social care", "not currently open to CSC"
    r"(?:\s+(?:known\s+to|open\s+to|currently|ever|known|current|other|any|further|significant|previous|recorded|formal|identified|"
    r"apparent|obvious|specific|reported|a|an|been|yet|had|have|has|received|history|of|"
    r"evidence|signs?|concerns?|ongoing|outstanding|particular|diagnosed|diagnosis|with|"
    # added 26 November (session 4): "no longer on the SEN register", "not taking medication"
    r"longer|on|in|the|under|receiving|taking|attending|needs?))*\s+$",
    re.I,
)
# The negation words above, as scanned words: a window without one cannot match _NEGATED.
_NEGATION_BYTES = frozenset(
    {b"no", b"not", b"nil", b"none", b"without", b"never", b"denies", b"denied"}
)
# A stop, "!" or "?" before a space or the end, or a blank line: r"[.!?](?:\s|$)|\n\s*\n" written
# with its first character as a set, which the regex engine scans for fast (twice the speed).
SENTENCE_BREAK = compile_cached(r"[.!?\n](?:(?<=[.!?])(?:\s|$)|(?<=\n)\s*\n)")


WORD_RE = compile_cached(r"\w+")
# Between two words of a term: at most a few separators ("self-harm", "A&E", "they/them").
_MAX_GAP = 3


class _Term:
    """One lexicon entry as a sequence of words, matched word by word against the text."""

    __slots__ = ("category", "cs", "negative", "plural", "wildcard", "words")

    def __init__(
        self,
        words: tuple[str, ...],
        category: str,
        negative: bool,
        cs: bool,
        wildcard: bool,
        plural: str | None,
    ) -> None:
        self.words = words
        self.category = category
        self.negative = negative
        self.cs = cs
        self.wildcard = wildcard
        self.plural = plural


def _parse_term(term: str, category: str, negative: bool, cs: bool) -> _Term:
    """A lexicon entry as written in categories.toml, parsed into its words."""
    wildcard = term.endswith("*")
    core = term[:-1] if wildcard else term
    found = WORD_RE.findall(core)
    words = tuple(found if cs else (w.lower() for w in found))
    # The last word in the plural, also accepted ("strategy meetings", "seizures"); not for
    # case-sensitive acronyms or wildcard terms.
    plural = None if cs or wildcard or not found else _plural(words[-1])
    return _Term(words, category, negative, cs, wildcard, plural)


def _plural(word: str) -> str | None:
    """The regular English plural of a lower-case word, or None when it is not worth adding."""
    if len(word) < 3 or not word.isalpha() or word.endswith("s"):
        return None
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("x", "ch", "sh")):
        return word + "es"
    return word + "s"


def _key(term: str) -> str:
    """The term's first word in lower case; for "medicine*" the prefix "medi" and a "*" mark."""
    m = WORD_RE.search(term)
    first = (m.group() if m else term).lower()
    if term.endswith("*") and len(WORD_RE.findall(term)) == 1:
        return first[:4] + "*"
    return first


# Bump when the parsing of terms changes: the parsed terms are kept in the lexicon cache.
_PARSE_VERSION = 1


def _parsed_terms() -> tuple:
    """Every term of categories.toml parsed, as plain tuples (kept in the lexicon cache folder,
    so a start-up does not parse 2,600 terms again): (index key, words, category, negative,
    case-sensitive, wildcard, plural of the last word)."""

    def build() -> tuple:
        table = toml_table("categories.toml")
        out = []
        for category in SPECIAL_CATEGORIES:
            entry = table.get(category, {})
            for field, negative, cs in (
                ("terms", False, False),
                ("terms_cs", False, True),
                ("negatives", True, False),
            ):
                for term in sorted(set(entry.get(field, []))):
                    t = _parse_term(term, category, negative, cs)
                    if t.words:
                        out.append(
                            (_key(term), t.words, category, negative, cs, t.wildcard, t.plural)
                        )
        return tuple(out)

    return cached_from_toml(f"categories-terms-{_PARSE_VERSION}", "categories.toml", build)


@register_cache
@cache
def _index() -> dict[str, list[_Term]]:
    """First word of a term (lower case) -> the terms starting with it, longest first.

    Scanning looks up each word of the text here and compares only the few terms that can start
    with it: no large regular expression runs over the text, and nothing is compiled at start-up.
    """
    index: dict[str, list[_Term]] = {}
    for key, words, category, negative, cs, wildcard, plural in _parsed_terms():
        parsed = _Term(tuple(words), category, negative, cs, wildcard, plural)
        index.setdefault(key, []).append(parsed)
        if plural is not None and len(words) == 1:
            index.setdefault(plural, []).append(parsed)
    for terms in index.values():
        terms.sort(key=lambda t: -len(t.words))
    return index


@register_cache
@cache
def _index2() -> dict[str, tuple[list[_Term], dict[str, list[_Term]]]]:
    """_index split by the second word, so that "the", "a" and "in" try only a few terms."""
    out: dict[str, tuple[list[_Term], dict[str, list[_Term]]]] = {}
    for key, terms in _index().items():
        singles: list[_Term] = []
        by_second: dict[str, list[_Term]] = {}
        for t in terms:
            if len(t.words) == 1 or key.endswith("*") or (t.wildcard and len(t.words) == 2):
                singles.append(t)
            else:
                by_second.setdefault(t.words[1].lower(), []).append(t)
                if t.plural is not None and len(t.words) == 2:
                    by_second.setdefault(t.plural, []).append(t)
        out[key] = (singles, by_second)
    return out


@register_cache
@cache
def _wild_prefixes() -> frozenset[str]:
    return frozenset(key[:-1] for key in _index2() if key.endswith("*"))


@register_cache
@cache
def _index_keys() -> frozenset[str]:
    return frozenset(_index2())


def _hot_words(distinct: set[str], index: dict) -> set[str]:
    """The distinct words of a text that can start a term (exact first word or wildcard prefix)."""
    hot = distinct & _index_keys()  # iterates over the smaller of the two sets
    wild = _wild_prefixes()
    if wild:
        hot.update(w for w in distinct if len(w) >= 4 and w[:4] in wild)
    return hot


def _match_at(
    term: _Term, i: int, spans: list, words: list[str], lows: list[str], text: str
) -> int:
    """Index of the last text word of `term` matched from word i, or -1."""
    n = len(term.words)
    if i + n > len(spans):
        return -1
    for j, want in enumerate(term.words):
        got = words[i + j] if term.cs else lows[i + j]
        if term.wildcard and j == n - 1:
            if not got.startswith(want):
                return -1
        elif got != want and (j != n - 1 or got != term.plural):
            return -1
        if j:
            gap_start, gap_end = spans[i + j - 1][1], spans[i + j][0]
            if gap_end - gap_start > _MAX_GAP or "\n\n" in text[gap_start:gap_end]:
                return -1
    end = spans[i + n - 1][1]
    if text[end : end + 1] == "-" and text[end + 1 : end + 2].isdigit():
        return -1  # "MASH-65154" is a reference, not a MASH referral
    if text[end : end + 1] == "&":
        return -1
    return i + n - 1


@register_cache
@cache
def _needs_person() -> dict[str, bool]:
    table = toml_table("categories.toml")
    return {c: bool(table.get(c, {}).get("needs_person", True)) for c in SPECIAL_CATEGORIES}


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    left = max(0, start - LINK_WINDOW)
    right = min(len(text), end + LINK_WINDOW)
    s = left
    for m in SENTENCE_BREAK.finditer(text, left, start):
        s = m.end()
    after = SENTENCE_BREAK.search(text, end, right)
    e = after.start() + 1 if after else right
    return s, e


class _Breaks:
    """Sentence bounds for many terms of one text: the sentence breaks are found once, and each
    term's bounds are read from them, giving what _sentence_bounds gives (it looks for breaks in
    a window around the term, whose edges can cut a break: there, and when a term follows a stop
    directly, it is asked instead)."""

    def __init__(self, text: str) -> None:
        self.text = text
        found = list(SENTENCE_BREAK.finditer(text))
        self.starts = [m.start() for m in found]
        self.ends = [m.end() for m in found]

    def _cut(self, at: int) -> bool:
        """Whether a break found in the whole text has `at` strictly inside it."""
        j = bisect_left(self.starts, at) - 1
        return j >= 0 and self.ends[j] > at

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        text = self.text
        left = max(0, start - LINK_WINDOW)
        right = min(len(text), end + LINK_WINDOW)
        starts, ends = self.starts, self.ends
        k = bisect_left(starts, end)
        # self._cut(left), self._cut(start), self._cut(end), written out (called per term)
        i = bisect_left(starts, left) - 1
        if (
            (start > 0 and text[start - 1] in ".!?")
            or (i >= 0 and ends[i] > left)
            or ((i := bisect_left(starts, start) - 1) >= 0 and ends[i] > start)
            or ((i := k - 1) >= 0 and ends[i] > end)
            or (k < len(starts) and starts[k] < right < ends[k])
        ):
            return _sentence_bounds(text, start, end)
        i = bisect_right(ends, start) - 1
        s = ends[i] if i >= 0 and starts[i] >= left else left
        e = starts[k] + 1 if k < len(starts) and starts[k] < right else right
        return s, e


_START = attrgetter("start")
_END = attrgetter("end")


class _People:
    """The persons found, for "is there a name between these offsets?" in logarithmic time."""

    def __init__(self, persons: Sequence[Span]) -> None:
        self.items = sorted(persons, key=_START)
        self.starts = list(map(_START, self.items))
        self.max_end = list(accumulate(map(_END, self.items), max, initial=-1))[1:]

    def overlapping(self, lo: int, hi: int, skip: Span | None = None) -> Span | None:
        """A person overlapping [lo, hi), the last to start; never `skip`."""
        i = bisect_left(self.starts, hi) - 1
        if i < 0 or self.max_end[i] <= lo:
            return None
        while i >= 0 and self.max_end[i] > lo:
            item = self.items[i]
            if item.end > lo and item is not skip:
                return item
            i -= 1
        return None


# A sentence about a group: a class, a year group, the school, all pupils, families.
_GROUP_SUBJECT = compile_cached(
    r"\b(?:(?:the|our|this|each|every|whole|all|your)\s+(?:whole\s+)?"
    r"(?:class|classes|school|year group|pupils|children|students|families)|year \d+ class|"
    r"the (?:class|school) (?:will|is|are|visits?|went|trip)|"
    # added 26 November (session 5): "Year 9 will hold their own mock election", "with pupils
    # representing Labour"
    r"year \d+ (?:will|are|is|have|had|were|went|visited|pupils|students|children)|"
    r"(?:pupils|students|children) "
    r"(?:representing|will represent|role-?play\w*|playing the parts?))\b",
    re.I,
)
# In a sentence about a group, "they", "them", "their" are the group, not a particular person.
_GROUP_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
# added 26 November (session 4): a body as the subject of a minute or a notice, at the start of
# the sentence ("The board approved the RE syllabus, which includes visits to a gurdwara", "The
# board noted the union's ballot").
_BODY_SUBJECT = compile_cached(
    r"\W*(?:\d+\.\s+)?the\s+(?:governing\s+)?(?:board|committee|governors|trust|council|"
    r"federation)\s+(?:approved|agreed|noted|discussed|received|reviewed|considered|adopted|"
    r"ratified|welcomed|thanked|asked|resolved)\b",
    re.I,
)
# _link's answer for a term in a sentence about a group with nobody in it: no link, and no
# other rule (a form field, the record's header) may link it either.
_ABOUT_A_GROUP = ""


def _link(
    text: str,
    start: int,
    end: int,
    people: _People,
    terms: bytearray | None = None,
    bounds: tuple[int, int] | None = None,
    window: bool = True,
    skip: Span | None = None,
) -> str | None:
    """Why the term is about a person, or None. `bounds`: the term's sentence, when known;
    `window`: whether a name near the term, outside its sentence, links it; `skip`: a person
    whose name does not link it (the professional whose job the term names)."""
    s, e = bounds or _sentence_bounds(text, start, end)
    p = people.overlapping(s, e, skip)
    if p is not None:
        return f"same sentence as the name '{p.text}'"
    word = None
    if _GROUP_SUBJECT.search(text, s, e) or _BODY_SUBJECT.match(text, s, e):
        # "The class will visit the gurdwara", "the whole school is performing the nativity":
        # about a group; only a person in the sentence itself links the term
        word = _specific_person_word(text, s, start, terms, True) or _specific_person_word(
            text, end, e, terms, True
        )
        return f"same sentence as '{word}'" if word is not None else _ABOUT_A_GROUP
    p = people.overlapping(start - LINK_WINDOW - 1, end + LINK_WINDOW + 1, skip) if window else None
    if p is not None:
        return f"near the name '{p.text}'"
    # A person word inside the term itself ("child" in "child protection") does not count.
    word = _specific_person_word(text, s, start, terms) or _specific_person_word(
        text, end, e, terms
    )
    if word is not None:
        return f"same sentence as '{word}'"
    return None


# A form field that states a person's ethnicity or religion: "Ethnicity: Black - Somali",
# "Religion: Islam". The label alone says nothing, and an empty or refused value neither.
_FIELD = compile_cached(
    r"(?:^|(?<=[ \t]{2})|(?<=[;|]))[ \t]*(?P<label>ethnicity|ethnic (?:group|origin|background)|"
    r"religion(?:/belief| or belief)?|relig\.?|religious (?:belief|affiliation)|faith|denomination)"
    # a dash separates a label from its value only when a space or the line's end follows it:
    # "Religion - Muslim", not "Faith-based concerns: ..." (session 5b)
    r"[ \t]*(?::|-(?![^\s]))[ \t]*"
    r"(?P<value>[^\n;|]*?)(?=[ \t]{2}|[\n;|]|$)",
    re.I | re.M,
)
_EMPTY_VALUE = compile_cached(
    r"(?:none|nil|no religion|not stated|not known|unknown|n/?a|refused|information refused|"
    r"prefer not to say|not given|not obtained|information not (?:yet )?obtained|not recorded|"
    r"not applicable|tbc|to be confirmed|-+|\?|"
    # added 26 November (session 5)
    r"declined(?: to (?:say|state|answer|disclose|give))?|not disclosed|not said)?[ \t.]*",
    re.I,
)


# A councillor's party in the usual abbreviation: "Cllr Amanda Reed (Lab)".
_PARTY_ABBREVIATION = compile_cached(
    r"\((Lab|Con|LD|Lib Dem|Lab/Co-op|Lab Co-op|Grn|Reform|Ref|SNP|PC|Plaid)\)"
)


# "relig": "Relig: RC" (session 5); "denomination": "Denomination: Baptist" (session 5b)
_FIELD_STEMS = ("ethnic", "relig", "faith", "denomination")


def _field_lines(text: str, low: str):
    """(start, end) of the stretches of text where a field can be: the lines holding a label's
    first letters, or the whole text when offsets in `low` are not the text's or a dotless i
    (which the case-insensitive pattern takes for an "i") is in it."""
    if len(low) != len(text) or "ı" in text:
        if any(stem in low for stem in _FIELD_STEMS):
            yield 0, len(text)
        return
    pos = 0
    # each stem's next place at or after pos (-1: none left), searched again only once passed
    nexts = [low.find(stem) for stem in _FIELD_STEMS]
    while True:
        for k, p in enumerate(nexts):
            if 0 <= p < pos:
                nexts[k] = low.find(_FIELD_STEMS[k], pos)
        found = [p for p in nexts if p >= 0]
        if not found:
            return
        label_at = min(found)
        line_end = low.find("\n", label_at)
        if line_end < 0:
            line_end = len(low)
        yield max(pos, low.rfind("\n", 0, label_at) + 1), line_end
        pos = line_end


def _field_hits(text: str, low: str) -> list[tuple[str, int, int, str]]:
    """Ethnicity and religion given as form fields. A field never spans a line, so the pattern
    runs on the lines that can hold one and finds what a scan of the whole text would."""
    out = []
    for at, end in _field_lines(text, low):
        m = _FIELD.search(text, at, end)
        while m is not None:
            value = m.group("value").strip()
            if value and not _EMPTY_VALUE.fullmatch(value):
                # by the first letter: the case-insensitive pattern also takes "relıgion"
                category = "ethnicity" if m.group("label")[0] in "eE" else "religion"
                a = m.start("value") + (len(m.group("value")) - len(m.group("value").lstrip()))
                out.append((category, a, a + len(value), value))
            m = _FIELD.search(text, m.end(), end)
    return out


@register_cache
@cache
def _org_suffixes() -> frozenset[str]:
    table = toml_table("categories.toml").get("settings", {})
    return frozenset(w.lower() for w in table.get("org_suffixes", ()))


@register_cache
@cache
def _team_suffixes() -> frozenset[str]:
    table = toml_table("categories.toml").get("settings", {})
    return frozenset(w.lower() for w in table.get("team_suffixes", ()))


_LOWER_WORD = compile_cached(r"(?<![\w'’-])[a-z]")
_NAME_RUN = compile_cached(r"(?:[ \t]+(?:(?:of|and|the|for|&)[ \t]+)*[A-Z][\w'’.-]*)")


def _in_org_name(text: str, start: int, end: int) -> bool:
    """A capitalised term inside the name of a school or a body: "St Thomas More Catholic Primary
    School", "Guru Nanak Sikh Academy", "Muslim Council of Britain", "Mental Health Trust"."""
    if text[start:end].islower():
        return False
    suffixes = _org_suffixes()
    pos = end
    for _ in range(6):
        m = _NAME_RUN.match(text, pos)
        if m is None:
            break
        word = m.group().split()[-1].strip("'’.").lower()
        if word in suffixes:
            return True
        pos = m.end()
    return _title_line(text, start, end)


def _title_line(text: str, start: int, end: int) -> bool:
    """A capitalised term on a line of a signature: a line of capitalised words under another
    line, ending with a team's or a body's word: "Looked After Children Team", "Child Protection
    Service" in "Social Worker, Child Protection Service" (session 5b; the job before the comma is
    left to the job rule since session 7). Not a document's first line (its title: "PATHWAY PLAN
    - 16+ Team"), a form's field ("To: Multi-Agency Safeguarding Hub, Bristol City Council"), a
    term in capitals, or a line with words in lower case ("referred to the Early Help Team")."""
    line_start = text.rfind("\n", 0, start) + 1
    if line_start < 2 or text[line_start - 2] == "\n" or text[start:end].isupper():
        return False
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    comma = text.find(",", end, line_end)
    if comma >= 0:
        # "Social Worker, Assessment Team": a job before the team's name, left to the job rule
        # (_staff_person), which the team word at the line's end hid (session 7)
        head = text[start:comma].rstrip(" \t").rsplit(None, 1)[-1].strip("'’.").lower()
        if head in _ROLE_HEADS and head not in _team_suffixes() and head not in _org_suffixes():
            return False
    last = text[end:line_end].rstrip(" \t,|").rsplit(None, 1)
    if not last:
        return False
    word = last[-1].strip("'’.").lower()
    if word not in _team_suffixes() and word not in _org_suffixes():
        return False
    return ":" not in text[line_start:line_end] and not _LOWER_WORD.search(
        text, line_start, line_end
    )


_NEXT_WORD = compile_cached(r" ([A-Z][a-z'’-]+)\b")
_NOT_SURNAMES = frozenset(
    {
        "church",
        "chapel",
        "mosque",
        "temple",
        "community",
        "faith",
        "school",
        "academy",
        "aid",
        "festival",
        "festivals",
        "values",
        "union",
        "fellowship",
        "centre",
        "charity",
        "group",
        "family",
        "families",
        "children",
        "youth",
        "education",
        "studies",
        "music",
        "worship",
    }
)


def _first_name_used_as_name(text: str, start: int, end: int) -> bool:
    """A term that is also a first name, used as one: "Christian Murphy" (when the name finder
    did not already take it)."""
    word = text[start:end]
    if not word.istitle() or " " in word or word.lower() not in first_names():
        return False
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return False
    nxt = m.group(1).lower()
    return nxt not in _NOT_SURNAMES and nxt in surnames()


_ARTICLE_BEFORE = compile_cached(r"(?:^|\W)(?:a|an|the|A|An|The)[ \t]+$")


def _after_article(text: str, start: int) -> bool:
    """A term right after "a", "an" or "the" is not a name, whatever the name finder says:
    "his dad is a Tory", "a Sinn Fein councillor"; nor after one that opens a sentence, which the
    name finder may take with the term: "A Section 47 enquiry was started" (session 7)."""
    return _ARTICLE_BEFORE.search(text, max(0, start - 6), start) is not None


# ---- added 26 November (session 4, issue 2): general rules checked on the dev-kinds family -----


_PREDICATE_BEFORE = compile_cached(r"\b(?:is|are|was|were)[ \t]+$")


def _predicate(text: str, start: int, end: int, people: _People) -> bool:
    """A one-word term said of someone after "is" or "are", taken alone for a name: "the family
    are Sunni", "Amir is Ahmadi" (session 5b). A name there is introduced, not described, only
    with more than the one word ("This is Sunni Khan")."""
    p = people.overlapping(start, end)
    return (
        p is not None
        and p.start == start
        and p.end == end
        and _PREDICATE_BEFORE.search(text, max(0, start - 8), start) is not None
    )


def _name_word(text: str, start: int, end: int) -> bool:
    """Whether a term the name finder took for part of a name can be a name: one of its words is
    a known first name or surname ("Christian" in "Christian Murphy", "Islam"). A term that is no
    name at all ("Rastafari", "Exclusive Brethren") was taken for one only because it is
    capitalised, and still tells the faith or the party."""
    names, last = first_names(), surnames()
    return any(w in names or w in last for w in WORD_RE.findall(text[start:end].lower()))


# A school subject opening the sentence: what follows is the lesson's content, not the pupil's
# life ("In RE the class studied the Five Pillars of Islam and Ayesha wrote about fasting", "In
# history Liam researched the Labour movement").
_LESSON_OPENER = compile_cached(
    r"\W*(?:in|during|for)\s+(?:(?:his|her|their|the|our|this)\s+)?(?:re|r\.e\.|religious "
    r"education|religious studies|history|pshe|rse|science|biology|citizenship|geography|english|"
    r"politics|sociology|philosophy|ethics|music|art|drama|maths|humanities)"
    r"(?:\s+(?:lessons?|class|project|topic|homework|unit))?\b",
    re.I,
)


_LESSON_SUBJECTS = (
    r"(?:re|r\.e\.|religious education|religious studies|history|pshe|rse|science|biology|"
    r"citizenship|geography|english|politics|sociology|philosophy|ethics|music|art|drama|maths|"
    r"humanities)"
)
# "read a story about Ramadan to the class in the RE lesson"; added 26 November (session 5): a
# subject's trip or visit ("loved the RE visit to the mandir"), a capitalised subject after "in"
# ("an excellent answer in Politics about how the Conservative Party chooses its leader")
_LESSON_ANYWHERE = compile_cached(
    r"\b(?:in|during|for)\s+(?:the|an?|his|her|their|our|this|today's)\s+"
    + _LESSON_SUBJECTS
    + r"\s+(?:lessons?|class|topic|unit|project|homework)\b"
    r"|\b(?:the|an?|our|this|their|his|her)\s+" + _LESSON_SUBJECTS + r"\s+(?:trip|visit)s?\b"
    r"|\b(?:in|during)\s+(?-i:RE|R\.E\.|Religious Education|Religious Studies|History|PSHE|"
    r"Citizenship|Politics|Government and Politics|Sociology|Philosophy|Ethics|Humanities)\b",
    re.I,
)
# A sentence that tells something of someone is not a lesson's content, wherever it was said:
# "In RE, Ellie told the class she fasts during Ramadan".
_TELLS = compile_cached(
    r"\b(?:told|tells|telling|said|says|shared|disclosed|mentioned|explained that|asked if|"
    r"(?:his|her|their|my|our) (?:family|mum|dad|mother|father|parents|home|faith|church|mosque)|"
    r"at home)\b",
    re.I,
)


# The scanned words a lesson needs near the term: a school subject (for the opener and for a
# lesson named in the sentence).
_LESSON_BYTES = frozenset(
    b"re religious history pshe rse science biology citizenship geography english politics "
    b"sociology philosophy ethics music art drama maths humanities r".split()
)  # "r": R.E.
_OFFER_BYTES = frozenset(b"may can could might entitled right welcome free able".split())


def _in_lesson(text: str, start: int, end: int, bounds: tuple[int, int]) -> bool:
    """The term is a lesson's content: a school subject opens the sentence or a lesson is named in
    it, and the sentence (outside the term) tells nothing of anyone. `bounds`: its sentence."""
    s, e = bounds
    line = text.rfind("\n", 0, start) + 1
    lo = max(s, line)
    if _LESSON_OPENER.match(text, lo) is None and _LESSON_ANYWHERE.search(text, lo, e) is None:
        return False
    return _TELLS.search(text, lo, start) is None and _TELLS.search(text, end, e) is None


# A place of worship as a landmark or a venue: "the lollipop lady outside the mosque", "the club
# trains at the Salvation Army hall", "the mosque car park".
_VENUE_AFTER = compile_cached(
    r"(?:'s)?[ \t]+(?:(?:church|chapel|parish)[ \t]+)?(?:hall|halls|car park|grounds|pool|"
    r"food bank|foodbank|"
    r"nursery|playgroup|toddler group|"
    r"community room|community centre|building|site|sports hall|minibus|cafe|café)\b",
    re.I,
)
_LANDMARK_BEFORE = compile_cached(
    r"\b(?:outside|opposite|near|nearby|next to|behind|beside|past|across from|(?:a)?round the "
    r"corner from|down the road from|over the road from)\s+(?:the|a|an|our|their)?\s*"
    r"(?:[A-Z][\w'’]*\s+){0,3}$",
    re.I,
)
_BUILDINGS = frozenset(
    {
        "mosque",
        "masjid",
        "church",
        "chapel",
        "gurdwara",
        "gurudwara",
        "temple",
        "synagogue",
        "shul",
        "mandir",
        "cathedral",
        "kingdom hall",
        "salvation army",
    }
)


# added 26 November (session 5): a place of worship as a trip's or a visit's destination
_VISIT_BEFORE = compile_cached(
    r"\b(?:visit|visits|visited|visiting|trip|trips|outing)\s+(?:\w+\s+){0,2}?to\s+"
    r"(?:the|a|an|our|their|a local|the local)\s+(?:[A-Z][\w'’]*\s+){0,3}$",
    re.I,
)


# added 26 November (session 9): a place of worship as where a club or a service meets: "goes to
# Beavers at the Methodist church", "the food bank at St Peter's church", "judo in the church".
_ACTIVITY_BEFORE = compile_cached(
    r"\b(?:beavers|cubs|scouts|brownies|guides|rainbows|girlguiding|toddler group|playgroup|"
    r"stay and play|youth club|holiday club|breakfast club|after-school club|football|netball|"
    r"dance|ballet|karate|judo|drama|gymnastics|craft club|homework club|lunch club|food bank|"
    r"foodbank|polling station|vaccinations?|jabs?|clinic|baby group|coffee morning|jumble sale|"
    r"book sale|blood donation)\s+(?:[\w'’]+\s+){0,3}?(?:at|in)\s+"
    r"(?:the|a|an|our|their|a local|the local)?\s*(?:[A-Z][\w'’]*\s+){0,3}$",
    re.I,
)


def _venue(text: str, start: int, end: int) -> bool:
    """A religion term naming a building used as a landmark, a venue or a trip's destination."""
    if text[start:end].lower().endswith("hall"):
        return False
    if _VENUE_AFTER.match(text, end):
        return True
    building = text[start:end].lower() in _BUILDINGS
    if building and (
        _LANDMARK_BEFORE.search(text, max(0, start - 50), start) is not None
        or _VISIT_BEFORE.search(text, max(0, start - 60), start) is not None
    ):
        return True
    # "Beavers at the Methodist church": the building may follow a denomination
    return (building or _BUILDING_AFTER.match(text, end) is not None) and (
        _ACTIVITY_BEFORE.search(text, max(0, start - 80), start) is not None
    )


_BUILDING_AFTER = compile_cached(
    r"[ \t]+(?:church|chapel|cathedral|mosque|temple|gurdwara)\b", re.I
)


# A term naming someone's job or field, not their record: "Dad is a prison officer", "she wants
# to be a criminal lawyer", "Mum works in a genetics lab", "is a social worker". Only where an
# occupation is being said (so "the epilepsy nurse visited Ellie" and "his social worker" are
# still about Ellie), and not for politics or faith, where the role is the opinion ("a Labour
# councillor", "a vicar").
# the words that say an occupation right before a term (after an optional article and grade)
_FRAME_ONE = frozenset(
    [
        "is",
        "was",
        "s",
        "are",
        "were",
        "be",
        "become",
        "became",
        "becoming",
        "trained",
        "training",
        "qualified",
        "qualifying",
        "studying",
        "study",
        "studies",
        "studied",
    ]
)
_FRAME_TWO = frozenset(
    [
        "works",
        "work",
        "worked",
        "working",
        "employed",
        "job",
        "jobs",
        "career",
        "careers",
        "degree",
        "course",
        "apprenticeship",
        "placement",
    ]
)
_FRAME_PREP = frozenset({"as", "in", "at", "for", "with"})
_GRADES = frozenset(
    [
        "trainee",
        "student",
        "senior",
        "junior",
        "qualified",
        "specialist",
        "locum",
        "volunteer",
        "newly",
    ]
)
_JOB_AFTER = compile_cached(
    r"[ \t-]+(?:officer|officers|lawyer|lawyers|solicitor|barrister|nurse|nurses|lab|labs|"
    r"laboratory|scientist|scientists|researcher|research|engineer|engineering|technician|"
    r"consultant|specialist|lecturer|teacher|worker|workers|practitioner|assistant|manager|"
    r"counsellor|therapist|adviser|advisor|analyst|clerk|guard|warden|psychologist|"
    r"investigator|firm|department|unit|team|system|sector|service|services|industry|field|"
    # added 26 November (session 9): "is the Early Help Coordinator", "works as a care leaver
    # personal adviser"
    r"coordinator|co-ordinator|personal adviser|personal advisor)\b",
    re.I,
)
# the first three letters of the words of _JOB_AFTER: a quick test before the pattern
_JOB_PREFIXES = frozenset(
    w[:3] for w in re.findall(r"[a-z]+", _JOB_AFTER.pattern.split("(?:", 1)[1]) if len(w) > 2
)
_JOB_TERMS = frozenset(
    {
        "geneticist",
        "psychologist",
        "educational psychologist",
        "psychiatrist",
        "counsellor",
        "therapist",
        "physiotherapist",
        "occupational therapist",
        "speech and language therapist",
        "paediatrician",
        "pediatrician",
        "neurologist",
        "cardiologist",
        "dermatologist",
        "audiologist",
        "dietitian",
        "dietician",
        "midwife",
        "social worker",
        "foster carer",
        "probation officer",
        "youth justice worker",
        "youth offending worker",
        "counselor",
    }
)
_JOB_CATEGORIES = frozenset(
    {"health", "criminal", "genetic", "biometric", "safeguarding", "sex_life", "gender"}
)


@register_cache
@cache
def _workplaces() -> frozenset[str]:
    table = toml_table("categories.toml").get("settings", {})
    return frozenset(" ".join(w.lower().split()) for w in table.get("workplaces", ()))


def _occupation(text: str, start: int, end: int, workplaces: frozenset[str] | None = None) -> bool:
    """The term names a job or a field and an occupation is being said: "(Dad) is a prison
    officer", "works in a genetics lab", "wants to be a criminal lawyer", "trained as a social
    worker"; or a workplace where someone works: "Mum works at the prison" (session 7; the
    places are `workplaces` in categories.toml; `workplaces`: _workplaces(), when the caller has
    it)."""
    term = text[start:end].lower()
    if term not in _JOB_TERMS and (
        text[end : end + 8].lstrip(" \t-")[:3].lower() not in _JOB_PREFIXES
        or _JOB_AFTER.match(text, end) is None
    ):
        if term not in (_workplaces() if workplaces is None else workplaces):
            return False
        # a workplace alone: only "works at (the)", "a job in (a)", "employed by (the)"
        line = text.rfind("\n", 0, start) + 1
        words = WORD_RE.findall(text[max(line, start - 40) : start].lower())
        if words and words[-1] in ("a", "an", "the"):
            words.pop()
        return (
            len(words) > 1
            and words[-1] in ("at", "in", "for", "by", "within")
            and words[-2] in _FRAME_TWO
        )
    line = text.rfind("\n", 0, start) + 1
    words = WORD_RE.findall(text[max(line, start - 50) : start].lower())
    while words and words[-1] in _GRADES:
        words.pop()
    article = bool(words) and words[-1] in ("a", "an", "the")
    if article:
        words.pop()
    if not words:
        return False
    last = words[-1]
    before = words[-2] if len(words) > 1 else ""
    return (
        # "Dad's a prison officer", but "Jayden's youth justice worker" is his (session 9)
        (last in _FRAME_ONE and (article or last != "s"))
        or (last in _FRAME_PREP and before in _FRAME_TWO)
        or (last == "as" and before in _FRAME_ONE)
        or (last in ("be", "become", "study") and before == "to")
        or (last in ("as", "in") and before == "work" and len(words) > 2 and words[-3] == "to")
    )


# A person who suffered or saw an offence is not an offender: "the victim of a theft", "a witness
# to the assault".
_VICTIM_BEFORE = compile_cached(
    r"\b(?:victims?|witness(?:es)?|witnessed|reported|reporting)\s+(?:of|to)?\s*"
    r"(?:(?:a|an|the)\s+)?(?:\w+\s+)?$",
    re.I,
)


_VICTIM_STEMS = ("victim", "witness", "report")
_CATEGORY_RULES = frozenset({"ethnicity", "religion", "criminal"}) | _JOB_CATEGORIES


# added 26 November (session 5): the followers of a faith as a group ("says Hitler had the right
# idea about Jews", "Muslims believe"), unless the sentence says someone is one of them ("the
# family are devout Muslims", "both parents are Catholics", "raised as Sikhs").
_FAITH_PLURALS = frozenset(
    {
        "muslims", "christians", "jews", "sikhs", "hindus", "catholics", "buddhists",
        "protestants", "anglicans", "methodists", "baptists", "quakers", "mormons", "pagans",
        "atheists", "humanists", "jains", "rastafarians",
    }
)  # fmt: skip
_MEMBER_BEFORE = compile_cached(
    r"\b(?:are|were|'re|being|been|become|became|as|both|all|devout|practising|practicing|"
    r"observant|committed|strict|born-again|lifelong|fellow)\s+(?:\w+\s+)?$",
    re.I,
)


def _faith_group(text: str, start: int, end: int) -> bool:
    if text[start:end].lower() not in _FAITH_PLURALS:
        return False
    return _MEMBER_BEFORE.search(text, max(0, start - 30), start) is None


# added 26 November (session 7): a festival in a school's or a service's calendar is no one's
# faith: "the school is closed for Eid", "closes for Diwali", "the Eid holiday closure notice".
_CALENDAR_BEFORE = compile_cached(
    r"\b(?:closed|closes|closing|closure|close|shut|shuts|reopens?|reopening)[ \t]+"
    r"(?:for|over|during|on|after)[ \t]+(?:the[ \t]+)?$",
    re.I,
)
_CALENDAR_AFTER = compile_cached(
    r"(?:[ \t]+(?:holiday|holidays|bank[ \t]+holiday))?[ \t]+"
    r"(?:closure|closures|closing|inset|training[ \t]+day|term[ \t]+dates)\b",
    re.I,
)


def _calendar(text: str, start: int, end: int) -> bool:
    """A festival named as a day the school or the service is closed (session 7)."""
    return (
        _CALENDAR_AFTER.match(text, end) is not None
        or _CALENDAR_BEFORE.search(text, max(0, start - 30), start) is not None
    )


def _not_about_a_person(
    category: str,
    text: str,
    low: str,
    start: int,
    end: int,
    workplaces: frozenset[str] | None = None,
) -> bool:
    """The category's own look-alike rules: a language for an ethnicity, a venue for a faith, a
    festival in a calendar, a job or a field, a victim of an offence."""
    if category == "ethnicity":
        return _a_language(text, start, end)
    if category == "religion":
        return (
            _venue(text, start, end)
            or _faith_group(text, start, end)
            or _calendar(text, start, end)
        )
    if category == "safeguarding" and (
        _first_aid(text, low, start, end)
        or _minds(text, end)
        or _not_a_section(text, low, start, end)
        or _thing_missing(text, low, start)
        or _adult_in_care(text, low, start, end)
    ):
        return True
    if category == "criminal" and (
        any(w in low[max(0, start - 40) : start] for w in _VICTIM_STEMS)
        and _VICTIM_BEFORE.search(text, max(0, start - 40), start)
    ):
        return True
    return _occupation(text, start, end, workplaces)


# An injury seen to happen at school and treated there is first aid, not a concern: "fell in the
# playground at lunch and bruised his knee; ice pack applied", "bumped heads in PE; small bruise"
# (session 9). A bruise found on arrival, or explained by what happened at home, stays a concern:
# a fall alone is no marker.
_FIRST_AID = compile_cached(
    r"\b(?:ice[ -]pack|cold compress|first[ -]aid(?:er)?|accident (?:book|form|slip|record|log)|"
    r"head bump|bumped heads)\b",
    re.I,
)
_SCHOOL_FALL = compile_cached(
    r"\b(?:fell|fall|tripped|slipped|collided|bumped|banged|knocked)\b[^\n]{0,80}?"
    r"\b(?:in (?:pe|p\.e\.|games|the playground)|on the (?:playground|field|climbing frame)|"
    r"(?:at|during) (?:break|breaktime|break time|lunch|lunchtime|playtime|play time))\b"
    r"|\b(?:in (?:pe|p\.e\.|games|the playground)|on the (?:playground|field|climbing frame)|"
    r"(?:at|during) (?:break|breaktime|break time|lunch|lunchtime|playtime|play time))\b"
    r"[^\n]{0,40}?\b(?:fell|tripped|slipped|collided|bumped|banged|knocked)\b",
    re.I,
)


def _first_aid(text: str, low: str, start: int, end: int) -> bool:
    """A bruise in a sentence of a first-aid record at school: treated there, or a fall seen
    there ("fell in the playground at lunch and bruised his knee")."""
    if not low.startswith("bruis", start):
        return False
    lo = max(text.rfind("\n", 0, start) + 1, start - 160)
    line_end = text.find("\n", end)
    hi = min(end + 120, len(text) if line_end < 0 else line_end)
    return (
        _FIRST_AID.search(text, lo, hi) is not None or _SCHOOL_FALL.search(text, lo, hi) is not None
    )


# A section of the Children Act written short ("s20", "S47") is no section in a postcode or a room
# number: "Sheffield S20 4GH", "Dronfield S18 1AA", "room S20" (session 9).
_SECTION_SHORT = compile_cached(r"s ?\d{1,2}$", re.I)
_POSTCODE_INWARD = compile_cached(r"[ \t]?\d[A-Za-z]{2}\b")
_ROOM_BEFORE = compile_cached(r"\b(?:room|rm|classroom|lab|block|bus|route|in)\s+$", re.I)


def _not_a_section(text: str, low: str, start: int, end: int) -> bool:
    if not _SECTION_SHORT.match(low, start, end):
        return False
    return (
        _POSTCODE_INWARD.match(text, end) is not None
        or _ROOM_BEFORE.search(text, max(0, start - 12), start) is not None
    )


# A thing gone missing, not a child: "his PE kit went missing", "reported his coat missing".
_THING_MISSING = compile_cached(
    r"\b(?:kit|coat|jumper|cardigan|blazer|bag|rucksack|phone|book|books|lunchbox|lunch box|shoe|"
    r"shoes|trainers|money|purse|wallet|keys?|bike|bicycle|scooter|tablet|ipad|laptop|letter|form|"
    r"forms|parcel|post|homework|bottle|glasses|hat|scarf|gloves|uniform|jacket|pencil case|"
    r"calculator|reading book|library book|item|items|property|belongings|medication)\b"
    r"[^.!?\n]{0,25}$",
    re.I,
)


def _thing_missing(text: str, low: str, start: int) -> bool:
    if "missing" not in low[start : start + 30]:
        return False
    return _THING_MISSING.search(text, max(0, start - 40), start) is not None


# An older relative in residential care, not a child in care: "his nan is in care after her
# stroke", "grandad has gone into care".
_ADULT_RELATIVE_BEFORE = compile_cached(
    r"\b(?:nan|nana|nanna|nanny|gran|granny|grandma|grandmother|grandad|granddad|grandpa|"
    r"grandfather|great[- ]\w+|grandparents?)\b[^.!?\n]{0,20}$",
    re.I,
)


def _adult_in_care(text: str, low: str, start: int, end: int) -> bool:
    if not low.startswith("in care", start) and not low.startswith("into care", start):
        return False
    return _ADULT_RELATIVE_BEFORE.search(text, max(0, start - 40), start) is not None


# "Jayden looked after Ben when he fell": a person minded someone named, not a child in care.
_MINDS_NAME = compile_cached(r" (?!Child|Children|Looked|By\b)[A-Z][a-z]+\b(?! (?:Team|Service))")


def _minds(text: str, end: int) -> bool:
    return text.startswith("looked after", end - 12) and _MINDS_NAME.match(text, end) is not None


# An offer or a right, not a fact: "You may bring a trade union representative or a colleague",
# "you can ask for an interpreter", "parents are entitled to be accompanied by a friend".
_OFFER_BEFORE = compile_cached(
    r"\b(?:may|can|could|might|entitled to|right to|welcome to|free to|able to)\s+"
    r"(?:also\s+)?(?:bring|be accompanied(?:\s+\w+){0,4}?\s+by|be represented by|ask for|"
    r"request|contact|speak to|talk to|have|choose|invite)\s+(?:a|an|any)\s+(?:\w+\s+){0,2}$",
    re.I,
)


def _offer(text: str, start: int) -> bool:
    return _OFFER_BEFORE.search(text, max(0, start - 70), start) is not None


# A language, not an ethnicity: "Language: Kurdish Sorani", "a Kurdish interpreter",
# "Kurdish-speaking", "speaks Roma".
_LANGUAGE_AFTER = compile_cached(
    r"[ \t-]*(?:\w+[ \t]+)?(?:interpreter|interpreting|translator|translation|speaker|speakers|"
    r"speaking|language|dialect|sorani|kurmanji|badini)\b",
    re.I,
)
_LANGUAGE_BEFORE = compile_cached(r"\b(?:speaks?|speaking|spoken|in|into|language)\s+$", re.I)
_LANGUAGE_LABEL = compile_cached(r"[^\n:]*\blanguages?\b[^\n:]*:[^\n]*$", re.I)


def _a_language(text: str, start: int, end: int) -> bool:
    line = text.rfind("\n", 0, start) + 1
    return (
        _LANGUAGE_AFTER.match(text, end) is not None
        or _LANGUAGE_BEFORE.search(text, max(0, start - 12), start) is not None
        or _LANGUAGE_LABEL.match(text, line, start) is not None
    )


@register_cache
@cache
def _street_words() -> frozenset[str]:
    return word_list("street_suffixes.txt")


_NEXT_CAPITAL = compile_cached(r"[ \t]+([A-Z][a-z]+)\b")


def _in_street_name(text: str, start: int, end: int) -> bool:
    """A capitalised term followed by a street word: "Chapel Fold", "Mosque Street"."""
    if not text[start:end][:1].isupper():
        return False
    m = _NEXT_CAPITAL.match(text, end)
    return m is not None and m.group(1).lower() in _street_words()


# Words for people whose sex the word itself tells: a partner of the same sex is a same-sex
# relationship ("her sister has a girlfriend now", "she is in a relationship with a woman").
_FEMALE = (
    r"(?:she|her|mum|mother|sister|daughter|aunt|auntie|nan|nana|gran|grandmother|girl|woman|"
    r"niece|stepmum|stepmother|wife)"
)
_MALE = (
    r"(?:he|his|dad|father|brother|son|uncle|grandad|grandfather|boy|man|nephew|stepdad|"
    r"stepfather|husband)"
)
_PARTNER_VERB = (
    r"(?:'s\s+|\s+(?:(?:has|had|now has|has now|'s|is|was|has been|had been)\s+)?(?:got\s+)?)"
    r"(?:(?:a|her|his)\s+)?(?:new\s+)?"
)
_RELATIONSHIP = (
    r"\s+(?:is|was|has been|had been|'s|are)\s+(?:now\s+)?(?:in a relationship with|dating|"
    r"seeing|going out with|married to|engaged to|living with)\s+(?:a|another)\s+"
)
# added 26 November (session 5): "has a new partner, a woman she met at work", "never thought
# she would be with a woman"
_PARTNER_IS = r"(?:'s|\s+has(?:\s+got)?\s+a)?\s+(?:new\s+)?partner,?\s+(?:is\s+)?(?:a|another)\s+"
_BE_WITH = (
    r"\s+(?:would|could|will|might|wants?\s+to|wanted\s+to|is\s+going\s+to)\s+be\s+with\s+"
    r"(?:a|another)\s+"
)
_SAME_SEX = compile_cached(
    rf"\b{_FEMALE}(?:{_PARTNER_VERB}(?:girlfriend|wife)\b|{_RELATIONSHIP}(?:woman|girl|lady)\b"
    rf"|{_PARTNER_IS}(?:woman|lady)\b|{_BE_WITH}(?:woman|girl|lady)\b)"
    rf"|\b{_MALE}(?:{_PARTNER_VERB}(?:boyfriend|husband)\b|{_RELATIONSHIP}(?:man|boy)\b"
    rf"|{_PARTNER_IS}man\b|{_BE_WITH}(?:man|boy)\b)"
    r"|\bpartner,?\s+(?:is\s+)?(?:a|another)\s+(?:woman|lady)\s+(?:(?:whom|who|that)\s+)?she\b"
    r"|\bpartner,?\s+(?:is\s+)?(?:a|another)\s+man\s+(?:(?:whom|who|that)\s+)?he\b",
    re.I,
)

# added 26 November (session 9): a same-sex partner said with a first name whose sex the name
# tells ("Amber has a girlfriend", "Harrison's boyfriend", "Josh is in a relationship with another
# boy"), a title ("Mrs Jones' wife Carol") or a partner's name ("Ms Patel and her partner Laura").
# The name's sex comes from the census lists (lexicons.first_name_sex); a name given to girls and
# boys alike tells nothing.
_NAMED_PARTNER = compile_cached(
    r"\b(?P<name>[A-Z][a-z]+)"
    r"(?:(?:'s|’s)\s+(?:new\s+)?(?P<p1>girlfriend|boyfriend|wife|husband)\b"
    r"|(?:\s+\([^()\n]{1,12}\))?\s+(?:has|had|now has|has now|has got|has had)\s+(?:a\s+)?"
    r"(?:new\s+)?(?:secret\s+)?(?P<p2>girlfriend|boyfriend)\b"
    r"|(?:\s+\([^()\n]{1,12}\))?\s+(?:is|was|has been|had been)\s+(?:now\s+)?"
    r"(?:in a relationship with|dating|seeing|going out with)\s+(?:a|another)\s+"
    r"(?:[\w-]+\s+)?(?P<p3>girl|boy|woman|man|lad)\b)"
    r"|\b(?P<title>Mrs|Ms|Miss|Mr)\.?\s+[A-Z][a-z]+(?:'s|’s|'|’)\s+"
    r"(?P<p4>wife|girlfriend|husband|boyfriend)\b"
    r"|\b(?P<own>[Hh]er|[Hh]is)\s+(?:new\s+)?partner,?\s+(?P<pname>[A-Z][a-z]+)\b"
)
_FEMALE_PARTNER = frozenset({"girlfriend", "wife", "girl", "woman"})
_NAMED_PARTNER_WORDS = frozenset(
    {
        b"girlfriend",
        b"boyfriend",
        b"wife",
        b"husband",
        b"relationship",
        b"dating",
        b"seeing",
        b"going",
        b"partner",
    }
)


def _named_partner_hits(
    text: str, marks: list[tuple[int, bytes]] | None
) -> list[tuple[int, int, str]]:
    """(start, end, text) of each same-sex partner said with a name or a title."""
    if marks is None:
        windows = [(0, len(text))]
    else:
        windows = [
            (max(0, p - 90), min(len(text), p + 60)) for p, w in marks if w in _NAMED_PARTNER_WORDS
        ]
        if not windows:
            return []
    sexes = first_name_sex()
    out: list[tuple[int, int, str]] = []
    seen: set[int] = set()
    for lo, hi in windows:
        for m in _NAMED_PARTNER.finditer(text, lo, hi):
            if m.start() in seen:
                continue
            seen.add(m.start())
            if m.group("pname") is not None:
                one = "f" if m.group("own").lower() == "her" else "m"
                other = sexes.get(m.group("pname").lower())
            else:
                if m.group("title") is not None:
                    one = "m" if m.group("title") == "Mr" else "f"
                else:
                    name = sexes.get(m.group("name").lower())
                    if name is None:
                        continue
                    one = name
                partner = m.group("p1") or m.group("p2") or m.group("p3") or m.group("p4")
                other = "f" if partner.lower() in _FEMALE_PARTNER else "m"
            if other is not None and one == other:
                out.append((m.start(), m.end(), m.group()))
    return out


# An ethnicity said of a person: "because he is Black", "the only Black child in the class",
# "of Ghanaian descent", "about your heritage".
_ETHNIC_PREDICATE = compile_cached(
    r"\b(?i:he|she|they|i|we|you|family|mum|dad|mother|father|son|daughter|child|boy|girl)"
    r"(?:'s|'re| is| are| am| was| were| being)\s+(?:(?:a|an|also|both)\s+)?"
    r"(?:Black|Asian|Arab|mixed[- ]race|mixed heritage|dual heritage|biracial|of colour|Traveller|"
    r"Travellers|Gypsy|Gypsies|Roma|Romany)\b"
    r"|\b(?i:a|an|the only|only|one|another)\s+(?:Black|Asian|Arab|mixed[- ]race|Traveller|Gypsy|"
    r"Roma)\s+(?:child|boy|girl|pupil|student|man|woman|lad|family|teenager|parent|mum|dad|"
    r"member of staff|colleague|employee)\b"
    r"|\b(?i:his|her|their|your|my|our|family's|the family's)\s+(?i:ethnic\s+)?(?i:heritage|"
    r"ethnicity|ethnic origin|skin colour|skin color|colour of (?:his|her|their) skin)\b"
    r"|\bof\s+[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?\s+(?:heritage|descent|ancestry|ethnicity|"
    r"ethnic origin|origin and heritage)\b",
)

# A political cause marched or rallied for: "the march for Palestine", "a rally against the
# Rwanda plan", "a vigil in solidarity with Gaza".
_PROTEST = compile_cached(
    r"\b(?i:march|marches|marched|marching|rally|rallies|protest|protests|protested|protesting|"
    r"demo|demos|demonstration|demonstrations|vigil|picket)\s+(?i:for|against|in support of|in "
    r"solidarity with|over)\s+(?:the\s+)?(?:[A-Z][a-z]+|(?i:climate|peace|refugees|migrants|"
    r"immigration|trans rights|workers|the war))\b",
)
# A party with a verb of voting, support, membership or standing: "always vote Tory", "backs
# Reform", "stood as a Green", "support Sinn Fein", "a Labour voter". The party names are
# case-sensitive ("reform", "green", "labour" are ordinary words).
_PARTY = (
    r"(?:Labour|Conservatives?|Tory|Tories|Lib Dems?|Liberal Democrats?|Liberals|Greens|"
    r"Green Party|Green(?=[ \t]+(?:in|at|for|and|on|candidate|councillor|member|MP|voter|"
    r"supporter|activist)\b|[ \t]*[.,;:!?)]|$)|Reform(?: UK)?(?![ \t]+(?:Act|Acts|Bill|Club|"
    r"School|Synagogue|Judaism))|UKIP|SNP|Plaid(?: Cymru)?|Sinn F[eé]in|DUP|SDLP|UUP|Alba|"
    r"Alliance Party|Brexit Party|BNP|Britain First|Workers Party|Socialist Workers|"
    r"Communist Party|Co-op Party|Respect Party|Momentum)"
)
_PARTY_SUPPORT = compile_cached(
    r"\b(?i:vote|votes|voted|voting|voter|support|supports|supported|supporting|back|backs|"
    r"backed|backing|joined|joining|rejoined|canvass|canvasses|canvassed|canvassing|leaflet|"
    r"leaflets|leafleted|leafleting|campaigns|campaigned|campaigning|stood|stands|standing|"
    r"ran|running|elected|re-elected|member|members|membership|activist|councillor|candidate)"
    r"\s+(?i:(?:for|as|with|of|in|to)\s+)?(?i:(?:the|a|an)\s+)?" + _PARTY + r"\b"
    r"(?![ \t]+(?:government|governments|era|years|landslide))"
    r"|\b" + _PARTY + r"\s+(?i:supporter|supporters|voter|voters|member|members|activist|"
    r"activists|candidate|councillor|campaigner|politician|party member|through and through|"
    # added 26 November (session 5): "a lifelong Labour man", "a Tory family"
    r"man|woman|lad|family|household|stalwart|diehard|loyalist)\b"
)


_PROTEST_NOT = compile_cached(r"\b(?:sponsored|charity|fun|Comic|Children in Need|Red Nose)\b")

# added 26 November (session 5, dev-cats2 family): taking part in a protest says a political
# opinion whatever the cause ("arrested at a demonstration outside the asylum hotel", "goes to
# the Palestine demo", "was at the Just Stop Oil protest"); between the verb and the protest only
# a few plain adjectives or capitalised words (the cause), so that "the cooking demonstration"
# and "a demonstration of the new software" are not one.
_PROTEST_PART = compile_cached(
    r"\b(?i:(?:arrested|seen|filmed|photographed|injured|kettled|spoke|speaking|speaks)\s+at|at|"
    r"to|attend|attends|attended|attending|join|joins|joined|joining|went\s+on|go\s+on|goes\s+on|"
    r"going\s+on|been\s+on|took\s+part\s+in|taking\s+part\s+in|takes?\s+part\s+in|"
    r"organis(?:e|es|ed|ing)|organiz(?:e|es|ed|ing))\s+"
    r"(?i:(?:a|an|the|another|every|several|many|lots\s+of)\s+)?"
    r"(?:(?i:political|weekly|regular|local|national|big|huge|peaceful|violent|illegal|"
    r"unlawful|latest|recent|planned)\s+|[A-Z][\w'’-]*\s+(?:(?:the|of|for|and|to)\s+)?){0,3}"
    r"(?i:demonstrations?|demos?|protests?|marches|march|rally|rallies|vigils?|sit-ins?|"
    r"counter-protests?)\b(?!\s+(?:of|lesson|lessons|video|day)\b)"
)
_PROTEST_PART_FIRST = frozenset(
    b"arrested seen filmed photographed injured kettled spoke speaking speaks at to attend "
    b"attends attended attending join joins joined joining went go goes going been took taking "
    b"take takes organise organises organised organising organize organizes organized "
    b"organizing".split()
)
# Membership of a named party: "a former member of the Kurdistan Workers' Party", "members of the
# National Front", "membership of the Socialist Party" (not a League or a Movement: "the Sunday
# League", "the Scout Movement").
_PARTY_MEMBER = compile_cached(
    r"\b(?i:member|members|membership)\s+(?i:of|in)\s+(?i:the\s+)?"
    r"(?:[A-Z][\w'’-]*\s+(?:(?:of|for|and)\s+)?){1,4}(?:Party|Front)\b"
)
_PARTY_MEMBER_FIRST = frozenset({b"member", b"members", b"membership"})
# A person's faith said by what they did with it: "converting from Islam to Christianity", "has
# left Islam", "practises Sikhism", "was brought up in the Catholic faith".
_FAITHS = (
    r"(?:Islam|Christianity|Catholicism|Judaism|Hinduism|Sikhism|Buddhism|Jainism|Paganism|"
    r"Protestantism|Orthodoxy|Rastafarianism|(?:the|his|her|their)\s+(?:Christian|Muslim|"
    r"Islamic|Catholic|Jewish|Hindu|Sikh|Buddhist|Orthodox)\s+faith)"
)
_FAITH_DEED = compile_cached(
    r"\b(?i:convert|converts|converted|converting|conversion|revert|reverts|reverted|reverting|"
    r"reversion|left|leaving|leave|leaves|renounce|renounces|renounced|renouncing|practise|"
    r"practises|practised|practising|practice|practices|practiced|practicing|follow|follows|"
    r"followed|following|embrace|embraces|embraced|embracing|raised\s+in|brought\s+up\s+in|"
    r"found|finding|turned\s+to|turning\s+to)\s+(?:(?i:from|to|into)\s+)?" + _FAITHS + r"\b"
)
_FAITH_DEED_FIRST = frozenset(
    b"convert converts converted converting conversion revert reverts reverted reverting "
    b"reversion left leaving leave leaves renounce renounces renounced renouncing practise "
    b"practises practised practising practice practices practiced practicing follow follows "
    b"followed following embrace embraces embraced embracing raised brought found finding "
    b"turned turning".split()
)


# Every match of a rule holds one of its anchors: a word of the text (lower-cased), which must
# begin a given string (in the text, case-sensitive, when that string has a capital; else in the
# lower-cased text). The rule is tried only at the word starts a little before each anchor found,
# which finds the matches a scan of the whole text finds (a test compares them) at a fraction of
# the cost; the anchors' offsets come from the same pass over the words as the lexicon's terms.
def _anchors(spec: str) -> dict[bytes, tuple[str, bool]]:
    out = {}
    for item in spec.split(";"):
        word, _, find = item.strip().partition("=")
        find = find or word
        out[word.lower().encode()] = (find, find != find.lower())
    return out


_SAME_SEX_ANCHORS = _anchors(
    "girlfriend; boyfriend; wife; husband; relationship=relationship with; dating; seeing; "
    "going=going out with; married=married to; engaged=engaged to; living=living with; "
    "partner; with=with a"
)
_ETHNIC_ANCHORS = _anchors(
    "black=Black; asian=Asian; arab=Arab; traveller=Traveller; travellers=Traveller; "
    "gypsy=Gypsy; gypsies=Gypsies; roma=Roma; romany=Roma; mixed; heritage; biracial; "
    "colour=colour; color=color; ethnic; ethnicity=ethnic; skin=skin colo; descent; ancestry"
)
_PARTY_ANCHORS = _anchors(
    "labour=Labour; conservative=Conservative; conservatives=Conservative; tory=Tory; "
    "tories=Tories; lib=Lib Dem; liberal=Liberal; liberals=Liberal; green=Green; greens=Green; "
    "reform=Reform; ukip=UKIP; snp=SNP; plaid=Plaid; sinn=Sinn F; dup=DUP; sdlp=SDLP; uup=UUP; "
    "alba=Alba; alliance=Alliance Party; brexit=Brexit Party; bnp=BNP; britain=Britain First; "
    "workers=Workers Party; socialist=Socialist Workers; communist=Communist Party; "
    "co=Co-op Party; respect=Respect Party; momentum=Momentum"
)
_PROTEST_ANCHORS = _anchors(
    "march; marches=march; marched=march; marching=march; rally; rallies; protest; "
    "protests=protest; protested=protest; protesting=protest; demo; demos=demo; "
    "demonstration; demonstrations=demonstration; vigil; vigils=vigil; picket"
)
_PARTY_MEMBER_ANCHORS = _anchors("party=Party; front=Front")
_PROTEST_PART_ANCHORS = _anchors(
    "march; marches=march; rally; rallies; protest; protests=protest; demo; demos=demo; "
    "demonstration; demonstrations=demonstration; vigil; vigils=vigil; sit=sit-in; "
    "counter=counter-protest"
)
_FAITH_ANCHORS = _anchors(
    "islam=Islam; christianity=Christianity; catholicism=Catholicism; judaism=Judaism; "
    "hinduism=Hinduism; sikhism=Sikhism; buddhism=Buddhism; jainism=Jainism; "
    "paganism=Paganism; protestantism=Protestantism; orthodoxy=Orthodoxy; "
    "rastafarianism=Rastafarianism; faith"
)


_WORD_BYTES_RUN = compile_cached(rb"[^ ]+")


def _anchored(
    pattern: re.Pattern,
    text: str,
    low: str,
    enc: bytes | None,
    anchors: dict[bytes, tuple[str, bool]],
    marks: list[tuple[int, bytes]] | None,
    back: int,
    firsts: frozenset[bytes],
    lead: str = "",
):
    """The matches of `pattern` that hold an anchor and start at most `back` characters before
    it, at a word of `firsts` (the scanned words a match can start with) or at the anchor, or in
    the run of `lead` characters just before such a word (a pattern whose match may open with
    spaces at a line start or a bracket: "  SW:", "(SW)"). `marks`: (offset, word) of the
    scanned anchor words; None when the text was not scanned (the whole text is then
    searched)."""
    if marks is None or enc is None:
        yield from pattern.finditer(text)
        return
    seen: set[tuple[int, int]] = set()
    for p, word in marks:
        spec = anchors.get(word)
        if spec is None:
            continue
        find, cased = spec
        if not (text if cased else low).startswith(find, p):
            continue
        lo = max(0, p - back)
        for w in _WORD_BYTES_RUN.finditer(enc, lo, p + 1):
            start = w.start()
            if start == lo and lo > 0 and enc[lo - 1] != 32:
                continue  # the window cut a word
            if start != p and w.group() not in firsts:
                continue
            if lead:
                k = start
                while k > 0 and text[k - 1] in lead:
                    k -= 1
                tries = range(k, start + 1)
            else:
                tries = range(start, start + 1)
            for at in tries:
                m = pattern.match(text, at)
                if m is not None and m.end() > p and m.span() not in seen:
                    seen.add(m.span())
                    yield m


# the words whose offsets the scan records: school subjects, an offer's verbs, the rules' anchors
# and the social care records' anchors (_MARK_BYTES, below them)
_RULE_ANCHOR_BYTES = frozenset(
    w
    for rule in (
        _SAME_SEX_ANCHORS,
        _ETHNIC_ANCHORS,
        _PARTY_ANCHORS,
        _PROTEST_ANCHORS,
        _PROTEST_PART_ANCHORS,
        _FAITH_ANCHORS,
        _PARTY_MEMBER_ANCHORS,
    )
    for w in rule
)


def _mark(parts: list[bytes], cum: list[int], marked_at: list[int], marks: list) -> None:
    """Adds to `marks` the (offset, word) of the scanned words at `marked_at` (indexes in
    `parts`) where a rule can apply: a rule's or a record pattern's anchor always, a school
    subject or an offer's verb only where its rule's pattern can start ("in RE", "the history
    lesson", "may bring", "entitled to")."""
    n_parts = len(parts)
    for j in marked_at:
        piece = parts[j]
        if piece not in _ANCHOR_BYTES:
            k = j + 1
            while k < n_parts and not parts[k]:
                k += 1
            nxt = parts[k] if k < n_parts else b""
            if piece in _OFFER_BYTES:
                if nxt not in _OFFER_AFTER:
                    continue
            elif nxt not in _LESSON_AFTER:
                # _LESSON_OPENER: "in RE", "during the history ..."; "religious" only opens
                # "religious education" or "religious studies", which the test above keeps
                if piece == b"religious":
                    continue
                k = j - 1
                while k >= 0 and not parts[k]:
                    k -= 1
                prev = parts[k] if k >= 0 else b""
                if prev not in _LESSON_OPENS:
                    if prev not in _LESSON_DETERMINERS:
                        continue
                    k -= 1
                    while k >= 0 and not parts[k]:
                        k -= 1
                    if k < 0 or parts[k] not in _LESSON_OPENS:
                        continue
        marks.append((cum[j] - len(piece) + j, piece))


# the scanned words a rule's match can start with (besides its anchor)
_SAME_SEX_FIRST = frozenset(
    (_FEMALE + "|" + _MALE).replace("(?:", "").replace(")", "").encode().split(b"|")
)
_ETHNIC_FIRST = frozenset(
    b"he she they i we you family mum dad mother father son daughter child boy girl a an the "
    b"only one another his her their your my our s of".split()
)
_PARTY_FIRST = frozenset(
    b"vote votes voted voting voter support supports supported supporting back backs backed "
    b"backing joined joining rejoined canvass canvasses canvassed canvassing leaflet leaflets "
    b"leafleted leafleting campaigns campaigned campaigning stood stands standing ran running "
    b"elected re member members membership activist councillor candidate".split()
)
# a subject is recorded only before a lesson word or after the words that open _LESSON_OPENER and
# _LESSON_ANYWHERE; an offer's verb only before the words its pattern needs next
_LESSON_OPENS = frozenset({b"in", b"during", b"for"})
_LESSON_DETERMINERS = frozenset({b"his", b"her", b"their", b"the", b"our", b"this"})
_LESSON_AFTER = frozenset(
    b"lesson lessons class project topic unit homework e education studies trip trips visit "
    b"visits".split()
)
_OFFER_AFTER = frozenset(
    b"also to bring be ask request contact speak talk have choose invite".split()
)


def _rule_hits(
    text: str,
    low: str,
    enc: bytes | None = None,
    marks: list[tuple[int, bytes]] | None = None,
) -> list[tuple[str, int, int, str]]:
    """Categories told by how a sentence is built, not by one word: a same-sex partner, an
    ethnicity said of someone, a party someone votes for, a cause someone marched for."""
    out: list[tuple[str, int, int, str]] = []
    if marks is not None:
        marks = [(p, w) for p, w in marks if w in _RULE_ANCHOR_BYTES]
        if not marks:
            return out
    # back: the longest stretch a match can have before its anchor
    for m in _anchored(_SAME_SEX, text, low, enc, _SAME_SEX_ANCHORS, marks, 40, _SAME_SEX_FIRST):
        out.append(("sexual_orientation", m.start(), m.end(), m.group()))
    for a, b, said in _named_partner_hits(text, marks if enc is not None else None):
        out.append(("sexual_orientation", a, b, said))
    for m in _anchored(
        _ETHNIC_PREDICATE, text, low, enc, _ETHNIC_ANCHORS, marks, 32, _ETHNIC_FIRST
    ):
        out.append(("ethnicity", m.start(), m.end(), m.group()))
    for m in _anchored(_PARTY_SUPPORT, text, low, enc, _PARTY_ANCHORS, marks, 28, _PARTY_FIRST):
        out.append(("political_opinion", m.start(), m.end(), m.group()))
    for m in _anchored(_PROTEST, text, low, enc, _PROTEST_ANCHORS, marks, 0, frozenset()):
        line = text.rfind("\n", 0, m.start()) + 1
        if _PROTEST_NOT.search(text, max(line, m.start() - 40), m.end() + 20):
            continue
        out.append(("political_opinion", m.start(), m.end(), m.group()))
    # added 26 November (session 5)
    for m in _anchored(
        _PROTEST_PART, text, low, enc, _PROTEST_PART_ANCHORS, marks, 60, _PROTEST_PART_FIRST
    ):
        line = text.rfind("\n", 0, m.start()) + 1
        if _PROTEST_NOT.search(text, max(line, m.start() - 40), m.end() + 20):
            continue
        out.append(("political_opinion", m.start(), m.end(), m.group()))
    for m in _anchored(_FAITH_DEED, text, low, enc, _FAITH_ANCHORS, marks, 40, _FAITH_DEED_FIRST):
        out.append(("religion", m.start(), m.end(), m.group()))
    for m in _anchored(
        _PARTY_MEMBER, text, low, enc, _PARTY_MEMBER_ANCHORS, marks, 70, _PARTY_MEMBER_FIRST
    ):
        out.append(("political_opinion", m.start(), m.end(), m.group()))
    out.sort(key=lambda h: (h[1], h[2]))
    return out


# added 26 November (session 6): a record that children's social care keeps, or a concern a school
# passes to its safeguarding lead, says the family has social care involvement even when no term
# does (the issue's "children's social care involvement"): a case note or a visit record with a
# worker, a social worker's interview ("SW:", "(SW)"), a concern "passed to the DSL" or logged on
# CPOMS or MyConcern, a request to the children's duty service. A health visitor's or a midwife's
# visit is health, not this.
_RECORD_HEADING = compile_cached(
    r"^[ \t]*(?P<h>case notes?|case recording|case record|home visit(?: record| note)?|"
    r"statutory visit|visit record|visit notes?|supervised contact|family time record|"
    r"direct work(?: session)?|voice of the child|transcript of interview|interview transcript|"
    r"chronology)\b",
    re.I | re.M,
)
# headings that are social care's alone; the others need a worker named in the record too
_OWN_HEADINGS = frozenset(
    {"statutory visit", "supervised contact", "case recording", "voice of the child"}
)  # "voice of the child": added 26 November (session 7)
_RECORD_WORKER = compile_cached(
    r"^[ \t]*(?:allocated |duty |lead )?(?:social )?worker[ \t]*:|\bsocial worker\b|"
    r"\bfamily support worker\b|\bsenior practitioner\b|\bchildren'?s social care\b|\(sw\)",
    re.I | re.M,
)
_HEALTH_VISIT = compile_cached(
    r"\b(?:health visit(?:or|ing)|midwife|midwifery|school nurse|HV|GP)\b", re.I
)
_SW_SPEAKER = compile_cached(r"^[ \t]*SW[ \t]*:|\(SW\)", re.M)
_TO_THE_DSL = compile_cached(
    r"\b(?:passed|reported|referred|handed|escalated|shared)[ \t]+(?:(?:it|this|on)[ \t]+)*"
    r"(?:to|with)[ \t]+(?:the[ \t]+)?(?:(?:[A-Z][\w'’.-]*|[a-z]{1,4}\.?)[ \t]+){0,3}\(?DSL\b\)?|"
    r"\b(?:logged|recorded|added|uploaded|entered|updated?|put)[ \t]+(?:it[ \t]+|this[ \t]+)?"
    r"(?:on|onto|to|in)?[ \t]*(?:the[ \t]+)?(?:CPOMS|MyConcern)\b|"
    r"\b(?:CPOMS|MyConcern)[ \t]+(?:entry|log|alert|record|updated)\b",
    re.I,
)
_DUTY_SERVICE = compile_cached(
    r"\b(?:children'?s|families'?)[ \t]+(?:advice|duty)[ \t]+(?:and|&)[ \t]+(?:advice|duty)"
    r"(?:[ \t]+(?:service|team))?\b|\bduty[ \t]+and[ \t]+advice[ \t]+(?:service|team)\b",
    re.I,
)


# each pattern's anchors (every match holds one), the words a match can start with before its
# anchor, and how far before it (see _anchored)
_SW_ANCHORS = _anchors("sw=SW")
_DSL_ANCHORS = _anchors("dsl; cpoms; myconcern")
_DSL_FIRST = frozenset(
    b"passed reported referred handed escalated shared logged recorded added uploaded entered "
    b"update updated put".split()
)
_DUTY_ANCHORS = _anchors("duty")
_DUTY_FIRST = frozenset({b"children", b"childrens", b"families"})
_HEADING_ANCHORS = _anchors(
    "case; home=home visit; statutory=statutory visit; visit; supervised=supervised contact; "
    "family=family time record; direct=direct work; voice=voice of the child; transcript; "
    "chronology"
)
_HEADING_FIRST = frozenset({b"interview"})  # "interview transcript"
_WORKER_ANCHORS = _anchors("worker; senior=senior practitioner; social=social care; sw")
_WORKER_FIRST = frozenset(
    b"allocated duty lead social family children childrens".split()
)  # "allocated social worker:", "family support worker", "children's social care"
_RECORD_ANCHOR_BYTES = frozenset(
    w
    for rule in (_SW_ANCHORS, _DSL_ANCHORS, _DUTY_ANCHORS, _HEADING_ANCHORS, _WORKER_ANCHORS)
    for w in rule
)
_ANCHOR_BYTES = _RULE_ANCHOR_BYTES | _RECORD_ANCHOR_BYTES  # always recorded by _mark
_MARK_BYTES = _LESSON_BYTES | _OFFER_BYTES | _ANCHOR_BYTES


def _leftmost(matches) -> list[re.Match[str]]:
    """The matches a scan of the whole text gives, from `_anchored`'s (which may also give a
    match starting inside another: "families duty and advice" and "duty and advice")."""
    out: list[re.Match[str]] = []
    end = -1
    for m in sorted(matches, key=lambda m: m.span()):
        if m.start() >= end:
            out.append(m)
            end = m.end()
    return out


def _social_care_record(
    text: str, low: str, enc: bytes | None = None, marks: list[tuple[int, bytes]] | None = None
) -> list[tuple[int, int, str]]:
    """Where a text shows itself to be a social care record or a safeguarding concern (see
    _RECORD_HEADING); each hit is linked to a person like any term. Each pattern runs only at
    the scanned words it needs (`marks`, as for _rule_hits; None: the whole text is searched)."""
    out: list[tuple[int, int, str]] = []
    if marks is not None:
        marks = [(p, w) for p, w in marks if w in _RECORD_ANCHOR_BYTES]
        if not marks:
            return out
    for matches in (
        _anchored(_SW_SPEAKER, text, low, enc, _SW_ANCHORS, marks, 0, frozenset(), " \t("),
        _anchored(_TO_THE_DSL, text, low, enc, _DSL_ANCHORS, marks, 120, _DSL_FIRST),
        _anchored(_DUTY_SERVICE, text, low, enc, _DUTY_ANCHORS, marks, 40, _DUTY_FIRST),
    ):
        for m in _leftmost(matches):
            out.append((m.start(), m.end(), m.group()))
    heads = _anchored(
        _RECORD_HEADING, text, low, enc, _HEADING_ANCHORS, marks, 10, _HEADING_FIRST, " \t"
    )
    head = min(heads, key=lambda m: m.span(), default=None)
    # a health visitor's or a midwife's record says so at its head (heading, author, worker line)
    if head is not None and not _HEALTH_VISIT.search(text, head.start(), head.end() + 160):
        own = head.group("h").lower() in _OWN_HEADINGS
        if own or any(
            _anchored(
                _RECORD_WORKER, text, low, enc, _WORKER_ANCHORS, marks, 17, _WORKER_FIRST, " \t("
            )
        ):
            out.append((head.start("h"), head.end("h"), head.group("h")))
    return out


# A form label followed by an empty answer: "Medical condition: none", "Allergies: N/A"; a
# tick-box or a question answered no: "CP plan (Y/N): N", "Known to social care? No", "Is the
# child looked after by a local authority? No." (session 9)
_NO_ANSWER = (
    r"(?:(?:none|nil|no|n/?a|not known|not applicable|not stated|unknown|"
    r"prefer not to say|refused|not disclosed)\b|(?:n|never)(?=[ \t]*(?:$|[.;,|/)])))"
)
_EMPTY_ANSWER = compile_cached(
    r"(?:[ \t]*\((?:y/n|yes/no)\))?[ \t]*[:\-][ \t]*" + _NO_ANSWER, re.I | re.M
)
_QUESTION_ANSWERED_NO = compile_cached(
    # a question about the status, not about a step taken ("Has the social worker been told? No")
    r"(?:(?!inform|told|tell|contact|aware|notif|call|spok|speak|made|sent|done|complet|"
    r"invit|visit|attend|consult|ask|refer|discuss|share|seen|met\b)[^.!?:\n]){0,50}\?[ \t]*:?"
    r"[ \t]*" + _NO_ANSWER,
    re.I | re.M,
)


def _empty_answer(text: str, end: int) -> bool:
    """The term is a form's label or question answered no."""
    if _EMPTY_ANSWER.match(text, end) is not None:
        return True
    return text.find("?", end, end + 51) >= 0 and _QUESTION_ANSWERED_NO.match(text, end) is not None


def _form_field_link(text: str, start: int, people: _People) -> str | None:
    """A term in the answer of a form field ("Allergies: peanuts, EpiPen in the office") in a
    document that names someone: a form is about the person it names, however far up."""
    line_start = text.rfind("\n", 0, start) + 1
    colon = text.find(":", line_start, start)
    if colon < 0 or start - line_start > 120 or colon - line_start > 40:
        return None
    label = text[line_start:colon]
    if not label.strip() or "." in label:
        return None
    return f"a form field in a document about '{people.items[0].text}'"


# A header line that names whom a record is about: "Re: Jayden Smith", "Pupil: Jayden Smith
# (Year 4)", "Subject: Jayden - update", "Child's name: ...". Everything the record says is then
# about that person, however far down (a case note, a referral, a log entry, a form).
_SUBJECT_LINE = compile_cached(
    r"^[ \t]*(?:re|subject|pupil|child|child's name|name of child|pupil name|young person|"
    r"student|learner|service user|client|name)[ \t]*:[ \t]*(?P<rest>[^\n]*)",
    re.I | re.M,
)


def _document_subject(text: str, people: _People) -> str | None:
    """The person a record's header line names, or None."""
    for m in _SUBJECT_LINE.finditer(text, 0, min(len(text), 600)):
        p = people.overlapping(m.start("rest"), m.end("rest"))
        if p is not None:
            return p.text
    return None


@register_cache
@cache
def _topic_words() -> frozenset[str]:
    table = toml_table("categories.toml").get("settings", {})
    return frozenset(w.lower() for w in table.get("topic_words", ()))


# added 26 November (session 7): a service's contact details ("the MASH team's phone number",
# "the LADO's email address", "the hospital switchboard") say nothing about anyone; the words are
# `contact_details` in categories.toml. Only after "the", "a", "our"... or at a line's start: "Mia's
# CAMHS phone number" is hers.
@register_cache
@cache
def _contact_after() -> tuple[re.Pattern[str], frozenset[bytes]] | None:
    """The pattern after the term, and the first words of `contact_details` as scanned words (a
    text with none of them has no contact details)."""
    table = toml_table("categories.toml").get("settings", {})
    words = {" ".join(w.lower().split()) for w in table.get("contact_details", ())}
    if not words:
        return None
    firsts = frozenset(_encode(w).split()[0] for w in words)
    alternatives = "|".join(
        re.escape(w).replace(r"\ ", r"[ \t]+") for w in sorted(words, key=lambda w: (-len(w), w))
    )
    rx = re.compile(
        r"(?:['’]s)?(?:[ \t]+(?:team|service|hub|office|department|unit)(?:['’]s)?)?[ \t]+(?:"
        + alternatives
        + r")\b",
        re.I,
    )
    return rx, firsts


_CONTACT_BEFORE = compile_cached(
    r"(?:^|[^\w'’])(?:the|a|an|our|your|this|that)[ \t]+$|(?:^|\n)[ \t]*$", re.I
)


def _contact_details(text: str, start: int, end: int, rx: re.Pattern[str] | None = None) -> bool:
    """The term names a service whose contact details are given or asked for (session 7). `rx`:
    the pattern of _contact_after(), when the caller has it."""
    if rx is None:
        found = _contact_after()
        if found is None:
            return False
        rx = found[0]
    return (
        rx.match(text, end) is not None
        and _CONTACT_BEFORE.search(text, max(0, start - 8), start) is not None
    )


def _course_or_topic(text: str, start: int, end: int) -> bool:
    """A term naming a course, a topic or an event rather than something about a person:
    "epilepsy awareness", "Level 2 Safeguarding and Child Protection training", "the Diwali
    workshop" (a topic word within two words after it, or a course word within three before,
    on the same line)."""
    topic = _topic_words()
    if not topic:
        return False
    line_end = text.find("\n", end)
    after = text[end : (line_end if line_end >= 0 else len(text))][:40]
    following = [w.lower() for w in WORD_RE.findall(after)[:3]]
    if following[:1] in (["and"], ["or"]):
        following = following[2:3]  # "asthma and anaphylaxis awareness"
    if any(w in topic for w in following[:2]):
        return True
    line_start = text.rfind("\n", 0, start) + 1
    window = re.split(r"[:;.,!?]", text[max(line_start, start - 40) : start])[-1]
    before = [w.lower() for w in WORD_RE.findall(window)[-3:]]
    if any(w in _COURSE_WORDS for w in before):
        return True
    # a work about the term ("a project on genetics", "a book about a prison escape"), unless a
    # possessive says whose it is ("a presentation about her epilepsy")
    for i, w in enumerate(before):
        if w in _WORK_WORDS:
            if any(x in _POSSESSIVES for x in before[i + 1 :]):
                return False
            if w in _SCHOOLWORK:  # unless the rest of the sentence tells of someone (session 7)
                stop = _CLAUSE_END.search(text, end)
                return _TELLS.search(text, end, stop.start() if stop else len(text)) is None
            return True
    return False


# Before a term only words that name a course count: "awareness and rescue medication" is a
# course, "after the assembly, he disclosed that..." is not.
_COURSE_WORDS = frozenset(
    {
        "awareness",
        "training",
        "course",
        "refresher",
        "e-learning",
        "elearning",
        "module",
        "workshop",
        "webinar",
        # a class activity: "Maisie learned about Hanukkah", "Toby learnt about Diwali"
        "learned",
        "learnt",
    }
)


# added 26 November (session 4): works about a subject
_WORK_WORDS = frozenset(
    {
        "project",
        "projects",
        "documentary",
        "book",
        "books",
        "film",
        "essay",
        "presentation",
        "article",
        "story",
        "video",
        "podcast",
        "programme",
        "debate",
        "model",
        "models",
        # added 26 November (session 7): "RE homework about the Hajj"
        "homework",
        "coursework",
        "assignment",
        "worksheet",
    }
)
_SCHOOLWORK = frozenset({"homework", "coursework", "assignment", "worksheet"})
_CLAUSE_END = compile_cached(r"[.!?\n]")
_POSSESSIVES = frozenset({"his", "her", "their", "my", "our", "your", "s"})


@register_cache
@cache
def _topic_bytes() -> tuple[frozenset[bytes], bool]:
    """The topic and course words encoded as scanned words, and whether a scanned word equals
    one exactly when the real word does (true for plain ASCII words)."""
    words = _topic_words() | _COURSE_WORDS | _WORK_WORDS
    exact = all(w.isascii() and "_" not in w for w in words)
    return frozenset(_encode(w) for w in words), exact


def _mask(length: int, ranges) -> bytearray:
    mask = bytearray(length)
    for a, b in ranges:
        mask[a:b] = b"\x01" * (b - a)
    return mask


# The scan runs on bytes: the lower-cased text with every non-word character turned into a
# space and every non-ASCII word character into "_" (which no term contains), one byte a
# character, so offsets are the text's. Split at single spaces, its pieces are the words (and an
# empty piece for each further separator), and set operations in C pick the few places where a
# term can start: a word that is a term's first word, or the second word of a term whose first
# word is common ("the child", "his mum"), with that first word before it. Each place is then
# checked on the real words, so the bytes only choose where to look (they may choose too many,
# never too few).
_WORD_BYTES = bytes(c if (chr(c).isalnum() or c == 95) else 32 for c in range(256))
_NON_ASCII_WORD = compile_cached(r"[^\W\x00-\x7f]")
_NON_ASCII = compile_cached(r"[^\x00-\x7f]")


def _encode(low: str) -> bytes:
    """`low` as bytes, one a character: ASCII word characters kept, others a space or "_"."""
    if low.isascii():
        return low.encode("ascii").translate(_WORD_BYTES)
    raw = low.encode("ascii", "replace")  # "?" for each non-ASCII character
    if raw.count(b"?") > 200:
        return _NON_ASCII.sub(" ", _NON_ASCII_WORD.sub("_", low)).encode().translate(_WORD_BYTES)
    out = bytearray(raw.translate(_WORD_BYTES))
    p = raw.find(b"?")
    while p >= 0:
        c = low[p]
        if c.isalnum() or c == "_":  # a non-ASCII word character ("?" itself is not one)
            out[p] = 95
        p = raw.find(b"?", p + 1)
    return bytes(out)


# Words too frequent to look for as the second word of a term ("under the", "on a"): such a
# pair is found from its first word instead, followed by a word that fits.
_FREQUENT = frozenset(
    b"the a an and to of in on for is was at by with that be been has have he she her his it "
    b"this from or as are not no s my our their your".split()
)


class _ByteKeys:
    """The term index as encoded words, for choosing where to look."""

    def __init__(self) -> None:
        first: set[bytes] = set()  # a word that is a term, or starts one with any second word
        wild: set[bytes] = set()  # four-letter beginnings of wildcard terms ("medi" of medicine*)
        before: dict[bytes, set[bytes]] = {}  # second word -> common first words before it
        after: dict[bytes, set[bytes]] = {}  # common first word -> frequent second words
        for key, (singles, by_second) in _index2().items():
            if key.endswith("*"):
                wild.add(_encode(key[:-1]))
                continue
            k = _encode(key)
            if singles:
                first.add(k)
                continue
            for second in by_second:
                w = _encode(second)
                if w in _FREQUENT:
                    after.setdefault(k, set()).add(w)
                else:
                    before.setdefault(w, set()).add(k)
        # two keys may share an encoding (non-ASCII words): either may start a term on its own
        self.first = frozenset(first)
        self.wild = frozenset(wild)
        self.before = {w: frozenset(v) for w, v in before.items()}
        self.seconds = frozenset(before)
        self.after = {w: frozenset(v) for w, v in after.items() if w not in first}
        self.filtered = frozenset(self.after)


@register_cache
@cache
def _byte_keys() -> _ByteKeys:
    return _ByteKeys()


# Between two words of a term: one to three separators, not a blank line ("self-harm", "A&E").
_GAP = r"(?!\n\n|\W\n\n)\W{1,3}(?=\w)"


def _term_pattern(term: _Term) -> str:
    """A regular expression matching the term from its first word on, as _match_at does: whole
    words, the last also in the plural (or any ending, for a wildcard), a short gap between."""
    head, rest = _term_parts(term)
    return head + rest


def _term_parts(term: _Term) -> tuple[str, str]:
    """_term_pattern as (the first word's literal text, the rest), so that a group of terms
    sharing their first word can match it once ("" as the head when the first word is not
    plain text: a plural that is not the word plus an ending)."""
    out = []
    head = ""
    last = len(term.words) - 1
    for j, word in enumerate(term.words):
        if j:
            out.append(_GAP)
        if j == last and term.wildcard:
            piece = re.escape(word) + r"\w*+"  # possessive: the whole word, never less
        elif j == last and term.plural is not None:
            if not j and term.plural.startswith(word):
                # "(?:word|words)" as "word(?:|s)": the same alternatives in the same order
                head = re.escape(word)
                out.append(f"(?:|{re.escape(term.plural[len(word) :])})(?!\\w)")
                continue
            piece = f"(?:{re.escape(word)}|{re.escape(term.plural)})(?!\\w)"
        else:
            piece = re.escape(word) + r"(?!\w)"
        if not j and not (last == 0 and term.plural is not None):
            head = re.escape(word)
            piece = piece[len(head) :]
        out.append(piece)
    # not a reference ("MASH-65154") nor "A&E"-like; a digit other than 0-9 after "-" is
    # checked again in Python (str.isdigit is wider than \d)
    out.append(r"(?!&|-\d)")
    return head, "".join(out)


class _Group:
    """The terms of one category starting with one word, as one regular expression whose
    alternatives are tried longest first (the longest term that matches is the one kept).

    A plain one-word term (ASCII, no wildcard) needs no regular expression: at a place, the
    text's whole word is either it (or its plural) or not, so such terms are a set of words
    (`singles`), and the expression holds the longer terms only (a longer term that matches
    ends after the word, so it is still the one kept)."""

    __slots__ = ("category", "cs", "negative", "nexts", "pattern", "singles", "which")

    def __init__(self, terms: list[_Term]) -> None:
        first = terms[0]
        self.category, self.negative, self.cs = first.category, first.negative, first.cs
        self.which = (first.category, first.negative)
        singles: set[str] = set()
        longer: list[_Term] = []
        for t in terms:
            if len(t.words) == 1 and not t.wildcard and t.words[0].isascii():
                singles.add(t.words[0])
                if t.plural is not None:
                    singles.add(t.plural)
            else:
                longer.append(t)
        self.singles = frozenset(singles) if singles else None
        # When every longer term has a second word: the scanned words one of them must be (the
        # next word of the text, as _scan sees it), so that the pattern is tried only there
        nexts: set[bytes] = set()
        every_second = True
        for t in longer:
            if len(t.words) < 2 or (len(t.words) == 2 and t.wildcard):
                every_second = False
                break
            nexts.add(_encode(t.words[1].lower()))
            if len(t.words) == 2 and t.plural is not None:
                nexts.add(_encode(t.plural))
        self.nexts = frozenset(nexts) if every_second else None
        self.pattern = None
        if not longer:
            return
        ordered = sorted(longer, key=lambda t: -len(t.words))
        split = [_term_parts(t) for t in ordered]
        head = split[0][0]
        if head and all(h == head for h, _ in split):
            # the shared first word matched once, then the alternatives' rests in the same
            # order: the same match as the alternatives written out (a literal cannot match in
            # two ways), in about half the time for a group of many terms
            source = head + "(?:" + "|".join(f"(?:{rest})" for _, rest in split) + ")"
        else:
            source = "|".join(f"(?:{h}{rest})" for h, rest in split)
        # Kept between processes (recache): compiling the groups was about half of a
        # 1,000-document `scan`'s CPU.
        self.pattern = compile_cached(source)


_GROUPS: dict[str, tuple[_Group, ...]] = {}


def _groups(key: str) -> tuple[_Group, ...]:
    """The compiled groups of the terms under an index key (compiled when first needed, so a
    start-up compiles nothing)."""
    found = _GROUPS.get(key)
    if found is None:
        by: dict[tuple[str, bool, bool], list[_Term]] = {}
        for term in _index().get(key, ()):
            by.setdefault((term.category, term.negative, term.cs), []).append(term)
        found = _GROUPS[key] = tuple(_Group(terms) for terms in by.values())
    return found


# A word of the text -> the groups to try where it stands (its own and its wildcard beginning's).
_PLANS: dict[str, tuple[_Group, ...]] = {}


def _plan(word: str, index: dict) -> tuple[_Group, ...]:
    if len(_PLANS) > 100_000:
        _PLANS.clear()  # bounded: words under a wildcard are open-ended
    keys = (word, word[:4] + "*") if len(word) >= 4 else (word,)
    plan = _PLANS[word] = tuple(g for key in keys if key in index for g in _groups(key))
    return plan


def _clear_groups() -> None:
    _GROUPS.clear()
    _PLANS.clear()
    _WILD_SEEN.clear()  # the wildcard beginnings may change with the lexicon
    _WILD_YES.clear()


class _GroupsCache:
    """What `register_cache` wants (a `cache_clear`) for the group tables above."""

    def cache_clear(self) -> None:
        _clear_groups()


register_cache(_GroupsCache())


_Hits = dict[str, list[tuple[int, int, str]]]
_Blocked = dict[str, list[tuple[int, int]]]


# The encoded words met so far, and those of them that start with a wildcard term's beginning
# (kept between texts, bounded), so that only words not met before are sliced.
_WILD_SEEN: set[bytes] = set()
_WILD_YES: set[bytes] = set()


def _wild_words(distinct: set[bytes], wild: frozenset[bytes]) -> set[bytes]:
    """The words of `distinct` whose first four letters begin a wildcard term."""
    new = distinct - _WILD_SEEN
    if new:
        if len(_WILD_SEEN) > 200_000:
            _WILD_SEEN.clear()
            _WILD_YES.clear()
            new = distinct
        _WILD_SEEN.update(new)
        _WILD_YES.update(w for w in new if len(w) >= 4 and w[:4] in wild)
    return distinct & _WILD_YES


def _scan(
    text: str,
    low: str,
    enc: bytes,
    distinct: set[bytes],
    marks: list | None = None,
    parts: list[bytes] | None = None,
    found: dict | None = None,
) -> tuple[_Hits, _Blocked] | None:
    """Every term (hits) and negative phrase (blocked) in the text, per category (None in the
    rare case the slow path must decide). `marks`, when given, gets the (offset, word) of the
    words the sentence rules look for, in text order (see _MARK_BYTES). `parts`: the text's
    `enc.split(b" ")`, when already made. `found`, when given and the scan gets that far, gets
    "negations": the offsets of the negation words (_NEGATION_BYTES), in text order."""
    keys = _byte_keys()
    hits: _Hits = {}
    blocked: _Blocked = {}
    marked = distinct & _MARK_BYTES if marks is not None else ()
    firsts = distinct & keys.first
    wild = keys.wild
    if wild:
        firsts.update(_wild_words(distinct, wild))
    # a common first word followed by a frequent word ("under the"), found from the first word;
    # any other pair ("the child") from its second word, when a first word it fits is present
    after = keys.after
    filtered = {
        w for w in distinct & keys.filtered if w not in firsts and not after[w].isdisjoint(distinct)
    }
    seconds = distinct & keys.seconds
    before = keys.before
    look = firsts | filtered | seconds
    if not look and not marked:
        return hits, blocked
    if parts is None:
        parts = enc.split(b" ")
    n_parts = len(parts)
    wanted = look | marked if marked else look
    negs = distinct & _NEGATION_BYTES if found is not None else ()
    if negs:
        wanted = wanted | negs
    neg_at: list[int] = []
    at = [j for j, p in enumerate(parts) if p in wanted]
    places: list[int] = []
    marked_at: list[int] = []
    for j in at:
        piece = parts[j]
        if piece in negs:
            neg_at.append(j)
            if piece not in look and piece not in marked:
                continue
        if piece in marked:
            marked_at.append(j)
            if piece not in look:
                continue
        if piece in firsts:
            places.append(j)
        elif piece in filtered:
            k = j + 1
            while k < n_parts and not parts[k]:
                k += 1
            if k < n_parts and parts[k] in after[piece]:
                places.append(j)
        if piece in seconds:
            k = j - 1
            while k >= 0 and not parts[k]:
                k -= 1
            if k >= 0 and parts[k] in before[piece] and parts[k] not in firsts:
                previous = parts[k]
                if previous not in filtered or piece not in after[previous]:
                    places.append(k)
    if not places and not marked_at:
        return hits, blocked
    cum = list(accumulate(map(len, parts)))
    if found is not None:
        found["negations"] = [cum[j] - len(parts[j]) + j for j in neg_at]
    if marked_at:
        assert marks is not None  # (words are marked only when marks are kept)
        _mark(parts, cum, marked_at, marks)
    index = _index()
    plans = _PLANS
    for j in places:
        piece = parts[j]
        start = cum[j] - len(piece) + j
        if start and text[start - 1] == "&":
            continue
        low_word = low[start : start + len(piece)]
        plan = plans.get(low_word)
        if plan is None:
            plan = _plan(low_word, index)
        best: dict[tuple[str, bool], int] = {}
        nxt = None
        for group in plan:
            singles = group.singles
            if singles is not None:
                end = start + len(piece)
                if (
                    (text if group.cs else low)[start:end] in singles
                    and not (  # the pattern's (?!&|-\d)
                        text[end : end + 1] == "&"
                        or (text[end : end + 1] == "-" and text[end + 1 : end + 2].isdecimal())
                    )
                    and end > best.get(group.which, -1)
                ):
                    best[group.which] = end
            if group.pattern is None:
                continue
            if group.nexts is not None:
                if nxt is None:
                    k = j + 1
                    while k < n_parts and not parts[k]:
                        k += 1
                    nxt = parts[k] if k < n_parts else b""
                if nxt not in group.nexts:
                    continue  # no term of the group can go on with the next word
            m = group.pattern.match(text if group.cs else low, start)
            if m is not None:
                end = m.end()
                if end > best.get(group.which, -1):
                    best[group.which] = end
        for (category, negative), end in best.items():
            if text[end : end + 1] == "-" and text[end + 1 : end + 2].isdigit():
                return None  # a digit \d does not know after "-": the slow path decides
            if negative:
                blocked.setdefault(category, []).append((start, end))
            else:
                hits.setdefault(category, []).append((start, end, text[start:end]))
    return hits, blocked


def _scan_by_words(text: str) -> tuple[_Hits, _Blocked, set[str]]:
    """_scan for a text whose lower-case form has another length: word by word, slower."""
    index = _index2()
    hits: _Hits = {}
    blocked: _Blocked = {}
    get = index.get
    words = WORD_RE.findall(text)
    lows = [w.lower() for w in words]
    spans = [m.span() for m in WORD_RE.finditer(text)]
    n_words = len(words)
    distinct = set(lows)
    hot = _hot_words(distinct, index)
    for i in [i for i, low in enumerate(lows) if low in hot] if hot else ():
        low = lows[i]
        entries = get(low)
        wild = get(low[:4] + "*") if len(low) >= 4 else None
        if wild is None:
            if entries is None:
                continue
            if not entries[0] and (i + 1 >= n_words or lows[i + 1] not in entries[1]):
                continue
        candidates: list[_Term] = []
        for group in (entries, wild):
            if group is None:
                continue
            singles, by_second = group
            if by_second and i + 1 < n_words:
                candidates.extend(by_second.get(lows[i + 1], ()))
            candidates.extend(singles)
        start = spans[i][0]
        if not candidates or (start and text[start - 1] == "&"):
            continue
        candidates.sort(key=lambda t: -len(t.words))
        done: set[tuple[str, bool]] = set()
        for term in candidates:
            key = (term.category, term.negative)
            if key in done:
                continue
            last = _match_at(term, i, spans, words, lows, text)
            if last < 0:
                continue
            done.add(key)
            end = spans[last][1]
            if term.negative:
                blocked.setdefault(term.category, []).append((start, end))
            else:
                hits.setdefault(term.category, []).append((start, end, text[start:end]))
    return hits, blocked, distinct


def _words_lower(text: str) -> tuple[str, bytes] | None:
    """The lower-cased text and its encoded form, or None when lower-casing changes the length
    (a dotted capital I: offsets in the lower-cased text would not be the text's) or a word's
    letters (a capital sigma lowers by its neighbours, which differ in a word alone)."""
    low = text.lower()
    if len(low) != len(text) or "Σ" in text:
        return None
    return low, _encode(low)


# added 26 November (session 6): a term inside the name of a professional's job or team, said of
# that professional: "Jo Bennett, Independent Reviewing Officer", "Jo Bennett from the Child
# Protection Team", "Jo Bennett is our Virtual School Head", "Jo Bennett, Head of Looked After
# Children Service", "Jo Bennett works in the MASH". A job says nothing special about the person
# who does it, so that person's name does not link the term; another person's name, a person word
# or the record's subject still can ("..., will chair Mia's review").
_ROLE_HEADS = frozenset(
    {
        "officer", "officers", "worker", "workers", "manager", "managers", "lead", "leads",
        "coordinator", "co-ordinator", "coordinators", "head", "practitioner", "practitioners",
        "adviser", "advisor", "advisers", "advisors", "consultant", "nurse", "nurses", "director",
        "team", "teams", "service", "services", "hub", "unit", "department", "directorate",
        "navigator", "mentor", "specialist", "administrator", "caseworker", "reviewer", "liaison",
        "chair", "champion", "therapist", "psychologist", "paediatrician", "clinician",
    }
)  # fmt: skip
# What may stand between the professional's name and the term: an apposition, "from (the)", "is
# our", "works in the", and a grade or a post ("Head of", "Senior", "Deputy").
_STAFF_GAP = compile_cached(
    r"(?P<rel>[ \t]*[,(][ \t]*|[ \t]+[-–][ \t]+|[ \t]+from[ \t]+|"
    r"[ \t]+(?:is|was)[ \t]+(?:our|the|a|an|your)[ \t]+|"
    r"(?P<works>(?:,[ \t]*who)?[ \t]+(?:works?|worked|working|is[ \t]+based|based)[ \t]+"
    r"(?:in|at|for|within)[ \t]+))"
    r"(?:(?:the|a|an|our|your)[ \t]+)?"
    r"(?:(?:senior|deputy|assistant|acting|interim|principal|lead|specialist)[ \t]+)*"
    r"(?P<of>(?:head|manager|chair|director|member|leader|lead)[ \t]+of[ \t]+(?:the[ \t]+)?)?",
    re.I,
)
# Up to three words after the term, on its line, before the job's or the team's last word.
_ROLE_TAIL = compile_cached(r"(?:[ \t]*(?:&|and)?[ \t]*[\w-]+\b){0,4}")
_ROLE_WORD = compile_cached(r"[\w-]+|&")


def _role_line(line: str) -> bool:
    """A line that names a job or a team: its last word, or one of its words before a comma, is
    a job's or a team's word ("Social Worker, Assessment Team", "Senior Practitioner")."""
    return any(
        part.split()[-1].strip(".'’").lower() in _ROLE_HEADS
        for part in line.replace("|", ",").split(",")
        if part.split()
    )


def _signature_name(text: str, start: int, end: int, people: _People) -> Span | None:
    """The name a signature block gives above the term's line, when the term's line names a
    job or a team: "Ifrah Warsame\nSocial Worker, Assessment Team". At most three lines up, no
    blank line between, the name alone on its line."""
    line_start = text.rfind("\n", 0, start) + 1
    if line_start == 0:
        return None
    line_end = text.find("\n", end)
    if line_end < 0:
        line_end = len(text)
    # a job's line is short, and a name is on one of the three lines above it
    if line_end - line_start > 120:
        return None
    top = line_start - 1
    for _ in range(3):
        top = text.rfind("\n", 0, top) if top > 0 else -1
        if top < 0:
            break
    if people.overlapping(top + 1, line_start - 1) is None:
        return None
    if not _role_line(text[line_start:line_end]):
        return None
    pos = line_start
    for _ in range(3):
        if pos <= 0:
            return None
        above = text.rfind("\n", 0, pos - 1) + 1
        row = text[above : pos - 1]
        if not row.strip():
            return None
        p = people.overlapping(above, pos - 1)
        if p is not None:
            rest = (text[above : p.start] + text[p.end : pos - 1]).strip(" \t,.-–")
            return p if not rest or rest.isupper() else None  # post-nominals: "MA, BSc"
        pos = above
    return None


def _staff_person(text: str, start: int, end: int, people: _People) -> Span | None:
    """The professional whose job or team the term names, or None (see _ROLE_HEADS)."""
    signer = _signature_name(text, start, end, people)
    if signer is not None:
        return signer
    p = people.overlapping(start - 60, start)
    if p is None or p.end > start:
        return None
    # the nearest name before the term
    i = bisect_left(people.starts, start) - 1
    while i >= 0 and people.items[i].end > start:
        i -= 1
    if i < 0:
        return None
    p = people.items[i]
    gap = _STAFF_GAP.fullmatch(text, p.end, start)
    if gap is None:
        # "Lee Bright Family Support Worker": a job in capitals after a name alone on its line
        line_start = text.rfind("\n", 0, p.start) + 1
        if (
            text[p.end : start].strip(" \t")
            or text[line_start : p.start].strip()
            or not text[start].isupper()
        ):
            return None
    if gap is not None and (gap.group("works") is not None or gap.group("of") is not None):
        return p  # "works in the MASH": where someone works; "Head of SEND": a post (session 7)
    # the job's or the team's last word: the term's own ("Independent Reviewing Officer") or one
    # of the next words on the line ("Child Protection Team", "Early Help coordinator")
    line_end = text.find("\n", end)
    stop = len(text) if line_end < 0 else line_end
    words = [text[start:end].rsplit(None, 1)[-1]]
    tail = _ROLE_TAIL.match(text, end, stop)
    if tail is not None:
        words += _ROLE_WORD.findall(tail.group())
    for w in words[:5]:
        if w.lower() in _ROLE_HEADS:
            return p
        if w.endswith(("'s", "’s")):
            return None  # "Mia's YOT worker": whose, not a job title
    return None


# Terms of children's social care that, as the writer's own job or team, still say nothing about
# the family written about: a council's children's services also run admissions and transport.
_GENERIC_SERVICES = frozenset({"children's services", "children’s services", "childrens services"})
# Lines that address or route a message rather than speak about someone.
_ADDRESS_LINE = compile_cached(
    r"[ \t]*(?:dear|hi|hello|good (?:morning|afternoon)|from|to|cc|bcc|sent|attn|for the attention"
    r" of)\b",
    re.I,
)


# added 26 November (session 6): a term counted, as in a caseload or a team's figures.
_COUNT_BEFORE = compile_cached(
    r"\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
    r"thirty|forty|fifty|several|many)[ \t]+(?:(?:new|more|open|current|active|other|further|"
    r"ongoing)[ \t]+)?$",
    re.I,
)
_COUNT_AFTER = compile_cached(r"[ \t]*:[ \t]*\d")


def _counted(text: str, start: int, end: int) -> bool:
    """The term is counted ("two new CP plans", "21 LAC") or labels a count ("Caseload: 21")."""
    return (
        _COUNT_AFTER.match(text, end) is not None
        or _COUNT_BEFORE.search(text, max(0, start - 30), start) is not None
    )


def _staff_link(
    text: str,
    start: int,
    end: int,
    matched: str,
    category: str,
    people: _People,
    staff: Span,
    terms: bytearray | None,
    bounds: tuple[int, int] | None,
) -> str | None:
    """Why a term inside a professional's job or team is about a person, or None.

    The professional's own name does not link it, nor does a name nearby (a signature sits next
    to the body of the message); another name or a person word in its sentence does. And a
    children's social care job or team ("Social Worker", "Child Protection Team") in a record
    that speaks about someone other than the professionals and the people it is addressed to is
    a record of social care involvement with that person."""
    why = _link(text, start, end, people, terms, bounds, window=False, skip=staff)
    if why is not None or category != "safeguarding" or matched.lower() in _GENERIC_SERVICES:
        return why
    own_name = text[staff.start : staff.end]
    own = set(own_name.split())
    for q in people.items:
        if q is staff:
            continue
        name = text[q.start : q.end]
        if name == own_name or (" " not in name and name in own):
            continue  # the professional again: a sign-off "Ifrah" above "Ifrah Warsame" (session 7)
        line_start = text.rfind("\n", 0, q.start) + 1
        line_end = text.find("\n", q.end)
        line = text[line_start : len(text) if line_end < 0 else line_end]
        if (
            _ADDRESS_LINE.match(line)
            or _role_line(line)
            or _signature_name(text, q.start, q.end, people) is not None
        ):
            continue
        if _staff_person(text, q.start, q.end, people) is not None:
            continue
        return f"the writer's job ('{matched}') in a record about '{q.text}'"
    return None


def find_categories(
    text: str, persons: Sequence[Span], *, require_link: bool = True
) -> list[CategoryEvidence]:
    """Evidence of each special category in the text, linked or not to a person."""
    prepared = _words_lower(text)
    enc: bytes | None = None
    scan_out: dict = {}
    if prepared is None:
        hits, blocked, distinct = _scan_by_words(text)
        low_text = text.lower()
        topical = (
            not _topic_words().isdisjoint(distinct)
            or not _COURSE_WORDS.isdisjoint(distinct)
            or not _WORK_WORDS.isdisjoint(distinct)
        )
    else:
        low_text, enc = prepared
        parts = enc.split(b" ")
        pieces = set(parts)
        pieces.discard(b"")
        marks: list[tuple[int, bytes]] | None = []
        scanned = _scan(text, low_text, enc, pieces, marks, parts, scan_out)
        if scanned is None:
            marks = None
        hits, blocked = scanned if scanned is not None else _scan_by_words(text)[:2]
        topic_bytes, exact = _topic_bytes()
        if exact:
            topical = not topic_bytes.isdisjoint(pieces)
        else:
            distinct = set(WORD_RE.findall(low_text))
            topical = (
                not _topic_words().isdisjoint(distinct)
                or not _COURSE_WORDS.isdisjoint(distinct)
                or not _WORK_WORDS.isdisjoint(distinct)
            )
    built = set()  # spans found by a sentence rule or a form field: no name, by their structure
    for category, a, b, value in _field_hits(text, low_text):
        hits.setdefault(category, []).append((a, b, value))
        # a religion field's value is a faith even where the name finder took a word of it for
        # a name ("Religion: Islam (Sunni)", session 5b)
        built.add((a, b))
    if "cllr" in low_text or "councillor" in low_text:
        for m in _PARTY_ABBREVIATION.finditer(text):
            hits.setdefault("political_opinion", []).append((m.start(1), m.end(1), m.group(1)))
    for category, a, b, value in _rule_hits(
        text, low_text, enc, marks if enc is not None else None
    ):
        hits.setdefault(category, []).append((a, b, value))
        built.add((a, b))
    for a, b, value in _social_care_record(text, low_text, enc, marks if enc is not None else None):
        hits.setdefault("safeguarding", []).append((a, b, value))
        built.add((a, b))
    if not hits:
        return []
    # A term inside a longer term of another category belongs to that one: "criminal" in
    # "child criminal exploitation" is safeguarding, not a criminal record.
    n = len(text)
    every = _mask(n, ((a, b) for found in hits.values() for a, b, _ in found))
    if len(hits) > 1:
        # Only a term touching another term can be inside another category's term: check those
        # alone, with a category's mask built only when such a term needs it.
        original = dict(hits)  # the lists are replaced below, never changed
        masks: dict[str, bytearray] = {}

        def mask_of(c: str) -> bytearray:
            m = masks.get(c)
            if m is None:
                m = masks[c] = _mask(n, ((a, b) for a, b, _ in original[c]))
            return m

        for category, found in original.items():
            hits[category] = [
                h
                for h in found
                if not (
                    ((h[0] > 0 and every[h[0] - 1]) or (h[1] < n and every[h[1]]))
                    and any(
                        c != category
                        and (mk := mask_of(c)).find(0, h[0], h[1]) < 0
                        and ((h[0] > 0 and mk[h[0] - 1]) or (h[1] < n and mk[h[1]]))
                        for c in original
                    )
                )
            ]
    needs = _needs_person()
    people = _People(persons)
    workplaces = _workplaces()
    # a service's contact details: only where a first word of one is in the text
    found_contact = _contact_after()
    contact: re.Pattern[str] | None = None
    if found_contact is not None and (enc is None or not found_contact[1].isdisjoint(pieces)):
        contact = found_contact[0]
    topic_words: frozenset[bytes] | None
    topic_words, exact = _topic_bytes()
    if enc is None or not exact:
        topic_words = None
    # The negation pattern is case-insensitive, and so takes "ſ" for "s" and "ı" for "i": with
    # either in the text the scanned words cannot tell it has no negation word.
    neg_enc = enc if enc is not None and "ſ" not in text and "ı" not in text else None
    # no negation word anywhere: no term can be negated
    negations = neg_enc is None or not _NEGATION_BYTES.isdisjoint(pieces)
    # where the negation words are, from the scan (None: look in the bytes before each term)
    neg_at = scan_out.get("negations") if neg_enc is not None else None
    evidence: list[CategoryEvidence] = []
    subject: str | None | bool = False  # found when first needed
    # where a term can be a lesson's content or an offer (None: not scanned, every term is
    # checked): 1 within reach of a school subject or an offer's verb placed as its rule needs
    near_lesson = near_offer = None
    breaks: _Breaks | None = None  # the text's sentence breaks, found when first needed
    if enc is not None and marks is not None:
        near_lesson = bytearray(n + 1)
        near_offer = bytearray(n + 1)
        for q, w in marks:
            if w in _LESSON_BYTES:  # a term within LINK_WINDOW of q (terms are short)
                lo = max(0, q - LINK_WINDOW - 100)
                hi = min(n, q + LINK_WINDOW)
                near_lesson[lo : hi + 1] = b"\x01" * (hi + 1 - lo)
            elif w in _OFFER_BYTES:  # a term starting within 70 characters after q
                hi = min(n, q + 70)
                near_offer[q + 1 : hi + 1] = b"\x01" * (hi - q)
    for category, found in hits.items():
        cat_blocked = blocked.get(category)
        blocked_mask = _mask(n, cat_blocked) if cat_blocked else None
        last_end = -1
        for a, b, matched in sorted(found):
            if a < last_end:
                continue  # overlaps a term of this category already taken
            last_end = b
            if blocked_mask is not None and blocked_mask.find(0, a, b) < 0:
                continue  # inside a negative phrase: "health and safety"
            if (
                people.overlapping(a, b) is not None
                and not _after_article(text, a)
                and (a, b) not in built
                and not _predicate(text, a, b, people)
                and _name_word(text, a, b)
            ):
                continue  # "Christian" the name, not the faith; but "a Tory", "Rastafari"
            if (
                negations
                and (
                    neg_enc is None
                    or (
                        not _NEGATION_BYTES.isdisjoint(neg_enc[max(0, a - 60) : a].split())
                        if neg_at is None
                        # a negation word starting in the 60 characters before the term (a
                        # word _NEGATED can match starts there; a word cut by the window
                        # cannot match it)
                        else (i := bisect_left(neg_at, a - 60)) < len(neg_at) and neg_at[i] < a
                    )
                )
                and _NEGATED.search(text, max(0, a - 60), a)
            ):
                continue  # "There are no medical needs recorded"
            if not matched.islower() and (_in_org_name(text, a, b) or _in_street_name(text, a, b)):
                continue  # "St Thomas More Catholic Primary School", "Chapel Fold"
            if category in _CATEGORY_RULES and _not_about_a_person(
                category, text, low_text, a, b, workplaces
            ):
                continue  # a language, a venue, a job, a victim
            if _empty_answer(text, b):
                continue  # "Medical condition: none", "Known to social care? No"
            # "epilepsy awareness training"; the scanned words first tell whether a topic or a
            # course word is near enough to matter
            course = (
                topical
                and (
                    topic_words is None
                    or enc is None
                    or not topic_words.isdisjoint(enc[b : b + 40].split())
                    or not topic_words.isdisjoint(enc[max(0, a - 40) : a].split())
                )
                and _course_or_topic(text, a, b)
            )
            if _first_name_used_as_name(text, a, b):
                continue  # "Christian Murphy"
            aside = None
            bounds = None
            if not course:
                # where the scanned words put a school subject or an offer's verb tells whether
                # one is near enough to matter
                if near_lesson is None or near_lesson[a]:
                    if breaks is None:
                        breaks = _Breaks(text)
                    bounds = breaks.bounds(a, b)
                    if _in_lesson(text, a, b, bounds):
                        aside = "the content of a lesson, not a fact about a person"
                if aside is None and (near_offer is None or near_offer[a]) and _offer(text, a):
                    aside = "an offer or a right, not a fact about a person"
                if (
                    aside is None
                    and contact is not None
                    and contact.match(text, b) is not None  # _contact_details, inlined
                    and _CONTACT_BEFORE.search(text, max(0, a - 8), a) is not None
                ):
                    aside = "a service's contact details, not a fact about a person"
                course = aside is not None
            if course:
                why = None
            else:
                if bounds is None:
                    if breaks is None:
                        breaks = _Breaks(text)
                    bounds = breaks.bounds(a, b)
                staff = _staff_person(text, a, b, people) if people.items else None
                # a counted term ("two new CP plans", "Caseload: 21 children") is a tally, not a
                # fact about a name nearby or the record's subject; only a name in its own
                # sentence links it
                counted = _counted(text, a, b)
                if staff is None:
                    why = _link(text, a, b, people, every, bounds, window=not counted)
                else:
                    why = _staff_link(text, a, b, matched, category, people, staff, every, bounds)
                if why == _ABOUT_A_GROUP:
                    why = None
                elif why is None and people.items and not counted:
                    why = _form_field_link(text, a, people)
                    if why is None:
                        if subject is False:
                            subject = _document_subject(text, people)
                        if subject is not None:
                            why = f"in a document about '{subject}'"
            linked = not course and (why is not None or not (needs[category] and require_link))
            evidence.append(
                CategoryEvidence(
                    category=category,
                    start=a,
                    end=b,
                    text=matched,
                    term=matched.lower(),
                    linked=linked,
                    explanation=(
                        f"term '{matched}'; "
                        + (
                            (aside or "names a course or a topic, not a fact about a person")
                            if course
                            else why or "no person mentioned nearby"
                        )
                    ),
                )
            )
    evidence.sort(key=lambda ev: (ev.start, ev.category))
    return evidence
