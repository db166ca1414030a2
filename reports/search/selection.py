"""The filters of a search, read from the same parameters as the report list (``reports/filters.py``).

``province``, ``city``, ``county`` (GB/T 2260 codes; ``province=unknown`` for the reports whose
agency's place was never settled, as on the report list), ``year``, ``level``, ``kind`` narrow the
reports; ``label`` and ``topic`` narrow the matching sections; ``include_old`` also searches
superseded versions. Values are checked here and turned into SQL over the index tables'
denormalised columns; a bad value raises ``QueryError`` with a message for the user, in
Chinese: the filter by its heading on the search page, the allowed values by their labels.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from itertools import pairwise

from reports.filters import FLAG_ERROR, PLACE_UNKNOWN, SEARCH_ORDERS, flag_value
from reports.models import Region
from reports.query_ints import query_int

from .query import QueryError

PLACE_LEVELS = ("province", "city", "county")
REPORT_FILTERS = (*PLACE_LEVELS, "year", "level", "kind")
SECTION_FILTERS = ("label", "topic")
FILTER_NAMES = (*REPORT_FILTERS, *SECTION_FILTERS)
PLACE_UNKNOWN_LABEL = "地区不详"
YEAR_MIN, YEAR_MAX = 2000, 2100
# What people call each filter, also the search page's facet headings.
FILTER_TITLES = {
    "province": "省份",
    "city": "城市",
    "county": "区县",
    "year": "年度",
    "level": "机关层级",
    "kind": "机关类型",
    "label": "章节类别",
    "topic": "主题",
}


@dataclass(frozen=True)
class Selection:
    """Validated filter values: ``values`` as given (for facets), ``columns`` for SQL."""

    values: dict[str, str] = field(default_factory=dict)
    # A column's value; ``province_id`` None: the place is unknown (not a central organ).
    columns: dict[str, object] = field(default_factory=dict)
    include_old: bool = False
    newest_first: bool = False  # ``sort=newest``: results by year, newest first, then by relevance

    @property
    def filters_sections(self) -> bool:
        """True when a label or topic narrows sections, which report-level rows cannot tell."""
        return any(name in self.values for name in SECTION_FILTERS)

    def where(self, *, sections: bool, btree: bool = True) -> tuple[str, list[object]]:
        """SQL conditions (joined by AND, never empty) and their parameters.

        ``btree=False`` writes ``is_current`` and ``year`` so that no btree index can answer
        them: beside a term condition the planner otherwise starts from the year index and
        tests the term on each row (seconds at 100k reports), not from the GIN index. Written
        so, the place and the year are keys of the report GIN indexes
        (``models.REPORT_FILTER_KEYS``).
        """
        current, year = ("is_current", "year") if btree else ("is_current::int = 1", "year + 0")
        clauses = [] if self.include_old else [current]
        params: list[object] = []
        for column, value in self.columns.items():
            if column in SECTION_FILTERS and not sections:
                continue
            if value is None:
                # No province, as central organs have none: the place was never settled.
                clauses.append(f"{column} IS NULL AND level <> %s")
                params.append(Region.Level.NATIONAL.value)
                continue
            clauses.append(f"{year if column == 'year' else column} = %s")
            params.append(value)
        return (" AND ".join(clauses) or "TRUE"), params


def parse_selection(filters: Mapping[str, str] | None) -> Selection:
    """Check ``filters`` and the order asked for (``sort``); unknown parameter names are ignored
    (q, page, page_size live beside them)."""
    filters = filters or {}
    values: dict[str, str] = {}
    columns: dict[str, object] = {}
    places: dict[str, Region | None] = {}  # the places chosen, by level (None: 地区不详)
    for name in FILTER_NAMES:
        # As given, as the report list reads its filters: " 2023" and a blank are refused.
        value = "" if (raw := filters.get(name)) is None else str(raw)
        if not value:
            continue
        values[name] = value
        if name in PLACE_LEVELS:
            places[name] = _place(name, value)
            columns[_column(name)] = places[name].pk if places[name] else None
        else:
            columns[_column(name)] = _checked(name, value)
    _check_nesting(places)
    include_old = flag_value(filters.get("include_old"))
    if include_old is None:
        raise QueryError(FLAG_ERROR.format(name="include_old", value=str(filters.get("include_old"))[:20]))
    order = str(filters.get("sort") or "")  # as the page's form reads it: " newest" is none
    if order not in SEARCH_ORDERS:
        allowed = "或".join(f"{value or '留空'}({label})" for value, label in SEARCH_ORDERS.items())
        raise QueryError(f"排序(sort)只能是{allowed},收到的是“{order[:40]}”。")
    return Selection(values, columns, include_old, newest_first=order == "newest")


def _check_nesting(places: Mapping[str, Region | None]) -> None:
    """Refuse places that contradict each other (a city outside the province chosen), as the
    report list does: the search answered 0 reports, which a script cannot tell from no match."""
    chosen = [(level, places[level]) for level in PLACE_LEVELS if level in places]
    for (upper, upper_region), (lower, lower_region) in pairwise(chosen):
        # the chain was read with the place (no query here)
        above = lower_region.ancestors_and_self() if lower_region is not None else []
        if upper_region not in above:
            raise QueryError(
                f"{FILTER_TITLES[lower]}:所选地区不在所选的{FILTER_TITLES[upper]}内,请重新选择。"
            )


def _column(name: str) -> str:
    return f"{name}_id" if name in PLACE_LEVELS else name


def _place(name: str, value: str) -> Region | None:
    """The place a place filter names, with the places above it; None for 地区不详."""
    if name == "province" and value == PLACE_UNKNOWN:
        return None
    region = Region.objects.select_related("parent__parent").filter(code=value, level=name).first()
    if region is None:
        level = Region.Level(name).label
        raise QueryError(
            f"{FILTER_TITLES[name]}:没有代码为“{value}”的{level}地区(请用六位行政区划代码,且层级相符)。"
        )
    return region


def _checked(name: str, value: str) -> object:
    title = FILTER_TITLES[name]
    if name == "year":
        year = query_int(value)
        if year is None or not YEAR_MIN <= year <= YEAR_MAX:
            raise QueryError(f"{title}应是 {YEAR_MIN} 到 {YEAR_MAX} 之间的年份,收到的是“{value[:40]}”。")
        return year
    from .facets import choice_labels  # here: facets imports this module

    labels = choice_labels(name)
    if value not in labels:
        allowed = "、".join(f"{label}({code})" for code, label in labels.items())
        raise QueryError(f"{title}只能是以下之一:{allowed};收到的是“{value}”。")
    return value
