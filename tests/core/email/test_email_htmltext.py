"""The fast HTML-to-text path and the "does the HTML say more" shortcut against the plain ones.

The fast path (`htmltext._fast_pieces`) must give exactly the standard parser's pieces when it
answers, and the shortcut in `checks.html_says_more` exactly the word-set comparison.
"""

from __future__ import annotations

import re
from email import message_from_bytes, policy
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from safehaven.core.email import htmltext
from safehaven.core.email.checks import _WORDS, html_says_more
from safehaven.core.email.htmltext import html_to_text

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FIXTURES = Path(__file__).parent / "fixtures"

_TEXT = st.lists(
    st.sampled_from(
        list("abc XYZ\n\t.,;'\"-=/&#")
        + ["&amp;", "&lt;", "&gt;", "&nbsp;", "&eacute;", "&#8217;", "&#x2014;", "&amp", "&#39"]
        + ["\xa0", "é", "Zoë", "Σ", "ς", "—", "\u2028", "\x0b", "café", "İ"]
    ),
    max_size=30,
).map("".join)
_NAMES = ["p", "P", "br", "BR", "div", "td", "tr", "table", "li", "b", "span", "o:p", "a"]
_NAMES += ["blockquote", "head", "title", "template", "script", "style", "STYLE", "h1", "x-y"]
_ATTRS = [
    "",
    " class=MsoNormal",
    ' style="margin:0"',
    " style='a:b'",
    " href=foo/",
    ' lang=EN-GB link="#0563C1"',
    ' a="x>y"',
    ' a="1"b="2"',
    " disabled",
    "\x0bclass=x",
    " x=\xa0y",
    " a = 'q' ",
    " ",
]
_OTHER = [
    "<!-- c -->",
    "<!--[if gte mso 9]><xml><o:p/></xml><![endif]-->",
    "<!-->",
    "<!-- open",
    "<!DOCTYPE html>",
    "<!doctype html PUBLIC>",
    "<![if !supportLists]>",
    "<![endif]>",
    "<?xml version='1.0'?>",
    " < ",
    "<",
    "</>",
    "</ p>",
    "<3",
    "<script>var a = '<p>x</p>';</script>",
    "<style><!-- p {m:0} --></style >",
    "<SCRIPT type=text/javascript>if (a<b) {}</script>",
    "</p\x0b>",
]


@st.composite
def _tags(draw: st.DrawFn) -> str:
    name = draw(st.sampled_from(_NAMES))
    kind = draw(st.sampled_from(["start", "end", "self"]))
    if kind == "end":
        return f"</{name}{draw(st.sampled_from(['', ' ', chr(10)]))}>"
    attrs = "".join(draw(st.lists(st.sampled_from(_ATTRS), max_size=3)))
    return f"<{name}{attrs}{'/' if kind == 'self' else ''}>"


_HTML = st.lists(st.one_of(_TEXT, _tags(), st.sampled_from(_OTHER)), max_size=40).map("".join)


def _assert_same(html: str) -> None:
    fast = htmltext._fast_pieces(html)  # noqa: SLF001
    if fast is not None:
        assert fast == htmltext._slow_pieces(html)  # noqa: SLF001
    assert html_to_text(html) == html_to_text(html, fast=False)


@SETTINGS
@given(_HTML)
def test_fast_html_to_text_equals_the_standard_parser_on_generated_html(html: str) -> None:
    _assert_same(html)


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("<>/!-&;=\"' apbrs:\n")), max_size=60))
def test_fast_html_to_text_equals_the_standard_parser_on_markup_noise(html: str) -> None:
    _assert_same(html)


def _html_parts() -> list[str]:
    out = []
    for path in sorted(FIXTURES.rglob("*.eml")):
        msg = message_from_bytes(path.read_bytes(), policy=policy.default)
        for part in msg.walk():
            if part.get_content_type() == "text/html":
                out.append(part.get_content())
    return out


def test_fast_html_to_text_equals_the_standard_parser_on_the_fixtures() -> None:
    parts = _html_parts()
    assert parts
    for html in parts:
        _assert_same(html)


OUTLOOK = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
    '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
    "<style><!-- p.MsoNormal {margin:0cm;} --></style><!--[if gte mso 9]><xml>"
    "<o:shapedefaults v:ext=edit spidmax=1026 /></xml><![endif]--></head>"
    '<body lang=EN-GB link="#0563C1"><div class=WordSection1><p class=MsoNormal>Dear Sarah,'
    "<o:p></o:p></p><p class=MsoNormal>Zo&euml; Smith&#8217;s plan &amp; the caf&eacute;"
    "&nbsp;meeting<br>at 10:00<o:p></o:p></p><table><tr><td>A</td><td>B</td></tr></table>"
    "<blockquote><div>On Mon, Sarah &lt;s@x.uk&gt; wrote:</div></blockquote></div></body></html>"
)


def test_the_fast_path_reads_outlook_style_html_and_gives_the_same_text() -> None:
    assert htmltext._fast_pieces(OUTLOOK) is not None  # noqa: SLF001
    _assert_same(OUTLOOK)
    assert "Zoë Smith’s plan & the café meeting" in html_to_text(OUTLOOK)
    assert "MsoNormal" not in html_to_text(OUTLOOK)


def test_the_fast_path_declines_markup_outside_its_subset() -> None:
    for html in [
        "<p>a < b</p>",
        "<p>x<!-- open",
        "<![if !supportLists]>1.<![endif]>",
        "<?xml version='1.0'?><p>x</p>",
        '<p a="1"b="2">x</p>',
        "<style>p {}",
        "<p\x0bclass=x>y</p>",
    ]:
        assert htmltext._fast_pieces(html) is None, html  # noqa: SLF001
        _assert_same(html)


def _says_more_reference(alt: str, plain: str) -> bool:
    return bool(set(_WORDS.findall(alt.lower())) - set(_WORDS.findall(plain.lower())))


_WORDY = st.lists(
    st.sampled_from(
        ["a", "b", "Ab", "ΣΑΣ", "Σ", "ς", "İ", "ß", "_", "'", ".", " ", "\n", "\xa0", "\u2028"]
        + ["\x1c", "\u200b", "\u180e", "é", "E\u0301", "1", "ǅ"]
    ),
    max_size=40,
).map("".join)


@settings(max_examples=1000, deadline=None)
@given(_WORDY, _WORDY)
def test_html_says_more_equals_the_word_set_comparison(alt: str, plain: str) -> None:
    assert html_says_more(alt, plain) == _says_more_reference(alt, plain)
    assert html_says_more(plain + " " + alt, alt + "\n" + plain) is False


def test_html_says_more_on_a_sentence_only_the_html_has() -> None:
    plain = "Dear Sarah,\n\nThe meeting is at 10."
    assert not html_says_more("Dear Sarah,\nThe meeting is at 10.", plain)
    assert not html_says_more("dear SARAH the meeting", plain)
    assert html_says_more("Dear Sarah, The meeting is at 10. PS: Jane Doe", plain)
    assert not html_says_more("Sarah,", re.sub("Sarah", "Sarah!", plain))
