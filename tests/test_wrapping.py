"""Text wrapped at a page margin (a PDF's text layer, a text file copied out of one) back into the
report's paragraphs: lines at the margin joined, page numbers dropped, titles, headings, signatures
and indented paragraphs kept apart (no database)."""

from __future__ import annotations

from html import escape

import pytest

from reports.ingest.documents import pdf_text
from reports.ingest.pipeline import parse_report_file
from reports.ingest.wrapping import ColumnPlaces, hard_wrapped, reflow, table_row
from reports.ingest.wrapping import width as line_width
from tests.conftest import SAMPLES
from tests.readings import assert_read_alike
from tests.test_indicator_extract import HELDOUT
from tests.upload_samples import docx_bytes, pdf_bytes

WIDTH = 20
PROSE = "全面推进严格规范公正文明执法,深化行政执法体制改革工作。" * 3  # 84 characters


def wrapped(text: str, width: int = WIDTH) -> list[str]:
    """``text`` broken into lines as a renderer fills them: up to ``width`` Chinese characters'
    width, a digit or Latin letter taking half of one."""
    lines, line = [], ""
    for character in text:
        if line and line_width(line + character) > width:
            lines.append(line)
            line = ""
        line += character
    return [*lines, line]


def test_a_paragraph_running_over_a_page_break_stays_whole_with_its_figures():
    paragraph = (
        "全区上下齐用力,一是深化体制改革。下放304项区级事权到镇街,组织15个区级部门定期派驻指导培训工作。"
    )
    lines = wrapped(paragraph)
    assert lines[0].endswith("下放304") and lines[1].startswith("项")  # cut by margin and page break
    pages = [*wrapped(PROSE), lines[0], "- 1 -", *lines[1:], *wrapped(PROSE)]

    text = pdf_text(pdf_bytes(pages, lines_per_page=len(wrapped(PROSE)) + 2))

    assert text.split("\n") == [PROSE, paragraph, PROSE]


def test_a_signature_after_a_paragraph_ending_at_the_margin_keeps_its_lines():
    sentence = "依法办理各类行政复议案件,满足群众需求。"
    assert len(sentence) == WIDTH  # each line of the paragraph ends at the margin on a full stop

    assert reflow([*wrapped(PROSE), sentence, sentence, "某某县人民政府", "2024年1月23日"]) == [
        PROSE,
        sentence * 2,
        "某某县人民政府",
        "2024年1月23日",
    ]


def test_a_decimal_at_the_start_of_a_line_is_no_heading():
    before = "“可不见面”事项比例达"
    at_margin = PROSE[: WIDTH - len(before)] + before
    after = "87.86%,网上可办事项率92.29%。"  # "87." would read as the heading number of item 87

    assert reflow([*wrapped(PROSE), at_margin, after])[-1] == at_margin + after


def test_an_indented_first_line_starts_a_paragraph_even_after_a_line_at_the_margin():
    first = "\u3000\u3000" + PROSE[: WIDTH * 2 - 2]  # its last line ends at the margin
    second = "\u3000\u30002021年,我区在法治政府建设中也存在一些薄弱环节:一是基层力量不足。"

    paragraphs = reflow([*wrapped(PROSE), *wrapped(first), *wrapped(second)])

    assert paragraphs == [PROSE, first.strip(), second.strip()]


def test_lines_that_are_all_indented_mark_no_paragraphs():
    lines = ["  " + line for line in wrapped(PROSE)]

    assert reflow(lines) == [PROSE]


def test_a_title_at_the_margin_does_not_run_into_the_opening_sentence():
    title = "某某县司法局2023年度法治政府建设报告"
    assert len(title) == WIDTH
    opening = "2023年以来,我局坚持以习近平法治思想为指导,全面推进法治政府建设。"

    assert reflow([title, *wrapped(opening), *wrapped(PROSE)])[:2] == [title, opening]


def printed(seed: str, width: int) -> tuple[object, list[str]]:
    """The seed as read from its file, and as Word prints it: title, paragraphs indented two
    full-width spaces and wrapped at the margin, a page number at the foot of every 30 lines."""
    path = next(SAMPLES.glob(f"{seed}_*.txt"))
    as_text = parse_report_file(path.read_bytes(), filename=path.name)
    lines = [as_text.page.title or ""]
    for paragraph in as_text.page.text.split("\n"):
        lines += wrapped("\u3000\u3000" + paragraph, width)
    pages = []
    for start in range(0, len(lines), 30):
        pages += [*lines[start : start + 30], f"- {start // 30 + 1} -"]
    return as_text, pages


@pytest.mark.parametrize("width", [24, 28, 33])
@pytest.mark.parametrize("seed", ["001", "004"])
def test_a_seed_printed_to_pdf_reads_as_its_text_with_the_same_parts_and_figures(seed, width):
    as_text, pages = printed(seed, width)

    as_pdf = parse_report_file(pdf_bytes(pages, lines_per_page=31), filename=f"{seed}.pdf")

    assert as_pdf.page.text == as_text.page.text
    assert_read_alike(as_pdf, as_text)


@pytest.mark.parametrize("width", [24, 36])
@pytest.mark.parametrize("seed", ["000", "004"])
def test_a_seed_copied_out_of_its_pdf_into_a_text_file_reads_as_its_text(seed, width):
    as_text, pages = printed(seed, width)

    assert hard_wrapped(pages)
    as_file = parse_report_file("\n".join(pages).encode(), filename=f"{seed}.txt")

    assert as_file.page.text == as_text.page.text
    assert_read_alike(as_file, as_text)


@pytest.mark.parametrize("markup", ["<p>{}</p>", "{}<br>"])
@pytest.mark.parametrize("seed", ["000", "004"])
def test_a_seed_pasted_from_its_pdf_into_a_web_page_a_line_at_a_time_reads_as_its_text(seed, markup):
    as_text, pages = printed(seed, 24)
    lines = "".join(markup.format(escape(line)) for line in pages)
    page = (
        f"<html><head><title>{escape(as_text.page.title)}</title></head><body>"
        f"<div>首页 &gt; 政务公开 &gt; 法治政府建设</div><div class='article'>{lines}</div>"
        "<div>主办:某某区人民政府办公室</div></body></html>"
    )

    as_page = parse_report_file(page.encode(), filename=f"{seed}.html")

    assert as_page.page.text == as_text.page.text
    assert_read_alike(as_page, as_text)


def test_no_text_with_a_paragraph_on_each_line_is_taken_for_a_wrapped_one():
    texts = [*SAMPLES.glob("*.txt"), *HELDOUT.glob("set*/texts/*.txt")]
    assert len(texts) > 2000

    wrapped_ones = [path.name for path in texts if hard_wrapped(path.read_text(encoding="utf-8").split("\n"))]

    assert wrapped_ones == []


def test_a_word_file_converted_from_a_pdf_a_paragraph_per_printed_line_reads_as_its_text():
    as_text, pages = printed("004", 28)

    as_word = parse_report_file(docx_bytes(pages), filename="004.docx")

    assert as_word.page.text == as_text.page.text
    assert_read_alike(as_word, as_text)


@pytest.mark.parametrize(
    ("cells", "line"),
    [
        ([["行政复议申请"], ["61件"]], "行政复议申请 | 61件"),
        ([["合计"], ["210件"], []], "合计 | 210件 |"),  # an empty cell keeps its place
        ([[], []], ""),  # an empty row: no line
        ([["一、主要举措", "全年办理案件61件。"], ["附图"]], None),  # a layout table: line by line
    ],
)
def test_a_table_row_is_one_line_only_when_each_cell_holds_one_line_at_most(cells, line):
    assert table_row(cells) == line


def test_a_tables_cells_are_placed_in_the_columns_all_its_rows_edges_part():
    # edges of a table with a cell merged across (数量) and one merged down (行政复议, whose
    # second row starts at its right edge); 0.5 apart is the same edge
    rows = [(0, 20, 40, 80), (0, 20, 40.5, 60, 80), (20, 40, 60, 80)]
    places = ColumnPlaces(rows, same=1)

    assert places.cells(["类别", "项目", "数量"], rows[0]) == ["类别", "项目", "数量", ""]
    assert places.cells(["行政复议", "收到申请", "52件", "61件"], rows[1]) == [
        "行政复议",
        "收到申请",
        "52件",
        "61件",
    ]
    assert places.cells(["办结", "47件", "58件"], rows[2]) == ["", "办结", "47件", "58件"]
    # edges that do not part the cells leave them as they are
    assert places.cells(["a", "b"], (0, 80)) == ["a", "b"]
    assert places.cells(["a", "b"], (0, 0.2, 80)) == ["a", "b"]
