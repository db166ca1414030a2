"""Figures in tables: the year a column or row is for, changes between years, and numbers alone in
their cells taking the unit the table gives."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import pytest

from reports.indicators import extract_indicators
from reports.indicators.display import unmapped_name
from reports.indicators.tables import Tables
from reports.ingest.documents import docx_text, pdf_text
from reports.ingest.page import extract_page
from reports.ingest.word97 import word97_text
from reports.models import IndicatorValue

SAMPLES = Path(__file__).resolve().parent / "samples"


def read(text: str) -> list[tuple[str, str, str | None, str]]:
    """(figure, unit, key, measure) of each stated figure."""
    return [(i.figure, i.unit, i.key, i.measure) for i in extract_indicators(text) if not i.derived]


def test_in_a_table_comparing_years_only_the_latest_years_figure_is_keyed():
    text = (
        "一、主要成效\n"
        "项目 | 2022年 | 2023年 | 增减\n"
        "行政复议申请 | 52件 | 61件 | 增加9件\n"
        "行政诉讼案件 | 38件 | 35件 | 减少3件"
    )

    assert read(text) == [
        ("52件", "件", None, "earlier"),  # 2022's, stated to compare with
        ("61件", "件", "reconsideration_received", "level"),
        ("9件", "件", None, "change_abs"),
        ("38件", "件", None, "earlier"),
        ("35件", "件", "litigation_cases", "level"),
        ("3件", "件", None, "change_abs"),
    ]


def test_the_latest_year_may_come_first_or_be_named_this_year():
    assert read("项目 | 2023年 | 2022年\n行政复议申请 | 61件 | 52件")[:2] == [
        ("61件", "件", "reconsideration_received", "level"),
        ("52件", "件", None, "earlier"),
    ]
    assert read("项目 | 上年同期 | 本年度\n行政复议申请 | 52件 | 61件")[:2] == [
        ("52件", "件", None, "earlier"),
        ("61件", "件", "reconsideration_received", "level"),
    ]


def test_a_row_label_is_read_with_the_latest_years_figure_as_it_would_be_with_the_first():
    # the aside in the label is left out as in prose (行政复议申请(含…)61件), not taken for 受理
    text = "项目 | 2022年 | 2023年\n行政复议申请(含不予受理的申请) | 52件 | 61件"

    assert [key for _, _, key, _ in read(text)] == [None, "reconsideration_received"]


def test_numbers_alone_in_their_cells_take_the_unit_of_their_row_column_or_caption():
    text = (
        "表1 主要数据(单位:件)\n"
        "项目 | 2022年 | 2023年 | 同比增减\n"
        "行政复议申请 | 52 | 61 | +9\n"
        "出庭应诉率(%) | 95 | 100 | 5\n"
        "罚没款(万元) | 8461.36 | 9000 | -3.5"
    )

    indicators = [i for i in extract_indicators(text) if not i.derived]

    assert [(i.figure, i.value, i.unit, i.key, i.measure) for i in indicators] == [
        ("52", Decimal(52), "件", None, "earlier"),
        ("61", Decimal(61), "件", "reconsideration_received", "level"),
        ("9", Decimal(9), "件", None, "change_abs"),
        ("95", Decimal(95), "%", None, "earlier"),
        ("100", Decimal(100), "%", "head_appearance_rate", "level"),
        ("5", Decimal(5), "%", None, "change_points"),  # a rate's change is in points
        ("8461.36", Decimal("8461.36"), "万元", None, "earlier"),
        ("9000", Decimal(9000), "万元", "fines_amount", "level"),
        ("3.5", Decimal("-3.5"), "万元", None, "change_abs"),  # the minus sign kept
    ]
    assert [(text[i.start : i.end]) for i in indicators][:2] == ["52", "61"]  # offsets of the number


def test_a_change_in_percent_of_a_count_is_a_relative_change():
    assert read("项目 | 2022年 | 2023年 | 增幅\n行政复议申请 | 52件 | 61件 | 17.3%")[2] == (
        "17.3%",
        "%",
        None,
        "change_pct",
    )


def test_a_unit_in_the_header_serves_its_column():
    assert read("项目 | 2022年(件) | 2023年(件)\n行政复议申请 | 52 | 61") == [
        ("52", "件", None, "earlier"),
        ("61", "件", "reconsideration_received", "level"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "序号 | 单位 | 案件数\n1 | 区司法局 | 5\n2 | 区城管局 | 3",  # numbers, no unit given
        "单位:件\n项目 | 2022 | 2023\n说明 | 无 | 无",  # the years naming the columns
        "全年收到行政复议申请 | 61",  # not a table's: a line with a bar in it
    ],
)
def test_numbers_in_a_table_that_gives_them_no_unit_or_label_are_not_figures(text):
    assert read(text) == []


def test_in_a_table_with_a_row_per_year_the_latest_rows_figures_are_keyed_by_their_column():
    text = (
        "年份 | 行政复议申请(件) | 行政应诉案件(件)\n"
        "2022年 | 52 | 30\n"
        "2023年 | 61 | 28\n"
        "合计 | 113 | 58\n"
        "以上为两年数据。"
    )

    assert read(text) == [
        ("52", "件", None, "earlier"),
        ("30", "件", None, "earlier"),
        ("61", "件", "reconsideration_received", "level"),
        ("28", "件", "litigation_cases", "level"),
        ("113", "件", None, "level"),  # a total of both years
        ("58", "件", None, "level"),
    ]


def test_a_table_without_years_is_read_by_its_row_labels():
    text = "项目 | 数量 | 说明\n行政复议申请 | 61件 | 较上年增加9件"

    assert read(text) == [
        ("61件", "件", "reconsideration_received", "level"),
        ("9件", "件", None, "change_abs"),
    ]


def test_a_cells_text_wrapped_onto_a_line_of_its_own_does_not_end_the_table():
    # a PDF's table without rules: 合同 is the rest of the row label above it; the row after it
    # is still under the table's header (before, it began a table of its own, without one)
    text = (
        "项目 | 2022年 | 2023年 | 增减\n"
        "法律顾问审查 | 120份 | 146份 | 增加26份\n"
        "合同\n"
        "行政诉讼案件 | 38件 | 35件 | 减少3件\n"
        "二、存在的问题"
    )

    assert [(figure, key) for figure, _, key, _ in read(text)][3:5] == [
        ("38件", None),
        ("35件", "litigation_cases"),
    ]


def test_a_row_shorter_than_its_header_cannot_be_told_by_column():
    # an unruled PDF table's row leaves its empty cells out: which column is 61件's is unknown,
    # so the row is read as before columns were known (its first figure by its label)
    assert read("项目 | 2021年 | 2022年 | 2023年\n行政复议申请 | 52件 | 61件") == [
        ("52件", "件", "reconsideration_received", "level"),
        ("61件", "件", None, "level"),
    ]


@pytest.mark.parametrize(
    ("sample", "read_text"),
    [
        ("synthetic_table_centred_cells_libreoffice.pdf", pdf_text),
        ("synthetic_word97_table.doc", word97_text),
    ],
)
def test_a_word_table_comparing_years_keys_its_report_years_column_as_pdf_and_as_doc(sample, read_text):
    # The same table (labelled synthetic), printed to PDF by LibreOffice and saved as Word 97; the
    # row of totals has an empty last cell, which both keep, so its figures stay in their columns.
    text = read_text((SAMPLES / sample).read_bytes())

    assert [(figure, key, measure) for figure, _, key, measure in read(text)] == [
        ("52件", None, "earlier"),
        ("61件", "reconsideration_received", "level"),
        ("9件", None, "change_abs"),
        ("38件", None, "earlier"),
        ("35件", "litigation_cases", "level"),
        ("3件", None, "change_abs"),
        ("120份", None, "earlier"),
        ("146份", "contracts_reviewed", "level"),
        ("26份", None, "change_abs"),
        ("210件", None, "earlier"),
        ("242件", None, "level"),  # 合计: a total of the rows, no key's
    ]


def test_a_rows_label_is_its_cells_before_the_years_without_a_sequence_number():
    # the second row's sequence number and category are merged down from the first's
    text = (
        "序号 | 类别 | 项目 | 2022年 | 2023年\n1 | 行政复议 | 收到申请 | 52件 | 61件\n | | 办结 | 47件 | 58件"
    )

    assert [(figure, key) for figure, _, key, _ in read(text)] == [
        ("52件", None),
        ("61件", "reconsideration_received"),
        ("47件", None),
        ("58件", "reconsideration_concluded"),
    ]


def test_an_empty_label_cell_takes_the_category_above_but_not_after_a_written_one():
    # a .doc or a PDF leaves a category merged down rows empty below its first row, and a label
    # merged across columns leaves the cell after it empty
    text = (
        "类别 | 项目 | 2022年 | 2023年\n"
        "行政复议 | 收到申请 | 52件 | 61件\n"
        " | 办结 | 47件 | 58件\n"
        "合计 | | 99件 | 119件"
    )

    indicators = [i for i in extract_indicators(text) if not i.derived]
    values = [
        IndicatorValue(
            sentence=text[i.sentence_start : i.sentence_end],
            sentence_start=i.sentence_start,
            start=i.start,
            end=i.end,
            figure=i.figure,
        )
        for i in indicators
    ]

    assert [i.key for i in indicators] == [
        None,
        "reconsideration_received",
        None,
        "reconsideration_concluded",
        None,
        None,
    ]
    assert [unmapped_name(value, Tables(text)) for value in values][2:] == [
        "行政复议办结 · 2022年",
        "行政复议办结 · 2023年",
        "合计 · 2022年",  # not 合计办结
        "合计 · 2023年",
    ]


# A statistics table with merged cells (labelled synthetic): a two-row header whose 数量 spans the
# years, a category spanning two rows, a total spanning the label columns.
MERGED_TABLE_ROWS = [
    ("类别", "项目", "数量", ""),
    ("", "", "2022年", "2023年"),
    ("行政复议", "收到申请", "52件", "61件"),
    ("", "办结", "47件", "58件"),
    ("合计", "", "99件", "119件"),
]
MERGED_TABLE_HTML = (
    '<table><tr><th rowspan="2">类别</th><th rowspan="2">项目</th><th colspan="2">数量</th></tr>'
    "<tr><th>2022年</th><th>2023年</th></tr>"
    '<tr><td rowspan="2">行政复议</td><td>收到申请</td><td>52件</td><td>61件</td></tr>'
    "<tr><td>办结</td><td>47件</td><td>58件</td></tr>"
    '<tr><td colspan="2">合计</td><td>99件</td><td>119件</td></tr></table>'
)


def merged_table_docx() -> bytes:
    """The merged table written by python-docx, which merges cells as Word does (vMerge, gridSpan)."""
    from docx import Document

    document = Document()
    table = document.add_table(rows=len(MERGED_TABLE_ROWS), cols=4)
    for row, texts in enumerate(MERGED_TABLE_ROWS):
        for column, text in enumerate(texts):
            table.cell(row, column).text = text
    for (row, column), (to_row, to_column) in [((0, 0), (1, 0)), ((0, 1), (1, 1)), ((0, 2), (0, 3))]:
        table.cell(row, column).merge(table.cell(to_row, to_column))
    table.cell(2, 0).merge(table.cell(3, 0))
    table.cell(4, 0).merge(table.cell(4, 1))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# How each format writes the merged table's rows (spaces aside): a page and a Word file repeat
# the category merged down in each of its rows; a .doc and a ruled PDF leave it empty there
# (its label is then the category above, see the test before), and the header's second row's
# first cells too.
MERGED_TABLE_LINES = {
    "html": [
        "类别|项目|数量|",
        "类别|项目|2022年|2023年",
        "行政复议|收到申请|52件|61件",
        "行政复议|办结|47件|58件",
    ],
    "docx": [
        "类别|项目|数量|",
        "类别|项目|2022年|2023年",
        "行政复议|收到申请|52件|61件",
        "行政复议|办结|47件|58件",
    ],
    "doc": ["类别|项目|数量|", "||2022年|2023年", "行政复议|收到申请|52件|61件", "|办结|47件|58件"],
}
MERGED_TABLE_LINES["pdf"] = MERGED_TABLE_LINES["doc"]


@pytest.mark.parametrize("file_format", ["html", "docx", "doc", "pdf"])
def test_a_table_with_merged_cells_keeps_its_figures_under_their_years(file_format):
    if file_format == "html":
        text = extract_page(f"<html><body>{MERGED_TABLE_HTML}</body></html>", is_html=True).text
    elif file_format == "docx":
        text = docx_text(merged_table_docx())
    elif file_format == "doc":  # the python-docx file saved as Word 97 by LibreOffice: merged cells are wider
        text = word97_text((SAMPLES / "synthetic_word97_merged_table.doc").read_bytes())
    else:  # the same with borders (Table Grid), printed by LibreOffice: merged cells lack rules between
        text = pdf_text((SAMPLES / "synthetic_table_merged_cells_libreoffice.pdf").read_bytes())

    lines = [line.replace(" ", "") for line in text.split("\n") if "|" in line]
    # 数量 and 合计 are followed by the empty cells of the columns they span
    assert lines == [*MERGED_TABLE_LINES[file_format], "合计||99件|119件"]
    assert [(figure, key) for figure, _, key, _ in read(text)] == [
        ("52件", None),
        ("61件", "reconsideration_received"),
        ("47件", None),
        ("58件", "reconsideration_concluded"),
        ("99件", None),
        ("119件", None),
    ]
