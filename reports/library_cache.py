"""Library-wide reads kept in this process for a minute, and refreshed at once by a new report.

Counting or listing across every report (home totals and coverage, the country overview, the
report list's place choices) costs tens to hundreds of milliseconds at 100k reports. A value is
kept per process and keyed by the newest report id, so a new import shows at once, while edits
and deletions show within ``KEEP_SECONDS``. Kept values are shared between requests: callers
must not change them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.db.models import Max

from .models import Report

KEEP_SECONDS = 60
T = TypeVar("T")

_kept: dict[str, tuple[int | None, float, Any]] = {}


def kept_briefly(name: str, compute: Callable[[], T]) -> T:
    """``compute()``, or the value it gave less than a minute ago with the same newest report."""
    newest = Report.objects.aggregate(newest=Max("pk"))["newest"]
    now = time.monotonic()
    entry = _kept.get(name)
    if entry is not None and entry[0] == newest and now - entry[1] < KEEP_SECONDS:
        return entry[2]
    value = compute()
    _kept[name] = (newest, now, value)
    return value


def forget() -> None:
    """Drop every kept value (tests start from nothing)."""
    _kept.clear()
