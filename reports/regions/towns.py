"""Towns, townships and street offices (乡级) by name: which county or city has one so called.

A town's report often names only the town (六郎镇人民政府, 草滩街道办事处). The statistics'
division table of 2023 (``reports/data/towns.csv``, 41,352 towns) says where a town of that name
is: most names (29,000 of 32,700) belong to one county, others to many (城关镇: 88 counties), and
those are settled only by evidence, as a place name several divisions share is.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import cache
from pathlib import Path

TOWNS_CSV = Path(__file__).resolve().parent.parent / "data" / "towns.csv"
# What follows a town's name in an organ's name (六郎镇人民政府, 草滩街道办事处).
_ORGAN_WORDS = ("人民政府", "政府", "办事处")


def town_name(organ: str) -> str:
    """The town's own name in a town organ's name: 草滩街道 for 草滩街道办事处."""
    for word in _ORGAN_WORDS:
        if organ.endswith(word) and len(organ) > len(word):
            return organ[: -len(word)]
    return organ


def places_with_town(name: str) -> tuple[str, ...]:
    """Division codes of the counties (or cities without counties, and zones' cities) that have
    a town, township or street office called ``name`` (六郎镇 → 湾沚区's code), in code order."""
    return _towns_by_name().get(town_name(name), ())


@cache
def _towns_by_name() -> dict[str, tuple[str, ...]]:
    places: dict[str, set[str]] = defaultdict(set)
    with TOWNS_CSV.open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            places[town_name(row["name"])].add(row["parent_code"])
    return {name: tuple(sorted(codes)) for name, codes in places.items()}
