"""Settings come from the environment; production refuses to start unsafely."""

import os
import subprocess
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "k" * 30 + "-production-secret-for-the-deploy-check-0123456789",
    "ALLOWED_HOSTS": "filings.example.com",
    "CSRF_TRUSTED_ORIGINS": "https://filings.example.com",
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key != "SECRET_KEY"}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = manage("check", DEBUG="false", ALLOWED_HOSTS="filings.example.com")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_malformed_yes_no_setting_is_reported_by_name():
    result = manage("check", DEBUG="maybe")
    assert result.returncode != 0
    assert "DEBUG='maybe' is not a yes/no value" in result.stderr


def test_deploy_check_passes_with_the_documented_production_settings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_sqlite_is_the_default_and_database_url_selects_postgresql():
    show = (
        "from django.conf import settings; "
        "print(settings.DATABASES['default']['ENGINE'], settings.DATABASES['default']['NAME'])"
    )
    environment = {key: value for key, value in os.environ.items() if key != "DATABASE_URL"}
    default = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", show],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert default.stdout.split()[-2:] == [
        "django.db.backends.sqlite3",
        str(PROJECT / "db.sqlite3"),
    ]
    postgres = manage(
        "shell", "-c", show, DATABASE_URL="postgres://postgres@127.0.0.1:5432/filings"
    )
    assert postgres.stdout.split()[-2:] == ["django.db.backends.postgresql", "filings"]
