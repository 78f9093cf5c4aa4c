"""The DPO's extra special-category terms, for the processes that run without the database.

The web app, the pre-send check and the gateway read the DPO's extra terms from the policy in
force (`safehaven.oversight.policy.lexicons_activate`). `safehaven scan` and `safehaven sweep`
run without Django, so the terms reach them as a file: `safehaven policy export-terms -o FILE`
writes it, and `--extra-terms FILE` reads it. The file is the engine's own lexicon format:

    [religion]
    terms = ["attends the kingdom hall", "lds ward"]

Any special category (`model.SPECIAL_CATEGORIES`) may have a `terms` list; terms follow the
policy page's rule (2 to 100 letters, digits, spaces or - ' & . / characters; a `*` at the end
matches any ending) and are matched case-insensitively, like the shipped ones.

`activate(terms)` makes this process's engine use them: the terms are written once into a private
folder, which is added to `SAFEHAVEN_LEXICON_DIR`, and the lexicon caches are cleared. Sweep
workers call it with the terms carried in their scan options, so a remote Dask worker needs no
file of its own.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

from safehaven.core.detect.model import SPECIAL_CATEGORIES

TERM_RE = re.compile(r"^[\w][\w '&./-]{0,98}[\w*]$", re.UNICODE)
MAX_FILE_BYTES = 1_000_000

Terms = tuple[tuple[str, tuple[str, ...]], ...]  # ((category, (term, ...)), ...), sorted


class ExtraTermsError(ValueError):
    """A terms file that cannot be used; the message says what is wrong and what to do."""


def clean_terms(table: Mapping[str, object], *, where: str = "") -> Terms:
    """Checks a {category: [terms]} table; returns it sorted, lower-cased, without repeats."""
    out: dict[str, set[str]] = {}
    prefix = f"{where}: " if where else ""
    for category, terms in table.items():
        if category not in SPECIAL_CATEGORIES:
            raise ExtraTermsError(
                f"{prefix}there is no special category \u201c{category}\u201d; use one of "
                + ", ".join(SPECIAL_CATEGORIES)
                + "."
            )
        if not isinstance(terms, list | tuple):
            raise ExtraTermsError(f"{prefix}{category}: terms must be a list of words or phrases.")
        for term in terms:
            t = " ".join(str(term).split()) if isinstance(term, str) else ""
            if not TERM_RE.match(t):
                raise ExtraTermsError(
                    f"{prefix}{category}: \u201c{term}\u201d cannot be used as a term: use 2 to "
                    "100 letters, digits, spaces or - ' & . / characters; a * at the end matches "
                    "any ending."
                )
            out.setdefault(category, set()).add(t.lower())
    return tuple((c, tuple(sorted(t))) for c, t in sorted(out.items()) if t)


def terms_toml(terms: Mapping[str, Sequence[str]] | Terms, *, header: str = "") -> str:
    """The terms as a lexicon file (`categories.toml` format)."""
    items = terms.items() if isinstance(terms, Mapping) else terms
    lines = [f"# {header}"] if header else []
    for category, words in sorted(items):
        if words:
            lines.append(f"[{category}]")
            # JSON strings are valid TOML basic strings once non-ASCII is escaped.
            lines.append(
                "terms = [" + ", ".join(json.dumps(w, ensure_ascii=True) for w in words) + "]"
            )
    return "\n".join(lines) + "\n"


def load_terms_file(path: str | os.PathLike) -> Terms:
    """Reads and checks a terms file; raises ExtraTermsError with a plain-English reason."""
    import tomllib

    p = Path(path)
    try:
        size = p.stat().st_size
        if not p.is_file():
            raise ExtraTermsError(
                f"{p}: not a file; give the terms file written by "
                "`safehaven policy export-terms -o FILE`."
            )
        if size > MAX_FILE_BYTES:
            raise ExtraTermsError(f"{p}: larger than 1 MB; a terms file holds words and phrases.")
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ExtraTermsError(
            f"{p}: no such file; write it with `safehaven policy export-terms -o {p}`."
        ) from None
    except PermissionError:
        raise ExtraTermsError(f"{p}: not allowed to read it; check its permissions.") from None
    except OSError as exc:
        raise ExtraTermsError(f"{p}: cannot read it ({exc.strerror or exc}).") from None
    try:
        table = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ExtraTermsError(f"{p}: not UTF-8 text; save it as UTF-8.") from None
    except tomllib.TOMLDecodeError as exc:
        raise ExtraTermsError(f"{p}: not a valid terms file ({exc}).") from None
    flat: dict[str, object] = {}
    for category, section in table.items():
        if not isinstance(section, dict) or set(section) - {"terms"}:
            raise ExtraTermsError(
                f"{p}: expected [{category}] followed by a `terms = [...]` list, and nothing else."
            )
        flat[category] = section.get("terms", [])
    return clean_terms(flat, where=str(p))


_lock = threading.Lock()
# (digest of the terms in force, SAFEHAVEN_LEXICON_DIR as activate() left it); "" = no terms
_active: list[str] = ["", ""]
_folders: dict[str, Path] = {}


def activate(terms: Terms | Mapping[str, Sequence[str]]) -> None:
    """Makes this process's engine use `terms` on top of the shipped lexicons (and any folders
    already in SAFEHAVEN_LEXICON_DIR). Cheap when the same terms are already in force; empty
    terms take earlier ones away again."""
    cleaned = clean_terms(dict(terms) if not isinstance(terms, Mapping) else terms)
    digest = hashlib.sha256(terms_toml(cleaned).encode()).hexdigest()[:16] if cleaned else ""
    current = os.environ.get("SAFEHAVEN_LEXICON_DIR", "")
    if _active[0] == digest and (not digest or current == _active[1]):
        return
    from safehaven.core.detect.lexicons import clear_caches

    with _lock:
        current = os.environ.get("SAFEHAVEN_LEXICON_DIR", "")
        ours = {str(f) for f in _folders.values()}
        dirs = [d for d in current.split(os.pathsep) if d and d not in ours]
        if cleaned:
            folder = _folders.get(digest)
            if folder is None:
                folder = Path(tempfile.mkdtemp(prefix="safehaven-terms-"))
                atexit.register(shutil.rmtree, folder, True)
                (folder / "categories.toml").write_text(
                    terms_toml(cleaned, header="The DPO's extra terms (safehaven --extra-terms)."),
                    encoding="utf-8",
                )
                _folders[digest] = folder
            dirs.append(str(folder))
        value = os.pathsep.join(dirs)
        if value:
            os.environ["SAFEHAVEN_LEXICON_DIR"] = value
        else:
            os.environ.pop("SAFEHAVEN_LEXICON_DIR", None)
        if value != current:
            clear_caches()
        _active[0], _active[1] = digest, value
