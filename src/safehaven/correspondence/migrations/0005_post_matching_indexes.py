"""Indexes on the records tables that incoming-post matching needs (POST-1).

They live here, not in the records app, because the records app has another owner; the SQL is
the same on SQLite and PostgreSQL (both support partial indexes) and is reversible.

- the current address's postcode: a postcode read off an item finds the children living there;
- the NHS number: an NHS number read off an item finds its child directly.
"""

from django.db import migrations

INDEXES = [
    (
        "corr_match_address_postcode",
        "records_address (postcode, service_user_id) WHERE valid_to IS NULL",
    ),
    ("corr_match_su_nhs", "records_serviceuser (nhs_number) WHERE nhs_number <> ''"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("correspondence", "0004_post_log_professional_letters"),
        ("records", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            sql=f"CREATE INDEX IF NOT EXISTS {name} ON {target}",
            reverse_sql=f"DROP INDEX IF EXISTS {name}",
        )
        for name, target in INDEXES
    ]
