"""An index for `near_miss_capture`'s look-up of a retried capture (source reference, kind):
without it every held or blocked email scanned the near-miss log (additive, no data change)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("oversight", "0003_policy_sar_verification"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="nearmiss",
            index=models.Index(fields=["source_reference", "kind"], name="nearmiss_source_kind"),
        ),
    ]
