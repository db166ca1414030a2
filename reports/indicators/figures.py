"""Finding the figures in a report: a number with its unit, qualifier and kind of measure.

A figure is a numeral (Arabic, Chinese, 百分之…, 百分百 or a cut by 一半), optionally a range
(3至5), an inner qualifier (余/多), a multiplier (万/亿) and a unit (件, 人次, %, 个百分点 …).
The figure's span runs from the first digit to the end of the unit, so ``text[start:end]`` is
e.g. ``30余场次`` or ``8461.36万元``; qualifiers written before the number (近, 约, 超过) or
after the unit (以上, 左右) are recorded but lie outside the span.

Nothing here decides what a figure counts; that is ``mapping``'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from enum import StrEnum

from .exclusions import SpanIndex, is_hotline, is_year_like, protected_spans
from .numbers import CHINESE_DIGITS, fold_width, parse_arabic, parse_chinese, parse_percent_words
from .tables import Tables, unit_parts
from .units import (
    DAYS,
    MULTIPLIERS,
    NO_UNIT,
    SCORES,
    UNIT_WORDS,
    YEARS,
    Unit,
    UnitKind,
    base_quantity,
    plain_decimal,
    stated_unit,
    unit_for,
)


class Measure(StrEnum):
    LEVEL = "level"  # the quantity itself: 受理61件, 满意率99%
    CHANGE_PCT = "change_pct"  # a relative change: 同比增长12.5%
    CHANGE_POINTS = "change_points"  # a change in percentage points: 提高3.2个百分点
    CHANGE_ABS = "change_abs"  # an absolute change: 较上年增加15件
    EARLIER = "earlier"  # the level a stated one was changed from: 17项 of 由17项减少至8项
    MULTI_YEAR = "multi_year"  # a level over more than the report's year: 2019年以来…精简3200余项
    TARGET = "target"  # a level aimed at, not reached: 力争行政复议纠错率达到15%


# Measures that state a change rather than a quantity's level at some time.
STATED_CHANGES = frozenset({Measure.CHANGE_PCT, Measure.CHANGE_POINTS, Measure.CHANGE_ABS})


@dataclass(frozen=True)
class Figure:
    start: int
    end: int
    text: str
    value: Decimal  # the stated number (signed for decreases)
    value_high: Decimal | None  # upper bound of a range (3至5个), else None
    unit: str  # normalised unit with its multiplier: 件, 万件, 万元, %
    unit_kind: UnitKind
    base_value: Decimal  # value in base units (件; money in 万元)
    base_unit: str
    qualifier: str  # canonical: 余 多 近 约 超过 以上 以下 不足 不少于 不超过 各, or ""
    measure: Measure
    chinese: bool  # written with Chinese numerals


_CN_NUM = "〇零一二两三四五六七八九十百千"
_CN_NUMERAL = rf"[{_CN_NUM}]+(?:[万亿][{_CN_NUM}]+)*"
_AR_NUMERAL = r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?"
_HUNDREDS = {"百": 100, "千": 1000}  # after Arabic digits: 1千余条, 2百多人
# Spaces inside a figure (3 件, 5 至 8 人), never a line break: a number ending a line and a unit
# word starting the next are two blocks of the page (a wrapped PDF line is joined on import).
_SPACE = r"[^\S\r\n]*"
_RANGE_SEP = rf"{_SPACE}(?:至|到|-|~|~|—|–){_SPACE}"
_UNITS = "|".join(re.escape(u) for u in UNIT_WORDS)
_MULT = "|".join(sorted(MULTIPLIERS, key=len, reverse=True))

# Half as a cut (时限压缩一半以上, 较2017年缩减一半, 时间缩短了一半): a change of 50%; elsewhere
# 一半 is a word.
_CUT_VERBS = ("压缩", "缩减", "减少", "压减", "缩短", "降低", "下降")
_CUTS_DONE = "|".join(f"{verb}了" for verb in _CUT_VERBS)
_HALF_CUT = rf"(?:(?<={'|'.join(_CUT_VERBS)})|(?<={_CUTS_DONE}))一半"

_FIGURE = re.compile(
    rf"(?P<pct>百分之(?:{_AR_NUMERAL}|[{_CN_NUM}]+(?:点[{_CN_NUM}]+)?)|百分百|{_HALF_CUT})"
    rf"|(?P<num>(?:{_AR_NUMERAL})(?:[百千](?=余|多))?|{_CN_NUMERAL})"  # 3千余人
    rf"(?:{_RANGE_SEP}(?P<high>{_AR_NUMERAL}|{_CN_NUMERAL}))?"
    rf"{_SPACE}(?P<inner>余|多)?(?P<mult>{_MULT})?(?P<inner2>余|多)?{_SPACE}(?P<unit>{_UNITS})?"
)

# Written before the number; longest first. Maps to the canonical qualifier.
PREFIX_QUALIFIER_WORDS: tuple[tuple[str, str], ...] = (
    ("不得少于", "不少于"),
    ("不得低于", "不少于"),
    ("不少于", "不少于"),
    ("不低于", "不少于"),
    ("不高于", "不超过"),
    ("不超过", "不超过"),
    ("将近", "近"),
    ("接近", "近"),
    ("超过", "超过"),
    ("大约", "约"),
    ("至少", "不少于"),
    ("最多", "不超过"),
    ("不足", "不足"),
    ("不到", "不足"),
    ("不满", "不足"),
    ("多达", "超过"),
    ("近", "近"),
    ("约", "约"),
    ("超", "超过"),
    ("逾", "超过"),
    ("各", "各"),
)
_SUFFIX_QUALIFIERS: tuple[tuple[str, str], ...] = (
    ("以上", "以上"),
    ("以下", "以下"),
    ("左右", "约"),
    ("之多", "超过"),
)
_CHANGE_VERB = (
    r"(?P<verb>增长|增加|上升|提高|提升|改善|提速|下降|减少|降低|回落|减量|压减|压缩|缩减|缩短|删减|精简|"
    r"降幅|减幅|增幅|涨幅|增|降|减|多|少|(?<=时[限间])压)"
)
# What may stand between a change verb and its number: 下降了, 提升达, 压缩掉; a change's size may
# also be stated as a noun (降幅达59%, 增幅为12%), where 为 gives the change, not a new level.
_VERB_LINK = r"(?:了|掉了?|达到|达|(?<=幅)(?:为|是))?"
_BEFORE_NUMBER = r"(?:超过|超|近|约|逾)?\s*$"  # 同比提速超80%
# A verb right before the number makes a change (the seed gold's rule). So does a cut with a
# short object between (精简申报材料288项, 减少群众跑动136次, 压缩办理时限1213个工作日, and the
# slogans' 减材料36.8%, 减时间278个工作日: most annotators who met one signed it), though not a
# rate or ratio (缩减率达37.4%, 精简比例62.5%) or once its object holds the new level's 为/到/至/达
# (精简优化为13项, 压减事项达91项); nor a verb before 为 (减少为2天 is the new level).
_CHANGE_VERBS = re.compile(rf"{_CHANGE_VERB}{_VERB_LINK}{_BEFORE_NUMBER}")
# A stated change's comparison and verb where its number starts (信访量同比增长|41%): what a
# value's own text says again (增长41%), so a name made from the words before it leaves them out.
STATED_CHANGE_WORDS = re.compile(rf"(?:同比|环比|较上年|比上年|比去年)?(?:分别)?{_CHANGE_VERB}{_VERB_LINK}$")
_CUT_WITH_OBJECT = re.compile(
    r"(?P<verb>减少|压减|压缩|缩减|删减|精简|减(?=材料|环节|时间|时限|跑动|证明))"
    r"(?:(?![率比为到至成达])[\u4e00-\u9fff]){2,4}$"
)
_CHANGE_WINDOW = 10  # characters before the number where its change verb may be
_COMPARISON = re.compile(r"同比|环比|较|比上年|比去年|比\d{4}年|与上年相比|与去年相比")
# figures listed right before another under one verb: 下降19.4%和17.4%, 减少5起、4人
_LISTED_BEFORE = re.compile(r"(?:\d+(?:\.\d+)?(?:%|个百分点|[\u4e00-\u9fff]{1,3})?(?:、|和|及))+$")
_DECREASE = frozenset([
    "下降", "减少", "降低", "回落", "减量", "压减", "压缩", "缩减", "缩短", "删减", "精简", "降幅", "减幅",
    "降", "减", "少", "压",  # 承诺时限压83%: 压 for 压缩 after a time limit
])  # fmt: skip
# Verbs that say an absolute change of a count, compared or not (精简288项).
_ABSOLUTE_CHANGES = frozenset(["增加", "减少", "压减", "压缩", "缩减", "缩短", "删减", "精简"])
LIST_JOINS = ("、", "和", "及")  # between two figures of one list: 55、50个工作日
_SENTENCE_PUNCT = ",。;、)):!?\n"
_CLOCK_BEFORE = re.compile(r"\d\s*[点时]\s*$")  # 8点30分 is a time of day, not a score
_ASCII_LETTER = re.compile(r"[A-Za-z]")


def find_figures(text: str) -> list[Figure]:
    """Every stated quantity in ``text``, in order, with exclusions applied."""
    folded = fold_width(text)
    protected = SpanIndex(protected_spans(folded))
    tables = Tables(folded)
    figures: list[Figure] = []
    for match in _FIGURE.finditer(folded):
        figure = _figure_from_match(folded, match, protected, tables)
        if figure is not None:
            # Offsets are shared (folding is one for one); the figure's text is the original's.
            figures.append(replace(figure, text=text[figure.start : figure.end]))
    return _share_listed_units(folded, figures)


def _share_listed_units(text: str, figures: list[Figure]) -> list[Figure]:
    """Numbers listed before a unit are in that unit: 分别压减55、50个工作日, 12、10万件."""
    for i in range(len(figures) - 2, -1, -1):
        listed, stated = figures[i], figures[i + 1]
        if listed.unit or not stated.unit or text[listed.end : stated.start] not in LIST_JOINS:
            continue
        factor = stated.base_value / stated.value if stated.value else Decimal(1)
        figures[i] = replace(
            listed,
            unit=stated.unit,
            unit_kind=stated.unit_kind,
            base_unit=stated.base_unit,
            base_value=listed.value * factor,
        )
    return figures


def _figure_from_match(
    text: str, match: re.Match[str], protected: SpanIndex, tables: Tables
) -> Figure | None:
    start = match.start()
    if protected.covers(start) or protected.covers(match.end() - 1):
        return None
    if match.group("pct"):
        value = parse_percent_words(match.group("pct"))
        if value is None:
            return None
        unit = unit_for("%")
        assert unit is not None
        return _build(text, start, match.end(), value, None, unit, "", "", chinese=True)

    number = match.group("num")
    chinese = not number[0].isdigit()
    # The text's start is like a line's ("" would be "in" every string of characters below).
    previous = text[start - 1] if start else "\n"
    following = text[match.end()] if match.end() < len(text) else ""
    # 5G, 3A: a letter right after the number names a thing; after a unit it is the counted
    # thing's name (200多处LED大屏)
    letter_after = _ASCII_LETTER.match(following or " ") and not match.group("unit")
    if previous in "第每" or _ASCII_LETTER.match(previous) or letter_after:
        return None
    if previous in ".." and start >= 2 and text[start - 2].isdigit():
        return None
    unit_word = match.group("unit") or ""
    if unit_word and _unit_runs_on(text, match.end(), unit_word):
        unit_word = ""
    end = match.start("unit") + len(unit_word) if unit_word else _numeral_end(match)
    multiplier = match.group("mult") or ""
    if not unit_word and not multiplier and not chinese:
        multiplier, unit_word = _unit_of_its_cell(text, tables, start, end)
    if not unit_word and not multiplier and _counts_years(text, start, end):
        unit_word, end = YEARS, end + len(YEARS)
    if not unit_word and not multiplier and _counts_days(text, start, end):
        unit_word, end = DAYS, end + len(DAYS)
    inner = match.group("inner") or match.group("inner2") or ""
    if chinese and set(number) <= set("百千") and (multiplier or _is_count(unit_word)) and not inner:
        return None  # 百万人, 千家万户: a manner of speaking (不足百米 is a distance; 百余条 counts)
    if multiplier and not unit_word:
        end = match.end("mult")

    if unit_word == "位" and _is_rank_move(text, start, end):
        return None  # 前移16位, 位次提升4位: places in a ranking, not people
    if unit_word == "名" and text[start - 1 : start] == "前":
        return None  # 包揽前两名, 进入前3名: places in a ranking
    if unit_word == "类" or (unit_word == "个" and text.startswith("类别", end)):
        return None  # 等9类459项, 邀请8类人员, 6个类别: kinds of things, not things
    if previous in "×*＊":
        return None  # 7×24小时: a phrase for always open
    if previous in _COUNTERS_OF_THINGS and start >= 2 and text[start - 2].isdigit():
        return None  # 建成29个24小时城市书房: what kind of thing the count before counts
    if unit_word == SCORES and (chinese or _CLOCK_BEFORE.search(text, max(0, start - 4), start)):
        return None  # 十分重视, 三分之一; 8点30分 is a time of day
    if chinese:
        if not unit_word or not _chinese_count_allowed(text, start, number, unit_word, multiplier):
            return None
        if unit_word == "期" and _project_phase(text, start, end):
            return None  # 新视通(二期)项目: a project's phase, not sessions held
        if unit_word == "元" and not multiplier:
            return None  # 三元里街: amounts in Chinese numerals are stated in 万元 or 亿元
        if unit_word in ("个", "项", "条") and text.startswith(("“", '"'), end):
            return None  # 四个“最”: the items of a list of names that follows (三批“…”事项 counts)
        try:
            value = Decimal(parse_chinese(number))
            high = Decimal(parse_chinese(match.group("high"))) if match.group("high") else None
        except ValueError:
            return None
    else:
        hundreds = _HUNDREDS.get(number[-1])
        value = parse_arabic(number[:-1] if hundreds else number)
        if hundreds:
            value = plain_decimal(value * hundreds)
        high_text = match.group("high")
        high = parse_arabic(high_text) if high_text and high_text[0].isdigit() else None
        if high_text and high is None:
            return None
        if not unit_word and not _bare_number_allowed(text, start, end, number, multiplier):
            return None
        if _counts_listed_titles(text, start, value) or _counts_listed_items(text, start, value, unit_word):
            return None
    if unit_word in _HALF_AFTER_UNITS and text.startswith("半", end) and high is None:
        value, end = value + Decimal("0.5"), end + 1  # 为期七天半, 3年半: and a half
    unit = unit_for(unit_word) if unit_word else NO_UNIT
    assert unit is not None
    if unit.kind is UnitKind.NONE and multiplier:
        if _AMOUNT_BEFORE.search(text, max(0, start - 8), start):
            unit = _MONEY_IMPLIED  # 挽回经济损失2000万。: an amount, with a noun after it or none
        elif _counts_a_noun(text, end):
            unit = _counted_noun_unit(text, end)
        else:
            return None
    return _build(text, start, end, value, high, unit, multiplier, inner, chinese=chinese)


# Units of time a 半 after adds half of (七天半, 3年半); 个半月 puts the half before the unit.
_HALF_AFTER_UNITS = frozenset({"天", "年", "小时", "周"})

# A move or a place in a ranking: 较去年前移16位, 排名提升4位, 位列前10位.
_RANK_MOVE = re.compile(
    r"(?:前移|后移|上升|提升|下降|跃升|前进|后退|下滑|上移|下移)(?:了)?"
    r"(?:超过|超|近|约|逾)?\s*$"
)
_RANK_WORDS = ("位次", "名次", "排名", "排位", "位列", "位居", "跃居")


def _is_rank_move(text: str, start: int, end: int) -> bool:
    """True when N位 counts places in a ranking rather than people (前移16位, 16位次, 进入前10位)."""
    if text[start - 1 : start] == "前":
        return True
    if text.startswith("次", end):
        return True
    if _RANK_MOVE.search(text, max(0, start - 6), start):
        return True
    clause_start = max(text.rfind(p, 0, start) for p in ",。;:、\n") + 1
    return any(word in text[clause_start:start] for word in _RANK_WORDS)


def _counts_a_noun(text: str, end: int) -> bool:
    """True when a number with 万/亿 and no unit counts the noun after it (52万行政执法人员)."""
    return end < len(text) and "\u4e00" <= text[end] <= "\u9fff" and text[end] not in "元余多"


# Nouns that name people: 52万行政执法人员 counts people (人), as 52万名… would.
_PEOPLE_NOUNS = (
    "人员",
    "干部",
    "群众",
    "党员",
    "职工",
    "居民",
    "村民",
    "市民",
    "农民",
    "学生",
    "师生",
    "青少年",
    "律师",
    "代表",
    "公务员",
    "人口",
    "民众",
    "网民",
    "老人",
    "儿童",
    "妇女",
    "员工",
)
_NOUN_WINDOW = 8
# An amount named just before a number in 万/亿 (合同金额超过1000万, 投资7000万, 挽回损失2000万).
_AMOUNT_BEFORE = re.compile(
    r"(?:金额|投资|资金|经费|投入|价值|标的额?|罚没款?|罚款|损失|节约|节省)[^\d,，;；。]{0,3}$"
)


_MONEY_IMPLIED = Unit("", "元", UnitKind.MONEY)


def _counted_noun_unit(text: str, end: int) -> Unit:
    """The implied unit of a number in 万/亿 written before the noun it counts: 人 for people
    (52万行政执法人员), money for 人民币 (in 万元, as every amount), else the general counter 个
    (3.5万市场主体, as 3.5万个). It is not stated, so the figure keeps the stated 万 as its unit;
    only the base unit (520000 人) carries it."""
    noun = re.match(r"[\u4e00-\u9fff]*", text[end : end + _NOUN_WINDOW]).group()
    if noun.startswith("人民币"):
        return _MONEY_IMPLIED
    counted = "人" if any(word in noun for word in _PEOPLE_NOUNS) else "个"
    return Unit("", counted, UnitKind.COUNT)


def _is_count(unit_word: str) -> bool:
    unit = unit_for(unit_word)
    return unit is not None and unit.kind is UnitKind.COUNT


def _counts_years(text: str, start: int, end: int) -> bool:
    """True for a number of years, which only the words around it mark (连续两年, 连续3年, 未来五年,
    今后五年, 有效期5年, 近三年来, 提前一年, 利用两年时间); N年 is otherwise a year, and the span a
    plan covers (未来五年立法规划) is part of the plan's name."""
    return (
        text.startswith(YEARS, end)
        and end - start <= 2
        and (
            text[max(0, start - 3) : start].endswith(_BEFORE_YEARS_COUNTED)
            or text[start - 1 : start] == "近"
            or text.startswith("时间", end + len(YEARS))
        )
        and not _PLAN_NAMED.match(text, end + len(YEARS))
    )


_BEFORE_YEARS_COUNTED = ("连续", "未来", "提前", "今后", "今後", "有效期")
_PLAN_NAMED = re.compile(r"[\u4e00-\u9fff]{0,4}?(?:规划|计划)")


def _counts_days(text: str, start: int, end: int) -> bool:
    """True for a limit in days (不少于30日, 5日内); N日 is otherwise a day of the month."""
    if not text.startswith(DAYS, end):
        return False
    limit = _prefix_qualifier(text, start) in ("不少于", "不超过", "超过")
    return limit or text.startswith("内", end + len(DAYS))


def _counts_listed_titles(text: str, start: int, value: Decimal) -> bool:
    """True when the number only counts the titles just listed (《甲》《乙》等2件); a larger one
    (《甲》等4件) states a total the titles are examples of."""
    if not text.endswith(("》等", "》"), 0, start):
        return False
    return text.count("《", _clause_start(text, start), start) == value


def _counts_listed_items(text: str, start: int, value: Decimal, unit_word: str = "") -> bool:
    """True when the number only counts the items of the 、 list before it: after 等 (A、B、C、D等
    4项主要措施; a larger one, 行政许可、行政处罚等10类, states a total they are examples of),
    right after a quoted list (“述、评、议、督、改”5项责任机制), or right after the list, as three
    or more 个 things or 家 institutions (立法、执法、司法和守法普法4个协调小组, 复旦大学、华东政法
    大学、上海政法学院3家研究中心)."""
    if text.endswith("等", 0, start):
        listed = text[_clause_start(text, start) : start - 1]
    elif text.endswith("”", 0, start) and (opening := text.rfind("“", 0, start)) != -1:
        listed = text[opening + 1 : start - 1]
    elif (
        unit_word in ("个", "家")
        and value >= 3
        and not _COUNTED_WORDS_IN_LIST.search(text, _clause_start(text, start), start)
    ):
        listed = text[_clause_start(text, start) : start]  # two items could be two steps: 研究、学习议题2个
    else:
        return False
    *items, last = listed.split("、")
    return bool(items) and len(items) + len(_LAST_ITEM_JOINER.split(last)) == value


def _clause_start(text: str, start: int) -> int:
    """Where the clause holding ``start`` begins (``text`` is width-folded: ASCII punctuation)."""
    return max(text.rfind(p, 0, start) for p in ",。;:!?\n") + 1


def _numeral_end(match: re.Match[str]) -> int:
    return match.end("high") if match.group("high") else match.end("num")


def _unit_runs_on(text: str, end: int, unit_word: str) -> bool:
    """True when the unit character begins a longer word that is not a unit (3周年, 5部门), or is
    a place that does not stand in a run of place counts (2市4县, not 12345市民热线); 零笔录 is a
    way of handling cases."""
    following = text[end : end + 1]
    if unit_word in ("市", "县"):
        return not _in_place_run(text, end)
    if unit_word == SCORES:
        return _score_runs_on(text, end)
    if unit_word == "人" and text.startswith("民币", end):
        return True  # 2.5亿人民币: money, not people
    return (unit_word, following) in {
        ("周", "年"),
        ("台", "阶"),
        ("期", "间"),
        ("本", "级"),
        ("条", "例"),
        ("笔", "录"),
    }


def _score_runs_on(text: str, end: int) -> bool:
    """True when 分 begins a longer word (分局, 分类, 分之, 分别, 分中心) or a time (3分30秒), so it
    is no score; a score may run into the next words (87分提高到93分, 95分以上)."""
    following = text[end : end + 1]
    return following.isdigit() or (following != "" and following in _FEN_WORDS)


# Second characters of words that start with 分: 分钟 分之 分局 分类 分别 分期 分批 分级 分队 …
_FEN_WORDS = frozenset(
    "钟之局类别期批级队院会公中支所区站厅处部行店厂馆制校社团片线组层管工配解析流享布散成拆包担摊段档项值数秒"
)


_PLACE_COUNT = rf"(?:\d{{1,3}}|[{_CN_NUM}]{{1,3}})"
_PLACE_RUN = re.compile(rf"(?<![\d{_CN_NUM}]){_PLACE_COUNT}[市县]、?{_PLACE_COUNT}[市县区]")


def _in_place_run(text: str, end: int) -> bool:
    """True when the place unit ending at ``end`` is part of a run of place counts (2市4县)."""
    return any(m.start() < end <= m.end() for m in _PLACE_RUN.finditer(text, max(0, end - 10), end + 6))


def _chinese_count_allowed(text: str, start: int, number: str, unit_word: str, multiplier: str = "") -> bool:
    """Chinese numerals are mostly names and enumerations; keep only real counts.

    A lone 一 (not 一万) is an article (一条龙, 一项工作) except before a duration (为期一个月) and in a thing
    done once (召开一次…会议, 举办一期培训班, 清理一次; not 一次性, 最多跑一次); a numeral
    right after a quoted or listed series counts its items (“…”“…”四项改革, 检查、许可、处罚四类).
    A list earlier in the clause that a predicate follows is the subject, not what the numeral
    counts (新都区、成华区共同发布…消费警示信息两期). Digits in a row with no 十/百/千 between are
    an approximation or two words run together, not a count (三四个月, 五六起, 唯一一个).
    """
    unit = unit_for(unit_word)
    assert unit is not None
    if len(number) > 1 and all(c in CHINESE_DIGITS for c in number):
        return False
    if len(number) == 1 and unit_word != "次" and text.endswith(("周", "星期", "礼拜"), 0, start):
        return False  # a weekday (坚持每周三组织街道干部学法), not 每周三次
    if number == "一" and not multiplier and unit.kind not in (UnitKind.DURATION, UnitKind.MEASURE):
        return unit_word in _ONCE_UNITS and _done_once(text, start)
    # with 万/亿 it is a magnitude, never the size of a list before it (…、一千名…和一万名法律明白人)
    if number in CHINESE_DIGITS and not multiplier and unit.kind is UnitKind.COUNT:
        clause = text[_clause_start(text, start) : start]
        if clause.endswith(("”", "》", "等")) or _ends_a_list(clause):
            return False
    return True


def _project_phase(text: str, start: int, end: int) -> bool:
    """Whether 二期 at ``start:end`` names a project's phase (新视通(二期)项目, 建设神农云二期和城市
    中台), not sessions held (举办两期培训班)."""
    bracketed = start > 0 and text[start - 1] in "((" and text.startswith((")", ")"), end)
    if bracketed or text.startswith(_PHASE_OF, end):
        return True
    clause = text[_clause_start(text, start) : start]
    return _BUILT.search(clause) is not None and _SESSIONS_HELD.search(clause) is None


# What follows a project's phase, and what the clause of one speaks of (building, not teaching).
_PHASE_OF = ("项目", "工程")
_BUILT = re.compile(r"建设|投资|项目|工程")
_SESSIONS_HELD = re.compile(r"培训|班|讲座|课|学习|宣传|讲堂")


# Verbs after which 一次 counts a thing done once (召开了一次专题会议), not an article or a name.
_ONCE_VERBS = re.compile(r"(?:召开|听取|清理|开展|组织|举办|进行|研究|审议|部署|督查|检查|评估|修订)了?$")
# The units in which a lone 一 after such a verb counts (召开一次会议, 举办一期培训班).
_ONCE_UNITS = ("次", "期", "场")


def _done_once(text: str, start: int) -> bool:
    """True when 一次 at ``start`` follows a verb of doing and is no adjective (一次性) or name
    (一次办, 一次告知)."""
    return bool(_ONCE_VERBS.search(text, max(0, start - 4), start)) and not text.startswith(
        ("性", "办", "告知", "都"), start + 2
    )


def _ends_a_list(clause: str) -> bool:
    """True when ``clause`` (up to a numeral) ends with the last item of a 、 list, so that the
    numeral counts the items (行政检查、行政许可、行政处罚、行政强制|四类; 顺义、丰台和密云|五个区):
    the last item is no longer than the others (one character of slack; Chinese characters
    only, so pinyin glosses do not count). Words that run on well past them carry a predicate
    (新都区、成华区|共同发布…信息|两期), and the list is their subject."""
    *items, last = clause.split("、")
    if not items:
        return False
    if not last:
        # a numeral right after 、 starts an item of its own (…、两件案卷获评), unless the list
        # is one of numerals (第二、三批, 每周二、四组织, a heading 一、 before 六项措施)
        return items[-1][-1:] in CHINESE_DIGITS
    last = _LAST_ITEM_JOINER.split(last)[-1]
    return _han_length(last) <= max(_han_length(item) for item in items) + 1


# Counters of things whose kind a number right after them may describe (29个24小时城市书房).
_COUNTERS_OF_THINGS = "个家处座所"
_LAST_ITEM_JOINER = re.compile(r"以及|和|及|与")
# A list that counts its items itself (9个部门、2个区县) or qualifies them (县(市、区)) is no list
# of names a count could repeat; nor are items each counted (各2个).
_COUNTED_WORDS_IN_LIST = re.compile(rf"[\d(){_CN_NUM}]|各$")


def _han_length(words: str) -> int:
    return sum(1 for char in words if "\u4e00" <= char <= "\u9fff")


_LISTED_BEFORE_UNIT = re.compile(rf"(?:[、和及]\d+(?:\.\d+)?)+\s*(?:{_UNITS})")
_INDEX_BEFORE = re.compile(r"(?:指数|EQI|AQI)[))]?\s*(?:为|达到|达|是)?\s*$")


def _unit_of_its_cell(text: str, tables: Tables, start: int, end: int) -> tuple[str, str]:
    """(multiplier, unit word) of a number alone in a table cell whose row, column or caption
    gives the unit (行政复议申请(件) | 52 | 61); ("", "") for any other number."""
    if text[end : end + 8].lstrip(" ")[:1] not in ("|", "\n", ""):
        return "", ""  # words follow it in its cell (most numbers: 2023年): not alone
    cell = tables.cell(start, end)
    if cell is None or not cell.alone or not cell.unit:
        return "", ""
    return unit_parts(cell.unit)


def _bare_number_allowed(text: str, start: int, end: int, number: str, multiplier: str) -> bool:
    """A number without a unit counts only at the end of a clause, as in 办理事项26。"""
    if multiplier:
        return True
    digits = number.replace(",", "")
    if "." in digits:
        # a decimal is a measure only where it is an index's value (综合指数4.826, (EQI)75.06)
        # or listed before a unit (分别为73.56、76.71、80.13分); elsewhere it is a version, a
        # section or a money amount missing its unit
        index = _INDEX_BEFORE.search(text, max(0, start - 8), start)
        return bool(index or _LISTED_BEFORE_UNIT.match(text, end))
    if is_year_like(digits) or is_hotline(digits) or len(digits) > 7:
        return False
    previous = text[start - 1] if start else "\n"
    following = text[end] if end < len(text) else "\n"
    if following not in _SENTENCE_PUNCT or following in "))":
        return False
    return "\u4e00" <= previous <= "\u9fff" and previous not in "第每号年月日前"  # 进入全国前30: a rank


def _build(
    text: str,
    start: int,
    end: int,
    value: Decimal,
    high: Decimal | None,
    unit: Unit,
    multiplier: str,
    inner: str,
    *,
    chinese: bool,
) -> Figure:
    qualifier = inner or _prefix_qualifier(text, start) or _suffix_qualifier(text, end)
    governed_from = _list_start(text, start)
    measure = _measure(text, governed_from, unit)
    if measure is not Measure.LEVEL and _is_decrease(text, governed_from):
        value, high = -value, (-high if high is not None else None)
    base_value, base_unit = base_quantity(value, unit, multiplier)
    return Figure(
        start=start,
        end=end,
        text=text[start:end],
        value=value,
        value_high=high,
        # an implied unit (52万行政执法人员: 人) is not stated: the figure's unit is 万
        unit=stated_unit(unit, multiplier) if unit.stated else multiplier,
        unit_kind=unit.kind,
        base_value=base_value,
        base_unit=base_unit,
        qualifier=qualifier,
        measure=measure,
        chinese=chinese,
    )


_LONGEST_PREFIX_QUALIFIER = max(len(word) for word, _canonical in PREFIX_QUALIFIER_WORDS)

# Words that end in a one-character qualifier and are no qualifier: 最近3次, 村规民约2件, 签约5家.
_WORD_BEFORE_QUALIFIER = {
    "近": frozenset("最附就将接"),
    "约": frozenset("民公合条契签履违节预制邀特盟相缔践解租立守爽誓赴失续"),
}


def _prefix_qualifier(text: str, start: int) -> str:
    before = text[max(0, start - _LONGEST_PREFIX_QUALIFIER) : start]
    for marker, canonical in PREFIX_QUALIFIER_WORDS:
        if before.endswith(marker):
            if before[-2:-1] in _WORD_BEFORE_QUALIFIER.get(marker, ()):
                continue
            return canonical
    return ""


def _suffix_qualifier(text: str, end: int) -> str:
    after = text[end : end + 2]
    for marker, canonical in _SUFFIX_QUALIFIERS:
        if after.startswith(marker):
            return canonical
    return ""


def _change_verb(text: str, start: int) -> re.Match[str] | None:
    """The change verb right before the number at ``start`` (同比下降4%, 同比提速超80%), or a
    cut with its object between (精简申报材料43.3%); positions are in the window before ``start``."""
    window = text[max(0, start - _CHANGE_WINDOW) : start]
    return _CHANGE_VERBS.search(window) or _CUT_WITH_OBJECT.search(window)


def _list_start(text: str, start: int) -> int:
    """Where the list of figures ending at ``start`` begins (同比分别下降9.4%、10%, 减少5起、4人:
    one verb governs all), or ``start`` itself."""
    listed = _LISTED_BEFORE.search(text, max(0, start - 40), start)
    return listed.start() if listed else start


def _measure(text: str, start: int, unit: Unit) -> Measure:
    if unit.kind is UnitKind.POINTS:
        return Measure.CHANGE_POINTS
    verb = _change_verb(text, start)
    if verb is None:
        return Measure.LEVEL
    clause = text[_clause_start(text, start) : start]
    compared = _COMPARISON.search(clause) is not None
    word = verb.group("verb")
    if unit.kind is UnitKind.PERCENT:
        if word in ("多", "少") and not compared:
            return Measure.LEVEL
        return Measure.CHANGE_PCT
    if unit.kind is UnitKind.SCORE:
        # 提高0.5分 changes a score (a score is never a count of new things); 提高至6.6分 is
        # the new level (no verb right before the number)
        if word in ("多", "少") and not compared:
            return Measure.LEVEL
        return Measure.CHANGE_ABS
    cut_with_object = verb.re is _CUT_WITH_OBJECT  # 减时间278个工作日: 减 with what it cuts
    if word in ("增", "多", "少", "降", "减") and not compared and not cut_with_object:
        return Measure.LEVEL  # 新增市场主体, 增至
    if compared or word in _ABSOLUTE_CHANGES or cut_with_object:
        verb_start = max(0, start - _CHANGE_WINDOW) + verb.start()
        if text[verb_start - 1 : verb_start] == "新":  # 新增加: a level of new things
            return Measure.LEVEL
        return Measure.CHANGE_ABS
    return Measure.LEVEL


def _is_decrease(text: str, start: int) -> bool:
    verb = _change_verb(text, start)
    return verb is not None and verb.group("verb") in _DECREASE
