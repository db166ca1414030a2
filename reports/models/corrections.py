"""Staff corrections: who changed what by hand, kept so that re-parsing and re-extraction re-apply it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from .library import Report


class StaffCorrection(models.Model):
    """Who made a staff correction and when; corrections are re-applied after every re-parse."""

    corrected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="校正人",
    )
    corrected_at = models.DateTimeField("校正时间", auto_now=True)

    class Meta:
        abstract = True


class ReportCorrection(StaffCorrection):
    """A report field staff set by hand, re-applied whenever the report's file is parsed again.

    ``field`` is a Report field (title, year, published_on, signed_on, agency) or
    ``section:<path>:label`` / ``section:<path>:topic`` for a section relabelled in the admin.
    ``value`` is the JSON form: dates as ISO strings, the agency as its primary key.
    """

    REPORT_FIELDS = ("title", "year", "published_on", "signed_on", "agency")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="corrections")
    field = models.CharField("字段", max_length=64)
    value = models.JSONField("校正值", null=True)

    class Meta:
        ordering = ["report", "field"]
        verbose_name = verbose_name_plural = "报告校正"
        constraints = [
            models.UniqueConstraint(fields=["report", "field"], name="report_correction_field_unique"),
            models.CheckConstraint(
                condition=Q(field__in=["title", "year", "published_on", "signed_on", "agency"])
                | Q(field__regex=r"^section:[0-9.]+:(label|topic)$"),
                name="report_correction_field_known",
            ),
        ]

    def __str__(self) -> str:
        return f"报告 #{self.report_id} {self.field}"
