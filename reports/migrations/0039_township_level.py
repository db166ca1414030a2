"""Agencies gain a township level (乡级): town and township governments and street offices.

They were stored as county level (the level of the place they are seated at) and street offices
as departments; the data step moves the agencies whose names say so.
"""

from django.db import migrations, models

from reports.ingest.metadata import TOWNSHIP_ORGAN, split_place

LEVEL_CHOICES = [
    ("national", "中央"),
    ("province", "省级"),
    ("city", "地级"),
    ("county", "县级"),
    ("township", "乡级"),
]


def move_townships(apps, schema_editor):
    Agency = apps.get_model("reports", "Agency")
    for agency in Agency.objects.using(schema_editor.connection.alias).filter(level="county"):
        organ = split_place(agency.name)[1]
        if TOWNSHIP_ORGAN.match(organ):
            agency.level = "township"
            agency.kind = "government"
            agency.save(update_fields=["level", "kind"])


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0038_cue_ahead_help"),
    ]

    operations = [
        migrations.AlterField(
            model_name="agency",
            name="level",
            field=models.CharField(choices=LEVEL_CHOICES, max_length=8, verbose_name="层级"),
        ),
        migrations.AlterField(
            model_name="region",
            name="level",
            field=models.CharField(choices=LEVEL_CHOICES, max_length=8, verbose_name="层级"),
        ),
        migrations.RunPython(move_townships, migrations.RunPython.noop),
    ]
