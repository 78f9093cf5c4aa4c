"""The embedded default: one process, SQLite under SAFEHAVEN_DATA_DIR, a key generated once."""

from __future__ import annotations

import secrets

from safehaven.settings.base import *  # noqa: F403
from safehaven.settings.base import DATA_DIR


def _secret_from_file(name: str) -> str:
    """Reads a secret kept beside the database, creating it on first use (0600)."""
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    path = DATA_DIR / name
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = os.environ.get("SECRET_KEY") or _secret_from_file("secret_key")  # noqa: F405
REGISTER_CHAIN_KEY = (
    os.environ.get("SAFEHAVEN_REGISTER_KEY") or _secret_from_file("register_key")  # noqa: F405
)
DEBUG = os.environ.get("SAFEHAVEN_DEBUG") == "1"  # noqa: F405
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]  # noqa: F405
