"""Catalogue definitions gain their facets (口径细分) and values the facet they state.

Rows staff never edited take the catalogue file's facets (a field added since a row was shipped
was shipped empty, so it follows the file); values get theirs at their report's next
extraction, which ``bin/run`` runs for every report these rules have not read.
"""

from django.db import migrations, models

from reports.indicators.loading import sync_catalogue


def fill_facets(apps, schema_editor):
    sync_catalogue(
        apps.get_model("reports", "IndicatorGroup"),
        apps.get_model("reports", "IndicatorDefinition"),
        using=schema_editor.connection.alias,
    )


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0059_search_words_inside_longer_words'),
    ]

    operations = [
        migrations.AddField(
            model_name='indicatordefinition',
            name='facets',
            field=models.TextField(blank=True, help_text='本指标包含几种不宜相互比较的数字时(如取消与下放的事项),每行写一种:名称、冒号、表示它的词(以“|”分隔),如“下放: 下放|赋权|委托”。数字所在分句中出现哪些词,就标为哪种口径;比较页对不同口径的数字不计算增减,并提示。', verbose_name='口径细分'),
        ),
        migrations.AddField(
            model_name='indicatorvalue',
            name='facet',
            field=models.CharField(blank=True, max_length=64, verbose_name='口径细分'),
        ),
        migrations.RunPython(fill_facets, migrations.RunPython.noop),
    ]
