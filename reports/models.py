"""The report library: places, agencies, the files they published, the reports and their sections."""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse

from reports.indicators.catalogue import parse_cue


class RegionManager(models.Manager["Region"]):
    def get_by_natural_key(self, code: str) -> Region:
        return self.get(code=code)


class Region(models.Model):
    """A unit of China's administrative tree, keyed by its GB/T 2260 division code."""

    class Level(models.TextChoices):
        PROVINCE = "province", "省级"
        CITY = "city", "地级"
        COUNTY = "county", "县级"

    code = models.CharField("区划代码", max_length=6, unique=True)
    name = models.CharField("名称", max_length=64)
    level = models.CharField("层级", max_length=8, choices=Level.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
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

    @property
    def full_name(self) -> str:
        return "".join(region.name for region in self.ancestors_and_self())

    def by_level(self) -> dict[str, Region]:
        """This region and its ancestors keyed by level: {'province': …, 'city': …, 'county': …}."""
        return {region.level: region for region in self.ancestors_and_self()}


class Agency(models.Model):
    """A people's government or one of its departments, placed in the administrative tree."""

    class Kind(models.TextChoices):
        GOVERNMENT = "government", "人民政府"
        DEPARTMENT = "department", "政府部门"

    name = models.CharField("名称", max_length=128)
    kind = models.CharField("类型", max_length=16, choices=Kind.choices)
    # Known from the name even when the place is ambiguous (鼓楼区 is county level wherever it is).
    level = models.CharField("层级", max_length=8, choices=Region.Level.choices)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="agencies"
    )

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


class SourceFile(models.Model):
    """The file exactly as received; kept so a report can always be re-parsed or downloaded."""

    sha256 = models.CharField(max_length=64, unique=True)
    name = models.CharField("文件名", max_length=255)
    size = models.PositiveIntegerField("字节数")
    data = models.BinaryField()
    received_at = models.DateTimeField(auto_now_add=True)

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
        # The subtree is picked from the small region table first; an OR across three joins of
        # every report's place took twice as long (43 vs 18 ms at 50k reports).
        subtree = Region.objects.filter(Q(pk=region.pk) | Q(parent=region) | Q(parent__parent=region))
        return self.filter(agency__region__in=subtree.values("pk"))

    def with_listing_data(self) -> ReportQuerySet:
        return self.select_related(
            "agency", "agency__region", "agency__region__parent", "agency__region__parent__parent"
        )


class Report(models.Model):
    """One annual rule-of-law report of one agency, in one version."""

    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="reports")
    year = models.PositiveSmallIntegerField("报告年度")
    title = models.CharField("标题", max_length=255)
    published_on = models.DateField("发布日期", null=True, blank=True)
    signed_on = models.DateField("落款日期", null=True, blank=True)
    publisher = models.CharField("发布机构", max_length=128, blank=True)
    index_number = models.CharField("索引号", max_length=64, blank=True)
    source_url = models.URLField("来源网址", max_length=500, blank=True)
    source_file = models.ForeignKey(SourceFile, on_delete=models.PROTECT, related_name="reports")
    text = models.TextField("正文")
    # Hash of the cleaned text: the same report from another file (HTML vs PDF) is a duplicate.
    text_sha256 = models.CharField(max_length=64, unique=True)
    # Why the place could not be pinned down (e.g. a district name several cities share).
    region_note = models.CharField("地区说明", max_length=255, blank=True)
    # A re-published report with different text becomes a new version; the old one is kept.
    # ``is_current`` duplicates "superseded_by is null" so the database can enforce one current
    # version per agency and year (a partial unique constraint cannot be deferred, and the
    # two rows point at each other while a version is swapped in).
    is_current = models.BooleanField("现行版本", default=True)
    superseded_by = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="earlier_versions"
    )
    # Made by the project's generator for scale work, never a real report; shown as such everywhere.
    is_synthetic = models.BooleanField("合成数据", default=False)
    imported_at = models.DateTimeField(auto_now_add=True)

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "agency__name"]
        verbose_name = verbose_name_plural = "报告"
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year"],
                condition=Q(is_current=True),
                name="report_one_current_version_per_agency_year",
            ),
            models.CheckConstraint(condition=Q(year__gte=2000, year__lte=2100), name="report_year_plausible"),
        ]
        indexes = [
            models.Index(fields=["year"], name="report_year_idx"),
            # The report list's default order, over current versions: a page is an index walk.
            models.Index(
                fields=["-year", "-id"], condition=Q(is_current=True), name="report_current_listing_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reports:detail", args=[self.pk])

    @property
    def published_on_time(self) -> bool | None:
        """Published by 1 April of the following year, as the 2019 rules require; None if unknown."""
        if self.published_on is None:
            return None
        return self.published_on <= date(self.year + 1, 4, 1)


class Section(models.Model):
    """A heading of the report with its own text; ``path`` places it in the heading tree."""

    class Label(models.TextChoices):
        PREAMBLE = "preamble", "引言"
        MEASURES = "measures", "主要举措和成效"
        PROBLEMS = "problems", "存在的不足"
        LEADERSHIP = "leadership", "第一责任人职责"
        NEXT_STEPS = "next_steps", "下一步安排"
        OTHER = "other", "其他"

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
        return f"s{self.path.replace('.', '-')}"


# --- Indicators ---------------------------------------------------------------------------------
# The catalogue staff extend in the admin, the values extracted from each report, and the staff
# corrections that outlive re-extraction. Extraction itself is ``reports.indicators.store``.


class IndicatorGroupManager(models.Manager["IndicatorGroup"]):
    def get_by_natural_key(self, key: str) -> IndicatorGroup:
        return self.get(key=key)


class IndicatorGroup(models.Model):
    """A heading of the catalogue (行政执法, 矛盾纠纷化解 …) under which the report page lists figures."""

    key = models.SlugField("键", max_length=32, unique=True)
    name = models.CharField("名称", max_length=64)
    position = models.PositiveSmallIntegerField("顺序", default=0)

    objects = IndicatorGroupManager()

    class Meta:
        ordering = ["position", "key"]
        verbose_name = verbose_name_plural = "指标分组"

    def __str__(self) -> str:
        return self.name

    def natural_key(self) -> tuple[str]:
        return (self.key,)


class IndicatorDefinitionManager(models.Manager["IndicatorDefinition"]):
    def get_by_natural_key(self, key: str) -> IndicatorDefinition:
        return self.get(key=key)


class IndicatorDefinition(models.Model):
    """One key of the indicator catalogue, with the cue phrases that map a figure to it.

    The rows start as a copy of ``reports/indicators/catalogue.toml`` (data migration) and are
    what extraction uses from then on, so an admin edit takes effect at the next extraction.
    List fields are plain text, as the TOML writes them: ``units``, ``unless`` and ``combines``
    space-separated, ``cues`` one cue per line.
    """

    class Scope(models.TextChoices):
        JURISDICTION = "jurisdiction", "辖区(全区/全市)"
        ORGAN = "organ", "本机关"
        ANY = "any", "不限"

    key = models.SlugField("键", max_length=64, unique=True, help_text="英文小写和下划线;有数据后不要改名。")
    name = models.CharField("名称", max_length=128)
    group = models.ForeignKey(IndicatorGroup, on_delete=models.PROTECT, related_name="definitions")
    # When several keys match a figure equally well, the one listed first wins.
    position = models.PositiveIntegerField("顺序", default=0, help_text="同等匹配时顺序小的优先。")
    units = models.CharField("单位", max_length=128, blank=True, help_text="空格分隔,如:件 份 个 %")
    scope = models.CharField("通常范围", max_length=16, choices=Scope.choices, default=Scope.ANY)
    cues = models.TextField(
        "提示词",
        blank=True,
        help_text="每行一条;一条里的词以空格分隔且都须出现,“|”分隔可替换的词,"
        "以 @ 开头的词也可出现在句子前文。",
    )
    unless = models.CharField("排除词", max_length=255, blank=True, help_text="空格分隔;出现即不归入本指标。")
    combines = models.CharField(
        "合计指标", max_length=255, blank=True, help_text="合并计数时,它相加的指标键,空格分隔。"
    )
    is_active = models.BooleanField("启用", default=True)

    objects = IndicatorDefinitionManager()

    class Meta:
        ordering = ["position", "key"]
        verbose_name = verbose_name_plural = "指标定义"

    def __str__(self) -> str:
        return f"{self.name}({self.key})"

    def natural_key(self) -> tuple[str]:
        # Fixtures refer to definitions by key: the rows come from a migration, not the fixture.
        return (self.key,)

    def as_record(self) -> dict[str, object]:
        """The fields in the shape ``reports.indicators.catalogue_from_records`` reads."""
        return {
            "key": self.key,
            "name": self.name,
            "group": self.group.key,
            "units": self.units.split(),
            "scope": self.scope,
            "cues": [line.strip() for line in self.cues.splitlines() if line.strip()],
            "unless": self.unless.split(),
            "combines": self.combines.split(),
        }

    def clean(self) -> None:
        for line in self.cues.splitlines():
            if line.strip():
                try:
                    parse_cue(line.strip())
                except ValueError as error:
                    raise ValidationError({"cues": f"无法解析的提示词“{line.strip()}”:{error}"}) from error
        unknown = set(self.combines.split()) - set(
            IndicatorDefinition.objects.filter(key__in=self.combines.split()).values_list("key", flat=True)
        )
        if unknown:
            raise ValidationError({"combines": f"未知的指标键:{' '.join(sorted(unknown))}"})


class IndicatorValueQuerySet(models.QuerySet["IndicatorValue"]):
    def shown(self) -> IndicatorValueQuerySet:
        """Values not rejected by staff (a figure a person said is no quantity stays out of view)."""
        return self.filter(rejected=False)


class IndicatorValue(models.Model):
    """One quantity a report states, as extracted (and, where staff corrected it, as corrected).

    ``text[start:end]`` of the report is the figure and ``text[sentence_start:sentence_end]`` its
    sentence. ``key``/``definition``/``value``/``unit`` are what pages show: the extractor's output
    with any ``IndicatorCorrection`` for the same span applied; ``extracted_key`` keeps what the
    extractor said. Rows are replaced wholesale on every extraction.
    """

    class Measure(models.TextChoices):
        LEVEL = "level", "数值"
        CHANGE_PCT = "change_pct", "增减幅度"
        CHANGE_POINTS = "change_points", "增减百分点"
        CHANGE_ABS = "change_abs", "增减量"

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="indicator_values")
    definition = models.ForeignKey(
        IndicatorDefinition, on_delete=models.SET_NULL, null=True, blank=True, related_name="values"
    )
    key = models.CharField("指标键", max_length=64, blank=True)  # "" when unmapped
    extracted_key = models.CharField("自动识别的指标键", max_length=64, blank=True)
    value = models.DecimalField("数值", max_digits=30, decimal_places=8)
    value_high = models.DecimalField("区间上限", max_digits=30, decimal_places=8, null=True, blank=True)
    unit = models.CharField("单位", max_length=16, blank=True)  # as stated, normalised: 件 万件 万元 %
    base_value = models.DecimalField("基本单位数值", max_digits=30, decimal_places=8)
    base_unit = models.CharField("基本单位", max_length=16, blank=True)  # 件; money in 万元
    qualifier = models.CharField("限定词", max_length=8, blank=True)  # 余 近 约 超过 以上 …
    measure = models.CharField("类型", max_length=16, choices=Measure.choices, default=Measure.LEVEL)
    derived = models.BooleanField("由文字推出", default=False)  # 实现全覆盖 -> 100%
    combined = models.BooleanField("合并计数", default=False)  # 人大建议、政协提案109件
    scope = models.CharField("范围", max_length=16, blank=True)  # jurisdiction, organ, all_levels
    figure = models.CharField("原文数字", max_length=100)
    sentence = models.TextField("所在句子")
    sentence_start = models.PositiveIntegerField()
    sentence_end = models.PositiveIntegerField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, null=True, blank=True, related_name="indicator_values"
    )
    section_path = models.CharField("章节路径", max_length=32, blank=True)
    correction = models.ForeignKey(
        "IndicatorCorrection", on_delete=models.SET_NULL, null=True, blank=True, related_name="values"
    )
    rejected = models.BooleanField("已被否定", default=False)

    objects = IndicatorValueQuerySet.as_manager()

    class Meta:
        ordering = ["report", "start", "pk"]
        verbose_name = verbose_name_plural = "指标数值"
        constraints = [
            models.CheckConstraint(
                condition=Q(start__lt=models.F("end")), name="indicator_value_span_ordered"
            ),
            models.CheckConstraint(
                condition=Q(sentence_start__lte=models.F("sentence_end")),
                name="indicator_value_sentence_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["report", "start"], name="indicator_value_report_idx"),
            models.Index(fields=["definition", "report"], name="indicator_value_def_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.key or '未归类'} {self.figure}"

    @property
    def anchor(self) -> str:
        return f"ind-{self.pk}"


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


class IndicatorCorrection(StaffCorrection):
    """A staff correction of the figure at ``start``–``end`` of a report, re-applied on every extraction.

    Keyed by the figure's offsets, which never change for a report (a changed text is a new
    version, i.e. a new report). Empty fields leave the extractor's reading as it is.
    """

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="indicator_corrections")
    start = models.PositiveIntegerField("起始位置")
    end = models.PositiveIntegerField("结束位置")
    definition = models.ForeignKey(
        IndicatorDefinition,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name="改为指标",
    )
    unmap = models.BooleanField("不归入任何指标", default=False)
    value = models.DecimalField("改为数值", max_digits=30, decimal_places=8, null=True, blank=True)
    unit = models.CharField("改为单位", max_length=16, blank=True, help_text="如 件、万件、万元、%")
    is_rejected = models.BooleanField("不是数量", default=False, help_text="勾选后该数字不再显示。")
    note = models.TextField("说明", blank=True)

    class Meta:
        ordering = ["report", "start"]
        verbose_name = verbose_name_plural = "指标校正"
        constraints = [
            models.UniqueConstraint(
                fields=["report", "start", "end"], name="indicator_correction_span_unique"
            ),
            models.CheckConstraint(
                condition=Q(start__lt=models.F("end")), name="indicator_correction_span_ordered"
            ),
            models.CheckConstraint(
                condition=~Q(unmap=True, definition__isnull=False), name="indicator_correction_one_key_change"
            ),
        ]

    def __str__(self) -> str:
        return f"报告 #{self.report_id} [{self.start}:{self.end}]"


# --- Uploads and review -------------------------------------------------------------------------
# Staff upload files in the admin; each upload is an ImportBatch with one ImportItem per file,
# processed by the background worker (``reports.uploads``). ReportCorrection records what staff
# changed by hand on a report, so that a re-parse of its file keeps it.


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

    def file_bytes(self) -> bytes:
        if self.data is not None:
            return bytes(self.data)
        if self.source_file_id is not None:
            return bytes(self.source_file.data)
        return b""


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


from reports.search.models import SearchReport, SearchSection  # noqa: E402, F401  (registers the search index tables)
