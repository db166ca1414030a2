"""Text cells of the CSV exports, as a spreadsheet will open them.

Excel and its like run a cell that starts with = + - or @ as a formula: a change of +29次(+414.3%)
opened as #NAME?, and a report title starting with = would be run. Such a cell gets an apostrophe
in front; the numbers of the exports are written as numbers and left alone.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(value: str) -> str:
    """Text a spreadsheet will not run as a formula (a leading = + - @ gets an apostrophe)."""
    return "'" + value if value.startswith(FORMULA_STARTS) else value
