"""A one-way sketch of a draft's text: how a message the gateway holds is recognised as the draft
stopped at the pre-send check when its sender changed it a little in between (a signature
added, a typo fixed, a paragraph removed).

The exact link (`content_fingerprint`) fails on any edit. The sketch keeps, without the text:

- `words`: each word of the subject and of the body's own part (the quoted trail of earlier
  messages and a trailing signature cut off, whitespace and case aside) as a 16-bit keyed hash,
  in order. Two sketches are compared as sequences (`rapidfuzz`'s Indel distance, the longest
  common subsequence): an edit changes a few, another message most.
- `names`: the keyed hashes of the body's capitalised words (names, places: what tells one
  child's case from another's in the same template) and of the service users the check named;
  `subject_names` those of the subject. Two drafts are the same only if, in the body and in the
  subject, one's names include the other's: a paragraph removed or a signature added keeps
  that; another child's name in the same words does not.

A 16-bit hash keyed with the installation's secret cannot be read back into words (many words
share each value and the key is not stored with them); the sketch is as sensitive as the
content fingerprint already stored next to it. No Django here: the caller gives the key.
"""

from __future__ import annotations

import hashlib
import re
import sys
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz.distance import Indel

VERSION = "s1"
MAX_WORDS = 1000  # a long message's start (~6 KB) is enough to tell drafts apart
# Linked only when the longest common run of words covers this much of the shorter text...
MIN_CONTAINED = 0.85
# ...and this much of both together (a three-paragraph draft less one paragraph is 0.8).
MIN_SIMILAR = 0.6
MIN_WORDS = 3  # fewer words say too little to link anything but the exact same text

_WORD = re.compile(r"[^\W_]+")
_SIGN_OFF = re.compile(
    r"^\s*(?:--\s*|_{3,}\s*|(?:kind|best|warm|warmest|many)\s+(?:regards|wishes|thanks)|"
    r"regards|thanks|thank you|many thanks|best|cheers|yours sincerely|yours faithfully|"
    r"yours truly|with (?:best|kind) (?:regards|wishes)|sent from my \w+.*)[,.!]?\s*$",
    re.IGNORECASE,
)
SIGNATURE_LINES = 12  # a sign-off is looked for only among the last lines of the text
# Capitalised words that are no one's name: sentence openings, titles, days and months.
_NOT_NAMES = frozenset(
    """a about after all also an and any as at be but by can could dear do does for from good
    had has have he her hi his how i if in is it its let many may me morning afternoon evening
    my no not of on or our please she so thank thanks that the their then there these they this
    those to today tomorrow unfortunately we well what when where which who why will with would
    yes yesterday you your mr mrs ms miss mx dr prof re fw fwd monday tuesday wednesday thursday
    friday saturday sunday january february march april may june july august september october
    november december kind regards best wishes""".split()  # noqa: SIM905 - a word list
)


def strip_signature(body: str) -> str:
    """`body` without a trailing signature: from the last sign-off line ("Kind regards",
    "Thanks", "-- ") among its last SIGNATURE_LINES non-blank lines, when one is there."""
    lines = body.rstrip().splitlines()
    seen = 0
    for i in range(len(lines) - 1, -1, -1):
        if not lines[i].strip():
            continue
        seen += 1
        if seen > SIGNATURE_LINES:
            break
        if i and _SIGN_OFF.match(lines[i]):
            return "\n".join(lines[:i])
    return body


def _pack(values: Iterable[int]) -> str:
    """16-bit values as hex, little-endian, four digits each."""
    packed = array("H", values)
    if sys.byteorder == "big":
        packed.byteswap()
    return packed.tobytes().hex()


def _unpack(text: str) -> array:
    packed = array("H", bytes.fromhex(text))
    if sys.byteorder == "big":
        packed.byteswap()
    return packed


def _as_text(values: Iterable[int]) -> str:
    """One character per 16-bit value (outside the surrogates), for rapidfuzz's string path."""
    return array("I", (0x10000 + v for v in values)).tobytes().decode("utf-32-le")


@dataclass(frozen=True, slots=True)
class Sketch:
    words: str  # one character per word (0x10000 + its 16-bit hash), for rapidfuzz
    names: frozenset[int]  # of the body, and the service users the check named
    subject_names: frozenset[int] = frozenset()

    def dumps(self) -> str:
        words = _pack(ord(c) - 0x10000 for c in self.words)
        names, subject_names = _pack(sorted(self.names)), _pack(sorted(self.subject_names))
        return f"{VERSION}:{words}:{names}:{subject_names}"

    @classmethod
    def loads(cls, text: str) -> Sketch | None:
        parts = (text or "").split(":")
        if len(parts) != 4 or parts[0] != VERSION:  # noqa: PLR2004 - the format's four parts
            return None
        try:
            words, names, subject_names = (_unpack(p) for p in parts[1:])
        except ValueError:  # not hex, or an odd length
            return None
        return cls(
            words=_as_text(words), names=frozenset(names), subject_names=frozenset(subject_names)
        )


def _hasher(key: bytes):  # noqa: ANN202 - a blake2b object
    """The keyed hash of the words: each word's hash is a copy of this one, updated (cheaper
    than keying a new one: ~1.8 vs ~2.4 microseconds a word)."""
    return hashlib.blake2b(key=key[:64], digest_size=2)


def _h(base, token: str) -> int:  # noqa: ANN001
    h = base.copy()
    h.update(token.encode("utf-8", "surrogatepass"))
    return int.from_bytes(h.digest(), "big")


def sketch(
    *, subject: str, body: str, key: bytes, service_user_ids: Iterable[object] = ()
) -> Sketch:
    """The sketch of a draft: `body` is its own text (the caller has cut off a quoted trail);
    a trailing signature is cut here. The first MAX_WORDS words."""
    base = _hasher(key)
    subject_tokens = _WORD.findall(subject or "")[:MAX_WORDS]
    # Words are rarely over 30 characters: the regular expression reads only the start.
    own = strip_signature(body or "")[: MAX_WORDS * 30]
    body_tokens = _WORD.findall(own)[: MAX_WORDS - len(subject_tokens)]
    lowered = [t.lower() for t in subject_tokens + body_tokens]
    hashes = {w: _h(base, w) for w in set(lowered)}

    def names(tokens: list[str]) -> frozenset[int]:
        return frozenset(
            hashes[t.lower()]
            for t in tokens
            if t[0].isupper() and len(t) > 1 and t.lower() not in _NOT_NAMES
        )

    body_names = names(body_tokens) | {_h(base, f"service-user:{i}") for i in service_user_ids}
    return Sketch(
        words=_as_text(hashes[w] for w in lowered),
        names=body_names,
        subject_names=names(subject_tokens),
    )


def same_draft(a: Sketch, b: Sketch) -> bool:
    """Whether two sketches are of one draft, changed a little: one's names include the
    other's, and most of their words are the same, in the same order."""
    for x, y in ((a.names, b.names), (a.subject_names, b.subject_names)):
        if not (x <= y or y <= x):  # a name swapped for another, in the body or the subject
            return False
    shorter, longer = sorted((len(a.words), len(b.words)))
    if shorter < MIN_WORDS:
        return a.words == b.words and bool(a.words)
    distance = Indel.distance(a.words, b.words)
    common = (shorter + longer - distance) / 2  # the longest common subsequence
    return common / shorter >= MIN_CONTAINED and 2 * common / (shorter + longer) >= MIN_SIMILAR


def own_text_of_raw(raw: bytes) -> tuple[str, str]:
    """(subject, the body's own text without the quoted trail) of a raw message, as the
    check reads it; ("", "") if it cannot be read."""
    from safehaven.core.email import mime
    from safehaven.core.email.trails import html_parts_text

    try:
        msg = mime.parse(raw)
        ex = mime.extract(msg)
        subject = str(msg.get("Subject", "") or "")
        if ex.plain is not None:
            return subject, own_text(ex.plain)
        if ex.html is not None:
            from safehaven.core.email.trails import find_trail_html

            top, _ = html_parts_text(ex.html, find_trail_html(ex.html))
            return subject, top
    except Exception:  # noqa: BLE001 - a message the parser cannot read has no sketch
        return "", ""
    return subject, ""


def own_text(body: str) -> str:
    """`body` without a quoted trail of earlier messages."""
    from safehaven.core.email.trails import find_trail_text

    trail = find_trail_text(body)
    return body[: trail.start] if trail else body
