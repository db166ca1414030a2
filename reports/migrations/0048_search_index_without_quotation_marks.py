"""The search normaliser drops quotation marks (“八五”普法 is indexed as 八五普法), so the index
rows, which hold normalised text, are emptied here and written again: ``bin/run`` runs
``rebuild_search_index --missing`` at every start, which rebuilds an empty index in full (in
parallel, the GIN indexes built once at the end). Until then searches find nothing."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0047_search_index_names"),
    ]

    operations = [
        migrations.RunSQL(
            "TRUNCATE reports_searchsection, reports_searchreport", reverse_sql=migrations.RunSQL.noop
        ),
    ]
