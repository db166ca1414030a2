"""Report texts side by side: two reports aligned by part (引言, 举措成效, 不足, 第一责任人, 下一步,
其他), and "promises kept": one year's next-year plans beside the following year's measures,
each plan pointing to the measures of the same topic of the outline (行政执法, 政务服务 …).

Paragraphs are escaped HTML in which every figure the extractor found is a link to its sentence
in the report (by report id and offsets, like the tables), so every number on the page opens
its source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from reports.ingest.completeness import CUT_REASON
from reports.ingest.sections import TOPIC_LABELS, topic_for
from reports.models import Agency, IndicatorValue, Report, Section

from .figures import kind_warnings
from .links import figure_url
from .params import CompareError

# The signature (落款) is no part of a report's content to compare.
PART_ORDER: tuple[str, ...] = tuple(label for label in Section.Label if label != Section.Label.SIGNATURE)
PART_NAMES: dict[str, str] = dict(Section.Label.choices)
# What the pages (and their CSV) say where a report lacks the part being compared.
MISSING_PART = "没有这一部分。"
MISSING_PLANS = "报告中没有识别出“下一步安排”部分。"
MISSING_MEASURES = "报告中没有识别出“主要举措和成效”部分。"


@dataclass
class SectionText:
    section: Section
    paragraphs: list[SafeString]

    @property
    def title(self) -> str:
        return f"{self.section.number}{self.section.heading}".strip()

    @property
    def plain(self) -> str:
        """The body as the page shows it, as plain text (paragraphs joined by newlines)."""
        return "\n".join(line.strip() for line in self.section.body.splitlines() if line.strip())


@dataclass
class Part:
    label: str
    name: str
    left: list[SectionText]
    right: list[SectionText]
    # what each side says where it lacks the part: the report may hold it past its stored text
    left_missing: str = MISSING_PART
    right_missing: str = MISSING_PART


@dataclass
class ReportPair:
    left: Report
    right: Report
    parts: list[Part]
    warnings: list[str]


def report_pair(left: Report, right: Report) -> ReportPair:
    """Both reports' sections grouped by part label, in the order of ``Section.Label``."""
    texts = {report.pk: section_texts(report) for report in (left, right)}
    parts = []
    for label in PART_ORDER:
        a = [text for text in texts[left.pk] if text.section.label == label]
        b = [text for text in texts[right.pk] if text.section.label == label]
        if a or b:
            parts.append(
                Part(label, PART_NAMES[label], a, b, _missing_part(left, label), _missing_part(right, label))
            )
    warnings = kind_warnings([left.agency, right.agency])
    if left.pk == right.pk:
        warnings.append("两边是同一份报告。")
    for side, report in (("左侧", left), ("右侧", right)):
        if not report.is_current:
            warnings.append(f"{side}报告已被发布机关的新版本替换,这里显示的是旧版本。")
        if report.is_synthetic:
            warnings.append(f"{side}报告是程序生成的合成样本,不是真实报告。")
        if report.agency.place_unknown:
            warnings.append(f"{side}报告的机关“{report.agency.name}”所在地区未能确定,可能是外地的同名机关。")
    return ReportPair(left, right, parts, warnings)


@dataclass
class Related:
    """The next year's measures on a plan's topic."""

    topic: str
    name: str  # the topic as readers call it
    sections: list[SectionText]


@dataclass
class PlanText:
    """A plan section with the next year's measures on its topic: once, after the section, for
    an item whose heading names the topic ((二)严格规范公正文明执法); else after each paragraph
    that names one (一是…二是… under 下一步工作打算). None where no measure has the topic."""

    text: SectionText
    paragraphs: list[tuple[SafeString, Related | None]]
    after: Related | None = None

    @property
    def related_text(self) -> str:
        """Every pointer of the section in words, once each (行政执法:(四)着力提升行政执法效能)."""
        pointers = [related for _paragraph, related in self.paragraphs if related] + [self.after]
        said = dict.fromkeys(
            f"{related.name}:{outcome.title}"
            for related in pointers
            if related
            for outcome in related.sections
        )
        return "；".join(said)


@dataclass
class Promises:
    agency: Agency
    year: int
    plan: Report  # the report of ``year``: its next_steps
    outcome: Report | None  # the report of ``year + 1``: its measures (None: not in the library)
    plans: list[SectionText]
    outcomes: list[SectionText]
    years: list[int]  # plan years whose following year is in the library (and ``year``), newest first
    warnings: list[str]
    with_plans: frozenset[int] = frozenset()  # years whose report has a 下一步安排 part

    @property
    def plan_texts(self) -> list[PlanText]:
        paths = [text.section.path for text in self.plans]
        return [
            # a part with plan items below it: its own lines introduce them (2022年,我区将…)
            plan_with_related(
                text, self.outcomes, introduces=any(p.startswith(f"{text.section.path}.") for p in paths)
            )
            for text in self.plans
        ]

    @property
    def choices(self) -> list[tuple[int, str]]:
        """``years`` for the chooser, each named, with whether its report has a 下一步安排 part."""
        return [
            (year, f"{year}年(有下一步安排)" if year in self.with_plans else f"{year}年")
            for year in self.years
        ]


def default_plan_year(years: Sequence[int], with_plans: frozenset[int]) -> int:
    """The year a promises page opens on: the latest with a next-steps part and a following
    year's report, else the latest with a next-steps part, else the latest with a following
    year's report, else the latest. ``years`` newest first."""
    present = set(years)
    followed = [y for y in years if y + 1 in present]
    for candidates in (
        [y for y in followed if y in with_plans],
        [y for y in years if y in with_plans],
        followed,
    ):
        if candidates:
            return candidates[0]
    return years[0]


def promises(agency: Agency, year: int | None) -> Promises:
    """The next_steps of ``agency``'s report for ``year`` beside the measures of its next report.

    ``year`` None: the year ``default_plan_year`` picks, so that the page opens on plans it can
    show beside what followed them when there are any.
    """
    reports = {report.year: report for report in agency.reports.current().select_related("agency")}
    if not reports:
        raise CompareError(f"{agency.name}还没有收录报告。", status=404)
    years = sorted(reports, reverse=True)
    with_plans = frozenset(
        Section.objects.filter(report__in=reports.values(), label=Section.Label.NEXT_STEPS)
        .values_list("report__year", flat=True)
        .distinct()
    )
    if year is None:
        year = default_plan_year(years, with_plans)
    if year not in reports:
        have = "、".join(str(y) for y in sorted(reports))
        raise CompareError(f"{agency.name}没有{year}年度的报告(已收录:{have})。", status=404)
    plan, outcome = reports[year], reports.get(year + 1)
    plans = [text for text in section_texts(plan) if text.section.label == Section.Label.NEXT_STEPS]
    outcomes = (
        [text for text in section_texts(outcome) if text.section.label == Section.Label.MEASURES]
        if outcome is not None
        else []
    )
    warnings = []
    if outcome is None:
        have = "、".join(str(y) for y in sorted(reports))
        warnings.append(
            f"库中没有{agency.name}{year + 1}年度的报告,无法对照落实情况(已收录:{have})。"
            if any(y + 1 in reports for y in years)
            else f"库中没有{agency.name}相邻两个年度的报告(已收录:{have}),只能列出{year}年度的下一步安排。"
        )
    if not plans:
        warnings.append(f"{year}年度{MISSING_PLANS}{_partial_note(plan, '下一步安排')}")
    if outcome is not None and not outcomes:
        warnings.append(f"{year + 1}年度{MISSING_MEASURES}{_partial_note(outcome, '主要举措和成效')}")
    if any(report.is_synthetic for report in (plan, outcome) if report is not None):
        warnings.append("其中有程序生成的合成样本报告,不是真实报告。")
    # Offer only plan years that have something to compare with; the shown year stays listed.
    pickable = [y for y in years if y + 1 in reports or y == year]
    return Promises(agency, year, plan, outcome, plans, outcomes, pickable, warnings, with_plans)


def plan_with_related(
    text: SectionText, outcomes: Sequence[SectionText], *, introduces: bool = False
) -> PlanText:
    """``text`` pointing to the measures among ``outcomes`` on its topics; not at all when it
    ``introduces`` plan items of its own. Measures carry the topic the importer gave them and
    plans are read with the same outline words, so a pointer says "on the same subject", never
    "kept": the reader judges."""
    by_topic: dict[str, list[SectionText]] = {}
    for outcome in outcomes:
        if outcome.section.topic:
            by_topic.setdefault(outcome.section.topic, []).append(outcome)

    def related(topic: str) -> Related | None:
        found = by_topic.get(topic)
        return Related(topic, TOPIC_LABELS.get(topic, topic), found) if found else None

    unpointed: list[tuple[SafeString, Related | None]] = [(paragraph, None) for paragraph in text.paragraphs]
    if introduces:
        return PlanText(text, unpointed)
    if text.section.heading and (topic := topic_for(text.section.heading)):
        return PlanText(text, unpointed, related(topic))
    lines = text.plain.split("\n") if text.paragraphs else []
    if len(lines) != len(text.paragraphs):  # not the lines shown: leave the section unpointed
        return PlanText(text, unpointed)
    pointed = zip(text.paragraphs, lines, strict=True)
    return PlanText(text, [(paragraph, related(topic_for("", line))) for paragraph, line in pointed])


def _missing_part(report: Report, label: str) -> str:
    """What a column says where ``report`` has no section of part ``label``: a partial text may
    hold it in what was not stored, though not its opening (引言), which it kept."""
    if label == Section.Label.PREAMBLE:
        return MISSING_PART
    return f"{MISSING_PART}{_partial_note(report, PART_NAMES[label])}"


def _partial_note(report: Report, part: str) -> str:
    """Why a part may be missing: the stored text stops inside a sentence or is too short to be
    a whole report (a page saved before it loaded, a scrape that kept the opening), so the part
    may be in what was not stored."""
    if not report.text_cut:
        return ""
    return f"该报告收录的正文不完整({CUT_REASON}),“{part}”可能在未收录的部分。"


def section_texts(report: Report) -> list[SectionText]:
    """The report's sections in order, each body's figures linked to their sentences."""
    sections = list(report.sections.order_by("position"))
    values = list(report.indicator_values.shown().order_by("start", "pk"))
    return [SectionText(section, linked_paragraphs(report.text, section, values)) for section in sections]


def linked_paragraphs(text: str, section: Section, values: Sequence[IndicatorValue]) -> list[SafeString]:
    """The section body's non-blank lines as escaped HTML with each figure inside it a link.

    The body is located in ``text`` by the section's offsets (as on the report page); when it
    is not found there, the lines are shown as plain escaped text.
    """
    body = section.body
    body_end = section.start + len(text[section.start : section.end].rstrip())
    body_start = body_end - len(body)
    if not body or body_start < section.start or text[body_start:body_end] != body:
        return [escape(line.strip()) for line in body.splitlines() if line.strip()]
    inside = [value for value in values if body_start <= value.start and value.end <= body_end]
    paragraphs = []
    offset = body_start
    for line in body.splitlines(keepends=True):
        content = line.rstrip("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")
        line_start, line_end = offset, offset + len(content)
        offset += len(line)
        if not content.strip():
            continue
        # Trim like the plain text does, so the page and the CSV hold the same characters.
        lead = len(content) - len(content.lstrip())
        trail = len(content) - len(content.rstrip())
        line_start, line_end = line_start + lead, line_end - trail
        parts, cursor = [], line_start
        for value in inside:
            if value.start < cursor or value.end > line_end or value.start < line_start:
                continue
            parts.append(escape(text[cursor : value.start]))
            href = figure_url(value)
            parts.append(
                f'<a class="compare-figure" href="{escape(href)}" '
                f'title="{escape("原句:" + value.sentence)}">{escape(text[value.start : value.end])}</a>'
            )
            cursor = value.end
        parts.append(escape(text[cursor:line_end]))
        paragraphs.append(mark_safe("".join(parts)))  # every piece of report text was escaped
    return paragraphs
