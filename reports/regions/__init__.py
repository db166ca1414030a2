"""Places in China's administrative division table, and reading them out of agency names,
town names (``towns``) and government websites' host names (``hosts``).

Pure Python over the vendored ``reports/data/divisions.csv`` (and ``central_organs.txt``, the
organs of the central government above the provinces, and ``towns.csv``, the towns of 2023 by
county): no database, so the import pipeline and the tests can use it directly.
``reports.regions.loading`` copies the division table into the ``Region`` model.
"""

from .central import central_branch, central_organ_at, central_organ_opening, without_state_prefix
from .hosts import host_labels, host_place, on_government_site, reposting_place
from .names import (
    STATE_OFFICE_AFTER_SHORT_FORM,
    ZONE_ADMINISTRATION,
    ZONE_AFTER_SHORT_FORM,
    ZONE_KIND_WORDS,
    ZONE_WITH_ITS_DIVISION,
    NameKind,
    name_variants,
)
from .resolver import (
    NewArea,
    PlaceResolution,
    narrow_by_evidence,
    new_area_at,
    resolve_place,
    without_leading_places,
)
from .table import (
    DIVISIONS_CSV,
    Division,
    DivisionTable,
    Place,
    get_division_table,
    is_municipality,
    place_for_code,
    read_divisions,
)
from .towns import places_with_town, town_name

__all__ = [
    "DIVISIONS_CSV",
    "STATE_OFFICE_AFTER_SHORT_FORM",
    "ZONE_ADMINISTRATION",
    "ZONE_AFTER_SHORT_FORM",
    "ZONE_KIND_WORDS",
    "ZONE_WITH_ITS_DIVISION",
    "Division",
    "DivisionTable",
    "NameKind",
    "NewArea",
    "Place",
    "PlaceResolution",
    "central_branch",
    "central_organ_at",
    "central_organ_opening",
    "get_division_table",
    "host_labels",
    "host_place",
    "is_municipality",
    "name_variants",
    "narrow_by_evidence",
    "new_area_at",
    "on_government_site",
    "place_for_code",
    "places_with_town",
    "read_divisions",
    "reposting_place",
    "resolve_place",
    "town_name",
    "without_leading_places",
    "without_state_prefix",
]
