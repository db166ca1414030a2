"""Catalogue entries saved in the admin before 0052 kept the browser's \\r\\n line breaks in their
cues and definition, so an entry opened and saved unchanged no longer matched the fingerprint of
the file version it came from and ``sync_catalogue`` stopped refreshing it. Write them with \\n,
as the file does and as ``IndicatorDefinition.save`` now does; extraction reads the same cues.
"""

from django.db import migrations


def unify_line_breaks(apps, schema_editor):
    definitions = apps.get_model("reports", "IndicatorDefinition")
    for row in definitions.objects.filter(cues__contains="\r") | definitions.objects.filter(
        definition__contains="\r"
    ):
        row.cues = row.cues.replace("\r\n", "\n").replace("\r", "\n")
        row.definition = row.definition.replace("\r\n", "\n").replace("\r", "\n")
        row.save(update_fields=["cues", "definition"])


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0051_short_texts_cut"),
    ]

    operations = [
        migrations.RunPython(unify_line_breaks, migrations.RunPython.noop),
    ]
