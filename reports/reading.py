"""A report page opened from a search: every occurrence of the query marked in the headings and text.

Occurrences come from ``reports.search.match_spans`` on the ORIGINAL heading and body text, never
from the index. Occurrences are numbered in reading order; the first piece of occurrence ``n`` is
``<mark class="search-hit" id="hit-n" data-hit="n">``, so ``#hit-1``, ``#hit-2``… work as plain
links and ``static/reports/search.js`` moves between them.

The paragraphs arrive as escaped HTML that may already hold other marks (the indicator sentences
of ``reports.indicators.display``). Search marks are added inside that HTML without touching it:
its text is read back through its entities and each occurrence is wrapped piece by piece between
the existing tags, so the nesting stays valid. A paragraph whose text is not exactly its source
line (markup this module does not understand) is rebuilt from the line with search marks only.
Every character of report text that this module writes is escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from django.http import QueryDict
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from reports.models import Section
from reports.search import QueryError, match_spans, parse_query

_LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_HTML_TOKEN = re.compile(r"<[^>]*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|[^<&]+|[<&]")

# (start, end, occurrence number) of one marked piece, in offsets of the text it is cut from.
Piece = tuple[int, int, int]


class SectionParagraphs(Protocol):
    """A section with its body already rendered as escaped HTML paragraphs (one per non-blank
    line), and its heading when figures in it are marked ("" when none is)."""

    section: Section
    paragraphs: list[SafeString]
    heading_html: str  # safe HTML


@dataclass(frozen=True)
class ReadingSection:
    section: Section
    heading_html: SafeString  # empty when there is nothing to mark: the template shows the heading
    paragraphs: list[SafeString]


@dataclass(frozen=True)
class Reading:
    """The report's sections for display; ``query`` is what was searched ("" when nothing was)."""

    sections: list[ReadingSection]
    query: str = ""
    hits: int = 0
    error: str = ""  # why the query marks nothing, when the search engine refuses it
    # True when the query is one string marked as a whole, so ``hits`` counts its occurrences;
    # otherwise the marks are of several terms, or of the words a long term was split into.
    single_string: bool = False

    @property
    def shown_query(self) -> str:
        """The query as the page quotes it: without the straight quotes of a quoted phrase."""
        return self.query.strip('"') if self.single_string else self.query


def mark_report(query: str, sections: Sequence[SectionParagraphs]) -> Reading:
    """Mark every occurrence of ``query`` in the headings and paragraphs of ``sections``."""
    query = (query or "").strip()
    if not query:
        plain = [ReadingSection(part.section, part.heading_html, part.paragraphs) for part in sections]
        return Reading(plain)
    try:
        parsed = parse_query(query)
    except QueryError as error:
        plain = [ReadingSection(part.section, part.heading_html, part.paragraphs) for part in sections]
        return Reading(plain, query, 0, error.message)

    marked: list[ReadingSection] = []
    counter = 0
    seen: set[int] = set()  # occurrences whose first piece (the one with the id) is written
    for part in sections:
        section = part.section
        heading_html = part.heading_html
        if section.level >= 1 and section.heading:
            spans = match_spans(section.heading, parsed)
            if spans:
                pieces = [(start, end, counter + index + 1) for index, (start, end) in enumerate(spans)]
                counter += len(spans)
                # on the figures already marked in it, as a paragraph's are
                heading_html = (
                    add_marks(heading_html or escape(section.heading), section.heading, pieces, seen)
                    or heading_html
                )
        spans = match_spans(section.body, parsed)
        numbered = [(start, end, counter + index + 1) for index, (start, end) in enumerate(spans)]
        counter += len(spans)
        if spans:
            paragraphs = mark_paragraphs(section.body, part.paragraphs, numbered, seen)
        else:
            paragraphs = part.paragraphs
        marked.append(ReadingSection(section, heading_html, paragraphs))
    single = len(parsed.terms) == 1 and not parsed.excluded and len(parsed.terms[0].parts) == 1
    return Reading(marked, query, counter, single_string=single)


def body_lines(body: str) -> list[tuple[int, int]]:
    """``[start, end)`` in ``body`` of each non-blank line, line breaks left out: the paragraphs."""
    lines = []
    offset = 0
    for line in body.splitlines(keepends=True):
        content = line.rstrip(_LINE_BREAKS)
        if content.strip():
            lines.append((offset, offset + len(content)))
        offset += len(line)
    return lines


def mark_paragraphs(
    body: str, paragraphs: Sequence[str], spans: Sequence[Piece], seen: set[int] | None = None
) -> list[SafeString]:
    """``paragraphs`` (the rendered non-blank lines of ``body``) with the numbered ``spans`` of
    ``body`` marked; an occurrence running over a line break is marked in both lines, its id on
    the first. ``seen`` collects the occurrences already given their id (shared across a page)."""
    seen = set() if seen is None else seen
    lines = body_lines(body)
    if len(lines) != len(paragraphs):
        paragraphs = [escape(body[start:end]) for start, end in lines]
    out = []
    for (line_start, line_end), rendered in zip(lines, paragraphs, strict=True):
        pieces = [
            (max(start, line_start) - line_start, min(end, line_end) - line_start, number)
            for start, end, number in spans
            if start < line_end and end > line_start
        ]
        if not pieces:
            out.append(mark_safe(rendered))  # already escaped HTML, as received
            continue
        line = body[line_start:line_end]
        marked = add_marks(rendered, line, pieces, seen)
        out.append(marked if marked is not None else add_marks(escape(line), line, pieces, seen))
    return out


def add_marks(
    markup: str, text: str, pieces: Sequence[Piece], seen: set[int] | None = None
) -> SafeString | None:
    """``markup`` (escaped HTML whose text is ``text``) with each piece wrapped in a search mark.

    The first piece of an occurrence carries its ``id``; a piece cut by an existing tag is closed
    before the tag and reopened after it. Returns None when the text of ``markup`` is not ``text``.
    """
    tokens = [match.group() for match in _HTML_TOKEN.finditer(markup)]
    units: list[tuple[bool, str]] = []  # (is_tag, raw) with one text character per text unit
    for token in tokens:
        if token.startswith("<") and len(token) > 1:
            units.append((True, token))
        elif token.startswith("&") and len(token) > 1:
            units.append((False, token))
        else:
            units.extend((False, char) for char in token)
    shown = "".join(html.unescape(raw) for is_tag, raw in units if not is_tag)
    if shown != text:
        return None

    cover: list[int | None] = [None] * len(text)
    for start, end, number in pieces:
        for index in range(max(0, start), min(len(text), end)):
            cover[index] = number
    seen = set() if seen is None else seen
    out: list[str] = []
    position = 0
    open_number: int | None = None
    for is_tag, raw in units:
        if is_tag:
            if open_number is not None:
                out.append("</mark>")
                open_number = None
            out.append(raw)
            continue
        number = cover[position]
        if number != open_number:
            if open_number is not None:
                out.append("</mark>")
            if number is not None:
                ident = f' id="hit-{number}"' if number not in seen else ""
                seen.add(number)
                out.append(f'<mark class="search-hit"{ident} data-hit="{number}">')
            open_number = number
        out.append(raw)
        position += 1
    if open_number is not None:
        out.append("</mark>")
    # Safe: the markup was escaped HTML and only our own <mark> tags were added between its units.
    return mark_safe("".join(out))


# A ?hit= value read as an occurrence's number: ASCII digits only (int() refuses ², and a
# number of thousands of digits), few enough for any report.
_HIT_NUMBER = re.compile(r"[0-9]{1,6}")


def occurrence_links(params: QueryDict, total: int) -> tuple[str, str]:
    """The report page's addresses of the occurrences before and after the one ``?hit=`` names
    (the last and the first when it names none), wrapping around: 上一处 and 下一处 that work
    without JavaScript, one page load a step (``search.js`` makes them jumps within the page)."""
    raw = params.get("hit", "")
    current = int(raw) if _HIT_NUMBER.fullmatch(raw) and 1 <= int(raw) <= total else 0
    before = current - 1 if current > 1 else total
    after = current + 1 if current < total else 1
    links = []
    for number in (before, after):
        state = params.copy()
        state["hit"] = str(number)
        links.append(f"?{state.urlencode()}#hit-{number}")
    return links[0], links[1]
