"""The other ways a division's name is written: 宁夏 for 宁夏回族自治区, 恩施州, 綦江 for 綦江区."""

from __future__ import annotations

import re
from enum import IntEnum


class NameKind(IntEnum):
    """How a written form relates to the division; higher values are stronger evidence."""

    SHORT_COUNTY = 1  # 綦江: only trusted before a marker such as 人民政府 or a year
    SHORT_CITY = 2  # 许昌
    SHORT_PROVINCE = 3  # 宁夏, 河南: a bare short name conventionally means the province
    ALIAS = 4  # 恩施州, 长阳县: the everyday form of an autonomous division's name
    FORMER = 5  # a name the code had earlier (庐山区 for 濂溪区)
    FULL = 6  # the name in the division table


# The 55 minority nationalities as they appear inside autonomous divisions' names.
_NATIONALITIES = (
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
)
# One-character nationality names are stripped only with 族 (长白朝鲜族自治县 must keep its 白);
# longer ones are also written without it (伊犁哈萨克自治州, 巴音郭楞蒙古自治州).
_NATIONALITY_ENDINGS = tuple(
    sorted(
        ["各族"]
        + [f"{name}族" for name in _NATIONALITIES]
        + [name for name in _NATIONALITIES if len(name) > 1],
        key=len,
        reverse=True,
    )
)
# Suffixes dropped to make the short form, longest first, per level.
_SUFFIXES = {
    "province": ("特别行政区", "自治区", "省", "市"),
    "city": ("自治州", "地区", "市", "盟"),
    "county": ("自治县", "自治旗", "联合旗", "矿区", "特区", "县", "区", "市", "旗"),
}
# 林区 cannot be a general suffix: 碑林区 and 万柏林区 are ordinary districts.
_IRREGULAR_SHORT = {"神农架林区": "神农架"}
# Everyday names of autonomous prefectures by the first character of a long stem (博州 for
# 博尔塔拉蒙古自治州), as their own governments write them; 巴州 is 巴中's 巴州区 too.
_ONE_CHARACTER_PREFECTURES = {
    "博尔塔拉蒙古自治州": "博州",
    "巴音郭楞蒙古自治州": "巴州",
    "克孜勒苏柯尔克孜自治州": "克州",
}
# Everyday names of Inner Mongolia's banners with long names, as their own governments write
# them in titles and addresses (东乌旗人民政府, dwq.gov.cn); only forms of three characters or
# more, as two (陈旗, 准旗) are too often read across other words.
_BANNER_ABBREVIATIONS = {
    "东乌珠穆沁旗": "东乌旗", "西乌珠穆沁旗": "西乌旗", "苏尼特左旗": "东苏旗", "苏尼特右旗": "西苏旗",
    "科尔沁右翼前旗": "科右前旗", "科尔沁右翼中旗": "科右中旗",
    "科尔沁左翼中旗": "科左中旗", "科尔沁左翼后旗": "科左后旗",
    "察哈尔右翼前旗": "察右前旗", "察哈尔右翼中旗": "察右中旗", "察哈尔右翼后旗": "察右后旗",
    "达尔罕茂明安联合旗": "达茂旗", "土默特左旗": "土左旗", "土默特右旗": "土右旗",
    "阿拉善左旗": "阿左旗", "阿拉善右旗": "阿右旗", "鄂托克前旗": "鄂前旗",
    "新巴尔虎左旗": "新左旗", "新巴尔虎右旗": "新右旗",
    "乌拉特前旗": "乌前旗", "乌拉特中旗": "乌中旗", "乌拉特后旗": "乌后旗",
}  # fmt: skip
# The everyday form of an autonomous division keeps a one-character level word.
_ALIAS_ENDINGS = {"自治州": "州", "自治县": "县", "自治旗": "旗"}
# Shorter forms are too often ordinary words (矿区 → 矿, 城区 → 城).
MIN_SHORT_LENGTH = 2
# A zone's word after a place's short form, which then names the zone (长春新区, 宁波高新区,
# 武汉经开区): the short form counts as a place there, and is part of the zone's own name.
ZONE_AFTER_SHORT_FORM = r"(?:国家)?(?:高新|经开|新)区|(?:经济技术|经济|产业)?开发区"
# Offices the central government keeps in a place, named after it by its short form (大连海事局,
# 深圳海关): the short form counts as a place there, and the office keeps its own name.
STATE_OFFICE_AFTER_SHORT_FORM = r"海关|海事局"
# The words that end a zone's name: zones are run by a management committee (管理委员会), and
# the division table does not list them.
ZONE_KIND_WORDS = (
    "高新区", "开发区", "经开区", "保税区", "自贸区", "合作区", "试验区", "实验区", "示范区", "经济区",
    "新区", "园区",
)  # fmt: skip
# The State Council's new areas (国家级新区) and two cities' own (深圳's 大鹏新区, 南宁's 五象新区),
# whose names hold no place the division table knows, by the division each lies in: a province
# for those across cities (西咸, 天府, 贵安, 赣江, 雄安). New areas named after their place (长春新区,
# 兰州新区, 福州新区) and those that are districts (浦东新区, 滨海新区) are read like other names.
NEW_AREAS = {
    "两江新区": "500000", "舟山群岛新区": "330900", "西咸新区": "610000", "贵安新区": "520000",
    "西海岸新区": "370211", "金普新区": "210200", "天府新区": "510000", "湘江新区": "430100",
    "江北新区": "320100", "滇中新区": "530100", "赣江新区": "360000", "雄安新区": "130000",
    "大鹏新区": "440300", "五象新区": "450100",
}  # fmt: skip
# A zone naming in brackets the district it is one administration with (区政合一): 乌鲁木齐
# 高新区(新市区), 武汉经开区(汉南区); group 1 is the district.
ZONE_WITH_ITS_DIVISION = re.compile(
    rf"(?:{'|'.join(ZONE_KIND_WORDS)})[(\uff08]([\u4e00-\u9fff]{{1,8}}[区县市旗])[)\uff09]"
)
# A zone's management committee, by the end of its name (长春新区管理委员会, 涪陵高新区管委会).
# A district may stand in brackets between (西安高新区(长安区)管委会).
ZONE_ADMINISTRATION = re.compile(
    rf"(?:{'|'.join(ZONE_KIND_WORDS)})(?:[(\uff08][^()\uff08\uff09]{{1,10}}[)\uff09])?(?:管理委员会|管委会)$"
)


def strip_nationalities(stem: str) -> str:
    """Remove the nationality names that precede 自治… or 区 (宁夏回族 → 宁夏, 龙胜各族 → 龙胜).

    At least two characters are kept; a stem that is nothing but one nationality keeps that
    nationality's name (东乡族自治县 is called 东乡县, 鄂温克族自治旗 鄂温克旗).
    """
    changed = True
    while changed:
        changed = False
        for ending in _NATIONALITY_ENDINGS:
            if stem.endswith(ending) and len(stem) - len(ending) >= MIN_SHORT_LENGTH:
                stem = stem[: -len(ending)]
                changed = True
                break
    if stem.endswith("族") and stem[:-1] in _NATIONALITIES and len(stem) > MIN_SHORT_LENGTH:
        stem = stem[:-1]
    return stem


def name_variants(name: str, level: str) -> list[tuple[str, NameKind]]:
    """The alias and short forms of ``name`` (the full name itself is not included)."""
    short_kind = {
        "province": NameKind.SHORT_PROVINCE,
        "city": NameKind.SHORT_CITY,
        "county": NameKind.SHORT_COUNTY,
    }[level]
    if name in _IRREGULAR_SHORT:
        return [(_IRREGULAR_SHORT[name], short_kind)]
    suffix = next((s for s in _SUFFIXES[level] if name.endswith(s) and len(name) > len(s)), None)
    if suffix is None:
        return []
    stem = name[: -len(suffix)]
    variants: list[tuple[str, NameKind]] = []
    if suffix.startswith("自治") or stem.endswith("族"):
        stem = strip_nationalities(stem)
    if suffix in _ALIAS_ENDINGS:
        variants.append((stem + _ALIAS_ENDINGS[suffix], NameKind.ALIAS))
        if stem != name[: -len(suffix)]:
            # Without the nationalities but with 自治: 湘西自治州, 金平自治县.
            variants.append((stem + suffix, NameKind.ALIAS))
    if len(stem) >= MIN_SHORT_LENGTH:
        variants.append((stem, short_kind))
    if name in _ONE_CHARACTER_PREFECTURES:
        variants.append((_ONE_CHARACTER_PREFECTURES[name], NameKind.ALIAS))
    if name in _BANNER_ABBREVIATIONS:
        variants.append((_BANNER_ABBREVIATIONS[name], NameKind.ALIAS))
    return variants
