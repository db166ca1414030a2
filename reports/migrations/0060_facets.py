"""Catalogue definitions gain their facets (类别) and values the facet they state.

Rows staff never edited take the catalogue file's facets (a field added since a row was shipped
was shipped empty, so it follows the file); values get theirs at their report's next
extraction: ``bin/run`` re-parses every real report these rules have not read (a refused
re-parse still extracts the stored text again); synthetic samples at ``manage.py
extract_indicators``.
"""

from django.db import migrations, models

from reports.indicators.loading import sync_catalogue


def fill_facets(apps, schema_editor):
    sync_catalogue(
        apps.get_model("reports", "IndicatorGroup"),
        apps.get_model("reports", "IndicatorDefinition"),
        using=schema_editor.connection.alias,
    )


def forget_facets(apps, schema_editor):
    # Back before 0060 the rows must not remember shipping facets: applied again, 0060 would
    # read the emptied column as staff's edit and never fill it.
    definitions = apps.get_model("reports", "IndicatorDefinition")
    for row in definitions.objects.using(schema_editor.connection.alias).exclude(shipped_fields={}):
        if "facets" in row.shipped_fields:
            row.shipped_fields = {k: v for k, v in row.shipped_fields.items() if k != "facets"}
            row.save(update_fields=["shipped_fields"])


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0059_search_words_inside_longer_words'),
    ]

    operations = [
        migrations.AddField(
            model_name='indicatordefinition',
            name='facets',
            field=models.TextField(blank=True, help_text='本指标包含几类不宜相互比较的数字时(如取消与下放的事项),每行写一类:名称、冒号、表示它的词(以“|”分隔),如“下放: 下放|赋权|委托”。数字所在分句中出现哪类的词,就标为哪一类;比较页对不同类别的数字不计算增减,并提示。', verbose_name='类别'),
        ),
        migrations.AddField(
            model_name='indicatorvalue',
            name='facet',
            field=models.CharField(blank=True, max_length=64, verbose_name='类别'),
        ),
        migrations.RunPython(fill_facets, forget_facets),
    ]
