"""Reads for browsing the library: coverage by province and year, the region tree with report
counts, an agency's reports over time, who did not report in a year, and agencies by name.

Only current report versions count. Places are grouped by their GB/T 2260 code: the first two
digits name the province, so coverage needs no walk up the region tree.
"""

from __future__ import annotations

import operator
import re
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce

from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, When
from django.db.models.functions import Length, Substr
from django.utils import timezone

from .compare import AgencyYears, agency_years
from .compare.tables import partial_years_warning
from .library_cache import kept_until_changed
from .models import Agency, Region, Report, ReportQuerySet, Section
from .regions import ZONE_ADMINISTRATION
from .search.normalize import script_spellings

# The parts the 2019 督察工作规定 requires, in the order it lists them (section labels).
REQUIRED_PARTS: tuple[tuple[str, str], ...] = (
    (Section.Label.MEASURES, "举措成效"),
    (Section.Label.PROBLEMS, "不足原因"),
    (Section.Label.LEADERSHIP, "第一责任人"),
    (Section.Label.NEXT_STEPS, "下年安排"),
    (Section.Label.OTHER, "其他事项"),
)


@dataclass(frozen=True)
class LibraryTotals:
    reports: int
    agencies: int
    regions: int
    synthetic_reports: int


def library_totals() -> LibraryTotals:
    """How many current reports, reporting agencies and places the library holds."""
    return kept_until_changed("totals", _library_totals)


def _library_totals() -> LibraryTotals:
    current = Report.objects.current()
    counts = current.aggregate(
        reports=Count("pk"),
        agencies=Count("agency", distinct=True),
        regions=Count("agency__region", distinct=True),
        synthetic=Count("pk", filter=Q(is_synthetic=True)),
    )
    return LibraryTotals(counts["reports"], counts["agencies"], counts["regions"], counts["synthetic"])


def latest_reports(limit: int = 8) -> list[Report]:
    """The most recently added current reports."""
    # Ids grow with every import, so the newest ids are the latest added: an index walk.
    return list(Report.objects.current().with_listing_data().defer("text").order_by("-pk")[:limit])


@dataclass
class CoverageRow:
    province: Region | None  # None: the central organs' row, or reports whose place is unknown
    cells: list[tuple[int, int]]  # (year, reports) for every year of the table
    total: int
    central: bool = False  # the row of the central government's organs (中央), which have no province


@dataclass
class Coverage:
    years: list[int]
    rows: list[CoverageRow]
    year_totals: list[int]

    @property
    def total(self) -> int:
        return sum(self.year_totals)


_CENTRAL = "central"


def coverage_by_province_and_year() -> Coverage:
    """Report counts per province and year: one grouped query over current reports."""
    return kept_until_changed("coverage", _coverage_by_province_and_year)


def _coverage_by_province_and_year() -> Coverage:
    grouped = (
        Report.objects.current()
        .annotate(province_prefix=Substr("agency__region__code", 1, 2))
        .values("province_prefix", "agency__level", "year")
        .annotate(reports=Count("pk"))
        .order_by()
    )
    counts: dict[str | None, dict[int, int]] = defaultdict(dict)
    years: set[int] = set()
    for row in grouped:
        key = row["province_prefix"] or (_CENTRAL if row["agency__level"] == Region.Level.NATIONAL else None)
        counts[key][row["year"]] = counts[key].get(row["year"], 0) + row["reports"]
        years.add(row["year"])
    ordered_years = sorted(years)
    provinces = {
        region.code[:2]: region
        for region in Region.objects.filter(
            level=Region.Level.PROVINCE, code__in=[f"{p}0000" for p in counts if p]
        )
    }
    rows = [
        CoverageRow(
            provinces.get(prefix) if prefix and prefix != _CENTRAL else None,
            [(year, by_year.get(year, 0)) for year in ordered_years],
            sum(by_year.values()),
            central=prefix == _CENTRAL,
        )
        for prefix, by_year in counts.items()
    ]
    # The central organs first, provinces in code order, the unplaced row last.
    rows.sort(
        key=lambda row: (not row.central, row.province is None, row.province.code if row.province else "")
    )
    year_totals = [sum(row.cells[i][1] for row in rows) for i in range(len(ordered_years))]
    return Coverage(ordered_years, rows, year_totals)


@dataclass
class PlaceCounts:
    """A place below the one being browsed, with its subtree's report counts per year."""

    region: Region
    counts: dict[int, int] = field(default_factory=dict)
    cells: list[tuple[int, int]] = field(default_factory=list)  # (year, reports) per overview year

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class AgencyCounts:
    agency: Agency
    counts: dict[int, int] = field(default_factory=dict)
    cells: list[tuple[int, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class RegionOverview:
    region: Region | None  # None: the whole country
    years: list[int]
    places: list[PlaceCounts]
    governments: list[AgencyCounts]
    departments: list[AgencyCounts]
    # Towns, townships and street offices seated here (at their county): below it, not its own.
    townships: list[AgencyCounts]
    # Zones the division table does not know, and their bureaus, seated here a level below it
    # (天津滨海高新区 at 天津市): neither its own government nor its departments.
    zones: list[AgencyCounts]
    # The level of the places right below whose governments have reports (what a year comparison
    # of "the governments below" would list), or "" when none have.
    child_government_level: str = ""


def region_overview(region: Region | None) -> RegionOverview:
    """The places directly below ``region`` (None: the country) and the agencies seated at it."""
    if region is None:
        return kept_until_changed("country", lambda: _region_overview(None))
    return _region_overview(region)


def _region_overview(region: Region | None) -> RegionOverview:
    """The places directly below ``region`` and the agencies seated at it, with counts per year.

    One grouped query over the subtree's current reports, by agency only for the agencies seated
    here and by place below (a province has thousands of agencies below it, and rows cost); the
    counts are then added up the tree in Python, which is cheap because only places with reports
    appear.
    """
    here = region.pk if region is not None else None
    reports = Report.objects.current()
    if region is not None:
        reports = reports.in_region(region)
    # A ministry has no region: its seat is the country. Other agencies without one are of an
    # unknown place, listed on the report list but not in the tree.
    seated = (
        Q(agency__region__isnull=True, agency__level=Region.Level.NATIONAL)
        if here is None
        else Q(agency__region_id=here)
    )
    grouped = list(
        reports.annotate(seated_agency=Case(When(seated, then=F("agency_id"))))
        .values("seated_agency", "agency__region_id", "agency__level", "agency__kind", "year")
        .annotate(reports=Count("pk"))
        .order_by()
    )
    found = {row["year"] for row in grouped}
    # Every year from the first to the last: a year nobody here reported for shows as a column
    # of 无, not as no column (the country's table has it when another province reported).
    years = list(range(min(found), max(found) + 1)) if found else []

    regions = regions_with_ancestors(
        {row["agency__region_id"] for row in grouped if row["agency__region_id"]}
    )

    places: dict[int, PlaceCounts] = {}
    agencies: dict[int, AgencyCounts] = {}
    child_of: dict[int, int | None] = {}  # region → the place right below ``region`` it lies in
    for row in grouped:
        region_id, year = row["agency__region_id"], row["year"]
        if (agency_id := row["seated_agency"]) is not None:
            entry = agencies.setdefault(agency_id, AgencyCounts(Agency(pk=agency_id)))
            entry.counts[year] = entry.counts.get(year, 0) + row["reports"]
            continue
        if region_id is None:
            continue
        if region_id not in child_of:
            child_of[region_id] = _child_below(_chain(regions, region_id), here)
        if (child_id := child_of[region_id]) is not None:
            place = places.setdefault(child_id, PlaceCounts(regions[child_id]))
            place.counts[year] = place.counts.get(year, 0) + row["reports"]

    by_name = []
    for agency in Agency.objects.filter(pk__in=agencies).order_by("name", "pk"):  # pinyin order
        agencies[agency.pk].agency = agency
        by_name.append(agencies[agency.pk])
    for entry in [*places.values(), *agencies.values()]:
        entry.cells = [(year, entry.counts.get(year, 0)) for year in years]
    ordered_places = sorted(places.values(), key=lambda place: place.region.code)
    child_level = ordered_places[0].region.level if ordered_places else ""
    governments_below = any(
        row["seated_agency"] is None
        and row["agency__region_id"] is not None
        and row["agency__kind"] == Agency.Kind.GOVERNMENT
        and row["agency__level"] == child_level
        for row in grouped
    )
    own_level = region.level if region is not None else Region.Level.NATIONAL
    own = [e for e in by_name if e.agency.level == own_level]
    below = [e for e in by_name if e.agency.level != own_level]
    # A county's zone is filed at its towns' level (ingest's ``_level_below``) but listed apart.
    townships = [
        e
        for e in below
        if e.agency.level == Region.Level.TOWNSHIP and not ZONE_ADMINISTRATION.search(e.agency.name)
    ]
    return RegionOverview(
        region=region,
        years=years,
        places=ordered_places,
        governments=[e for e in own if e.agency.kind == Agency.Kind.GOVERNMENT],
        departments=[e for e in own if e.agency.kind == Agency.Kind.DEPARTMENT],
        townships=townships,
        zones=[e for e in below if e not in townships],
        child_government_level=child_level if governments_below else "",
    )


def regions_with_ancestors(region_ids: set[int]) -> dict[int, Region]:
    """The regions and every region above them, keyed by id (the tree is at most three deep)."""
    found: dict[int, Region] = {}
    wanted = set(region_ids)
    while wanted:
        batch = {region.pk: region for region in Region.objects.filter(pk__in=wanted)}
        found.update(batch)
        wanted = {r.parent_id for r in batch.values() if r.parent_id and r.parent_id not in found}
    return found


def _child_below(chain: list[int], top: int | None) -> int | None:
    """The region right below ``top`` (None: the country) on a top-down chain of region ids."""
    if top is None:
        return chain[0]
    if top not in chain or chain[-1] == top:
        return None
    return chain[chain.index(top) + 1]


def _chain(regions: dict[int, Region], region_id: int) -> list[int]:
    """Region ids from the province down to ``region_id``."""
    chain = [region_id]
    while (parent_id := regions[chain[-1]].parent_id) is not None:
        chain.append(parent_id)
    return list(reversed(chain))


@dataclass
class TimelineEntry:
    report: Report
    parts: dict[str, bool]
    earlier_versions: int

    @property
    def parts_present(self) -> int:
        return sum(self.parts.values())


def agency_timeline(agency: Agency) -> list[TimelineEntry]:
    """The agency's current reports, newest year first, with the required parts each contains."""
    reports = list(
        agency.reports.current()
        .defer("text")
        .annotate(earlier=Count("earlier_versions", distinct=True))
        .order_by("-year")
    )
    labels_by_report: dict[int, set[str]] = defaultdict(set)
    for report_id, label in (
        Section.objects.filter(report__in=reports, level__lte=2)
        .order_by()  # the default order would make every section a distinct row
        .values_list("report_id", "label")
        .distinct()
    ):
        labels_by_report[report_id].add(label)
    return [
        TimelineEntry(
            report=report,
            parts={label: label in labels_by_report[report.pk] for label, _name in REQUIRED_PARTS},
            earlier_versions=report.earlier,
        )
        for report in reports
    ]


AGENCIES_NAMED_LIMIT = 5


def agencies_named(words: list[str], limit: int = AGENCIES_NAMED_LIMIT) -> list[Agency]:
    """Agencies with current reports whose name holds every one of ``words`` (two characters or
    more each), the shortest names first (北京市卫生健康委员会 before its districts' bureaus),
    each with ``report_count``. A search for 北京市卫生健康委员会 wants that organ's own reports,
    which its sentences seldom name. Reports are counted for the agencies listed only: counting
    them for every match cost 50 ms for 政府 at 100k reports."""
    if not words or any(len(word) < 2 for word in words):
        return []
    agencies = Agency.objects.all()
    for word in words:
        agencies = agencies.filter(name__contains=word)
    # Almost every agency has reports: a few more than asked for make up for those without.
    found = list(agencies.select_related("region").order_by(Length("name"), "name")[: limit + 10])
    counts = dict(
        Report.objects.current()
        .filter(agency__in=found)
        .values("agency")
        .annotate(reports=Count("pk"))
        .values_list("agency", "reports")
    )
    for agency in found:
        agency.report_count = counts.get(agency.pk, 0)
    return [agency for agency in found if agency.report_count][:limit]


REGIONS_NAMED_LIMIT = 3
_LEVEL_ORDER = {Region.Level.PROVINCE: 0, Region.Level.CITY: 1, Region.Level.COUNTY: 2}
# What a place's short name leaves off (黄石 for 黄石市, 渝中 for 渝中区).
_PLACE_SUFFIXES = ("市", "区", "县", "省", "州", "旗", "自治州", "自治县", "自治区", "地区", "盟")


def regions_named(words: list[str], limit: int = REGIONS_NAMED_LIMIT) -> list[Region]:
    """The places a one-word query names, in full (黄石市) or by the name without its suffix
    (黄石, 渝中), that have reports, each with ``report_count`` (current reports filed there and
    below). A search for 黄石 finds the reports whose text says 黄石; the place's page lists every
    report filed under it, most of which never write its name in the words searched."""
    if len(words) != 1:
        return []
    found = []
    for region in places_named(words[0]):
        region.report_count = Report.objects.current().in_region(region).count()
        if region.report_count:
            found.append(region)
    return found[:limit]


def places_named(word: str) -> list[Region]:
    """The places ``word`` names (黄石市, or 黄石 without its suffix), the widest first
    (海南省 before 乌海市海南区), then by code; their ancestors read with them."""
    if len(word) < 2:
        return []
    names = [word, *(word + suffix for suffix in _PLACE_SUFFIXES)]
    places = Region.objects.filter(name__in=names).select_related("parent__parent")
    return sorted(places, key=lambda region: (_LEVEL_ORDER.get(region.level, 9), region.code))


# The words every report title is made of: a query holding some of them and something else
# besides (a place, an agency) reads as a title (渝中区人民政府2022年, 綦江区法治政府建设报告);
# one made of them alone (法治政府建设情况报告) would match every title.
_TITLE_WORDS = re.compile(r"关于|(?:19|20)\d{2}|年度|年|法治政府|法治|法制|依法行政|建设|工作|情况|报告|的")
REPORTS_TITLED_LIMIT = 5


def reports_titled(words: list[str], limit: int = REPORTS_TITLED_LIMIT) -> list[Report]:
    """The current reports, newest first, whose title holds every one of ``words`` when the
    query reads as a title (see ``_TITLE_WORDS``); none when more than ``limit`` do. A report's
    sections seldom repeat its title, so a pasted title matches no section."""
    joined = "".join(words)
    specific = _TITLE_WORDS.sub("", joined)
    if len(specific) < 2 or specific == joined:
        return []
    reports = Report.objects.current()
    for word in words:
        # A title stored in traditional characters (a 繁體 page) matches a simplified query.
        spellings = [Q(title__contains=spelling) for spelling in script_spellings(word)]
        reports = reports.filter(reduce(operator.or_, spellings))
    found = list(reports.select_related("agency").defer("text").order_by("-year", "-pk")[: limit + 1])
    return found if len(found) <= limit else []


KEY_INDICATOR_ROWS = 8


def key_indicators(agency: Agency) -> AgencyYears:
    """The agency's indicators over the years, cut to those stated in the most years (the rows
    of a key's facets are left to the full table), with the warnings of the rows kept."""
    table = agency_years(agency)
    keys = [row for row in table.rows if not row.facet]
    most_reported = sorted(keys, key=lambda row: -row.reported)[:KEY_INDICATOR_ROWS]
    dropped = {warning for row in table.rows if row not in most_reported for warning in row.warnings}
    # the partial years' note names the years showing a 未报告: in the rows kept
    dropped.add(partial_years_warning(table.reports, table.rows))
    table.rows = [row for row in table.rows if row in most_reported]  # keep catalogue order
    table.warnings = [warning for warning in table.warnings if warning not in dropped]
    if partial := partial_years_warning(table.reports, table.rows):
        table.warnings.append(partial)
    return table


@dataclass
class YearView:
    year: int
    reported: ReportQuerySet
    # reported for the nearest earlier year with reports (the year the navigation leads back
    # to, not the calendar year before, which may hold none), not for this one
    missing: QuerySet[Agency]
    years: list[int]  # the years that have current reports (in the region), oldest first

    @property
    def held(self) -> bool:
        return self.year in self.years

    @property
    def not_published_yet(self) -> bool:
        """The year is not over, so its reports are not out (they appear from January of the
        year after, due by 1 April): nobody can have failed to report it."""
        return self.year >= timezone.localdate().year

    @property
    def previous_year(self) -> int | None:
        """The nearest earlier year with reports: the year navigation never leads to an empty one."""
        return _nearest_earlier(self.years, self.year)

    @property
    def next_year(self) -> int | None:
        """The nearest later year with reports; after the latest, the year after it once its
        reports are due (reports for 2025 appear from January 2026, due by 1 April), whose
        page lists who has not reported yet."""
        later = min((year for year in self.years if year > self.year), default=None)
        if later is None and self.years and self.year == self.years[-1]:
            return self.year + 1 if self.year + 1 < timezone.localdate().year else None
        return later


def _nearest_earlier(years: list[int], year: int) -> int | None:
    return max((held for held in years if held < year), default=None)


def year_view(year: int, region: Region | None = None) -> YearView:
    """Who reported for ``year``, who reported for the nearest earlier year with reports but
    not for this one, and which years have reports (all of them in ``region`` or below it)."""
    current = Report.objects.current()
    if region is not None:
        current = current.in_region(region)
        years = list(current.order_by("year").values_list("year", flat=True).distinct())
    else:
        years = coverage_by_province_and_year().years  # kept until the library changes
    reported = current.filter(year=year).with_listing_data().defer("text").order_by("agency__name", "pk")
    reported_this_year = Report.objects.current().filter(agency=OuterRef("pk"), year=year)
    # With no year 2022 on file, "reported for 2022, not 2023" would always be nobody.
    earlier = _nearest_earlier(years, year)
    missing = (
        Agency.objects.filter(pk__in=current.filter(year=earlier).values("agency"))
        .exclude(Exists(reported_this_year))
        .select_related("region", "region__parent", "region__parent__parent")
        .order_by("name", "pk")
    )
    return YearView(year, reported, missing, years)
