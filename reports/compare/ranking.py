"""One indicator ranked across agencies and years: the ranking page, its chart and exports,
and the page of it that holds a given report's row.

Reads only, like ``tables``: the functions take validated arguments (see ``params``) and return
what the page, the CSV and the JSON render from. Only current report versions count.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, Max, Min, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.safestring import SafeString

from reports import charts
from reports.indicators.facets import facet_labels, in_catalogue_order
from reports.ingest.completeness import CUT_REASON
from reports.library_cache import kept_until_changed
from reports.models import (
    Agency,
    ChosenFacetFigure,
    IndicatorDefinition,
    IndicatorValue,
    Report,
)

from .figures import (
    Cell,
    ChosenRows,
    FigureGroup,
    Indicator,
    chosen_figures,
    column_warnings,
    cut_without_figure,
    figures_for,
    indicator_of,
    kind_warnings_of,
    main_unit,
    scale_step,
    shown_unit,
    with_facet,
)
from .params import MAX_RANKING_ROWS, CompareError, PlaceFilter, column_spec, query_string
from .tables import SYNTHETIC_WARNING, agencies_in

CHART_BARS = 30


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
    other_facets: int = 0  # of ``not_reported``, under a facet: figures of the key, none of the facet
    partial: int = 0  # of ``not_reported``: the stored text stops inside a sentence
    page: int = 1  # pages of ``MAX_RANKING_ROWS`` rows, from 1
    facet: str = ""  # the one facet compared (下放), "" for each report's figure of any
    facets: list[FacetChoice] = field(default_factory=list)  # the key's facets in the filter

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
        count = self.not_reported
        what = f"这项指标类别为“{self.facet}”的数值" if self.facet else "这项指标的数值"
        if self.total:
            text = f"所选范围内另有 {count} 份报告没有给出{what}(未报告,不计为0,不参与排名)"
        else:  # nothing ranked: these are all the reports there are, not some more
            text = f"所选范围内的 {count} 份报告都没有给出{what}(未报告,不计为0)"
        silent = self.not_reported - self.mentioned_otherwise - self.other_facets
        # (how many, what some of them say, what all say when they are all of one kind)
        said = [
            (
                self.mentioned_otherwise,
                "只提到增减幅度、多年的数值或目标数",
                "它们只提到增减幅度、多年的数值或目标数",
            ),
            (
                self.other_facets,
                "只写到这项指标其他类别或未注明类别的数字",
                "它们只写到这项指标其他类别或未注明类别的数字",
            ),
            (silent, "中没有识别到这项指标的数字", "它们中都没有识别到这项指标的数字"),
        ]
        said = [entry for entry in said if entry[0]]
        if len(said) > 1:
            text += ":其中 " + ",".join(f"{count} 份{some}" for count, some, _all in said) + "。"
        else:
            text += f",{said[0][2]}。"
        if self.partial:
            text += (
                f"这些报告中有 {self.partial} 份收录的正文不完整({CUT_REASON}),这项指标可能写在未收录的部分。"
            )
        return text

    @property
    def not_reported_url(self) -> str:
        """The report list of the reports left out (未报告): of this ranking's place, year and key
        (or facet), so a reader can see who they are; "" for a ranking of agencies listed by id,
        which the list cannot narrow to."""
        if self.place.agency_ids:
            return ""
        region = self.place.region
        pairs: list[tuple[str, object]] = [(region.level, region.code)] if region is not None else []
        pairs += [("year", self.year), ("level", self.place.level), ("kind", self.place.kind)]
        pairs.append(("lacks", column_spec(self.definition.key, self.facet)))
        return f"{reverse('reports:list')}?{query_string(pairs)}"

    @property
    def facet_listed(self) -> bool:
        """Whether the facet compared is among those the filter's reports state (else it has none)."""
        return any(choice.facet == self.facet for choice in self.facets)

    @property
    def every_facet(self) -> int:
        """How many reports the ranking of every facet lists (each one's chosen figure)."""
        return self.facets[0].reports if self.facets else self.total

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
        return charts.bar_charts(bars, label=f"{with_facet(self.indicator.name, self.facet)}排名")

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


@dataclass(frozen=True)
class FacetChoice:
    """One facet of a ranking's key, and how many reports in its filter state a figure of it."""

    facet: str
    reports: int


def indicator_ranking(
    definition: IndicatorDefinition, place: PlaceFilter, year: int | None, page: int = 1, facet: str = ""
) -> Ranking:
    """Every current report stating the indicator (filtered by place and year), ranked by its
    figure, largest first, in pages of ``MAX_RANKING_ROWS`` rows; a page past the last is a 404.

    Each report's figure is its ``ChosenFigure``, or with ``facet`` its ``ChosenFacetFigure`` of
    that facet (a report saying 取消9项 first ranks by its 下放17项 among 下放). Units, ranks,
    colour steps and warnings come from SQL over them (counts per unit, scope and agency kind,
    the lowest and highest figure), and only the rows shown are read one by one, so the Python
    work grows with the rows shown, not with the reports that state the key."""
    scope = _ranking_scope(definition, place, year, facet)
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
    entries = _rank_entries(shown, definition.key, low, high, facet)
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
    other_facets = sum(facts.other_facets.get(y, 0) for y in in_years)
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
        other_facets=other_facets,
        partial=partial,
        page=page,
        facet=facet,
        facets=facet_choices(definition, place, year),
    )


def facet_choices(definition: IndicatorDefinition, place: PlaceFilter, year: int | None) -> list[FacetChoice]:
    """The facets of ``definition`` that reports in the place and year state, with how many
    reports state each (the total of that facet's ranking): first "" (every facet: each report's
    chosen figure), then single facets in the catalogue's order, then figures naming several
    (取消+下放). [] for a key without facets."""
    labels = facet_labels(definition.facets)
    if not labels:
        return []
    by_facet, _reports = _in_place(ChosenFacetFigure.objects.filter(key=definition.key), place)
    every, _reports = _place_figures(definition, place, "")
    if year is not None:
        by_facet, every = by_facet.filter(report__year=year), every.filter(report__year=year)

    def count() -> dict[str, int]:
        counts = dict(by_facet.values("facet").annotate(n=Count("report_id")).values_list("facet", "n"))
        return {**counts, "": every.count()}  # "": every report's chosen figure, of any facet

    # every report's figures, the slow case, is kept as the ranking's facts are (5 ms at 10k)
    counts = count() if place.items() else kept_until_changed(f"facet_choices:{definition.key}:{year}", count)
    named = in_catalogue_order([facet for facet in counts if facet], labels)
    return [FacetChoice("", counts[""]), *(FacetChoice(facet, counts[facet]) for facet in named)]


def ranking_page_of(
    definition: IndicatorDefinition, place: PlaceFilter, year: int | None, report_id: int, facet: str = ""
) -> int | None:
    """The page of ``indicator_ranking(definition, place, year, facet=facet)`` that holds ``report_id``'s row,
    or None when the ranking has none (another version, no figure of the key). The rows before it
    are counted in SQL in the ranking's order, so a report's 排名 link can open its row's page."""
    # Only the figures' groups decide which unit ranks: the ranking's other facts (reports held,
    # mentions, partial texts) cost most of the time and say nothing of the row's place.
    chosen, _reports = _place_figures(definition, place, facet)
    if year is not None:
        chosen = chosen.filter(report__year=year)
    figure = (
        chosen.filter(report_id=report_id)
        .values_list("base_unit", "base_value", "report__agency__name", "report__year")
        .first()
    )
    if figure is None:
        return None
    base_unit, value, name, report_year = figure
    *_shown, units = _in_main_unit(definition, _figure_groups(chosen))
    # the ranking's order within a figure (and of the figures in another unit): agency name,
    # newer year first, then report id
    before_by_name = (
        Q(report__agency__name__lt=name)
        | Q(report__agency__name=name, report__year__gt=report_year)
        | Q(report__agency__name=name, report__year=report_year, report_id__lt=report_id)
    )
    ranked = chosen.filter(base_unit__in=units)
    if base_unit in units:
        before = ranked.filter(Q(base_value__gt=value) | (Q(base_value=value) & before_by_name)).count()
    else:  # in another unit: after every ranked row, by agency name
        before = ranked.count() + chosen.exclude(base_unit__in=units).filter(before_by_name).count()
    return before // MAX_RANKING_ROWS + 1


@dataclass(frozen=True)
class _RankingScope:
    """What a ranking ranks: the figures of current reports in the place and year, their groups
    by unit, scope and kind (``rows`` as counted, ``groups`` as read), the main unit, and the
    groups and base units in it (the ranked figures; the others follow them unranked)."""

    chosen: ChosenRows
    facts: KeyFacts
    rows: list[dict[str, Any]]
    groups: list[FigureGroup]
    unit: str
    in_unit: list[dict[str, Any]]
    units: set[str]


def _ranking_scope(
    definition: IndicatorDefinition, place: PlaceFilter, year: int | None, facet: str
) -> _RankingScope:
    chosen, reports = _place_figures(definition, place, facet)
    if place.items():
        facts = _key_facts(definition.key, facet, chosen, reports)
    else:  # the slow case (every figure of the key), and one entry per key and facet: keep it
        facts = kept_until_changed(
            f"ranking_facts:{definition.key}:{facet}",
            lambda: _key_facts(definition.key, facet, chosen, reports),
        )
    rows = facts.groups
    if year is not None:
        chosen = chosen.filter(report__year=year)
        rows = [row for row in rows if row["report__year"] == year]
    groups, unit, in_unit, units = _in_main_unit(definition, rows)
    return _RankingScope(chosen, facts, rows, groups, unit, in_unit, units)


def _place_figures(
    definition: IndicatorDefinition, place: PlaceFilter, facet: str
) -> tuple[ChosenRows, QuerySet[Report]]:
    """The key's figures (of ``facet``, when given) of current reports in the place, and those reports."""
    return _in_place(chosen_figures(definition.key, facet), place)


def _in_place(chosen: ChosenRows, place: PlaceFilter) -> tuple[ChosenRows, QuerySet[Report]]:
    """Those of the ``chosen`` figures of current reports in the place, and those reports."""
    chosen = chosen.filter(report__is_current=True).order_by()
    reports = Report.objects.current()
    if place.items():  # with no place chosen every agency counts: no need to ask which
        agencies = agencies_in(place)
        chosen = chosen.filter(report__agency__in=agencies)
        reports = reports.filter(agency__in=agencies)
    return chosen, reports


def _in_main_unit(
    definition: IndicatorDefinition, rows: list[dict[str, Any]]
) -> tuple[list[FigureGroup], str, list[dict[str, Any]], set[str]]:
    """The figures' groups, the unit the ranking ranks in, the groups' rows in it and their base
    units (the ranked figures')."""
    groups = [
        FigureGroup(row["base_unit"], row["derived"], row["scope"], row["count"], row["facet"])
        for row in rows
    ]
    unit = main_unit(groups, definition.units.split())
    in_unit = [row for row, group in zip(rows, groups, strict=True) if group.unit == unit]
    return groups, unit, in_unit, {row["base_unit"] for row in in_unit}


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
    # under a facet: reports with figures of the key (any measure) and none of the facet
    other_facets: dict[int, int]


def _figure_groups(chosen: ChosenRows) -> list[dict[str, Any]]:
    """The figures grouped by what a ranking's unit and warnings look at, with their counts,
    lowest and highest values, in the order of their first report."""
    return list(
        chosen.values(
            "base_unit",
            "derived",
            "scope",
            "facet",
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


def _key_facts(
    key: str,
    facet: str,
    chosen: ChosenRows,
    reports: QuerySet[Report],
) -> KeyFacts:
    groups = _figure_groups(chosen)
    per_year = reports.order_by().values("year").annotate(n=Count("pk")).values_list("year", "n")
    mentions = IndicatorValue.objects.shown().filter(key=key, report__in=reports)
    if facet:
        mentions = mentions.filter(facet=facet)
    mentioning = (
        mentions.order_by()
        .values("report__year")
        .annotate(n=Count("report_id", distinct=True))
        .values_list("report__year", "n")
    )
    value_counts: dict[tuple[int, str], dict[Decimal, int]] = {}
    by_value = chosen.values_list("report__year", "base_unit", "base_value").annotate(n=Count("report_id"))
    for year, unit, value, count in by_value:
        value_counts.setdefault((year, unit), {})[value] = count
    partial = (
        cut_without_figure(reports, key, facet)
        .order_by()
        .values("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
    )
    other_facets: dict[int, int] = {}
    if facet:  # reports with figures of the key (a level, a change, a target…), none of the facet
        of_facet = IndicatorValue.objects.shown().filter(report=OuterRef("report_id"), key=key, facet=facet)
        other_facets = dict(
            IndicatorValue.objects.shown()
            .filter(key=key, report__in=reports)
            .exclude(Exists(of_facet))
            .order_by()
            .values("report__year")
            .annotate(n=Count("report_id", distinct=True))
            .values_list("report__year", "n")
        )
    return KeyFacts(groups, value_counts, dict(per_year), dict(mentioning), dict(partial), other_facets)


def _page_count(rows: int) -> int:
    return max(1, -(-rows // MAX_RANKING_ROWS))


def _page_offset(page: int) -> int:
    return (page - 1) * MAX_RANKING_ROWS


def _ranked_rows(
    chosen: ChosenRows,
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
_PLACE_FIELDS = (
    *(
        f"agency__region{'__parent' * depth}__{field}"
        for depth in range(3)
        for field in ("code", "name", "level")
    ),
    # the top place's own parent (none): walking up to it read each row's province again
    "agency__region__parent__parent__parent",
)


def _rank_entries(
    rows: Sequence[tuple[int, int | None]], key: str, low: Decimal | None, high: Decimal | None, facet: str
) -> list[RankEntry]:
    """The shown rows with their models: each cell has its report's full ``Figure`` (text, link,
    sentence, others), its rank and its colour step between the ranked figures' ``low`` and
    ``high``; a row without a rank is in another unit than the ranking's."""
    report_ids = [report_id for report_id, _ in rows]
    figures = figures_for(report_ids, [key], facet=facet)
    # what a ranking row shows of its report and agency (200 wide rows cost ~10 ms to build),
    # and what its exports cite of the report (a field left out is a query a row)
    shown = (
        "year",
        "is_synthetic",
        "title",
        "published_on",
        "source_url",
        "text_cut",
        "agency__name",
        "agency__kind",
        "agency__level",
        *_PLACE_FIELDS,
    )
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
