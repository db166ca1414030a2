"""The search pages: results with facets (``/search/``) and their CSV export (``/search/export.csv``).

The whole state (``q``, filters, ``page``) lives in the query string, validated by
``reports.filters.SearchForm``; one call to ``reports.search.search_page`` answers it. A query
the engine refuses, an empty one and one that finds nothing each get a message, never an error
page. When nothing is found, "did you mean" alternatives (``reports.search.suggest``) are
searched too: those that find reports are offered, and a confident one (synonym, same pinyin)
is searched straight away and the page says so.
"""

from __future__ import annotations

import html
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import chain, islice
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.html import strip_tags
from django.views.decorators.http import require_safe

from .api import BadRequest, flag, known_parameters
from .browse import agencies_named, regions_named, reports_titled
from .filters import PLACE_LEVELS, SEARCH_FILTERS, SearchForm
from .models import Region, Report, Section
from .search import (
    FILTER_TITLES,
    FacetValue,
    QueryError,
    ReportHit,
    SearchPage,
    SectionHit,
    search_page,
)
from .search.facets import choice_labels
from .search.models import SearchReport
from .search.query import characters_joined, parse_query, tokenize
from .search.selection import PLACE_UNKNOWN, PLACE_UNKNOWN_LABEL, parse_selection
from .searching import find, narrowings
from .spreadsheets import csv_download, download_name, spreadsheet_text

PAGE_SIZE = 20
AGENCIES_SHOWN = 5
EXPORT_MAX_REPORTS = 1000
EXPORT_PAGE_SIZE = 100
EXPORT_COLUMNS = (
    "报告ID",
    "标题",
    "机关",
    "机关层级",
    "机关类型",
    "省份",
    "城市",
    "区县",
    "年度",
    "合成样本",
    "匹配章节数",
    "章节路径",
    "章节标题",
    "章节类别",
    "片段",
    "报告网址",
    # to cite the report: where and when it was published, and whether all of it is held
    "发布日期",
    "来源网址",
    "转载或镜像",
    "正文不完整",
)
# Choosing a place clears the places below it, which may not lie inside the new one.
_BELOW = {"province": ("city", "county"), "city": ("county",)}
_STATE_KEYS = ("q", *SEARCH_FILTERS)
# The export takes the search's state without a page: it always starts at the first report.
EXPORT_PARAMETERS = _STATE_KEYS


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    selected: bool
    url: str


# A facet shows this many values; the rest wait behind a <details> “其余 N 个”, unless they are so
# few that showing them costs less than the extra line.
FACET_SHOWN = 10
FACET_SHOWN_MAX = 12


@dataclass(frozen=True)
class FacetGroup:
    name: str
    title: str
    links: list[FacetLink]
    note: str = ""

    @property
    def shown(self) -> list[FacetLink]:
        """The values always in view: the first ``FACET_SHOWN`` (all when there are few more)."""
        return self.links if len(self.links) <= FACET_SHOWN_MAX else self.links[:FACET_SHOWN]

    @property
    def more(self) -> list[FacetLink]:
        """The values behind “其余 N 个”."""
        return self.links[len(self.shown) :]

    @property
    def more_open(self) -> bool:
        """Whether “其余 N 个” starts open: one of its values is chosen."""
        return any(link.selected for link in self.more)


@dataclass(frozen=True)
class ActiveFilter:
    title: str
    label: str
    remove_url: str


@dataclass(frozen=True)
class ResultSection:
    hit: SectionHit
    label: str  # the section label as a reader sees it (主要举措和成效)
    url: str  # the report opened at this section, with the query marked


@dataclass(frozen=True)
class ResultItem:
    hit: ReportHit
    url: str  # the report opened at its best section
    sections: list[ResultSection]


@require_safe
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    context: dict[str, object] = {"form": form, "q": request.GET.get("q", "").strip()}
    if not form.is_valid():
        context["form_errors"] = form_errors(form)
        return render(request, "reports/search.html", context, status=400)
    q, filters = form.cleaned_data["q"], form.filters()
    if not q:
        # Filters without a word (a facet link with the box emptied): kept for the next search,
        # once they are known to be filters it can use.
        try:
            parse_selection(filters)
        except QueryError as error:
            context["form_errors"] = [error.message]
            return render(request, "reports/search.html", context, status=400)
        context.update(filters=filters, waiting_filters=filter_descriptions(filters))
        return render(request, "reports/search.html", context)
    outcome = find(q, filters, form.cleaned_data["page"] or 1, PAGE_SIZE)
    state = search_state(outcome.searched, filters)
    context.update(
        outcome=outcome,
        state=state,
        filters=filters,
        narrowed=any(name != "sort" for name in filters),  # the order narrows nothing
        results=[result_item(hit, state) for hit in outcome.page.results] if outcome.page else [],
        facet_groups=facet_groups(outcome.page, state) if outcome.page else [],
        active=active_filters(outcome.page, state) if outcome.page else [],
        export_query=without_page(state).urlencode(),
        export_max=EXPORT_MAX_REPORTS,
    )
    if outcome.page and not outcome.page.reports:
        # Nothing found in an empty index (migrated, not yet rebuilt): say so, not "no match".
        context["index_empty"] = not SearchReport.objects.exists() and Report.objects.exists()
    # "or" between words is searched as the word: say how to ask for either (OR in capitals
    # between two words). An OR alone is a word too, and one at either end is dropped: say why.
    tokens = tokenize(q)
    as_word = [
        token.text
        for token in tokens
        if token.text.lower() == "or" and not token.operator and not token.phrase
    ]
    dangling = bool(tokens) and (tokens[0].operator or tokens[-1].operator)
    context["or_as_word"] = "OR" if "OR" in as_word or dangling else ("or" if as_word else "")
    context["or_dropped"] = dangling

    # Characters typed apart (行 政 复 议) are searched one by one: offer the word they spell.
    if joined := characters_joined(q):
        context["joined"] = (joined, search_state(joined, filters))
    if outcome.page:
        # A long term was split into its words: offer the whole term as a phrase.
        context["split_terms"] = [
            (term, search_state(outcome.searched.replace(term.raw, f'"{term.raw}"', 1), filters))
            for term in outcome.page.query.split_terms
        ]
    if outcome.page and outcome.page.page == 1:
        context.update(named_agencies(outcome.page.query.required_strings))
        context["regions"] = regions_named(outcome.page.query.required_strings)
        context["narrowings"] = [
            (narrowing.label, search_state(narrowing.query, narrowing.filters))
            for narrowing in narrowings(outcome.searched, filters, outcome.page)
        ]
        context["titled_reports"] = reports_titled(outcome.page.query.required_strings)
    # a query or filter refused is the asker's to change: a 4xx, as the API and the export answer it
    return render(request, "reports/search.html", context, status=400 if outcome.error else 200)


def named_agencies(words: list[str]) -> dict[str, object]:
    """The agencies a query names (a few, most reports first) and, when there are more, the
    compare index's list of every agency whose name holds the query's one word."""
    found = agencies_named(words, limit=AGENCIES_SHOWN + 1)
    more = ""
    if len(found) > AGENCIES_SHOWN and len(words) == 1:
        more = f"{reverse('reports:compare')}?{urlencode({'agency': words[0], 'view': 'agency'})}"
    return {"agencies": found[:AGENCIES_SHOWN], "more_agencies_url": more}


def search_state(q: str, filters: dict[str, str]) -> QueryDict:
    """The query string of a search, in a fixed order (q first, then the filters)."""
    state = QueryDict(mutable=True)
    state["q"] = q
    for name in SEARCH_FILTERS:
        if name in filters:
            state[name] = filters[name]
    return state


def without_page(state: QueryDict) -> QueryDict:
    state = state.copy()
    state.pop("page", None)
    return state


def changed(state: QueryDict, name: str, value: str | None) -> str:
    """``?…`` of ``state`` with ``name`` set (or removed when None), places below it and the page cleared."""
    new = without_page(state)
    for below in _BELOW.get(name, ()):
        new.pop(below, None)
    if value is None:
        new.pop(name, None)
    else:
        new[name] = value
    return "?" + new.urlencode()


def facet_groups(page: SearchPage, state: QueryDict) -> list[FacetGroup]:
    """The facets shown: province → city → county as places are chosen; year, level, kind, label, topic."""
    facets = page.facets
    shown = ["province"]
    if state.get("province"):
        shown.append("city")
    if state.get("city") or (state.get("province") and not facets.get("city")):
        shown.append("county")
    shown += ["year", "level", "kind", "label", "topic"]
    groups = []
    for name in shown:
        values: list[FacetValue] = facets.get(name, [])
        if not values:
            continue
        links = [
            FacetLink(v.label, v.count, v.selected, changed(state, name, None if v.selected else v.value))
            for v in values
        ]
        groups.append(FacetGroup(name, FILTER_TITLES[name], links, _unplaced_note(page, name, values)))
    return groups


def _unplaced_note(page: SearchPage, name: str, values: list[FacetValue]) -> str:
    """What the province counts leave out: reports of central organs and of agencies whose place
    is unknown have no province (said only when the counts are exact)."""
    if name != "province" or any(v.selected for v in values) or not page.reports_exact:
        return ""
    rest = page.reports - sum(v.count for v in values)
    return f"另有 {rest} 份为中央部门或所属地区未定的报告" if rest > 0 else ""


def active_filters(page: SearchPage, state: QueryDict) -> list[ActiveFilter]:
    """The chosen filters with links that remove each one."""
    active = []
    for name, title in FILTER_TITLES.items():
        if not state.get(name):
            continue
        chosen = next((v for v in page.facets.get(name, []) if v.selected), None)
        label = chosen.label if chosen else state[name]
        active.append(ActiveFilter(title, label, changed(state, name, None)))
    if state.get("include_old"):
        active.append(ActiveFilter("版本", "包括旧版本", changed(state, "include_old", None)))
    return active


def filter_descriptions(filters: dict[str, str]) -> list[str]:
    """The chosen filters in words (省份:重庆市, 章节类别:存在的不足), for a page without results
    whose facets would name them."""
    places = dict(Region.objects.filter(code__in=filters.values()).values_list("code", "name"))
    described = []
    for name, title in FILTER_TITLES.items():
        if value := filters.get(name):
            if name in PLACE_LEVELS:
                label = PLACE_UNKNOWN_LABEL if value == PLACE_UNKNOWN else places.get(value)
            else:
                label = choice_labels(name).get(value)
            described.append(f"{title}:{label or value}")
    if filters.get("include_old"):
        described.append("版本:包括旧版本")
    return described


def result_item(hit: ReportHit, state: QueryDict) -> ResultItem:
    """A result with links to its report opened at each section, the search carried along (for the
    marks and the way back)."""
    base = f"{reverse('reports:detail', args=[hit.report_id])}?{without_page(state).urlencode()}"
    labels = dict(Section.Label.choices)
    sections = [ResultSection(s, labels.get(s.label, s.label), f"{base}#{s.anchor}") for s in hit.sections]
    return ResultItem(hit, sections[0].url if sections else base, sections)


def back_to_results(params: QueryDict) -> str:
    """``/search/?…`` rebuilt from the search parameters a report page was opened with."""
    state = QueryDict(mutable=True)
    for name in _STATE_KEYS:
        if params.get(name):
            state[name] = params[name]
    return f"{reverse('reports:search')}?{state.urlencode()}"


@require_safe
def search_export(request: HttpRequest) -> HttpResponse:
    """The search as CSV: one row per report and best section (up to three per report), first
    ``EXPORT_MAX_REPORTS`` reports in rank order; UTF-8 with a BOM so that Excel reads Chinese.

    Parameters it cannot serve (an unknown one, a bad value, no query) get a 400 in plain text
    (``export_refused``), as strict as the API; the page links here only with a valid search."""
    form = SearchForm(request.GET)
    try:
        known_parameters(request.GET, EXPORT_PARAMETERS)
        flag(request.GET, "include_old")
    except BadRequest as error:
        return export_refused(request, str(error))
    if not form.is_valid():
        return export_refused(request, " ".join(form_errors(form)))
    q, filters = form.cleaned_data["q"], form.filters()
    try:
        if not q:
            parse_query(q)  # says what to type
        rows = export_rows(request, q, filters)
        first = list(islice(rows, 1))  # the first page searched here: a refusal is still a 400
    except QueryError as error:
        return export_refused(request, error.message)
    # Streamed: a thousand reports took 3–4 s to build before the first byte was sent.
    return csv_download(chain([EXPORT_COLUMNS], first, rows), download_name("检索", q[:30]), streamed=True)


def export_refused(request: HttpRequest, message: str) -> HttpResponse:
    """A 400 in plain text for an export that cannot be made: a script saving the CSV must not
    get a page instead; a person reads why and the way back to the search."""
    back = request.build_absolute_uri(f"{reverse('reports:search')}?{request.GET.urlencode()}")
    return HttpResponse(
        f"无法导出:{message}\n返回检索页面:{back}\n",
        status=400,
        content_type="text/plain; charset=utf-8",
    )


def form_errors(form: SearchForm) -> list[str]:
    """Each invalid field's errors after its label (年度:请输入整数。)."""
    return [f"{form.fields[name].label}:{' '.join(errors)}" for name, errors in form.errors.items()]


def export_rows(request: HttpRequest, q: str, filters: dict[str, str]) -> Iterator[list[object]]:
    """CSV rows page by page (``EXPORT_PAGE_SIZE`` reports each), stopping at ``EXPORT_MAX_REPORTS``."""
    state = search_state(q, filters)
    query = "?" + state.urlencode()
    labels = dict(Section.Label.choices)
    for number in range(1, EXPORT_MAX_REPORTS // EXPORT_PAGE_SIZE + 1):
        page = search_page(q, filters, page=number, page_size=EXPORT_PAGE_SIZE)
        details = report_details([hit.report_id for hit in page.results])
        for hit in page.results:
            # a report deleted since the search ran: its row without them
            found = details.get(hit.report_id, ExportDetails([""] * 5, [""] * 4))
            level, kind, *places = found.agency
            base = request.build_absolute_uri(reverse("reports:detail", args=[hit.report_id])) + query
            for section in hit.sections or [None]:
                yield [
                    hit.report_id,
                    spreadsheet_text(hit.title),
                    spreadsheet_text(hit.agency),
                    level,
                    kind,
                    *places,
                    hit.year,
                    "是" if hit.synthetic else "否",
                    hit.matching_sections,
                    section.path if section else "",
                    spreadsheet_text(section.heading) if section else "",
                    labels.get(section.label, section.label) if section else "",
                    spreadsheet_text(plain_text(section.snippet_html)) if section else "",
                    base + (f"#{section.anchor}" if section else ""),
                    *found.citation,
                ]
        if not page.has_next:  # not num_pages: an estimated count may be low
            break


@dataclass
class ExportDetails:
    agency: list[str]  # the agency's level and kind in words, its province, city and county
    citation: list[str]  # publication date, source address, 是 for a mirror or reprint, 是 when partial


def report_details(report_ids: list[int]) -> dict[int, ExportDetails]:
    """Each report's agency and place names and what citing it needs, in one query."""
    reports = (
        Report.objects.filter(pk__in=report_ids)
        .select_related("agency__region__parent__parent")
        .only(
            "pk",
            "published_on",
            "source_url",
            "text_cut",
            "agency__region__code",  # a repost on a lower government's site is a copy too
            "agency__level",
            "agency__kind",
            "agency__region__name",
            "agency__region__level",
            "agency__region__parent__name",
            "agency__region__parent__level",
            "agency__region__parent__parent__name",
            "agency__region__parent__parent__level",
            # the top's own parent (none): left deferred, each chain of places asked for it again
            "agency__region__parent__parent__parent",
        )
    )
    details = {}
    for report in reports:
        agency = report.agency
        chain = agency.region.by_level() if agency.region else {}
        places = [chain[level].name if level in chain else "" for level in ("province", "city", "county")]
        details[report.pk] = ExportDetails(
            [agency.get_level_display(), agency.get_kind_display(), *places],
            [
                report.published_on.isoformat() if report.published_on else "",
                spreadsheet_text(report.source_url),
                ("是" if report.from_other_site else "否") if report.source_url else "",
                "是" if report.text_cut else "否",
            ],
        )
    return details


def plain_text(snippet_html: str) -> str:
    """A snippet's text without its marks and entities."""
    return html.unescape(strip_tags(snippet_html))
