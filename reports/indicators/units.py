"""Units of measure: which words after a number are units, and their normalised form.

A unit is looked up longest first (``个工作日`` before ``个``). The normalised form is what
indicators are stored and compared with; money is normalised to 万元 because that is how
reports and the catalogue state amounts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from .numbers import fold_width


class UnitKind(StrEnum):
    COUNT = "count"  # things, people, events: 件 人 次 …
    PERCENT = "percent"
    POINTS = "points"  # 个百分点
    MONEY = "money"
    DURATION = "duration"
    MEASURE = "measure"  # physical measures: 米 公里 吨 …
    SCORE = "score"  # points of an assessment: 考核得分95.5分
    NONE = "none"  # a bare number a report states without a unit


@dataclass(frozen=True)
class Unit:
    stated: str  # as written, without multiplier: 个工作日
    normalised: str  # 工作日
    kind: UnitKind


# stated form -> (normalised form, kind). Counters first, then the rest.
_TABLE: dict[str, tuple[str, UnitKind]] = {
    # counters of things and events
    "件次": ("件次", UnitKind.COUNT),
    # 场(次): "sessions (times)", the same count as 场次
    "场(次)": ("场次", UnitKind.COUNT),
    "(场)次": ("场次", UnitKind.COUNT),  # 开展学法260多(场)次
    "人(次)": ("人次", UnitKind.COUNT),
    "件(次)": ("件次", UnitKind.COUNT),  # 提出合法性审查意见637件(次)
    "件": ("件", UnitKind.COUNT),
    "项次": ("项次", UnitKind.COUNT),  # 动态调整约2万项次: adjustments, not items
    "项": ("项", UnitKind.COUNT),
    "场次": ("场次", UnitKind.COUNT),
    "堂次": ("堂次", UnitKind.COUNT),  # lessons given: 讲授习近平法治思想14堂次
    "场": ("场", UnitKind.COUNT),
    "人次天": ("人次天", UnitKind.COUNT),  # person-days of training: not 人次
    "人次": ("人次", UnitKind.COUNT),
    "人": ("人", UnitKind.COUNT),
    "名": ("名", UnitKind.COUNT),
    "位": ("人", UnitKind.COUNT),
    "次": ("次", UnitKind.COUNT),
    "份": ("份", UnitKind.COUNT),
    "条次": ("条次", UnitKind.COUNT),  # 推送企业信息18万条次: records handled, not 条 (items)
    "条": ("条", UnitKind.COUNT),
    "户次": ("户次", UnitKind.COUNT),
    "户": ("户", UnitKind.COUNT),
    "家次": ("家次", UnitKind.COUNT),
    "家": ("家", UnitKind.COUNT),
    "个次": ("个次", UnitKind.COUNT),  # 检查居住社区1008个次
    "轮次": ("轮次", UnitKind.COUNT),
    "轮": ("轮", UnitKind.COUNT),
    "笔": ("笔", UnitKind.COUNT),
    "门": ("门", UnitKind.COUNT),
    "票": ("票", UnitKind.COUNT),
    "台次": ("台次", UnitKind.COUNT),
    "辆次": ("辆次", UnitKind.COUNT),  # 检查车辆12800辆次
    "艘次": ("艘次", UnitKind.COUNT),
    "起": ("起", UnitKind.COUNT),
    "卷": ("卷", UnitKind.COUNT),
    "张": ("张", UnitKind.COUNT),
    "篇次": ("篇次", UnitKind.COUNT),
    "篇": ("篇", UnitKind.COUNT),
    "组": ("组", UnitKind.COUNT),
    "期": ("期", UnitKind.COUNT),
    "支": ("支", UnitKind.COUNT),
    "类": ("类", UnitKind.COUNT),
    "台": ("台", UnitKind.COUNT),
    "艘": ("艘", UnitKind.COUNT),
    "只": ("只", UnitKind.COUNT),  # 野生动物活体980只
    "对": ("对", UnitKind.COUNT),  # 婚姻登记1291对 (couples)
    "辆": ("辆", UnitKind.COUNT),
    "处": ("处", UnitKind.COUNT),
    "所": ("所", UnitKind.COUNT),
    "座": ("座", UnitKind.COUNT),
    "册": ("册", UnitKind.COUNT),
    "本": ("本", UnitKind.COUNT),
    "套": ("套", UnitKind.COUNT),
    "块": ("块", UnitKind.COUNT),
    "幅": ("幅", UnitKind.COUNT),
    "面": ("面", UnitKind.COUNT),  # 宣传栏36面
    "种": ("种", UnitKind.COUNT),
    "批次": ("批次", UnitKind.COUNT),
    "批": ("批", UnitKind.COUNT),
    "宗": ("宗", UnitKind.COUNT),
    "单": ("单", UnitKind.COUNT),
    "例": ("例", UnitKind.COUNT),
    "部委": ("部委", UnitKind.COUNT),
    "部门": ("部门", UnitKind.COUNT),  # 联合12部门: not 12 部 (statutes)
    "单位": ("单位", UnitKind.COUNT),  # 教育局等6单位: not 6 单 (orders)
    "枚": ("枚", UnitKind.COUNT),
    "封": ("封", UnitKind.COUNT),  # 群众来信6封
    "间": ("间", UnitKind.COUNT),  # 双随机抽检公共场所196间 (premises; 期间 is no unit: figures)
    "小项": ("小项", UnitKind.COUNT),  # 3方面17小项: the items of an assessment
    "个班次": ("班次", UnitKind.COUNT),
    "班次": ("班次", UnitKind.COUNT),
    "部": ("部", UnitKind.COUNT),
    "个": ("个", UnitKind.COUNT),
    # places, counted only in a run of place counts (对2市4县开展督察); ``figures`` checks
    "市": ("市", UnitKind.COUNT),
    "县": ("县", UnitKind.COUNT),
    "学时": ("学时", UnitKind.DURATION),
    "课时": ("学时", UnitKind.DURATION),
    # percentages and changes in points
    "%": ("%", UnitKind.PERCENT),
    "个百分点": ("百分点", UnitKind.POINTS),
    "百分点": ("百分点", UnitKind.POINTS),
    # money
    "元": ("元", UnitKind.MONEY),
    # durations (年 is not looked for after a number: it is nearly always a year, 三年行动 a plan
    # name; ``figures`` takes it only in 连续N年)
    "年": ("年", UnitKind.DURATION),
    "个工作日": ("工作日", UnitKind.DURATION),
    "工作日": ("工作日", UnitKind.DURATION),
    "个工作小时": ("工作小时", UnitKind.DURATION),
    "工作小时": ("工作小时", UnitKind.DURATION),
    "个小时": ("小时", UnitKind.DURATION),
    "小时": ("小时", UnitKind.DURATION),
    "个月": ("月", UnitKind.DURATION),  # as 个工作日 is 工作日
    "个季度": ("季度", UnitKind.DURATION),
    "天": ("天", UnitKind.DURATION),
    # 日 is not looked for after a number either (15日 is nearly always a date); ``figures``
    # takes it only as a stated limit (不少于30日, 5日内)
    "日": ("日", UnitKind.DURATION),
    "周岁": ("周岁", UnitKind.DURATION),  # 40周岁以下: an age, not weeks
    "岁": ("岁", UnitKind.DURATION),  # 平均年龄31.6岁
    "周": ("周", UnitKind.DURATION),
    "分钟": ("分钟", UnitKind.DURATION),
    # physical measures
    "公里": ("公里", UnitKind.MEASURE),
    "千米": ("公里", UnitKind.MEASURE),
    "平方公里": ("平方公里", UnitKind.MEASURE),
    "平方米": ("平方米", UnitKind.MEASURE),
    "公顷": ("公顷", UnitKind.MEASURE),
    "米": ("米", UnitKind.MEASURE),
    "亩": ("亩", UnitKind.MEASURE),
    "吨": ("吨", UnitKind.MEASURE),
    "立方米": ("立方米", UnitKind.MEASURE),
    "公斤": ("公斤", UnitKind.MEASURE),
    "千克": ("公斤", UnitKind.MEASURE),
    "倍": ("倍", UnitKind.MEASURE),
    # air quality (PM2.5 concentrations in environment bureaus' reports)
    "微克/立方米": ("微克/立方米", UnitKind.MEASURE),
    "微克每立方米": ("微克/立方米", UnitKind.MEASURE),
    "微克": ("微克", UnitKind.MEASURE),
    "ug/m3": ("微克/立方米", UnitKind.MEASURE),
    "μg/m3": ("微克/立方米", UnitKind.MEASURE),
    # rates (低保标准700元/月, 平均申请材料1.96个/件, 抽查2次/年): kept as stated, never added up
    # or converted to 万元
    **{
        f"{unit}/{per}": (f"{unit}/{per}", UnitKind.MEASURE)
        for unit in ("元", "个", "件", "次", "人", "人次", "户", "家", "小时", "天", "分钟", "吨", "立方米")
        for per in (
            "月",
            "年",
            "季度",
            "周",
            "人",
            "人/月",
            "人·月",
            "天",
            "日",
            "次",
            "件",
            "个",
            "户",
            "家",
            "项",
            "亩",
        )
        if unit != per
    },
    # other currencies are kept as stated, never converted to 万元
    "美元": ("美元", UnitKind.MEASURE),
    # scores (考核得分95.5分); ``figures`` takes 分 only after Arabic digits and not inside a
    # longer word (十分重视, 三分之一, 2分局, 分类 are no scores)
    "分": ("分", UnitKind.SCORE),
}

YEARS = "年"
DAYS = "日"
SCORES = "分"
UNIT_WORDS: tuple[str, ...] = tuple(
    sorted((u for u in _TABLE if u not in (YEARS, DAYS)), key=len, reverse=True)
)
MULTIPLIERS: dict[str, Decimal] = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}
NO_UNIT = Unit("", "", UnitKind.NONE)


def unit_for(stated: str) -> Unit | None:
    """The unit for a stated unit word, or None when the word is not a unit."""
    entry = _TABLE.get(stated)
    if entry is None:
        return None
    return Unit(stated, entry[0], entry[1])


def stated_unit(unit: Unit, multiplier: str) -> str:
    """The unit a figure is stored with: the normalised unit with its multiplier (万件, 亿元)."""
    return f"{multiplier}{unit.normalised}"


def base_quantity(value: Decimal, unit: Unit, multiplier: str) -> tuple[Decimal, str]:
    """The value in base units: 64.71万件 -> 647100 件; money in 万元 (3亿元 -> 30000 万元)."""
    factor = MULTIPLIERS.get(multiplier, Decimal(1))
    if unit.kind is UnitKind.MONEY:
        return plain_decimal(value * factor / MULTIPLIERS["万"]), "万元"
    return plain_decimal(value * factor), unit.normalised


def plain_decimal(value: Decimal) -> Decimal:
    """``value`` without trailing zeros and without an exponent: 30, not 3E+1."""
    normalised = value.normalize()
    return normalised.quantize(Decimal(1)) if normalised.as_tuple().exponent > 0 else normalised


# Base units that are the same measure, compared (ranked, charted, subtracted) as the unit they
# map to. A figure still shows the unit it was written with (2509名); only comparisons merge.
# Deliberately short: two words are merged only when every count in one can be read as a count
# in the other.
_COMPARABLE: dict[str, tuple[str, str]] = {
    # 名 and 人 both count people, one each (述法2509名 / 述法887人; 位 is already stored as 人).
    "名": ("人", "人数"),
    # 场次 counts sessions held, as 场 does (讲座10场次 = 讲座10场; 场(次) is stored as 场次).
    "场次": ("场", "场数"),
    # 起 counts cases and incidents, which 件 counts too (行政诉讼案件72起 / 行政诉讼案件26件).
    "起": ("件", "件数"),
    # 宗 counts cases in Guangdong's usage (行政复议案件35宗), as 件 does.
    "宗": ("件", "件数"),
}
# Not merged, on purpose:
# - 人次 (attendances: one person counts once per time) is not 人 or 名 (people);
# - 次 (times something was done, 学法4次) is not 场/场次 (sessions held), nor is 期 (a course
#   or an issue, which may hold many sessions);
# - 件 (cases, documents) is not 个 (which counts anything: places, units, items), and 家
#   (organisations) is not 人;
# - the 次 variants of other counters (件次, 项次, 户次, 家次, 个次, 轮次, 批次, 台次) count events, not
#   the things themselves.


def comparable_unit(base_unit: str) -> str:
    """The unit a base unit is compared in: 名 → 人, 场次 → 场, 起 and 宗 → 件; any other is itself."""
    entry = _COMPARABLE.get(base_unit)
    return entry[0] if entry else base_unit


def merged_units_note(units: Iterable[str]) -> str:
    """Which of ``units`` (base units, as stated) are compared as another one, in words:
    "“名”按“人”比较(同为人数)"; "" when none is. Units are listed once, in the order met."""
    notes = []
    for unit in dict.fromkeys(units):
        entry = _COMPARABLE.get(unit)
        if entry:
            notes.append(f"“{unit}”按“{entry[0]}”比较(同为{entry[1]})")
    return "、".join(notes)


def base_unit_of(stated: str) -> str | None:
    """The base unit figures stated in ``stated`` (a unit word, optionally after 万/亿) are stored
    and listed under: 位 → 人, 亿元 → 万元, 万件 → 件, 课时 → 学时; None when it is no unit word."""
    text = fold_width(stated.strip())
    for multiplier in MULTIPLIERS:
        if text.startswith(multiplier) and text != multiplier:
            text = text[len(multiplier) :]
            break
    unit = unit_for(text)
    if unit is None:
        return None
    return base_quantity(Decimal(1), unit, "")[1]


def normalise_unit(text: str) -> str:
    """Normalise a unit string as a person might write it in the gold file or an admin form."""
    text = fold_width(text.strip())
    for multiplier in ("万亿", "亿", "万"):
        if text.startswith(multiplier) and text != multiplier and text[len(multiplier) :] in _TABLE:
            return multiplier + _TABLE[text[len(multiplier) :]][0]
    entry = _TABLE.get(text)
    return entry[0] if entry else text
