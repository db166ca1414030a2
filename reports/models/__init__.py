"""The project's models, one module per part of the domain; import them from here.

- ``library``: places, agencies, the files they published, the reports and their sections;
- ``indicators``: the indicator catalogue, the values extracted from reports, their corrections;
- ``corrections``: who corrected what by hand (shared fields, and report-field corrections);
- ``uploads``: admin uploads and the files in them;
- ``reports.search.models``: the search index tables (registered here).
"""

from .corrections import ReportCorrection, StaffCorrection
from .indicators import (
    ChosenFacetFigure,
    ChosenFigure,
    IndicatorCorrection,
    IndicatorDefinition,
    IndicatorGroup,
    IndicatorValue,
    IndicatorValueQuerySet,
)
from .library import Agency, Region, Report, ReportQuerySet, Section, SourceFile
from .uploads import ImportBatch, ImportItem, ImportItemQuerySet

# isort: split
# Last: the search tables' module imports the models above.
from reports.search.models import SearchReport, SearchSection

__all__ = [
    "Agency",
    "ChosenFacetFigure",
    "ChosenFigure",
    "ImportBatch",
    "ImportItem",
    "ImportItemQuerySet",
    "IndicatorCorrection",
    "IndicatorDefinition",
    "IndicatorGroup",
    "IndicatorValue",
    "IndicatorValueQuerySet",
    "Region",
    "Report",
    "ReportCorrection",
    "ReportQuerySet",
    "SearchReport",
    "SearchSection",
    "Section",
    "SourceFile",
    "StaffCorrection",
]
