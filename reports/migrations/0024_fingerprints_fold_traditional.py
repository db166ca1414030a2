"""Report fingerprints fold traditional characters to simplified ones (``fingerprint_text``).

Only reports whose text holds a traditional character get a new fingerprint. When two stored
reports are the same text in both scripts, the later keeps its old fingerprint (the column is
unique); a new import of either is then recognised as a duplicate of the first.
"""

import hashlib
import re
import unicodedata

from django.db import migrations

from reports.hanzi import to_simplified, traditional_to_simplified


def _fingerprint(text: str, *, fold: bool) -> str:
    folded = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return hashlib.sha256((to_simplified(folded) if fold else folded).encode("utf-8")).hexdigest()


def refold(fold: bool):
    def run(apps, schema_editor):
        Report = apps.get_model("reports", "Report")
        traditional = set(traditional_to_simplified())
        taken = set(Report.objects.values_list("text_sha256", flat=True))
        for pk, text, old in Report.objects.order_by("pk").values_list("pk", "text", "text_sha256").iterator():
            if traditional.isdisjoint(text):
                continue
            new = _fingerprint(text, fold=fold)
            if new != old and new not in taken:
                Report.objects.filter(pk=pk).update(text_sha256=new)
                taken.discard(old)
                taken.add(new)

    return run


class Migration(migrations.Migration):
    dependencies = [("reports", "0023_indicator_admin_labels")]

    operations = [migrations.RunPython(refold(True), refold(False))]
