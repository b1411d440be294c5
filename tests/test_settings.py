"""Settings come from environment variables parsed strictly: a malformed value is an error."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from mlmun.settings import BASE_DIR, env_bool, env_list, parse_database_url


def test_env_bool_refuses_a_malformed_value(monkeypatch):
    monkeypatch.setenv("DEBUG_PROBE", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG_PROBE must be one of"):
        env_bool("DEBUG_PROBE")


def test_env_list_refuses_empty_items(monkeypatch):
    monkeypatch.setenv("HOSTS_PROBE", "a.example,,b.example")
    with pytest.raises(ImproperlyConfigured):
        env_list("HOSTS_PROBE")


def test_database_url_sqlite_default_and_postgres():
    sqlite = parse_database_url("sqlite:///mlmun.sqlite3")
    assert sqlite["NAME"] == BASE_DIR / "mlmun.sqlite3"
    assert (sqlite["OPTIONS"]["transaction_mode"], sqlite["OPTIONS"]["timeout"]) == ("IMMEDIATE", 20)
    assert "journal_mode=WAL" in sqlite["OPTIONS"]["init_command"]
    assert parse_database_url("postgres://u:p%40ss@db.example:5433/mlmun") == {
        "ENGINE": "django.db.backends.postgresql", "NAME": "mlmun", "USER": "u", "PASSWORD": "p@ss",
        "HOST": "db.example", "PORT": "5433", "CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True,
    }
    with pytest.raises(ImproperlyConfigured, match="must start with sqlite:// or postgres://"):
        parse_database_url("mysql://x/y")


def run_manage(*args, **env):
    clean = {k: v for k, v in os.environ.items()
             if k not in ("DEBUG", "SECRET_KEY", "DATABASE_URL", "ALLOWED_HOSTS", "SITE_URL")
             and not k.startswith(("SECURE_", "SESSION_", "CSRF_", "DJANGO_ALLOW_ASYNC"))}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=Path(BASE_DIR), env={**clean, **env},
        capture_output=True, text=True, timeout=120,
    )


def test_secret_key_is_required_when_debug_is_off():
    result = run_manage("check")
    assert result.returncode == 1
    assert "SECRET_KEY is required when DEBUG is off" in result.stderr


def test_site_url_is_required_when_debug_is_off():
    result = run_manage("check", SECRET_KEY="x" * 50, ALLOWED_HOSTS="mlmun.example.org")
    assert result.returncode == 1
    assert "SITE_URL is required when DEBUG is off" in result.stderr


def test_check_deploy_is_clean_with_production_like_variables():
    result = run_manage(
        "check", "--deploy", "--fail-level", "WARNING",
        SECRET_KEY="a-long-random-production-secret-key-with-plenty-of-entropy-1234567890",
        ALLOWED_HOSTS="mlmun.example.org", SITE_URL="https://mlmun.example.org",
    )
    assert (result.returncode, result.stderr) == (0, ""), result.stderr
    assert "System check identified no issues" in result.stdout
