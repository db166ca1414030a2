"""A report's search words now hold every dictionary word inside a longer one (行政复议 inside
行政复议体制改革), which the ranking's whole-word tier reads. As in 0048, the index rows are
emptied here and written again: ``bin/run`` runs ``rebuild_search_index --missing`` at every
start, which rebuilds an empty index in full. Until then searches find nothing."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0058_report_stated"),
    ]

    operations = [
        migrations.RunSQL(
            "TRUNCATE reports_searchsection, reports_searchreport", reverse_sql=migrations.RunSQL.noop
        ),
    ]
