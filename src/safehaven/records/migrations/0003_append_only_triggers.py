"""Database triggers that refuse UPDATE and DELETE on the access log and the change history
(SQLite, PostgreSQL), the same pattern as register/0002_append_only_triggers.

The SQL lives here, frozen with the migration; tests/conftest.py reuses SQLITE_* to lift the
guard for test-database flushes only. A later migration that rebuilds one of these tables on
SQLite (some AlterField operations do) drops its triggers: re-run SQLITE_CREATE after it.
"""

from django.db import migrations

TABLES = ("records_accesslog", "records_changerecord")


def _sqlite_create(table: str) -> list[str]:
    return [
        f"CREATE TRIGGER {table}_no_update BEFORE UPDATE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: UPDATE refused'); END",
        f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{table} is append-only: DELETE refused'); END",
    ]


def _sqlite_drop(table: str) -> list[str]:
    return [
        f"DROP TRIGGER IF EXISTS {table}_no_update",
        f"DROP TRIGGER IF EXISTS {table}_no_delete",
    ]


SQLITE_CREATE = [s for t in TABLES for s in _sqlite_create(t)]
SQLITE_DROP = [s for t in TABLES for s in _sqlite_drop(t)]

POSTGRES_CREATE = [
    """
    CREATE OR REPLACE FUNCTION records_refuse_change() RETURNS trigger AS $$
    BEGIN
        -- Test databases are emptied with TRUNCATE between tests; only a session that set
        -- safehaven.allow_truncate (the test settings do) may do that. UPDATE and DELETE
        -- have no such way round.
        IF TG_OP = 'TRUNCATE'
           AND coalesce(current_setting('safehaven.allow_truncate', true), '') = 'on' THEN
            RETURN NULL;
        END IF;
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
            USING ERRCODE = 'restrict_violation';
    END;
    $$ LANGUAGE plpgsql
    """,
    *[
        f"CREATE TRIGGER {t}_append_only BEFORE UPDATE OR DELETE ON {t} "
        f"FOR EACH ROW EXECUTE FUNCTION records_refuse_change()"
        for t in TABLES
    ],
    *[
        f"CREATE TRIGGER {t}_no_truncate BEFORE TRUNCATE ON {t} "
        f"FOR EACH STATEMENT EXECUTE FUNCTION records_refuse_change()"
        for t in TABLES
    ],
]
POSTGRES_DROP = [
    *[f"DROP TRIGGER IF EXISTS {t}_append_only ON {t}" for t in TABLES],
    *[f"DROP TRIGGER IF EXISTS {t}_no_truncate ON {t}" for t in TABLES],
    "DROP FUNCTION IF EXISTS records_refuse_change()",
]


class VendorRunSQL(migrations.RunSQL):
    """RunSQL whose forward and reverse SQL are chosen by database vendor."""

    def __init__(self, sql: dict[str, list[str]], reverse_sql: dict[str, list[str]]):
        super().__init__(sql="", reverse_sql="")
        self.vendor_sql = sql
        self.vendor_reverse_sql = reverse_sql

    def deconstruct(self):
        return (
            self.__class__.__name__,
            [],
            {"sql": self.vendor_sql, "reverse_sql": self.vendor_reverse_sql},
        )

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        self._run_sql(schema_editor, self.vendor_sql.get(schema_editor.connection.vendor, []))

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        self._run_sql(
            schema_editor, self.vendor_reverse_sql.get(schema_editor.connection.vendor, [])
        )


class Migration(migrations.Migration):
    dependencies = [("records", "0002_change_history_webhooks")]

    operations = [
        VendorRunSQL(
            sql={"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE},
            reverse_sql={"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP},
        ),
    ]
