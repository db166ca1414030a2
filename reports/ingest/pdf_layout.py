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
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise
from statistics import median
from typing import NamedTuple
from unicodedata import east_asian_width

from .wrapping import CELL_SEPARATOR

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
# Space between two lines beyond this many times the page's usual line spacing ends a paragraph.
_PARAGRAPH_GAP = 1.6
# A table's rules: drawn things at most this thick (points) and at least this long.
_RULE_THICKNESS = 2.5
_RULE_LENGTH = 10.0
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
    """The rules drawn on the page (a table's borders): thin paths, long across or down."""
    import pypdfium2.raw as pdfium_c

    rules = _Rules([], [])
    for drawn in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=0):
        left, bottom, right, top = drawn.get_bounds()
        if top - bottom <= _RULE_THICKNESS and right - left >= _RULE_LENGTH:
            rules.across.append(_Rule((top + bottom) / 2, left, right))
        elif right - left <= _RULE_THICKNESS and top - bottom >= _RULE_LENGTH:
            rules.down.append(_Rule((left + right) / 2, bottom, top))
    return rules


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
    """Each line's text and reach, with its indent and the paragraph spacing before it marked,
    and a table cell's text that wraps onto further lines joined to the cell (where the table's
    rules show which lines make a row)."""
    if not lines:
        return []
    margin = Counter(round(line.glyphs[0].x) for line in lines).most_common(1)[0][0]
    pitches = [above.baseline - below.baseline for above, below in pairwise(lines)]
    pitch = median(pitches) if pitches else 0.0
    out: list[PrintedLine] = []
    row: _Row | None = None  # the table row printed last, while lines may continue its cells
    for index, line in enumerate(lines):
        pieces = _pieces(line)
        reach = (max(glyph.right for glyph in line.glyphs) - margin) / line.size
        if row is not None and row.continued_by(pieces, line, rules):
            out[row.at] = PrintedLine(row.indent + row.text(), max(out[row.at].reach or 0.0, reach))
            continue
        if index and pitch and pitches[index - 1] > _PARAGRAPH_GAP * pitch:
            out.append(PrintedLine("", 0.0))
        indent = _INDENT_MARK * max(int((line.glyphs[0].x - margin) / line.size + 0.25), 0)
        out.append(PrintedLine(indent + CELL_SEPARATOR.join(piece.text for piece in pieces), reach))
        row = _Row(len(out) - 1, indent, pieces, line.baseline) if len(pieces) > 1 else None
    return out


class _Piece(NamedTuple):
    """A table cell's text on one printed line (or a whole line's), and where it lies."""

    x: float
    right: float
    text: str


@dataclass(slots=True)
class _Row:
    """A printed table row: its place among the page's lines, its cells' pieces and the
    baseline of its last line so far."""

    at: int
    indent: str
    cells: list[_Piece]
    baseline: float

    def text(self) -> str:
        return CELL_SEPARATOR.join(cell.text for cell in self.cells)

    def continued_by(self, pieces: list[_Piece], line: _Line, rules: _Rules) -> bool:
        """Whether ``line`` (its ``pieces``) is more of this row's cells, wrapped within them;
        if so, the pieces are joined to their cells. It is when the table's rules enclose the
        row and the line (a rule across above the row and one below the line, none between,
        and a rule down between the first two cells past both) and each piece lies within a
        cell of its own, not filling every cell. Without such rules a line may be either: an
        unruled table, a box around the rows, a three-line table (三线表) spaces rows and a
        cell's lines alike."""
        left, right = self.cells[0].x, self.cells[-1].right

        def across(top: float, bottom: float) -> bool:
            return any(
                bottom < rule.at < top and rule.start <= left + line.size and rule.end >= right - line.size
                for rule in rules.across
            )

        between_cells = any(
            self.cells[0].right < rule.at < self.cells[1].x
            and rule.start < line.baseline
            and rule.end > self.baseline + line.size
            for rule in rules.down
        )
        if (
            len(pieces) >= len(self.cells)
            or not between_cells
            or across(self.baseline, line.baseline)
            or not across(math.inf, self.baseline)
            or not across(line.baseline, -math.inf)
        ):
            return False
        columns: dict[int, _Piece] = {}
        for piece in pieces:
            column = next(
                (
                    number
                    for number, cell in enumerate(self.cells)
                    if cell.x - line.size <= piece.x
                    and (
                        number + 1 == len(self.cells)
                        or piece.right < self.cells[number + 1].x - _CELL_GAP * line.size
                    )
                ),
                None,
            )
            if column is None or column in columns:
                return False
            columns[column] = piece
        for number, piece in columns.items():
            cell = self.cells[number]
            space = " " if not _wide(cell.text[-1:] or " ") and not _wide(piece.text[0]) else ""
            self.cells[number] = _Piece(cell.x, max(cell.right, piece.right), cell.text + space + piece.text)
        self.baseline = line.baseline
        return True


def _pieces(line: _Line) -> list[_Piece]:
    """The line's text as one piece, or (a table row) a piece per cell: its characters, a second
    copy of one drawn for bold left out, a space between Latin words. Cells are parted by wide
    gaps, unless every gap is wide: a title spaced out letter by letter (工 作 报 告) is one
    piece of text."""
    glyphs: list[_Glyph] = []
    for glyph in line.glyphs:
        if (
            glyphs
            and glyph.char == glyphs[-1].char
            and glyph.x - glyphs[-1].x < _OVERPRINT * glyphs[-1].advance
        ):
            continue
        glyphs.append(glyph)
    gaps = [following.x - glyph.right for glyph, following in pairwise(glyphs)]
    wide_gaps = sum(gap > _CELL_GAP * line.size for gap in gaps)
    cells = 0 < wide_gaps * 2 < len(gaps)
    pieces: list[_Piece] = []
    first, text = glyphs[0], [glyphs[0].char]
    for (previous, glyph), gap in zip(pairwise(glyphs), gaps, strict=True):
        if cells and gap > _CELL_GAP * line.size:
            pieces.append(_Piece(first.x, previous.right, "".join(text)))
            first, text = glyph, []
        elif (
            gap > _WORD_GAP * line.size
            and not glyph.char.isspace()
            and not previous.char.isspace()
            and not (_wide(glyph.char) and _wide(previous.char))
        ):
            text.append(" ")
        text.append(glyph.char)
    pieces.append(_Piece(first.x, glyphs[-1].right, "".join(text)))
    return pieces


def _wide(character: str) -> bool:
    return east_asian_width(character) in "WF"
