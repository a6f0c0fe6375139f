"""Settings come from the environment; production refuses to start unsafely."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.db import DatabaseError, close_old_connections, connection

from registrants.models import Registrant

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


@pytest.mark.parametrize("value, expected", [("", True), ("false", False), ("true", True)])
def test_segregation_of_duties_is_on_unless_turned_off(value, expected):
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SEGREGATION_OF_DUTIES)",
        SEGREGATION_OF_DUTIES=value,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == str(expected)


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


def database_settings(**env: str) -> dict:
    show = (
        "import json; from django.conf import settings; "
        "print(json.dumps(settings.DATABASES['default'], default=str))"
    )
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "DB_PREPARED_STATEMENTS"}
    }
    environment.update(env)
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", show],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_sqlite_default_queues_writers_instead_of_failing_them():
    database = database_settings()
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "PRAGMA journal_mode=WAL" in database["OPTIONS"]["init_command"]
    assert database["OPTIONS"]["timeout"] == 20
    assert database_settings(SQLITE_BUSY_SECONDS="45")["OPTIONS"]["timeout"] == 45


def test_database_connections_persist_with_health_checks_by_default():
    postgres = database_settings(DATABASE_URL="postgres://postgres@127.0.0.1:5432/filings")
    assert postgres["CONN_MAX_AGE"] == 600
    assert postgres["CONN_HEALTH_CHECKS"] is True
    assert "transaction_mode" not in postgres.get("OPTIONS", {})
    assert database_settings(DB_CONN_MAX_AGE="0")["CONN_MAX_AGE"] == 0


def test_postgresql_prepares_statements_unless_turned_off_for_a_pooler():
    url = "postgres://postgres@127.0.0.1:5432/filings?sslmode=prefer"
    options = database_settings(DATABASE_URL=url)["OPTIONS"]
    assert options == {"sslmode": "prefer", "server_side_binding": True, "prepare_threshold": 5}
    off = database_settings(DATABASE_URL=url, DB_PREPARED_STATEMENTS="false")["OPTIONS"]
    assert off == {"sslmode": "prefer"}
    assert "server_side_binding" not in database_settings()["OPTIONS"]


prepared_statements = pytest.mark.skipif(
    not connection.settings_dict["OPTIONS"].get("server_side_binding"),
    reason="prepared statements: PostgreSQL unless DB_PREPARED_STATEMENTS=false",
)


@pytest.mark.django_db
@prepared_statements
def test_a_query_run_often_is_planned_once_on_its_connection():
    for _ in range(6):
        list(User.objects.filter(username="nobody"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('"auth_user"."username" = $1' in statement for statement in prepared)


@pytest.mark.django_db(transaction=True)
@prepared_statements
def test_a_connection_whose_plans_a_migration_outdated_fails_once_then_is_replaced():
    """As when `migrate` changes a column's type on another server (config/database.py)."""

    def cities() -> list[str]:
        return list(Registrant.objects.filter(pk=0).values_list("city", flat=True))

    for _ in range(6):
        assert cities() == []
    column = Registrant._meta.get_field("city")
    alter = 'ALTER TABLE "registrants_registrant" ALTER COLUMN "city" TYPE varchar({})'
    migrating = connection.copy()  # another connection to the same database
    try:
        with migrating.cursor() as cursor:
            cursor.execute(alter.format(column.max_length + 1))
        with pytest.raises(DatabaseError, match="cached plan must not change result type"):
            cities()
        close_old_connections()  # the end of the request
        assert cities() == []
    finally:
        close_old_connections()
        with migrating.cursor() as cursor:
            cursor.execute(alter.format(column.max_length))
        migrating.close()
