"""Word 97–2003 (.doc) files: their text read from the piece table, or refused with the reason.

The samples were written by LibreOffice 7.4 ("MS Word 97" filter): a real seed as the importer
reads it, and labelled synthetic documents with a hyperlink field and a table, a tracked change,
numbered lists; and a seed whose headings are Word list paragraphs (made as a DOCX by
``test_word_numbering``'s recipe, then saved as .doc), their numbers in no text.
"""

from __future__ import annotations

import struct
from pathlib import Path

import olefile
import pytest

from reports.ingest import RejectedFile, parse_report_file
from reports.ingest.decoding import decode_report_bytes
from reports.ingest.word97 import ENCRYPTED, TOO_OLD, word97_text
from tests.conftest import SAMPLES
from tests.readings import assert_read_alike

SEED_DOC = SAMPLES / "004_78ed85b0c485cc82_word97.doc"
FIELDS_DOC = SAMPLES / "synthetic_word97_fields_table.doc"
# A tracked change (58 deleted, 61 inserted) and a hidden run, saved as .doc by LibreOffice 7.4.
TRACKED_DOC = SAMPLES / "synthetic_word97_tracked_hidden.doc"
# Paragraphs numbered by lists of 一、 (一) 1.; the (一) after the lead-in restarts, so LibreOffice
# wrote it, and the parts after it, as lists of their own (Word counts each list apart).
LISTS_DOC = SAMPLES / "synthetic_word97_list_numbers.doc"
# Twelve paragraphs of a heading style whose list is 一、.
STYLE_DOC = SAMPLES / "synthetic_word97_heading_style_numbers.doc"
NUMBERED_SEED_DOC = SAMPLES / "003_dc28648a02efcf17_word97_list_numbers.doc"
# A bordered table of four columns, cells centred, some wrapping, a total row with an empty cell.
TABLE_DOC = SAMPLES / "synthetic_word97_table.doc"


def test_a_seed_saved_as_word_97_reads_as_its_text_with_its_parts_and_figures():
    as_text = parse_report_file((SAMPLES / "004_78ed85b0c485cc82.txt").read_bytes(), filename="004.txt")

    as_doc = parse_report_file(SEED_DOC.read_bytes(), filename=SEED_DOC.name)

    assert (as_doc.facts.title, as_doc.facts.agency_name, as_doc.facts.year) == (
        as_text.facts.title,
        "重庆市綦江区人民政府",
        2021,
    )
    assert as_doc.page.text == as_text.page.text
    assert_read_alike(as_doc, as_text)


def test_a_fields_code_is_left_out_its_result_kept_and_a_tables_rows_are_lines():
    text = word97_text(FIELDS_DOC.read_bytes())

    assert "HYPERLINK" not in text and "详见区政府网站公开栏目。" in text
    assert "\n行政复议申请 | 61件\n依法受理 | 57件\n" in text  # each cell was a line of its own
    assert text.startswith("合成样本")


def test_a_tables_rows_are_read_as_a_pages_are_with_an_empty_cell_kept_in_its_place():
    lines = word97_text(TABLE_DOC.read_bytes()).split("\n")

    assert lines[2:8] == [
        "项目 | 2022年 | 2023年 | 说明",
        "行政复议申请(含不予受理的申请) | 52件 | 61件 | 较上年增加9件,主要是征收补偿类案件增多",
        "行政诉讼案件 | 38件 | 35件 | 减少3件",
        "法律顾问审查政府合同及协议 | 120份 | 146份 | 增加26份",
        "合计 | 210件 | 242件 |",
        "二、存在的问题",
    ]


def test_damaged_paragraph_formatting_leaves_a_tables_cells_as_lines(tmp_path):
    text = word97_text(_with_word_stream(tmp_path, _piece_table_read_as(_PAPX_PAIR), FIELDS_DOC))

    assert "\n行政复议申请\n61件\n\n依法受理\n57件\n\n" in text


def test_text_a_tracked_change_deleted_or_formatted_hidden_is_not_read():
    assert word97_text(TRACKED_DOC.read_bytes()).split("\n") == [
        "某某区司法局2023年法治政府建设情况报告",
        "全年办理行政复议案件61件。",  # not 5861件: 58 is deleted
        "隐藏之后。",  # 看不见的字 between them is hidden
        "",
    ]


def test_word_list_numbers_are_written_before_their_paragraphs_as_word_counts_them():
    assert word97_text(LISTS_DOC.read_bytes()).split("\n") == [
        "某某县2023年法治政府建设情况报告",
        "一、主要举措和成效",
        "(一)完善制度",
        "1.审查文件",
        "2.清理文件",
        "(二)严格执法",
        "2024年我局将重点抓好以下工作:",
        "(一)深化改革",
        "一、存在的不足",
        "(一)队伍建设不足",
        "全年办理行政复议案件12件。",
        "",
    ]


def test_a_heading_style_numbers_paragraphs_that_do_not_name_the_list_themselves(tmp_path):
    own_list = struct.pack("<H", 0x460B)  # sprmPIlfo: LibreOffice writes it on each paragraph too

    def keep_the_style_alone(stream: bytearray) -> None:
        assert stream.count(own_list) == 12
        stream[:] = stream.replace(own_list, struct.pack("<H", 0x4600))  # sprmPIstd: no list

    text = word97_text(_with_word_stream(tmp_path, keep_the_style_alone, STYLE_DOC))

    assert [line.split("、")[0] for line in text.split("\n") if line] == [
        "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二",
    ]  # fmt: skip


def test_a_seed_whose_headings_are_word_list_paragraphs_reads_as_its_text():
    as_text = parse_report_file((SAMPLES / "003_dc28648a02efcf17.txt").read_bytes(), filename="003.txt")

    as_doc = parse_report_file(NUMBERED_SEED_DOC.read_bytes(), filename=NUMBERED_SEED_DOC.name)

    assert_read_alike(as_doc, as_text)
    assert as_doc.page.text.count("\n(一)") >= 3  # the numbers are in the text, not only alike


def test_damaged_list_tables_leave_the_text_readable_without_numbers(tmp_path):
    text = word97_text(_with_word_stream(tmp_path, _piece_table_read_as(_LIST_OVERRIDES_PAIR), LISTS_DOC))

    assert text.split("\n")[:4] == [
        "某某县2023年法治政府建设情况报告",
        "主要举措和成效",
        "完善制度",
        "审查文件",
    ]


def test_a_damaged_formatting_table_leaves_the_text_readable(tmp_path):
    damaged = _with_word_stream(tmp_path, _piece_table_read_as(_CHPX_PAIR))

    assert word97_text(damaged) == word97_text(SEED_DOC.read_bytes())


# The FIB's (fc, lcb) pairs a damaged file may point anywhere: the character and paragraph
# formatting bin tables, the piece table, the list overrides.
_CHPX_PAIR, _PAPX_PAIR, _CLX_PAIR, _LIST_OVERRIDES_PAIR = 12, 13, 33, 74


def _piece_table_read_as(pair: int):
    """A change to a WordDocument stream pointing the FIB's ``pair`` at the piece table: that
    part of the file is then read from bytes of another kind, as in a damaged file."""

    def change(stream: bytearray) -> None:
        pairs = _fib_pairs_at(stream)
        clx = struct.unpack_from("<II", stream, pairs + 8 * _CLX_PAIR)
        struct.pack_into("<II", stream, pairs + 8 * pair, *clx)

    return change


def _fib_pairs_at(stream: bytearray) -> int:
    """Where the FIB's (fc, lcb) pairs start in a WordDocument stream."""
    at = 32  # FibBase
    (csw,) = struct.unpack_from("<H", stream, at)
    at += 2 + 2 * csw
    (cslw,) = struct.unpack_from("<H", stream, at)
    return at + 2 + 4 * cslw + 2


def _with_word_stream(tmp_path: Path, change, source: Path = SEED_DOC) -> bytes:
    """A sample document (the seed's by default) with its WordDocument stream changed in place
    (same length)."""
    copy = tmp_path / "changed.doc"
    copy.write_bytes(source.read_bytes())
    with olefile.OleFileIO(str(copy), write_mode=True) as ole:
        stream = bytearray(ole.openstream("WordDocument").read())
        change(stream)
        ole.write_stream("WordDocument", bytes(stream))
    return copy.read_bytes()


def test_a_password_protected_document_is_refused_as_encrypted(tmp_path):
    def encrypt(stream: bytearray) -> None:
        (flags,) = struct.unpack_from("<H", stream, 0x0A)
        struct.pack_into("<H", stream, 0x0A, flags | 0x0100)

    with pytest.raises(RejectedFile) as refused:
        decode_report_bytes(_with_word_stream(tmp_path, encrypt), filename="报告.doc")

    assert refused.value.reason == ENCRYPTED


def test_a_word_95_document_is_refused_as_too_old(tmp_path):
    def word_95(stream: bytearray) -> None:
        struct.pack_into("<H", stream, 2, 100)  # nFib of Word 95

    with pytest.raises(RejectedFile) as refused:
        decode_report_bytes(_with_word_stream(tmp_path, word_95), filename="报告.doc")

    assert refused.value.reason == TOO_OLD


@pytest.mark.parametrize(
    ("data", "reason_words"),
    [
        (SEED_DOC.read_bytes()[:3000], "损坏"),  # a download cut short
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000), "损坏"),
    ],
)
def test_a_damaged_doc_is_refused_as_damaged(data, reason_words):
    with pytest.raises(RejectedFile) as refused:
        decode_report_bytes(data, filename="报告.doc")

    assert reason_words in refused.value.reason and "Word" in refused.value.reason


def test_a_piece_table_pointing_past_the_stream_is_refused_not_read(tmp_path):
    def break_clx(stream: bytearray) -> None:
        struct.pack_into(
            "<II", stream, _fib_pairs_at(stream) + 8 * _CLX_PAIR, 0x7FFFFFF0, 64
        )  # fcClx far past the table

    with pytest.raises(RejectedFile) as refused:
        decode_report_bytes(_with_word_stream(tmp_path, break_clx), filename="报告.doc")

    assert "损坏" in refused.value.reason
