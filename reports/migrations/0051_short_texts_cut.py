"""Report.text_cut also marks a text too short to hold a whole report's five parts
(``ingest.completeness.WHOLE_REPORT_MIN_CHARS``), as an import now reads it; a text that stops
inside a sentence was marked by 0050."""

from django.db import migrations
from django.db.models.functions import Length

# The rule's threshold when this migration was written: later changes to the rule do not
# change what this migration did.
WHOLE_REPORT_MIN_CHARS = 1000


def mark_short_texts(apps, schema_editor):
    Report = apps.get_model("reports", "Report")
    short = Report.objects.annotate(chars=Length("text")).filter(chars__lt=WHOLE_REPORT_MIN_CHARS)
    short.filter(text_cut=False).update(text_cut=True)


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0050_report_text_cut"),
    ]

    operations = [
        migrations.RunPython(mark_short_texts, migrations.RunPython.noop),
    ]
