"""Organ names written out in full.

Reports and their pages shorten the names of common bureaus (人社局, 卫健委, 市场监管局); the
same organ then appears under two names in different years and its reports split between two
agencies. ``full_organ_name`` writes the shortened forms that stand for one organ only in
full, so each year files under the official name. Shortened forms that stand for organs named
differently from place to place (文旅局, 城管局, 交通局, itself an official name) are left as
written.
"""

from __future__ import annotations

from reports.organ_names import FULL_ORGAN_NAMES

from .metadata import split_place

_FULL_NAMES = dict(FULL_ORGAN_NAMES)
_ZONE_COMMITTEE_SHORT = "管委会"


def full_organ_name(agency_name: str) -> str:
    """``agency_name`` with a shortened organ word after its places written in full (重庆市人社局
    → 重庆市人力资源和社会保障局); other names unchanged, also those that only end like one
    (某县教育科技局 is its own organ, not 教育科学技术局)."""
    _places, organ = split_place(agency_name)
    full = _FULL_NAMES.get(organ)
    if full:
        return agency_name[: -len(organ)] + full
    if agency_name.endswith(_ZONE_COMMITTEE_SHORT):
        # 涪陵高新区管委会 is the 管理委员会 of its zone, whatever the zone's name
        return agency_name[: -len(_ZONE_COMMITTEE_SHORT)] + "管理委员会"
    return agency_name
