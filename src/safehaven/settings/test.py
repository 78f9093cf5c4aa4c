"""Tests on SQLite (the default test database)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from safehaven.settings.base import *  # noqa: F403

SECRET_KEY = "test-secret-key-not-for-production"  # noqa: S105
REGISTER_CHAIN_KEY = "test-register-key"
DEBUG = False
ALLOWED_HOSTS = ["*"]
DATA_DIR = Path(tempfile.gettempdir()) / "safehaven-test-data"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "test.sqlite3"),
        "TEST": {"NAME": str(DATA_DIR / "test-db.sqlite3")},
    }
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
