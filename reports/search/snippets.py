"""Highlighting on the original text: every occurrence of the query's terms, HTML-escaped.

Matching happens on the normalised text (so ＰＭ２．５ and 高級 match PM2.5 and 高级) and each
match is mapped back to offsets in the original text, which is what gets shown. Text is
escaped piece by piece and only our own ``<mark>`` tags are added, so a report or a query
containing ``<script>`` is displayed as text.
"""

from __future__ import annotations

from functools import lru_cache

from django.utils.html import escape

from .normalize import normalize
from .query import Query, QueryError, parse_query

SNIPPET_CHARS = 120
LEAD_CHARS = 24
ELLIPSIS = "…"


# A results page looks at each shown section twice in a row (does the body match? its snippet).
_normalized = lru_cache(maxsize=8)(normalize)


def _occurrences(text: str, parts: list[str]) -> list[tuple[int, int, int]]:
    """(start, end, part index) in ORIGINAL offsets for every occurrence of every part."""
    folded = _normalized(text)
    found: list[tuple[int, int, int]] = []
    for index, part in enumerate(parts):
        start = folded.text.find(part)
        while start != -1:
            found.append((*folded.original_span(start, start + len(part)), index))
            start = folded.text.find(part, start + 1)
    found.sort()
    return found


def _merged(spans: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end, _ in spans:
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def spans_for_parts(text: str, parts: list[str]) -> list[tuple[int, int]]:
    """Sorted, non-overlapping original ``[start, end)`` spans of every occurrence of ``parts``."""
    return _merged(_occurrences(text, parts))


def match_spans(text: str, query: str | Query) -> list[tuple[int, int]]:
    """Spans of ``text`` to mark for ``query`` (excluded terms are not marked).

    A query the engine would refuse marks nothing, so a report page opened with any ``q``
    still renders.
    """
    if isinstance(query, str):
        try:
            query = parse_query(query)
        except QueryError:
            return []
    return spans_for_parts(text, query.highlight_parts)


def highlight(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` escaped, with each span wrapped in ``<mark>``."""
    out: list[str] = []
    cursor = 0
    for start, end in spans:
        out.append(escape(text[cursor:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    out.append(escape(text[cursor:]))
    return "".join(out)


def snippet_html(text: str, parts: list[str], width: int = SNIPPET_CHARS) -> str:
    """The window of ``text`` showing the most distinct terms, escaped and marked; the text's
    start when nothing matches."""
    occurrences = _occurrences(text, parts)
    if not occurrences:
        cut = text[:width]
        return escape(cut) + (ELLIPSIS if len(text) > width else "")
    best_start, best_key = 0, (-1, -1)
    for start, _, _ in occurrences:
        window_start = max(0, start - LEAD_CHARS)
        inside = [o for o in occurrences if o[0] >= window_start and o[1] <= window_start + width]
        key = (len({o[2] for o in inside}), len(inside))
        if key > best_key:
            best_start, best_key = window_start, key
    window_end = min(len(text), best_start + width)
    spans = [
        (max(start, best_start) - best_start, min(end, window_end) - best_start)
        for start, end in _merged(occurrences)
        if start < window_end and end > best_start
    ]
    body = highlight(text[best_start:window_end], spans)
    return (ELLIPSIS if best_start > 0 else "") + body + (ELLIPSIS if window_end < len(text) else "")
