"""Stable links to a figure: ``/reports/<id>/figures/<start>-<end>/`` names a figure by its report
and its offsets in the report text, which never change (a changed text is a new report), unlike
the ``#ind-<pk>`` anchors, which are renumbered by every re-extraction.

``figure_anchor`` resolves such a link to the fragment the report page has for it today: the
figure's own anchor when the page marks its sentence, else its section's anchor.
"""

from __future__ import annotations

from reports.indicators.display import mark_paragraphs
from reports.models import Report

from .params import CompareError


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
