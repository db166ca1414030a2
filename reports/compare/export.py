"""The rows a compare page exports as CSV and JSON: one row per table cell (or text section).

Built from the same dataclasses and the same text properties the templates print, so the CSV
holds exactly what the page shows ("未报告" where the page says 未报告), plus provenance: report
id, report URL and whether the report is a synthetic sample (on every row read from a report,
未报告 included), a stable link to the figure, its sentence and its offsets. ``absolute`` turns a
site path into a full URL (the view passes ``request.build_absolute_uri``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from reports.json_numbers import json_number
from reports.models import Agency, Report
from reports.spreadsheets import spreadsheet_text

from .coverage import Coverage, CoverageCell
from .figures import VALUE_RULE, Cell
from .ranking import Ranking
from .tables import NO_REPORT, AgencyYears, YearTable
from .texts import MISSING_MEASURES, MISSING_PLANS, Promises, ReportPair, SectionText

Absolute = Callable[[str], str]

# What a citation of a row needs of its report: which it is, where it was published and when,
# and whether the copy read is the publisher's own (a mirror's or a repost's dates are not).
REPORT_COLUMNS: list[tuple[str, str]] = [
    ("report_id", "报告ID"),
    ("report_url", "报告网址"),
    ("report_title", "报告标题"),
    ("published_on", "发布日期"),
    ("source_url", "来源网址"),
    ("from_other_site", "转载或镜像"),
    ("synthetic", "合成样本"),
    ("text_cut", "正文不完整"),
]
FIGURE_COLUMNS: list[tuple[str, str]] = [
    ("base_value", "基本单位数值"),
    ("base_unit", "基本单位"),
    ("scope", "范围"),
    ("facet", "类别"),
    ("others", "同报告另有数值"),
    ("alternatives", "同报告其他数值"),  # those figures, as the page lists them after 另有N处
    ("corrected", "人工校正"),
    *REPORT_COLUMNS,
    ("figure_url", "原文链接"),
    ("sentence", "原句"),
    ("start", "起始位置"),
    ("end", "结束位置"),
]
TEXT_COLUMNS: list[tuple[str, str]] = [
    *REPORT_COLUMNS,
    ("section_path", "章节路径"),
    ("heading", "标题"),
    ("text", "正文"),
]


@dataclass
class Export:
    """A compare result as flat rows; ``columns`` are (row key, CSV header) pairs."""

    kind: str
    title: str
    columns: list[tuple[str, str]]
    rows: list[dict[str, object]]
    warnings: list[str]
    meta: dict[str, object]

    def csv_rows(self) -> list[list[str]]:
        header = [label for _, label in self.columns]
        return [header] + [[_csv(row.get(key)) for key, _ in self.columns] for row in self.rows]

    def as_json(self, permalink: str) -> dict[str, object]:
        return {
            "kind": self.kind,
            "title": self.title,
            "permalink": permalink,
            "rule": VALUE_RULE if self.kind in {"agency_years", "year", "indicator", "coverage"} else "",
            "warnings": self.warnings,
            **self.meta,
            "columns": [{"key": key, "label": label} for key, label in self.columns],
            # every row with every column (null where it has none), as the CSV's cells are
            "rows": [{key: _json(row.get(key)) for key, _label in self.columns} for row in self.rows],
        }


def _csv(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):  # the synthetic flag: readable in Excel, unambiguous to parse
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, str):  # a change (+29次), a title, a sentence: never run as a formula
        return spreadsheet_text(value)
    return str(value)


def _json(value: object) -> object:
    if isinstance(value, Decimal):
        return json_number(value)  # 3652 as the API writes it, not 3652.0
    return value


PLACE_LEVELS = ("province", "city", "county")
ALL = "合计"  # a total's place or level in the coverage export, as the page heads it
# Who an exported row is about: the agency and its place, so that rows can be counted by
# province and level without a join (the names as the search export writes them).
AGENCY_COLUMNS: list[tuple[str, str]] = [
    ("agency_id", "机关ID"),
    ("agency", "机关"),
    ("agency_level", "机关层级"),
    ("agency_kind", "机关类型"),
    ("province", "省份"),
    ("city", "城市"),
    ("county", "区县"),
    ("region_code", "区划代码"),
]


def _agency(agency: Agency) -> dict[str, object]:
    """The agency's id, name, level and kind and its place's names and division code (empty
    where the place is unknown, or has no such level: a municipality's districts have no city)."""
    places = agency.region.by_level() if agency.region is not None else {}
    return {
        "agency_id": agency.pk,
        "agency": agency.name,
        "agency_level": agency.get_level_display(),
        "agency_kind": agency.get_kind_display(),
        **{level: places[level].name if level in places else None for level in PLACE_LEVELS},
        "region_code": agency.region.code if agency.region is not None else None,
    }


def report_fields(report: Report | None, absolute: Absolute) -> dict[str, object]:
    """``REPORT_COLUMNS`` of the report a row was read from: which it is, its publication, whether
    it is a synthetic sample and whether only part of its text is held (its 未报告 may be in the
    rest); all None (empty in the CSV, never 0) when the agency has no report there."""
    if report is None:
        return {key: None for key, _ in REPORT_COLUMNS}
    return {
        "report_id": report.pk,
        "report_url": absolute(report.get_absolute_url()),
        "report_title": report.title,
        "published_on": report.published_on.isoformat() if report.published_on else None,
        "source_url": report.source_url or None,
        "from_other_site": report.from_other_site if report.source_url else None,
        "synthetic": report.is_synthetic,
        "text_cut": report.text_cut,
    }


def figure_fields(cell: Cell, report: Report | None, absolute: Absolute) -> dict[str, object]:
    """The shown value and the provenance of a cell read from ``report``: for 未报告 the
    report that was read (when there is one) and no figure fields."""
    figure = cell.figure
    row: dict[str, object] = {"value": cell.text}
    row.update({key: None for key, _ in FIGURE_COLUMNS})
    row.update(report_fields(report, absolute))
    if figure is None:
        return row
    value = figure.value
    row.update(
        {
            "base_value": value.base_value,
            "base_unit": value.base_unit,
            "scope": figure.scope_name,
            "facet": figure.facet,
            "others": figure.others,
            "alternatives": "、".join(other.text for other in figure.alternatives),
            "corrected": figure.corrected,
            "figure_url": absolute(figure.href),
            "sentence": value.sentence,
            "start": value.start,
            "end": value.end,
        }
    )
    return row


def agency_years_export(result: AgencyYears, absolute: Absolute) -> Export:
    rows = []
    for line in result.rows:
        for report, cell in zip(result.reports, line.cells, strict=True):
            rows.append(
                {
                    **_agency(result.agency),
                    "year": report.year,
                    "key": line.indicator.key,
                    "indicator": line.indicator.name,
                    # "" on the key's row (each year's chosen figure); 下放 on the row of that facet's
                    "row_facet": line.facet,
                    **figure_fields(cell, report, absolute),
                    "change": cell.change_text,
                    # the year the change is from: the year before, or the latest earlier one
                    # giving a figure (较2019年+101项): a delta over several years is no year's
                    "change_since": cell.change.since if cell.change else None,
                    # the same change as a number a spreadsheet can sum and sort (the text above
                    # is kept as the page shows it, guarded against running as a formula)
                    "change_delta": cell.change.delta if cell.change else None,
                }
            )
    columns = [
        *AGENCY_COLUMNS,
        ("year", "年度"),
        ("key", "指标键"),
        ("indicator", "指标"),
        ("row_facet", "分类别行"),
        ("value", "数值"),
        ("change", "增减"),
        ("change_since", "增减的起始年度"),
        ("change_delta", "增减数值(百分比为百分点)"),
        *FIGURE_COLUMNS,
    ]
    meta = {"agency": {"id": result.agency.pk, "name": result.agency.name}, "years": result.years}
    return Export("agency_years", f"{result.agency.name}历年指标", columns, rows, result.warnings, meta)


def year_table_export(result: YearTable, absolute: Absolute) -> Export:
    rows = []
    for line in result.lines:
        for column, cell in zip(result.columns, line.cells, strict=True):
            rows.append(
                {
                    "year": result.year,
                    **_agency(line.agency),
                    "key": column.indicator.key,
                    "indicator": column.indicator.name,
                    "column_facet": column.facet,  # a column of one facet's figures: 下放
                    **figure_fields(cell, line.report, absolute),
                    "rank": cell.rank,
                    "rank_note": cell.unranked_note,
                }
            )
        if not result.columns:  # the page lists these agencies and their reports, no figures
            rows.append({"year": result.year, **_agency(line.agency), **report_fields(line.report, absolute)})
    # Agencies asked for by id that have no report this year: named, as on the page.
    rows += [{"year": result.year, **_agency(agency), "value": NO_REPORT} for agency in result.without_report]
    columns = [
        ("year", "年度"),
        *AGENCY_COLUMNS,
        ("key", "指标键"),
        ("indicator", "指标"),
        ("column_facet", "比较的类别"),
        ("value", "数值"),
        ("rank", "排名"),
        ("rank_note", "排名说明"),
        *FIGURE_COLUMNS,
    ]
    meta = {
        "year": result.year,
        "selection": result.place.describe(),
        "keys": result.keys,
        "agencies": [
            {"id": line.agency.pk, "name": line.agency.name, "report_id": line.report.pk}
            for line in result.lines
        ],
        "without_report": [{"id": agency.pk, "name": agency.name} for agency in result.without_report],
        "empty_reason": result.empty_reason,
        "year_note": result.year_note,
    }
    title = f"{result.place.describe()}{result.year}年度指标比较"
    warnings = [*result.warnings, *filter(None, [result.empty_reason, result.without_report_note])]
    return Export("year", title, columns, rows, warnings, meta)


def ranking_export(result: Ranking, absolute: Absolute) -> Export:
    rows = [
        {
            "rank": entry.cell.rank,
            "rank_note": entry.cell.unranked_note,
            **_agency(entry.agency),
            "year": entry.report.year,
            **figure_fields(entry.cell, entry.report, absolute),
        }
        for entry in result.entries
    ]
    columns = [
        ("rank", "排名"),
        ("rank_note", "排名说明"),
        *AGENCY_COLUMNS,
        ("year", "年度"),
        ("value", "数值"),
        *FIGURE_COLUMNS,
    ]
    meta = {
        "key": result.indicator.key,
        "indicator": result.indicator.name,
        "facet": result.facet or None,  # the one facet compared; None: each report's chosen figure
        "unit": result.unit,
        "year": result.year,
        "total": result.total,
        "page": result.page,
        "pages": result.pages,
        "not_reported": result.not_reported,
        "mentioned_otherwise": result.mentioned_otherwise,
        "other_facets": result.other_facets,  # under a facet: of not_reported, stating other facets only
        "not_reported_text": result.not_reported_text,
    }
    facet = f"(类别:{result.facet})" if result.facet else ""
    return Export("indicator", f"“{result.indicator.name}”{facet}排名", columns, rows, result.warnings, meta)


def coverage_export(result: Coverage, absolute: Absolute) -> Export:
    """One row per cell of the coverage table that counts reports (the page's — cells, where
    none are held, have none), its totals included (层级 or 省份 合计)."""

    def row(place: str, code: str, level: str, cell: CoverageCell) -> dict[str, object]:
        return {
            "province": place,
            "region_code": code or None,
            "agency_level": level,
            "stated": cell.stated,
            "held": cell.held,
            "share": cell.share,
            "ranking_url": absolute(cell.url) if cell.url else None,
            "missing_url": absolute(cell.missing_url) if cell.missing_url else None,
        }

    rows = []
    for line in result.rows:
        for (_level, name), cell in zip(result.levels, line.cells, strict=True):
            if cell.held:
                rows.append(row(line.name, line.code, name, cell))
        rows.append(row(line.name, line.code, ALL, line.total))
    for (_level, name), cell in zip(result.levels, result.totals, strict=True):
        rows.append(row(ALL, "", name, cell))
    rows.append(row(ALL, "", ALL, result.total))
    columns = [
        ("province", "省份"),
        ("region_code", "区划代码"),
        ("agency_level", "机关层级"),
        ("stated", "提到该指标的报告"),
        ("held", "收录的报告"),
        ("share", "比例"),
        ("ranking_url", "排名网址"),
        ("missing_url", "未报告的报告列表网址"),
    ]
    meta = {
        "key": result.indicator.key,
        "indicator": result.indicator.name,
        "year": result.year,
        "agency_kind": result.kind,  # "kind" is the export's own
        "facet": result.facet or None,  # only figures of this facet counted
    }
    title = f"“{result.indicator.name}”各地报告情况({result.describe()})"
    return Export("coverage", title, columns, rows, result.warnings, meta)


def _text_row(text: SectionText, report: Report, absolute: Absolute) -> dict[str, object]:
    return {
        **report_fields(report, absolute),
        "report_url": absolute(report.get_absolute_url() + "#" + text.section.anchor),
        "section_path": text.section.path,
        "heading": text.title,
        "text": text.plain,
    }


def _missing_row(report: Report, message: str, absolute: Absolute) -> dict[str, object]:
    """A part the page shows as missing from ``report``, with the page's words for it."""
    return {**report_fields(report, absolute), "section_path": "", "heading": "", "text": message}


def report_pair_export(result: ReportPair, absolute: Absolute) -> Export:
    rows = []
    for part in result.parts:
        sides = (
            ("左", result.left, part.left, part.left_missing),
            ("右", result.right, part.right, part.right_missing),
        )
        for side, report, texts, missing in sides:
            for text in texts:
                rows.append({"part": part.name, "side": side, **_text_row(text, report, absolute)})
            if not texts:
                rows.append({"part": part.name, "side": side, **_missing_row(report, missing, absolute)})
    columns = [("part", "部分"), ("side", "位置"), *TEXT_COLUMNS]
    meta = {"left": result.left.pk, "right": result.right.pk}
    return Export("reports", "两份报告对照", columns, rows, result.warnings, meta)


def promises_export(result: Promises, absolute: Absolute) -> Export:
    rows = [
        {
            "side": "计划",
            "year": result.year,
            **_text_row(plan.text, result.plan, absolute),
            "related": plan.related_text,
        }
        for plan in result.plan_texts
    ] or [{"side": "计划", "year": result.year, **_missing_row(result.plan, MISSING_PLANS, absolute)}]
    if result.outcome is not None:
        outcome, year = result.outcome, result.year + 1
        rows += [
            {"side": "落实", "year": year, **_text_row(text, outcome, absolute)} for text in result.outcomes
        ] or [{"side": "落实", "year": year, **_missing_row(outcome, MISSING_MEASURES, absolute)}]
    columns = [("side", "类别"), ("year", "年度"), *TEXT_COLUMNS, ("related", "同主题的下一年举措")]
    meta = {
        "agency": {"id": result.agency.pk, "name": result.agency.name},
        "year": result.year,
        "plan_report": result.plan.pk,
        "outcome_report": result.outcome.pk if result.outcome else None,
    }
    title = f"{result.agency.name}{result.year}年计划与{result.year + 1}年落实"
    return Export("promises", title, columns, rows, result.warnings, meta)
