"""Who states one indicator: of the current reports by province and agency level, how many give
a figure of it, out of how many the library holds.

The counting a journalist does before writing "N of the M county governments report their
出庭应诉率": the same figures as the indicator's ranking (one ``ChosenFigure`` per report), the
same year and agency-kind filters, each cell linking to the ranking of its reports. Reports of
central organs form one row, and reports whose place was never settled another, so that the
totals are the library's.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, QuerySet
from django.db.models.functions import Substr
from django.urls import reverse

from reports.ingest.completeness import CUT_REASON
from reports.library_cache import kept_until_changed
from reports.models import IndicatorDefinition, Region, Report

from .figures import Indicator, chosen_figures, cut_without_figure, indicator_of
from .params import KINDS, LEVELS, column_spec, query_string

# A division code's first two digits are its province's (500110 → 50, 重庆市 500000).
_PROVINCE_DIGITS = 2
# The rows' keys for reports of central organs (no place) and of agencies whose place is unknown.
_CENTRAL, _UNPLACED = "", "-"
_OTHER_ROWS = {_CENTRAL: "中央", _UNPLACED: "地区不详"}


@dataclass(frozen=True)
class CoverageCell:
    """How many of ``held`` reports give a figure of the key; ``url`` is their ranking,
    ``missing_url`` the list of the others (未报告)."""

    stated: int
    held: int
    url: str = ""
    missing_url: str = ""

    @property
    def missing(self) -> int:
        return self.held - self.stated

    @property
    def share(self) -> str:
        """The stated share in whole percent ("" when nothing is held)."""
        if not self.held:
            return ""
        share = (Decimal(100) * self.stated / self.held).quantize(Decimal(1), ROUND_HALF_UP)
        return f"{share}%"


@dataclass(frozen=True)
class CoverageRow:
    name: str  # the province's name, 中央 or 地区不详
    code: str  # the province's division code ("" for the other two rows)
    cells: list[CoverageCell]  # one per level column
    total: CoverageCell


@dataclass
class Coverage:
    indicator: Indicator
    definition: IndicatorDefinition
    year: int | None
    kind: str
    years: list[int]
    levels: list[tuple[str, str]]  # the columns: (level, its name), only levels with reports
    rows: list[CoverageRow]
    totals: list[CoverageCell]  # per level column
    total: CoverageCell
    warnings: list[str] = field(default_factory=list)
    facet: str = ""  # only figures of this facet count (类别: 下放)

    def describe(self) -> str:
        """The selection in words: 2024年度, 政府部门, 类别:下放, or 全部年度."""
        words = [f"{self.year}年度" if self.year else "全部年度"]
        if self.kind:
            words.append(KINDS[self.kind])
        if self.facet:
            words.append(f"类别:{self.facet}")
        return "、".join(words)


def indicator_coverage(
    definition: IndicatorDefinition, year: int | None, kind: str, facet: str = ""
) -> Coverage:
    """The province × level counts of current reports giving a figure of ``definition``'s key
    (of its ``facet``, when given)."""
    counts = kept_until_changed(
        f"coverage:{definition.key}:{facet}:{year}:{kind}",
        lambda: _coverage_counts(definition.key, year, kind, facet),
    )
    held, stated, names, years = counts.held, counts.stated, counts.names, counts.years
    levels = [(level, name) for level, name in LEVELS.items() if any(lvl == level for _p, lvl in held)]
    selection = _Selection(definition, year, kind, facet)

    def cell(province: str | None, level: str | None) -> CoverageCell:
        keys = [(p, lvl) for p, lvl in held if (province is None or p == province) and (level in (None, lvl))]
        count_stated, count_held = sum(stated[k] for k in keys), sum(held[k] for k in keys)
        return CoverageCell(
            count_stated,
            count_held,
            selection.ranking_url(province, level) if count_stated else "",
            selection.missing_url(province, level) if count_held > count_stated else "",
        )

    total_held, total_stated = sum(held.values()), sum(stated.values())
    rows = []
    # The provinces in code order, then the central organs, then the places never settled.
    for province in sorted({p for p, _lvl in held}, key=lambda p: (p in _OTHER_ROWS, p == _UNPLACED, p)):
        code = f"{province}0000" if province not in _OTHER_ROWS else ""
        name = names.get(code) or _OTHER_ROWS.get(province, code)
        rows.append(
            CoverageRow(name, code, [cell(province, level) for level, _ in levels], cell(province, None))
        )
    return Coverage(
        indicator=indicator_of(definition),
        definition=definition,
        year=year,
        kind=kind,
        years=years,
        levels=levels,
        rows=rows,
        totals=[cell(None, level) for level, _ in levels],
        total=cell(None, None),
        warnings=(
            ["数值为“提到这项指标的报告数 / 收录的报告数”;未提到不等于没有开展这项工作。"] if held else []
        )
        + _partial_warning(total_held - total_stated, counts.partial),
        facet=facet,
    )


def _partial_warning(missing: int, partial: int) -> list[str]:
    """How many reports giving no figure hold only part of their text, as the ranking says it."""
    if not partial:
        return []
    return [
        f"没有给出的 {missing} 份报告中,{partial} 份收录的正文不完整({CUT_REASON}),"
        "这项指标可能写在未收录的部分。"
    ]


@dataclass(frozen=True)
class _CoverageCounts:
    held: Counter[tuple[str, str]]
    stated: Counter[tuple[str, str]]
    names: dict[str, str]  # province code → name
    years: list[int]
    partial: int  # reports giving no figure whose text is held only in part


def _coverage_counts(key: str, year: int | None, kind: str, facet: str) -> _CoverageCounts:
    """What a coverage table counts: over every current report, 40–50 ms at 20k reports, so
    kept until the library changes."""
    everything = Report.objects.current()
    if kind:
        everything = everything.filter(agency__kind=kind)
    years = sorted(set(everything.order_by().values_list("year", flat=True).distinct()), reverse=True)
    reports = everything.filter(year=year) if year is not None else everything
    held = _counts(reports, "")
    stated = _counts(chosen_figures(key, facet).filter(report__in=reports), "report__", count="report_id")
    codes = [f"{province}0000" for province, _level in held if province not in _OTHER_ROWS]
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    return _CoverageCounts(held, stated, names, years, cut_without_figure(reports, key, facet).count())


def _counts(rows: QuerySet, report: str, *, count: str = "pk") -> Counter[tuple[str, str]]:
    """Report counts by (province digits, agency level): "" for a central organ, "-" for an
    agency whose place is unknown. ``report`` is the path from ``rows`` to the report."""
    counted: Counter[tuple[str, str]] = Counter()
    grouped = (
        rows.order_by()
        .annotate(
            province=Substr(f"{report}agency__region__code", 1, _PROVINCE_DIGITS),
            level=F(f"{report}agency__level"),
        )
        .values("province", "level")
        .annotate(n=Count(count))
    )
    for row in grouped:
        province = row["province"] or (_CENTRAL if row["level"] == "national" else _UNPLACED)
        counted[(province, row["level"])] += row["n"]
    return counted


@dataclass(frozen=True)
class _Selection:
    """What a coverage table counts: its cells link to the pages of the same key, facet, year
    and kind, for their own place and level."""

    definition: IndicatorDefinition
    year: int | None
    kind: str
    facet: str

    def ranking_url(self, province: str | None, level: str | None) -> str:
        """The indicator's ranking of a cell's reports ("" when the place is unknown: the
        ranking filters by places it knows)."""
        if province == _UNPLACED:
            return ""
        if province == _CENTRAL:
            level = "national"
        region = f"{province}0000" if province else None
        pairs = [
            ("year", self.year),
            ("region", region),
            ("kind", self.kind),
            ("level", level),
            ("facet", self.facet),
        ]
        path = reverse("reports:compare-indicator", args=[self.definition.key])
        query = query_string(pairs)
        return f"{path}?{query}" if query else path

    def missing_url(self, province: str | None, level: str | None) -> str:
        """The report list of a cell's reports giving no figure of the key (of the facet)."""
        place = "unknown" if province == _UNPLACED else f"{province}0000" if province else None
        if province == _CENTRAL:
            place, level = None, "national"
        pairs = [
            ("province", place),
            ("year", self.year),
            ("level", level),
            ("kind", self.kind),
            ("lacks", column_spec(self.definition.key, self.facet)),
        ]
        return f"{reverse('reports:list')}?{query_string(pairs)}"
