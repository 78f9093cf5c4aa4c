"""Session 5 (issue 2): political opinion and religion or belief as practitioners write them.

Each cue is checked on a sentence about a named person and on a look-alike that says nothing
about anyone (a group, a lesson, a venue, a job of work), so that a cue that finds the one but
also the other fails here.
"""

import pytest

from safehaven.core.detect import analyse


def _cats(text: str) -> set[str]:
    return set(analyse(text).special_categories)


SAID = [
    # political opinion: taking part in a protest, whatever the cause
    ("Jayden Smith was arrested at a demonstration outside the asylum hotel.", "political_opinion"),
    ("Ellie Brown goes to the Palestine demo with her uncle every Saturday.", "political_opinion"),
    ("Ellie Brown was at the Just Stop Oil protest on Saturday.", "political_opinion"),
    ("Mum (Sarah Jones) took part in a march through the town centre.", "political_opinion"),
    # an ideology or movement said of someone
    ("Jayden Smith says he is a republican who wants the monarchy abolished.", "political_opinion"),
    ("Jayden Smith told friends he supports the Taliban.", "political_opinion"),
    ("The mother says Tom Price was a member of Hamas.", "political_opinion"),
    ("Jayden Smith has been handing out leaflets for an Islamist group.", "political_opinion"),
    # religion or belief: a deed with a faith, having none, faith-based abuse
    ("Amir Khan had to leave Iran after converting from Islam to Christianity.", "religion"),
    ("Sarah Jones says she has left Islam.", "religion"),
    ("Sarah Jones has no religion and the family do not celebrate festivals.", "religion"),
    ("Jayden Smith is keeping Lent and has given up sweets.", "religion"),
    ("Tom Price is a member of a strict religious community.", "religion"),
    ("Ellie Brown said her auntie says she is a witch.", "religion"),
    ("Ellie Brown said her mother says she is possessed and has to be prayed over.", "religion"),
    ("The family are devout Muslims, Ellie Brown told me.", "religion"),
    # health, sexual orientation, gender, safeguarding
    ("Sarah Jones went into labour at 36 weeks.", "health"),
    ("Sarah Jones has an advance decision refusing blood products.", "health"),
    ("Ling Chen has a new partner, a woman she met at work.", "sexual_orientation"),
    ("Ling Chen said she never thought she would be with a woman.", "sexual_orientation"),
    ("Jayden Smith said he was born in the wrong body.", "gender"),
    ("Record of concern\nChild: Jayden Smith\nJayden arrived upset.", "safeguarding"),
    # family words link a term; abbreviations and a party "man"
    ("Grandma is very devout and goes to church every day.", "religion"),
    ("Name: Jayden Smith\nRelig: RC", "religion"),
    ("Mum is C of E and goes to St Peter's.", "religion"),
    ("Grandad is a lifelong trade unionist and Labour man.", "political_opinion"),
    ("Callum's father is standing as an independent candidate.", "political_opinion"),
    ("The father was detained in Iran for his political activities.", "political_opinion"),
    ("The father is a former member of the Kurdistan Workers' Party.", "political_opinion"),
    ("Mum attended the Reclaim the Streets vigil and was filmed by police.", "political_opinion"),
]


@pytest.mark.parametrize(("text", "category"), SAID)
def test_said_of_a_person(text, category):
    assert category in _cats(text)


NOT_SAID = [
    # a mock election, a party in an invoice or a lesson
    (
        "Year 9 will hold their own mock election, with pupils representing Labour, the "
        "Conservatives and the Greens.",
        "political_opinion",
    ),
    ("To: Sarah Jones\nLabour charge for boiler repair (2 hours) ... £90.00", "political_opinion"),
    (
        "Jayden Smith gave an excellent answer in Politics about how the Conservative Party "
        "chooses its leader.",
        "political_opinion",
    ),
    ("Jayden Smith watched the cooking demonstration at the fair.", "political_opinion"),
    ("Jayden Smith did a demonstration of the new software.", "political_opinion"),
    # an incel forum is a safeguarding concern, not a political opinion (the dev family's label)
    ("Jayden Smith spends hours on incel forums.", "political_opinion"),
    ("Jayden Smith wrote about the rise of the Nazis in his history essay.", "political_opinion"),
    # a faith's followers as a group, a venue, a visit
    (
        "Jayden Smith has been drawing swastikas and says Hitler had the right idea about Jews.",
        "religion",
    ),
    ("Invoice to Sarah Jones: hire of the Methodist church hall for a party.", "religion"),
    ("Ellie Brown loved the RE visit to the mandir and talked about it all week.", "religion"),
    ("Sarah Jones said the loft conversion is finished.", "religion"),
    # labour as work, an assessment, a form answer declined, a union offer
    ("Sarah Jones is worried about the labour market since the factory shut.", "health"),
    ("Age and needs assessment\nName: Amir Khan\nAmir travelled through Italy.", "health"),
    ("Name: Jayden Smith\nEthnicity: Declined to say", "ethnicity"),
    ("Jayden Smith's school has a Christian ethos.", "religion"),
    ("Jayden Smith led the school's campaign against bullying.", "political_opinion"),
    ("Ms Kaur works at the gurdwara's food bank as a paid cook.", "religion"),
    ("Jayden Smith's mum is a member of the Parent Teacher League.", "political_opinion"),
    ("Jayden Smith is a member of the Scout Movement.", "political_opinion"),
    (
        "Dear Sarah Jones, you may be accompanied at any meeting by a trade union representative.",
        "trade_union",
    ),
]


@pytest.mark.parametrize(("text", "category"), NOT_SAID)
def test_not_said_of_a_person(text, category):
    assert category not in _cats(text)
