"""The filters of a search, read from the same parameters as the report list (``reports/filters.py``).

``province``, ``city``, ``county`` (GB/T 2260 codes), ``year``, ``level``, ``kind`` narrow the
reports; ``label`` and ``topic`` narrow the matching sections; ``include_old`` also searches
superseded versions. Values are checked here and turned into SQL over the index tables'
denormalised columns; a bad value raises ``QueryError`` with a message for the user.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from reports.models import Agency, Region, Section

from .query import QueryError

PLACE_LEVELS = ("province", "city", "county")
REPORT_FILTERS = (*PLACE_LEVELS, "year", "level", "kind")
SECTION_FILTERS = ("label", "topic")
FILTER_NAMES = (*REPORT_FILTERS, *SECTION_FILTERS)
FALSE_VALUES = frozenset({"", "0", "false", "off", "no"})


@dataclass(frozen=True)
class Selection:
    """Validated filter values: ``values`` as given (for facets), ``columns`` for SQL."""

    values: dict[str, str] = field(default_factory=dict)
    columns: dict[str, object] = field(default_factory=dict)
    include_old: bool = False

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
            clauses.append(f"{year if column == 'year' else column} = %s")
            params.append(value)
        return (" AND ".join(clauses) or "TRUE"), params


def parse_selection(filters: Mapping[str, str] | None) -> Selection:
    """Check ``filters``; unknown parameter names are ignored (q, page, page_size live beside them)."""
    filters = filters or {}
    values: dict[str, str] = {}
    columns: dict[str, object] = {}
    for name in FILTER_NAMES:
        raw = filters.get(name)
        value = str(raw).strip() if raw is not None else ""
        if not value:
            continue
        values[name] = value
        columns[_column(name)] = _checked(name, value)
    include_old = str(filters.get("include_old") or "").strip().lower() not in FALSE_VALUES
    return Selection(values, columns, include_old)


def _column(name: str) -> str:
    return f"{name}_id" if name in PLACE_LEVELS else name


def _checked(name: str, value: str) -> object:
    if name in PLACE_LEVELS:
        region = Region.objects.filter(code=value, level=name).first()
        if region is None:
            raise QueryError(f"没有这个地区:{value}(请用行政区划代码,且层级相符)。")
        return region.pk
    if name == "year":
        if not (value.isascii() and value.isdigit() and 2000 <= int(value) <= 2100):
            raise QueryError(f"年度应是 2000 到 2100 之间的年份,收到的是“{value}”。")
        return int(value)
    from reports.ingest.sections import TOPICS  # here: reports.ingest imports the search index

    choices = {
        "level": Region.Level.values,
        "kind": Agency.Kind.values,
        "label": Section.Label.values,
        "topic": list(TOPICS),
    }[name]
    if value not in choices:
        raise QueryError(f"{name} 只能是 {'、'.join(choices)} 之一,收到的是“{value}”。")
    return value
