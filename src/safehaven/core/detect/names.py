"""PERSON detection without a model: name lists, capitalisation and context.

A run of capitalised tokens on one line ("Mrs Sarah O'Neill", "Jayden Smith's") is a candidate.
It becomes a person's name when its tokens are in the first-name or surname lists, or when a title
("Mr"), a cue word ("Dear", "pupil", "mother", "Name:") or an initial stands with it. A run that
contains an organisation word ("Riverside Primary School"), ends in a street word ("Mill Lane"),
or is a place, a month or a common word at the start of a sentence is not a name. Once a name is
found, its parts are names everywhere else in the same document ("Jayden" after "Jayden Smith").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from safehaven.core.detect.lexicons import first_names, register_cache, surnames, word_list
from safehaven.core.detect.model import Span

# A word (letters, with inner apostrophes or hyphens), or an initial ("J" or "J.").
TOKEN_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*\.?")
PARTICLES = frozenset(
    {
        "van",
        "von",
        "de",
        "der",
        "den",
        "da",
        "di",
        "del",
        "della",
        "la",
        "le",
        "du",
        "bin",
        "binti",
        "ibn",
        "al",
        "el",
        "dos",
        "das",
        "ter",
        "ten",
        "mac",
        "st.",
    }
)
_SENTENCE_END = frozenset('.!?:;"“”•*>|')
_POSSESSIVE = re.compile(r"['’]s?$")
_NAME_LABEL = re.compile(
    r"(?:\bname|\bchild|\bpupil|\bstudent|\bfrom|\bto|\bcc|\bsigned|\bparent|\bcarer|\bmother|"
    r"\bfather|\breferrer|\bcontact|\buser|\bclient|\bpatient|\bdirected by|\bwritten by|"
    r"\bauthor|\bteacher|\bworker|\bguardian|\battendees?|\bpresent|\bapologies|\bsubject|"
    r"\bre|\bregarding|\bconcerning|\byoung person|\bsibling|\bsiblings|\bdsl|\bsenco|"
    r"\bsocial worker|\bchaired by|\bminutes by|\bkeyworker|\bkey worker|\btaken by|\bseen by|"
    r"\bcaller|\bmessage for|\bfao|\bfor the attention of|\breported by|\bcompleted by|"
    r"\bprepared by|\bchair|\bminute taker|\bassessor|\bmanager|\bofficer|\blead)\s*:\s*$",
    re.IGNORECASE,
)
_TOPIC_LABEL = re.compile(r"(?:\bsubject|\bre|\bregarding|\bconcerning)\s*:\s*$", re.I)
_NOT_NAME_LABEL = re.compile(
    r"(?:religion|faith|ethnicity|ethnic group|nationality|language|first language|"
    r"home language|school|academy|college|setting|course|town|city|county|"
    r"country|location|venue|area|borough)\s*:\s*$",
    re.IGNORECASE,
)


def _reversed_label(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """From `(?:\\bword|...)\\s*:\\s*$`, a pattern matching the reversed word at the start of a
    reversed string: `.match` tries one position where `.search` tried every one (same answer)."""
    body = pattern.pattern
    assert body.startswith("(?:"), body
    assert body.endswith(r")\s*:\s*$"), body
    alts = []
    for alt in body[3 : -len(r")\s*:\s*$")].split("|"):
        bounded = alt.startswith(r"\b")
        word = alt[2:] if bounded else alt
        optional_last = word.endswith("?")
        if optional_last:
            word = word[:-1]
        assert re.fullmatch(r"[a-z ]+", word), word
        rev = re.escape(word[::-1])
        if optional_last:
            rev = rev[0] + "?" + rev[1:]
        alts.append(rev + (r"(?!\w)" if bounded else ""))
    return re.compile("(?:" + "|".join(alts) + ")", pattern.flags)


def _label_before(rev: re.Pattern[str], before: str) -> bool:
    """Whether `before` ends with a label word, a colon and spaces (as the forward pattern's
    `.search(before)`): peel the spaces and the colon, then match the word backwards."""
    core = before.rstrip()
    if not core.endswith(":"):
        return False
    return rev.match(core[:-1].rstrip()[::-1]) is not None


_NAME_LABEL_REV = _reversed_label(_NAME_LABEL)
_TOPIC_LABEL_REV = _reversed_label(_TOPIC_LABEL)
_NOT_NAME_LABEL_REV = _reversed_label(_NOT_NAME_LABEL)


_NUMBER_BEFORE = re.compile(r"\d[ \t]*,?[ \t]*$")
_CAPS_OK = frozenset({"first", "first_weak", "last", "last_weak", "title", "initial"})
_NEVER_ALONE = frozenset({"common", "org", "street", "title", "proper"})
_INTRO_LAST = frozenset({"is", "am", "i'm", "this", "name's", "called", "named", "as", "signed"})
_NOT_AFTER = re.compile(
    r"^[ \t]+(?:term|terms|half[- ]term|holidays?|camp|fair|fete|school|garden|festival|"
    r"season|concert|play|show|trip|club)\b",
    re.IGNORECASE,
)
_SELF_INTRO = re.compile(
    r"(?:\bmy name is|\bi am|\bi'm|\bthis is|\bname's|\bcalled|\bnamed|\bknown as|\bsigned)\s+$",
    re.IGNORECASE,
)
_CLOSING = re.compile(
    r"(?:regards|sincerely|faithfully|thanks|thank you|best wishes|wishes|cheers|love)\s*,?\s*$",
    re.IGNORECASE,
)
_AFTER_PERSON = re.compile(
    r"^(?:['’]s\b|\s*\((?:aged|age|dob|d\.o\.b|born|year|yr|y\d|upn|nhs)|\s*,?\s*(?:aged|age)\s+\d|"
    r"\s+(?:is|was|has|had|said|says|told|attends|attended|lives|lived|will|would|and his|"
    r"and her|who|whose|himself|herself)\b)",
    re.IGNORECASE,
)

# Surname endings (a tuple for str.endswith: much faster than an end-anchored regex search).
SURNAME_SUFFIXES = tuple(
    [
        "ová",
        "ova",
        "ski",
        "ska",
        "sky",
        "cki",
        "cka",
        "wicz",
        "czyk",
        "enko",
        "ić",
        "ic",
        "ović",
        "ovich",
        "evich",
        "ov",
        "ev",
        "yan",
        "ian",
        "sson",
        "sen",
        "poulos",
        "akis",
        "escu",
        "oglu",
        "oğlu",
        "ishvili",
        "adze",
        "aty",
        "elli",
        "etti",
        "ini",
        "ino",
        "ez",
        "es",
        "aki",
        "awa",
        "ura",
        "oto",
    ]
)


@dataclass(slots=True)
class Token:
    text: str
    start: int
    end: int
    word: str  # without a trailing dot or possessive
    lower: str
    initial: bool
    caps: bool  # capitalised (first letter upper)
    allcaps: bool
    sentence_start: bool


@register_cache
@cache
def _lists() -> dict[str, frozenset[str]]:
    return {
        "first": first_names(),
        "last": surnames(),
        "common": word_list("common_words.txt"),
        "proper": word_list("proper_nouns.txt") | word_list("places.txt"),
        "place": word_list("places.txt"),
        "street_prefix": word_list("street_prefixes.txt"),
        "org": word_list("org_words.txt"),
        "street": word_list("street_suffixes.txt"),
        "title": word_list("titles.txt"),
        "cue": word_list("name_cues.txt"),
        "weak_cue": word_list("name_cues_weak.txt"),
        "not_name": word_list("not_names.txt"),
    }


_KEEP_LOWER = PARTICLES | {"the"}
# Only words that can matter: those starting with a capital (Latin scripts; other scripts are
# checked with str.isupper below) and the lower-case particles. Skipping the rest in the regex
# engine rather than in Python is most of the tokeniser's speed.
_CAND_RE = re.compile(
    r"(?<![^\W\d_])(?:(?=[A-ZÀ-ÖØ-ÞĀ-ſƀ-ɏͰ-ϿЀ-ЯѠ-ӿ])|(?=(?:"
    + "|".join(sorted((re.escape(p) for p in _KEEP_LOWER), key=len, reverse=True))
    + r")(?![^\W\d_])))"
    + TOKEN_RE.pattern
)


def _tokenise(text: str) -> list[Token]:
    tokens: list[Token] = []
    for m in _CAND_RE.finditer(text):
        raw = m.group()
        if not raw[0].isupper() and raw.rstrip(".") not in _KEEP_LOWER:
            continue  # lower-case words only matter as gaps between capitalised ones
        start = m.start()
        word = raw[:-1] if raw[-1] == "." else raw
        if len(word) > 2 and word[-1] in "s'’" and ("'" in word or "’" in word):
            poss = _POSSESSIVE.search(word)
            if poss and poss.start() > 0 and word[poss.start() - 1].isalpha():
                word = word[: poss.start()]
        if not word:
            continue
        # Sentence start: nothing but spaces/bullets since the line start or a sentence end.
        prev = text[max(0, start - 12) : start].rstrip(_LEAD_CHARS)
        sentence_start = not prev or prev[-1] in _BREAK_CHARS
        upper = word.isupper()
        tokens.append(
            Token(
                raw,
                start,
                start + len(word),
                word,
                word.lower(),
                len(word) == 1 and upper,
                word[0].isupper(),
                upper and len(word) > 1,
                sentence_start,
            )
        )
    return tokens


_LEAD_CHARS = " \t-–(\"'“‘"
_BREAK_CHARS = frozenset("\n\r") | _SENTENCE_END


def _joinable(text: str, a: Token, b: Token) -> bool:
    """Whether token b continues the capitalised run that ends with token a."""
    gap = text[a.end : b.start]
    if gap.lstrip(".") not in (" ", ""):
        return False  # the usual case in prose (words between), decided first; same answer
    if a.text.endswith(".") and (gap == "" or not a.initial):
        return False  # "Layla. You": a full stop ends the name
    # "Jayden's mother": the possessive ends the name.
    return not (a.end < len(text) and text[a.end : a.end + 2] in ("'s", "’s"))


def _runs(text: str, tokens: list[Token]) -> list[list[int]]:
    """Indices of maximal runs of capitalised tokens (and name particles) on one line."""
    runs: list[list[int]] = []
    current: list[int] = []
    for i, tok in enumerate(tokens):
        if tok.initial and text[max(0, tok.start - 2) : tok.start].strip()[-1:].isdigit():
            # "AB 12 34 56 C. Jayden": the letter ends an identifier, it is not an initial.
            if current:
                runs.append(current)
            current = []
            continue
        part_of_name = tok.caps or (
            tok.lower in PARTICLES and current and i + 1 < len(tokens) and tokens[i + 1].caps
        )
        if part_of_name and current and _joinable(text, tokens[current[-1]], tok):
            current.append(i)
            continue
        if current:
            runs.append(current)
        current = [i] if tok.caps else []
    if current:
        runs.append(current)
    return runs


@dataclass(slots=True)
class Candidate:
    start: int
    end: int
    score: float
    why: str
    words: tuple[str, ...]


class _Classifier:
    def __init__(self, text: str) -> None:
        self.text = text
        self.L = _lists()

    def kind(self, tok: Token) -> str:
        """One of: title, first, first_weak, last, last_weak, initial, unknown, proper, org,
        street, common (it depends on the word alone, so it is remembered across documents)."""
        return _kind(tok.lower, tok.initial, tok.allcaps)

    def before(self, tok: Token, n: int = 40) -> str:
        return self.text[max(0, tok.start - n) : tok.start]

    def after(self, tok: Token, n: int = 30) -> str:
        return self.text[tok.end : tok.end + n]


@register_cache
@lru_cache(maxsize=1 << 16)
def _kind(low: str, initial: bool, allcaps: bool) -> str:
    L = _lists()
    if initial:
        return "initial"
    if low in L["title"] and (not allcaps or len(low) <= 4):
        return "title"
    if low in L["org"]:
        return "org"
    if low in L["not_name"]:
        return "common"
    if low in L["street"]:
        return "street"
    common = low in L["common"]
    if low in L["place"]:
        return "proper"  # "Preston", "Bradford": the curated places list wins
    if "-" in low and low not in L["first"] and low not in L["last"]:
        parts = low.split("-")
        if all(p in L["first"] for p in parts):
            return "first"  # "Tyler-Jay", "Lily-Rose"
        if all(p in L["last"] or p in L["first"] for p in parts) and parts[0] in L["last"]:
            return "last"  # "Wright-Hussain", "Smith-Jones"
    if low in L["first"]:
        return "first_weak" if common or low in L["proper"] else "first"
    if low in L["last"]:
        return "last_weak" if common or low in L["proper"] else "last"
    if low in L["proper"]:
        return "proper"
    if common or len(low) < 2:
        return "common"
    return "unknown"


def find_names(text: str, *, extra_known: frozenset[str] = frozenset()) -> list[Span]:
    """PERSON spans with scores; a second pass tags later mentions of names already found."""
    tokens = _tokenise(text)
    if not tokens:
        return []
    clf = _Classifier(text)
    known: frozenset[str] = frozenset(extra_known)
    runs = _runs(text, tokens)
    memo: dict = {}
    per_run = _first_pass(text, tokens, runs, clf, known, memo, range(len(runs)), None)
    by_word: dict[str, list[int]] | None = None
    for _ in range(3):
        candidates = [c for result in per_run for c in result]
        found = {w.lower() for c in candidates if c.score >= 0.75 for w in c.words}
        found = {w for w in found if len(w) > 1} | set(extra_known)
        if found <= known:
            break
        # Only runs holding a newly known word can change: judge those again, keep the rest.
        new = found - known
        known = frozenset(known | found)
        if by_word is None:
            by_word = {}
            for i, run_lowers in enumerate(memo["lowers"]):
                for w in run_lowers:
                    by_word.setdefault(w, []).append(i)
        todo = sorted({i for w in new for i in by_word.get(w, ())})
        per_run = _first_pass(text, tokens, runs, clf, known, memo, todo, per_run)
    candidates = [c for result in per_run for c in result]
    spans = [
        Span("PERSON", c.start, c.end, round(c.score, 3), text[c.start : c.end], c.why)
        for c in candidates
    ]
    return _merge_surname_first(text, spans, clf)


_SURNAME_COMMA_FIRST = re.compile(r"(?<![\w])([A-Z][A-Z'’\-]+),[ \t]+(?=[A-Z][a-z])")


def _merge_surname_first(text: str, spans: list[Span], clf: _Classifier) -> list[Span]:
    """Register style "MORGAN, Marcus": one name from the capitalised surname to the first name."""
    if "," not in text:
        return spans
    by_start = {s.start: s for s in spans}
    drop: set[int] = set()
    merged: list[Span] = []
    for m in _SURNAME_COMMA_FIRST.finditer(text):
        first = by_start.get(m.end())
        surname = m.group(1)
        if first is None or first.score < 0.5 or len(surname) < 2:
            continue
        if surname.lower() in clf.L["common"] and surname.lower() not in clf.L["last"]:
            continue
        drop.add(first.start)
        drop.update(s for s in range(m.start(), m.end()) if s in by_start)
        merged.append(
            Span(
                "PERSON",
                m.start(),
                first.end,
                max(first.score, 0.85),
                text[m.start() : first.end],
                "SURNAME, First name; " + first.explanation,
            )
        )
    if not merged:
        return spans
    out = [s for s in spans if s.start not in drop] + merged
    out.sort(key=lambda s: s.start)
    return out


def _first_pass(
    text: str,
    tokens: list[Token],
    runs: list[list[int]],
    clf: _Classifier,
    known: frozenset[str],
    memo: dict,
    todo,
    previous: list[list[Candidate]] | None,
) -> list[list[Candidate]]:
    """Judge the runs in `todo` (indices); the others keep their result from `previous`.

    A run's result depends on `known` only through the known words in it, so a run is judged
    again only when one of its words has become known since the last pass.
    """
    out: list[list[Candidate]] = previous[:] if previous is not None else [[] for _ in runs]
    lowers = memo.get("lowers")
    if lowers is None:
        lowers = memo["lowers"] = [frozenset(tokens[i].lower for i in run) for run in runs]
    for index in todo:
        run = runs[index]
        settled = memo.get(run[0])
        if settled is not None:
            out[index] = settled
            continue
        key = (run[0], lowers[index] & known)
        result = memo.get(key)
        if result is None:
            result = _judge_run(text, [tokens[i] for i in run], tokens, run[0], clf, known)
            memo[key] = result
            if (
                len(result) == 1
                and result[0].score >= 0.85
                and result[0].start <= tokens[run[0]].start
                and result[0].end >= tokens[run[-1]].end
            ):
                # The whole run is a name with high confidence: names found elsewhere in the
                # document cannot change it, so later passes reuse it as it is.
                memo[run[0]] = result
        out[index] = result
    return out


def _judge_run(
    text: str,
    run: list[Token],
    all_tokens: list[Token],
    first_index: int,
    clf: _Classifier,
    known: frozenset[str],
) -> list[Candidate]:
    if len(run) == 1:
        # Most runs are one word: decide the common cases without the run machinery.
        tok = run[0]
        k = clf.kind(tok)
        if tok.lower not in known and (k in _NEVER_ALONE or tok.allcaps):
            return []  # an ALL-CAPS word alone is an acronym more often than a name ("NINO")
    kinds = [clf.kind(t) for t in run]
    if all(k in ("common", "org", "street") for k in kinds) and not any(
        t.lower in known for t in run
    ):
        return []  # "The", "Please", "Riverside Primary School": nothing name-like
    # ALL-CAPS words count only when they are names in the lists or already known.
    for i, t in enumerate(run):
        if t.allcaps and kinds[i] not in _CAPS_OK and t.lower not in known:
            kinds[i] = "common"

    # A run with an organisation word after its first token is an organisation, not a person
    # ("Riverside Primary School", "Leicester City Council"); keep any title-led name before it.
    has_title = False
    title_word = ""
    results: list[Candidate] = []
    # Split the run at titles so "Mr and Mrs Smith" style runs work and titles are excluded.
    segments: list[list[int]] = [[]]
    seg_titles: list[str] = [""]
    for i, k in enumerate(kinds):
        if k == "title":
            segments.append([])
            seg_titles.append(run[i].word)
            continue
        segments[-1].append(i)
    prev_tok = all_tokens[first_index - 1] if first_index > 0 else None
    if prev_tok is not None and text[prev_tok.end : run[0].start].strip():
        prev_tok = None  # only the word right before the run counts ("the Smith family")
    if run[0].lower in clf.L["street_prefix"] or run[0].lower.rstrip(".") in clf.L["street_prefix"]:
        return []  # "Rua Igreja", "Via Tasso", "Apt 5": an address
    if kinds[0] not in ("first", "title") and _NUMBER_BEFORE.search(
        text, max(0, run[0].start - 8), run[0].start
    ):
        return []  # "6750 Koskikatu", "14 Churchill": a house number before it
    for seg, title_word in zip(segments, seg_titles, strict=True):
        has_title = bool(title_word)
        if not seg:
            continue
        seg_kinds = [kinds[i] for i in seg]
        seg_toks = [run[i] for i in seg]
        if "org" in seg_kinds[1:] or (seg_kinds[0] == "org" and len(seg) > 1 and not has_title):
            # Organisation: "Riverside Primary School"; leave it.
            continue
        if seg_kinds[-1] == "street" and len(seg) > 1:
            named = seg_kinds[0] in ("first", "first_weak") or (
                seg_kinds[0] in ("unknown", "last")
                and _label_before(_NAME_LABEL_REV, clf.before(seg_toks[0]))
            )
            if not named or seg_toks[-1].lower not in clf.L["last"]:
                continue  # "Mill Lane", "Churchill Road"; but "Poppy Wood" is a person
            seg_kinds = [*seg_kinds[:-1], "last_weak"]
        trimmed = False
        # Trim from the left: common words at sentence start, cue words, org/street words.
        while seg_toks and (
            seg_kinds[0] in ("common", "org", "street", "proper")
            and not has_title
            and seg_toks[0].lower not in known
        ):
            if (
                seg_kinds[0] == "proper"
                and len(seg_toks) > 1
                and seg_kinds[1] in ("last", "unknown")
            ):
                break
            if seg_toks[0].lower in ("st", "saint", "ste"):
                seg_toks = []  # "St Mary's", "St Patrick's": a church or a school
                break
            if seg_toks[0].lower not in clf.L["cue"]:
                trimmed = True  # "Dear Ubul Kovari": a cue word is not part of a phrase
            seg_toks, seg_kinds = seg_toks[1:], seg_kinds[1:]
        # "Later Jayden": a sentence-initial surname-like word before a first name is not a name.
        if (
            len(seg_toks) > 1
            and seg_toks[0].sentence_start
            and seg_kinds[0] == "last_weak"
            and seg_toks[0].lower in clf.L["common"]
            and seg_toks[0].lower not in known
            and (seg_kinds[1] == "first" or seg_toks[1].lower in known)
            and not has_title
        ):
            seg_toks, seg_kinds = seg_toks[1:], seg_kinds[1:]
        # Trim from the right: common words, org words ("Smith Family"?) stay out.
        while (
            seg_toks
            and seg_kinds[-1] in ("common", "org", "street")
            and seg_toks[-1].lower not in known
            and not (has_title and len(seg_toks) <= 2)
        ):
            seg_toks, seg_kinds = seg_toks[:-1], seg_kinds[:-1]
            trimmed = True
        if not seg_toks:
            continue
        if (
            trimmed
            and not has_title
            and all(k in ("first_weak", "last_weak", "proper", "unknown") for k in seg_kinds)
            and not any(t.lower in known for t in seg_toks)
            and not (seg_kinds[0] == "first_weak" and len(seg_toks) > 1)
        ):
            continue  # a weak word inside a capitalised phrase: "Unique Pupil Number"
        # Drop a trailing initial that is just a sentence-final capital ("... to A.").
        if len(seg_toks) > 1 and seg_kinds[-1] == "initial" and not has_title:
            seg_toks, seg_kinds = seg_toks[:-1], seg_kinds[:-1]
        # Drop trailing particles.
        while seg_toks and seg_toks[-1].lower in PARTICLES:
            seg_toks, seg_kinds = seg_toks[:-1], seg_kinds[:-1]
        if not seg_toks:
            continue
        if len(seg_toks) > 4:
            # Long capitalised runs are headings or titles of works; keep the name-listed core.
            if not has_title:
                continue
            seg_toks, seg_kinds = seg_toks[:3], seg_kinds[:3]
        cand = _score(text, seg_toks, seg_kinds, has_title, title_word, clf, known, prev_tok)
        if cand is not None:
            results.append(cand)
    return results


def _score(
    text: str,
    toks: list[Token],
    kinds: list[str],
    has_title: bool,
    title_word: str,
    clf: _Classifier,
    known: frozenset[str],
    prev_tok: Token | None,
) -> Candidate | None:
    first = toks[0]
    before = clf.before(first)
    after = clf.after(toks[-1])
    reasons: list[str] = []
    n = len(toks)
    name_like = {"first", "first_weak", "last", "last_weak", "unknown", "initial", "proper"}
    if has_title:
        # After a title any capitalised word is a surname ("Mr Hall", "Mrs Reading").
        kinds = [k if k in name_like else "last_weak" for k in kinds]
    if any(k not in name_like for k in kinds):
        return None
    strong = sum(k in ("first", "last") for k in kinds)
    weak = sum(k in ("first_weak", "last_weak") for k in kinds)
    unknown = sum(k == "unknown" for k in kinds)
    initials = sum(k == "initial" for k in kinds)
    proper = sum(k == "proper" for k in kinds)
    known_hits = sum(t.lower in known for t in toks)
    words_only = [t for t, k in zip(toks, kinds, strict=True) if k != "initial"]
    if not words_only:
        # Initials alone ("J.S.") only after a title.
        if has_title:
            return Candidate(
                first.start, toks[-1].end, 0.8, f"initials after title '{title_word}'", ()
            )
        return None

    before_words = before.rstrip(" ,").rsplit(None, 1)
    prev_word = before_words[-1].lower().strip(",.:;") if before_words else ""
    cue = prev_word in clf.L["cue"]
    weak_cue = prev_word in clf.L["weak_cue"]
    tail = before.rstrip()
    label = tail.endswith(":") and _label_before(_NAME_LABEL_REV, before)
    intro = prev_word in _INTRO_LAST and bool(_SELF_INTRO.search(before))
    closing = "\n" in before[-3:] and bool(_CLOSING.search(before.rstrip("\n\r ")))
    after_person = bool(_AFTER_PERSON.match(after)) or text[toks[-1].end : toks[-1].end + 2] in (
        "'s",
        "’s",
    )
    suffix = any(
        k == "unknown" and t.lower.endswith(SURNAME_SUFFIXES)
        for t, k in zip(toks, kinds, strict=True)
    )
    sentence_start = first.sentence_start

    if n == 1 and kinds[0] in ("first_weak", "last_weak") and _NOT_AFTER.match(after):
        return None  # "Summer term", "Rose garden"
    if tail.endswith(":") and _label_before(_NOT_NAME_LABEL_REV, before):
        return None  # "Religion: Christian", "Language: English"
    score = 0.0
    if has_title:
        score = 0.92
        reasons.append(f"after title '{title_word}'")
    if n == 1 and kinds[0] in ("last_weak", "proper", "first_weak") and not has_title:
        # "Subject: Core group", "Re: Summer term": a topic label does not make a common word a
        # name; a person label ("Taken by:", "Caller:") still does for a first name.
        person_label = label and not _label_before(_TOPIC_LABEL_REV, before)
        label = person_label and kinds[0] == "first_weak"
        intro = closing = cue = False
    if label or intro:
        score = max(score, 0.9)
        reasons.append("after a name label" if label else "after an introduction")
    if closing and n <= 3:
        score = max(score, 0.85)
        reasons.append("after a letter closing")
    if cue:
        bonus = 0.88 if (strong or unknown or known_hits or weak and not sentence_start) else 0.6
        score = max(score, bonus)
        reasons.append(f"after cue word '{prev_word}'")

    first_kind = kinds[0]
    if n >= 2:
        if first_kind in ("first", "first_weak") and all(
            k in ("first", "last", "last_weak", "first_weak", "unknown", "initial", "proper")
            for k in kinds[1:]
        ):
            base = 0.9 if first_kind == "first" else 0.75
            if first_kind == "first_weak" and all(
                k in ("first_weak", "last_weak", "proper") for k in kinds[1:]
            ):
                base = 0.6 if not sentence_start else 0.5
            if proper and not strong:
                base = min(base, 0.55)
            score = max(score, base)
            reasons.append("first name followed by a surname")
        elif strong and strong + weak + unknown + initials >= 2:
            score = max(score, 0.8)
            reasons.append("run of name-list words")
        elif (initials or suffix) and strong + weak + unknown + initials >= 2:
            score = max(score, 0.7)
            reasons.append("name-shaped run (initial or surname ending)")
        elif unknown and unknown + weak >= 2 and not proper:
            score = max(score, 0.6 if not sentence_start else 0.5)
            reasons.append("capitalised run of words not in the dictionary")
        elif proper and (strong or weak):
            score = max(score, 0.3)
            reasons.append("place-like word in a name-like run")
        else:
            score = max(score, 0.3)
            reasons.append("capitalised run of common words")
    else:
        k = first_kind
        if k == "first":
            score = max(score, 0.8 if not sentence_start else 0.72)
            reasons.append("first name from the list")
        elif k == "last":
            score = max(score, 0.6 if not sentence_start else 0.4)
            reasons.append("surname from the list")
        elif k == "first_weak":
            score = max(score, 0.5 if not sentence_start else 0.35)
            reasons.append("first name that is also a common word")
        elif k == "unknown":
            score = max(score, 0.4 if not sentence_start else 0.35)
            reasons.append("capitalised word not in the dictionary")
        elif k in ("last_weak", "proper"):
            score = max(score, 0.2)
    if known_hits and known_hits == len(words_only):
        score = max(score, 0.85)
        reasons.append("name already found in this document")
    elif known_hits:
        score = max(score, 0.75)
        reasons.append("part of a name already found in this document")
    if after_person and score >= 0.3:
        score = min(0.97, score + 0.15)
        reasons.append("followed by a person context")
    elif weak_cue and score >= 0.3:
        score = min(0.95, score + 0.08)
        reasons.append(f"after '{prev_word}'")
    if score <= 0.0:
        return None
    if prev_tok is not None and prev_tok.lower == "the" and not (has_title or strong):
        score -= 0.2
    return Candidate(
        first.start,
        toks[-1].end,
        max(0.0, min(score, 0.99)),
        "; ".join(reasons) or "capitalised word",
        tuple(t.word for t in words_only),
    )
