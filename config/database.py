"""Prepared statements (settings: DB_PREPARED_STATEMENTS) outlive a migration that changes the
type of a column they read: PostgreSQL then refuses to run them ("cached plan must not change
result type") and psycopg keeps offering them, so a worker's connection would fail the same
query until DB_CONN_MAX_AGE ran out. When PostgreSQL says so, the connection is marked obsolete:
Django replaces it at the end of the request (and the task worker before its next task), so
each connection fails one query, in the minutes between `migrate` and the restart that loads
the release (README, "Running in production")."""

import time

from django.db import DatabaseError
from django.db.backends.signals import connection_created
from django.dispatch import receiver

OUTDATED_PLAN = "cached plan must not change result type"


def replace_connection_after_outdated_plan(execute, sql, params, many, context):
    try:
        return execute(sql, params, many, context)
    except DatabaseError as error:
        if OUTDATED_PLAN in str(error):
            # Read by close_old_connections(), which closes it (Django's CONN_MAX_AGE check).
            context["connection"].close_at = time.monotonic()
        raise


@receiver(connection_created)
def watch_for_outdated_plans(sender, connection, **kwargs) -> None:
    if not connection.settings_dict["OPTIONS"].get("server_side_binding"):
        return  # no prepared statements (SQLite, or DB_PREPARED_STATEMENTS=false)
    if replace_connection_after_outdated_plan not in connection.execute_wrappers:
        connection.execute_wrappers.append(replace_connection_after_outdated_plan)
