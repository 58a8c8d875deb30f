"""Make the audit log append-only in the database itself, not just in Python.

Updates are refused on every database. Deletes are refused on PostgreSQL; on
SQLite the test framework empties tables with DELETE between tests, so there
the model and queryset refuse deletes instead (TRUNCATE, which PostgreSQL's
test framework uses, does not fire row triggers).
"""

from django.db import migrations

SQLITE_FORWARD = [
    """
    CREATE TRIGGER core_auditentry_no_update BEFORE UPDATE ON core_auditentry
    BEGIN SELECT RAISE(ABORT, 'audit log entries are append-only'); END;
    """,
]
SQLITE_BACKWARD = ["DROP TRIGGER IF EXISTS core_auditentry_no_update;"]

POSTGRES_FORWARD = [
    """
    CREATE OR REPLACE FUNCTION core_auditentry_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'audit log entries are append-only';
    END;
    $$ LANGUAGE plpgsql;
    """,
    """
    CREATE TRIGGER core_auditentry_append_only BEFORE UPDATE OR DELETE ON core_auditentry
    FOR EACH ROW EXECUTE FUNCTION core_auditentry_append_only();
    """,
]
POSTGRES_BACKWARD = [
    "DROP TRIGGER IF EXISTS core_auditentry_append_only ON core_auditentry;",
    "DROP FUNCTION IF EXISTS core_auditentry_append_only();",
]


def _run(statements_by_vendor):
    def run(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE_FORWARD, "postgresql": POSTGRES_FORWARD}),
            _run({"sqlite": SQLITE_BACKWARD, "postgresql": POSTGRES_BACKWARD}),
        )
    ]
