"""Load the national division table (reports/data/divisions.csv) into Region."""

from django.db import migrations

from reports.regions.loading import remove_regions, sync_regions


def load_divisions(apps, schema_editor):
    sync_regions(apps.get_model("reports", "Region"), using=schema_editor.connection.alias)


def unload_divisions(apps, schema_editor):
    remove_regions(apps.get_model("reports", "Region"), using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("reports", "0001_initial")]

    operations = [migrations.RunPython(load_divisions, unload_divisions)]
