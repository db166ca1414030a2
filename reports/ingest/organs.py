"""Organ names written out in full.

Reports and their pages shorten the names of common bureaus (人社局, 卫健委, 市场监管局); the
same organ then appears under two names in different years and its reports split between two
agencies. ``full_organ_name`` writes the shortened forms that stand for one organ only in
full, so each year files under the official name. Shortened forms that stand for organs named
differently from place to place (文旅局, 城管局, 交通局, itself an official name) are left as
written.
"""

from __future__ import annotations

from .metadata import split_place

# Shortened organ word → the official one.
FULL_ORGAN_NAMES: tuple[tuple[str, str], ...] = (
    ("人力社保局", "人力资源和社会保障局"),
    ("人力社保厅", "人力资源和社会保障厅"),
    ("人社局", "人力资源和社会保障局"),
    ("人社厅", "人力资源和社会保障厅"),
    ("卫生健康委", "卫生健康委员会"),
    ("卫健委", "卫生健康委员会"),
    ("卫健局", "卫生健康局"),
    ("市场监管局", "市场监督管理局"),
    ("市监局", "市场监督管理局"),
    ("应急局", "应急管理局"),
    ("应急厅", "应急管理厅"),
    ("林草局", "林业和草原局"),
    ("林草厅", "林业和草原厅"),
    ("住建局", "住房和城乡建设局"),
    ("住建厅", "住房和城乡建设厅"),
    ("住建委", "住房和城乡建设委员会"),
    ("发展改革委", "发展和改革委员会"),
    ("发改委", "发展和改革委员会"),
    ("发改局", "发展和改革局"),
    ("医保局", "医疗保障局"),
    ("退役军人局", "退役军人事务局"),
    ("民宗局", "民族宗教事务局"),
    ("民宗委", "民族宗教事务委员会"),
    ("民族宗教委", "民族宗教事务委员会"),
    ("工信局", "工业和信息化局"),
    ("工信厅", "工业和信息化厅"),
    ("科技局", "科学技术局"),
    ("科技厅", "科学技术厅"),
    ("国动办", "国防动员办公室"),
    ("教委", "教育委员会"),
    ("交通委", "交通委员会"),
    ("商务委", "商务委员会"),
    ("国资委", "国有资产监督管理委员会"),
    ("林湿局", "林业和湿地保护局"),
    ("政府办公厅", "人民政府办公厅"),
    ("政府办公室", "人民政府办公室"),
    ("政府办", "人民政府办公室"),
    ("人民政府办", "人民政府办公室"),  # 市政府办 opening the text, its place found elsewhere
)
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
