"""The register's hash chain: canonical form of an entry, its keyed hash, verification and
signed checkpoints. Entry hash = HMAC-SHA256(key, canonical JSON of the entry incl. prev_hash);
the key (settings.REGISTER_CHAIN_KEY) lives outside the database."""

from __future__ import annotations

import base64
import datetime as dt
import hmac
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

GENESIS_HASH = "0" * 64
CHAIN_VERSION = 1
CHECKPOINT_FORMAT = "safehaven-register-checkpoint/1"

# The fields covered by the hash, in canonical order. `prev_hash` is last.
CHAIN_FIELDS: tuple[str, ...] = (
    "sequence",
    "correlation_id",
    "occurred_at",
    "channel",
    "outcome",
    "service_user_id",
    "service_user_ids",
    "recipient_name",
    "recipient_role",
    "recipient_organisation_id",
    "recipient_organisation_name",
    "recipient_contact_id",
    "recipient_address",
    "recipient_number",
    "recipient_email",
    "summary",
    "reason",
    "lawful_basis",
    "consent_id",
    "lawful_basis_justification",
    "authorised_by_id",
    "disclosed_by_id",
    "refusal_reason",
    "payload",
    "chain_version",
    "prev_hash",
)
_CORRELATION = CHAIN_FIELDS.index("correlation_id")
_OCCURRED = CHAIN_FIELDS.index("occurred_at")
_JSON_FIELDS = (CHAIN_FIELDS.index("service_user_ids"), CHAIN_FIELDS.index("payload"))
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode
_loads = json.JSONDecoder().decode


class ChainKeyMissing(ImproperlyConfigured):
    pass


def chain_key() -> bytes:
    key = settings.REGISTER_CHAIN_KEY
    if not key:
        raise ChainKeyMissing(
            "The register chain key is not set: set SAFEHAVEN_REGISTER_KEY (kept outside the "
            "database) before writing or verifying the register."
        )
    return key.encode() if isinstance(key, str) else bytes(key)


def _derived_key(key: bytes, purpose: bytes) -> bytes:
    return hmac.digest(key, b"safehaven-register/" + purpose, "sha256")


def timestamp_text(value) -> str:
    """A timestamp as 'YYYY-MM-DDTHH:MM:SS.ffffff' in UTC, whatever the database returned:
    an aware datetime (PostgreSQL, or a model instance) or SQLite's stored UTC text."""
    if isinstance(value, str):
        text = value.replace(" ", "T", 1)
        return text if len(text) > 19 else text + ".000000"
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    # Naive values come from SQLite, which stores UTC.
    return value.isoformat(timespec="microseconds")[:26]


def uuid_text(value) -> str:
    return value if isinstance(value, str) else value.hex


def canonical(values: list) -> bytes:
    """Canonical bytes of an entry from its CHAIN_FIELDS values, taken from a model instance or
    straight from a database row (SQLite or PostgreSQL): the same bytes either way."""
    values = list(values)
    values[_CORRELATION] = uuid_text(values[_CORRELATION]).replace("-", "")
    values[_OCCURRED] = timestamp_text(values[_OCCURRED])
    for i in _JSON_FIELDS:
        if isinstance(values[i], str):
            values[i] = _loads(values[i])
    return _dumps(values).encode()


def entry_hash(values: list, key: bytes | None = None) -> str:
    return hmac.digest(key or chain_key(), canonical(values), "sha256").hex()


@dataclass
class VerifyResult:
    ok: bool
    checked: int = 0
    head_sequence: int = 0
    head_hash: str = GENESIS_HASH
    bad_sequence: int | None = None
    problem: str = ""
    checkpoint_sequence: int | None = None
    notes: list[str] = field(default_factory=list)


def verify_rows(
    rows: Iterable[tuple],
    *,
    key: bytes | None = None,
    progress: Callable[[int], None] | None = None,
    first_sequence: int = 1,
    prev_hash: str | None = GENESIS_HASH,
) -> VerifyResult:
    """Walks raw rows of (CHAIN_FIELDS..., entry_hash) in sequence order; stops at the first
    bad one.

    Finds: an edited entry (its hash no longer matches its content), a deleted entry (a gap in
    the sequence), a reordered or replaced entry (its prev_hash does not match the entry
    before). Truncation at the end needs a checkpoint (see `checkpoint_read`).

    For one range of a parallel verify: `first_sequence` is the range's start and
    `prev_hash=None` accepts the first row's prev_hash (the caller checks that link); it is
    returned in `notes[0]`.
    """
    key = key or chain_key()
    digest = hmac.digest
    dumps = _dumps
    loads = _loads
    corr_i, occ_i = _CORRELATION, _OCCURRED
    sids_i, payload_i = _JSON_FIELDS
    expected_seq = first_sequence
    prev = prev_hash
    first_prev = None
    n = 0
    for row in rows:
        values = list(row)
        stored = values.pop()
        seq = values[0]
        if seq != expected_seq:
            if seq > expected_seq:
                missing = (
                    f"entry {expected_seq} is missing"
                    if seq == expected_seq + 1
                    else f"entries {expected_seq} to {seq - 1} are missing"
                )
                problem = f"{missing} (deleted): the sequence jumps to {seq}"
            else:
                problem = f"entry {seq} is out of order (expected {expected_seq})"
            return VerifyResult(False, n, expected_seq - 1, prev, expected_seq, problem)
        if prev is None:
            prev = first_prev = values[-1]
        if values[-1] != prev:
            return VerifyResult(
                False,
                n,
                seq - 1,
                prev,
                seq,
                f"entry {seq} does not follow entry {seq - 1} (reordered, replaced, or the "
                f"entry before it was altered)",
            )
        corr = values[corr_i]
        values[corr_i] = corr.replace("-", "") if corr.__class__ is str else corr.hex
        occ = values[occ_i]
        if occ.__class__ is str:
            occ = occ.replace(" ", "T", 1)
            values[occ_i] = occ if len(occ) > 19 else occ + ".000000"
        else:
            values[occ_i] = timestamp_text(occ)
        if values[sids_i].__class__ is str:
            values[sids_i] = loads(values[sids_i])
        if values[payload_i].__class__ is str:
            values[payload_i] = loads(values[payload_i])
        if digest(key, dumps(values).encode(), "sha256").hex() != stored:
            return VerifyResult(
                False,
                n,
                seq - 1,
                prev,
                seq,
                f"entry {seq} has been altered: its content does not match its hash",
            )
        prev = stored
        expected_seq += 1
        n += 1
        if progress is not None and n % 100_000 == 0:
            progress(n)
    result = VerifyResult(True, n, expected_seq - 1, prev or GENESIS_HASH)
    if prev_hash is None:
        result.notes.append(first_prev or "")
    return result


def checkpoint_create(sequence: int, head_hash: str, *, key: bytes | None = None) -> dict:
    """A signed statement of the chain head: HMAC-SHA256, plus Ed25519 when `cryptography`
    is installed (its public key lets an auditor check the signature without the chain key)."""
    key = key or chain_key()
    body = {
        "format": CHECKPOINT_FORMAT,
        "sequence": sequence,
        "entry_hash": head_hash,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    message = _dumps(body).encode()
    signatures = {
        "hmac-sha256": hmac.new(_derived_key(key, b"checkpoint"), message, "sha256").hexdigest()
    }
    signing_key = _ed25519_key(key)
    if signing_key is not None:
        from cryptography.hazmat.primitives import serialization

        public = signing_key.public_key().public_bytes(
            serialization.Encoding.Raw, serialization.PublicFormat.Raw
        )
        signatures["ed25519"] = base64.b64encode(signing_key.sign(message)).decode()
        signatures["ed25519_public_key"] = base64.b64encode(public).decode()
    return {**body, "signatures": signatures}


def _ed25519_key(key: bytes):
    try:
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    except ImportError:
        return None
    return Ed25519PrivateKey.from_private_bytes(_derived_key(key, b"checkpoint-ed25519"))


class CheckpointInvalid(ValueError):
    pass


def checkpoint_read(data: dict, *, key: bytes | None = None) -> tuple[int, str]:
    """Checks a checkpoint's signatures; returns (sequence, entry_hash) or raises
    CheckpointInvalid with a one-line reason."""
    key = key or chain_key()
    try:
        body = {k: data[k] for k in ("format", "sequence", "entry_hash", "created_at")}
        signatures = data["signatures"]
    except (KeyError, TypeError) as exc:
        raise CheckpointInvalid(
            "The checkpoint file is not a SafeHaven register checkpoint."
        ) from exc
    if body["format"] != CHECKPOINT_FORMAT:
        raise CheckpointInvalid(f"Unknown checkpoint format {body['format']!r}.")
    message = _dumps(body).encode()
    expected = hmac.digest(_derived_key(key, b"checkpoint"), message, "sha256").hex()
    if not hmac.compare_digest(expected, str(signatures.get("hmac-sha256", ""))):
        raise CheckpointInvalid(
            "The checkpoint's signature does not match: it was altered or made with another key."
        )
    if "ed25519" in signatures:
        signing_key = _ed25519_key(key)
        if signing_key is not None:
            from cryptography.exceptions import InvalidSignature

            try:
                signing_key.public_key().verify(base64.b64decode(signatures["ed25519"]), message)
            except (InvalidSignature, ValueError):
                raise CheckpointInvalid(
                    "The checkpoint's Ed25519 signature does not match."
                ) from None
    if not isinstance(body["sequence"], int) or body["sequence"] < 0:
        raise CheckpointInvalid("The checkpoint's sequence is not a whole number.")
    return body["sequence"], str(body["entry_hash"])
