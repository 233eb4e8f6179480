"""Production settings: the deployment checklist passes, and a missing secret key fails loudly."""

import json
import os
import secrets
import socket
import subprocess
import sys
from pathlib import Path

import pytest

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
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
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


def _settings_of(expression, tmp_path, **env):
    """The value of `expression` (over django.conf.settings and django.core.cache.cache)
    in a fresh process started with `env`: settings are read once, at start-up."""
    environment = {
        "PATH": os.environ.get("PATH", ""),
        "DJANGO_SETTINGS_MODULE": "upr_presession.settings",
        "DJANGO_DEBUG": "1",
        "DJANGO_SECRET_KEY": "settings-test",
        # Empty values win over a developer's .env (python-dotenv never overrides).
        "REDIS_URL": "",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
        **env,
    }
    script = (
        "import json, django; django.setup()\n"
        "from django.conf import settings\n"
        "from django.core.cache import cache\n"
        f"print(json.dumps({expression}, default=str))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_sqlite_configured_for_concurrent_writers(tmp_path):
    options = _settings_of('settings.DATABASES["default"]["OPTIONS"]', tmp_path)

    assert options == {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }


def test_postgresql_gets_no_sqlite_options(tmp_path):
    options = _settings_of(
        'settings.DATABASES["default"].get("OPTIONS", {})',
        tmp_path,
        DATABASE_URL="postgres://upr@127.0.0.1:5432/upr",
    )

    assert options == {}


def test_cache_is_redis_when_redis_url_is_set(tmp_path):
    url = "redis://127.0.0.1:6379/3"

    default = _settings_of('settings.CACHES["default"]', tmp_path, REDIS_URL=url)

    assert default == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "upr",
    }


def test_cache_without_redis_is_a_folder_every_process_shares(tmp_path):
    folder = tmp_path / "shared-cache"

    default = _settings_of('settings.CACHES["default"]', tmp_path, DJANGO_CACHE_DIR=str(folder))
    written = _settings_of(
        'cache.set("report", "rendered once", 60) or "done"', tmp_path, DJANGO_CACHE_DIR=str(folder)
    )
    read_elsewhere = _settings_of('cache.get("report")', tmp_path, DJANGO_CACHE_DIR=str(folder))

    assert default == {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(folder),
        "OPTIONS": {"MAX_ENTRIES": 20_000},
    }
    assert (written, read_elsewhere) == ("done", "rendered once")


def _redis_reachable(host="127.0.0.1", port=6379):
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.skipif(not _redis_reachable(), reason="no Redis server at 127.0.0.1:6379")
def test_redis_cache_round_trip_between_processes(tmp_path):
    url = "redis://127.0.0.1:6379/0"
    key = f"settings-test-{secrets.token_hex(8)}"

    written = _settings_of(f'cache.set("{key}", [1, "two"], 30) or "done"', tmp_path, REDIS_URL=url)
    read_elsewhere = _settings_of(f'cache.get("{key}")', tmp_path, REDIS_URL=url)
    deleted = _settings_of(f'cache.delete("{key}")', tmp_path, REDIS_URL=url)

    assert (written, read_elsewhere, deleted) == ("done", [1, "two"], True)
