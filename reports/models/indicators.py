"""Indicators: the catalogue staff extend in the admin, the values extracted from each report, and
the staff corrections that outlive re-extraction. Extraction itself is ``reports.indicators.store``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from reports.indicators.catalogue import cue_problems, unit_listing_problem, veto_problems
from reports.indicators.facets import facet_lines_problems

from .corrections import StaffCorrection
from .library import Report, Section


def unify_line_breaks(text: str) -> str:
    """``text`` with \r\n and \r line breaks written as \n, as the catalogue file writes them."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


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

    def clean(self) -> None:
        same_name = IndicatorGroup.objects.filter(name=self.name.strip()).exclude(pk=self.pk).first()
        if self.name.strip() and same_name is not None:
            # pickers and the compare index name a group by its name: two alike are one there
            raise ValidationError(
                {"name": f"已有同名的分组“{same_name.name}”(键 {same_name.key}),请换一个名称。"}
            )


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
    definition = models.TextField(
        "口径说明", blank=True, help_text="这项指标统计什么、不统计什么;显示在指标名称旁。"
    )
    group = models.ForeignKey(
        IndicatorGroup, on_delete=models.PROTECT, related_name="definitions", verbose_name="分组"
    )
    # When several keys match a figure equally well, the one listed first wins.
    position = models.PositiveIntegerField("顺序", default=0, help_text="同等匹配时顺序小的优先。")
    units = models.CharField(
        "单位",
        max_length=128,
        blank=True,
        help_text=(
            "空格分隔,如:件 份 个 %;写上“增减”,同比增减的数字(减少72%)也归入本指标;"
            "本指标本身就是压减的幅度或数量时写“减幅”,“时限压缩83%”记为83%。"
        ),
    )
    scope = models.CharField("通常范围", max_length=16, choices=Scope.choices, default=Scope.ANY)
    cues = models.TextField(
        "提示词",
        blank=True,
        help_text="每行一条;一条里的词以空格分隔且都须出现,“|”分隔可替换的词,"
        "以 @ 开头的词也可出现在句子前文，以 > 开头的词也可出现在数字之后的句子后文。",
    )
    unless = models.CharField(
        "排除词",
        max_length=255,
        blank=True,
        help_text="空格分隔;出现即不归入本指标。以“=”开头的词只在数字所在的分句中排除;"
        "以“>”开头的词在数字之后“其中”所列的部分中出现时排除(诉讼案件72起,其中民事诉讼50起);"
        "以“^”开头的词在句首到数字之间任何位置出现时排除(组建…全会精神宣讲团,开展宣讲60场次);"
        "“各级!中心组”表示同时出现“中心组”时不排除,“=委员会!常务会|常委”表示同时出现其中任一个时不排除。",
    )
    combines = models.CharField(
        "合计指标", max_length=255, blank=True, help_text="合并计数时,它相加的指标键,空格分隔。"
    )
    facets = models.TextField(
        "类别",
        blank=True,
        help_text="本指标包含几类不宜相互比较的数字时(如取消与下放的事项),每行写一类:名称、冒号、"
        "表示它的词(以“|”分隔),如“下放: 下放|赋权|委托”。数字所在分句中出现哪类的词,就标为哪一类;"
        "比较页对不同类别的数字不计算增减,并提示。分号后可写:“对象在后”,紧随其后的另一类的词是它的对象,"
        "不算并列(“承接: 承接; 对象在后”:承接下放事项只算承接);“附于前词”,紧跟在另一类的词之后时算作那一类"
        "(“议题: 议题; 附于前词”:决策议题只算决策)。",
    )
    is_active = models.BooleanField("启用", default=True)
    # The catalogue file's value of each content field (and the group's key) as last copied into
    # this row: a field that still holds it is not staff's, and a sync may refresh it.
    shipped_fields = models.JSONField("随项目发布的内容", default=dict, blank=True, editable=False)

    objects = IndicatorDefinitionManager()

    class Meta:
        ordering = ["position", "key"]
        verbose_name = verbose_name_plural = "指标定义"

    def __str__(self) -> str:
        return f"{self.name}({self.key})"

    def save(self, *args: object, **kwargs: object) -> None:
        # A browser sends a textarea's line breaks as \r\n. Stored as sent, an entry opened and
        # saved unchanged would no longer match the file's value it came from (``shipped_fields``),
        # and ``sync_catalogue`` would take it for a staff edit and stop refreshing it.
        self.cues = unify_line_breaks(self.cues)
        self.definition = unify_line_breaks(self.definition)
        self.facets = unify_line_breaks(self.facets)
        super().save(*args, **kwargs)

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
            "facets": [line.strip() for line in self.facets.splitlines() if line.strip()],
        }

    def combined_by(self) -> list[IndicatorDefinition]:
        """The other definitions whose ``combines`` adds this key up."""
        candidates = IndicatorDefinition.objects.exclude(pk=self.pk).filter(combines__contains=self.key)
        return [definition for definition in candidates if self.key in definition.combines.split()]

    def _combining_cycle(self) -> list[str]:
        """The shortest path of keys from this one back to itself through ``combines`` (as
        edited), or [] when there is none."""
        parts = dict(IndicatorDefinition.objects.exclude(combines="").values_list("key", "combines"))
        parts[self.key] = self.combines
        paths, seen = [[self.key]], set()
        while paths:
            path = paths.pop(0)
            for part in parts.get(path[-1], "").split():
                if part == self.key:
                    return [*path, part]
                if part not in seen:
                    seen.add(part)
                    paths.append([*path, part])
        return []

    def clean(self) -> None:
        errors: dict[str, list[str]] = {}
        if not self.units.split():
            errors["units"] = [
                "请至少写一个单位:识别时只把单位相符的数字归入指标,不写单位的指标收不到任何数字。"
            ]
        for unit in self.units.split():
            if problem := unit_listing_problem(unit):
                errors.setdefault("units", []).append(f"单位{problem}。")
        for line in self.cues.splitlines():
            for problem in cue_problems(line.strip()):
                errors.setdefault("cues", []).append(f"无法解析的提示词“{line.strip()}”:{problem}。")
        for word in self.unless.split():
            for problem in veto_problems(word):
                errors.setdefault("unless", []).append(f"无法解析的排除词{problem}。")
        if facet_errors := facet_lines_problems(self.facets):
            errors["facets"] = facet_errors
        same_name = IndicatorDefinition.objects.filter(name=self.name.strip()).exclude(pk=self.pk).first()
        if self.name.strip() and same_name is not None:
            # pages, pickers and exports name a key by its name: two alike cannot be told apart
            errors["name"] = [f"已有同名的指标“{same_name.name}”(键 {same_name.key}),请换一个名称。"]
        if self.key and self.key in self.combines.split():
            errors["combines"] = ["合计指标不能包含本指标自己的键。"]
        elif cycle := self._combining_cycle():
            errors["combines"] = [f"合计指标形成循环({' → '.join(cycle)}),请去掉其中一个。"]
        if not self.is_active and (combiners := [d for d in self.combined_by() if d.is_active]):
            names = "、".join(f"“{d.name}”({d.key})" for d in combiners)
            errors["is_active"] = [f"{names}合计了本指标,停用后它们不再能合计。请先修改它们的合计指标。"]
        unknown = (
            set(self.combines.split())
            - {self.key}
            - set(
                IndicatorDefinition.objects.filter(key__in=self.combines.split()).values_list(
                    "key", flat=True
                )
            )
        )
        if unknown:
            errors.setdefault("combines", []).append(f"未知的指标键:{' '.join(sorted(unknown))}")
        if errors:
            raise ValidationError(errors)


class IndicatorValueQuerySet(models.QuerySet["IndicatorValue"]):
    def shown(self) -> IndicatorValueQuerySet:
        """Values not rejected by staff (a figure a person said is no quantity stays out of view)."""
        return self.filter(rejected=False)

    def with_chosen(self) -> IndicatorValueQuerySet:
        """Each value with ``is_chosen``: whether it is the figure of its (report, key) that the
        compare pages show (``ChosenFigure``, kept by the database by ``VALUE_RULE``), and
        ``is_chosen_in_facet``: of its (report, key, facet), shown when one facet is compared."""
        return self.annotate(
            is_chosen=models.Exists(ChosenFigure.objects.filter(value=models.OuterRef("pk"))),
            is_chosen_in_facet=models.Exists(ChosenFacetFigure.objects.filter(value=models.OuterRef("pk"))),
        )


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
        EARLIER = "earlier", "变动前的数值"
        MULTI_YEAR = "multi_year", "多年数值"
        TARGET = "target", "目标数值"

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="indicator_values", verbose_name="报告"
    )
    definition = models.ForeignKey(
        IndicatorDefinition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="values",
        verbose_name="指标定义",
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
    scope = models.CharField("范围", max_length=16, blank=True)  # jurisdiction, organ, government, all_levels
    figure = models.CharField("原文数字", max_length=100)
    sentence = models.TextField("所在句子")
    sentence_start = models.PositiveIntegerField("句子起始位置")
    sentence_end = models.PositiveIntegerField("句子结束位置")
    start = models.PositiveIntegerField("起始位置")
    end = models.PositiveIntegerField("结束位置")
    section = models.ForeignKey(
        Section,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="indicator_values",
        verbose_name="章节",
    )
    section_path = models.CharField("章节路径", max_length=32, blank=True)
    # which of its key's measures the figure states (下放, 满意率…): ``indicators.facets``
    facet = models.CharField("类别", max_length=64, blank=True)
    correction = models.ForeignKey(
        "IndicatorCorrection",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="values",
        verbose_name="人工校正",
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
            # Compare pages read one key's shown values across the library (a ranking, the
            # index's counts): without it, every read scans all values.
            models.Index(
                fields=["key", "report"], name="indicator_value_key_idx", condition=Q(rejected=False)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key or '未归类'} {self.figure}"

    @property
    def anchor(self) -> str:
        # By the figure's place in the text, not its row: re-extraction (after every catalogue
        # edit) renumbers the rows, and a link someone shared to #ind-<id> then led nowhere.
        return f"ind-{self.start}-{self.end}"


class ChosenFigure(models.Model):
    """ "The" value of a key in a report, by ``compare.figures.VALUE_RULE``: among its shown level
    figures outside the 下一步安排 part, stated before derived, then the reporter's own (scope
    "government" in a government's report, "organ" in a department's: migration 0067), then the
    first in the text.

    Kept by the database, never written by Django: statement triggers on indicator values
    (migration 0032) re-choose every (report, key) a statement touched, and a trigger on
    sections those of a section whose label changes (0035), so extraction, staff corrections,
    relabelled sections and deletions all keep it right. The compared facts are
    copied so a ranking reads one row per report instead of every value of the key.
    """

    value = models.OneToOneField(
        IndicatorValue, on_delete=models.CASCADE, primary_key=True, related_name="chosen", verbose_name="数值"
    )
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="chosen_figures", verbose_name="报告"
    )
    key = models.CharField("指标键", max_length=64)
    base_value = models.DecimalField("基本单位数值", max_digits=30, decimal_places=8)
    base_unit = models.CharField("基本单位", max_length=16, blank=True)
    derived = models.BooleanField("由文字推出", default=False)
    scope = models.CharField("范围", max_length=16, blank=True)
    facet = models.CharField("类别", max_length=64, blank=True)
    others = models.PositiveIntegerField("同指标其他数值", default=0)  # further level figures

    class Meta:
        verbose_name = verbose_name_plural = "报告指标取值"
        constraints = [
            # Covering: a ranking reads a key's figures from the index alone, in report order.
            models.UniqueConstraint(
                fields=["key", "report"],
                include=["base_value", "base_unit", "derived", "scope", "facet"],
                name="chosen_figure_one_per_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key} {self.base_value}{self.base_unit}"


class ChosenFacetFigure(models.Model):
    """The value of a key in a report among its figures of one facet (类别: 下放), by the same rule
    as ``ChosenFigure``: a ranking or an agency's row asked for one facet compares 下放 with 下放
    (北京's 2019 report says 取消9项 first, and its 下放17项 would otherwise never be compared).

    Kept by the same statement triggers (the function of migration 0064), for values that name
    a facet; a value has one facet, so it is chosen at most once here, as in ``ChosenFigure``.
    """

    value = models.OneToOneField(
        IndicatorValue,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="chosen_in_facet",
        verbose_name="数值",
    )
    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="chosen_facet_figures", verbose_name="报告"
    )
    key = models.CharField("指标键", max_length=64)
    facet = models.CharField("类别", max_length=64)
    base_value = models.DecimalField("基本单位数值", max_digits=30, decimal_places=8)
    base_unit = models.CharField("基本单位", max_length=16, blank=True)
    derived = models.BooleanField("由文字推出", default=False)
    scope = models.CharField("范围", max_length=16, blank=True)
    others = models.PositiveIntegerField("同类别其他数值", default=0)

    class Meta:
        verbose_name = verbose_name_plural = "报告指标分类别取值"
        constraints = [
            # Covering, as ChosenFigure's: a facet's ranking reads its figures from the index alone.
            models.UniqueConstraint(
                fields=["key", "facet", "report"],
                include=["base_value", "base_unit", "derived", "scope"],
                name="chosen_facet_figure_one_per_facet",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.key}({self.facet}) {self.base_value}{self.base_unit}"


# Qualifiers a correction may set (figures.py's canonical ones), and the choice that removes one.
QUALIFIER_NONE = "none"
QUALIFIER_CHOICES = [
    (QUALIFIER_NONE, "去掉限定词"),
    *(
        (word, word)
        for word in ("余", "多", "近", "约", "超过", "以上", "以下", "不足", "不少于", "不超过", "各")
    ),
]


class IndicatorCorrection(StaffCorrection):
    """A staff correction of the figure at ``start``–``end`` of a report, re-applied on every extraction.

    Keyed by the figure's offsets, which never change for a report (a changed text is a new
    version, i.e. a new report); a correction whose offsets no longer hold a figure is reported by
    the extraction and left in place. Empty fields leave the extractor's reading as it is.
    """

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="indicator_corrections", verbose_name="报告"
    )
    start = models.PositiveIntegerField(
        "起始位置",
        help_text="数字在报告正文中的起始字符位置(从 0 数起);从指标数值列表点“校正”打开时已自动填好。",
    )
    end = models.PositiveIntegerField(
        "结束位置", help_text="数字最后一个字符之后的位置,即起始位置加数字的字数。"
    )
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
    measure = models.CharField(
        "改为类型",
        max_length=16,
        blank=True,
        choices=IndicatorValue.Measure.choices,
        help_text="留空则不改。减少、下降的增减量或幅度,请同时在“改为数值”填负数(如 -15)。",
    )
    qualifier = models.CharField(
        "改为限定词",
        max_length=8,
        blank=True,
        choices=QUALIFIER_CHOICES,
        help_text="留空则不改;如“余”(30余件)、“近”(近300件)。",
    )
    is_rejected = models.BooleanField("不是数量", default=False, help_text="勾选后该数字不再显示。")
    note = models.TextField("说明", blank=True)

    class Meta:
        ordering = ["report", "start"]
        verbose_name = verbose_name_plural = "指标校正"
        constraints = [
            models.UniqueConstraint(
                fields=["report", "start", "end"],
                name="indicator_correction_span_unique",
                violation_error_message="这个数字已有一条校正:请修改那一条,不要再加一条。",
            ),
            models.CheckConstraint(
                condition=Q(start__lt=models.F("end")),
                name="indicator_correction_span_ordered",
                violation_error_message="起始位置须小于结束位置。",
            ),
            models.CheckConstraint(
                condition=~Q(unmap=True, definition__isnull=False),
                name="indicator_correction_one_key_change",
                violation_error_message="“改为指标”和“不归入任何指标”只能选一个。",
            ),
        ]

    def __str__(self) -> str:
        return f"报告 #{self.report_id} [{self.start}:{self.end}]"
