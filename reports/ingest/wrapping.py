"""Text wrapped at a page margin → its paragraphs again.

A PDF's text layer (``documents.pdf_text``) has one line per printed line, and so has a text file
copied out of one. ``reflow`` joins the lines that reached the margin back into paragraphs and
closes the spaces such text puts between Chinese characters; ``hard_wrapped`` tells a text file
wrapped that way from one with a paragraph on each line, the way web pages are saved.

Tables are written here too, as every format reads them: a row of one-line cells as one line
(``table_row``), its cells placed in the table's columns where a format gives their edges
(``ColumnPlaces``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise
from unicodedata import east_asian_width

from reports.indicators.tables import CELL_SEPARATOR

# A line that starts a heading (一、 (一) 1. 第一部分), never joined to the line before; 87.86% is
# a decimal, not item 87.
_HEADING_START = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[((][一二三四五六七八九十]+[))]|\d{1,2}[.、.](?!\d)|第[一二三四五六七八九十]+[章部分])"
)
# A page number on a line of its own: - 3 -, 第3页 共9页, 3/9.
_PAGE_NUMBER_LINE = re.compile(
    r"^\s*(?:[-—–─]\s*\d{1,4}\s*[-—–─]|第\s*\d{1,4}\s*页(?:\s*[,,/]?\s*共\s*\d{1,4}\s*页)?|\d{1,4}\s*/\s*\d{1,4}|\d{1,3})\s*$"
)
# A line this wide (``width``) relative to the widest tenth reached the margin.
_FULL_SHARE = 0.85
# A line this wide may have stopped short of the margin for want of room for its next word.
_SHORT_SHARE = 0.5
# A paragraph's first line indented by full-width or several spaces (首行缩进).
_INDENT = re.compile(r"[ \t\u00a0]{2,}|\u3000")
_LEADING_SPACE = re.compile(r"[ \t\u00a0\u3000]*")
_PROSE_MARK = re.compile(r"[。，,；;]")  # a title has none
_SENTENCE_END = re.compile(r"[。！？!?；;][”’」』)）]*$")
_CLAUSE_END = re.compile(r"[。！？!?；;，,、：:][”’」』)）]*$")
# Characters a PDF's text layer spaces apart from Chinese text: Chinese characters and
# punctuation, quotes, dashes, brackets, commas, % + - and digits (大连市 2023 年, ( 一 )优化,
# 职能 , 推动, “ 模拟审批 ”, 99% 办理).
_CJK_SIDE = r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef\u2010-\u201f\u00b7()\[\],.:;%+\-]"
_GAP = r"[ \t\u00a0]+"
# Beside a Chinese character a Latin word loses its space too (1+5+N 社会 → 1+5+N社会); between
# two Latin words it stays.
_GAP_IN_CJK = re.compile(rf"(?<={_CJK_SIDE}){_GAP}(?={_CJK_SIDE}|\w)|(?<=\w){_GAP}(?={_CJK_SIDE})")


def width(text: str) -> float:
    """How much of a printed line the text fills, in Chinese characters: digits, Latin letters
    and ASCII punctuation take half a character's width (a full line of a report holds 37
    Chinese characters, or more characters when some are digits: 128.58万条)."""
    return sum(1.0 if east_asian_width(character) in "WF" else 0.5 for character in text)


def close_cjk_gaps(line: str) -> str:
    """The line without the spaces a PDF puts between Chinese characters, numbers and
    punctuation (大连市 2023 年 → 大连市2023年); spaces between Latin words stay."""
    stripped = line.strip()
    if not re.search(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]", stripped):  # no Chinese: as it is
        return line
    return _GAP_IN_CJK.sub("", stripped)


def reflow(lines: list[str], reaches: list[float | None] | None = None) -> list[str]:
    """Join the lines a PDF wrapped at the page margin back into paragraphs, its page numbers
    dropped and the spaces it puts between Chinese characters closed (``close_cjk_gaps``).

    A line as long as a full line of the page (the 90th percentile of line lengths) was wrapped
    unless the next line starts a heading (一、 (一) 1.) or is indented as a paragraph's first
    line (when only some lines are); shorter lines end their paragraph. Titles, headings and
    signatures are short and stay on their own lines, also after a paragraph whose last sentence
    happens to end at the margin; a table's row (a | b | c) is a line of its own. Where indents
    mark paragraphs, a line stopping short in mid-sentence runs on into an unindented one. A
    line's length is how far it reaches from the left margin, in Chinese characters' widths:
    measured on the page where ``reaches`` gives it (a justified line reaches the margin with
    fewer characters), else counted from its text and indent.
    """
    reaches = reaches or [None] * len(lines)
    kept = [index for index, line in enumerate(lines) if not _PAGE_NUMBER_LINE.match(line)]
    lines = [lines[index] for index in kept]
    texts = [close_cjk_gaps(line).strip() for line in lines]
    printed = [
        (reach if reach is not None else width(text) + width(_LEADING_SPACE.match(line).group()))
        if text
        else 0.0
        for line, text, reach in zip(lines, texts, (reaches[index] for index in kept), strict=True)
    ]
    lengths = sorted(length for length, text in zip(printed, texts, strict=True) if text)
    if len(lengths) < 5 or lengths[int(len(lengths) * 0.9)] < 15:
        return texts
    full = lengths[int(len(lengths) * 0.9)]
    indented = [bool(text) and bool(_INDENT.match(line)) for line, text in zip(lines, texts, strict=True)]
    # Some text layers start every line with spaces: then they mark no paragraph.
    if sum(indented) * 2 > len(lengths):
        indented = [False] * len(lines)
    marks_paragraphs = any(indented)
    out: list[str] = []
    paragraph = ""
    in_title = True  # before the first line with a comma or a full stop: the title's lines
    for index, text in enumerate(texts):
        if not text:
            if paragraph:
                out.append(paragraph)
                paragraph = ""
            continue
        paragraph += text
        in_title = in_title and not _PROSE_MARK.search(text)
        following = texts[index + 1] if index + 1 < len(texts) else ""
        wrapped = (
            (
                printed[index] >= _FULL_SHARE * full
                # Where indents mark paragraphs, a line stopping short in mid-sentence before an
                # unindented one left its next word (区“1+37+8”) no room.
                or (
                    marks_paragraphs
                    and printed[index] >= _SHORT_SHARE * full
                    and not _CLAUSE_END.search(text)
                )
            )
            and following
            and not _HEADING_START.match(following)
            # a table's row (cells a | b | c) is a line of its own
            and CELL_SEPARATOR not in following
            and CELL_SEPARATOR not in text
            and not indented[index + 1]
            # a long title goes on over lines, but never into the opening sentence
            and not (in_title and _PROSE_MARK.search(following))
        )
        if not wrapped or (_SENTENCE_END.search(text) and _stands_alone(following, full)):
            out.append(paragraph)
            paragraph = ""
    if paragraph:
        out.append(paragraph)
    return out


def _stands_alone(line: str, full: int) -> bool:
    """A short line that ends on no punctuation: a signature, a date, a title, never the end of
    a sentence wrapped from the line before."""
    return width(line) < _FULL_SHARE * full and not _CLAUSE_END.search(line)


# A text file wrapped at a margin: at least this many lines, most of them as long as a printed
# line, which holds 28 to about 45 characters on an A4 page (a text with a paragraph on each line
# has lines of many lengths, and short paragraphs of 80 to 120 characters).
_WRAPPED_MIN_LINES = 10
_WRAPPED_MIN_SHARE = 0.5
_WRAPPED_MAX_WIDTH = 60


def hard_wrapped(lines: list[str]) -> bool:
    """Whether ``lines`` were wrapped at a page margin rather than written a paragraph a line."""
    # Most texts are told at once by their characters: a character is at least half wide, so a
    # tenth of lines with more than twice the widest printed line's characters are paragraphs.
    characters = sorted(len("".join(line.split())) for line in lines if line.strip())
    if (
        len(characters) < _WRAPPED_MIN_LINES
        or characters[int(len(characters) * 0.9)] > 2 * _WRAPPED_MAX_WIDTH
    ):
        return False
    lengths = sorted(width(close_cjk_gaps(line).strip()) for line in lines if line.strip())
    full = lengths[int(len(lengths) * 0.9)]
    at_margin = sum(1 for length in lengths if length >= _FULL_SHARE * full)
    return full <= _WRAPPED_MAX_WIDTH and at_margin >= _WRAPPED_MIN_SHARE * len(lengths)


def table_row(cells: list[list[str]]) -> str | None:
    """A table row, given each cell's lines, as one line with its cells apart (a | b | c) when
    each cell holds one line at most ("" for a row of empty cells); None for a row of longer
    cells (a table used for layout), which is read line by line. Web pages, Word files and PDFs
    read their tables alike, so that a figure keeps its row's label in every format."""
    if any(len(lines) > 1 for lines in cells):
        return None
    texts = [lines[0] if lines else "" for lines in cells]
    return CELL_SEPARATOR.join(texts).strip() if any(texts) else ""


class ColumnPlaces:
    """Where the rows of a table written with its cells' edges (a .doc's, a ruled PDF's) fall
    among the table's columns, which every edge of its rows' cells parts (edges closer than
    ``same`` are one): a cell merged across columns has no edge where its neighbours' rows have
    one, and a row beside a cell merged down its rows starts at that cell's right edge."""

    def __init__(self, rows_edges: Sequence[Sequence[float]], same: float) -> None:
        columns: list[float] = []
        for edge in sorted({edge for edges in rows_edges for edge in edges}):
            if not columns or edge - columns[-1] > same:
                columns.append(edge)
        self._columns = columns

    def cells(self, texts: list[str], edges: Sequence[float]) -> list[str]:
        """A row's cells (``texts``, between ``edges``) placed in the table's columns: empty cells
        before it, after a cell spanning several columns, and after it; as they are when the
        edges do not part them (two on one column, or not one more than the cells)."""
        at = [
            min(range(len(self._columns)), key=lambda i, x=edge: abs(self._columns[i] - x)) for edge in edges
        ]
        if len(at) != len(texts) + 1 or any(left >= right for left, right in pairwise(at)):
            return texts
        placed = [""] * at[0]
        for text, (left, right) in zip(texts, pairwise(at), strict=True):
            placed += [text, *[""] * (right - left - 1)]
        return placed + [""] * (len(self._columns) - 1 - at[-1])
