"""Two of the figure tables: one agency across years and many agencies in one year (the third,
one indicator ranked across agencies and years, is ``ranking``).

Reads only: each function takes validated arguments (see ``params``) and returns a dataclass
the pages, the CSV and the JSON all render from. Only current report versions count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from django.db.models import Count, QuerySet
from django.utils.safestring import SafeString

from reports import charts
from reports.indicators.facets import in_catalogue_order
from reports.ingest.completeness import CUT_REASON
from reports.models import Agency, ChosenFigure, Region, Report

from .figures import (
    MISSING_IN_FACET,
    Cell,
    Change,
    Figure,
    Indicator,
    catalogue_order,
    change_between,
    column_warnings,
    facet_figures_for,
    facets_differ,
    figures_for,
    groups_of,
    indicators_for,
    kind_warnings,
    main_unit,
    rank_and_scale,
    shown_unit,
    with_facet,
)
from .params import MAX_AGENCIES, CompareError, PlaceFilter, column_of, query_string

DEFAULT_KEYS = 8
SYNTHETIC_WARNING = "表中含程序生成的合成样本报告,其数字不是真实数据。"
# An agency whose place was never settled (区城市管理局) may hold reports of namesakes elsewhere.
PLACELESS_WARNING = (
    "这个机关的所在地区未能确定:不同地方的同名机关(如各区的“区城市管理局”)的报告可能被归在一起,"
    "请核对各年度报告的原文;管理员可在后台为机关补填地区。"
)


# --- one agency across years ---------------------------------------------------------------------

NOT_HELD = "未收录"  # a year between an agency's first and last report with no report on file
NO_REPORT = "没有本年度的报告"  # an agency a year table was asked for, in its exports


@dataclass
class AgencyRow:
    indicator: Indicator
    cells: list[Cell]  # one per year column
    unit: str  # the row's main base unit; the sparkline draws only figures in it
    years: list[int]
    facet: str = ""  # a row of one facet's figures (下放), under its key's row of chosen figures
    warnings: list[str] = field(default_factory=list)  # of this row's figures (in the table's too)

    @property
    def sparkline(self) -> SafeString:
        points, texts, breaks = [], [], []
        facet = scope = ""  # of the last figures drawn: the line breaks where either changes
        by_year = dict(zip(self.years, self.cells, strict=True))
        # every year from the first to the last: a year with no report breaks the line
        for year in range(self.years[0], self.years[-1] + 1) if self.years else ():
            cell = by_year.get(year)
            if cell is None:
                points.append((f"{year}年", None))
                texts.append(NOT_HELD)
                continue
            drawn = cell.figure is not None and cell.figure.unit == self.unit
            if drawn and (cell.figure.facet or cell.figure.scope):
                if facets_differ(facet, cell.figure.facet) or facets_differ(scope, cell.figure.scope):
                    breaks.append(len(points))
                facet, scope = cell.figure.facet or facet, cell.figure.scope or scope
            points.append((f"{year}年", cell.number if drawn else None))
            texts.append(cell.text if drawn or not cell.figure else f"{cell.text}(单位不同，未画出)")
        name = with_facet(self.indicator.name, self.facet)
        return charts.sparkline(points, label=f"{name}历年变化", unit=self.unit, texts=texts, breaks=breaks)

    @property
    def reported(self) -> int:
        return sum(1 for cell in self.cells if cell.figure)

    @property
    def by_year(self) -> list[tuple[int, Cell]]:
        return list(zip(self.years, self.cells, strict=True))


@dataclass
class AgencyYears:
    agency: Agency
    reports: list[Report]  # one per column, oldest first
    rows: list[AgencyRow]
    warnings: list[str]
    keys_given: list[str] = field(default_factory=list)

    @property
    def years(self) -> list[int]:
        return [report.year for report in self.reports]

    @property
    def neighbours(self) -> list[tuple[Report, Report]]:
        """Consecutive reports (by year), for comparing their texts."""
        return list(zip(self.reports, self.reports[1:], strict=False))


def agency_years(agency: Agency, keys: Sequence[str] = ()) -> AgencyYears:
    """Indicators × years for one agency: every key any of its reports states (or ``keys``),
    in catalogue order, each cell with the change from the year before when that year exists.

    A key whose figures over the years name more than one facet (下放 one year, 取消 another)
    is followed by a row per facet: each year's chosen figure of that facet, so 下放 is
    compared with 下放 even in a year whose chosen figure was 取消."""
    reports = list(agency.reports.current().defer("text").order_by("year"))
    report_ids = [report.pk for report in reports]
    figures = figures_for(report_ids, keys or None)
    ordered = list(keys) if keys else catalogue_order(key for _, key in figures)
    indicators = indicators_for(ordered)
    by_facet: dict[str, dict[str, dict[int, Figure]]] = {}
    for (report_id, key, facet), figure in facet_figures_for(report_ids, ordered).items():
        by_facet.setdefault(key, {}).setdefault(facet, {})[report_id] = figure
    rows: list[AgencyRow] = []
    warnings: list[str] = []
    for key in ordered:
        facets = by_facet.get(key, {})
        split = len(facets) > 1
        row = _agency_row(
            indicators[key], [figures.get((report_id, key)) for report_id in report_ids], reports
        )
        rows.append(row)
        warnings += row.warnings
        if not split:
            continue
        ordered_facets = in_catalogue_order(facets, indicators[key].facets)
        # said with the facets' rows (the agency's page leaves them out); when the key's row shows
        # no mix (its warning says none), each year's chosen figure is of one facet, others of others
        unmixed = len({cell.figure.facet for cell in row.cells if cell.figure and cell.figure.facet}) < 2
        rows_note = (
            f"“{indicators[key].name}”各年的报告写到几类数字({'、'.join(ordered_facets)}),表中每年按取值规则只取一个数字;"
            if unmixed
            else f"“{indicators[key].name}”"
        ) + "下方按类别分行列出各年同类的数字。"
        stated = [cell.figure is not None for cell in row.cells]
        for facet in ordered_facets:
            found = [facets[facet].get(report_id) for report_id in report_ids]
            facet_row = _agency_row(indicators[key], found, reports, facet=facet)
            if facet == ordered_facets[0]:
                facet_row.warnings.insert(0, rows_note)
            for cell, key_stated in zip(facet_row.cells, stated, strict=True):
                if key_stated:  # the year states the key, only not in this facet
                    cell.missing = MISSING_IN_FACET
            rows.append(facet_row)
            warnings += facet_row.warnings
    years = [report.year for report in reports]
    if missing := sorted(set(range(years[0], years[-1] + 1)) - set(years)) if years else []:
        warnings.insert(
            0,
            f"没有收录{'、'.join(map(str, missing))}年度的报告({NOT_HELD}):"
            "增减与此前最近一个有数字的年度相比,不是上一年时注明年份;折线在缺少的年度断开。",
        )
    if partial := partial_years_warning(reports, rows):
        warnings.append(partial)
    if any(report.is_synthetic for report in reports):
        warnings.insert(0, SYNTHETIC_WARNING)
    if agency.place_unknown:
        warnings.insert(0, PLACELESS_WARNING)
    return AgencyYears(agency, reports, rows, warnings, list(keys))


def partial_years_warning(reports: Sequence[Report], rows: Sequence[AgencyRow]) -> str:
    """What to say of the years whose stored text is partial and whose column of ``rows`` shows
    a 未报告 ("" when none does): it may be in the part not stored."""
    partial = [
        str(report.year)
        for index, report in enumerate(reports)
        if report.text_cut and any(row.cells[index].figure is None for row in rows)
    ]
    if not partial:
        return ""
    years = "、".join(partial)
    return f"{years}年度的报告收录的正文不完整({CUT_REASON}),这些年度的“未报告”可能写在未收录的部分。"


def _agency_row(
    indicator: Indicator,
    figures: Sequence[Figure | None],
    reports: Sequence[Report],
    *,
    facet: str = "",
) -> AgencyRow:
    """One row of the agency's table (a key's, or one of its facets'), from each report's
    figure, with the changes from the year before and the row's warnings.

    A year whose year before gives no figure (not held, or not stated) changes from the latest
    earlier year that gives one, and says which (较2019年+101项): a row of 下放17项, 未报告此类,
    下放118项 compares the two. Never between a synthetic sample and a real report."""
    cells = [Cell(figure) for figure in figures]
    last: dict[bool, int] = {}  # the latest column so far with a figure, of samples and of real reports
    for index, (cell, report) in enumerate(zip(cells, reports, strict=True)):
        if cell.figure is None:
            continue
        if (earlier := last.get(report.is_synthetic)) is not None:
            change = change_between(cells[earlier].figure, cell.figure)
            since = reports[earlier].year
            if change is not None and change.delta is not None and report.year - since > 1:
                change = Change(change.delta, f"较{since}年{change.text}")
            cell.change = replace(change, since=since) if change is not None else None
        last[report.is_synthetic] = index
    years = [report.year for report in reports]
    groups = groups_of(cells, [f"{year}年" for year in years])
    unit = main_unit(groups, indicator.units)
    named = replace(indicator, name=with_facet(indicator.name, facet))
    warnings = column_warnings(named, groups, unit, across="各年", ranked=False)
    return AgencyRow(indicator, cells, unit, years, facet, warnings)


# --- many agencies in one year -------------------------------------------------------------------


@dataclass
class Column:
    indicator: Indicator
    unit: str
    reported: int
    ranking_url: str = ""  # the indicator's ranking for the same year and selection
    facet: str = ""  # a column of one facet's figures (类别:下放)
    spec: str = ""  # as the page's keys and sort name it: the key, or key:facet

    @property
    def title(self) -> str:
        """The column's heading: the indicator's name, with the facet it compares alone."""
        return with_facet(self.indicator.name, self.facet)


@dataclass
class AgencyLine:
    agency: Agency
    report: Report
    cells: list[Cell]  # one per column


@dataclass
class YearTable:
    year: int
    place: PlaceFilter
    columns: list[Column]
    lines: list[AgencyLine]
    warnings: list[str]
    years: list[int]  # years with reports in the selection, for the year switcher
    without_report: list[Agency]  # explicitly asked for, no report this year
    keys: list[str]
    sort: str = ""
    year_note: str = ""  # why this year, when none was asked for

    @property
    def rows(self) -> list[tuple[AgencyLine, list[tuple[Column, Cell]]]]:
        """Each line with its cells beside their columns (a facet column's cells go without
        their facet tag)."""
        return [(line, list(zip(self.columns, line.cells, strict=True))) for line in self.lines]

    @property
    def agency_query(self) -> str:
        """The query an agency's table across years needs to show this table's indicators (a
        facet column's key: that table lists facets in rows of their own)."""
        keys = dict.fromkeys(column.indicator.key for column in self.columns)
        return query_string([("keys", ",".join(keys))])

    @property
    def without_report_note(self) -> str:
        names = "、".join(agency.name for agency in self.without_report)
        return f"以下机关没有{self.year}年度的报告:{names}。" if names else ""

    @property
    def empty_reason(self) -> str:
        """Why there is no table to show ("" when there is one): no report of the year, or the
        reports of the year state no catalogue figure, so no indicator column could be chosen."""
        if not self.lines:
            held = "、".join(str(year) for year in self.years)
            return (
                f"{self.place.describe()}在{self.year}年度没有收录报告(已收录的年度:{held})。请换一个年度。"
            )
        if not self.columns:
            return (
                f"所选机关{self.year}年度的 {len(self.lines)} 份报告中没有识别出归入指标目录的数字,"
                "没有可以比较的指标。可以打开报告阅读原文,或换一个年度、扩大范围。"
            )
        return ""


def agencies_in(place: PlaceFilter) -> QuerySet[Agency]:
    """The agencies of the selection; asked-for agency ids that do not exist are a 404."""
    if place.agency_ids:
        known = set(Agency.objects.filter(pk__in=place.agency_ids).values_list("pk", flat=True))
        unknown = [str(pk) for pk in place.agency_ids if pk not in known]
        if unknown:
            raise CompareError(f"没有编号为 {'、'.join(unknown)} 的机关。", status=404)
    agencies = Agency.objects.all()
    if place.region is not None:
        agencies = agencies.filter(region__in=place.region.with_descendants().values("pk"))
    if place.kind:
        agencies = agencies.filter(kind=place.kind)
    if place.level:
        agencies = agencies.filter(level=place.level)
    if place.agency_ids:
        agencies = agencies.filter(pk__in=place.agency_ids)
    return agencies


def default_year(reports_per_year: Counter[int]) -> int:
    """The year a table opens at: the one with the most reports that fit in one table (ties:
    the newest), so a place opens at a comparison rather than at its one newest report."""
    fitting = {year: count for year, count in reports_per_year.items() if count <= MAX_AGENCIES}
    pool = fitting or reports_per_year
    return max(pool, key=lambda year: (pool[year], year))


def _narrowing_hint(place: PlaceFilter) -> str:
    """How to narrow a selection over the limit: only the choices not made yet (a table of
    全国县级人民政府 was told to choose a kind and a level, both chosen)."""
    ways = []
    if place.region is None or place.region.level != Region.Level.COUNTY:
        ways.append("选一个更小的地区" if place.region is not None else "选定地区")
    missing = [name for name, chosen in (("机关类型", place.kind), ("层级", place.level)) if not chosen]
    if missing:
        ways.append(f"选定{'、'.join(missing)}")
    ways.append("或在“机关编号”中只列出要比较的机关")
    return "请" + ",".join(ways) + "。"


def year_table(place: PlaceFilter, year: int | None, keys: Sequence[str] = (), sort: str = "") -> YearTable:
    """Agencies × indicators for one year, each column ranked and colour-scaled on its own.

    ``year`` None: ``default_year``. ``keys`` empty: the ``DEFAULT_KEYS`` keys the most selected
    reports state; a key written ``key:facet`` is a column of each report's chosen figure of that
    facet (``params.indicator_columns``). ``sort`` one of them: rows by its rank.
    """
    agencies = agencies_in(place)
    current = Report.objects.current().filter(agency__in=agencies)
    per_year = Counter(current.values_list("year", flat=True))
    years = sorted(per_year, reverse=True)
    if not years:
        raise CompareError(f"{place.describe()}还没有收录报告。", status=404)
    year_note = ""
    if year is None:
        year = default_year(per_year)
        year_note = f"未指定年度:显示{place.describe()}报告最多的 {year} 年度({per_year[year]} 份)"
        year_note += f",最新为 {years[0]} 年度。" if years[0] != year else "。"
    reports = list(
        current.filter(year=year)
        .select_related("agency__region__parent__parent")
        .defer("text")
        .order_by("agency__name", "pk")
    )
    if len(reports) > MAX_AGENCIES:
        raise CompareError(
            f"{place.describe()}在{year}年度有 {len(reports)} 份报告,"
            f"超过一次比较的上限 {MAX_AGENCIES} 个机关。{_narrowing_hint(place)}"
        )
    report_ids = [report.pk for report in reports]
    chosen = bool(keys)
    if not keys:
        keys = _most_reported_keys(report_ids)
    specs = {spec: column_of(spec) for spec in keys}
    indicators = indicators_for(key for key, _facet in specs.values())
    if sort and sort not in keys:
        if chosen:
            raise CompareError(f"排序指标“{sort[:40]}”不在所选指标中。")
        named = "、".join(f"{indicators[key].name}({key})" for key in keys)
        raise CompareError(
            f"排序指标“{sort[:40]}”不在表中的指标里"
            + (f"(本表的指标:{named})" if keys else "(本表没有指标列)")
            + "。请先在“选择指标”中选上它。"
        )
    plain = figures_for(report_ids, [spec for spec, (_key, facet) in specs.items() if not facet])
    facet_keys = {key for key, facet in specs.values() if facet}
    of_facets = facet_figures_for(report_ids, facet_keys) if facet_keys else {}  # every facet column at once

    def figure_of(report_id: int, spec: str) -> Figure | None:
        key, facet = specs[spec]
        return of_facets.get((report_id, key, facet)) if facet else plain.get((report_id, key))

    lines = [
        AgencyLine(report.agency, report, [Cell(figure_of(report.pk, spec)) for spec in keys])
        for report in reports
    ]
    columns: list[Column] = []
    warnings = kind_warnings([line.agency for line in lines])
    ranking_pairs = [("year", year), *place.items()]
    for index, (spec, (key, facet)) in enumerate(specs.items()):
        cells = [line.cells[index] for line in lines]
        unit = rank_and_scale(cells, preferred=indicators[key].units)
        href = f"{indicators[key].ranking_url}?{query_string([*ranking_pairs, ('facet', facet)])}"
        reported = sum(1 for cell in cells if cell.figure)
        groups = groups_of(cells)
        column = Column(indicators[key], shown_unit(groups, unit), reported, href, facet, spec)
        columns.append(column)
        named = replace(indicators[key], name=column.title)
        warnings += column_warnings(named, groups, unit, across="各机关", ranked=True)
    if sort in keys:
        position = list(keys).index(sort)
        lines.sort(key=lambda line: _rank_key(line.cells[position]))
    cut = [line for line in lines if line.report.text_cut]
    # worth a warning where a partial text leaves a cell 未报告; counted as the rows' marks are
    if silent := [line for line in cut if any(cell.figure is None for cell in line.cells)]:
        which = "它们" if len(silent) == len(cut) else f"其中 {len(silent)} 份"
        warnings.append(
            f"其中 {len(cut)} 份报告收录的正文不完整({CUT_REASON},表中标为“正文不完整”),"
            f"{which}的“未报告”可能写在未收录的部分。"
        )
    if any(report.is_synthetic for report in reports):
        warnings.insert(0, SYNTHETIC_WARNING)
    reported = {report.agency_id for report in reports}
    without = (
        [agency for agency in agencies.order_by("name") if agency.pk not in reported]
        if place.agency_ids
        else []
    )
    return YearTable(year, place, columns, lines, warnings, years, without, list(keys), sort, year_note)


def _rank_key(cell: Cell) -> tuple[bool, bool, int]:
    """Ranked figures by rank, then figures left unranked (another unit), then 未报告."""
    return (cell.rank is None, cell.figure is None, cell.rank or 0)


def _most_reported_keys(report_ids: Sequence[int]) -> list[str]:
    counts = Counter(
        dict(
            ChosenFigure.objects.filter(report_id__in=report_ids)
            .values("key")
            .annotate(reports=Count("pk"))
            .values_list("key", "reports")
        )
    )
    ordered = catalogue_order(counts)
    ordered.sort(key=lambda key: -counts[key])  # stable: ties stay in catalogue order
    return ordered[:DEFAULT_KEYS]
