# Extracted or corrected indicator values change what compare pages count across the library
# (the index's reports per key), so they move the library generation too (see 0027).

from django.db import migrations

TRIGGER = "reports_indicatorvalue_bumps_library_generation"


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0028_indicator_value_by_key"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE TRIGGER {TRIGGER} AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON reports_indicatorvalue"
            " FOR EACH STATEMENT EXECUTE FUNCTION reports_bump_library_generation()",
            f"DROP TRIGGER {TRIGGER} ON reports_indicatorvalue",
        )
    ]
