"""Report.text_cut: the stored text stops inside a sentence, so only part of the report is
stored. Existing reports are read from the end of their text, as an import now reads them."""

from django.db import migrations, models
from django.db.models.functions import Right

from reports.ingest.completeness import TAIL_CHARS, ends_mid_sentence

BATCH = 2000


def mark_cut_texts(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    ends = Report.objects.annotate(tail=Right("text", TAIL_CHARS)).values_list("pk", "tail")
    cut = [pk for pk, tail in ends.iterator(chunk_size=BATCH) if ends_mid_sentence(tail)]
    for start in range(0, len(cut), BATCH):
        Report.objects.filter(pk__in=cut[start : start + BATCH]).update(text_cut=True)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0049_unless_in_parts_help"),
    ]

    operations = [
        migrations.AddField(
            model_name="report",
            name="text_cut",
            field=models.BooleanField(default=False, editable=False, verbose_name="正文不完整"),
        ),
        migrations.RunPython(mark_cut_texts, migrations.RunPython.noop),
    ]
