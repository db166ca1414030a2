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
    return PageReading(_laid_out(_lines(glyphs)), unmapped)


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


def _laid_out(lines: list[_Line]) -> list[PrintedLine]:
    """Each line's text and reach, with its indent and the paragraph spacing before it marked."""
    if not lines:
        return []
    margin = Counter(round(line.glyphs[0].x) for line in lines).most_common(1)[0][0]
    pitches = [above.baseline - below.baseline for above, below in pairwise(lines)]
    pitch = median(pitches) if pitches else 0.0
    out: list[PrintedLine] = []
    for index, line in enumerate(lines):
        if index and pitch and pitches[index - 1] > _PARAGRAPH_GAP * pitch:
            out.append(PrintedLine("", 0.0))
        indent = int((line.glyphs[0].x - margin) / line.size + 0.25)
        reach = (max(glyph.right for glyph in line.glyphs) - margin) / line.size
        out.append(PrintedLine(_INDENT_MARK * max(indent, 0) + _line_text(line), reach))
    return out


def _line_text(line: _Line) -> str:
    """The line's characters, a second copy of one drawn for bold left out, a space between
    Latin words and `` | `` between a table's cells (unless every gap is wide: a title spaced
    out letter by letter, 工 作 报 告, is one piece of text)."""
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
    text = [glyphs[0].char] if glyphs else []
    for (previous, glyph), gap in zip(pairwise(glyphs), gaps, strict=True):
        if cells and gap > _CELL_GAP * line.size:
            text.append(CELL_SEPARATOR)
        elif (
            gap > _WORD_GAP * line.size
            and not glyph.char.isspace()
            and not previous.char.isspace()
            and not (_wide(glyph.char) and _wide(previous.char))
        ):
            text.append(" ")
        text.append(glyph.char)
    return "".join(text)


def _wide(character: str) -> bool:
    return east_asian_width(character) in "WF"
