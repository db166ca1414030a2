"""Agencies gain a township level (乡级): town and township governments and street offices.

They were stored as county level (the level of the place they are seated at) and street offices
as departments; the data step moves the agencies whose names say so, and their search rows.
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
    alias = schema_editor.connection.alias
    Agency = apps.get_model("reports", "Agency")
    moved = [
        agency.pk
        for agency in Agency.objects.using(alias).filter(level="county")
        if TOWNSHIP_ORGAN.match(split_place(agency.name)[1])
    ]
    Agency.objects.using(alias).filter(pk__in=moved).update(level="township", kind="government")
    # The search rows copy the agency's kind and level (its facets and filters read them).
    for name in ("SearchReport", "SearchSection"):
        rows = apps.get_model("reports", name).objects.using(alias)
        rows.filter(report__agency_id__in=moved).update(level="township", kind="government")


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
