"""The search index moves from positional tsvectors to normalised text (see reports.search.models).

The index rows are derived data: they are emptied here and written again by
``manage.py rebuild_search_index`` (``bin/run`` runs it with ``--missing`` at every start).
"""

import django.contrib.postgres.fields
from django.db import migrations, models

# The position-less set of a text's character bigrams and of the last character of each piece
# (pieces are separated by U+001F): what the tokeniser wrote as lexemes before, now computed by
# PostgreSQL. Cutting the text after every second character gives the pairs that start at even
# offsets, cutting it without its first character those at odd offsets ("abcde" → "ab|cd|e" and
# "bc|de|"); a piece's last character is left alone at one of the two cuts.
# plpgsql, so it is never inlined and its cost tells the planner never to evaluate it per row
# when an index can answer instead.
CREATE_FUNCTION = r"""
CREATE FUNCTION search_bigrams(text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
BEGIN
    RETURN array_to_tsvector(array_remove(string_to_array(
        regexp_replace($1, '(..)', E'\\1\x1f', 'g') || E'\x1f'
            || regexp_replace(substr($1, 2), '(..)', E'\\1\x1f', 'g'),
        E'\x1f'), ''));
END
$$
"""

# Expressions word for word as reports.search.models REPORT_BIGRAMS and SECTION_BIGRAMS, the
# predicate as SAMPLE_CONDITION. No statistics: ANALYZE would compute the expression for every
# sampled row (minutes for long reports), and the search queries fix their plans themselves.
CREATE_INDEXES = [
    "CREATE INDEX search_report_text_gin ON reports_searchreport USING gin (search_bigrams(text))",
    "CREATE INDEX search_report_sample_gin ON reports_searchreport USING gin (search_bigrams(text)) "
    "WHERE (hashint8(report_id) & 15) = 0",
    "CREATE INDEX search_section_text_gin ON reports_searchsection "
    "USING gin (search_bigrams(heading || chr(31) || body))",
]
NO_STATISTICS = [
    f"ALTER INDEX {name} ALTER COLUMN 1 SET STATISTICS 0"
    for name in ("search_report_text_gin", "search_report_sample_gin", "search_section_text_gin")
]


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0014_drop_unused_search_heads"),
    ]

    operations = [
        migrations.RunSQL(
            "TRUNCATE reports_searchsection, reports_searchreport",
            reverse_sql="TRUNCATE reports_searchsection, reports_searchreport",
        ),
        migrations.RunSQL(
            "DROP INDEX search_report_sample_gin",
            reverse_sql="CREATE INDEX search_report_sample_gin ON reports_searchreport USING gin (terms) "
            "WHERE (hashint8(report_id) & 15) = 0",
        ),
        migrations.RemoveIndex(model_name="searchreport", name="search_report_terms_gin"),
        migrations.RemoveIndex(model_name="searchsection", name="search_section_document_gin"),
        migrations.RemoveField(model_name="searchreport", name="terms"),
        migrations.RemoveField(model_name="searchsection", name="document"),
        migrations.RemoveField(model_name="searchsection", name="chunk"),
        # Words as 32-bit hashes (reports.search.tokens.word_hash): a third of a tsvector's room.
        migrations.RemoveField(model_name="searchreport", name="words"),
        migrations.AddField(
            model_name="searchreport",
            name="words",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.IntegerField(), default=list, size=None
            ),
        ),
        migrations.AddField(
            model_name="searchreport",
            name="text",
            field=models.TextField(default=""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="searchsection",
            name="heading",
            field=models.TextField(default=""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="searchsection",
            name="body",
            field=models.TextField(default=""),
            preserve_default=False,
        ),
        # lz4 decompresses several times faster than pglz, and a report's text is read whenever
        # the report is checked against a query.
        migrations.RunSQL(
            "ALTER TABLE reports_searchreport ALTER COLUMN text SET COMPRESSION lz4",
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.RunSQL(CREATE_FUNCTION, reverse_sql="DROP FUNCTION search_bigrams(text)"),
        migrations.RunSQL(
            CREATE_INDEXES + NO_STATISTICS,
            reverse_sql=[
                "DROP INDEX search_report_text_gin",
                "DROP INDEX search_report_sample_gin",
                "DROP INDEX search_section_text_gin",
            ],
        ),
    ]
