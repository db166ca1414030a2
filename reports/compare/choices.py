"""What the compare pages offer to choose from: indicator counts for the index, the places a
year table can cover, agencies found by name or id, and example agencies to open."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from django.db.models import Count, Exists, Max, OuterRef, Q, QuerySet
from django.urls import reverse

from reports.browse import agencies_named
from reports.indicators.facets import facet_labels, in_catalogue_order
from reports.library_cache import kept_until_changed
from reports.models import (
    Agency,
    ChosenFacetFigure,
    ChosenFigure,
    IndicatorDefinition,
    Region,
    Report,
    Section,
)
from reports.query_ints import query_int

from .figures import chosen_figures
from .params import CompareError, PlaceFilter


def indicator_report_counts() -> dict[str, int]:
    """Per catalogue key, how many current reports have a figure of it: exactly the reports
    its ranking (``indicator_ranking`` without filters) lists, so the index and it agree."""
    return kept_until_changed("indicator_report_counts", _indicator_report_counts)


def _indicator_report_counts() -> dict[str, int]:
    rows = (
        ChosenFigure.objects.filter(report__is_current=True)
        .values("key")
        .annotate(reports=Count("pk"))
        .values_list("key", "reports")
    )
    return dict(rows)


def facet_report_counts() -> dict[tuple[str, str], int]:
    """Per (catalogue key, facet), how many current reports have a figure of that facet:
    exactly the reports the facet's ranking (``?facet=``, without other filters) lists."""
    return kept_until_changed("facet_report_counts", _facet_report_counts)


def _facet_report_counts() -> dict[tuple[str, str], int]:
    rows = (
        ChosenFacetFigure.objects.filter(report__is_current=True)
        .values("key", "facet")
        .annotate(reports=Count("pk"))
        .values_list("key", "facet", "reports")
    )
    return {(key, facet): count for key, facet, count in rows}


def stated_facets(
    definition: IndicatorDefinition, counts: dict[tuple[str, str], int] | None = None
) -> list[tuple[str, int]]:
    """The facets of ``definition`` that current reports state, each with how many state it, in
    the catalogue's order: single facets, then figures naming several (取消+下放). A label no
    report states is left out: its ranking and coverage would be empty. ``counts``: the
    ``facet_report_counts()`` a caller asking for many keys read once."""
    counts = facet_report_counts() if counts is None else counts
    stated = [facet for key, facet in counts if key == definition.key]
    return [
        (facet, counts[definition.key, facet])
        for facet in in_catalogue_order(stated, facet_labels(definition.facets))
    ]


@dataclass
class RegionChoice:
    region: Region
    reports: int  # current reports (of the ranking: stating its key) of agencies in it or below it
    depth: int  # 0 province, 1 city


def region_choices(year: int | None = None) -> list[RegionChoice]:
    """Provinces and cities that have current reports (in or below them; of ``year`` when
    given), each province followed by its cities, for the year page's region picker (no typing
    codes)."""
    reports = Report.objects.current() if year is None else Report.objects.current().filter(year=year)
    return kept_until_changed(
        f"compare_region_choices:{year}", lambda: _region_choices(reports, "agency__region")
    )


def region_picker(chosen: Region | None, regions: list[RegionChoice]) -> dict[str, object]:
    """A form's region picker: the provinces and cities it offers, and whether the chosen place
    is among them (a county chosen from its page is offered on its own)."""
    return {
        "regions": regions,
        "region_listed": chosen is None or any(choice.region.pk == chosen.pk for choice in regions),
    }


def ranking_region_choices(
    key: str, place: PlaceFilter, year: int | None, facet: str = ""
) -> list[RegionChoice]:
    """The region picker of ``key``'s ranking: provinces and cities with current reports that
    state it (a figure of ``facet``, when given), counted under the ranking's other filters
    (year, kind, level), so that the count beside a place is the total of its ranking there."""
    chosen = chosen_figures(key, facet).filter(report__is_current=True)
    if year is not None:
        chosen = chosen.filter(report__year=year)
    if place.kind:
        chosen = chosen.filter(report__agency__kind=place.kind)
    if place.level:
        chosen = chosen.filter(report__agency__level=place.level)
    if place.agency_ids:  # a list of agencies is one request's: not kept
        return _region_choices(chosen.filter(report__agency__in=place.agency_ids), "report__agency__region")
    return kept_until_changed(
        f"ranking_region_choices:{key}:{facet}:{year}:{place.kind}:{place.level}",
        lambda: _region_choices(chosen, "report__agency__region"),
    )


def _region_choices(rows: QuerySet, region_path: str) -> list[RegionChoice]:
    """The provinces and cities holding ``rows`` (whose field path to their place is
    ``region_path``), with how many rows each holds in or below it."""
    counts: Counter[int] = Counter()
    for field_name in (f"{region_path}_id", f"{region_path}__parent_id", f"{region_path}__parent__parent_id"):
        grouped = (
            rows.exclude(**{f"{field_name}__isnull": True})
            .order_by()
            .values(field_name)
            .annotate(rows=Count("pk"))
            .values_list(field_name, "rows")
        )
        for pk, found in grouped:
            counts[pk] += found
    regions = {
        region.pk: region
        for region in Region.objects.filter(
            pk__in=list(counts), level__in=[Region.Level.PROVINCE, Region.Level.CITY]
        )
    }
    provinces = sorted(
        (r for r in regions.values() if r.level == Region.Level.PROVINCE), key=lambda r: r.code
    )
    choices: list[RegionChoice] = []
    for province in provinces:
        choices.append(RegionChoice(province, counts[province.pk], 0))
        cities = sorted((r for r in regions.values() if r.parent_id == province.pk), key=lambda r: r.code)
        choices += [RegionChoice(city, counts[city.pk], 1) for city in cities]
    return choices


@dataclass
class AgencySearch:
    """The compare index's "which agency?" box: an id or part of a name, and which page."""

    text: str
    view: str  # "agency" (indicators across years) or "promises" (plans and their outcomes)
    matches: list[Agency]
    more: bool  # more agencies match than are listed

    @property
    def target(self) -> str:
        """The page to open when exactly one agency matches ("" otherwise)."""
        if len(self.matches) != 1 or self.more:
            return ""
        name = "reports:compare-promises" if self.view == "promises" else "reports:compare-agency"
        return reverse(name, args=[self.matches[0].pk])

    @property
    def message(self) -> str:
        if len(self.text) < MIN_NAME_CHARACTERS:
            # one character (市, 铜) would match most agencies, so names are looked up from two
            return f"请输入机关名称中至少 {MIN_NAME_CHARACTERS} 个字(或机关编号)。"
        if not self.matches:
            return f"没有名称包含“{self.text[:40]}”且已收录报告的机关。"
        if self.more:
            return (
                f"名称包含“{self.text[:40]}”的机关很多,下面只列出前 {len(self.matches)} 个,"
                "请输入更完整的名称。"
            )
        return f"名称包含“{self.text[:40]}”的机关有 {len(self.matches)} 个,请选择:"


AGENCY_MATCHES = 20
MIN_NAME_CHARACTERS = 2  # as browse.agencies_named looks names up
AGENCY_VIEWS = {"agency": "历年指标", "promises": "计划与落实"}


def agency_search(text: str, view: str) -> AgencySearch:
    """Agencies with current reports whose name contains ``text`` (or whose id it is)."""
    if (agency_id := query_int(text)) is not None:
        agency = Agency.objects.filter(pk=agency_id).first()
        if agency is None:
            raise CompareError(f"没有编号为 {text} 的机关。", status=404)
        return AgencySearch(text, view, [agency], False)
    found = agencies_named([text], limit=AGENCY_MATCHES + 1)
    return AgencySearch(text, view, found[:AGENCY_MATCHES], len(found) > AGENCY_MATCHES)


def agencies_with_most_years(limit: int = 6) -> list[Agency]:
    """Agencies with the most years of current reports (at least two), as examples to open."""
    return kept_until_changed(f"agencies_with_most_years_{limit}", lambda: _agencies_with_most_years(limit))


@dataclass(frozen=True)
class PlanPair:
    """An agency whose report of ``year`` has a 下一步安排 part and whose next year's is held."""

    agency: Agency
    year: int


def agencies_with_plan_pairs(limit: int = 6) -> list[PlanPair]:
    """Agencies whose promises page can set a year's plans beside the next year's report (most
    openings stop before their plans, so few can), each with its latest such year, newest first."""
    return kept_until_changed(f"agencies_with_plan_pairs_{limit}", lambda: _agencies_with_plan_pairs(limit))


def _agencies_with_plan_pairs(limit: int) -> list[PlanPair]:
    current = Report.objects.current()
    followed = current.filter(agency=OuterRef("agency_id"), year=OuterRef("year") + 1)
    planned = current.filter(Exists(followed), sections__label=Section.Label.NEXT_STEPS).distinct()
    latest = planned.values("agency_id").annotate(year=Max("year")).order_by("-year", "agency_id")[:limit]
    years = {row["agency_id"]: row["year"] for row in latest}
    agencies = Agency.objects.in_bulk(list(years))
    return [PlanPair(agencies[pk], year) for pk, year in years.items()]


def _agencies_with_most_years(limit: int) -> list[Agency]:
    return list(
        Agency.objects.annotate(
            years=Count("reports__year", filter=Q(reports__is_current=True), distinct=True)
        )
        .filter(years__gte=2)
        .order_by("-years", "name")[:limit]
    )
