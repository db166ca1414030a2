"""The section index holds grams instead of bigrams (``search_grams``, see reports.search.tokens).

A gram is a bigram tagged with the character after it, so a term of three or more characters
selects the sections holding its characters in order rather than all its bigrams anywhere. The
index is built from the stored text, so no rows are rewritten; on a large library this
migration takes as long as that index's part of a full rebuild.
"""

from django.db import migrations

from reports.search.index_functions import GRAMS_PLPGSQL_DEFINITION, use_fastest_functions

# Word for word as reports.search.models.SECTION_GRAMS; no statistics, as in migration 0015.
CREATE_INDEX = [
    "CREATE INDEX search_section_grams_gin ON reports_searchsection "
    "USING gin (search_grams(heading || chr(31) || body))",
    "ALTER INDEX search_section_grams_gin ALTER COLUMN 1 SET STATISTICS 0",
]
OLD_INDEX = [
    "CREATE INDEX search_section_text_gin ON reports_searchsection "
    "USING gin (search_bigrams(heading || chr(31) || body))",
    "ALTER INDEX search_section_text_gin ALTER COLUMN 1 SET STATISTICS 0",
]


def use_c_functions(apps, schema_editor):
    # The C search_grams where the server has the library: the index below builds several
    # times faster with it.
    use_fastest_functions(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0024_fingerprints_fold_traditional"),
    ]

    operations = [
        migrations.RunSQL(GRAMS_PLPGSQL_DEFINITION, reverse_sql="DROP FUNCTION search_grams(text)"),
        migrations.RunPython(use_c_functions, migrations.RunPython.noop),
        migrations.RunSQL("DROP INDEX search_section_text_gin", reverse_sql=OLD_INDEX),
        migrations.RunSQL(CREATE_INDEX, reverse_sql="DROP INDEX search_section_grams_gin"),
    ]
