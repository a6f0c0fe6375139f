"""Trigram indexes for the registrant search, on PostgreSQL only.

The notice list's search, the registrant list's search and the registrant chooser all look for
what was typed inside a registrant's name, former name and SEC file number
(registrants.selectors.registrants_matching: `icontains`, which Django writes as
`UPPER(column::text) LIKE UPPER('%typed%')`). A B-tree index cannot serve a pattern that starts
with a wildcard; a GIN index of the same UPPER(...) expressions with pg_trgm's `gin_trgm_ops`
can, for anything of three characters or more (PostgreSQL 15 manual, "pg_trgm", "Index
Support"; pg_trgm is a trusted extension since PostgreSQL 13, so the database's owner may
create it).

SQLite has no such index and is left as it is. A database user that may not create the
extension needs it created once by a superuser first (README, "Production").
"""

from django.db import migrations

COLUMNS = ("name", "former_name", "sec_file_number")
TABLE = "registrants_registrant"


def index_name(column: str) -> str:
    return f"registrant_{column}_trgm_idx"


def create_indexes(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for column in COLUMNS:
            cursor.execute(
                f'CREATE INDEX IF NOT EXISTS "{index_name(column)}" ON "{TABLE}" '
                f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
            )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        for column in COLUMNS:
            cursor.execute(f'DROP INDEX IF EXISTS "{index_name(column)}"')


class Migration(migrations.Migration):
    dependencies = [("registrants", "0008_registrant_name_index")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
