"""A search as the pages and the API answer it: the result page for the query as typed and,
when nothing matches, the suggestions that do find reports (a page applies a confident one).

The suggestion vocabulary (domain terms, place and agency names) is built once per process and
again when agencies are added or removed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Max

from .browse import places_named
from .filters import PLACE_LEVELS
from .hanzi import to_simplified
from .models import Agency, Region
from .search import (
    QueryError,
    SearchPage,
    Suggestion,
    Vocabulary,
    domain_terms,
    other_wordings,
    search_page,
    suggest,
)
from .search.query import tokenize
from .search.selection import YEAR_MIN

SUGGESTIONS_CHECKED = 4


@dataclass
class Outcome:
    """What a page shows: a result page, or a message; and the query actually searched."""

    searched: str
    page: SearchPage | None = None
    error: str = ""
    applied: Suggestion | None = None
    suggestions: list[tuple[Suggestion, int]] = field(default_factory=list)
    wider: Widening | None = None


def _last_page(q: str, filters: Mapping[str, str], past: SearchPage, page_size: int) -> SearchPage:
    """The last page with results, for a page past the end: the count's last page when it is
    exact; with an estimate, which may be low or high, found by halving the pages between the
    first (which has results) and the one asked for (a few searches, for a rare request)."""
    if past.reports_exact:
        return search_page(q, filters, page=past.num_pages, page_size=page_size)
    # An estimate is never off by half: a page far past it (page=99999) is halved from there.
    empty = min(past.page, 2 * past.num_pages + 2)
    if empty < past.page and (probe := search_page(q, filters, page=empty, page_size=page_size)).results:
        return probe
    found = search_page(q, filters, page=1, page_size=page_size)
    while empty - found.page > 1:
        middle = search_page(q, filters, page=(found.page + empty) // 2, page_size=page_size)
        if middle.results:
            found = middle
        else:
            empty = middle.page
    return found


@dataclass(frozen=True)
class Widening:
    """The query with its other wordings (出庭应诉率 OR 出庭率), which finds more reports."""

    term: str  # the query's term as searched, without quotes
    query: str
    wordings: list[str]
    reports: int


def find(q: str, filters: Mapping[str, str], page: int, page_size: int) -> Outcome:
    """Search ``q``; with no hits, try the suggestions and apply a confident one that finds reports."""
    try:
        result = search_page(q, filters, page=page, page_size=page_size)
        if result.reports and not result.results and page > 1:
            result = _last_page(q, filters, result, page_size)
    except QueryError as error:
        return Outcome(q, error=error.message)
    outcome = Outcome(q, page=result)
    if result.reports:
        outcome.wider = widening(q, filters, result.reports) if page == 1 else None
        return outcome
    found = suggestions_with_hits(q, filters, page_size)
    if found and found[0][0].confident:
        outcome.applied, outcome.page = found[0]
        outcome.searched = found[0][0].text
        found = found[1:]
    outcome.suggestions = [(suggestion, other.reports) for suggestion, other in found]
    return outcome


@dataclass(frozen=True)
class Narrowing:
    """The search without a term naming a place or a year, filtered by that place or year."""

    label: str  # 在重庆市的报告中检索“行政复议”
    query: str
    filters: dict[str, str]


# A term that is a year (2023, 2023年, 2023年度).
_YEAR_TERM = re.compile(r"((?:19|20)\d{2})(?:年度?)?")


def narrowings(q: str, filters: Mapping[str, str], page: SearchPage) -> list[Narrowing]:
    """For a plain list of several terms, each term naming a place (重庆, 北京市) or a year (2023)
    as a filter of the search for the others: as a term it finds only the reports writing it
    near them (北京 行政复议 found 3 reports, the 北京市 filter 9), and a report of 2024 writing
    2023. A name several places share (朝阳) is offered as those of them the results of ``page``
    lie in; a place none of them lies in, or a year no report can be of, as nothing."""
    tokens = tokenize(q)
    if len(tokens) < 2 or any(token.operator or token.negate or token.phrase for token in tokens):
        return []  # with OR, - or quotes, cutting a term out would change what is asked
    placed = any(filters.get(level) for level in PLACE_LEVELS)
    found = []
    for token in tokens:
        rest = " ".join((q[: token.start] + q[token.end :]).split())
        year = _YEAR_TERM.fullmatch(token.text)
        if year and not filters.get("year") and YEAR_MIN <= int(year.group(1)) <= date.today().year:
            label = f"在{year.group(1)}年度的报告中检索“{rest}”"
            found.append(Narrowing(label, rest, {**filters, "year": year.group(1)}))
        elif not year and not placed:
            for place in _places_results_lie_in(token.text, page):
                label = f"在{place.full_name}的报告中检索“{rest}”"
                found.append(Narrowing(label, rest, {**filters, place.level: place.code}))
    return found


# Places of one name offered at most (和平: 天津市和平区 and 和平县 hold as many results).
PLACES_OFFERED = 3


def _places_results_lie_in(term: str, page: SearchPage) -> list[Region]:
    """The places ``term`` names that hold some of ``page``'s results (by its facet counts, so
    no report is counted here), most first."""
    counts = {value.value: value.count for level in PLACE_LEVELS for value in page.facets.get(level, [])}
    places = [place for place in places_named(to_simplified(term)) if counts.get(place.code)]
    return sorted(places, key=lambda place: -counts[place.code])[:PLACES_OFFERED]


def widening(q: str, filters: Mapping[str, str], found: int) -> Widening | None:
    """The one-term query ``q`` or'ed with the shorter ways reports write it, when that finds
    more than the ``found`` reports ``q`` does: reports say 出庭率 as well as 出庭应诉率, and a
    count of one wording alone misses the others. ``q`` is kept as typed (a long term without
    quotes is searched as its words), the shorter forms as phrases."""
    wordings = other_wordings(q)
    if not wordings:
        return None
    query = " OR ".join([q.strip(), *(f'"{wording}"' for wording in wordings)])
    try:
        wider = search_page(query, filters, page=1, page_size=1)
    except QueryError:
        return None
    if wider.reports <= found:
        return None
    return Widening(q.strip().strip('"'), query, wordings, wider.reports)


def suggestions_with_hits(
    q: str, filters: Mapping[str, str], page_size: int
) -> list[tuple[Suggestion, SearchPage]]:
    """The first ``SUGGESTIONS_CHECKED`` suggestions for ``q`` that find reports, with their
    first result page, most likely first."""
    found = []
    for suggestion in suggest(q, vocabulary())[:SUGGESTIONS_CHECKED]:
        try:
            other = search_page(suggestion.text, filters, page=1, page_size=page_size)
        except QueryError:
            continue
        if other.reports:
            found.append((suggestion, other))
    return found


_vocabulary: tuple[tuple[object, ...], Vocabulary] | None = None


def vocabulary() -> Vocabulary:
    """Domain terms, place names and the organ part of agency names (司法局 of 重庆市綦江区司法局)
    for suggestions; rebuilt when agencies change.

    Whole agency names are left out: at 100k synthetic reports they were 49,000 of 53,000 terms,
    and indexing their substrings by pinyin took 12 s and 730 MiB in every process, while the
    places and organs they are made of are in the vocabulary anyway (and a query naming an
    agency lists it: ``browse.agencies_named``).
    """
    global _vocabulary
    stats = Agency.objects.aggregate(count=Count("pk"), last=Max("pk"))
    key = (stats["count"], stats["last"])
    if _vocabulary is None or _vocabulary[0] != key:
        places = set(Region.objects.values_list("name", flat=True).distinct())
        organs = {organ_part(name, places) for name in Agency.objects.values_list("name", flat=True)}
        terms = sorted((places | organs) - {""})
        _vocabulary = (key, Vocabulary([*domain_terms(), *terms]))
    return _vocabulary[1]


def organ_part(agency_name: str, places: set[str]) -> str:
    """``agency_name`` without the place names it starts with: 重庆市綦江区司法局 → 司法局."""
    name = agency_name
    while True:
        prefix = next((name[:end] for end in range(len(name) - 1, 1, -1) if name[:end] in places), "")
        if not prefix:
            return name
        name = name[len(prefix) :]
