"""Search tables: words hashed with CRC-32, and the section as an index row's key.

Words are now hashed with CRC-32 (``reports.search.tokens.word_hash``), so the index rows are
emptied. They are derived data: ``bin/run`` indexes the missing reports at start, or run
``manage.py rebuild_search_index``.

An index row's own serial id duplicated its section's id; the section id is now the primary
key, one index fewer.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0016_search_sample_index_own_expression"),
    ]

    operations = [
        migrations.RunSQL(
            "TRUNCATE reports_searchsection, reports_searchreport",
            reverse_sql="TRUNCATE reports_searchsection, reports_searchreport",
        ),
        migrations.RemoveField(
            model_name="searchsection",
            name="id",
        ),
        migrations.AlterField(
            model_name="searchsection",
            name="section",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE,
                primary_key=True,
                related_name="+",
                serialize=False,
                to="reports.section",
            ),
        ),
    ]
