"""Comparing reports: figure tables across years and agencies, rankings, and texts side by side.

Pure reads returning dataclasses; no HTTP here (``reports.compare_views`` adapts them to pages,
CSV and JSON). Modules: ``figures`` (which value is "the" value of a key in a report, cells,
ranks, colour steps, changes, warnings), ``params`` (query-string validation and limits),
``tables`` (agency × years, agencies × indicators in one year), ``ranking`` (one indicator
ranked, and the page holding a report's row),
``texts`` (two reports by part, promises kept), ``coverage`` (how many reports state a key,
by province and level), ``export`` (the rows CSV and JSON share),
``links`` (stable figure links by report and offsets), ``choices`` (what the index and the
year page's form offer: places, agencies by name, indicator counts).
"""

from .figures import MISSING, VALUE_RULE, Cell, Figure, Indicator
from .links import figure_anchor
from .params import MAX_AGENCIES, MAX_KEYS, MAX_RANKING_ROWS, CompareError, PlaceFilter
from .ranking import Ranking, indicator_ranking, ranking_page_of
from .tables import AgencyYears, YearTable, agency_years, year_table
from .texts import Promises, ReportPair, promises, report_pair

__all__ = [
    "MAX_AGENCIES",
    "MAX_KEYS",
    "MAX_RANKING_ROWS",
    "MISSING",
    "VALUE_RULE",
    "AgencyYears",
    "Cell",
    "CompareError",
    "Figure",
    "Indicator",
    "PlaceFilter",
    "Promises",
    "Ranking",
    "ReportPair",
    "YearTable",
    "agency_years",
    "figure_anchor",
    "indicator_ranking",
    "promises",
    "ranking_page_of",
    "report_pair",
    "year_table",
]
