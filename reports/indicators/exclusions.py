"""Numbers that are not quantities: years, dates, document numbers, headings, names, phone lines.

``protected_spans`` marks the stretches of a report where a digit is part of a name or a
reference rather than a count: quoted names (“八五”普法, “1+37+8”), titles in 《》, plan formulas
(1+5+N), document numbers (〔2023〕5号), dates and year ranges, times of day, dotted numbers
(3.19, 2.0.1), heading numbers, ordinals (第十条, 第三批), plenary sessions (四次全会), places
named with a numeral (三元区, 三台县), policies named by their articles (营商环境一百条), concepts
(两件大事, 15分钟政务服务圈), fixed political phrases (两个维护, 四套班子) and page furniture
saying when a page was posted (157天前).
``is_hotline`` recognises service numbers (12345, 12348, 96110) for unit-less numbers.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache

from reports.regions.table import read_divisions

CN = "〇零一二两三四五六七八九十百千"

# Fixed phrases whose numeral is part of a name, not a count, even when a counter follows.
FIXED_PHRASES: tuple[str, ...] = (
    "两个确立",
    "两个维护",
    "四个意识",
    "四个自信",
    "四个全面",
    "五位一体",
    "三项制度",
    "三个一律",
    "三位一体",
    "三重一大",
    "三会一课",
    "两学一做",
    "一岗双责",
    "一条龙",
    "一对一",
    "两面人",
    "四面八方",
    "两个率先",
    "一件事",
    "一次办",
    "一网通办",
    "一网统管",
    "一站式",
    "一张网",
    "一把手",
    "四套班子",
    "四套领导班子",
    "四家班子",
    "四大班子",
    "一体化",
    "一系列",
    "一批",
    "一些",
    "两个责任",
    "两个健全",
    "三个作用",
    "三个规定",
    "三张清单",
    "四个清单",
    "四个亲自",  # 亲自部署、亲自推动… of the first-responsibility rules
    "两个免予",  # 免予提交 paper and certificates
    "四下基层",
    "五个一",
    "八五普法",
    "七五普法",
    "六五普法",
    "九五普法",
    "八项规定",
    "最后一公里",
    "最后一米",
)

# A quoted name is short and has no sentence punctuation; longer "quotes" are unbalanced marks.
_QUOTED = re.compile(r"“[^“”,。;!?\n]{1,30}”|\"[^\",。;!?\n]{1,30}\"|「[^「」\n]{1,30}」|‘[^‘’\n]{1,30}’")
_TITLE = re.compile(r"《[^《》\n]{1,120}》|〈[^〈〉\n]{1,80}〉")
_PLAN_FORMULA = re.compile(rf"[\dA-Za-z{CN}]+(?:\s*[++]\s*[\dA-Za-z{CN}]+)+")
# An index or serial number in a page's metadata table (索引号 …3003249717J/202203-00068)
_SERIAL = re.compile(r"\d{4,}-0\d{2,}")  # a range (30000-40000分) has no leading zero
_DOC_NUMBER = re.compile(r"[〔\[(【]\s*(?:19|20)\d{2}\s*[〕\])】]\s*第?\s*\d+\s*号|\d+\s*号文?")
_YEAR_RANGE = re.compile(r"(?:19|20)\d{2}\s*(?:年\s*)?(?:[\-—–~]|~|至|到){1,2}\s*(?:19|20)\d{2}\s*年?")
_DATE = re.compile(
    r"(?:19|20)\d{2}\s*年(?:度|版|底|初|末|以来)?(?:\s*\d{1,2}\s*月(?:份|底|初|中旬|下旬|上旬)?)?(?:\s*\d{1,2}\s*[日号])?"
    r"|\d{1,2}\s*月(?:份|底|初|中旬|下旬|上旬)?(?:\s*\d{1,2}\s*[日号])?"
    r"|(?:19|20)\d{2}[./-]\d{1,2}(?:[./-]\d{1,2})?"
    # a page's month and day, zero-padded (04-21): a range is never written 04-21次
    r"|(?<![\d.])0[1-9]-(?:0[1-9]|[12]\d|3[01])(?!\d)"
    rf"|[{CN}]{{2,4}}年[{CN}]{{1,2}}月(?:[{CN}]{{1,3}}日)?"
)
_TIME_OF_DAY = re.compile(r"\d{1,2}\s*[::]\s*\d{2}(?:\s*[::]\s*\d{2})?|\d{1,2}\s*时\s*\d{1,2}\s*分")
_DOTTED = re.compile(r"\d+(?:\.\d+){2,}|[Vv]\d+(?:\.\d+)*")
# A count in words opening a heading is its slogan, not a quantity: (一)三个保障到位.
_HEADING = re.compile(
    rf"(?m)^[ \t\u3000]*(?:第[{CN}\d]+[部章节条]分?|[{CN}]+[、.]|[((][{CN}\d]+[))]"
    rf"|\d+(?:\.\d+)*[、.](?!\d)|[①-⑳])(?:[{CN}]+[个项大条种](?=[\u4e00-\u9fff]))?"
)
# The numbers listed after one 第 are ordinals too (市政府第34次、40次、41次常务会议).
_ORDINAL = re.compile(rf"第\s*[\d{CN}]+(?:\s*[次届期批]\s*[、和]\s*[\d{CN}]+)*")
# Party plenary sessions and congresses are names: 六届二次全会, 十三届四次全体会议, 省七次党代会;
# so is a numbered session of a term (市委十二届36次常委会, 八届人大三次会议).
_PLENARY = re.compile(
    rf"[\d{CN}]+次(?:[、和][\d{CN}]+次)*(?:全会|全体会议|党代会)|届(?:人大|人民代表大会|政协)?\s*[\d{CN}]+\s*次"
)
# Aspects of a plan are not counts: 细化9个方面42项任务 states 42 tasks, not 9 things; nor
# are the fields a plan covers (在…等8个领域共建, 等 10 个领域), its dimensions, levels or sections
# (从6个维度, 三个层次, 4个板块), nor a report's parts (本报告包括…等十个部分).
_ASPECTS = re.compile(rf"[\d{CN}]+\s*个?\s*(?:方面|领域|维度|层次|层面|板块|部分)")
# A policy named by its number of articles closes the name: 优化营商环境一百条, 稳经济二十条 (a
# round Chinese numeral right after a noun, nothing after 条 but another name joined by 和/及/与);
# 共十条, 达三十条 would count.
_ARTICLES_NAME = re.compile(
    rf"(?<=[\u4e00-\u9fff])(?<![{CN}共计了达有为等各近约超和与及])[{CN}]*[十百]条"
    rf"(?=[和及与]|[^\u4e00-\u9fff\d]|$)"
)
# Concepts with a numeral: 两件大事, 十件民生实事 (a yearly programme's name), 15分钟政务服务圈 (a
# service radius, not a duration), 两位数增长 (a number's digits).
_CONCEPTS = re.compile(
    rf"[{CN}]{{1,3}}件(?:大事|要事|民生实事|实事)|[\d{CN}]+分钟[\u4e00-\u9fff]{{0,8}}?圈|[{CN}]位数"
)
# A cadence (两周一督查, 三年一评估): how often something is done, named by its period; a count of
# times per period (两周一次) still reads as written.
_CADENCE = re.compile(rf"[\d{CN}]+\s*(?:周|个?月|年|天|日)一(?![次回遍])[\u4e00-\u9fff]")
# Times relative to now: page furniture saying when a page was posted (157天前, 3小时前), and
# 上一周 (last week), 这一年 (this year).
_RELATIVE_TIME = re.compile(r"\d+\s*(?:天|小时|分钟|个月|年)前|[上下这]一(?:周|个月|年度?)")


@cache
def _numeral_place_names() -> re.Pattern[str]:
    """Places whose name starts with a numeral and a counter word: 三元区, 三台县, 七台河市."""
    names = {
        name
        for division in read_divisions()
        for name in (division.name, *division.former_names)
        if name and name[0] in CN
    }
    return re.compile("|".join(sorted(names, key=len, reverse=True)))


_HOTLINE = re.compile(r"(?:12\d{3}|96\d{3,4}|1[12]0|119|120|122)")


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Sorted, merged (start, end) spans of ``text`` in which numbers are not quantities."""
    spans: list[tuple[int, int]] = []
    for pattern in (
        _QUOTED,
        _TITLE,
        _PLAN_FORMULA,
        _DOC_NUMBER,
        _SERIAL,
        _YEAR_RANGE,
        _DATE,
        _TIME_OF_DAY,
        _DOTTED,
        _HEADING,
        _ORDINAL,
        _PLENARY,
        _ASPECTS,
        _ARTICLES_NAME,
        _CONCEPTS,
        _RELATIVE_TIME,
        _CADENCE,
        _numeral_place_names(),
    ):
        spans.extend(m.span() for m in pattern.finditer(text) if _has_numeral(m.group()))
    for phrase in FIXED_PHRASES:
        start = text.find(phrase)
        while start != -1:
            spans.append((start, start + len(phrase)))
            start = text.find(phrase, start + 1)
    return _merge(spans)


def name_spans(text: str) -> list[tuple[int, int]]:
    """Spans of quoted names and titles (“日常学法、年度考法、年终述法”, 《…述法清单》), numerals
    or not: the words inside name something, they are not the subject of the sentence."""
    return _merge([m.span() for pattern in (_QUOTED, _TITLE) for m in pattern.finditer(text)])


class SpanIndex:
    """Answers 'is this offset inside a protected span?' quickly."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self._spans = spans
        self._starts = [s for s, _ in spans]

    def covers(self, position: int) -> bool:
        i = bisect_right(self._starts, position) - 1
        return i >= 0 and self._spans[i][0] <= position < self._spans[i][1]


def is_hotline(digits: str) -> bool:
    """True for service phone numbers that reports name (12345, 12348, 96110, 110)."""
    return _HOTLINE.fullmatch(digits) is not None


def is_year_like(digits: str) -> bool:
    """True for a four-digit number that reads as a year (1949–2100)."""
    return digits.isdigit() and len(digits) == 4 and 1949 <= int(digits) <= 2100


def _has_numeral(text: str) -> bool:
    return any(c.isdigit() or c in CN for c in text)


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged
