# A number that changes whenever reports, agencies or places change: library-wide reads kept in a
# process (reports.library_cache) stay valid until it moves, instead of for a fixed minute.

from django.db import migrations

TABLES = ("reports_report", "reports_agency", "reports_region")

FORWARD = [
    # Values come from a sequence, so a number handed out in a transaction that rolled back is
    # never handed out again (a value kept under it can never be mistaken for a later state).
    "CREATE SEQUENCE reports_library_generation_seq",
    "CREATE TABLE reports_library_generation (generation bigint NOT NULL)",
    "INSERT INTO reports_library_generation VALUES (nextval('reports_library_generation_seq'))",
    """
    CREATE FUNCTION reports_bump_library_generation() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        UPDATE reports_library_generation SET generation = nextval('reports_library_generation_seq');
        RETURN NULL;
    END $$
    """,
    *(
        f"CREATE TRIGGER {table}_bumps_library_generation"
        f" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}"
        " FOR EACH STATEMENT EXECUTE FUNCTION reports_bump_library_generation()"
        for table in TABLES
    ),
]

BACKWARD = [
    *(f"DROP TRIGGER {table}_bumps_library_generation ON {table}" for table in TABLES),
    "DROP FUNCTION reports_bump_library_generation()",
    "DROP TABLE reports_library_generation",
    "DROP SEQUENCE reports_library_generation_seq",
]


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0026_section_index_by_report"),
    ]

    operations = [migrations.RunSQL(FORWARD, BACKWARD)]
