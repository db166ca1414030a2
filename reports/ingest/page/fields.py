"""Metadata lines of a page → key/value pairs → the values a Page keeps.

Sites print the same facts in several shapes: table rows ('索引号 | 640302009/2024-00011 | 文号 |
| 生成日期 | 2024-02-28'), inline runs ('发布时间 :2023-03-01 11:04:00 阅读:'), tab-separated
rows copied from tables, and a key alone on a line with its value on the next.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date

Fields = tuple[tuple[str, str], ...]

# Metadata keys as sites write them, mapped to what we keep. None: recognised, not kept.
_KEYS: dict[str, str | None] = {
    "索引号": "index", "信息索引号": "index", "索取号": "index", "索引": "index",
    "发布机构": "publisher", "发文机关": "publisher", "发布单位": "publisher", "发文单位": "publisher",
    "来源单位": "publisher", "文章来源": "source", "信息来源": "source", "来源": "source",
    "发布日期": "published", "发布时间": "published", "生成日期": "published", "公开日期": "published",
    "日期": "published", "时间": "published", "发文日期": "published", "更新时间": "updated",
    "信息时间": "published", "信息提供日期": "published",
    "成文日期": None, "成文时间": None,
    "来源网址": "url", "原文链接": "url", "原文地址": "url", "本文链接": "url", "原文网址": "url",
    "标题": "title", "文号": None, "发文字号": None, "主题分类": None, "内容分类": None,
    "体裁分类": None, "组配分类": None, "服务对象": None, "公开方式": None, "公开范围": None,
    "公开时限": None, "责任部门": None, "有效性": None, "发布人": None, "作者": None, "编辑": None,
    "责任编辑": None, "审核": None, "校对": None, "阅读": None, "阅读次数": None, "阅读量": None,
    "浏览次数": None, "浏览量": None, "访问量": None, "访问次数": None, "点击数": None, "点击量": None,
    "点击率": None,
    "字号": None, "主题词": None, "关键词": None, "分享到": None, "时效": None,
    # a table row summing the report up before the page gives it ('内容概述 | 2022年,连云区…')
    "内容概述": None, "内容摘要": None,
}  # fmt: skip
# Keys common enough in report prose or report tables that they alone do not make a metadata line.
_WEAK_KEYS = frozenset({"日期", "时间", "来源", "标题", "作者", "编辑", "审核", "阅读", "索引", "关键词"})

_KEY_ALTERNATION = "|".join(r"\s?".join(map(re.escape, key)) for key in sorted(_KEYS, key=len, reverse=True))
# Keys no prose word ends in, read even glued to the value before them ('信息来源:威海市司法局
# 发布日期:2023-02-28 16:31访问次数:'): the value before would hold the rest of the line.
_GLUED_KEYS = "发布日期|发布时间|发文日期|成文日期|成文时间|信息来源|文章来源|访问次数|浏览次数"
# An inline key: at the start of the line or after a separator, followed by a colon.
_INLINE_KEY = re.compile(rf"(?:(?<![^\s|【\[(（])|(?=(?:{_GLUED_KEYS})\s*[:：]))({_KEY_ALTERNATION})\s*[:：]")
LONE_KEY = re.compile(rf"({_KEY_ALTERNATION})\s*[:：]?")
# A key standing as a word of its own, apart from what follows by spaces alone (组配分类 计划总结).
_SPACED_KEY = re.compile(rf"(?<!\S)({_KEY_ALTERNATION})(?!\S)")
# Full-width forms are written as escapes so that no tool can fold them into ASCII.
SENTENCE_END = ("。", "!", "\uff01", "?", "\uff1f", ";", "\uff1b")


def _canonical_key(text: str) -> str | None:
    """The _KEYS entry a cell or key match spells, spaces and colons ignored."""
    key = re.sub(r"[\s:：]", "", text)
    return key if key in _KEYS else None


def fields_of(text: str) -> Fields | None:
    """The (key, value) pairs of a metadata line, or None when the line is not one."""
    if len(text) > 300 or text.endswith(SENTENCE_END):
        return None
    if "|" in text or "\t" in text:
        cells = [cell.strip() for cell in re.split(r"[|\t]", text)]
        pairs: list[tuple[str, str]] = []
        i = 0
        while i < len(cells):
            key = _canonical_key(cells[i])
            if key is None and (inline := _inline_fields(cells[i])):
                pairs.extend(inline)  # a cell written 'key:value'
            elif key is not None:
                following = cells[i + 1] if i + 1 < len(cells) else ""
                if following and _canonical_key(following) is None and not _INLINE_KEY.match(following):
                    pairs.append((key, following))
                    i += 1
                else:
                    pairs.append((key, ""))
            i += 1
        if any(key not in _WEAK_KEYS for key, _ in pairs):
            return tuple(pairs)
        return None

    inline = _inline_fields(text) or _spaced_fields(text)
    if not inline:
        if (key := _canonical_key(text)) is not None and key not in _WEAK_KEYS and LONE_KEY.fullmatch(text):
            return ((key, ""),)
        return None
    first_key = inline[0][0]
    if first_key in _WEAK_KEYS and len(inline) == 1 and len(text) > 80:
        return None
    return inline


def _spaced_fields(text: str) -> list[tuple[str, str]]:
    """'组配分类 计划总结 发布机构 双屿街道' → pairs: keys and values apart by spaces alone, the line
    starting with a key that is no common word; empty for any other line."""
    keys = list(_SPACED_KEY.finditer(text))
    if (
        not keys
        or keys[0].start() != 0
        or _canonical_key(keys[0].group()) in _WEAK_KEYS
        or len(text.split()) < 2
    ):
        return []
    return [
        (
            _canonical_key(key.group()) or "",
            text[key.end() : following.start() if following else len(text)].strip(),
        )
        for key, following in zip(keys, [*keys[1:], None], strict=True)
    ]


def _inline_fields(text: str) -> list[tuple[str, str]]:
    """'发布时间:2023-03-01 来源:本网' → pairs; empty unless the line starts with a key, or with a
    dateline before one ('中国东莞政府门户网站  2025-01-24 11:48:24  来源: 东莞市司法局')."""
    stripped = text.lstrip("【[(（ •·-")  # a bullet before a list's fields too ('• 发布日期: …')
    offset = len(text) - len(stripped)
    dateline = _DATELINE.match(stripped)
    offset += dateline.end()
    matches = list(_INLINE_KEY.finditer(text))
    if not matches or matches[0].start() != offset:
        return []
    pairs = [("发布时间", dateline.group("day"))] if dateline.group("day") else []
    for match, following in zip(matches, [*matches[1:], None], strict=True):
        end = following.start() if following is not None else len(text)
        value = _without_closing_bracket(text[match.end() : end].strip(" \t\u00a0\u3000|"))
        key = _canonical_key(match.group(1))
        if key is not None:
            pairs.append((key, value))
    return pairs


def _without_closing_bracket(value: str) -> str:
    """A value without the bracket that closed its field ('【来源:本网】'); one closing a bracket
    of its own stays ('来源:县藏语委办(编译局)')."""
    while value:
        folded = value.replace("\uff08", "(").replace("\uff09", ")")
        opening = _OPENING_BRACKETS.get(folded[-1])
        if opening is None or folded.count(opening) >= folded.count(folded[-1]):
            break
        value = value[:-1].rstrip()
    return value


_OPENING_BRACKETS = {"】": "【", "]": "[", ")": "("}  # by the closing one (full-width folded)


# A dateline's site name (or its address) and day, apart from the keys after them by spaces: a
# line of page fields ('www.panzhihua.gov.cn 发布时间:2025-03-17 来源:…').
_DATELINE = re.compile(
    r"(?:(?:[\u4e00-\u9fff]{2,24}(?:网|网站|门户网站|政务网)|(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.cn)\s+)?"
    r"(?:(?P<day>(?:19|20)\d{2}[-/.年]\d{1,2}[-/.月]\d{1,2}日?(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s+)?"
)


def looks_like_value(text: str) -> bool:
    return len(text) <= 60 and fields_of(text) is None and not text.endswith(SENTENCE_END)


def collect_fields(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """First non-empty value per kept key ('index', 'publisher', 'published' …), in page order."""
    found: dict[str, str] = {}
    for key, value in pairs:
        target = _KEYS[key]
        if target is not None and value and target not in found:
            found[target] = value
    return found


# Where a publisher's name ends: the next field apart by spaces or a bar, or a page button after
# it ('海口市司法局 打印', '【字体:   打印' where the source was left empty).
_PUBLISHER_END = re.compile(
    r"\s{2,}|\s[|｜]|\s*[【\[]|(?:^|\s+)(?:打印|关闭|分享|收藏|字号|字体)"
    # the page's next field glued on or a space away, without a colon it would be read by
    # (区司法局字体大小:, 观澜街道办日期:2026年01月19日, 杨行镇 发布时间 2026-01-26, 湖北局 点击次数:),
    # or the day itself (岳阳市司法局2023-03-10 11:29)
    r"|\s*(?:(?:发布|发文|更新|成文)?(?:时间|日期)|(?:浏览|阅读|点击|访问)(?:次数|人数|人次|量)?|(?:字体|字号)(?:大小)?|统一编号)"
    r"(?=\s|[:：]|\d|$)|\s*(?:19|20)\d{2}\s*[-/.年]\s*\d"
)
# What a publisher field holds that names no publisher: the site itself (本网), the report's
# title, a gambling site that copied the page (皇冠体育投注-在线app官网).
_NO_PUBLISHER = re.compile(
    r"^(?:本网|本站|原创)|法治政府建设.*(?:报告|情况|工作)$|投注|彩票|博彩|棋牌|官网|app", re.I
)
# A content system's user signs some pages (辽宁省体育局管理员): its organ, if it names one.
_SITE_USER = re.compile(r"管理员$")


def publisher_of(fields: dict[str, str]) -> str | None:
    for key in ("publisher", "source"):
        value = fields.get(key)
        if value:
            name = _without_closing_bracket(_PUBLISHER_END.split(value)[0].strip())
            if _SITE_USER.search(name):
                name = _SITE_USER.sub("", name) if len(name) > len("管理员") + 2 else ""  # not 地区管理员
            if re.search(r"[\u4e00-\u9fff]", name) and not _NO_PUBLISHER.search(name):
                return name
    return None


_DATE = re.compile(r"((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def parse_date(text: str) -> date | None:
    """First date in Arabic digits ('2023-03-01 11:04', '2024/2/28', '2024年1月23日'), else None."""
    match = _DATE.search(unicodedata.normalize("NFKC", text))
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def first_date(*values: str | None) -> date | None:
    for value in values:
        if value and (parsed := parse_date(value)) is not None:
            return parsed
    return None


_INDEX_TOKEN = re.compile(r"[0-9A-Za-z][0-9A-Za-z/\-_.—－]*")


def index_number_of(value: str | None) -> str | None:
    if not value:
        return None
    match = _INDEX_TOKEN.search(unicodedata.normalize("NFKC", value))
    return match.group(0) if match and any(ch.isdigit() for ch in match.group(0)) else None


_URL = re.compile(r"https?://[^\s\"'<>|，。]+")


def first_url(*values: str | None) -> str | None:
    for value in values:
        if value and (match := _URL.search(value)):
            return match.group(0)
    return None


# The day a page was filed, as content systems write it into the address: …/t20240315_123.html
# (TRS sites), …/20240315/ab12.html, …/art/2024/3/15/art_1229_1.html (Hanweb sites of Zhejiang,
# Jiangsu, Shandong), …/2024-03/15/content_1.htm, …/2024/03-25/3036201.html. Of the 62 held-out
# pages with the separated forms that also state a date, 59 agree within 3 days, 3 are later.
_DATE_IN_ADDRESS = re.compile(
    r"(?:/t|/)(20\d{2})(\d{2})(\d{2})(?=[_/])|/(20\d{2})[-/](\d{1,2})[-/](\d{1,2})(?=/)"
)


def date_in_address(url: str) -> date | None:
    """The publication day a government page's address states, or None (no day, or no valid one)."""
    match = _DATE_IN_ADDRESS.search(url)
    if match is None:
        return None
    try:
        return date(*(int(part) for part in match.groups() if part is not None))
    except ValueError:
        return None
