"""Tests on a real PostgreSQL server; host and port are filled in by tests/conftest.py."""

from __future__ import annotations

from safehaven.settings.test import *  # noqa: F403

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "safehaven",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": "127.0.0.1",
        "PORT": "5432",
    }
}
