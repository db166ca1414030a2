"""Uploads: staff send files in the admin; each upload is an ImportBatch with one ImportItem per
file, processed by the background worker (``reports.uploads``).
"""

from __future__ import annotations

import re

from django.conf import settings
from django.db import models
from django.db.models import Q

from .library import Report, SourceFile


class ImportBatch(models.Model):
    """One upload in the admin: who sent it, when, and the facts they stated for all its files."""

    class Kind(models.TextChoices):
        UPLOAD = "upload", "上传"
        REPARSE = "reparse", "重新解析"

    kind = models.CharField("类型", max_length=16, choices=Kind.choices, default=Kind.UPLOAD)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="上传人",
    )
    created_at = models.DateTimeField("上传时间", auto_now_add=True)
    # Overrides of what detection finds, applied to every file of the batch (blank: detect).
    agency_name = models.CharField("机关名称", max_length=128, blank=True)
    region_code = models.CharField("区划代码", max_length=6, blank=True)
    year = models.PositiveSmallIntegerField("报告年度", null=True, blank=True)
    source_url = models.URLField("来源网址", max_length=500, blank=True)
    published_on = models.DateField("发布日期", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = verbose_name_plural = "导入批次"
        constraints = [
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=2000, year__lte=2100),
                name="import_batch_year_plausible",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["upload", "reparse"]), name="import_batch_kind_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"批次 #{self.pk}"


class ImportItemQuerySet(models.QuerySet["ImportItem"]):
    def unfinished(self) -> ImportItemQuerySet:
        return self.filter(status__in=ImportItem.UNFINISHED)

    def retryable_failures(self) -> ImportItemQuerySet:
        """Failed items a retry may import: those that failed on an error, or on a conflict with
        the library that staff may since have put right. A refusal of the file itself (not a
        report, no year) would only come back: it needs a new upload with the missing facts."""
        return self.filter(status=ImportItem.Status.FAILED, code__in=ImportItem.RETRYABLE_CODES)


# A refusal's English gloss in brackets: words only, no address or number (not 据网址(www.x.gov.cn)).
_ENGLISH_GLOSS = re.compile(r"\s?\((?=[A-Za-z])[A-Za-z ,;:'/\-]*\)")


class ImportItem(models.Model):
    """One file of a batch and what became of it.

    The bytes stay on the item (``data``) until they are stored as a report's ``SourceFile``,
    which the item then links instead, so no upload is ever lost: a failed or duplicate file can
    be retried or downloaded. A re-parse item links the report's file from the start.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", "排队中"
        PARSING = "parsing", "解析中"
        DONE = "done", "已导入"
        NEW_VERSION = "new_version", "已导入(新版本)"
        DUPLICATE = "duplicate", "重复"
        FAILED = "failed", "失败"
        NEEDS_OCR = "needs_ocr", "需文字识别"

    UNFINISHED = (Status.QUEUED, Status.PARSING)
    # Failure codes that depend on more than the file (see ``retryable_failures``).
    INTERNAL_ERROR = "internal_error"
    RETRYABLE_CODES = (
        INTERNAL_ERROR,
        "not_a_version",
        "conflicts_with_current",
        "would_duplicate",
        "corrections_not_found",  # once staff have seen to the corrections
    )

    batch = models.ForeignKey(ImportBatch, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField("顺序")
    filename = models.CharField("文件名", max_length=255)
    size = models.PositiveBigIntegerField("字节数")
    sha256 = models.CharField(max_length=64, blank=True)
    data = models.BinaryField(null=True, blank=True)
    source_file = models.ForeignKey(
        SourceFile, on_delete=models.PROTECT, null=True, blank=True, related_name="import_items"
    )
    status = models.CharField("状态", max_length=16, choices=Status.choices, default=Status.QUEUED)
    reason = models.TextField("原因", blank=True)
    code = models.CharField("原因代码", max_length=32, blank=True)  # the refusal's, or internal_error
    report = models.ForeignKey(
        Report,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="import_items",
        verbose_name="报告",
    )
    duplicate_of = models.ForeignKey(
        Report,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicate_items",
        verbose_name="重复于",
    )
    attempts = models.PositiveSmallIntegerField("尝试次数", default=0)
    queued_at = models.DateTimeField("排队时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    objects = ImportItemQuerySet.as_manager()

    class Meta:
        ordering = ["batch", "position"]
        verbose_name = verbose_name_plural = "导入文件"
        constraints = [
            models.UniqueConstraint(fields=["batch", "position"], name="import_item_batch_position_unique"),
            models.CheckConstraint(
                condition=Q(
                    status__in=[
                        "queued",
                        "parsing",
                        "done",
                        "new_version",
                        "duplicate",
                        "failed",
                        "needs_ocr",
                    ]
                ),
                name="import_item_status_valid",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["failed", "needs_ocr"]) | ~Q(reason=""),
                name="import_item_refusal_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="parsing") | Q(started_at__isnull=False),
                name="import_item_parsing_has_start",
            ),
        ]
        indexes = [models.Index(fields=["status", "started_at"], name="import_item_status_idx")]

    def __str__(self) -> str:
        return self.filename

    @property
    def is_finished(self) -> bool:
        return self.status not in self.UNFINISHED

    @property
    def reason_in_chinese(self) -> str:
        """``reason`` without the English glosses kept for the logs ("文件为空 (empty file)")."""
        return _ENGLISH_GLOSS.sub("", self.reason).strip()

    def file_bytes(self) -> bytes:
        if self.data is not None:
            return bytes(self.data)
        if self.source_file_id is not None:
            return bytes(self.source_file.data)
        return b""
