"""Recipient addresses: generic (role) mailboxes and lookalike domains."""

from __future__ import annotations

import contextlib
import functools
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources

from rapidfuzz.distance import OSA

from safehaven.core.email.policy import mailbox_key, normalise_domain


def split_address(address: str) -> tuple[str, str]:
    """(local part, domain) of an address; the domain is lower case, IDN turned to punycode."""
    addr = address.strip().strip("<>")
    local, _, domain = addr.rpartition("@")
    if not local:
        return addr, ""
    return local, normalise_domain(domain)


def is_generic_mailbox(local_part: str, names: Iterable[str]) -> bool:
    """True for role accounts: "Info", "info+school", "front.door", "SEN-CO", "the_office"."""
    key = mailbox_key(local_part)
    names = frozenset(names)
    if key in names:
        return True
    # "schooloffice", "mainreception", "admissionsteam": a role word with a short prefix/suffix.
    for suffix in ("team", "desk", "office", "mailbox", "inbox"):
        if key.endswith(suffix) and key[: -len(suffix)] in names:
            return True
    for prefix in ("the", "main", "school", "general", "central"):
        if key.startswith(prefix) and key[len(prefix) :] in names:
            return True
    return False


@functools.cache
def _homoglyphs() -> tuple[tuple[str, str], ...]:
    text = (
        resources.files("safehaven.core.email.data").joinpath("homoglyphs.txt").read_text("utf-8")
    )
    pairs = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#") or "\t" not in line:
            continue
        seen, folded = line.split("\t", 1)
        pairs.append((seen, folded.strip()))
    # Longest first, so "rn" is replaced before single letters.
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


def fold_confusables(domain: str) -> str:
    """A skeleton of the domain in which confusable characters compare equal."""
    d = domain.lower()
    if d.startswith("xn--") or ".xn--" in d:
        with contextlib.suppress(UnicodeError):
            d = d.encode("ascii").decode("idna")
    d = unicodedata.normalize("NFKC", d).lower()
    # Strip accents: "é" -> "e".
    d = "".join(c for c in unicodedata.normalize("NFKD", d) if not unicodedata.combining(c))
    for seen, folded in _homoglyphs():
        d = d.replace(seen, folded)
    return d.replace("-", "")


@dataclass(frozen=True, slots=True)
class Lookalike:
    domain: str
    resembles: str
    how: str  # "homoglyph" | "edit distance N" | "IDN"


def _max_distance(length: int, configured: int) -> int:
    # Edits are Damerau (OSA): a swapped pair of letters counts once.
    # Short domains get fewer edits so that e.g. "kent.gov.uk" and "kant.gov.uk" both stand out
    # but unrelated short names do not collide.
    if length <= 6:
        return min(configured, 0)
    if length <= 12:
        return min(configured, 1)
    return configured


def lookalike_of(domain: str, known: Iterable[str], *, max_distance: int = 2) -> Lookalike | None:
    """The known domain that `domain` imitates, or None when it is itself known or unrelated."""
    d = normalise_domain(domain)
    known_set = {normalise_domain(k) for k in known if k}
    if not d or d in known_set:
        return None
    skeleton = fold_confusables(d)
    best: Lookalike | None = None
    best_dist = 10**6
    for k in sorted(known_set):
        if d.endswith("." + k):
            continue  # a subdomain of a known domain is that organisation
        if fold_confusables(k) == skeleton:
            how = "IDN" if "xn--" in d else "homoglyph"
            return Lookalike(domain=d, resembles=k, how=how)
        limit = _max_distance(len(k), max_distance)
        if limit == 0:
            continue
        dist = OSA.distance(d, k, score_cutoff=limit)
        if dist <= limit and dist < best_dist:
            best, best_dist = Lookalike(domain=d, resembles=k, how=f"edit distance {dist}"), dist
        skel_dist = OSA.distance(skeleton, fold_confusables(k), score_cutoff=limit)
        if skel_dist <= limit and skel_dist < best_dist:
            best = Lookalike(domain=d, resembles=k, how=f"edit distance {skel_dist} (confusables)")
            best_dist = skel_dist
    return best
