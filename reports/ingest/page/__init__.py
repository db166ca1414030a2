"""A saved web page (HTML or its text) → the report's own text, its title and the page's metadata.

Government sites wrap a report in breadcrumbs, site names, a metadata table (索引号, 发布机构,
发布日期 …), share buttons and footers. This package tells those apart from the report, keeps
the facts they carry (publisher, publication date, index number, address) and returns the
report text from the line after the title to the signature. It only trims whitespace: the text
is stored as written, so that character offsets computed on it later stay meaningful.

``html`` turns an HTML page into lines, ``furniture`` says what each line is, ``fields`` reads
the metadata lines; this module finds the title and where the report begins and ends.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import takewhile

from ..characters import readable
from ..wrapping import hard_wrapped, reflow
from .fields import (
    SENTENCE_END,
    collect_fields,
    first_date,
    first_url,
    index_number_of,
    parse_date,
    publisher_of,
)
from .furniture import CRUMB_ARROWS, HEADING_START, Kind, Line, classify, clean_line
from .html import DOCUMENT_NAME, HtmlHead, html_lines

__all__ = ["DOCUMENT_NAME", "Page", "extract_page", "parse_date"]


@dataclass(frozen=True)
class Page:
    """The report as separated from its page, plus what the page says about it."""

    text: str
    title: str | None = None
    publisher: str | None = None
    published_on: date | None = None
    index_number: str | None = None
    source_url: str | None = None
    # The documents an HTML page links to: where a page without the report's text has it.
    attachments: tuple[str, ...] = ()


def extract_page(raw: str, *, is_html: bool) -> Page:
    """Separate the report from its page furniture and collect the page's metadata."""
    head = HtmlHead()
    if is_html:
        raw_lines, head = html_lines(raw)
        raw_lines = [readable(line) for line in raw_lines]
    else:
        raw_lines = readable(raw).split("\n")
    # Copied out of a PDF into a text file or a site's editor: a line (or <p>, or <br>) per
    # printed line.
    if hard_wrapped(raw_lines):
        raw_lines = reflow(raw_lines)
    cleaned_lines = [cleaned for line in raw_lines if (cleaned := clean_line(line))]
    lines = classify([part for line in cleaned_lines for part in _split_run_on_title(line)])

    fields = collect_fields(pair for line in lines for pair in line.fields)
    title_at, title = _find_title(lines)
    start = _body_start(lines, title_at, title)
    body = _body_lines(lines, start)

    return Page(
        text="\n".join(body),
        title=_unquoted(title or fields.get("title") or head.title),
        publisher=publisher_of(fields) or head.publisher,
        # A page's update time stands in for the publication date only when it states none.
        published_on=first_date(fields.get("published"), head.published, fields.get("updated")),
        index_number=index_number_of(fields.get("index")),
        source_url=first_url(fields.get("url"), head.url),
        attachments=head.attachments,
    )


# ---------------------------------------------------------------------------------------------
# Title and body

_YEAR = re.compile(r"(?:19|20)\d{2}|[一二〇○零]{4}")
# A title's first line broken after its year: '南京市人民政府关于2020年度'.
_ENDS_WITH_ITS_YEAR = re.compile(r"(?:19|20)\d{2}\s*年度?$")
_ISSUER_END = re.compile(
    r"(?:人民政府|政府|局|委员会|委|办公室|办|厅|中心|院|署|所|队|支队|大队|处|室|会|"
    r"省|自治区|市|自治州|州|盟|地区|区|县|自治县|旗|新区|镇|乡|街道|苏木)$"
)
_PARAGRAPH_PUNCTUATION = ("。", ",", "\uff0c", ";", "\uff1b", ":", "\uff1a")
_SUBJECT_START = re.compile(r"关于|法治|依法")
_TITLE_SEARCH_LINES = 60
_TRAIL = re.compile(rf"[{CRUMB_ARROWS}][^{CRUMB_ARROWS}]+[{CRUMB_ARROWS}]")  # two steps or more
_YEAR_NOTE = re.compile(r"[(\uff08]\s*(?:19|20)\d{2}\s*年度?\s*[)\uff09]")


# What a scraped page leaves around a title: table cells (| 标题: | … | |), a field label
# (名 称:), a list bullet (• …).
_TITLE_WRAPPING = " \t|｜•·●◆■▪-"
_TITLE_LABEL = re.compile(r"^(?:(?:文章|信息)?标\s*题|(?:信息)?名\s*称|题\s*目)\s*[:：]")
# Any other field label ('体 裁: 报告', '发布机构:'): a metadata line, not the title.
_FIELD_LABEL = re.compile(r"^[\s|｜•·●◆■▪-]*[\u4e00-\u9fff][\u4e00-\u9fff\s]{0,12}[:：]")
# A further field after the title on its line: '本溪市2022年…报告 主题分类: 通知公告'.
_NEXT_FIELD = re.compile(r"\s+[\u4e00-\u9fff]{2,6}[:：].*$")


# A page copied with its line breaks lost: the title, a space, then the report on one line
# ('開平市衛生健康局2021年法治政府建設年度報告 在市委、市政府的正確領導下,…').
_RUN_ON_TITLE = re.compile(r"(\S{4,60}?(?:报告|報告|总结|總結))[ \u3000]+(?=\S.{100})")


def _split_run_on_title(line: str) -> list[str]:
    """``line``, or its title and the rest when a title runs on into the report's text."""
    match = _RUN_ON_TITLE.match(line)
    if match is None or not _is_title_like(match.group(1)):
        return [line]
    return [match.group(1), line[match.end() :]]


def _is_other_field(text: str) -> bool:
    return bool(_FIELD_LABEL.match(text)) and not _TITLE_LABEL.match(text.lstrip(_TITLE_WRAPPING))


def _is_title_like(text: str) -> bool:
    if not 4 <= len(text) <= 100 or text.endswith(SENTENCE_END) or HEADING_START.match(text):
        return False
    if "。" in text or "如下" in text or text.endswith((":", "\uff1a")):
        return False  # '现将…情况报告如下:' opens the report, it does not title it
    if "," in text or "\uff0c" in text:
        return False  # '为加强法治组织架构,海城镇在2024年…': a sentence
    if "报告" in text or "总结" in text:
        return True
    # A heading such as '法治政府建设' alone is a site column, not a report title.
    return bool(_YEAR.search(text)) and any(word in text for word in ("法治", "依法行政", "依法治"))


def _names_issuer(title: str) -> bool:
    """Whether a title names who reports before its year or its subject (not a column heading)."""
    cut = len(title)
    for pattern in (_YEAR, _SUBJECT_START):
        match = pattern.search(title)
        if match:
            cut = min(cut, match.start())
    prefix = title[:cut].strip(" ,\uff0c、")
    return bool(prefix) and prefix != "关于" and bool(_ISSUER_END.search(prefix))


def _is_issuer_line(line: Line) -> bool:
    """A line naming an organ and nothing else ('郑州航空港经济综合实验区管委会')."""
    text = line.text
    return (
        line.kind == Kind.TEXT
        and 4 <= len(text) <= 40
        and bool(_ISSUER_END.search(text))
        and not any(mark in text for mark in (*_PARAGRAPH_PUNCTUATION, ":", "\uff1a", "报告"))
        and not _YEAR.search(text)
    )


def _is_body_like(line: Line) -> bool:
    """The opening paragraph or a numbered heading: where the report proper has begun."""
    text = line.text
    # '现将…情况报告如下:', '…报告如下。': the sentence that opens the report, however short.
    if HEADING_START.match(text) or ("如下" in text and text.endswith((":", "\uff1a", "。"))):
        return True
    return len(text) >= 40 and any(mark in text for mark in _PARAGRAPH_PUNCTUATION)


def _find_title(lines: list[Line]) -> tuple[int | None, str | None]:
    """Index of the (last) title line and the title; two-line titles are joined.

    The title is looked for above the first paragraph-like line, or further down when nothing
    title-like has been seen yet (a long site slogan may stand above the title).
    """
    candidates: list[int] = []
    for i, line in enumerate(lines[:_TITLE_SEARCH_LINES]):
        if line.kind == Kind.TEXT and _is_body_like(line) and candidates:
            break
        if line.kind == Kind.TEXT and (_TRAIL.search(line.text) or _is_other_field(line.text)):
            continue  # '您现在所在的位置 : 首页 > … > 2025年', '体 裁: 报告': furniture the rules missed
        if line.kind in (Kind.TEXT, Kind.CRUMB) and _is_title_like(line.text):
            candidates.append(i)
    if not candidates:
        return None, None

    def rank(i: int) -> tuple[bool, bool, int]:
        # Visible text over breadcrumbs, a title naming its issuer over a column heading,
        # then the one nearest the report.
        return (lines[i].kind == Kind.TEXT, _names_issuer(lines[i].text), i)

    best = max(candidates, key=rank)
    if lines[best].kind == Kind.CRUMB:
        # The trail's last step may be the title; a column name ('2023年法治政府建设年度报告') is
        # not, nor an organ's name alone ('…>区级有关单位>区林业局': the column of its reports).
        last_step = re.split(rf"[{CRUMB_ARROWS}]", lines[best].text)[-1].strip()
        is_title = _names_issuer(last_step) and _is_title_like(last_step)
        return (best, last_step) if is_title else (None, None)
    title = lines[best].text
    top = best  # the title's first line
    previous = lines[best - 1] if best > 0 else None
    if (
        previous is not None
        and previous.kind == Kind.TEXT
        and len(previous.text) <= 40
        and not any(mark in previous.text for mark in (*_PARAGRAPH_PUNCTUATION, "报告"))
        and (
            previous.text.endswith("关于")
            or (
                not _names_issuer(title)
                and (
                    _ISSUER_END.search(previous.text)
                    or _is_title_like(previous.text)
                    or _ENDS_WITH_ITS_YEAR.search(previous.text)
                )
            )
        )
    ):
        # '重庆市潼南区城市管理局' + '关于2023年法治政府建设情况的报告'; '南京市人民政府关于2020年度'
        # + '法治政府建设情况的报告'; '万宁市人民政府关于' + '报送万宁市2020年法治政府' (a title line
        # that reads as if it named an issuer, 报送万宁市…, continues one ending in 关于)
        title = previous.text + title
        top -= 1
    if title.startswith("关于"):
        # A red-header document: its issuers stand on the lines above '关于…的报告'
        # ('中共郑州航空港经济综合实验区工作委员会' / '郑州航空港经济综合实验区管委会').
        issuers = list(takewhile(_is_issuer_line, reversed(lines[max(0, top - 2) : top])))
        title = " ".join([line.text for line in reversed(issuers)] + [title])
    end = best

    def following() -> str | None:
        after = lines[end + 1] if end + 1 < len(lines) else None
        return after.text if after is not None and after.kind == Kind.TEXT else None

    if (tail := following()) is not None and _continues_title(title, tail):
        # '武昌区关于2024年推进法治政府' + '建设工作情况的报告', '…法治政府建设' + '报 告'
        title, end = title.rstrip() + re.sub(r"\s+", "", tail), end + 1
    if (note := following()) is not None and _YEAR_NOTE.fullmatch(note):
        # '…法治政府建设工作报告' + '(2023年度)'
        title, end = title + note, end + 1
    return end, _SPACED_REPORT_WORD.sub(lambda word: "".join(filter(None, word.groups())), title)


# A title's last word set apart: '…工作情况 报 告'.
_SPACED_REPORT_WORD = re.compile(r"\s*([报報])\s+(告)$|\s*([总總])\s+([结結])$")
# The last words of a title the page broke over two lines: '建设工作情况的报告', '年度报告', '报 告'
# (a line of its own, naming no issuer or year).
_TITLE_TAIL = re.compile(r"[^\d。,，;；:：、()（）]{0,12}(?:报\s*告|報\s*告|总\s*结|總\s*結)")
_TITLE_END = re.compile(r"(?:报告|報告|总结|總結)$")
# A title cut after a conjunction: '2022年度法治政府建设工作报告和' + '2023年工作思路'.
_TITLE_CONJUNCTION = ("和", "及", "与", "與", "暨")


def _continues_title(title: str, line: str) -> bool:
    """Whether ``line``, under ``title``, holds the words that end the title."""
    title = title.rstrip()
    if title.endswith(_TITLE_CONJUNCTION):
        return (
            len(line) <= 20
            and not HEADING_START.match(line)
            and not any(mark in line for mark in (*_PARAGRAPH_PUNCTUATION, *SENTENCE_END))
        )
    return (
        not _TITLE_END.search(title)
        and bool(_TITLE_TAIL.fullmatch(line))
        and not _YEAR.search(line)
        # '法治政府建设年度报告' under a whole title is a heading of its own, not its last words.
        and not ("法治" in line and "法治" in title)
    )


_QUOTES = {"《": "》", "“": "”", "「": "」", '"': '"'}


# A column tag sites put before a title: '【法治建设报告】湖北省司法厅2022年…'.
_COLUMN_TAG = re.compile(r"^[【\[][^】\]]{1,12}[】\]]\s*")


# The day a page prints after the title on its line: '…工作报告 2024-12-12', '…报告 ( 2021年02月10日 )'.
_TRAILING_DATE = re.compile(
    r"(?:\s+|\s*(?=[(\uff08]))[(\uff08]?\s*(?:19|20)\d{2}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*[)\uff09]?$"
)

# The document number a page prints after the title: '…工作報告(潭縣自然資字〔2025〕79號)'.
_TRAILING_DOCUMENT_NUMBER = re.compile(
    r"\s*[(\uff08][^()\uff08\uff09]{0,20}[〔\[［](?:19|20)\d{2}[〕\]］]\s*\d+\s*[号號][)\uff09]$"
)
# A title label a table row spells with spaces for its colon, maybe after an empty field:
# '标  题 河南省人民政府关于…', '成文日期   标 题  沙依巴克区人民政府…'.
_SPACED_TITLE_LABEL = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,6}\s+)?(?:(?:文章|信息)?标\s*题|(?:信息)?名\s*称|题\s*目)\s+(?=\S)"
)


def _unquoted(title: str | None) -> str | None:
    """'《XX局2023年法治政府建设情况报告》' → the title without its quotation marks or column tag,
    or what a page's table or list put around it."""
    if title:
        title = _TITLE_LABEL.sub("", title.strip(_TITLE_WRAPPING)).strip(_TITLE_WRAPPING) or title
        title = _NEXT_FIELD.sub("", title).strip(_TITLE_WRAPPING) or title
        title = _COLUMN_TAG.sub("", title) or title
        title = _TRAILING_DATE.sub("", title) or title
        title = _TRAILING_DOCUMENT_NUMBER.sub("", title) or title
        # '标题 | …' in a table row: the label's cell bar goes with it
        title = _SPACED_TITLE_LABEL.sub("", title).strip(_TITLE_WRAPPING) or title
    if title and len(title) > 2 and _QUOTES.get(title[0]) == title[-1]:
        return title[1:-1].strip()
    return title


def _body_start(lines: list[Line], title_at: int | None, title: str | None = None) -> int:
    begin = title_at + 1 if title_at is not None else 0
    texts = [i for i in range(begin, len(lines)) if lines[i].kind == Kind.TEXT]
    if not texts:
        return len(lines)
    first_paragraph = next((i for i in texts if _is_body_like(lines[i])), None)
    if first_paragraph is None:
        return texts[0]
    if title_at is None:
        return first_paragraph
    # Short lines between the title and the first paragraph (a salutation, a dateline) belong
    # to the report unless page furniture stands between them and the paragraph.
    barrier = max(
        (i for i in range(begin, first_paragraph) if lines[i].kind in _ENDS_REPORT), default=begin - 1
    )
    start = next(i for i in texts if i > barrier)
    # The report's own heading printed again under the page's title, maybe over several lines
    # ('津南区人民政府关于' + '2024年法治政府建设情况报告') or worded a little otherwise: not
    # the report's text.
    while (
        start < first_paragraph
        and lines[start].kind == Kind.TEXT
        and _repeats_title(lines[start].text, title)
    ):
        start = next(i for i in texts if i > start)
    return start


def _repeats_title(text: str, title: str | None) -> bool:
    """Whether a line above the report's opening is (part of) its title, or a title of its own."""
    words = re.sub(r"\s+", "", text)
    return _is_title_like(text) or (len(words) >= 3 and words in re.sub(r"\s+", "", title or ""))


_ENDS_REPORT = frozenset({Kind.META, Kind.CHROME, Kind.CRUMB, Kind.SITE})


def _body_lines(lines: list[Line], start: int) -> list[str]:
    body: list[Line] = []
    for line in lines[start:]:
        if line.kind in _ENDS_REPORT:
            break
        if line.kind != Kind.SEPARATOR:
            body.append(line)
    while body and body[-1].kind == Kind.NAV_WORD:
        body.pop()
    return [line.text for line in body]
