"""Word 97–2003 binary documents (.doc; a WPS .wps file when it holds such a document) → text.

Such a file is an OLE compound file (read with olefile). Its text lies in the ``WordDocument``
stream in pieces that the piece table lists: the CLX, in the ``0Table`` or ``1Table`` stream as
the file information block (FIB) at the start of ``WordDocument`` says. Each piece is a run of
characters stored as UTF-16 or, "compressed", one Windows-1252 byte each. The main document is
the first ``ccpText`` characters; footnotes, headers and text boxes follow and are left out, as
is text that a tracked change deleted or that is formatted hidden (``word97_formatting``).
Field codes (HYPERLINK …, PAGE) are dropped and the results they show kept; paragraph, line,
cell and page marks become line breaks.

Numbers of Word's own numbered lists are not in this text (as in a DOCX, the list is only
referenced); ``word97_formatting`` reads the lists and each paragraph's place in them, and the
numbers are written back before their paragraphs, as Word shows them.
"""

from __future__ import annotations

import io
import re
import struct
from bisect import bisect_right
from typing import NamedTuple

import olefile

from .errors import DOWNLOAD_AGAIN, RejectedFile
from .word97_formatting import Paragraphs, read_numbering, read_paragraphs, unseen_runs
from .word_numbering import WordNumbering
from .wrapping import ColumnPlaces, table_row

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
CORRUPT = f"Word 97-2003 文档已损坏,无法读取:{DOWNLOAD_AGAIN} (corrupt doc)"
ENCRYPTED = "Word 97-2003 文档已加密,请提供未加密的版本或另存为 DOCX (encrypted doc)"
TOO_OLD = "Word 6.0/95 文档格式过旧,请在 Word 中另存为 DOCX 后上传 (word 95 doc)"

_WORD_IDENT = 0xA5EC
_MIN_WORD97_FIB = 101  # nFib below it: Word 6 and 95, another layout
_ENCRYPTED = 0x0100
_TABLE_1 = 0x0200  # fWhichTblStm: the piece table is in 1Table, else in 0Table
# Parts of the table stream, by their (fc, lcb) pair in FibRgFcLcb97: the style sheet, the bin
# tables of character and paragraph formatting, the piece table, the lists and their overrides.
_STYLES_PAIR = 1
_CHPX_PAIR = 12
_PAPX_PAIR = 13
_CLX_PAIR = 33
_LISTS_PAIR = 73
_LIST_OVERRIDES_PAIR = 74
_CCP_TEXT = 3  # ccpText: the 4th 32-bit value of FibRgLw97
_COMPRESSED = 0x40000000
_FC_MASK = 0x3FFFFFFF

# Marks in the text: paragraph end, line break, page or section break, cell or row end.
_BREAKS = {"\r": "\n", "\x0b": "\n", "\x0c": "\n", "\x07": "\n", "\x1e": "-"}
_PARAGRAPH_END = re.compile("[\r\x07]")  # a paragraph's mark, or a table cell's
_CELL_MARK = "\x07"
# Stand-ins for a table's marks until its rows are read (control characters Word does not use).
# A row's end mark is written with the row's number, \x1d12\x1d: its cells' spans are found by it.
_ROW_START, _CELL_END, _ROW_END = "\x1b", "\x1c", "\x1d"
_TABLE_ROW = re.compile(f"{_ROW_START}(.*?){_ROW_END}(\\d+){_ROW_END}", re.DOTALL)
_LEFT_ROW_END = re.compile(f"{_ROW_END}\\d+{_ROW_END}")
_KEPT_CONTROLS = frozenset({"\t", "\n", _ROW_START, _CELL_END, _ROW_END})
# Cell edges of the rows of a table this close (twips) are one column's edge.
_SAME_EDGE = 30
_FIELD_BEGIN, _FIELD_SEPARATOR, _FIELD_END = "\x13", "\x14", "\x15"
_WORD_STREAM_NAME = "WordDocument".encode("utf-16-le")  # as the OLE directory writes it


def is_word97(data: bytes) -> bool:
    """Whether the bytes are an OLE file whose directory names a Word document stream (not a
    spreadsheet or slides); whether that stream can be read is ``word97_text``'s to say."""
    return data.startswith(OLE_SIGNATURE) and _WORD_STREAM_NAME in data


def word97_text(data: bytes) -> str:
    """The main document's text, one paragraph per line, or ``RejectedFile`` saying why not."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            word = ole.openstream("WordDocument").read()
            ident, version = struct.unpack_from("<HH", word, 0)
            if ident != _WORD_IDENT:
                raise RejectedFile(CORRUPT)
            if version < _MIN_WORD97_FIB:
                raise RejectedFile(TOO_OLD)
            (flags,) = struct.unpack_from("<H", word, 0x0A)
            if flags & _ENCRYPTED:
                raise RejectedFile(ENCRYPTED)
            table_name = "1Table" if flags & _TABLE_1 else "0Table"
            table = ole.openstream(table_name).read()
    except RejectedFile:
        raise
    except Exception:  # a damaged directory, FAT or stream, whatever olefile or struct raises
        raise RejectedFile(CORRUPT) from None
    try:
        fib = _fib(word)
        text, places = _pieces(word, fib.part(table, _CLX_PAIR))
    except (struct.error, IndexError, ValueError):
        raise RejectedFile(CORRUPT) from None
    text, places = text[: fib.characters], places[: fib.characters]
    try:
        unseen = unseen_runs(word, fib.part(table, _CHPX_PAIR))
    except (struct.error, IndexError, ValueError):
        unseen = []  # damaged formatting: the text is still there to read
    try:
        paragraphs = read_paragraphs(word, fib.part(table, _PAPX_PAIR), fib.part(table, _STYLES_PAIR))
    except (struct.error, IndexError, ValueError):
        paragraphs = None  # damaged: no list numbers, a table's cells read as lines
    try:
        lists_at, lists_size = fib.locate(_LISTS_PAIR)
        numbering = read_numbering(table[lists_at:], lists_size, fib.part(table, _LIST_OVERRIDES_PAIR))
    except (struct.error, IndexError, ValueError, UnicodeDecodeError):
        numbering = None  # damaged lists: the text reads without their numbers
    before, marks, row_edges, row_columns = _paragraph_marks(text, places, unseen, paragraphs, numbering)
    shown: list[str] = []
    previous = 0
    for at in [*sorted(before.keys() | marks.keys()), len(text)]:
        shown.append(_seen(text[previous:at], places[previous:at], unseen))
        shown.append(before.get(at, "") + marks.get(at, ""))
        previous = at + 1 if at in marks else at
    return _table_rows(_visible("".join(shown)), row_edges, row_columns)


def _seen(text: str, places: list[int], unseen: list[tuple[int, int]]) -> str:
    """``text`` without the characters in unseen runs."""
    if not unseen:
        return text
    return "".join(
        character for character, place in zip(text, places, strict=False) if not _within(unseen, place)
    )


class _Fib(NamedTuple):
    characters: int  # ccpText: the main document's length
    pairs: list[tuple[int, int]]  # FibRgFcLcb: (fc, lcb) of each part in the table stream

    def locate(self, pair: int) -> tuple[int, int]:
        """Where a part starts in the table stream and its size ((0, 0) when the FIB has no
        such pair)."""
        return self.pairs[pair] if pair < len(self.pairs) else (0, 0)

    def part(self, table: bytes, pair: int) -> bytes:
        at, size = self.locate(pair)
        return table[at : at + size]


def _fib(word: bytes) -> _Fib:
    """What the FIB says of the text and its formatting; it states its parts' lengths itself."""
    at = 32  # FibBase
    (csw,) = struct.unpack_from("<H", word, at)
    at += 2 + 2 * csw  # fibRgW
    (cslw,) = struct.unpack_from("<H", word, at)
    lw_at = at + 2
    (characters,) = struct.unpack_from("<i", word, lw_at + 4 * _CCP_TEXT)
    at = lw_at + 4 * cslw
    (pairs,) = struct.unpack_from("<H", word, at)
    if pairs <= _CLX_PAIR or characters < 0:
        raise ValueError("no piece table")
    values = struct.unpack_from(f"<{2 * pairs}I", word, at + 2)
    return _Fib(characters, list(zip(values[::2], values[1::2], strict=True)))


def _paragraph_marks(
    text: str,
    places: list[int],
    unseen: list[tuple[int, int]],
    paragraphs: Paragraphs | None,
    numbering: WordNumbering | None,
) -> tuple[dict[int, str], dict[int, str], list[tuple[int, ...]], list[ColumnPlaces]]:
    """What goes before paragraphs (by the index in ``text`` where they begin): Word's list
    numbers, counted in document order (not a paragraph whose mark a tracked change deleted),
    and the start of a table row; what stands for a table's marks (by their index): a cell's
    end or a row's, for ``_table_rows``; and each row's cell edges and its table's columns, by
    the row's number."""
    before: dict[int, str] = {}
    marks: dict[int, str] = {}
    row_edges: list[tuple[int, ...]] = []
    row_tables: list[int] = []  # each row's table: rows of one table follow each other
    start, in_row, after_row, table = 0, False, False, 0
    for end in _PARAGRAPH_END.finditer(text):
        index = end.start()
        facts = paragraphs.at(places[index]) if paragraphs is not None else None
        if facts is not None:
            label = ""
            if numbering is not None and facts.list is not None and not _within(unseen, places[index]):
                label = numbering.count(str(facts.list.lfo), facts.list.level)
            if facts.row_end:
                marks[index] = f"{_ROW_END}{len(row_edges)}{_ROW_END}"
                row_edges.append(facts.cell_edges)
                row_tables.append(table)
                in_row = False
            elif facts.in_table:
                if not in_row:
                    label, in_row = _ROW_START + label, True
                    table += not after_row
                if text[index] == _CELL_MARK:
                    marks[index] = _CELL_END
            if label:
                before[start] = label
            after_row = facts.row_end
        start = index + 1
    return before, marks, row_edges, _row_places(row_edges, row_tables)


def _row_places(row_edges: list[tuple[int, ...]], row_tables: list[int]) -> list[ColumnPlaces]:
    """Each row's table's columns, by the row's number: a table is rows that follow each other."""
    tables = {
        table: ColumnPlaces(
            [edges for edges, of in zip(row_edges, row_tables, strict=True) if of == table], _SAME_EDGE
        )
        for table in set(row_tables)
    }
    return [tables[table] for table in row_tables]


def _table_rows(text: str, row_edges: list[tuple[int, ...]], row_columns: list[ColumnPlaces]) -> str:
    """Each table row of one-line cells as one line with its cells apart (a | b | c), as a web
    page's rows are read, its cells placed in its table's columns (a cell merged across
    columns, a wider cell in a .doc, followed by empty cells, as a page's colspan is); a row
    whose cells hold several paragraphs (a layout table) as its paragraphs, a line each, and an
    empty line for its end, as Word's marks read."""

    def row(match: re.Match[str]) -> str:
        *cells, rest = match.group(1).split(_CELL_END)  # each cell ends with its mark
        cells += [rest] if rest.strip() else []
        number = int(match.group(2))
        columns = row_columns[number].cells(cells, row_edges[number]) if number < len(row_edges) else cells
        line = table_row([[line for line in cell.split("\n") if line.strip()] for cell in columns])
        if line is None:
            return "".join(cell + "\n" for cell in cells) + "\n"
        return line + "\n" if line else ""

    text = _TABLE_ROW.sub(row, text)
    # What a damaged table leaves: marks as line breaks, as Word's read.
    return _LEFT_ROW_END.sub("\n", text).replace(_ROW_START, "").replace(_CELL_END, "\n")


def _within(runs: list[tuple[int, int]], place: int) -> bool:
    index = bisect_right(runs, (place, 1 << 32)) - 1
    return index >= 0 and runs[index][0] <= place < runs[index][1]


def _pieces(word: bytes, clx: bytes) -> tuple[str, list[int]]:
    """The characters of every piece the CLX's piece table lists, in order, and where each
    character is in the WordDocument stream (its formatting is looked up by that place)."""
    at = 0
    while at < len(clx) and clx[at] == 0x01:  # Prc: formatting, skipped
        (size,) = struct.unpack_from("<H", clx, at + 1)
        at += 3 + size
    if at >= len(clx) or clx[at] != 0x02:
        raise ValueError("no Pcdt")
    (size,) = struct.unpack_from("<I", clx, at + 1)
    table = clx[at + 5 : at + 5 + size]
    count = (len(table) - 4) // 12
    if count < 1:
        raise ValueError("no piece")
    positions = struct.unpack_from(f"<{count + 1}I", table, 0)
    parts: list[str] = []
    places: list[int] = []
    for index in range(count):
        (raw,) = struct.unpack_from("<I", table, 4 * (count + 1) + 8 * index + 2)
        length = positions[index + 1] - positions[index]
        offset = raw & _FC_MASK
        if raw & _COMPRESSED:
            start = offset // 2
            piece = word[start : start + length].decode("cp1252", errors="replace")
            places.extend(range(start, start + len(piece)))
        else:
            piece = word[offset : offset + 2 * length].decode("utf-16-le", errors="replace")
            places.extend(range(offset, offset + 2 * len(piece), 2))
        parts.append(piece)
    return "".join(parts), places


def _visible(text: str) -> str:
    """What Word shows: field results without their codes, marks as line breaks, no objects."""
    shown: list[str] = []
    fields: list[bool] = []  # per open field: whether its result (after the separator) is reached
    for character in text:
        if character == _FIELD_BEGIN:
            fields.append(False)
        elif character == _FIELD_SEPARATOR:
            if fields:
                fields[-1] = True
        elif character == _FIELD_END:
            if fields:
                fields.pop()
        elif all(fields):
            character = _BREAKS.get(character, character)
            if character >= " " or character in _KEPT_CONTROLS:
                shown.append(character)
    return "".join(shown)
