"""Catalogue definitions remember the file's value of each field (``shipped_fields``), not one
fingerprint of the whole file version (``shipped``), so a sync refreshes every field staff never
edited: a definition text staff rewrote no longer keeps the file's new cues from the row.

A row whose content still had its fingerprint was never edited: each of its values is the
file's. Of an edited row, the fingerprint tells which single field staff changed when the file
still gives that field the value it had then (the common case: staff rewrote the 口径说明); of
any other edited row nothing is known, and its fields follow the file again only once they agree
with it (``sync_catalogue``).
"""

from django.db import migrations, models

from reports.indicators.loading import (
    TRACKED_FIELDS,
    content_fingerprint,
    definition_fields,
    read_catalogue_file,
    tracked_values,
)


def _as_shipped(row, from_file: dict[str, str] | None) -> dict[str, str]:
    own = tracked_values(vars(row), row.group.key)
    if not row.shipped:
        return {}
    if content_fingerprint(own, own["group"]) == row.shipped:
        return own
    for name in TRACKED_FIELDS if from_file else ():
        candidate = {**own, name: from_file[name]}
        if content_fingerprint(candidate, candidate["group"]) == row.shipped:
            return candidate
    return {}


def remember_fields(apps, schema_editor):
    definitions = apps.get_model("reports", "IndicatorDefinition")
    _groups, records = read_catalogue_file()
    in_file = {
        str(record["key"]): tracked_values(definition_fields(record, 0), str(record.get("group", "")))
        for record in records
    }
    for row in definitions.objects.using(schema_editor.connection.alias).select_related("group"):
        row.shipped_fields = _as_shipped(row, in_file.get(row.key))
        row.save(update_fields=["shipped_fields"])


def remember_fingerprints(apps, schema_editor):
    definitions = apps.get_model("reports", "IndicatorDefinition")
    for row in definitions.objects.using(schema_editor.connection.alias).select_related("group"):
        own = tracked_values(vars(row), row.group.key)
        row.shipped = content_fingerprint(own, own["group"]) if row.shipped_fields == own else ""
        row.save(update_fields=["shipped"])


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0052_catalogue_line_breaks"),
    ]

    operations = [
        migrations.AddField(
            model_name="indicatordefinition",
            name="shipped_fields",
            field=models.JSONField(blank=True, default=dict, editable=False, verbose_name="随项目发布的内容"),
        ),
        migrations.RunPython(remember_fields, remember_fingerprints),
        migrations.RemoveField(
            model_name="indicatordefinition",
            name="shipped",
        ),
    ]
