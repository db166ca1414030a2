"""The report GIN indexes hold the place and the year beside the bigrams (btree_gin).

One index scan then intersects a term with the filters: with a province and a year, a term in
3 reports of 4 at 100k reports left ~100,000 rows to read and filter, now ~1,000. A separate
btree index on the place would also do it, but it would tempt the planner, when it expects a
handful of rows, to read them through the btree and compute the bigrams row by row (~10 ms a
report).
"""

from django.db import migrations

# Word for word reports.search.models REPORT_BIGRAMS, SAMPLE_BIGRAMS, REPORT_FILTER_KEYS and
# SAMPLE_CONDITION.
FILTER_KEYS = "province_id, city_id, county_id, (year + 0)"
SAMPLE = "WHERE (hashint8(report_id) & 15) = 0"


def _report_indexes(keys: str) -> list[str]:
    return [
        "DROP INDEX search_report_text_gin",
        "DROP INDEX search_report_sample_gin",
        f"CREATE INDEX search_report_text_gin ON reports_searchreport USING gin (search_bigrams(text){keys})",
        "CREATE INDEX search_report_sample_gin ON reports_searchreport "
        f"USING gin (search_sample_bigrams(text){keys}) {SAMPLE}",
        # See 0015: no statistics on the bigram expressions.
        "ALTER INDEX search_report_text_gin ALTER COLUMN 1 SET STATISTICS 0",
        "ALTER INDEX search_report_sample_gin ALTER COLUMN 1 SET STATISTICS 0",
    ]


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0017_search_crc_words_section_key"),
    ]

    operations = [
        # A trusted extension (PostgreSQL 13+): the database owner may create it.
        migrations.RunSQL("CREATE EXTENSION IF NOT EXISTS btree_gin", reverse_sql=migrations.RunSQL.noop),
        migrations.RunSQL(_report_indexes(f", {FILTER_KEYS}"), reverse_sql=_report_indexes("")),
    ]
