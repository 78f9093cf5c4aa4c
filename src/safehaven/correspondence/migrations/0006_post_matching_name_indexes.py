"""Two-column name indexes for incoming-post matching by name (POST-1): the prefilter asks for
"family name starts with X and given name starts with Y" (and the other way round), which a
single-column index answers only by reading every row of the wider range.

On the records table, kept here because the records app has another owner. On PostgreSQL the
columns use varchar_pattern_ops so LIKE 'ab%' can use them under any collation; SQLite takes
plain columns.
"""

from django.db import migrations

INDEXES = {
    "corr_match_su_family_given": ("family_key", "given_key"),
    "corr_match_su_given_family": ("given_key", "family_key"),
}


def create(apps, schema_editor):
    pg = schema_editor.connection.vendor == "postgresql"
    for name, columns in INDEXES.items():
        cols = ", ".join(f"{c} varchar_pattern_ops" if pg else c for c in columns)
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON records_serviceuser ({cols})")


def drop(apps, schema_editor):
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("correspondence", "0005_post_matching_indexes"),
        ("records", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop)]
