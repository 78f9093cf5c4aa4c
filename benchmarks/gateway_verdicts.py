"""Every check result of a fixed set of messages, one JSON line each, to compare two trees.

    PYTHONHASHSEED=0 .venv/bin/python -m benchmarks.gateway_verdicts --out /tmp/new.jsonl
    PYTHONHASHSEED=0 PYTHONPATH=/tmp/old/src .venv/bin/python -m benchmarks.gateway_verdicts \
        --out /tmp/old.jsonl
    cmp /tmp/old.jsonl /tmp/new.jsonl

The messages: `gateway_throughput`'s 20 KB text messages (300, seed 7) and PDF messages (6),
each as the gateway sends it (to the secure partner) and again to a public webmail address; the
same text bodies with an HTML alternative (the same words, and with a sentence only the HTML
has); the trail fixtures of tests/core/email/fixtures. Each is checked as the gateway checks it
(`offer_rewrites=False`) and as the pre-send page does (`offer_rewrites=True`); a line holds the
whole `as_dict()` of the result (verdict, findings with their evidence, classification,
categories, service users, the rewrites, the summary).
"""

from __future__ import annotations

import argparse
import html
import json
import re
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from benchmarks.gateway_throughput import POLICY, make_messages
from safehaven.core.email import InMemoryDirectory, check_message, mime, policy_from_dict

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "core" / "email" / "fixtures"


def _with_html(raw: bytes, extra: str) -> bytes:
    """The message with an HTML alternative built from its plain text (plus `extra`)."""
    msg = mime.parse(raw)
    plain = mime.extract(msg).plain or ""
    out = EmailMessage()
    for name in ("From", "To", "Subject"):
        out[name] = msg[name]
    out.set_content(plain.replace("\r\n", "\n"))
    paragraphs = [p for p in re.split(r"\n\s*\n", plain.replace("\r\n", "\n")) if p.strip()]
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    out.add_alternative(f"<html><body>{body}{extra}</body></html>", subtype="html")
    return out.as_bytes(policy=SMTP)


_STYLES = ("outlook", "table", "quote", "accents", "broken")


def _html_body(plain: str, style: str, i: int) -> str:
    """An HTML rendering of `plain` in one of several real-world shapes (see _STYLES)."""
    paragraphs = [p for p in re.split(r"\n\s*\n", plain.replace("\r\n", "\n")) if p.strip()]

    def esc(p: str) -> str:
        return "<br>\n".join(html.escape(line) for line in p.split("\n"))

    if style == "outlook":
        head = (
            '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>'
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
            "<style><!-- p.MsoNormal {margin:0cm; font-size:11.0pt;} a:link {color:#0563C1} "
            "--></style><!--[if gte mso 9]><xml><o:shapedefaults v:ext=edit spidmax=1026 />"
            '</xml><![endif]--></head><body lang=EN-GB link="#0563C1"><div class=WordSection1>'
        )
        body = "".join(
            f"<p class=MsoNormal>{esc(p).replace('  ', '&nbsp; ')}<o:p></o:p></p>\n"
            "<p class=MsoNormal><o:p>&nbsp;</o:p></p>\n"
            for p in paragraphs
        )
        return head + body + "</div></body></html>"
    if style == "table":
        rows = "".join(
            f"<tr><td style='padding:0'>{k}</td><td>{esc(p)}</td></tr>\n"
            for k, p in enumerate(paragraphs)
        )
        return (
            "<!DOCTYPE html><html><head><title>Note</title><script>var a = '<p>x</p>';"
            "</script></head><body><!-- generated --><table border=0>"
            f"{rows}</table><hr/><p>Kind regards<br/>Office</p></body></html>"
        )
    if style == "quote":
        half = max(1, len(paragraphs) // 2)
        top = "".join(f"<div>{esc(p)}</div>" for p in paragraphs[:half])
        quoted = "".join(f"<p>{esc(p)}</p>" for p in paragraphs[half:])
        return (
            f"<html><body>{top}<div><br></div><div>On Mon, 3 Nov 2025 at 09:{i % 60:02d}, "
            "Sarah Jones &lt;sarah.jones@leics.gov.uk&gt; wrote:<br></div>"
            '<blockquote style="margin:0 0 0 .8ex;border-left:1px #ccc solid">'
            f"{quoted}<blockquote type=cite><p>Earlier: thanks &amp; regards</p></blockquote>"
            "</blockquote></body></html>"
        )
    if style == "accents":
        body = "".join(
            f"<p>{esc(p)} &mdash; caf&eacute; Zo&euml; &#8217;s &#x2014; na\u00efve "
            "\u00a0S\u00f8ren&nbsp;&copy; 2025</p>\n"
            for p in paragraphs
        )
        return f"<html><body>{body}</body></html>"
    # broken: stray '<', an entity without ';', unclosed tags and a comment left open.
    body = "".join(f"<p>{esc(p)}<li>a < b &amp c &#39x\n" for p in paragraphs)
    return f"<html><body>{body}<p>end<!-- an open comment </body>"


def _html_message(raw: bytes, style: str, i: int, *, with_plain: bool) -> bytes:
    """The message with an HTML part in `style`, with or without its plain-text part."""
    msg = mime.parse(raw)
    plain = mime.extract(msg).plain or ""
    out = EmailMessage()
    for name in ("From", "To", "Subject"):
        out[name] = msg[name]
    doc = _html_body(plain, style, i)
    if with_plain:
        out.set_content(plain.replace("\r\n", "\n"))
        out.add_alternative(doc, subtype="html")
    else:
        out.set_content(doc, subtype="html")
    return out.as_bytes(policy=SMTP)


def messages() -> list[tuple[str, bytes, str, list[str]]]:
    sender = "officer@ashby.sch.uk"
    partner = ["sarah.jones@leics.gov.uk"]
    webmail = ["sarah.jones@gmail.com"]
    out: list[tuple[str, bytes, str, list[str]]] = []
    texts = make_messages("text", 300)
    for i, raw in enumerate(texts):
        out.append((f"text-{i}", raw, sender, partner))
        out.append((f"text-{i}-webmail", raw, sender, webmail))
    for i, raw in enumerate(texts[:40]):
        out.append((f"html-same-{i}", _with_html(raw, ""), sender, partner))
        extra = "<p>PS: Jane Doe (DOB 01/02/2015) was seen by CAMHS.</p>"
        out.append((f"html-extra-{i}", _with_html(raw, extra), sender, webmail))
    for i, raw in enumerate(texts[40:80]):
        style = _STYLES[i % len(_STYLES)]
        out.append(
            (f"html-{style}-{i}", _html_message(raw, style, i, with_plain=True), sender, partner)
        )
        only = _html_message(raw, style, i, with_plain=False)
        out.append((f"html-only-{style}-{i}", only, sender, webmail))
    for i, raw in enumerate(make_messages("pdf", 6)):
        out.append((f"pdf-{i}", raw, sender, partner))
        out.append((f"pdf-{i}-webmail", raw, sender, webmail))
    for path in sorted(FIXTURES.rglob("*.eml")):
        raw = path.read_bytes()
        name = str(path.relative_to(FIXTURES))
        out.append((name, raw, sender, partner))
        out.append((f"{name}-webmail", raw, sender, webmail))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    policy = policy_from_dict(POLICY)
    with open(args.out, "w", encoding="utf-8") as fh:
        for name, raw, sender, rcpts in messages():
            for rewrites in (False, True):
                result = check_message(
                    raw,
                    policy=policy,
                    directory=InMemoryDirectory(),
                    sender=sender,
                    recipients=rcpts,
                    offer_rewrites=rewrites,
                )
                line = {"message": name, "offer_rewrites": rewrites, **result.as_dict()}
                line["fingerprint"] = result.fingerprint
                fh.write(json.dumps(line, sort_keys=True, default=str) + "\n")


if __name__ == "__main__":
    main()
