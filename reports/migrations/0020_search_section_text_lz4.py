"""Section texts in the search index are compressed with lz4, like report texts (0015).

A section is read whenever it is checked against a query, and the long ones (about one in
seven at 100k synthetic reports) are stored compressed. Checking the 22,003 candidate sections
of an AND of two terms took 109 ms with pglz and 62 ms with lz4; on a 2% sample of sections
the table is no larger (55.5 MB against 55.8), and writing it took 0.9 s instead of 2.1.
Existing rows keep pglz until the index is rebuilt (both read back the same).
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0019_search_bigrams_in_c"),
    ]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE reports_searchsection "
            "ALTER COLUMN heading SET COMPRESSION lz4, ALTER COLUMN body SET COMPRESSION lz4",
            reverse_sql="ALTER TABLE reports_searchsection "
            "ALTER COLUMN heading SET COMPRESSION pglz, ALTER COLUMN body SET COMPRESSION pglz",
        ),
    ]
