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


@dataclass(frozen=True, slots=True)
class _KnownDomains:
    """A set of known domains as `lookalike_of` reads it, made once per distinct set."""

    names: frozenset[str]  # normalised
    skeletons: tuple[tuple[str, str], ...]  # (name, its confusables skeleton), sorted by name
    answers: dict[tuple[str, int], Lookalike | None]  # (normalised domain, max distance)


_MAX_ANSWERS = 4096


@functools.lru_cache(maxsize=8)
def _known_domains(known: frozenset[str]) -> _KnownDomains:
    names = frozenset(normalise_domain(k) for k in known if k)
    return _KnownDomains(names, tuple((k, fold_confusables(k)) for k in sorted(names)), {})


def lookalike_of(domain: str, known: Iterable[str], *, max_distance: int = 2) -> Lookalike | None:
    """The known domain that `domain` imitates, or None when it is itself known or unrelated.

    The known domains' normal forms and skeletons are made once per distinct set, and each
    answer is kept with them (the set is the key: a changed set is a new one): with a directory
    of ~2,000 known domains, a recipient at an unknown domain cost ~40 ms a message, mostly
    folding every known domain's confusables again."""
    d = normalise_domain(domain)
    index = _known_domains(known if isinstance(known, frozenset) else frozenset(known))
    if not d or d in index.names:
        return None
    key = (d, max_distance)
    if key in index.answers:
        return index.answers[key]
    best = _lookalike(d, index.skeletons, max_distance)
    if len(index.answers) >= _MAX_ANSWERS:
        index.answers.clear()
    index.answers[key] = best
    return best


def _lookalike(d: str, known: tuple[tuple[str, str], ...], max_distance: int) -> Lookalike | None:
    skeleton = fold_confusables(d)
    best: Lookalike | None = None
    best_dist = 10**6
    for k, k_skeleton in known:
        if d.endswith("." + k):
            continue  # a subdomain of a known domain is that organisation
        if k_skeleton == skeleton:
            how = "IDN" if "xn--" in d else "homoglyph"
            return Lookalike(domain=d, resembles=k, how=how)
        limit = _max_distance(len(k), max_distance)
        if limit == 0:
            continue
        dist = OSA.distance(d, k, score_cutoff=limit)
        if dist <= limit and dist < best_dist:
            best, best_dist = Lookalike(domain=d, resembles=k, how=f"edit distance {dist}"), dist
        skel_dist = OSA.distance(skeleton, k_skeleton, score_cutoff=limit)
        if skel_dist <= limit and skel_dist < best_dist:
            best = Lookalike(domain=d, resembles=k, how=f"edit distance {skel_dist} (confusables)")
            best_dist = skel_dist
    return best
