"""Facet values with counts beside each filter: place, year, level, kind, section label, topic.

Counts are numbers of matching reports (for ``label`` and ``topic``: reports with a matching
section of that label or topic). Lists other than years keep the ``MAX_VALUES`` most frequent.
Values are what the filter parameter takes (region codes, years, choice codes), labels are
what a person reads.
"""

from __future__ import annotations

import time
from collections import Counter
from dataclasses import dataclass

from reports.models import Agency, Region, Section

from .selection import PLACE_LEVELS, PLACE_UNKNOWN, PLACE_UNKNOWN_LABEL, Selection

# Longest facet list: the most frequent values (and the selected one); a page cannot show more.
MAX_VALUES = 100
FACET_NAMES = ("province", "city", "county", "year", "level", "kind", "label", "topic")


def choice_labels(name: str) -> dict[str, str]:
    """{value: Chinese label} of a filter with fixed values (level, kind, label, topic), else {}.

    Topics are listed in the taxonomy's order; one without a label in ``TOPIC_LABELS`` shows
    its code (``tests/test_search_labels.py`` fails when that happens).
    """
    if name == "level":
        return dict(Region.Level.choices)
    if name == "kind":
        return dict(Agency.Kind.choices)
    if name == "label":
        return dict(Section.Label.choices)
    if name == "topic":
        from reports.ingest.sections import (  # here: reports.ingest imports the search index
            TOPIC_LABELS,
            TOPICS,
        )

        return {topic: TOPIC_LABELS.get(topic, topic) for topic in TOPICS}
    return {}


@dataclass(frozen=True)
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


# Places named in facets, kept per process for a while: a common term touches thousands of
# places on every page, and the region table changes only when it is reloaded.
REGION_CACHE_SECONDS = 600
_region_cache: dict[int, tuple[str, str, str | None]] = {}
_region_cache_filled = 0.0


def _regions(region_ids: set[int]) -> dict[int, tuple[str, str, str | None]]:
    """{pk: (code, name, parent name)} for these regions (plain tuples: model instances cost)."""
    global _region_cache_filled
    now = time.monotonic()
    if now - _region_cache_filled > REGION_CACHE_SECONDS:
        _region_cache.clear()
        _region_cache_filled = now
    missing = [pk for pk in region_ids if pk not in _region_cache]
    if missing:
        for pk, code, name, parent in Region.objects.filter(pk__in=missing).values_list(
            "pk", "code", "name", "parent__name"
        ):
            _region_cache[pk] = (code, name, parent)
    return {pk: _region_cache[pk] for pk in region_ids if pk in _region_cache}


def build_facets(counts: dict[str, Counter], selection: Selection) -> dict[str, list[FacetValue]]:
    """Facet lists from raw counts keyed by column value (region ids for places).

    A selected value is listed even when nothing matches it, so the page can show it is on.
    """
    region_ids = {value for level in PLACE_LEVELS for value in counts.get(level, {}) if value is not None}
    # A chosen place that matches nothing is still named, not shown as its code.
    region_ids.update(
        pk for level in PLACE_LEVELS if isinstance(pk := selection.columns.get(f"{level}_id"), int)
    )
    regions = _regions(region_ids)
    static_labels = {name: choice_labels(name) for name in ("level", "kind", "label", "topic")}
    facets: dict[str, list[FacetValue]] = {}
    for name in FACET_NAMES:
        chosen = selection.values.get(name)
        values: list[FacetValue] = []
        raw_counts = [
            (raw, n) for raw, n in counts.get(name, Counter()).items() if raw not in (None, "") and n > 0
        ]
        if name != "year" and len(raw_counts) > MAX_VALUES:
            # Label only what can be shown: a common term touches thousands of counties.
            # Ties at the cut are kept, so the final order below picks exactly as before.
            raw_counts.sort(key=lambda item: -item[1])
            cut = raw_counts[MAX_VALUES - 1][1]
            chosen_raw = selection.columns.get(f"{name}_id" if name in PLACE_LEVELS else name)
            raw_counts = [(raw, n) for raw, n in raw_counts if n >= cut or raw == chosen_raw]
        for raw, count in raw_counts:
            if name in PLACE_LEVELS:
                if raw not in regions:
                    continue
                value, label = regions[raw][0], _place_label(name, regions[raw])
            elif name == "year":
                value, label = str(raw), f"{raw}年"
            else:
                value, label = str(raw), static_labels[name].get(raw, str(raw))
            values.append(FacetValue(value, label, count, value == chosen))
        if name == "province" and chosen == PLACE_UNKNOWN:
            # Every match has no province then, and no central organ is among them.
            values.append(
                FacetValue(chosen, PLACE_UNKNOWN_LABEL, counts.get(name, Counter()).get(None, 0), True)
            )
        elif chosen and not any(v.selected for v in values):
            values.append(
                FacetValue(chosen, _chosen_label(name, chosen, selection, regions, static_labels), 0, True)
            )
        if name == "year":
            values.sort(key=lambda v: v.value, reverse=True)
        else:
            values.sort(key=lambda v: (-v.count, v.value))
            if len(values) > MAX_VALUES:
                values = values[:MAX_VALUES] + [v for v in values[MAX_VALUES:] if v.selected]
        facets[name] = values
    return facets


def _chosen_label(
    name: str,
    chosen: str,
    selection: Selection,
    regions: dict[int, tuple[str, str, str | None]],
    static_labels: dict[str, dict[str, str]],
) -> str:
    """The label of a chosen value that no report matches, as it would read with matches."""
    if name in PLACE_LEVELS:
        pk = selection.columns.get(f"{name}_id")
        region = regions.get(pk) if isinstance(pk, int) else None
        return _place_label(name, region) if region else chosen
    if name == "year":
        return f"{chosen}年"
    return static_labels.get(name, {}).get(chosen, chosen)


def _place_label(level: str, region: tuple[str, str, str | None]) -> str:
    """A place's name; many districts share one (鼓楼区), so cities and counties name their parent."""
    _code, place, parent = region
    return f"{place}({parent})" if level != "province" and parent else place
