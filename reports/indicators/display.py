"""The report page's view of its indicators: the panel by catalogue group, and the section text with
each figure's sentence marked in place.

No queries here: the view passes the report text, its sections and its values. Marks are placed
by offsets into the ORIGINAL report text (never by searching for the sentence) and every piece
of text is HTML-escaped, so a ``<script>`` in a report stays text. A value whose sentence cannot
be marked (the section's offsets do not hold its heading or body) links to its section
instead, so no link on the panel ever points at nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from reports.indicators.figures import PREFIX_QUALIFIER_WORDS, STATED_CHANGE_WORDS
from reports.indicators.numbers import fold_width
from reports.indicators.tables import Tables
from reports.models import IndicatorValue, Section

UNMAPPED_GROUP = "未归类"
# Written before the number (近300件) or after the unit (50人以上); 余/多 go between (30余场次).
_PREFIX_QUALIFIERS = ("近", "约", "超过", "不足", "不少于", "不超过", "各")
_INNER_QUALIFIERS = ("余", "多")
_CHANGE_WORDS = {
    IndicatorValue.Measure.CHANGE_PCT: ("增长", "下降"),
    IndicatorValue.Measure.CHANGE_POINTS: ("提高", "下降"),
    IndicatorValue.Measure.CHANGE_ABS: ("增加", "减少"),
}
_CLAUSE_BREAKS = ",,;;::、。 \u3000"
_LEAD_LENGTH = 16
# Words that only join a name to its figure (件数为120件, 办结案件均增长367%, 满意率达98%).
_LINKING_WORDS = re.compile(r"(?:(?<!平)均|都|为|达到|达|是)$")  # 平均 is a word of the name
# Naming an unmapped value: the words of its clause before the figure and after it (what was
# counted: 312项改革任务), "…" standing for the figure itself, which the panel shows on its own;
# at most _NAME_LENGTH characters of words in all, of which at most _NAME_AFTER after the figure.
# The words after stop at the next figure (a digit) or at a verb that ends the noun
# (55个执法单位配备记录仪 -> 执法单位).
_NAME_LENGTH = 14
_NAME_AFTER = 10
_NAME_BEFORE_MIN = 4
_AFTER_STOPS = (
    "进行",
    "开展",
    "配备",
    "设置",
    "制定",
    "实现",
    "完成",
    "全覆盖",
    "全部",
    "均",
    "定期",
    "现场",
)
# Units a reader writes with 个 before them (30个工作日), stored without it.
_SHOWN_UNITS = {"百分点": "个百分点", "工作日": "个工作日", "月": "个月", "季度": "个季度"}  # 8个月, not 8月


# What a figure's scope is called on pages and in exports.
SCOPE_NAMES = {
    "jurisdiction": "全辖区",  # 全省, 全市, 全区, 全县…: whichever the reporting place is
    "organ": "本机关",
    "government": "本级政府",
    "all_levels": "各级合计",
}


@dataclass(frozen=True)
class PanelItem:
    name: str  # the catalogue name, or for an unmapped value its clause around it (组织…区级部门)
    value: str  # 近300件, 增长12.5%, 3至5个, 全覆盖(100%)
    href: str  # "#ind-120-124", or the section's anchor when the sentence could not be marked
    derived: bool
    mapped: bool
    key: str = ""  # the catalogue key ("" when unmapped)
    ranked: bool = False  # the report's value of the key is on its ranking (a link to it shows it)
    facet: str = ""  # which of its key's measures the figure states (下放), shown beside it
    facet_ranked: bool = False  # its facet's ranking holds the report: the 排名 link opens that
    definition: str = ""  # what the key counts (口径), shown when the name is pointed at
    start: int = 0  # the figure's offsets, for staff's 校正 link
    end: int = 0
    corrected: bool = False  # a staff correction applies to it
    scope: str = ""  # whose the figure is, as the sentence says (全辖区, 本机关…), shown beside it


@dataclass
class PanelGroup:
    name: str
    items: list[PanelItem] = field(default_factory=list)


@dataclass(frozen=True)
class MarkedSection:
    section: Section
    paragraphs: list[SafeString]
    heading_html: str = ""  # safe HTML of the heading with the figures it states marked; "" for none


@dataclass(frozen=True)
class ReportIndicators:
    sections: list[MarkedSection]
    groups: list[PanelGroup]
    count: int


def report_indicators(
    text: str, sections: Sequence[Section], values: Sequence[IndicatorValue]
) -> ReportIndicators:
    """Sections with marked paragraphs and the panel's groups, from rows the view has read."""
    by_section: dict[int | None, list[IndicatorValue]] = {}
    for value in values:
        by_section.setdefault(value.section_id, []).append(value)
    placed: set[int] = set()
    marked = []
    for section in sections:
        own = by_section.get(section.pk, [])
        paragraphs, anchored = mark_paragraphs(text, section.start, section.end, section.body, own)
        heading_html, in_heading = mark_heading(text, section, own)
        placed |= anchored | in_heading
        marked.append(MarkedSection(section, paragraphs, heading_html))
    anchors = {section.pk: section.anchor for section in sections}
    return ReportIndicators(marked, panel_groups(values, placed, anchors, text), len(values))


def mark_paragraphs(
    text: str, start: int, end: int, body: str, values: Sequence[IndicatorValue]
) -> tuple[list[SafeString], set[int]]:
    """The body's non-blank lines as escaped HTML, each value's sentence in ``<mark>`` and its
    figure in ``<span id="ind-<start>-<end>">``; returns the paragraphs and the pks given an anchor.

    ``body`` is ``text[start:end]`` stripped (the section's own text after its heading), so it
    ends where that span's trailing whitespace begins. When it is not found there the lines are
    shown without marks.
    """
    body_end = start + len(text[start:end].rstrip())
    body_start = body_end - len(body)
    if not body or body_start < start or text[body_start:body_end] != body:
        return [escape(line) for line in body.splitlines() if line.strip()], set()
    paragraphs: list[SafeString] = []
    placed: set[int] = set()
    offset = body_start
    for line in body.splitlines(keepends=True):
        content = line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        if content.strip():
            html, anchored = _mark_line(text, offset, offset + len(content), values)
            paragraphs.append(html)
            placed |= anchored
        offset += len(line)
    return paragraphs, placed


def mark_heading(
    text: str, section: Section, values: Sequence[IndicatorValue]
) -> tuple[SafeString, set[int]]:
    """The section's heading as escaped HTML with the figures it states marked (建成12个公共法律
    服务工作站), as a body's are, and the pks given an anchor; "" when it states none."""
    start = text.find(section.heading, section.start, section.end) if section.heading else -1
    end = start + len(section.heading)
    inside = [value for value in values if start >= 0 and start <= value.start and value.end <= end]
    if not inside:
        return SafeString(""), set()
    return _mark_line(text, start, end, inside)


def _mark_line(
    text: str, line_start: int, line_end: int, values: Sequence[IndicatorValue]
) -> tuple[SafeString, set[int]]:
    # Sentences of one extraction either coincide or are disjoint; group the figures by sentence.
    sentences: dict[tuple[int, int], list[IndicatorValue]] = {}
    for value in sorted(values, key=lambda v: (v.start, v.pk)):
        s_start, s_end = max(value.sentence_start, line_start), min(value.sentence_end, line_end)
        if s_start <= value.start and value.end <= s_end:
            sentences.setdefault((s_start, s_end), []).append(value)
    parts: list[str] = []
    placed: set[int] = set()
    position = line_start
    for (s_start, s_end), figures in sorted(sentences.items()):
        if s_start < position:  # overlaps the sentence marked before it: leave it unmarked
            continue
        parts.append(escape(text[position:s_start]))
        parts.append('<mark class="indicator-sentence">')
        cursor = s_start
        for value in figures:
            if value.start < cursor:
                continue
            parts.append(escape(text[cursor : value.start]))
            parts.append(f'<span class="indicator-figure" id="{value.anchor}">')
            parts.append(escape(text[value.start : value.end]))
            parts.append("</span>")
            cursor = value.end
            placed.add(value.pk)
        parts.append(escape(text[cursor:s_end]))
        parts.append("</mark>")
        position = s_end
    parts.append(escape(text[position:line_end]))
    # Safe: every piece of report text went through escape() above.
    return mark_safe("".join(parts)), placed


def panel_groups(
    values: Sequence[IndicatorValue], placed: set[int], section_anchors: dict[int, str], text: str = ""
) -> list[PanelGroup]:
    """Values by catalogue group, groups in catalogue order, unmapped values last under 未归类.
    ``text`` is the report's, where a value in a table is named by its row and column.

    Expects ``definition__group`` selected with the values, and ``is_chosen`` and
    ``is_chosen_in_facet`` (``with_chosen``): a key the report states only as a change, a target
    or over several years has no ranking row; a figure of a facet (下放17项) links to its facet's.
    """
    tables = Tables(fold_width(text) if "|" in text or "｜" in text else "")  # fold only a text with tables
    groups: dict[object, PanelGroup] = {}
    order: dict[object, tuple[int, str]] = {}
    ranked = {value.key for value in values if getattr(value, "is_chosen", False)}
    ranked_facets = {
        (value.key, value.facet) for value in values if getattr(value, "is_chosen_in_facet", False)
    }
    for value in values:
        definition = value.definition
        if definition is not None:
            group_key: object = definition.group_id
            order[group_key] = (definition.group.position, definition.group.key)
            group = groups.setdefault(group_key, PanelGroup(definition.group.name))
        else:
            group = groups.setdefault(None, PanelGroup(UNMAPPED_GROUP))
        if value.pk in placed:
            href = f"#{value.anchor}"
        elif value.section_id in section_anchors:
            href = f"#{section_anchors[value.section_id]}"
        else:
            href = ""
        group.items.append(
            PanelItem(
                name=definition.name if definition is not None else unmapped_name(value, tables),
                value=value_text(value),
                href=href,
                derived=value.derived,
                mapped=definition is not None,
                key=definition.key if definition is not None else "",
                ranked=definition is not None and definition.key in ranked,
                facet=value.facet,
                facet_ranked=(value.key, value.facet) in ranked_facets,
                definition=definition.definition if definition is not None else "",
                start=value.start,
                end=value.end,
                corrected=value.correction_id is not None,
                scope=SCOPE_NAMES.get(value.scope, ""),
            )
        )
    mapped = sorted((key for key in groups if key is not None), key=lambda key: order[key])
    return [groups[key] for key in mapped] + ([groups[None]] if None in groups else [])


def value_text(value: IndicatorValue) -> str:
    """The value as a reader would write it: 近300件, 30余场次, 10多万件, 50人以上, 增长12.5%, 3至5个,
    30个工作日; a value derived from words shows those words first: 全覆盖(100%), 零败诉(0%)."""
    text = _stated_text(value)
    if value.derived and value.figure:
        return f"{value.figure}({text})"
    return text


def _stated_text(value: IndicatorValue) -> str:
    change = value.measure in _CHANGE_WORDS
    number = _number(abs(value.value) if change else value.value)
    if value.value_high is not None:
        # 缩短3—5个月: 减少3至5个月 (the words say which way; both ends are stated as cuts)
        number = f"{number}至{_number(abs(value.value_high) if change else value.value_high)}"
    qualifier = value.qualifier
    prefix = qualifier if qualifier in _PREFIX_QUALIFIERS else ""
    inner = qualifier if qualifier in _INNER_QUALIFIERS else ""
    suffix = qualifier if qualifier and not (prefix or inner) else ""
    unit = _SHOWN_UNITS.get(value.unit, value.unit)
    # 余/多 go where the report put them: after a multiplier (78万余件) or before it (10多万件),
    # and otherwise after the number (30余场次).
    multiplier = next((m for m in ("万亿", "亿", "万") if unit.startswith(m) and unit != m), "")
    if inner and multiplier and inner + multiplier in fold_width(value.figure):
        text = f"{prefix}{number}{inner}{unit}{suffix}"
    else:
        text = f"{prefix}{number}{multiplier}{inner}{unit[len(multiplier) :]}{suffix}"
    words = _CHANGE_WORDS.get(value.measure)
    if words:
        text = (words[1] if value.value < 0 else words[0]) + text
    elif value.measure == IndicatorValue.Measure.EARLIER:
        text = "原" + text  # 由17项减少至8项: the panel shows 原17项 beside 8项
    elif value.measure == IndicatorValue.Measure.MULTI_YEAR:
        text += "(多年)"  # 2019年以来…精简3200余项: not the year's own figure
    elif value.measure == IndicatorValue.Measure.TARGET:
        text += "(目标)"  # 力争纠错率达到15%: aimed at, not reached
    return text


def lead_words(value: IndicatorValue, length: int = _LEAD_LENGTH) -> str:
    """The words of the figure's clause before it (…依法受理), at most ``length`` characters;
    "" when the figure opens its clause."""
    # The space of '专题会议 2 次' is no clause break, nor is the qualifier the panel shows in
    # the value (超 of 网办量超4600万次).
    before = value.sentence[: max(0, value.start - value.sentence_start)].rstrip()
    if value.qualifier:
        before = before.removesuffix(_written_qualifier(before, value.qualifier)).rstrip()
    if value.measure in _CHANGE_WORDS:
        before = STATED_CHANGE_WORDS.sub("", before).rstrip()  # 信访量同比增长 | 增长41%: said once
    before = _LINKING_WORDS.sub("", before)  # 件数为 | 120件, 办结案件均 | 增长367%: the name is before them
    cut = max(before.rfind(char) for char in _CLAUSE_BREAKS) + 1
    lead = before[cut:].strip()
    if len(lead) > length:
        keep = len(lead) - length
        while keep > 0 and (fold_width(lead[keep - 1]).isdigit() or lead[keep - 1] == "."):
            keep -= 1  # never cut a number in two
        lead = "…" + lead[keep:]
    return lead


def _written_qualifier(before: str, qualifier: str) -> str:
    """The word for ``qualifier`` (超 for 超过, 将近 for 近 …) that ``before`` ends with, or ""."""
    words = (word for word, canonical in PREFIX_QUALIFIER_WORDS if canonical == qualifier)
    return next((word for word in words if before.endswith(word)), "")


def trail_words(value: IndicatorValue, length: int = _NAME_AFTER) -> str:
    """The words of the figure's clause after it, up to the next figure or a verb: what a count
    counts (312项改革任务 -> 改革任务, 55个执法单位配备记录仪 -> 执法单位); "" when none."""
    offset = value.end - value.sentence_start
    if offset <= 0 or offset > len(value.sentence):
        return ""
    after = value.sentence[offset:]
    ends = [len(after)]
    ends += [i for i in (after.find(char) for char in _CLAUSE_BREAKS) if i != -1]
    ends += [i for i in (after.find(word) for word in _AFTER_STOPS) if i != -1]
    ends += [i for i, char in enumerate(after) if fold_width(char).isdigit()][:1]
    depth = 0
    for i, char in enumerate(after):  # a bracket the figure's clause did not open
        depth += (char in "(\uff08") - (char in ")\uff09")
        if depth < 0:
            ends.append(i)
            break
    trail = after[: min(ends)].strip().rstrip("及和与并等")
    if len(trail) > length:
        trail = trail[:length] + "…"
    return trail


def unmapped_name(value: IndicatorValue, tables: Tables | None = None) -> str:
    """A short name for a value the catalogue does not map: the words around the figure in its
    clause, "…" where the figure stands (组织…区级部门, 新入库科技型企业, 业务骨干); in a table of
    the report's ``tables``, its row's label and its column's header (行政复议申请 · 2022年).

    The figure itself is never part of the name (the panel shows it next to the name); a figure
    alone in its clause is named by the end of the clause before it.
    """
    cell = tables.cell(value.start, value.end) if tables else None
    if cell is not None and cell.name:
        return " · ".join(part for part in (cell.name, cell.heading) if part)
    after = trail_words(value)
    before = lead_words(value, max(_NAME_BEFORE_MIN, _NAME_LENGTH - len(after.rstrip("…"))))
    if before and after:
        return f"{before}…{after}"
    if before or after:
        return before or after
    earlier = value.sentence[: max(0, value.start - value.sentence_start)].rstrip(_CLAUSE_BREAKS)
    if not earlier:
        return "(无上下文)"
    return ("…" if len(earlier) > _NAME_LENGTH else "") + earlier[-_NAME_LENGTH:]


def _number(value: Decimal) -> str:
    return format(value.normalize(), "f")
