"""Organs' official names and the shortened forms reports write them in (人社局, 卫健委, 城管局).

Both the importer (which files a report under its organ's official name) and the indicator
extractor (which reads a department's report naming itself) use these tables.
"""

from __future__ import annotations

# Shortened organ word → the official one. Each stands for that organ only, so an import may
# write it out in full.
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

# Official organ word → a shortened form its own report may call it by that stands for organs
# of other official names too (城管局 is also a 城市管理行政执法局; 交通局 an official name of
# its own): never written out in full, only read as the organ itself in its own report.
_OWN_SHORT_FORMS: tuple[tuple[str, str], ...] = (
    ("城市管理综合行政执法局", "城管局"),
    ("城市管理行政执法局", "城管局"),
    ("城市管理局", "城管局"),
    ("交通运输局", "交通局"),
    ("文化和旅游局", "文旅局"),
    ("文化广电旅游局", "文旅局"),
    ("文化广电和旅游局", "文旅局"),
    ("文化广电旅游体育局", "文旅局"),
)

# 政府办 opens 政府办公会 too: a government's meeting, not its office.
_SHORT_FORMS = (
    tuple((full, short) for short, full in FULL_ORGAN_NAMES if not short.endswith("政府办"))
    + _OWN_SHORT_FORMS
)


def short_organ_names(organ: str) -> tuple[str, ...]:
    """The shortened forms of ``organ``, a name ending in an official organ word
    (城市管理局 → 城管局; 九龙坡区市场监督管理局 → 九龙坡区市场监管局, 九龙坡区市监局)."""
    return tuple(organ[: -len(full)] + short for full, short in _SHORT_FORMS if organ.endswith(full))
