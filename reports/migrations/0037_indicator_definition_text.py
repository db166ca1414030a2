"""Catalogue definitions gain their definition text (口径说明).

Rows staff never edited take the text and any other change from the catalogue file; edited rows
keep their content and start with no text, which staff can write in the admin.
"""

from django.db import migrations, models

from reports.indicators.loading import sync_catalogue


def fill_definitions(apps, schema_editor):
    sync_catalogue(
        apps.get_model("reports", "IndicatorGroup"),
        apps.get_model("reports", "IndicatorDefinition"),
        using=schema_editor.connection.alias,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0036_unless_lifting_word_help"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicatordefinition",
            name="definition",
            field=models.TextField(
                blank=True, help_text="这项指标统计什么、不统计什么;显示在指标名称旁。", verbose_name="口径说明"
            ),
        ),
        migrations.RunPython(fill_definitions, migrations.RunPython.noop),
    ]
