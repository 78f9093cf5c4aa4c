"""CSV import from the primary database: service users, addresses, contacts (parents/carers).

All or nothing per file: every row is checked and written inside one transaction; a file with
any rejected row writes nothing (unless `accept_valid`), and `dry_run` rolls everything back
after building the same report. Re-importing the same file changes nothing; a changed address
becomes history (LET-4), never an overwrite.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from rapidfuzz import fuzz

from safehaven.accounts.models import Unit, User
from safehaven.core.identifiers import InvalidIdentifier, normalise_postcode
from safehaven.records import services
from safehaven.records.changes import Diff, changes_record
from safehaven.records.models import AccessLog, Address, ChangeRecord, RelatedPerson, ServiceUser

KINDS = ("service-users", "addresses", "contacts")

COLUMNS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # kind: (required, optional)
    "service-users": (
        ("reference", "given_name", "family_name", "date_of_birth", "unit"),
        ("preferred_name", "upn", "uln", "nhs_number", "allocated_worker"),
    ),
    "addresses": (
        ("reference", "line_1", "postcode"),
        ("line_2", "line_3", "town", "valid_from", "confidential", "source_detail"),
    ),
    "contacts": (
        ("reference", "given_name", "family_name", "relationship"),
        (
            "contact_reference",
            "title",
            "parental_responsibility",
            "lives_with",
            "priority",
            "phone",
            "email",
            "line_1",
            "line_2",
            "line_3",
            "town",
            "postcode",
        ),
    ),
}
# Column names as MIS exports often spell them.
ALIASES = {
    "forename": "given_name",
    "first_name": "given_name",
    "legal_forename": "given_name",
    "surname": "family_name",
    "last_name": "family_name",
    "legal_surname": "family_name",
    "dob": "date_of_birth",
    "birth_date": "date_of_birth",
    "school": "unit",
    "team": "unit",
    "nhs": "nhs_number",
    "address_line_1": "line_1",
    "address_line_2": "line_2",
    "address_line_3": "line_3",
    "post_code": "postcode",
    "pupil_reference": "reference",
    "admission_number": "reference",
}
DUPLICATE_NAME_SCORE = 85
IMPORT_REASON = "Updated from the primary database (CSV import)"


class ImportFileError(ValueError):
    """The file as a whole cannot be imported (encoding, missing columns, empty)."""


class _Rollback(Exception):
    pass


@dataclass
class RowProblem:
    row: int
    message: str


@dataclass
class ImportReport:
    kind: str
    dry_run: bool
    encoding: str = "utf-8"
    encoding_note: str = ""
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    addresses_closed: int = 0
    rejected: list[RowProblem] = field(default_factory=list)
    likely_duplicates: list[tuple[int, str, str, str]] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.rejected


def decode(data: bytes) -> tuple[str, str, str]:
    """(text, encoding, note): UTF-8 (with or without BOM), else Windows-1252, said so."""
    try:
        return data.decode("utf-8-sig"), "utf-8", ""
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFileError(
            "The file is neither UTF-8 nor Windows-1252 text. Save it from the spreadsheet as "
            "'CSV UTF-8' and try again."
        ) from None
    line = data[:first_bad].count(b"\n") + 1
    return (
        text,
        "cp1252",
        f"The file is not UTF-8 (first non-UTF-8 byte on line {line}); it was read as "
        f"Windows-1252 (cp1252). Check accented names, or save it as 'CSV UTF-8'.",
    )


def _header_key(name: str) -> str:
    key = re.sub(r"[^a-z0-9]+", "_", name.strip().lower()).strip("_")
    return ALIASES.get(key, key)


def parse_date(value: str, column: str) -> dt.date:
    value = value.strip()
    m = re.fullmatch(r"(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})", value)
    if m:
        d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
    else:
        m = re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", value)
        if not m:
            raise ValueError(f"{column} '{value}' is not a date (use DD/MM/YYYY or YYYY-MM-DD)")
        y, mo, d = int(m.group(1)), int(m.group(2)), int(m.group(3))
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise ValueError(f"{column} '{value}' is not a real date") from None


def _bool(value: str, column: str) -> bool:
    v = value.strip().lower()
    if v in {"", "n", "no", "false", "0"}:
        return False
    if v in {"y", "yes", "true", "1"}:
        return True
    raise ValueError(f"{column} '{value}' should be yes or no")


def _fold(text: str) -> str:
    """Case- and accent-free, single-spaced: "Zoë  ADAMS" -> "zoe adams"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).split())


def import_csv(
    *,
    kind: str,
    data: bytes,
    dry_run: bool = False,
    accept_valid: bool = False,
    user: User | None = None,
    progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """Imports one CSV export. Raises ImportFileError for a file that cannot be read at all."""
    if kind not in KINDS:
        raise ImportFileError(f"Unknown import kind {kind!r}: use one of {', '.join(KINDS)}.")
    text, encoding, note = decode(data)
    report = ImportReport(kind=kind, dry_run=dry_run, encoding=encoding, encoding_note=note)
    if "\x00" in text:
        raise ImportFileError("The file contains NUL bytes: it is not a CSV text file.")
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ImportFileError("The file is empty.") from None
    except csv.Error as exc:
        raise ImportFileError(f"The header line cannot be read as CSV: {exc}.") from None
    keys = [_header_key(h) for h in header]
    required, optional = COLUMNS[kind]
    missing = [c for c in required if c not in keys]
    if missing:
        raise ImportFileError(
            f"The {kind} file lacks the column(s) {', '.join(missing)}. Required: "
            f"{', '.join(required)}; optional: {', '.join(optional)}."
        )
    handler = {
        "service-users": _service_user_row,
        "addresses": _address_row,
        "contacts": _contact_row,
    }[kind]
    state: dict = {"upn_rows": {}, "ref_rows": {}, "units": _units(), "new_rows": []}
    try:
        with transaction.atomic():
            line_no = 1
            while True:
                try:
                    values = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    line_no += 1
                    report.rejected.append(RowProblem(line_no, f"cannot be read as CSV: {exc}"))
                    continue
                line_no = reader.line_num
                if not any(v.strip() for v in values):
                    continue
                report.rows += 1
                if len(values) != len(keys):
                    report.rejected.append(
                        RowProblem(
                            line_no,
                            f"has {len(values)} fields but the header has {len(keys)}",
                        )
                    )
                    continue
                row = dict(zip(keys, (v.strip() for v in values), strict=True))
                if "\x00" in "".join(values):
                    report.rejected.append(RowProblem(line_no, "contains a NUL character"))
                    continue
                try:
                    with transaction.atomic():
                        outcome = handler(row, line_no, state, user)
                except (ValueError, services.RecordsError) as exc:
                    report.rejected.append(RowProblem(line_no, str(exc)))
                    continue
                setattr(report, outcome, getattr(report, outcome) + 1)
                if outcome == "updated" and kind == "addresses":
                    report.addresses_closed += 1
                if progress is not None and report.rows % 1000 == 0:
                    progress(report.rows)
            if kind == "service-users":
                report.likely_duplicates = _likely_duplicates(state["new_rows"])
            if dry_run or (report.rejected and not accept_valid):
                raise _Rollback
            if user is not None:
                AccessLog.objects.create(
                    user=user,
                    action=AccessLog.Action.IMPORT,
                    detail=f"{kind} rows={report.rows} created={report.created} "
                    f"updated={report.updated} rejected={len(report.rejected)}",
                )
            report.written = True
    except _Rollback:
        report.written = False
    return report


def _units() -> dict[str, Unit]:
    out = {}
    for u in Unit.objects.all():
        out[_fold(u.name)] = u
        if u.dfe_number:
            out[u.dfe_number.replace("/", "")] = u
    return out


def _service_user_row(row: dict, line_no: int, state: dict, user) -> str:
    ref = row["reference"]
    if not ref:
        raise ValueError("reference is empty")
    if ref in state["ref_rows"]:
        raise ValueError(f"reference {ref} is also on row {state['ref_rows'][ref]}")
    state["ref_rows"][ref] = line_no
    if not row["given_name"] or not row["family_name"]:
        raise ValueError("given_name and family_name are both needed")
    dob = parse_date(row["date_of_birth"], "date_of_birth")
    today = timezone.localdate()
    if dob > today:
        raise ValueError(f"date_of_birth {row['date_of_birth']} is in the future")
    if dob.year < today.year - 30:
        raise ValueError(f"date_of_birth {row['date_of_birth']} is more than 30 years ago")
    unit_key = row["unit"].strip()
    unit = state["units"].get(_fold(unit_key)) or state["units"].get(unit_key.replace("/", ""))
    if unit is None:
        raise ValueError(f"unit '{unit_key}' is not a known school or team; add it first")
    try:
        ids = services.service_user_identifiers(
            upn=row.get("upn", ""), uln=row.get("uln", ""), nhs_number=row.get("nhs_number", "")
        )
    except services.RecordsError as exc:
        raise ValueError(exc.message) from None
    if ids["upn"]:
        if ids["upn"] in state["upn_rows"]:
            raise ValueError(f"UPN is also on row {state['upn_rows'][ids['upn']]} (duplicate UPN)")
        state["upn_rows"][ids["upn"]] = line_no
        holder = ServiceUser.objects.filter(upn=ids["upn"]).exclude(reference=ref).first()
        if holder is not None:
            raise ValueError(f"UPN already belongs to service user {holder.reference}")
    worker = None
    if row.get("allocated_worker"):
        worker = User.objects.filter(username=row["allocated_worker"]).first()
        if worker is None:
            raise ValueError(f"allocated_worker '{row['allocated_worker']}' is not a user")
    fields = {
        "given_name": row["given_name"],
        "family_name": row["family_name"],
        "preferred_name": row.get("preferred_name", ""),
        "date_of_birth": dob,
        "unit": unit,
        "allocated_worker": worker,
        **ids,
    }
    existing = ServiceUser.objects.filter(reference=ref).first()
    state["new_rows"].append((line_no, ref, dob, f"{fields['given_name']} {fields['family_name']}"))
    if existing is None:
        ServiceUser.objects.create(reference=ref, **fields)
        return "created"
    if "allocated_worker" not in row or not row.get("allocated_worker"):
        fields.pop("allocated_worker")
    changed = [k for k, v in fields.items() if getattr(existing, k) != v]
    if not changed:
        return "unchanged"
    diffs = [Diff(k, getattr(existing, k), fields[k]) for k in changed]
    for k in changed:
        setattr(existing, k, fields[k])
    existing.updated_at = timezone.now()
    existing.save(update_fields=[*changed, "updated_at"])
    changes_record(
        record_type=ChangeRecord.RecordType.SERVICE_USER,
        record_id=existing.pk,
        record_reference=ref,
        service_user=existing,
        diffs=diffs,
        reason=IMPORT_REASON,
        by=user,
        source=ChangeRecord.Source.IMPORT,
    )
    return "updated"


def _likely_duplicates(
    rows: list[tuple[int, str, dt.date, str]],
) -> list[tuple[int, str, str, str]]:
    """Pairs (row, reference, other reference, why) with the same DOB and a similar name."""
    out = []
    refs = {r[1] for r in rows}
    by_dob: dict[dt.date, list[tuple[str, str]]] = {}
    for su in ServiceUser.objects.filter(date_of_birth__in={r[2] for r in rows}).values_list(
        "reference", "given_name", "family_name", "date_of_birth"
    ):
        by_dob.setdefault(su[3], []).append((su[0], f"{su[1]} {su[2]}"))
    seen = set()
    for line_no, ref, dob, name in rows:
        for other_ref, other_name in by_dob.get(dob, []):
            if other_ref == ref:
                continue
            pair = tuple(sorted((ref, other_ref)))
            if pair in seen:
                continue
            score = fuzz.token_sort_ratio(_fold(name), _fold(other_name))
            if score >= DUPLICATE_NAME_SCORE:
                seen.add(pair)
                where = "in this file" if other_ref in refs else "already held"
                out.append((line_no, ref, other_ref, f"same date of birth, similar name ({where})"))
    return out


def _address_row(row: dict, line_no: int, state: dict, user) -> str:
    su = ServiceUser.objects.filter(reference=row["reference"]).first()
    if su is None:
        raise ValueError(f"no service user has reference {row['reference']}; import them first")
    try:
        postcode = normalise_postcode(row["postcode"])
    except InvalidIdentifier as exc:
        raise ValueError(f"postcode is not valid: {exc.reason}") from None
    valid_from = (
        parse_date(row["valid_from"], "valid_from")
        if row.get("valid_from")
        else timezone.localdate()
    )
    confidential = _bool(row.get("confidential", ""), "confidential")
    fields = {k: row.get(k, "") for k in ("line_1", "line_2", "line_3", "town")}
    current = Address.objects.filter(service_user=su, valid_to__isnull=True).first()
    if (
        current is not None
        and all(_fold(getattr(current, k)) == _fold(v) for k, v in fields.items())
        and current.postcode == postcode
        and current.confidential == confidential
    ):
        return "unchanged"
    if current is not None and valid_from <= current.valid_from:
        if row.get("valid_from"):
            raise ValueError(
                f"valid_from {row['valid_from']} is not after the current address's start "
                f"({current.valid_from:%d/%m/%Y})"
            )
        valid_from = current.valid_from + dt.timedelta(days=1)
    services.address_amend(
        service_user=su,
        postcode=postcode,
        valid_from=valid_from,
        source=Address.Source.PRIMARY_IMPORT,
        source_detail=row.get("source_detail", "") or "CSV import",
        confidential=confidential,
        recorded_by=user,
        **fields,
    )
    return "created" if current is None else "updated"


def _contact_row(row: dict, line_no: int, state: dict, user) -> str:
    su = ServiceUser.objects.filter(reference=row["reference"]).first()
    if su is None:
        raise ValueError(f"no service user has reference {row['reference']}; import them first")
    relationship = row["relationship"].strip().lower().replace(" ", "_").replace("-", "_")
    if relationship not in RelatedPerson.Relationship.values:
        raise ValueError(
            f"relationship '{row['relationship']}' is not one of "
            f"{', '.join(RelatedPerson.Relationship.values)}"
        )
    try:
        phone = services.clean_phone(row.get("phone", ""))
        postcode = services.clean_postcode(row.get("postcode", ""))
    except services.RecordsError as exc:
        raise ValueError(exc.message) from None
    priority = row.get("priority") or "1"
    if not priority.isdigit():
        raise ValueError(f"priority '{priority}' should be a whole number")
    fields = {
        "title": row.get("title", ""),
        "given_name": row["given_name"],
        "family_name": row["family_name"],
        "relationship": relationship,
        "parental_responsibility": _bool(
            row.get("parental_responsibility", ""), "parental_responsibility"
        ),
        "lives_with_service_user": _bool(row.get("lives_with", ""), "lives_with"),
        "priority": int(priority),
        "phone": phone,
        "email": row.get("email", ""),
        "line_1": row.get("line_1", ""),
        "line_2": row.get("line_2", ""),
        "line_3": row.get("line_3", ""),
        "town": row.get("town", ""),
        "postcode": postcode,
        "reference": row.get("contact_reference", ""),
    }
    if not fields["given_name"] or not fields["family_name"]:
        raise ValueError("given_name and family_name are both needed")
    if fields["reference"]:
        match = Q(reference=fields["reference"])
    else:
        match = Q(
            given_name__iexact=fields["given_name"],
            family_name__iexact=fields["family_name"],
            relationship=relationship,
        )
    existing = RelatedPerson.objects.filter(match, service_user=su).first()
    if existing is None:
        RelatedPerson.objects.create(service_user=su, **fields)
        return "created"
    changed = [k for k, v in fields.items() if getattr(existing, k) != v]
    if not changed:
        return "unchanged"
    diffs = [Diff(k, getattr(existing, k), fields[k]) for k in changed]
    for k in changed:
        setattr(existing, k, fields[k])
    existing.save(update_fields=changed)
    changes_record(
        record_type=ChangeRecord.RecordType.RELATED_PERSON,
        record_id=existing.pk,
        record_reference=existing.reference,
        service_user=su,
        diffs=diffs,
        reason=IMPORT_REASON,
        by=user,
        source=ChangeRecord.Source.IMPORT,
    )
    return "updated"
