"""Staff review: remember which report fields and section labels a person set by hand.

The admin calls ``record_report_corrections`` after saving a report and
``record_section_corrections`` after saving its sections; ``reparse`` applies the stored
values again after every re-parse. The change itself (who, when, before, after) is in the audit
log, which django-auditlog writes for Report, Section, Agency and both correction models.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.contrib.auth.base_user import AbstractBaseUser

from reports.models import Report, ReportCorrection, Section

SECTION_FIELDS = ("label", "topic")


def record_report_corrections(
    report: Report, changed_fields: Iterable[str], *, user: AbstractBaseUser | None
) -> list[str]:
    """Store the corrected value of each changed reviewable field; returns the fields recorded."""
    recorded = []
    for field in changed_fields:
        if field not in ReportCorrection.REPORT_FIELDS:
            continue
        value = report.agency_id if field == "agency" else getattr(report, field)
        if isinstance(value, date):
            value = value.isoformat()
        ReportCorrection.objects.update_or_create(
            report=report, field=field, defaults={"value": value, "corrected_by": user}
        )
        recorded.append(field)
    return recorded


def record_section_corrections(
    section: Section, changed_fields: Iterable[str], *, user: AbstractBaseUser | None
) -> list[str]:
    recorded = []
    for field in changed_fields:
        if field not in SECTION_FIELDS:
            continue
        ReportCorrection.objects.update_or_create(
            report_id=section.report_id,
            field=f"section:{section.path}:{field}",
            defaults={"value": getattr(section, field), "corrected_by": user},
        )
        recorded.append(field)
    return recorded
