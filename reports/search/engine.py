"""Running a search: matching reports ranked, counted and faceted, one page at a time.

Two tables answer a query (see ``models``). First the report rows: the GIN index on their
texts' bigram sets gives every report that *may* match (a necessary condition). The work then
depends on how many candidates there are, never on the corpus size:

- **Few** (≤ ``EXACT_REPORT_LIMIT``): the section rows of the candidates are matched exactly
  (substrings of their normalised text) and ranked; counts and facets are exact.
- **Many**: counts and place/year/level facets come from the candidates' report rows alone —
  all of them while there are at most ``FULL_COUNT_LIMIT``, else those in a fixed 1/16 sample
  of reports (a partial GIN index holds only the sample), scaled up. Report counts are exact
  when one index lexeme decides the query (any two-character term) and every candidate was
  counted; otherwise the share of candidates that truly match, the number of sections and the
  label/topic facets are estimated from a spread of candidates verified exactly. The page walks
  candidates newest first and verifies them in batches until it is full. When the spread holds
  no true match, the matching sections come straight from the section index, counted exactly.

Nothing is ever shown as a match without the exact section check, so recall and precision stay
exact; only large counts may be estimates (``SearchPage.exact`` is False).

Ranking goes by tiers, each outweighing everything below it: a term that is a whole jieba word
somewhere in the report; a term in the report's title or in the section's heading; terms standing
close together; how often they occur (``Query.section_rank`` scores sections, a report scores by
its best section and a little for more matching sections); ties go to the newer year. Among many
matches the results follow the walk's order (newest first) in blocks of ``RANK_BLOCK``, each
ranked within itself, whatever the page size.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

from django.db import connection, transaction

from reports.models import Report, Section

from .facets import FacetValue, build_facets
from .models import (
    REPORT_BIGRAMS,
    SAMPLE_BIGRAMS,
    SAMPLE_CONDITION,
    SECTION_GRAMS,
    SearchReport,
    SearchSection,
)
from .normalize import normalize_text
from .query import Query, QueryError, parse_query
from .selection import Selection, parse_selection
from .snippets import section_html
from .tokens import load_database_words

MAX_PAGE_SIZE = 100
EXACT_REPORT_LIMIT = 500
# Up to this many candidates, counts and facets read every candidate's report row.
FULL_COUNT_LIMIT = 8000
# Beyond it they read only the sample of reports (``models.SAMPLE_CONDITION``), one in 16.
SAMPLE_MODULUS = 16
# Candidates verified exactly to estimate the share of true matches, sections and labels.
SAMPLE_REPORTS = 60
# Below this share of true matches among report candidates, look for tighter candidates in the
# section index, taking at most this many section rows.
LOW_SHARE = 0.1
SECTION_CANDIDATE_LIMIT = 20000
# The page walk verifies candidates in batches growing from twice the page size to this,
# and gives up on the walk (matching sections through their own index) after WALK_LIMIT.
WALK_BATCH_LIMIT = 400
# Among many matches, results follow the walk (newest first) in blocks of this many, each block
# ranked within itself: the search page's page size.
RANK_BLOCK = 20
WALK_LIMIT = 2000
# Walk the (year, report_id) index rather than sort a bitmap when at least this share of all
# reports are candidates: the walk then meets a candidate every few rows.
WALK_DENSITY = 0.05
SECTIONS_PER_HIT = 3
# A report scores by its best section (``Query.section_rank``, below 4) plus tiers above it:
# WORD_TIER when every term is a whole jieba word somewhere in the report (``SearchReport.words``;
# a share of it for some of them), which outweighs everything else; TITLE_TIER when its title
# holds a term, as a heading does; and a little for each further matching section.
WORD_TIER = 8.0
TITLE_TIER = 2.0
SECTIONS_BONUS = 0.05

REPORT_TABLE = SearchReport._meta.db_table
SECTION_TABLE = SearchSection._meta.db_table
REPORT_COLUMNS = ("province_id", "city_id", "county_id", "year", "level", "kind")
FACET_OF_COLUMN = {"province_id": "province", "city_id": "city", "county_id": "county"}


@dataclass
class SectionHit:
    section_id: int
    path: str
    anchor: str
    heading: str
    heading_html: str
    label: str
    topic: str
    snippet_html: str
    score: float


@dataclass
class ReportHit:
    report_id: int
    title: str
    agency: str
    region: str
    year: int
    score: float
    synthetic: bool
    matching_sections: int
    sections: list[SectionHit] = field(default_factory=list)


@dataclass
class SearchPage:
    query: Query
    reports: int
    sections: int
    results: list[ReportHit]
    facets: dict[str, list[FacetValue]]
    page: int
    page_size: int
    # False when the counts (and facet counts) of a very common query are estimates.
    exact: bool = True
    # The number of reports may be exact while sections and facets are estimated (any
    # two-character term: every candidate report matches).
    reports_exact: bool = True
    # False when there are too many matches to rank them all: results then follow the newest
    # year first, ranked within blocks of RANK_BLOCK (the pages say so).
    ranked_overall: bool = True
    # Asked for by year (``sort=newest``): newest first, by relevance within a year.
    newest_first: bool = False

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.reports / self.page_size))

    @property
    def pages_known(self) -> int:
        """How many pages are known to hold results: ``num_pages``; with an estimate, the page
        reached when it is the last, else the estimate or the pages reached past it (a full page
        promises one more)."""
        if self.reports_exact:
            return self.num_pages
        if self.results and not self.has_next:
            return self.page  # the last: an estimate may be high too
        return max(self.num_pages, self.page + self.has_next)

    @property
    def has_next(self) -> bool:
        """Whether another page follows: by the count when it is exact; an estimate may be low
        (num_pages with it), so then by whether this page is full."""
        return self.page < self.num_pages if self.reports_exact else len(self.results) == self.page_size


@dataclass
class _ReportMatch:
    """What the exact section check found in one report."""

    report_id: int
    columns: dict[str, object]
    sections: dict[int, float] = field(default_factory=dict)
    labels: set[str] = field(default_factory=set)
    topics: set[str] = field(default_factory=set)
    score: float = 0.0


def search_page(
    query: str | Query,
    filters: Mapping[str, str] | None = None,
    page: int = 1,
    page_size: int = 20,
) -> SearchPage:
    """One page of reports matching ``query`` under ``filters``; raises ``QueryError``."""
    load_database_words()  # split long terms with the same dictionary the index used
    parsed = query if isinstance(query, Query) else parse_query(query)
    if page < 1:
        raise QueryError("页码应从 1 开始。")
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise QueryError(f"每页条数应在 1 到 {MAX_PAGE_SIZE} 之间。")
    selection = parse_selection(filters)
    with transaction.atomic(), connection.cursor() as cursor:
        # One round trip for the three settings:
        # - a common term matches most rows, so the planner would pick a sequential scan; the
        #   GIN bitmap needs no recheck for these queries and is far cheaper;
        # - a bitmap too large for work_mem turns lossy, and a lossy page is rechecked by
        #   computing the indexed expression for each of its rows;
        # - enable_seqscan = off inflates cost estimates past jit_above_cost: compiling the
        #   expressions then took ~130 ms of a query that runs in a few.
        cursor.execute("SET LOCAL enable_seqscan = off; SET LOCAL work_mem = '64MB'; SET LOCAL jit = off")
        rows, scale = _candidate_rows(cursor, parsed, selection, sample=True), SAMPLE_MODULUS
        if len(rows) * SAMPLE_MODULUS <= FULL_COUNT_LIMIT:
            rows, scale = _candidate_rows(cursor, parsed, selection, sample=False), 1
            if len(rows) <= EXACT_REPORT_LIMIT:
                return _exact_page(cursor, parsed, selection, [row[0] for row in rows], page, page_size)
        spread = _verify_spread(cursor, parsed, selection, rows)
        if not spread.matches:
            # No verified match in the spread: the page would come from the section index anyway
            # (``_walk_range``), so read every matching section from it now, once, and count exactly.
            rarest_first = _rarest_clauses_first(cursor, parsed, spread.report_ids)
            rows, scale = _section_rows(cursor, rarest_first, selection, exact=True), 1
            if len(rows) <= EXACT_REPORT_LIMIT:
                return _exact_page(cursor, parsed, selection, [row[0] for row in rows], page, page_size)
            spread = _verify_spread(cursor, parsed, selection, rows)
        elif spread.share < LOW_SHARE:
            # Common words that rarely meet in one section: the sections holding every gram
            # of the query are a far tighter candidate set, and the section index finds them.
            tighter = _section_rows(cursor, parsed, selection, exact=False, limit=SECTION_CANDIDATE_LIMIT)
            if tighter is not None:
                rows, scale = tighter, 1
                if len(rows) <= EXACT_REPORT_LIMIT:
                    return _exact_page(cursor, parsed, selection, [row[0] for row in rows], page, page_size)
                spread = _verify_spread(cursor, parsed, selection, rows)
        return _bounded_page(cursor, parsed, selection, rows, scale, spread, page, page_size)


def _candidate_rows(cursor, query: Query, selection: Selection, *, sample: bool) -> list[tuple]:
    """(report_id, *REPORT_COLUMNS) of every candidate report, or of those in the sample.

    The plan must start from the GIN index: the filters are written so no btree index can
    answer them (see ``Selection.where``), and the index holds the place and the year
    (``models.REPORT_FILTER_KEYS``), so one scan applies the term and those filters together.
    """
    where, params = selection.where(sections=False, btree=False)
    bigrams = (
        f"{SAMPLE_BIGRAMS} @@ %s::tsquery AND {SAMPLE_CONDITION}"
        if sample
        else f"{REPORT_BIGRAMS} @@ %s::tsquery"
    )
    cursor.execute(
        f"SELECT report_id, {', '.join(REPORT_COLUMNS)} FROM {REPORT_TABLE} WHERE {bigrams} AND {where}",
        [query.report_tsquery, *params],
    )
    return cursor.fetchall()


def _section_rows(
    cursor, query: Query, selection: Selection, *, exact: bool, limit: int | None = None
) -> list[tuple] | None:
    """Candidate rows (one per report) of the reports with a section holding every gram of the
    query or, if ``exact``, truly matching it; None if more than ``limit`` sections do.

    The section index answers the gram test without reading any text, and it starts from the
    rarest gram, so its cost follows the rarest word, not the common ones; ``exact`` then
    reads the text of each such section.
    """
    where, params = selection.where(sections=True)
    condition, condition_params = query.section_condition() if exact else ("TRUE", [])
    bound, bound_params = ("LIMIT %s", [limit + 1]) if limit is not None else ("", [])
    cursor.execute(
        f"SELECT report_id, {', '.join(REPORT_COLUMNS)} FROM {SECTION_TABLE} "
        f"WHERE {SECTION_GRAMS} @@ %s::tsquery AND {condition} AND {where} {bound}",
        [query.section_tsquery, *condition_params, *params, *bound_params],
    )
    sections = cursor.fetchall()
    if limit is not None and len(sections) > limit:
        return None
    return list({row[0]: row for row in sections}.values())


@dataclass
class _Spread:
    """A spread of candidates checked exactly: which, and those that truly match."""

    report_ids: list[int]
    matches: dict[int, _ReportMatch]

    @property
    def checked(self) -> int:
        return len(self.report_ids)

    @property
    def share(self) -> float:
        return len(self.matches) / self.checked if self.checked else 1.0


def _verify_spread(cursor, query: Query, selection: Selection, rows: list[tuple]) -> _Spread:
    """Check ``SAMPLE_REPORTS`` candidates spread over ``rows`` exactly (one index lexeme
    deciding the query needs no check of who matches, but sections and labels still count)."""
    step = max(1, len(rows) // SAMPLE_REPORTS)
    ids = [row[0] for row in rows[::step]]
    return _Spread(ids, _match_sections(cursor, query, selection, ids, rank=False))


def _rarest_clauses_first(cursor, query: Query, report_ids: list[int]) -> Query:
    """``query`` with its clauses ordered by how many of these reports hold each, fewest first.

    A section that lacks the rarest term is then ruled out after one test, which decompresses
    its text once rather than once per term (公平竞争审查 合法性审核: 22,003 candidate sections
    at 100k reports, 185 → 145 ms for the check with the rare term first).
    """
    if len(query.clauses) < 2 or not report_ids:
        return query
    conditions = query.clause_conditions()
    counts = ", ".join(f"count(*) FILTER (WHERE {sql})" for sql, _ in conditions)
    cursor.execute(
        f"SELECT {counts} FROM {REPORT_TABLE} WHERE report_id = ANY(%s)",
        [*(param for _, params in conditions for param in params), report_ids],
    )
    held = cursor.fetchone()
    return query.with_clause_order(sorted(range(len(conditions)), key=lambda i: held[i]))


def _match_sections(
    cursor, query: Query, selection: Selection, report_ids: list[int], *, rank: bool = True
) -> dict[int, _ReportMatch]:
    """The exact section check over ``report_ids``: matches (with section scores if ``rank``).

    The sections are found by report (an index on report_id), so the work is bounded by these
    few reports whatever the corpus size.
    """
    if not report_ids:
        return {}
    where, params = selection.where(sections=True)
    condition, condition_params = query.section_condition()
    score, score_params = query.section_rank() if rank else ("0", [])
    cursor.execute(
        f"""
        SELECT report_id, section_id, label, topic, {", ".join(REPORT_COLUMNS)}, {score}
        FROM {SECTION_TABLE}
        WHERE report_id = ANY(%s) AND {where} AND {condition}
        """,
        [*score_params, report_ids, *params, *condition_params],
    )
    matches: dict[int, _ReportMatch] = {}
    for row in cursor.fetchall():
        report_id, section_id, label, topic = row[:4]
        match = matches.get(report_id)
        if match is None:
            columns = dict(zip(REPORT_COLUMNS, row[4:10], strict=True))
            match = matches[report_id] = _ReportMatch(report_id, columns)
        score = float(row[10])
        match.sections[section_id] = max(score, match.sections.get(section_id, 0.0))
        match.labels.add(label)
        if topic:
            match.topics.add(topic)
    return matches


class _ReportDetails(NamedTuple):
    """What a results page shows of a report (plain values: model instances cost)."""

    title: str
    agency: str
    region: str
    synthetic: bool


def _report_details(report_ids: list[int]) -> dict[int, _ReportDetails]:
    rows = Report.objects.filter(pk__in=report_ids).values_list(
        "pk",
        "title",
        "agency__name",
        "agency__region__parent__parent__name",
        "agency__region__parent__name",
        "agency__region__name",
        "is_synthetic",
    )
    return {
        pk: _ReportDetails(title, agency, "".join(filter(None, places)), synthetic)
        for pk, title, agency, *places, synthetic in rows
    }


def _score_reports(cursor, query: Query, matches: dict[int, _ReportMatch]) -> dict[int, _ReportDetails]:
    """Set each match's score; returns the matching reports' details."""
    details = _report_details(list(matches))
    whole_words: dict[int, float] = {}  # report → share of the query's words it holds whole
    hashes = query.word_hashes
    if matches and hashes:
        cursor.execute(
            f"""
            SELECT report_id, (SELECT count(*) FROM unnest(%s::int[]) AS wanted(hash) WHERE hash = ANY(words))
            FROM {REPORT_TABLE} WHERE report_id = ANY(%s) AND words && %s::int[]
            """,
            [hashes, list(matches), hashes],
        )
        whole_words = {report_id: held / len(hashes) for report_id, held in cursor.fetchall()}
    parts = query.highlight_parts
    for match in matches.values():
        title = normalize_text(details[match.report_id].title if match.report_id in details else "")
        title_bonus = TITLE_TIER if any(part in title for part in parts) else 0.0
        word_bonus = WORD_TIER * whole_words.get(match.report_id, 0.0)
        match.score = (
            max(match.sections.values())
            + SECTIONS_BONUS * math.log2(len(match.sections))
            + title_bonus
            + word_bonus
        )
    return details


def _ranked(matches: Iterable[_ReportMatch], *, newest_first: bool = False) -> list[_ReportMatch]:
    if newest_first:
        return sorted(matches, key=lambda m: (-int(m.columns["year"]), -round(m.score, 6), -m.report_id))
    return sorted(matches, key=lambda m: (-round(m.score, 6), -int(m.columns["year"]), -m.report_id))


def _exact_page(cursor, query, selection, candidates, page, page_size) -> SearchPage:
    matches = _match_sections(cursor, query, selection, candidates)
    details = _score_reports(cursor, query, matches)
    ranked = _ranked(matches.values(), newest_first=selection.newest_first)
    window = ranked[(page - 1) * page_size : page * page_size]
    return SearchPage(
        query=query,
        reports=len(ranked),
        sections=sum(len(m.sections) for m in ranked),
        results=_hits(query, window, details),
        facets=build_facets(_exact_counts(ranked), selection),
        page=page,
        page_size=page_size,
        newest_first=selection.newest_first,
    )


def _exact_counts(matches: list[_ReportMatch]) -> dict[str, Counter]:
    """Facet counts of every match: reports by place, year, level and kind; by label and topic."""
    counts: dict[str, Counter] = {
        name: Counter() for name in (*FACET_OF_COLUMN.values(), "year", "level", "kind", "label", "topic")
    }
    for match in matches:
        for column, value in match.columns.items():
            counts[FACET_OF_COLUMN.get(column, column)][value] += 1
        counts["label"].update(match.labels)
        counts["topic"].update(match.topics)
    return counts


def _bounded_page(cursor, query, selection, rows, scale, spread: _Spread, page, page_size) -> SearchPage:
    """Counts from candidate report rows (all, or the sample scaled up) and the verified spread;
    a page from the walk."""
    by_column = list(zip(*rows, strict=True)) or [()] * (1 + len(REPORT_COLUMNS))
    counts = {
        FACET_OF_COLUMN.get(column, column): Counter({v: n * scale for v, n in Counter(values).items()})
        for column, values in zip(REPORT_COLUMNS, by_column[1:], strict=True)
    }
    candidates = len(rows) * scale

    sampled, share = spread.matches, spread.share
    # One index lexeme decides the query: every candidate matches (only the ranking needs sections).
    all_match = query.report_level_exact and not selection.filters_sections
    exact_reports = all_match and scale == 1
    if not exact_reports:
        counts = {name: Counter({v: round(n * share) for v, n in c.items()}) for name, c in counts.items()}
    per_sampled = len(rows) * scale / max(1, spread.checked)
    sampled_labels = Counter(label for m in sampled.values() for label in m.labels)
    sampled_topics = Counter(topic for m in sampled.values() for topic in m.topics)
    counts["label"] = Counter({v: round(n * per_sampled) for v, n in sampled_labels.items()})
    counts["topic"] = Counter({v: round(n * per_sampled) for v, n in sampled_topics.items()})
    reports = candidates if exact_reports else round(candidates * share)
    sections = round(sum(len(m.sections) for m in sampled.values()) * per_sampled)

    # Whole blocks of RANK_BLOCK around the page are read and ranked, so a page of 100 (the API,
    # the CSV export) lists exactly what five pages of 20 do.
    first = (page - 1) * page_size
    start = first - first % RANK_BLOCK
    end = -(-(first + page_size) // RANK_BLOCK) * RANK_BLOCK
    with _candidate_walk(cursor, query, selection, rows, scale) as walk:
        window, every_match = _walk_range(
            cursor, query, selection, start, end - start, walk, all_match=all_match, share=share
        )
    if every_match is not None:  # the walk verified every candidate: the estimates give way
        counts, reports = _exact_counts(every_match), len(every_match)
        sections = sum(len(m.sections) for m in every_match)
    details = _score_reports(cursor, query, {match.report_id: match for match in window})
    # The walk goes newest year first: ranking each block by year, then relevance, orders the
    # whole list so when that is asked for.
    blocks = [
        _ranked(window[i : i + RANK_BLOCK], newest_first=selection.newest_first)
        for i in range(0, len(window), RANK_BLOCK)
    ]
    ranked = [match for block in blocks for match in block][first - start : first - start + page_size]
    return SearchPage(
        query=query,
        reports=reports,
        sections=sections,
        results=_hits(query, ranked, details),
        facets=build_facets(counts, selection),
        page=page,
        page_size=page_size,
        exact=every_match is not None,
        reports_exact=exact_reports or every_match is not None,
        ranked_overall=False,
        newest_first=selection.newest_first,
    )


class _CandidateWalk:
    """Candidate report ids newest first: from a list in hand, or from the ``search_walk`` cursor."""

    def __init__(self, cursor, ordered_ids: list[int] | None = None) -> None:
        self.cursor, self.ids, self.position = cursor, ordered_ids, 0

    def take(self, count: int) -> list[int]:
        if self.ids is not None:
            taken = self.ids[self.position : self.position + count]
            self.position += len(taken)
            return taken
        self.cursor.execute(f"FETCH FORWARD {count} FROM search_walk")
        return [row[0] for row in self.cursor.fetchall()]

    def skip(self, count: int) -> None:
        if self.ids is not None:
            self.position += count
        elif count:
            self.cursor.execute(f"MOVE FORWARD {count} FROM search_walk")


@contextmanager
def _candidate_walk(cursor, query, selection, rows, scale) -> Iterator[_CandidateWalk]:
    """Walk every candidate row in hand, or (rows from the sample) the candidates in the index."""
    if scale == 1:
        year = 1 + REPORT_COLUMNS.index("year")
        yield _CandidateWalk(cursor, [row[0] for row in sorted(rows, key=lambda r: (-r[year], -r[0]))])
        return
    # The planner assumes ANDed lexemes are independent and may expect a few hundred rows where
    # tens of thousands match, then sorts them all; the candidate count tells it better. Dense
    # candidates are walked along the (year, report_id) index; sparse ones come from the GIN
    # bitmap, which must not be left for the year index (see ``Selection.where``).
    # Either way each walked report's text is tested for the terms (exact at report level, and
    # far cheaper than computing its bigrams).
    dense = len(rows) * scale >= WALK_DENSITY * _report_rows(cursor)
    where, params = selection.where(sections=False, btree=dense)
    condition, condition_params = query.report_condition()
    bigrams, bigram_params = (
        ("TRUE", []) if dense else (f"{REPORT_BIGRAMS} @@ %s::tsquery", [query.report_tsquery])
    )
    cursor.execute(f"SET LOCAL enable_bitmapscan = {'off' if dense else 'on'}")
    cursor.execute(
        f"""
        DECLARE search_walk NO SCROLL CURSOR FOR
        SELECT report_id FROM {REPORT_TABLE} WHERE {bigrams} AND {condition} AND {where}
        ORDER BY year DESC, report_id DESC
        """,
        [*bigram_params, *condition_params, *params],
    )
    cursor.execute("SET LOCAL enable_bitmapscan = on")
    yield _CandidateWalk(cursor)
    # Not in a ``finally``: after an error the transaction is aborted, and rolling it (or its
    # savepoint) back closes the cursor anyway.
    cursor.execute("CLOSE search_walk")


def _walk_range(
    cursor, query, selection, start, count, walk: _CandidateWalk, *, all_match: bool, share: float
) -> tuple[list[_ReportMatch], list[_ReportMatch] | None]:
    """Matches ``start`` to ``start + count`` in walk order (newest first), candidates walked and
    verified in growing batches; and every match when the walk verified all candidates before
    the range was full (a range at or past the end), else None.

    The walk stops once the range is full, so its cost depends on the position and on the share
    of candidates that truly match, not on their number. When every candidate matches, the range
    is an offset into the walk. When few do (two common words rarely in one section), the
    section index finds the matching reports instead: slower, never wrong. It does so at once
    when the verified spread says ``WALK_LIMIT`` candidates would not fill the range (walking
    2,000 candidates for nothing took 430 ms at 100k reports), else after ``WALK_LIMIT``.
    """
    if all_match:
        walk.skip(start)
        return _in_order(_match_sections(cursor, query, selection, ids := walk.take(count)), ids), None
    if share * WALK_LIMIT < start + count:
        return _through_sections(cursor, query, selection, start, count), None
    found: list[_ReportMatch] = []
    batch, walked, exhausted = 2 * count, 0, False
    while len(found) < start + count and walked < WALK_LIMIT:
        ids = walk.take(batch)
        exhausted = len(ids) < batch
        found.extend(_in_order(_match_sections(cursor, query, selection, ids), ids))
        walked += len(ids)
        batch = min(2 * batch, WALK_BATCH_LIMIT)
        if exhausted:
            return found[start : start + count], found
    if len(found) < start + count:
        return _through_sections(cursor, query, selection, start, count), None
    return found[start : start + count], None


def _in_order(matches: dict[int, _ReportMatch], ids: list[int]) -> list[_ReportMatch]:
    return [matches[report_id] for report_id in ids if report_id in matches]


def _report_rows(cursor) -> float:
    """The planner's own count of report index rows (kept by ANALYZE; no table scan)."""
    cursor.execute("SELECT reltuples FROM pg_class WHERE oid = %s::regclass", [REPORT_TABLE])
    return max(1.0, float(cursor.fetchone()[0]))


def _through_sections(cursor, query, selection, start, count) -> list[_ReportMatch]:
    """Matches ``start`` to ``start + count``, newest first, found through the section index
    (unbounded work)."""
    where, params = selection.where(sections=True)
    condition, condition_params = query.section_condition()
    cursor.execute(
        f"""
        SELECT report_id FROM {SECTION_TABLE}
        WHERE {SECTION_GRAMS} @@ %s::tsquery AND {condition} AND {where}
        GROUP BY report_id, year ORDER BY year DESC, report_id DESC LIMIT %s OFFSET %s
        """,
        [query.section_tsquery, *condition_params, *params, count, start],
    )
    ids = [row[0] for row in cursor.fetchall()]
    return _in_order(_match_sections(cursor, query, selection, ids), ids)


def _hits(query: Query, matches: list[_ReportMatch], details: dict[int, _ReportDetails]) -> list[ReportHit]:
    """Report and section details with snippets for one page of ranked matches."""
    if not matches:
        return []
    best_sections = {
        m.report_id: sorted(m.sections, key=lambda sid: -m.sections[sid])[:SECTIONS_PER_HIT] for m in matches
    }
    sections = {
        row[0]: row
        for row in Section.objects.filter(pk__in=[sid for ids in best_sections.values() for sid in ids])
        .order_by()
        .values_list("pk", "path", "heading", "body", "label", "topic")
    }
    parts = query.highlight_parts
    hits = []
    for match in matches:
        report = details[match.report_id]
        section_hits = []
        for sid in best_sections[match.report_id]:
            _, path, heading, body, label, topic = sections[sid]
            heading_html, snippet = section_html(heading, body, parts)
            section_hits.append(
                SectionHit(
                    section_id=sid,
                    path=path,
                    anchor=Section.anchor_for(path),
                    heading=heading,
                    heading_html=heading_html,
                    label=label,
                    topic=topic,
                    snippet_html=snippet,
                    score=round(match.sections[sid], 4),
                )
            )
        hits.append(
            ReportHit(
                report_id=match.report_id,
                title=report.title,
                agency=report.agency,
                region=report.region,
                year=int(match.columns["year"]),
                score=round(match.score, 4),
                synthetic=report.synthetic,
                matching_sections=len(match.sections),
                sections=section_hits,
            )
        )
    return hits
