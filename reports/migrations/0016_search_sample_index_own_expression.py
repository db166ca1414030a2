"""The sample index gets an expression of its own, so that only it can answer a sample query.

With the same expression as ``search_report_text_gin`` and no statistics on either, the planner
costed both indexes alike and, at 100k reports, answered the sample query from the full index,
filtering out 15 rows in 16 (90 ms instead of a few). ``search_sample_bigrams`` is the same
function under another name (plpgsql, so it is never inlined into ``search_bigrams``).
"""

from django.db import migrations

CREATE_FUNCTION = """
CREATE FUNCTION search_sample_bigrams(text) RETURNS tsvector
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$
BEGIN
    RETURN search_bigrams($1);
END
$$
"""


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0015_search_index_on_text"),
    ]

    operations = [
        migrations.RunSQL(CREATE_FUNCTION, reverse_sql="DROP FUNCTION search_sample_bigrams(text)"),
        # Word for word reports.search.models SAMPLE_BIGRAMS and SAMPLE_CONDITION.
        migrations.RunSQL(
            [
                "DROP INDEX search_report_sample_gin",
                "CREATE INDEX search_report_sample_gin ON reports_searchreport "
                "USING gin (search_sample_bigrams(text)) WHERE (hashint8(report_id) & 15) = 0",
                "ALTER INDEX search_report_sample_gin ALTER COLUMN 1 SET STATISTICS 0",
            ],
            reverse_sql=[
                "DROP INDEX search_report_sample_gin",
                "CREATE INDEX search_report_sample_gin ON reports_searchreport "
                "USING gin (search_bigrams(text)) WHERE (hashint8(report_id) & 15) = 0",
            ],
        ),
    ]
