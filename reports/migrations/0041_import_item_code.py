"""Import items keep their refusal's code, so that a retry re-queues only the failures that may
go otherwise (an internal error, a conflict with a stored report), not files refused for what
they are. Items that failed on an internal error before are given that code."""

from django.db import migrations, models


def mark_internal_errors(apps, schema_editor):
    ImportItem = apps.get_model("reports", "ImportItem")
    ImportItem.objects.using(schema_editor.connection.alias).filter(
        status="failed", reason__startswith="内部错误"
    ).update(code="internal_error")


class Migration(migrations.Migration):

    dependencies = [
        ("reports", "0040_report_constraint_messages"),
    ]

    operations = [
        migrations.AddField(
            model_name="importitem",
            name="code",
            field=models.CharField(blank=True, max_length=32, verbose_name="原因代码"),
        ),
        migrations.RunPython(mark_internal_errors, migrations.RunPython.noop),
    ]
