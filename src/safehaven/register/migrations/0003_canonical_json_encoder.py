"""The register's JSON columns are written as `chain.json_text` (chain format 2).

The encoder only changes the text Django writes for new rows; the column types stay as they
are, so no SQL runs (on SQLite an AlterField would rebuild the table and drop the append-only
triggers with it). Existing rows are never rewritten: they keep chain format 1.
"""

from django.db import migrations, models

import safehaven.register.chain


class Migration(migrations.Migration):
    dependencies = [("register", "0002_append_only_triggers")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="disclosure",
                    name="payload",
                    field=models.JSONField(
                        blank=True,
                        default=dict,
                        encoder=safehaven.register.chain.CanonicalJSONEncoder,
                    ),
                ),
                migrations.AlterField(
                    model_name="disclosure",
                    name="service_user_ids",
                    field=models.JSONField(
                        default=list, encoder=safehaven.register.chain.CanonicalJSONEncoder
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
