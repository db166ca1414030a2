"""The three figure tables: one agency across years, many agencies in one year, and one
indicator ranked across agencies and years.

Reads only: each function takes validated arguments (see ``params``) and returns a dataclass
the pages, the CSV and the JSON all render from. Only current report versions count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet
from django.utils.safestring import SafeString

from reports import charts
from reports.ingest.completeness import CUT_REASON
from reports.library_cache import kept_until_changed
from reports.models import Agency, ChosenFigure, IndicatorDefinition, IndicatorValue, Region, Report

from .figures import (
    Cell,
    FigureGroup,
    Indicator,
    catalogue_order,
    change_between,
    column_warnings,
    figures_for,
    groups_of,
    indicator_of,
    indicators_for,
    kind_warnings,
    kind_warnings_of,
    main_unit,
    rank_and_scale,
    scale_step,
    shown_unit,
)
from .params import MAX_AGENCIES, MAX_RANKING_ROWS, CompareError, PlaceFilter, query_string

DEFAULT_KEYS = 8
CHART_BARS = 30
SYNTHETIC_WARNING = "表中含程序生成的合成样本报告,其数字不是真实数据。"
# An agency whose place was never settled (区城市管理局) may hold reports of namesakes elsewhere.
PLACELESS_WARNING = (
    "这个机关的所在地区未能确定:不同地方的同名机关(如各区的“区城市管理局”)的报告可能被归在一起,"
    "请核对各年度报告的原文;管理员可在后台为机关补填地区。"
)


# --- one agency across years ---------------------------------------------------------------------


@dataclass
class AgencyRow:
    indicator: Indicator
    cells: list[Cell]  # one per year column
    unit: str  # the row's main base unit; the sparkline draws only figures in it
    years: list[int]

    @property
    def sparkline(self) -> SafeString:
        points, texts = [], []
        for year, cell in zip(self.years, self.cells, strict=True):
            drawn = cell.figure is not None and cell.figure.unit == self.unit
            points.append((f"{year}年", cell.number if drawn else None))
            texts.append(cell.text if drawn or not cell.figure else f"{cell.text}(单位不同，未画出)")
        return charts.sparkline(points, label=f"{self.indicator.name}历年变化", unit=self.unit, texts=texts)

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
    in catalogue order, each cell with the change from the year before when that year exists."""
    reports = list(agency.reports.current().defer("text").order_by("year"))
    figures = figures_for([report.pk for report in reports], keys or None)
    ordered = list(keys) if keys else catalogue_order(key for _, key in figures)
    indicators = indicators_for(ordered)
    years = [report.year for report in reports]
    rows: list[AgencyRow] = []
    warnings: list[str] = []
    for key in ordered:
        cells = [Cell(figures.get((report.pk, key))) for report in reports]
        for index in range(1, len(cells)):
            earlier, later = reports[index - 1], reports[index]
            # No change across a gap, nor between a synthetic sample and a real report.
            if later.year - earlier.year == 1 and later.is_synthetic == earlier.is_synthetic:
                cells[index].change = change_between(cells[index - 1].figure, cells[index].figure)
        groups = groups_of(cells)
        unit = main_unit(groups, indicators[key].units)
        rows.append(AgencyRow(indicators[key], cells, unit, years))
        warnings += column_warnings(indicators[key], groups, unit, across="各年", ranked=False)
    if any(report.is_synthetic for report in reports):
        warnings.insert(0, SYNTHETIC_WARNING)
    if agency.place_unknown:
        warnings.insert(0, PLACELESS_WARNING)
    return AgencyYears(agency, reports, rows, warnings, list(keys))


# --- many agencies in one year -------------------------------------------------------------------


@dataclass
class Column:
    indicator: Indicator
    unit: str
    reported: int
    ranking_url: str = ""  # the indicator's ranking for the same year and selection


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

    ``year`` None: ``default_year``. ``keys`` empty: the
    ``DEFAULT_KEYS`` keys the most selected reports state. ``sort`` a key: rows by its rank.
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
    if sort and sort not in keys:
        if chosen:
            raise CompareError(f"排序指标“{sort[:40]}”不在所选指标中。")
        raise CompareError(
            f"排序指标“{sort[:40]}”不在表中的指标里"
            + (f"(本表的指标:{'、'.join(keys)})" if keys else "(本表没有指标列)")
            + "。请先在“选择指标”中选上它。"
        )
    figures = figures_for(report_ids, keys)
    indicators = indicators_for(keys)
    lines = [
        AgencyLine(report.agency, report, [Cell(figures.get((report.pk, key))) for key in keys])
        for report in reports
    ]
    columns: list[Column] = []
    warnings = kind_warnings([line.agency for line in lines])
    ranking_query = query_string([("year", year), *place.items()])
    for index, key in enumerate(keys):
        cells = [line.cells[index] for line in lines]
        unit = rank_and_scale(cells, preferred=indicators[key].units)
        href = f"{indicators[key].ranking_url}?{ranking_query}"
        reported = sum(1 for cell in cells if cell.figure)
        groups = groups_of(cells)
        columns.append(Column(indicators[key], shown_unit(groups, unit), reported, href))
        warnings += column_warnings(indicators[key], groups, unit, across="各机关", ranked=True)
    if sort in keys:
        position = list(keys).index(sort)
        lines.sort(key=lambda line: _rank_key(line.cells[position]))
    if any(report.is_synthetic for report in reports):
        warnings.insert(0, SYNTHETIC_WARNING)
    reported = {report.agency_id for report in reports}
    without = (
        [agency for agency in agencies.order_by("name") if agency.pk not in reported]
        if place.agency_ids
        else []
    )
    return YearTable(year, place, columns, lines, warnings, years, without, list(keys), sort, year_note)


def _rank_key(cell: Cell) -> tuple[int, int]:
    return (cell.rank is None, cell.rank or 0)


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


# --- one indicator across agencies and years -----------------------------------------------------


@dataclass
class RankEntry:
    agency: Agency
    report: Report
    cell: Cell


@dataclass
class Ranking:
    indicator: Indicator
    definition: IndicatorDefinition
    place: PlaceFilter
    year: int | None
    entries: list[RankEntry]  # this page's rows: ranked first, then figures in another unit
    unit: str
    total: int  # reports with a figure, on every page
    not_reported: int  # reports in the filter without a figure of it (see ``VALUE_RULE``)
    warnings: list[str]
    years: list[int]
    mentioned_otherwise: int = 0  # of ``not_reported``: state it only as a change or a target
    partial: int = 0  # of ``not_reported``: the stored text stops inside a sentence
    page: int = 1  # pages of ``MAX_RANKING_ROWS`` rows, from 1

    @property
    def pages(self) -> int:
        return _page_count(self.total)

    @property
    def first_row(self) -> int:
        """The position of this page's first row in the whole ranking, from 1."""
        return _page_offset(self.page) + 1

    @property
    def not_reported_text(self) -> str:
        """What the reports left out of the ranking did say, truthfully: in some no figure of the
        indicator was found (they may still name it in words), others give only a change
        (同比增长) or a target in the next-year plans."""
        if not self.not_reported:
            return ""
        text = f"所选范围内另有 {self.not_reported} 份报告没有给出这项指标的数值(未报告,不计为0,不参与排名)"
        silent = self.not_reported - self.mentioned_otherwise
        if self.mentioned_otherwise and silent:
            text += (
                f":其中 {self.mentioned_otherwise} 份只提到增减幅度或“下一步安排”中的目标数,"
                f"{silent} 份中没有识别到这项指标的数字。"
            )
        elif self.mentioned_otherwise:
            text += ",它们只提到增减幅度或“下一步安排”中的目标数。"
        else:
            text += ",它们中都没有识别到这项指标的数字。"
        if self.partial:
            text += (
                f"这些报告中有 {self.partial} 份收录的正文不完整({CUT_REASON}),这项指标可能写在未收录的部分。"
            )
        return text

    @property
    def last_row(self) -> int:
        return self.first_row + len(self.entries) - 1

    @property
    def chart(self) -> SafeString:
        bars = [
            charts.Bar(
                # The year first, so cutting a long agency name short never cuts it off.
                label=entry.agency.name if self.year else f"{entry.report.year}年 {entry.agency.name}",
                value=entry.cell.number if entry.cell.comparable else None,
                text=entry.cell.text,
                href=entry.cell.figure.href if entry.cell.figure else "",
            )
            for entry in self.entries[:CHART_BARS]
            if entry.cell.comparable
        ]
        return charts.bar_charts(bars, label=f"{self.indicator.name}排名")

    @property
    def chart_bars(self) -> int:
        return min(CHART_BARS, self.comparable)

    @property
    def comparable(self) -> int:
        """Entries in the ranking's unit (ranked and drawn); the others come after them."""
        return sum(1 for entry in self.entries if entry.cell.comparable)

    @property
    def chart_cut(self) -> bool:
        """Whether the chart leaves out figures it could draw (it shows the top ``CHART_BARS``)."""
        return self.comparable > CHART_BARS


def indicator_ranking(
    definition: IndicatorDefinition, place: PlaceFilter, year: int | None, page: int = 1
) -> Ranking:
    """Every current report stating the indicator (filtered by place and year), ranked by its
    figure, largest first, in pages of ``MAX_RANKING_ROWS`` rows; a page past the last is a 404.

    Each report's figure is its ``ChosenFigure``. Units, ranks, colour steps and warnings come
    from SQL over them (counts per unit, scope and agency kind, the lowest and highest figure),
    and only the rows shown are read one by one, so the Python work grows with the rows shown,
    not with the reports that state the key."""
    scope = _ranking_scope(definition, place, year)
    facts, rows, groups, unit, units = scope.facts, scope.rows, scope.groups, scope.unit, scope.units
    years = sorted({row["report__year"] for row in facts.groups}, reverse=True)
    low = min((row["low"] for row in scope.in_unit), default=None)
    high = max((row["high"] for row in scope.in_unit), default=None)
    total = sum(group.count for group in groups)
    if page > _page_count(total):
        raise CompareError(f"排名共 {_page_count(total)} 页,没有第 {page} 页。", status=404)
    value_counts: Counter[Decimal] = Counter()
    for (row_year, base_unit), counts in facts.value_counts.items():
        if base_unit in units and (year is None or row_year == year):
            value_counts.update(counts)
    ranked = sum(value_counts.values())
    shown = _ranked_rows(scope.chosen, units, value_counts, total - ranked, _page_offset(page))
    entries = _rank_entries(shown, definition.key, low, high)
    indicator = indicator_of(definition)
    warnings = kind_warnings_of(
        {row["report__agency__kind"] for row in rows}, {row["report__agency__level"] for row in rows}
    )
    warnings += column_warnings(indicator, groups, unit, across="各报告", ranked=True)
    if year is None and len(years) > 1:
        warnings.append("排名包含多个年度的报告,同一机关可能出现多次。")
    if any(row["report__is_synthetic"] for row in rows):
        warnings.insert(0, SYNTHETIC_WARNING)
    in_years = [year] if year is not None else list(facts.reports)
    not_reported = sum(facts.reports.get(y, 0) for y in in_years) - total
    # Of those, the reports that do mention the key, only as a change or a next-year target.
    mentioned_otherwise = sum(facts.mentioning.get(y, 0) for y in in_years) - total
    partial = sum(facts.partial.get(y, 0) for y in in_years)
    return Ranking(
        indicator=indicator,
        definition=definition,
        place=place,
        year=year,
        entries=entries,
        unit=shown_unit(groups, unit),
        total=total,
        not_reported=not_reported,
        warnings=warnings,
        years=years,
        mentioned_otherwise=mentioned_otherwise,
        partial=partial,
        page=page,
    )


def ranking_page_of(
    definition: IndicatorDefinition, place: PlaceFilter, year: int | None, report_id: int
) -> int:
    """The page of ``indicator_ranking(definition, place, year)`` that holds ``report_id``'s row,
    or 1 when the ranking has none (another version, no figure of the key). The rows before it
    are counted in SQL in the ranking's order, so a report's 排名 link can open its row's page."""
    scope = _ranking_scope(definition, place, year)
    figure = (
        scope.chosen.filter(report_id=report_id)
        .values_list("base_unit", "base_value", "report__agency__name", "report__year")
        .first()
    )
    if figure is None:
        return 1
    base_unit, value, name, report_year = figure
    # the ranking's order within a figure (and of the figures in another unit): agency name,
    # newer year first, then report id
    before_by_name = (
        Q(report__agency__name__lt=name)
        | Q(report__agency__name=name, report__year__gt=report_year)
        | Q(report__agency__name=name, report__year=report_year, report_id__lt=report_id)
    )
    ranked = scope.chosen.filter(base_unit__in=scope.units)
    if base_unit in scope.units:
        before = ranked.filter(Q(base_value__gt=value) | (Q(base_value=value) & before_by_name)).count()
    else:  # in another unit: after every ranked row, by agency name
        before = (
            ranked.count() + scope.chosen.exclude(base_unit__in=scope.units).filter(before_by_name).count()
        )
    return before // MAX_RANKING_ROWS + 1


@dataclass(frozen=True)
class _RankingScope:
    """What a ranking ranks: the figures of current reports in the place and year, their groups
    by unit, scope and kind (``rows`` as counted, ``groups`` as read), the main unit, and the
    groups and base units in it (the ranked figures; the others follow them unranked)."""

    chosen: QuerySet[ChosenFigure]
    facts: KeyFacts
    rows: list[dict[str, Any]]
    groups: list[FigureGroup]
    unit: str
    in_unit: list[dict[str, Any]]
    units: set[str]


def _ranking_scope(definition: IndicatorDefinition, place: PlaceFilter, year: int | None) -> _RankingScope:
    chosen = ChosenFigure.objects.filter(key=definition.key, report__is_current=True).order_by()
    reports = Report.objects.current()
    if place.items():  # with no place chosen every agency counts: no need to ask which
        agencies = agencies_in(place)
        chosen = chosen.filter(report__agency__in=agencies)
        reports = reports.filter(agency__in=agencies)
        facts = _key_facts(definition.key, chosen, reports)
    else:  # the slow case (every figure of the key), and one entry per key: keep it
        facts = kept_until_changed(
            f"ranking_facts:{definition.key}", lambda: _key_facts(definition.key, chosen, reports)
        )
    rows = facts.groups
    if year is not None:
        chosen = chosen.filter(report__year=year)
        rows = [row for row in rows if row["report__year"] == year]
    groups = [FigureGroup(row["base_unit"], row["derived"], row["scope"], row["count"]) for row in rows]
    unit = main_unit(groups, definition.units.split())
    in_unit = [row for row, group in zip(rows, groups, strict=True) if group.unit == unit]
    units = {row["base_unit"] for row in in_unit}
    return _RankingScope(chosen, facts, rows, groups, unit, in_unit, units)


@dataclass(frozen=True)
class KeyFacts:
    """What a ranking counts over every figure of its key, per year: the figures grouped by what
    their unit and warnings look at (with counts, lowest, highest), how many figures state each
    value (the ranks), the current reports, and the reports that mention the key at all (a level,
    a change or a target)."""

    groups: list[dict[str, Any]]
    # (year, base unit) -> how many figures state each value (a key may hold 13,000 distinct
    # values at 100k reports: 2 MB kept this way, 4.1 MB as one row tuple per value)
    value_counts: dict[tuple[int, str], dict[Decimal, int]]
    reports: dict[int, int]
    mentioning: dict[int, int]
    partial: dict[int, int]  # reports without a figure whose stored text stops mid-sentence


def _key_facts(key: str, chosen: QuerySet[ChosenFigure], reports: QuerySet[Report]) -> KeyFacts:
    groups = list(
        chosen.values(
            "base_unit",
            "derived",
            "scope",
            "report__agency__kind",
            "report__agency__level",
            "report__is_synthetic",
            "report__year",
        )
        # counted by report_id (in the covering index), not by the value's id (which is not)
        .annotate(
            count=Count("report_id"), low=Min("base_value"), high=Max("base_value"), first=Min("report_id")
        )
        .order_by("first")
    )
    per_year = reports.order_by().values("year").annotate(n=Count("pk")).values_list("year", "n")
    mentioning = (
        IndicatorValue.objects.shown()
        .filter(key=key, report__in=reports)
        .order_by()
        .values("report__year")
        .annotate(n=Count("report_id", distinct=True))
        .values_list("report__year", "n")
    )
    value_counts: dict[tuple[int, str], dict[Decimal, int]] = {}
    by_value = chosen.values_list("report__year", "base_unit", "base_value").annotate(n=Count("report_id"))
    for year, unit, value, count in by_value:
        value_counts.setdefault((year, unit), {})[value] = count
    partial = (
        reports.filter(text_cut=True)
        .exclude(Exists(ChosenFigure.objects.filter(report=OuterRef("pk"), key=key)))
        .order_by()
        .values("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
    )
    return KeyFacts(groups, value_counts, dict(per_year), dict(mentioning), dict(partial))


def _page_count(rows: int) -> int:
    return max(1, -(-rows // MAX_RANKING_ROWS))


def _page_offset(page: int) -> int:
    return (page - 1) * MAX_RANKING_ROWS


def _ranked_rows(
    chosen: QuerySet[ChosenFigure],
    units: set[str],
    value_counts: Counter[Decimal],
    unranked: int,
    offset: int,
) -> list[tuple[int, int | None]]:
    """(report id, rank) of the rows at ``offset`` onwards (one page): the figures in the
    ranking's ``units`` by competition rank (ties by agency name, newer year first), then the
    ``unranked`` figures in other units, by agency name.

    ``value_counts`` (how many figures state each value) gives every rank: one more than the
    figures above it. Only the page's rows are read, from the values its first and last row hold."""
    rows: list[tuple[int, int | None]] = []
    ranked = sum(value_counts.values())
    if offset < ranked:
        rank_of: dict[Decimal, int] = {}
        place = 1
        for value in sorted(value_counts, reverse=True):
            rank_of[value] = place
            place += value_counts[value]
        last = min(offset + MAX_RANKING_ROWS, ranked) - 1
        # the value at a position is the lowest one whose rank starts at or before it
        high = min(value for value, rank in rank_of.items() if rank - 1 <= offset)
        low = min(value for value, rank in rank_of.items() if rank - 1 <= last)
        above = rank_of[high] - 1
        window = (
            chosen.filter(base_unit__in=units, base_value__lte=high, base_value__gte=low)
            .order_by("-base_value", "report__agency__name", "-report__year", "report_id")
            .values_list("report_id", "base_value")[offset - above : offset - above + MAX_RANKING_ROWS]
        )
        rows = [(report_id, rank_of[number]) for report_id, number in window]
    if len(rows) < MAX_RANKING_ROWS and unranked:
        # Their reports first, then those in agency name order: asked in one query, the planner
        # walks every agency by name hoping to meet them early (0.7 s at 100k).
        other_reports = list(chosen.exclude(base_unit__in=units).values_list("report_id", flat=True))
        start = max(0, offset - ranked)
        room = MAX_RANKING_ROWS - len(rows)
        in_order = Report.objects.filter(pk__in=other_reports).order_by("agency__name", "-year", "pk")
        rows += [
            (report_id, None) for report_id in in_order.values_list("pk", flat=True)[start : start + room]
        ]
    return rows


# The agency's place as the exports name it (three levels: county, city, province).
_PLACE_FIELDS = tuple(
    f"agency__region{'__parent' * depth}__{field}"
    for depth in range(3)
    for field in ("code", "name", "level")
)


def _rank_entries(
    rows: Sequence[tuple[int, int | None]], key: str, low: Decimal | None, high: Decimal | None
) -> list[RankEntry]:
    """The shown rows with their models: each cell has its report's full ``Figure`` (text, link,
    sentence, others), its rank and its colour step between the ranked figures' ``low`` and
    ``high``; a row without a rank is in another unit than the ranking's."""
    report_ids = [report_id for report_id, _ in rows]
    figures = figures_for(report_ids, [key])
    # what a ranking row shows of its report and agency (200 wide rows cost ~10 ms to build)
    shown = ("year", "is_synthetic", "agency__name", "agency__kind", "agency__level", *_PLACE_FIELDS)
    reports = Report.objects.select_related("agency__region__parent__parent").only(*shown).in_bulk(report_ids)
    entries = []
    for report_id, rank in rows:
        figure = figures[(report_id, key)]
        cell = Cell(figure, rank=rank, comparable=rank is not None)
        if rank is not None and low is not None and high is not None:
            cell.step = scale_step(figure.number, low, high)
        report = reports[report_id]
        entries.append(RankEntry(report.agency, report, cell))
    return entries
