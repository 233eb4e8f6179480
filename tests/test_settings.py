"""Production settings: the deployment checklist passes, and a missing secret key fails loudly."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def _manage(*args, tmp_path, **env):
    environment = {
        "PATH": os.environ.get("PATH", ""),
        # Empty values win over a developer's .env (python-dotenv never overrides).
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "",
        "DJANGO_ALLOWED_HOSTS": "",
        # Production's default; the development .env turns it off for the demo logins.
        "DJANGO_REQUIRE_2FA": "1",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_STATIC_ROOT": str(tmp_path / "static"),
        **env,
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings(tmp_path):
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        tmp_path=tmp_path,
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="presession.example.org",
    )

    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_missing_secret_key_with_debug_off_fails_with_a_clear_message(tmp_path):
    result = _manage("check", tmp_path=tmp_path, DJANGO_ALLOWED_HOSTS="presession.example.org")

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off" in result.stderr
