"""A report moved in the admin onto an agency and year that already has a current report, or
given an implausible year, is refused with a message in Chinese instead of the constraint's name.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0039_township_level'),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name='report',
            name='report_one_current_version_per_agency_year',
            constraint=models.UniqueConstraint(condition=models.Q(('is_current', True)), fields=('agency', 'year'), name='report_one_current_version_per_agency_year', violation_error_message='这个机关这一年度已有一份现行报告:请改填机关或年度,或先把那份报告设为非现行。'),
        ),
        migrations.AlterConstraint(
            model_name='report',
            name='report_year_plausible',
            constraint=models.CheckConstraint(condition=models.Q(('year__gte', 2000), ('year__lte', 2100)), name='report_year_plausible', violation_error_message='年度应在 2000 至 2100 之间。'),
        ),
    ]
