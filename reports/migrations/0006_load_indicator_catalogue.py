"""Load the indicator catalogue (reports/indicators/catalogue.toml) into the catalogue tables.

From here on the tables are the catalogue: staff extend them in the admin.
"""

from django.db import migrations

from reports.indicators.loading import sync_catalogue


def load_catalogue(apps, schema_editor):
    sync_catalogue(
        apps.get_model("reports", "IndicatorGroup"),
        apps.get_model("reports", "IndicatorDefinition"),
        using=schema_editor.connection.alias,
    )


def unload_catalogue(apps, schema_editor):
    alias = schema_editor.connection.alias
    apps.get_model("reports", "IndicatorValue").objects.using(alias).all().delete()
    apps.get_model("reports", "IndicatorCorrection").objects.using(alias).all().delete()
    apps.get_model("reports", "IndicatorDefinition").objects.using(alias).all().delete()
    apps.get_model("reports", "IndicatorGroup").objects.using(alias).all().delete()


class Migration(migrations.Migration):
    dependencies = [("reports", "0005_indicators")]

    operations = [migrations.RunPython(load_catalogue, unload_catalogue)]
