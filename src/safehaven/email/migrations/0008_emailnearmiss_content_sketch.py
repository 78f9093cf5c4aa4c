from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("mail", "0007_decidernotice"),
    ]

    operations = [
        migrations.AddField(
            model_name="emailnearmiss",
            name="content_sketch",
            field=models.TextField(blank=True, default=""),
            preserve_default=False,
        ),
    ]
