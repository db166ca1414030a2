"""A PDF's text read as it is laid out on the page, not in the order it was drawn: quotes a PDF
writer draws in a second pass put back in their place, indents and paragraph spacing kept, a
table's cells apart and its rows on lines of their own, a bold copy read once, no character
lost where PDFium leaves one out; no stream expanded past its limit, noise from unmapped fonts
refused, PDFium called by one thread at a time (no database).

Two samples are real seeds as LibreOffice 7.4 prints them: each seed's paragraphs in a Word
document (16 pt, first lines indented two characters) converted to PDF with ``soffice
--convert-to pdf``; LibreOffice draws a line's Chinese in one font and then its curly quotes in
another.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from itertools import pairwise
from pathlib import Path

import pytest

from reports.indicators import extract_indicators
from reports.ingest import RejectedFile, parse_report_file
from reports.ingest.documents import NEEDS_OCR, pdf_text
from reports.ingest.wrapping import reflow
from tests.conftest import SAMPLES
from tests.readings import assert_read_alike
from tests.upload_samples import pdf_bytes, pdf_with_font_program_bytes, placed_pdf_bytes, unmapped_pdf_bytes

LIBREOFFICE_PDFS = sorted(SAMPLES.glob("*_libreoffice.pdf"))


def open_lines(seed: str) -> list[str]:
    """The first lines of a seed, 30 characters a line."""
    text = next(SAMPLES.glob(f"{seed}_*.txt")).read_text(encoding="utf-8")
    return [line[i : i + 30] for line in text.splitlines()[:20] for i in range(0, len(line), 30)]


@pytest.mark.parametrize("seed", ["000_0bf6173844fdf9f5", "002_93b0a848b4e38b69"])
def test_a_seed_printed_by_libreoffice_reads_as_its_text_with_its_quotes_in_place(seed):
    as_text = parse_report_file((SAMPLES / f"{seed}.txt").read_bytes(), filename=f"{seed}.txt")

    as_pdf = parse_report_file((SAMPLES / f"{seed}_libreoffice.pdf").read_bytes(), filename=f"{seed}.pdf")

    assert as_pdf.facts.title == as_text.facts.title
    assert_read_alike(as_pdf, as_text)
    # The text itself, but for the spaces the seed's own text has between Chinese words.
    assert as_pdf.page.text == re.sub(r"(?<=\S) (?=\S)", "", as_text.page.text)


def test_a_quote_drawn_between_a_figure_and_its_unit_is_read_in_its_place():
    # LibreOffice's way: the line's Chinese and digits first, gaps left for the quotes, which
    # come last in another font.
    line = [  # every character 10 points wide
        (40, 800, "新增市场主体"),
        (100, 800, "7032"),
        (140, 800, "户,开展"),
        (190, 800, "八五"),
        (220, 800, "普法。"),
        (180, 800, "“"),
        (210, 800, "”"),
    ]
    filler = [(40, 780 - 20 * row, "依法行政工作扎实推进,各项任务全面完成。") for row in range(4)]

    text = pdf_text(placed_pdf_bytes([line + filler]))

    assert text.startswith("新增市场主体7032户,开展“八五”普法。")


def test_indents_and_paragraph_spacing_part_lines_that_stop_short_of_the_margin():
    paragraph = "全面推进严格规范公正文明执法工作,深化行政执法体制改革工作"  # 29 characters
    first = (60, 800, paragraph[:19])  # indented two characters; stops short: its next word is long
    rest = (40, 786, paragraph[19:] + "。")
    spaced = (40, 758, "另起一段的文字写到这里为止,没有缩进。")  # after a blank line's space
    lines = [first, rest, (60, 772, "第二段缩进两个字的第一行。"), spaced]
    filler = [(40, 700 - 14 * row, "依法行政工作扎实推进,各项任务全面完成好。") for row in range(6)]

    text = pdf_text(placed_pdf_bytes([lines + filler]))

    assert text.split("\n")[:3] == [
        paragraph + "。",
        "第二段缩进两个字的第一行。",
        "另起一段的文字写到这里为止,没有缩进。",
    ]


def test_a_tables_rows_are_lines_of_their_own_with_their_cells_apart():
    # A Word table (labelled synthetic) printed by LibreOffice: cells apart by their padding only.
    text = pdf_text((SAMPLES / "synthetic_table_libreoffice.pdf").read_bytes())

    lines = text.split("\n")
    assert lines[lines.index("项目 | 2022年 | 2023年 | 增减") + 1 :][:4] == [
        "行政复议申请 | 52件 | 61件 | 增加9件",
        "行政诉讼案件 | 38件 | 35件 | 减少3件",
        # wrapped within its cell, 21.6 points under the row where rows are 31.5 apart
        "法律顾问审查合同 | 120份 | 146份 | 增加26份",
        "二、存在的问题",
    ]
    assert lines[-1] == (
        "一是法治宣传教育的针对性还不够强,二是基层执法人员的专业能力有待提高,三是行政复议案件审理周期偏长。"
    )


@pytest.mark.parametrize(
    ("sample", "total"),
    [
        ("synthetic_table_wrapped_cells_libreoffice.pdf", []),
        # the same table with every cell centred, and a row of totals with an empty cell
        ("synthetic_table_centred_cells_libreoffice.pdf", ["合计 | 210件 | 242件 |"]),
    ],
)
def test_text_wrapped_within_a_ruled_tables_cells_is_joined_to_its_cells(sample, total):
    # A Word table with borders (labelled synthetic) printed by LibreOffice: cells of the first
    # and last columns wrap onto two and three lines; centred, the other cells' lines lie between
    # those. The paragraph after the table is its own.
    text = pdf_text((SAMPLES / sample).read_bytes())

    lines = text.split("\n")
    assert lines[2 : 7 + len(total)] == [
        "项目 | 2022年 | 2023年 | 说明",
        "行政复议申请(含不予受理的申请) | 52件 | 61件 | 较上年增加9件,主要是征收补偿类案件增多",
        "行政诉讼案件 | 38件 | 35件 | 减少3件",
        "法律顾问审查政府合同及协议 | 120份 | 146份 | 增加26份",
        *total,
        "二、存在的问题",
    ]


def test_a_three_line_tables_rows_with_empty_cells_keep_their_figures_under_their_headers():
    # A Word table (labelled synthetic) ruled only above, below and under its header (三线表),
    # printed by LibreOffice; three rows have an empty cell. Without rules between the cells,
    # such a row was read with fewer cells than its header, so its figures left their columns
    # (38件 of 2022 was keyed as the year's suits, 146份 of 2023 was not).
    text = pdf_text((SAMPLES / "synthetic_table_three_line_empty_cells_libreoffice.pdf").read_bytes())

    assert [line.replace(" ", "") for line in text.split("\n")] == [
        "前言。",
        "项目|2022年|2023年|增减",
        "行政复议申请|52件|61件|增加9件",
        "行政诉讼案件|38件||减少3件",
        "法律顾问审查合同|120份|146份|",
        "合计|210件|242件|",
        "结尾。",
    ]
    keyed = [(i.figure, i.key) for i in extract_indicators(text) if i.key]
    assert keyed == [("61件", "reconsideration_received"), ("146份", "contracts_reviewed")]


def _table(
    rules: list[tuple[float, float, float, float]], second_line: float = 652, last_row: float = 634
) -> list[str]:
    """The first lines read from a table whose cells wrap, its borders drawn by ``rules``; the
    wrapped cells' second lines at ``second_line``, the row after them at ``last_row``."""
    # 10-point characters, gaps of two characters between cells. (PDFium leaves out a text of one
    # character in a font without outlines, as this one is: no cell here holds only one.)
    columns = (40, 140, 200, 260)

    def row(y: float, *cells: str) -> list[tuple[float, float, str]]:
        return [(x, y, cell) for x, cell in zip(columns, cells, strict=False) if cell]

    table = [
        *row(700, "项目", "2022年", "2023年", "增减"),
        *row(682, "行政复议申请", "52件", "61件", "增加9件"),
        *row(664, "法律顾问审查", "120份", "146份", "增加"),
        *row(second_line, "合同", "", "", "26份"),  # the same cells' second lines, 12 points below
        *row(last_row, "合计", "172件", "207件", ""),  # rows are 18 points apart
    ]
    prose = [(40, 600 - 20 * line, "依法行政工作扎实推进,各项任务全面完成。") for line in range(4)]
    return pdf_text(placed_pdf_bytes([table + prose], rules=rules)).split("\n")[:5]


def _across(*heights: float) -> list[tuple[float, float, float, float]]:
    return [(36, y, 310, y) for y in heights]


def _down(*xs: float) -> list[tuple[float, float, float, float]]:
    return [(x, 628, x, 712) for x in xs]


def _cell_by_cell(
    heights: tuple[float, ...], sides: tuple[float, ...]
) -> list[tuple[float, float, float, float]]:
    """A grid drawn as Word draws it: each cell's borders a rule of their own."""
    across = [(left, y, right, y) for y in heights for left, right in pairwise(sides)]
    down = [(x, bottom, x, top) for x in sides for top, bottom in pairwise(heights)]
    return across + down


@pytest.mark.parametrize(
    "grid",
    [
        _across(712, 694, 676, 646, 628) + _down(36, 134, 194, 254, 310),
        _cell_by_cell((712, 694, 676, 646, 628), (36, 134, 194, 254, 310)),
    ],
)
def test_a_ruled_tables_row_is_told_from_the_next_by_its_rules_not_by_spacing(grid):
    assert _table(grid)[:4] == [
        "项目 | 2022年 | 2023年 | 增减",
        "行政复议申请 | 52件 | 61件 | 增加9件",
        "法律顾问审查合同 | 120份 | 146份 | 增加26份",
        "合计 | 172件 | 207件 |",  # its empty cell kept, as a page's or a Word file's is
    ]


@pytest.mark.parametrize(
    "rules",
    [
        [],  # no borders
        _across(712, 628) + _down(36, 310),  # a box around the rows
        _across(712, 694, 628),  # a three-line table (三线表)
    ],
)
def test_without_rules_between_rows_a_line_closer_than_the_rows_is_the_row_above_wrapped(rules):
    # 12 points below the row, where rows are 18 apart: the cells' second lines
    assert _table(rules)[2:4] == [
        "法律顾问审查合同 | 120份 | 146份 | 增加26份",
        "合计 | 172件 | 207件 |",
    ]
    # as far below as the rows are apart, it is a row of its own, its cells under the columns
    assert _table(rules, second_line=646, last_row=628)[2:5] == [
        "法律顾问审查 | 120份 | 146份 | 增加",
        "合同 |  |  | 26份",
        "合计 | 172件 | 207件 |",
    ]


def test_a_line_of_prose_right_under_a_table_without_rules_is_not_read_as_its_last_row_wrapped():
    columns = (40, 140, 200, 260)
    rows = [
        ("项目", "2022年", "2023年", "增减"),
        ("行政复议申请", "52件", "61件", "增加9件"),
        ("行政诉讼案件", "38件", "35件", "减少3件"),
    ]
    table = [
        (x, 700 - 18 * number, cell)
        for number, row in enumerate(rows)
        for x, cell in zip(columns, row, strict=True)
    ]
    # 12 points under the last row, across the columns, as tightly as a wrapped cell's line
    prose = [(40, 652 - 12 * line, "依法行政工作扎实推进,各项任务全面完成。") for line in range(4)]

    lines = pdf_text(placed_pdf_bytes([table + prose])).split("\n")

    assert lines[2] == "行政诉讼案件 | 38件 | 35件 | 减少3件"
    assert lines[3].startswith("依法行政工作扎实推进")


def test_a_letter_drawn_twice_for_bold_is_read_once_but_letters_side_by_side_and_spaced_titles_stay():
    page = [
        (40, 800, "工作报告", 10),  # spaced out: a whole character between letters
        (40, 780, "法治政府建设"),
        (40.4, 780, "法治政府建设"),  # the same again, a little to the right: bold
        (40, 760, "https://www.example.gov.cn"),  # tt and // side by side
    ]
    filler = [(40, 740 - 20 * row, "依法行政工作扎实推进,各项任务全面完成。") for row in range(4)]

    text = pdf_text(placed_pdf_bytes([page + filler]))

    assert text.split("\n")[:3] == ["工作报告", "法治政府建设", "https://www.example.gov.cn"]


def test_a_character_pdfium_leaves_out_is_read_from_the_drawing_order():
    # A one-character text object in a font with no outline for it (neither embedded nor
    # installed) is not in PDFium's text: the page is read as pypdf finds it drawn.
    lines = ["依法行政工作扎实推进,各项任务全面完成。", "丁", "收到行政复议申请61件。"] * 3

    assert pdf_text(pdf_bytes(lines)).count("丁") == 3


def test_a_pdf_whose_font_program_expands_past_the_limit_is_refused_before_it_is_laid_out():
    lines = ["依法行政工作扎实推进,收到行政复议申请61件。"] * 5
    assert "61件" in pdf_text(pdf_with_font_program_bytes(lines, megabytes=1))

    with pytest.raises(RejectedFile, match="解压后过大"):
        pdf_text(pdf_with_font_program_bytes(lines, megabytes=100))


def test_a_pdf_whose_page_is_drawn_through_an_unknown_filter_is_refused_as_damaged():
    data = pdf_bytes(["依法行政工作扎实推进,收到行政复议申请61件。"] * 5)
    damaged = data.replace(b"/Filter /FlateDecode", b"/Filter /FlateDecodf")  # same length: offsets hold
    assert damaged != data

    with pytest.raises(RejectedFile, match="已损坏"):
        pdf_text(damaged)


def test_a_pdf_whose_fonts_map_its_codes_to_no_characters_needs_ocr_not_a_reading_of_noise():
    lines = open_lines("001")

    with pytest.raises(RejectedFile, match="乱码") as refused:
        pdf_text(unmapped_pdf_bytes(lines))

    assert refused.value.code == NEEDS_OCR
    assert "法治" in pdf_text(pdf_bytes(lines))  # the same lines with their map


def test_pdfs_laid_out_in_threads_side_by_side_read_as_one_by_one():
    # PDFium is not thread-safe: without one call at a time this program crashed (SIGSEGV) in
    # six runs of six. A crash must not take the test run with it: a subprocess.
    program = textwrap.dedent(
        f"""
        import os, sys, threading
        sys.path.insert(0, {str(Path.cwd())!r})
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "reportsite.settings")
        import django
        django.setup()
        from reports.ingest.pdf_layout import read_pages
        files = [open(path, "rb").read() for path in {[str(path) for path in LIBREOFFICE_PDFS]!r}]
        expected = [read_pages(data) for data in files]
        differing = []
        def read(index):
            for _ in range(24):
                if read_pages(files[index % 2]) != expected[index % 2]:
                    differing.append(index)
        threads = [threading.Thread(target=read, args=(index,)) for index in range(8)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        print("differing", len(differing))
        """
    )

    run = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=300)

    assert (run.returncode, run.stdout) == (0, "differing 0\n"), run.stderr[-2000:]


def test_a_measured_reach_decides_over_the_count_of_characters():
    # A justified line reaches the margin with fewer characters than a full line holds.
    full = "全面推进严格规范公正文明执法,深化行政执法体制改革。"
    justified = "新增市场主体7032户,其中企业"
    lines = [full, full, justified, "1200户。", full, full]

    assert reflow(lines)[1:3] == [justified, "1200户。"]
    assert reflow(lines, [25.0, 25.0, 25.0, 4.0, 25.0, 25.0])[1] == justified + "1200户。"
