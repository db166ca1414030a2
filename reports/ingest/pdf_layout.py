"""A PDF page's text as it is printed: its lines top to bottom, each line's characters left to
right, read from where PDFium places every character.

A text layer read in the order of its drawing commands (pypdf's, or PDFium's own text) is out of
order wherever a PDF writer draws a line in several passes: LibreOffice draws a line's Chinese
first and then, in another font, its curly quotes, so 深入实施“八五”普法规划 comes out as
深入实施 八五 普法规划 “ ” and a quote can land between a figure and its unit. Placing the
characters by their positions puts every quote back, drops the second copy of a character
drawn twice for a bold effect, and shows what the drawing order hides: how far a line is
indented (written as full-width spaces, a paragraph's first line) and where a paragraph is
followed by extra space (written as an empty line), which ``wrapping.reflow`` reads.

PDFium (``pypdfium2``) decodes what the page needs without output limits, so ``documents``
checks the file's streams with pypdf first; and it is not thread-safe, so one document is read
at a time.
"""

from __future__ import annotations

import ctypes
import math
import threading
from bisect import bisect
from collections import Counter
from dataclasses import dataclass, replace
from itertools import pairwise
from statistics import median
from typing import NamedTuple
from unicodedata import east_asian_width

from .wrapping import CELL_SEPARATOR, ColumnPlaces

# Baselines closer than this (times the font size) are one printed line.
_SAME_LINE = 0.45
# A gap wider than this between two Latin letters or digits is a space between words.
_WORD_GAP = 0.15
# A gap this wide parts a table's cells (a cell's padding either side of its rule: 0.75 of a
# character at 16 pt; prose has none above 0.45).
_CELL_GAP = 0.6
# A character drawn again within this share of its width is a bold effect, not text (tt in
# https is two letters: the second starts a whole width on).
_OVERPRINT = 0.3
# A line closer than this share of its table's spacing between rows to the row above is that
# row's cells wrapped (a cell's padding parts rows; LibreOffice: 21.6 against 31.5 points).
_WRAPPED_LINE = 0.8
# Space between two lines beyond this many times the page's usual line spacing ends a paragraph.
_PARAGRAPH_GAP = 1.6
# A table's rules: drawn things at most this thick (points) and at least this long; rules
# meet within this much of each other and of the text they enclose.
_RULE_THICKNESS = 2.5
_RULE_LENGTH = 10.0
_RULE_SLACK = 2.0
_INDENT_MARK = "\u3000"


class PrintedLine(NamedTuple):
    """A line as printed: its text, and how far it reaches from the page's left margin in widths
    of its own characters (a Chinese character's), when the layout is known."""

    text: str
    reach: float | None = None


@dataclass(frozen=True, slots=True)
class _Glyph:
    char: str
    x: float  # where the character starts
    right: float
    baseline: float
    size: float

    @property
    def advance(self) -> float:
        return self.right - self.x


class PageReading(NamedTuple):
    """A page's printed lines, and how many of its characters its fonts map to no character at
    all (a font without a ToUnicode map: what is read from those is noise)."""

    lines: list[PrintedLine]
    unmapped: int


# PDFium is not thread-safe, not even across documents: one call at a time in the process
# (a web server's threads may import uploads side by side).
_PDFIUM = threading.Lock()


def read_pages(data: bytes) -> list[PageReading] | None:
    """Every page of the PDF ``data`` as laid out (``read_page``), or None when PDFium cannot
    read it."""
    import pypdfium2 as pdfium

    with _PDFIUM:
        try:
            document = pdfium.PdfDocument(data)
        except pdfium.PdfiumError:
            return None
        try:
            readings = []
            for page in document:
                try:
                    readings.append(read_page(page))
                finally:
                    page.close()
            return readings
        except pdfium.PdfiumError:
            return None
        finally:
            document.close()


def read_page(page) -> PageReading:
    """The printed lines of ``page`` (a ``pypdfium2.PdfPage``), top to bottom; an indented line
    starts with a full-width space per character width of indent, and an empty line stands
    where a paragraph is followed by extra space. A page whose text runs at an angle (a table
    turned sideways) is given in its drawing order, without reaches."""
    textpage = page.get_textpage()
    try:
        glyphs, turned, unmapped = _glyphs(textpage)
        if turned * 2 > len(glyphs):
            text = textpage.get_text_range().replace("\r\n", "\n")
            return PageReading([PrintedLine(line) for line in text.split("\n")], unmapped)
    finally:
        textpage.close()
    return PageReading(_laid_out(_lines(glyphs), _rules(page)), unmapped)


def _rules(page) -> _Rules:
    """The rules drawn on the page (a table's borders): thin paths, long across or down, those
    on one line that meet joined (Word draws each cell's borders apart)."""
    import pypdfium2.raw as pdfium_c

    across, down = [], []
    edges = [ctypes.c_float() for _ in range(4)]
    # The raw calls: wrapping every text object of the page to find its few paths took a fifth
    # of the page's reading time.
    for index in range(pdfium_c.FPDFPage_CountObjects(page.raw)):
        drawn = pdfium_c.FPDFPage_GetObject(page.raw, index)
        if pdfium_c.FPDFPageObj_GetType(drawn) != pdfium_c.FPDF_PAGEOBJ_PATH:
            continue
        if not pdfium_c.FPDFPageObj_GetBounds(drawn, *(ctypes.byref(edge) for edge in edges)):
            continue
        left, bottom, right, top = (edge.value for edge in edges)
        if top - bottom <= _RULE_THICKNESS and right - left >= _RULE_LENGTH:
            across.append(_Rule((top + bottom) / 2, left, right))
        elif right - left <= _RULE_THICKNESS and top - bottom >= _RULE_LENGTH:
            down.append(_Rule((left + right) / 2, bottom, top))
    return _Rules(_joined_rules(across), _joined_rules(down))


def _joined_rules(rules: list[_Rule]) -> list[_Rule]:
    joined: list[_Rule] = []
    for rule in sorted(rules, key=lambda rule: (round(rule.at), rule.start)):
        last = joined[-1] if joined else None
        if last and abs(last.at - rule.at) <= _RULE_THICKNESS and rule.start <= last.end + _RULE_SLACK:
            joined[-1] = _Rule(last.at, last.start, max(last.end, rule.end))
        else:
            joined.append(rule)
    return joined


class _Rule(NamedTuple):
    at: float  # the height of a rule across the page, the x of a rule down it
    start: float  # and where it starts and ends (left to right, bottom to top)
    end: float


class _Rules(NamedTuple):
    across: list[_Rule]
    down: list[_Rule]


def _glyphs(textpage) -> tuple[list[_Glyph], int, int]:
    """The characters drawn on the page (not those PDFium adds between words and lines), how
    many of them are turned and how many have no character mapped to them."""
    import pypdfium2.raw as pdfium_c

    handle = textpage.raw
    x, y, box = ctypes.c_double(), ctypes.c_double(), pdfium_c.FS_RECTF()
    glyphs: list[_Glyph] = []
    turned = unmapped = 0
    for index in range(pdfium_c.FPDFText_CountChars(handle)):
        code = pdfium_c.FPDFText_GetUnicode(handle, index)
        if (
            pdfium_c.FPDFText_IsGenerated(handle, index) == 1
            or code < 0x20
            or 0xD800 <= code <= 0xDFFF
            or code == 0xFFFE
        ):
            continue
        angle = pdfium_c.FPDFText_GetCharAngle(handle, index)
        if 0.05 < angle < 2 * math.pi - 0.05:
            turned += 1
        if pdfium_c.FPDFText_HasUnicodeMapError(handle, index) == 1:
            unmapped += 1
        pdfium_c.FPDFText_GetCharOrigin(handle, index, x, y)
        pdfium_c.FPDFText_GetLooseCharBox(handle, index, box)
        size = pdfium_c.FPDFText_GetFontSize(handle, index) or (box.top - box.bottom) or 1.0
        glyphs.append(_Glyph(chr(code), x.value, max(box.right, x.value), y.value, size))
    return glyphs, turned, unmapped


@dataclass(slots=True)
class _Line:
    baseline: float
    size: float
    glyphs: list[_Glyph]


def _lines(glyphs: list[_Glyph]) -> list[_Line]:
    """The glyphs gathered into printed lines by their baselines, top line first, each line's
    glyphs left to right."""
    lines: list[_Line] = []
    for glyph in sorted(glyphs, key=lambda glyph: -glyph.baseline):
        current = lines[-1] if lines else None
        if current and current.baseline - glyph.baseline <= _SAME_LINE * max(current.size, glyph.size):
            current.glyphs.append(glyph)
        else:
            lines.append(_Line(glyph.baseline, glyph.size, [glyph]))
    for line in lines:
        line.glyphs.sort(key=lambda glyph: glyph.x)
        line.size = median(glyph.size for glyph in line.glyphs)
    return lines


def _laid_out(lines: list[_Line], rules: _Rules) -> list[PrintedLine]:
    """Each line's text and reach, with its indent and the paragraph spacing before it marked;
    the lines of a row of a ruled table as one line, cell by cell (``_ruled_rows``)."""
    if not lines:
        return []
    margin = Counter(round(line.glyphs[0].x) for line in lines).most_common(1)[0][0]
    pitches = [above.baseline - below.baseline for above, below in pairwise(lines)]
    pitch = median(pitches) if pitches else 0.0
    rows = _ruled_rows(lines, rules)
    unruled = _unruled_texts(lines, rows)
    out: list[PrintedLine] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if index and pitch and pitches[index - 1] > _PARAGRAPH_GAP * pitch:
            out.append(PrintedLine("", 0.0))
        indent = _INDENT_MARK * max(int((line.glyphs[0].x - margin) / line.size + 0.25), 0)
        row = rows.get(index)
        members = lines[index : index + len(row.lines)] if row else [line]
        text = row.text() if row else unruled[index]
        if text is None:  # a table row's cells wrapped, read with the row
            index += 1
            continue
        reach = max(
            (max(glyph.right for glyph in member.glyphs) - margin) / member.size for member in members
        )
        out.append(PrintedLine(indent + text, reach))
        index += len(members)
    return out


@dataclass(frozen=True, slots=True)
class _RuledRow:
    """The printed lines of one row of a table ruled between its rows and its cells, and the
    x of the rules down its cells' sides."""

    lines: list[_Line]
    sides: tuple[float, ...]
    table: ColumnPlaces | None = None  # its table's columns (``_table_columns``)

    def text(self) -> str:
        """The row's cells apart (`` | ``), each cell's lines joined top to bottom: a cell's
        text that wraps, or is centred beside a taller cell, stays whole. An empty cell is kept
        (a | | c), and a cell spanning several of its table's columns (数量 over 2022年 and
        2023年, a category merged down rows beside it) is followed or preceded by empty cells,
        so that a figure stays under its column's header."""
        cells: list[list[str]] = [[] for _ in self.sides[1:]]
        for line in self.lines:
            by_cell: list[list[_Glyph]] = [[] for _ in cells]
            for glyph in _undoubled(line.glyphs):
                middle = (glyph.x + glyph.right) / 2
                by_cell[min(max(bisect(self.sides, middle) - 1, 0), len(cells) - 1)].append(glyph)
            for cell, glyphs in zip(cells, by_cell, strict=True):
                if glyphs:
                    cell.append(_text(glyphs, line.size))
        texts = [_cell_text(lines) if lines else "" for lines in cells]
        if self.table is not None:
            texts = self.table.cells(texts, self.sides)
        return CELL_SEPARATOR.join(texts).strip()


def _cell_text(lines: list[str]) -> str:
    """A cell's lines joined: a space only between Latin words or figures."""
    text = lines[0]
    for line in lines[1:]:
        text += (" " if not _wide(text[-1]) and not _wide(line[0]) else "") + line
    return text


def _ruled_rows(lines: list[_Line], rules: _Rules) -> dict[int, _RuledRow]:
    """The rows of ruled tables, by the index of their first line: consecutive lines between
    the same two rules across, which rules down part into cells (one at least between the
    table's sides). A line in an unruled table, a box around the rows or a three-line table
    (三线表) is in no such row: there a line under a row may be more of its cells or another
    row, spaced alike."""
    rows: dict[int, _RuledRow] = {}
    first, band = 0, None
    for index, line in enumerate([*lines, None]):
        found = _band(line, rules) if line is not None else None
        if found is not None and found == band:
            continue
        if band is not None:
            rows[first] = _RuledRow(lines[first:index], band[2])
        first, band = index, found
    return _table_columns(rows)


def _table_columns(rows: dict[int, _RuledRow]) -> dict[int, _RuledRow]:
    """The rows with their table's columns: a table is rows that follow each other, and its
    columns are parted by every side its rows' cells have (a cell merged across columns has no
    side where its neighbours' rows have one; a row beside a cell merged down rows begins at
    that cell's right side)."""
    tables: list[list[int]] = []
    for first in sorted(rows):
        previous = tables[-1][-1] if tables else None
        if previous is not None and previous + len(rows[previous].lines) == first:
            tables[-1].append(first)
        else:
            tables.append([first])
    for table in tables:
        columns = ColumnPlaces([rows[first].sides for first in table], same=_RULE_SLACK)
        for first in table:
            rows[first] = replace(rows[first], table=columns)
    return rows


def _band(line: _Line, rules: _Rules) -> tuple[float, float, tuple[float, ...]] | None:
    """The rules across just above and below ``line`` (spanning it) and the rules down between
    them, when one of those lies within the table (a cell's side, not only the table's)."""
    left, right = line.glyphs[0].x, max(glyph.right for glyph in line.glyphs)
    spanning = [
        rule.at
        for rule in rules.across
        if rule.start <= left + _RULE_SLACK and rule.end >= right - _RULE_SLACK
    ]
    above = min((at for at in spanning if at > line.baseline), default=None)
    below = max((at for at in spanning if at < line.baseline), default=None)
    if above is None or below is None:
        return None
    table = next(
        rule for rule in rules.across if rule.at == above and rule.start <= left + _RULE_SLACK
    )  # the table's rule across: from its left side to its right
    inner = sorted(
        rule.at
        for rule in rules.down
        if rule.start <= below + _RULE_SLACK
        and rule.end >= above - _RULE_SLACK
        and table.start + _RULE_SLACK < rule.at < table.end - _RULE_SLACK
    )
    return (above, below, (table.start, *inner, table.end)) if inner else None


class _Piece(NamedTuple):
    text: str
    left: float
    right: float


def _pieces(line: _Line) -> list[_Piece]:
    """The line's text as one piece, or (a table row) a piece per cell. Cells are parted by wide
    gaps, unless every gap is wide: a title spaced out letter by letter (工 作 报 告) is one
    piece of text."""
    glyphs = _undoubled(line.glyphs)
    gaps = [following.x - glyph.right for glyph, following in pairwise(glyphs)]
    wide_gaps = sum(gap > _CELL_GAP * line.size for gap in gaps)
    if not 0 < wide_gaps * 2 < len(gaps):
        return [_piece(glyphs, line.size)]
    pieces, first = [], 0
    for index, gap in enumerate(gaps, start=1):
        if gap > _CELL_GAP * line.size:
            pieces.append(_piece(glyphs[first:index], line.size))
            first = index
    pieces.append(_piece(glyphs[first:], line.size))
    return pieces


def _piece(glyphs: list[_Glyph], size: float) -> _Piece:
    return _Piece(_text(glyphs, size), glyphs[0].x, max(glyph.right for glyph in glyphs))


def _unruled_texts(lines: list[_Line], ruled: dict[int, _RuledRow]) -> dict[int, str | None]:
    """The text of each line outside ruled tables, its pieces apart (``_pieces``). Lines one
    after another that each have several are a table without rules (unruled, boxed, 三线表),
    whose rows with fewer pieces than its fullest row (the header, most often) are placed in
    that row's columns, the cells they leave empty kept empty: such a row's figures stay under
    their headers. A line with fewer pieces, closer to the row above than the table's rows are
    to each other, is that row's cells wrapped (法律顾问审查 / 合同): its text joins theirs and
    the line is None."""
    in_ruled = {first + offset for first, row in ruled.items() for offset in range(len(row.lines))}
    pieces = {index: _pieces(line) for index, line in enumerate(lines) if index not in in_ruled}
    texts: dict[int, str | None] = {
        index: CELL_SEPARATOR.join(piece.text for piece in line) for index, line in pieces.items()
    }
    table: list[list[int]] = []  # the table's rows, each its lines' indices
    gaps: list[float] = []  # the space above each row after the first
    for index in [*range(len(lines)), len(lines)]:
        count = len(pieces.get(index, ()))
        follows = bool(table) and table[-1][-1] == index - 1 and index < len(lines)
        gap = lines[index - 1].baseline - lines[index].baseline if follows else 0.0
        # a wrap leaves some cells without a line; its rows' spacing is known from two gaps
        # (the header's may be wider than the rows')
        fullest = max((len(pieces[row[0]]) for row in table), default=0)
        if follows and 0 < count < fullest and len(gaps) > 1 and gap < _WRAPPED_LINE * min(gaps):
            table[-1].append(index)
            continue
        if count > 1 and (not table or follows):
            if table:
                gaps.append(gap)
            table.append([index])
            continue
        if len(table) > 1:
            _place_table(table, pieces, texts)
        table, gaps = ([[index]] if count > 1 else []), []
    return texts


def _place_table(
    rows: list[list[int]], pieces: dict[int, list[_Piece]], texts: dict[int, str | None]
) -> None:
    """Set ``texts`` of a table without rules: each row's cells in the columns of its fullest
    row, a wrapped line's pieces added to the cells above them (a row that cannot be placed
    keeps its pieces apart, and its wrapped lines their own)."""
    columns = max((pieces[row[0]] for row in rows), key=len)
    for first, *wrapped in rows:
        cells = [piece.text for piece in pieces[first]]
        if len(cells) < len(columns) and (placed := _in_columns(pieces[first], columns)):
            cells = placed
        if len(cells) != len(columns):
            continue
        for line in wrapped:
            more = _in_columns(pieces[line], columns, within=True) or []
            if len(more) != len(columns):
                break
            cells = [
                _cell_text([cell, extra]) if cell and extra else cell or extra
                for cell, extra in zip(cells, more, strict=True)
            ]
            texts[line] = None
        texts[first] = CELL_SEPARATOR.join(cells).strip()


def _in_columns(pieces: list[_Piece], columns: list[_Piece], *, within: bool = False) -> list[str] | None:
    """A row's pieces placed under ``columns`` (the fullest row's pieces): each under the column
    it overlaps most, or the nearest; None when two would share one, or (``within``: a cell's
    wrapped text) when a piece reaches into a neighbouring column, as a line of prose does."""
    if len(pieces) >= len(columns):
        return None

    def column(piece: _Piece) -> int:
        def overlap(other: _Piece) -> float:
            return min(piece.right, other.right) - max(piece.left, other.left)

        return max(range(len(columns)), key=lambda i: overlap(columns[i]))

    at = [column(piece) for piece in pieces]
    if any(left >= right for left, right in pairwise(at)):
        return None
    if within and any(
        (where and piece.left <= columns[where - 1].right)
        or (where + 1 < len(columns) and piece.right >= columns[where + 1].left)
        for piece, where in zip(pieces, at, strict=True)
    ):
        return None
    placed = [""] * len(columns)
    for piece, where in zip(pieces, at, strict=True):
        placed[where] = piece.text
    return placed


def _undoubled(glyphs: list[_Glyph]) -> list[_Glyph]:
    """The glyphs without the second copy of one drawn for bold (within a third of its width)."""
    kept: list[_Glyph] = []
    for glyph in glyphs:
        if kept and glyph.char == kept[-1].char and glyph.x - kept[-1].x < _OVERPRINT * kept[-1].advance:
            continue
        kept.append(glyph)
    return kept


def _text(glyphs: list[_Glyph], size: float) -> str:
    """The glyphs' characters (bold copies already left out), a space between Latin words."""
    text = [glyphs[0].char]
    for previous, glyph in pairwise(glyphs):
        if (
            glyph.x - previous.right > _WORD_GAP * size
            and not glyph.char.isspace()
            and not previous.char.isspace()
            and not (_wide(glyph.char) and _wide(previous.char))
        ):
            text.append(" ")
        text.append(glyph.char)
    return "".join(text)


def _wide(character: str) -> bool:
    return east_asian_width(character) in "WF"
