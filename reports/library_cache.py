"""Library-wide reads kept in this process until the library changes.

Counting or listing across every report (home totals and coverage, the country overview, the
report list's place and year choices, the compare index's counts) costs 100–500 ms at 100k
reports. A value is kept per process under the library's generation: a number that database
triggers move whenever a report, an agency, a place or an indicator value is added, changed or
removed (migrations 0027 and 0029), in any process and by any means, bulk writes included.
So a change shows on the next request, and nothing is recomputed while nothing changes. Kept
values are shared between requests: callers must not change them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.db import connection

T = TypeVar("T")

_kept: dict[str, tuple[int, Any]] = {}


def library_generation() -> int:
    """The library's current generation: moves with every change to reports, agencies, places and
    indicator values."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT generation FROM reports_library_generation")
        return cursor.fetchone()[0]


def kept_until_changed(name: str, compute: Callable[[], T]) -> T:
    """``compute()``, or the value it gave before if the library has not changed since."""
    generation = library_generation()
    entry = _kept.get(name)
    if entry is not None and entry[0] == generation:
        return entry[1]
    value = compute()
    _kept[name] = (generation, value)
    return value


def forget() -> None:
    """Drop every kept value (tests start from nothing)."""
    _kept.clear()
