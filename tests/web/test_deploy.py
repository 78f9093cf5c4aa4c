"""Production settings pass Django's deployment checklist with warnings as failures."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

SAFEHAVEN = Path(sys.executable).with_name("safehaven")


def _run_check(tmp_path, **extra) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "safehaven.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "SAFEHAVEN_REGISTER_KEY": secrets.token_urlsafe(32),
            "ALLOWED_HOSTS": "safehaven.example.org",
            "SAFEHAVEN_DATA_DIR": str(tmp_path),
            **extra,
        }
    )
    return subprocess.run(
        [str(SAFEHAVEN), "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_passes_with_production_settings(tmp_path):
    result = _run_check(tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_fails_without_a_real_secret_key(tmp_path):
    result = _run_check(tmp_path, SECRET_KEY="short")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
