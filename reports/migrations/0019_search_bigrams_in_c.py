"""``search_bigrams`` becomes the C function of ``reports/search/pg`` where the server has it.

Same results as the plpgsql definition (which stays wherever the library cannot be loaded), so
the GIN indexes are kept as they are. ``manage.py rebuild_search_index`` makes the same choice
again each time it runs, so a library installed later is picked up and one removed is let go.
"""

from django.db import migrations

from reports.search.index_functions import PLPGSQL_DEFINITION, use_fastest_functions


def forwards(apps, schema_editor):
    use_fastest_functions(schema_editor.connection)


def backwards(apps, schema_editor):
    schema_editor.execute(PLPGSQL_DEFINITION)


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0018_search_report_filter_keys"),
    ]

    operations = [
        migrations.RunPython(forwards, backwards),
    ]
