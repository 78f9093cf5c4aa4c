"""HTML mail bodies to plain text, with the standard library only (no network, no lxml)."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

_BLOCK = {
    "p",
    "div",
    "br",
    "tr",
    "li",
    "ul",
    "ol",
    "table",
    "blockquote",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "pre",
    "section",
    "article",
    "header",
    "footer",
}
_SKIP = {"script", "style", "head", "title", "template"}


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
        elif tag in _BLOCK:
            self.out.append("\n")
        elif tag == "td":
            self.out.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.out.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag in _BLOCK:
            self.out.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.out.append(data)


# The fast path: HTML written in a plain subset (text; start and end tags with well-formed
# attributes; comments; a doctype; whole script and style elements) is read by one regular
# expression, token by token, with the same events the standard parser would give and the same
# handling as _TextParser. Anything outside the subset (a stray '<', an unclosed comment or
# script, '<![if ...]>', '<?xml ...>', attributes run together, odd whitespace in a tag) makes it
# give up and the standard parser reads the whole text instead. Whitespace inside tags is
# ASCII only, and attribute values are kept free of '<' and '>', so that html.parser's own
# patterns find the same tag ends and names.
_WS = "[ \t\n\r\f]"
_ATTR = (
    rf"{_WS}+[a-zA-Z_:][-a-zA-Z0-9_:.]*"
    rf"""(?:{_WS}*={_WS}*(?:"[^"<>]*"|'[^'<>]*'|[^\s"'=<>`]+))?"""
)
_TOKEN = re.compile(
    r"([^<]+)"  # 1 text
    r"|(<!--.*?--\s*>|<![dD][oO][cC][tT][yY][pP][eE][^>]*>)"  # 2 comment or doctype
    rf"|(<[sS][cC][rR][iI][pP][tT](?:{_ATTR})*{_WS}*>.*?</\s*(?i:script)\s*>"
    rf"|<[sS][tT][yY][lL][eE](?:{_ATTR})*{_WS}*>.*?</\s*(?i:style)\s*>)"  # 3 whole element
    rf"|<([a-zA-Z][a-zA-Z0-9:]*)(?:{_ATTR})*{_WS}*(/?)>"  # 4 start tag, 5 its '/'
    rf"|</([a-zA-Z][-.a-zA-Z0-9:_]*){_WS}*>"  # 6 end tag
    r"|(<)",  # 7 anything else: not in the subset
    re.S,
)
_CDATA = frozenset({"script", "style"})
# A '<' that starts no tag, comment or declaration: outside the subset, found in C before the
# token scan is spent (broken markup such as "a < b" goes straight to the standard parser).
_STRAY_LT = re.compile(r"<(?![a-zA-Z/!])")


def _fast_pieces(html: str) -> list[str] | None:
    """_TextParser's `out` for HTML in the simple subset, else None."""
    if _STRAY_LT.search(html):
        return None
    out: list[str] = []
    append = out.append
    skip = 0
    for text, _other, _whole, start, slash, end, bad in _TOKEN.findall(html):
        if text:
            if not skip:
                append(unescape(text) if "&" in text else text)
        elif start:
            tag = start.lower()
            if slash:  # <tag/>: handle_startendtag
                if tag in _BLOCK:
                    append("\n")
            elif tag in _CDATA:  # a script or style left open: the standard parser decides
                return None
            elif tag in _SKIP:
                skip += 1
            elif tag in _BLOCK:
                append("\n")
            elif tag == "td":
                append(" ")
        elif end:
            tag = end.lower()
            if tag in _SKIP:
                skip = max(0, skip - 1)
            elif tag in _BLOCK:
                append("\n")
        elif bad:
            return None
        # Comments, the doctype and whole script or style elements add nothing and leave
        # `skip` as it was (a script's start adds one, its end takes it away).
    return out


def _slow_pieces(html: str) -> list[str]:
    parser = _TextParser()
    try:
        parser.feed(html)
        parser.close()
    except (AssertionError, ValueError):
        # html.parser gives up on some broken markup; keep what was read so far.
        pass
    return parser.out


def html_to_text(html: str, *, fast: bool = True) -> str:
    """Visible text of an HTML fragment: blocks become lines, runs of blank lines collapse.

    `fast=False` always uses the standard parser (the reference the fast path is tested on).
    """
    pieces = _fast_pieces(html) if fast else None
    if pieces is None:
        pieces = _slow_pieces(html)
    text = "".join(pieces).replace("\xa0", " ")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip()
