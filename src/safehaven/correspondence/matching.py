"""Matching an item of incoming post to a child on the records (POST-1).

What was read off the item (UPN, NHS number, reference, the child's name, date of birth and
postcode) is checked against the service users the person logging it may see:

- **deterministic**: a valid UPN or NHS number, or a reference, matches exactly one child, and
  nothing else read off the item contradicts it;
- otherwise **ranked candidates**: every child found by an identifier, by date of birth (also
  with day and month swapped), by the current postcode or by name is scored on each piece of
  evidence (name similarity by rapidfuzz, date of birth, postcode, identifiers), with the
  evidence kept so a person can see why. **Confident** only when the best candidate agrees on
  the name and on the date of birth or postcode, and leads the next by a clear margin.

Reads only; at most six queries, each on an index (see migration 0005 and benchmarks/
post_matching.py for the figures at 1,000,000 service users).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field

from django.db.models import QuerySet
from rapidfuzz import fuzz, process

from safehaven.core.identifiers import (
    InvalidIdentifier,
    is_valid_nhs,
    is_valid_upn,
    normalise_nhs,
    normalise_postcode,
    normalise_upn,
)
from safehaven.records.models import Address, ServiceUser

# Points per piece of evidence; a candidate's score is its points out of what the item offered.
NAME_POINTS = 50.0
DOB_POINTS = 30.0
DOB_SWAPPED_POINTS = 22.0
POSTCODE_POINTS = 20.0
POSTCODE_EARLIER_POINTS = 10.0
POSTCODE_DISTRICT_POINTS = 4.0
IDENTIFIER_CONFLICT_POINTS = -40.0

NAME_MIN = 60.0  # below this the name is treated as different
NAME_CLOSE = 85.0  # a confident match needs at least this
CONFIDENT_SCORE = 75.0
CONFIDENT_MARGIN = 15.0
NAME_CANDIDATE_LIMIT = 2000
NAME_NARROW_LIMIT = 1000
DOB_CANDIDATE_LIMIT = 2000
POSTCODE_CANDIDATE_LIMIT = 500
KEEP = 5


@dataclass(frozen=True)
class ReadDetails:
    """What was read off the item, as read."""

    upn: str = ""
    nhs_number: str = ""
    reference: str = ""
    child_name: str = ""
    date_of_birth: dt.date | None = None
    postcode: str = ""


@dataclass(frozen=True)
class Evidence:
    field: str  # upn, nhs_number, reference, name, date_of_birth, postcode
    outcome: str  # match, close, swapped, earlier, district, differs, conflict
    points: float
    text: str


@dataclass(frozen=True)
class Candidate:
    service_user_id: int
    score: float  # 0 to 100
    evidence: tuple[Evidence, ...]
    deterministic: bool = False

    def as_json(self) -> dict:
        return {
            "service_user": self.service_user_id,
            "score": round(self.score, 1),
            "deterministic": self.deterministic,
            "evidence": [asdict(e) for e in self.evidence],
        }


@dataclass(frozen=True)
class MatchResult:
    outcome: str  # deterministic, confident, ambiguous, none, not_tried
    candidates: tuple[Candidate, ...]
    reason: str
    notes: tuple[str, ...] = field(default=())  # what was read but could not be used

    @property
    def best(self) -> Candidate | None:
        return self.candidates[0] if self.candidates else None


def fold(text: str) -> str:
    """Lower case, punctuation and hyphens to spaces, single spaces."""
    return " ".join(re.sub(r"[^\w' -]", " ", (text or "").casefold()).replace("-", " ").split())


def name_similarity(read: str, given: str, family: str, preferred: str = "") -> float:
    """0-100: how well the name read off the item matches the record's, order and typos
    tolerated; a single word may be the family or given name alone."""
    query = fold(read)
    if not query:
        return 0.0
    best = 0.0
    for g in {given, preferred} - {""}:
        full = fold(f"{g} {family}")
        best = max(best, fuzz.WRatio(query, full), fuzz.token_sort_ratio(query, full))
    if " " not in query:
        best = max(best, fuzz.ratio(query, fold(family)), fuzz.ratio(query, fold(given)))
    return float(best)


def name_similarities(read: str, rows) -> dict[int, float]:
    """`name_similarity` for many records at once (rows of pk, given, family, preferred, ...),
    computed in rapidfuzz's C loops rather than one Python call per pair."""
    query = fold(read)
    rows = list(rows)
    if not query or not rows:
        return {}
    full = [fold(f"{r[1]} {r[2]}") for r in rows]
    best = process.cdist([query], full, scorer=fuzz.WRatio, workers=1)[0]
    sort = process.cdist([query], full, scorer=fuzz.token_sort_ratio, workers=1)[0]
    out = {r[0]: float(max(a, b)) for r, a, b in zip(rows, best, sort, strict=True)}
    if " " not in query:
        fam = process.cdist([query], [fold(r[2]) for r in rows], scorer=fuzz.ratio, workers=1)[0]
        giv = process.cdist([query], [fold(r[1]) for r in rows], scorer=fuzz.ratio, workers=1)[0]
        for r, a, b in zip(rows, fam, giv, strict=True):
            out[r[0]] = max(out[r[0]], float(a), float(b))
    for r in rows:
        if r[3]:  # a preferred name: rare, scored one by one
            out[r[0]] = max(out[r[0]], name_similarity(read, r[3], r[2]))
    return out


def dob_variants(dob: dt.date) -> list[dt.date]:
    """The date and, when it is a real date, the same date with day and month swapped."""
    out = [dob]
    if dob.day <= 12 and dob.day != dob.month:
        out.append(dob.replace(month=dob.day, day=dob.month))
    return out


def _identifiers(read: ReadDetails) -> tuple[dict[str, str], list[str]]:
    """The identifiers that are valid, normalised; notes for the ones that are not."""
    found: dict[str, str] = {}
    notes: list[str] = []
    if read.upn.strip():
        compact = read.upn.replace(" ", "").replace("-", "").upper()
        if is_valid_upn(compact):
            found["upn"] = normalise_upn(compact)
        else:
            notes.append("The UPN as read is not a valid UPN (check letter or length): not used.")
    if read.nhs_number.strip():
        if is_valid_nhs(read.nhs_number):
            found["nhs_number"] = normalise_nhs(read.nhs_number)
        else:
            notes.append("The NHS number as read fails its check digit: not used.")
    if read.reference.strip():
        found["reference"] = read.reference.strip()
    return found, notes


def _postcode(read: ReadDetails) -> tuple[str, list[str]]:
    if not read.postcode.strip():
        return "", []
    try:
        return normalise_postcode(read.postcode), []
    except (InvalidIdentifier, ValueError):
        return "", ["The postcode as read is not a valid UK postcode: not used."]


def _name_prefilter(tokens: list[str], *, narrow: bool = False):
    """Name candidates on the indexed lower-case keys: first and last words as given + family
    name (either order), allowing a typo from the second letter of one of them; one word:
    the family or given name starting with its first letters."""
    from django.db.models import Q

    if len(tokens) == 1:
        t = tokens[0]
        p = t[:3] if len(t) >= 4 else t[:2]
        return Q(family_key__startswith=p) | Q(given_key__startswith=p)
    first, last = tokens[0], tokens[-1]
    q = Q()
    if narrow:
        for given, family in ((first, last), (last, first)):
            q |= Q(given_key__startswith=given[:2], family_key__startswith=family[:2])
        return q
    for given, family in ((first, last), (last, first)):
        q |= Q(given_key__startswith=given[:1], family_key__startswith=family[:2])
        q |= Q(given_key__startswith=given[:2], family_key__startswith=family[:1])
    return q


_FIELDS = ("pk", "given_name", "family_name", "preferred_name", "date_of_birth", "upn",
           "nhs_number", "reference")  # fmt: skip


def match_post(*, read: ReadDetails, within: QuerySet[ServiceUser]) -> MatchResult:
    """Matches what was read off an item against the service users in `within`."""
    ids, notes = _identifiers(read)
    postcode, pc_notes = _postcode(read)
    notes += pc_notes
    tokens = [t for t in fold(read.child_name).split() if t]
    if not (ids or postcode or tokens or read.date_of_birth):
        return MatchResult(
            "not_tried", (), "Nothing was read off the item to match on.", tuple(notes)
        )

    rows: dict[int, tuple] = {}
    by_identifier: dict[str, set[int]] = {}
    for kind, value in ids.items():
        if kind == "reference":
            found = within.filter(reference__in={value, value.upper()})
        else:
            found = within.filter(**{kind: value})
        got = list(found.values_list(*_FIELDS)[:5])
        by_identifier[kind] = {r[0] for r in got}
        rows.update((r[0], r) for r in got)
    identified = {pk for found in by_identifier.values() for pk in found}
    postcode_ids: set[int] = set()
    if len(identified) != 1:
        # No single child identified: search by the other details too.
        if read.date_of_birth is not None:
            qs = within.filter(date_of_birth__in=dob_variants(read.date_of_birth))
            rows.update((r[0], r) for r in qs.values_list(*_FIELDS)[:DOB_CANDIDATE_LIMIT])
        if postcode:
            postcode_ids = set(
                Address.objects.filter(
                    postcode=postcode, valid_to__isnull=True, service_user__in=within
                ).values_list("service_user_id", flat=True)[:POSTCODE_CANDIDATE_LIMIT]
            )
            missing = postcode_ids - rows.keys()
            if missing:
                rows.update((r[0], r) for r in within.filter(pk__in=missing).values_list(*_FIELDS))
        names_found = bool(tokens) and any(
            v >= NAME_CLOSE for v in name_similarities(read.child_name, rows.values()).values()
        )
        if tokens and not names_found:
            # By name, also when the date of birth or postcode found nobody with that name (it
            # may be misread): first the first two letters of both names; a typo in the second
            # letter only when that finds (almost) nobody and nothing else was read.
            got = list(
                within.filter(_name_prefilter(tokens, narrow=True)).values_list(*_FIELDS)[
                    :NAME_NARROW_LIMIT
                ]
            )
            rows.update((r[0], r) for r in got)
            if len(tokens) > 1 and len(got) < KEEP and not (read.date_of_birth or postcode_ids):
                wide = within.filter(_name_prefilter(tokens)).values_list(*_FIELDS)
                rows.update((r[0], r) for r in wide[:NAME_CANDIDATE_LIMIT])
    if not rows:
        return MatchResult("none", (), "No record matches what was read.", tuple(notes))

    available = 0.0
    if tokens:
        available += NAME_POINTS
    if read.date_of_birth is not None:
        available += DOB_POINTS
    if postcode:
        available += POSTCODE_POINTS

    similar = name_similarities(read.child_name, rows.values()) if tokens else {}
    scored: list[tuple[float, int, list[Evidence], float, str]] = []
    for pk, _given, _family, _preferred, born, upn, nhs, ref in rows.values():
        evidence: list[Evidence] = []
        points = 0.0
        name = 0.0
        if tokens:
            name = similar[pk]
            if name >= 99.5:
                evidence.append(Evidence("name", "match", NAME_POINTS, "Name matches."))
                points += NAME_POINTS
            elif name >= NAME_MIN:
                # Steep: a name only 60% alike earns almost nothing, so a wrong child who shares
                # the date of birth cannot come close to the right one.
                p = NAME_POINTS * (name - NAME_MIN) / (100 - NAME_MIN)
                evidence.append(Evidence("name", "close", p, f"Name is close ({name:.0f}% alike)."))
                points += p
            else:
                evidence.append(
                    Evidence("name", "differs", 0.0, f"Name differs ({name:.0f}% alike).")
                )
        dob_outcome = ""
        if read.date_of_birth is not None:
            if born == read.date_of_birth:
                dob_outcome = "match"
                evidence.append(
                    Evidence("date_of_birth", "match", DOB_POINTS, "Date of birth matches.")
                )
                points += DOB_POINTS
            elif born in dob_variants(read.date_of_birth):
                dob_outcome = "swapped"
                evidence.append(
                    Evidence(
                        "date_of_birth", "swapped", DOB_SWAPPED_POINTS,
                        "Date of birth matches with day and month swapped.",
                    )
                )  # fmt: skip
                points += DOB_SWAPPED_POINTS
            else:
                evidence.append(Evidence("date_of_birth", "differs", 0.0, "Date of birth differs."))
        for kind in ids:
            label = {"upn": "UPN", "nhs_number": "NHS number", "reference": "Reference"}[kind]
            own = {"upn": upn, "nhs_number": nhs, "reference": ref}[kind]
            if pk in by_identifier.get(kind, set()):
                evidence.append(Evidence(kind, "match", 0.0, f"{label} matches."))
            elif own and kind != "reference":
                # A reference on an item is often the sender's own: only UPN and NHS number
                # belong to one child, so only they count against a candidate.
                evidence.append(
                    Evidence(kind, "conflict", IDENTIFIER_CONFLICT_POINTS,
                             f"{label} on the item is another child's or wrong.")
                )  # fmt: skip
                points += IDENTIFIER_CONFLICT_POINTS
        scored.append((points, pk, evidence, name, dob_outcome))

    # Postcode evidence for the best few only (one query for their addresses).
    scored.sort(key=lambda s: -s[0])
    top = scored[: max(KEEP * 4, 20)]
    if postcode:
        addresses: dict[int, list[tuple[str, bool]]] = {}
        for su, pc, current in Address.objects.filter(
            service_user_id__in=[s[1] for s in top]
        ).values_list("service_user_id", "postcode", "valid_to"):
            addresses.setdefault(su, []).append((pc, current is None))
        rescored = []
        for points, pk, evidence, name, dob_outcome in top:
            rows_for = addresses.get(pk, [])
            if any(pc == postcode and cur for pc, cur in rows_for):
                evidence.append(
                    Evidence("postcode", "match", POSTCODE_POINTS,
                             "Postcode matches the current address.")
                )  # fmt: skip
                points += POSTCODE_POINTS
            elif any(pc == postcode for pc, _ in rows_for):
                evidence.append(
                    Evidence("postcode", "earlier", POSTCODE_EARLIER_POINTS,
                             "Postcode matches an earlier address, not the current one.")
                )  # fmt: skip
                points += POSTCODE_EARLIER_POINTS
            elif any(pc.split(" ")[0] == postcode.split(" ")[0] and cur for pc, cur in rows_for):
                evidence.append(
                    Evidence("postcode", "district", POSTCODE_DISTRICT_POINTS,
                             "Same postcode district as the current address only.")
                )  # fmt: skip
                points += POSTCODE_DISTRICT_POINTS
            else:
                evidence.append(Evidence("postcode", "differs", 0.0, "Postcode differs."))
            rescored.append((points, pk, evidence, name, dob_outcome))
        top = sorted(rescored, key=lambda s: -s[0])

    candidates: list[Candidate] = []
    for points, pk, evidence, _name, _dob in top:
        score = max(0.0, min(100.0, 100.0 * points / available)) if available else 0.0
        det = any(e.outcome == "match" and e.field in ids for e in evidence)
        candidates.append(Candidate(pk, score, tuple(evidence), det))
    # Identifier matches first, then by score.
    candidates.sort(key=lambda c: (not c.deterministic, -c.score, c.service_user_id))
    candidates = [c for c in candidates if c.deterministic or c.score >= 30.0][:KEEP]
    if not candidates:
        return MatchResult("none", (), "No record is close enough to what was read.", tuple(notes))
    return _decide(candidates, scored_meta={s[1]: (s[3], s[4]) for s in top},
                   has_name=bool(tokens), notes=tuple(notes))  # fmt: skip


def _decide(candidates, *, scored_meta, has_name: bool, notes) -> MatchResult:
    best = candidates[0]
    det = [c for c in candidates if c.deterministic]
    if det:
        if len(det) > 1:
            return MatchResult(
                "ambiguous", tuple(candidates),
                "The identifiers on the item point to different children.", notes,
            )  # fmt: skip
        conflicts = [
            e.text for e in best.evidence
            if e.outcome in {"differs", "conflict"}
            and e.field in {"name", "date_of_birth", "upn", "nhs_number"}
        ]  # fmt: skip
        if conflicts:
            return MatchResult(
                "ambiguous", tuple(candidates),
                "An identifier matches one child but other details on the item do not: "
                + " ".join(conflicts), notes,
            )  # fmt: skip
        return MatchResult(
            "deterministic", tuple(candidates), "An identifier matches one child.", notes
        )
    name, dob_outcome = scored_meta.get(best.service_user_id, (0.0, ""))
    second = candidates[1].score if len(candidates) > 1 else 0.0
    postcode_match = any(e.field == "postcode" and e.outcome == "match" for e in best.evidence)
    if not has_name:
        return MatchResult(
            "ambiguous", tuple(candidates),
            "No name was read: a person must confirm which child it is.", notes,
        )  # fmt: skip
    if name < NAME_CLOSE:
        return MatchResult(
            "ambiguous", tuple(candidates), "No record has a close enough name.", notes
        )
    if not (dob_outcome in {"match", "swapped"} or postcode_match):
        return MatchResult(
            "ambiguous", tuple(candidates),
            "Only the name matches: the date of birth or postcode must agree too.", notes,
        )  # fmt: skip
    if best.score < CONFIDENT_SCORE:
        return MatchResult(
            "ambiguous", tuple(candidates), "The best match is not strong enough.", notes
        )
    if best.score - second < CONFIDENT_MARGIN:
        return MatchResult(
            "ambiguous", tuple(candidates),
            "More than one record matches about as well.", notes,
        )  # fmt: skip
    return MatchResult("confident", tuple(candidates), "One record matches clearly.", notes)
