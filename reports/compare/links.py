"""Stable links to a figure: ``/reports/<id>/figures/<start>-<end>/?at=<words>`` names a figure
by its report and its offsets in the report text, as the ``#ind-<start>-<end>`` anchors of the
report page do; ``at`` holds the figure as written with a few words before it
in its sentence (人大代表建议322件): a re-parse under newer reading rules may read the file into
another text (a title or page furniture no longer starting it), and the words then find the figure
at its new offsets, or the link says it cannot, rather than opening other words.

``figure_anchor`` resolves such a link to the fragment the report page has for it today: the
figure's own anchor when the page marks its sentence, else its section's anchor.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.urls import reverse

from reports.indicators.display import mark_paragraphs
from reports.models import IndicatorValue, Report

from .params import CompareError

# Words of the sentence before the figure that a link carries with it: enough to tell 322件 of
# 人大代表建议 from the other 322件 of a report, few enough to keep links short.
WORDS_BEFORE = 6


def figure_url(value: IndicatorValue) -> str:
    """The stable link to ``value``'s figure: its report, offsets and words (``at``)."""
    in_sentence = value.start - value.sentence_start
    words = value.sentence[max(0, in_sentence - WORDS_BEFORE) : value.end - value.sentence_start]
    link = reverse("reports:figure", args=[value.report_id, value.start, value.end])
    return f"{link}?{urlencode({'at': words})}"


def follow_words(report: Report, start: int, end: int, words: str) -> tuple[int, int]:
    """The offsets of the figure a link made at ``start``–``end`` with ``words`` names in the
    report's text today: the same when the words still end there, else where they are found
    once. A text that holds them nowhere or more than once is refused (404) saying so. Offsets
    spanning more than the words (never a link the site made) are kept, for the check to refuse."""
    if (
        start >= end
        or not words
        or end - start > len(words)
        or report.text[max(0, end - len(words)) : end] == words
    ):
        return start, end
    found = report.text.count(words)
    if found == 1:
        moved_end = report.text.index(words) + len(words)
        return moved_end - (end - start), moved_end
    where = "找不到这段文字" if found == 0 else f"这段文字出现了 {found} 次,无法确定是哪一处"
    raise CompareError(
        f"报告正文在这个数字链接生成之后已重新读取(解析规则更新),原位置 {start}-{end} 已不是链接所指的"
        f"“{words}”;现在的正文中{where}。请打开报告查找,或从比较页重新打开这个数字。",
        status=404,
    )


def check_offsets(report: Report, start: int, end: int) -> None:
    """Refuse (404, in Chinese) a figure link whose offsets cannot name text of the report:
    start not before end, or past the end of its text. Such a link was never made by the site."""
    if start >= end:
        raise CompareError(
            f"数字链接中的位置 {start}-{end} 无效:起始位置应小于结束位置。"
            f"请从报告页或比较页重新打开这个数字。",
            status=404,
        )
    if end > len(report.text):
        raise CompareError(
            f"数字链接中的位置 {start}-{end} 超出了报告正文的长度(共 {len(report.text)} 字),"
            f"报告中没有这个数字。",
            status=404,
        )


def figure_anchor(report: Report, start: int, end: int) -> str:
    """The report page's fragment for the figure at ``start``–``end`` ("" when there is none)."""
    value = report.indicator_values.shown().filter(start=start, end=end).order_by("pk").first()
    if value is None:
        # No figure read there now (staff took it out, or the report was read again): the
        # section that holds the words, not the top of a long report.
        section = report.sections.filter(start__lte=start, end__gt=start).order_by("-start").first()
        return section.anchor if section is not None else ""
    section = value.section
    if section is None:
        return ""
    # Placement depends on the section's other sentences, exactly as on the report page.
    values = list(report.indicator_values.shown().filter(section=section).order_by("start", "pk"))
    _, placed = mark_paragraphs(report.text, section.start, section.end, section.body, values)
    return value.anchor if value.pk in placed else section.anchor
