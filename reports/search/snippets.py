"""Highlighting on the original text: every occurrence of the query's terms, HTML-escaped.

Matching happens on the normalised text (so ＰＭ２．５ and 高級 match PM2.5 and 高级) and each
match is mapped back to offsets in the original text, which is what gets shown. Text is
escaped piece by piece and only our own ``<mark>`` tags are added, so a report or a query
containing ``<script>`` is displayed as text.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from html import escape
from itertools import islice

from django.utils.safestring import SafeString, mark_safe

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


def highlight(text: str, spans: list[tuple[int, int]]) -> SafeString:
    """``text`` escaped, with each span wrapped in ``<mark>``."""
    out: list[str] = []
    cursor = 0
    for start, end in spans:
        out.append(escape(text[cursor:start]))
        out.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    out.append(escape(text[cursor:]))
    return mark_safe("".join(out))


def section_html(heading: str, body: str, parts: list[str]) -> tuple[SafeString, SafeString]:
    """A search hit's heading, marked, and its snippet: from the body when the body matches
    (or there is no heading), else from the heading."""
    heading_html = highlight(heading, spans_for_parts(heading, parts))
    body_occurrences = _occurrences(body, parts)
    if body_occurrences or not heading:
        return heading_html, _snippet(body, body_occurrences, SNIPPET_CHARS)
    return heading_html, snippet_html(heading, parts)


def snippet_html(text: str, parts: list[str], width: int = SNIPPET_CHARS) -> SafeString:
    """The window of ``text`` showing the most distinct terms, escaped and marked; the text's
    start when nothing matches."""
    return _snippet(text, _occurrences(text, parts), width)


_CLAUSE_ENDS = "。；;！!？?\n，,、：:"
_NUMBER_CHARS = frozenset("0123456789.%０１２３４５６７８９．％")
_NUMBER_TAIL = 12  # digits a snippet may run on by to end a number whole


def _clause_start(text: str, start: int, first_match: int) -> int:
    """``start`` moved forward to the beginning of the first whole clause before the first
    match, so a snippet does not open mid-number or mid-word (…00%。贯彻 → 贯彻) and keeps what
    fits of what the match is about (审查规范性文件43件,纠错率为零, not …纠错率为零); failing a
    clause break, past a run of letters or digits cut in two."""
    lead = text[start:first_match]
    breaks = [index for index, char in enumerate(lead) if char in _CLAUSE_ENDS]
    if breaks:
        start += breaks[0] + 1
        while start < first_match and text[start] in _CLAUSE_ENDS:  # 。。复议: not a mark first
            start += 1
        return start
    while (
        0 < start < first_match and _is_ascii_word_char(text[start - 1]) and _is_ascii_word_char(text[start])
    ):
        start += 1
    return start


def _is_ascii_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _snippet(text: str, occurrences: list[tuple[int, int, int]], width: int) -> SafeString:
    if not occurrences:
        cut = text[:width]
        return mark_safe(escape(cut) + (ELLIPSIS if len(text) > width else ""))
    # Among windows holding as many different terms, the one with the rarest: 法治督察 once
    # rather than 2023 again and again.
    counts = Counter(part for _, _, part in occurrences)
    best_start, best_key = 0, (-1, -1.0, -1)
    first = 0  # occurrences are sorted by start, and window starts only move right
    for start, _, _ in occurrences:
        window_start = max(0, start - LEAD_CHARS)
        window_end = window_start + width
        while occurrences[first][0] < window_start:
            first += 1
        parts_inside: set[int] = set()
        inside = 0
        for o_start, o_end, part in islice(occurrences, first, None):  # no copy of the tail
            if o_start > window_end:
                break
            if o_end <= window_end:
                parts_inside.add(part)
                inside += 1
        key = (len(parts_inside), sum(1 / counts[part] for part in parts_inside), inside)
        if key > best_key:
            best_start, best_key = window_start, key
    best_start = _clause_start(text, best_start, next(o[0] for o in occurrences if o[0] >= best_start))
    window_end = min(len(text), best_start + width)
    # not inside a number (…下降1… of 下降14.45个百分点): its last digits go with it
    while (
        0 < window_end < len(text)
        and window_end - best_start < width + _NUMBER_TAIL
        and (text[window_end - 1] in _NUMBER_CHARS and text[window_end] in _NUMBER_CHARS)
    ):
        window_end += 1
    spans = [
        (max(start, best_start) - best_start, min(end, window_end) - best_start)
        for start, end in _merged(occurrences)
        if start < window_end and end > best_start
    ]
    lead = ELLIPSIS if best_start > 0 else ""
    tail = ELLIPSIS if window_end < len(text) else ""
    return mark_safe(lead + highlight(text[best_start:window_end], spans) + tail)
