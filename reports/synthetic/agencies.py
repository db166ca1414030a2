"""Who the synthetic reports come from: real places from the Region table and their organs.

A slot is one (region, organ) pair: the people's government of a province, city or county, or
one of its departments named as such departments are named at that level (司法厅 for a
province, 司法局 for a city, county or one of the four municipalities).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from reports.models import Region
from reports.regions import is_municipality, place_for_code

from .compose import AgencySpec

GOVERNMENT = "人民政府"
# Departments that publish rule-of-law reports at city and county level.
LOCAL_DEPARTMENTS = (
    "司法局",
    "公安局",
    "市场监督管理局",
    "交通运输局",
    "生态环境局",
    "自然资源局",
    "住房和城乡建设局",
    "人力资源和社会保障局",
    "教育局",
    "卫生健康委员会",
    "应急管理局",
    "农业农村局",
    "城市管理局",
    "水利局",
    "财政局",
    "商务局",
    "文化和旅游局",
    "民政局",
    "医疗保障局",
    "审计局",
)
# Province-level departments are 厅 where the State Council's counterpart is a ministry.
PROVINCE_DEPARTMENTS = tuple(
    organ.replace("局", "厅")
    if organ in {"司法局", "公安局", "交通运输局", "生态环境局", "自然资源局", "住房和城乡建设局",
                 "人力资源和社会保障局", "教育局", "农业农村局", "水利局", "财政局", "商务局",
                 "文化和旅游局", "民政局", "审计局"}
    else organ
    for organ in LOCAL_DEPARTMENTS
)  # fmt: skip

LEVEL_WEIGHTS = {"province": 0.05, "city": 0.27, "county": 0.68}
GOVERNMENT_SHARE = 0.25
# More recent years are better covered online.
YEAR_WEIGHTS = {
    2016: 0.04, 2017: 0.05, 2018: 0.07, 2019: 0.09, 2020: 0.11,
    2021: 0.14, 2022: 0.16, 2023: 0.18, 2024: 0.16,
}  # fmt: skip


# Taiwan, Hong Kong and Macao are in the division table but publish no such reports: the 2019
# rules on rule-of-law government inspection bind the mainland's governments only.
OUTSIDE_THE_SYSTEM = ("71", "81", "82")


@dataclass(frozen=True)
class RegionRow:
    id: int
    code: str
    level: str
    first_year: int
    last_year: int


class Places:
    """The division table's regions by level, with the places they stand for."""

    def __init__(self, regions: Sequence[RegionRow]) -> None:
        self.by_level: dict[str, list[RegionRow]] = {level: [] for level in LEVEL_WEIGHTS}
        for region in regions:
            if region.level in self.by_level and not region.code.startswith(OUTSIDE_THE_SYSTEM):
                self.by_level[region.level].append(region)
        empty = [level for level, rows in self.by_level.items() if not rows]
        if empty:
            raise ValueError(f"the Region table has no {', '.join(empty)} rows; run the migrations first")

    @classmethod
    def load(cls) -> Places:
        rows = Region.objects.order_by("code").values_list("id", "code", "level", "first_year", "last_year")
        return cls([RegionRow(*row) for row in rows])

    def draw(self, rng: random.Random) -> tuple[RegionRow, str, int]:
        """A random (region, organ, year), the region existing in that year."""
        year = rng.choices(list(YEAR_WEIGHTS), weights=list(YEAR_WEIGHTS.values()))[0]
        level = rng.choices(list(LEVEL_WEIGHTS), weights=list(LEVEL_WEIGHTS.values()))[0]
        rows = self.by_level[level]
        for _ in range(20):
            region = rng.choice(rows)
            if region.first_year <= year <= region.last_year:
                break
        if rng.random() < GOVERNMENT_SHARE:
            organ = GOVERNMENT
        else:
            departments = LOCAL_DEPARTMENTS
            if level == "province" and not is_municipality(place_for_code(region.code).province):
                departments = PROVINCE_DEPARTMENTS
            organ = rng.choice(departments)
        return region, organ, year


def agency_spec(region: RegionRow, organ: str) -> AgencySpec:
    """The agency's name as the importer would store it: the place prefix and the organ."""
    place = place_for_code(region.code)
    if place is None:
        raise ValueError(f"region {region.code} is not in the division table")
    return AgencySpec(
        name=place.prefix + organ,
        kind="government" if organ == GOVERNMENT else "department",
        level=region.level,
        region_code=region.code,
        place=place,
        organ=organ,
    )
