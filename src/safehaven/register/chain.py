"""The register's hash chain: canonical form of an entry, its keyed hash, verification and
signed checkpoints. The key (settings.REGISTER_CHAIN_KEY) lives outside the database.

Two chain formats, chosen per entry by its (hashed) `chain_version` column:

- Format 1 (entries written before 2026-11-25 session 2): HMAC-SHA256(key, canonical JSON of
  the CHAIN_FIELDS values, sorted keys, compact separators).
- Format 2 (every entry written now): keyed BLAKE2b-256 (key derived from the chain key) of
  the text of the CHAIN_FIELDS values joined by U+001F (the ASCII unit separator). The text of
  a value is: whole numbers in decimal, NULL as the empty text, the UUID as 32 lower-case hex
  digits, the timestamp as UTC `YYYY-MM-DD HH:MM:SS.ffffff`, JSON as PostgreSQL's jsonb text
  form (`json_text`, which the model also stores on SQLite), text as is. No value written in
  format 2 contains U+001F (the writer refuses it; JSON text escapes control characters), so
  an entry's text holds exactly 25 separators and one reading: a row with a separator hidden
  in a value has more, so it cannot give the same text as the entry it replaces. Every piece
  is what the database already holds or prints itself, so `register verify` has the database
  build the text in one `printf`/`concat_ws` per row (see `selectors._message_sql`) and only
  the MAC runs in Python; SQLite and PostgreSQL give the same bytes, so a moved register
  still verifies.

Entries are never rewritten (the table is append-only), so a chain begun in format 1 keeps
its format-1 entries and continues in format 2; verify checks each entry in its own format.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

GENESIS_HASH = "0" * 64
CHAIN_VERSION = 2  # the format new entries are written in
CHAIN_VERSIONS = (1, 2)
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
_VERSION = CHAIN_FIELDS.index("chain_version")
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode
_loads = json.JSONDecoder().decode
_json_string = json.encoder.encode_basestring  # escapes exactly what PostgreSQL's jsonb does


def _jsonb_key_order(key: str) -> tuple[int, bytes]:
    data = key.encode()
    return len(data), data


def json_text(value) -> str:
    """JSON text in PostgreSQL's jsonb output form: object keys ordered by UTF-8 length then
    bytes, `", "` and `": "` separators, only `"`, `\\` and control characters escaped
    (non-ASCII as is). PostgreSQL prints a jsonb column exactly so; the register's JSON columns
    store this text on SQLite too (`CanonicalJSONEncoder`). Floats are refused: their text can
    change on the way through a database."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(int(value))
    if isinstance(value, str):
        return _json_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join([json_text(v) for v in value]) + "]"
    if isinstance(value, dict):
        for k in value:
            if not isinstance(k, str):
                raise TypeError("register JSON object keys must be text")
        return (
            "{"
            + ", ".join(
                [
                    f"{_json_string(k)}: {json_text(value[k])}"
                    for k in sorted(value, key=_jsonb_key_order)
                ]
            )
            + "}"
        )
    raise TypeError(f"register JSON cannot hold a {type(value).__name__}")


class CanonicalJSONEncoder(json.JSONEncoder):
    """The register's JSON columns are stored as `json_text` (SQLite keeps the text as given;
    PostgreSQL's jsonb prints the same text back), so chain format 2 hashes stored text."""

    def encode(self, o) -> str:
        return json_text(o)


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
    """Format 1: a timestamp as 'YYYY-MM-DDTHH:MM:SS.ffffff' in UTC, whatever the database
    returned: an aware datetime (a model instance) or the stored UTC text."""
    if isinstance(value, str):
        text = value.replace(" ", "T", 1)
        return text if len(text) > 19 else text + ".000000"
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    # Naive values come from SQLite, which stores UTC.
    return value.isoformat(timespec="microseconds")[:26]


def timestamp_text_v2(value) -> str:
    """Format 2: 'YYYY-MM-DD HH:MM:SS.ffffff' in UTC. A text value is the database's: SQLite
    holds Django's 'YYYY-MM-DD HH:MM:SS[.ffffff]' (UTC), PostgreSQL prints it so (to_char)."""
    if isinstance(value, str):
        return (value + ".000000")[:26]
    if value.tzinfo is not None:
        value = value.astimezone(dt.UTC)
    return value.isoformat(sep=" ", timespec="microseconds")[:26]


def uuid_text(value) -> str:
    return value if isinstance(value, str) else value.hex


def canonical(values: list) -> bytes:
    """Format-1 canonical bytes of an entry from its CHAIN_FIELDS values, taken from a model
    instance or straight from a database row (SQLite or PostgreSQL): the same bytes either
    way."""
    values = list(values)
    values[_CORRELATION] = uuid_text(values[_CORRELATION]).replace("-", "")
    values[_OCCURRED] = timestamp_text(values[_OCCURRED])
    for i in _JSON_FIELDS:
        if isinstance(values[i], str):
            values[i] = _loads(values[i])
    return _dumps(values).encode()


SEPARATOR = "\x1f"


def _text_v2(value) -> str:
    """The format-2 text of one value (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise TypeError("register chain values are never booleans")
    if isinstance(value, int):
        return str(value)
    raise TypeError(f"no format-2 text for a {type(value).__name__}")


def canonical_v2(values: list) -> bytes:
    """Format-2 bytes of an entry from its CHAIN_FIELDS values (model instance or raw row):
    the values' text joined by U+001F. `selectors._message_sql` builds the same text in SQL.
    Raises ValueError if a value holds U+001F (the writer refuses such text before this)."""
    values = list(values)
    values[_CORRELATION] = uuid_text(values[_CORRELATION])
    values[_OCCURRED] = timestamp_text_v2(values[_OCCURRED])
    for i in _JSON_FIELDS:
        if not isinstance(values[i], str):  # a model instance's value; the database has text
            values[i] = json_text(values[i])
    texts = [_text_v2(v) for v in values]
    for name, text in zip(CHAIN_FIELDS, texts, strict=True):
        if SEPARATOR in text:
            raise ValueError(f"{name} contains the control character U+001F")
    return SEPARATOR.join(texts).encode()


def mac_key_v2(key: bytes) -> bytes:
    """Format-2 MAC key: derived from the chain key, so the two formats never share a key."""
    return _derived_key(key, b"chain-v2")


def mac_v2(key: bytes, message: bytes) -> str:
    return hashlib.blake2b(message, key=mac_key_v2(key), digest_size=32).hexdigest()


def entry_hash(values: list, key: bytes | None = None) -> str:
    """The entry hash in the entry's own chain format (its `chain_version` value)."""
    key = key or chain_key()
    version = values[_VERSION]
    if version == 2:
        return mac_v2(key, canonical_v2(values))
    if version == 1:
        return hmac.digest(key, canonical(values), "sha256").hex()
    raise ValueError(f"unknown register chain format {version!r}")


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


def _gap(expected: int, seq: int, checked: int, prev) -> VerifyResult:
    if seq > expected:
        missing = (
            f"entry {expected} is missing"
            if seq == expected + 1
            else f"entries {expected} to {seq - 1} are missing"
        )
        problem = f"{missing} (deleted): the sequence jumps to {seq}"
    else:
        problem = f"entry {seq} is out of order (expected {expected})"
    return VerifyResult(False, checked, expected - 1, prev, expected, problem)


def _not_following(seq: int, checked: int, prev) -> VerifyResult:
    return VerifyResult(
        False,
        checked,
        seq - 1,
        prev,
        seq,
        f"entry {seq} does not follow entry {seq - 1} (reordered, replaced, or the entry "
        f"before it was altered)",
    )


def _altered(seq: int, checked: int, prev, version=CHAIN_VERSION) -> VerifyResult:
    problem = f"entry {seq} has been altered: its content does not match its hash"
    if version not in CHAIN_VERSIONS:
        problem = (
            f"entry {seq} has been altered: its chain format {version!r} is not one this "
            f"version of SafeHaven wrote"
        )
    return VerifyResult(False, checked, seq - 1, prev, seq, problem)


def _finish(n: int, expected: int, prev, prev_hash, first_prev) -> VerifyResult:
    result = VerifyResult(True, n, expected - 1, prev or GENESIS_HASH)
    if prev_hash is None:
        result.notes.append(first_prev or "")
    return result


def verify_rows(
    rows: Iterable[tuple],
    *,
    key: bytes | None = None,
    progress: Callable[[int], None] | None = None,
    first_sequence: int = 1,
    prev_hash: str | None = GENESIS_HASH,
) -> VerifyResult:
    """Walks raw rows of (CHAIN_FIELDS..., entry_hash) in sequence order; stops at the first
    bad one. The reference implementation: every value comes from the row and every byte of
    the canonical form is made here, in the entry's own chain format (`verify_messages` is the
    fast path, fed text the database built).

    Finds: an edited entry (its hash no longer matches its content), a deleted entry (a gap in
    the sequence), a reordered or replaced entry (its prev_hash does not match the entry
    before). Truncation at the end needs a checkpoint (see `checkpoint_read`).

    For one range of a parallel verify: `first_sequence` is the range's start and
    `prev_hash=None` accepts the first row's prev_hash (the caller checks that link); it is
    returned in `notes[0]`.
    """
    key = key or chain_key()
    expected_seq = first_sequence
    prev = prev_hash
    first_prev = None
    n = 0
    for row in rows:
        values = list(row)
        stored = values.pop()
        seq = values[0]
        if seq != expected_seq:
            return _gap(expected_seq, seq, n, prev)
        if prev is None:
            prev = first_prev = values[-1]
        if values[-1] != prev:
            return _not_following(seq, n, prev)
        version = values[_VERSION]
        if version not in CHAIN_VERSIONS or entry_hash(values, key) != stored:
            return _altered(seq, n, prev, version)
        prev = stored
        expected_seq += 1
        n += 1
        if progress is not None and n % 100_000 == 0:
            progress(n)
    return _finish(n, expected_seq, prev, prev_hash, first_prev)


def verify_messages(
    chunks: Iterable[list[tuple]],
    *,
    key: bytes | None = None,
    progress: Callable[[int], None] | None = None,
    first_sequence: int = 1,
    prev_hash: str | None = GENESIS_HASH,
) -> VerifyResult:
    """The fast path of `verify_rows`: walks lists of (sequence, chain_version, message,
    prev_hash, entry_hash) in sequence order, where `message` is the entry's canonical form,
    built by the database for format 2 (text; see `selectors._fast_rows`) or by `canonical`
    for format 1 (bytes). Same checks, same first bad entry, same result."""
    key = key or chain_key()
    base = hashlib.blake2b(key=mac_key_v2(key), digest_size=32)
    new_mac = base.copy
    digest = hmac.digest
    expected_seq = first_sequence
    prev = prev_hash
    first_prev = None
    for chunk in chunks:
        for seq, version, message, row_prev, stored in chunk:
            if seq != expected_seq:
                return _gap(expected_seq, seq, expected_seq - first_sequence, prev)
            if row_prev != prev:
                if prev is not None:
                    return _not_following(seq, expected_seq - first_sequence, prev)
                first_prev = row_prev
            if version == 2:
                mac = new_mac()
                # SQLite hands over bytes (the text cast to a blob), PostgreSQL text.
                mac.update(message if message.__class__ is bytes else message.encode())
                ok = mac.hexdigest() == stored
            elif version == 1:
                ok = digest(key, message, "sha256").hex() == stored
            else:
                ok = False
            if not ok:
                return _altered(seq, expected_seq - first_sequence, prev, version)
            prev = stored
            expected_seq += 1
        if progress is not None:
            progress(expected_seq - first_sequence)
    return _finish(expected_seq - first_sequence, expected_seq, prev, prev_hash, first_prev)


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
