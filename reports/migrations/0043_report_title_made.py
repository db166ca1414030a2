"""Reports say when their title was made from the agency and year (the page gave none).

Rows stored before keep False until re-parsed (``manage.py reparse_reports``).
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0042_report_title_trigram_index'),
    ]

    operations = [
        migrations.AddField(
            model_name='report',
            name='title_made',
            field=models.BooleanField(default=False, verbose_name='标题为本站拟定'),
        ),
    ]
