"""Whole numbers typed into a query string: years, page numbers and ids.

Only ASCII digits count: "+3", " 3", "٣", "３", "3.0" and "3_000" are refused, though Python's
``int()`` reads them all. So is a run of more than ``MAX_DIGITS`` digits: no year, page or id
the site has is that long, and ``int()`` itself raises on strings of more than 4,300 digits.
"""

from __future__ import annotations

MAX_DIGITS = 18


def query_int(raw: str) -> int | None:
    """``raw`` as a whole number ≥ 0, or None when it is not 1 to 18 ASCII digits."""
    if not (raw.isascii() and raw.isdigit()) or len(raw) > MAX_DIGITS:
        return None
    return int(raw)
