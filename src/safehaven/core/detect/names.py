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
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cache, lru_cache
from itertools import accumulate, filterfalse
from operator import attrgetter
from typing import Any

from safehaven.core.detect.lexicons import (
    first_names,
    register_cache,
    surnames,
    trie_alternation,
    word_list,
)
from safehaven.core.detect.model import Span
from safehaven.core.detect.recache import compile_cached

# A word (letters, with inner apostrophes or hyphens), or an initial ("J" or "J.").
TOKEN_RE = compile_cached(r"[^\W\d_](?:[^\W\d_]|['’\-](?=[^\W\d_]))*\.?")
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
        # Welsh, Irish and Arabic patronymics: "Ffion ap Rhys", "Siobhán Nic Aoidh", "bint"
        "ap",
        "ab",
        "ní",
        "nic",
        "ua",
        "bint",
        "abu",
    }
)
_SENTENCE_END = frozenset('.!?:;"“”•*>|')
_NAME_LABEL = compile_cached(
    r"(?:\bname|\bchild|\bpupil|\bstudent|\bfrom|\bto|\bcc|\bsigned|\bparent|\bcarer|\bmother|"
    r"\bfather|\breferrer|\bcontact|\buser|\bclient|\bpatient|\bdirected by|\bwritten by|"
    r"\bauthor|\bteacher|\bworker|\bguardian|\battendees?|\bpresent|\bapologies|\bsubject|"
    r"\bre|\bregarding|\bconcerning|\byoung person|\bsibling|\bsiblings|\bdsl|\bsenco|"
    r"\bsocial worker|\bchaired by|\bminutes by|\bkeyworker|\bkey worker|\btaken by|\bseen by|"
    r"\bcaller|\bmessage for|\bfao|\bfor the attention of|\breported by|\bcompleted by|"
    r"\bprepared by|\bchair|\bminute taker|\bassessor|\bmanager|\bofficer|\blead|\bminutes|"
    r"\bnote taker|\bnotes by|\brecorded by|\blogged by|\bscribe|\bapplicant|\bclaimant|"
    r"\bforenames?|\bsurname|\bknown as|\bpreferred name|\bnamed person|\bemployee|"
    r"\bhead of year|\bheadteacher|\btutor|\bsupervisor|\bpartner|\bhv|\bclerk|"
    r"\binterpreter|\bnurse|\bhealth visitor|\bkey adult)\s*:\s*$",
    re.IGNORECASE,
)
_TOPIC_LABEL = compile_cached(r"(?:\bsubject|\bre|\bregarding|\bconcerning)\s*:\s*$", re.I)
_NOT_NAME_LABEL = compile_cached(
    r"(?:religion|faith|ethnicity|ethnic group|nationality|language|first language|"
    r"home language|school|academy|college|setting|course|town|city|county|"
    r"country|location|venue|area|borough|\bclass|\bform|\btutor group|\bgroup|\bhouse|\broom)"
    r"\s*:\s*$",
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
    return compile_cached("(?:" + "|".join(alts) + ")", pattern.flags)


# A form field's label: at most three words, first on its line or in its table cell.
_FIELD_LABEL = compile_cached(r"(?:[ \t\-•*]*(?:[^\W\d_][\w'’/()\-]*[ ]?){1,3}):\s*$")
_CELL_START = frozenset("\n\r|\t")


def _field_label(before: str, at_text_start: bool) -> bool:
    """Whether the label before a value is a form field's ("School: Riverside", "| Religion:"),
    not the end of a sentence ("2. Update from school: Callum is enjoying football")."""
    m = _FIELD_LABEL.search(before)
    if m is None:
        return False
    i = m.start()
    if i == 0:
        return at_text_start
    return before[i - 1] in _CELL_START or before[i - 2 : i] == "  "


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


# A particle elided before a capitalised surname: "d'Almeida", "dell'Olio".
_ELIDED = frozenset(f" {p}{q}" for p in ("d", "dell", "l") for q in "'’")
# Titles written as abbreviations, which may take a full stop ("Mr.", "Dr.", "Cllr.").
_DOTTED_TITLES = frozenset(
    {"mr", "mrs", "ms", "mx", "dr", "prof", "rev", "revd", "cllr", "fr", "capt", "sgt", "insp"}
    | {"lt", "col", "maj", "cpl", "hon", "dc", "di", "ds", "pc"}
)
# Words that open a sentence before a name without being part of a capitalised phrase.
_LEADING_ADVERBS = frozenset(
    {"today", "yesterday", "later", "then", "during", "after", "before", "since", "recently"}
    | {"previously", "unfortunately", "sadly", "however", "also", "when", "while", "whilst"}
    | {"tonight", "afterwards", "meanwhile", "initially", "finally", "eventually"}
    | {"i'm", "i’m"}  # "I'm Misty": an introduction, scored as one
)
# Words that after a title are a role or part of a title, never a surname.
_NOT_AFTER_TITLE = frozenset(
    {"mayor", "mayoress", "sheriff", "lieutenant", "chancellor", "speaker", "chief", "justice"}
    | {"bishop", "president", "men", "women", "miss", "chair", "chairman", "chairwoman"}
    | {"christmas", "time", "nature", "earth"}  # "Father Christmas", "Mother Nature"
)
# Words after a title that are roles ("the Lord Bishop") but surnames after a person's own title.
_SURNAME_AFTER_TITLE = frozenset({"bishop"})
_PERSONAL_TITLES = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "pc", "dc", "ds", "sgt"})
# A family word after a surname: "the Iqbal family", "(REID children)" (lower case after it).
_FAMILY_WORDS = (" family", " children", " siblings", " household", " twins")
_FAMILY_SET = frozenset(w.strip() for w in _FAMILY_WORDS)


def _family_after(text: str, end: int) -> bool:
    """Whether a family word follows `end` after one space (a plain test on the text: it runs
    for every lone surname and every word in capitals)."""
    if not text.startswith(_FAMILY_WORDS, end):
        return False
    j = end + 1
    n = len(text)
    while j < n and text[j].isalpha():
        j += 1
    return text[end + 1 : j] in _FAMILY_SET


# Words before "family" that say what kind of family, not whose.
_NOT_FAMILY_NAMES = frozenset(
    {"foster", "birth", "host", "adoptive", "adopted", "extended", "whole", "blended", "wider"}
    | {"step", "nuclear", "single", "lone", "new", "own", "same", "other", "entire", "royal"}
    | {"immediate", "biological", "kinship", "care", "local", "large", "young", "big", "working"}
    | {"military", "army", "forces", "refugee", "polish", "irish", "english", "scottish"}
    | {"welsh", "british", "muslim", "jewish", "christian", "hindu", "sikh", "roma", "traveller"}
    | {"gypsy", "asian", "african", "somali", "pakistani", "indian", "turkish", "kurdish"}
    | {"syrian", "afghan", "chinese", "romanian", "lithuanian", "nigerian", "ghanaian", "french"}
    | {"jamaican", "caribbean", "bangladeshi", "italian", "german", "spanish", "portuguese"}
)
# Street words that are also common surnames: after a first name they may end a person's name
# ("Poppy Wood", "Riley Green"); any other street word ends a street ("Sterling Way").
_SURNAME_STREET_WORDS = frozenset(
    {"wood", "woods", "green", "hill", "hills", "field", "fields", "brook", "brooks", "dale"}
    | {"grove", "park", "parks", "bank", "banks", "wells", "croft", "moor", "moore", "rise"}
    | {"heath", "marsh", "ford", "gate", "gates", "hall", "vale", "lea", "lee", "mount", "cross"}
    | {"wall", "walls", "garth", "shaw", "carr", "royd", "bridge", "bridges", "meadows", "house"}
    | {"lane", "knowles", "holt", "end", "ridge", "hurst", "down", "downs", "mead", "orchard"}
)
# Words before a capitalised run that make it a place ("support in Hope Valley"), unless a title,
# a cue or a first name from the list says otherwise.
_PLACE_BEFORE = frozenset({"in", "near", "around", "across", "outside", "throughout", "within"})
# First parts of compound words ("Multi-Factor", "Co-Production", "Pre-School").
_WORD_PREFIXES = frozenset(
    {"multi", "co", "pre", "post", "non", "anti", "self", "inter", "sub", "semi", "re", "e"}
)
# Words that end a school event's or a dish's name ("Summer Fair", "Rose Festival"): a run of
# weak name words ending in one is not a person.
_EVENT_WORDS = frozenset(
    {"fair", "fayre", "fete", "festival", "term", "holidays", "holiday", "camp", "concert", "club"}
    | {"disco", "assembly", "party", "show", "jelly", "crumble", "pudding", "sponge", "cake"}
)
_DAY_EVENT_WORDS = frozenset({"day", "night", "week", "weekend", "month", "eve"})
# Words before the name of a prison or ship, which is then no person's name.
_PLACE_PREFIXES = frozenset(
    {"hmp", "hmyoi", "hmpyoi", "yoi", "hms", "stc", "storm", "hurricane", "operation"}
)
# After a lone name-like word, words that make it a class, a dish or a place's name.
_NOT_AFTER_ANY = compile_cached(
    r"[ \t]+(?:class|classes|sponge|cake|tart|pie|pudding|bun|buns)\b", re.IGNORECASE
)
# After a lone surname-like word, a small number: "Ward 27", "Bay 4" (not "Amelia 3 years").
_NUMBER_AFTER = compile_cached(
    r"[ \t]+\d{1,3}\b(?![/.:])(?![ \t]*(?:years?|yrs?|months?|weeks?|y\b|m\b|,))", re.IGNORECASE
)
_EPONYM_AFTER = compile_cached(
    r"[ \t]+(?:disease|syndrome|palsy|sarcoma|lymphoma|tumour|tumor|dystrophy|ataxia|anomaly|"
    r"laws?|cradle|theorem|principle|equation|constant|method|paradox|rule|razor|triangle)\b",
    re.IGNORECASE,
)
# An email address in angle brackets right after a run: the run is its owner's display name.
_DISPLAY_NAME_AFTER = compile_cached(r"[ \t]*<[^\s<>@]+@[^\s<>@]+>")
_NEXT_WORD = compile_cached(r"[ \t]+([A-Z][^\W\d_]*)")
# (\Z, not $: "$" also matches before a final newline, and a date ending a line is not a house
# number before the first word of the next line)
_NUMBER_BEFORE = compile_cached(r"\d[ \t]*,?[ \t]*\Z")


def _house_number_before(text: str, start: int) -> bool:
    """Whether a house number stands right before `start` ("14 Churchill", "6750 Koskikatu"):
    a number ending a date or a time ("On 7/6/2025 Abdiweli came", "18/11/25 at 14:30, Faith
    Whitelaw", "10 February 2025 Frank") is not one."""
    m = _NUMBER_BEFORE.search(text, max(0, start - 8), start)
    if m is None:
        return False
    j = m.start() + 1
    i = m.start()
    while i > 0 and text[i - 1].isdigit():
        i -= 1
    if i > 0 and text[i - 1] in "/-.:":
        return False  # the end of a date (7/6/2025, 2025-06-07) or a time (14:30)
    digits = text[i:j]
    return not (len(digits) == 4 and digits[:2] in ("19", "20"))  # a year


_CAPS_OK = frozenset({"first", "first_weak", "last", "last_weak", "title", "initial"})
_NEVER_ALONE = frozenset({"common", "org", "street", "title", "proper"})
_INTRO_LAST = frozenset(
    {"is", "am", "i'm", "this", "name's", "called", "named", "as", "signed", "me", "name?"}
)
_NOT_AFTER = compile_cached(
    r"^[ \t]+(?:term|terms|half[- ]term|holidays?|camp|fair|fete|school|garden|festival|"
    r"season|concert|play|show|trip|club)\b",
    re.IGNORECASE,
)
_SELF_INTRO = compile_cached(
    r"(?:\bmy name is|\bi am|\bi'm|\bthis is|\bname's|\bcalled|\bnamed|\bknown as|\bsigned|"
    r"\bcall me|\bname is|\bname\?)\s+$",
    re.IGNORECASE,
)
_CLOSING = compile_cached(
    r"(?:regards|sincerely|faithfully|thanks|thank you|best wishes|wishes|cheers|love|\bta)"
    r"\s*,?\s*$",
    re.IGNORECASE,
)
# The same words at the very end of a string (a closing's word once the spaces and one comma
# after it are peeled off): `.search` on the last few characters only.
_CLOSING_END = compile_cached(
    r"(?:regards|sincerely|faithfully|thanks|thank you|best wishes|wishes|cheers|love|\bta)$",
    re.IGNORECASE,
)


def _closing_before(before: str) -> bool:
    """`_CLOSING.search(before.rstrip("\\n\\r "))`: whether `before` ends with a letter closing
    ("Kind regards,\\n"), its spaces and at most one comma after it. Peeling them off first and
    looking at the last 11 characters (the longest word, "best wishes") tries a handful of
    places instead of every one."""
    core = before.rstrip()
    if core[-1:] == ",":
        core = core[:-1].rstrip()
    return _CLOSING_END.search(core[-11:]) is not None


# Words after a lone name that say a person is meant: what case notes say a person did or is.
_PERSON_VERBS_TEXT = """
is was has had said says told attends attended lives lived will would and_his and_her who whose
himself herself answered disclosed presented arrived asked explained reported stated refused
agreed helped seemed seems became becomes wants wanted showed shows continues continued went
goes felt feels came comes cried can could should may might must does did appears appeared
needs needed likes liked enjoys enjoyed loves loved struggles struggled remains remained started
joined left moved returned ran hit kicked spoke talked mentioned described denied confirmed
admitted alleged claimed engaged declined missed walked settled stays stayed shared wrote played
smiled laughed slept ate gave took thinks thought knows knew tried tries managed completed
received wishes wished lacks looked looks behaved responded began begins were
followed fell saw shouted shouts denies gets got fetched rang told tells asks pushed grabbed hurt
screamed punched swore threw sat stood phoned emailed texted visited met collected brought sleeps
cries prefers
"""
_PERSON_VERBS = [w.replace("_", " ") for w in _PERSON_VERBS_TEXT.split()]


def _after_person_re(verbs: str) -> re.Pattern[str]:
    return compile_cached(
        r"^(?:['’]s\b|\s*\(\d{1,2}(?:\s*(?:yrs?|years?|months?|mths?|y|m))?\)|"
        r"\s*\((?:aged|age|dob|d\.o\.b|born|year|yr|y\d|upn|nhs|"
        # a relationship or role in brackets: "Zuzia (half-sister, 4)", "Bogdan (stepfather)"
        r"(?:step|half|foster|birth|maternal|paternal|great)?[- ]?(?:mother|father|mum|dad|"
        r"sister|brother|sibling|grandmother|grandfather|grandma|grandad|nan|aunt|auntie|uncle|"
        r"cousin|carer|partner|boyfriend|girlfriend|son|daughter|parent|child|baby|wife|husband|"
        r"stepmum|stepdad)\b|"
        # a role in brackets, as in attendee lists: "Dunya Demir (DSL)", "Kerry (Chair)",
        # "(allocated social worker)", "(DSL, Oakfield Primary)"
        r"(?:(?:allocated|named|new|previous|former|acting|lead|senior|link|deputy) )?"
        r"(?:chair|chairperson|class teacher|teacher|head ?teacher|deputy head|head of year|"
        r"dsl|ddsl|senco|sendco|social worker|sw|iro|ewo|school nurse|nurse|gp|"
        r"health visitor|family support(?: worker)?|support worker|key ?worker|"
        r"learning mentor|mentor|teaching assistant|ta|minutes|note ?taker|advocate|"
        r"interpreter|educational psychologist|ep|caseworker|attendance officer|pastoral lead|"
        r"lado|camhs|yot worker|police officer)[),])|\s*,?\s*(?:aged|age)\s+\d|"
        # a role after a comma, as in staff lists and signatures: "Tom Reid, Head of Year 9"
        r"[ \t]*,[ \t]*(?:head of [a-z]+|head ?teacher|deputy head(?:teacher)?|senco|sendco|"
        r"dsl|class teacher|teaching assistant|learning mentor|social worker|team manager|"
        r"school nurse|health visitor|family support worker|attendance officer|"
        r"designated safeguarding lead|senior practitioner|chair of governors|"
        r"clerk to (?:the )?governors)\b|"
        r"\s+" + verbs + r"\b)",
        re.IGNORECASE,
    )


# Only whether it matches is used; _AFTER_PERSON_PLAIN (the words tried in turn) is kept for the
# test that the two agree.
_AFTER_PERSON = _after_person_re(trie_alternation(_PERSON_VERBS))
_AFTER_PERSON_PLAIN = _after_person_re("(?:" + "|".join(re.escape(w) for w in _PERSON_VERBS) + ")")

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
    kind: str  # what the word alone is: see _kind


_VOWELS = frozenset("aeiouyàáâäåèéêëìíîïòóôöùúûüāēīōū")
_ROOM_WORDS = frozenset({"lab", "laboratory", "wing", "block"})


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
        # rooms and parts of a building named after people ("Darwin Lab", "Brunel Wing") end a
        # name's run as organisations do (kept here: the address pattern reads org_words.txt,
        # where "Block C, 5 High Street" is an address)
        "org": word_list("org_words.txt") | _ROOM_WORDS,
        "street": word_list("street_suffixes.txt"),
        "title": word_list("titles.txt"),
        "first_extra": word_list("first_names_extra.txt"),
        "cue": word_list("name_cues.txt"),
        "weak_cue": word_list("name_cues_weak.txt"),
        "not_name": word_list("not_names.txt"),
    }


_KEEP_LOWER = PARTICLES | {"the"}
_LETTER = r"[^\W\d_]"
# What follows a token's first letter: TOKEN_RE without its first character, written as
# letters, then (separator, letters) groups: the same matches, without trying the alternation
# at every letter.
_WORD_TAIL = r"[^\W\d_]*(?:['’\-][^\W\d_]+)*\.?"


def _char_class(chars: list[str]) -> str:
    """A regex character class body for `chars` (sorted), as ranges."""
    out: list[str] = []
    i = 0
    while i < len(chars):
        j = i
        while j + 1 < len(chars) and ord(chars[j + 1]) == ord(chars[j]) + 1:
            j += 1
        out.append(re.escape(chars[i]) + ("-" + re.escape(chars[j]) if j > i else ""))
        i = j + 1
    return "".join(out)


# The capitals a name can start with: the upper-case letters of these Latin, Greek and Cyrillic
# blocks (other scripts' words are not tokens).
_BLOCKS = compile_cached("[A-ZÀ-ÖØ-ÞĀ-ſƀ-ɏͰ-ϿЀ-ЯѠ-ӿ]")
# The characters below U+0500 that _LETTER matches, found in one scan (a match per character
# through re's cache cost ~2 ms at every start): a one-character class matches a character
# wherever it stands.
_LETTERS_0500 = frozenset(re.findall(_LETTER, "".join(map(chr, range(0x500)))))
_CAPITALS = _char_class(
    [c for c in map(chr, range(0x500)) if c.isupper() and c in _LETTERS_0500 and _BLOCKS.match(c)]
)
# Capitalised words: a capital not preceded by a letter, then TOKEN_RE's rest. The capital comes
# first (the look-behind after it) so that the regex engine skips to capitals in C.
_CAPS_RE = compile_cached("[" + _CAPITALS + "](?<!" + _LETTER + ".)" + _WORD_TAIL)
# The other letters of those blocks ("ā", "ω", "ſ"): a word starting with one has never been a
# token, and it uses up the whole word ("ſO'Neill" has no token "Neill"). Only in non-ASCII text.
_NOT_CAPITALS_RE = compile_cached(
    "["
    + _char_class(
        [
            c
            for c in map(chr, range(0x80, 0x500))
            if not c.isupper() and c in _LETTERS_0500 and _BLOCKS.match(c)
        ]
    )
    + "](?<!"
    + _LETTER
    + ".)"
    + _WORD_TAIL
)


def _particles_re() -> re.Pattern[str]:
    """Lower-case name particles ("van", "de", "al") and "the" as whole words, then TOKEN_RE's
    rest (so "al-Hassan" is one word, as the tokeniser has always read it). Grouped by first
    letter, each group led by its literal letter: the engine skips to those letters in C."""
    by_first: dict[str, list[str]] = {}
    for p in _KEEP_LOWER:
        if p.isalpha():  # "st." is left out: a lower-case "st." is never a token
            by_first.setdefault(p[0], []).append(p[1:])
    groups = []
    for first, rests in sorted(by_first.items()):
        # longest first; words of one length in a fixed order (a set's order changes with the
        # hash seed, and so would the pattern's text, missing the compiled-pattern cache in every
        # new process): two different words of one length never both match at one place
        alts = "|".join(re.escape(r) for r in sorted(sorted(rests), key=len, reverse=True))
        groups.append(f"{first}(?<!{_LETTER}{first})(?:{alts})")
    return compile_cached("(?:" + "|".join(groups) + ")(?!" + _LETTER + ")" + _WORD_TAIL)


_PARTICLE_RE = _particles_re()
# The same particles, each led by the character before it, which is never a letter (the
# particle's look-behind checks it): a space (the usual case: the regex engine skips from space to
# space in C), or any other character but an ASCII letter. Two scans instead of one that tries
# every "t", "d", "a" and "l".
_PARTICLE_AFTER_SPACE_RE = compile_cached(" (" + _PARTICLE_RE.pattern + ")")
_PARTICLE_AFTER_OTHER_RE = compile_cached("[^A-Za-z ](" + _PARTICLE_RE.pattern + ")")
# Capitalised words with the text around them (`split`: the words and their places, no match
# objects).
_CAPS_SPLIT_RE = compile_cached("(" + _CAPS_RE.pattern + ")")


def _particles(text: str) -> list[tuple[int, str]]:
    """(start, match) of `_PARTICLE_RE.finditer(text)`, from two scans that read each particle's
    leading character with it, and a match at the start of the text.

    Every match of the plain scan is found by one of them: its leading character is a space or
    another character, and no earlier match of the same scan holds it (a match holds no space;
    one holding the leading hyphen or apostrophe would hold the whole match). A match found
    inside another ("van-de-la": "de-la" after the hyphen) ends where that one ends, and the plain
    scan never sees it: it is dropped. A match right after another's full stop ("the.van") has no
    leading character of its own: then, or if a found match were to cross another's end, the
    plain scan is used."""
    found = [(m.start(1), m.group(1)) for m in _PARTICLE_AFTER_SPACE_RE.finditer(text)]
    other = [(m.start(1), m.group(1)) for m in _PARTICLE_AFTER_OTHER_RE.finditer(text)]
    first = _PARTICLE_RE.match(text)
    if first is not None:
        other.append((0, first.group()))
    if other:
        kept: list[tuple[int, str]] = []
        end = -1
        for start, raw in sorted(found + other):
            if start < end:
                if start + len(raw) != end:
                    return _plain_particles(text)
                continue  # inside the match before it
            kept.append((start, raw))
            end = start + len(raw)
        found = kept
    for _, raw in found:
        if raw[-1] == ".":
            return _plain_particles(text)
    return found


def _plain_particles(text: str) -> list[tuple[int, str]]:
    return [(m.start(), m.group()) for m in _PARTICLE_RE.finditer(text)]


def _capitalised(text: str) -> list[Token]:
    """A Token for each match of _CAPS_RE, in order."""
    parts = _CAPS_SPLIT_RE.split(text)
    if len(parts) == 1:
        return []
    # parts: text before the first word, the word, the text up to the next word, ...: each
    # word starts where the running length of the parts before it ends.
    raws = parts[1::2]
    starts = list(accumulate(map(len, parts[:-1])))[::2]
    info = _RAW_INFO
    return [
        Token(raw, start, start + n, word, low, initial, True, allcaps, kind)
        for raw, start, (word, n, low, kind, initial, allcaps) in zip(
            raws, starts, map(info.__getitem__, raws), strict=True
        )
    ]


_LEAD_CHARS = " \t-–(\"'“‘"
_BREAK_CHARS = frozenset("\n\r") | _SENTENCE_END


class _WordInfo(dict):
    """word -> (lower, kind, initial, allcaps): what the word alone says, kept across documents
    (cleared with the lists by lexicons.clear_caches)."""

    def cache_clear(self) -> None:
        self.clear()

    def __missing__(self, word: str) -> tuple[str, str, bool, bool]:
        if len(self) >= 1 << 16:
            self.clear()  # bounded as the lru_cache it replaces (65,536 words)
        upper = word.isupper()
        low = word.lower()
        initial = len(word) == 1 and upper
        allcaps = upper and len(word) > 1
        kind = _kind(low, initial, allcaps)
        if kind == "unknown" and not upper and _compound_product(word):
            kind = "common"
        info = (low, kind, initial, allcaps)
        self[word] = info
        return info


_WORD_INFO = register_cache(_WordInfo())

# A capital inside a word after two or more lower-case letters: "MyConcern", "ParentPay".
_INNER_CAPITAL = compile_cached(r"[^\W\d_][a-z]+([A-Z])[a-z]")
# Name prefixes written with a capital inside ("McDonald", "DeShawn", "LaToya", "FitzGerald").
_NAME_PREFIXES = frozenset(
    {"mc", "mac", "de", "di", "da", "du", "la", "le", "van", "von", "fitz", "ap", "al", "el"}
    | {"ben", "abu", "bin", "st", "dos", "das", "del", "della", "ter", "ten", "san", "ma"}
)


def _compound_product(word: str) -> bool:
    """Whether a word written with a capital inside is two English words joined, as product
    and software names are ("MyConcern", "ParentPay", "PowerPoint"), not a name with a
    prefix ("McDonald", "DeShawn")."""
    m = _INNER_CAPITAL.match(word)
    if m is None:
        return False
    head = word[: m.start(1)].lower()
    tail = word[m.start(1) :].lower()
    common = _lists()["common"]
    return head not in _NAME_PREFIXES and head in common and tail in common


class _RawInfo(dict):
    """raw capitalised match -> (word, len(word), lower, kind, initial, allcaps): the word
    without a trailing dot or possessive ("Jayden's" -> "Jayden") and what _WORD_INFO says of it."""

    def cache_clear(self) -> None:
        self.clear()

    def __missing__(self, raw: str) -> tuple[str, int, str, str, bool, bool]:
        if len(self) >= 1 << 16:
            self.clear()
        word = raw[:-1] if raw[-1] == "." else raw
        if word[-2:] in ("'s", "’s") and len(word) > 2 and word[-3].isalpha():
            word = word[:-2]  # "Jayden's": the possessive is not part of the name
        low, kind, initial, allcaps = _WORD_INFO[word]
        info = (word, len(word), low, kind, initial, allcaps)
        self[raw] = info
        return info


_RAW_INFO = register_cache(_RawInfo())


def _sentence_start(text: str, start: int) -> bool:
    """Nothing but spaces/bullets since the line start or a sentence end (12 characters back)."""
    prev = text[max(0, start - 12) : start].rstrip(_LEAD_CHARS)
    return not prev or prev[-1] in _BREAK_CHARS


def _strip_possessive(word: str) -> str:
    """ "Jayden's" -> "Jayden": a final 's or ’s after a letter goes."""
    if word[-2:] in ("'s", "’s") and len(word) > 2 and word[-3].isalpha():
        return word[:-2]
    return word


def _prefixed_name(text: str, raw: str, start: int) -> Token | None:
    """A surname led by a lower-case particle and a hyphen or apostrophe ("al-Sayed",
    "el-Amin"), as one capitalised token judged by the part after the particle."""
    cut = 0
    for i, c in enumerate(raw):
        if c in "-'’":
            cut = i
            break
    if not cut or raw[:cut] not in PARTICLES or not raw[cut + 1 : cut + 2].isupper():
        return None
    tok = _make_token(text, raw, start)
    rest = _WORD_INFO[tok.word[cut + 1 :]][1]
    tok.caps = True
    tok.kind = rest if rest in ("first", "last", "last_weak", "first_weak") else "unknown"
    return tok


def _make_token(text: str, raw: str, start: int) -> Token:
    word = _strip_possessive(raw[:-1] if raw[-1] == "." else raw)
    low, kind, initial, allcaps = _WORD_INFO[word]
    caps = word[0].isupper()
    return Token(raw, start, start + len(word), word, low, initial, caps, allcaps, kind)


def _tokenise(text: str) -> list[Token]:
    """Capitalised words, and the lower-case particles and "the" (they matter only as gaps
    between capitalised words): the same tokens, in order, as matching TOKEN_RE at every position
    not preceded by a letter where a capital or a particle starts."""
    tokens = _capitalised(text)
    lower = _particles(text)
    if not text.isascii():
        used_up = [(m.start(), m.group()) for m in _NOT_CAPITALS_RE.finditer(text)]
        if used_up:
            return _merge_sweep(text, tokens, sorted(lower + used_up))
    if not lower:
        return tokens
    # Merge by position. A word is matched once, from its first capital or particle: "al-Hassan"
    # (a particle word) hides "Hassan", "O'the" (a capitalised word) hides "the".
    starts = [t.start for t in tokens]
    clash = False
    extra: list[Token] = []
    for start, raw in lower:
        i = bisect_right(starts, start)
        if i and starts[i - 1] + len(tokens[i - 1].text) > start:
            clash = True  # inside a capitalised word
            break
        if i < len(starts) and starts[i] < start + len(raw):
            clash = True  # a capitalised word inside it
            break
        if raw.rstrip(".") not in _KEEP_LOWER:
            tok = _prefixed_name(text, raw, start)
            if tok is not None:
                extra.append(tok)
            continue  # "the-end": not a particle (the word is still used up)
        extra.append(_make_token(text, raw, start))
    if not clash:
        tokens.extend(extra)
        tokens.sort(key=_START)
        return tokens
    return _merge_sweep(text, tokens, lower)


_START = attrgetter("start")


def _merge_sweep(text: str, tokens: list[Token], lower: list[tuple[int, str]]) -> list[Token]:
    """Capitalised and particle tokens in order, each word taken once from its first token.

    `lower` (sorted): particle matches and words that are used up without being tokens; the
    regex tried at every position would have taken each word from its leftmost start."""
    merged: list[Token] = []
    last_end = -1
    i = 0
    n = len(tokens)
    for start, raw in lower:
        while i < n and tokens[i].start < start:
            tok = tokens[i]
            if tok.start >= last_end:
                merged.append(tok)
                last_end = tok.start + len(tok.text)
            i += 1
        if start < last_end:
            continue
        last_end = start + len(raw)
        if raw.rstrip(".") not in _KEEP_LOWER:
            named = _prefixed_name(text, raw, start)
            if named is not None:
                merged.append(named)
            continue
        merged.append(_make_token(text, raw, start))
    for tok in tokens[i:]:
        if tok.start >= last_end:
            merged.append(tok)
            last_end = tok.start + len(tok.text)
    return merged


def _joinable(text: str, a: Token, b: Token) -> bool:
    """Whether token b continues the capitalised run that ends with token a."""
    gap = text[a.end : b.start]
    if gap in _ELIDED and not a.text.endswith("."):
        return True  # "Nanette d'Almeida", "Marie dell’Olio"
    if gap != " " and gap.lstrip(".") not in (" ", ""):
        return False  # the usual case in prose (words between), decided first; same answer
    if a.text.endswith(".") and (gap == "" or not a.initial):
        # "Layla. You": a full stop ends the name; but not an abbreviated title ("Mr. Leiva",
        # "Dr. Justin Beet"), whose dot is part of the abbreviation.
        return gap == ". " and a.kind == "title" and a.lower in _DOTTED_TITLES
    # "Jayden's mother": the possessive ends the name.
    return text[a.end : a.end + 2] not in ("'s", "’s")


def _runs(text: str, tokens: list[Token]) -> list[list[int]]:
    """Indices of maximal runs of capitalised tokens (and name particles) on one line."""
    runs: list[list[int]] = []
    current: list[int] = []
    last = len(tokens) - 1
    prev: Token | None = None  # the last token of `current`
    for i, tok in enumerate(tokens):
        if tok.initial and text[max(0, tok.start - 2) : tok.start].strip()[-1:].isdigit():
            # "AB 12 34 56 C. Jayden": the letter ends an identifier, it is not an initial.
            if current:
                runs.append(current)
            current = []
            continue
        if current:
            # Whether the gap can join (as `_joinable` reads it): one space, no gap, full
            # stops, or an elided particle (" d'", " dell’"). Any other gap that starts with a
            # space, or with another character, never does: decided without reading it.
            assert prev is not None  # (set with the first token of `current`)
            end = prev.end
            gap = tok.start - end
            c = text[end : end + 1]
            if c == " ":
                joins = gap == 1 or ((gap == 3 or gap == 6) and _joinable(text, prev, tok))
            else:
                joins = (gap == 0 or c == ".") and _joinable(text, prev, tok)
            if joins and (
                tok.caps
                or (
                    tok.lower in PARTICLES
                    and i < last
                    and (
                        tokens[i + 1].caps
                        # "van der Berg", "de la Cruz": two particles, then the name
                        or (
                            i + 1 < last and tokens[i + 1].lower in PARTICLES and tokens[i + 2].caps
                        )
                    )
                )
            ):
                current.append(i)
                prev = tok
                continue
            runs.append(current)
        current = [i] if tok.caps else []
        prev = tok
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


def _kind(low: str, initial: bool, allcaps: bool) -> str:
    """One of: title, first, first_weak, last, last_weak, initial, unknown, proper, org,
    street, common (it depends on the word alone, so it is remembered across documents)."""
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
        if len(parts) >= 3 and parts[1] in _PLACE_LINKS:
            return "proper"  # "Stratford-upon-Avon", "Chester-le-Street", "Ashby-de-la-Zouch"
        if all(p in L["first"] for p in parts):
            return "first"  # "Tyler-Jay", "Lily-Rose"
        if all(p in L["last"] or p in L["first"] for p in parts) and parts[0] in L["last"]:
            return "last"  # "Wright-Hussain", "Smith-Jones"
        if all(p in L["common"] or p in _WORD_PREFIXES for p in parts):
            return "common"  # "Multi-Factor", "Follow-Up", "Drop-In": a compound word
    if low in L["first"]:
        # A proper noun ("Hussein", "Imogen") makes a first name weak, unless the curated list
        # of names common in UK schools has it.
        proper = low in L["proper"] and low not in L["first_extra"]
        return "first_weak" if common or proper else "first"
    if low in L["last"]:
        return "last_weak" if common or low in L["proper"] else "last"
    if low in L["proper"]:
        return "proper"
    if common or len(low) < 2:
        return "common"
    if low[-3:-2] in ("'", "’") or low[-2:-1] in ("'", "’"):
        # "I've", "We'll", "Don't": a contraction of common words
        head, tail = re.split("['’]", low, maxsplit=1)
        if tail in ("ve", "m", "d", "ll", "re", "t") and (head in L["common"] or head == "i"):
            return "common"
    if not low.isascii():
        # "Chloé", "Joāo", "Luísa": the lists are written without diacritics.
        folded = _fold(low)
        if folded != low and folded.isascii() and len(folded) > 2:
            if folded in L["common"] or folded in L["proper"]:
                return "unknown"
            if folded in L["first"]:
                return "first"
            if folded in L["last"]:
                return "last"
    return "unknown"


# The middle words of hyphenated place names.
_PLACE_LINKS = frozenset({"upon", "le", "on", "under", "in", "by", "de", "sur", "super", "cum"})


def _fold(low: str) -> str:
    """The word without combining marks ("chloé" -> "chloe", "joão" -> "joao")."""
    return "".join(
        c
        for c in unicodedata.normalize("NFKD", low.translate(_UNFOLDED))
        if not unicodedata.combining(c)
    )


# Letters that NFKD does not take apart: "ı" (Turkish dotless i), "ł", "ø", "đ", "ß"...
_UNFOLDED = str.maketrans({"ı": "i", "ł": "l", "ø": "o", "đ": "d", "ß": "ss", "æ": "ae", "œ": "oe"})


_NO_CANDIDATES: tuple[Candidate, ...] = ()


class _Rounded(dict):
    """score -> round(score, 3), remembered: a document's scores take a few dozen values, and
    `round` costs more than a dictionary look-up. (A candidate's score is never -0.0, which
    would look up 0.0's entry: it is max(0.0, ...).)"""

    def __missing__(self, score: float) -> float:
        if len(self) >= 4096:
            self.clear()
        rounded = self[score] = round(score, 3)
        return rounded


_ROUNDED = _Rounded()


def find_names(text: str, *, extra_known: frozenset[str] = frozenset()) -> list[Span]:
    """PERSON spans with scores; later passes tag other mentions of names already found.

    Each pass judges only the runs holding a word that has become known since the last one
    (a run's result depends on the known names only through its own words), so the cost is
    linear in the text, not in (names found) x (text).
    """
    tokens = _tokenise(text)
    L = _lists()
    if not tokens:
        return _lower_case_names(text, [], L, _Words(text), tokens)
    speakers = _speaker_words(text, tokens, L) if ":" in text else frozenset()
    known: frozenset[str] = frozenset(extra_known) | speakers
    runs = _runs(text, tokens)
    results: list = [_NO_CANDIDATES] * len(runs)
    settled = [False] * len(runs)
    never_alone = _NEVER_ALONE
    for index, run in enumerate(runs):
        if len(run) == 1:
            i = run[0]
            tok = tokens[i]
            if (
                (tok.kind in never_alone or tok.allcaps)
                and tok.lower not in known
                and not (tok.allcaps and _family_after(text, tok.end))
            ):
                continue  # a lone common word or acronym: nothing (fast path of _judge_run)
            results[index], settled[index] = _judge_lone(text, tokens, i, L, known)
            continue
        results[index], settled[index] = _judge_index(text, tokens, run, L, known)
    by_word: dict[str, list[int]] | None = None
    extra = set(extra_known) | speakers
    for _ in range(3):
        found = {
            w.lower() for result in results for c in result if c.score >= 0.75 for w in c.words
        }
        found = {w for w in found if len(w) > 1} | extra
        if found <= known:
            break
        # Only runs holding a newly known word can change: judge those again, keep the rest.
        new = found - known
        known = frozenset(known | found)
        if by_word is None:
            by_word = {}
            for i, run in enumerate(runs):
                if settled[i]:
                    continue  # (a settled run is never judged again)
                for t in run:
                    by_word.setdefault(tokens[t].lower, []).append(i)
        todo = sorted({i for w in new for i in by_word.get(w, ())})
        for index in todo:
            if not settled[index]:
                results[index], settled[index] = _judge_index(text, tokens, runs[index], L, known)
    _propagate_doubtful(text, tokens, runs, results, settled, L, known)
    spans = [
        Span("PERSON", c.start, c.end, _ROUNDED[c.score], text[c.start : c.end], c.why)
        for result in results
        for c in result
    ]
    present = _Words(text)
    if known:
        spans = _lower_case_mentions(text, spans, known, L, present)
    spans = _lower_case_names(text, spans, L, present, tokens)
    spans = _initials_of_names(text, spans, tokens)
    return _merge_surname_first(text, _listed_with_names(text, spans), L)


# Dotted letters that are places or bodies, not a person's initials.
_NOT_INITIALS = frozenset(
    {"UK", "US", "EU", "UN", "USA", "GB", "NI", "SW", "HV", "GP", "TA", "EP", "PC", "DC", "DS"}
    | {"IT", "PE", "RE", "HR", "OT", "SLT", "DSL", "SEN", "LAC", "CIN", "CP", "YOT", "FSW", "EWO"}
    | {"IRO", "OK", "TV", "ID", "DOB", "NHS", "UPN", "ULN", "CC", "FW", "FYI", "PS", "LA", "EAL"}
    | {"HT", "DH", "AH", "CT", "YP", "SLT", "ICT", "MFL", "RSE", "PSHE", "SATS", "QA", "FAQ"}
)


_ROLE_LETTERS = frozenset(
    {"SW", "HV", "GP", "TA", "EP", "PC", "DC", "DS", "HT", "DH", "AH", "CT", "OT", "PS"}
)
# Two capitals after a record's "by" are the writer's initials ("Logged by KP", "Minutes taken
# by JS", "cc: AB"); after a bare "by", "to" or "from" they are far more often an acronym ("sent
# to AP", "separated by LF", "ported to OS X"), so those need the initials of a name found.
_BY_BEFORE = compile_cached(
    r"(?:\b(?:logged|recorded|written|minuted|taken|noted|signed|completed|checked|seen|"
    r"reviewed|prepared|updated|entered|authori[sz]ed|actioned|visited|made|done|compiled|"
    r"typed|chaired|countersigned|verified)[ \t]+by|\b(?:cc|initials))[: \t]+\Z",
    re.IGNORECASE,
)


def _initials_in(text: str, tokens: list[Token]) -> list[tuple[int, str]]:
    """(start, letters) of two or three capitals standing alone, with or without full stops
    ("KP", "JBM", "A.B.", "Y.O"), read from the tokens (the capitalised words) rather than by a
    pattern tried at every capital."""
    picked = [
        i
        for i, t in enumerate(tokens)
        if (t.allcaps and len(t.word) < 4) or (t.initial and t.text[-1:] == ".")
    ]
    out: list[tuple[int, str]] = []
    n = len(tokens)
    skip_to = -1
    for i in picked:
        if i < skip_to:
            continue
        t = tokens[i]
        start = t.start
        if text[start - 1 : start] in _NOT_BEFORE_INITIALS and start:
            continue
        if t.allcaps:
            if text[t.end : t.end + 1] in _NOT_AFTER_INITIALS:
                continue
            out.append((start, t.word))
            continue
        # dotted initials: "Y." then one or two more capitals, each right after the last dot
        j = i
        while (
            j + 1 < n
            and j - i < 2
            and tokens[j].text[-1:] == "."
            and tokens[j + 1].initial
            and tokens[j + 1].start == tokens[j].start + 2
        ):
            j += 1
        if j == i:
            continue
        last = tokens[j]
        end = last.start + len(last.text)
        if text[end : end + 1] in _NOT_AFTER_INITIALS:
            continue
        out.append((start, text[start:end]))
        skip_to = j + 1
    return out


_NOT_BEFORE_INITIALS = frozenset(".'’-") | frozenset("0123456789_")
_NOT_AFTER_INITIALS = frozenset("'’_0123456789") | frozenset(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
)


def _initials_of_names(text: str, spans: list[Span], tokens: list[Token]) -> list[Span]:
    """Initials of a name found with confidence are that person where they stand alone
    ("AM: Visited twice" in minutes attended by "A Miller", "Actions: KP to visit" after
    "Kerry Powell"); dotted initials before a role or a person's verb are a person too
    ("Attendees: ..., Y.O. (class teacher)"). Letters after a number ("9 AM") are not."""
    places = _initials_in(text, tokens)
    if not places:
        return spans  # the usual case in a short text: no capitals standing alone
    wanted: set[str] = set()
    for sp in spans:
        if sp.score < 0.75 or " " not in sp.text:
            continue
        caps = [w[0] for w in sp.text.split() if w[0].isupper()]
        if len(caps) < 2:
            continue
        wanted.add(caps[0] + caps[-1])
        if len(caps) == 3:
            wanted.add("".join(caps))
    starts = [sp.start for sp in spans]
    ends = [sp.end for sp in spans]
    # "Fri: Abdul-Rahman (AS)": a name's initials in brackets after it
    by_end = {sp.end: sp.text for sp in spans if sp.score >= 0.5}
    hits: list[tuple[int, int, str, str]] = []
    for start, raw in places:
        dotted = "." in raw
        bracketed = (
            text[start - 1 : start] == "("
            and text[start + len(raw) : start + len(raw) + 1] == ")"
            and by_end.get(start - 2, "")[:1] == raw[0]
            and text[start - 2 : start - 1] == " "
        )
        if (
            not dotted
            and not bracketed
            and raw not in wanted
            and (len(raw) != 2 or not _BY_BEFORE.search(text, max(0, start - 20), start))
        ):
            continue  # the usual case, decided first: capitals that are no one's initials
        letters = raw.replace(".", "") if dotted else raw
        end = start + len(raw)
        if letters in _NOT_INITIALS and not (
            letters in _ROLE_LETTERS
            and text[max(0, start - 1) : start] in ("\n", "")
            and text[end : end + 1] != ":"
        ):
            continue  # a role's letters ("(SW)", "SW:"), unless they start a line ("SW - book")
        prev = text[max(0, start - 3) : start].rstrip()
        if prev[-1:].isdigit():
            continue  # "9 AM", "Room 4 B"
        i = bisect_right(starts, start)
        if (i and ends[i - 1] > start) or (i < len(starts) and starts[i] < end):
            continue  # inside or across a span already found
        if bracketed and raw not in _NOT_INITIALS:
            hits.append((start, end, "initials in brackets after the name", letters))
        elif dotted and _AFTER_PERSON.match(text[end : end + 40]) is not None:
            wanted.add(letters)  # "Y.O. (class teacher)": and "YO:" later in the minutes
            hits.append((start, end, "initials followed by a person context", letters))
        elif len(letters) == 2 and _BY_BEFORE.search(text, max(0, start - 20), start):
            hits.append((start, end, "initials after 'by'", letters))  # "Logged by KP"
        else:
            hits.append((start, end, "", letters))
    found = [
        Span(
            "PERSON",
            start,
            end,
            0.7 if why != "initials after 'by'" else 0.6,
            text[start:end],
            why or "initials of a name found in this document",
        )
        for start, end, why, letters in hits
        if why or letters in wanted
    ]
    if not found:
        return spans
    out = spans + found
    out.sort(key=attrgetter("start"))
    return out


# After a speaker's name and its colon: spaces, then a word or a quote ("Khadar: Me, Mum").
_SPEECH_AFTER = compile_cached(r":[ \t]+[^\W\d_\"“'‘]")


def _speaker_words(text: str, tokens: list[Token], L: dict) -> frozenset[str]:
    """Names that speak in a transcript: a first name from the lists at the start of a turn
    ("Frank: Loud."); a word in no list ("Khadar:") when it takes two turns or more and another
    turn is a listed first name's. Labels ("Reason:", "Referrer:", "Mon:") are common words,
    or take one turn each."""
    turns: dict[str, int] = {}
    # A turn: a word alone at a line's start (after spaces or a quote's ">"), a colon, speech
    # ("Khadar: Me, Mum and my dad.", "> Frank: Loud.").
    speech = {m.start() for m in _SPEECH_AFTER.finditer(text)}
    if len(speech) < 2:
        return frozenset()  # one colon before words at most: no conversation
    for t in [t for t in tokens if t.end in speech]:
        if t.text != t.word:
            continue
        line = text[max(0, t.start - 8) : t.start].rstrip(" \t>")
        if line and line[-1] not in "\n\r":
            continue
        if not line and t.start > 8:
            continue
        turns[t.word] = turns.get(t.word, 0) + 1
    if len(turns) < 2:
        return frozenset()
    named: set[str] = set()
    weak: list[tuple[str, int]] = []
    unknown: list[tuple[str, int]] = []
    for w, count in turns.items():
        if w.isupper() or w.lower() in _DAY_NAMES:
            continue  # "SW:", "HV:", "DSL:": a role's letters; "Thu:" in a rota
        kind = _WORD_INFO[w][1]
        low = w.lower()
        if low in L["cue"] or low in _EVENT_WORDS:
            continue
        if kind == "first":
            named.add(low)
        elif kind == "first_weak":
            weak.append((low, count))
        elif kind == "unknown":
            unknown.append((low, count))
    if not named and not (weak and any(count >= 2 for _, count in unknown)):
        # Labels that are also first names ("See: http://...", "Summer: sports day", "Will:
        # ...") are no conversation on their own, nor are labels in no list ("Homepage:"): a
        # transcript has a listed first name that is no English word among its speakers, or a
        # word in no list taking two turns beside a first name that is also a word ("Khadar:",
        # "Holly:").
        return frozenset()
    named.update(low for low, _ in weak)  # "Holly:" beside "Khadar:" twice
    # a word in no list takes two turns, or one beside two turns of listed names' at least
    many = sum(turns[w] for w in turns if w.lower() in named) >= 2
    return frozenset(named.union(low for low, count in unknown if count >= 2 or many))


_LOWER_RUN_GAP = frozenset({" "})
_ALNUM_RUNS = compile_cached(r"[^\W_]+")
# What makes a doubtful name (0.5 to 0.75) worth carrying to the same word elsewhere.
_PERSON_EVIDENCE = (
    "followed by a person context",
    "after cue word",
    "after a name label",
    "after an introduction",
    "after a letter closing",
)


# Words whose doubtful reading as a name, with person evidence, is carried to their other
# mentions: words in no list ("Nasra said"), and first names that are also English words
# ("Amber was upset" ... "went to Amber").
_DOUBTFUL_KINDS = frozenset({"unknown", "first_weak"})


def _propagate_doubtful(
    text: str,
    tokens: list[Token],
    runs: list[list[int]],
    results: list,
    settled: list[bool],
    L: dict,
    known: frozenset[str],
) -> None:
    """A word not in the dictionary reported as a name with person evidence ("Nasra said",
    "Saw Nasra") is a name at its other mentions too ("Spoke to Nasra at home"), once: only
    other runs take it (a word never raises itself), and the result is not carried further."""
    sources: dict[str, set[int]] = {}
    for i, result in enumerate(results):
        for c in result:
            if 0.5 <= c.score < 0.75 and any(e in c.why for e in _PERSON_EVIDENCE):
                for w in c.words:
                    low = w.lower()
                    if len(low) > 2 and low not in known and _WORD_INFO[w][1] in _DOUBTFUL_KINDS:
                        sources.setdefault(low, set()).add(i)
    if not sources:
        return
    holders: dict[int, set[str]] = {}
    for i, run in enumerate(runs):
        for t in run:
            low = tokens[t].lower
            if low in sources and i not in sources[low]:
                holders.setdefault(i, set()).add(low)
    for index, words in holders.items():
        if not settled[index]:
            results[index], settled[index] = _judge_index(
                text, tokens, runs[index], L, known | words
            )


class _Words:
    """The text's maximal runs of letters and digits, as a set, found once when first asked."""

    __slots__ = ("text", "_set")

    def __init__(self, text: str) -> None:
        self.text = text
        self._set: set[str] | None = None

    def ready(self) -> bool:
        return self._set is not None

    def get(self) -> set[str]:
        if self._set is None:
            # The same set as _ALNUM_RUNS.findall(text) (white space is never alphanumeric),
            # twice as fast: most words between spaces are a run already.
            parts = set(self.text.split())
            runs = set(filter(str.isalnum, parts))
            if len(runs) < len(parts):
                runs.update(_ALNUM_RUNS.findall(" ".join(filterfalse(str.isalnum, parts))))
            self._set = runs
        return self._set

    def among(self, words: frozenset[str]) -> set[str]:
        """`self.get() & words`, for `words` that are all alphabetic, without building the whole
        set when nobody has asked for it: an alphabetic word between white space is a run
        already, so the words are those between white space, and the runs in the pieces that hold
        other characters."""
        if self._set is not None:
            return set(self._set.intersection(words))
        parts = self.text.split()
        found = set(words.intersection(parts))
        odd = list(filterfalse(str.isalnum, parts))
        if odd:
            found.update(words.intersection(_ALNUM_RUNS.findall(" ".join(odd))))
        return found


def _lower_case_mentions(
    text: str,
    spans: list[Span],
    known: frozenset[str],
    L: dict,
    present: _Words | None = None,
) -> list[Span]:
    """A name found with confidence is a name in lower case too, in the same document ("hi its
    dunya, mum of yasmin" after "Thank you Dunya"), unless the word is a common English word
    ("rose", "will") or not a name anyway."""
    words = [
        w
        for w in known
        if len(w) > 2
        and w not in L["common"]
        and w not in L["not_name"]
        and w not in L["title"]
        and w not in L["org"]
        and w not in L["street"]
        and w not in _KEEP_LOWER
    ]
    if len(words) > 16 or (present is not None and present.ready()):
        # Many names, or the text's words already wanted by find_names (for first names in
        # lower case): the text's words once (linear in the text), not a search of the whole
        # text for each name (names x length). A mention between non-alphanumeric characters is
        # one of the maximal runs of letters and digits; a name with an apostrophe or a hyphen
        # is searched for. (The same mentions either way: the search below checks the ends.)
        runs = (present or _Words(text)).get()
        words = [w for w in words if w in runs or (not w.isalnum() and w in text)]
    else:
        words = [w for w in words if w in text]
    if not words:
        return spans
    taken = bytearray(len(text))
    for sp in spans:
        taken[sp.start : sp.end] = b"\x01" * (sp.end - sp.start)
    hits: list[tuple[int, int]] = []
    n = len(text)
    for w in words:
        i = text.find(w)
        while i >= 0:
            j = i + len(w)
            if (
                (i == 0 or not text[i - 1].isalnum())
                and (j == n or not text[j].isalnum())
                and taken.find(1, i, j) < 0
            ):
                hits.append((i, j))
            i = text.find(w, j)
    hits.sort()
    found: list[list[int]] = []
    for a, b in hits:
        if found and a < found[-1][1]:
            continue  # inside a longer word found at the same place
        if found and text[found[-1][1] : a] in _LOWER_RUN_GAP:
            found[-1][1] = b  # "dunya demir": one name
        else:
            found.append([a, b])
    if not found:
        return spans
    out = spans + [
        Span(
            "PERSON",
            a,
            b,
            0.6,
            text[a:b],
            "lower-case mention of a name found in this document",
        )
        for a, b in found
    ]
    out.sort(key=attrgetter("start"))
    return out


# "name is", "Name:", "NAME?" and a word after it; led by the literal "ame" (the regex engine
# skips to it), the letter before and its word boundary checked behind (re.IGNORECASE made the
# pattern forty times slower).
_NAME_IS_TAIL = r"(?:[ \t]+[iI][sS]|\?|:)[ \t]+([a-zà-ÿā-ž][^\W\d_]+)(?![^\W\d_'’])"
_NAME_IS_LOWER = (
    compile_cached(r"ame(?<=(?<![^\W\d_])[nN]ame)" + _NAME_IS_TAIL),
    compile_cached(r"AME(?<=(?<![^\W\d_])NAME)" + _NAME_IS_TAIL),
)
# The "s" of a possessive written without its apostrophe, before a parent ("mahads mum"), and
# the lower-case word it ends (searched for backwards from there).
_PLAIN_POSSESSIVE = compile_cached(r"s (?=(?:mum|dad|mam|nan|nana|gran)\b)")
_WORD_END = compile_cached(r"(?<![^\W\d_'’])[a-zà-ÿā-ž][^\W\d_]+\Z")
# A time at a chat line's start, before the writer's name: "Mon 15:20 sagal: thanks".
_TIME_BEFORE = compile_cached(r"(?:^|\n)[^\n]*\d[:.]\d\d\]?[ \t]*-?[ \t]*\Z")
# A lower-case name as a whole word, or before a possessive "'s" ({} is the alternation).
_LOWER_NAME_AT = r"({0})(?<![^\W_'’\-]{0})(?:(?![^\W_'’\-])|(?=['’]s(?![^\W_])))"


@lru_cache(maxsize=8192)
def _lower_name_at(word: str) -> re.Pattern:
    """The pattern of `word` as a whole lower-case word, compiled once per process: through
    `re.finditer(str)` each new name missed re's own small cache and was compiled per document
    (a tenth of the names step on short documents)."""
    return re.compile(_LOWER_NAME_AT.format(re.escape(word)))


def _lower_name_places(text: str, word: str) -> list[tuple[int, int]]:
    """The spans of `_lower_name_at(word).finditer(text)`, found with `str.find`, so that no
    pattern is compiled for each new name (57 compiles, about a twentieth of a 600-document
    `scan`). The pattern's classes `[^\\W_'’\\-]` and `[^\\W_]` are the characters for which
    `str.isalnum()` is true (a word character, not "_"; the apostrophes and the hyphen are not
    word characters), so a place matches when no such character stands before the word or
    after it (a possessive "'s" after it starts with an apostrophe: no such character either).
    Matches of a fixed word are never empty, so the scan goes on after the end of each one, as
    `finditer` does. tests/core/detect_perf/test_lower_names_fast.py compares the two."""
    if not word:  # (never a candidate) empty matches advance as finditer's do
        return [m.span(1) for m in _lower_name_at(word).finditer(text)]
    out: list[tuple[int, int]] = []
    n = len(word)
    end_text = len(text)
    p = text.find(word)
    while p >= 0:
        q = p + n
        if (p == 0 or not text[p - 1].isalnum()) and (q == end_text or not text[q].isalnum()):
            out.append((p, q))
            p = text.find(word, q)
        else:
            p = text.find(word, p + 1)
    return out


# A space and a lower-case letter (Latin scripts), as after "Niamh" in "Niamh mcgrath".
_SPACE_LOWER = frozenset(" " + c for c in map(chr, range(0x250)) if c.islower())
_LOWER_BEFORE = compile_cached(r"(?<![\w'’\-])([a-z][a-z'’\-]{2,}) \Z")
# Words before a name written in lower case, as in texts and chat ("tell mykola", "its dunya",
# "sorry bogdan is poorly"), besides the cue words.
_LOWER_CUES = frozenset(
    {"tell", "ask", "told", "asked", "sorry", "its", "it's", "im", "i'm", "with", "for", "only"}
    | {"love", "xx", "x", "bye", "thanks", "thx", "ty", "cheers", "ta", "hiya", "hey", "of"}
)
# Things with names: "school name: oakfield", "file name is ...", "the team name is ..."
_THING_NAMES = frozenset(
    {"school", "file", "user", "team", "organisation", "organization", "setting", "company"}
    | {"street", "road", "building", "course", "class", "group", "project", "app", "product"}
    | {"package", "business", "trust", "club", "event", "venue", "place", "site", "domain"}
    | {"host", "field", "account", "folder", "module", "brand", "service", "ward", "unit"}
)
_LOWER_WORDS = compile_cached(r"(?<![\w'’\-])[a-zà-ÿā-ž][^\W\d_]*(?:['’\-][^\W\d_]+)*")


@register_cache
@cache
def _lower_first_names() -> frozenset[str]:
    """First names that no English word, place or label looks like ("mykola", "bogdan"):
    written in lower case they are still names."""
    L = _lists()
    # the lists taken away in turn (in C): the same words as taking away their union, without
    # building the union of the large lists (~15 ms at every start)
    words = frozenset(w for w in L["first"] if len(w) > 2 and w.isalpha())
    return words.difference(
        L["common"], L["proper"], L["not_name"], L["cue"], L["title"], L["street"]
    )


def _lower_case_names(
    text: str, spans: list[Span], L: dict, present: _Words, tokens: list[Token]
) -> list[Span]:
    """First names written in lower case, not found in capitals in the document ("can u tell
    mykola", "sorry bogdan is poorly", "he said only hodan"): a first name that is no English
    word, with a person's word before it or a person's verb after it; then its other lower-case
    mentions. A surname from the lists after a name found in capitals joins it ("Signed: Niamh
    mcgrath")."""
    firsts = _lower_first_names()
    # (the lists hold lower-case words: a capitalised run never meets them; they are all
    # alphabetic, as `_Words.among` needs)
    if text.isascii():
        cands = present.among(firsts)
    else:
        runs = present.get()
        cands = set(runs.intersection(firsts))
        cands.update(
            w for w in filterfalse(str.isascii, runs) if w[0].islower() and _fold(w) in firsts
        )
    starts = [sp.start for sp in spans]
    ends = [sp.end for sp in spans]

    def free(i: int, j: int) -> bool:
        k = bisect_right(starts, i)
        return not ((k and ends[k - 1] > i) or (k < len(starts) and starts[k] < j))

    out = spans[:]
    # "hi this is bill PRITCHARD": a first name in lower case before a surname in capitals.
    firsts_all = L["first"]
    last = L["last"]
    for tok in [t for t in tokens if t.allcaps and t.kind == "last"]:
        if len(tok.word) < 3:
            continue
        m = _LOWER_BEFORE.search(text, max(0, tok.start - 24), tok.start)
        if (
            m is None
            or m.group(1) not in firsts_all
            or m.group(1) in L["cue"]
            or _WORD_INFO[m.group(1)][1] not in _FIRST_KINDS
        ):
            continue  # ("in SUND", "the NHS": no first name)
        if free(m.start(1), tok.end):
            out.append(
                Span(
                    "PERSON",
                    m.start(1),
                    tok.end,
                    0.7,
                    text[m.start(1) : tok.end],
                    "first name in lower case before a surname in capitals",
                )
            )
    if cands:
        cues = L["cue"]
        waiting: dict[str, list[tuple[int, int]]] = {}
        # Each candidate as a whole word (or before a possessive "'s"); the pattern led by the
        # word itself, so that the regex engine skips to it.
        found_at: dict[str, list[tuple[int, int]]] = {}
        proof: dict[str, bool] = {}
        matches = [(w, i, j) for w in sorted(cands) for i, j in _lower_name_places(text, w)]
        for w, i, j in matches:
            if not free(i, j):
                continue
            found_at.setdefault(w, []).append((i, j))
            if not proof.get(w):
                prev = text[max(0, i - 24) : i].rstrip(" ,").rsplit(None, 2)
                pw = prev[-1].lower().lstrip("\"“‘'(") if prev else ""
                proof[w] = (
                    pw in cues
                    or pw in _LOWER_CUES
                    # "dad to simran", "mum of two"... "mother to yasmin"
                    or (pw in ("to", "of") and len(prev) > 1 and prev[-2].lower() in cues)
                    or _AFTER_PERSON.match(text[j : j + 40]) is not None
                    # a turn in a chat: "tracy: i'm roberto's daughter", "Mon 15:20
                    # sagal: thanks" (after a time at the line's start)
                    or (
                        text[j : j + 1] == ":"
                        and (
                            text[i - 1 : i] in ("\n", "")
                            or _TIME_BEFORE.search(text, max(0, i - 30), i) is not None
                        )
                    )
                )
        for w, places in found_at.items():
            evidence = proof[w]
            if evidence:
                out += [
                    Span("PERSON", a, b, 0.6, text[a:b], "first name in lower case, with a person")
                    for a, b in places
                ]
            elif places:
                waiting[w] = places
        # "dad of mark and frank", "tell nusrat and mei": listed beside a name found.
        while waiting:
            stops = {sp.end for sp in out} | {sp.start for sp in out}
            listed = [
                w
                for w, places in waiting.items()
                if any(
                    (text[max(0, a - 5) : a] == " and " and a - 5 in stops)
                    or (text[max(0, a - 2) : a] == ", " and a - 2 in stops)
                    or (text[b : b + 5] == " and " and b + 5 in stops)
                    or (text[b : b + 2] == ", " and b + 2 in stops)
                    for a, b in places
                )
            ]
            if not listed:
                break
            for w in listed:
                out += [
                    Span("PERSON", a, b, 0.6, text[a:b], "first name in lower case, listed")
                    for a, b in waiting.pop(w)
                ]
    # "hi its sagal mahads mum": a first name with a possessive "s" and no apostrophe.
    if " mum" in text or " dad" in text:
        for m in _PLAIN_POSSESSIVE.finditer(text):
            before = _WORD_END.search(text, max(0, m.start() - 24), m.start())
            if before is None:
                continue
            w = before.group()
            if w in firsts and free(before.start(), before.end()):
                out.append(
                    Span(
                        "PERSON",
                        before.start(),
                        before.end(),
                        0.6,
                        w,
                        "first name in lower case before 's mum'",
                    )
                )
    # "my name is vitoria", "her maiden name is nyberg": a word after it that is no English word
    # (the census lists hold "given", "case", "still": "the file name is still..."), and not
    # after a thing's name ("school name: oakfield", "the file name is ...").
    lower_is, upper_is = _NAME_IS_LOWER
    for m in [*lower_is.finditer(text), *(upper_is.finditer(text) if "AME" in text else ())]:
        a, b = m.start(1), m.end(1)
        w = m.group(1)
        words_before = text[max(0, m.start() - 16) : m.start() - 1].lower().split()
        if words_before and re.sub(r"['’]s?$", "", words_before[-1]) in _THING_NAMES:
            continue
        if w not in L["common"] and w not in L["cue"] and free(a, b):
            out.append(Span("PERSON", a, b, 0.7, w, "lower-case word after 'name is'"))
    # "Niamh mcgrath", "Hao xu": a surname in lower case after a first name found in capitals.
    lower_next = [k for k, sp in enumerate(spans) if text[sp.end : sp.end + 2] in _SPACE_LOWER]
    for k in lower_next:
        sp = spans[k]
        if sp.score < 0.5 or " " in sp.text or _WORD_INFO[sp.text][1] not in _FIRST_KINDS:
            continue
        m = _LOWER_WORDS.match(text, sp.end + 1)
        if m is None:
            continue
        w = m.group()
        if not w.isascii():
            w = _fold(w)
        if (
            w in last
            and (w not in L["common"] or text[m.end() : m.end() + 1] in ("\n", ""))
            and free(m.start(), m.end())
        ):
            out[k] = Span(
                "PERSON",
                sp.start,
                m.end(),
                sp.score,
                text[sp.start : m.end()],
                sp.explanation + "; surname in lower case after it",
            )
    if len(out) == len(spans) and out == spans:
        return spans
    out.sort(key=attrgetter("start"))
    return out


_LIST_JOINS = frozenset({" and ", ", ", " & ", ", and "})
_GROUP_VERB = compile_cached(
    r"[ \t]+(?:were|are|have|had|said|say|told|went|both|will|would|arrived|left|live|lived|"
    r"argued|fell|played|came|come)\b"
)
_FIRST_KINDS = frozenset({"first", "first_weak"})


def _listed_with_names(text: str, spans: list[Span]) -> list[Span]:
    """A doubtful word (0.3 to 0.5) listed with a confident name ("Luan and Ardita", "Kasia,
    Zuzia") is a name too: lists of people are written that way, lists of things are not
    mixed with people. Spans are in text order, one per run."""
    if len(spans) < 2:
        return spans
    joined = [text[a.end : b.start] in _LIST_JOINS for a, b in zip(spans, spans[1:], strict=False)]
    if not any(joined):
        return spans
    out = spans[:]
    # A list of name-like words that a person's verb follows: "Marrero and Murphy were precision
    # engineers", "Kónya, Becker and Vasquez have".
    i = 0
    while i < len(out) - 1:
        if not joined[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(out) and joined[j] and " " not in out[j + 1].text:
            j += 1
        if (
            j > i
            and " " not in out[i].text
            and all(sp.score >= 0.2 for sp in out[i : j + 1])
            and any(sp.score < 0.5 for sp in out[i : j + 1])
            and _GROUP_VERB.match(text, out[j].end)
        ):
            for k in range(i, j + 1):
                sp = out[k]
                if sp.score < 0.5:
                    out[k] = Span(
                        "PERSON",
                        sp.start,
                        sp.end,
                        0.6,
                        sp.text,
                        sp.explanation + "; listed with names before a person's verb",
                    )
        i = j + 1
    # A list is read along its joins: "Pádraig, Rebin and Ubah" after "Pádraig" (confident),
    # "Rebin", then "Ubah" beside it (a word taken from the list counts as 0.6).
    doubtful = [
        i
        for i, sp in enumerate(out)
        if 0.3 <= sp.score < 0.5 and ((i and joined[i - 1]) or (i < len(joined) and joined[i]))
    ]
    changed = True
    while changed and doubtful:
        changed = False
        for i in doubtful:
            sp = out[i]
            if not 0.3 <= sp.score < 0.5:
                continue
            for j in (i - 1, i + 1):
                if not 0 <= j < len(out):
                    continue
                other = out[j]
                if other.score < 0.7 and not other.explanation.endswith("listed with a name"):
                    continue
                if joined[min(i, j)]:
                    out[i] = Span(
                        "PERSON",
                        sp.start,
                        sp.end,
                        0.6,
                        sp.text,
                        sp.explanation + "; listed with a name",
                    )
                    changed = True
                    break
    return out


def _judge_index(
    text: str, tokens: list[Token], run: list[int], L: dict, known: frozenset[str]
) -> tuple[list[Candidate], bool]:
    """The candidates of one run, and whether they are settled: the whole run is one name with
    high confidence, which names found elsewhere in the document cannot change."""
    first_index = run[0]
    toks = [tokens[i] for i in run]
    prev_tok = tokens[first_index - 1] if first_index > 0 else None
    result = _judge_run(text, toks, prev_tok, L, known)
    settled = (
        len(result) == 1
        and result[0].score >= 0.85
        and result[0].start <= toks[0].start
        and result[0].end >= toks[-1].end
    )
    return result, settled


def _judge_lone(
    text: str, tokens: list[Token], i: int, L: dict, known: frozenset[str]
) -> tuple[list[Candidate], bool]:
    """`_judge_index(text, tokens, [i], L, known)`: a run of one word, without the lists."""
    tok = tokens[i]
    result = _judge_single(text, tok, tokens[i - 1] if i else None, L, known)
    if not result:
        return result, False
    c = result[0]
    return result, c.score >= 0.85 and c.start <= tok.start and c.end >= tok.end


# The look-behind after the first capital (same matches): the engine skips to capitals in C.
_SURNAME_COMMA_FIRST = compile_cached(r"([A-Z](?<![\w][A-Z])[A-Z'’\-]+),[ \t]+(?=[A-Z][a-z])")
# "Name: Smith, Jayden", "From: Nowak, Zofia": a title-case surname first, only after a name label.
_TITLE_SURNAME_COMMA_FIRST = compile_cached(
    r"([A-Z](?<![\w][A-Z])[a-z'’]+(?:-[A-Z][a-z'’]+)?),[ \t]+(?=[A-Z][a-z])"
)


# A register or table row, or a "cc:" list, starting "Surname, First": the surname may have
# particles ("van der Merwe, Zoë", "DE SOUZA, Ana", "AP RHYS, Ffion"), capitals inside
# ("MacLeod, Brook") and letters with diacritics ("Szymańska, Łucja").
_ROW_PARTICLES = "|".join(
    # in a fixed order (see _particles_re): the same matches in every process, and a cache hit
    sorted(sorted({p for p in PARTICLES if p.isalpha()} | {"ó", "o"}), key=len, reverse=True)
)
_ROW_SURNAME = (
    r"[ \t]*((?:(?i:" + _ROW_PARTICLES + r")[ \t]+){0,2}"
    r"[" + _CAPITALS + r"][^\W\d_]*(?:['’\-][^\W\d_]+)*),[ \t]+(?=[" + _CAPITALS + r"])"
)
# After a line break, a cell's bar or tab, a ";" or a ":" (the separator first, so that the regex
# engine skips to those characters), and at the start of the text.
_ROW_SURNAME_FIRST = compile_cached(r"[\n\r|\t;:]" + _ROW_SURNAME)
_ROW_SURNAME_FIRST_AT_START = compile_cached(_ROW_SURNAME)
# What ends such a row after the first name: a cell, a bracket, the end of the line, a ";".
_ROW_END = compile_cached(r"[ \t]*(?:[|\t(;]|\r?\n|$)")


_LIST_LABEL_REV = _reversed_label(
    compile_cached(
        r"(?:\bpresent|\battendees?|\bapologies|\bcc|\bin attendance|\bcore group|"
        r"\bparticipants|\bbuddies|\bnew pupils|\bchildren)\s*:\s*$",
        re.IGNORECASE,
    )
)


def _merge_surname_first(text: str, spans: list[Span], L: dict) -> list[Span]:
    """Register style "MORGAN, Marcus": one name from the capitalised surname to the first name."""
    if "," not in text or not spans:
        return spans
    by_start = {s.start: s for s in spans}
    drop: set[int] = set()
    merged: list[Span] = []
    # Every match that can change anything ends at a name's start after a comma and spaces, and
    # lies on that name's line: search those lines only (from the line break before each, which
    # a row's pattern reads, to the two characters after the comma that its look-ahead reads).
    windows: list[list[int]] = []
    for start in sorted(by_start):
        k = start
        while k > 0 and text[k - 1] in " \t":
            k -= 1
        if k == start or k == 0 or text[k - 1] != ",":
            continue
        lo = max(0, text.rfind("\n", 0, k), text.rfind("\r", 0, k))
        hi = min(len(text), start + 2)
        if windows and lo <= windows[-1][1]:
            windows[-1][1] = max(windows[-1][1], hi)
        else:
            windows.append([lo, hi])
    if not windows:
        return spans
    labelled: list[tuple[int, int, str]] = []
    rows: list[tuple[int, int, str]] = []
    caps: list[tuple[int, int, str]] = []
    for lo, hi in windows:
        labelled += [
            (m.start(), m.end(), m.group(1))
            for m in _TITLE_SURNAME_COMMA_FIRST.finditer(text, lo, hi)
            # (a match not followed by a name is skipped below anyway: test that first)
            if m.end() in by_start
            and _label_before(_NAME_LABEL_REV, text[max(0, m.start() - 40) : m.start()])
            # (not a list of people: "Present: Aoife, Cian, Mum (Clodagh)")
            and not _label_before(_LIST_LABEL_REV, text[max(0, m.start() - 40) : m.start()])
        ]
        first_row = _ROW_SURNAME_FIRST_AT_START.match(text, 0, hi) if lo == 0 else None
        rows += [
            (m.start(1), m.end(), m.group(1) + ",")
            for m in [first_row, *_ROW_SURNAME_FIRST.finditer(text, lo, hi)]
            if m is not None and m.end() in by_start and _ROW_END.match(text, by_start[m.end()].end)
        ]
        caps += [
            (m.start(), m.end(), m.group(1)) for m in _SURNAME_COMMA_FIRST.finditer(text, lo, hi)
        ]
    if caps:
        # a surname in capitals that already ends a name ("Farhiya HIRSI, Hoang, ..." in a list)
        inside = [(s.start, s.end) for s in spans if s.end - s.start > 2]
        caps = [c for c in caps if not any(a < c[0] < b for a, b in inside)]
    for start, end, surname in [*rows, *caps, *labelled]:
        first = by_start.get(end)
        # (in a register row the shape says enough for a doubtful first name: "MacLeod, Kirsty |")
        row = surname.endswith(",")
        surname = surname.rstrip(",")
        low = 0.35 if row else 0.5
        if first is None or first.score < low or len(surname) < 2 or first.start in drop:
            continue
        last_word = surname.split()[-1].lower()
        if last_word in L["common"] and last_word not in L["last"]:
            continue
        if start in by_start and by_start[start].type != "PERSON":
            continue
        drop.add(first.start)
        drop.update(s for s in range(start, end) if s in by_start)
        merged.append(
            Span(
                "PERSON",
                start,
                first.end,
                max(first.score, 0.85),
                text[start : first.end],
                "SURNAME, First name; " + first.explanation,
            )
        )
    if not merged:
        return spans
    out = [s for s in spans if s.start not in drop] + merged
    out.sort(key=lambda s: s.start)
    return out


_NOTHING_ALONE = frozenset({"common", "org", "street"})


# Months that are also first names ("May Parsons", "June Miller"), and the words before or
# after a month that make it a date ("in May", "May 2026", "the May half term").
_MONTH_FIRST_NAMES = frozenset({"april", "may", "june", "august"})
_DATE_WORDS_BEFORE = frozenset(
    {"in", "of", "on", "by", "since", "until", "till", "from", "during", "before", "after"}
    | {"early", "late", "mid", "end", "next", "last", "this", "every", "each", "through"}
    | {"throughout", "the", "to", "and", "or", "between", "start", "beginning", "half"}
)
_DATE_AFTER = compile_cached(
    r"[ \t]*(?:\d|half|term|holiday|bank|day|fair|[-–]|to\b)", re.IGNORECASE
)


# Short day names that are also first names, and what makes them a day: a comma, a colon, a
# date or a time after them.
_DAY_NAMES = frozenset({"thu"})
_DAY_AFTER = compile_cached(r"(?:,|:|\.?[ \t]*\d)")


def _month_as_name(text: str, tok: Token) -> bool:
    """Whether a month that is a first name ("May", "JUNE") stands as a name here: not after
    a date word or a number ("in May", "3 June"), not before a number or a term word."""
    if tok.lower not in _MONTH_FIRST_NAMES:
        return False
    before = text[max(0, tok.start - 16) : tok.start].rstrip(" ,")
    if before[-1:].isdigit():
        return False
    words = before.rsplit(None, 1)
    if words and words[-1].lower() in _DATE_WORDS_BEFORE:
        return False
    return _DATE_AFTER.match(text, tok.end) is None


def _judge_single(
    text: str, tok: Token, prev_tok: Token | None, L: dict, known: frozenset[str]
) -> list[Candidate]:
    """`_judge_run` for a run of one word: the same answer along a much shorter path (most runs
    are one word, and later passes judge mostly lone first names again)."""
    k = tok.kind
    if k == "common" and tok.lower in known and _month_as_name(text, tok):
        k = "first_weak"  # "May" after "May Parsons" in the same document
    elif (
        (k == "common" or k == "org")
        and tok.lower in known
        and tok.lower in L["first"]
        and not tok.allcaps
        and _AFTER_PERSON.match(text[tok.end : tok.end + 40]) is not None
    ):
        # "Autumn said", "Royal's coat" after "Autumn Bishop (LADO)" in the same document: a
        # first name that is also a word, with a person's verb after it
        k = "first_weak"
    if k not in _NAME_LIKE or k == "initial":
        # A title, an organisation, street or common word, known or not: no name on its own
        # (_score wants name-like words); a lone initial neither (initials need a title).
        return []
    low = tok.lower
    if (
        (k == "last" or k == "last_weak" or (k == "first" and low in L["last"]))
        and low not in _NOT_FAMILY_NAMES
        and len(low) > (2 if tok.allcaps else 1)
        and _family_after(text, tok.end)
    ):
        # "the Iqbal family", "(SHARP children)": a surname, whatever its case (not two
        # capitals: "the IP family" of protocols)
        return [Candidate(tok.start, tok.end, 0.8, "surname before a family word", (tok.word,))]
    if low not in known and (k == "proper" or tok.allcaps):
        return []  # an ALL-CAPS word alone is an acronym more often than a name ("NINO")
    if low in L["street_prefix"] or low in PARTICLES:
        return []  # "Via", "Apt"; a particle alone ("Van") is dropped as a trailing particle
    if low in L["cue"] and low not in known and low not in L["first_extra"]:
        return []  # "Nan was there", "Mum said": a relationship, not a name
    start = tok.start
    if (
        k != "first"
        and _NUMBER_BEFORE.search(text, max(0, start - 8), start)
        and _house_number_before(text, start)
    ):
        return []  # "14 Churchill": a house number before it
    if text[start - 3 : start] == " & " and _firm_before(text, start - 3, known):
        return []  # "Marks & Spencer", "Procter & Gamble": a firm
    prev_the = (
        prev_tok is not None and prev_tok.lower == "the" and not text[prev_tok.end : start].strip()
    )
    cand = _score_one(text, tok, k, L, known, prev_the)
    return [cand] if cand is not None else []


def _judge_run(
    text: str, run: list[Token], prev_tok: Token | None, L: dict, known: frozenset[str]
) -> list[Candidate]:
    if len(run) == 1:
        return _judge_single(text, run[0], prev_tok, L, known)
    kinds = [t.kind for t in run]
    if _NOTHING_ALONE.issuperset(kinds) and (not known or not any(t.lower in known for t in run)):
        return []  # "Please Note", "Riverside Primary School": nothing name-like
    # ALL-CAPS words count only when they are names in the lists or already known; or when a
    # short run of capitals stands where a name stands ("RE: LIBAN HIRSI", "Yours sincerely\n\n
    # NASRA NUR"), where a word not in the dictionary is a name as it would be in title case.
    caps_name = False
    if run[0].allcaps and len(run) <= 4 and "unknown" in kinds and all(t.allcaps for t in run):
        before = _before(text, run[0])
        caps_name = _label_before(_NAME_LABEL_REV, before) or (
            "\n" in before[-3:] and _closing_before(before)
        )
    # "Farhiya HIRSI", "Gulnara ABDULLAEVA": a word in no list, then a word in capitals
    # (not a word with capitals inside, "GitHub README", nor a verb's or adverb's form in no
    # list, "Recognized ASCII")
    plain_then_caps = (
        len(run) == 2
        and not run[0].allcaps
        and run[1].allcaps
        and kinds[0] == "unknown"
        and all(part[1:].islower() for part in run[0].word.split("-"))
        and not run[0].lower.endswith(("ed", "ing", "ly"))
    )
    if (
        not caps_name
        and 2 <= len(run) <= 3
        and "unknown" in kinds
        and ("first" in kinds or "last" in kinds or plain_then_caps)
    ):
        # "JURGITA KAZLAUSKAS", "YUXUAN Xu", "O'DONOGHUE Niamh": a word in capitals that is in
        # no list, beside a first name or a surname from the lists (not a weak one)
        # (a word, not letters: "USNS Møller", "APO AA" are a ship and a post code)
        caps_name = all(
            (k in ("first", "last") and (len(t.word) > 2 or not t.allcaps))
            or (t.allcaps and len(t.word) > 3 and sum(c in _VOWELS for c in t.lower) > 1)
            or (t.allcaps and 0 < i < len(run) - 1 and t.lower in PARTICLES)
            or (plain_then_caps and i == 0 and len(t.word) > 2)
            for i, (t, k) in enumerate(zip(run, kinds, strict=True))
        )
    for i, t in enumerate(run):
        if t.allcaps and kinds[i] not in _CAPS_OK and t.lower not in known:
            if caps_name and (kinds[i] == "unknown" or t.lower in PARTICLES):
                kinds[i] = "unknown"
                continue
            kinds[i] = "common"
    if (
        "org" in kinds
        and "title" not in kinds
        and "org" in kinds[1:]
        and not (len(run) == 2 and run[1].lower in _ORG_SURNAMES)
    ):
        return []  # "Leicester City Council": an organisation (the segment loop's first test)
    first = run[0]
    if first.lower in L["street_prefix"]:
        return []  # "Rua Igreja", "Via Tasso", "Apt 5": an address
    if (
        kinds[0] not in ("first", "title")
        and _NUMBER_BEFORE.search(text, max(0, first.start - 8), first.start)
        and _house_number_before(text, first.start)
    ):
        return []  # "6750 Koskikatu", "14 Churchill": a house number before it

    # Split the run at titles so "Mr and Mrs Smith" style runs work and titles are excluded.
    if "title" in kinds:
        segments: list[list[Any]] = [[]]
        seg_titles: list[str] = [""]
        for i, k in enumerate(kinds):
            if k == "title":
                segments.append([])
                seg_titles.append(run[i].word)
                continue
            segments[-1].append(i)
    else:
        segments = [run]  # (the whole run: its kinds and tokens as they are, below)
        seg_titles = [""]
    # Only the word right before the run counts ("the Smith family").
    prev_the = (
        prev_tok is not None
        and prev_tok.lower == "the"
        and not text[prev_tok.end : first.start].strip()
    )
    results: list[Candidate] = []
    # A run with an organisation word after its first token is an organisation, not a person
    # ("Riverside Primary School", "Leicester City Council"); keep any title-led name before it.
    for seg, title_word in zip(segments, seg_titles, strict=True):
        has_title = bool(title_word)
        if not seg:
            continue
        if seg is run:
            seg_kinds, seg_toks = kinds, run  # no title: the segment is the whole run
        else:
            seg_kinds = [kinds[i] for i in seg]
            seg_toks = [run[i] for i in seg]
        if "org" in seg_kinds and (
            "org" in seg_kinds[1:] or (seg_kinds[0] == "org" and len(seg) > 1 and not has_title)
        ):
            if (
                len(seg_toks) == 2
                and not has_title
                and seg_kinds[0] in ("first", "first_weak")
                and seg_kinds[1] == "org"
                and seg_toks[1].lower in _ORG_SURNAMES
                and (
                    _person_slot(text, seg_toks)
                    or (
                        seg_toks[1].lower in _SURNAMES_LIKE_VENUES
                        and _PERSON_ONLY_AFTER.match(text, seg_toks[1].end) is not None
                    )
                    or _surname_hall(text, seg_toks, seg_kinds)
                )
            ):
                # "Callum Church (Headteacher)", "Attendees: Leanne Hall", "Ruby Hall said": a
                # surname that is an organisation's word, after a first name where a role or a
                # name label says who, or what only a person does
                seg_kinds = [seg_kinds[0], "last_weak"]
            else:
                # Organisation: "Riverside Primary School"; leave it.
                continue
        if (
            len(seg) > 1
            and not has_title
            and (seg_kinds[-1] == "street" or seg_toks[-1].lower in L["street"])
        ):
            # "Great Ormond Street", "Brookfield Road": a street name ("Road" is also a common
            # word, so its kind is "common"; the street list decides)
            named = seg_kinds[0] in ("first", "first_weak", "initial") or (
                seg_kinds[0] in ("unknown", "last")
                and _label_before(_NAME_LABEL_REV, _before(text, seg_toks[0]))
            )
            if (
                not named
                or seg_toks[-1].lower not in L["last"]
                or seg_toks[-1].lower not in _SURNAME_STREET_WORDS
            ) and not (
                # any street word that is a surname, where a role or a name label says who:
                # "the class teacher (Dylan Street)", "Morag Green, school nurse"
                len(seg_toks) == 2
                and seg_kinds[0] in ("first", "first_weak", "unknown")
                and seg_toks[-1].lower in L["last"]
                and _person_slot(text, seg_toks)
            ):
                continue  # "Mill Lane", "Churchill Road"; but "Poppy Wood" is a person
            if (
                _word_before(text, seg_toks[0]) in _STREET_PREPOSITIONS
                or (
                    # "Summer Lane residents' parking": a word name opening a sentence
                    # (a lower-case word after it, no person's verb)
                    seg_kinds[0] == "first_weak"
                    and _sentence_start(text, seg_toks[0].start)
                    and _LOWER_WORD_AFTER.match(text, seg_toks[-1].end) is not None
                    and _AFTER_PERSON.match(text[seg_toks[-1].end : seg_toks[-1].end + 40]) is None
                )
            ) and (
                not _owner_after(text, seg_toks[-1].end)
                and not any(t.lower in known for t in seg_toks)
                and not _person_slot(text, seg_toks)
            ):
                # "the bus stop on Wilfred Lane (is closed)", "parking along Rose Hill"; but
                # "at Poppy Wood's house", "at Poppy Wood (DSL)"
                continue
            seg_kinds = [*seg_kinds[:-1], "last_weak"]
        trimmed = False
        if (
            len(seg_toks) >= 2
            and seg_kinds[0] == "common"
            and seg_kinds[1] in ("last", "last_weak", "unknown")
            and seg_toks[1].lower in L["last"]
            and _month_as_name(text, seg_toks[0])
        ):
            # "May Parsons", "JUNE MILLER": a month that is a first name, before a surname
            seg_kinds = ["first_weak", *seg_kinds[1:]]
        elif (
            len(seg_toks) == 3
            and seg_kinds[0] in ("first", "first_weak")
            and seg_kinds[1] == "common"
            and seg_kinds[2] in ("last", "last_weak", "unknown")
            and seg_toks[2].lower in L["last"]
            and _month_as_name(text, seg_toks[1])
        ):
            # "Ruby May Smith": a month that is a name, between a first name and a surname (a
            # middle name), not in a date ("Friday May 3rd"). As the surname ("Jack May told")
            # it is a word that is a surname, below.
            seg_kinds = [seg_kinds[0], "first_weak", seg_kinds[2]]
        elif (
            not has_title
            and seg_kinds[0] == "common"
            and _word_first_name(text, seg_toks, seg_kinds, L)
        ):
            # "Sky Goodchild", "Jun Wong": a common word capitalised before a surname from the
            # list (not a dictionary word) is a first name, mid-sentence or after a label
            seg_kinds = ["first_weak", *seg_kinds[1:]]
        # A sentence opening with a verb of contact before the name ("Rang Precious at home",
        # "Asked Dunya (school nurse) to follow up"): the verb is a cue, not part of the name.
        if (
            len(seg_toks) > 1
            and not has_title
            and seg_toks[0].lower in _OPENING_VERBS
            and seg_toks[0].lower not in known
        ):
            seg_toks, seg_kinds = seg_toks[1:], seg_kinds[1:]
        # A kinship word before a name is no part of it ("Auntie Dev", "Grandad Willow").
        while (
            len(seg_toks) > 1
            and not has_title
            and seg_toks[0].lower in _KINSHIP
            and seg_toks[0].lower not in known
        ):
            seg_toks, seg_kinds = seg_toks[1:], seg_kinds[1:]
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
            if seg_toks[0].lower not in L["cue"] and seg_toks[0].lower not in _LEADING_ADVERBS:
                # "Dear Ubul Kovari": a cue word is not part of a phrase; nor is a sentence's
                # opening adverb ("Today Zhivko became upset")
                trimmed = True
            seg_toks, seg_kinds = seg_toks[1:], seg_kinds[1:]
        # "Later Jayden": a sentence-initial surname-like word before a first name is not a name.
        if (
            len(seg_toks) > 1
            and seg_kinds[0] == "last_weak"
            and seg_toks[0].lower in L["common"]
            and seg_toks[0].lower not in known
            and (seg_kinds[1] == "first" or seg_toks[1].lower in known)
            and not has_title
            and _sentence_start(text, seg_toks[0].start)
        ):
            seg_toks, seg_kinds = seg_toks[1:], seg_kinds[1:]
        if (
            len(seg_toks) == 2
            and not has_title
            and seg_kinds[0] in ("first", "first_weak")
            and seg_kinds[1] == "common"
            and seg_toks[1].lower in L["last"]
            and not seg_toks[1].allcaps
            and _acts_as_person(text, seg_toks)
        ):
            # "Olivia French said", "Jack Welsh (Year 4)", "Ruby English and her mum": a word
            # that is also a surname, after a first name, where only a person could be meant
            seg_kinds = [seg_kinds[0], "last_weak"]
        # Trim from the right: common words, org words ("Smith Family"?) stay out.
        cut_right = False
        while seg_toks:
            if (
                cut_right
                and seg_kinds[-1] == "street"
                and len(seg_toks) > 1
                and seg_toks[-1].lower in L["last"]
                and seg_toks[-1].lower in _SURNAME_STREET_WORDS
                and (
                    seg_kinds[0] in ("first", "first_weak", "initial")
                    or (
                        seg_kinds[0] in ("unknown", "last")
                        and _label_before(_NAME_LABEL_REV, _before(text, seg_toks[0]))
                    )
                )
            ):
                # "Riley Green DOB": a street word left last by the trimming is a surname after
                # a first name, as it is when it ends the run ("Poppy Wood"), known or not.
                seg_kinds = [*seg_kinds[:-1], "last_weak"]
                break
            if not (
                seg_kinds[-1] in ("common", "org", "street")
                and seg_toks[-1].lower not in known
                and not (has_title and len(seg_toks) <= 2)
            ):
                break
            seg_toks, seg_kinds = seg_toks[:-1], seg_kinds[:-1]
            trimmed = True
            cut_right = True
        if not seg_toks:
            continue
        if (
            trimmed
            and not has_title
            and all(k in ("first_weak", "last_weak", "proper", "unknown") for k in seg_kinds)
            and not any(t.lower in known for t in seg_toks)
            # ("Rose Hill" is a name, but not when a word was cut after it: "Summer Fruit Jelly")
            and not (seg_kinds[0] == "first_weak" and len(seg_toks) > 1 and not cut_right)
        ):
            continue  # a weak word inside a capitalised phrase: "Unique Pupil Number"
        if (
            len(seg_toks) == 3
            and seg_toks[1].word in ("St", "Ste")
            and seg_kinds[0] in ("first", "first_weak")
            and seg_kinds[2] in ("first", "last", "last_weak")
            and not _NEXT_ORG.match(text, seg_toks[2].end)
        ):
            # "Kwame St Louis", "Mary St Clair's": a surname with "St", not a church or a
            # school ("Grace St John's Church")
            seg_kinds = [seg_kinds[0], "last_weak", seg_kinds[2]]
        # Drop a trailing initial that is just a sentence-final capital ("... to A.").
        if len(seg_toks) > 1 and seg_kinds[-1] == "initial" and not has_title:
            seg_toks, seg_kinds = seg_toks[:-1], seg_kinds[:-1]
        # Drop trailing particles.
        while seg_toks and seg_toks[-1].lower in PARTICLES:
            seg_toks, seg_kinds = seg_toks[:-1], seg_kinds[:-1]
        if not seg_toks:
            continue
        if (
            len(seg_toks) > 1
            and not has_title
            and seg_toks[-1].lower in _EVENT_WORDS
            and not any(t.lower in known for t in seg_toks)
        ):
            continue  # "Summer Fair", "Christmas Jumper Day": an event, not a person
        if (
            len(seg_toks) > 2
            and not has_title
            and seg_toks[-1].lower in _DAY_EVENT_WORDS
            and not any(t.lower in known for t in seg_toks)
        ):
            continue  # "Lewis Carroll Day", "Guy Fawkes Night" (but "Doris Day" is a person)
        if len(seg_toks) > 4 and sum(t.caps for t in seg_toks) > 4:
            # Long capitalised runs are headings or titles of works; keep the name-listed core.
            if not has_title:
                continue
            seg_toks, seg_kinds = seg_toks[:3], seg_kinds[:3]
        if len(seg_toks) > 2 and any(not t.caps for t in seg_toks):
            # Lower-case particles inside a name ("Ana dos Santos", "Hannah van der Berg",
            # "Mohammed bin Rashid") say nothing either way: score the words around them, keep
            # them in the span (the first and last tokens are capitalised).
            pairs = [(t, k) for t, k in zip(seg_toks, seg_kinds, strict=True) if t.caps]
            cand = _score(
                text,
                [t for t, _ in pairs],
                [k for _, k in pairs],
                has_title,
                title_word,
                L,
                known,
                prev_the,
            )
            if cand is not None:
                cand.end = seg_toks[-1].end
        else:
            cand = _score(text, seg_toks, seg_kinds, has_title, title_word, L, known, prev_the)
        if cand is not None:
            results.append(cand)
    return results


_WEAK_CUE_VERBS = frozenset(
    {"see", "met", "asked", "told", "informed", "visited", "spoke", "ask", "tell", "remind"}
)
# Verbs of contact that open a case note's sentence before a name.
_OPENING_VERBS = frozenset(
    {"rang", "phoned", "called", "emailed", "texted", "visited", "saw", "met", "asked", "told"}
    | {"informed", "contacted", "reassured", "thanked", "collected", "ask", "tell", "remind"}
)
# Two words before a name that say a person is spoken to or lived with ("spoke to Łucja",
# "lives with Abdiweli").
_TO_PERSON = compile_cached(
    r"(?:spoke|spoken|speak|speaking|talked|talk|talking|explained|chatted|listened|wrote|"
    r"live|lives|living|lived|stay|stays|staying|stayed|met|played|sat|works|worked) "
    r"(?:to|with)[ \t]+$",
    re.IGNORECASE,
)
_GEOGRAPHY = frozenset({"river", "lake", "loch", "lough", "mount", "isle", "cape", "glen", "vale"})
_ARTICLES = frozenset({"the", "a", "an", "this", "that", "our", "your", "their"})
# Words that start place names before a surname-like word ("Long Eaton", "Great Barr").
_PLACE_ADJECTIVES = frozenset(
    {"great", "little", "long", "east", "west", "north", "south", "new", "old", "upper", "lower"}
    | {"high", "low", "market", "nether", "over", "much", "bishop's", "kings", "king's", "royal"}
    | {"central", "saint", "castle", "church", "chapel", "bridge", "mount", "fort", "port"}
)


def _word_first_name(text: str, toks: list[Token], kinds: list[str], L: dict) -> bool:
    """Whether the common word opening a two-word run is a first name: the second word is a
    surname from the list that is not a dictionary word, and the first is capitalised where a
    common word would not be (not at a sentence's start), or stands after a name label."""
    if len(toks) != 2 or kinds[0] != "common":
        return False
    if kinds[1] != "last":
        # A surname that is also a word or a first name ("Star Ho", "Will Chen"): only where a
        # role follows ("Star Chen, SENCo", "Summer Reid (DSL)") or a name label stands before
        # it ("Head of Year: Star Ho").
        if kinds[1] not in ("last_weak", "first") or toks[1].lower not in L["last"]:
            return False
        if not _role_after(text, toks[1].end) and not _label_before(
            _NAME_LABEL_REV, _before(text, toks[0])
        ):
            return False
        strong_context = True
    else:
        strong_context = False
    first = toks[0]
    low = first.lower
    if (
        first.allcaps
        or text[first.start - 1 : first.start] in ("-", "'", "’")
        or len(low) < 2
        or not low.isalpha()
        # (a season or a month's short name, "Autumn", "Jun", only where a role or a name label
        # says a person stands: "Attendees: Autumn Bishop (LADO)", "Jun Chen, SENCo")
        or (low in L["not_name"] and not (strong_context or _person_slot(text, toks)))
        or low in L["cue"]
        or low in _LEADING_ADVERBS
        or low in _PLACE_ADJECTIVES
        or low in L["title"]
    ):
        return False
    before = _before(text, first)
    if not _sentence_start(text, first.start):
        words = before.rstrip(" ,").rsplit(None, 1)
        # (not after an article: "the Zombie Kastner" is a character, "a Happy Meal" a thing)
        return not words or words[-1].lower() not in _PLACE_BEFORE | _ARTICLES
    return strong_context or (
        before.rstrip()[-1:] == ":" and _label_before(_NAME_LABEL_REV, before)
    )


# Words before a street's name (no person is "on" or "along" someone).
_STREET_PREPOSITIONS = frozenset(
    {"on", "along", "off", "via", "opposite", "near", "outside", "past", "down", "up", "onto"}
    | {"into", "at", "in", "beyond", "towards", "across"}
)


def _owner_after(text: str, end: int) -> bool:
    """A possessive or a bracket saying who someone is, right after a run."""
    after = text[end : end + 40]
    if after[:2] in _APOS_S:
        return True
    return after.lstrip(" \t")[:1] == "(" and _AFTER_PERSON.match(after) is not None


def _role_after(text: str, end: int) -> bool:
    """A role or relationship in brackets or after a comma right after a run ("(DSL)",
    "(mother)", ", Head of Year 9"), not a verb."""
    after = text[end : end + 40]
    return after.lstrip(" \t")[:1] in ("(", ",") and _AFTER_PERSON.match(after) is not None


_KINSHIP = frozenset(
    {"auntie", "aunty", "aunt", "uncle", "grandad", "granddad", "grandpa", "nana", "nan"}
    | {"nanna", "nanny", "gran", "granny", "grandma", "grandmother", "grandfather", "cousin"}
    | {"mum", "mam", "mom", "dad", "sister", "brother", "stepdad", "stepmum"}
)
_NEXT_ORG = compile_cached(
    r"(?:['’]s)?[ \t]+(?:Church|School|Academy|College|Primary|Hospital|Chapel|C of E)\b"
)
# Organisations' words that are also surnames ("Church", "Hall").
_ORG_SURNAMES = frozenset({"church", "hall", "temple", "court", "house", "chambers", "bank"})


# Organisation words that are also common English surnames (Hall is among the 30 commonest):
# after a first name and before what only a person does, they are the person's surname.
_SURNAMES_LIKE_VENUES = frozenset({"hall", "church", "chambers", "temple"})
# What only a person does after their name (not "is", "has" or "will", which a hall or a
# court does too): "Ruby Hall said", "Jack Chambers told me", "Olivia Church and her mum".
_PERSON_ONLY_AFTER = compile_cached(
    r"[ \t]+(?:said|says|told|tells|asked|asks|explained|disclosed|answered|stated|agreed|"
    r"refused|cried|cries|spoke|talked|mentioned|described|denied|denies|confirmed|admitted|"
    r"alleged|claimed|smiled|laughed|slept|shouted|screamed|swore|phoned|rang|emailed|texted|"
    r"wrote|wants|wanted|feels|felt|thinks|thought|himself|herself|"
    r"and (?:his|her|their) (?:mum|mother|dad|father|parents?|carers?|brother|sister|"
    r"grandmother|grandfather|nan|family)|who (?:is|was|has|lives|attends))\b"
)


# Hall and Chambers are among England's commoner surnames, and a hall or chambers named after a
# first name is nearly always a royal's ("Victoria Hall", "Albert Hall").
_COMMON_VENUE_SURNAMES = frozenset({"hall", "chambers"})
_VENUE_NAMESAKES = frozenset(
    {"victoria", "albert", "alexandra", "elizabeth", "queen", "king", "prince", "princess"}
)
# Words before a venue: "at Freya Hall" is a place ("to" and "from" are not counted: "spoke
# to Oscar Hall", "a letter from Oscar Hall").
_VENUE_WORDS_BEFORE = _STREET_PREPOSITIONS | frozenset(
    {"the", "inside", "behind", "hire", "booked", "booking"}
)


def _surname_hall(text: str, toks: list[Token], kinds: list[str]) -> bool:
    """ "Freya Hall is under CAMHS", "Oscar Chambers (Year 4)": a first name from the lists (not
    a word that is also a name) then Hall or Chambers is a person, unless the first name is a
    royal's (the Victoria Hall) or a word before it says the run is a place ("at", "the")."""
    first, last = toks[0], toks[1]
    return (
        kinds[0] == "first"
        and last.lower in _COMMON_VENUE_SURNAMES
        and not last.allcaps
        and first.lower not in _VENUE_NAMESAKES
        and _word_before(text, first) not in _VENUE_WORDS_BEFORE
        and _NEXT_ORG.match(text, last.end) is None
    )


# A pupil's details in brackets right after a name: "(Year 4)", "(aged 9)", "(DOB ...)".
_DETAILS_AFTER = compile_cached(
    r"[ \t]*\((?:year|yr|y\d|aged|age|dob|d\.o\.b|born|upn|nhs)\b", re.IGNORECASE
)


def _acts_as_person(text: str, toks: list[Token]) -> bool:
    """Whether what follows a run, or its place, says it is a person: what only a person does
    ("said", "and her mum"), a pupil's details in brackets, a role or a name label."""
    end = toks[-1].end
    return (
        _PERSON_ONLY_AFTER.match(text, end) is not None
        or _DETAILS_AFTER.match(text, end) is not None
        or _person_slot(text, toks)
    )


def _person_slot(text: str, toks: list[Token]) -> bool:
    """Whether a run stands where a person stands: a role in brackets or after a comma after
    it, or a name label before it, or in brackets after a role ("the class teacher (Name)")."""
    if _role_after(text, toks[-1].end):
        return True
    before = _before(text, toks[0])
    if _label_before(_NAME_LABEL_REV, before):
        return True
    if before[-1:] == "(" and text[toks[-1].end : toks[-1].end + 1] in (")", ","):
        words = before[:-1].rstrip().rsplit(None, 2)
        return bool(words) and (
            words[-1].lower() in _lists()["cue"] or " ".join(words[-2:]).lower() in _ROLES
        )
    return False


_ROLES = frozenset(
    {"social worker", "class teacher", "family support", "support worker", "school nurse"}
    | {"health visitor", "key worker", "foster carer", "learning mentor", "team manager"}
)


_LOWER_WORD_AFTER = compile_cached(r" [a-z]")
_FIRM_WORD = compile_cached(r"(?<![^\W\d_])[A-Z][^\W\d_]+\Z")


def _firm_before(text: str, amp: int, known: frozenset[str]) -> bool:
    """Whether the word before " & " (at `amp`) makes the next word part of a firm's name: a
    capitalised word or surname in the lists that is no first name, title or name found, and
    not the end of a list ("Marks & Spencer"; not "Sarah & Tom", "Mr & Mrs", "Yuxuan & Ali")."""
    m = _FIRM_WORD.search(text, max(0, amp - 20), amp)
    if m is None:
        return False
    word = m.group()
    kind = _WORD_INFO[word][1]
    if text[max(0, m.start() - 2) : m.start()] == ", ":
        return False  # a list: "Agnieszka, Yuxuan & Angharad"
    return kind in ("common", "last", "last_weak", "org", "proper") and word.lower() not in known


def _word_before(text: str, tok: Token) -> str:
    """The lower-case word right before a token (on its line), or ""."""
    words = text[max(0, tok.start - 16) : tok.start].rsplit(None, 1)
    if not words or text[tok.start - 1 : tok.start] not in (" ", "\t"):
        return ""
    return words[-1].lower() if len(words[-1]) > 1 or words[-1].isalpha() else ""


def _before(text: str, tok: Token, n: int = 40) -> str:
    return text[max(0, tok.start - n) : tok.start]


_NAME_LIKE = frozenset({"first", "first_weak", "last", "last_weak", "unknown", "initial", "proper"})
_AFTER_FIRST = frozenset(
    {"first", "last", "last_weak", "first_weak", "unknown", "initial", "proper"}
)
_WEAK_ONLY = frozenset({"first_weak", "last_weak", "proper"})


_APOS_S = ("'s", "’s")
_N1_WEAK = frozenset({"last", "last_weak", "first_weak"})
_N1_LABEL_WEAK = frozenset({"last_weak", "proper", "first_weak"})


def _score(
    text: str,
    toks: list[Token],
    kinds: list[str],
    has_title: bool,
    title_word: str,
    L: dict,
    known: frozenset[str],
    prev_the: bool,
) -> Candidate | None:
    first = toks[0]
    n = len(toks)
    last_end = toks[-1].end
    low0 = first.lower
    if has_title:
        if (
            n == 1
            and low0 in _NOT_AFTER_TITLE
            and not (low0 in _SURNAME_AFTER_TITLE and title_word.lower() in _PERSONAL_TITLES)
        ):
            # (but "Mr Bishop", "PC Bishop": a surname after a person's own title)
            return None  # "the Lord Mayor", "Mr Men and Little Miss": a role or a title of a work
        # After a title any capitalised word is a surname ("Mr Hall", "Mrs Reading").
        kinds = [k if k in _NAME_LIKE else "last_weak" for k in kinds]
    elif not _NAME_LIKE.issuperset(kinds):
        return None
    if "initial" in kinds:
        initials = kinds.count("initial")
        words_only = [t for t, k in zip(toks, kinds, strict=True) if k != "initial"]
        if not words_only:
            # Initials alone ("J.S.") only after a title.
            if has_title:
                return Candidate(
                    first.start, last_end, 0.8, f"initials after title '{title_word}'", ()
                )
            return None
    else:
        initials = 0
        words_only = toks
    fs = first.start
    before = text[fs - 40 if fs > 40 else 0 : fs]
    after = text[last_end : last_end + 30]
    kind0 = kinds[0]
    possessive = after[:2] in _APOS_S
    if n == 1:
        if (kind0 == "first_weak" or kind0 == "last_weak") and _NOT_AFTER.match(after):
            return None  # "Summer term", "Rose garden"
        if low0 in _DAY_NAMES and _DAY_AFTER.match(text, last_end):
            return None  # "On Thu, 27 April", "Thu: swimming": a day, though "Thu" is a name too
        known_hits: int = low0 in known
        if not has_title and not known_hits:
            if _NOT_AFTER_ANY.match(after) or (kind0 in _N1_WEAK and _NUMBER_AFTER.match(after)):
                return None  # "Robin class", "Victoria sponge", "Ward 27": not a person
            if possessive and _EPONYM_AFTER.match(after, 2):
                return None  # "Crohn's disease", "Tourette's syndrome"
        strong: int = kind0 == "first" or kind0 == "last"
        weak: int = kind0 == "first_weak" or kind0 == "last_weak"
        unknown: int = kind0 == "unknown"
        proper: int = kind0 == "proper"
    else:
        strong = kinds.count("first") + kinds.count("last")
        weak = kinds.count("first_weak") + kinds.count("last_weak")
        unknown = kinds.count("unknown")
        proper = kinds.count("proper")
        known_hits = sum(t.lower in known for t in toks) if known else 0
    tail = before.rstrip()
    # (a label's word read backwards, as _label_before reads it)
    rev = tail[:-1].rstrip()[::-1] if tail[-1:] == ":" else None
    if (
        rev is not None
        and _NOT_NAME_LABEL_REV.match(rev) is not None
        and _field_label(before, fs <= 40)
        and not (
            (kind0 == "first" or (n >= 2 and strong >= 1 and _NAME_LIKE.issuperset(kinds)))
            and _AFTER_PERSON.match(after) is not None
        )
    ):
        # "Religion: Christian", "Language: English"; but a first name from the list that a
        # person's verb or role follows is a sentence's subject ("School: Yusuf told me",
        # "Core group: Manpreet Sandhu (mother)")
        return None

    before_words = before.rstrip(" ,").rsplit(None, 1)
    prev_word = before_words[-1].lower().strip(",.:;") if before_words else ""
    if not has_title:
        if prev_word in _PLACE_PREFIXES:
            return None  # "HMP Wandsworth", "HMYOI Feltham": a prison, not a person
        if possessive:
            m = _NEXT_WORD.match(after, 2)
            if m and _WORD_INFO[m.group(1)][1] == "org":
                return None  # "Winston's Wish", "Barnardo's Family Service": an organisation
    cue = prev_word in L["cue"] or (
        prev_word == "you" and before.rstrip(" ,").lower().endswith("thank you")
    )
    label = rev is not None and _NAME_LABEL_REV.match(rev) is not None
    intro = prev_word in _INTRO_LAST and _SELF_INTRO.search(before) is not None
    closing = "\n" in before[-3:] and _closing_before(before)
    # Sentence start (as _sentence_start): `before` holds the 12 characters it looks at.
    lead = before[-12:].rstrip(_LEAD_CHARS)
    sentence_start = not lead or lead[-1] in _BREAK_CHARS

    reasons: list[str] = []
    score = 0.0
    if has_title:
        score = 0.92
        reasons.append(f"after title '{title_word}'")
    elif n == 1 and kind0 in _N1_LABEL_WEAK:
        # "Subject: Core group", "Re: Summer term": a topic label does not make a common word a
        # name; a person label ("Taken by:", "Caller:") still does for a first name.
        label = (
            label
            and kind0 == "first_weak"
            and rev is not None
            and _TOPIC_LABEL_REV.match(rev) is None
        )
        intro = closing = False
        # A name that is weak only as a proper noun ("Kennedy"), not as an English word, still
        # takes a cue ("Dear Kennedy,").
        cue = (
            cue
            and kind0 != "proper"
            and low0 not in L["common"]
            and "\n" not in before[-len(prev_word) - 3 :]
        )
    if label or intro:
        if score < 0.9:
            score = 0.9
        reasons.append("after a name label" if label else "after an introduction")
    if closing and n <= 3:
        if score < 0.85:
            score = 0.85
        reasons.append("after a letter closing")
    # An email header's display name: "On Tue, ..., Aoibheann McGrath <amcgrath@x.gov.uk> wrote:"
    if "<" in after[:3] and _DISPLAY_NAME_AFTER.match(after) is not None:
        if score < 0.85:
            score = 0.85
        reasons.append("display name before an email address")
    if cue:
        bonus = 0.88 if (strong or unknown or known_hits or weak and not sentence_start) else 0.6
        if score < bonus:
            score = bonus
        reasons.append(f"after cue word '{prev_word}'")

    if n >= 2:
        rest = kinds[1:]
        if kind0 in ("first", "first_weak") and _AFTER_FIRST.issuperset(rest):
            base = 0.9 if kind0 == "first" else 0.75
            if kind0 == "first_weak" and _WEAK_ONLY.issuperset(rest):
                base = 0.6 if not sentence_start else 0.5
            if proper and not strong:
                base = min(base, 0.55)
            if score < base:
                score = base
            reasons.append("first name followed by a surname")
        elif strong and strong + weak + unknown + initials >= 2:
            if score < 0.8:
                score = 0.8
            reasons.append("run of name-list words")
        elif (
            initials
            or any(
                k == "unknown" and t.lower.endswith(SURNAME_SUFFIXES)
                for t, k in zip(toks, kinds, strict=True)
            )
        ) and strong + weak + unknown + initials >= 2:
            if score < 0.7:
                score = 0.7
            reasons.append("name-shaped run (initial or surname ending)")
        elif unknown and unknown + weak >= 2 and not proper:
            score = max(score, 0.6 if not sentence_start else 0.5)
            reasons.append("capitalised run of words not in the dictionary")
        elif proper and (strong or weak):
            if score < 0.3:
                score = 0.3
            reasons.append("place-like word in a name-like run")
        else:
            if score < 0.3:
                score = 0.3
            reasons.append("capitalised run of common words")
    else:
        k = kind0
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
            if score < 0.2:
                score = 0.2
    if known_hits and known_hits == len(words_only):
        if score < 0.85:
            score = 0.85
        reasons.append("name already found in this document")
    elif known_hits:
        if score < 0.75:
            score = 0.75
        reasons.append("part of a name already found in this document")
    if score >= 0.3 and (possessive or _AFTER_PERSON.match(after) is not None):
        score = min(0.97, score + 0.15)
        reasons.append("followed by a person context")
    elif score >= 0.3 and prev_word in L["weak_cue"]:
        # (a verb of meeting or telling before a word in no list: "told Xiaoling", "met Ubah")
        verb = (
            n == 1
            and unknown
            and (prev_word in _WEAK_CUE_VERBS or _TO_PERSON.search(before[-22:]) is not None)
        )
        score = min(0.95, score + (0.1 if verb else 0.08))
        reasons.append(f"after '{prev_word}'")
    if score <= 0.0:
        return None
    if n > 1 and not has_title and first.lower in _GEOGRAPHY and before[-4:].lower() == "the ":
        return None  # "the River Trent", "the Isle of Wight": a place, though River is a name
    if prev_the and not (has_title or strong):
        score -= 0.2
    elif not has_title and prev_word in _PLACE_BEFORE and kind0 != "first" and not known_hits:
        # "support in Hope Valley", "lives near Merthyr Tydfil": a place, unless a first name
        # from the list or a name found elsewhere in the document says otherwise.
        score -= 0.2
        reasons.append(f"after '{prev_word}' (a place?)")
    return Candidate(
        first.start,
        last_end,
        max(0.0, min(score, 0.99)),
        "; ".join(reasons) or "capitalised word",
        tuple([t.word for t in words_only]),
    )


def _score_one(
    text: str, tok: Token, k: str, L: dict, known: frozenset[str], prev_the: bool
) -> Candidate | None:
    """`_score(text, [tok], [k], False, "", L, known, prev_the)` for a name-like word that is
    no initial (as _judge_single asks): the same answer with the run-only tests left out."""
    fs = tok.start
    last_end = tok.end
    low = tok.lower
    after = text[last_end : last_end + 30]
    if (k == "first_weak" or k == "last_weak") and _NOT_AFTER.match(after):
        return None  # "Summer term", "Rose garden"
    if low in _DAY_NAMES and _DAY_AFTER.match(text, last_end):
        return None  # "On Thu, 27 April", "Thu: swimming"
    known_hit = low in known
    possessive = after[:2] in _APOS_S
    if not known_hit:
        if _NOT_AFTER_ANY.match(after) or (k in _N1_WEAK and _NUMBER_AFTER.match(after)):
            return None  # "Robin class", "Victoria sponge", "Ward 27": not a person
        if possessive and _EPONYM_AFTER.match(after, 2):
            return None  # "Crohn's disease", "Tourette's syndrome"
    before = text[fs - 40 if fs > 40 else 0 : fs]
    tail = before.rstrip()
    rev = tail[:-1].rstrip()[::-1] if tail[-1:] == ":" else None
    if (
        rev is not None
        and _NOT_NAME_LABEL_REV.match(rev) is not None
        and _field_label(before, fs <= 40)
        and not (k == "first" and _AFTER_PERSON.match(after) is not None)
    ):
        return None  # "Religion: Christian", "Language: English" (not "School: Yusuf told")
    before_words = before.rstrip(" ,").rsplit(None, 1)
    prev_word = before_words[-1].lower().strip(",.:;") if before_words else ""
    if prev_word in _PLACE_PREFIXES:
        return None  # "HMP Wandsworth": a prison
    if possessive:
        m = _NEXT_WORD.match(after, 2)
        if m and _WORD_INFO[m.group(1)][1] == "org":
            return None  # "Winston's Wish": an organisation
    cue = prev_word in L["cue"] or (
        prev_word == "you" and before.rstrip(" ,").lower().endswith("thank you")
    )
    label = rev is not None and _NAME_LABEL_REV.match(rev) is not None
    if k in _N1_LABEL_WEAK:
        # (as in _score: a topic label, an introduction or a closing make no weak word a name)
        label = (
            label and k == "first_weak" and rev is not None and _TOPIC_LABEL_REV.match(rev) is None
        )
        intro = closing = False
        cue = (
            cue
            and k != "proper"
            and low not in L["common"]
            and "\n" not in before[-len(prev_word) - 3 :]
        )
    else:
        intro = prev_word in _INTRO_LAST and _SELF_INTRO.search(before) is not None
        closing = "\n" in before[-3:] and _closing_before(before)
    lead = before[-12:].rstrip(_LEAD_CHARS)
    sentence_start = not lead or lead[-1] in _BREAK_CHARS

    reasons: list[str] = []
    score = 0.0
    if label or intro:
        score = 0.9
        reasons.append("after a name label" if label else "after an introduction")
    if closing:
        if score < 0.85:
            score = 0.85
        reasons.append("after a letter closing")
    if "<" in after[:3] and _DISPLAY_NAME_AFTER.match(after) is not None:
        if score < 0.85:
            score = 0.85
        reasons.append("display name before an email address")
    if cue:
        bonus = (
            0.88
            if (
                k == "first"
                or k == "last"
                or k == "unknown"
                or known_hit
                or ((k == "first_weak" or k == "last_weak") and not sentence_start)
            )
            else 0.6
        )
        if score < bonus:
            score = bonus
        reasons.append(f"after cue word '{prev_word}'")
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
    elif score < 0.2:
        score = 0.2  # a surname that is a word, a place-like word
    if known_hit:
        if score < 0.85:
            score = 0.85
        reasons.append("name already found in this document")
    if score >= 0.3 and (possessive or _AFTER_PERSON.match(after) is not None):
        score = min(0.97, score + 0.15)
        reasons.append("followed by a person context")
    elif score >= 0.3 and prev_word in L["weak_cue"]:
        verb = k == "unknown" and (
            prev_word in _WEAK_CUE_VERBS or _TO_PERSON.search(before[-22:]) is not None
        )
        score = min(0.95, score + (0.1 if verb else 0.08))
        reasons.append(f"after '{prev_word}'")
    if score <= 0.0:
        return None
    if prev_the and not (k == "first" or k == "last"):
        score -= 0.2
    elif prev_word in _PLACE_BEFORE and k != "first" and not known_hit:
        score -= 0.2
        reasons.append(f"after '{prev_word}' (a place?)")
    return Candidate(
        fs,
        last_end,
        max(0.0, min(score, 0.99)),
        "; ".join(reasons) or "capitalised word",
        (tok.word,),
    )
