"""The report library: places, agencies, the files they published, the reports and their sections."""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from django.contrib.postgres.indexes import GinIndex
from django.db import models
from django.db.models import Q
from django.urls import reverse

from reports.regions.hosts import on_government_site, reposting_place

if TYPE_CHECKING:
    from reports.regions.table import Place


class RegionManager(models.Manager["Region"]):
    def get_by_natural_key(self, code: str) -> Region:
        return self.get(code=code)


class Region(models.Model):
    """A unit of China's administrative tree, keyed by its GB/T 2260 division code."""

    class Level(models.TextChoices):
        # Only agencies are national (ministries: no region); the table's divisions start at provinces.
        NATIONAL = "national", "中央"
        PROVINCE = "province", "省级"
        CITY = "city", "地级"
        COUNTY = "county", "县级"
        # Only agencies are township level (乡镇人民政府, 街道办事处): seated at their county.
        TOWNSHIP = "township", "乡级"

    code = models.CharField("区划代码", max_length=6, unique=True)
    name = models.CharField("名称", max_length=64)
    level = models.CharField("层级", max_length=8, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name="上级区划",
    )
    # Years in which the division table lists this code (names as they were then).
    first_year = models.PositiveSmallIntegerField("始见年份")
    last_year = models.PositiveSmallIntegerField("最后年份")

    objects = RegionManager()

    class Meta:
        ordering = ["code"]
        verbose_name = verbose_name_plural = "行政区划"
        indexes = [models.Index(fields=["parent", "name"], name="region_parent_name_idx")]

    def __str__(self) -> str:
        return self.full_name

    def natural_key(self) -> tuple[str]:
        # Fixtures refer to places by division code, which is stable across databases.
        return (self.code,)

    def ancestors_and_self(self) -> list[Region]:
        chain: list[Region] = []
        node: Region | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return list(reversed(chain))

    def with_descendants(self) -> models.QuerySet[Region]:
        """This place and every place below it (the tree is three levels deep).

        Filter by ``place__in=region.with_descendants().values("pk")``: picking the few places
        from the small region table first is faster than an OR over three joins of every row's
        place (43 vs 18 ms for reports at 50k; 126 vs 51 ms for a county's agencies at 100k)."""
        return Region.objects.filter(Q(pk=self.pk) | Q(parent=self) | Q(parent__parent=self))

    @property
    def full_name(self) -> str:
        return "".join(region.name for region in self.ancestors_and_self())

    def by_level(self) -> dict[str, Region]:
        """This region and its ancestors keyed by level: {'province': …, 'city': …, 'county': …}."""
        return {region.level: region for region in self.ancestors_and_self()}


class AgencyQuerySet(models.QuerySet["Agency"]):
    def without_reports(self) -> AgencyQuerySet:
        """The agencies no report of any version names. Agencies exist because a report named
        them (the place lists count on it), so one a report was moved away from or deleted with
        is dropped; the audit log keeps its row."""
        return self.filter(reports__isnull=True)


class Agency(models.Model):
    """A people's government or one of its departments, placed in the administrative tree."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", "人民政府"
        DEPARTMENT = "department", "政府部门"

    # Pinyin order wherever agencies are sorted by name (ICU's Chinese collation; a code-point
    # order put 重庆 before 安徽).
    name = models.CharField("名称", max_length=128, db_collation="zh-x-icu")
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    # Known from the name even when the place is ambiguous (鼓楼区 is county level wherever it is).
    level = models.CharField("层级", max_length=8, choices=Region.Level.choices)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agencies",
        verbose_name="行政区划",
    )

    objects = AgencyQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "机关"
        constraints = [
            models.UniqueConstraint(
                fields=["name", "region"], nulls_distinct=False, name="agency_name_region_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def place_unknown(self) -> bool:
        """Whether the agency's place was never settled (区城市管理局, an ambiguous 朝阳区人民政府):
        its reports may be namesakes' of several places. A ministry has no place by right."""
        return self.region_id is None and self.level != Region.Level.NATIONAL


class SourceFile(models.Model):
    """The file exactly as received; kept so a report can always be re-parsed or downloaded."""

    sha256 = models.CharField("文件指纹(SHA-256)", max_length=64, unique=True)
    name = models.CharField("文件名", max_length=255)
    size = models.PositiveIntegerField("字节数")
    data = models.BinaryField()
    received_at = models.DateTimeField("接收时间", auto_now_add=True)

    class Meta:
        verbose_name = verbose_name_plural = "原始文件"

    def __str__(self) -> str:
        return self.name


class ReportQuerySet(models.QuerySet["Report"]):
    def current(self) -> ReportQuerySet:
        """Reports not replaced by a later version."""
        return self.filter(is_current=True)

    def in_region(self, region: Region) -> ReportQuerySet:
        """Reports of agencies in ``region`` or anywhere below it."""
        return self.filter(agency__region__in=region.with_descendants().values("pk"))

    def with_listing_data(self) -> ReportQuerySet:
        return self.select_related(
            "agency", "agency__region", "agency__region__parent", "agency__region__parent__parent"
        )


class Report(models.Model):
    """One annual rule-of-law report of one agency, in one version."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="reports", verbose_name="机关")
    year = models.PositiveSmallIntegerField("报告年度")
    title = models.CharField("标题", max_length=255)
    # The page gave no title: ``title`` was made from the agency and year (pages say so).
    title_made = models.BooleanField("标题为本站拟定", default=False)
    published_on = models.DateField("发布日期", null=True, blank=True)
    # The page gave no date; ``published_on`` is the day its address states (…/t20240315_1.html),
    # which a re-posted page sets later than the real one.
    published_on_inferred = models.BooleanField("发布日期据网址推断", default=False, editable=False)
    signed_on = models.DateField("落款日期", null=True, blank=True)
    publisher = models.CharField("发布机构", max_length=128, blank=True)
    index_number = models.CharField("索引号", max_length=64, blank=True)
    source_url = models.URLField("来源网址", max_length=500, blank=True)
    source_file = models.ForeignKey(
        SourceFile, on_delete=models.PROTECT, related_name="reports", verbose_name="原始文件"
    )
    text = models.TextField("正文")
    # The text stops inside a sentence (``ingest.completeness``): only part of the report is
    # stored, so what it does not say may be in the part missing.
    text_cut = models.BooleanField("正文不完整", default=False, editable=False)
    # Hash of the cleaned text: the same report from another file (HTML vs PDF) is a duplicate.
    text_sha256 = models.CharField("正文指纹(SHA-256)", max_length=64, unique=True)
    # Why the place could not be pinned down (e.g. a district name several cities share).
    region_note = models.CharField("地区说明", max_length=255, blank=True)
    # A re-published report with different text becomes a new version; the old one is kept.
    # ``is_current`` duplicates "superseded_by is null" so the database can enforce one current
    # version per agency and year (a partial unique constraint cannot be deferred, and the
    # two rows point at each other while a version is swapped in).
    is_current = models.BooleanField("现行版本", default=True)
    superseded_by = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="earlier_versions",
        verbose_name="被此版本取代",
    )
    # Made by the project's generator for scale work, never a real report; shown as such everywhere.
    is_synthetic = models.BooleanField("合成数据", default=False)
    # ``reading_rules.reading_rules_version()`` of the code that read it ("" before it was kept).
    read_with = models.CharField("解析规则版本", max_length=16, blank=True, editable=False)
    # What the person importing it stated (the upload form's fields, a sources table's row):
    # ``ReportOverrides.as_stated()``, read again by every re-parse ({} when nothing was stated).
    stated = models.JSONField("导入时填写的信息", default=dict, blank=True, editable=False)
    imported_at = models.DateTimeField("导入时间", auto_now_add=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "agency__name"]
        verbose_name = verbose_name_plural = "报告"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"],
                condition=Q(is_current=True),
                name="report_one_current_version_per_agency_year",
                violation_error_message=(
                    "这个机关这一年度已有一份现行报告:请改填机关或年度,或先把那份报告设为非现行。"
                ),
            ),
            models.CheckConstraint(
                condition=Q(year__gte=2000, year__lte=2100),
                name="report_year_plausible",
                violation_error_message="年度应在 2000 至 2100 之间。",
            ),
        ]
        indexes = [
            models.Index(fields=["year"], name="report_year_idx"),
            # The report list's default order, over current versions: a page is an index walk.
            models.Index(
                fields=["-year", "-id"], condition=Q(is_current=True), name="report_current_listing_idx"
            ),
            # Titles holding a search's words (``browse.reports_titled``): LIKE '%…%' by trigrams.
            GinIndex(
                fields=["title"],
                opclasses=["gin_trgm_ops"],
                condition=Q(is_current=True),
                name="report_current_title_trgm",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.pk])

    @property
    def place_note(self) -> str:
        """``region_note`` while it still explains the agency's place: a note on why no place was
        found, or another than staff later gave the agency, is out of date."""
        region = self.agency.region
        if region is None or region.full_name in self.region_note:
            return self.region_note
        return ""

    @property
    def from_other_site(self) -> bool:
        """Whether the report was taken from a copy, whose wording and dates are the copy's, not
        the publisher's: a page off every government's site (gov.cn), a mirror or reprint, or one
        on the site of a government below the agency's place (``reposted_by``)."""
        if not self.source_url:
            return False
        return not on_government_site(self.source_url) or self.reposted_by is not None

    @cached_property
    def reposted_by(self) -> Place | None:
        """The place below the agency's whose government's site the report was taken from (a
        county reposting its province's report), or None."""
        if not self.source_url or self.agency_id is None or self.agency.region is None:
            return None
        return reposting_place(self.source_url, self.agency.region.code)

    @cached_property  # pages ask it up to three times per row (按时, 逾期 or 不详)
    def published_on_time(self) -> bool | None:
        """Published by 1 April of the following year, as the 2019 rules require; None if unknown.
        A day read from the address shows a report on time, never late: a re-post moves it later.
        A copy's date says nothing of when the publisher published."""
        if self.published_on is None or self.from_other_site:
            return None
        on_time = self.published_on <= date(self.year + 1, 4, 1)
        return None if self.published_on_inferred and not on_time else on_time


class Section(models.Model):
    """A heading of the report with its own text; ``path`` places it in the heading tree."""

    class Label(models.TextChoices):
        PREAMBLE = "preamble", "引言"
        MEASURES = "measures", "主要举措和成效"
        PROBLEMS = "problems", "存在的不足"
        LEADERSHIP = "leadership", "第一责任人职责"
        NEXT_STEPS = "next_steps", "下一步安排"
        OTHER = "other", "其他"
        SIGNATURE = "signature", "落款"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField("顺序")
    path = models.CharField("路径", max_length=32)  # "2.1.3": third item under the first under part two
    level = models.PositiveSmallIntegerField("层级")  # 0 for the preamble, 1 for 一、, 2 for (一) …
    number = models.CharField("编号", max_length=16, blank=True)
    heading = models.TextField("标题", blank=True)
    body = models.TextField("正文", blank=True)
    # Offsets into Report.text: the heading and the section's own body, children excluded.
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    label = models.CharField("类别", max_length=16, choices=Label.choices)
    topic = models.CharField("主题", max_length=32, blank=True)

    class Meta:
        ordering = ["report", "position"]
        verbose_name = verbose_name_plural = "章节"
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="section_report_position_unique"),
            models.UniqueConstraint(fields=["report", "path"], name="section_report_path_unique"),
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="section_span_ordered"),
        ]
        indexes = [models.Index(fields=["label"], name="section_label_idx")]

    def __str__(self) -> str:
        return f"{self.number} {self.heading}".strip()

    @property
    def anchor(self) -> str:
        return self.anchor_for(self.path)

    @staticmethod
    def anchor_for(path: str) -> str:
        """The id of a section's element on the report page: path 2.1 → s2-1."""
        return f"s{path.replace('.', '-')}"
