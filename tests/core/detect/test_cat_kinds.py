"""Session-4 category rules (issue 2): a category said of a person by how the sentence is built,
and the same words about nobody, a group, a lesson, a language, a street or an offer (SENS-2).

Every rule has a sentence where it applies and a look-alike with a named person where it must not;
every term added on 26 November is checked against two look-alikes (a lesson's content with a
named pupil in the sentence, and a leaflet about nobody) and found when said of a named person."""

import tomllib
from pathlib import Path

import pytest

from safehaven.core.detect import analyse

TOML = (
    Path(__file__).parents[3] / "src" / "safehaven" / "core" / "detect" / "data" / "categories.toml"
)


def _session4_terms(*, session9: bool = False) -> list[tuple[str, str]]:
    """(category, term) for the terms on the line after each 'added 26 November' comment in a
    category's `terms` list: those of session 9 (the comment says so) when `session9`, the
    others otherwise."""
    out = []
    category = key = None
    lines = TOML.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        if line.startswith("["):
            category = line.strip("[]")
        if line.endswith("= ["):
            key = line.split("=")[0].strip()
        comment = line.strip()
        if (
            key == "terms"
            and comment.startswith("# added 26 November")
            and ("session 9" in comment) == session9
        ):
            data = tomllib.loads("t = [" + lines[i + 1] + "]")
            out += [(category, t) for t in data["t"] if not t.endswith("*")]
    return out


SESSION4 = _session4_terms()
# Session 9's terms (about 3,000, most of them generated nationality phrases) are checked by the
# same three sentences, one test per category that runs every term and lists the failures: one
# test item per term cost a minute of each test stage.
SESSION9 = _session4_terms(session9=True)
SESSION9_CATEGORIES = sorted({c for c, _ in SESSION9})


def _terms_of(category: str) -> list[str]:
    return [t for c, t in SESSION9 if c == category]


def test_session4_terms_are_listed():
    assert len(SESSION4) > 200


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(("category", "term"), SESSION4)
def test_new_term_found_when_said_of_a_named_person(category, term):
    text = f"Note for the file about Mia Holt, who told us: {term}."
    assert category in analyse(text).special_categories


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(("category", "term"), SESSION4)
def test_new_term_in_a_lesson_is_not_about_the_pupil(category, term):
    text = f"In the RE lesson the class discussed the words '{term}' and Mia Holt took notes."
    assert category not in analyse(text).special_categories


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(("category", "term"), SESSION4)
def test_new_term_about_nobody_is_not_personal(category, term):
    result = analyse(f"The leaflet in the office explains what {term} means.")
    assert result.special_categories == ()
    assert result.classification == "none"


def test_session9_terms_are_listed():
    assert len(SESSION9) > 1000
    assert {"religion", "safeguarding", "criminal", "ethnicity"} <= set(SESSION9_CATEGORIES)


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize("category", SESSION9_CATEGORIES)
def test_session9_terms_found_when_said_of_a_named_person(category):
    missed = [
        term
        for term in _terms_of(category)
        if category
        not in analyse(f"Note for the file about Mia Holt, who told us: {term}.").special_categories
    ]
    assert missed == []


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize("category", SESSION9_CATEGORIES)
def test_session9_terms_in_a_lesson_are_not_about_the_pupil(category):
    lesson = "In the RE lesson the class discussed the words '{}' and Mia Holt took notes."
    flagged = [
        term
        for term in _terms_of(category)
        if category in analyse(lesson.format(term)).special_categories
    ]
    assert flagged == []


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize("category", SESSION9_CATEGORIES)
def test_session9_terms_about_nobody_are_not_personal(category):
    flagged = []
    for term in _terms_of(category):
        result = analyse(f"The leaflet in the office explains what {term} means.")
        if result.special_categories != () or result.classification != "none":
            flagged.append(term)
    assert flagged == []


# ---- rules ------------------------------------------------------------------------------------


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a partner of the same sex, said of a woman or a man
        ("Mia Holt said her sister has a girlfriend now.", "sexual_orientation"),
        ("Mia Holt's mum is in a relationship with a woman.", "sexual_orientation"),
        ("Mia Holt's uncle is married to another man.", "sexual_orientation"),
        ("Mia Holt told me her brother has a boyfriend.", "sexual_orientation"),
        # an ethnicity said of a person
        ("Mia Holt feels she is picked on because she is Black.", "ethnicity"),
        ("Mia Holt is the only Black girl in her class.", "ethnicity"),
        ("Mia Holt's family are of Ghanaian descent.", "ethnicity"),
        ("Mr Holt said colleagues made comments about his heritage.", "ethnicity"),
        # a cause marched for
        ("Mia Holt's dad went on the march for Palestine at the weekend.", "political_opinion"),
        ("Mia Holt went to the rally against the Rwanda plan with her mum.", "political_opinion"),
        # a faith or a party the name finder took for a name (no first name or surname in it)
        ("Mia Holt's family practise Rastafari.", "religion"),
        # a party with a verb of voting, support, membership or standing
        ("Ellie Ward said her family always vote Tory.", "political_opinion"),
        ("Ellie Ward's mum stood as a Green in the local elections.", "political_opinion"),
        ("Ellie Ward posted that she backs Reform.", "political_opinion"),
        ("Ellie Ward's parents support Sinn Fein.", "political_opinion"),
        ("Ellie Ward's dad is a Labour supporter.", "political_opinion"),
        # the contrast of the lesson rule: a pupil telling the class about home
        ("In RE, Ellie Ward told the class her family fast during Ramadan.", "religion"),
        # the contrast of the institution rule: the children themselves
        ("The children's father, Mr Ward, is a Methodist minister.", "religion"),
        # the contrast of the venue rule: going to worship there
        ("Ellie Ward goes to the mosque every Friday with her dad.", "religion"),
        ("Ellie Ward's family buy their meat halal.", "religion"),
        # the contrasts of the occupation, victim and work rules
        ("The epilepsy nurse visited Ellie Ward at home.", "health"),
        ("Ellie Ward has a social worker.", "safeguarding"),
        ("Ellie Ward's dad is a criminal, she told us.", "criminal"),
        ("Ellie Ward's dad was arrested for a theft at the station.", "criminal"),
        ("Ellie Ward gave a presentation about her epilepsy.", "health"),
        ("Ellie Ward's mum is a Labour councillor.", "political_opinion"),
        ("Ellie Ward's mum is a vicar in the next village.", "religion"),
        # the contrast of the offer rule: the representative who came
        ("Mr Holt was accompanied by his trade union representative.", "trade_union"),
        # the contrast of the language rule: the family's ethnicity
        ("Mia Holt's family are Kurdish.", "ethnicity"),
        # the contrast of the body rule: a person in the sentence
        ("Mia Holt said she goes to the gurdwara every Sunday.", "religion"),
        # the contrast of the lesson rule: a lesson word later in the sentence
        ("After the history lesson Mia Holt said her dad votes Labour.", "political_opinion"),
    ],
)
def test_rule_finds(text, category):
    assert category in analyse(text).special_categories


@pytest.mark.rule("SENS-2")
@pytest.mark.parametrize(
    ("text", "category"),
    [
        # a partner of the other sex, or girlfriends as friends
        ("Mia Holt's brother has a girlfriend now.", "sexual_orientation"),
        ("Mia Holt went shopping with her girlfriends on Saturday.", "sexual_orientation"),
        ("Mia Holt's mum is married to a man from Leeds.", "sexual_orientation"),
        # colour words that say nothing of a person
        ("Mia Holt said her cat is black and white.", "ethnicity"),
        ("Mia Holt wore a black coat and a white hat.", "ethnicity"),
        ("Mia Holt's project is on buildings of Roman origin.", "ethnicity"),
        ("Mia Holt visited the heritage centre with her class.", "ethnicity"),
        # a march that is no cause
        ("Mia Holt did a sponsored march for Comic Relief.", "political_opinion"),
        ("Mia Holt's class will march into the hall for the assembly.", "political_opinion"),
        # an offer or a right is not membership
        (
            "Dear Mr Holt, you may bring a trade union representative or a colleague.",
            "trade_union",
        ),
        ("Mr Holt, you are entitled to be accompanied by a union rep.", "trade_union"),
        # a lesson's content, with the pupil named in the sentence
        ("In history Mia Holt researched the Labour movement.", "political_opinion"),
        ("In RE the class studied fasting and Mia Holt wrote a piece on Ramadan.", "religion"),
        ("In science Mia Holt learnt how genes are inherited.", "genetic"),
        # a language, not an ethnicity
        ("Mia Holt's mum needs a Kurdish interpreter.", "ethnicity"),
        ("Client: Mia Holt\nLanguage: Kurdish Sorani", "ethnicity"),
        ("Mia Holt speaks Arabic and English at home.", "ethnicity"),
        # a street name
        ("Mia Holt lives at 4 Chapel Fold.", "religion"),
        # a body as the subject of a minute, with a governor named just before
        (
            "Present: Mia Holt (chair).\n2. The board approved the RE syllabus, which includes a "
            "visit to a gurdwara.",
            "religion",
        ),
        (
            "Present: Mia Holt (chair).\n3. The board noted the union's ballot for strike action.",
            "trade_union",
        ),
        # a party in history, or a word that is no party
        ("Ellie Ward said the country elected a Labour government in 1997.", "political_opinion"),
        ("Ellie Ward wrote that the Whigs backed the Reform Act.", "political_opinion"),
        ("Ellie Ward's team voted to wear Green shirts on sports day.", "political_opinion"),
        # a lesson's content later in the sentence
        ("Ellie Ward read a story about Ramadan to the class in the RE lesson.", "religion"),
        # a service named after a group
        (
            "Re: Ellie Ward - review meeting\n\nWe will meet in the community room of the "
            "Methodist church, which the children's centre rents on Tuesdays.",
            "religion",
        ),
        # no longer
        ("Ellie Ward is no longer on the SEN register.", "health"),
        # a place of worship as a landmark or a venue, a food shop
        ("Ellie Ward's mum is a lollipop lady outside the mosque.", "religion"),
        ("Ellie Ward's football club trains at the Salvation Army hall.", "religion"),
        ("Ellie Ward was dropped off in the church car park.", "religion"),
        ("Ellie Ward's dad works at the halal butcher's on the high street.", "religion"),
        ("Ellie Ward's mum works in the kosher bakery in town.", "religion"),
        # a job or a field
        ("Ellie Ward's dad is a prison officer.", "criminal"),
        ("Ellie Ward wants to be a criminal lawyer.", "criminal"),
        ("Ellie Ward's mum works in the criminal justice system as a solicitor.", "criminal"),
        ("Ellie Ward's dad works in a genetics lab at the university.", "genetic"),
        ("Ellie Ward wants to study genetic engineering.", "genetic"),
        ("Ellie Ward's mum is a geneticist at the hospital.", "genetic"),
        ("Ellie Ward's mum is a social worker in Leeds.", "safeguarding"),
        ("Ellie Ward's mum is a sexual health nurse.", "sex_life"),
        # a victim is not an offender
        ("Ellie Ward was the victim of a theft on the bus.", "criminal"),
        # a work about a subject, with nobody's possessive
        ("Ellie Ward's project on genetics and DNA won a prize.", "genetic"),
        ("Ellie Ward read a book about a prison escape.", "criminal"),
        ("Ellie Ward watched a documentary about genome sequencing.", "genetic"),
        ("Ellie Ward wrote about hereditary peers in the House of Lords.", "genetic"),
        ("Ellie Ward's mum is a trans-Atlantic pilot.", "gender"),
        # a first name is still a name
        ("Christian Murphy joined the class this week.", "religion"),
    ],
)
def test_rule_look_alike_not_found(text, category):
    assert category not in analyse(text).special_categories


def test_nobody_in_a_rule_sentence_is_not_sensitive():
    """A rule's sentence about nobody named: the evidence is kept, the text is not personal."""
    result = analyse("Some people say they are treated differently because they are Black.")
    assert [e.category for e in result.evidence] == ["ethnicity"]
    assert result.classification == "none"


# ---- the anchored rule scan finds what a scan of the whole text finds ---------------------------

DEV = Path(__file__).parents[3] / "benchmarks" / "data" / "uk-cs-dev.jsonl"
RULE_SENTENCES = [
    "Mia Holt said her sister has a girlfriend now; her uncle is married to another man.",
    "Mia Holt feels she is picked on because she is Black; her family are of Ghanaian descent.",
    "Mr Holt, re-elected as a Labour councillor, said his wife is a Green Party member.",
    "Mia Holt's dad went on the march for Palestine and the rally against the Rwanda plan.",
    "Colleagues made comments about his heritage and the colour of his skin, Mr Holt said.",
    "Mia Holt is the only Black girl in the class; she stood as a Green and backs Reform UK.",
]


def _rule_specs():
    from safehaven.core.detect import categories as c

    return [
        (c._SAME_SEX, c._SAME_SEX_ANCHORS, 40, c._SAME_SEX_FIRST),
        (c._ETHNIC_PREDICATE, c._ETHNIC_ANCHORS, 32, c._ETHNIC_FIRST),
        (c._PARTY_SUPPORT, c._PARTY_ANCHORS, 28, c._PARTY_FIRST),
        (c._PROTEST, c._PROTEST_ANCHORS, 0, frozenset()),
    ]


def _marks_of(text: str) -> list:
    from safehaven.core.detect import categories as c

    low, enc = c._words_lower(text)
    marks: list = []
    assert c._scan(text, low, enc, set(enc.split()), marks) is not None
    return marks


def test_anchored_rules_find_what_the_whole_text_scan_finds():
    import json

    from safehaven.core.detect import categories as c

    texts = RULE_SENTENCES + [
        json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines()
    ]
    found = 0
    for text in texts:
        low, enc = c._words_lower(text)
        marks = [(p, w) for p, w in _marks_of(text) if w in c._RULE_ANCHOR_BYTES]
        for pattern, anchors, back, firsts in _rule_specs():
            whole = {m.span() for m in pattern.finditer(text)}
            anchored = {
                m.span() for m in c._anchored(pattern, text, low, enc, anchors, marks, back, firsts)
            }
            assert whole <= anchored, (text, whole - anchored)
            for a, b in anchored:  # each one a real match
                assert pattern.match(text, a) is not None
                assert pattern.match(text, a).end() == b
            found += len(whole)
    assert found >= 12


def test_marks_are_the_words_where_rules_can_apply():
    from safehaven.core.detect import categories as c

    text = (
        "In RE we may bring a friend. Ellie can swim; her history is long. She is Black. "
        "In her art lesson."
    )
    low, enc = c._words_lower(text)
    marks = [(p, w.decode()) for p, w in _marks_of(text)]
    assert marks == [(3, "re"), (9, "may"), (73, "black"), (87, "art")]
    assert all(text[p : p + len(w)].lower() == w for p, w in marks)


def test_rules_on_a_text_whose_lower_case_changes_length():
    """A dotted capital I makes the lower-cased text longer: the rules scan the whole text."""
    result = analyse("İstanbul trip. Mia Holt said her sister has a girlfriend now.")
    assert "sexual_orientation" in result.special_categories


def test_sentence_breaks_found_once_give_the_window_bounds():
    """_Breaks reads each term's sentence from breaks found once; it must give what the window
    search gives, at every offset of real and awkward texts (stops, blank lines, window edges)."""
    import json
    import random

    from safehaven.core.detect import categories as c

    texts = [json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines()]
    rng = random.Random(7)
    bits = ["a", "b", " ", ".", "!", "?", "\n", "\n\n", " \n ", "x.", "..", "\t", "Mr. ", "e.g."]
    texts += ["".join(rng.choice(bits) for _ in range(rng.randrange(5, 400))) for _ in range(300)]
    checked = 0
    for text in texts[::3] + texts[-300:]:
        breaks = c._Breaks(text)
        for start in range(0, len(text), 5):
            for length in (1, 6):
                end = min(len(text), start + length)
                if end > start:
                    assert breaks.bounds(start, end) == c._sentence_bounds(text, start, end)
                    checked += 1
    assert checked > 10_000
