"""Word's list numbers (一、 (一) 1. that nobody typed) written into a DOCX report's text (no database)."""

from __future__ import annotations

import re

import pytest

from reports.ingest.documents import docx_text
from reports.ingest.pipeline import parse_report_file
from reports.ingest.sections.grammar import fold, match_number
from tests.conftest import SAMPLES
from tests.readings import assert_read_alike
from tests.upload_samples import numbered_docx_bytes, with_broken_deflate


def test_list_numbers_count_per_level_and_restart_below_a_new_part():
    paragraphs = [
        ("某某县2023年法治政府建设情况报告", None),
        ("主要举措和成效", 0),
        ("完善制度", 1),
        ("审查文件", 2),
        ("清理文件", 2),
        ("严格执法", 1),
        ("存在的不足", 0),
        ("队伍建设不足", 1),
        ("全年办理行政复议案件12件。", None),
    ]

    lines = docx_text(numbered_docx_bytes(paragraphs)).split("\n")

    assert lines == [
        "某某县2023年法治政府建设情况报告",
        "一、主要举措和成效",
        "(一)完善制度",
        "1.审查文件",
        "2.清理文件",
        "(二)严格执法",
        "二、存在的不足",
        "(一)队伍建设不足",
        "全年办理行政复议案件12件。",
    ]


def test_a_restarted_list_counts_its_level_again_and_the_parts_above_go_on():
    paragraphs = [
        ("主要举措", 0),
        ("完善制度", 1),
        ("严格执法", 1),
        ("2024年我局将重点抓好以下工作:", None),
        ("深化改革", 1),  # "restart numbering": a new list of the same definition
        ("存在的不足", 0),
    ]

    lines = docx_text(numbered_docx_bytes(paragraphs, restarts=frozenset({4}))).split("\n")

    assert lines == [
        "一、主要举措",
        "(一)完善制度",
        "(二)严格执法",
        "2024年我局将重点抓好以下工作:",
        "(一)深化改革",
        "二、存在的不足",
    ]


def test_a_style_numbers_its_paragraphs_and_counts_beyond_ten():
    paragraphs = [(f"第{index}部分", 0) for index in range(1, 13)]

    lines = docx_text(numbered_docx_bytes(paragraphs, heading_style_level=0)).split("\n")

    assert [line.split("、")[0] for line in lines] == [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("number_format", "pattern", "first", "second"),
    [
        ("decimal", "%1.", "1.", "2."),
        ("decimalEnclosedCircle", "%1", "① ", "② "),
        ("ideographTraditional", "%1、", "甲、", "乙、"),
        ("chineseLegalSimplified", "%1、", "壹、", "贰、"),
        ("bullet", "●", "", ""),  # a bullet is no number: left out
        ("upperRoman", "%1.", "1.", "2."),  # formats these reports do not use count in decimals
    ],
)
def test_number_formats(number_format, pattern, first, second):
    text = docx_text(numbered_docx_bytes([("甲项", 0), ("乙项", 0)], levels=((number_format, pattern),)))

    assert text.split("\n") == [f"{first}甲项", f"{second}乙项"]


def test_a_document_without_numbering_definitions_reads_as_before():
    data = numbered_docx_bytes([("一、主要举措", None), ("全年办理案件12件。", None)])

    assert docx_text(data) == "一、主要举措\n全年办理案件12件。"


@pytest.mark.parametrize("seed", ["001", "004"])
def test_a_seed_whose_headings_word_numbered_reads_as_its_text(seed):
    """The seed as a Word file whose 一、 (一) 1. headings are list paragraphs, their numbers gone
    from the text: the same parts and figures as the seed itself."""
    path = next(SAMPLES.glob(f"{seed}_*.txt"))
    as_text = parse_report_file(path.read_bytes(), filename=path.name)
    levels = {"cn": 0, "paren_cn": 1, "arabic": 2}
    paragraphs: list[tuple[str, int | None]] = [(as_text.page.title or "", None)]
    restarts: set[int] = set()
    seen: dict[int, int] = {}  # level → the last number met at it, under the same parent
    for line in as_text.page.text.split("\n"):
        found = match_number(fold(line))
        if found is None or found.style not in levels:
            paragraphs.append((line, None))
            continue
        level = levels[found.style]
        if found.ordinal == 1 and level in seen:
            restarts.add(len(paragraphs))  # (一) again after a lead-in: "restart numbering"
        seen = {deeper: number for deeper, number in seen.items() if deeper < level} | {level: found.ordinal}
        paragraphs.append((line[found.number_end :], level))
    assert sum(level is not None for _, level in paragraphs) >= 10

    data = numbered_docx_bytes(paragraphs, restarts=frozenset(restarts))
    as_word = parse_report_file(data, filename=f"{seed}.docx")

    assert_read_alike(as_word, as_text)
    assert re.search(r"^一、", as_word.page.text, re.MULTILINE)


def test_a_damaged_numbering_part_leaves_the_text_readable_without_its_numbers():
    data = with_broken_deflate(
        numbered_docx_bytes([("主要举措", 0), ("全年办理案件12件。", None)]), "word/numbering.xml"
    )

    assert docx_text(data) == "主要举措\n全年办理案件12件。"
