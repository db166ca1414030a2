"""A figure's place in a table: its row's label, its column's header, and the year and unit the
table gives it.

Every format's tables reach the report text as one line per row with the cells apart
(a | b | c; see ``reports.ingest.wrapping.table_row``), the first row or two usually a header.
Two things a table states once for all its cells matter for a figure in one of them:

- Which year it is for. A table comparing years (项目 | 2022年 | 2023年 | 增减, or a row per
  year) states each thing once per year: only the latest year's figure is the report's, a figure
  under an earlier year is that year's, and one under 增减 or 同比 is a change between them.
- Its unit. A cell may hold a number alone, its unit given by the row's label
  (行政复议申请(件)), the column's header (2023年(件)) or the table's caption (单位:件).

A figure's row and column also name it where the words before it cannot (行政复议申请 · 2022年:
before it are a bar and another year's figure). Text here is folded (``numbers.fold_width``), as
the figures are found in it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from enum import StrEnum

from .units import MULTIPLIERS, UNIT_WORDS

# Between a table's cells on the row's line, as every format's tables are read (a | b | c).
CELL_SEPARATOR = " | "
# A line of cells; a row whose first or last cell is empty starts or ends at a bar (| b, a |).
_ROW = re.compile(r" \||\| ")


class Column(StrEnum):
    OTHER = "other"  # neither a year's nor a change's: what the header names (数量, 说明)
    LATEST = "latest"  # the latest year the table states: the report's own figure
    EARLIER = "earlier"  # an earlier year's figure, stated to compare with
    CHANGE = "change"  # the change between the years (增减, 同比, 增幅)


@dataclass(frozen=True)
class TableCell:
    # what the figure is of: the row's label, or the column's header where a row is a year's
    name: str
    heading: str  # the other way: the column's header (2022年, 增减), or the year a row is for
    column: Column
    unit: str  # the unit the table gives (件, 万元, %), "" when it gives none
    alone: bool  # the cell holds its number and nothing else (a sign aside)
    negative: bool  # the number is written with a minus sign (-3)


# A header naming a year: 2023年, 2023年度, 2023, 2023年(件); 本年度; 上年同期.
_BRACKETS = r"(?:[((][^()()]*[))])?"
_YEAR = re.compile(rf"((?:19|20)\d{{2}})\s*(?:年度?)?{_BRACKETS}")
_THIS_YEAR = re.compile(rf"(?:本|今)年度?{_BRACKETS}")
_LAST_YEAR = re.compile(rf"(?:上|去)年(?:度|同期)?{_BRACKETS}")
_THIS_YEAR_RANK = 10_000  # 本年度 is later than every stated year, 上年 earlier than every one
# A header naming the change between the years: 增减, 同比增减, 增长(%), 增幅, 比上年增减.
_CHANGE = re.compile(
    rf"(?:比上年|较上年|同比)?(?:增减|增长|增幅|降幅|变化|变动|升降)(?:率|幅度|量|情况)?{_BRACKETS}|同比"
)
_UNIT_IN_BRACKETS = re.compile(r"[((](?:单位\s*:\s*)?(?P<unit>[^()():]{1,4})[))]\s*$")
_CAPTION_UNIT = re.compile(r"单位\s*:\s*(?P<unit>[^\s,;。()()]{1,4})")
_SIGNS = {"": False, "+": False, "-": True, "−": True}  # written before a number: is it negative
# A short line between two rows: a cell's text wrapped onto a line of its own (法律顾问审查 / 合同,
# a PDF's table without rules), within the table.
_WRAPPED_CELL = re.compile(r"[^\s,;。:!?]{1,12}")


class Tables:
    """The tables of a report's text, found in one pass; ``cell`` then places a figure."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._tables: list[_Table] = []
        if not _ROW.search(text):
            return
        rows: list[tuple[int, str]] = []
        offset = 0
        lines = [*text.split("\n"), ""]
        for number, line in enumerate(lines):
            if _ROW.search(line):
                rows.append((offset, line))
            elif rows and not (_WRAPPED_CELL.fullmatch(line) and _ROW.search(lines[number + 1])):
                self._tables.append(_Table.of(text, rows))
                rows = []
            offset += len(line) + 1
        self._starts = [table.offsets[0] for table in self._tables]

    def cell(self, start: int, end: int) -> TableCell | None:
        """The cell holding the figure at ``text[start:end]``, or None when the figure is in no
        table, in a row's label or in the table's header."""
        if not self._tables:
            return None
        table = self._tables[max(bisect_right(self._starts, start) - 1, 0)]
        line_start = self._text.rfind("\n", 0, start) + 1
        row_number = bisect_right(table.offsets, line_start) - 1
        if row_number < table.header_rows or table.offsets[row_number] != line_start:
            return None
        row = table.cells[row_number]
        index = self._text.count("|", line_start, start)
        if index == 0:
            return None
        cell_start = self._text.rfind("|", line_start, start) + 1
        line_end = self._text.find("\n", start)
        line_end = len(self._text) if line_end == -1 else line_end
        cell_end = next_bar if (next_bar := self._text.find("|", end, line_end)) != -1 else line_end
        sign = self._text[cell_start:start].strip()
        # a row of another length than the header's (a PDF's row without rules leaves its empty
        # cells out) cannot be told by column
        by_column = len(row) == len(table.header)
        head = table.header[index] if by_column else ""
        label = table.labels[row_number] if by_column else row[0]
        name, heading = label, head
        if year := _year_rank(head):
            column = Column.LATEST if year == table.latest_column else Column.EARLIER
        elif _CHANGE.fullmatch(head):
            column = Column.CHANGE
        elif head and (year := _year_rank(label)):
            # a row per year, the header naming what is counted
            name, heading = head, label
            column = Column.LATEST if year == table.latest_row else Column.EARLIER
        else:
            column = Column.OTHER
        return TableCell(
            name=name,
            heading=heading,
            column=column,
            unit=_given_unit(label, head, table.header[0] if table.header else "", table.caption),
            alone=sign in _SIGNS and not self._text[end:cell_end].strip(),
            negative=_SIGNS.get(sign, False),
        )


@dataclass(frozen=True)
class _Table:
    offsets: list[int]  # where each row's line starts
    cells: list[list[str]]  # each row's cells
    header_rows: int  # how many rows at the top name the columns
    header: list[str]  # what names each column (its lowest header cell that says something)
    caption: str  # the line before the table (表1 2023年行政复议情况(单位:件))
    # each row's label: its cells before the years' columns (行政复议 | 办结 | 47件 | 58件), else
    # its first; a sequence number (序号) is none of it, and an empty cell takes the one above (a
    # category merged down rows, which a .doc or a PDF leaves empty below its first row)
    labels: list[str]
    latest_column: int  # the latest year the header names (0 for none)
    latest_row: int  # the latest year the rows' labels name (0 for none)

    @classmethod
    def of(cls, text: str, rows: list[tuple[int, str]]) -> _Table:
        cells = [[cell.strip() for cell in line.split("|")] for _, line in rows]
        # A header may take two rows (项目 | 数量 | 数量, then 项目 | 2022年 | 2023年).
        header_rows = 1 if _is_header(cells[0]) else 0
        while (
            header_rows
            and header_rows < len(cells)
            and len(cells[header_rows]) == len(cells[0])
            and all(_year_rank(cell) or not _has_digit(cell) for cell in cells[header_rows][1:])
        ):
            header_rows += 1
        header = [
            next((row[column] for row in reversed(cells[:header_rows]) if row[column]), "")
            for column in range(len(cells[0]) if header_rows else 0)
        ]
        top = rows[0][0]
        return cls(
            offsets=[offset for offset, _ in rows],
            cells=cells,
            header_rows=header_rows,
            header=header,
            caption=text[text.rfind("\n", 0, top - 1) + 1 : top] if top else "",
            labels=_labels(cells, header_rows, header),
            latest_column=max((_year_rank(cell) for cell in header), default=0),
            latest_row=max(_year_rank(row[0]) for row in cells),
        )


def _labels(cells: list[list[str]], header_rows: int, header: list[str]) -> list[str]:
    """Each row's label (see ``_Table.labels``); a row's leading empty label cells take the cells
    above them, a category merged down (| 办结 under 行政复议 | 收到申请), while an empty cell
    after a written one is a label merged across (合计 | | 99件) and stays empty."""
    first_figures = next(
        (i for i, cell in enumerate(header) if _year_rank(cell) or _CHANGE.fullmatch(cell)), 1
    )
    labels: list[str] = []
    above: list[str] = []
    for number, row in enumerate(cells):
        label_cells = ["" if cell.isdigit() else cell for cell in row[:first_figures]]
        if number > header_rows and len(label_cells) == len(above):
            leading = next((i for i, cell in enumerate(label_cells) if cell), len(label_cells))
            label_cells = above[:leading] + label_cells[leading:]
        if number >= header_rows:
            above = label_cells
        labels.append("".join(label_cells))
    return labels


def _is_header(cells: list[str]) -> bool:
    """Whether a table's first row names its columns: some cell after the first holds words,
    not a figure (数量, 增减), or every number in it is a year (2022年 | 2023年)."""
    rest = [cell for cell in cells[1:] if cell]
    words = any(not _year_rank(cell) and not _has_digit(cell) for cell in rest)
    return words or all(_year_rank(cell) for cell in rest)


def _has_digit(cell: str) -> bool:
    return any(char.isdigit() for char in cell)


def _year_rank(cell: str) -> int:
    """The year a header cell names (本年度 after all, 上年 before all), else 0."""
    if match := _YEAR.fullmatch(cell):
        return int(match.group(1))
    if _THIS_YEAR.fullmatch(cell):
        return _THIS_YEAR_RANK
    if _LAST_YEAR.fullmatch(cell):
        return 1
    return 0


def _given_unit(label: str, head: str, corner: str, caption: str) -> str:
    """The unit the row's label, the column's header, the header's first cell or the caption
    gives (行政复议申请(件), 2023年(件), 项目(单位:万元), 单位:件), the nearest first."""
    for place in (label, head, corner):
        if (match := _UNIT_IN_BRACKETS.search(place)) and _is_unit(match.group("unit")):
            return match.group("unit")
    match = _CAPTION_UNIT.search(caption)
    return match.group("unit") if match and _is_unit(match.group("unit")) else ""


def unit_parts(unit: str) -> tuple[str, str]:
    """A unit a table gives, as (multiplier, unit word): 万元 is ("万", "元"), 件 ("", "件")."""
    multiplier = next((m for m in MULTIPLIERS if unit.startswith(m) and unit != m), "")
    return multiplier, unit[len(multiplier) :]


def _is_unit(word: str) -> bool:
    return unit_parts(word)[1] in UNIT_WORDS
