"""The records stamp and its triggers (SQLite; on PostgreSQL the gateway does not cache)."""

from django.db import migrations, models

# The tables whose rows the gateway's checks read; "serviceuser" has a counter of its own
# because its index is the costly one to rebuild.
WATCHED = {
    "records_serviceuser": "serviceuser",
    "records_professionalcontact": "records",
    "records_relatedperson": "records",
    "records_consent": "records",
    "records_contactrestriction": "records",
    "records_organisation": "records",
    "records_emaildomain": "records",
    "accounts_unit": "records",
    "oversight_policycurrent": "records",
}
OPERATIONS = ("INSERT", "UPDATE", "DELETE")
TRIGGER_SQL = (
    "CREATE TRIGGER IF NOT EXISTS {} AFTER {} ON {} "
    "BEGIN INSERT INTO mail_recordsstamp (source, n) "
    "VALUES ('{}', abs(random() % 1000000000000)) "
    "ON CONFLICT(source) DO UPDATE SET n = n + 1; END"
)


def _trigger(table: str, op: str) -> str:
    return f"mail_stamp_{table}_{op.lower()}"


def create_triggers(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for table, source in WATCHED.items():
        for op in OPERATIONS:
            # A row deleted by a flush starts again from a random value, never from an old one.
            schema_editor.execute(TRIGGER_SQL.format(_trigger(table, op), op, table, source))


def drop_triggers(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in WATCHED:
        for op in OPERATIONS:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {_trigger(table, op)}")


class Migration(migrations.Migration):
    dependencies = [
        ("mail", "0003_emailoverride_emailrecipienthistory"),
        ("records", "0001_initial"),
        ("accounts", "0001_initial"),
        ("oversight", "0003_policy_sar_verification"),
    ]

    operations = [
        migrations.CreateModel(
            name="RecordsStamp",
            fields=[
                ("source", models.CharField(max_length=40, primary_key=True, serialize=False)),
                ("n", models.BigIntegerField(default=0)),
            ],
        ),
        migrations.RunPython(create_triggers, drop_triggers),
    ]
